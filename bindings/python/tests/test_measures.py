"""Outcome measures from Python: the shared vectors in test-vectors/measures/ (the same files the
Rust tests read), the PHQ-9 item-9 flag, change over time, errors and pickling."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS

INSTRUMENTS = ["phq9", "hrsd17", "asrm", "ymrs", "daily_mood"]
CASES = [
    (f"{name}: {case['name']}", case)
    for name in INSTRUMENTS
    for case in json.loads((VECTORS / "measures" / f"{name}.json").read_text())["cases"]
]
ERRORS: dict[str, type[ipsrt.IpsrtError]] = {
    "invalid_input": ipsrt.InvalidInputError,
    "not_found": ipsrt.NotFoundError,
    "parse": ipsrt.ParseError,
}


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_measure_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    policy = inp.get("options", {}).get("policy")
    if "error" in exp:
        with pytest.raises(ERRORS[exp["error"]]):
            ipsrt.score_measure(inp["instrument"], inp["answers"], policy=policy)
        return
    got = ipsrt.score_measure(inp["instrument"], inp["answers"], policy=policy)
    data = got.to_dict()["data"]
    assert got.total == exp["total"]
    assert data["status"]["kind"] == exp["status"]
    assert got.n_answered == exp["n_answered"]
    assert len(data["missing"]) == exp["missing"]
    flags = {f["id"]: f["state"] for f in got.flags}
    for flag, state in exp.get("flags", {}).items():
        assert flags[flag] == state
    for scheme, band in exp.get("bands", {}).items():
        banded = ipsrt.score_measure(inp["instrument"], inp["answers"], policy=policy, band_scheme=scheme)
        got_band = None if banded.band is None else banded.band["band"]["id"]
        assert got_band == band


def test_item9_flag_is_raised_whatever_the_total() -> None:
    answers = {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_9": 1}
    score = ipsrt.score_measure("phq9", answers)
    assert score.total == 1
    assert {f["id"]: f["state"] for f in score.flags}["item9_positive"] == "raised"


def test_change_and_pickle() -> None:
    base = ipsrt.score_measure("phq9", {f"phq9_{i}": 2 for i in range(1, 10)})
    follow = ipsrt.score_measure("phq9", {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_1": 1})
    change = ipsrt.compare_measures(base, follow)
    assert change["baseline"] == 18 and change["follow_up"] == 1
    assert change["response"]["met"] and change["remission"]["met"]
    assert pickle.loads(pickle.dumps(base)) == base
    assert ipsrt.MeasureScore.from_json(base.to_json()) == base
    assert ipsrt.Instrument.builtin("phq9").SCHEMA == "ipsrt.instrument"


def test_bad_measure_input_is_a_typed_error() -> None:
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.score_measure("phq9", {"phq9_1": 4})
    with pytest.raises(ipsrt.IpsrtError):
        ipsrt.score_measure("no_such_instrument", {})
    with pytest.raises(ipsrt.IpsrtError):
        ipsrt.score_measure("phq9", {"phq9_1": 1}, policy="sometimes")
