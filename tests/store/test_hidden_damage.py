"""Issue 11: damage that passes quick_check, read-only folders and -shm files, a full disk
met while opening. Tests run as root, so permissions are simulated at the lowest level the
store asks about (os.access) or with SQLite's own read-only modes."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.conftest import GOOD_PATH, MINI, play
from trainer.cli import main
from trainer.store import StoreError, open_store
from trainer.store import database as database_module
from trainer.store import store as store_module
from trainer.store.progressfile import check_file


@pytest.fixture
def folder(tmp_path: Path, mini) -> Path:
    """A data folder with one learner, one finished and one unfinished attempt."""
    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann", "S1")
        play(store, ann.id, mini)
        play(store, ann.id, mini, GOOD_PATH, steps=2)
    return tmp_path


def _flip(db: Path, old: bytes, new: bytes) -> bytes:
    data = db.read_bytes()
    assert data.count(old) == 1 and len(old) == len(new)
    changed = data.replace(old, new)
    db.write_bytes(changed)
    conn = sqlite3.connect(db)
    try:  # the damage that SQLite's own check does not see
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return changed


def _sql(db: Path, statement: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(statement)
    conn.commit()
    conn.close()


DAMAGE = {
    "a column name in the schema text": (
        lambda db: _flip(db, b"display_name TEXT", b"display_nbme TEXT"),
        "table definitions",
    ),
    "a CHECK constraint in the schema text (no row breaks it yet)": (
        lambda db: _flip(db, b"'abandoned'", b"'abandonex'"),
        "table definitions",
    ),
    "bad JSON in a state": (
        lambda db: _sql(db, "UPDATE attempts SET state = '{\"format\": 1,' WHERE rowid = 1"),
        "unreadable saved state",
    ),
    "a state that is a list": (
        lambda db: _sql(db, "UPDATE attempts SET state = '[1]' WHERE rowid = 2"),
        "unreadable saved state",
    ),
    "bad JSON in a result": (
        lambda db: _sql(db, "UPDATE attempts SET result = 'oops' WHERE result IS NOT NULL"),
        "unreadable result",
    ),
    "percents that are a list": (
        lambda db: _sql(
            db,
            "UPDATE attempts SET result = json_set(result, '$.percents', json('[1]')) "
            "WHERE result IS NOT NULL",
        ),
        "unreadable result",
    ),
    "bad JSON in ticked": (
        lambda db: _sql(db, "UPDATE decisions SET ticked = '[\"a\"' WHERE ticked IS NOT NULL"),
        "unreadable checklist",
    ),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damage_quick_check_misses_is_moved_aside(folder: Path, kind: str) -> None:
    damage, words = DAMAGE[kind]
    db = folder / "progress.sqlite3"
    damage(db)
    damaged = db.read_bytes()
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "--data-dir",
            str(folder),
            "progress",
            "export",
            "--learner",
            "Ann",
            "--out",
            str(folder / "x.json"),
        ],
    )
    assert "Traceback" not in result.output
    assert "The progress database was damaged" in result.output and words in result.output
    (kept,) = [p for p in folder.glob("progress.sqlite3.corrupt-*") if p.name[-4] != "-"]
    assert kept.read_bytes() == damaged  # never deleted, never changed
    with open_store(folder) as store:  # the new database opens cleanly from now on
        assert store.notices == []


def test_the_fingerprint_follows_each_upgrade(tmp_path: Path) -> None:
    """A database upgraded by a new migration is not mistaken for a damaged one."""
    with open_store(tmp_path) as store:
        store.create_learner("Ann")
        store.conn.execute("DELETE FROM meta WHERE key = 'schema_sha256'")
        store.conn.commit()
    with open_store(tmp_path) as store:  # an older database gets its fingerprint now
        assert store.meta("schema_sha256")
        assert store.notices == []
    with open_store(tmp_path) as store:
        assert store.notices == [] and len(store.learners()) == 1


# ------------------------------------------------------------------ read-only


def _as_a_normal_user(monkeypatch, watched: set[Path]) -> None:
    """os.access as the owner (not root) sees it for the paths in ``watched``: a path
    can be written when its owner-write permission bit is set. Root ignores the bits."""
    real = os.access
    names = {str(p.resolve()) for p in watched}

    def access(path, mode, *args, **kwargs):
        target = Path(path)
        if (
            mode & os.W_OK
            and str(target.resolve()) in names
            and target.exists()
            and not target.stat().st_mode & stat.S_IWUSR
        ):
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_a_read_only_shm_left_behind_is_repaired_once_the_database_is_writable(
    folder: Path, monkeypatch
) -> None:
    db = folder / "progress.sqlite3"
    shm = folder / "progress.sqlite3-shm"
    # What an earlier version left after opening the database while it was read-only:
    # SQLite made the -shm with the database's (read-only) permissions.
    shm.write_bytes(b"\0" * 32768)
    shm.chmod(0o444)
    db.chmod(0o444)
    _as_a_normal_user(monkeypatch, {db, shm})
    with pytest.raises(StoreError, match="cannot be written to"):
        open_store(folder)
    db.chmod(0o644)  # the user fixes the permission they were told about
    with open_store(folder) as store:
        assert len(store.learners()) == 1
        assert shm.stat().st_mode & stat.S_IWUSR  # and the -shm no longer blocks
    with open_store(folder) as store:  # every later start too
        assert store.notices == []


def test_a_read_only_database_is_refused_before_sqlite_makes_a_shm(
    folder: Path, monkeypatch
) -> None:
    db = folder / "progress.sqlite3"
    for side in folder.glob("progress.sqlite3-*"):
        side.unlink()
    db.chmod(0o444)
    _as_a_normal_user(monkeypatch, {db})
    with pytest.raises(StoreError, match="cannot be written to"):
        open_store(folder)
    assert list(folder.glob("progress.sqlite3-*")) == []
    db.chmod(0o644)


def test_a_read_only_folder_still_allows_exports(folder: Path, monkeypatch, tmp_path) -> None:
    db = folder / "progress.sqlite3"
    folder.chmod(0o555)
    db.chmod(0o444)
    _as_a_normal_user(monkeypatch, {folder, db})
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):  # SQLite itself may only read here
        assert kwargs.get("uri") and ("mode=ro" in target or "immutable=1" in target), target
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(database_module.sqlite3, "connect", connect)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="cannot be written to"):
        open_store(folder)  # playing needs to write
    with open_store(folder, for_reading=True) as store:
        assert store.read_only
        assert [lr.display_name for lr in store.learners()] == ["Ann"]
    out = tmp_path / "elsewhere" / "ann.json"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main,
        ["--data-dir", str(folder), "progress", "export", "--learner", "Ann", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 2 attempt(s) for Ann" in result.output
    assert db.read_bytes() == before
    assert not (folder / "progress-signing.key").exists()  # nothing made in the folder
    assert "exported where no signing key could be made" in check_file(out).signature
    folder.chmod(0o755)
    db.chmod(0o644)


def test_reading_an_empty_read_only_folder_says_there_is_no_progress(
    tmp_path: Path, monkeypatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    empty.chmod(0o555)
    _as_a_normal_user(monkeypatch, {empty})
    with pytest.raises(StoreError, match="There is no progress yet"):
        open_store(empty, for_reading=True)


# ------------------------------------------------------------------ full disk


def test_a_full_disk_met_while_opening_is_called_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    """SQLite reports a full disk met while making the -shm as 'disk I/O error'."""

    def connect(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    class Full:
        f_bavail = 3
        f_frsize = 4096

    monkeypatch.setattr(database_module.sqlite3, "connect", connect)
    monkeypatch.setattr(database_module.os, "statvfs", lambda path: Full(), raising=False)
    with pytest.raises(StoreError, match="the disk is full") as caught:
        open_store(tmp_path / "data")
    assert "disk I/O error" not in caught.value.headline
    assert "Free some space" in caught.value.advice


def test_an_io_error_with_space_left_is_not_called_a_full_disk(tmp_path, monkeypatch) -> None:
    def connect(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database_module.sqlite3, "connect", connect)
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "data")
    assert "disk is full" not in caught.value.headline


def test_full_disk_from_the_os_while_creating_the_folder(tmp_path, monkeypatch) -> None:
    def mkdir(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module.Path, "mkdir", mkdir)
    with pytest.raises(StoreError, match="the disk is full"):
        open_store(tmp_path / "new")


@pytest.mark.parametrize(
    "change",
    [
        "json_set(state, '$.origin', 'door')",
        "json_set(state, '$.decisions', 7)",
        "json_set(state, '$.decisions', json('[1, 2]'))",
    ],
)
def test_a_state_of_the_wrong_shape_never_breaks_the_next_play(folder: Path, change) -> None:
    """A state that is an object of the wrong shape (which the start-up check lets
    through): `play --learner` says the attempt cannot be resumed and starts afresh."""
    with open_store(folder) as store:
        store.conn.execute(f"UPDATE attempts SET state = {change} WHERE status = 'in_progress'")
        store.conn.commit()
    runner = CliRunner()
    args = ["--data-dir", str(folder), "play", str(MINI), "--learner", "Ann"]
    first = runner.invoke(main, args, input="")
    assert first.exit_code == 3, first.output
    assert "saved state is damaged" in first.output and "Traceback" not in first.output
    later = runner.invoke(main, args, input="")  # the play after that resumes the new one
    assert later.exit_code == 3, later.output
    assert "Resuming your attempt" in later.output and "Traceback" not in later.output


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 256 KB file system (tmpfs), where this machine lets the tests mount one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not Path("/proc/mounts").exists():
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(folder: Path) -> None:
    with (folder / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"x" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_opening_on_a_really_full_disk_says_the_disk_is_full(tiny_disk: Path) -> None:
    """On a full tmpfs an existing database failed with "disk I/O error"."""
    with open_store(tiny_disk / "data") as store:
        store.create_learner("Ann")
    _fill(tiny_disk)
    before = (tiny_disk / "data" / "progress.sqlite3").read_bytes()
    with pytest.raises(StoreError, match="the disk is full"):
        open_store(tiny_disk / "data")
    with pytest.raises(StoreError, match="the disk is full"):
        open_store(tiny_disk / "new")
    assert (tiny_disk / "data" / "progress.sqlite3").read_bytes() == before
    (tiny_disk / "filler").unlink()
    with open_store(tiny_disk / "data") as store:  # space freed: all there
        assert [lr.display_name for lr in store.learners()] == ["Ann"]
