//! A hand-written SVG chart of one score series ([`ipsrt::measures::SeriesReport`]): the
//! instrument's bands as background, the totals by date joined by a line, each point marked by
//! its reliable change against the baseline, the remission cut-off and the response threshold
//! as dashed lines, and the band of measurement error around the baseline (a change inside it
//! is not reliable).
//!
//! [`render`] takes the evaluated series only, so any command that has one (a care record's
//! chart too) draws it the same way. The output is deterministic: fixed-decimal numbers, no
//! time stamps, no random ids.

use std::fmt::Write;

use ipsrt::measures::instrument::Cutoff;
use ipsrt::measures::series::{ReliableChange, SeriesReport};

use crate::svg::esc;

const WIDTH: f64 = 820.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 170.0; // room for band labels
const TOP: f64 = 92.0;
const BOTTOM: f64 = 70.0;

const BAND_FILLS: [&str; 6] = ["#eef6ee", "#f6f6e6", "#fbefe2", "#fbe4e0", "#f4dada", "#ecd3dc"];

/// Renders the chart of `report` under `title` (for example the person's id or "PHQ-9").
pub fn render(title: &str, report: &SeriesReport) -> String {
    let (lo, hi) = report.total_range;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let span = f64::from(hi.saturating_sub(lo).max(1));
    // Totals are drawn from lo - 0.5 to hi + 0.5 so that bands meet at half points
    // (PHQ-9: lines at 4.5, 9.5, ...).
    let y = |v: f64| TOP + plot_h * (1.0 - (v - f64::from(lo) + 0.5) / (span + 1.0));
    let first = report.points.first().map(|p| p.date);
    let last = report.points.last().map(|p| p.date);
    let days = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_days().max(0) as f64,
        _ => 0.0,
    };
    let x = |date: chrono::NaiveDate| match first {
        Some(a) if days > 0.0 => LEFT + 20.0 + (plot_w - 40.0) * ((date - a).num_days() as f64 / days),
        _ => LEFT + plot_w / 2.0,
    };

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0}" height="{HEIGHT:.0}" viewBox="0 0 {WIDTH:.0} {HEIGHT:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="8" y="18" font-size="14" font-weight="bold">{} {} (v{}): {} scores, baseline {} = {}</text>"#,
        esc(title),
        esc(report.instrument.as_str()),
        esc(&report.version),
        report.points.len(),
        report.baseline.date,
        report.baseline.total
    );
    let rc_text = match &report.reliable_change {
        Some(rc) => format!(
            "Reliable change (Jacobson–Truax): a change of more than {:.1} points from baseline (S_diff {:.2}; SD {} [{}], reliability {} [{}]).",
            rc.points_needed,
            rc.s_diff,
            rc.params.sd.value,
            rc.params.sd.source.key,
            rc.params.reliability.value,
            rc.params.reliability.source.key
        ),
        None => "Reliable change: not defined for this instrument (no published SD and reliability).".to_string(),
    };
    let _ = writeln!(s, r##"<text x="8" y="34" fill="#555">{}</text>"##, esc(&rc_text));

    // Legend.
    let ly = 54.0;
    let legend: [(&str, &str); 5] = [
        ("improved", "reliably improved"),
        ("worse", "reliably worse"),
        ("none", "no reliable change"),
        ("undefined", "not defined"),
        ("baseline", "baseline"),
    ];
    let mut lx = 14.0;
    for (kind, text) in legend {
        s.push_str(&marker(kind, lx, ly));
        let _ = writeln!(s, r##"<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##, lx + 9.0, ly + 4.0, esc(text));
        lx += 9.0 + 6.5 * text.chars().count() as f64 + 20.0;
    }

    // Bands as background, labelled on the right.
    if let Some(scheme) = &report.band_scheme {
        for (i, band) in scheme.bands.iter().enumerate() {
            let top = y(f64::from(band.max) + 0.5);
            let bottom = y(f64::from(band.min) - 0.5);
            let fill = BAND_FILLS.get(i % BAND_FILLS.len()).copied().unwrap_or("#f4f4f4");
            let _ = writeln!(
                s,
                r#"<rect x="{LEFT:.1}" y="{top:.1}" width="{plot_w:.1}" height="{:.1}" fill="{fill}"><title>{} {}–{} [{}]</title></rect>"#,
                bottom - top,
                esc(&band.label),
                band.min,
                band.max,
                esc(&scheme.source.key)
            );
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" fill="#444">{} {}–{}</text>"##,
                LEFT + plot_w + 6.0,
                (top + bottom) / 2.0 + 4.0,
                esc(&band.label),
                band.min,
                band.max
            );
        }
    }
    // Frame and y axis ticks.
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT:.1}" y="{TOP:.1}" width="{plot_w:.1}" height="{plot_h:.1}" fill="none" stroke="#999"/>"##
    );
    let step = if span > 30.0 { 10 } else { 5 };
    let mut tick = lo - lo.rem_euclid(step);
    while tick <= hi {
        if tick >= lo {
            let ty = y(f64::from(tick));
            let _ = writeln!(
                s,
                r##"<line x1="{:.1}" y1="{ty:.1}" x2="{LEFT:.1}" y2="{ty:.1}" stroke="#999"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444">{tick}</text>"##,
                LEFT - 4.0,
                LEFT - 6.0,
                ty + 4.0
            );
        }
        tick += step;
    }

    // Measurement-error band around the baseline.
    if let Some(rc) = &report.reliable_change {
        let b = f64::from(report.baseline.total);
        let top = y((b + rc.points_needed).min(f64::from(hi) + 0.5));
        let bottom = y((b - rc.points_needed).max(f64::from(lo) - 0.5));
        let _ = writeln!(
            s,
            r##"<rect x="{LEFT:.1}" y="{top:.1}" width="{plot_w:.1}" height="{:.1}" fill="#5577aa" fill-opacity="0.10" stroke="#5577aa" stroke-dasharray="2,3"><title>within measurement error of the baseline (±{:.1} points): not reliable change</title></rect>"##,
            bottom - top,
            rc.points_needed
        );
    }
    // Remission cut-off and response threshold.
    if let Some(rem) = &report.remission {
        let (line_at, text) = match rem.value {
            Cutoff::LessThan(v) => (f64::from(v) - 0.5, format!("remission: < {v}")),
            Cutoff::AtMost(v) => (f64::from(v) + 0.5, format!("remission: ≤ {v}")),
            Cutoff::AtLeast(v) => (f64::from(v) - 0.5, format!("remission: ≥ {v}")),
        };
        threshold(&mut s, y(line_at), &format!("{text} [{}]", rem.source.key), "#1a7f37", plot_w);
    }
    if let Some(resp) = &report.response {
        let b = f64::from(report.baseline.total);
        if report.baseline.total > lo {
            let at = b - (b - f64::from(lo)) * f64::from(resp.value) / 100.0;
            threshold(
                &mut s,
                y(at),
                &format!("response: ≥ {} % below baseline [{}]", resp.value, resp.source.key),
                "#6f42c1",
                plot_w,
            );
        }
    }

    // The line and the points.
    let path: Vec<String> =
        report.points.iter().map(|p| format!("{:.1},{:.1}", x(p.date), y(f64::from(p.total)))).collect();
    if path.len() > 1 {
        let _ =
            writeln!(s, r##"<polyline points="{}" fill="none" stroke="#333" stroke-width="1.5"/>"##, path.join(" "));
    }
    let label_every = report.points.len().div_ceil(12).max(1);
    for (i, p) in report.points.iter().enumerate() {
        let (px, py) = (x(p.date), y(f64::from(p.total)));
        let kind = if p.is_baseline {
            "baseline"
        } else {
            match p.reliable_change {
                ReliableChange::ReliablyImproved => "improved",
                ReliableChange::ReliablyWorse => "worse",
                ReliableChange::NoReliableChange => "none",
                ReliableChange::NotDefined => "undefined",
            }
        };
        let rci = p.rci.map_or_else(|| "not defined".to_string(), |v| format!("{v:.2}"));
        let band = p.band.as_ref().map_or_else(String::new, |b| format!(", {}", b.label));
        let _ = writeln!(
            s,
            r#"<g class="point" data-date="{}" data-total="{}"><title>{}: {}{band}; change {:+}; RCI {rci}; {}; response {}; remission {}</title>"#,
            p.date,
            p.total,
            p.date,
            p.total,
            p.change,
            p.reliable_change.as_str().replace('_', " "),
            p.response.as_str().replace('_', " "),
            p.remission.as_str().replace('_', " ")
        );
        s.push_str(&marker(kind, px, py));
        let _ = writeln!(
            s,
            r#"<text x="{px:.1}" y="{:.1}" text-anchor="middle" font-weight="bold">{}</text></g>"#,
            py - 9.0,
            p.total
        );
        if i % label_every == 0 || i + 1 == report.points.len() {
            let _ = writeln!(
                s,
                r##"<text x="{px:.1}" y="{:.1}" text-anchor="end" fill="#444" transform="rotate(-35 {px:.1} {:.1})">{}</text>"##,
                TOP + plot_h + 14.0,
                TOP + plot_h + 14.0,
                p.date
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Renders one chart per report, stacked top to bottom in one SVG (`ipsrt care chart`: one per
/// instrument). A single report gives exactly [`render`]'s output.
pub fn render_all(title: &str, reports: &[SeriesReport]) -> String {
    if let [one] = reports {
        return render(title, one);
    }
    let height = HEIGHT * reports.len() as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0}" height="{height:.0}" viewBox="0 0 {WIDTH:.0} {height:.0}">"#
    );
    for (i, report) in reports.iter().enumerate() {
        let _ = writeln!(s, r#"<g class="chart" transform="translate(0 {:.0})">"#, HEIGHT * i as f64);
        s.push_str(&render(title, report));
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn threshold(s: &mut String, ty: f64, text: &str, colour: &str, plot_w: f64) {
    let _ = writeln!(
        s,
        r#"<line x1="{LEFT:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="{colour}" stroke-width="1.2" stroke-dasharray="6,4"/><text x="{:.1}" y="{:.1}" fill="{colour}">{}</text>"#,
        LEFT + plot_w,
        LEFT + 4.0,
        ty - 3.0,
        esc(text)
    );
}

fn marker(kind: &str, x: f64, y: f64) -> String {
    match kind {
        "improved" => format!(
            r##"<path d="M{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z" fill="#1a7f37"/>"##,
            x - 5.5,
            y - 4.0,
            x + 5.5,
            y - 4.0,
            x,
            y + 5.5
        ),
        "worse" => format!(
            r##"<path d="M{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z" fill="#cf222e"/>"##,
            x - 5.5,
            y + 4.0,
            x + 5.5,
            y + 4.0,
            x,
            y - 5.5
        ),
        "none" => format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="#777"/>"##),
        "baseline" => format!(
            r##"<rect x="{:.1}" y="{:.1}" width="9" height="9" fill="white" stroke="#333" stroke-width="2"/>"##,
            x - 4.5,
            y - 4.5
        ),
        _ => format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="white" stroke="#333" stroke-width="1.5"/>"##),
    }
}
