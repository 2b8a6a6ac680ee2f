"""A patient-week from Python with no JSON string: a course with diagnosis, contract and phases;
an SRM diary with a correction; a PHQ-9 with item 9 = 1; a relapse plan, the observation made
from the score and the alert guidance; save and load. Plus: mypy --strict catches a misspelt key
of a typed result (ipsrt.results)."""

from __future__ import annotations

import datetime
import subprocess
import sys
import textwrap
from pathlib import Path

import ipsrt
from ipsrt.results import WeekScoreDict


def test_patient_week_without_json_strings() -> None:
    monday = datetime.date(2026, 9, 7)
    course = ipsrt.Course([ipsrt.event_record(monday, {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"})])

    def record(day: datetime.date, **event: object) -> None:
        course.apply(ipsrt.event_record(day, event))

    record(monday, type="session_recorded", number=course.next_session_number, attendance="attended")
    record(monday, type="diagnosis_recorded", diagnosis="major depressive disorder")
    record(monday, type="sick_role_recorded")
    record(monday, type="person_added", person=ipsrt.Person("partner", "Sam", "partner"))
    record(monday, type="problem_area_chosen", area="role_dispute", dispute_stage="renegotiation", person="partner")
    record(monday, type="formulation_accepted", summary="low mood since the arguments with Sam about moving")
    record(monday, type="contract_set", contract=ipsrt.Contract(14, "weekly", 50))
    record(monday, type="middle_phase_started")
    assert course.phase["name"] == "middle" and course.contract == ipsrt.Contract(14, "weekly", 50)
    assert course.next_session_number == 2

    diary = ipsrt.Diary("srm5")
    for d in range(7):
        day = monday + datetime.timedelta(days=d)
        diary.add(day, "out_of_bed", datetime.time(7, 0))
        diary.add(day, "to_bed", datetime.time(3, 10) if d == 2 else datetime.time(23, 0))
        diary.set_mood(day, -1)
    replaced = diary.replace(monday + datetime.timedelta(days=2), "to_bed", datetime.time(23, 0))
    assert [e.status for e in replaced] == ["03:10"]
    weeks: list[WeekScoreDict] = diary.score()
    assert weeks[0]["score"] == 7.0 and weeks[0]["items"][0]["hits"] == 7

    phq9 = ipsrt.score_measure("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1])
    assert repr(phq9).startswith("MeasureScore(phq9, total=9") and "item9_positive" in repr(phq9)
    course.record_measure(monday + datetime.timedelta(days=4), phq9)

    plan = ipsrt.RelapsePlan(monday, "NL")
    machine = ipsrt.AlertMachine()
    assessment = machine.observe(plan, ipsrt.Observation.from_score(monday + datetime.timedelta(days=4), phq9))
    assert assessment["level"] == "crisis"
    transition = assessment["transition"]
    assert transition is not None
    guidance = [a["text"] for a in transition["actions"]]
    assert guidance and any("crisis" in t for t in guidance)

    saved = (course.to_json(), diary.to_json(), phq9.to_json(), plan.to_json(), machine.to_json())
    assert ipsrt.Course.from_json(saved[0]) == course
    assert ipsrt.Diary.from_json(saved[1]).score() == weeks
    assert ipsrt.MeasureScore.from_json(saved[2]) == phq9
    assert ipsrt.RelapsePlan.from_json(saved[3]) == plan
    assert ipsrt.AlertMachine.from_json(saved[4]).level == "crisis"


def test_mypy_strict_catches_a_misspelt_result_key(tmp_path: Path) -> None:
    good = """
        import ipsrt
        from ipsrt.results import WeekScoreDict

        weeks: list[WeekScoreDict] = ipsrt.Diary("srm5").score()
        print(weeks[0]["counted_items"])
    """
    bad = good.replace('["counted_items"]', '["countd_items"]')
    results = {}
    for name, text in (("good", good), ("bad", bad)):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(text))
        run = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        results[name] = (run.returncode, run.stdout)
    assert results["good"][0] == 0, results["good"][1]
    assert results["bad"][0] == 1 and '"countd_items"' in results["bad"][1], results["bad"][1]
