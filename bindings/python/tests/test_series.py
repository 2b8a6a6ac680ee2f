"""Score series from Python: the shared vectors (test-vectors/series/series.json), persistence,
from_scores, and the published reliable change figures. Every rule runs in the core."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt
from ipsrt.results import SeriesReportDict

from .conftest import VECTORS

DATA = json.loads((VECTORS / "series" / "series.json").read_text())


def _build(case: dict[str, Any]) -> SeriesReportDict:
    series = ipsrt.ScoreSeries(case["instrument"], case["points"], baseline=case.get("baseline"))
    return series.evaluate(reliable_change=case.get("reliable_change"))


def _close(got: float | None, want: float | None) -> None:
    if want is None:
        assert got is None
    else:
        assert got is not None and abs(got - want) < 1e-3, (got, want)


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["name"] for c in DATA["cases"]])
def test_vector_case(case: dict[str, Any]) -> None:
    report = _build(case)
    expect = case["expect"]
    assert report["baseline"] == expect["baseline"]
    rc = report["reliable_change"]
    _close(rc["s_diff"] if rc else None, expect["s_diff"])
    assert len(report["points"]) == len(expect["points"])
    for got, want in zip(report["points"], expect["points"]):
        assert got["date"] == want["date"]
        assert got["total"] == want["total"]
        assert got["is_baseline"] == want["is_baseline"]
        assert (got["band"]["id"] if got["band"] else None) == want["band"]
        assert got["change"] == want["change"]
        _close(got["percent_change"], want["percent_change"])
        for key in ("response", "remission", "reliable_change", "clinical_significance"):
            assert got[key] == want[key], (want["date"], key)
        _close(got["rci"], want["rci"])


@pytest.mark.parametrize("case", DATA["errors"], ids=[c["name"] for c in DATA["errors"]])
def test_vector_error(case: dict[str, Any]) -> None:
    with pytest.raises(ipsrt.IpsrtError) as info:
        _build(case)
    assert info.value.kind == case["kind"]
    for phrase in case["contains"]:
        assert phrase in str(info.value)


def test_persistence_pickle_and_points() -> None:
    s = ipsrt.ScoreSeries("phq9", [("2026-03-15", 14), (datetime.date(2026, 3, 1), 18)])
    assert s.instrument == "phq9"
    assert s.baseline == datetime.date(2026, 3, 1)
    assert s.points == [{"date": "2026-03-01", "total": 18}, {"date": "2026-03-15", "total": 14}]
    again = ipsrt.ScoreSeries.from_json(s.to_json())
    assert again == s
    assert pickle.loads(pickle.dumps(s)) == s
    fixture = (VECTORS / "persist" / "ipsrt.score_series.v1.json").read_text()
    assert len(ipsrt.ScoreSeries.from_json(fixture).points) == 4


def test_from_scores_and_published_figures() -> None:
    a = ipsrt.score_measure("phq9", [3, 3, 2, 2, 2, 2, 2, 1, 1])  # 18
    b = ipsrt.score_measure("phq9", [1, 1, 0, 1, 0, 1, 0, 0, 0])  # 4
    s = ipsrt.ScoreSeries.from_scores("phq9", [("2026-03-01", a), ("2026-04-12", b)])
    last = s.evaluate()["points"][1]
    assert last["reliable_change"] == "reliably_improved"
    assert last["clinical_significance"] == "recovered"
    figures = ipsrt.published_reliable_change("phq9")
    assert figures is not None and figures["sd"]["source"]["key"] == "KSW-2001"
    assert abs(figures["s_diff"] - 2.861) < 1e-3
    assert ipsrt.published_reliable_change("gad7") is None
    assert ipsrt.published_clinical_cutoff("phq9") == {
        "value": {"op": "at_most", "value": 9},
        "source": {"key": "IAPT-CRITERIA", "locator": "caseness is a PHQ-9 total above 9", "evidence": "verified"},
    }
    src = {"key": "local", "locator": "test", "evidence": "design"}
    assert abs(ipsrt.reliable_change_index(15, 11, sd=5.0, reliability=0.92, source=src) + 2.0) < 1e-9
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.reliable_change_index(15, 11, sd=0.0, reliability=0.9, source=src)
