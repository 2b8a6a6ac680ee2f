//! A hand-written SVG chart of one participant's SRM weeks: per item and day the time
//! relative to the habitual time (band = ± hit window; earlier above, later below, ±3 h shown,
//! values beyond that drawn at the edge with their clock time), hits, misses and excluded
//! values marked, and the daily mood underneath (0 drawn as a tick, missing left empty).

use std::fmt::Write;

use ipsrt::srm::{DayOutcome, Week, WeekScore};

const DAY_W: f64 = 44.0;
const ROW_H: f64 = 84.0;
const LABEL_W: f64 = 130.0;
const TOP: f64 = 78.0;
const RANGE: f64 = 180.0; // ± minutes shown per item row
const MOOD_H: f64 = 70.0;
/// Height of the strip at the top of each item box that holds its habitual time and hits, so
/// the text never covers a mark.
const STRIP: f64 = 14.0;

use crate::svg::esc;

/// Renders the chart.
pub fn render(participant: &str, weeks: &[Week], scores: &[WeekScore], window: u16) -> String {
    let items = weeks.first().map_or(0, |w| w.items().len());
    let week_w = DAY_W * 7.0 + 20.0;
    let width = (LABEL_W + week_w * weeks.len().max(1) as f64 + 10.0).max(720.0);
    let height = TOP + ROW_H * items as f64 + MOOD_H + 40.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r##"<text x="8" y="18" font-size="14" font-weight="bold">SRM diary: {}</text><text x="8" y="34" fill="#555">Each row: the day's clock time relative to the habitual time (dashed line), earlier above, later below, ±3 h shown; the band is ±{window} min.</text>"##,
        esc(participant)
    );
    // Legend with the marks themselves; each entry's width from its text (≈ 6.5 px a char).
    let ly = 50.0;
    let mut lx = 10.0;
    let entries: [(&str, &str); 5] = [
        (r##"<circle cx="{x}" cy="{y}" r="4" fill="#1a7f37"/>"##, "hit"),
        (r##"<circle cx="{x}" cy="{y}" r="4" fill="white" stroke="#d97706" stroke-width="2"/>"##, "kept, not a hit"),
        (
            r##"<path d="M{x0},{y0}L{x1},{y1}M{x0},{y1}L{x1},{y0}" stroke="#cf222e" stroke-width="2"/>"##,
            "excluded (beyond the SD trim)",
        ),
        (r##"<circle cx="{x}" cy="{y}" r="3" fill="#999"/>"##, "done on too few days to count"),
        ("", "▲/▼ off the scale, with the time"),
    ];
    for (mark, text) in entries {
        let m = mark
            .replace("{x}", &format!("{lx:.1}"))
            .replace("{y}", &format!("{ly:.1}"))
            .replace("{x0}", &format!("{:.1}", lx - 4.0))
            .replace("{x1}", &format!("{:.1}", lx + 4.0))
            .replace("{y0}", &format!("{:.1}", ly - 4.0))
            .replace("{y1}", &format!("{:.1}", ly + 4.0));
        let tx = if mark.is_empty() { lx - 4.0 } else { lx + 8.0 };
        let _ = writeln!(s, r##"{m}<text x="{tx:.1}" y="{:.1}" fill="#333">{}</text>"##, ly + 4.0, esc(text));
        lx = tx + 6.5 * text.chars().count() as f64 + 18.0;
    }
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
            let box_top = TOP + ii as f64 * ROW_H + 2.0;
            let box_h = ROW_H - 4.0;
            // The plot area is the box below the text strip.
            let y_mid = box_top + STRIP + (box_h - STRIP) / 2.0;
            let scale = ((box_h - STRIP) / 2.0 - 5.0) / RANGE;
            if wi == 0 {
                let _ = writeln!(s, r#"<text x="8" y="{:.1}">{}</text>"#, y_mid + 4.0, esc(iw.item.as_str()));
            }
            let _ = writeln!(
                s,
                r##"<rect x="{x0:.1}" y="{box_top:.1}" width="{:.1}" height="{box_h:.1}" fill="none" stroke="#ddd"/>"##,
                DAY_W * 7.0
            );
            let centre =
                is.habitual_minutes.or_else(|| iw.days.iter().find_map(|d| d.time()).map(|t| f64::from(t.minutes())));
            if is.counted {
                let band = f64::from(window).min(RANGE) * scale;
                let _ = writeln!(
                    s,
                    r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#cfe3ff"/><line x1="{x0:.1}" y1="{y_mid:.1}" x2="{:.1}" y2="{y_mid:.1}" stroke="#6b8fc7" stroke-dasharray="3,3"/>"##,
                    y_mid - band,
                    DAY_W * 7.0,
                    2.0 * band,
                    x0 + DAY_W * 7.0
                );
            }
            // Scale, in the label column: −3 h at the top of the plot area, +3 h at the bottom.
            if wi == 0 {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#888" text-anchor="end">−3 h</text><text x="{:.1}" y="{:.1}" font-size="9" fill="#888" text-anchor="end">+3 h</text>"##,
                    LABEL_W - 4.0,
                    y_mid - RANGE * scale + 3.0,
                    LABEL_W - 4.0,
                    y_mid + RANGE * scale + 3.0
                );
            }
            let label = match (is.habitual, is.counted) {
                (Some(h), true) => format!("habitual {h} · {} hits of {} days", is.hits, is.n),
                _ => format!("not counted (done on {} day{})", is.n, if is.n == 1 { "" } else { "s" }),
            };
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
                x0 + 3.0,
                box_top + 11.0,
                esc(&label)
            );
            let Some(c) = centre else { continue };
            for (d, (st, outcome)) in iw.days.iter().zip(is.days.iter()).enumerate() {
                let Some(t) = st.time() else { continue };
                let dev = (f64::from(t.minutes()) - c + 720.0).rem_euclid(1440.0) - 720.0;
                let y = y_mid + dev.clamp(-RANGE, RANGE) * scale;
                let x = x0 + d as f64 * DAY_W + DAY_W / 2.0;
                if dev.abs() > RANGE {
                    // Off the scale: an arrow and the clock time next to the mark.
                    // Written to the right of the mark, or to its left late in the week so the text
                    // stays inside the week's box.
                    let arrow = if dev < 0.0 { "▲" } else { "▼" };
                    let (tx, anchor) = if d >= 5 { (x - 6.0, "end") } else { (x + 6.0, "start") };
                    let _ = writeln!(
                        s,
                        r##"<text x="{tx:.1}" y="{:.1}" font-size="9" fill="#555" text-anchor="{anchor}">{arrow}{t}</text>"##,
                        y + 3.0
                    );
                }
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
        // Mood underneath: bars from 0 (above = elated, below = depressed), 0 as a tick, the
        // value written next to each bar, nothing on days without a rating.
        let y_mood = TOP + items as f64 * ROW_H + MOOD_H / 2.0 + 6.0;
        let half = MOOD_H / 2.0 - 4.0;
        if wi == 0 {
            let _ = writeln!(
                s,
                r##"<text x="8" y="{:.1}">mood</text><text x="{:.1}" y="{:.1}" font-size="9" fill="#888" text-anchor="end">+5</text><text x="{:.1}" y="{:.1}" font-size="9" fill="#888" text-anchor="end">0</text><text x="{:.1}" y="{:.1}" font-size="9" fill="#888" text-anchor="end">−5</text>"##,
                y_mood + 4.0,
                LABEL_W - 4.0,
                y_mood - half + 3.0,
                LABEL_W - 4.0,
                y_mood + 3.0,
                LABEL_W - 4.0,
                y_mood + half + 3.0
            );
        }
        let _ = writeln!(
            s,
            r##"<line x1="{x0:.1}" y1="{y_mood:.1}" x2="{:.1}" y2="{y_mood:.1}" stroke="#999"/><line x1="{x0:.1}" y1="{:.1}" x2="{x0:.1}" y2="{:.1}" stroke="#ccc"/>"##,
            x0 + DAY_W * 7.0,
            y_mood - half,
            y_mood + half
        );
        for (d, m) in week.mood().iter().enumerate() {
            let x = x0 + d as f64 * DAY_W + DAY_W / 2.0;
            let date = week.start() + chrono::Days::new(d as u64);
            let _ = writeln!(
                s,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
                y_mood + MOOD_H / 2.0 + 14.0,
                date.format("%a %d")
            );
            let Some(m) = m else { continue };
            let v = f64::from(m.value());
            let h = v.abs() / 5.0 * half;
            let (y, fill) = if v >= 0.0 { (y_mood - h, "#f59e0b") } else { (y_mood, "#3b82f6") };
            if m.value() == 0 {
                let _ = writeln!(
                    s,
                    r##"<rect x="{:.1}" y="{:.1}" width="14" height="3" fill="#555"><title>mood 0</title></rect>"##,
                    x - 7.0,
                    y_mood - 1.5
                );
            } else {
                let _ = writeln!(
                    s,
                    r#"<rect x="{:.1}" y="{y:.1}" width="14" height="{h:.1}" fill="{fill}"><title>mood {}</title></rect>"#,
                    x - 7.0,
                    m.value()
                );
            }
            let ty = if v >= 0.0 { y_mood - h - 3.0 } else { y_mood + h + 10.0 };
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{ty:.1}" font-size="9" fill="#333" text-anchor="middle">{}</text>"##,
                x + 12.0,
                if m.value() == 0 { "0".to_owned() } else { format!("{:+}", m.value()) }
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
