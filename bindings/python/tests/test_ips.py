"""IPS from Python over the shared vectors in test-vectors/ips/."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import vector_cases


def _kind_class(kind: str) -> type[ipsrt.IpsrtError]:
    cls = getattr(ipsrt, "".join(p.capitalize() for p in kind.split("_")) + "Error")
    assert isinstance(cls, type) and issubclass(cls, ipsrt.IpsrtError)
    return cls


def close(got: Any, want: Any, where: str = "") -> None:
    """Compares the listed fields of `want` with `got` (floats within 1e-9)."""
    if isinstance(want, dict):
        assert isinstance(got, dict), where
        for k, v in want.items():
            close(got[k], v, f"{where}.{k}")
    elif isinstance(want, float) or (isinstance(want, int) and isinstance(got, float)):
        assert got == pytest.approx(want, abs=1e-9), where
    else:
        assert got == want, where


def cases(file: str) -> list[Any]:
    return [pytest.param(c, id=i) for i, c in vector_cases("ips") if i.startswith(file + ":")]


@pytest.mark.parametrize("case", cases("journey"))
def test_journey_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            ipsrt.EmploymentJourney.replay(inp["participant"], inp["enrolled_on"], inp["events"])
        return
    j = ipsrt.EmploymentJourney.replay(inp["participant"], inp["enrolled_on"], inp["events"])
    assert j.state == exp["state"]
    assert j.days_to_first_employer_contact == exp["days_to_first_employer_contact"]
    assert j.days_to_first_job == exp["days_to_first_job"]
    assert isinstance(j.enrolled_on, datetime.date)
    assert pickle.loads(pickle.dumps(j)) == j
    assert j.is_working == (exp["state"] in ("employed", "follow_along"))
    assert [ipsrt.EmploymentJourney.event_date(e) for e in inp["events"]] == [
        datetime.date.fromisoformat(e["date"]) for e in inp["events"]
    ]
    # Days per job within the whole journey: the sum of closed spells' lengths, the same
    # overlap rule as the core's weeks_worked.
    start, end = j.enrolled_on, datetime.date(2030, 1, 1)
    days = j.job_days_within(start, end)
    assert len(days) == len(j.jobs) and j.jobs_overlapping(start, end) == [d > 0 for d in days]
    assert j.jobs_overlapping(datetime.date(1990, 1, 1), datetime.date(1990, 1, 2)) == [False] * len(j.jobs)


@pytest.mark.parametrize("case", cases("kpis"))
def test_kpi_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    caseload = ipsrt.IpsCaseload.from_dict({"schema": "ipsrt.ips_caseload", "version": 1, "data": inp["caseload"]})
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            caseload.kpis(inp["from"], inp["to"])
        return
    close(caseload.kpis(inp["from"], inp["to"]), exp)


@pytest.mark.parametrize("case", cases("fidelity"))
def test_fidelity_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            ipsrt.FidelityReview(inp["ratings"])
        return
    review = ipsrt.FidelityReview(inp["ratings"])
    report = review.report()
    for k in ("total", "staffing", "organisation", "services"):
        assert report["score"][k] == exp[k]
    assert report["band"] == exp["band"]
    assert ipsrt.FidelityReview(review.ratings) == review


@pytest.mark.parametrize("case", cases("fidelity_bands"))
def test_fidelity_band_vectors(case: dict[str, Any]) -> None:
    exp = case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            ipsrt.fidelity_band(case["input"]["total"])
    else:
        assert ipsrt.fidelity_band(case["input"]["total"]) == exp["band"]


@pytest.mark.parametrize("case", cases("employment_rate_bands"))
def test_employment_rate_band_vectors(case: dict[str, Any]) -> None:
    exp = case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            ipsrt.employment_rate_band(case["input"]["rate"])
    else:
        assert ipsrt.employment_rate_band(case["input"]["rate"]) == exp["band"]


@pytest.mark.parametrize("case", cases("caseload_size"))
def test_caseload_size_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "error" in exp:
        with pytest.raises(_kind_class(exp["error"])):
            ipsrt.caseload_size_rating(inp["clients"], inp["specialists_fte"])
    else:
        assert ipsrt.caseload_size_rating(inp["clients"], inp["specialists_fte"]) == exp["rating"]


def test_principles_carry_sources() -> None:
    ps = ipsrt.ips_principles()
    assert len(ps) == 8
    assert all(p["source"]["key"] for p in ps)
    assert [p["number"] for p in ps] == list(range(1, 9))


def test_journey_rejects_and_keeps_state() -> None:
    j = ipsrt.EmploymentJourney("p1", datetime.date(2026, 1, 1))
    assert j.state == "enrolled"
    before = j.to_json()
    with pytest.raises(ipsrt.IllegalTransitionError):
        j.apply({"type": "job_started", "date": "2026-01-02", "job": {"employer": "Shop", "hours_per_week": 20, "competitive": True}})
    assert j.to_json() == before
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.EmploymentJourney(" ", "2026-01-01")


# --- Parity (issue 6): items, bands, journeys, summaries ------------------------------------


def test_fidelity_items_ratings_labels_and_anchor_texts() -> None:
    ratings = list(range(1, 6)) * 5
    first = ipsrt.fidelity_item(1)
    review = ipsrt.FidelityReview(ratings, anchors={first: {"1": "no caseload limit"}})
    assert review.rating(1) == ratings[0] and review.rating(first) == ratings[0]
    assert review.rating(25) == ratings[24]
    assert review.anchor_text(first, 1) == "no caseload limit" and review.anchor_text(first, 2) is None
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.fidelity_item(26)
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.FidelityReview(ratings, anchors={first: {"6": "out of range"}})
    band = ipsrt.fidelity_band(115)
    assert ipsrt.fidelity_band_label(band) == "exemplary fidelity"
    assert ipsrt.fidelity_band_label("good") == "good fidelity"


def test_summary_of_values() -> None:
    assert ipsrt.summarize_values([3.0, 1.0, 2.0, 10.0, float("nan")]) == {"n": 4, "mean": 4.0, "median": 2.5}
    assert ipsrt.summarize_values([]) == {"n": 0, "mean": None, "median": None}


# --- Non-competitive jobs, disclosure, benefits, preferences, education, exit and re-entry --


def test_journey_records_and_typed_views() -> None:
    j = ipsrt.EmploymentJourney("p2", datetime.date(2026, 1, 5))
    j.apply({"type": "preferences_recorded", "date": "2026-01-05",
             "preferences": {"kinds_of_work": ["retail"], "hours_per_week": 20, "locations": ["Noord"]}})
    j.apply({"type": "benefits_counselling", "date": "2026-01-06", "topic": "earnings and the benefit"})
    j.apply({"type": "education_goal", "date": "2026-01-06", "goal": "forklift licence", "status": "planned"})
    j.apply({"type": "job_search_started", "date": "2026-01-07"})
    j.apply({"type": "disclosure_decided", "date": "2026-01-08", "employer": "Workshop", "decision": "disclosed"})
    j.apply({"type": "job_started", "date": "2026-01-09",
             "job": {"employer": "Workshop", "hours_per_week": 24, "competitive": False}})
    assert j.state == "employed"
    assert len(j.jobs) == 1 and j.competitive_jobs == []
    assert j.jobs[0]["job"]["competitive"] is False
    assert j.non_competitive_during("2026-01-01", "2026-03-31")
    assert not j.employed_during("2026-01-01", "2026-03-31")
    assert j.days_to_first_job is None
    assert j.disclosure_for("Workshop") == "disclosed"
    assert j.disclosures[0]["date"] == "2026-01-08"
    assert j.benefits_sessions == [{"date": "2026-01-06", "topic": "earnings and the benefit"}]
    prefs = j.preferences
    assert prefs is not None and prefs["preferences"]["hours_per_week"] == 20
    assert j.education_goals[0]["status"] == "planned"
    kpis = ipsrt.IpsCaseload([j]).kpis("2026-01-01", "2026-03-31")
    assert kpis["employed"] == 0 and kpis["competitive_employment_rate"] == 0.0
    assert kpis["non_competitive_employed"] == 1 and kpis["non_competitive_job_starts"] == 1
    assert kpis["from"] == "2026-01-01"

    j.apply({"type": "exited", "date": "2026-04-01", "reason": "moved_away", "note": "moved to Leiden"})
    assert j.exit_reason == "moved_away"
    before = j.to_json()
    with pytest.raises(ipsrt.IllegalTransitionError, match="re_entered"):
        j.apply({"type": "benefits_counselling", "date": "2026-04-02", "topic": "x"})
    with pytest.raises(ipsrt.InvalidInputError):
        j.apply({"type": "exited", "date": "2026-04-02", "reason": "retired"})
    assert j.to_json() == before
    assert j.apply({"type": "re_entered", "date": "2026-06-01"}) == "employed"
    assert j.exit_reason is None
    assert [e["exit_reason"] for e in j.episodes] == ["moved_away", None]
    with pytest.raises(ipsrt.InvalidInputError, match="topic is empty"):
        j.apply({"type": "benefits_counselling", "date": "2026-06-02", "topic": " "})
