"""IPSRT medication log and life chart over the shared vectors in test-vectors/ipsrt/."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt
from ipsrt.results import DueTimeDict

from .conftest import VECTORS, vector_cases
from .test_ips import _kind_class, close


def cases(file: str) -> list[Any]:
    return [pytest.param(c, id=i) for i, c in vector_cases("ipsrt") if i.startswith(file + ":")]


def _medication(inp: dict[str, Any]) -> dict[str, Any]:
    log = ipsrt.MedicationLog(inp["schedule"])
    for r in inp["records"]:
        log.record(r)
    s = log.adherence(inp["from"], inp["to"])
    sig = log.non_adherence_signal(inp["to"], inp["signal_window_days"])
    assert pickle.loads(pickle.dumps(log)) == log
    return {**s, "signal": sig}


@pytest.mark.parametrize("case", cases("medication"))
def test_medication_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "classify" in inp:
        got = [ipsrt.classify_dose(c["planned"], c["taken_at"], c["late_after_minutes"])["status"] for c in inp["classify"]]
        assert got == exp["statuses"]
        return
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            _medication(inp)
        return
    close(_medication(inp), exp)


@pytest.mark.parametrize("case", cases("life_chart"))
def test_life_chart_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]

    def run() -> dict[str, Any]:
        chart = ipsrt.LifeChart()
        for e in inp["episodes"]:
            chart.add_episode(e)
        for e in inp["events"]:
            chart.add_event(e)
        lb = inp["lookback_days"]
        assert ipsrt.LifeChart.from_json(chart.to_json()) == chart
        return {
            "counts": chart.counts(),
            "antecedent_counts": [len(e["preceded_by"]) for e in chart.with_antecedents(lb)],
            "pathway_counts": chart.pathway_counts(lb),
            "precipitant_counts": chart.precipitant_counts(lb),
            "well_intervals_days": chart.well_intervals_days(),
        }

    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            run()
    else:
        assert run() == exp


def test_python_dates_and_times_go_in() -> None:
    log = ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": datetime.time(21, 0)}], late_after=30)
    out = log.record_taken_at("li", datetime.date(2026, 1, 5), datetime.time(21, 45))
    assert out["status"] == "late"
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": "25:00"}])


# --- Parity (issue 6): due times, rhythm plan, IPSRT course, stabilisation ------------------

UTC = datetime.timezone.utc


def _due_as_vector(d: DueTimeDict) -> dict[str, Any]:
    assert isinstance(d["local"], datetime.datetime) and d["local"].tzinfo is None
    assert isinstance(d["instant"], datetime.datetime) and d["instant"].utcoffset() == datetime.timedelta(0)
    assert isinstance(d["diary_date"], datetime.date)
    return {
        "anchor": d["anchor"],
        "diary_date": d["diary_date"].isoformat(),
        "local": d["local"].isoformat(),
        "instant": d["instant"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "adjustment": d["adjustment"],
    }


@pytest.mark.parametrize("case", cases("due_times"))
def test_due_time_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    now = datetime.datetime.fromisoformat(inp["now"]["local"])
    zone = inp["now"]["zone"]
    anchors = [tuple(a) for a in inp["anchors"]]
    if inp["kind"] == "next_due":
        got = ipsrt.next_due(anchors, now, zone=zone)
    else:
        got = ipsrt.overdue(
            anchors,
            now,
            zone=zone,
            since=datetime.date.fromisoformat(inp["since"]),
            grace_minutes=inp["grace_minutes"],
            recorded=[tuple(r) for r in inp["recorded"]],
        )
    assert [_due_as_vector(d) for d in got] == exp["due"]


def test_resolve_wall_clock_and_due_on_across_dst() -> None:
    local, instant, adj = ipsrt.resolve_wall_clock(datetime.date(2026, 3, 29), datetime.time(2, 30), "Europe/Amsterdam")
    assert local == datetime.datetime(2026, 3, 29, 3, 30) and adj == "moved_past_gap"
    assert instant == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local, instant, adj = ipsrt.resolve_wall_clock("2026-10-25", "02:30", "Europe/Amsterdam")
    assert instant == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC) and adj is not None  # earlier instant
    d = ipsrt.due_on("to_bed", "00:30", datetime.date(2026, 1, 5), "Europe/Amsterdam")
    assert d["local"] == datetime.datetime(2026, 1, 6, 0, 30)  # after midnight: the next calendar day
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.next_due([("to_bed", "23:00")], datetime.datetime(2026, 1, 5), zone="Mars/Olympus")
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.next_due([("to_bed", "23:00")], datetime.datetime(2026, 1, 5, tzinfo=UTC), zone="Europe/Amsterdam")


@pytest.mark.parametrize("case", cases("rhythm_plan"))
def test_rhythm_plan_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]

    def run() -> ipsrt.RhythmPlan:
        plan = ipsrt.RhythmPlan(inp["baseline_start"])
        for e in inp["events"]:
            plan.check(e)
            before = plan.to_json()
            stage = plan.apply(e)
            assert stage == plan.stage and plan.to_json() != before
            assert ipsrt.RhythmPlan.event_date(e) == datetime.date.fromisoformat(e["date"])
        return plan

    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            run()
        return
    plan = run()
    assert plan.stage == exp["stage"]
    assert [{k: t[k] for k in ("anchor", "current", "target")} for t in plan.targets] == exp["targets"]
    assert sorted(plan.anchors) == sorted(t["anchor"] for t in exp["targets"])
    for want in exp["targets"]:
        t = plan.target(want["anchor"])
        assert t is not None and t["current"] == want["current"]
        assert t["at_target"] == (want["current"] == want["target"])
        assert (t["remaining_minutes"] == 0) == t["at_target"]
        assert t["steps_left"] == -(-abs(t["remaining_minutes"]) // plan.settings["step_minutes"]["value"])
    assert sorted(a for a, _ in plan.aimed_times()) == sorted(t["anchor"] for t in exp["targets"])
    assert pickle.loads(pickle.dumps(plan)) == plan


def test_rhythm_plan_review_due_and_disruptions() -> None:
    plan = ipsrt.RhythmPlan(datetime.date(2026, 1, 1))
    assert plan.stage == "baseline" and plan.baseline_start == datetime.date(2026, 1, 1)
    ipsrt.RhythmPlan.validate_settings(ipsrt.RhythmPlan.default_settings())
    bad = ipsrt.RhythmPlan.default_settings()
    bad["step_minutes"]["value"] = 0
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.RhythmPlan.validate_settings(bad)
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.RhythmPlan("2026-01-01", bad)
    plan.apply({"type": "anchors_chosen", "date": "2026-01-15", "anchors": ["out_of_bed"]})
    plan.apply({"type": "targets_set", "date": "2026-01-15", "targets": [["out_of_bed", "08:00", "07:30"]]})
    assert plan.steps_due(datetime.date(2026, 1, 18)) == ["out_of_bed"]
    assert plan.steps_due(datetime.date(2026, 1, 16)) == []
    week = ipsrt.Week("2026-01-19")
    for d in range(7):
        week.set("out_of_bed", d, "08:10")
    srm_review = plan.review_srm_week(week)
    assert srm_review == plan.review_week([("out_of_bed", ["08:10"] * 7)])
    assert srm_review[0]["anchor"] == "out_of_bed"
    due = plan.next_due(datetime.datetime(2026, 1, 20, 9, 0), zone="Europe/Amsterdam")
    assert [d["anchor"] for d in due] == ["out_of_bed"] and due[0]["local"] == datetime.datetime(2026, 1, 21, 8, 0)
    late = plan.overdue(datetime.datetime(2026, 1, 20, 12, 0), zone="Europe/Amsterdam", since=datetime.date(2026, 1, 19), recorded=[(datetime.date(2026, 1, 19), "out_of_bed")])
    assert [d["diary_date"] for d in late] == [datetime.date(2026, 1, 20)]
    assert plan.disruptions == [] and plan.disruptions_between("2026-01-01", "2026-12-31") == []
    assert len(plan.events) == 2


def test_ipsrt_course_replays_the_persisted_fixture() -> None:
    # The newest version: its events are in today's form (in older versions a person's default
    # "conflict": "none" is migrated to "not assessed", which raw events would not be).
    doc = json.loads((VECTORS / "persist" / "ipsrt.ipsrt_course.v3.json").read_text())
    stored = ipsrt.IpsrtCourse.from_dict(doc)
    data = doc["data"]
    course = ipsrt.IpsrtCourse(data["created"], data["protocol"])
    for e in data["events"]:
        course.apply(e)
    assert course == stored
    assert course.phase == course.phase_starts[-1][0]
    assert course.phase_starts[0] == ("initial", datetime.date.fromisoformat(data["created"]))
    done = {t for t, _ in course.tasks_done}
    assert done.isdisjoint(course.tasks_missing)
    assert course.events == data["events"]
    assert course.protocol == data["protocol"]
    frank = ipsrt.IpsrtCourse.frank_protocol()
    assert ipsrt.IpsrtCourse("2026-01-05").protocol == frank
    dates = ipsrt.IpsrtCourse.protocol_maintenance_dates(frank, datetime.date(2026, 3, 2))
    block = frank["maintenance"]["value"][0]
    assert len(dates) > 0 and dates[0] == datetime.date(2026, 3, 2)
    assert ipsrt.IpsrtCourse.block_frequency(block) in ("twice_weekly", "weekly", "fortnightly", "monthly")
    if course.phase == "continuation_maintenance":
        assert course.maintenance_dates() == ipsrt.IpsrtCourse.protocol_maintenance_dates(frank, course.phase_starts[-1][1])
    before = course.to_json()
    with pytest.raises(ipsrt.IpsrtError):
        course.apply({"type": "intermediate_started", "date": "2020-01-01"})
    assert course.to_json() == before


def _w(week: int, depression: float, mania: float, stable: bool) -> dict[str, Any]:
    start = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=week)
    return {"week_start": start, "depression": depression, "mania": mania, "medication_stable": stable}


def test_mtbd_stabilisation_criterion() -> None:
    # The Rust test's cases (crates/ipsrt/tests/ipsrt_stabilisation.rs).
    c = ipsrt.StabilisationCriterion.mtbd()
    assert c == ipsrt.StabilisationCriterion()
    d = c.to_dict()
    assert d["weeks"]["value"] == 4 and d["depression_mean_below"]["value"] == 7.0 and d["mania_below"]["value"] == 7.0
    assert d["weeks"]["source"]["key"] == "MTBD"
    c.validate()
    r = [_w(0, 3, 7, True), _w(1, 10, 2, True), _w(2, 6, 1, True), _w(3, 5, 0, True), _w(4, 6, 3, True)]
    res = c.evaluate(r)
    assert res["met"] and res["window_start"] == _w(1, 0, 0, True)["week_start"].isoformat()
    assert res["met_on"] == "2026-02-08" and res["depression_mean"] == 6.75
    assert not c.evaluate([_w(i, 7, 0, True) for i in range(4)])["met"]
    assert not c.evaluate([_w(0, 1, 0, True), _w(1, 1, 0, True), _w(3, 1, 0, True), _w(4, 1, 0, True)])["met"]
    assert not c.evaluate([_w(0, 1, 0, True), _w(1, 1, 0, False), _w(2, 1, 0, True), _w(3, 1, 0, True)])["met"]
    assert c.evaluate([_w(3, 1, 0, True), _w(1, 1, 0, True), _w(0, 1, 0, True), _w(2, 1, 0, True)])["met"]
    with pytest.raises(ipsrt.InvalidInputError):
        c.evaluate([_w(0, 1, 0, True), _w(0, 2, 0, True)])
    bad = ipsrt.StabilisationCriterion.from_dict({**d, "weeks": {**d["weeks"], "value": 0}})
    with pytest.raises(ipsrt.InvalidInputError):
        bad.validate()
    assert pickle.loads(pickle.dumps(c)) == c


def test_medication_next_doses_and_chart_events() -> None:
    log = ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": "02:30"}])
    due = log.next_doses(datetime.datetime(2026, 3, 29, 0, 0), zone="Europe/Amsterdam")
    assert due[0]["dose"] == "li" and due[0]["local"] == datetime.datetime(2026, 3, 29, 3, 30)
    assert due[0]["adjustment"] == "moved_past_gap"
    chart_case = next(c for c in cases("life_chart") if c.values[0]["input"]["events"])
    event = chart_case.values[0]["input"]["events"][0]
    date, pathway = ipsrt.chart_event_info(event)
    assert isinstance(date, datetime.date) and isinstance(pathway, str)
