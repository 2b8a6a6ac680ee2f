"""The typed results of issue 19 (``ipsrt.results``): course read-outs, every event log, IPSRT,
groups, the SRM helpers, FHIR, schedules and guidance. Each call's dict is compared with its
TypedDict all the way down (``_keys_match``), so a key the core adds, drops or renames fails here.

The event unions are checked against every event in the shared test vectors and the frozen
persisted fixtures, plus the event types those files do not hold."""

from __future__ import annotations

import datetime
import json
import typing
from typing import Any

import pytest

import ipsrt
from ipsrt import _ipsrt, results, srm

from .conftest import VECTORS
from .test_results_typed import _keys_match

PERSIST = VECTORS / "persist"


def _fixtures(schema: str) -> list[dict[str, Any]]:
    """Every frozen version of a persisted type (``ipsrt.<schema>.v<N>.json``)."""
    found = [json.loads(p.read_text()) for p in sorted(PERSIST.glob(f"ipsrt.{schema}.v*.json"))]
    assert found, schema
    return found


def _tags(union: Any, tag: str = "type") -> list[str]:
    """The ``Literal`` tag of each TypedDict of a union alias."""
    out = []
    for member in typing.get_args(union):
        (value,) = typing.get_args(typing.get_type_hints(member)[tag])
        out.append(value)
    return out


@pytest.mark.parametrize(
    ("union", "kinds", "tag"),
    [
        (results.CourseEventDict, results.COURSE_EVENTS, "type"),
        (results.GroupEventDict, results.GROUP_EVENTS, "type"),
        (results.ChartEventDict, results.CHART_EVENTS, "type"),
        (results.RhythmPlanEventDict, results.RHYTHM_PLAN_EVENTS, "type"),
        (results.IpsrtEventDict, results.IPSRT_EVENTS, "type"),
        (results.ObservedDict, results.OBSERVED_KINDS, "type"),
        (results.RecurrenceDict, results.RECURRENCE_KINDS, "type"),
        (results.PhaseDict, None, "phase"),
        (results.EndingDict, None, "outcome"),
        (results.TotalStatusDict, None, "kind"),
        (results.TimingDict, None, "relation"),
    ],
)
def test_each_union_has_one_typeddict_per_tag(union: Any, kinds: dict[str, type] | None, tag: str) -> None:
    tags = _tags(union, tag)
    assert len(tags) == len(set(tags))
    if kinds is not None:
        assert sorted(kinds) == sorted(tags)
        for t, td in kinds.items():
            assert typing.get_args(typing.get_type_hints(td)[tag]) == (t,)


def _check_course(c: ipsrt.Course) -> None:
    """Every read-out of a course against its TypedDict."""
    for record in c.events:
        _keys_match(record, results.CourseEventRecordDict)
        _keys_match(record["event"], results.COURSE_EVENTS[record["event"]["type"]])
    _keys_match(c.snapshot, results.CourseSnapshotDict)
    _keys_match(c.phase, results.CoursePhaseDict)
    _keys_match(c.status(), results.CourseStatusDict)  # its focus: ChosenAreaDict
    for kind in ("grief", "role_dispute", "role_transition", "interpersonal_deficits"):
        area = c.area(kind)
        if area is not None:
            _keys_match(area, results.ChosenAreaDict)
    if c.latest_evaluation is not None:
        _keys_match(c.latest_evaluation, results.EvaluationDict)
    for m in c.open_safety:
        _keys_match(m, results.RecordedMeasureDict)
    if c.stop_candidate is not None:
        _keys_match(c.stop_candidate, results.StopCandidateDict)
    for t in c.termination_checklist:
        _keys_match(t, results.TerminationTaskStatusDict)
    for task in ("loss_expressed", "independent_competence", "aftercare_agreed"):
        done = c.termination_task(task)
        if done is not None:
            _keys_match(done, results.TerminationTaskRecordDict)
    _keys_match(c.suggest_problem_areas(), results.ProblemAreaSuggestionsDict)


def _vector_courses() -> list[ipsrt.Course]:
    """Every frozen course fixture and every replay case the core accepts."""
    courses = [ipsrt.Course.from_dict(f) for f in _fixtures("course")]
    for case in json.loads((VECTORS / "course" / "replay.json").read_text())["cases"]:
        if "error" not in case["expected"]:
            courses.append(ipsrt.Course.replay(case["input"]["events"]))
    return courses


def test_course_read_outs_of_every_frozen_course_and_replay_case() -> None:
    seen: set[str] = set()
    courses = _vector_courses()
    for c in courses:
        _check_course(c)
        seen |= {e["event"]["type"] for e in c.events}
    assert {"course_created", "session_recorded", "measure_recorded", "ended_early"} <= seen
    assert any(c.status()["focus"] for c in courses)


def test_course_events_the_vectors_lack_and_the_stop_candidate() -> None:
    log = json.loads((PERSIST / "ipsrt.course.v3.json").read_text())["data"]["events"]
    c = ipsrt.Course.replay(log[:20])  # Spaarne, session 12 held
    c.apply({"date": "2026-11-17", "event": {"type": "response_evaluated", "verdict": "partial_response",
                                             "basis": {"instrument": "phq9", "baseline_total": 20.0, "current_total": 12.0,
                                                       "source": ipsrt.source("KSW-2001", "", "verified")}}})
    candidate = c.stop_candidate
    assert candidate is not None and candidate["reduction_percent"] == 40
    _check_course(c)
    c.apply({"date": "2026-11-17", "event": {"type": "diagnosis_revised", "diagnosis": "recurrent MDD", "reason": "history"}})
    person = ipsrt.Person("sis", "Sis", "sister").to_dict()
    c.apply({"date": "2026-11-17", "event": {"type": "person_added", "person": person}})
    c.apply({"date": "2026-11-17", "event": {"type": "person_updated", "person": person | {"role": "older sister"}}})
    c.apply({"date": "2026-11-17", "event": {"type": "person_removed", "person_id": "sis"}})
    c.apply({"date": "2026-11-17", "event": {"type": "referred", "to": "a psychiatrist", "reason": "medication"}})
    _check_course(c)
    types = {e["event"]["type"] for e in c.events}
    assert {"diagnosis_revised", "person_updated", "person_removed", "referred"} <= types
    assert c.phase["ending"] is not None and c.phase["ending"]["outcome"] == "referred"
    initial = ipsrt.Course.replay(log[:8])
    chosen = [e["event"] for e in initial.events if e["event"]["type"] == "problem_area_chosen"]
    assert chosen and chosen[0]["type"] == "problem_area_chosen"
    first = chosen[0]
    if first["type"] == "problem_area_chosen":  # narrows the union for mypy
        initial.apply({"date": "2026-09-15", "event": {"type": "problem_area_removed", "area": first["area"]}})
    _check_course(initial)
    assert "problem_area_removed" in {e["event"]["type"] for e in initial.events}
    middle = ipsrt.Course.replay(log[:12])  # middle phase, focused on grief
    middle.change_focus("2026-09-22", "role_transition", reason="lost her job in week 4")
    middle.apply({"date": "2026-09-22", "event": {"type": "contract_renegotiated", "reason": "new job",
                                                  "contract": {"sessions": 16, "frequency": "fortnightly", "minutes": 50}}})
    _check_course(middle)
    types |= {e["event"]["type"] for e in middle.events}
    maint = ipsrt.Course.replay(log[:11])  # middle phase after 3 sessions, contract 16
    for n in range(4, 13):
        maint.apply({"date": f"2026-10-{n:02d}", "event": {"type": "session_recorded", "number": n, "attendance": "attended"}})
    maint.apply({"date": "2026-10-12", "event": {"type": "response_evaluated", "verdict": "response"}})
    maint.apply({"date": "2026-10-13", "event": {"type": "session_recorded", "number": 13, "attendance": "attended"}})
    for e in [{"type": "termination_started"}, {"type": "relapse_prevention_plan_recorded", "summary": "signs"},
              {"type": "maintenance_started", "contract": {"sessions": 24, "frequency": "monthly", "minutes": 50}}]:
        maint.apply({"date": "2026-10-20", "event": e})
    maint.record_recurrence("2027-01-05", ipsrt.Contract(12, "weekly", 50), detail="PHQ-9 19")
    _check_course(maint)
    types |= {e["event"]["type"] for e in maint.events}
    # With the vectors, every course event type of the union has been checked at runtime.
    in_vectors = {e["event"]["type"] for v in _vector_courses() for e in v.events}
    assert in_vectors | types | {"problem_area_removed"} == set(results.COURSE_EVENTS)


def test_event_record_protocol_and_inventory() -> None:
    at = datetime.datetime(2026, 9, 1, 10, 0, 0, 250000)
    record = ipsrt.event_record("2026-09-01", {"type": "sick_role_recorded"}, recorded_at={"local": at, "zone": "Europe/Amsterdam"})
    _keys_match(record, results.CourseEventRecordDict)
    # The microseconds are kept (never cut to whole seconds).
    assert datetime.datetime.fromisoformat(record["recorded_at"]["local"]) == at
    for p in ipsrt.Protocol.builtin():
        _keys_match(p.sessions, results.CitedRangeDict)
        for f in p.allowed_frequencies:
            _keys_match(f, results.CitedFrequencyDict)
        _keys_match(p.to_dict(), results.ProtocolDict)
    assert any(p.allowed_frequencies for p in ipsrt.Protocol.builtin())
    _keys_match(ipsrt.Contract(12, "weekly", 50).to_dict(), results.ContractDict)
    inv = ipsrt.Inventory.from_dict(_fixtures("inventory")[-1])
    assert inv.people
    for person in inv.people:
        _keys_match(person, results.PersonDict)
    near = inv.changes_before("2026-06-01", 365)
    assert near
    for n in near:
        _keys_match(n, results.RelationshipChangeNearOnsetDict)
    for person in inv.people:
        for change in ipsrt.Person.from_dict(person).changes_between("1900-01-01", "2100-01-01"):
            _keys_match(change, results.RelationshipChangeDict)
    suggestions = json.loads((VECTORS / "course" / "suggestions.json").read_text())["cases"]
    for case in suggestions:
        inp = case["input"]
        _keys_match(ipsrt.suggest_problem_areas(inp["events"], inp["onset"], inp["taxonomy"]),
                    results.ProblemAreaSuggestionsDict)
    _keys_match(ipsrt.LifeEvent.from_dict({"kind": "death", "date": "2026-01-01", "person": "mum"}).to_dict(),
                results.LifeEventDict)


def test_group_rules_and_every_group_event() -> None:
    for group_type in ("ipt_g", "process_group"):
        _keys_match(ipsrt.group_rules(group_type), results.GroupRulesDict)
    seen: set[str] = set()
    for fixture in _fixtures("group"):
        g = ipsrt.Group.from_dict(fixture)
        _keys_match(g.rules, results.GroupRulesDict)
        for e in g.events:
            _keys_match(e, results.GroupEventDict)
            _keys_match(e, results.GROUP_EVENTS[e["type"]])
            seen.add(e["type"])
    cases = json.loads((VECTORS / "group" / "membership.json").read_text())["cases"]
    for case in cases:
        inp = case["input"]
        if "error" in case["expected"]:
            continue
        size = {"min_members": inp["min_members"], "source": ipsrt.local_source("S0")} if "min_members" in inp else {}
        g = ipsrt.Group.replay(ipsrt.group_rules(inp["group_type"], **size), inp["events"])
        g.apply({"type": "referred", "person": "not-admitted-1", "date": "2027-01-01", "gp_referral": True})
        g.apply({"type": "not_admitted", "person": "not-admitted-1", "date": "2027-01-02"})
        g.apply({"type": "closed", "date": "2027-01-03"})
        for e in g.events:
            _keys_match(e, results.GROUP_EVENTS[e["type"]])
            seen.add(e["type"])
    assert seen == set(results.GROUP_EVENTS)


def test_life_chart_rhythm_plan_and_ipsrt_course_events() -> None:
    chart = ipsrt.LifeChart.from_dict(_fixtures("life_chart")[-1])
    chart.add_event({"type": "medication_change", "date": "2024-01-01", "note": "lithium stopped"})
    chart.add_event({"type": "rhythm_disruption", "date": "2024-02-01", "note": "night shifts"})
    chart.add_event({"type": "life_event", "date": "2024-03-01", "kind": "job_change"})
    assert {e["type"] for e in chart.events} == set(results.CHART_EVENTS)
    for e in chart.events:
        _keys_match(e, results.CHART_EVENTS[e["type"]])
    for a in chart.with_antecedents(3650):
        for before in a["preceded_by"]:
            _keys_match(before, results.ChartEventDict)
    plan = ipsrt.RhythmPlan.from_dict(_fixtures("rhythm_plan")[-1])
    seen: set[str] = {p["type"] for p in plan.events}
    for p in plan.events:
        _keys_match(p, results.RHYTHM_PLAN_EVENTS[p["type"]])
    fresh = ipsrt.RhythmPlan(datetime.date(2026, 1, 1))
    fresh.apply({"type": "disruption_planned", "date": "2026-01-02",
                 "disruption": {"kind": "time_zone_travel", "from": "2026-02-01", "to": "2026-02-08",
                                "protective_routines": ["fixed wake time"]}})
    fresh.apply({"type": "anchors_chosen", "date": "2026-01-15", "anchors": ["out_of_bed"]})
    fresh.apply({"type": "targets_set", "date": "2026-01-15", "targets": [["out_of_bed", "08:00", "08:00"]]})
    fresh.apply({"type": "anchor_added", "date": "2026-01-16", "anchor": "to_bed", "habitual": "23:30", "target": "23:30"})
    fresh.apply({"type": "maintenance_started", "date": "2026-01-17"})
    for p in fresh.events:
        _keys_match(p, results.RHYTHM_PLAN_EVENTS[p["type"]])
        seen.add(p["type"])
    assert seen == set(results.RHYTHM_PLAN_EVENTS)
    assert fresh.disruptions and fresh.disruptions_between("2026-01-01", "2026-12-31")
    for d in fresh.disruptions + fresh.disruptions_between("2026-01-01", "2026-12-31"):
        _keys_match(d, results.PlannedDisruptionDict)
    _keys_match(ipsrt.IpsrtCourse.frank_protocol(), results.IpsrtProtocolDict)
    ipsrt_seen: set[str] = set()
    for fixture in _fixtures("ipsrt_course"):
        c = ipsrt.IpsrtCourse.from_dict(fixture)
        _keys_match(c.protocol, results.IpsrtProtocolDict)
        _keys_match(c.course, results.CourseSnapshotDict)
        for i in c.events:
            _keys_match(i, results.IPSRT_EVENTS[i["type"]])
            ipsrt_seen.add(i["type"])
    # The rest of an IPSRT course from the frozen one (intermediate phase since 2026-01-19).
    c = ipsrt.IpsrtCourse.from_dict(_fixtures("ipsrt_course")[-1])
    monday = datetime.date(2026, 1, 19)
    ratings = [{"week_start": monday + datetime.timedelta(weeks=i), "depression": 1.0, "mania": 0.0,
                "medication_stable": True} for i in range(4)]
    day = monday + datetime.timedelta(weeks=5)
    for event in (
        {"type": "continuation_started", "date": day, "ratings": ratings},
        {"type": "final_started", "date": day},
        {"type": "recurrence_recorded", "date": day, "detail": "PHQ-9 19"},
        {"type": "continuation_started", "date": day, "ratings": ratings},
        {"type": "final_started", "date": day},
        {"type": "course", "record": {"date": day, "event": {"type": "termination_started", "deviation": "taper"}}},
        {"type": "course", "record": {"date": day, "event": {"type": "relapse_prevention_plan_recorded", "summary": "signs"}}},
        {"type": "ended", "date": day},
    ):
        c.apply(event)
    for i in c.events:
        _keys_match(i, results.IPSRT_EVENTS[i["type"]])
        ipsrt_seen.add(i["type"])
    _keys_match(c.course, results.CourseSnapshotDict)
    assert ipsrt_seen == set(results.IPSRT_EVENTS)


def test_every_observed_kind_and_recurrence_kind() -> None:
    seen: set[str] = set()
    for fixture in _fixtures("observation_log"):
        for o in fixture["data"]["observations"]:
            observed = ipsrt.Observation.from_dict(o).observed
            _keys_match(observed, results.OBSERVED_KINDS[observed["type"]])
            seen.add(observed["type"])
    more: list[dict[str, Any]] = [
        {"type": "phq9", "total": None, "item9": 1}, {"type": "ymrs", "total": 10}, {"type": "hrsd", "total": 20, "item3": 1},
        {"type": "epds", "item10": 1}, {"type": "phq9m", "total": 9, "serious_thoughts": False},
        {"type": "cssrs_screener", "risk": 1}, {"type": "daily_mood", "mood": -2}, {"type": "no_recent_entries", "days": 3},
        {"type": "missed_occurrences", "task": "phq9", "count": 2}, {"type": "acknowledged", "by": "Dr. A", "action": "called"},
        {"type": "srm_week", "week_start": "2026-03-02", "score": 3.5}, {"type": "sleep_shift", "anchor": "bedtime", "minutes": 90},
        {"type": "warning_sign", "sign": "sleep-less"}, {"type": "trigger", "kind": "job_change", "note": "new job"},
        {"type": "missed_medication", "doses": 2, "medication": "lithium"}, {"type": "check_in"}, {"type": "asrm", "total": 2},
    ]
    for m in more:
        observed = ipsrt.Observation("2026-03-02", m).observed
        _keys_match(observed, results.ObservedDict)
        _keys_match(observed, results.OBSERVED_KINDS[observed["type"]])
        seen.add(observed["type"])
    assert seen == set(results.OBSERVED_KINDS)
    start = datetime.date(2026, 1, 1)
    kinds: set[str] = set()
    for rec in ({"type": "daily", "every": 1}, {"type": "weekly", "every": 1, "on": ["monday"]},
                {"type": "at_sessions", "sessions": [1, 8]}, {"type": "every_sessions", "every": 4, "first": 1}):
        t = ipsrt.ScheduledTask("x", "phq9", "PHQ-9", recurrence=rec, slots=["09:00"], start=start, closes_after_minutes=60)
        _keys_match(t.recurrence, results.RecurrenceDict)
        kinds.add(t.recurrence["type"])
    assert kinds == set(results.RECURRENCE_KINDS)
    for locale in ("en", "nl"):
        _keys_match(ipsrt.default_guidance(locale), results.LevelGuidanceDict)


def test_srm_options_weeks_rows_and_batches() -> None:
    _keys_match(_ipsrt.srm_default_options(), results.ScoringOptionsDict)
    _keys_match(srm.default_options(), results.ScoringOptionsDict)
    diary = ipsrt.Diary("srm5")
    diary.add("2026-01-05", "out_of_bed", "07:00")
    diary.set_mood("2026-01-06", 2)
    diary.late_grace_hours = 1
    diary.add_entry(ipsrt.SrmEntry("2026-01-07", "to_bed", "23:00", people=2, recorded_at="2026-01-10T10:00:00",
                                   zone="Europe/Amsterdam"))
    weeks = diary.weeks()
    assert weeks and {"people", "late", "mood"} <= weeks[0].keys()
    for w in weeks + ipsrt.Diary("srm17").weeks():
        _keys_match(w, results.SrmWeekDict)
    row = srm.parse_long_row(["participant", "date", "item", "time", "mood"], ["A", "2026-01-05", "to_bed", "23:00", "-1"])
    _keys_match(row, results.ParsedLongRowDict)
    _keys_match(_ipsrt.srm_parse_long_row(["participant", "date", "item", "time"], ["A", "2026-01-05", "to_bed", ""]),
                results.ParsedLongRowDict)
    np = pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    times = np.full((2, 7, 5), 420.0)
    for per_item in (True, False):
        _keys_match(_ipsrt.srm_score_batch_numpy(times, per_item=per_item), results.SrmBatchArraysDict)
    _keys_match(_ipsrt.srm_score_batch_arrow(pa.array([420.0] * 35)), results.SrmBatchArraysDict)
    table = pa.table({"participant": ["A", "A"], "date": ["2026-01-05", "2026-01-06"], "item": ["to_bed", "to_bed"],
                      "time": ["23:00", "23:10"]})
    names = [(c, c) for c in ("participant", "date", "item", "time")]
    _keys_match(_ipsrt.srm_long_weeks(table, names), results.SrmLongWeeksDict)
    _keys_match(srm.long_weeks(table), results.SrmLongWeeksDict)
    header = ["participant", "date", "item", "time"]
    columns = [["A", "A"], ["2026-01-05", "2026-01-06"], ["to_bed", "to_bed"], ["23:00", "23:10"]]
    _keys_match(_ipsrt.srm_score_long(header, columns), results.SrmLongScoresDict)


def test_fhir_bundle_and_import() -> None:
    for instrument in ipsrt.Instrument.builtin_ids():
        items = ipsrt.Instrument.builtin(instrument).scored_items()
        score = ipsrt.score_measure(instrument, {i["id"]: i["min"] for i in items})
        try:
            bundle = score.to_fhir(id_prefix="x", subject="Patient/p1", authored="2026-05-01T09:30:00+02:00")
        except ipsrt.IpsrtError:
            continue  # an instrument without a FHIR mapping
        _keys_match(bundle, results.FhirBundleDict)
        _keys_match(score.to_fhir(), results.FhirBundleDict)
    phq = ipsrt.Instrument.builtin("phq9")
    for name in ("phq9_lhc_style.json", "phq9_sdc_style_missing_item6.json"):
        _keys_match(phq.import_fhir((VECTORS / "measures" / "fhir" / name).read_text()), results.ImportedFhirDict)


def test_datetime_microseconds_are_kept_not_cut() -> None:
    """A ``datetime.datetime`` in a dict argument crosses as ISO text with its microseconds (the
    core's ``ZonedDateTime`` keeps them, as ``ipsrt.ZonedDateTime`` does); a whole second
    crosses as ``HH:MM:SS`` as before. Nothing is cut silently."""
    zone = "Europe/Amsterdam"
    exact = datetime.datetime(2026, 9, 1, 10, 0, 0, 123456)
    record = ipsrt.event_record("2026-09-01", {"type": "sick_role_recorded"}, recorded_at={"local": exact, "zone": zone})
    assert record["recorded_at"] == {"local": "2026-09-01T10:00:00.123456", "zone": zone}
    whole = ipsrt.event_record("2026-09-01", {"type": "sick_role_recorded"},
                               recorded_at={"local": exact.replace(microsecond=0), "zone": zone})
    assert whole["recorded_at"]["local"] == "2026-09-01T10:00:00"
    created = ipsrt.event_record("2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(),
                                                "taxonomy": "wmk4"})
    course = ipsrt.Course([created, record])
    back = ipsrt.Course.from_json(course.to_json())
    assert back == course and back.events[1]["recorded_at"]["local"] == "2026-09-01T10:00:00.123456"
    o = ipsrt.Observation("2026-09-01", {"type": "check_in"}, at={"local": exact, "zone": zone})
    assert o.to_dict()["at"]["local"] == "2026-09-01T10:00:00.123456"
    assert ipsrt.ZonedDateTime(exact, zone).local == exact


def test_a_diary_time_with_microseconds_is_refused_not_cut() -> None:
    """A ``datetime.time`` (or timestamp) cell with microseconds read cell by cell from a pandas
    ``object`` column goes to the core with them (``"23:00:00.500000"``), which refuses it as a
    time that is not a whole minute, instead of it being cut to 23:00 (bad-input row "CSV time
    with a fraction of a second")."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    df = pd.DataFrame({"participant": ["A", "A"], "date": ["2026-01-05", "2026-01-06"], "item": ["to_bed", "to_bed"],
                       "time": [datetime.time(23, 0, 0, 500000), "23:10"]})
    with pytest.raises(ipsrt.InvalidInputError, match=r'line 2, field time: "23:00:00.500000" has seconds'):
        srm.score_frame(df)
    df["time"] = [datetime.datetime(2026, 1, 5, 23, 0, 0, 1), "23:10"]
    with pytest.raises(ipsrt.InvalidInputError, match=r"line 2, field time: .*has seconds"):
        srm.score_frame(df)
    df["time"] = [datetime.time(23, 0), "23:10"]
    assert len(srm.score_frame(df)) == 1


def test_care_entry_events_are_typed() -> None:
    """Every kind of care entry (the six-month log plus the kinds it lacks, from the shared
    ``care/entry_kinds.json``) reads back as its ``CareEventDict`` member, replacements of
    corrections included."""
    kinds = json.loads((VECTORS / "care" / "entry_kinds.json").read_text())
    root = VECTORS.parent
    log = ipsrt.CareLog.from_json((root / kinds["log"]).read_text())
    stored = log.to_dict()
    whole = ipsrt.CareLog.from_dict({**stored, "data": {"entries": [*stored["data"]["entries"], *kinds["extra"]]}})
    seen = set()
    for entry in whole.entries:
        event = entry.event
        _keys_match(event, results.CARE_EVENTS[event["type"]])
        assert entry.kind == event["type"]
        assert entry.kind in typing.get_args(results.CareEntryKindName)
        seen.add(event["type"])
        if event["type"] == "correction":
            replacement = event["replacement"]
            _keys_match(replacement, results.CARE_EVENTS[replacement["type"]])
    assert seen == set(kinds["kinds"]) == set(results.CARE_EVENTS)


def test_course_warnings_are_typed() -> None:
    """The warning union has one TypedDict per warning of the core (read from its source, so a new
    warning fails here), and the warnings the shared courses raise match their members."""
    import re

    source = (VECTORS.parent / "crates" / "ipsrt" / "src" / "course" / "status.rs").read_text()
    body = source.split("pub enum Warning {", 1)[1].split("\n}\n", 1)[0]
    core = {re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in re.findall(r"^    ([A-Z]\w*)\b", body, re.M)}
    tags = _tags(results.CourseWarningDict, "warning")
    assert len(tags) == len(set(tags))
    assert set(tags) == core
    seen: set[str] = set()
    for c in _vector_courses():
        for w in c.status()["warnings"]:
            _keys_match(w, getattr(results, "Warning" + "".join(p.title() for p in w["warning"].split("_")) + "Dict"))
            seen.add(w["warning"])
    assert seen, "the shared courses raise no warning: the check above would prove nothing"
