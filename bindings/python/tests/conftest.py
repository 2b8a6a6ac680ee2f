"""Shared helpers: the repository's test-vectors folder (the same files the Rust tests read)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

VECTORS = Path(__file__).resolve().parents[3] / "test-vectors"


def vector_cases(area: str) -> list[tuple[str, dict[str, Any]]]:
    """Every case of every JSON file in test-vectors/<area>/, as (id, case)."""
    files = sorted((VECTORS / area).glob("*.json"))
    assert files, f"no shared vectors in {VECTORS / area}"
    out: list[tuple[str, dict[str, Any]]] = []
    for f in files:
        doc = json.loads(f.read_text())
        for case in doc["cases"]:
            out.append((f"{f.stem}: {case['name']}", case))
    return out


def pytest_collection_finish(session: pytest.Session) -> None:
    if not session.items and not session.config.option.collectonly:
        raise pytest.UsageError("no tests were collected: the suite must never pass empty")
