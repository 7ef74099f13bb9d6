"""The schema, as named, ordered migrations (sqlite-utils ``Migrations``).

Each migration runs in its own transaction with the record that it ran. Add new
migrations at the end, never edit or reorder old ones. A database that has
migrations this code does not know (made by a newer app) is refused, untouched.

All pending migrations run inside one ``BEGIN IMMEDIATE`` (so two first starts
cannot race), each in its own savepoint: do not register ``transactional=False``
migrations (VACUUM and the like cannot run there).

The steps are listed here with :func:`migration`, and the sqlite-utils
``Migrations`` set is built from them by :func:`build_migrations` only when a
database needs creating or upgrading: an up-to-date database opens without
importing sqlite-utils at all (it is on the path to the GUI's first paint).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "casework-trainer"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own record of what ran
STEPS: list[tuple[str, Callable[[Any], None]]] = []  # (name, function), in order


def migration(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register the next migration step under ``name`` (append only, never reorder)."""

    def register(step: Callable[[Any], None]) -> Callable[[Any], None]:
        if any(known == name for known, _ in STEPS):
            raise ValueError(f"Migration '{name}' is already registered")
        STEPS.append((name, step))
        return step

    return register


def build_migrations() -> Migrations:
    """The sqlite-utils ``Migrations`` set of every step, in order."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        migrations(name=name)(step)
    return migrations


@migration("0001_initial")
def initial(db: Database) -> None:
    for statement in INITIAL_SQL.split(";"):
        if statement.strip():
            db.execute(statement)
    import secrets  # only when a database is created

    db.execute("INSERT INTO meta (key, value) VALUES ('pseudonym_key', ?)", [secrets.token_hex(16)])


@migration("0002_unique_learner_names")
def unique_learner_names(db: Database) -> None:
    """One profile per name: ``name_key`` (the name folded for comparison) is unique.

    Two first plays with the same new name at the same moment could make two profiles.
    Existing duplicates are kept, never merged or deleted: the oldest profile keeps the
    name's key and the later ones are left without one (``name_key IS NULL``), which
    ``trainer learners`` shows as "shares its name" so a course lead can tell them apart.
    """
    from trainer.store.models import name_key

    db.execute("ALTER TABLE learners ADD COLUMN name_key TEXT")
    taken: set[str] = set()
    rows = db.execute("SELECT id, display_name FROM learners ORDER BY created_at, rowid").fetchall()
    for learner_id, display_name in rows:
        key = name_key(display_name)
        if key in taken:
            continue
        taken.add(key)
        db.execute("UPDATE learners SET name_key = ? WHERE id = ?", [key, learner_id])
    db.execute("CREATE UNIQUE INDEX learners_name_key ON learners (name_key)")


def known_names() -> list[str]:
    return [name for name, _ in STEPS]


# The schema's fingerprint: the SHA-256 of our own tables' and indexes' SQL text, kept in
# ``meta`` each time migrations run. A byte changed in the schema text (which SQLite's
# quick_check does not look at) shows up as a different fingerprint at the next start.
FINGERPRINT_KEY = "schema_sha256"
_OWN_SCHEMA_SQL = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY type, name"
)


def schema_fingerprint(conn: Any) -> str:
    """The fingerprint of the schema as the database has it now."""
    import hashlib

    digest = hashlib.sha256()
    for row in conn.execute(_OWN_SCHEMA_SQL):
        digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


INITIAL_SQL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE learners (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    student_id TEXT,
    cohort TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX learners_student_id ON learners (student_id);
CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES learners (id),
    case_id TEXT NOT NULL,
    case_title TEXT,
    case_version TEXT NOT NULL,
    case_sha256 TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessed')),
    kind TEXT NOT NULL CHECK (kind IN ('learner', 'tutor')),
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'abandoned', 'stale')),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    ended_at TEXT,
    state TEXT NOT NULL,
    result TEXT,
    decision_count INTEGER NOT NULL DEFAULT 0,
    last_scene TEXT,
    active_ms INTEGER NOT NULL DEFAULT 0,
    percent REAL,
    passed INTEGER,
    score_raw REAL,
    score_max REAL,
    critical_errors INTEGER,
    unsafe_choices INTEGER,
    app_version TEXT
);
CREATE INDEX attempts_learner_case ON attempts (learner_id, case_id);
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES attempts (id),
    seq INTEGER NOT NULL,
    scene TEXT NOT NULL,
    kind TEXT NOT NULL,
    choice TEXT,
    ticked TEXT,
    rating TEXT,
    label TEXT,
    judgement TEXT,
    points REAL,
    points_detail TEXT,
    critical INTEGER NOT NULL DEFAULT 0,
    confidence TEXT,
    elapsed_ms INTEGER,
    feedback TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (attempt_id, seq)
);
CREATE TABLE reflections (
    attempt_id TEXT PRIMARY KEY REFERENCES attempts (id),
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


@migration("0003_xapi_outbox")
def xapi_outbox(db: Database) -> None:
    """xAPI statements waiting for the Learning Record Store, and those it refused.

    ``statement`` is the statement's JSON text, exactly as it is sent.

    A statement is written to ``xapi_outbox`` in the same transaction as the record it
    describes, with its id and timestamp fixed then; ``seq`` keeps the order it happened
    in (a new row's seq is above every queued one). Delivered statements are deleted; one
    the LRS refuses (a 4xx other than 409/429)
    moves to ``xapi_dead_letters`` with the LRS's own message for the course lead.
    """
    # Neither AUTOINCREMENT nor an index on ``id``: each costs one more page written and
    # synced with every decision (docs/performance.md). Rows are settled by ``seq``; a new
    # row's ``seq`` is always above every queued one.
    db.execute(
        "CREATE TABLE xapi_outbox (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, "
        "statement TEXT NOT NULL, recorded_at TEXT NOT NULL, "
        "tries INTEGER NOT NULL DEFAULT 0, last_error TEXT)"
    )
    db.execute(
        "CREATE TABLE xapi_dead_letters (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, "
        "statement TEXT NOT NULL, recorded_at TEXT NOT NULL, failed_at TEXT NOT NULL, "
        "status INTEGER, message TEXT NOT NULL)"
    )
