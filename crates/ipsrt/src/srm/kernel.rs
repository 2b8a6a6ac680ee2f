//! The exact per-item scoring kernel (docs/srm.md#scoring), shared by [`super::score_week`]
//! and the batch scorer.
//!
//! After unwrapping, every time is an integer, and both tie-prone comparisons are decided in
//! integers (docs/srm.md#scoring, "Ties must be decided exactly"). With `S = Σx`, `Q = Σx²` over the
//! `n` times and the trim factor `f = p/q`:
//!
//! * sample SD: keep `x` iff `(n−1)·(n·x − S)²·q² ≤ p²·n·(n·Q − S²)`;
//!   population SD: keep iff `(n·x − S)²·q² ≤ p²·(n·Q − S²)`;
//! * SD floor `F`: trimming is skipped iff `n·Q − S² ≤ F²·n·(n−1)` (population: `≤ F²·n²`);
//! * with `S_k` the sum of the `k` kept times: `x` is a hit iff `|k·x − S_k| ≤ W·k`.
//!
//! Values are shifted so the smallest is 0 before these sums, so every product fits in `i64`
//! (the largest is below 10¹⁷ for a trim factor of 10).

// The 8-lane kernels index fixed-size arrays with constant bounds; that cannot panic, and the
// plain loops are what the compiler vectorises.
#![allow(clippy::needless_range_loop)]

use super::options::{HitReference, HitValues, ScoringOptions, SdKind};
use super::unwrap::{DAY, layout7};

/// The options reduced to the integers the kernel needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub(crate) window: i64,
    /// `(p², q²)` of the trim factor, or `None` for no trimming.
    pub(crate) trim: Option<(i64, i64)>,
    pub(crate) population: bool,
    /// `F²`, squared SD floor in minutes².
    pub(crate) floor_sq: Option<i64>,
    pub(crate) min_occ: u32,
    target_reference: bool,
    /// Excluded values can be hits too (docs/srm.md#golden-cases "hits on all values").
    hits_on_all: bool,
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
            hits_on_all: o.hit_values == HitValues::All,
        }
    }

    pub(crate) fn target_reference(&self) -> bool {
        self.target_reference
    }

    pub(crate) fn hits_on_all(&self) -> bool {
        self.hits_on_all
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
        // Same expression as the batch kernel (sum of absolute layout values / k), so both
        // give bit-identical habitual times.
        let total = self.sum_kept + i64::from(k) * self.offset;
        Some(wrap_day((total as f64) / f64::from(k)))
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
        let can_hit = if p.hits_on_all { present } else { kept };
        for (d, &v) in u.iter().enumerate() {
            let hit = k > 0 && (k * v - sk).abs() <= wk;
            hits |= (u8::from(hit) << d) & can_hit;
        }
    }
    ItemOutcome { present, kept, hits, counted: true, floor_applied, spread, sum_kept: sk, offset }
}

/// The counts the batch scorer needs for one item (no per-day masks).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct ItemCount {
    /// Days with an occurrence.
    pub n: u32,
    /// Whether the item counts.
    pub counted: bool,
    /// Hits.
    pub hits: u32,
    /// The habitual time in minutes `[0, 1440)` (NaN when not counted).
    pub habitual: f64,
}

/// The batch kernel: the same decisions as [`score_item`], computed branch-free on 8 lanes
/// (7 days + 1 padding lane) so the compiler can vectorise it, with the common case (the
/// extreme values are kept and are hits, so every value is) decided by testing only the
/// minimum and the maximum. `x[d]` is the clock minute on day `d`, or `-1` for no occurrence
/// (lane 7 must be `-1`).
///
/// **Lane width.** The lanes are `i16`: baseline x86-64 (SSE2) has native 8 × `i16` min, max,
/// add and multiply (`pminsw`, `pmaxsw`, `paddw`, `pmaddwd`) but no 4 × `i32` min/max or
/// multiply, so one register holds a whole item-week. Every `i16` quantity below stays in range
/// because the batch input is validated first (`-1 ≤ x ≤ 1439`):
///
/// * a layout value is `x ≤ 1439` or, for a value before noon, `x + 1440 ≤ 2159`;
/// * a sum of at most 7 clock minutes is `≤ 7 · 1439 = 10 073 < 32 767`; sums of moved
///   values are taken in `i32`;
/// * squares are widened to `i32` before they are summed (`Σx² ≤ 7 · 1439² < 2³¹`).
///
/// The exact decisions after the sums (trim, floor, hits) are made in `i64`/`i32` exactly as
/// before, so the results are unchanged bit for bit.
#[inline(always)]
pub(crate) fn count_item(x: &[i16; 8], p: &Params, target: Option<i32>) -> ItemCount {
    const HALF16: i16 = super::unwrap::HALF as i16;
    const DAY16: i16 = DAY as i16;
    // Each statistic is its own reduction over the 8 lanes, so the compiler turns each into a
    // few SIMD instructions (a combined loop with many accumulators stays scalar). Absent lanes
    // are −1: `max(0)` turns them into 0 for the sums, and they are replaced by `i16::MAX` for
    // the minimum; they never raise the maximum above −1.
    let xm: [i16; 8] = std::array::from_fn(|j| x[j].max(0));
    let n: i16 = x.iter().map(|&v| i16::from(v >= 0)).sum();
    let n = n as u32;
    if n < p.min_occ || n == 0 {
        return ItemCount { n, counted: false, hits: 0, habitual: f64::NAN };
    }
    let s: i16 = xm.iter().sum();
    let q: i32 = xm.iter().map(|&v| i32::from(v) * i32::from(v)).sum();
    let hi: i16 = x.iter().copied().fold(-1, i16::max);
    let lo: i16 = x.iter().map(|&v| if v < 0 { i16::MAX } else { v }).fold(i16::MAX, i16::min);
    let ni = i64::from(n);
    // Choose the layout: raw values, or values before noon moved to the next day.
    let (s, q, lo, hi, v) = if hi - lo < HALF16 {
        (i64::from(s), i64::from(q), i64::from(lo), i64::from(hi), *x)
    } else {
        // Present values before noon + 1440 (≤ 719 + 1440); absent lanes stay −1.
        let z: [i16; 8] = std::array::from_fn(|j| x[j] + DAY16 * i16::from((0..HALF16).contains(&x[j])));
        let hi_z: i16 = z.iter().copied().fold(-1, i16::max);
        let lo_z: i16 = z.iter().map(|&v| if v < 0 { i16::MAX } else { v }).fold(i16::MAX, i16::min);
        if hi_z - lo_z >= HALF16 {
            // General layout (trigonometric circular mean): rare, use the detailed kernel.
            return count_general(x, p, target);
        }
        // Sums in i32: Σz ≤ 7 · 2159, Σz² ≤ 7 · 2159² < 2³¹.
        let s_z: i32 = z.iter().map(|&v| i32::from(v.max(0))).sum();
        let q_z: i32 = z.iter().map(|&v| i32::from(v.max(0)) * i32::from(v.max(0))).sum();
        (i64::from(s_z), i64::from(q_z), i64::from(lo_z), i64::from(hi_z), z)
    };
    let spread = ni * q - s * s;
    let floor_applied = match p.floor_sq {
        Some(f2) => spread <= if p.population { f2 * ni * ni } else { f2 * ni * (ni - 1) },
        None => false,
    };
    // The lane loops below stay in i16 (8 lanes per SSE2 register). With `1 ≤ n ≤ 7`, a layout
    // value `-1 ≤ v ≤ 2159` (−1: absent, masked by `kept`) and `0 ≤ S ≤ 7 · 2159 = 15 113`:
    // `|n·v − S| ≤ 7 · 2159 + 7 < 32 767`, and the same bound holds for `k·v − S_k` (k ≤ n).
    // −1 (all bits) for a kept lane, 0 otherwise; every present value until trimming.
    let mut kept: [i16; 8] = std::array::from_fn(|j| -i16::from(x[j] >= 0));
    let (mut k, mut sk) = (ni, s);
    let mut all_kept = true;
    if let (Some((p2, q2)), false) = (p.trim, floor_applied) {
        let (lhs_factor, rhs) = if p.population { (q2, p2 * spread) } else { ((ni - 1) * q2, p2 * ni * spread) };
        let keep = |v: i64| {
            let dev = ni * v - s;
            lhs_factor * dev * dev <= rhs
        };
        // The extremes have the largest deviations: if both are kept, all are.
        if !(keep(lo) && keep(hi)) {
            all_kept = false;
            // keep ⇔ lhs·dev² ≤ rhs ⇔ dev² ≤ ⌊rhs / lhs⌋ (dev² is an integer, lhs > 0), so one
            // division; dev² ≤ 15 120² < 2³¹ is compared in i32 against the limit clamped to
            // i32::MAX (a larger limit keeps every value either way).
            let limit = if lhs_factor > 0 { (rhs / lhs_factor).min(i64::from(i32::MAX)) as i32 } else { i32::MAX };
            let (n16, s16) = (n as i16, s as i16);
            for j in 0..8 {
                let dev = i32::from(n16 * v[j] - s16);
                kept[j] &= -i16::from(dev * dev <= limit);
            }
            // At most 7 kept values: the count and the sum (≤ 15 113) fit i16.
            let kk: i16 = kept.iter().map(|&m| m & 1).sum();
            let ss: i16 = v.iter().zip(&kept).map(|(&v, &m)| v & m).sum();
            k = i64::from(kk);
            sk = i64::from(ss);
        }
    }
    // k = 0 only with a trim factor below 1 (everything excluded): no habitual time.
    let habitual = if k > 0 { wrap_day((sk as f64) / (k as f64)) } else { f64::NAN };
    let hits = if p.target_reference {
        let Some(t) = target else { return ItemCount { n, counted: true, hits: 0, habitual } };
        let mut h = 0i32;
        for j in 0..8 {
            let diff = (i32::from(x[j]) - t).rem_euclid(DAY);
            h += i32::from(x[j] >= 0) & i32::from(i64::from(diff.min(DAY - diff)) <= p.window);
        }
        h as u32
    } else {
        let wk = p.window * k;
        let hit = |v: i64| (k * v - sk).abs() <= wk;
        if all_kept && hit(lo) && hit(hi) {
            n
        } else {
            // W ≤ 720 (validated options) and k ≤ 7, so W·k ≤ 5 040 fits i16; see the bound on
            // `k·v − S_k` above.
            let (k16, sk16, wk16) = (k as i16, sk as i16, wk as i16);
            // Hits on all values: every present lane can be a hit (absent lanes are −1).
            let can_hit: [i16; 8] = if p.hits_on_all { std::array::from_fn(|j| -i16::from(x[j] >= 0)) } else { kept };
            let h: i16 =
                v.iter().zip(&can_hit).map(|(&v, &m)| m & i16::from(k16 > 0 && (k16 * v - sk16).abs() <= wk16)).sum();
            h as u32
        }
    };
    ItemCount { n, counted: true, hits, habitual }
}

/// `minutes` wrapped onto `[0, 1440)` (the habitual times here are within one day of it).
#[inline(always)]
pub(crate) fn wrap_day(minutes: f64) -> f64 {
    let d = f64::from(DAY);
    if minutes >= d {
        minutes - d
    } else if minutes < 0.0 {
        minutes + d
    } else {
        minutes
    }
}

/// [`count_item`] for the general layout (values spread over more than half a day in both
/// simple layouts): the detailed kernel with the trigonometric circular mean.
#[cold]
#[inline(never)]
pub(crate) fn count_general(x: &[i16; 8], p: &Params, target: Option<i32>) -> ItemCount {
    let mut vals = [0i32; 7];
    let mut present = 0u8;
    for (d, (slot, &v)) in vals.iter_mut().zip(x).enumerate() {
        if v >= 0 {
            *slot = i32::from(v);
            present |= 1 << d;
        }
    }
    let o = score_item(&vals, present, p, target);
    ItemCount { n: o.n(), counted: o.counted, hits: o.hit_count(), habitual: o.habitual().unwrap_or(f64::NAN) }
}
