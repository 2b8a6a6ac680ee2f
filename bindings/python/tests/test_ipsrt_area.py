"""IPSRT medication log and life chart over the shared vectors in test-vectors/ipsrt/."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import vector_cases
from .test_ips import _kind_class, close


def cases(file: str) -> list[Any]:
    return [pytest.param(c, id=i) for i, c in vector_cases("ipsrt") if i.startswith(file + ":")]


def _medication(inp: dict[str, Any]) -> dict[str, Any]:
    log = ipsrt.MedicationLog(inp["schedule"])
    for r in inp["records"]:
        log.record(r)
    s = log.adherence(inp["from"], inp["to"])
    sig = log.non_adherence_signal(inp["to"], inp["signal_window_days"])
    assert pickle.loads(pickle.dumps(log)) == log
    return {**s, "signal": sig}


@pytest.mark.parametrize("case", cases("medication"))
def test_medication_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "classify" in inp:
        got = [ipsrt.classify_dose(c["planned"], c["taken_at"], c["late_after_minutes"])["status"] for c in inp["classify"]]
        assert got == exp["statuses"]
        return
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            _medication(inp)
        return
    close(_medication(inp), exp)


@pytest.mark.parametrize("case", cases("life_chart"))
def test_life_chart_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]

    def run() -> dict[str, Any]:
        chart = ipsrt.LifeChart()
        for e in inp["episodes"]:
            chart.add_episode(e)
        for e in inp["events"]:
            chart.add_event(e)
        lb = inp["lookback_days"]
        assert ipsrt.LifeChart.from_json(chart.to_json()) == chart
        return {
            "counts": chart.counts(),
            "antecedent_counts": [len(e["preceded_by"]) for e in chart.with_antecedents(lb)],
            "pathway_counts": chart.pathway_counts(lb),
            "precipitant_counts": chart.precipitant_counts(lb),
            "well_intervals_days": chart.well_intervals_days(),
        }

    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            run()
    else:
        assert run() == exp


def test_python_dates_and_times_go_in() -> None:
    log = ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": datetime.time(21, 0)}], late_after=30)
    out = log.record_taken_at("li", datetime.date(2026, 1, 5), datetime.time(21, 45))
    assert out["status"] == "late"
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.MedicationLog([{"id": "li", "medication": "lithium", "time": "25:00"}])
