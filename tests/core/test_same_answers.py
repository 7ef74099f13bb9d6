"""Issue 16: the faster loader, validator and path table give the answers main gave.

``tests/fixtures/perf16-before.json.gz`` was recorded from main before the rewrite by
``tests/core/snapshot_cases.py``; every bundled case, the hostile corpus and 50 generated
cases must give the same problems (file, line, column, severity, message), maxima, path
counts, path tables and scores now.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from snapshot_cases import ROOT, corpus, snapshot_one  # noqa: E402

BEFORE = ROOT / "tests" / "fixtures" / "perf16-before.json.gz"


@pytest.fixture(scope="module")
def before() -> dict[str, Any]:
    return json.loads(gzip.decompress(BEFORE.read_bytes()))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return dict(corpus(tmp_path_factory.mktemp("generated")))


def test_the_corpus_is_the_one_recorded(before: dict[str, Any], cases: dict[str, Path]) -> None:
    assert sorted(cases) == sorted(before)


@pytest.mark.parametrize("kind", ["bundled", "hostile", "generated"])
def test_same_problems_paths_and_scores(
    kind: str, before: dict[str, Any], cases: dict[str, Path]
) -> None:
    names = [name for name in cases if name.startswith(kind + "/")]
    assert names
    for name in names:
        now = json.loads(json.dumps(snapshot_one(cases[name])))
        assert now == before[name], name
