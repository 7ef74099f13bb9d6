"""Shared fixtures for the tutor tools' tests (GUI tests run offscreen)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "mini.yaml"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A copy of the mini case in a temporary folder (it uses the bundled catalogue)."""
    target = tmp_path / "cases" / "mini.yaml"
    target.parent.mkdir()
    shutil.copy(MINI, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return n
    raise AssertionError(f"{fragment!r} not in {path}")
