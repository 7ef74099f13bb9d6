"""Fixtures for the core tests: the mini case, and a way to write variations of it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from trainer.core.loader import LoadedCase, load_case

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "mini" / "mini.yaml"


@pytest.fixture(scope="session")
def mini_data() -> dict[str, Any]:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mini() -> LoadedCase:
    return load_case(MINI)


@pytest.fixture
def write_case(tmp_path: Path, mini_data: dict[str, Any]) -> Callable[..., Path]:
    """Write a variation of the mini case: ``write_case(lambda d: ...)`` edits a deep copy."""

    counter = iter(range(10_000))

    def write(edit: Callable[[dict[str, Any]], Any] | None = None, text: str | None = None) -> Path:
        path = tmp_path / f"case{next(counter)}.yaml"
        if text is None:
            data = copy.deepcopy(mini_data)
            if edit is not None:
                edit(data)
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
