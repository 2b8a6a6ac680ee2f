"""ipsrt.Group over the shared vectors in test-vectors/group/ (the same file the Rust test reads)."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import vector_cases

CASES = vector_cases("group")


def _run(inp: dict[str, Any]) -> ipsrt.Group:
    if "min_members" in inp:
        rules = ipsrt.group_rules(
            inp["group_type"],
            min_members=inp["min_members"],
            source={"key": "local", "locator": "vector", "evidence": "design"},
        )
        g = ipsrt.Group(rules=rules)
    else:
        g = ipsrt.Group(inp["group_type"])
    for e in inp["events"]:
        g.apply(e)
    return g


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_group_vectors(case: dict[str, Any]) -> None:
    exp = case["expected"]
    if "error" in exp:
        with pytest.raises(ipsrt.IpsrtError) as info:
            _run(case["input"])
        assert type(info.value).__name__ == _error_class(exp["error"])
        return
    g = _run(case["input"])
    assert g.status == exp["status"]
    assert g.members == exp["members"]
    assert g.waitlist == exp["waitlist"]
    assert len(g.sessions) == exp["sessions_held"]
    for who, status in exp["statuses"].items():
        person = g.person(who)
        assert person is not None
        assert person["status"] == status


def _error_class(kind: str) -> str:
    return "".join(p.capitalize() for p in kind.split("_")) + "Error"


def test_rejected_event_leaves_group_unchanged() -> None:
    g = ipsrt.Group("process_group")
    g.apply({"type": "referred", "person": "ann", "date": datetime.date(2026, 1, 5), "gp_referral": True})
    before = g.to_json()
    with pytest.raises(ipsrt.IllegalTransitionError, match="intake"):
        g.apply({"type": "waitlisted", "person": "ann", "date": "2026-01-06"})
    assert g.to_json() == before


def test_persist_round_trips_and_pickles() -> None:
    g = ipsrt.Group("ipt_g")
    g.apply({"type": "referred", "person": "bo", "date": datetime.date(2026, 2, 1)})
    assert ipsrt.Group.from_json(g.to_json()) == g
    assert ipsrt.Group.from_dict(g.to_dict()) == g
    assert g.to_dict()["schema"] == ipsrt.Group.SCHEMA == "ipsrt.group"
    assert pickle.loads(pickle.dumps(g)) == g
    assert copy.deepcopy(g) == g
    assert g != ipsrt.Group("ipt_g")
    assert "Group" in repr(g)


def test_replay_reports_the_rejected_event() -> None:
    rules = ipsrt.group_rules("process_group")
    events: list[dict[str, Any]] = [{"type": "waitlisted", "person": "x", "date": "2026-01-01"}]
    with pytest.raises(ipsrt.NotFoundError, match="event 0"):
        ipsrt.Group.replay(rules, events)


def test_leave_reason_rejoin_and_midway_deviation() -> None:
    g = ipsrt.Group("process_group")
    for i in range(10):
        p = f"p{i}"
        g.apply({"type": "referred", "person": p, "date": "2026-01-05", "gp_referral": True})
        for step in ("individual_therapist_intake", "group_therapist_intake"):
            g.apply({"type": "intake_completed", "person": p, "step": step, "date": "2026-01-05"})
        g.apply({"type": "waitlisted", "person": p, "date": "2026-01-05"})
    with pytest.raises(ipsrt.InvalidInputError, match="add a note"):
        g.apply({"type": "left", "person": "p0", "date": "2026-01-06", "reason": "other"})
    assert g.apply({"type": "left", "person": "p0", "date": "2026-01-06", "reason": "other", "note": "new job"}) == ["p9"]
    p0 = g.person("p0")
    assert p0 is not None
    assert p0["departures"] == [{"date": "2026-01-06", "reason": "other", "note": "new job", "from": "member"}]
    with pytest.raises(ipsrt.IllegalTransitionError, match="rejoin"):
        g.apply({"type": "rejoined", "person": "p1", "date": "2026-01-07"})
    g.apply({"type": "rejoined", "person": "p0", "date": "2026-02-01"})
    assert g.waitlist == ["p0"]

    ipt = ipsrt.Group("ipt_g")
    for i in range(6):
        ipt.apply({"type": "referred", "person": f"m{i}", "date": "2026-01-05"})
        ipt.apply({"type": "intake_completed", "person": f"m{i}", "step": "pre_group_meeting", "date": "2026-01-05"})
        ipt.apply({"type": "waitlisted", "person": f"m{i}", "date": "2026-01-05"})
    ipt.apply({"type": "session_held", "date": "2026-01-06", "present": ipt.members})
    midway: dict[str, Any] = {"type": "individual_meeting", "person": "m0", "kind": "midway", "date": "2026-01-07"}
    with pytest.raises(ipsrt.IllegalTransitionError, match="between sessions 10 and 11"):
        ipt.apply(midway)
    ipt.apply({**midway, "deviation": "moves abroad"})
    m0 = ipt.person("m0")
    assert m0 is not None and m0["midway_deviation"] == "moves abroad"


def test_gp_referral_is_a_rule_of_the_group() -> None:
    assert ipsrt.group_rules("process_group")["gp_referral_required"]["value"] is True
    with pytest.raises(ipsrt.InvalidInputError, match="source="):
        ipsrt.group_rules("ipsrt_group", gp_referral_required=True)
    rules = ipsrt.group_rules(
        "ipsrt_group",
        gp_referral_required=True,
        source={"key": "local", "locator": "clinic pathway", "evidence": "design"},
    )
    g = ipsrt.Group(rules=rules)
    with pytest.raises(ipsrt.InvalidInputError, match="GP referral"):
        g.apply({"type": "referred", "person": "a", "date": "2026-01-05", "gp_referral": False})


def test_process_group_admission_criteria() -> None:
    g = ipsrt.Group("process_group")
    g.apply({"type": "referred", "person": "a", "date": "2026-01-05", "gp_referral": True})
    for step in ("individual_therapist_intake", "group_therapist_intake"):
        g.apply({"type": "intake_completed", "person": "a", "step": step, "date": "2026-01-05"})
    assert g.admission_findings("a") is None
    event: dict[str, Any] = {
        "type": "waitlisted",
        "person": "a",
        "date": "2026-01-06",
        "unmet_criteria": ["room_for_patterns"],
    }
    with pytest.raises(ipsrt.InvalidInputError, match="give a reason"):
        g.apply(event)
    assert g.apply({**event, "reason": "settling; review after 3 months"}) == ["a"]
    findings = g.admission_findings("a")
    assert findings is not None and len(findings) == 7
    unmet = [f for f in findings if not f["met"]]
    assert unmet == [
        {
            "criterion": "room_for_patterns",
            "kind": "contra_indication",
            "description": ipsrt.label("admission_criterion", "room_for_patterns"),
            "met": False,
        }
    ]
    assert "draagkracht" in ipsrt.label("admission_criterion", "coping_capacity", "nl")
    criteria = ipsrt.group_rules("process_group")["admission_criteria"]
    assert criteria is not None and criteria["source"]["key"] == "S3"
