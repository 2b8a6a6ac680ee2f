"""Parity: every public capability of the core is reachable from Python.

parity.json lists every public function and method of the core crate (the Rust test
bindings/python/tests/parity.rs fails when the core's API and the manifest's keys differ, and
this test re-enumerates the sources too). Each entry maps to a dotted Python path, checked here
to exist. A null entry is a capability missing from Python and fails, unless the key is listed
in the manifest's `internal` object with a reason (a pure internal no Python user could want).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parents[1]
DOC = json.loads((HERE / "parity.json").read_text())
MANIFEST: dict[str, str | None] = DOC["capabilities"]
INTERNAL: dict[str, str] = DOC.get("internal", {})

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


def test_internal_entries_are_justified() -> None:
    for key, reason in INTERNAL.items():
        assert key in MANIFEST, f"internal entry {key} is not a core capability"
        assert MANIFEST[key] is None, f"{key} is both mapped ({MANIFEST[key]}) and listed as internal"
        assert isinstance(reason, str) and len(reason.split()) >= 5, f"internal entry {key} needs a reason"


@pytest.mark.parametrize("key", sorted(MANIFEST))
def test_capability_is_reachable(key: str) -> None:
    target = MANIFEST[key]
    if target is None:
        assert key in INTERNAL, f"{key} is not reachable from Python: expose it and map it in parity.json"
        return
    try:
        _resolve(target)  # an attribute whose value is None (IpsrtError.rejected_index) exists too
    except (ImportError, AttributeError) as e:
        pytest.fail(f"{key} -> {target} does not exist: {e}")
