"""Issue 13: an attempt at a case with counters resumes exactly from the store, and an
attempt saved in state format 1 (before counters) still resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import play
from trainer.core.loader import LoadedCase, load_case
from trainer.core.session import Session
from trainer.store import Store, open_store

COUNTERS = Path(__file__).resolve().parents[1] / "fixtures" / "counters" / "counters.yaml"


@pytest.fixture(scope="module")
def counters() -> LoadedCase:
    return load_case(COUNTERS)


def _play(store: Store, learner_id: str, loaded: LoadedCase) -> tuple[str, Session]:
    attempt = store.start_attempt(learner_id, loaded, "practice", "learner")
    session = Session(loaded)
    store.record_decision(attempt.id, session, session.advance())
    for choice in ("confront", "soften"):
        store.record_decision(attempt.id, session, session.choose(choice))
    return attempt.id, session


def test_counters_resume_exactly_after_reopening(tmp_path: Path, counters: LoadedCase) -> None:
    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann")
        attempt_id, session = _play(store, ann.id, counters)
        before = (session.scene_id, session.flags, session.counters, session.text)
    with open_store(tmp_path) as store:  # like a restart
        attempt = store.attempt(attempt_id)
        assert attempt.state["format"] == 2
        assert attempt.state["vars"] == {"engagement": 1, "hostility": 2}
        resumed = store.resume(attempt, counters)
        assert (resumed.scene_id, resumed.flags, resumed.counters, resumed.text) == before
        assert "hostility" not in " ".join(attempt.state["flags"])  # flags are only flags


def test_a_format_1_state_still_resumes(tmp_path: Path, counters: LoadedCase) -> None:
    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann")
        attempt_id, session = _play(store, ann.id, counters)
        store.conn.execute(
            "UPDATE attempts SET state = json_remove(json_set(state, '$.format', 1), '$.vars') "
            "WHERE id = ?",
            (attempt_id,),
        )
        store.conn.commit()
        resumed = store.resume(store.attempt(attempt_id), counters)
        assert resumed.counters == session.counters == {"engagement": 1, "hostility": 2}
        assert resumed.scene_id == "minimises"


def test_the_mini_case_still_plays_and_resumes(store: Store, mini: LoadedCase) -> None:
    ann = store.create_learner("Ann")
    attempt_id, session = play(store, ann.id, mini, steps=2)
    resumed = store.resume(store.attempt(attempt_id), mini)
    assert resumed.counters == {} and resumed.scene_id == session.scene_id
