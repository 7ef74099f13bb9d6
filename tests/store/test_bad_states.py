"""Bad states (issue 3 point 5): corrupt files, read-only folders, full disks, two processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.store.conftest import GOOD_PATH, MINI, play, take
from trainer.core.session import Session
from trainer.store import StoreError, open_store
from trainer.store import database as database_module

ROOT = Path(__file__).resolve().parents[2]


def test_non_sqlite_file_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    junk = b"This is not a database, it is a shopping list.\n" * 200
    db.write_bytes(junk)
    with open_store(tmp_path) as store:
        assert len(store.notices) == 1
        (kept,) = tmp_path.glob("progress.sqlite3.corrupt-*")
        assert kept.read_bytes() == junk
        assert str(kept) in store.notices[0]
        assert store.create_learner("Ann").display_name == "Ann"  # a fresh, working db
    with open_store(tmp_path) as again:
        assert again.notices == []
        assert [lr.display_name for lr in again.learners()] == ["Ann"]


def test_damaged_database_is_moved_aside_with_its_wal(tmp_path: Path, mini) -> None:
    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann")
        for _ in range(30):
            play(store, ann.id, mini)
    db = tmp_path / "progress.sqlite3"
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):  # scribble over b-tree pages
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    (tmp_path / "progress.sqlite3-wal").write_bytes(b"left over from a crash" * 10)
    with open_store(tmp_path) as store:
        assert "damaged" in store.notices[0]
        assert store.learners() == []
    kept = sorted(p.name for p in tmp_path.glob("progress.sqlite3.corrupt-*"))
    assert kept[0] + "-wal" in kept
    assert (tmp_path / kept[0]).read_bytes() == bytes(data)


def _read_only_connect(real_connect):
    """sqlite3.connect that opens the file read-only, as on a read-only folder or share."""

    def connect(path, *args, **kwargs):
        if kwargs.get("uri"):  # already a URI (the read-only probe)
            return real_connect(path, *args, **kwargs)
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    return connect


def test_read_only_database_gives_a_clear_message_and_changes_nothing(
    tmp_path: Path, mini, monkeypatch
) -> None:
    with open_store(tmp_path) as store:
        play(store, store.create_learner("Ann").id, mini)
    before = (tmp_path / "progress.sqlite3").read_bytes()
    monkeypatch.setattr(database_module.sqlite3, "connect", _read_only_connect(sqlite3.connect))
    with pytest.raises(StoreError, match="cannot be written to") as caught:
        open_store(tmp_path)
    assert "--data-dir" in caught.value.advice
    monkeypatch.undo()
    assert (tmp_path / "progress.sqlite3").read_bytes() == before
    with open_store(tmp_path) as store:
        assert len(store.learners()) == 1


def test_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="progress folder"):
        open_store(blocker / "data")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions"
)
def test_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="cannot be written to"):
            open_store(folder)
    finally:
        folder.chmod(0o755)


def test_writes_refused_midway_lose_nothing(store, mini) -> None:
    ann = store.create_learner("Ann")
    attempt_id, session = play(store, ann.id, mini, steps=2)
    store.conn.execute("PRAGMA query_only = ON")  # the folder became read-only
    step = take(session, GOOD_PATH[2])
    with pytest.raises(StoreError, match="cannot be written to"):
        store.record_decision(attempt_id, session, step)
    store.conn.execute("PRAGMA query_only = OFF")
    assert len(store.decisions(attempt_id)) == 2
    store.record_decision(attempt_id, session, step)  # retry once it is writable again
    assert store.attempt(attempt_id).state == session.state()


def test_full_disk_gives_a_clear_message_and_loses_nothing(store, mini) -> None:
    ann = store.create_learner("Ann")
    earlier, _ = play(store, ann.id, mini)  # a finished attempt saved before the disk filled
    attempts = [store.start_attempt(ann.id, mini, "practice").id for _ in range(300)]
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    saved: list[str] = []
    with pytest.raises(StoreError, match="disk is full") as caught:
        for attempt_id in attempts:
            session = Session(mini)
            step = take(session, GOOD_PATH[0])
            store.record_decision(attempt_id, session, step)
            saved.append(attempt_id)
    assert "Everything saved before this is safe" in caught.value.advice
    assert len(saved) < len(attempts)
    assert len(store.decisions(earlier)) == 5 and store.attempt(earlier).passed
    failed = attempts[len(saved)]
    assert store.decisions(failed) == [] and store.attempt(failed).decision_count == 0
    assert all(len(store.decisions(a)) == 1 for a in saved)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: retry works
    store.record_decision(failed, session, step)
    assert store.attempt(failed).decision_count == 1


def test_busy_database_gives_a_clear_message(store) -> None:
    blocker = sqlite3.connect(store.db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="busy in another window"):
            store.create_learner("Ann")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.create_learner("Ann")


WRITER = textwrap.dedent(
    """
    import sys
    from trainer.core.loader import load_case
    from trainer.core.session import Session
    from trainer.store import open_store
    loaded = load_case(sys.argv[2])
    store = open_store(sys.argv[1])
    learner = store.create_learner(sys.argv[3])
    for _ in range(int(sys.argv[4])):
        attempt = store.start_attempt(learner.id, loaded, "practice")
        s = Session(loaded)
        store.record_decision(attempt.id, s, s.choose("check-safe"))
        store.record_decision(attempt.id, s, s.choose("listen"))
        store.record_decision(attempt.id, s, s.tick(["strangulation"]))
        store.record_decision(attempt.id, s, s.rate("high"))
        store.record_decision(attempt.id, s, s.choose("from-records"))
        store.finish_attempt(attempt.id, s.result())
    store.close()
    """
)


def test_two_processes_on_one_database(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(MINI), name, "25"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ann", "Bob")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with open_store(tmp_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for learner in store.learners():
            attempts = store.attempts(learner.id)
            assert len(attempts) == 25
            assert all(a.status == "completed" and a.decision_count == 5 for a in attempts)
        assert store.rows("SELECT COUNT(*) AS n FROM decisions")[0]["n"] == 250


def test_session_is_untouched_by_a_failed_save(store, mini) -> None:
    """After a failed save the app can retry: the session and database still agree."""
    ann = store.create_learner("Ann")
    attempt = store.start_attempt(ann.id, mini, "practice")
    session = Session(mini)
    step = session.choose("check-safe")
    store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError):
        store.record_decision(attempt.id, session, step)
    store.conn.execute("PRAGMA query_only = OFF")
    assert store.decisions(attempt.id) == []
    store.record_decision(attempt.id, session, step)
    assert store.resume(store.attempt(attempt.id), mini).scene_id == session.scene_id


OPENER = """
import sys
from pathlib import Path
from trainer.store import open_store
store = open_store(Path(sys.argv[1]))
store.create_learner(sys.argv[2])
store.close()
"""


def test_many_processes_opening_a_new_database_at_once(tmp_path: Path) -> None:
    """Opening waits out the locks SQLite reports at once (journal mode, first creation)
    instead of telling the learner the database is busy."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_ in range(3):
        folder = tmp_path / f"round{round_}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(folder), f"learner {n}"],
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(6)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        with open_store(folder) as store:
            assert len(store.learners()) == 6
