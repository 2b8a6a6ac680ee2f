"""Inventory facts that were not assessed are None (absent in the JSON), never a default, and
the deficits evidence lists them as open questions (docs/inventory.md#not-assessed)."""

from __future__ import annotations

from typing import Any

import ipsrt
from ipsrt import results

from .test_results_typed import _keys_match


def test_a_new_person_has_nothing_assessed() -> None:
    p = ipsrt.Person("partner", "Sam", "partner")
    assert (p.circle, p.conflict, p.confiding) == (None, None, None)
    assert p.not_assessed() == ["circle", "conflict", "confiding"]
    d = p.to_dict()
    _keys_match(d, results.PersonDict)
    assert "conflict" not in d and "circle" not in d and "confiding" not in d


def test_an_assessed_no_conflict_is_kept_apart_from_not_assessed() -> None:
    d: dict[str, Any] = dict(ipsrt.Person("mum", "Ann", "mother").to_dict())
    d["conflict"] = "none"
    d["confiding"] = False
    p = ipsrt.Person.from_dict(d)
    assert p.conflict == "none"
    assert p.confiding is False
    assert p.not_assessed() == ["circle"]
    # JSON null also reads as not assessed.
    d["conflict"] = None
    assert ipsrt.Person.from_dict(d).conflict is None


def test_deficits_evidence_lists_open_questions() -> None:
    created = ipsrt.event_record(
        "2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"}
    )
    c = ipsrt.Course([created])
    c.record_session("2026-09-01")
    c.add_person("2026-09-01", ipsrt.Person("friend", "F", "friend"))
    c.apply(ipsrt.event_record("2026-09-01", {"type": "problem_area_chosen", "area": "interpersonal_deficits"}))
    open_ = c.deficits_open
    assert open_ is not None
    _keys_match(open_, results.DeficitsEvidenceDict)
    questions = open_.get("not_assessed", [])
    assert len(questions) == 1
    _keys_match(questions[0], results.DeficitsNotAssessedDict)
    assert questions[0] == {"person": "friend", "facts": ["conflict", "confiding"]}
    assert any("not assessed" in w for w in c.warnings_in("en"))
    # Assessing the facts closes the warning; no refusal on the way.
    d = ipsrt.Person("friend", "F", "friend").to_dict()
    d["conflict"] = "none"
    d["confiding"] = True
    assert ipsrt.Person.from_dict(d).not_assessed() == ["circle"]
    c.apply(ipsrt.event_record("2026-09-02", {"type": "person_updated", "person": d}))
    assert c.deficits_open is None
    assert "not_assessed" not in c.deficits_evidence()
