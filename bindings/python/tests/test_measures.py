"""Outcome measures from Python: the shared vectors in test-vectors/measures/ (the same files the
Rust tests read), the PHQ-9 item-9 flag, change over time, errors and pickling."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS

INSTRUMENTS = ["phq9", "hrsd17", "asrm", "ymrs", "daily_mood", "gad7", "epds", "phq9m", "wsas", "cssrs_screener"]
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
    want_safety = [(s["rule"], s["item"], s["answer"], s["at_least"], s["level"]) for s in exp["safety"]]
    assert [(s["rule"], s["item"], s["answer"], s["at_least"], s["level"]) for s in got.safety] == want_safety
    assert all(s["source"]["key"] for s in got.safety)
    assert got.safety_unanswered == exp["safety_unanswered"]
    for scheme, band in exp.get("bands", {}).items():
        banded = ipsrt.score_measure(inp["instrument"], inp["answers"], policy=policy, band_scheme=scheme)
        got_band = None if banded.band is None else banded.band["band"]["id"]
        assert got_band == band


def test_item9_flag_is_raised_whatever_the_total() -> None:
    answers = {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_9": 1}
    score = ipsrt.score_measure("phq9", answers)
    assert score.total == 1
    assert {f["id"]: f["state"] for f in score.flags}["item9_positive"] == "raised"


def test_safety_signals_and_configurable_thresholds() -> None:
    assert set(ipsrt.Instrument.builtin_ids()) >= {"gad7", "epds", "phq9m", "wsas", "cssrs_screener"}
    # EPDS item 10 positive at total 1
    epds = ipsrt.score_measure("epds", [0] * 9 + [1])
    assert epds.total == 1 and epds.safety_level() == "safety_check"
    assert epds.safety[0]["item"] == "epds_10" and epds.safety[0]["answer"] == 1
    # the paper form's first option of EPDS item 10 scores 3 (reverse-scored)
    definition = ipsrt.Instrument.builtin("epds")
    assert definition.scored_value_of_position("epds_10", 0) == 3
    assert definition.scored_value_of_position("epds_1", 0) == 0
    # a service may raise the HRSD-17 item-3 crisis threshold's reach, with its source
    hrsd = ipsrt.Instrument.builtin("hrsd17")
    hrsd.set_safety_threshold("hrsd17_item3", "crisis", 2, {"key": "local", "locator": "our protocol", "evidence": "design"})
    answers = [0, 0, 2] + [0] * 14
    assert ipsrt.score_measure(hrsd, answers).safety_level() == "crisis"
    assert ipsrt.score_measure("hrsd17", answers).safety_level() == "safety_check"
    with pytest.raises(ipsrt.InvalidInputError):
        hrsd.set_safety_threshold("no_such_rule", "crisis", 2, {"key": "local", "locator": "x", "evidence": "design"})
    found = ipsrt.Instrument.builtin("phq9m").evaluate_safety({"phq9m_lifetime_attempt": 1})
    assert [s["item"] for s in found["signals"]] == ["phq9m_lifetime_attempt"]
    assert "phq9m_9" in found["unanswered"]


def test_change_and_pickle() -> None:
    base = ipsrt.score_measure("phq9", {f"phq9_{i}": 2 for i in range(1, 10)})
    follow = ipsrt.score_measure("phq9", {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_1": 1})
    change = ipsrt.compare_measures(base, follow)
    assert change["baseline"] == 18 and change["follow_up"] == 1
    response, remission = change["response"], change["remission"]
    assert response is not None and response["met"] and remission is not None and remission["met"]
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


# --- Parity (issue 6): instruments, ordered answers, policies, many, verdicts, FHIR ---------

CHANGE = json.loads((VECTORS / "measures" / "change.json").read_text())["cases"]


@pytest.mark.parametrize("case", CHANGE, ids=[c["name"] for c in CHANGE])
def test_change_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    base = ipsrt.score_measure(inp["instrument"], inp["baseline"])
    follow = ipsrt.score_measure(inp["instrument"], inp["follow_up"])
    change = ipsrt.compare_measures(base, follow)
    assert change["difference"] == exp["difference"]
    for k in ("response", "remission", "improvement", "worsening"):
        if k in exp:
            got = change[k]
            assert (None if got is None else got["met"]) == exp[k], k
    if change["response"] is not None:
        assert change["is_non_response"] == (not change["response"]["met"])
    s = ipsrt.suggest_verdict(base, follow)
    assert s["event"]["type"] == "response_evaluated" and s["event"]["verdict"] == s["verdict"]
    assert s["verdict"] in ("remission", "response", "partial_response", "minimal_or_no_benefit")
    assert isinstance(s["reasons"], list)


def test_builtin_instruments_and_their_definitions() -> None:
    assert ipsrt.Instrument.builtin_ids() == INSTRUMENTS
    for name in INSTRUMENTS:
        inst = ipsrt.Instrument.builtin(name)
        inst.validate()
        assert inst.id == name
        items = inst.scored_items()
        lo, hi = inst.total_range()
        assert lo <= hi and items and inst.item(items[0]["id"]) == items[0] and inst.item("nope") is None
        assert inst.fields()["id"] == name
        assert pickle.loads(pickle.dumps(inst)) == inst
    phq = ipsrt.Instrument.builtin("phq9")
    assert phq.total_range() == (0, 27)
    assert phq.band_scheme()["id"] == phq.band_scheme(phq.band_scheme()["id"])["id"]
    with pytest.raises(ipsrt.InvalidInputError, match="kroenke_2001"):
        phq.band_scheme("no_such_scheme")
    assert ipsrt.Instrument.cutoff_met({"op": "less_than", "value": 5}, 4)
    assert not ipsrt.Instrument.cutoff_met({"op": "less_than", "value": 5}, 5)
    assert ipsrt.Instrument.cutoff_met({"op": "at_least", "value": 5}, 5)


def test_ordered_answers_policies_and_flags() -> None:
    phq = ipsrt.Instrument.builtin("phq9")
    values: list[int | None] = [1, 2, 0, 1, 3, 0, 1, 0, 1, 2]
    by_list = ipsrt.score_measure("phq9", values)
    answers = ipsrt.Answers(values, instrument="phq9")
    assert ipsrt.score_measure(phq, answers) == by_list == ipsrt.score_measure("phq9", answers.to_dict())
    assert by_list.total == 9
    assert answers.get("phq9_9") == 1 and answers.get("nope") is None
    built = ipsrt.Answers()
    for i, v in enumerate(values[:9], start=1):
        assert v is not None
        built.set(f"phq9_{i}", v)
    assert ipsrt.score_measure("phq9", built).total == 9
    assert by_list.flag("item9_positive") == "raised" and by_list.flag("nope") is None
    band = by_list.band_in(phq)
    assert band is not None and band["band"]["id"] == ipsrt.score_measure("phq9", values, band_scheme="").band["band"]["id"]  # type: ignore[index]
    missing: list[int | None] = [1, 2, 0, 1, 3, None, 1, 0, 1]
    assert ipsrt.score_measure("phq9", missing).total is None
    assert ipsrt.score_measure("phq9", missing, policy="prorate:2").total == 10
    eff = ipsrt.effective_policy("phq9")
    assert eff["value"]["kind"] == "strict" and eff["source"]["key"]
    assert ipsrt.effective_policy("phq9", "prorate:2")["value"]["kind"] != "strict"
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.effective_policy("phq9", "prorate:9")
    rule = next(f for f in phq.fields()["flags"] if f["id"] == "item9_positive")["rule"]
    assert ipsrt.evaluate_flag(rule, {"phq9_9": 1}) == "raised"
    assert ipsrt.evaluate_flag(rule, {"phq9_9": 0}) == "not_raised"


def test_score_many_returns_scores_and_errors_in_order() -> None:
    sets: list[Any] = [{f"phq9_{i}": 1 for i in range(1, 10)}, {"phq9_1": 9}, [0] * 9]
    out = ipsrt.score_measures("phq9", sets)
    assert isinstance(out[0], ipsrt.MeasureScore) and out[0].total == 9
    assert isinstance(out[1], ipsrt.InvalidInputError)
    assert isinstance(out[2], ipsrt.MeasureScore) and out[2].total == 0


def test_fhir_export_and_import_like_the_rust_tests() -> None:
    phq = ipsrt.Instrument.builtin("phq9")
    lhc = phq.import_fhir((VECTORS / "measures" / "fhir" / "phq9_lhc_style.json").read_text())
    assert lhc["ignored"] == ["/44261-6"]
    s = ipsrt.score_measure(phq, lhc["answers"])
    assert s.total == 9 and s.flag("item9_positive") == "raised"
    sdc = phq.import_fhir((VECTORS / "measures" / "fhir" / "phq9_sdc_style_missing_item6.json").read_text())
    assert sdc["ignored"] == [] and len(sdc["answers"]) == 8
    assert ipsrt.score_measure(phq, sdc["answers"]).total is None
    assert ipsrt.score_measure(phq, sdc["answers"], policy="prorate:2").total == 10
    with pytest.raises(ipsrt.ParseError):
        phq.import_fhir((VECTORS / "measures" / "fhir" / "phq9_unknown_answer_code.json").read_text())
    score = ipsrt.score_measure("phq9", [1, 2, 0, 1, 3, 0, 1, 0, 1, 2])
    bundle = score.to_fhir(id_prefix="x", subject="Patient/p1", authored="2026-05-01T09:30:00+02:00")
    assert len(bundle["entry"]) == 3  # the response, the total, the item-9 safety signal
    safety = bundle["entry"][2]["resource"]
    assert safety["code"]["coding"][0]["code"] == "44260-8" and safety["valueQuantity"]["value"] == 1.0
    obs = bundle["entry"][1]["resource"]
    assert obs["resourceType"] == "Observation" and obs["code"]["coding"][0]["code"] == "44261-6"
    assert obs["valueQuantity"]["value"] == 9.0
    assert obs["derivedFrom"][0]["reference"] == "QuestionnaireResponse/x-qr"
    back = phq.import_fhir(json.dumps(bundle["entry"][0]["resource"]))
    assert back["answers"] == score.to_dict()["data"]["answers"]
    assert len(ipsrt.score_measure("phq9", [1]).to_fhir()["entry"]) == 1
