//! A hand-written SVG chart of one participant's SRM weeks: per item and day the time
//! relative to the habitual time (band = ± hit window), hits, misses and excluded values
//! marked, and the daily mood underneath.

use std::fmt::Write;

use ipsrt::srm::{DayOutcome, Week, WeekScore};

const DAY_W: f64 = 44.0;
const ROW_H: f64 = 70.0;
const LABEL_W: f64 = 170.0;
const TOP: f64 = 50.0;
const RANGE: f64 = 180.0; // ± minutes shown per item row
const MOOD_H: f64 = 60.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Renders the chart.
pub fn render(participant: &str, weeks: &[Week], scores: &[WeekScore], window: u16) -> String {
    let items = weeks.first().map_or(0, |w| w.items().len());
    let week_w = DAY_W * 7.0 + 20.0;
    let width = LABEL_W + week_w * weeks.len().max(1) as f64 + 10.0;
    let height = TOP + ROW_H * items as f64 + MOOD_H + 40.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r##"<text x="8" y="18" font-size="14" font-weight="bold">SRM diary: {}</text><text x="8" y="34" fill="#555">time relative to the habitual time (band ±{window} min; ●hit ○miss ✕excluded ·not counted); mood −5..+5 underneath</text>"##,
        esc(participant)
    );
    for (wi, (week, score)) in weeks.iter().zip(scores).enumerate() {
        let x0 = LABEL_W + wi as f64 * week_w;
        let title = match score.score {
            Some(v) => format!(
                "week of {}: SRM {v:.2} ({}/{}), ALI {}",
                week.start(),
                score.hits,
                score.counted_items,
                score.ali
            ),
            None => format!("week of {}: not scorable, ALI {}", week.start(), score.ali),
        };
        let _ = writeln!(s, r#"<text x="{x0:.1}" y="{:.1}" font-weight="bold">{}</text>"#, TOP - 4.0, esc(&title));
        for (ii, (iw, is)) in week.items().iter().zip(&score.items).enumerate() {
            let y_mid = TOP + ii as f64 * ROW_H + ROW_H / 2.0;
            let scale = (ROW_H / 2.0 - 4.0) / RANGE;
            if wi == 0 {
                let _ = writeln!(s, r#"<text x="8" y="{:.1}">{}</text>"#, y_mid + 4.0, esc(iw.item.as_str()));
            }
            let _ = writeln!(
                s,
                r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#ddd"/>"##,
                y_mid - ROW_H / 2.0 + 2.0,
                DAY_W * 7.0,
                ROW_H - 4.0
            );
            let centre =
                is.habitual_minutes.or_else(|| iw.days.iter().find_map(|d| d.time()).map(|t| f64::from(t.minutes())));
            if is.counted {
                let band = f64::from(window).min(RANGE) * scale;
                let _ = writeln!(
                    s,
                    r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#cfe3ff"/>"##,
                    y_mid - band,
                    DAY_W * 7.0,
                    2.0 * band
                );
            }
            let label = match (is.habitual, is.counted) {
                (Some(h), true) => format!("{h} · {}/{} hits", is.hits, is.n),
                _ => format!("not counted (n={})", is.n),
            };
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
                x0 + 2.0,
                y_mid - ROW_H / 2.0 + 13.0,
                esc(&label)
            );
            let Some(c) = centre else { continue };
            for (d, (st, outcome)) in iw.days.iter().zip(is.days.iter()).enumerate() {
                let Some(t) = st.time() else { continue };
                let dev = (f64::from(t.minutes()) - c + 720.0).rem_euclid(1440.0) - 720.0;
                let y = y_mid + dev.clamp(-RANGE, RANGE) * scale;
                let x = x0 + d as f64 * DAY_W + DAY_W / 2.0;
                let mark = match outcome {
                    DayOutcome::Hit => format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="#1a7f37"/>"##),
                    DayOutcome::Miss => {
                        format!(
                            r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="white" stroke="#d97706" stroke-width="2"/>"##
                        )
                    }
                    DayOutcome::Excluded => format!(
                        r##"<path d="M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}" stroke="#cf222e" stroke-width="2"/>"##,
                        x - 4.0,
                        y - 4.0,
                        x + 4.0,
                        y + 4.0,
                        x - 4.0,
                        y + 4.0,
                        x + 4.0,
                        y - 4.0
                    ),
                    _ => format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="#999"/>"##),
                };
                let _ = writeln!(s, "{mark}<title>{} day {d}: {t}</title>", esc(iw.item.as_str()));
            }
        }
        // Mood underneath.
        let y_mood = TOP + items as f64 * ROW_H + MOOD_H / 2.0 + 6.0;
        if wi == 0 {
            let _ = writeln!(s, r#"<text x="8" y="{:.1}">mood</text>"#, y_mood + 4.0);
        }
        let _ = writeln!(
            s,
            r##"<line x1="{x0:.1}" y1="{y_mood:.1}" x2="{:.1}" y2="{y_mood:.1}" stroke="#999"/>"##,
            x0 + DAY_W * 7.0
        );
        for (d, m) in week.mood().iter().enumerate() {
            let x = x0 + d as f64 * DAY_W + DAY_W / 2.0;
            let date = week.start() + chrono::Days::new(d as u64);
            let _ = writeln!(
                s,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
                y_mood + MOOD_H / 2.0 + 12.0,
                date.format("%a %d")
            );
            let Some(m) = m else { continue };
            let v = f64::from(m.value());
            let h = v.abs() / 5.0 * (MOOD_H / 2.0 - 2.0);
            let (y, fill) = if v >= 0.0 { (y_mood - h, "#f59e0b") } else { (y_mood, "#3b82f6") };
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{y:.1}" width="14" height="{h:.1}" fill="{fill}"><title>mood {}</title></rect>"#,
                x - 7.0,
                m.value()
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
