"""Every frozen fixture in test-vectors/persist/ loads through the Python class with its schema.

A fixture whose schema has no Python class fails: this is one half of the parity check (every
persisted core type is reachable from Python)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import ipsrt

from .conftest import VECTORS

FIXTURES = sorted((VECTORS / "persist").glob("*.v*.json"))


def _classes_by_schema() -> dict[str, type]:
    out: dict[str, type] = {}
    for name in dir(ipsrt):
        obj = getattr(ipsrt, name)
        schema = getattr(obj, "SCHEMA", None)
        if isinstance(obj, type) and isinstance(schema, str):
            out[schema] = obj
    return out


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 6


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_loads_in_python(path: Path) -> None:
    text = path.read_text()
    schema = json.loads(text)["schema"]
    classes = _classes_by_schema()
    assert schema in classes, f"persisted core type {schema} has no Python class"
    cls = classes[schema]
    value = cls.from_json(text)  # type: ignore[attr-defined]
    assert cls.from_json(value.to_json()) == value  # type: ignore[attr-defined]
    assert cls.from_dict(value.to_dict()) == value  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(value)) == value
