//! Properties of diary corrections: a refused add, correction or removal changes nothing; a
//! correction is what the cell scores with; the kept span equals a fresh scan.

use chrono::{Days, NaiveDate};
use ipsrt::persist::{from_json, to_json};
use ipsrt::srm::{Diary, Entry, Form, ItemId, Status};
use ipsrt::time::ClockTime;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Add(Entry),
    Replace(Entry),
    Remove(NaiveDate, ItemId),
}

fn entry() -> impl Strategy<Value = Entry> {
    (0u64..20, 0usize..ItemId::ALL.len(), prop_oneof![(0i64..1440).prop_map(Some), Just(None)], any::<bool>()).prop_map(
        |(day, item, minutes, not_done)| {
            let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Days::new(day);
            let status = match minutes {
                Some(m) => Status::Done(ClockTime::from_minutes(m).unwrap()),
                None if not_done => Status::NotDone,
                None => Status::NotRecorded,
            };
            Entry::new(date, ItemId::ALL[item], status)
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => entry().prop_map(Op::Add),
        2 => entry().prop_map(Op::Replace),
        1 => entry().prop_map(|e| Op::Remove(e.date, e.item)),
    ]
}

proptest! {
    #[test]
    fn corrections_are_atomic_and_win(ops in prop::collection::vec(op(), 1..60)) {
        let mut diary = Diary::new(Form::Srm5);
        for op in ops {
            let before = diary.clone();
            let ok = match &op {
                Op::Add(e) => diary.add(e.clone()).is_ok(),
                Op::Replace(e) => diary.replace(e.clone()).is_ok(),
                Op::Remove(d, i) => diary.remove(*d, *i).is_ok(),
            };
            if !ok {
                prop_assert_eq!(&diary, &before);
                prop_assert_eq!(diary.span(), before.span());
                continue;
            }
            match &op {
                Op::Replace(e) => {
                    prop_assert_eq!(diary.entries_for(e.date, e.item).count(), 1);
                    prop_assert_eq!(diary.status(e.date, e.item), e.status);
                }
                Op::Remove(d, i) => {
                    prop_assert_eq!(diary.entries_for(*d, *i).count(), 0);
                    prop_assert_eq!(diary.status(*d, *i), Status::NotRecorded);
                }
                Op::Add(_) => {}
            }
            let reloaded: Diary = from_json(&to_json(&diary)).unwrap();
            prop_assert_eq!(diary.span(), reloaded.span());
        }
    }
}
