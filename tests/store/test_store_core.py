"""Learners, attempts, decisions, resume and progress (issue 3 points 1-4)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import BAD_PATH, GOOD_PATH, play, take
from trainer.core.loader import load_case
from trainer.core.session import Session
from trainer.store import ResumeError, StoreError, open_store
from trainer.store.database import migration_names
from trainer.store.location import default_data_dir, resolve_data_dir


def test_data_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("TRAINER_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == default_data_dir()
    if os.name == "posix" and os.uname().sysname != "Darwin":
        assert default_data_dir() == tmp_path / "xdg" / "CaseworkTrainer"


def test_open_creates_migrated_wal_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "home"))
    with open_store() as store:
        assert store.db_path == tmp_path / "home" / "progress.sqlite3"
        assert store.db_path.is_file()
        assert migration_names(store.db) == [
            "0001_initial",
            "0002_unique_learner_names",
            "0003_xapi_outbox",
        ]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.notices == []
    with open_store(tmp_path / "home") as again:  # reopening applies nothing twice
        assert migration_names(again.db) == [
            "0001_initial",
            "0002_unique_learner_names",
            "0003_xapi_outbox",
        ]


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.create_learner("Ann")
        store.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('casework-trainer', '0099_from_the_future', 'x')"
        )
        store.conn.commit()
    before = (tmp_path / "progress.sqlite3").read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_store(tmp_path)
    assert (tmp_path / "progress.sqlite3").read_bytes() == before


def test_learners(store) -> None:
    ann = store.create_learner("  Ann Example ", "S123", "BA 2026")
    bob = store.create_learner("bob", cohort="")
    assert [lr.display_name for lr in store.learners()] == ["Ann Example", "bob"]
    assert store.learner(ann.id) == ann
    assert bob.cohort is None and bob.student_id is None
    assert store.find_learner("S123") == ann
    assert store.find_learner("bob") == bob
    assert store.find_learner("nobody") is None
    with pytest.raises(StoreError, match="No learner"):
        store.learner("missing")
    with pytest.raises(StoreError, match="needs a name"):
        store.create_learner("   ")


def test_each_decision_is_committed_with_its_judgement(store, mini, tmp_path) -> None:
    ann = store.create_learner("Ann")
    attempt_id, session = play(store, ann.id, mini, BAD_PATH, steps=2)
    # A second connection sees both decisions: they were committed, not just written.
    other = sqlite3.connect(store.db_path)
    rows = other.execute(
        "SELECT seq, scene, choice, judgement, points, critical FROM decisions "
        "WHERE attempt_id = ? ORDER BY seq",
        (attempt_id,),
    ).fetchall()
    other.close()
    assert rows == [
        (0, "door", "ask-straight", "poor", 0.0, 0),
        (1, "talk", "listen", "expected", 2.0, 0),
    ]
    recorded = store.decisions(attempt_id)
    assert [d["label"] for d in recorded] == [s.label for s in session.steps if s.kind != "rule"]
    assert store.attempt(attempt_id).decision_count == 2
    assert store.attempt(attempt_id).state == session.state()


def test_record_refuses_out_of_order_or_finished(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, session = play(store, ann.id, mini, steps=1)
    with pytest.raises(StoreError, match="does not follow"):
        store.record_decision(attempt_id, session, session.steps[-1])  # the same one again
    assert len(store.decisions(attempt_id)) == 1
    store.abandon_attempt(attempt_id)
    step = take(session, GOOD_PATH[1])
    with pytest.raises(StoreError, match="abandoned"):
        store.record_decision(attempt_id, session, step)
    assert store.attempt(attempt_id).status == "abandoned"  # kept, never deleted
    with pytest.raises(StoreError, match="No attempt"):
        store.record_decision("nope", session, step)


def test_finish_summary_and_progress(store, mini) -> None:
    ann = store.create_learner("Ann")
    bad_id, _ = play(store, ann.id, mini, BAD_PATH)
    bad = store.attempt(bad_id)
    assert bad.status == "completed" and bad.passed is False and bad.ended_at
    row = store.rows("SELECT critical_errors, unsafe_choices FROM attempts WHERE id=?", [bad_id])
    assert row[0]["critical_errors"] >= 1 and row[0]["unsafe_choices"] >= 1
    progress = store.case_progress(ann.id)[mini.id]
    assert (progress.status, progress.attempts) == ("completed", 1)

    good_id, good = play(store, ann.id, mini, GOOD_PATH)
    progress = store.case_progress(ann.id)[mini.id]
    assert progress.status == "passed"
    assert progress.best_percent == good.result().percent
    assert progress.attempts == 2
    history = store.competency_history(ann.id, mini.id)
    assert [h["attempt_id"] for h in history] == [bad_id, good_id]
    assert history[1]["percents"] == good.result().percents
    assert [a.id for a in store.attempts(ann.id, mini.id)] == [bad_id, good_id]


def test_tutor_plays_stay_out_of_progress(store, mini) -> None:
    tutor = store.create_learner("Tutor")
    play(store, tutor.id, mini, GOOD_PATH, kind="tutor")
    assert store.case_progress(tutor.id) == {}
    assert store.competency_history(tutor.id) == []


def test_in_progress_status_and_unfinished_attempt(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, _ = play(store, ann.id, mini, steps=2)
    assert store.case_progress(ann.id)[mini.id].status == "in progress"
    assert store.unfinished_attempt(ann.id, mini.id).id == attempt_id
    assert store.unfinished_attempt(ann.id, "other-case") is None


def test_resume_rebuilds_exactly_the_same_session(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, original = play(store, ann.id, mini, GOOD_PATH, steps=3)
    store.close()
    with open_store(store.data_dir) as reopened:
        attempt = reopened.unfinished_attempt(ann.id, mini.id)
        resumed = reopened.resume(attempt, mini)
        assert resumed.scene_id == original.scene_id == "rate"
        assert resumed.flags == original.flags
        assert resumed.state() == original.state()
        for move in GOOD_PATH[3:]:
            reopened.record_decision(attempt_id, resumed, take(resumed, move))
        reopened.finish_attempt(attempt_id, resumed.result())
        assert reopened.attempt(attempt_id).passed is True


def _edited_copy(mini, tmp_path: Path, old: str, new: str) -> Path:
    text = mini.path.read_text(encoding="utf-8").replace(old, new)
    target = tmp_path / "cases" / "mini.yaml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_resume_after_a_compatible_edit_moves_to_the_new_version(store, mini, tmp_path) -> None:
    ann = store.create_learner("Ann")
    attempt_id, _ = play(store, ann.id, mini, GOOD_PATH, steps=2)
    edited = load_case(_edited_copy(mini, tmp_path, 'version: "1.0"', 'version: "1.1"').resolve())
    assert edited.sha256 != mini.sha256
    session = store.resume(store.attempt(attempt_id), edited)
    assert session.scene_id == "risk"
    moved = store.attempt(attempt_id)
    assert (moved.case_version, moved.case_sha256) == ("1.1", edited.sha256)


def test_resume_after_an_incompatible_edit_keeps_the_attempt(store, mini, tmp_path) -> None:
    ann = store.create_learner("Ann")
    attempt_id, _ = play(store, ann.id, mini, GOOD_PATH, steps=2)
    before = store.decisions(attempt_id)
    edited = load_case(_edited_copy(mini, tmp_path, "id: listen", "id: listen-well"))
    with pytest.raises(ResumeError, match="no longer fit"):
        store.resume(store.attempt(attempt_id), edited)
    stale = store.attempt(attempt_id)
    assert stale.status == "stale"
    assert store.decisions(attempt_id) == before  # readable as it was
    assert store.unfinished_attempt(ann.id, mini.id) is None  # so the UI offers a new start
    assert Session.from_state(mini, stale.state).scene_id == "risk"  # old version still replays
    with pytest.raises(ResumeError):
        store.resume(stale, edited)


def test_reflections(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, _ = play(store, ann.id, mini)
    assert store.reflection(attempt_id) == ""
    store.save_reflection(attempt_id, "I should have checked who was home.")
    store.save_reflection(attempt_id, "Edited: check who is home first.")
    assert store.reflection(attempt_id) == "Edited: check who is home first."


def test_the_saved_state_is_the_engine_state(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, session = play(store, ann.id, mini, GOOD_PATH, steps=3)
    assert store.attempt(attempt_id).state == session.state()


def test_a_tutor_attempt_from_a_chosen_scene_resumes_there(store, mini) -> None:
    tutor = store.create_learner("Tutor")
    session = Session(mini, "lee-arrives", {"checked_safe"})
    attempt = store.start_attempt(tutor.id, mini, "practice", "tutor", session=session)
    assert store.resume(store.attempt(attempt.id), mini).scene_id == "lee-arrives"
    store.record_decision(attempt.id, session, session.choose("from-records"))
    resumed = store.resume(store.attempt(attempt.id), mini)
    assert resumed.state() == session.state() and resumed.is_finished


def test_an_older_database_is_upgraded_in_order(tmp_path: Path, mini, monkeypatch) -> None:
    from sqlite_utils.migrations import Migrations

    from trainer.store import database, schema

    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann")
        play(store, ann.id, mini)
    newer = Migrations(schema.MIGRATION_SET)
    for name, step in schema.STEPS:
        newer(name=name)(step)

    @newer(name="9999_learner_email")
    def add_email(db) -> None:
        db.execute("ALTER TABLE learners ADD COLUMN email TEXT")

    names = [*schema.known_names(), "9999_learner_email"]
    monkeypatch.setattr(database, "migrations", newer)
    monkeypatch.setattr(database, "known_names", lambda: names)
    with open_store(tmp_path) as store:
        assert migration_names(store.db) == names
        assert "email" in {
            r["name"] for r in store.rows("SELECT name FROM pragma_table_info('learners')")
        }
        assert store.case_progress(ann.id)[mini.id].status == "passed"  # data kept


def test_a_state_from_another_app_version_is_not_marked_stale(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, _ = play(store, ann.id, mini, GOOD_PATH, steps=2)
    store.conn.execute(
        "UPDATE attempts SET state = json_set(state, '$.format', 99) WHERE id = ?", (attempt_id,)
    )
    store.conn.commit()
    with pytest.raises(ResumeError, match="state format 99"):
        store.resume(store.attempt(attempt_id), mini)
    assert store.attempt(attempt_id).status == "in_progress"
