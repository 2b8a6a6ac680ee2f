"""The bad-input catalogue (test-vectors/bad-input/catalogue.json, docs/bad-input.md) through
the Python API: one test per row.

Each row's ``call`` is sent to the Python entry point that reaches the same core function as
crates/ipsrt/tests/vectors_bad_input.rs (the reference for what each call means). A rejected
row must raise exactly the exception class of its error kind, with the core's message (it
contains each of the row's ``says`` phrases and one of the catalogue's ``actionable`` phrases);
no other exception (``ValueError``, ``TypeError``, ``OverflowError``, a pyo3 ``PanicException``)
may escape, and a rejected step must leave the object it was sent to unchanged. Rows marked
``accepted`` must succeed.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pytest

import ipsrt
from ipsrt import srm

from .conftest import VECTORS

DOC: dict[str, Any] = json.loads((VECTORS / "bad-input" / "catalogue.json").read_text())
CASES: list[dict[str, Any]] = DOC["cases"]
ACTIONABLE: list[str] = DOC["actionable"]
OPERATION_NAMES: dict[str, str] = ipsrt.operation_names()


def _operations_named(phrase: str) -> str:
    """The phrase with each ``{op:NAME}`` written as Python names the operation."""
    return re.sub(r"\{op:([a-z_]+)\}", lambda m: OPERATION_NAMES[m.group(1)], phrase)

# Rows whose input cannot be written through the Python API at all (the catalogue's
# ``not_in.python``, set in scripts/dev/gen_bad_input.py, must name exactly these).
NOT_IN_PYTHON: dict[str, str] = {
    "batch output of the wrong length": "srm.score_batch / score_arrow allocate the output arrays themselves",
    "care migration of two diaries": "the binding takes one diary (a keyword argument, a record field), so a second diary cannot be passed",
}
# Whole diary CSV files go through the `ipsrt` command (crates/ipsrt-cli/tests/bad_input_csv.rs);
# score_frame takes a DataFrame, so pandas reads the file.
NOT_IN_PYTHON.update(
    {c["name"]: "reading a file is the ipsrt command's job" for c in CASES if c["call"] in ("srm_csv_file", "measure_csv_file")}
)

ERRORS: dict[str, type[ipsrt.IpsrtError]] = {
    "invalid_input": ipsrt.InvalidInputError,
    "illegal_transition": ipsrt.IllegalTransitionError,
    "not_scorable": ipsrt.NotScorableError,
    "not_found": ipsrt.NotFoundError,
    "schema": ipsrt.SchemaError,
    "parse": ipsrt.ParseError,
}

MAX_JSON_BYTES = 64 * 1024 * 1024


def _persisted_class(schema: str) -> Any:
    """The Python class whose SCHEMA is ``schema`` (what ``ipsrt.load`` picks)."""
    for name in dir(ipsrt):
        obj = getattr(ipsrt, name)
        if isinstance(obj, type) and getattr(obj, "SCHEMA", None) == schema:
            return obj
    raise AssertionError(f"no Python class has SCHEMA {schema}")


def _load_text(inp: dict[str, Any]) -> str:
    """The document of a ``load`` row, built as the Rust test builds it."""
    schema: str = inp["schema"]

    def fixture() -> str:
        return (VECTORS / "persist" / f"{schema}.v1.json").read_text()

    if "text" in inp:
        return str(inp["text"])
    if "json" in inp:
        return json.dumps(inp["json"], separators=(",", ":"))
    if "fixture" in inp:
        return fixture()
    if "fixture_prefix" in inp:
        return fixture()[: inp["fixture_prefix"]]
    if "fixture_replace" in inp:
        f = fixture()
        old, new = inp["fixture_replace"]
        assert old in f, f"{schema} fixture has no {old}"
        return f.replace(old, new, 1)
    if "nested_depth" in inp:
        n = inp["nested_depth"]
        return f'{{"schema":"{schema}","version":1,"data":{"[" * n}{"]" * n}}}'
    if "size_bytes" in inp:
        head = f'{{"schema":"{schema}","version":1,"data":{{}},"pad":"'
        size: int = inp["size_bytes"]
        text = head + " " * (size - len(head) - 2) + '"}'
        assert len(text) > MAX_JSON_BYTES
        return text
    raise AssertionError(f"load: unknown input {inp}")


def _load(inp: dict[str, Any]) -> None:
    """The row's schema's ``from_json``, with the text as ``str`` and as UTF-8 ``bytes``: both
    must give the same outcome."""
    cls = _persisted_class(inp["schema"])
    text = _load_text(inp)
    outcomes: list[tuple[type[BaseException], str] | None] = []
    for doc in (text, text.encode()):
        try:
            cls.from_json(doc)
            outcomes.append(None)
        except ipsrt.IpsrtError as e:
            outcomes.append((type(e), str(e)))
    assert outcomes[0] == outcomes[1], f"from_json(str) and from_json(bytes) differ: {outcomes}"
    if outcomes[0] is not None:
        cls.from_json(text)  # raise the error for the row's checks


def _batch(inp: dict[str, Any]) -> None:
    weeks: int = inp["weeks"]
    poison = inp.get("poison")
    if "extra_cells" in inp:
        # A flat Arrow array is the one Python input whose length is free; NumPy arrays have
        # the shape (weeks, 7, items) by construction.
        assert inp["type"] == "f64"
        srm.score_arrow(pa.array([420.0] * (weeks * 35 + inp["extra_cells"]), type=pa.float64()), n_threads=1)
        return
    if inp["type"] == "f64":
        times: Any = np.full((weeks, 7, 5), 420.0, dtype=np.float64)
        if poison is not None:
            times.reshape(-1)[17] = float(poison)
    else:
        times = np.full((weeks, 7, 5), 420, dtype=np.int32)
        if poison is not None:
            times.reshape(-1)[17] = int(poison)
    srm.score_batch(times, n_threads=1)


def _unchanged(obj: Any, step: Callable[[], object]) -> None:
    """Runs ``step`` on ``obj``; if it is rejected, ``obj`` must be as before."""
    before = obj.to_json()
    try:
        step()
    except BaseException:
        assert obj.to_json() == before, "a rejected step changed the object"
        raise


def _week() -> ipsrt.Week:
    return ipsrt.Week("2026-01-05", "srm5")


def _status(status: str) -> None:
    week = _week()
    _unchanged(week, lambda: week.set("out_of_bed", 0, status))


def _mood(mood: int) -> None:
    week = _week()
    _unchanged(week, lambda: week.set_mood(0, mood))


def _people(people: int) -> None:
    week = _week()
    _unchanged(week, lambda: week.set_people("out_of_bed", 0, people))


def _week_set(inp: dict[str, Any]) -> None:
    week = _week()
    _unchanged(week, lambda: week.set(inp["item"], inp["day"], inp["status"]))


def _score_week(inp: dict[str, Any]) -> None:
    week = _week()
    for item, day, status in inp["cells"]:
        week.set(item, day, status)
    scored = week.score()
    assert scored["score"] is None, "the catalogue's weeks are not scorable: no score, never 0"


def _long_format(inp: dict[str, Any]) -> None:
    stream = ipsrt.srm.DiaryStream(inp["header"].split(","), form="srm5")
    for i, r in enumerate(inp["rows"]):
        seen = stream.participants_seen
        try:
            stream.push(i + 2, r.split(","))
        except ipsrt.IpsrtError:
            assert stream.participants_seen == seen, "a rejected row changed the stream"
            raise


def _diary_duplicate(inp: dict[str, Any]) -> None:
    diary = ipsrt.Diary("srm5")
    diary.add("2026-01-05", "out_of_bed", inp["first"])
    diary.add("2026-01-05", "out_of_bed", inp["second"])
    assert diary.week_starting("2026-01-05").status("out_of_bed", 0) == inp["first"], "first done entry wins"
    assert len(diary.entries) == 2


def _diary_correct(inp: dict[str, Any]) -> None:
    diary = ipsrt.Diary("srm5")
    diary.add("2026-01-05", "out_of_bed", "07:00")
    if inp["op"] == "replace":
        _unchanged(diary, lambda: diary.replace("2026-01-05", inp["item"], "not_done"))
    else:
        _unchanged(diary, lambda: diary.remove("2026-01-05", inp["item"]))


def _answers(inp: dict[str, Any]) -> None:
    answers = ipsrt.Answers()
    for item, v in inp["answers"].items():
        answers.set(item, v)
    ipsrt.score_measure(inp["instrument"], answers)


def _relapse(inp: list[dict[str, Any]]) -> None:
    plan = ipsrt.RelapsePlan("2026-03-01", "NL")
    machine = ipsrt.AlertMachine()
    for o in inp:

        def observe(o: dict[str, Any] = o) -> object:
            return machine.observe(plan, o)

        _unchanged(machine, observe)


def _zoned(inp: dict[str, Any]) -> ipsrt.ZonedDateTime:
    return ipsrt.ZonedDateTime.parse(inp["local"], inp["zone"])


def _care_migrate(inp: dict[str, Any]) -> None:
    """Stored files, each loaded by the class of its envelope's schema, migrated strictly."""
    kw: dict[str, Any] = {"ipsrt_courses": [], "plans": [], "measures": []}
    diaries: list[Any] = []
    meds: list[Any] = []
    for d in inp["documents"]:
        text = (VECTORS.parent / d["file"]).read_text()
        if "replace" in d:
            assert d["replace"][0] in text
            text = text.replace(d["replace"][0], d["replace"][1], 1)
        schema = json.loads(text)["schema"]
        obj = _persisted_class(schema).from_json(text)
        if schema == "ipsrt.ipsrt_course":
            kw["ipsrt_courses"].append((d["id"], obj))
        elif schema == "ipsrt.relapse_plan":
            kw["plans"].append((d["id"], obj))
        elif schema == "ipsrt.measure_score":
            kw["measures"].append((d["date"], obj))
        elif schema == "ipsrt.srm_diary":
            diaries.append(obj)
        elif schema == "ipsrt.medication_log":
            meds.append(obj)
        else:
            raise AssertionError(f"care_migrate: no kind {schema} in the runner")
    assert len(diaries) <= 1 and len(meds) <= 1, "care_migrate takes one diary and one medication log"
    ipsrt.care_migrate(
        inp["patient"],
        inp["zone"],
        "bad-input",
        diary=diaries[0] if diaries else None,
        medication=meds[0] if meds else None,
        strict=True,
        **kw,
    )


def _schedule_evaluate(inp: dict[str, Any]) -> None:
    """The frozen schedule and zone-history fixtures, the row's completions, range and now."""
    schedule = ipsrt.Schedule.from_json((VECTORS / "persist" / "ipsrt.schedule.v1.json").read_text())
    zones = ipsrt.ZoneHistory.from_json((VECTORS / "persist" / "ipsrt.zone_history.v1.json").read_text())
    records = ipsrt.ScheduleRecords(completions=inp.get("completions", []))
    now = datetime.datetime.fromisoformat(inp["now"].replace("Z", "+00:00"))
    schedule.evaluate(zones, records, inp["from"], inp["to"], now)


def _group_rules(inp: dict[str, Any]) -> None:
    """A format's default rules with the values of `set`, made into a group."""
    rules: dict[str, Any] = dict(ipsrt.group_rules(inp["group_type"]))
    for field, value in inp["set"].items():
        rules[field]["value"] = value
    ipsrt.Group(rules=rules)


def _scoring_options(inp: dict[str, Any]) -> None:
    """The default options with the row's fields (the constructor checks them as scoring does)."""
    ipsrt.ScoringOptions(**inp)


CALLS: dict[str, Callable[[Any], object]] = {
    "clock_time": lambda t: ipsrt.ClockTime.parse(t),
    "clock_minutes": lambda m: ipsrt.ClockTime.from_minutes(m),
    "clock_hm": lambda hm: ipsrt.ClockTime(hm[0], hm[1]),
    "clock_time_value": lambda t: ipsrt.classify_dose(datetime.time(t[0], t[1], t[2]), "07:00", 30),
    "date": lambda d: ipsrt.parse_date(d),
    "zone": lambda z: ipsrt.parse_zone(z),
    "locale": lambda loc: ipsrt.parse_locale(loc),
    "zoned_datetime": _zoned,
    "zoned_to_utc": lambda inp: _zoned(inp).to_utc(),
    "load": _load,
    "group_rules": _group_rules,
    "srm_scoring_options": _scoring_options,
    "srm_form": lambda form: ipsrt.Diary(form),
    "load_any": lambda t: ipsrt.load(t),
    "load_bytes": lambda inp: ipsrt.load(bytes.fromhex(inp["hex"])),
    "srm_item": lambda i: srm.item_info(i),
    "srm_status": _status,
    "srm_mood": _mood,
    "srm_people": _people,
    "srm_week_set": _week_set,
    "srm_score_week": _score_week,
    "srm_batch": _batch,
    "srm_long_format": _long_format,
    "srm_diary_duplicate": _diary_duplicate,
    "srm_diary_correct": _diary_correct,
    "srm_csv_file": lambda inp: pytest.fail("whole CSV files are the ipsrt command's (NOT_IN_PYTHON)"),
    "measure_csv_file": lambda inp: pytest.fail("whole CSV files are the ipsrt command's (NOT_IN_PYTHON)"),
    "score_series": lambda inp: ipsrt.ScoreSeries(inp["instrument"], inp["points"], baseline=inp.get("baseline")).evaluate(
        reliable_change=inp.get("reliable_change")
    ),
    "measure_values": lambda inp: ipsrt.score_measure(inp["instrument"], inp["values"], policy=inp.get("policy")),
    "measure_answers": _answers,
    "measure_float_answer": lambda inp: ipsrt.score_measure(inp["instrument"], {inp["item"]: inp["value"]}),
    "care_score_series": lambda inp: ipsrt.CareRecord.replay(ipsrt.CareLog.from_json(_load_text(inp))).score_series(
        inp["instrument"], baseline=inp.get("baseline")
    ),
    "care_migrate": _care_migrate,
    "instrument_id": lambda i: ipsrt.Instrument.builtin(i),
    "relapse_observe": _relapse,
    "relapse_observe_typed": lambda o: _relapse([{"date": "2026-03-05", "observed": o}]),
    "recurrence_risk": lambda n: ipsrt.recurrence_risk("literature", n),
    "course_replay": lambda events: ipsrt.Course.replay(events),
    "schedule_evaluate": _schedule_evaluate,
    "occurrence_id": lambda text: ipsrt.OccurrenceId.parse(text),
}

RUN = [c for c in CASES if c["name"] not in NOT_IN_PYTHON]


@pytest.mark.parametrize("case", RUN, ids=[c["name"] for c in RUN])
def test_row(case: dict[str, Any]) -> None:
    call = CALLS[case["call"]]
    expected = case["expected"]
    err: ipsrt.IpsrtError | None = None
    try:
        call(case["input"])
    except ipsrt.IpsrtError as e:
        err = e
    except AssertionError:
        raise
    except BaseException as e:  # a PanicException is a BaseException
        pytest.fail(f"{type(e).__module__}.{type(e).__qualname__} escaped instead of an ipsrt error: {e}")
    if "error" not in expected:
        assert err is None, f"expected acceptance, got {type(err).__name__}: {err}"
        return
    assert err is not None, f"accepted, expected {expected['error']}"
    msg = str(err)
    assert type(err) is ERRORS[expected["error"]], f"{type(err).__name__} (expected {expected['error']}): {msg}"
    for phrase in expected["says"]:
        phrase = _operations_named(phrase)
        assert phrase in msg, f"message lacks {phrase!r}: {msg}"
    assert any(p in msg for p in ACTIONABLE), f"message does not say what to do: {msg}"


def test_the_rows_python_runs_are_those_listing_python() -> None:
    names = {c["name"] for c in CASES}
    assert set(NOT_IN_PYTHON) <= names, f"exclusions name no row: {set(NOT_IN_PYTHON) - names}"
    assert set(NOT_IN_PYTHON) == {c["name"] for c in CASES if "python" in c["not_in"]}
    assert {c["name"] for c in RUN} == {c["name"] for c in CASES if "python" in c["covered_by"]}
    assert {c["call"] for c in CASES} <= set(CALLS), "a call this suite cannot dispatch"
    assert len(RUN) >= 50
    assert ACTIONABLE, "the catalogue's actionable list is empty"
