//! The six-month IPSRT patient of `examples/care_record.json`, built entry by entry.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use ipsrt::care::{CareLog, DiaryItem, Entry, EntryKind};
use ipsrt::course::{Attendance, CourseEvent, EarlyEndReason, Protocol};
use ipsrt::episode::{EpisodeEvent, EpisodePolarity, EpisodeProtocol};
use ipsrt::inventory::Person;
use ipsrt::ipsrt::{DoseOutcome, PlanSettings, ScheduledDose};
use ipsrt::measures::InstrumentId;
use ipsrt::problem_area::{ProblemAreaKind, Taxonomy};
use ipsrt::relapse::{AlertLevel, Contact, ContactRole, Observed, Pole, Region, RelapsePlan, WarningSign};
use ipsrt::schedule::{OccurrenceId, Schedule, Weekday, defaults};
use ipsrt::srm::{Form, ItemId, Status};
use ipsrt::time::ZonedDateTime;

pub const ZONE: &str = "Europe/Amsterdam";

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(date: NaiveDate, hm: &str) -> ZonedDateTime {
    at_in(date, hm, ZONE)
}

pub fn at_in(date: NaiveDate, hm: &str, zone: &str) -> ZonedDateTime {
    ZonedDateTime::parse(&format!("{date}T{hm}"), zone).unwrap()
}

pub fn occ(task: &str, date: NaiveDate, slot: &str) -> OccurrenceId {
    OccurrenceId::new(task, date, slot.parse().unwrap()).unwrap()
}

pub fn phq9(total: u32, item9: i32) -> EntryKind {
    // Spread the total over items 1–8, item 9 as given.
    let mut answers = BTreeMap::new();
    let mut left = total as i32 - item9;
    for i in 1..=8 {
        let v = left.clamp(0, 3).min((left + 7 - (i - 1)) / (9 - i).max(1)).max(0);
        let v = v.min(3);
        answers.insert(format!("phq9_{i}"), v);
        left -= v;
    }
    if left > 0 {
        for i in 1..=8 {
            let e = answers.get_mut(&format!("phq9_{i}")).unwrap();
            let add = (3 - *e).min(left);
            *e += add;
            left -= add;
        }
    }
    answers.insert("phq9_9".into(), item9);
    EntryKind::MeasureAnswered { instrument: InstrumentId::Phq9, answers }
}

pub fn asrm(total: i32) -> EntryKind {
    let mut answers = BTreeMap::new();
    let mut left = total;
    for i in 1..=5 {
        let v = left.min(4);
        answers.insert(format!("asrm_{i}"), v);
        left -= v;
    }
    EntryKind::MeasureAnswered { instrument: InstrumentId::Asrm, answers }
}

/// The patient (id "p", zone [`ZONE`]) and relapse plan "rp" version 1, recorded at 08:00 and
/// 08:01 on `day`: the start of most care logs in the tests.
pub fn registered(day: NaiveDate) -> Vec<Entry> {
    vec![
        Entry::new(
            "p",
            at(day, "08:00"),
            day,
            "dr",
            EntryKind::PatientRegistered { patient_ref: "p1".into(), zone: ZONE.into() },
        ),
        Entry::new(
            "rp",
            at(day, "08:01"),
            day,
            "dr",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v1() },
        ),
    ]
}

pub fn plan_v1() -> RelapsePlan {
    let mut plan = RelapsePlan::new(d("2026-01-05"), Region::Nl);
    plan.early_warning_signs = vec![
        WarningSign::new("less_sleep", Pole::Manic, "sleeping two hours less than usual and not tired"),
        WarningSign::new("withdrawing", Pole::Depressive, "cancelling plans with friends"),
    ];
    plan.crisis.take_over_signs =
        vec![WarningSign::new("not_eating", Pole::Either, "not eating or drinking for a day")];
    plan
}

pub fn plan_v2() -> RelapsePlan {
    let mut plan = plan_v1();
    plan.version = 2;
    plan.effective_from = d("2026-04-06");
    plan.contacts.push(Contact::new("community psychiatric nurse", ContactRole::Clinician, AlertLevel::EarlyWarning));
    plan
}

pub fn schedule(start: NaiveDate) -> Schedule {
    Schedule::new(vec![
        defaults::srm_diary_daily(start).unwrap(),
        defaults::phq9_every_two_weeks(start, Weekday::Monday).unwrap(),
        defaults::asrm_weekly(start, Weekday::Sunday).unwrap(),
    ])
    .unwrap()
}

/// Builds the log in arrival order.
pub struct Log {
    pub entries: Vec<Entry>,
    n: usize,
}

impl Log {
    fn push(
        &mut self,
        prefix: &str,
        recorded: ZonedDateTime,
        effective: NaiveDate,
        author: &str,
        event: EntryKind,
    ) -> &mut Entry {
        self.n += 1;
        let id = format!("{prefix}-{:04}", self.n);
        self.entries.push(Entry::new(id, recorded, effective, author, event));
        self.entries.last_mut().unwrap()
    }
}

const CLINICIAN: &str = "dr. R. de Vries (psychiatrist)";
const THERAPIST: &str = "M. Jansen (IPSRT therapist)";
const PATIENT: &str = "patient app";

/// PHQ-9 totals every second Monday (item 9 in brackets where above 0).
fn phq9_plan() -> Vec<(&'static str, u32, i32)> {
    vec![
        ("2026-01-05", 18, 0),
        ("2026-01-19", 17, 0),
        ("2026-02-02", 15, 0),
        ("2026-02-16", 14, 0), // arrives late, after the 2026-03-02 result
        ("2026-03-02", 12, 0),
        ("2026-03-16", 11, 0),
        ("2026-03-30", 15, 1), // crisis: item 9 answered 1
        ("2026-04-13", 9, 0),
        ("2026-04-27", 7, 0),
        ("2026-05-11", 4, 0),
        ("2026-05-25", 3, 0),
        ("2026-06-08", 8, 0),
        ("2026-06-22", 16, 1), // item 9 again: open until acknowledged on 2026-07-01
    ]
}

pub fn six_month_log() -> CareLog {
    let mut log = Log { entries: Vec::new(), n: 0 };
    let start = d("2026-01-05");
    let end = d("2026-07-03");
    let c1 = "ipsrt-1";

    // Intake.
    log.push(
        "e",
        at(start, "09:00"),
        start,
        CLINICIAN,
        EntryKind::PatientRegistered { patient_ref: "P-0042".into(), zone: ZONE.into() },
    );
    log.push(
        "e",
        at(start, "09:05"),
        start,
        CLINICIAN,
        EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v1() },
    );
    log.push("e", at(start, "09:10"), start, CLINICIAN, EntryKind::ScheduleSet { schedule: schedule(start) });
    log.push(
        "e",
        at(start, "09:15"),
        start,
        CLINICIAN,
        EntryKind::EpisodeStarted {
            protocol: EpisodeProtocol::default(),
            polarity: EpisodePolarity::Depressive,
            prior_episodes: 2,
        },
    );
    log.push(
        "e",
        at(start, "09:20"),
        start,
        THERAPIST,
        EntryKind::CourseStarted {
            course: c1.into(),
            previous: None,
            protocol: Protocol::ipsrt_acute(),
            taxonomy: Taxonomy::Ipsrt5,
        },
    );
    log.push("e", at(start, "09:25"), start, THERAPIST, EntryKind::DiaryStarted { form: Form::Srm5 });
    log.push(
        "e",
        at(start, "09:30"),
        start,
        CLINICIAN,
        EntryKind::MedicationPlanSet {
            doses: vec![ScheduledDose {
                id: "lithium-pm".into(),
                medication: "lithium".into(),
                time: "20:00".parse().unwrap(),
                anchor: None,
            }],
        },
    );
    log.push(
        "e",
        at(start, "09:35"),
        start,
        THERAPIST,
        EntryKind::RhythmPlanStarted { settings: PlanSettings::default(), baseline_start: start },
    );
    log.push(
        "e",
        at(start, "09:40"),
        start,
        THERAPIST,
        EntryKind::IpsJourneyLinked { journey_id: "ips-P-0042".into() },
    );

    // Course events by date (sessions on Mondays at 10:00).
    let mut course: BTreeMap<NaiveDate, Vec<CourseEvent>> = BTreeMap::new();
    let session =
        |n: u32| CourseEvent::SessionRecorded { number: n, attendance: Attendance::Attended, at: None, mode: None };
    for n in 1..=20u32 {
        let date = start + Duration::weeks(i64::from(n) - 1);
        course.entry(date).or_default().push(session(n));
    }
    let wk = |n: i64| start + Duration::weeks(n - 1);
    course.entry(wk(1)).or_default().extend([
        CourseEvent::DiagnosisRecorded {
            diagnosis: "bipolar II disorder, current episode depressed".into(),
            note: None,
        },
        CourseEvent::SickRoleRecorded { note: None },
        CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner").unwrap() },
    ]);
    course.entry(wk(3)).or_default().extend([
        CourseEvent::ProblemAreaChosen {
            area: ProblemAreaKind::LostHealthySelf,
            dispute_stage: None,
            person: None,
            deviation: None,
        },
        CourseEvent::FormulationAccepted { summary: "grief for the lost healthy self after the second episode".into() },
        CourseEvent::ContractSet { contract: Protocol::ipsrt_acute().default_contract(), deviation: None },
        CourseEvent::MiddlePhaseStarted,
    ]);
    course.entry(wk(17)).or_default().extend([
        CourseEvent::TerminationStarted { deviation: None },
        CourseEvent::RelapsePreventionPlanRecorded {
            plan_ref: Some("rp".into()),
            summary: Some("warning signs and crisis plan reviewed".into()),
        },
    ]);
    course.entry(wk(21)).or_default().push(CourseEvent::MaintenanceStarted {
        contract: Protocol::ipt_maintenance().default_contract(),
        deviation: None,
    });

    let trip = (d("2026-05-02"), d("2026-05-09"));
    let gap = (d("2026-06-10"), d("2026-06-14"));
    let phq = phq9_plan();
    let mut day = start;
    while day <= end {
        let zone = if day >= trip.0 && day < trip.1 { "Europe/London" } else { ZONE };
        // Zone changes, recorded by the phone on the day.
        if day == trip.0 {
            log.push(
                "e",
                at_in(day, "08:00", "Europe/London"),
                day,
                PATIENT,
                EntryKind::ZoneChanged { zone: "Europe/London".into() },
            );
        }
        if day == trip.1 {
            log.push("e", at(day, "08:00"), day, PATIENT, EntryKind::ZoneChanged { zone: ZONE.into() });
        }
        // Course events.
        if let Some(events) = course.get(&day) {
            for ev in events {
                log.push(
                    "e",
                    at(day, "11:00"),
                    day,
                    THERAPIST,
                    EntryKind::CourseEvent { course: c1.into(), event: ev.clone() },
                );
            }
        }
        // PHQ-9 on schedule (Mondays 09:00), except the late one of 2026-02-16.
        if let Some(&(_, total, item9)) = phq.iter().find(|(s, _, _)| d(s) == day)
            && day != d("2026-02-16")
        {
            let e = log.push("e", at(day, "09:40"), day, PATIENT, phq9(total, item9));
            *e = e.clone().at(at(day, "09:30")).completes(occ("phq9", day, "09:00"));
        }
        // The late PHQ-9: filled in on paper at the clinic on 2026-02-16, typed in on 2026-03-03.
        if day == d("2026-03-03") {
            let date = d("2026-02-16");
            let e = log.push("e", at(day, "10:15"), date, THERAPIST, phq9(14, 0));
            *e = e.clone().at(at(date, "09:30")).completes(occ("phq9", date, "09:00"));
        }
        // ASRM on Sundays at 20:00; rising in early March (a hypomanic prodrome).
        if day.weekday() == chrono::Weekday::Sun {
            let total = match day.to_string().as_str() {
                "2026-03-08" => 5,
                "2026-03-15" => 7,
                "2026-03-22" => 4,
                _ => 2,
            };
            let e = log.push("e", at_in(day, "20:15", zone), day, PATIENT, asrm(total));
            *e = e.clone().at(at_in(day, "20:10", zone)).completes(occ("asrm", day, "20:00"));
        }
        // Early warning signs logged by the patient.
        if ["2026-03-09", "2026-03-11"].contains(&day.to_string().as_str()) {
            log.push(
                "e",
                at(day, "12:00"),
                day,
                PATIENT,
                EntryKind::Observation { observed: Observed::WarningSign { sign: "less_sleep".into() } },
            );
        }
        // A trigger: job loss on 2026-03-27.
        if day == d("2026-03-27") {
            log.push(
                "e",
                at(day, "18:00"),
                day,
                PATIENT,
                EntryKind::Observation {
                    observed: Observed::Trigger { kind: ipsrt::life_event::LifeEventKind::Dismissal, note: None },
                },
            );
        }
        // Missed lithium on two evenings of the prodrome (doses are recorded only when missed).
        if ["2026-03-13", "2026-03-14"].contains(&day.to_string().as_str()) {
            log.push(
                "e",
                at(day, "22:30"),
                day,
                PATIENT,
                EntryKind::DoseRecorded { dose: "lithium-pm".into(), outcome: DoseOutcome::Missed },
            );
        }
        // The crisis of 2026-03-30 is acknowledged by the psychiatrist the next morning.
        if day == d("2026-03-31") {
            log.push(
                "e",
                at(day, "08:30"),
                day,
                CLINICIAN,
                EntryKind::Acknowledged {
                    action: "phoned the patient: safety plan reviewed, C-SSRS screen negative, extra session booked"
                        .into(),
                },
            );
        }
        if day == d("2026-07-01") {
            log.push(
                "e",
                at(day, "09:00"),
                day,
                CLINICIAN,
                EntryKind::Acknowledged {
                    action: "seen in clinic: safety plan updated, no current intent, weekly sessions resumed".into(),
                },
            );
        }
        // The plan is revised after the crisis.
        if day == d("2026-04-06") {
            log.push(
                "e",
                at(day, "11:30"),
                day,
                CLINICIAN,
                EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v2() },
            );
        }
        // Episode course.
        match day.to_string().as_str() {
            "2026-04-27" => {
                log.push(
                    "e",
                    at(day, "11:30"),
                    day,
                    CLINICIAN,
                    EntryKind::EpisodeChanged { event: EpisodeEvent::Respond, polarity: None },
                );
            }
            "2026-05-25" => {
                log.push(
                    "e",
                    at(day, "11:30"),
                    day,
                    CLINICIAN,
                    EntryKind::EpisodeChanged { event: EpisodeEvent::Remit, polarity: None },
                );
            }
            "2026-06-22" => {
                // Symptoms return within the recovery period: the episode machine calls it a
                // relapse; treatment goes back to an acute IPSRT course linked to the first.
                log.push(
                    "e",
                    at(day, "11:30"),
                    day,
                    CLINICIAN,
                    EntryKind::EpisodeChanged { event: EpisodeEvent::Relapse, polarity: None },
                );
                log.push(
                    "e",
                    at(day, "11:35"),
                    day,
                    THERAPIST,
                    EntryKind::CourseEvent {
                        course: c1.into(),
                        event: CourseEvent::EndedEarly {
                            reason: EarlyEndReason::TherapistEnded,
                            detail: Some("symptoms returned: back to acute IPSRT".into()),
                        },
                    },
                );
                log.push(
                    "e",
                    at(day, "11:40"),
                    day,
                    THERAPIST,
                    EntryKind::CourseStarted {
                        course: "ipsrt-2".into(),
                        previous: Some(c1.into()),
                        protocol: Protocol::ipsrt_acute(),
                        taxonomy: Taxonomy::Ipsrt5,
                    },
                );
                log.push(
                    "e",
                    at(day, "11:45"),
                    day,
                    THERAPIST,
                    EntryKind::CourseEvent { course: "ipsrt-2".into(), event: session(1) },
                );
            }
            _ => {}
        }
        // The daily diary at 21:30 (none during the June gap).
        if !(day >= gap.0 && day <= gap.1) {
            let late_bed = day >= d("2026-03-09") && day <= d("2026-03-15");
            let mood: i8 = match day.to_string().as_str() {
                "2026-03-10" | "2026-03-11" | "2026-03-12" => 3,
                _ if day >= d("2026-06-15") => -3,
                _ if day < d("2026-02-01") => -2,
                _ if day >= d("2026-03-28") && day <= d("2026-04-05") => -3,
                _ => 0,
            };
            let items = vec![
                DiaryItem { item: ItemId::OutOfBed, status: Status::Done("07:30".parse().unwrap()), people: None },
                DiaryItem { item: ItemId::FirstContact, status: Status::Done("08:00".parse().unwrap()), people: None },
                DiaryItem {
                    item: ItemId::StartWork,
                    status: if day.weekday().number_from_monday() <= 5 {
                        Status::Done("09:00".parse().unwrap())
                    } else {
                        Status::NotDone
                    },
                    people: None,
                },
                DiaryItem { item: ItemId::Dinner, status: Status::Done("18:30".parse().unwrap()), people: None },
                DiaryItem {
                    item: ItemId::ToBed,
                    status: Status::Done(if late_bed { "01:30" } else { "23:00" }.parse().unwrap()),
                    people: None,
                },
            ];
            let e =
                log.push("e", at_in(day, "21:30", zone), day, PATIENT, EntryKind::DiaryDay { items, mood: Some(mood) });
            *e = e.clone().at(at_in(day, "21:30", zone)).completes(occ("srm", day, "21:00"));
        }
        // A mistyped mood is corrected the next day.
        if day == d("2026-02-11") {
            let target = log
                .entries
                .iter()
                .find(|e| e.effective == d("2026-02-10") && matches!(e.event, EntryKind::DiaryDay { .. }))
                .unwrap()
                .clone();
            let EntryKind::DiaryDay { items, .. } = target.event.clone() else { unreachable!() };
            let mut c = target.clone();
            c.recorded_at = at(day, "07:45");
            let n = log.n + 1;
            log.n = n;
            c.id = format!("e-{n:04}");
            c.event = EntryKind::Correction {
                target: target.id.clone(),
                reason: "mood typed as +4 instead of -1".into(),
                replacement: Box::new(EntryKind::DiaryDay { items, mood: Some(-1) }),
            };
            log.entries.push(c);
        }
        day = day.succ_opt().unwrap();
    }
    // Make the 2026-02-10 diary day carry the typo the correction fixes.
    if let Some(e) =
        log.entries.iter_mut().find(|e| e.effective == d("2026-02-10") && matches!(e.event, EntryKind::DiaryDay { .. }))
        && let EntryKind::DiaryDay { mood, .. } = &mut e.event
    {
        *mood = Some(4);
    }
    CareLog::new(log.entries)
}
