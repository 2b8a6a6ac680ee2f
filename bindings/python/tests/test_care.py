"""The care record over the shared vectors in test-vectors/care/ (the same values as Rust), and
the six-month IPSRT patient of examples/care_record.json run entry by entry.

The app-side code here makes no clinical decision: it relays what happened (answers, diary
days, a clinician's acknowledgement, course events) as entries and reads back what the core
concluded (scores, alert levels with plan version and evidence, due and missed items, safety
warnings)."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt
from ipsrt.results import CareAdherenceDict, MissedOccurrencesObserved

from .conftest import VECTORS
from .test_results_typed import _keys_match

ROOT = VECTORS.parent
DOC: dict[str, Any] = json.loads((VECTORS / "care" / "status.json").read_text())
LOG_TEXT = (ROOT / DOC["log"]).read_text()


def _status_values(s: ipsrt.CareStatus) -> dict[str, Any]:
    return {
        "alert_level": s.alert_level.name,
        "plan_id": s.plan_id,
        "plan_version": s.plan_version,
        "since": s.since.isoformat() if s.since else None,
        "evidence": s.evidence,
        "due": [o.id for o in s.due],
        "overdue": [o.id for o in s.overdue],
        "missed": [o.id for o in s.missed],
        "safety_warnings": [{"kind": w.kind, "entry": w.entry, "date": w.date.isoformat()} for w in s.safety_warnings],
        "courses": [{"id": c.id, "previous": c.previous, "phase": c.phase} for c in s.courses],
        "episode": s.episode,
        "late_entries": s.late_entries,
        "adherence": {
            "from": s.adherence["from"],
            "to": s.adherence["to"],
            "tasks": [{k: v for k, v in t.items() if k not in ("what", "on_time_share")} for t in s.adherence["tasks"]],
        },
    }


def test_replay_of_the_shared_log_gives_the_shared_values() -> None:
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json(LOG_TEXT))
    want = DOC["record"]
    assert record.patient_ref == want["patient_ref"]
    assert record.alert_level.name == want["alert_level"]
    assert len(record.entries) == want["entries"]
    assert [e.id for e in record.entries if e.late] == want["late"]
    got_alerts = [
        {
            "date": a.date.isoformat(),
            "from": a.from_level.name,
            "to": a.to_level.name,
            "plan_version": a.plan_version,
            "evidence": a.evidence,
        }
        for a in record.alerts
    ]
    assert got_alerts == want["alerts"]
    assert [p.version for p in record.relapse_plans] == want["relapse_plan_versions"]
    assert len(record.measures) == want["measures"]
    # The data gaps and runs of missed occurrences derived from the log, with their evidence.
    got_derived = [
        {
            "id": o.id,
            "date": o.date.isoformat(),
            "days": o.evidence.days,
            "since": o.evidence.since.isoformat() if o.evidence.since else None,
            "last_entry": o.evidence.last_entry,
        }
        if o.evidence.kind == "data_gap"
        else {
            "id": o.id,
            "date": o.date.isoformat(),
            "task": o.evidence.task,
            "count": o.evidence.count,
            "occurrences": o.evidence.occurrences,
            "ended_by": o.evidence.ended_by,
        }
        for o in record.derived_observations
    ]
    assert got_derived == want["derived"]
    assert all(o.observation.date == o.date for o in record.derived_observations)
    runs = [o for o in record.derived_observations if o.evidence.kind == "missed_run"]
    assert runs and all(o.observation.type == "missed_occurrences" for o in runs)
    observed: MissedOccurrencesObserved = {"type": "missed_occurrences", "task": "srm", "count": 3}
    assert runs[0].observation.observed == observed
    assert set(runs[0].observation.observed) == set(MissedOccurrencesObserved.__required_keys__)
    assert runs[0].evidence.what == "srm_diary" and runs[0].evidence.schedule_entry
    assert all(
        a.derived_evidence == [] or a.derived_evidence[0].days > 0 or a.derived_evidence[0].count >= 3
        for a in record.alerts
    )
    s = record.status("2026-06-13")
    assert s.alert_level == ipsrt.AlertLevel("watch")
    assert {"type": "missed_occurrences", "task": "srm", "count": 3} in [o.observed for o in s.derived_observations]
    # The plan version in force on a date: version 2 from 2026-04-06.
    plan = record.plan_on("2026-03-30")
    assert plan is not None and plan.version == 1
    plan = record.plan_on(datetime.date(2026, 4, 6))
    assert plan is not None and plan.version == 2
    # Replaying twice gives identical JSON.
    again = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json(LOG_TEXT))
    assert again.to_json() == record.to_json()


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["on"] for c in DOC["cases"]])
def test_status_on_the_shared_dates(case: dict[str, Any]) -> None:
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json(LOG_TEXT))
    assert _status_values(record.status(case["on"], case["at"])) == case["expected"]


def test_the_six_month_patient_entry_by_entry() -> None:
    """The app appends each entry as it arrives and shows what the core says."""
    log = ipsrt.CareLog.from_json(LOG_TEXT)
    record = ipsrt.CareRecord()
    for entry in log.entries:
        record.append(entry)
    assert record.log == log
    assert record.patient_ref == "P-0042"

    # Intake: the machines exist, the plan is in force.
    plan = record.plan_in_force
    assert plan is not None and (plan.plan_id, plan.version) == ("rp", 2)
    assert [v.version for v in record.relapse_plans] == [1, 2]
    assert record.diary is not None and record.medication is not None and record.rhythm_plan is not None
    assert record.ips_journey == "ips-P-0042"

    # Measures on schedule are scored by the core.
    phq9 = [m for m in record.measures if m.instrument == "phq9"]
    assert len(phq9) == 13
    assert any(c.occurrence is not None for c in log.entries if c.kind == "measure_answered")

    # The late PHQ-9 (dated 2026-02-16, typed in on 2026-03-03) is kept and marked late.
    late = [e for e in record.entries if e.late]
    assert any(e.kind == "measure_answered" and e.effective == datetime.date(2026, 2, 16) for e in late)
    assert any(d.late and d.date == datetime.date(2026, 2, 16) for d in record.decisions)

    # An early warning, then the crisis with its evidence and plan version, acknowledged.
    alerts = record.alerts
    assert any(a.to_level == ipsrt.AlertLevel("early_warning") for a in alerts)
    crisis = next(a for a in alerts if a.to_level == ipsrt.AlertLevel("crisis"))
    assert crisis.date == datetime.date(2026, 3, 30) and crisis.plan_version == 1 and crisis.evidence
    assert "phq9_item9" in crisis.rules
    ack = next(a for a in alerts if a.from_level == ipsrt.AlertLevel("crisis"))
    assert ack.date == datetime.date(2026, 3, 31)

    # Status on the crisis day, as known then.
    s = record.status("2026-03-30")
    assert s.alert_level == ipsrt.AlertLevel("crisis") and (s.plan_id, s.plan_version) == ("rp", 1)
    assert [w.kind for w in s.safety_warnings] == ["safety_answer"]

    # Maintenance, the June diary gap, the return of symptoms and a new course.
    s = record.status("2026-06-30", "12:00")
    assert [c.phase for c in s.courses] == ["ended", "initial"]
    assert s.courses[1].previous == "ipsrt-1"
    assert s.episode == "episode"
    assert len(s.missed) == 5 and [o.id for o in s.due] == ["srm/2026-06-30/21:00"]
    assert s.alert_level == ipsrt.AlertLevel("crisis") and s.plan_version == 2
    assert s.derived_observations and s.data_gaps and s.missed_streaks == []
    # Adherence per task over the last 28 days, as the core counts it (the app shows it as is).
    adherence = s.adherence
    _keys_match(adherence, CareAdherenceDict)
    assert (adherence["from"], adherence["to"]) == ("2026-06-03", "2026-06-30")
    srm = next(t for t in adherence["tasks"] if t["task"] == "srm")
    assert (srm["on_time"], srm["late"], srm["missed"], srm["excused"], srm["pending"]) == (22, 0, 5, 0, 1)
    assert srm["expected"] == 27 and srm["completion_rate"] == pytest.approx(0.8148, abs=1e-4)
    assert [t["completion_rate"] for t in adherence["tasks"] if t["task"] != "srm"] == [1.0, 1.0]
    courses = record.courses
    assert courses[0].phase == "ended" and courses[0].sessions == 20
    episode = record.episode
    assert episode is not None and episode.state == "episode"


def test_a_failed_append_changes_nothing_and_names_the_entry() -> None:
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json(LOG_TEXT))
    before = record.to_json()
    at = ipsrt.ZonedDateTime.parse("2026-07-03T12:00", "Europe/Amsterdam")
    dup = ipsrt.CareEntry.acknowledged("e-0001", at, "2026-07-03", "dr", "checked")
    with pytest.raises(ipsrt.InvalidInputError, match="already used"):
        record.append(dup)
    unknown = ipsrt.CareEntry.retraction("r-1", at, "2026-07-03", "dr", "nope", "typo")
    with pytest.raises(ipsrt.NotFoundError, match="r-1"):
        record.append(unknown)
    sign = ipsrt.CareEntry.observation("o-1", at, "2026-07-03", "pt", {"type": "warning_sign", "sign": "x"})
    with pytest.raises(ipsrt.NotFoundError):
        record.append(sign)
    assert record.to_json() == before


def test_corrections_retractions_and_typed_constructors() -> None:
    tz = "Europe/Amsterdam"
    at = ipsrt.ZonedDateTime.parse("2026-03-02T09:00", tz)
    plan = ipsrt.RelapsePlan("2026-03-02", "NL")
    record = ipsrt.CareRecord()
    record.append(ipsrt.CareEntry.patient_registered("p", at, "2026-03-02", "dr", "p-1", tz))
    record.append(ipsrt.CareEntry.relapse_plan_version("rp", at, "2026-03-02", "dr", "rp", plan))
    answers = {f"phq9_{i}": 1 for i in range(1, 9)} | {"phq9_9": 1}
    record.append(ipsrt.CareEntry.measure_answered("q", at, "2026-03-02", "pt", "phq9", answers))
    assert record.alert_level == ipsrt.AlertLevel("crisis")
    next_day = ipsrt.ZonedDateTime.parse("2026-03-03T08:00", tz)
    record.append(ipsrt.CareEntry.retraction("x", next_day, "2026-03-03", "dr", "q", "another patient's form"))
    assert record.alert_level == ipsrt.AlertLevel("crisis")  # never lowered by a retraction alone
    assert record.measures == []
    view = {e.id: e for e in record.entries}
    assert view["q"].state == "retracted" and view["q"].state_ref == "x"
    assert [w.kind for w in record.status("2026-03-03").safety_warnings] == ["safety_answer", "evidence_retracted"]
    record.append(ipsrt.CareEntry.acknowledged("ack", next_day, "2026-03-03", "dr", "called the patient"))
    assert record.alert_level < ipsrt.AlertLevel("crisis")
    assert record.status("2026-03-03").safety_warnings == []
    # The whole log round-trips and pickles.
    log = record.log
    assert ipsrt.CareLog.from_json(log.to_json()) == log
    assert pickle.loads(pickle.dumps(log)) == log
    assert ipsrt.load(log.to_json()) == log


def test_migration_from_stored_course_plan_and_alerts() -> None:
    persist = VECTORS / "persist"
    course = ipsrt.Course.from_json((persist / "ipsrt.course.v2.json").read_text())
    plan = ipsrt.RelapsePlan.from_json((persist / "ipsrt.relapse_plan.v2.json").read_text())
    machine = ipsrt.AlertMachine.from_json((persist / "ipsrt.alert_machine.v2.json").read_text())
    log = ipsrt.care_log_from_stored(
        "p-7", "Europe/Amsterdam", "migration", courses=[("c1", course)], plan=("rp", plan), alerts=machine
    )
    record = ipsrt.CareRecord.replay(log)
    assert record.courses[0].id == "c1"
    assert record.alert_level.name == machine.level



def test_care_migrate_rebuilds_every_stored_document() -> None:
    persist = VECTORS / "persist"

    def read(path: str) -> str:
        return (ROOT / path).read_text()

    plan = ipsrt.RelapsePlan.from_json(read("examples/plan.json"))
    course = ipsrt.Course.from_json((persist / "ipsrt.course.v2.json").read_text())
    episode = ipsrt.EpisodeCourse.from_json((persist / "ipsrt.episode_course.v2.json").read_text())
    rhythm = ipsrt.RhythmPlan.from_json(read("examples/ipsrt/rhythm_plan.json"))
    meds = ipsrt.MedicationLog.from_json(read("examples/ipsrt/medication_log.json"))
    diary = ipsrt.Diary.from_json((persist / "ipsrt.srm_diary.v1.json").read_text())
    schedule = ipsrt.Schedule.from_json((persist / "ipsrt.schedule.v1.json").read_text())
    journey = ipsrt.EmploymentJourney.from_json((persist / "ipsrt.employment_journey.v2.json").read_text())
    log, left_out = ipsrt.care_migrate(
        "p-7",
        "Europe/Amsterdam",
        "migration",
        courses=[("c1", course)],
        plans=[("rp", plan)],
        episode=episode,
        rhythm_plan=rhythm,
        medication=meds,
        diary=diary,
        schedules=[schedule],
        ips_journey=journey,
    )
    assert left_out == []
    record = ipsrt.CareRecord.replay(log)
    assert record.courses[0].id == "c1"
    assert record.episode is not None and record.episode.to_json() == episode.to_json()
    assert record.rhythm_plan is not None and record.rhythm_plan.to_json() == rhythm.to_json()
    assert record.medication is not None and record.medication.to_json() == meds.to_json()
    assert record.schedules[0][1].to_json() == schedule.to_json()
    assert record.ips_journey == "A"
    assert record.diary is not None and record.diary.moods == diary.moods
    # Replaying twice gives identical JSON.
    assert ipsrt.CareRecord.replay(log).to_json() == record.to_json()


def test_care_migrate_keeps_an_ipsrt_course_whole() -> None:
    plan = ipsrt.RelapsePlan.from_json((ROOT / "examples/plan.json").read_text())
    course = ipsrt.IpsrtCourse.from_json((ROOT / "examples/ipsrt/ipsrt_course.json").read_text())
    log, left_out = ipsrt.care_migrate(
        "p-7", "Europe/Amsterdam", "migration", ipsrt_courses=[("c1", course)], plans=[("rp", plan)]
    )
    assert left_out == []
    kinds = [e.kind for e in log.entries]
    assert "ipsrt_course_started" in kinds and "ipsrt_course_event" in kinds
    migrated = ipsrt.CareRecord.replay(log).courses[0]
    assert migrated.id == "c1"
    assert migrated.ipsrt_phase == course.phase
    # The strict form migrates it too.
    strict, _ = ipsrt.care_migrate(
        "p-7", "Europe/Amsterdam", "migration", ipsrt_courses=[("c1", course)], plans=[("rp", plan)], strict=True
    )
    assert strict.to_json() == log.to_json()
    # A score computed with another missing-data policy would change: refused.
    score = ipsrt.MeasureScore.from_json((VECTORS / "persist" / "ipsrt.measure_score.v2.json").read_text())
    with pytest.raises(ipsrt.InvalidInputError) as bad:
        ipsrt.care_migrate("p-7", "Europe/Amsterdam", "m", measures=[("2026-03-02", score)])
    assert "other options" in str(bad.value)


SERIES: dict[str, Any] = json.loads((VECTORS / "care" / "series.json").read_text())


@pytest.mark.parametrize("case", SERIES["cases"], ids=lambda c: f"{c['instrument']}-{c['on']}-{c['baseline']}")
def test_score_series_of_the_record_gives_the_shared_values(case: dict[str, Any]) -> None:
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json((ROOT / SERIES["log"]).read_text()))
    assert record.series_instruments() == SERIES["instruments"]
    if case["on"] is not None:
        record = record.known_by(datetime.date.fromisoformat(case["on"]))
    baseline = datetime.date.fromisoformat(case["baseline"]) if case["baseline"] else None
    series = record.score_series(case["instrument"], baseline=baseline)
    assert isinstance(series, ipsrt.ScoreSeries)
    report = series.evaluate()
    want = case["expected"]
    assert series.baseline.isoformat() == want["baseline_date"]
    assert report["baseline"]["total"] == want["baseline_total"]
    got = [
        {
            "date": p["date"].isoformat() if isinstance(p["date"], datetime.date) else p["date"],
            "total": p["total"],
            "response": p["response"],
            "remission": p["remission"],
            "reliable_change": p["reliable_change"],
        }
        for p in report["points"]
    ]
    assert got == want["points"]
    assert record.series_unscored(case["instrument"]) == []


def test_score_series_refusals_name_what_to_do() -> None:
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json((ROOT / SERIES["log"]).read_text()))
    with pytest.raises(ipsrt.InvalidInputError, match=r"phq9, asrm"):
        record.score_series("gad7")
    with pytest.raises(ipsrt.InvalidInputError, match="2026-02-03"):
        record.score_series("phq9", baseline=datetime.date(2026, 2, 3))


def test_every_entry_kind_of_the_shared_vectors_appends() -> None:
    """test-vectors/care/entry_kinds.json (also read by Rust and Kotlin): the six-month log plus
    the extra entries hold every kind of care entry, and each extra entry appends."""
    doc: dict[str, Any] = json.loads((VECTORS / "care" / "entry_kinds.json").read_text())
    record = ipsrt.CareRecord.replay(ipsrt.CareLog.from_json((ROOT / doc["log"]).read_text()))
    for e in doc["extra"]:
        entry = ipsrt.CareEntry(
            e["id"], e["recorded_at"], e["effective"], e["author"], e["event"], occurrence=e.get("occurrence")
        )
        record.append(entry)
    assert {v.kind for v in record.entries} == set(doc["kinds"])
    assert [x.reason for x in record.excusals] == ["inpatient stay (ward 3)"]
    assert next(v for v in record.entries if v.id == "e-0269").state == "retracted"


def test_ipsrt_course_entries_typed() -> None:
    """An IPSRT course in the record: typed constructors, the IPSRT phase in the views, refusals
    that change nothing."""
    tz = "Europe/Amsterdam"
    at = ipsrt.ZonedDateTime.parse("2026-01-05T09:00", tz)
    day = "2026-01-05"
    record = ipsrt.CareRecord()
    record.append(ipsrt.CareEntry.patient_registered("p", at, day, "dr", "p-1", tz))
    start = ipsrt.CareEntry.ipsrt_course_started("s", at, day, "dr", "c1")
    assert start.kind == "ipsrt_course_started"
    started = start.event
    assert started["type"] == "ipsrt_course_started"
    assert started["protocol"] == ipsrt.IpsrtCourse.frank_protocol()
    record.append(start)
    task = {"type": "task_done", "date": day, "task": "life_chart"}
    record.append(ipsrt.CareEntry.ipsrt_course_event("t", at, day, "dr", "c1", task))
    course = record.courses[0]
    assert (course.id, course.ipsrt_phase, course.phase) == ("c1", "initial", "initial")
    before = record.to_json()
    # The event's date must be the entry's date.
    with pytest.raises(ipsrt.InvalidInputError, match="effective date 2026-01-06"):
        record.append(ipsrt.CareEntry.ipsrt_course_event("t2", at, "2026-01-06", "dr", "c1", task))
    # The IPSRT rules hold: the intermediate phase needs every IPSRT task.
    with pytest.raises(ipsrt.IpsrtError):
        record.append(
            ipsrt.CareEntry.ipsrt_course_event("t3", at, day, "dr", "c1", {"type": "intermediate_started", "date": day})
        )
    # An IPT course has no IPSRT events.
    acute = started["protocol"]["acute"]
    ipt = {"type": "course_started", "course": "c2", "protocol": acute, "taxonomy": "ipsrt5"}
    record.append(ipsrt.CareEntry("ipt", at, day, "dr", ipt))
    before = record.to_json()
    with pytest.raises(ipsrt.InvalidInputError, match="ipsrt_course_started"):
        record.append(ipsrt.CareEntry.ipsrt_course_event("t4", at, day, "dr", "c2", task))
    assert record.to_json() == before
