"""Input limits across the FFI: strings and lists that arrive from Python are held to the core's
limits, checked with len() before the binding copies them (ipsrt.limits in the Rust docs)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

import ipsrt

MAX_JSON_BYTES = 64 * 1024 * 1024  # ipsrt::persist::MAX_JSON_BYTES


def test_a_100_mb_participant_id_is_refused_with_a_short_message() -> None:
    huge = "x" * 100_000_000
    calls: tuple[Callable[[], object], ...] = (
        lambda: ipsrt.EmploymentJourney(huge, datetime.date(2026, 1, 5)),
        lambda: ipsrt.EmploymentJourney.replay(huge, datetime.date(2026, 1, 5), []),
    )
    for call in calls:
        with pytest.raises(ipsrt.InvalidInputError, match="limit of 200 bytes") as e:
            call()
        assert "(100000000 bytes)" in str(e.value) and len(str(e.value)) < 400


def test_a_string_larger_than_a_document_is_refused_before_it_is_copied() -> None:
    huge = "x" * (MAX_JSON_BYTES + 1)
    with pytest.raises(ipsrt.InvalidInputError, match="a string of 67108865 characters") as e:
        ipsrt.SrmEntry.from_dict({"date": "2026-01-05", "item": huge, "status": "07:00"})
    assert len(str(e.value)) < 400


def test_a_list_longer_than_a_document_can_hold_is_refused_by_its_length() -> None:
    n = MAX_JSON_BYTES // 2 + 1  # more elements than 64 MiB of JSON can hold ("0," each)
    events: list[Any] = [0] * n
    with pytest.raises(ipsrt.InvalidInputError, match=f"a list of {n} elements"):
        ipsrt.EmploymentJourney.replay("P1", datetime.date(2026, 1, 5), events)


def test_the_budget_is_shared_by_the_whole_value() -> None:
    part = "x" * (MAX_JSON_BYTES // 2)
    parts: list[Any] = [part, part, part]
    with pytest.raises(ipsrt.InvalidInputError, match="too large"):
        ipsrt.EmploymentJourney.replay("P1", datetime.date(2026, 1, 5), parts)
    # Just under the limit still converts (and is then refused by the core for what it is).
    with pytest.raises(ipsrt.IpsrtError) as e:
        ipsrt.EmploymentJourney.replay("P1", datetime.date(2026, 1, 5), [{"type": "x" * 1000}])
    assert "too large" not in str(e.value)
