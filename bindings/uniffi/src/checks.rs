//! Entry points of the core that apps reach with raw input: a clock time from a time picker's
//! hour and minute, a stored document as bytes (before any text decoding), and an SRM diary
//! export in the long format. Each is one call into the core; the errors are the core's (the
//! bad-input catalogue, `test-vectors/bad-input/catalogue.json`, runs through them in Kotlin).

use ipsrt::srm as core;
use ipsrt::srm::long_format::{Columns, DiaryStream, ParticipantDiary};
use ipsrt::time::ClockTime;

use crate::error::{IpsrtError, guard};
use crate::srm::SrmFormKind;

/// A diary clock time from an hour (0–23) and a minute (0–59), as a time picker gives them.
#[uniffi::export]
pub fn clock_time_from_hm(hour: i32, minute: i32) -> Result<ClockTime, IpsrtError> {
    guard(|| match (u32::try_from(hour), u32::try_from(minute)) {
        (Ok(h), Ok(m)) => Ok(ClockTime::from_hm(h, m)?),
        // A negative part: the core's own error, quoting what was given.
        _ => Err(ipsrt::time::TimeError::InvalidClockTime { text: format!("{hour}:{minute}") }.into()),
    })
}

/// Checks a stored document given as the file's bytes (it must be UTF-8 JSON in an ipsrt
/// envelope) and returns its schema name. Use it instead of decoding the file to a `String`
/// first: the JVM's decoder silently replaces bytes that are not UTF-8, this reports them.
#[uniffi::export]
pub fn check_snapshot_bytes(bytes: Vec<u8>) -> Result<String, IpsrtError> {
    guard(|| Ok(ipsrt::persist::check_any_slice(&bytes)?.to_owned()))
}

/// One participant's diary read from a long-format export.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SrmParticipantDiary {
    /// The participant id (the `participant` column).
    pub participant: String,
    /// Their diary as a snapshot (`SrmDiary.fromJson` loads it).
    pub diary_json: String,
}

fn record(p: ParticipantDiary) -> SrmParticipantDiary {
    SrmParticipantDiary { participant: p.participant, diary_json: ipsrt::persist::to_json(&p.diary) }
}

/// Reads an SRM diary export in the long format (the core's `srm::long_format`: header
/// `participant,date,item,time[,people][,mood]`, columns in any order, rows grouped by
/// participant), already split into fields. The header is line 1 and `rows[i]` is line `i + 2`
/// in error messages. Returns one diary per participant, in file order.
#[uniffi::export]
pub fn srm_read_long_format(
    form: SrmFormKind,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Result<Vec<SrmParticipantDiary>, IpsrtError> {
    guard(|| {
        let form = match form {
            SrmFormKind::Srm17 => core::Form::Srm17 { activity_a: None, activity_b: None },
            SrmFormKind::Srm5 => core::Form::Srm5,
            SrmFormKind::SrmII5 => core::Form::SrmII5 { targets: core::Targets::default() },
        };
        let mut stream = DiaryStream::new(form, Columns::from_header(&header)?);
        let mut out = Vec::new();
        for (i, fields) in rows.iter().enumerate() {
            if let Some(done) = stream.push(i as u64 + 2, fields)? {
                out.push(record(done));
            }
        }
        out.extend(stream.finish().map(record));
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_format_reads_participants_in_order() {
        let h = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        let out = srm_read_long_format(
            SrmFormKind::Srm5,
            h("participant,date,item,time"),
            vec![h("A,2026-01-05,to_bed,23:00"), h("B,2026-01-05,to_bed,23:30")],
        )
        .unwrap();
        assert_eq!(out.iter().map(|p| p.participant.as_str()).collect::<Vec<_>>(), ["A", "B"]);
        let e = srm_read_long_format(
            SrmFormKind::Srm5,
            h("participant,date,item,time"),
            vec![h("A,2026-01-05,to_bed,24:00")],
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("line 2, field time:"), "{e}");
    }
}
