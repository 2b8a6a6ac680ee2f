"""Problem areas, life events and the interpersonal inventory: Taxonomy, DisputeStage,
problem_area_guide, LifeEvent, suggest_problem_areas (over the shared vectors in
test-vectors/course/suggestions.json, as crates/ipsrt/tests/vectors_course.rs), Person, Inventory."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import ipsrt

from .conftest import VECTORS
from .test_course import assert_subset

SUGGESTIONS = json.loads((VECTORS / "course" / "suggestions.json").read_text())["cases"]


@pytest.mark.parametrize("case", SUGGESTIONS, ids=[c["name"] for c in SUGGESTIONS])
def test_suggestion_vectors(case: dict[str, Any]) -> None:
    inp = case["input"]
    got = ipsrt.suggest_problem_areas(inp["events"], inp["onset"], inp["taxonomy"])
    assert_subset(case["expected"], got, case["name"])
    for c in got["candidates"]:
        assert c["explanation"] and c["source"]["key"]


def test_suggestions_take_life_event_objects_and_dates() -> None:
    death = ipsrt.LifeEvent("death", datetime.date(2026, 3, 10))
    s = ipsrt.suggest_problem_areas([death], datetime.date(2026, 5, 1), "wmk4")
    first = s["candidates"][0]
    assert (first["area"], first["rank"]) == ("grief", "primary")
    assert "52 days before symptom onset" in first["explanation"]
    # A shorter proximal window needs its source, and then the death is distant.
    with pytest.raises(ipsrt.InvalidInputError, match="source"):
        ipsrt.suggest_problem_areas([death], "2026-05-01", "wmk4", proximal_days=30)
    s30 = ipsrt.suggest_problem_areas(
        [death], "2026-05-01", "wmk4", proximal_days=30, source=ipsrt.local_source("study")
    )
    assert s30["candidates"][0]["timing"] == {"relation": "distant_before_onset", "days": 52}
    no_onset = ipsrt.suggest_problem_areas([death], None, "wmk4")
    assert no_onset["candidates"][0]["timing"] == {"relation": "onset_unknown"}
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.suggest_problem_areas([death], None, "wmk5")  # type: ignore[arg-type]


def test_life_event() -> None:
    e = ipsrt.LifeEvent("time_zone_travel", "2026-04-01", note="flight to Japan")
    assert e.is_rhythm_disruptor and not e.is_seed_event
    assert (e.kind, e.date, e.note, e.person, e.contested, e.chronic) == (
        "time_zone_travel",
        datetime.date(2026, 4, 1),
        "flight to Japan",
        None,
        False,
        False,
    )
    d = ipsrt.LifeEvent("divorce_separation", "2026-04-01", person="sam", contested=True)
    assert d.is_seed_event and not d.is_rhythm_disruptor and d.person == "sam" and d.contested
    d.validate()
    assert ipsrt.LifeEvent.from_dict(d.to_dict()) == d
    assert pickle.loads(pickle.dumps(d)) == d
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.LifeEvent("lottery_win", "2026-04-01")
    with pytest.raises(ipsrt.InvalidInputError, match="note"):
        ipsrt.LifeEvent("other", "2026-04-01", note="x" * 2001).validate()


def test_taxonomies() -> None:
    wmk, sr, ips = ipsrt.Taxonomy("wmk4"), ipsrt.Taxonomy("sr3"), ipsrt.Taxonomy("ipsrt5")
    assert wmk.areas == ["grief", "role_dispute", "role_transition", "interpersonal_deficits"]
    assert wmk.allows("interpersonal_deficits") and not sr.allows("interpersonal_deficits")
    assert ips.allows("lost_healthy_self")
    assert sr.grief_covers_non_death_loss and not wmk.grief_covers_non_death_loss
    assert sr.label("grief") == "grief and loss" and wmk.label("grief") == "grief"
    assert sr.label("role_dispute") == "interpersonal disputes"
    assert wmk.source["key"] == "WMK-2000" and sr.source["key"] == "SR-2012" and ips.source["key"] == "FSB-2007"
    assert (wmk.name, str(sr)) == ("wmk4", "sr3")
    assert ipsrt.Taxonomy("wmk4") == wmk and len({wmk, ipsrt.Taxonomy("wmk4")}) == 1
    assert pickle.loads(pickle.dumps(ips)) == ips
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.Taxonomy("dsm5")  # type: ignore[arg-type]


def test_guide() -> None:
    g = ipsrt.problem_area_guide("grief", "wmk4")
    assert len(g["goals"]) == 2 and g["strategies"] and g["source"]["key"] == "WMK-2000"
    assert ipsrt.Taxonomy("wmk4").guide("grief") == g
    assert ipsrt.problem_area_guide("role_dispute", "sr3")["kind"] == "role_dispute"


def test_dispute_stages() -> None:
    ren, imp, dis = (ipsrt.DisputeStage(n) for n in ("renegotiation", "impasse", "dissolution"))
    assert imp.can_move_to(ren) and imp.can_move_to("dissolution")
    assert not dis.can_move_to(imp) and not ren.can_move_to(ren)
    assert ren.moves() == [imp, dis] and imp.moves() == [ren, dis] and dis.moves() == []
    imp.check_move(ren)
    with pytest.raises(ipsrt.IllegalTransitionError):
        dis.check_move("renegotiation")
    assert "reopen negotiation" in imp.therapist_aim
    assert ipsrt.DisputeStage.source()["key"]
    assert imp.name == "impasse" and pickle.loads(pickle.dumps(imp)) == imp


def test_person_and_inventory() -> None:
    sam = ipsrt.Person("partner", "Sam", "partner")
    assert (sam.id, sam.name, sam.role) == ("partner", "Sam", "partner")
    sam.validate()
    with pytest.raises(ipsrt.InvalidInputError):
        ipsrt.Person("partner", "", "partner")
    inv = ipsrt.Inventory()
    assert inv.is_empty() and len(inv) == 0
    inv.check_add(sam)
    inv.add(sam)
    assert len(inv) == 1 and "partner" in inv and inv.contains("partner") and not inv.is_empty()
    with pytest.raises(ipsrt.IpsrtError):
        inv.add(sam)  # the same id twice
    assert len(inv) == 1
    got = inv.get("partner")
    assert got == sam and inv.get("nobody") is None
    d = sam.to_dict()
    d["changes"] = [{"date": "2026-03-01", "description": "moved out"}, {"date": "2025-01-01", "description": "met"}]
    d["support_potential"] = 2
    changed = ipsrt.Person.from_dict(d)
    changed.validate()
    assert [c["description"] for c in changed.changes_between("2026-01-01", datetime.date(2026, 12, 31))] == ["moved out"]
    inv.check_update(changed)
    inv.update(changed)
    near = inv.changes_before("2026-05-01", 90)
    assert [(n["person"]["id"], n["days_before_onset"]) for n in near] == [("partner", 61)]
    with pytest.raises(ipsrt.NotFoundError):
        inv.update(ipsrt.Person("mother", "Ann", "mother"))
    with pytest.raises(ipsrt.NotFoundError):
        inv.check_remove("mother")
    inv.check_remove("partner")
    removed = inv.remove("partner")
    assert removed.id == "partner" and inv.is_empty()
    bad = sam.to_dict()
    bad["support_potential"] = 7
    with pytest.raises(ipsrt.InvalidInputError, match="support_potential"):
        ipsrt.Person.from_dict(bad).validate()
    assert ipsrt.Inventory.from_json(inv.to_json()) == inv
