//! Midnight handling: laying one item's clock times out on a line (docs/srm.md#scoring, docs/srm.md#midnight).
//!
//! A bedtime of 00:10 and one of 23:50 are 20 minutes apart, not 1420. ipsrt unwraps every
//! time `x` to the representative of `x mod 1440` within ±12 h of the circular mean μ. The
//! result is exact integers (`x + 1440·k`), so everything after it (SD, trimming, hits) is
//! decided in integer arithmetic.
//!
//! **Fast path (exact, no trigonometry).** If the times fit in an open half-circle (their
//! largest circular gap exceeds 720 min), μ lies inside their arc and the unwrap equals laying
//! them out contiguously along the arc, up to a common shift of 1440 (which changes no SD,
//! trim or hit). Either the raw values span < 720, or the values with those before noon
//! moved to the next day (`x < 720 → x + 1440`) do. This covers every realistic diary.
//!
//! **General path.** Otherwise μ is computed with trigonometry and each value is placed in
//! `[μ − 720, μ + 720)`, the formula `μ + ((x − μ + 720) mod 1440) − 720`. A value exactly
//! antipodal to μ has `(x − μ + 720) mod 1440 = 0` and so goes to `μ − 720`, the lower side.
//! Because μ is a float, "exactly" means within 10⁻⁶ min ([`ANTIPODE_EPS`]), so the side never
//! depends on how μ happened to round.
//!
//! **Resultant length ≈ 0** (for example 00:00, 08:00, 16:00). As documented (docs/srm.md#scoring),
//! the unwrapping is skipped: the raw clock minutes `0..1440` are used. "≈ 0" is a mean
//! resultant length below 10⁻⁹ ([`RESULTANT_EPS`]): sets of whole minutes whose resultant is
//! exactly 0 (regular polygons, antipodal pairs) compute to about 10⁻¹⁶, far below it. Such a
//! week's score depends on where midnight falls (it is the one case where rotating every time
//! can change the score), but it scores almost no hits either way.
//!
//! ```
//! use ipsrt::srm::unwrap::layout;
//!
//! // 23:30, 00:10, 23:50 → 1410, 1450, 1430 (00:10 belongs after 23:50).
//! let (values, offset) = layout(&[1410, 10, 1430]);
//! assert_eq!(values.iter().map(|v| v + offset).collect::<Vec<_>>(), vec![1410, 1450, 1430]);
//! ```

// The 7-day kernels index fixed-size arrays with constant bounds; that cannot panic.
#![allow(clippy::needless_range_loop)]

use std::f64::consts::TAU;

/// Minutes in a day.
pub const DAY: i32 = 1440;
/// Half a day.
pub const HALF: i32 = 720;

/// Below this mean resultant length the times have no meaningful circular mean.
pub const RESULTANT_EPS: f64 = 1e-9;
/// A value within this many minutes of the antipode of the circular mean is a tie.
pub const ANTIPODE_EPS: f64 = 1e-6;

/// Lays out clock minutes (`0..1440`) on a line. Returns the values shifted so that the
/// smallest is 0, and the offset to add back (`value + offset ≡ clock minute (mod 1440)`).
/// At most 7 values are supported by the scorer; this function accepts any number.
pub fn layout(clock: &[i32]) -> (Vec<i64>, i64) {
    let mut vals = [0i32; 7];
    if clock.len() <= 7 {
        let mut mask = 0u8;
        for (d, x) in clock.iter().enumerate() {
            if let Some(v) = vals.get_mut(d) {
                *v = x.rem_euclid(DAY);
                mask |= 1 << d;
            }
        }
        let mut out = [0i64; 7];
        let offset = layout7(&vals, mask, &mut out);
        return (out.iter().take(clock.len()).copied().collect(), offset);
    }
    let xs: Vec<i32> = clock.iter().map(|x| x.rem_euclid(DAY)).collect();
    let laid = general(&xs);
    let lo = laid.iter().copied().min().unwrap_or(0);
    (laid.iter().map(|v| v - lo).collect(), lo)
}

/// The scorer's layout of one week of one item. `vals[d]` is the clock minute on day `d` when
/// bit `d` of `present` is set. Writes the unwrapped values, shifted so the smallest is 0, to
/// `out` (absent days get 0) and returns the offset (`out[d] + offset ≡ vals[d] (mod 1440)`).
#[inline(always)]
pub(crate) fn layout7(vals: &[i32; 7], present: u8, out: &mut [i64; 7]) -> i64 {
    let (mut lo, mut hi, mut lo2, mut hi2) = (i32::MAX, i32::MIN, i32::MAX, i32::MIN);
    for d in 0..7 {
        if present & (1 << d) != 0 {
            let x = vals[d];
            let z = if x < HALF { x + DAY } else { x };
            lo = lo.min(x);
            hi = hi.max(x);
            lo2 = lo2.min(z);
            hi2 = hi2.max(z);
        }
    }
    if hi - lo < HALF {
        for d in 0..7 {
            out[d] = if present & (1 << d) != 0 { i64::from(vals[d] - lo) } else { 0 };
        }
        return i64::from(lo);
    }
    if hi2 - lo2 < HALF {
        for d in 0..7 {
            let x = vals[d];
            let z = if x < HALF { x + DAY } else { x };
            out[d] = if present & (1 << d) != 0 { i64::from(z - lo2) } else { 0 };
        }
        return i64::from(lo2);
    }
    layout7_general(vals, present, out)
}

#[cold]
#[inline(never)]
fn layout7_general(vals: &[i32; 7], present: u8, out: &mut [i64; 7]) -> i64 {
    let mut xs = [0i32; 7];
    let mut n = 0;
    for d in 0..7 {
        if present & (1 << d) != 0 {
            xs[n] = vals[d];
            n += 1;
        }
    }
    let laid = general(&xs[..n]);
    let lo = laid.iter().copied().min().unwrap_or(0);
    let mut j = 0;
    for d in 0..7 {
        out[d] = 0;
        if present & (1 << d) != 0 {
            out[d] = laid.get(j).copied().unwrap_or(lo) - lo;
            j += 1;
        }
    }
    lo
}

/// The general path: unwrap around the trigonometric circular mean (see the module docs).
/// Input values are clock minutes `0..1440`; output values are `x + 1440·k`.
pub fn general(xs: &[i32]) -> Vec<i64> {
    if xs.is_empty() {
        return Vec::new();
    }
    let (mut c, mut s) = (0.0f64, 0.0f64);
    for &x in xs {
        let a = f64::from(x) * TAU / f64::from(DAY);
        c += a.cos();
        s += a.sin();
    }
    let r = c.hypot(s) / xs.len() as f64;
    if r < RESULTANT_EPS {
        // docs/srm.md#scoring: no meaningful circular mean, skip the unwrapping.
        return xs.iter().map(|&x| i64::from(x)).collect();
    }
    let mu = (s.atan2(c) / TAU * f64::from(DAY)).rem_euclid(f64::from(DAY));
    xs.iter()
        .map(|&x| {
            // (x − μ + 720) mod 1440, in [0, 1440); within 10⁻⁶ of either end it is the exact 0
            // of an antipodal value, which the unwrap formula places at μ − 720.
            let mut w = (f64::from(x) - mu + f64::from(HALF)).rem_euclid(f64::from(DAY));
            if w < ANTIPODE_EPS || f64::from(DAY) - w < ANTIPODE_EPS {
                w = 0.0;
            }
            // The representative x + 1440k closest to μ + w − 720.
            let target = mu + w - f64::from(HALF);
            let k = ((target - f64::from(x)) / f64::from(DAY)).round() as i64;
            i64::from(x) + i64::from(DAY) * k
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_bedtimes() {
        let (v, off) = layout(&[1410, 1430, 10, 30, 1420, 5, 90]);
        let abs: Vec<i64> = v.iter().map(|x| x + off).collect();
        assert_eq!(abs, vec![1410, 1430, 1450, 1470, 1420, 1445, 1530]);
    }

    #[test]
    fn general_matches_contiguous_for_half_circle() {
        let xs = [1410, 1430, 10, 30, 1420, 5, 90];
        let g = general(&xs);
        let lo = g.iter().min().unwrap();
        let (v, _) = layout(&xs);
        assert_eq!(g.iter().map(|x| x - lo).collect::<Vec<_>>(), v);
    }

    #[test]
    fn zero_resultant_skips_the_unwrap() {
        // docs/srm.md#scoring: resultant ≈ 0 → raw clock minutes. {0, 480, 960, 100, 820, 100, 820}
        // (a triangle plus two antipodal pairs) rotated by 1000 min: the raw values score no
        // hit; laying them out from their largest gap instead gave one.
        let xs: Vec<i32> = [0, 480, 960, 100, 820, 100, 820].iter().map(|x| (x + 1000) % DAY).collect();
        assert_eq!(general(&xs), xs.iter().map(|&x| i64::from(x)).collect::<Vec<_>>());
        assert_eq!(general(&[0, 720, 100, 820]), vec![0, 720, 100, 820]);
    }

    #[test]
    fn antipodal_value_goes_to_the_lower_side() {
        // Up to a common shift of 1440 (μ may come out as 1440 − ε instead of 0).
        let shifted = |v: Vec<i64>| {
            let lo = v.iter().copied().min().unwrap_or(0);
            v.iter().map(|x| x - lo).collect::<Vec<_>>()
        };
        // Symmetric around 0: mean direction 0, 720 is antipodal → −720.
        assert_eq!(shifted(general(&[0, 100, 1340, 720])), shifted(vec![0, 100, -100, -720]));
        // Not symmetric: a triangle {100, 580, 1060} (zero sum) plus 0, 0 and the antipode 720;
        // mean direction exactly 0. The unwrap formula gives 720 → −720 even though +720 would
        // give the smaller spread (the former rule chose +720).
        let want = shifted(vec![100, 580, -380, 0, 0, -720]);
        assert_eq!(shifted(general(&[100, 580, 1060, 0, 0, 720])), want);
        // Rotated, the same up to the rotation.
        for r in [1, 333, 719, 720, 1000, 1439] {
            let xs: Vec<i32> = [100, 580, 1060, 0, 0, 720].iter().map(|x| (x + r) % DAY).collect();
            assert_eq!(shifted(general(&xs)), want, "rotation {r}");
        }
    }
}
