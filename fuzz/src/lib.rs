//! The fuzz harnesses of ipsrt: one function per entry point that takes outside data.
//!
//! Each takes arbitrary bytes, drives the public API with them, and asserts the invariants that
//! must hold for *any* input (no panic; an error is typed and its message says what to do; a
//! rejected state-machine step leaves the state unchanged; what was loaded writes back and loads
//! again). The fuzz targets in `fuzz_targets/` call these; the normal test suite runs the same
//! functions over the committed inputs in `fuzz/regressions/<target>/`
//! (`crates/ipsrt/tests/fuzz_regressions.rs` includes this file with `#[path]`), so a crash
//! found once stays fixed.

use chrono::{Duration, NaiveDate};
use ipsrt::course::{Course, EventRecord};
use ipsrt::measures::{self, InstrumentId, MissingPolicy};
use ipsrt::persist::{check_any, registry};
use ipsrt::relapse::{AlertMachine, Observation, RelapsePlan};
use ipsrt::srm::batch::{BatchOutput, BatchSpec, Threads};
use ipsrt::srm::long_format::{Columns, DiaryStream, ParticipantDiary};
use ipsrt::srm::{
    Form, FormKind, HitValues, ScoringOptions, SdKind, SrmError, Status, TrimFactor, Week, score_batch, score_week,
};
use ipsrt::time::{ClockTime, ZonedDateTime, parse_date, parse_zone};

/// A fuzz harness: takes arbitrary bytes, panics only on a bug.
pub type Harness = fn(&[u8]);

/// The fuzz targets, by name, for the regression runner.
pub const TARGETS: &[(&str, Harness)] = &[
    ("persist_any", persist_any),
    ("time_parse", time_parse),
    ("course_replay", course_replay),
    ("srm_batch", srm_batch),
    ("srm_week", srm_week),
    ("measures_score", measures_score),
    ("measures_custom", measures_custom),
    ("alert_stream", alert_stream),
    ("srm_csv", srm_csv),
    ("long_input", long_input),
];

/// The most steps (events, observations, rows) after which a harness still clones the state
/// to check that a rejected step changed nothing. Past it the harness only feeds the steps, so
/// that the harness itself stays linear in its input and a timeout points at the library.
const CHECKED_STEPS: usize = 256;

/// Every error message must tell the user what to do; a cheap proxy that catches bare
/// "invalid input" style messages: long enough, and not just a debug dump.
/// Every message is also bounded: whatever the input, at most `MAX_MESSAGE_BYTES` (plus the
/// few bytes `bound_message` appends), so an error never repeats a huge field.
fn assert_actionable(msg: &str) {
    assert!(msg.len() >= 20, "error message too short to be actionable: {msg:?}");
    assert!(
        msg.len() <= ipsrt::limits::MAX_MESSAGE_BYTES + 64,
        "error message of {} bytes quotes unbounded input: {}",
        msg.len(),
        ipsrt::limits::bound_message(msg)
    );
}

/// Reads fixed-size little-endian chunks from the fuzz input (0 once exhausted).
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = self.byte();
        }
        out
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// JSON load of every persisted type. The first byte picks the schema; with its high bit set,
/// the rest is wrapped in a valid current-version envelope so that the fuzzer spends its time
/// on the `data` part.
pub fn persist_any(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let regs = registry();
    let reg = &regs[usize::from(selector & 0x7f) % regs.len()];
    let doc = if selector & 0x80 != 0 {
        format!("{{\"schema\":\"{}\",\"version\":{},\"data\":{text}}}", reg.schema, reg.version)
    } else {
        text.to_owned()
    };
    match (reg.reload)(&doc) {
        Ok(written) => {
            // What loads writes back, and that loads again to the same text.
            let again =
                (reg.reload)(&written).unwrap_or_else(|e| panic!("{}: reload of own output failed: {e}", reg.schema));
            assert_eq!(again, written, "{}: writing is not stable", reg.schema);
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
    if let Err(e) = check_any(&doc) {
        assert_actionable(&e.to_string());
    }
}

/// Time parsing: clock times, dates, zones, zoned date-times and their conversion to instants.
pub fn time_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match text.parse::<ClockTime>() {
        Ok(t) => {
            assert!(t.minutes() < 1440);
            assert_eq!(t.to_string(), text, "ClockTime parsing is strict: only canonical HH:MM parses");
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
    if let Err(e) = parse_date(&text) {
        assert_actionable(&e.to_string());
    }
    if let Err(e) = parse_zone(&text) {
        assert_actionable(&e.to_string());
    }
    let (local, zone) = text.split_once('|').unwrap_or((&text, "Europe/Amsterdam"));
    match ZonedDateTime::parse(local, zone) {
        Ok(z) => {
            let lenient = z.to_utc_lenient();
            if let Ok(strict) = z.to_utc() {
                assert_eq!(strict, lenient);
            }
            let json = serde_json::to_string(&z).unwrap_or_default();
            let back: ZonedDateTime = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(back, z);
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
    let mut b = Bytes(data);
    let n = i64::from_le_bytes(b.take::<8>());
    let _ = ClockTime::from_minutes(n);
    let f = f64::from_le_bytes(b.take::<8>());
    if let Some(t) = ClockTime::from_minutes_f64_wrapped(f) {
        assert!(t.minutes() < 1440);
    }
    let (h, m) = (u32::from_le_bytes(b.take::<4>()), u32::from_le_bytes(b.take::<4>()));
    if let Ok(t) = ClockTime::from_hm(h, m) {
        assert_eq!((t.hour(), t.minute()), (h, m));
    }
    let _ = serde_json::from_slice::<ClockTime>(data);
    let _ = serde_json::from_slice::<ZonedDateTime>(data);
}

/// Event-log replay of an IPT course: a JSON array of event records. Replay must agree with
/// applying one event at a time, and a rejected event must leave the course unchanged.
pub fn course_replay(data: &[u8]) {
    let Ok(events) = serde_json::from_slice::<Vec<EventRecord>>(data) else { return };
    let replayed = Course::replay(&events);
    if let Err(e) = &replayed {
        assert_actionable(&e.to_string());
    }
    let Some((first, rest)) = events.split_first() else { return };
    let Ok(mut course) = Course::create(first) else {
        assert!(replayed.is_err());
        return;
    };
    let mut all_ok = true;
    for (i, record) in rest.iter().enumerate() {
        let before = (i < CHECKED_STEPS).then(|| course.clone());
        if let Err(e) = course.apply(record) {
            assert_actionable(&e.to_string());
            if let Some(before) = before {
                assert_eq!(course, before, "a rejected event changed the course");
            }
            all_ok = false;
        }
    }
    if all_ok {
        assert_eq!(replayed.as_ref().ok(), Some(&course), "replay and apply disagree");
    } else {
        assert!(replayed.is_err(), "replay accepted a log that apply rejects");
    }
}

/// Scoring options from the input: every field varies, including out-of-range values (which
/// the batch must refuse with a typed error). Built as a struct, not through a partial JSON
/// object: the serde form needs every field, so a partial object failed to parse and every
/// input was scored with the default options.
pub fn options_from(b: &mut Bytes<'_>) -> ScoringOptions {
    let choice = b.byte();
    let trim = b.byte();
    ScoringOptions {
        min_occurrences: choice % 8,
        hit_window_min: u16::from(b.byte()) * 3,
        sd_floor_min: if choice & 0x80 != 0 { None } else { Some(u16::from(b.byte() % 40)) },
        trim_factor: match trim % 4 {
            0 => None,
            _ => TrimFactor::from_thousandths(1 + u32::from(b.byte()) * 40).ok(),
        },
        sd: if choice & 0x40 != 0 { SdKind::Population } else { SdKind::Sample },
        hit_values: if choice & 0x20 != 0 { HitValues::All } else { HitValues::Kept },
        ..ScoringOptions::default()
    }
}

/// SRM batch scoring on arbitrary arrays: f64 (NaN, infinities, negative, huge, fractional),
/// i16 and i32, for SRM-5 and SRM-17, with mismatched output lengths. Invalid values must be a
/// typed error, never a panic; valid results must be in range.
pub fn srm_batch(data: &[u8]) {
    let mut b = Bytes(data);
    let mode = b.byte();
    let form = if mode & 1 == 0 { FormKind::Srm5 } else { FormKind::Srm17 };
    let items = form.items().len();
    let weeks = usize::from(b.byte() % 4);
    let options = options_from(&mut b);
    let threads = if mode & 2 == 0 { Threads::Count(std::num::NonZeroUsize::MIN) } else { Threads::Auto };
    let spec = BatchSpec::for_form(form).with_options(options).with_threads(threads);
    // Sometimes the wrong number of cells or outputs, to exercise the shape checks.
    let cells = weeks * 7 * items + usize::from(mode & 4 != 0) * usize::from(b.byte() % 3);
    let out_weeks = if mode & 8 != 0 { weeks + 1 } else { weeks };
    let (mut score, mut hits, mut counted, mut ali) =
        (vec![0.0; out_weeks], vec![0u32; out_weeks], vec![0u32; out_weeks], vec![0u32; out_weeks]);
    let (mut habitual, mut item_hits) = (vec![0.0; out_weeks * items], vec![0u8; out_weeks * items]);
    let with_items = mode & 16 != 0;
    let result = match (mode >> 5) % 3 {
        0 => {
            let minutes: Vec<f64> = (0..cells).map(|_| f64::from_le_bytes(b.take::<8>())).collect();
            let mut out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
            if with_items {
                out = out.with_items(&mut habitual, &mut item_hits);
            }
            score_batch(&minutes, &spec, out)
        }
        1 => {
            let minutes: Vec<i16> = (0..cells).map(|_| i16::from_le_bytes(b.take::<2>()) % 1500).collect();
            let mut out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
            if with_items {
                out = out.with_items(&mut habitual, &mut item_hits);
            }
            score_batch(&minutes, &spec, out)
        }
        _ => {
            let minutes: Vec<i32> = (0..cells).map(|_| i32::from_le_bytes(b.take::<4>())).collect();
            let mut out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
            if with_items {
                out = out.with_items(&mut habitual, &mut item_hits);
            }
            score_batch(&minutes, &spec, out)
        }
    };
    match result {
        Ok(()) => {
            for w in 0..weeks {
                assert!(score[w].is_nan() || (0.0..=7.0).contains(&score[w]), "score {} out of range", score[w]);
                assert!(counted[w] as usize <= items);
                assert!(hits[w] <= 7 * counted[w].max(1) * items as u32);
            }
            if with_items {
                for h in &habitual[..weeks * items] {
                    assert!(h.is_nan() || (0.0..1440.0).contains(h), "habitual {h} out of range");
                }
            }
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
}

/// SRM scoring of one week built cell by cell (every status, any day index), compared with the
/// batch scorer on the same data.
pub fn srm_week(data: &[u8]) {
    let mut b = Bytes(data);
    let mode = b.byte();
    let (form, kind) = if mode & 1 == 0 { (Form::Srm5, FormKind::Srm5) } else { (Form::srm17(), FormKind::Srm17) };
    let items = kind.items();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default() + Duration::days(i64::from(b.byte()));
    let mut week = Week::new(form, start);
    let mut flat = vec![f64::NAN; 7 * items.len()];
    while !b.is_empty() {
        let (cell, minute) = (b.byte(), u16::from_le_bytes(b.take::<2>()));
        let item = items[usize::from(cell) % items.len()];
        let day = usize::from(cell / 16);
        let status = match minute {
            0xffff => Status::NotDone,
            0xfffe => Status::NotRecorded,
            m => match ClockTime::from_minutes(i64::from(m)) {
                Ok(t) => Status::Done(t),
                Err(e) => {
                    assert_actionable(&e.to_string());
                    continue;
                }
            },
        };
        let before = week.clone();
        match week.set(item, day, status) {
            Ok(()) => {
                let i = usize::from(cell) % items.len();
                flat[day * items.len() + i] = status.time().map_or(f64::NAN, |t| f64::from(t.minutes()));
            }
            Err(e) => {
                assert!(day >= 7, "day {day} rejected: {e}");
                assert_actionable(&e.to_string());
                assert_eq!(week, before, "a rejected set changed the week");
            }
        }
    }
    let options = ScoringOptions::default();
    let single = score_week(&week, &options);
    let (mut score, mut hits, mut counted, mut ali) = (vec![0.0; 1], vec![0u32; 1], vec![0u32; 1], vec![0u32; 1]);
    let batch = score_batch(
        &flat,
        &BatchSpec::for_form(kind).with_options(options),
        BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali),
    );
    match (single, batch) {
        (Ok(s), Ok(())) => {
            // NotDone and NotRecorded are both "no occurrence" to the batch layout; compare
            // only when the week has no NotDone cell.
            if let Some(v) = s.score {
                assert!((0.0..=7.0).contains(&v));
            }
            let _ = (score, hits, counted, ali);
        }
        (Err(e), _) | (_, Err(e)) => assert_actionable(&e.to_string()),
    }
}

/// Measure scoring: every shipped instrument and missing-data policy on arbitrary answers
/// (any i32, missing, too few or too many values).
pub fn measures_score(data: &[u8]) {
    let mut b = Bytes(data);
    let id = InstrumentId::ALL[usize::from(b.byte()) % InstrumentId::ALL.len()];
    let policy = match b.byte() % 4 {
        0 => None,
        1 => Some(MissingPolicy::Strict),
        2 => {
            serde_json::from_str::<MissingPolicy>(&format!(r#"{{"kind":"prorate_up_to","max_missing":{}}}"#, b.byte()))
                .ok()
        }
        _ => serde_json::from_str::<MissingPolicy>(r#"{"kind":"treat_as_zero"}"#).ok(),
    };
    let n = usize::from(b.byte() % 24);
    let values: Vec<Option<i32>> = (0..n)
        .map(|_| {
            let tag = b.byte();
            let v = i32::from_le_bytes(b.take::<4>());
            match tag % 4 {
                0 => None,
                1 => Some(v),
                _ => Some(v.rem_euclid(6) - 1),
            }
        })
        .collect();
    match measures::score_values(id, &values, policy) {
        Ok(s) => {
            if let Some(t) = s.total {
                let (lo, hi) = measures::builtin(id).total_range();
                assert!((lo..=hi).contains(&t), "{id:?} total {t} outside {lo}..={hi}");
            }
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
}

/// Alert-machine observation streams: a JSON array of observations fed one at a time to a
/// machine under a default plan. A rejected observation must leave the machine unchanged, and
/// `observe_all` must agree with one-at-a-time observation.
pub fn alert_stream(data: &[u8]) {
    let Ok(observations) = serde_json::from_slice::<Vec<Observation>>(data) else { return };
    let plan = RelapsePlan::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(), ipsrt::relapse::Region::Nl);
    let mut machine = AlertMachine::new();
    let mut all_ok = true;
    for (i, obs) in observations.iter().enumerate() {
        let before = (i < CHECKED_STEPS).then(|| machine.clone());
        if let Err(e) = machine.observe(&plan, obs.clone()) {
            assert_actionable(&e.to_string());
            if let Some(before) = before {
                assert_eq!(machine, before, "a rejected observation changed the machine");
            }
            all_ok = false;
        }
    }
    if all_ok {
        let mut batch = AlertMachine::new();
        batch
            .observe_all(&plan, &observations)
            .unwrap_or_else(|e| panic!("observe_all rejected what observe took: {e}"));
        assert_eq!(batch, machine);
    }
}

/// A custom instrument definition (JSON, as an app or researcher would store it) loaded through
/// `persist`, then scored on arbitrary answers. Input: the definition's `data` JSON, a NUL
/// byte, then answer bytes.
pub fn measures_custom(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (def, rest) = data.split_at(split);
    let Ok(def) = std::str::from_utf8(def) else { return };
    let doc = format!("{{\"schema\":\"ipsrt.instrument\",\"version\":1,\"data\":{def}}}");
    let instrument = match ipsrt::persist::from_json::<measures::Instrument>(&doc) {
        Ok(i) => i,
        Err(e) => {
            assert_actionable(&e.to_string());
            return;
        }
    };
    let mut b = Bytes(rest.get(1..).unwrap_or_default());
    let n = usize::from(b.byte() % 40);
    let values: Vec<Option<i32>> = (0..n)
        .map(|_| {
            let tag = b.byte();
            let v = i32::from_le_bytes(b.take::<4>());
            match tag % 3 {
                0 => None,
                1 => Some(v),
                _ => Some(v.rem_euclid(8) - 1),
            }
        })
        .collect();
    let answers = match measures::Answers::from_ordered(&instrument, &values) {
        Ok(a) => a,
        Err(e) => {
            assert_actionable(&e.to_string());
            return;
        }
    };
    let options = measures::ScoreOptions::default();
    match measures::score::score(&instrument, &answers, &options) {
        Ok(s) => {
            if let Some(t) = s.total {
                let (lo, hi) = instrument.total_range();
                assert!((lo..=hi).contains(&t), "custom total {t} outside {lo}..={hi}");
            }
        }
        Err(e) => assert_actionable(&e.to_string()),
    }
}

/// The long-format diary reader (`ipsrt srm score`'s input): arbitrary text split into lines
/// and comma-separated fields (the CLI's tokenizer is the `csv` crate; this drives the core
/// parser and grouping behind it), then every finished participant's weeks are scored.
/// Invariants: no panic; a rejected row names its line and field, says what to do and changes
/// nothing; scoring gives a score in 0..=7 or a typed not-scorable error.
pub fn srm_csv(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let Some(header) = lines.next() else { return };
    let header: Vec<&str> = header.split(',').collect();
    let cols = match Columns::from_header(&header) {
        Ok(c) => c,
        Err(e) => {
            assert!(e.to_string().starts_with("line 1: "), "{e}");
            assert_actionable(&e.to_string());
            return;
        }
    };
    let form = if data.len().is_multiple_of(2) { Form::Srm5 } else { Form::srm17() };
    let mut stream = DiaryStream::new(form, cols);
    let options = ScoringOptions::default();
    let score_all = |p: ParticipantDiary| {
        assert!(!p.participant.is_empty());
        // Bounded: at most ~20 years of windows (MAX_SPAN_DAYS).
        for week in p.diary.weeks(&options) {
            match score_week(&week, &options) {
                Ok(s) => assert!(s.score.is_none_or(|v| (0.0..=7.0).contains(&v))),
                Err(e) => assert!(matches!(e, SrmError::NotScorable { .. }), "{e}"),
            }
        }
    };
    for (i, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        let number = i as u64 + 2;
        let before = (i < CHECKED_STEPS).then(|| stream.clone());
        match stream.push(number, &fields) {
            Ok(Some(done)) => score_all(done),
            Ok(None) => {}
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("line {number}, field ")), "{msg}");
                assert_actionable(&msg);
                if let Some(before) = before {
                    assert_eq!(stream, before, "a rejected row changed the stream");
                }
            }
        }
    }
    if let Some(done) = stream.finish() {
        score_all(done);
    }
}

/// The most bytes [`expand`] produces (8 MiB): large enough that a quadratic reader takes
/// minutes and a reader that copies each field several times is caught by `-rss_limit_mb`,
/// small enough that a linear reader handles it in well under a second (release build).
pub const MAX_EXPANDED: usize = 8 << 20;

/// Expands run markers, so that a small fuzz input describes a huge one: the byte `0xFF`
/// followed by `n`, `k` and `k` bytes stands for those `k` bytes repeated `n² × 64` times
/// (`k` = 0 means one byte, `0xFF` itself). Everything else is copied. The output stops at
/// [`MAX_EXPANDED`] bytes. A 10 MB field, a header of a million columns, JSON nested a million
/// deep or an event log of a hundred thousand events are each a few bytes of fuzz input.
pub fn expand(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some((&b, tail)) = rest.split_first() {
        if out.len() >= MAX_EXPANDED {
            break;
        }
        if b != 0xFF {
            out.push(b);
            rest = tail;
            continue;
        }
        let mut r = Bytes(tail);
        let n = usize::from(r.byte());
        let k = usize::from(r.byte());
        let (unit, after): (&[u8], &[u8]) = if k == 0 { (&[0xFF], r.0) } else { r.0.split_at(k.min(r.0.len())) };
        let times = n * n * 64;
        let room = MAX_EXPANDED.saturating_sub(out.len());
        let total = unit.len().saturating_mul(times).min(room);
        if !unit.is_empty() {
            out.extend(unit.iter().copied().cycle().take(total));
        }
        rest = after;
    }
    out.truncate(MAX_EXPANDED);
    out
}

/// Huge and wide input for every text reader: the first byte picks a harness (one of the
/// targets above that reads text or JSON), the rest is [`expand`]ed and handed to it. With the
/// fuzzer's `-timeout` and `-rss_limit_mb`, a reader that is quadratic or greedy on a long
/// field, a wide header, a long log or deep JSON is a crash; `assert_actionable` makes an
/// error that repeats a huge field one too.
pub fn long_input(data: &[u8]) {
    const READERS: &[Harness] = &[persist_any, time_parse, course_replay, alert_stream, measures_custom, srm_csv];
    let Some((&selector, rest)) = data.split_first() else { return };
    let harness = READERS[usize::from(selector) % READERS.len()];
    harness(&expand(rest));
}
