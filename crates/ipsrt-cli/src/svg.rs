//! The little SVG both hand-written charts (`srm_chart`, `series_chart`) share: escaping text
//! for XML. Numbers are written with fixed decimals by each chart, so output is deterministic.

/// Escapes `&`, `<`, `>` and `"` for use in SVG text and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
