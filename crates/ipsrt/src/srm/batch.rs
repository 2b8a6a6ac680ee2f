//! Columnar batch scoring: many weeks in one contiguous array, scored without per-week
//! allocation, in parallel when large. This is what the Python binding hands NumPy arrays to.
//!
//! **Layout.** One row-major array of shape `(weeks, 7, items)`: the clock minute of item `i`
//! on day `d` of week `w` is at flat index `(w·7 + d)·items + i`. Items are in form order
//! (SRM-5: out_of_bed, first_contact, start_work, dinner, to_bed). "No occurrence" is `-1` for
//! integer input ([`NONE_I16`], [`NONE_I32`]) and `NaN` for `f64` input. Every other value must
//! be a whole minute `0..=1439`; anything else is an [`SrmError::InvalidMinute`] naming the
//! flat index (and week, day, item).
//!
//! **Outputs** go into caller-provided slices: per week `score` (NaN when not scorable),
//! `hits`, `counted_items`, `ali`; optionally per week × item `habitual` (minutes `[0, 1440)`,
//! NaN when the item does not count) and `item_hits`. On error the output contents are
//! unspecified (some weeks may have been written).
//!
//! Results are identical to [`super::score_week`] one week at a time.
//!
//! **CPU dispatch.** The kernel scores several weeks side by side in `i16` lanes: 8 on the
//! baseline x86-64 build (SSE2), 16 on CPUs with AVX2, chosen at run time (the CPU is checked
//! once per process; the crate contains no `unsafe`, the dispatch is done by the
//! `multiversion` crate). Both paths give bit-identical results. [`Simd::Baseline`] in
//! [`BatchSpec::simd`] forces the 8-lane baseline path, for comparison and benchmarks;
//! [`Simd::kernel`] says which path a setting runs on this CPU.
//!
//! ```
//! use ipsrt::srm::batch::{score_batch, BatchOutput, BatchSpec, NONE_I16};
//!
//! // Two SRM-5 weeks: a perfect week and an empty one.
//! let mut minutes = vec![NONE_I16; 2 * 7 * 5];
//! for d in 0..7 {
//!     minutes[d * 5..d * 5 + 5].copy_from_slice(&[420, 450, 540, 1110, 1380]);
//! }
//! let (mut score, mut hits, mut counted, mut ali) = (vec![0.0; 2], vec![0; 2], vec![0; 2], vec![0; 2]);
//! let out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
//! score_batch(&minutes, &BatchSpec::srm5(), out)?;
//! assert_eq!(score[0], 7.0);
//! assert!(score[1].is_nan()); // not scorable, never 0
//! assert_eq!((hits[0], counted[0], ali[0]), (35, 5, 35));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use super::kernel::{Params, count_item};
use super::lanes::{LANES, LaneCounts, WIDE_LANES, WeekSums, count_item_lanes};
use super::options::ScoringOptions;
use super::score::ratio;
use super::{FormKind, SrmError};
use crate::time::ClockTime;

/// "No occurrence" in `i16` input.
pub const NONE_I16: i16 = -1;
/// "No occurrence" in `i32` input.
pub const NONE_I32: i32 = -1;

/// Weeks per parallel task; also the smallest batch that [`Threads::Auto`] runs in parallel
/// (times 4).
pub const CHUNK_WEEKS: usize = 4096;

/// A batch value that is neither a clock minute nor the no-occurrence sentinel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAMinute;

mod sealed {
    pub trait Sealed {}
    impl Sealed for i16 {}
    impl Sealed for i32 {}
    impl Sealed for f64 {}
}

/// A clock-minute element type the batch scorer reads: `i16`, `i32` (sentinel `-1`) or `f64`
/// (`NaN` = no occurrence).
pub trait Minute: Copy + Send + Sync + sealed::Sealed {
    /// `Ok(Some(m))` for a minute `0..1440`, `Ok(None)` for the sentinel, an error otherwise.
    #[doc(hidden)]
    fn decode(self) -> Result<Option<i32>, NotAMinute>;
    /// The value for error messages.
    #[doc(hidden)]
    fn describe(self) -> String;
    /// Whether the value is a minute or the sentinel (branch-free, for block validation).
    #[doc(hidden)]
    fn is_valid(self) -> bool;
    /// A valid value as a kernel lane: the minute, or −1 for no occurrence (fits `i16`).
    #[doc(hidden)]
    fn to_lane(self) -> i16;
}

impl Minute for i16 {
    #[inline(always)]
    fn is_valid(self) -> bool {
        // −1 → 0, 0..=1439 → 1..=1440.
        (self as u16).wrapping_add(1) <= 1440
    }
    #[inline(always)]
    fn to_lane(self) -> i16 {
        self
    }
    #[inline(always)]
    fn decode(self) -> Result<Option<i32>, NotAMinute> {
        match self {
            0..=1439 => Ok(Some(i32::from(self))),
            -1 => Ok(None),
            _ => Err(NotAMinute),
        }
    }
    fn describe(self) -> String {
        self.to_string()
    }
}

impl Minute for i32 {
    #[inline(always)]
    fn is_valid(self) -> bool {
        (self as u32).wrapping_add(1) <= 1440
    }
    #[inline(always)]
    fn to_lane(self) -> i16 {
        // Valid values are −1..=1439.
        self as i16
    }
    #[inline(always)]
    fn decode(self) -> Result<Option<i32>, NotAMinute> {
        match self {
            0..=1439 => Ok(Some(self)),
            -1 => Ok(None),
            _ => Err(NotAMinute),
        }
    }
    fn describe(self) -> String {
        self.to_string()
    }
}

impl Minute for f64 {
    #[inline(always)]
    fn is_valid(self) -> bool {
        // Whole-number test without `fract()` (a libm call on baseline x86-64): for
        // `0 ≤ x < 2⁵²`, `x + 2⁵²` is rounded to the nearest integer and subtracting 2⁵² again
        // is exact, so `(x + 2⁵²) − 2⁵² == x` ⇔ x is a whole number (−0.0 passes as 0, as
        // before). Non-short-circuit `&`/`|` keep the block validation branch-free.
        const TWO_52: f64 = 4_503_599_627_370_496.0;
        self.is_nan() | ((0.0..1440.0).contains(&self) & ((self + TWO_52) - TWO_52 == self))
    }
    #[inline(always)]
    fn to_lane(self) -> i16 {
        // A valid value is NaN or a whole minute 0..1440: `x + 2⁵²` holds x in its low
        // mantissa bits (a plain `as` cast saturates, which costs several instructions).
        const TWO_52: f64 = 4_503_599_627_370_496.0;
        let whole = (self + TWO_52).to_bits() as i16;
        if self.is_nan() { -1 } else { whole }
    }
    #[inline(always)]
    fn decode(self) -> Result<Option<i32>, NotAMinute> {
        if self.is_nan() {
            return Ok(None);
        }
        // Rejects infinities, negatives, ≥ 1440 and fractions.
        if self.is_valid() { Ok(Some(self as i32)) } else { Err(NotAMinute) }
    }
    fn describe(self) -> String {
        format!("{self}")
    }
}

/// How many threads the batch scorer may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// rayon's global pool (respects `RAYON_NUM_THREADS`) for batches of at least
    /// `4 × CHUNK_WEEKS` weeks; smaller batches run on the calling thread.
    #[default]
    Auto,
    /// Exactly this many threads, in a local pool built for the call (1 = the calling thread
    /// only; use 1 inside Dask/Spark workers).
    Count(std::num::NonZeroUsize),
}

/// Which batch kernel to run. Results are bit-identical either way; only the speed differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Simd {
    /// The fastest kernel this CPU supports, chosen at run time: 16 weeks side by side with
    /// AVX2 on x86-64 CPUs that have it, else the baseline kernel.
    #[default]
    Auto,
    /// The baseline kernel (8 weeks side by side, SSE2 on x86-64) whatever the CPU: for
    /// comparing against [`Simd::Auto`] in one process (benchmarks, tests).
    Baseline,
}

/// The batch kernel a [`Simd`] setting runs on this CPU (see [`Simd::kernel`]). More kernels
/// may be added (e.g. for other instruction sets), so matches need a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kernel {
    /// 8 `i16` lanes, compiled for the baseline target (SSE2 on x86-64).
    Baseline8,
    /// 16 `i16` lanes, compiled with AVX2 enabled.
    Avx2x16,
}

impl Kernel {
    /// Weeks scored side by side.
    pub fn lanes(self) -> usize {
        match self {
            Kernel::Baseline8 => LANES,
            Kernel::Avx2x16 => WIDE_LANES,
        }
    }

    /// A short name: `"baseline-8"` or `"avx2-16"`.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Baseline8 => "baseline-8",
            Kernel::Avx2x16 => "avx2-16",
        }
    }
}

impl Simd {
    /// The kernel this setting runs on this CPU.
    ///
    /// ```
    /// use ipsrt::srm::batch::{Kernel, Simd};
    ///
    /// assert_eq!(Simd::Baseline.kernel(), Kernel::Baseline8);
    /// // `Simd::Auto` is `Kernel::Avx2x16` on x86-64 CPUs with AVX2.
    /// assert!(Simd::Auto.kernel().lanes() >= 8);
    /// ```
    pub fn kernel(self) -> Kernel {
        match self {
            Simd::Baseline => Kernel::Baseline8,
            Simd::Auto if has_avx2() => Kernel::Avx2x16,
            Simd::Auto => Kernel::Baseline8,
        }
    }
}

/// Whether the CPU has AVX2 (cached by the standard library after the first check).
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// What a batch looks like and how to score it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchSpec {
    /// Items per day (the last axis): 5 for SRM-5/SRM-II-5, 17 for SRM-17, `1..=64`.
    pub items: usize,
    /// The scoring options (`windows` and `week_anchor` do not apply: each row is a window).
    pub options: ScoringOptions,
    /// Per item (length `items`) the target time, needed only for the non-standard target
    /// reference; empty otherwise.
    pub targets: Vec<Option<ClockTime>>,
    /// Threads.
    pub threads: Threads,
    /// Which kernel: [`Simd::Auto`] (the default) or the baseline kernel for comparison.
    pub simd: Simd,
}

impl BatchSpec {
    /// SRM-5 (or SRM-II-5) weeks with the default options.
    pub fn srm5() -> BatchSpec {
        BatchSpec::for_form(FormKind::Srm5)
    }

    /// SRM-17 weeks with the default options.
    pub fn srm17() -> BatchSpec {
        BatchSpec::for_form(FormKind::Srm17)
    }

    /// Weeks of a form, default options.
    pub fn for_form(form: FormKind) -> BatchSpec {
        BatchSpec {
            items: form.items().len(),
            options: ScoringOptions::default(),
            targets: Vec::new(),
            threads: Threads::Auto,
            simd: Simd::Auto,
        }
    }

    /// With these options.
    pub fn with_options(mut self, options: ScoringOptions) -> BatchSpec {
        self.options = options;
        self
    }

    /// With this thread setting.
    pub fn with_threads(mut self, threads: Threads) -> BatchSpec {
        self.threads = threads;
        self
    }

    /// With this kernel setting ([`Simd::Baseline`] forces the baseline kernel).
    pub fn with_simd(mut self, simd: Simd) -> BatchSpec {
        self.simd = simd;
        self
    }
}

/// The caller-provided output slices. Per-week slices have length `weeks`; per-item slices
/// (optional) have length `weeks × items`, row-major `w·items + i`.
#[derive(Debug)]
pub struct BatchOutput<'a> {
    /// SRM score per week; NaN when not scorable.
    pub score: &'a mut [f64],
    /// Total hits per week.
    pub hits: &'a mut [u32],
    /// Counted items per week.
    pub counted_items: &'a mut [u32],
    /// ALI (done occurrences) per week.
    pub ali: &'a mut [u32],
    /// Habitual time per week and item, minutes `[0, 1440)`; NaN when the item does not count.
    pub habitual: Option<&'a mut [f64]>,
    /// Hits per week and item.
    pub item_hits: Option<&'a mut [u8]>,
}

impl<'a> BatchOutput<'a> {
    /// The per-week outputs only.
    pub fn new(score: &'a mut [f64], hits: &'a mut [u32], counted_items: &'a mut [u32], ali: &'a mut [u32]) -> Self {
        BatchOutput { score, hits, counted_items, ali, habitual: None, item_hits: None }
    }

    /// Also write per-item habitual times and hits.
    pub fn with_items(mut self, habitual: &'a mut [f64], item_hits: &'a mut [u8]) -> Self {
        self.habitual = Some(habitual);
        self.item_hits = Some(item_hits);
        self
    }

    fn split_at(self, weeks: usize, items: usize) -> (BatchOutput<'a>, BatchOutput<'a>) {
        let (s1, s2) = self.score.split_at_mut(weeks);
        let (h1, h2) = self.hits.split_at_mut(weeks);
        let (c1, c2) = self.counted_items.split_at_mut(weeks);
        let (a1, a2) = self.ali.split_at_mut(weeks);
        let (hb1, hb2) = match self.habitual {
            Some(h) => {
                let (x, y) = h.split_at_mut(weeks * items);
                (Some(x), Some(y))
            }
            None => (None, None),
        };
        let (ih1, ih2) = match self.item_hits {
            Some(h) => {
                let (x, y) = h.split_at_mut(weeks * items);
                (Some(x), Some(y))
            }
            None => (None, None),
        };
        (
            BatchOutput { score: s1, hits: h1, counted_items: c1, ali: a1, habitual: hb1, item_hits: ih1 },
            BatchOutput { score: s2, hits: h2, counted_items: c2, ali: a2, habitual: hb2, item_hits: ih2 },
        )
    }
}

fn check_len(name: &'static str, expected: usize, got: usize) -> Result<(), SrmError> {
    if expected == got { Ok(()) } else { Err(SrmError::OutputLength { name, expected, got }) }
}

/// Scores `minutes.len() / (7 · spec.items)` weeks into `out`.
///
/// Fails (before scoring) on invalid options, an input length that is not a whole number of
/// weeks, output slices of the wrong length, or a target reference without targets; and on
/// the first invalid minute value (lowest flat index).
pub fn score_batch<T: Minute>(minutes: &[T], spec: &BatchSpec, out: BatchOutput<'_>) -> Result<(), SrmError> {
    spec.options.validate()?;
    let items = spec.items;
    if !(1..=64).contains(&items) {
        return Err(SrmError::InvalidBatchShape {
            detail: format!("items per day is {items}; use 1..=64 (5 for SRM-5, 17 for SRM-17)"),
        });
    }
    let per_week = 7 * items;
    if !minutes.len().is_multiple_of(per_week) {
        return Err(SrmError::InvalidBatchShape {
            detail: format!(
                "{} values is not a whole number of weeks of 7 days × {items} items ({per_week} values per week); check the array shape (weeks, 7, items)",
                minutes.len()
            ),
        });
    }
    let weeks = minutes.len() / per_week;
    check_len("score", weeks, out.score.len())?;
    check_len("hits", weeks, out.hits.len())?;
    check_len("counted_items", weeks, out.counted_items.len())?;
    check_len("ali", weeks, out.ali.len())?;
    if let Some(h) = &out.habitual {
        check_len("habitual", weeks * items, h.len())?;
    }
    if let Some(h) = &out.item_hits {
        check_len("item_hits", weeks * items, h.len())?;
    }
    let params = Params::new(&spec.options);
    let mut targets = vec![None; items];
    if params.target_reference() {
        if spec.targets.len() != items {
            return Err(SrmError::InvalidBatchShape {
                detail: format!(
                    "the target reference needs one target per item ({items}), got {}; pass targets or use the habitual reference",
                    spec.targets.len()
                ),
            });
        }
        for (i, (slot, t)) in targets.iter_mut().zip(&spec.targets).enumerate() {
            let t = t.ok_or_else(|| SrmError::InvalidBatchShape {
                detail: format!("item {i} has no target time, which the (non-standard) target reference needs; give every item a target or use the habitual reference"),
            })?;
            *slot = Some(i32::from(t.minutes()));
        }
    }
    let ctx = Ctx { items, params, targets: &targets, simd: spec.simd };
    run(minutes, weeks, &ctx, spec.threads, out)
}

struct Ctx<'t> {
    items: usize,
    params: Params,
    targets: &'t [Option<i32>],
    simd: Simd,
}

#[cfg(feature = "parallel")]
fn run<T: Minute>(
    minutes: &[T],
    weeks: usize,
    ctx: &Ctx<'_>,
    threads: Threads,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    use rayon::prelude::*;
    let parallel = match threads {
        Threads::Auto => weeks >= 4 * CHUNK_WEEKS && rayon::current_num_threads() > 1,
        Threads::Count(n) => n.get() > 1 && weeks > CHUNK_WEEKS,
    };
    if !parallel {
        return score_range(minutes, 0, ctx, out);
    }
    let per_week = 7 * ctx.items;
    let mut chunks = Vec::with_capacity(weeks.div_ceil(CHUNK_WEEKS));
    let mut rest = out;
    let mut first = 0;
    while first < weeks {
        let len = CHUNK_WEEKS.min(weeks - first);
        let (head, tail) = rest.split_at(len, ctx.items);
        let input = minutes.get(first * per_week..(first + len) * per_week).unwrap_or(&[]);
        chunks.push((first, input, head));
        rest = tail;
        first += len;
    }
    let work = || {
        chunks.into_par_iter().map(|(first, input, head)| score_range(input, first, ctx, head)).reduce(
            || Ok(()),
            |a, b| match (a, b) {
                (Err(x), Err(y)) => Err(if first_index(&x) <= first_index(&y) { x } else { y }),
                (Err(x), _) | (_, Err(x)) => Err(x),
                _ => Ok(()),
            },
        )
    };
    match threads {
        Threads::Count(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n.get())
                .build()
                .map_err(|e| SrmError::ThreadPool { detail: e.to_string() })?;
            pool.install(work)
        }
        Threads::Auto => work(),
    }
}

#[cfg(feature = "parallel")]
fn first_index(e: &SrmError) -> usize {
    match e {
        SrmError::InvalidMinute { index, .. } => *index,
        _ => usize::MAX,
    }
}

#[cfg(not(feature = "parallel"))]
fn run<T: Minute>(
    minutes: &[T],
    _weeks: usize,
    ctx: &Ctx<'_>,
    _threads: Threads,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    score_range(minutes, 0, ctx, out)
}

/// Scores consecutive weeks; `first_week` is the index of the first one in the whole batch
/// (for error messages).
fn score_range<T: Minute>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    if ctx.params.target_reference() || ctx.params.hits_on_all() {
        return score_range_weekwise(minutes, first_week, ctx, out, ctx.items);
    }
    match ctx.simd {
        Simd::Auto => score_range_dispatched(minutes, first_week, ctx, out),
        Simd::Baseline => score_range_baseline(minutes, first_week, ctx, out),
    }
}

/// The lane kernel for the best target this CPU supports, chosen at run time by
/// `multiversion` (the CPU is checked once, the choice cached): a clone compiled with AVX2
/// runs 16 lanes; the fallback calls the baseline kernel.
///
/// Everything the AVX2 clone runs is `#[inline(always)]` down to the lane operations, so it is
/// compiled inside this function with AVX2 enabled: a non-inlined helper would run at
/// baseline (only the rare general-layout fallback `count_general` is deliberately not
/// inlined).
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn score_range_dispatched<T: Minute>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    multiversion::target::match_target! {
        "x86_64+avx2" => score_range_lanes::<T, WIDE_LANES>(minutes, first_week, ctx, out),
        _ => score_range_baseline(minutes, first_week, ctx, out),
    }
}

/// The lane kernel at [`LANES`] lanes, compiled for the baseline target.
#[inline(never)]
fn score_range_baseline<T: Minute>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    score_range_lanes::<T, LANES>(minutes, first_week, ctx, out)
}

/// The lane kernel at `L` lanes.
#[inline(always)]
fn score_range_lanes<T: Minute, const L: usize>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
) -> Result<(), SrmError> {
    // One copy of the loop per common form, with the item count a compile-time constant, so
    // the transposition and the per-item loop unroll and lose their bounds checks.
    match ctx.items {
        5 => score_range_items::<T, L>(minutes, first_week, ctx, out, 5),
        17 => score_range_items::<T, L>(minutes, first_week, ctx, out, 17),
        items => score_range_items::<T, L>(minutes, first_week, ctx, out, items),
    }
}

/// The lane kernel for `items` items per day (inlined so a constant `items` specialises it)
/// and `L` lanes (weeks side by side).
#[inline(always)]
fn score_range_items<T: Minute, const L: usize>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
    items: usize,
) -> Result<(), SrmError> {
    let per_week = 7 * items;
    let BatchOutput { score, hits, counted_items, ali, mut habitual, mut item_hits } = out;
    let want_habitual = habitual.is_some();
    // L weeks transposed to item-major blocks (`block[i][d][j]`: item i, day d, week j);
    // lanes past the end of the batch stay −1 (empty weeks). Reused for every group of weeks.
    let mut block = [[[-1i16; L]; 7]; 64];
    let mut counts = LaneCounts::default();
    let groups = minutes.chunks(L * per_week);
    let week_outs = score.chunks_mut(L).zip(hits.chunks_mut(L)).zip(counted_items.chunks_mut(L)).zip(ali.chunks_mut(L));
    for (g, (group, (((sc, ht), ct), al))) in groups.zip(week_outs).enumerate() {
        let first = g * L;
        if !group.iter().fold(true, |ok, v| ok & v.is_valid()) {
            return Err(first_invalid(group, first_week + first, items));
        }
        let lanes = group.len() / per_week;
        if lanes < L {
            for item in block.iter_mut().take(items) {
                for day in item.iter_mut() {
                    day.fill(-1);
                }
            }
        }
        match items {
            5 => transpose_fixed::<T, 5, L>(group, &mut block),
            17 => transpose_fixed::<T, 17, L>(group, &mut block),
            _ => transpose(group, items, &mut block),
        }
        let mut sums = WeekSums::default();
        for (i, item) in block.iter().take(items).enumerate() {
            count_item_lanes(item, &ctx.params, want_habitual, &mut counts);
            sums.add(&counts);
            for j in 0..lanes {
                let at = (first + j) * items + i;
                if let Some(slot) = habitual.as_deref_mut().and_then(|h| h.get_mut(at)) {
                    *slot = counts.habitual[j];
                }
                if let Some(slot) = item_hits.as_deref_mut().and_then(|h| h.get_mut(at)) {
                    *slot = counts.hits[j] as u8;
                }
            }
        }
        for (j, (((sc, ht), ct), al)) in
            sc.iter_mut().zip(ht.iter_mut()).zip(ct.iter_mut()).zip(al.iter_mut()).enumerate()
        {
            let (h, c, a) = (sums.hits[j] as u32, sums.counted[j] as u32, sums.ali[j] as u32);
            *sc = ratio(h, c).unwrap_or(f64::NAN);
            *ht = h;
            *ct = c;
            *al = a;
        }
    }
    Ok(())
}

/// Up to `L` day-major weeks (`(week, day, item)`) to item-major lanes
/// (`block[item][day][week]`).
#[inline(always)]
fn transpose<T: Minute, const L: usize>(group: &[T], items: usize, block: &mut [[[i16; L]; 7]; 64]) {
    for (j, row) in group.chunks_exact(7 * items).take(L).enumerate() {
        for (d, day) in row.chunks_exact(items).take(7).enumerate() {
            for (item, v) in block.iter_mut().zip(day) {
                item[d][j] = v.to_lane();
            }
        }
    }
}

/// [`transpose`] with the item count known at compile time (SRM-5, SRM-17), so the loops
/// unroll without bounds checks.
#[inline(always)]
fn transpose_fixed<T: Minute, const ITEMS: usize, const L: usize>(group: &[T], block: &mut [[[i16; L]; 7]; 64]) {
    let (days, _) = group.as_chunks::<ITEMS>();
    let (weeks, _) = days.as_chunks::<7>();
    let Ok(full) = <&[[[T; ITEMS]; 7]; L]>::try_from(weeks) else {
        // A partial group at the end of the batch.
        for (j, week) in days.chunks_exact(7).take(L).enumerate() {
            for (d, day) in week.iter().enumerate().take(7) {
                for (item, v) in block.iter_mut().zip(day) {
                    item[d][j] = v.to_lane();
                }
            }
        }
        return;
    };
    // A full group: build each L-lane row at once (lane inserts, one store per row).
    for (i, item) in block.iter_mut().enumerate().take(ITEMS) {
        for (d, row) in item.iter_mut().enumerate() {
            *row = std::array::from_fn(|j| full[j][d][i].to_lane());
        }
    }
}

/// The target reference (non-standard) and hits on all values, one week at a time with the
/// per-item-week kernel.
fn score_range_weekwise<T: Minute>(
    minutes: &[T],
    first_week: usize,
    ctx: &Ctx<'_>,
    out: BatchOutput<'_>,
    items: usize,
) -> Result<(), SrmError> {
    let per_week = 7 * items;
    let BatchOutput { score, hits, counted_items, ali, mut habitual, mut item_hits } = out;
    // One week transposed to item-major 8-lane rows (lane 7 stays −1); reused for every week.
    let mut block = [[-1i16; 8]; 64];
    let rows = minutes.chunks_exact(per_week);
    let week_outs = score.iter_mut().zip(hits.iter_mut()).zip(counted_items.iter_mut()).zip(ali.iter_mut());
    for (w, (row, (((sc, ht), ct), al))) in rows.zip(week_outs).enumerate() {
        if !row.iter().fold(true, |ok, v| ok & v.is_valid()) {
            return Err(first_invalid(row, first_week + w, items));
        }
        for d in 0..7 {
            let Some(day) = row.get(d * items..(d + 1) * items) else { continue };
            for (lanes, v) in block.iter_mut().zip(day) {
                lanes[d] = v.to_lane();
            }
        }
        let (mut h_sum, mut c_sum, mut a_sum) = (0u32, 0u32, 0u32);
        for (i, lanes) in block.iter().take(items).enumerate() {
            let o = count_item(lanes, &ctx.params, ctx.targets.get(i).copied().flatten());
            a_sum += o.n;
            if o.counted {
                c_sum += 1;
                h_sum += o.hits;
            }
            if let Some(slot) = habitual.as_deref_mut().and_then(|h| h.get_mut(w * items + i)) {
                *slot = o.habitual;
            }
            if let Some(slot) = item_hits.as_deref_mut().and_then(|h| h.get_mut(w * items + i)) {
                *slot = o.hits as u8;
            }
        }
        *sc = ratio(h_sum, c_sum).unwrap_or(f64::NAN);
        *ht = h_sum;
        *ct = c_sum;
        *al = a_sum;
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn first_invalid<T: Minute>(values: &[T], first_week: usize, items: usize) -> SrmError {
    // `values` holds whole weeks starting at `first_week`.
    let pos = values.iter().position(|v| !v.is_valid()).unwrap_or(0);
    let value = values.get(pos).map_or_else(String::new, |v| v.describe());
    let per_week = 7 * items;
    let within = pos % per_week;
    invalid(first_week + pos / per_week, within / items, within % items, items, value)
}

#[cold]
fn invalid(week: usize, day: usize, item: usize, items: usize, value: String) -> SrmError {
    SrmError::InvalidMinute { index: (week * 7 + day) * items + item, week, day, item, value }
}

#[cfg(test)]
mod tests {
    use super::Minute;

    #[test]
    fn f64_validity_matches_the_definition() {
        // The 2⁵² whole-number test against the plain definition on edge values.
        let reference = |x: f64| x.is_nan() || ((0.0..1440.0).contains(&x) && x.fract() == 0.0);
        let edges = [
            0.0,
            -0.0,
            1.0,
            0.5,
            1e-300,
            -1e-300,
            f64::MIN_POSITIVE,
            1439.0,
            1439.5,
            1_439.999_999_999_999_8,
            1440.0,
            -1.0,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            720.25,
            2.0_f64.powi(52),
        ];
        for x in edges {
            assert_eq!(x.is_valid(), reference(x), "{x}");
        }
        for i in -3000..3000 {
            for frac in [0.0, 0.25, 0.5, 0.999_999] {
                let x = f64::from(i) / 2.0 + frac;
                assert_eq!(x.is_valid(), reference(x), "{x}");
            }
        }
    }
}
