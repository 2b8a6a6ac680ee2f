"""The exception hierarchy, its pickling, and that no panic reaches Python on hostile input."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ipsrt

from .conftest import VECTORS

KINDS = [
    ipsrt.InvalidInputError,
    ipsrt.IllegalTransitionError,
    ipsrt.NotScorableError,
    ipsrt.NotFoundError,
    ipsrt.SchemaError,
    ipsrt.ParseError,
]


@pytest.mark.parametrize("cls", KINDS)
def test_hierarchy_and_pickling(cls: type[ipsrt.IpsrtError]) -> None:
    assert issubclass(cls, ipsrt.IpsrtError)
    assert issubclass(ipsrt.IpsrtError, Exception)
    assert cls.__module__ == "ipsrt"
    err = cls("what was wrong; what to do")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert str(back) == "what was wrong; what to do"


def test_core_error_pickles_with_its_message() -> None:
    g = ipsrt.Group("process_group")
    with pytest.raises(ipsrt.InvalidInputError) as info:
        g.apply({"type": "referred", "person": "ann", "date": "2026-01-05", "gp_referral": False})
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is ipsrt.InvalidInputError
    assert str(back) == str(info.value)
    assert "GP" in str(back) or "gp" in str(back)


def test_json_errors_by_kind() -> None:
    with pytest.raises(ipsrt.ParseError):
        ipsrt.Group.from_json('{"schema":')
    with pytest.raises(ipsrt.SchemaError, match="upgrade"):
        ipsrt.Group.from_json('{"schema":"ipsrt.group","version":99,"data":{}}')
    with pytest.raises(ipsrt.SchemaError):
        ipsrt.Group.from_json('{"schema":"ipsrt.other","version":1,"data":{}}')
    with pytest.raises(ipsrt.SchemaError):
        ipsrt.Group.from_dict({"rules": {}})
    with pytest.raises(ipsrt.ParseError):
        ipsrt.Group.from_json("[" * 100_000)


def _self_referencing() -> list[Any]:
    a: list[Any] = []
    a.append(a)
    return a


HOSTILE: list[Any] = [
    None,
    0,
    -1,
    2**70,
    -(2**70),
    float("nan"),
    float("inf"),
    "",
    "\x00",
    "\ud800",
    b"bytes",
    [],
    {},
    {1: 2},
    {"type": None},
    {"type": "referred"},
    {"type": "referred", "person": "", "date": "2026-01-01"},
    {"type": "referred", "person": "x" * 10_000, "date": "2026-01-01"},
    {"type": "referred", "person": "a\nb", "date": "2026-01-01"},
    {"type": "referred", "person": "a", "date": "0000-00-00"},
    {"type": "referred", "person": "a", "date": "+262143-12-31"},
    {"type": "session_held", "date": "2026-01-01", "present": ["nobody"] * 1000},
    {"type": "closed", "date": "2026-13-01"},
    _self_referencing(),
    [[[[[[[[[[[[]]]]]]]]]]]],
    object(),
    ipsrt.Group,
]


@pytest.mark.parametrize("value", HOSTILE, ids=[repr(v)[:30] for v in HOSTILE])
def test_hostile_inputs_raise_ipsrt_errors_not_panics(value: Any) -> None:
    g = ipsrt.Group("ipsrt_group")
    before = g.to_json()
    for call in (g.apply, g.check, ipsrt.Group.from_dict, lambda v: ipsrt.Group(rules=v), ipsrt.group_rules):
        try:
            call(value)
        except ipsrt.IpsrtError:
            pass
        except BaseException as e:  # a PanicException derives from BaseException
            pytest.fail(f"{call} raised {type(e).__name__}: {e}")
    assert g.to_json() == before


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ipsrt.InvalidInputError, match="nested"):
        ipsrt.Group.from_dict(deep)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(event=st.fixed_dictionaries({"type": st.sampled_from(["referred", "waitlisted", "left", "closed", "session_held", "x"])}, optional={"person": json_values, "date": json_values, "present": json_values, "reason": json_values}))
def test_random_events_never_panic(event: dict[str, Any]) -> None:
    g = ipsrt.Group("process_group")
    before = g.to_json()
    try:
        g.apply(event)
    except ipsrt.IpsrtError:
        assert g.to_json() == before


def test_a_huge_value_gives_a_short_message() -> None:
    """A 10 MB string in an error gives a message under 1 KB: the value is quoted by its first
    characters and its length, in the core's messages and in the binding's own."""
    huge = "7" * 10_000_000
    with pytest.raises(ipsrt.InvalidInputError) as info:
        ipsrt.ClockTime.parse(huge)
    assert len(str(info.value)) < 1024
    assert "(10000000 bytes)" in str(info.value)
    with pytest.raises(ipsrt.InvalidInputError) as info:
        ipsrt.parse_date(huge)
    assert len(str(info.value)) < 1024
    doc = '{"schema":"' + huge + '","version":1,"data":{}}'
    with pytest.raises(ipsrt.IpsrtError) as err:
        ipsrt.check_persisted(doc)
    assert len(str(err.value)) < 1024
    assert "(10000000 bytes)" in str(err.value)


def test_invalid_input_error_is_also_a_value_error() -> None:
    import pickle

    assert issubclass(ipsrt.InvalidInputError, ipsrt.IpsrtError)
    assert issubclass(ipsrt.InvalidInputError, ValueError)
    err = ipsrt.InvalidInputError("x")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is ipsrt.InvalidInputError and isinstance(again, ValueError)


@pytest.mark.parametrize("n", [-1, 0, 2**70, 1.5, True])
def test_bad_n_threads_is_an_invalid_input_error_naming_the_range(n: object) -> None:
    import numpy as np

    with pytest.raises(ipsrt.InvalidInputError, match=r"n_threads = .* pass a whole number from 1 to 65536"):
        ipsrt.srm.score_batch(np.full((1, 7, 5), np.nan), n_threads=n)  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [-1, 2**70])
def test_negative_or_huge_unsigned_arguments_are_invalid_input(n: int) -> None:
    with pytest.raises(ipsrt.InvalidInputError, match="epochs_per_day"):
        ipsrt.srm.sleep_regularity_index([True, False], n)
    with pytest.raises(ipsrt.InvalidInputError, match="per_day"):
        ipsrt.srm.interdaily_stability([1.0, 2.0], n)


@pytest.mark.parametrize("bad", [-1, 2**64])
def test_unsigned_arguments_everywhere_raise_invalid_input_not_overflow(bad: int) -> None:
    """Every argument of an unsigned type: a negative or too-large int is an ipsrt
    InvalidInputError (also a ValueError) that gives the allowed range, never OverflowError."""
    pattern = "is out of range: pass a whole number from 0 to"
    with pytest.raises(ipsrt.InvalidInputError, match=pattern):
        ipsrt.ClockTime(bad, 0)
    with pytest.raises(ipsrt.InvalidInputError, match=pattern):
        ipsrt.recurrence_risks(bad)
    with pytest.raises(ipsrt.InvalidInputError, match=pattern):
        ipsrt.Range(bad, 3)


def test_a_non_integer_for_an_unsigned_argument_stays_a_type_error() -> None:
    with pytest.raises(TypeError):
        ipsrt.ClockTime("7", 0)  # type: ignore[arg-type]


def test_messages_name_operations_as_python_calls_them() -> None:
    """A refusal names `add_person` (a real method of Course), not the event `person_added`."""
    names = ipsrt.operation_names()
    assert names["person_added"] == "add_person"
    # Outside the course: events recorded with `apply` of these classes, and functions.
    owners = (ipsrt.IpsrtCourse, ipsrt.Group, ipsrt.EmploymentJourney, ipsrt.RhythmPlan, ipsrt.MedicationLog, ipsrt)
    for event_type, name in names.items():
        # A real method of Course; or a real method of another class or a module function;
        # or the event type itself (recorded with `apply`).
        real = hasattr(ipsrt.Course, name) or any(callable(getattr(o, name, None)) for o in owners)
        assert real or name == event_type, f"{event_type} -> {name}"
    for function in ("correct", "recurrence_risks", "to_json"):
        assert function in names and any(callable(getattr(o, names[function], None)) for o in owners + (ipsrt.Course,))
    created = ipsrt.event_record(
        "2026-09-01", {"type": "course_created", "protocol": ipsrt.Protocol.wmk_acute(), "taxonomy": "wmk4"}
    )
    c = ipsrt.Course([created])
    with pytest.raises(ipsrt.NotFoundError) as nf:
        c.apply(ipsrt.event_record("2026-09-01", {"type": "person_removed", "person_id": "nobody"}))
    assert "add them first (add_person)" in str(nf.value)
    assert "person_added" not in str(nf.value)
    with pytest.raises(ipsrt.IllegalTransitionError) as ip:
        c.apply(ipsrt.event_record("2026-09-01", {"type": "middle_phase_started"}))
    assert "(add_person)" in str(ip.value) and "(diagnosis_recorded)" in str(ip.value)
    c.add_person("2026-09-02", {"id": "sam", "name": "Sam", "role": "partner", "circle": "inner"})
    assert c.events[-1]["event"]["type"] == "person_added"
    # The same mechanism outside the course: the names are Python's (here equal to Rust's).
    with pytest.raises(ipsrt.NotFoundError, match=r"use recurrence_risks to list"):
        ipsrt.recurrence_risk("seed_s2", 3)
    with pytest.raises(ipsrt.NotFoundError, match=r"refer them first \(referred\)"):
        ipsrt.Group("process_group").apply({"type": "left", "person": "ann", "date": "2026-01-05", "reason": "withdrew"})
    with pytest.raises(ipsrt.SchemaError, match=r"write it with to_json"):
        ipsrt.AlertMachine.from_json("{}")


def test_every_class_has_a_real_docstring() -> None:
    """`help(ipsrt.Course)` says what the class is, not a generic wrapper sentence."""
    for name in ipsrt.__all__:
        obj = getattr(ipsrt, name)
        if not isinstance(obj, type):
            continue
        doc = obj.__doc__ or ""
        assert doc.strip(), f"ipsrt.{name} has no docstring"
        assert "wrapping the core type" not in doc, f"ipsrt.{name}: {doc}"
        if hasattr(obj, "SCHEMA"):
            assert not doc.startswith("The Python class"), f"ipsrt.{name} has only the generic docstring"


def test_a_course_refusal_nested_in_an_ipsrt_course_or_a_care_record_names_the_python_function() -> None:
    """The course's error travels inside the IPSRT course's and the care record's errors and is
    written only when shown, so it names `add_person` there too."""
    c = ipsrt.IpsrtCourse("2026-01-05")
    removal = ipsrt.event_record("2026-01-05", {"type": "person_removed", "person_id": "anna"})
    with pytest.raises(ipsrt.InvalidInputError) as nested:
        c.apply({"type": "course", "record": removal})
    assert str(nested.value).startswith("the course model rejected the event: person anna")
    assert "add them first (add_person)" in str(nested.value)
    assert "person_added" not in str(nested.value)

    log = ipsrt.CareLog.from_json((VECTORS.parent / "examples" / "care_record.json").read_text())
    record = ipsrt.CareRecord()
    for entry in log.entries[:5]:  # registered ... course_started
        record.append(entry)
    at = ipsrt.ZonedDateTime.parse("2026-01-05T11:00", "Europe/Amsterdam")
    event = {"type": "course_event", "course": "ipsrt-1", "event": {"type": "person_removed", "person_id": "anna"}}
    with pytest.raises(ipsrt.NotFoundError) as care:
        record.append(ipsrt.CareEntry("x-1", at, "2026-01-05", "dr", event))
    assert "add them first (add_person)" in str(care.value)
    assert "person_added" not in str(care.value)

    # A stored course log whose events no longer replay: the replay's error is kept whole too.
    stored = json.loads((VECTORS / "persist" / "ipsrt.course.v6.json").read_text())
    last = stored["data"]["events"][-1]["date"]
    stored["data"]["events"].append({"date": last, "event": {"type": "person_removed", "person_id": "anna"}})
    with pytest.raises(ipsrt.InvalidInputError) as loaded:
        ipsrt.Course.from_json(json.dumps(stored))
    assert "add them first (add_person)" in str(loaded.value)
    assert "person_added" not in str(loaded.value)


def test_a_stored_ipsrt_course_that_no_longer_replays_names_the_python_function() -> None:
    """The IPSRT course replays its events while it is read (inside the JSON reader, which keeps
    only text): the load runs with Python's names installed, so the message still names
    `add_person`."""
    stored = json.loads((VECTORS / "persist" / "ipsrt.ipsrt_course.v3.json").read_text())
    created = stored["data"]["created"]
    removal = {"date": created, "event": {"type": "person_removed", "person_id": "anna"}}
    stored["data"]["events"].insert(0, {"type": "course", "record": removal})
    with pytest.raises(ipsrt.IpsrtError) as from_json:
        ipsrt.IpsrtCourse.from_json(json.dumps(stored))
    with pytest.raises(ipsrt.IpsrtError) as from_dict:
        ipsrt.IpsrtCourse.from_dict(stored)
    for e in (from_json, from_dict):
        assert "add them first (add_person)" in str(e.value), str(e.value)
        assert "person_added" not in str(e.value)
