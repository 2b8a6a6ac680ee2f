"""The package README (the PyPI page) runs: every ```python block, in order, in a folder where
`diary.csv` is the repository's example diary."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import VECTORS

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE_DIARY = VECTORS.parent / "examples" / "srm_diaries.csv"


def blocks() -> list[str]:
    found = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(found) >= 3, "the README has its examples"
    return found


@pytest.mark.parametrize("index", range(len(blocks())))
def test_readme_example_runs(index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    shutil.copy(EXAMPLE_DIARY, tmp_path / "diary.csv")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(blocks()[index], f"README.md block {index + 1}", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    if "score_measure" in blocks()[index]:
        lines = out.splitlines()
        assert lines[0] == "7" and lines[-1] == "raised", out
