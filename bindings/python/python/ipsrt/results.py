"""Typed shapes of the dict results that cross as the core's serde form, for ``mypy --strict``.

At runtime these are plain dicts; the types let mypy check every key an analysis reads (a
misspelt key is an error before the code runs). Dates and times are ISO text here, as in the
core's JSON form.
"""

from __future__ import annotations

from typing import Literal, TypedDict

class _ItemScoreOptional(TypedDict, total=False):
    target: str
    """The target time used under the (non-standard) target reference, ``"HH:MM"``."""


class ItemScoreDict(_ItemScoreOptional):
    """Per-item detail of a scored SRM week (the core's ``srm::ItemScore``)."""

    item: str
    n: int
    counted: bool
    kept: int
    hits: int
    habitual: str | None
    habitual_minutes: float | None
    sd_minutes: float | None
    floor_applied: bool
    excluded: list[str]
    days: list[Literal["no_occurrence", "not_counted", "excluded", "miss", "hit"]]
    """What happened to each day's value (7)."""


class WeekScoreDict(TypedDict):
    """A scored 7-day SRM window (the core's ``srm::WeekScore``); ``score`` is None when the
    week is not scorable (never 0)."""

    start: str
    score: float | None
    hits: int
    counted_items: int
    ali: int
    days_recorded: int
    reference: Literal["habitual", "target"]
    items: list[ItemScoreDict]


__all__ = ["ItemScoreDict", "WeekScoreDict"]
