"""Lenient local → instant conversion agrees with Python's zoneinfo (fold=0, PEP 495): a time in
a daylight-saving gap moves later by the gap's length, a time in an overlap takes the earlier
instant. Checked on the shared vectors (test-vectors/time/) and on every 15 minutes of every
transition night from 2000 to 2030 in several zones."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import ipsrt

from .conftest import vector_cases

UTC = dt.timezone.utc
ZONES = [
    "Europe/Amsterdam",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "America/St_Johns",
    "Europe/London",
]


def zoneinfo_instant(local: dt.datetime, zone: str) -> dt.datetime:
    return local.replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(UTC)


@pytest.mark.parametrize(("name", "case"), vector_cases("time"))
def test_vector_matches_zoneinfo(name: str, case: dict[str, Any]) -> None:
    local = dt.datetime.fromisoformat(case["input"]["local"])
    zone = case["input"]["zone"]
    expected = dt.datetime.fromisoformat(case["expected"]["instant"].replace("Z", "+00:00"))
    assert zoneinfo_instant(local, zone) == expected, "the vector no longer matches zoneinfo"
    got = ipsrt.ZonedDateTime(local, zone).to_utc_lenient()
    assert got == expected, name


def transition_nights(zone: str, first_year: int, last_year: int) -> list[dt.date]:
    z = ZoneInfo(zone)
    day = dt.date(first_year, 1, 1)
    out: list[dt.date] = []
    previous = dt.datetime.combine(day, dt.time(12), z).utcoffset()
    while day.year <= last_year:
        day += dt.timedelta(days=1)
        offset = dt.datetime.combine(day, dt.time(12), z).utcoffset()
        if offset != previous:
            out.append(day)
        previous = offset
    return out


@pytest.mark.parametrize("zone", ZONES)
def test_every_transition_night_matches_zoneinfo(zone: str) -> None:
    nights = transition_nights(zone, 2000, 2030)
    assert nights, f"{zone}: no transitions found"
    checked = gaps = 0
    for night in nights:
        # From noon the day before to noon the day after: Sao Paulo changed at midnight.
        start = dt.datetime.combine(night, dt.time(0)) - dt.timedelta(hours=12)
        for step in range(24 * 4):
            local = start + dt.timedelta(minutes=15 * step)
            moment = ipsrt.ZonedDateTime(local, zone)
            expected = zoneinfo_instant(local, zone)
            assert moment.to_utc_lenient() == expected, f"{local} {zone}"
            try:
                strict = moment.to_utc()
            except ipsrt.InvalidInputError:
                gaps += 1
                # Only a time that does not exist is refused: it does not round-trip.
                assert expected.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != local
            else:
                assert strict == expected
            checked += 1
    assert gaps > 0 and checked == len(nights) * 96
