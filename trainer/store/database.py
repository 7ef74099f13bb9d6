"""Opening the SQLite file safely: pragmas, migrations, corrupt files, clear errors.

Durability: WAL with ``synchronous=FULL``. Every decision is its own committed
transaction, so a killed process or a dead battery loses at most the decision
being written when it happened, never one that was acknowledged. FULL (an fsync
of the WAL on every commit) was chosen by measurement: on the reference
machine a decision commit costs about 0.25 ms with FULL against 0.05 ms with
NORMAL, invisible next to a person reading a scene, and NORMAL can lose the
last commits on power loss (see docs/course-leads.md and bench/store_bench.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.store.errors import StoreError
from trainer.store.schema import (
    FINGERPRINT_KEY,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
    build_migrations,
    known_names,
    schema_fingerprint,
)

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 5000
SYNCHRONOUS = "FULL"
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    f"PRAGMA synchronous = {SYNCHRONOUS}",
    "PRAGMA foreign_keys = ON",
)
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

# The migrations to apply; None means the schema's own (built when first needed, see
# trainer/store/schema.py). Tests set their own to check upgrades.
migrations: Migrations | None = None


TIMESTAMP_PATTERN = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"
TIMESTAMP_WIDTH = 27


def utc_now() -> str:
    """ISO 8601 UTC with microseconds, e.g. 2026-11-23T15:04:05.123456Z (always 27 chars)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


FULL_BELOW_BYTES = 1 << 20  # less free space than this, and an I/O error means a full disk


def disk_is_full(folder: Path | None) -> bool:
    """True when the file system holding ``folder`` (or its nearest existing parent) has
    next to no free space left. SQLite reports a full disk met while it opens a database
    (making the -shm or -wal file) as a plain "disk I/O error"."""
    if folder is None or not hasattr(os, "statvfs"):
        return False
    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < FULL_BELOW_BYTES


def translate(exc: BaseException, doing: str, folder: Path | None = None) -> StoreError:
    """Turn a sqlite3/OS error into a StoreError with a headline and advice. ``folder``:
    where the failed write went, to tell a full disk behind a plain I/O error."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if (
        "disk is full" in text
        or code == errno.ENOSPC
        or (("disk i/o error" in text or code == errno.EIO) and disk_is_full(folder))
    ):
        return StoreError(
            f"Could not {doing}: the disk is full.",
            "Free some space, then try again. Everything saved before this is safe.",
        )
    if (
        "readonly" in text
        or "read-only" in text
        or code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "unable to open database file" in text
    ):
        return StoreError(
            f"Could not {doing}: the progress folder cannot be written to.",
            "Check that the folder exists and that you may write to it, or choose another "
            "folder with --data-dir or TRAINER_HOME. Nothing already saved was changed.",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"Could not {doing}: the progress database is busy in another window.",
            "Close the other Casework Trainer window or command, then try again.",
        )
    return StoreError(f"Could not {doing}: {exc}", "Nothing already saved was changed.")


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _probe(db_path: Path) -> str | None:
    """None if the file reads as a sound SQLite database, else why not.

    The probe opens the file read-only, so it can never checkpoint a WAL into a
    damaged file or otherwise change what will be kept.
    """
    try:
        conn = sqlite3.connect(
            f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error:
        return None  # cannot even open read-only: the real open reports why
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            return f"quick_check: {row[0] if row else 'no answer'}"
        return hidden_damage(conn)
    except sqlite3.DatabaseError as exc:
        return str(exc) if is_corruption(exc) else None
    finally:
        conn.close()


# Columns holding JSON, each with the shape every reader of it expects. A row that breaks
# one of these would raise on every play or export, so it counts as damage.
_JSON_CHECKS = (
    (
        "SELECT id FROM attempts WHERE NOT CASE WHEN json_valid(state) "
        "THEN json_type(state) = 'object' ELSE 0 END LIMIT 1",
        "attempt {} has an unreadable saved state",
    ),
    (
        "SELECT id FROM attempts WHERE result IS NOT NULL AND NOT CASE WHEN json_valid(result) "
        "THEN json_type(result) = 'object' AND coalesce(json_type(result, '$.percents'), "
        "'object') = 'object' ELSE 0 END LIMIT 1",
        "attempt {} has an unreadable result",
    ),
    (
        "SELECT id FROM decisions WHERE ticked IS NOT NULL AND NOT CASE WHEN json_valid(ticked) "
        "THEN json_type(ticked) = 'array' ELSE 0 END LIMIT 1",
        "decision {} has an unreadable checklist",
    ),
    (
        "SELECT id FROM decisions WHERE points_detail IS NOT NULL AND NOT CASE WHEN "
        "json_valid(points_detail) THEN json_type(points_detail) = 'object' ELSE 0 END LIMIT 1",
        "decision {} has unreadable points",
    ),
)


def hidden_damage(conn: sqlite3.Connection) -> str | None:
    """Damage that ``quick_check`` does not look at, else None: schema text that no longer
    matches the fingerprint kept when the schema was last changed (a flipped byte can turn
    a column name into another and every query into an error), and JSON columns that are
    not JSON of the expected shape."""
    try:
        stored = conn.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    except sqlite3.OperationalError:
        return None  # no meta table: a database still being created
    if stored is not None and stored[0] != schema_fingerprint(conn):
        return "its table definitions have been changed"
    for sql, what in _JSON_CHECKS:
        try:
            row = conn.execute(sql).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                continue
            return f"its table definitions do not fit ({exc})"
        if row is not None:
            return what.format(row[0])
    return None


def move_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to ``*.corrupt-<UTC timestamp>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    db_path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_database(db_path: Path, notices: list[str]) -> sqlite3.Connection:
    """Open (creating and migrating) the database; corrupt files are moved aside."""
    folder = db_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate(exc, f"create the progress folder {folder}") from None
    if db_path.exists() and not os.access(db_path, os.R_OK | os.W_OK):
        # Refuse before SQLite opens it: opening a read-only database in WAL mode leaves
        # a read-only -shm behind, which kept failing after the permission was fixed.
        raise _not_writable(f"open the progress database {db_path}")
    repair_side_files(db_path)
    if db_path.exists() and db_path.stat().st_size:
        problem = _probe(db_path)
        if problem is not None:
            _set_aside(db_path, problem, notices)
    try:
        return _connect(db_path)
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise translate(exc, f"open the progress database {db_path}", folder) from None
        _set_aside(db_path, str(exc), notices)
    try:
        return _connect(db_path)
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, f"open the progress database {db_path}", folder) from None


def _not_writable(doing: str) -> StoreError:
    return translate(PermissionError(errno.EACCES, "Permission denied"), doing)


def repair_side_files(db_path: Path) -> None:
    """Give a read-only ``-wal``/``-shm`` (left by an earlier version that opened the
    database while it was read-only) the database's own permissions again, so fixing
    the database's permission is enough. Nothing is deleted: another process may be
    using them."""
    if not db_path.exists() or not os.access(db_path, os.W_OK):
        return
    mode = stat.S_IMODE(db_path.stat().st_mode)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists() and not os.access(side, os.R_OK | os.W_OK):
            with contextlib.suppress(OSError):
                os.chmod(side, mode | stat.S_IRUSR | stat.S_IWUSR)


def open_for_reading(db_path: Path, notices: list[str]) -> sqlite3.Connection:
    """Open an up-to-date database read-only, for exports from a folder that cannot be
    written: nothing is created, migrated or moved. A database whose ``-wal`` cannot be
    read there is opened as immutable (what was last checkpointed), with a notice."""
    if not db_path.is_file():
        raise StoreError(
            f"There is no progress yet in {db_path.parent}.",
            "Play a case first, or choose the folder that holds progress.sqlite3 with --data-dir.",
        )
    base = db_path.resolve().as_uri()
    conn = None
    for query in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(
                f"{base}?{query}",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
            )
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                _close_quietly(conn)
                conn = None
            if is_corruption(exc):
                raise _damaged_read_only(db_path, str(exc)) from None
            continue
        if query == "immutable=1" and db_path.with_name(db_path.name + "-wal").exists():
            notices.append(
                "The progress folder is read-only, so the latest changes still in "
                f"{db_path.name}-wal could not be read; open the app once with write "
                "access to include them."
            )
        break
    if conn is None:
        raise StoreError(
            f"Could not read the progress database {db_path}.",
            "Check that you may read the folder and the file.",
        )
    try:
        problem = _read_only_problem(conn)
    except sqlite3.DatabaseError as exc:
        _close_quietly(conn)
        raise _damaged_read_only(db_path, str(exc)) from None
    if problem is not None:
        _close_quietly(conn)
        if problem.startswith("upgrade"):
            raise StoreError(
                f"The progress database {db_path} was made by an older version of the "
                "app and needs upgrading, but its folder cannot be written to.",
                "Open it once where it can be written, or copy the folder somewhere "
                "writable and use --data-dir.",
            )
        if problem.startswith("newer"):
            raise StoreError(
                f"The progress database {db_path} was made by a newer version of Casework Trainer.",
                "Update the app to read it. The file was not changed.",
            )
        raise _damaged_read_only(db_path, problem)
    return conn


def _read_only_problem(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        return f"quick_check: {row[0] if row else 'no answer'}"
    applied = _applied_names(conn)
    if any(name not in known_names() for name in applied):
        return "newer"
    if set(applied) != set(known_names()):
        return "upgrade"
    return hidden_damage(conn)


def _damaged_read_only(db_path: Path, problem: str) -> StoreError:
    return StoreError(
        f"The progress database {db_path} is damaged ({problem}).",
        "It was left as it was, because its folder cannot be written to. Open the app "
        "where the folder can be written: it keeps the damaged file aside and starts "
        "a new one.",
    )


OPEN_PATIENCE_S = 20.0  # how long opening waits for another process's lock


def _connect(db_path: Path) -> sqlite3.Connection:
    """Connect, set the pragmas, migrate and prove we can write.

    Two processes opening the same database at once (two windows, or a course lead's
    export while the app runs) can meet a lock that SQLite reports at once instead of
    waiting for the busy timeout (changing the journal mode, first creation). Opening
    retries such locks, with a growing pause, for up to OPEN_PATIENCE_S.
    """
    deadline = time.monotonic() + OPEN_PATIENCE_S
    pause = 0.05
    while True:
        try:
            return _connect_once(db_path)
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise translate(
                    exc, f"open the progress database {db_path}", db_path.parent
                ) from None
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _connect_once(db_path: Path) -> sqlite3.Connection:
    """One attempt; a busy or locked database raises sqlite3.OperationalError untranslated."""
    try:
        conn = sqlite3.connect(
            str(db_path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise translate(exc, f"open the progress database {db_path}", db_path.parent) from None
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        _migrate(conn, db_path)
        # Prove we can write now, not at the learner's first decision.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('last_opened', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (utc_now(),),
        )
        conn.execute("COMMIT")
    except StoreError:
        _close_quietly(conn)
        raise
    except sqlite3.OperationalError as exc:
        _close_quietly(conn)
        if is_busy(exc):
            raise
        raise translate(exc, f"open the progress database {db_path}", db_path.parent) from None
    except sqlite3.DatabaseError as exc:
        _close_quietly(conn)
        if is_corruption(exc):
            raise
        raise translate(exc, f"open the progress database {db_path}", db_path.parent) from None
    except OSError as exc:
        _close_quietly(conn)
        raise translate(exc, f"open the progress database {db_path}", db_path.parent) from None
    return conn


def _close_quietly(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    with contextlib.suppress(sqlite3.Error):
        conn.close()


def _set_aside(db_path: Path, problem: str, notices: list[str]) -> None:
    try:
        moved = move_aside(db_path)
    except OSError as exc:
        raise StoreError(
            f"The progress database {db_path} is damaged ({problem}), and it could "
            f"not be moved aside: {exc.strerror}.",
            "Move or rename the file yourself (do not delete it), then start again.",
        ) from None
    notices.append(
        f"The progress database was damaged ({problem}). It was kept as {moved} "
        "and a new, empty one was started. Ask your tutor or IT support if you "
        "need what was in it."
    )


def _migrate(conn: sqlite3.Connection, db_path: Path) -> None:
    """Apply pending migrations under a write lock, so two first starts cannot race.

    A database with every known migration applied (every start but the first) is
    checked with two plain queries; sqlite-utils is imported only to apply migrations.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied = _applied_names(conn)
        unknown = [name for name in applied if name not in known_names()]
        if unknown:
            raise StoreError(
                f"The progress database {db_path} was made by a newer version of Casework "
                f"Trainer (it has schema changes {', '.join(unknown)}).",
                "Update the app to open it. The file was not changed.",
            )
        if set(applied) != set(known_names()) or _table_keys(conn) != ["id"]:
            from sqlite_utils import Database

            steps = migrations if migrations is not None else build_migrations()
            steps.apply(Database(conn, execute_plugins=False))
            _keep_fingerprint(conn)
        elif conn.execute("SELECT 1 FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone() is None:
            _keep_fingerprint(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        raise


def _keep_fingerprint(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [FINGERPRINT_KEY, schema_fingerprint(conn)],
    )


def _table_keys(conn: sqlite3.Connection) -> list[str]:
    """The primary key of the migrations table ([] if it does not exist): sqlite-utils
    rebuilds the table when its key is not ``id``, so that case takes the slow path."""
    info = conn.execute(f"PRAGMA table_info({MIGRATIONS_TABLE})").fetchall()
    return [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]


def _applied_names(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded as applied, in order (what sqlite-utils' ``applied`` reads)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
    ]


def migration_names(db: Database) -> list[str]:
    return [
        row["name"]
        for row in db.query(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            [MIGRATION_SET],
        )
    ]


@contextlib.contextmanager
def write_transaction(
    conn: sqlite3.Connection, doing: str, folder: Path | None = None
) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; any failure rolls back and becomes a StoreError."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate(exc, doing, folder) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise translate(exc, doing, folder) from None
        raise


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_current_umask()  # what open() would give a new file


def fsync_folder(folder: Path) -> None:
    """Best effort: make a rename in ``folder`` durable (POSIX only)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def query_rows(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[dict]:
    """Rows of a read query as dicts (sqlite-utils ``query`` semantics: repeated column
    names get ``_2``, ``_3``...; a statement that returns no rows is undone and refused)."""
    was_in_transaction = conn.in_transaction
    cursor = conn.execute(sql, params)
    if cursor.description is None:
        if conn.in_transaction and not was_in_transaction:
            conn.execute("ROLLBACK")
        raise ValueError("query_rows() is for statements that return rows")
    keys = [d[0] for d in cursor.description]
    if len(set(keys)) != len(keys):
        from sqlite_utils.utils import dedupe_keys

        keys = dedupe_keys(keys)
    return [dict(zip(keys, row, strict=True)) for row in cursor]
