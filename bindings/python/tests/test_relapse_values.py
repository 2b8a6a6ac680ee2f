"""Relapse: recurrence-risk figures (test-vectors/relapse/recurrence_risk.json) and the alert
machine (test-vectors/relapse/alert_levels.json), as crates/ipsrt/tests/vectors_relapse.rs; the
plan helpers, observations, contacts, warning signs and thresholds."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any, Mapping, Sequence

import pytest

import ipsrt

from .conftest import VECTORS

RISK = json.loads((VECTORS / "relapse" / "recurrence_risk.json").read_text())["cases"]
LEVELS = json.loads((VECTORS / "relapse" / "alert_levels.json").read_text())["cases"]
LATE = json.loads((VECTORS / "relapse" / "late_arrival.json").read_text())["cases"]


def _plan(data: dict[str, Any]) -> ipsrt.RelapsePlan:
    return ipsrt.RelapsePlan.from_dict({"schema": ipsrt.RelapsePlan.SCHEMA, "version": ipsrt.RelapsePlan.VERSION, "data": data})


@pytest.mark.parametrize("case", RISK, ids=[c["name"] for c in RISK])
def test_recurrence_risk_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "error" in exp:
        with pytest.raises(ipsrt.IpsrtError) as info:
            ipsrt.recurrence_risk(inp["basis"], inp["prior_episodes"])
        assert info.value.kind == exp["error"]
        return
    r = ipsrt.recurrence_risk(inp["basis"], inp["prior_episodes"])
    assert r["percent"] == exp["percent"]
    assert r["source"]["key"] == exp["source_key"]
    assert r["horizon"] == exp["horizon"]
    assert r["cited"] == {"value": r["percent"], "source": r["source"]}
    assert r["text"].startswith(f"{r['percent']} %")
    # The same figure is among every figure for that episode count.
    assert r in ipsrt.recurrence_risks(inp["prior_episodes"])


def test_recurrence_figure_lists() -> None:
    figures = ipsrt.recurrence_figures()
    assert len(RISK) >= 10 and figures
    assert all(f["source"]["key"] for f in figures)
    assert ipsrt.recurrence_risks(0) == []
    for f in ipsrt.recurrence_risks(2):
        lo, hi = f["prior_episodes"]["min"], f["prior_episodes"]["max"]
        assert lo <= 2 and (hi is None or hi >= 2)
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.recurrence_risk("seed_s2", 0)
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.recurrence_risk("horoscope", 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", LEVELS, ids=[c["name"] for c in LEVELS])
def test_alert_level_vectors(case: dict[str, Any]) -> None:
    exp = case["expected"]
    try:
        plan = _plan(case["input"]["plan"])
    except ipsrt.IpsrtError as e:
        # Python loads a plan through its persisted form, which validates it: an invalid plan is
        # rejected on load, before the first observation (the Rust test sees it at observe()).
        assert exp["levels"] == [] and exp["index"] == 0 and e.kind == exp["error"], e
        with pytest.raises(ipsrt.IpsrtError):
            ipsrt.RelapsePlan.from_dict({"schema": ipsrt.RelapsePlan.SCHEMA, "version": 1, "data": case["input"]["plan"]})
        return
    machine = ipsrt.AlertMachine()
    levels: list[str] = []
    late: list[bool] = []
    error: tuple[int, ipsrt.IpsrtError] | None = None
    for i, raw in enumerate(case["input"]["observations"]):
        obs = ipsrt.Observation.from_dict(raw)
        before = machine.to_json()
        try:
            a = machine.observe(plan, obs)
        except ipsrt.IpsrtError as e:
            assert machine.to_json() == before, "a rejected observation changed the state"
            error = (i, e)
            break
        levels.append(a["level"])
        late.append(a["late"])
        assert machine.alert_level.name == a["level"]
        assert machine.last_observed is not None and machine.last_observed >= obs.date
    assert levels == exp["levels"]
    if "late" in exp:
        assert late == exp["late"]
    if "error" in exp:
        assert error is not None
        assert error[1].kind == exp["error"] and error[0] == exp["index"] and str(error[1])
    else:
        assert error is None
    if "history" in exp:
        got = machine.history
        assert len(got) == len(exp["history"])
        for t, h in zip(got, exp["history"]):
            assert (t["date"], t["from"], t["to"], t["direction"]) == (h["date"], h["from"], h["to"], h["direction"])
            assert {r["rule"] for r in t["reasons"]} == set(h["rules"])
            assert all(r["source"]["key"] for r in t["reasons"])


def _check_history(got: Sequence[Mapping[str, Any]], want: list[dict[str, Any]]) -> None:
    assert len(got) == len(want), got
    for t, h in zip(got, want):
        assert (t["date"], t["from"], t["to"], t["direction"]) == (h["date"], h["from"], h["to"], h["direction"])
        assert {r["rule"] for r in t["reasons"]} == set(h["rules"])


@pytest.mark.parametrize("case", LATE, ids=[c["name"] for c in LATE])
def test_late_arrival_vectors(case: dict[str, Any]) -> None:
    """Every arrival order gives the same date-ordered history; levels, late and retrospective
    are what the machine reported at each arrival (as crates/ipsrt/tests/vectors_relapse.rs)."""
    plan = _plan(case["plan"])
    observations = [ipsrt.Observation.from_dict(o) for o in case["observations"]]
    for order in case["orders"]:
        m = ipsrt.AlertMachine()
        got = [m.observe(plan, observations[i]) for i in order["arrival"]]
        assert [a["level"] for a in got] == order["levels"], order["arrival"]
        assert [a["late"] for a in got] == order["late"], order["arrival"]
        assert [a["retrospective"] for a in got] == order["retrospective"], order["arrival"]
        assert m.history_level == case["history_level"]
        _check_history(m.history, case["history"])
        dates = [e["observation"]["date"] for e in m.timeline]
        assert dates == sorted(dates)
        if any(order["late"]):
            assert any(d["late"] for d in m.decisions)
        # The persisted form keeps the timeline and the decisions.
        back = ipsrt.AlertMachine.from_json(m.to_json())
        assert back.decisions == m.decisions and back.timeline == m.timeline


def test_crisis_lines_are_explicit() -> None:
    codes = [r["code"] for r in ipsrt.regions()]
    assert codes == ["NL", "BE", "DE", "GB", "IE", "US", "CA", "AU"]
    for code in codes:
        lines = ipsrt.crisis_lines(code)
        assert {x["role"] for x in lines} == {"crisis_line", "emergency"}
        assert all(x["source"]["key"] and x["checked_on"] for x in lines)
    assert ipsrt.crisis_lines("UK") == ipsrt.crisis_lines("GB")
    with pytest.raises(ipsrt.NotFoundError, match="NL"):
        ipsrt.crisis_lines("FR")
    us = ipsrt.RelapsePlan("2026-01-01", "US")
    assert us.region == "US" and "988" in us.disclaimer() and "113" not in us.disclaimer()
    assert any(c.phone == "911" for c in us.contacts_for("crisis"))
    # No region and no own crisis contacts: refused, saying what to do.
    with pytest.raises(ipsrt.InvalidInputError, match="region"):
        _plan({"effective_from": "2026-01-01"})
    own = ipsrt.RelapsePlan.with_own_crisis_contacts(
        "2026-01-01",
        [
            ipsrt.Contact("Local line", "crisis_line", "crisis", phone="0800-1", note="24/7"),
            ipsrt.Contact("Emergency", "emergency", "crisis", phone="112"),
        ],
    )
    own.validate()
    assert own.region is None and all(c.is_crisis_contact for c in own.crisis_contacts())
    # A misspelt threshold is refused, naming the field and the allowed names.
    with pytest.raises(ipsrt.IpsrtError, match="phq9_early_warning"):
        _plan({"effective_from": "2026-01-01", "region": "NL", "alerts": {"thresholds": {"phq9_earlywarning": {"value": 14, "source": {"key": "local", "locator": "x", "evidence": "design"}}}}})


def test_hrsd_item3_and_acknowledgement() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    m = ipsrt.AlertMachine()
    o = ipsrt.Observation("2026-03-02", {"type": "hrsd", "total": 6, "item3": 3})
    assert o.safety_answers() == [{"item": "hrsd_item3", "label": "HRSD-17 item 3", "rule": "hrsd_item3", "answer": 3}]
    a = m.observe(plan, o)
    t = a["transition"]
    assert a["level"] == "crisis" and t is not None and t["reasons"][0]["rule"] == "hrsd_item3"
    assert all("wake time" not in x["text"] for x in t["actions"])
    a = m.observe(plan, {"date": "2026-03-03", "observed": {"type": "acknowledged", "by": "Dr. A", "action": "called"}})
    t = a["transition"]
    assert a["level"] == "green" and t is not None and t["reasons"][0]["rule"] == "clinician_acknowledged"
    received = ipsrt.ZonedDateTime.parse("2026-03-05T21:00", "Europe/Amsterdam")
    late = ipsrt.Observation("2026-03-01", {"type": "phq9", "total": 4, "item9": 1}, received_at=received)
    a = m.observe(plan, late)
    assert a["late"] and a["retrospective"] and a["level"] == "crisis"
    assert m.decisions[-1]["received_at"] == received.to_dict()


def test_alert_machine_calm_since() -> None:
    plan = ipsrt.RelapsePlan(datetime.date(2026, 1, 1), "NL")
    m = ipsrt.AlertMachine()
    assert m.last_observed is None and m.calm_since is None
    m.observe(plan, ipsrt.Observation("2026-03-01", {"type": "phq9", "total": 16, "item9": 0}))
    assert m.alert_level > ipsrt.AlertLevel("green")
    m.observe(plan, ipsrt.Observation("2026-03-08", {"type": "phq9", "total": 2, "item9": 0}))
    assert m.calm_since == datetime.date(2026, 3, 8)


def test_alert_levels() -> None:
    names = [lv.name for lv in ipsrt.AlertLevel.all()]
    assert names == ["green", "watch", "early_warning", "breaking_down", "crisis"]
    assert [lv.number for lv in ipsrt.AlertLevel.all()] == [0, 1, 2, 3, 4]
    assert ipsrt.AlertLevel.from_number(2) == ipsrt.AlertLevel("early_warning")
    assert ipsrt.AlertLevel("crisis").one_down() == ipsrt.AlertLevel("breaking_down")
    assert ipsrt.AlertLevel("watch").one_down() == ipsrt.AlertLevel("green")
    assert ipsrt.AlertLevel("green").one_down() == ipsrt.AlertLevel("green")
    assert str(ipsrt.AlertLevel("early_warning")) == "Early warning"
    assert ipsrt.AlertLevel("watch") < ipsrt.AlertLevel("crisis")
    assert pickle.loads(pickle.dumps(ipsrt.AlertLevel("watch"))) == ipsrt.AlertLevel("watch")
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.AlertLevel.from_number(5)
    rule = ipsrt.item9_rule()
    assert rule["value"] == 1 and rule["source"]["key"] == "KSW-2001"


def test_observation() -> None:
    o = ipsrt.Observation(datetime.date(2026, 3, 1), {"type": "phq9", "total": 12, "item9": 0})
    assert (o.type, o.date) == ("phq9", datetime.date(2026, 3, 1))
    assert o.observed == {"type": "phq9", "total": 12, "item9": 0}
    o.validate()
    with pytest.raises(ipsrt.InvalidInputError, match="item9"):
        ipsrt.Observation("2026-03-01", {"type": "phq9", "total": 1, "item9": 2}).validate()
    with pytest.raises(ipsrt.InvalidInputError, match="0–20"):
        ipsrt.Observation("2026-03-01", {"type": "asrm", "total": 21}).validate()
    at = ipsrt.ZonedDateTime.parse("2026-03-01T08:00", "Europe/Amsterdam")
    with_at = ipsrt.Observation("2026-03-01", {"type": "check_in"}, at=at)
    assert with_at.type == "check_in" and with_at.to_dict()["at"] == at.to_dict()
    assert pickle.loads(pickle.dumps(with_at)) == with_at


def test_plan_helpers() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    plan.validate()
    crisis = [c.name for c in plan.contacts_for("crisis")]
    assert crisis and all(isinstance(n, str) for n in crisis)
    assert plan.contacts_for(ipsrt.AlertLevel("green")) == []
    nl = plan.crisis_contacts()
    assert nl and all(c.to_dict()["source"]["key"] for c in nl)
    assert any(c.phone and "113" in c.phone for c in nl)
    sign = ipsrt.WarningSign(
        "sleep-less", "manic", "sleeping under 5 hours", actions=ipsrt.ActionPlan(["call Sam"], ["skip coffee"])
    )
    assert sign.actions.must == ["call Sam"] and sign.actions.might == ["skip coffee"]
    assert not sign.actions.is_empty() and ipsrt.ActionPlan().is_empty()
    data = plan.to_dict()["data"]
    data["early_warning_signs"] = [sign.to_dict()]
    data["triggers"] = [
        {"kind": "time_zone_travel", "description": "flights", "actions": {"must": ["keep home-time meals"]}}
    ]
    data["contacts"].append(ipsrt.Contact("Sam", "supporter", "watch", phone="06-1").to_dict())
    plan2 = _plan(data)
    plan2.validate()
    found = plan2.find_sign("sleep-less")
    assert found is not None and found["sign"] == sign and found["stage"] == "early_warning"
    assert plan2.find_sign("nope") is None
    assert [s["sign"].id for s in plan2.signs()] == ["sleep-less"]
    trig = plan2.find_trigger("time_zone_travel")
    assert trig is not None and trig["actions"]["must"] == ["keep home-time meals"]
    assert plan2.find_trigger("death") is None
    assert [c.name for c in plan2.contacts_for("watch")] == ["Sam"]
    sam = plan2.contacts_for("watch")[0]
    assert sam.from_level == ipsrt.AlertLevel("watch") and sam.phone == "06-1"
    actions = plan2.actions_for("early_warning")
    assert isinstance(actions, list) and all(a["text"] for a in actions)
    # The actions an assessment lists are the plan's actions for its level and reasons.
    m = ipsrt.AlertMachine()
    a = m.observe(plan2, ipsrt.Observation("2026-03-01", {"type": "warning_sign", "sign": "sleep-less"}))
    t = m.history[-1]
    assert plan2.actions_for(a["level"], t["reasons"]) == t["actions"]
    assert "call Sam" in [x["text"] for x in t["actions"]]


def test_alert_thresholds() -> None:
    t = ipsrt.AlertThresholds()
    t.validate()
    d = t.to_dict()
    assert d["asrm_early_warning"]["value"] == 6 and d["asrm_early_warning"]["source"]["key"] == "ALTMAN-1997"
    assert d["deescalation_days"]["value"] == 14
    d["phq9_early_warning"]["value"] = 27  # breaking down must lie above it
    d["phq9_early_warning"]["source"] = ipsrt.local_source("study")
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.AlertThresholds.from_dict(d).validate()


def test_sleep_shift_observations_feed_the_machine() -> None:
    base = ipsrt.srm.Week("2026-01-05", "srm5")
    for day in range(7):
        base.set("to_bed", day, "23:30")
    baseline = ipsrt.srm.score_week(base)
    week = ipsrt.srm.Week("2026-01-12", "srm5")
    week.set("to_bed", 0, "00:45")
    obs = ipsrt.sleep_shift_observations(week, baseline)
    assert obs[0].observed == {"type": "sleep_shift", "anchor": "bedtime", "minutes": 75}
    assert obs[0].date >= datetime.date(2026, 1, 12)
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    ipsrt.AlertMachine().observe_all(plan, obs)


def test_missed_medication_observations_feed_the_machine() -> None:
    log = ipsrt.MedicationLog([{"id": "li-pm", "medication": "lithium", "time": "21:00"}])
    log.record({"dose": "li-pm", "date": "2026-03-02", "outcome": {"status": "missed"}})
    obs = log.missed_medication_observations("2026-03-01", datetime.date(2026, 3, 7))
    assert obs[0].observed == {"type": "missed_medication", "doses": 1, "medication": "lithium"}
    m = ipsrt.AlertMachine()
    m.observe_all(ipsrt.RelapsePlan("2026-03-01", "NL"), obs)
    assert m.alert_level == ipsrt.AlertLevel("watch")
    with pytest.raises(ipsrt.InvalidInputError):
        log.missed_medication_observations("2026-03-07", "2026-03-01")


def test_every_safety_instrument_converts_and_raises_crisis() -> None:
    """EPDS item 10, a teen PHQ-9 suicide question and a C-SSRS result reach the alert machine;
    GAD-7 (no alert rule) is refused naming the instruments that convert."""
    plan = _plan({"effective_from": "2026-01-01", "region": "NL"})
    epds = ipsrt.score_measure("epds", {**{f"epds_{i}": 0 for i in range(1, 10)}, "epds_10": 1})
    teen = ipsrt.score_measure("phq9m", {**{f"phq9m_{i}": 0 for i in range(1, 10)}, "phq9m_serious_thoughts": 1})
    cssrs = ipsrt.score_measure("cssrs_screener", {"cssrs_risk": 3})
    cases = [
        (epds, {"type": "epds", "total": 1, "item10": 1}, "epds_item10"),
        (teen, {"type": "phq9m", "total": 0, "item9": 0, "serious_thoughts": True}, "phq9m_suicide"),
        (cssrs, {"type": "cssrs_screener", "risk": 3}, "cssrs_risk"),
    ]
    for score, observed, rule in cases:
        o = ipsrt.Observation.from_score("2026-03-05", score)
        assert o.observed == observed
        assert any(a["rule"] == rule and a["answer"] >= 1 for a in o.safety_answers())
        m = ipsrt.AlertMachine()
        m.observe(plan, ipsrt.Observation("2026-03-09", {"type": "check_in"}))
        a = m.observe(plan, o)
        assert a["level"] == "crisis" and a["late"] and a["retrospective"]
    gad = ipsrt.score_measure("gad7", {f"gad7_{i}": 1 for i in range(1, 8)})
    with pytest.raises(ipsrt.IpsrtError) as info:
        ipsrt.Observation.from_score("2026-03-05", gad)
    assert info.value.kind == "invalid_input"
    assert "no alert rule" in str(info.value) and "cssrs_screener" in str(info.value)
