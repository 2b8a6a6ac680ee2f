//! The exact per-item scoring kernel (spec §2.2 steps 2–7), shared by [`super::score_week`]
//! and the batch scorer.
//!
//! After unwrapping, every time is an integer, and both tie-prone comparisons are decided in
//! integers (spec §2.2, "Ties must be decided exactly"). With `S = Σx`, `Q = Σx²` over the
//! `n` times and the trim factor `f = p/q`:
//!
//! * sample SD: keep `x` iff `(n−1)·(n·x − S)²·q² ≤ p²·n·(n·Q − S²)`;
//!   population SD: keep iff `(n·x − S)²·q² ≤ p²·(n·Q − S²)`;
//! * SD floor `F`: trimming is skipped iff `n·Q − S² ≤ F²·n·(n−1)` (population: `≤ F²·n²`);
//! * with `S_k` the sum of the `k` kept times: `x` is a hit iff `|k·x − S_k| ≤ W·k`.
//!
//! Values are shifted so the smallest is 0 before these sums, so every product fits in `i64`
//! (the largest is below 10¹⁷ for a trim factor of 10).

use super::options::{HitReference, ScoringOptions, SdKind};
use super::unwrap::{DAY, layout7};

/// The options reduced to the integers the kernel needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    window: i64,
    /// `(p², q²)` of the trim factor, or `None` for no trimming.
    trim: Option<(i64, i64)>,
    population: bool,
    /// `F²`, squared SD floor in minutes².
    floor_sq: Option<i64>,
    min_occ: u32,
    target_reference: bool,
}

impl Params {
    pub(crate) fn new(o: &ScoringOptions) -> Params {
        Params {
            window: i64::from(o.hit_window_min),
            trim: o.trim_factor.map(|f| {
                let (p, q) = f.ratio();
                (i64::from(p) * i64::from(p), i64::from(q) * i64::from(q))
            }),
            population: o.sd == SdKind::Population,
            floor_sq: o.sd_floor_min.map(|f| i64::from(f) * i64::from(f)),
            min_occ: u32::from(o.min_occurrences),
            target_reference: o.reference == HitReference::Target,
        }
    }

    pub(crate) fn target_reference(&self) -> bool {
        self.target_reference
    }
}

/// The outcome for one item in one window. Masks have bit `d` for day `d`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ItemOutcome {
    /// Days with an occurrence.
    pub present: u8,
    /// Days whose value was kept after trimming (0 when not counted).
    pub kept: u8,
    /// Days that are hits (0 when not counted).
    pub hits: u8,
    /// Whether the item counts (n ≥ min occurrences).
    pub counted: bool,
    /// Whether the SD floor switched trimming off.
    pub floor_applied: bool,
    /// `n·Q − S²` over all n values (exact).
    pub spread: i64,
    /// Sum of the kept values on the shifted layout.
    pub sum_kept: i64,
    /// Offset of the layout (`layout + offset ≡ clock (mod 1440)`).
    pub offset: i64,
}

impl ItemOutcome {
    pub(crate) fn n(&self) -> u32 {
        self.present.count_ones()
    }

    pub(crate) fn hit_count(&self) -> u32 {
        self.hits.count_ones()
    }

    /// The habitual time in minutes `[0, 1440)`, when counted.
    pub(crate) fn habitual(&self) -> Option<f64> {
        let k = self.kept.count_ones();
        if !self.counted || k == 0 {
            return None;
        }
        Some(((self.sum_kept as f64) / f64::from(k) + self.offset as f64).rem_euclid(f64::from(DAY)))
    }

    /// The SD (of the kind in the options) of all n values, in minutes.
    pub(crate) fn sd(&self, population: bool) -> Option<f64> {
        let n = f64::from(self.n());
        if !self.counted {
            return None;
        }
        if population {
            Some((self.spread as f64).sqrt() / n)
        } else if self.n() < 2 {
            None
        } else {
            Some((self.spread as f64 / (n * (n - 1.0))).sqrt())
        }
    }
}

/// Scores one item. `vals[d]` is the clock minute (`0..1440`) on day `d` when bit `d` of
/// `present` is set; `target` is the target clock minute for the target reference.
#[inline(always)]
pub(crate) fn score_item(vals: &[i32; 7], present: u8, p: &Params, target: Option<i32>) -> ItemOutcome {
    let n = present.count_ones();
    if n < p.min_occ || n == 0 {
        return ItemOutcome { present, ..ItemOutcome::default() };
    }
    let mut u = [0i64; 7];
    let offset = layout7(vals, present, &mut u);
    let ni = i64::from(n);
    let (mut s, mut q) = (0i64, 0i64);
    for &v in &u {
        // Absent days are 0 and add nothing.
        s += v;
        q += v * v;
    }
    let spread = ni * q - s * s;
    let floor_applied = match p.floor_sq {
        Some(f2) => {
            if p.population {
                spread <= f2 * ni * ni
            } else {
                spread <= f2 * ni * (ni - 1)
            }
        }
        None => false,
    };
    let mut kept = present;
    if let (Some((p2, q2)), false) = (p.trim, floor_applied) {
        let (lhs_factor, rhs) = if p.population { (q2, p2 * spread) } else { ((ni - 1) * q2, p2 * ni * spread) };
        kept = 0;
        for (d, &v) in u.iter().enumerate() {
            let dev = ni * v - s;
            let keep = lhs_factor * dev * dev <= rhs;
            kept |= (u8::from(keep) << d) & present;
        }
    }
    let (mut sk, mut k) = (0i64, 0i64);
    for (d, &v) in u.iter().enumerate() {
        let m = i64::from((kept >> d) & 1);
        sk += v * m;
        k += m;
    }
    let mut hits = 0u8;
    if let (true, Some(t)) = (p.target_reference, target) {
        // Non-standard: every done occurrence within the window of the target (circular).
        for (d, &x) in vals.iter().enumerate() {
            let diff = (x - t).rem_euclid(DAY);
            let dist = i64::from(diff.min(DAY - diff));
            hits |= (u8::from(dist <= p.window) << d) & present;
        }
    } else if !p.target_reference {
        let wk = p.window * k;
        for (d, &v) in u.iter().enumerate() {
            let hit = (k * v - sk).abs() <= wk;
            hits |= (u8::from(hit) << d) & kept;
        }
    }
    ItemOutcome { present, kept, hits, counted: true, floor_applied, spread, sum_kept: sk, offset }
}
