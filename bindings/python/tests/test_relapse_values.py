"""Relapse: recurrence-risk figures (test-vectors/relapse/recurrence_risk.json) and the alert
machine (test-vectors/relapse/alert_levels.json), as crates/ipsrt/tests/vectors_relapse.rs; the
plan helpers, observations, contacts, warning signs and thresholds."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS

RISK = json.loads((VECTORS / "relapse" / "recurrence_risk.json").read_text())["cases"]
LEVELS = json.loads((VECTORS / "relapse" / "alert_levels.json").read_text())["cases"]


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
        assert machine.alert_level.name == a["level"]
        assert machine.last_observed == obs.date
    assert levels == exp["levels"]
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


def test_alert_machine_calm_since() -> None:
    plan = ipsrt.RelapsePlan(datetime.date(2026, 1, 1))
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
    plan = ipsrt.RelapsePlan("2026-01-01")
    plan.validate()
    crisis = [c.name for c in plan.contacts_for("crisis")]
    assert crisis and all(isinstance(n, str) for n in crisis)
    assert plan.contacts_for(ipsrt.AlertLevel("green")) == []
    nl = ipsrt.Contact.netherlands_crisis_lines()
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
    plan = ipsrt.RelapsePlan("2026-01-01")
    ipsrt.AlertMachine().observe_all(plan, obs)


def test_missed_medication_observations_feed_the_machine() -> None:
    log = ipsrt.MedicationLog([{"id": "li-pm", "medication": "lithium", "time": "21:00"}])
    log.record({"dose": "li-pm", "date": "2026-03-02", "outcome": {"status": "missed"}})
    obs = log.missed_medication_observations("2026-03-01", datetime.date(2026, 3, 7))
    assert obs[0].observed == {"type": "missed_medication", "doses": 1, "medication": "lithium"}
    m = ipsrt.AlertMachine()
    m.observe_all(ipsrt.RelapsePlan("2026-03-01"), obs)
    assert m.alert_level == ipsrt.AlertLevel("watch")
    with pytest.raises(ipsrt.InvalidInputError):
        log.missed_medication_observations("2026-03-07", "2026-03-01")
