//! Properties of SRM scoring: midnight (rotation) invariance, day-permutation invariance,
//! ranges, batch == one-by-one, fast unwrap == general unwrap.

use ipsrt::srm::batch::{BatchOutput, BatchSpec, NONE_I16, Threads, score_batch};
use ipsrt::srm::unwrap::{RESULTANT_EPS, general, layout};
use ipsrt::srm::{
    Form, HitReference, HitValues, ScoringOptions, SdKind, Status, TrimFactor, Week, WeekScore, score_week,
};
use ipsrt::time::ClockTime;
use proptest::prelude::*;

type Grid = Vec<[Option<u16>; 7]>;

/// A week of one form: per item a centre and a spread, some days missing; spreads from tight
/// (ties at 45 min and 1.5 SD are common) to uniform over the day.
fn grid(items: usize) -> impl Strategy<Value = Grid> {
    prop::collection::vec(
        (
            0u16..1440,
            prop_oneof![Just(0u16), 1u16..60, 60u16..200, 200u16..720],
            prop::array::uniform7((0u16..1000, any::<bool>())),
        ),
        items,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(centre, spread, days)| {
                days.map(|(r, present)| {
                    present.then(|| {
                        let off = if spread == 0 { 0 } else { i32::from(r % (2 * spread + 1)) - i32::from(spread) };
                        (i32::from(centre) + off).rem_euclid(1440) as u16
                    })
                })
            })
            .collect()
    })
}

fn week_of(form: Form, g: &Grid) -> Week {
    let rows: Vec<[Option<ClockTime>; 7]> =
        g.iter().map(|r| r.map(|m| m.map(|m| ClockTime::from_minutes(i64::from(m)).unwrap()))).collect();
    Week::from_times(form, "2026-01-05".parse().unwrap(), &rows).unwrap()
}

fn options() -> impl Strategy<Value = ScoringOptions> {
    (
        prop_oneof![Just(45u16), 0u16..120, 0u16..=720],
        // The whole valid range of trim factors (0.001..=10), including the extremes where the
        // batch kernel's exact-f64 limit is closest to its bounds.
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
        prop_oneof![3 => Just(HitValues::Kept), 1 => Just(HitValues::All)],
    )
        .prop_map(|(w, trim, sd, floor, min, hit_values)| ScoringOptions {
            hit_window_min: w,
            trim_factor: trim.map(|t| TrimFactor::from_thousandths(t).unwrap()),
            sd,
            sd_floor_min: floor,
            min_occurrences: min,
            hit_values,
            ..ScoringOptions::default()
        })
}

/// Whether some item's present times have a mean resultant length ≈ 0 (docs/srm.md#scoring: the
/// unwrap is skipped and raw clock minutes are used, so only then may rotation change a score).
fn has_zero_resultant(g: &Grid) -> bool {
    g.iter().any(|row| {
        let xs: Vec<f64> = row.iter().flatten().map(|&m| f64::from(m) * std::f64::consts::TAU / 1440.0).collect();
        let (c, s) = xs.iter().fold((0.0f64, 0.0f64), |(c, s), a| (c + a.cos(), s + a.sin()));
        !xs.is_empty() && c.hypot(s) / (xs.len() as f64) < RESULTANT_EPS * 1e3
    })
}

fn same_outcome(a: &WeekScore, b: &WeekScore) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.hits, b.hits);
    prop_assert_eq!(a.counted_items, b.counted_items);
    prop_assert_eq!(a.ali, b.ali);
    for (x, y) in a.items.iter().zip(&b.items) {
        prop_assert_eq!((x.n, x.kept, x.hits, x.counted), (y.n, y.kept, y.hits, y.counted), "{:?}", x.item);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rotating_every_time_never_changes_the_score(g in grid(5), r in 1u16..1440, o in options()) {
        prop_assume!(!has_zero_resultant(&g));
        let base = score_week(&week_of(Form::Srm5, &g), &o).unwrap();
        let rotated: Grid = g.iter().map(|row| row.map(|m| m.map(|m| (m + r) % 1440))).collect();
        let rot = score_week(&week_of(Form::Srm5, &rotated), &o).unwrap();
        same_outcome(&base, &rot)?;
        prop_assert_eq!(base.score, rot.score);
        for (x, y) in base.items.iter().zip(&rot.items) {
            if let (Some(hx), Some(hy)) = (x.habitual_minutes, y.habitual_minutes) {
                let d = (hy - hx - f64::from(r)).rem_euclid(1440.0);
                prop_assert!(!(1e-6..=1440.0 - 1e-6).contains(&d), "habitual {} → {} under rotation {}", hx, hy, r);
            }
        }
    }

    #[test]
    fn permuting_days_never_changes_the_score(g in grid(5), perm in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(), o in options()) {
        let base = score_week(&week_of(Form::Srm5, &g), &o).unwrap();
        let permuted: Grid = g.iter().map(|row| std::array::from_fn(|d| row[perm[d]])).collect();
        let p = score_week(&week_of(Form::Srm5, &permuted), &o).unwrap();
        same_outcome(&base, &p)?;
        prop_assert_eq!(base.score, p.score);
    }

    #[test]
    fn score_and_counts_are_in_range(g in grid(17), o in options()) {
        let s = score_week(&week_of(Form::srm17(), &g), &o).unwrap();
        if let Some(v) = s.score {
            prop_assert!((0.0..=7.0).contains(&v));
            prop_assert!(s.counted_items > 0);
        } else {
            prop_assert_eq!(s.counted_items, 0);
        }
        prop_assert!(s.ali <= 119);
        for i in &s.items {
            prop_assert!(i.kept <= i.n && i.n <= 7, "{:?}", i);
            // Only kept values can be hits, unless hits on all values was asked for.
            prop_assert!(i.hits <= if o.hit_values == HitValues::All { i.n } else { i.kept }, "{:?}", i);
            prop_assert_eq!(i.counted, i.n >= o.min_occurrences);
            if i.counted && o.min_occurrences >= 3 && o.trim_factor == Some(TrimFactor::DEFAULT) {
                // docs/srm.md#scoring: trimming at 1.5 SD never leaves fewer than 3 of n ≥ 3.
                prop_assert!(i.kept >= 3);
            }
        }
    }

    #[test]
    fn batch_equals_one_by_one(weeks in prop::collection::vec(grid(5), 1..40), o in options(), threads in 1usize..3) {
        let items = 5;
        let n = weeks.len();
        let mut mins = vec![NONE_I16; n * 7 * items];
        let mut fmins = vec![f64::NAN; n * 7 * items];
        for (w, g) in weeks.iter().enumerate() {
            for (i, row) in g.iter().enumerate() {
                for (d, m) in row.iter().enumerate() {
                    if let Some(m) = m {
                        mins[(w * 7 + d) * items + i] = *m as i16;
                        fmins[(w * 7 + d) * items + i] = f64::from(*m);
                    }
                }
            }
        }
        let spec = BatchSpec::srm5().with_options(o).with_threads(Threads::Count(threads.try_into().unwrap()));
        let (mut sc, mut h, mut c, mut a) = (vec![0.0; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]);
        let (mut hab, mut ih) = (vec![0.0; n * items], vec![0u8; n * items]);
        score_batch(&mins, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a).with_items(&mut hab, &mut ih)).unwrap();
        let (mut sc2, mut h2, mut c2, mut a2) = (vec![0.0; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]);
        score_batch(&fmins, &spec, BatchOutput::new(&mut sc2, &mut h2, &mut c2, &mut a2)).unwrap();
        for (w, g) in weeks.iter().enumerate() {
            let one = score_week(&week_of(Form::Srm5, g), &o).unwrap();
            prop_assert_eq!(h[w], one.hits);
            prop_assert_eq!(c[w], one.counted_items);
            prop_assert_eq!(a[w], one.ali);
            prop_assert_eq!(sc[w].to_bits(), one.score.unwrap_or(f64::NAN).to_bits());
            prop_assert_eq!((h2[w], c2[w], a2[w], sc2[w].to_bits()), (h[w], c[w], a[w], sc[w].to_bits()));
            for (i, item) in one.items.iter().enumerate() {
                prop_assert_eq!(u32::from(ih[w * items + i]), u32::from(item.hits));
                prop_assert_eq!(hab[w * items + i].to_bits(), item.habitual_minutes.unwrap_or(f64::NAN).to_bits());
            }
        }
    }

    #[test]
    fn target_reference_batch_equals_one_by_one(g in grid(5), t in prop::array::uniform5(0u16..1440)) {
        let targets: Vec<Option<ClockTime>> = t.iter().map(|m| Some(ClockTime::from_minutes(i64::from(*m)).unwrap())).collect();
        let form = Form::SrmII5 { targets: ipsrt::srm::Targets {
            out_of_bed: targets[0], first_contact: targets[1], start_work: targets[2], dinner: targets[3], to_bed: targets[4],
        }};
        let o = ScoringOptions { reference: HitReference::Target, ..ScoringOptions::default() };
        let one = score_week(&week_of(form, &g), &o).unwrap();
        let mut mins = vec![NONE_I16; 35];
        for (i, row) in g.iter().enumerate() {
            for (d, m) in row.iter().enumerate() {
                if let Some(m) = m { mins[d * 5 + i] = *m as i16; }
            }
        }
        let spec = BatchSpec { targets, ..BatchSpec::srm5().with_options(o) };
        let (mut sc, mut h, mut c, mut a) = (vec![0.0; 1], vec![0u32; 1], vec![0u32; 1], vec![0u32; 1]);
        score_batch(&mins, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).unwrap();
        prop_assert_eq!((h[0], c[0], a[0]), (one.hits, one.counted_items, one.ali));
    }

    #[test]
    fn fast_unwrap_equals_general(centre in 0i32..1440, offs in prop::collection::vec(-359i32..=359, 1..8)) {
        // Values within an open half-circle: the fast path applies.
        let xs: Vec<i32> = offs.iter().map(|o| (centre + o).rem_euclid(1440)).collect();
        let (fast, _) = layout(&xs);
        let g = general(&xs);
        let lo = *g.iter().min().unwrap();
        prop_assert_eq!(fast, g.iter().map(|v| v - lo).collect::<Vec<_>>());
    }
}

#[test]
fn batch_rejects_bad_values_with_the_index() {
    let spec = BatchSpec::srm5();
    let (mut sc, mut h, mut c, mut a) = (vec![0.0; 2], vec![0u32; 2], vec![0u32; 2], vec![0u32; 2]);
    for (bad, idx) in [(1440.0, 47usize), (-2.0, 3), (f64::INFINITY, 69), (7.5, 40)] {
        let mut f = vec![f64::NAN; 70];
        f[idx] = bad;
        let e = score_batch(&f, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).unwrap_err();
        assert_eq!(e.kind(), ipsrt::ErrorKind::InvalidInput);
        assert!(e.to_string().contains(&format!("flat index {idx}")), "{e}");
    }
    let mut m = vec![NONE_I16; 70];
    m[36] = -5;
    let e = score_batch(&m, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).unwrap_err();
    assert!(e.to_string().contains("flat index 36 (week 1, day 0, item 1)"), "{e}");
    // Wrong shapes and lengths.
    assert!(score_batch(&m[..69], &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).is_err());
    assert!(score_batch(&[NONE_I16; 35], &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).is_err());
    let week = Week::new(Form::Srm5, "2026-01-05".parse().unwrap());
    let s = score_week(&week, &ScoringOptions::default()).unwrap();
    assert_eq!(s.score, None);
    assert_eq!(s.try_score().unwrap_err().kind(), ipsrt::ErrorKind::NotScorable);
    let _ = Status::NotDone;
}

#[test]
fn parallel_batch_equals_sequential() {
    let weeks = ipsrt::srm::batch::CHUNK_WEEKS * 2 + 123;
    let items = 17;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mins: Vec<i16> = (0..weeks * 7 * items)
        .map(|k| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state.is_multiple_of(7) {
                NONE_I16
            } else {
                ((k % items) as i64 * 80 + (state % 150) as i64 - 75).rem_euclid(1440) as i16
            }
        })
        .collect();
    let run = |threads: usize| {
        let spec = BatchSpec::srm17().with_threads(Threads::Count(threads.try_into().unwrap()));
        let (mut sc, mut h, mut c, mut a) = (vec![0.0; weeks], vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
        let (mut hab, mut ih) = (vec![0.0; weeks * items], vec![0u8; weeks * items]);
        score_batch(&mins, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a).with_items(&mut hab, &mut ih))
            .unwrap();
        (
            sc.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            h,
            c,
            a,
            hab.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            ih,
        )
    };
    assert_eq!(run(1), run(2));
    // An invalid value deep in a later chunk is reported with its index.
    let mut bad = mins.clone();
    let idx = weeks * 7 * items - 3;
    bad[idx] = 2000;
    let spec = BatchSpec::srm17().with_threads(Threads::Count(2.try_into().unwrap()));
    let (mut sc, mut h, mut c, mut a) = (vec![0.0; weeks], vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
    let e = score_batch(&bad, &spec, BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).unwrap_err();
    assert!(e.to_string().contains(&format!("flat index {idx}")), "{e}");
}

/// docs/srm.md#scoring: with a resultant length ≈ 0 the unwrap is skipped (raw clock minutes).
/// Dinner at 16:40, 00:40, 08:40, 18:20, 06:20, 18:20, 06:20 (a triangle and two antipodal
/// pairs): raw, the mean is 645.7 and no value is within 45 min; the former largest-gap layout
/// found one hit.
#[test]
fn zero_resultant_week_scores_raw_clock_minutes() {
    let dinner = [1000, 40, 520, 1100, 380, 1100, 380].map(Some);
    let g: Grid = vec![[None; 7], [None; 7], [None; 7], dinner, [None; 7]];
    let s = score_week(&week_of(Form::Srm5, &g), &ScoringOptions::default()).unwrap();
    assert_eq!((s.hits, s.counted_items), (0, 1));
    let d = s.items[3].habitual_minutes.unwrap();
    assert!((d - 4520.0 / 7.0).abs() < 1e-9, "{d}");
    let flat: Vec<i16> =
        (0..7).flat_map(|day| g.iter().map(move |row| row[day].map_or(NONE_I16, |m| m as i16))).collect();
    let (mut sc, mut h, mut c, mut a) = ([0.0], [0u32], [0u32], [0u32]);
    score_batch(&flat, &BatchSpec::srm5(), BatchOutput::new(&mut sc, &mut h, &mut c, &mut a)).unwrap();
    assert_eq!((h[0], c[0]), (0, 1));
}

/// The SD floor is inclusive (docs/srm.md#scoring): at an SD of exactly F minutes trimming is skipped.
/// 07:00, 07:10, 07:10, 07:30, 08:15 has a sample SD of exactly 30 min; 08:15 is beyond 1.5 SD.
/// 07:00, 07:01, 07:02, 07:08, 07:24 has exactly 10 min; 07:24 is beyond 1.5 SD.
#[test]
fn sd_floor_is_inclusive() {
    for (floor, offs) in [(30u16, [0u16, 10, 10, 30, 75]), (10, [0, 1, 2, 8, 24])] {
        let row: [Option<u16>; 7] = std::array::from_fn(|d| offs.get(d).map(|o| 420 + o));
        let g: Grid = vec![row, [None; 7], [None; 7], [None; 7], [None; 7]];
        let week = week_of(Form::Srm5, &g);
        let at = |f: u16| {
            let o = ScoringOptions { sd_floor_min: Some(f), ..ScoringOptions::default() };
            score_week(&week, &o).unwrap().items[0].clone()
        };
        let sd = at(floor).sd_minutes.unwrap();
        assert!((sd - f64::from(floor)).abs() < 1e-9, "sd {sd}");
        // SD = floor: the floor applies, nothing is excluded.
        assert!(at(floor).floor_applied && at(floor).excluded.is_empty());
        // One minute lower: trimming runs and excludes the last value.
        assert!(!at(floor - 1).floor_applied);
        assert_eq!(at(floor - 1).excluded.len(), 1);
    }
}
