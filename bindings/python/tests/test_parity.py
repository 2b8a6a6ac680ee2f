"""Parity: every public capability of the core is reachable from Python.

parity.json lists every public function and method of the core crate (the Rust test
bindings/python/tests/parity.rs fails when the core's API and the manifest's keys differ, and
this test re-enumerates the sources too). Each entry maps to a dotted Python path, checked here
to exist, or is null: a capability still missing from Python, reported as an xfail so the gap
shows in pytest's summary line instead of passing silently.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((HERE / "parity.json").read_text())["capabilities"]

sys.path.insert(0, str(HERE / "tools"))
import core_api  # noqa: E402


def _resolve(path: str) -> Any:
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(path)


def test_manifest_lists_exactly_the_core_api() -> None:
    core = core_api.core_api()
    assert len(core) > 300
    assert sorted(MANIFEST) == core, "run `python bindings/python/tools/core_api.py --update` and map the new entries"


@pytest.mark.parametrize("key", sorted(MANIFEST))
def test_capability_is_reachable(key: str) -> None:
    target = MANIFEST[key]
    if target is None:
        pytest.xfail(f"{key} is not exposed in Python yet")
    assert _resolve(target) is not None, f"{key} -> {target} does not exist"
