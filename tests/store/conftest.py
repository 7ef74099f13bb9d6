"""Fixtures for the store tests: real SQLite files in tmp_path, and the mini case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.core.loader import LoadedCase, load_case
from trainer.core.session import Session
from trainer.store import Store, open_store

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "mini.yaml"

# The best path through the mini case, as (method, argument) pairs.
GOOD_PATH = [
    ("choose", "check-safe"),
    ("choose", "listen"),
    ("tick", ["strangulation", "very-frightened"]),
    ("rate", "high"),
    ("choose", "from-records"),
]
# An unsafe path: asks straight away, under-rates risk, tells Lee what Sam said.
BAD_PATH = [
    ("choose", "ask-straight"),
    ("choose", "listen"),
    ("tick", ["tidy-home"]),
    ("rate", "standard"),
    ("choose", "tell-him"),
]


@pytest.fixture(scope="session")
def mini() -> LoadedCase:
    return load_case(MINI)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


def take(session: Session, move: tuple[str, object], confidence: str | None = None):
    method, arg = move
    if method == "choose":
        return session.choose(arg, confidence, 1500)  # type: ignore[arg-type]
    if method == "tick":
        return session.tick(arg, 2500)  # type: ignore[arg-type]
    return session.rate(arg, 800)  # type: ignore[arg-type]


def play(
    store: Store,
    learner_id: str,
    loaded: LoadedCase,
    path: list[tuple[str, object]] = GOOD_PATH,
    *,
    mode: str = "practice",
    kind: str = "learner",
    steps: int | None = None,
    finish: bool = True,
) -> tuple[str, Session]:
    """Play ``path`` (or its first ``steps`` moves), recording each decision."""
    attempt = store.start_attempt(learner_id, loaded, mode, kind)
    session = Session(loaded)
    for move in path[:steps]:
        store.record_decision(attempt.id, session, take(session, move))
    if finish and session.is_finished:
        store.finish_attempt(attempt.id, session.result())
    return attempt.id, session
