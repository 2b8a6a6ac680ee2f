//! The long format scored at the speed of reading it: rows go through the same
//! [`DiaryStream`] as everywhere else (the one place where fields are parsed and checked,
//! duplicates resolved and participants grouped), each finished participant is cut into
//! windows with [`Diary::window_starts`](super::Diary::window_starts) (the one windowing rule),
//! and the windows are laid out as the batch kernel's `(weeks, 7, items)` minutes and scored
//! with [`score_batch`] many weeks at a time. The output is columnar: one entry per
//! participant-week in each column ([`LongScores`]).
//!
//! The CLI feeds this with byte records from its CSV reader, the Python binding with the
//! columns of an Arrow table; both get the same rules and the same error messages. The
//! scores are identical to [`score_week`] one window at a time (a proptest checks it). The
//! non-standard target reference needs per-item target times, which the long format cannot
//! carry; with it, each window is scored by [`score_week`], which gives the same error as the
//! per-week path.
//!
//! [`LongWeeks`] is the same layout without scoring: the windows of long data as the
//! `(weeks, 7, items)` array that [`score_batch`] takes, with the participant, start date and
//! recorded days of each window.
//!
//! ```
//! use ipsrt::srm::long_batch::LongScorer;
//! use ipsrt::srm::long_format::{Columns, ReadOptions};
//! use ipsrt::srm::{Form, ScoringOptions};
//!
//! let cols = Columns::from_header(&["participant", "date", "item", "time"])?;
//! let mut scorer = LongScorer::new(Form::Srm5, cols, ReadOptions::default(), ScoringOptions::default())?;
//! for (i, day) in (5..12).enumerate() {
//!     scorer.push(i as u64 + 2, &["P1", &format!("2026-01-{day:02}"), "out_of_bed", "07:00"])?;
//! }
//! scorer.finish()?;
//! let s = scorer.take_scored();
//! assert_eq!(s.keys.week_start[0].to_string(), "2026-01-05");
//! assert_eq!((s.score[0], s.hits[0], s.counted_items[0]), (7.0, 7, 1));
//! assert_eq!(s.keys.participants[s.keys.participant[0] as usize], "P1");
//! # Ok::<(), ipsrt::srm::SrmError>(())
//! ```

use std::collections::HashMap;
use std::num::NonZeroUsize;

use chrono::NaiveDate;

use super::batch::{BatchOutput, BatchSpec, NONE_I16, Threads, score_batch};
use super::long_format::{Columns, DiaryStream, Fields, ParticipantDiary, ReadOptions};
use super::{Form, HitReference, ScoringOptions, SrmError, score_week};

/// Weeks collected before they are scored together (when not set otherwise): large enough
/// that the kernel's lanes are full, small enough that the memory held stays flat.
pub const DEFAULT_CHUNK_WEEKS: usize = 4096;

/// Which participant and which window each row of a columnar result is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekKeys {
    /// The participant ids, each once, in the order their windows come.
    pub participants: Vec<String>,
    /// Per window, the index of its participant in [`WeekKeys::participants`].
    pub participant: Vec<u32>,
    /// Per window, its first day.
    pub week_start: Vec<NaiveDate>,
    /// Per window, the days on which anything (a time or a "not done" mark) was written.
    pub days_recorded: Vec<u8>,
}

impl WeekKeys {
    /// How many windows.
    pub fn len(&self) -> usize {
        self.week_start.len()
    }

    /// Whether there are no windows.
    pub fn is_empty(&self) -> bool {
        self.week_start.is_empty()
    }

    /// The participant id of window `i` (`None` past the end).
    pub fn participant_id(&self, i: usize) -> Option<&str> {
        let p = *self.participant.get(i)?;
        self.participants.get(p as usize).map(String::as_str)
    }

    fn append(&mut self, mut other: WeekKeys) {
        let base = self.participants.len() as u32;
        self.participants.append(&mut other.participants);
        self.participant.extend(other.participant.iter().map(|p| p + base));
        self.week_start.append(&mut other.week_start);
        self.days_recorded.append(&mut other.days_recorded);
    }

    fn clear(&mut self) {
        self.participants.clear();
        self.participant.clear();
        self.week_start.clear();
        self.days_recorded.clear();
    }
}

/// Windows of long-format diaries laid out for [`score_batch`]: `minutes` has shape
/// `(weeks, 7, items)` row-major, items in form order, `-1` ([`NONE_I16`]) where an item was
/// not done (or nothing was written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LongWeeks {
    /// Participant, start and recorded days of each window.
    pub keys: WeekKeys,
    /// Items per day (5 for SRM-5 and SRM-II-5, 17 for SRM-17).
    pub items: usize,
    /// The clock minutes, `weeks × 7 × items` values.
    pub minutes: Vec<i16>,
}

impl LongWeeks {
    /// No windows yet, for a form with `items` items per day.
    pub fn new(items: usize) -> LongWeeks {
        LongWeeks { items, ..LongWeeks::default() }
    }

    /// How many windows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no windows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a participant's windows (cut by `options.windows` and `options.week_anchor`, as
    /// [`Diary::weeks`](super::Diary::weeks) cuts them).
    pub fn add(&mut self, p: &ParticipantDiary, options: &ScoringOptions) {
        let starts = p.diary.window_starts(options);
        if starts.is_empty() {
            return;
        }
        let form = p.diary.form();
        let items = self.items;
        // The long-format reader builds each diary with at most one entry per day and item,
        // sorted by day.
        let entries = p.diary.entries();
        let index = self.keys.participants.len() as u32;
        self.keys.participants.push(p.participant.clone());
        for start in starts {
            let lo = entries.partition_point(|e| e.date < start);
            let base = self.minutes.len();
            self.minutes.resize(base + 7 * items, NONE_I16);
            let mut recorded = 0u8;
            for e in entries.get(lo..).unwrap_or_default() {
                let day = (e.date - start).num_days();
                if !(0..7).contains(&day) {
                    break;
                }
                let day = day as usize;
                if e.status.is_recorded() {
                    recorded |= 1 << day;
                }
                if let (Some(t), Some(pos)) = (e.status.time(), form.position(e.item))
                    && let Some(slot) = self.minutes.get_mut(base + day * items + pos)
                {
                    // 0..=1439 fits i16.
                    *slot = t.minutes() as i16;
                }
            }
            self.keys.participant.push(index);
            self.keys.week_start.push(start);
            self.keys.days_recorded.push(recorded.count_ones() as u8);
        }
    }

    fn clear(&mut self) {
        self.keys.clear();
        self.minutes.clear();
    }
}

/// Scores of participant-weeks, one entry per window in each column (the columns of
/// `ipsrt srm score`'s CSV output).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LongScores {
    /// Participant, start and recorded days of each window.
    pub keys: WeekKeys,
    /// SRM score; NaN when the window is not scorable (no item counted).
    pub score: Vec<f64>,
    /// Hits.
    pub hits: Vec<u32>,
    /// Items that counted.
    pub counted_items: Vec<u32>,
    /// Activity level index (done occurrences).
    pub ali: Vec<u32>,
}

impl LongScores {
    /// How many windows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no windows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Appends `other`'s windows after these.
    pub fn append(&mut self, mut other: LongScores) {
        self.keys.append(other.keys);
        self.score.append(&mut other.score);
        self.hits.append(&mut other.hits);
        self.counted_items.append(&mut other.counted_items);
        self.ali.append(&mut other.ali);
    }
}

/// Reads long-format rows and scores every participant-week with the batch kernel (see the
/// module docs).
#[derive(Debug, Clone)]
pub struct LongScorer {
    stream: DiaryStream,
    options: ScoringOptions,
    spec: BatchSpec,
    pending: LongWeeks,
    done: LongScores,
    chunk: usize,
    rows: u64,
    dropped: usize,
    participants: u64,
}

impl LongScorer {
    /// A scorer of diaries on `form` whose rows have these columns, read with `read` and
    /// scored with `options`. Scores on the calling thread, [`DEFAULT_CHUNK_WEEKS`] weeks at a
    /// time.
    ///
    /// Fails when the options are invalid.
    pub fn new(form: Form, cols: Columns, read: ReadOptions, options: ScoringOptions) -> Result<LongScorer, SrmError> {
        options.validate()?;
        let items = form.items().len();
        let spec =
            BatchSpec::for_form(form.kind()).with_options(options).with_threads(Threads::Count(NonZeroUsize::MIN));
        Ok(LongScorer {
            stream: DiaryStream::with_options(form, cols, read),
            options,
            spec,
            pending: LongWeeks::new(items),
            done: LongScores::default(),
            chunk: DEFAULT_CHUNK_WEEKS,
            rows: 0,
            dropped: 0,
            participants: 0,
        })
    }

    /// Scores `weeks` weeks at a time (at least 1) with these threads: a large chunk with
    /// [`Threads::Auto`] scores a whole table in parallel; the default keeps memory flat.
    pub fn with_batching(mut self, weeks: usize, threads: Threads) -> LongScorer {
        self.chunk = weeks.max(1);
        self.spec.threads = threads;
        self
    }

    /// Adds one row (its line number, for errors, and its fields). Fails, changing nothing,
    /// as [`DiaryStream::push`] does.
    pub fn push<F: Fields + ?Sized>(&mut self, line: u64, fields: &F) -> Result<(), SrmError> {
        let finished = self.stream.push(line, fields)?;
        self.rows += 1;
        if let Some(p) = finished {
            self.add(&p)?;
        }
        Ok(())
    }

    /// Ends the input: scores the participants still open and the windows not yet scored.
    pub fn finish(&mut self) -> Result<(), SrmError> {
        while let Some(p) = self.stream.finish() {
            self.add(&p)?;
        }
        self.flush()
    }

    /// The windows scored so far and not taken yet (empty when none are ready). Windows are
    /// scored a chunk at a time, so a caller that streams its output takes them after every
    /// row and writes what it gets.
    pub fn take_scored(&mut self) -> LongScores {
        std::mem::take(&mut self.done)
    }

    /// Whether windows are scored and waiting to be taken.
    pub fn has_scored(&self) -> bool {
        !self.done.is_empty()
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Participants finished so far.
    pub fn participants(&self) -> u64 {
        self.participants
    }

    /// Conflicting duplicate rows dropped so far under
    /// [`Duplicates::First`](super::long_format::Duplicates::First) or `Last`.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    fn add(&mut self, p: &ParticipantDiary) -> Result<(), SrmError> {
        self.participants += 1;
        self.dropped += p.dropped.len();
        if self.options.reference == HitReference::Target {
            // Per window, as `score_week` does (targets come with a form, which the long
            // format does not carry); keep the windows in order.
            self.flush()?;
            let mut out = LongScores::default();
            out.keys.participants.push(p.participant.clone());
            for week in p.diary.weeks(&self.options) {
                let s = score_week(&week, &self.options)?;
                out.keys.participant.push(0);
                out.keys.week_start.push(s.start);
                out.keys.days_recorded.push(s.days_recorded);
                out.score.push(s.score.unwrap_or(f64::NAN));
                out.hits.push(s.hits);
                out.counted_items.push(s.counted_items);
                out.ali.push(s.ali);
            }
            self.done.append(out);
            return Ok(());
        }
        self.pending.add(p, &self.options);
        if self.pending.len() >= self.chunk { self.flush() } else { Ok(()) }
    }

    /// Scores the pending windows into `done`.
    fn flush(&mut self) -> Result<(), SrmError> {
        let n = self.pending.len();
        if n == 0 {
            return Ok(());
        }
        let (mut score, mut hits, mut counted, mut ali) = (vec![0.0; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]);
        score_batch(
            &self.pending.minutes,
            &self.spec,
            BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali),
        )?;
        let keys = std::mem::take(&mut self.pending.keys);
        self.pending.clear();
        self.done.append(LongScores { keys, score, hits, counted_items: counted, ali });
        Ok(())
    }
}

/// The order in which to read rows so that each participant's rows come together: `None`
/// when they already do (read them as they are), else the row indices grouped by participant
/// (participants in first-appearance order, a participant's rows in their original order).
/// Ids are compared trimmed, as the long format reads them.
///
/// Linear time in one pass. An id is hashed only where it differs from the row before, so rows
/// that are already grouped cost one hash per participant. Memory is one entry per participant
/// and one per run of consecutive rows of one participant, plus the returned order when the rows
/// are not grouped.
///
/// ```
/// use ipsrt::srm::long_batch::grouped_order;
///
/// assert_eq!(grouped_order(["A", "A", "B"].into_iter()), None);
/// assert_eq!(grouped_order(["A", " A", "B"].into_iter()), None);
/// assert_eq!(grouped_order(["A", "B", " A"].into_iter()), Some(vec![0, 2, 1]));
/// ```
pub fn grouped_order<'a>(ids: impl Iterator<Item = &'a str>) -> Option<Vec<u32>> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    // Runs of consecutive rows of one participant: (participant's group, rows in the run).
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let (mut prev_raw, mut grouped, mut total) = (None::<&str>, true, 0usize);
    for id in ids {
        total += 1;
        if prev_raw == Some(id)
            && let Some(last) = runs.last_mut()
        {
            last.1 += 1;
            continue;
        }
        prev_raw = Some(id);
        let next = seen.len() as u32;
        let g = *seen.entry(id.trim()).or_insert(next);
        match runs.last_mut() {
            Some(last) if last.0 == g => last.1 += 1,
            _ => {
                // A participant that comes back after another one started: not grouped.
                grouped &= g == next;
                runs.push((g, 1));
            }
        }
    }
    if grouped {
        return None;
    }
    // Counting sort of the runs by group: stable, linear.
    let mut starts = vec![0u32; seen.len() + 1];
    for (g, len) in &runs {
        if let Some(c) = starts.get_mut(*g as usize + 1) {
            *c += len;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(c) = starts.get_mut(i) {
            *c += before;
        }
    }
    let mut order = vec![0u32; total];
    let mut row = 0u32;
    for (g, len) in &runs {
        if let Some(c) = starts.get_mut(*g as usize) {
            let from = *c as usize;
            if let Some(slots) = order.get_mut(from..from + *len as usize) {
                for (k, slot) in slots.iter_mut().enumerate() {
                    *slot = row + k as u32;
                }
            }
            *c += len;
        }
        row += len;
    }
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srm::long_format::{Duplicates, RowOrder};
    use crate::srm::{FormKind, WeekAnchor, Windows};
    use proptest::prelude::*;

    const HEADER: [&str; 6] = ["participant", "date", "item", "time", "people", "mood"];

    /// The per-week path: the stream's diaries, `Diary::weeks`, `score_week` one at a time.
    fn one_by_one(
        rows: &[[String; 6]],
        form: &Form,
        read: ReadOptions,
        o: &ScoringOptions,
    ) -> Result<LongScores, SrmError> {
        let mut stream = DiaryStream::with_options(form.clone(), Columns::from_header(&HEADER)?, read);
        let mut diaries = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            diaries.extend(stream.push(i as u64 + 2, r)?);
        }
        while let Some(p) = stream.finish() {
            diaries.push(p);
        }
        let mut out = LongScores::default();
        for p in diaries {
            let mut one = LongScores::default();
            one.keys.participants.push(p.participant.clone());
            for week in p.diary.weeks(o) {
                let s = score_week(&week, o)?;
                one.keys.participant.push(0);
                one.keys.week_start.push(s.start);
                one.keys.days_recorded.push(s.days_recorded);
                one.score.push(s.score.unwrap_or(f64::NAN));
                one.hits.push(s.hits);
                one.counted_items.push(s.counted_items);
                one.ali.push(s.ali);
            }
            out.append(one);
        }
        Ok(out)
    }

    fn batched(
        rows: &[[String; 6]],
        form: &Form,
        read: ReadOptions,
        o: &ScoringOptions,
        chunk: usize,
    ) -> Result<LongScores, SrmError> {
        let cols = Columns::from_header(&HEADER)?;
        let mut s = LongScorer::new(form.clone(), cols, read, *o)?.with_batching(chunk, Threads::Auto);
        let mut out = LongScores::default();
        for (i, r) in rows.iter().enumerate() {
            s.push(i as u64 + 2, r)?;
            out.append(s.take_scored());
        }
        s.finish()?;
        out.append(s.take_scored());
        Ok(out)
    }

    /// Equal, NaN = NaN.
    fn same(a: &LongScores, b: &LongScores) -> bool {
        let ids =
            |s: &LongScores| (0..s.len()).map(|i| s.keys.participant_id(i).map(str::to_owned)).collect::<Vec<_>>();
        ids(a) == ids(b)
            && a.keys.week_start == b.keys.week_start
            && a.keys.days_recorded == b.keys.days_recorded
            && a.score.iter().zip(&b.score).all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
            && a.score.len() == b.score.len()
            && (a.hits.as_slice(), a.counted_items.as_slice(), a.ali.as_slice())
                == (b.hits.as_slice(), b.counted_items.as_slice(), b.ali.as_slice())
    }

    fn row() -> impl Strategy<Value = [String; 6]> {
        (0..4u8, 0..30u8, 0..5usize, prop::option::of(0..1440u16), 0..10u8, prop::option::of(-5..6i8)).prop_map(
            |(p, d, i, t, special, m)| {
                let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(d));
                let time = match (special, t) {
                    (0, _) => "not_recorded".to_owned(),
                    (_, None) => String::new(),
                    (_, Some(t)) => format!("{}:{:02}", t / 60, t % 60),
                };
                [
                    format!("P{p}"),
                    date.to_string(),
                    ["out_of_bed", "first_contact", "start_work", "dinner", "to_bed"][i].to_owned(),
                    time,
                    String::new(),
                    m.map_or(String::new(), |m| m.to_string()),
                ]
            },
        )
    }

    proptest! {
        /// The batch path gives the per-week path's windows and scores (or the same error), in
        /// every windowing, for rows in any order and any chunk size.
        #[test]
        fn batched_equals_one_by_one(
            rows in prop::collection::vec(row(), 0..120),
            win in 0..2u8, anchor in 0..3u8, pol in 0..3u8, any in any::<bool>(), chunk in 1..6usize,
            window in 0..120u16, all in any::<bool>(),
        ) {
            let o = ScoringOptions {
                windows: [Windows::Blocks, Windows::Rolling][win as usize],
                week_anchor: [WeekAnchor::FirstDiaryDay, WeekAnchor::Monday, WeekAnchor::Sunday][anchor as usize],
                hit_window_min: window,
                hit_values: if all { crate::srm::HitValues::All } else { crate::srm::HitValues::Kept },
                ..ScoringOptions::default()
            };
            let read = ReadOptions {
                duplicates: [Duplicates::Refuse, Duplicates::First, Duplicates::Last][pol as usize],
                order: if any { RowOrder::Any } else { RowOrder::Grouped },
                ..ReadOptions::default()
            };
            let form = Form::from(FormKind::Srm5);
            let mut sorted = rows.clone();
            if !any { sorted.sort_by(|a, b| a[0].cmp(&b[0])); }
            match (one_by_one(&sorted, &form, read, &o), batched(&sorted, &form, read, &o, chunk)) {
                (Ok(a), Ok(b)) => prop_assert!(same(&a, &b), "{a:?}\n{b:?}"),
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "{a:?}\n{b:?}"),
            }
        }

        /// `grouped_order` groups stably and says `None` exactly when rows are grouped.
        #[test]
        fn grouped_order_is_a_stable_grouping(cells in prop::collection::vec((0..5u8, 0..3usize), 0..60)) {
            // Ids with 0-2 spaces of padding on either side: compared trimmed.
            let ids: Vec<u8> = cells.iter().map(|(i, _)| *i).collect();
            let text: Vec<String> = cells.iter().map(|(i, pad)| format!("{}P{i}{}", " ".repeat(*pad), " ".repeat(2 - *pad))).collect();
            let order = grouped_order(text.iter().map(String::as_str));
            let rows: Vec<usize> = match &order {
                None => (0..ids.len()).collect(),
                Some(o) => o.iter().map(|i| *i as usize).collect(),
            };
            let mut sorted: Vec<usize> = rows.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..ids.len()).collect::<Vec<_>>());
            let mut first: Vec<u8> = Vec::new();
            for i in &ids { if !first.contains(i) { first.push(*i); } }
            let ids = &ids;
            let expected: Vec<usize> = first.iter().flat_map(|p| (0..ids.len()).filter(move |r| ids[*r] == *p)).collect();
            prop_assert_eq!(&rows, &expected);
            prop_assert_eq!(order.is_none(), rows.iter().enumerate().all(|(i, r)| i == *r));
        }
    }

    #[test]
    fn target_reference_fails_as_score_week_does() {
        let o = ScoringOptions { reference: HitReference::Target, ..ScoringOptions::default() };
        let rows: Vec<[String; 6]> = (0..5)
            .map(|d| {
                [
                    "P".into(),
                    format!("2026-01-0{}", d + 5),
                    "dinner".into(),
                    "18:00".into(),
                    String::new(),
                    String::new(),
                ]
            })
            .collect();
        let form = Form::from(FormKind::Srm5);
        let (a, b) = (
            one_by_one(&rows, &form, ReadOptions::default(), &o),
            batched(&rows, &form, ReadOptions::default(), &o, 4),
        );
        assert!(a.is_err());
        assert_eq!(a.unwrap_err(), b.unwrap_err());
    }
}
