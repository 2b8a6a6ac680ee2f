//! The batch kernel across weeks: `L` weeks side by side, one week per lane, so every step of
//! the scoring method (docs/srm.md) is a vertical operation on short integer vectors and no
//! horizontal reduction is needed per item-week.
//!
//! **Lane counts.** The kernel is generic over the lane count `L`. The baseline x86-64 build
//! (SSE2) uses [`LANES`] = 8 (one 128-bit register of `i16`); on CPUs with AVX2 the batch
//! scorer dispatches at run time to [`WIDE_LANES`] = 16 (one 256-bit register), compiled with
//! AVX2 enabled (see `super::batch`). Every lane is independent and every operation is exact
//! integer arithmetic or exactly rounded `f64` arithmetic without fused multiply-add, so both
//! widths give bit-identical results.
//!
//! It makes exactly the decisions of [`super::kernel::score_item`], in integers (ties are
//! decided exactly); the batch = one-by-one proptests check it bit for bit.
//!
//! **Why lanes across weeks.** One item-week has only 7 values, so a kernel that works on one
//! item-week at a time spends most of its instructions reducing 7-lane vectors to scalars
//! (count, sum, sum of squares, minimum, maximum, kept sum, hits). Putting *weeks* in the lanes
//! turns each of those into one vector add per day, and the per-week scalars (spread, trim
//! limit) into one operation per lane.
//!
//! **Ranges.** The input is validated first (`-1 ≤ x ≤ 1439`, −1 = no occurrence). After the
//! layout step every present value is shifted by its week's smallest value, so a shifted value
//! `u` is in `0..720` (the layout is chosen only when the values span less than half a day;
//! anything else goes to the detailed kernel). Hence, with `n ≤ 7`:
//!
//! * `S = Σu ≤ 7 · 719 = 5 033`, `|n·u − S| ≤ 5 033`, `k·u`, `S_k ≤ 5 033` and `W·k ≤ 720 · 7 =
//!   5 040` all fit `i16`;
//! * `Q = Σu² ≤ 3.7·10⁶`, `n·Q`, `S²` and `(n·u − S)² ≤ 2.6·10⁷` fit `i32`;
//! * the trim test `a·dev² ≤ b` (`a = (n−1)·q²` or `q²`, `b = p²·n·spread` or `p²·spread` for the
//!   trim factor `p/q`, `p ≤ 10 000`, `q ≤ 1 000`) is decided as `dev² ≤ ⌊b / a⌋`. Both `a` and
//!   `b ≤ 10⁸ · 7 · 6.4·10⁶ < 4.5·10¹⁵` are exact in `f64`, and `a + b < 2⁵³`, so the correctly
//!   rounded quotient never rounds up across an integer: `⌊fl(b / a)⌋ = ⌊b / a⌋`, and since
//!   `dev²` is an integer, `dev² ≤ ⌊b / a⌋ ⇔ a·dev² ≤ b`.

// The lane loops index fixed-size arrays with constant bounds; that cannot panic, and the plain
// loops are what the compiler vectorises.
#![allow(clippy::needless_range_loop)]

use super::kernel::{ItemCount, Params, count_general, wrap_day};
use super::unwrap::{DAY, HALF};

/// Weeks scored side by side on the baseline path (eight `i16` lanes fill one 128-bit SSE2
/// register).
pub(crate) const LANES: usize = 8;

/// Weeks scored side by side on the AVX2 path (sixteen `i16` lanes fill one 256-bit register).
pub(crate) const WIDE_LANES: usize = 16;

/// One item of `L` weeks: `x[d][j]` is the clock minute on day `d` of the `j`-th week, or −1
/// for no occurrence.
pub(crate) type ItemBlock<const L: usize> = [[i16; L]; 7];

/// Per lane (week) results for one item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LaneCounts<const L: usize> {
    /// Done occurrences.
    pub n: [i16; L],
    /// 1 when the item counts, else 0.
    pub counted: [i16; L],
    /// Hits (0 when the item does not count).
    pub hits: [i16; L],
    /// Habitual time in minutes `[0, 1440)`, NaN when the item does not count; filled only
    /// when asked for.
    pub habitual: [f64; L],
}

impl<const L: usize> Default for LaneCounts<L> {
    fn default() -> Self {
        LaneCounts { n: [0; L], counted: [0; L], hits: [0; L], habitual: [f64::NAN; L] }
    }
}

/// `[i16; L]` with element-wise operations. Each operation is one short loop over the
/// lanes, which the compiler reliably turns into one SIMD instruction (a combined loop with
/// many statements often stays scalar). Arithmetic wraps: the ranges in the module docs keep
/// every value in range, and wrapping cannot panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct V<const L: usize>([i16; L]);

impl<const L: usize> V<L> {
    #[inline(always)]
    fn splat(v: i16) -> Self {
        V([v; L])
    }
    #[inline(always)]
    fn map2(self, o: Self, f: impl Fn(i16, i16) -> i16) -> Self {
        V(std::array::from_fn(|j| f(self.0[j], o.0[j])))
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self.map2(o, i16::wrapping_add)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self.map2(o, i16::wrapping_sub)
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        self.map2(o, i16::wrapping_mul)
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        self.map2(o, |a, b| a & b)
    }
    #[inline(always)]
    fn andnot(self, o: Self) -> Self {
        self.map2(o, |a, b| !a & b)
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        self.map2(o, |a, b| a | b)
    }
    #[inline(always)]
    fn min(self, o: Self) -> Self {
        self.map2(o, i16::min)
    }
    #[inline(always)]
    fn max(self, o: Self) -> Self {
        self.map2(o, i16::max)
    }
    /// All bits set where `self > o`, else 0.
    #[inline(always)]
    fn gt(self, o: Self) -> Self {
        self.map2(o, |a, b| -i16::from(a > b))
    }
    /// `a` where the mask is set, else `b`.
    #[inline(always)]
    fn select(self, a: Self, b: Self) -> Self {
        a.and(self).or(self.andnot(b))
    }
    #[inline(always)]
    fn abs(self) -> Self {
        V(std::array::from_fn(|j| self.0[j].wrapping_abs()))
    }
    /// Element-wise `self · o` widened to `i32`.
    #[inline(always)]
    fn mul_wide(self, o: Self) -> [i32; L] {
        std::array::from_fn(|j| i32::from(self.0[j]) * i32::from(o.0[j]))
    }
    #[inline(always)]
    fn to_f64(self) -> [f64; L] {
        std::array::from_fn(|j| f64::from(self.0[j]))
    }
}

/// `⌊x⌋` of values in `[0, 2²⁵]`, branch-free: `x + 2⁵²` rounds `x` to the nearest integer
/// `r` (exactly, in the low mantissa bits) and subtracting 1 where `r > x` floors it. Plain
/// `as i32` casts saturate, which costs several instructions per lane.
#[inline(always)]
fn floor_to_i32<const L: usize>(x: [f64; L]) -> [i32; L] {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    let big: [f64; L] = std::array::from_fn(|j| x[j] + TWO_52);
    let r: [f64; L] = std::array::from_fn(|j| big[j] - TWO_52);
    let bits: [i32; L] = std::array::from_fn(|j| big[j].to_bits() as i32);
    std::array::from_fn(|j| bits[j] - i32::from(r[j] > x[j]))
}

/// Scores one item of `L` weeks into `out` (habitual times only when `habitual`). The params
/// must not use the target reference (the caller scores those weeks one at a time).
///
/// Always inlined: under runtime dispatch it must be compiled inside the dispatched function
/// to get its target features (a separate function would run at baseline).
#[inline(always)]
pub(crate) fn count_item_lanes<const L: usize>(x: &ItemBlock<L>, p: &Params, habitual: bool, out: &mut LaneCounts<L>) {
    let zero = V::splat(0);
    let all = V::splat(-1);
    let half = V::splat(HALF as i16);
    let day_len = V::splat(DAY as i16);
    let mut days = [zero; 7];
    let mut present = [zero; 7];
    // Count and extremes. Present: v > −1. For the minimum an absent −1 becomes i16::MAX
    // (−1 & 0x7FFF); for the maximum it never exceeds a present value.
    let top = V::splat(i16::MAX);
    let (mut n, mut hi, mut lo) = (zero, all, top);
    for d in 0..7 {
        days[d] = V(x[d]);
        present[d] = days[d].gt(all);
        n = n.sub(present[d]);
        hi = hi.max(days[d]);
        lo = lo.min(days[d].and(top));
    }
    // The layout per lane: raw values if they span less than half a day (an empty lane, with
    // hi = −1 and lo = MAX, wraps to −32 768 and counts as raw); else the values before noon
    // moved to the next day (items that cross midnight) if those do; otherwise the general
    // (trigonometric) layout, done by the detailed kernel.
    let raw = half.gt(hi.sub(lo));
    let (mut laid, mut general, mut base) = (days, zero, lo);
    if raw != all {
        let (mut hi_z, mut lo_z) = (all, top);
        for d in 0..7 {
            // Absent days (−1) stay −1.
            let moved = days[d].add(day_len.and(present[d]).and(half.gt(days[d])));
            laid[d] = raw.select(days[d], moved);
            hi_z = hi_z.max(moved);
            lo_z = lo_z.min(moved.and(top));
        }
        general = raw.or(half.gt(hi_z.sub(lo_z))).andnot(all);
        base = raw.select(lo, lo_z);
    }

    // Shifted values (0 for absent days and general lanes) and their sums.
    let mut s = zero;
    let mut q = [0i32; L];
    let mut u = [zero; 7];
    let mut live = [zero; 7];
    for d in 0..7 {
        live[d] = general.andnot(present[d]);
        u[d] = laid[d].sub(base).and(live[d]);
        s = s.add(u[d]);
        let sq = u[d].mul_wide(u[d]);
        for j in 0..L {
            q[j] += sq[j];
        }
    }

    // The trim limit on dev² = (n·u − S)², per lane: keep ⇔ dev² ≤ ⌊b / a⌋, computed in exact
    // f64 arithmetic (module docs). 2²⁵ > every dev² keeps everything.
    const KEEP_ALL: f64 = 33_554_432.0;
    let mut limit = [KEEP_ALL as i32; L];
    if let Some((p2, q2)) = p.trim {
        // One operation per loop so that each is a SIMD instruction, no branches inside.
        let (nf, sf) = (n.to_f64(), s.to_f64());
        let qf: [f64; L] = std::array::from_fn(|j| f64::from(q[j]));
        let nq: [f64; L] = std::array::from_fn(|j| nf[j] * qf[j]);
        let ss: [f64; L] = std::array::from_fn(|j| sf[j] * sf[j]);
        let spread: [f64; L] = std::array::from_fn(|j| nq[j] - ss[j]);
        let (p2, q2) = (p2 as f64, q2 as f64);
        // Sample SD: a = (n−1)·q², b = p²·n·spread, floor test spread ≤ F²·n·(n−1);
        // population SD: a = q², b = p²·spread, floor test spread ≤ F²·n².
        // Written with per-call constants instead of two branches that build different arrays
        // (which the compiler does not keep in vector registers): dof = n − c, a = (n·a1 + a0)·q²,
        // b = (p²·(n·b1 + b0))·spread. Every product is of small integers or exact as before
        // (n·1 − 1 = n − 1, n·0 + 1 = 1, p²·1 = p²), so the values are bit for bit the same.
        let (c, a1, a0, b1, b0) = if p.population { (0.0, 0.0, 1.0, 0.0, 1.0) } else { (1.0, 1.0, -1.0, 1.0, 0.0) };
        let dof: [f64; L] = std::array::from_fn(|j| nf[j] - c);
        let aw: [f64; L] = std::array::from_fn(|j| nf[j] * a1 + a0);
        let a: [f64; L] = std::array::from_fn(|j| aw[j] * q2);
        let bw: [f64; L] = std::array::from_fn(|j| nf[j] * b1 + b0);
        let pb: [f64; L] = std::array::from_fn(|j| p2 * bw[j]);
        let b: [f64; L] = std::array::from_fn(|j| pb[j] * spread[j]);
        // a = 0 only for n ≤ 1 (sample SD), where spread = b = 0: the limit 0 keeps the single
        // value (its deviation is 0), so dividing by max(a, 1) needs no special case.
        let a_pos: [f64; L] = std::array::from_fn(|j| a[j].max(1.0));
        let quot: [f64; L] = std::array::from_fn(|j| b[j] / a_pos[j]);
        let mut lim: [f64; L] = std::array::from_fn(|j| quot[j].min(KEEP_ALL));
        if let Some(f2) = p.floor_sq {
            let f2 = f2 as f64;
            let nd: [f64; L] = std::array::from_fn(|j| nf[j] * dof[j]);
            let floor: [f64; L] = std::array::from_fn(|j| f2 * nd[j]);
            lim = std::array::from_fn(|j| if spread[j] <= floor[j] { KEEP_ALL } else { lim[j] });
        }
        limit = floor_to_i32(lim);
    }

    // Kept values, their count and sum.
    let mut kept = [zero; 7];
    let (mut k, mut sk) = (zero, zero);
    for d in 0..7 {
        let dev = n.mul(u[d]).sub(s);
        let dev2 = dev.mul_wide(dev);
        let keep = V(std::array::from_fn(|j| -i16::from(dev2[j] <= limit[j])));
        kept[d] = keep.and(live[d]);
        k = k.sub(kept[d]);
        sk = sk.add(u[d].and(kept[d]));
    }

    // Hits: |k·u − S_k| ≤ W·k among the kept values.
    let wk = V::splat(p.window as i16).mul(k);
    let mut hits = zero;
    for d in 0..7 {
        let miss = k.mul(u[d]).sub(sk).abs().gt(wk);
        hits = hits.sub(miss.andnot(kept[d]));
    }

    let min_occ = V::splat(p.min_occ as i16);
    // Counted: n ≥ min_occ (min_occ ≥ 1, so n > 0).
    let counted = min_occ.gt(n).andnot(all);
    out.n = n.0;
    out.counted = counted.and(V::splat(1)).0;
    out.hits = hits.and(counted).0;
    if habitual {
        for j in 0..L {
            out.habitual[j] = if out.counted[j] == 1 && k.0[j] > 0 {
                let total = i64::from(sk.0[j]) + i64::from(k.0[j]) * i64::from(base.0[j]);
                wrap_day((total as f64) / f64::from(k.0[j]))
            } else {
                f64::NAN
            };
        }
    }
    // Rare: weeks whose values span more than half a day in both layouts.
    if general != zero {
        for j in 0..L {
            if general.0[j] != 0 && out.counted[j] == 1 {
                let mut lane = [-1i16; 8];
                for d in 0..7 {
                    lane[d] = x[d][j];
                }
                let ItemCount { n, counted, hits, habitual: h } = count_general(&lane, p, None);
                out.n[j] = n as i16;
                out.counted[j] = i16::from(counted);
                out.hits[j] = hits as i16;
                out.habitual[j] = h;
            }
        }
    }
}

/// Per lane (week) sums over the items scored so far: ALI, counted items, hits. At most 64
/// items · 7 days = 448, so `i16` holds them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WeekSums<const L: usize> {
    /// Done occurrences.
    pub ali: [i16; L],
    /// Counted items.
    pub counted: [i16; L],
    /// Hits of counted items.
    pub hits: [i16; L],
}

impl<const L: usize> Default for WeekSums<L> {
    fn default() -> Self {
        WeekSums { ali: [0; L], counted: [0; L], hits: [0; L] }
    }
}

impl<const L: usize> WeekSums<L> {
    /// Adds one item's counts.
    #[inline(always)]
    pub(crate) fn add(&mut self, c: &LaneCounts<L>) {
        self.ali = V(self.ali).add(V(c.n)).0;
        self.counted = V(self.counted).add(V(c.counted)).0;
        self.hits = V(self.hits).add(V(c.hits)).0;
    }
}

#[cfg(test)]
mod tests {
    use super::{LANES, WIDE_LANES, floor_to_i32};

    #[test]
    fn floor_to_i32_floors_exactly() {
        let cases = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 3.5, 2.999_999_999, 1e7 + 0.5, 33_554_431.5, 33_554_432.0];
        for chunk in cases.chunks(LANES) {
            let mut x = [0.0; LANES];
            x[..chunk.len()].copy_from_slice(chunk);
            let got = floor_to_i32(x);
            for j in 0..LANES {
                assert_eq!(got[j], x[j].floor() as i32, "{}", x[j]);
            }
        }
        let mut wide = [0.0; WIDE_LANES];
        wide[..cases.len()].copy_from_slice(&cases);
        let got = floor_to_i32(wide);
        for j in 0..WIDE_LANES {
            assert_eq!(got[j], wide[j].floor() as i32, "{}", wide[j]);
        }
    }
}
