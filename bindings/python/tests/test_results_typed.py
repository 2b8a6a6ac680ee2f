"""The typed results of ``ipsrt.results``: each TypedDict names exactly the keys the runtime dict
has (a key the core adds or drops fails here, not in a user's mypy run)."""

from __future__ import annotations

import datetime
from typing import Any, Mapping

import ipsrt
from ipsrt import results, srm


def _keys_match(got: Mapping[str, Any], typed: Any) -> None:
    """Every required key is there, and every key there is declared (required or optional)."""
    required: frozenset[str] = typed.__required_keys__
    declared = required | typed.__optional_keys__
    assert isinstance(got, dict)
    assert required <= got.keys(), f"{typed.__name__} lacks {sorted(required - got.keys())}"
    assert got.keys() <= declared, f"{typed.__name__} does not declare {sorted(got.keys() - declared)}"


def _course() -> ipsrt.Course:
    created = ipsrt.event_record(
        "2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"}
    )
    c = ipsrt.Course([created])
    c.record_session("2026-09-01")
    return c


def test_course_status_and_initial_tasks() -> None:
    c = _course()
    status = c.status()
    _keys_match(status, results.CourseStatusDict)
    assert status["delivery"], "one attended session"
    _keys_match(status["delivery"][0], results.DeliveryCountDict)
    c.apply(ipsrt.event_record("2026-09-01", {"type": "contract_set", "contract": ipsrt.Contract(14, "weekly", 50)}))
    status = c.status()
    _keys_match(status, results.CourseStatusDict)
    assert status.get("contract_sessions") is not None
    tasks = c.missing_initial_tasks()
    assert tasks
    for t in tasks:
        _keys_match(t, results.InitialTaskDict)
    assert {t["task"]: t["operation"] for t in tasks}["inventory"] == "add_person"


def test_alert_assessment_transition_and_actions() -> None:
    plan = ipsrt.RelapsePlan("2026-01-01", "NL")
    m = ipsrt.AlertMachine()
    a = m.observe(plan, ipsrt.Observation("2026-03-02", {"type": "phq9", "total": 8, "item9": 2}))
    _keys_match(a, results.AssessmentDict)
    t = a["transition"]
    assert t is not None
    _keys_match(t, results.TransitionDict)
    assert t["actions"]
    for action in t["actions"]:
        _keys_match(action, results.PlannedActionDict)
    for action in plan.actions_for(a["level"], t["reasons"]):
        _keys_match(action, results.PlannedActionDict)
    for h in m.history:
        _keys_match(h, results.TransitionDict)
    for b in m.observe_all(plan, [ipsrt.Observation("2026-03-03", {"type": "check_in"})]):
        _keys_match(b, results.AssessmentDict)


def test_measure_flags_safety_and_band() -> None:
    s = ipsrt.score_measure("phq9", [1, 1, 2, 1, 0, 1, 0, 0, 2], band_scheme="")
    assert s.flags and s.safety and s.band is not None
    for f in s.flags:
        _keys_match(f, results.FlagResultDict)
    for sig in s.safety:
        _keys_match(sig, results.SafetySignalDict)
    _keys_match(s.band, results.BandingDict)
    _keys_match(s.band["band"], results.BandDict)


def test_srm_week_score_and_item_score() -> None:
    w = srm.Week(datetime.date(2026, 1, 5), "srm5")
    for d in range(7):
        w.set("out_of_bed", d, "07:00")
    score = w.score()
    _keys_match(score, results.WeekScoreDict)
    for item in score["items"]:
        _keys_match(item, results.ItemScoreDict)
    one = w.item_score("out_of_bed")
    assert one is not None
    _keys_match(one, results.ItemScoreDict)
