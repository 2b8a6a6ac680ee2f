"""ipsrt.Course, Protocol, Contract, Range and event_record over the shared vectors in
test-vectors/course/replay.json (the same file crates/ipsrt/tests/vectors_course.rs reads)."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS

REPLAY = json.loads((VECTORS / "course" / "replay.json").read_text())["cases"]


def assert_subset(expected: Any, actual: Any, at: str) -> None:
    """Every key of `expected` equals the same key of `actual` (recursively); lists match
    element-wise with the same length — the rule of the Rust test."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{at}: expected an object, got {actual!r}"
        for k, v in expected.items():
            assert_subset(v, actual.get(k), f"{at}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(expected) == len(actual), f"{at}: {expected!r} vs {actual!r}"
        for i, (x, y) in enumerate(zip(expected, actual)):
            assert_subset(x, y, f"{at}[{i}]")
    else:
        assert expected == actual, f"{at}: expected {expected!r}, got {actual!r}"


def test_replay_vectors_are_there() -> None:
    assert len(REPLAY) >= 10


@pytest.mark.parametrize("case", REPLAY, ids=[c["name"] for c in REPLAY])
def test_replay_vectors(case: dict[str, Any]) -> None:
    events = case["input"]["events"]
    exp = case["expected"]
    if "error" in exp:
        with pytest.raises(ipsrt.IpsrtError) as info:
            ipsrt.Course.replay(events)
        assert info.value.kind == exp["error"]
        assert info.value.rejected_index == exp["index"]
        assert str(info.value)
        return
    course = ipsrt.Course.replay(events)
    actual: dict[str, Any] = dict(course.status())
    phase = course.phase
    if phase["is_ended"]:
        ending = phase["ending"]
        assert ending is not None
        actual["ending"] = ending["outcome"]
    assert_subset(exp, actual, case["name"])
    # The accessors agree with the status.
    status = course.status()
    assert (course.attended, course.missed, course.cancelled) == (
        status["attended"],
        status["missed"],
        status["cancelled"],
    )
    assert course.remaining == status.get("remaining")
    assert phase["name"] == phase["kind"] == status["phase"]


def _example() -> ipsrt.Course:
    return ipsrt.Course.replay(REPLAY[0]["input"]["events"])


def test_course_accessors_on_the_example() -> None:
    c = _example()
    assert c.phase == {"name": "middle", "kind": "middle", "order": 1, "is_ended": False, "ending": None}
    assert c.focus_text() == "role dispute (renegotiation, with partner)"
    assert c.missing_initial_tasks() == []
    contract = c.contract
    assert contract is not None and (contract.sessions, contract.frequency) == (16, "weekly")
    assert c.used == c.attended + c.missed == 13
    assert c.used_total == 13
    assert c.remaining == 3
    area = c.area("role_dispute")
    assert area is not None and area["person"] == "partner"
    assert c.area("grief") is None
    ev = c.latest_evaluation
    assert ev is not None and isinstance(ev["verdict"], str)
    assert [e["event"]["type"] for e in c.events][:2] == ["course_created", "symptom_onset_recorded"]
    s = c.suggest_problem_areas()
    assert s["candidates"], s
    assert all(x["source"]["key"] for x in s["candidates"])
    with pytest.raises(ipsrt.InvalidInputError, match="source"):
        c.suggest_problem_areas(proximal_days=30)
    s30 = c.suggest_problem_areas(proximal_days=30, source=ipsrt.local_source("study"))
    assert isinstance(s30["candidates"], list)


def test_a_new_course_lists_every_initial_task_with_what_to_do() -> None:
    created = ipsrt.event_record(
        datetime.date(2026, 9, 1),
        {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"},
    )
    assert created["date"] == "2026-09-01"
    c = ipsrt.Course([created])
    tasks = c.missing_initial_tasks()
    assert [t["task"] for t in tasks] == [
        "diagnosis",
        "sick_role",
        "inventory",
        "problem_area",
        "formulation",
        "contract",
    ]
    assert all(t["todo"] for t in tasks)
    assert c.contract is None and c.remaining is None
    assert c.focus_text() == "not chosen"
    assert c.phase["order"] == 0


def test_check_does_not_apply_and_rejection_changes_nothing() -> None:
    c = ipsrt.Course([ipsrt.event_record("2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.ipt_brief(), "taxonomy": "sr3"})])
    before = c.to_json()
    rec = ipsrt.event_record("2026-09-01", {"type": "diagnosis_recorded", "diagnosis": "mdd"})
    c.check(rec)
    assert c.to_json() == before
    with pytest.raises(ipsrt.IllegalTransitionError) as info:
        c.apply(ipsrt.event_record("2026-09-01", {"type": "middle_phase_started"}))
    assert info.value.kind == "illegal_transition"
    assert info.value.rejected_index is None
    assert c.to_json() == before
    c.apply(rec)
    assert [t["task"] for t in c.missing_initial_tasks()][0] == "sick_role"


def test_event_record_with_recording_time() -> None:
    at = ipsrt.ZonedDateTime.parse("2026-09-01T10:15", "Europe/Amsterdam")
    rec = ipsrt.event_record("2026-09-01", {"type": "sick_role_recorded"}, recorded_at=at)
    assert rec["recorded_at"] == {"local": "2026-09-01T10:15:00", "zone": "Europe/Amsterdam"}
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.event_record("2026-09-01", {"type": "no_such_event"})


def test_builtin_protocols() -> None:
    keys = [p.key for p in ipsrt.Protocol.builtin()]
    assert keys == ["wmk_acute", "ipt_brief", "spaarne", "ipsrt_acute", "ipt_maintenance"]
    wmk = ipsrt.Protocol.wmk_acute()
    assert wmk.sessions["value"] == {"min": 12, "max": 16}
    assert wmk.sessions["source"]["key"] == "WMK-2000"
    assert wmk.default_contract() == ipsrt.Contract(16, "weekly", 50)
    for p in (ipsrt.Protocol.ipt_brief(), ipsrt.Protocol.spaarne(), ipsrt.Protocol.ipsrt_acute(), ipsrt.Protocol.ipt_maintenance()):
        p.validate()
        p.default_contract().validate()
        assert p.default_contract().outside(p) is None
    assert ipsrt.Protocol.ipt_maintenance().default_contract().frequency == "monthly"


def test_custom_protocol_is_attributed_and_checked() -> None:
    p = ipsrt.Protocol.custom("ours", "Our IPT", sessions=(8, 12), frequency="weekly", minutes=ipsrt.Range(45, 60), who="clinic X")
    assert p.sessions["source"] == {"key": "local", "locator": "clinic X", "evidence": "design"}
    assert p.default_sessions == 12 and p.version == 1 and p.name == "Our IPT"
    with pytest.raises(ipsrt.InvalidInputError, match="minutes"):
        ipsrt.Protocol.custom("bad", "Bad", sessions=(8, 12), frequency="weekly", minutes=(5, 9), who="x")
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.Protocol.custom("bad", "Bad", sessions=(8, 12), frequency="daily", minutes=(45, 50), who="x")  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(p)) == p
    assert ipsrt.Protocol.from_dict(p.to_dict()) == p
    assert ipsrt.Protocol.from_json(p.to_json()) == p
    assert copy.deepcopy(p) == p
    assert "Protocol" in repr(p)


def test_contract_and_range() -> None:
    wmk = ipsrt.Protocol.wmk_acute()
    long = ipsrt.Contract(20, "weekly", 50)
    long.validate()
    out = long.outside(wmk)
    assert out is not None and "20 sessions" in out and "WMK-2000" in out
    with pytest.raises(ipsrt.InvalidInputError, match="contract sessions"):
        ipsrt.Contract(0, "weekly", 50).validate()
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.Contract(12, "hourly", 50)  # type: ignore[arg-type]
    r = ipsrt.Range(12, 16)
    assert (r.min, r.max) == (12, 16)
    assert r.contains(12) and 16 in r and 17 not in r
    with pytest.raises(ipsrt.InvalidInputError, match="minimum"):
        ipsrt.Range(5, 4)
    assert r.to_dict() == {"min": 12, "max": 16}
    assert r == ipsrt.Range(12, 16) and r != ipsrt.Range(12, 15)


def test_safety_signal_opens_a_warning_until_acknowledged() -> None:
    """A measure with a safety signal recorded in a course (no relapse plan needed) shows an
    open safety warning first in the status until a clinician acknowledges it."""
    created = REPLAY[0]["input"]["events"][0]
    course = ipsrt.Course([created])
    score = ipsrt.score_measure("phq9", [0, 0, 1, 0, 0, 0, 0, 0, 2])
    assert score.safety_level() == "safety_check"
    course.record_measure("2026-09-08", score)
    warnings = course.status()["warnings"]
    assert warnings[0]["warning"] == "safety_signal_open" and warnings[0]["items"] == ["phq9_9=2"]
    assert len(course.open_safety) == 1
    course.record_measure("2026-09-15", ipsrt.score_measure("phq9", [0] * 9))
    assert len(course.open_safety) == 1  # a later low score does not clear it
    course.acknowledge_safety("2026-09-15", "Dr. A", "risk assessed; safety plan reviewed")
    assert course.open_safety == []
    assert course.status()["warnings"] == []
    before = course.to_json()
    with pytest.raises(ipsrt.IllegalTransitionError):
        course.acknowledge_safety("2026-09-16", "Dr. A", "nothing open")
    assert course.to_json() == before
    assert ipsrt.Course.from_json(before) == course


def test_deficits_warning_until_acknowledged() -> None:
    """Interpersonal deficits chosen despite the evidence (the frozen v5 log up to the choice)
    opens a warning with that evidence until a clinician acknowledges it (who, why)."""
    log = json.loads((VECTORS / "persist" / "ipsrt.course.v5.json").read_text())
    course = ipsrt.Course.replay(log["data"]["events"][:10])
    evidence = course.deficits_open
    assert evidence is not None and evidence == course.deficits_evidence()
    assert [e["area"] for e in evidence["life_events"]] == ["grief"]
    assert evidence["deceased"] == ["mum"] and evidence["open_conflicts"] == ["partner"]
    warnings = course.status()["warnings"]
    assert warnings[0]["warning"] == "deficits_unacknowledged"
    assert "overleden: mum" in course.warnings_in("nl")[0]
    before = course.to_json()
    with pytest.raises(ipsrt.InvalidInputError):
        course.acknowledge_deficits("2026-06-09", " ", "why")
    assert course.to_json() == before
    course.acknowledge_deficits("2026-06-09", "Dr. A", "the mother died long ago; isolation is lifelong")
    assert course.deficits_open is None
    assert course.snapshot["deficits_acknowledgement"]["by"] == "Dr. A"
    with pytest.raises(ipsrt.IllegalTransitionError, match="already acknowledged"):
        course.acknowledge_deficits("2026-06-10", "Dr. A", "again")


def _spaarne_at_12() -> ipsrt.Course:
    """The frozen v3 Spaarne log up to session 12 held (no evaluation at or after it yet)."""
    log = json.loads((VECTORS / "persist" / "ipsrt.course.v3.json").read_text())
    return ipsrt.Course.replay(log["data"]["events"][:20])


def test_non_response_rule_stop_candidate_and_alternative() -> None:
    course = _spaarne_at_12()
    assert ipsrt.Protocol.spaarne().version == 2
    codes = [w["warning"] for w in course.status()["warnings"]]
    assert "fresh_evaluation_due" in codes
    s13 = {"date": "2026-11-24", "event": {"type": "session_recorded", "number": 13, "attendance": "attended"}}
    with pytest.raises(ipsrt.IllegalTransitionError, match="record response_evaluated before session 13"):
        course.apply(s13)
    basis = {"instrument": "phq9", "baseline_total": 20.0, "current_total": 12.0,
             "source": {"key": "KSW-2001", "locator": "", "evidence": "verified"}}
    course.apply({"date": "2026-11-17", "event": {"type": "response_evaluated", "verdict": "partial_response", "basis": basis}})
    candidate = course.stop_candidate
    assert candidate is not None
    assert (candidate["after_sessions"], candidate["reduction_percent"]) == (12, 40)
    assert course.phase["name"] == "middle"
    with pytest.raises(ipsrt.IllegalTransitionError, match="stop candidate"):
        course.apply(s13)
    with pytest.raises(ipsrt.InvalidInputError):
        course.end_non_response("2026-11-17", " ")
    course.end_non_response("2026-11-17", "CBT with an antidepressant")
    assert course.phase["ending"] == {"outcome": "non_response", "alternative_offered": "CBT with an antidepressant"}


def test_declining_the_stop_is_a_deviation_and_blocks_completion_after_no_benefit() -> None:
    course = _spaarne_at_12()
    with pytest.raises(ipsrt.IllegalTransitionError, match="no stop candidate"):
        course.decline_non_response_stop("2026-11-17", "continue")
    course.apply({"date": "2026-11-17", "event": {"type": "response_evaluated", "verdict": "minimal_or_no_benefit"}})
    course.decline_non_response_stop("2026-11-17", "medication just started")
    assert course.stop_candidate is None
    assert course.snapshot["deviations"][-1]["reason"] == "medication just started"
    for e in [{"type": "termination_started"}, {"type": "relapse_prevention_plan_recorded", "summary": "signs"}]:
        course.apply({"date": "2026-11-17", "event": e})
    with pytest.raises(ipsrt.IllegalTransitionError, match="found minimal or no benefit"):
        course.apply({"date": "2026-11-17", "event": {"type": "course_completed"}})


def test_focus_change_in_the_middle_phase_is_recorded_with_its_reason() -> None:
    log = json.loads((VECTORS / "persist" / "ipsrt.course.v3.json").read_text())
    course = ipsrt.Course.replay(log["data"]["events"][:12])  # middle phase, focused on grief
    with pytest.raises(ipsrt.InvalidInputError, match="reason is empty"):
        course.change_focus("2026-09-22", "role_transition", reason=" ")
    course.change_focus("2026-09-22", "role_transition", reason="lost her job in week 4")
    assert [a["kind"] for a in course.status()["focus"]] == ["grief", "role_transition"]
    with pytest.raises(ipsrt.IllegalTransitionError, match="replaces"):
        course.change_focus("2026-09-22", "role_dispute", dispute_stage="impasse", reason="fights")
    course.change_focus("2026-09-29", "role_dispute", dispute_stage="impasse", replaces="role_transition", reason="the job loss turned into a dispute with her husband")
    change = course.snapshot["focus_changes"][-1]
    assert change["replaced"]["kind"] == "role_transition" and change["area"] == "role_dispute"


def test_recurrence_in_maintenance_returns_to_acute_treatment() -> None:
    log = json.loads((VECTORS / "persist" / "ipsrt.course.v3.json").read_text())
    course = ipsrt.Course.replay(log["data"]["events"][:11])  # middle phase after 3 sessions, contract 16
    for n in range(4, 13):
        course.apply({"date": f"2026-10-{n:02d}", "event": {"type": "session_recorded", "number": n, "attendance": "attended"}})
    course.apply({"date": "2026-10-12", "event": {"type": "response_evaluated", "verdict": "response"}})
    course.apply({"date": "2026-10-13", "event": {"type": "session_recorded", "number": 13, "attendance": "attended"}})
    for e in [{"type": "termination_started"}, {"type": "relapse_prevention_plan_recorded", "summary": "signs"},
              {"type": "maintenance_started", "contract": {"sessions": 24, "frequency": "monthly", "minutes": 50}}]:
        course.apply({"date": "2026-10-20", "event": e})
    assert course.phase["name"] == "maintenance"
    with pytest.raises(ipsrt.IllegalTransitionError, match="outside"):
        course.record_recurrence("2027-01-05", ipsrt.Contract(4, "weekly", 50))
    course.record_recurrence("2027-01-05", ipsrt.Contract(12, "weekly", 50), detail="PHQ-9 19")
    after = course.phase  # a fresh read (mypy narrowed the one above to "maintenance")
    assert after["name"] == "middle"
    assert course.remaining == 12
    assert course.snapshot["recurrences"][0]["detail"] == "PHQ-9 19"


def test_ipsrt_course_recurrence_and_end_with_its_ipt_course() -> None:
    c = ipsrt.IpsrtCourse("2026-01-05")
    assert c.recurrences == []
    with pytest.raises(ipsrt.IllegalTransitionError):
        c.apply({"type": "recurrence_recorded", "date": "2026-01-05"})


def test_course_attributes_termination_tasks_medication_delivery_population() -> None:
    log = json.loads((VECTORS / "persist" / "ipsrt.course.v4.json").read_text())
    events = log["data"]["events"]
    course = ipsrt.Course.replay(events[:21])  # middle phase, 12 sessions, perinatal
    assert course.status()["population"] == "perinatal"
    assert course.delivery_counts == [("in_person", 1), ("phone", 9), ("video", 1), (None, 1)]
    assert course.termination_checklist == []
    with pytest.raises(ipsrt.IllegalTransitionError, match="termination_started"):
        course.record_termination_task("2026-11-24", "loss_expressed")
    course.apply(events[21])  # termination_started
    assert course.open_termination_tasks == ["loss_expressed", "independent_competence", "aftercare_agreed"]
    assert any(w["warning"] == "termination_tasks_open" for w in course.status()["warnings"])
    course.record_termination_task("2026-11-24", "loss_expressed", note="sadness named")
    with pytest.raises(ipsrt.IllegalTransitionError, match="already recorded"):
        course.record_termination_task("2026-11-24", "loss_expressed")
    with pytest.raises(ipsrt.InvalidInputError, match="termination task"):
        course.record_termination_task("2026-11-24", "goodbye_card")
    with pytest.raises(ipsrt.InvalidInputError, match="reason is empty"):
        course.skip_termination_task("2026-11-24", "aftercare_agreed", reason=" ")
    course.skip_termination_task("2026-11-24", "aftercare_agreed", reason="after-care with the GP")
    assert [t["state"] for t in course.termination_checklist] == ["done", "open", "skipped"]
    skipped = course.termination_task("aftercare_agreed")
    assert skipped is not None and skipped["skipped"] == "after-care with the GP"
    assert course.snapshot["deviations"][-1]["rule"] == "termination task aftercare_agreed left out"
    # Combined treatment with dates.
    assert not course.combined_treatment
    with pytest.raises(ipsrt.IllegalTransitionError, match="no medication is running"):
        course.stop_medication("2026-11-24", "sertraline")
    course.start_medication("2026-11-24", "sertraline", started="2026-09-21", note="50 mg")
    assert course.combined_treatment and course.current_medication == ["sertraline"]
    assert course.medication_on("2026-10-01") == ["sertraline"]
    assert course.medication_on("2026-09-01") == []
    # An empty relapse plan is warned about.
    course.apply({"date": "2026-11-24", "event": {"type": "relapse_prevention_plan_recorded"}})
    assert course.relapse_plan_empty
    assert "relapse_plan_empty" in [w["warning"] for w in course.status()["warnings"]]
    assert any("leeg" in w for w in course.warnings_in("nl"))
    # Delivery mode on a session; never assumed.
    with pytest.raises(ipsrt.InvalidInputError, match="delivery mode"):
        course.record_session("2026-12-01", mode="letter")
    course.record_session("2026-12-01", mode="video")
    assert course.snapshot["sessions"][-1]["mode"] == "video"
    course.stop_medication("2026-12-01", "sertraline")
    assert course.combined_treatment and course.current_medication == []
    with pytest.raises(ipsrt.InvalidInputError, match="population"):
        course.set_population("2026-12-01", "children")
    course.set_population("2026-12-01", "adult")
    assert course.status()["population"] == "adult"
    # The frozen v4 log loads as a whole.
    full = ipsrt.Course.from_json(json.dumps(log))
    assert full.phase["name"] == "ended" and full.combined_treatment
