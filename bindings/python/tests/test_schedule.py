"""Schedules over the shared vectors in test-vectors/schedule/ (the same cases as Rust and Kotlin)."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import vector_cases
from .test_ips import _kind_class

UTC = datetime.timezone.utc


def _iso(t: datetime.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(inp: dict[str, Any]) -> dict[str, Any]:
    schedule = ipsrt.Schedule.from_dict({"schema": "ipsrt.schedule", "version": 1, "data": inp["schedule"]})
    zones = ipsrt.ZoneHistory.from_dict({"schema": "ipsrt.zone_history", "version": 1, "data": inp["zones"]})
    records = ipsrt.ScheduleRecords.from_dict({"schema": "ipsrt.schedule_records", "version": 1, "data": inp["records"]})
    now = datetime.datetime.fromisoformat(inp["now"].replace("Z", "+00:00"))
    occ = schedule.evaluate(zones, records, inp["from"], inp["to"], now)
    gaps = schedule.data_gaps(zones, records, now)
    adherence = ipsrt.schedule_adherence(occ)
    return {
        "occurrences": [
            {
                "id": str(o.id),
                "due": _iso(o.due),
                "due_local": o.due_local.strftime("%Y-%m-%dT%H:%M:%S"),
                "zone": o.zone,
                "adjustment": o.adjustment,
                "state": o.state,
                "at": _iso(o.completed_at) if o.completed_at else None,
                "reason": o.reason,
            }
            for o in occ
        ],
        "adherence": {
            task: {"on_time": a.on_time, "late": a.late, "missed": a.missed, "excused": a.excused, "pending": a.pending}
            for task, a in adherence.items()
        },
        "streaks": [{"task": s.task, "current": s.current, "longest": s.longest} for s in ipsrt.schedule_missed_streaks(occ)],
        "gaps": [{"task": g.task, "since": g.since.isoformat(), "days": g.days} for g in gaps],
    }


@pytest.mark.parametrize("case", [pytest.param(c, id=i) for i, c in vector_cases("schedule")])
def test_schedule_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            _run(inp)
        return
    assert _run(inp) == exp


def test_typed_construction_dst_and_zone_change() -> None:
    start = datetime.date(2026, 3, 27)
    meds = ipsrt.ScheduledTask(
        "meds",
        "medication",
        "Lithium",
        recurrence={"type": "daily", "every": 1},
        slots=["02:30", datetime.time(9, 0)],
        start=start,
        opens_before_minutes=60,
        closes_after_minutes=720,
        grace_minutes=60,
        accept_after_close=False,
    )
    assert meds.slots == ["02:30", "09:00"]
    assert (meds.grace_minutes, meds.accept_after_close, meds.is_session_linked) == (60, False, False)
    schedule = ipsrt.Schedule([meds, ipsrt.ScheduledTask.srm_diary_daily(start)])
    zones = ipsrt.ZoneHistory(datetime.date(2026, 1, 1), "Europe/Amsterdam").with_change(
        datetime.date(2026, 4, 10), "America/New_York"
    )
    assert zones.zone_on("2026-04-10") == "America/New_York"
    assert zones.changes == [(datetime.date(2026, 1, 1), "Europe/Amsterdam"), (datetime.date(2026, 4, 10), "America/New_York")]
    done = ipsrt.Completion("meds/2026-03-29/02:30", ipsrt.ZonedDateTime.parse("2026-03-29T03:40", "Europe/Amsterdam"))
    excused = ipsrt.Excusal(ipsrt.OccurrenceId("srm", datetime.date(2026, 3, 28), "21:00"), "travel")
    records = ipsrt.ScheduleRecords(completions=[done], excusals=[excused])
    now = datetime.datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    occ = schedule.evaluate(zones, records, "2026-03-28", "2026-03-29", now)
    by_id = {str(o.id): o for o in occ}
    gap = by_id["meds/2026-03-29/02:30"]
    assert gap.adjustment == "moved_later_by_gap"
    assert gap.due_local == datetime.datetime(2026, 3, 29, 3, 30)
    assert gap.due == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert gap.state == "completed_on_time" and gap.is_settled
    assert by_id["srm/2026-03-28/21:00"].state == "excused"
    assert by_id["srm/2026-03-28/21:00"].reason == "travel"
    # Move: the same local slot is due at 09:00 New York time.
    ny = schedule.evaluate(zones, records, "2026-04-10", "2026-04-10", now)
    assert [o.due for o in ny if o.id.slot == "09:00"] == [datetime.datetime(2026, 4, 10, 13, 0, tzinfo=UTC)]
    # Persisted forms round-trip and pickle.
    for value in (schedule, zones, records):
        assert type(value).from_json(value.to_json()) == value
        assert pickle.loads(pickle.dumps(value)) == value
    assert ipsrt.resolve_slot("2026-03-29", "02:30", "Europe/Amsterdam")[2] == "moved_later_by_gap"
    assert ipsrt.ScheduledTask.phq9_for_protocol(ipsrt.Protocol.spaarne(), start).recurrence == {
        "type": "at_sessions",
        "sessions": [1, 8, 12],
    }


def test_refusals_name_the_problem() -> None:
    start = datetime.date(2026, 1, 1)
    schedule = ipsrt.Schedule([ipsrt.ScheduledTask.asrm_weekly(start, "sunday")])
    zones = ipsrt.ZoneHistory(start, "Europe/London")
    now = datetime.datetime(2026, 2, 1, tzinfo=UTC)
    bad = ipsrt.ScheduleRecords(completions=[ipsrt.Completion("asrm/2026-01-05/20:00", ipsrt.ZonedDateTime.parse("2026-01-05T20:00", "Europe/London"))])
    with pytest.raises(ipsrt.NotFoundError, match="completion 0.*does not recur on 2026-01-05"):
        schedule.evaluate(zones, bad, start, "2026-01-31", now)
    with pytest.raises(ipsrt.NotFoundError, match="no task"):
        schedule.find_occurrence("phq9/2026-01-04/20:00")
    with pytest.raises(ipsrt.InvalidInputError, match="aware datetime"):
        schedule.evaluate(zones, ipsrt.ScheduleRecords(), start, "2026-01-31", datetime.datetime(2026, 2, 1))
    with pytest.raises(ipsrt.InvalidInputError, match="every"):
        ipsrt.ScheduledTask("x", "x", "x", recurrence={"type": "daily", "every": 0}, slots=["09:00"], start=start, closes_after_minutes=60)
    with pytest.raises(ipsrt.ParseError):
        ipsrt.OccurrenceId.parse("asrm/2026-01-04")
    with pytest.raises(ipsrt.InvalidInputError, match="zone change 1"):
        ipsrt.ZoneHistory.from_changes([("2026-02-01", "UTC"), ("2026-01-01", "UTC")])
    ids = schedule.occurrence_ids(start, "2026-01-31")
    assert [str(i) for i in ids] == [f"asrm/2026-01-{d:02d}/20:00" for d in (4, 11, 18, 25)]
