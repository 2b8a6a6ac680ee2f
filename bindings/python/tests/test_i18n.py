"""Labels and messages in English and Dutch from Python: the shared label vectors
(test-vectors/i18n/labels.json, also read by Rust and Kotlin), the locale= arguments of
instruments, scores and courses, messages with placeholders, and refused locales."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS

CASES: list[dict[str, Any]] = json.loads((VECTORS / "i18n" / "labels.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_label_vectors(case: dict[str, Any]) -> None:
    kind, code, locale = case["kind"], case["code"], case["locale"]
    if kind == "locale":
        assert ipsrt.parse_locale(code) == case["label"]
    elif kind == "band":
        instrument, band = code.split("/")
        assert ipsrt.Instrument.builtin(instrument).band_label(band, locale) == case["label"]
    else:
        assert ipsrt.label(kind, code, locale, taxonomy=case.get("taxonomy")) == case["label"]


def test_score_band_label_and_safety_text_in_dutch() -> None:
    s = ipsrt.score_measure("phq9", [2, 2, 1, 1, 1, 1, 1, 1, 1], band_scheme="kroenke_2001")
    assert s.band_label() == "Moderate"
    assert s.band_label("nl") == "Matig"
    assert s.band_label(locale="nl_BE.UTF-8") == "Matig"
    assert s.safety_descriptions("nl")[0].startswith("gedachten dat je beter dood zou zijn")
    # The stored result keeps its codes and English definition texts whatever the locale.
    assert s.band is not None and s.band["band"]["id"] == "moderate"


def test_instrument_texts() -> None:
    phq9 = ipsrt.Instrument.builtin("phq9")
    assert phq9.title_in("nl") == "Patient Health Questionnaire-9 (PHQ-9)"
    assert phq9.band_label("no_such_band", "nl") is None
    flag = phq9.flag_description("item9_positive", "nl")
    assert flag is not None and flag.startswith("Item 9 (gedachten")
    assert phq9.safety_description("phq9_item9", "en") == phq9.safety_description("phq9_item9")
    assert phq9.item_text("phq9_1", "en") == "Little interest or pleasure in doing things"
    assert phq9.item_text("phq9_1", "nl") is None  # no Dutch item text ships
    assert ipsrt.Instrument.builtin("epds").item_text("epds_10", "en") is None  # licensed


def test_messages_guidance_and_advice() -> None:
    assert ipsrt.message("warning-consecutive_missed", "nl", count=3) == (
        "3 sessies achter elkaar gemist: bespreek de afwezigheid open"
    )
    assert ipsrt.message("warning-termination_not_raised", "en", remaining=1) == (
        "termination not yet raised, 1 session left"
    )
    assert ipsrt.message("no-such-message", "nl") is None
    nl = ipsrt.default_guidance("nl")
    en = ipsrt.default_guidance()
    assert en["green"] == ["Follow the daily maintenance plan."]
    assert len(nl["crisis"]) == len(en["crisis"]) and nl["crisis"] != en["crisis"]
    assert ipsrt.error_advice("illegal_transition", "nl").startswith("Er is niets gewijzigd")
    assert ipsrt.locale_from_env(None, None, "nl_NL.UTF-8") == "nl"
    assert ipsrt.locale_from_env("C", None, "nl_NL.UTF-8") == "en"


def test_plan_disclaimer_in_dutch() -> None:
    plan = ipsrt.RelapsePlan("2026-01-05", "NL")
    assert plan.disclaimer_in() == plan.disclaimer()
    nl = plan.disclaimer_in("nl")
    assert "In nood, bel (Nederland): 113 Zelfmoordpreventie" in nl, nl


def test_refused_locales_and_kinds() -> None:
    with pytest.raises(ipsrt.InvalidInputError, match="give en or nl"):
        ipsrt.label("alert_level", "crisis", "de")
    with pytest.raises(ipsrt.InvalidInputError, match="unknown label kind"):
        ipsrt.label("colour", "green", "nl")  # type: ignore[arg-type]
    with pytest.raises(ipsrt.InvalidInputError, match="alert level"):
        ipsrt.label("alert_level", "amber", "nl")
    with pytest.raises(ipsrt.InvalidInputError, match="taxonomy"):
        ipsrt.label("phase", "middle", "nl", taxonomy="sr3")
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.Instrument.builtin("phq9").band_label("mild", "fr")


def test_no_global_state_between_threads() -> None:
    results: dict[str, str] = {}

    def run(locale: str) -> None:
        for _ in range(200):
            results[locale] = ipsrt.label("alert_level", "early_warning", locale)

    threads = [threading.Thread(target=run, args=(loc,)) for loc in ("en", "nl")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"en": "Early warning", "nl": "Vroege signalen"}
