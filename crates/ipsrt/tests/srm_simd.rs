//! The batch kernel dispatched for this CPU (`Simd::Auto`: 16 lanes with AVX2 where present)
//! gives bit-identical results to the baseline kernel (`Simd::Baseline`: 8 lanes), on random
//! weeks, every scoring option, every input element type, batch sizes that leave partial lane
//! groups, and invalid input. Cases: `PROPTEST_CASES` (default 256).

use ipsrt::srm::batch::{BatchOutput, BatchSpec, Kernel, Minute, NONE_I16, Simd, Threads, score_batch};
use ipsrt::srm::{HitReference, HitValues, ScoringOptions, SdKind, SrmError, TrimFactor};
use ipsrt::time::ClockTime;
use proptest::prelude::*;

/// One week of `items` items as `[item][day]` minutes (`None` = no occurrence): per item a
/// centre and a spread, from tight (ties at the hit window and the trim limit are common) to
/// uniform over the day (the general layout), some days missing.
fn week(items: usize) -> impl Strategy<Value = Vec<[Option<u16>; 7]>> {
    prop::collection::vec(
        (
            0u16..1440,
            prop_oneof![Just(0u16), 1u16..60, 60u16..200, 200u16..720],
            prop::array::uniform7((0u16..1000, 0u8..10)),
        ),
        items,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(centre, spread, days)| {
                days.map(|(r, missing)| {
                    (missing > 1).then(|| {
                        let off = if spread == 0 { 0 } else { i32::from(r % (2 * spread + 1)) - i32::from(spread) };
                        (i32::from(centre) + off).rem_euclid(1440) as u16
                    })
                })
            })
            .collect()
    })
}

/// A batch: the items per day (SRM-5, SRM-17 or any count 1..=64) and 1..=70 weeks, so the
/// last group of 8 or 16 lanes is often partial.
fn batch() -> impl Strategy<Value = (usize, Vec<Vec<[Option<u16>; 7]>>)> {
    prop_oneof![3 => Just(5usize), 2 => Just(17usize), 1 => 1usize..=64]
        .prop_flat_map(|items| (Just(items), prop::collection::vec(week(items), 1..=70)))
}

/// Every scoring option the batch scorer takes, over its whole valid range.
fn options() -> impl Strategy<Value = ScoringOptions> {
    (
        prop_oneof![Just(45u16), 0u16..120, 0u16..=720],
        prop_oneof![
            Just(Some(1500u32)),
            Just(None),
            (500u32..3000).prop_map(Some),
            (1u32..=10_000).prop_map(Some),
            prop_oneof![Just(1u32), Just(999), Just(9_999), Just(10_000)].prop_map(Some)
        ],
        prop_oneof![Just(SdKind::Sample), Just(SdKind::Population)],
        prop_oneof![Just(None), Just(Some(10u16)), Just(Some(30u16)), (0u16..=720).prop_map(Some)],
        1u8..=7,
        prop_oneof![4 => Just(HitValues::Kept), 1 => Just(HitValues::All)],
        prop_oneof![6 => Just(HitReference::Habitual), 1 => Just(HitReference::Target)],
    )
        .prop_map(|(w, trim, sd, floor, min, hit_values, reference)| ScoringOptions {
            hit_window_min: w,
            trim_factor: trim.map(|t| TrimFactor::from_thousandths(t).unwrap()),
            sd,
            sd_floor_min: floor,
            min_occurrences: min,
            hit_values,
            reference,
            ..ScoringOptions::default()
        })
}

/// Every output of one run, floats as bits.
#[derive(Debug, PartialEq, Eq)]
struct Outputs {
    score: Vec<u64>,
    hits: Vec<u32>,
    counted: Vec<u32>,
    ali: Vec<u32>,
    habitual: Option<Vec<u64>>,
    item_hits: Option<Vec<u8>>,
}

fn run<T: Minute>(minutes: &[T], spec: &BatchSpec, per_item: bool) -> Result<Outputs, SrmError> {
    let weeks = minutes.len() / (7 * spec.items);
    let (mut sc, mut h, mut c, mut a) = (vec![0.0; weeks], vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
    let (mut hab, mut ih) = (vec![0.0; weeks * spec.items], vec![0u8; weeks * spec.items]);
    let out = BatchOutput::new(&mut sc, &mut h, &mut c, &mut a);
    let out = if per_item { out.with_items(&mut hab, &mut ih) } else { out };
    score_batch(minutes, spec, out)?;
    Ok(Outputs {
        score: sc.iter().map(|s| s.to_bits()).collect(),
        hits: h,
        counted: c,
        ali: a,
        habitual: per_item.then(|| hab.iter().map(|x| x.to_bits()).collect()),
        item_hits: per_item.then_some(ih),
    })
}

/// The batch as `i16` (−1), `i32` (−1) and `f64` (NaN) minutes.
fn flatten(items: usize, weeks: &[Vec<[Option<u16>; 7]>]) -> (Vec<i16>, Vec<i32>, Vec<f64>) {
    let n = weeks.len() * 7 * items;
    let (mut a, mut b, mut c) = (vec![NONE_I16; n], vec![-1i32; n], vec![f64::NAN; n]);
    for (w, g) in weeks.iter().enumerate() {
        for (i, row) in g.iter().enumerate() {
            for (d, m) in row.iter().enumerate() {
                if let Some(m) = m {
                    let at = (w * 7 + d) * items + i;
                    a[at] = *m as i16;
                    b[at] = i32::from(*m);
                    c[at] = f64::from(*m);
                }
            }
        }
    }
    (a, b, c)
}

fn spec(items: usize, o: ScoringOptions, targets: &[u16], simd: Simd) -> BatchSpec {
    let mut spec =
        BatchSpec::srm5().with_options(o).with_simd(simd).with_threads(Threads::Count(1.try_into().unwrap()));
    spec.items = items;
    if o.reference == HitReference::Target {
        spec.targets =
            (0..items).map(|i| Some(ClockTime::from_minutes(i64::from(targets[i % targets.len()])).unwrap())).collect();
    }
    spec
}

#[test]
fn auto_runs_the_avx2_kernel_where_the_cpu_has_avx2() {
    // Otherwise the properties below would compare the baseline kernel with itself.
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        assert_eq!(Simd::Auto.kernel(), Kernel::Avx2x16);
        assert_eq!(Simd::Auto.kernel().lanes(), 16);
    } else {
        assert_eq!(Simd::Auto.kernel(), Kernel::Baseline8);
    }
    assert_eq!(Simd::Baseline.kernel(), Kernel::Baseline8);
    assert_eq!(Simd::Baseline.kernel().lanes(), 8);
    assert_eq!(BatchSpec::srm5().simd, Simd::Auto);
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn dispatched_equals_baseline_bit_for_bit(
        (items, weeks) in batch(),
        o in options(),
        targets in prop::collection::vec(0u16..1440, 1..=5),
        per_item in any::<bool>(),
    ) {
        let (a, b, c) = flatten(items, &weeks);
        let auto = spec(items, o, &targets, Simd::Auto);
        let base = spec(items, o, &targets, Simd::Baseline);
        let want = run(&a, &base, per_item).unwrap();
        prop_assert_eq!(&run(&a, &auto, per_item).unwrap(), &want);
        prop_assert_eq!(&run(&b, &auto, per_item).unwrap(), &want);
        prop_assert_eq!(&run(&c, &auto, per_item).unwrap(), &want);
        prop_assert_eq!(&run(&c, &base, per_item).unwrap(), &want);
    }

    #[test]
    fn both_kernels_reject_the_same_first_invalid_value(
        (items, weeks) in batch(),
        o in options(),
        at in any::<prop::sample::Index>(),
        bad in prop_oneof![Just(-2i16), Just(1440i16), Just(i16::MIN), Just(i16::MAX), -1000i16..-1, 1440i16..5000],
    ) {
        let (mut a, _, mut c) = flatten(items, &weeks);
        let i = at.index(a.len());
        a[i] = bad;
        c[i] = f64::from(bad) + 0.5;
        for data in [run(&a, &spec(items, o, &[0], Simd::Auto), false), run(&a, &spec(items, o, &[0], Simd::Baseline), false)] {
            let e = data.unwrap_err();
            prop_assert!(matches!(e, SrmError::InvalidMinute { index, .. } if index == i), "{:?}", e);
        }
        let e1 = run(&c, &spec(items, o, &[0], Simd::Auto), true).unwrap_err();
        let e2 = run(&c, &spec(items, o, &[0], Simd::Baseline), true).unwrap_err();
        prop_assert_eq!(e1, e2);
    }
}

#[test]
fn dispatched_equals_baseline_on_a_large_parallel_batch() {
    // More weeks than one parallel task (4096), two threads, both kernels.
    let items = 5;
    let weeks = 10_000;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let data: Vec<i16> = (0..weeks * 7 * items)
        .map(|k| {
            let r = next();
            if r % 9 == 0 {
                -1
            } else {
                ((420 + (k % items) * 200) as i64 + (r >> 10) as i64 % 181 - 90).rem_euclid(1440) as i16
            }
        })
        .collect();
    let two = Threads::Count(2.try_into().unwrap());
    let auto = BatchSpec::srm5().with_threads(two);
    let base = BatchSpec::srm5().with_threads(two).with_simd(Simd::Baseline);
    assert_eq!(run(&data, &auto, true).unwrap(), run(&data, &base, true).unwrap());
}
