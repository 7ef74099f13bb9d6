"""The progress store: learners, attempts, every decision, reflections.

Every write is one ``BEGIN IMMEDIATE ... COMMIT`` transaction, so a decision is
on disk (WAL, synchronous=FULL) before :meth:`Store.record_decision` returns.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer import __version__
from trainer.core.errors import StateError
from trainer.store.database import (
    open_database,
    open_for_reading,
    query_rows,
    translate,
    utc_now,
    write_transaction,
)
from trainer.store.errors import ResumeError, StoreError
from trainer.store.history import ProgressQueries
from trainer.store.location import DB_NAME, resolve_data_dir
from trainer.store.models import (
    MAX_COHORT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_STUDENT_ID_LENGTH,
    Attempt,
    Learner,
    name_key,
)
from trainer.store.outbox import OutboxQueries, OutboxRecorder

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase
    from trainer.core.scoring import Decision, Result, StepResult
    from trainer.core.session import Session

# Sessions and scoring (and through them the pydantic case model) are imported where a
# case is played, not here: opening the store is on the path to the GUI's first paint.

_INSERT_DECISION = (
    "INSERT INTO decisions (id, attempt_id, seq, scene, kind, choice, ticked, rating, label, "
    "judgement, points, points_detail, critical, confidence, elapsed_ms, feedback, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE_ATTEMPT_STATE = (
    "UPDATE attempts SET state = ?, decision_count = ?, last_scene = ?, updated_at = ?, "
    "active_ms = active_ms + ? WHERE id = ? AND status = 'in_progress' AND decision_count = ?"
)


def open_store(data_dir: Path | str | None = None, *, for_reading: bool = False) -> Store:
    """Open the store in ``data_dir`` (else $TRAINER_HOME, else the per-user app-data folder).

    ``for_reading``: the caller only reads (an export). Where the folder or the database
    cannot be written, the database is then opened read-only instead of refused; where
    they can, it opens as usual (so damage is moved aside and upgrades run).
    """
    folder = resolve_data_dir(data_dir)
    notices: list[str] = []
    db_path = folder / DB_NAME
    if for_reading and not _writable(folder, db_path):
        return Store(open_for_reading(db_path, notices), folder, notices, read_only=True)
    conn = open_database(db_path, notices)
    store = Store(conn, folder, notices)
    from trainer.store.lrs import recorder_for

    store.xapi = recorder_for(folder)
    return store


def _writable(folder: Path, db_path: Path) -> bool:
    import os

    if not folder.is_dir():
        return True  # the usual open makes it, or says why it cannot
    wanted = os.W_OK | os.X_OK
    return os.access(folder, wanted) and (not db_path.exists() or os.access(db_path, os.W_OK))


class Store(ProgressQueries, OutboxQueries):
    """One open progress database. Use :func:`open_store` to get one."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        data_dir: Path,
        notices: list[str],
        read_only: bool = False,
    ) -> None:
        self.conn = conn
        self.read_only = read_only
        self._db: Any = None
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self.notices = notices
        self._lock = threading.RLock()
        # Sync with an LRS is on: the statement(s) for each record are queued with it.
        self.xapi: OutboxRecorder | None = None

    @property
    def db(self) -> Any:
        """A sqlite-utils ``Database`` over the connection, for tools and tests; the store
        itself reads and writes with plain sqlite3, so start-up does not import sqlite-utils."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One committed transaction; failures roll back and raise StoreError."""
        with self._lock, write_transaction(self.conn, doing, self.data_dir) as conn:
            yield conn

    def rows(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        """The rows of a read query, each a dict by column name (as sqlite-utils gives)."""
        try:
            with self._lock:
                return query_rows(self.conn, sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, "read the progress database") from None

    def meta(self, key: str) -> str | None:
        found = self.rows("SELECT value FROM meta WHERE key = ?", [key])
        return found[0]["value"] if found else None

    # ------------------------------------------------------------------ learners

    def create_learner(
        self, display_name: str, student_id: str | None = None, cohort: str | None = None
    ) -> Learner:
        """A new profile; a name another profile already has is refused (names are told
        apart ignoring case and spacing), as is a student ID number already in use."""
        name = checked_name(display_name)
        student_id = checked_student_id(student_id)
        cohort = checked_cohort(cohort)
        now = utc_now()
        learner = Learner(_new_id(), name, student_id, cohort, now)
        with self.write("create the learner profile") as conn:
            self._refuse_taken(conn, None, name, student_id)
            conn.execute(
                "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
                "updated_at, name_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (learner.id, name, student_id, cohort, now, now, name_key(name)),
            )
        return learner

    def learner_named(self, text: str, student_id: str | None = None) -> Learner:
        """The learner this id, student ID number or name means; a new profile (with this
        student ID number) if none. Safe against two processes creating the same name
        at once: the unique ``name_key`` lets only one profile in, and both get it."""
        found = self.find_learner(text)
        if found is None:
            name = checked_name(text)
            student_id = checked_student_id(student_id)
            now = utc_now()
            with self.write("create the learner profile") as conn:
                if student_id is not None:
                    self._refuse_taken(conn, None, None, student_id)
                conn.execute(
                    "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
                    "updated_at, name_key) VALUES (?, ?, ?, NULL, ?, ?, ?) "
                    "ON CONFLICT (name_key) DO NOTHING",
                    (_new_id(), name, student_id, now, now, name_key(name)),
                )
            found = self.find_learner(text)
            if found is None:  # pragma: no cover - the row above or a rival's is there
                raise StoreError(f"Could not create the learner profile '{name}'.")
            return found
        if student_id is not None and checked_student_id(student_id) != found.student_id:
            return self.update_learner(found.id, student_id=student_id)
        return found

    def update_learner(
        self,
        learner_id: str,
        *,
        display_name: str | None = None,
        student_id: str | None = None,
        cohort: str | None = None,
    ) -> Learner:
        """Change a profile's name, student ID number or cohort (None: leave as it is;
        an empty text clears the student ID number or the cohort)."""
        learner = self.learner(learner_id)
        name = learner.display_name if display_name is None else checked_name(display_name)
        sid = learner.student_id if student_id is None else checked_student_id(student_id)
        group = learner.cohort if cohort is None else checked_cohort(cohort)
        with self.write("change the learner profile") as conn:
            renamed = name_key(name) != name_key(learner.display_name)
            self._refuse_taken(
                conn,
                learner_id,
                name if renamed else None,
                sid if sid != learner.student_id else None,
            )
            key = name_key(name) if renamed or learner.has_own_name else None
            conn.execute(
                "UPDATE learners SET display_name = ?, student_id = ?, cohort = ?, "
                "name_key = ?, updated_at = ? WHERE id = ?",
                (name, sid, group, key, utc_now(), learner_id),
            )
        if self.xapi is not None:
            self.xapi.forget()
        return self.learner(learner_id)

    @staticmethod
    def _refuse_taken(
        conn: sqlite3.Connection, learner_id: str | None, name: str | None, sid: str | None
    ) -> None:
        if name is not None:
            other = conn.execute(
                "SELECT display_name FROM learners WHERE name_key = ? AND id IS NOT ?",
                (name_key(name), learner_id),
            ).fetchone()
            if other:
                raise StoreError(
                    f"There is already a learner profile named '{other[0]}'.",
                    "Choose that profile, or add a surname or an initial so the two can "
                    "be told apart.",
                )
        if sid is not None:
            other = conn.execute(
                "SELECT display_name FROM learners WHERE student_id = ? AND id IS NOT ?",
                (sid, learner_id),
            ).fetchone()
            if other:
                raise StoreError(
                    f"The student ID number {sid} already belongs to {other[0]}.",
                    "Check the number; each learner has their own.",
                )

    def learners(self) -> list[Learner]:
        rows = self.rows("SELECT * FROM learners ORDER BY display_name COLLATE NOCASE, created_at")
        return [Learner.from_row(r) for r in rows]

    def learner(self, learner_id: str) -> Learner:
        rows = self.rows("SELECT * FROM learners WHERE id = ?", [learner_id])
        if not rows:
            raise StoreError(
                f"No learner profile with id {learner_id}.", "Choose a learner from the list."
            )
        return Learner.from_row(rows[0])

    def find_learner(self, text: str) -> Learner | None:
        """A learner by id, else by student ID number, else by name (ignoring case and
        spacing). More than one match is an error that lists them: a course lead
        exporting "Kim" must never get one of two Kims without being told."""
        text = (text or "").strip()
        if not text:
            return None
        for column in ("id", "student_id"):
            rows = self.rows(
                f"SELECT * FROM learners WHERE {column} = ? ORDER BY created_at, rowid", [text]
            )
            if rows:
                return self._one(text, rows)
        key = name_key(text)
        rows = [
            r
            for r in self.rows("SELECT * FROM learners ORDER BY created_at, rowid")
            if name_key(r["display_name"]) == key
        ]
        return self._one(text, rows) if rows else None

    def _one(self, text: str, rows: list[dict[str, Any]]) -> Learner:
        if len(rows) == 1:
            return Learner.from_row(rows[0])
        lines = []
        for r in rows:
            count = self.rows("SELECT count(*) AS n FROM attempts WHERE learner_id = ?", [r["id"]])
            extra = [f"student ID {r['student_id']}"] if r["student_id"] else []
            extra += [f"cohort {r['cohort']}"] if r["cohort"] else []
            extra.append(f"{count[0]['n']} attempt(s), created {r['created_at'][:10]}")
            lines.append(f"  {r['id']}  {r['display_name']} ({', '.join(extra)})")
        raise StoreError(
            f"{len(rows)} learner profiles match '{text}':\n" + "\n".join(lines),
            "Give the profile id instead, or tell them apart with "
            "'trainer learners edit ID --name NEW-NAME' (or --student-id).",
        )

    # ------------------------------------------------------------------ attempts

    def start_attempt(
        self,
        learner_id: str,
        loaded: LoadedCase,
        mode: str,
        kind: str = "learner",
        session: Session | None = None,
    ) -> Attempt:
        """A new in-progress attempt. ``session``: one not started at the case's start (a
        tutor's chosen scene and flags), so that even its first state is saved."""
        if mode not in ("practice", "assessed"):
            raise StoreError(f"Unknown mode '{mode}'.", "Use practice or assessed.")
        if kind not in ("learner", "tutor"):
            raise StoreError(f"Unknown kind of play '{kind}'.", "Use learner or tutor.")
        self.learner(learner_id)
        if session is None:
            from trainer.core.session import Session

            session = Session(loaded)
        now = utc_now()
        attempt_id = _new_id()
        with self.write("start the attempt") as conn:
            conn.execute(
                "INSERT INTO attempts (id, learner_id, case_id, case_title, case_version, "
                "case_sha256, mode, kind, status, started_at, updated_at, state, last_scene, "
                "app_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    learner_id,
                    loaded.case.id,
                    loaded.title,  # the case file's own title, in any language played
                    loaded.case.version,
                    loaded.sha256,
                    mode,
                    kind,
                    now,
                    now,
                    json.dumps(session.state()),
                    session.scene_id,
                    __version__,
                ),
            )
            if self.xapi is not None:
                self.xapi.queue(
                    conn,
                    attempt_id,
                    lambda b: [b.initialized(_new_id(), now, session.scene_id)],
                    loaded,
                )
        return self.attempt(attempt_id)

    def record_decision(self, attempt_id: str, session: Session, step: StepResult | None) -> None:
        """Record the session's latest decision and its new state, committed on return."""
        if not session.decisions:
            raise StoreError("There is no decision to save yet.")
        decision: Decision = session.decisions[-1]
        seq = len(session.decisions) - 1
        now = utc_now()
        points = step.points if step is not None else {}
        row = (
            _new_id(),
            attempt_id,
            seq,
            decision.scene,
            decision.kind,
            decision.choice,
            json.dumps(list(decision.ticked)) if decision.kind == "checklist" else None,
            decision.rating,
            step.label if step is not None else "Continued",
            step.judgement if step is not None else None,
            round(sum(points.values()), 4) if step is not None else None,
            json.dumps(points) if step is not None else None,
            int(step.critical) if step is not None else 0,
            decision.confidence,
            decision.elapsed_ms,
            step.feedback if step is not None else None,
            now,
        )
        state = json.dumps(session.state())
        with self.write("save your decision") as conn:
            cur = conn.execute(
                _UPDATE_ATTEMPT_STATE,
                (state, seq + 1, session.scene_id, now, decision.elapsed_ms or 0, attempt_id, seq),
            )
            if cur.rowcount != 1:
                raise self._not_recordable(attempt_id, seq)
            conn.execute(_INSERT_DECISION, row)
            if self.xapi is not None:
                self.xapi.queue(
                    conn,
                    attempt_id,
                    lambda b: [_answered(b, row, decision, session, points)],
                    session.loaded,
                )

    def _not_recordable(self, attempt_id: str, seq: int) -> StoreError:
        rows = self.rows("SELECT status, decision_count FROM attempts WHERE id = ?", [attempt_id])
        if not rows:
            return StoreError(f"No attempt with id {attempt_id}.")
        if rows[0]["status"] != "in_progress":
            return StoreError(
                f"This attempt is {rows[0]['status'].replace('_', ' ')}; it takes no more "
                "decisions.",
                "Start the case again to make new decisions.",
            )
        return StoreError(
            f"Decision {seq + 1} does not follow the {rows[0]['decision_count']} already "
            "saved for this attempt.",
            "Resume the attempt from the saved state before going on.",
        )

    def finish_attempt(self, attempt_id: str, result: Result) -> None:
        if not result.finished:
            raise StoreError("The case is not finished yet.", "Play it to an ending first.")
        now = utc_now()
        unsafe = sum(1 for s in result.steps if s.judgement == "unsafe")
        with self.write("save the result") as conn:
            cur = conn.execute(
                "UPDATE attempts SET status = 'completed', ended_at = ?, updated_at = ?, "
                "result = ?, percent = ?, passed = ?, score_raw = ?, score_max = ?, "
                "critical_errors = ?, unsafe_choices = ?, last_scene = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (
                    now,
                    now,
                    json.dumps(result.as_dict()),
                    result.percent,
                    int(result.passed),
                    round(sum(result.points.values()), 3),
                    round(sum(result.maxima.values()), 3),
                    len(result.critical_errors),
                    unsafe,
                    result.ending,
                    attempt_id,
                ),
            )
            if cur.rowcount != 1:
                raise self._not_recordable(attempt_id, -1)
            if self.xapi is not None:
                active = conn.execute(
                    "SELECT active_ms FROM attempts WHERE id = ?", (attempt_id,)
                ).fetchone()[0]
                self.xapi.queue(
                    conn,
                    attempt_id,
                    lambda b: b.finished(
                        (_new_id(), _new_id()),
                        now,
                        percent=result.percent,
                        passed=result.passed,
                        score_raw=round(sum(result.points.values()), 3),
                        score_max=round(sum(result.maxima.values()), 3),
                        critical_errors=len(result.critical_errors),
                        unsafe_choices=unsafe,
                        ending=result.ending,
                        percents=dict(result.percents),
                        active_ms=active,
                        reasons=list(result.reasons),
                    ),
                )

    def abandon_attempt(self, attempt_id: str) -> None:
        self._set_status(attempt_id, "abandoned", "put the attempt aside")

    def _set_status(self, attempt_id: str, status: str, doing: str) -> None:
        now = utc_now()
        with self.write(doing) as conn:
            cur = conn.execute(
                "UPDATE attempts SET status = ?, ended_at = COALESCE(ended_at, ?), "
                "updated_at = ? WHERE id = ? AND status = 'in_progress'",
                (status, now, now, attempt_id),
            )
            if cur.rowcount != 1:
                raise self._not_recordable(attempt_id, -1)
            if self.xapi is not None:
                self.xapi.queue(conn, attempt_id, lambda b: [b.terminated(_new_id(), now, status)])

    def record_pause(self, attempt_id: str, scene: str | None) -> None:
        """The learner left the case (every decision is already saved): with sync on, an
        xAPI 'suspended' statement; otherwise nothing to record."""
        self._queue_only(
            attempt_id, "note the pause", lambda b, now: b.suspended(_new_id(), now, scene)
        )

    def record_resume(self, attempt_id: str, scene: str | None) -> None:
        """The learner came back to an unfinished attempt: with sync on, 'resumed'."""
        self._queue_only(
            attempt_id, "note the return", lambda b, now: b.resumed(_new_id(), now, scene)
        )

    def _queue_only(self, attempt_id: str, doing: str, make: Any) -> None:
        if self.xapi is None or self.read_only:
            return
        now = utc_now()
        recorder = self.xapi
        with self.write(doing) as conn:
            recorder.queue(conn, attempt_id, lambda b: [make(b, now)])

    def attempt(self, attempt_id: str) -> Attempt:
        rows = self.rows("SELECT * FROM attempts WHERE id = ?", [attempt_id])
        if not rows:
            raise StoreError(f"No attempt with id {attempt_id}.")
        return Attempt.from_row(rows[0])

    def attempts(self, learner_id: str, case_id: str | None = None) -> list[Attempt]:
        sql = "SELECT * FROM attempts WHERE learner_id = ?"
        params: list[Any] = [learner_id]
        if case_id is not None:
            sql += " AND case_id = ?"
            params.append(case_id)
        rows = self.rows(sql + " ORDER BY started_at, rowid", params)
        return [Attempt.from_row(r) for r in rows]

    def unfinished_attempt(self, learner_id: str, case_id: str) -> Attempt | None:
        rows = self.rows(
            "SELECT * FROM attempts WHERE learner_id = ? AND case_id = ? "
            "AND status = 'in_progress' ORDER BY updated_at DESC LIMIT 1",
            [learner_id, case_id],
        )
        return Attempt.from_row(rows[0]) if rows else None

    def resume(self, attempt: Attempt, loaded: LoadedCase) -> Session:
        """Rebuild the session; if the case changed and the decisions no longer fit, the
        attempt is marked 'stale' (kept as it was) and :class:`ResumeError` is raised."""
        from trainer.core.scoring import Decision
        from trainer.core.session import READABLE_STATE_FORMATS, Session

        if attempt.case_id != loaded.case.id:
            raise ResumeError(
                f"This attempt is for case '{attempt.case_id}', not '{loaded.case.id}'."
            )
        if attempt.status == "stale":
            raise ResumeError(
                "This attempt was made on an earlier version of the case and no longer fits it.",
                "It is kept for reading; start the case again.",
            )
        found = attempt.state.get("format") if isinstance(attempt.state, dict) else None
        if found not in READABLE_STATE_FORMATS:
            readable = ", ".join(map(str, READABLE_STATE_FORMATS))
            raise ResumeError(
                f"This attempt was saved in state format {found!r}; this version of the app "
                f"reads formats {readable}.",
                "It is kept as it was; open it with the version of the app that saved it.",
            )
        if not _state_has_its_shape(attempt.state):
            raise ResumeError(
                "This attempt's saved state is damaged, so it cannot be resumed.",
                "It is kept as it was; start the case again.",
            )
        if loaded.sha256 == attempt.case_sha256:
            try:
                return Session.from_state(loaded, attempt.state)
            except StateError as exc:  # damaged, not changed: do not mark it stale
                raise ResumeError(
                    f"This attempt cannot be resumed: {exc.headline}",
                    "It is kept as it was; start the case again.",
                ) from None
        try:
            decisions = [Decision.from_dict(d) for d in attempt.state.get("decisions", [])]
            session = Session.replay(loaded, decisions, attempt.state.get("origin"))
        except (StateError, KeyError, TypeError, ValueError) as exc:
            detail = exc.headline if isinstance(exc, StateError) else str(exc)
            if attempt.status == "in_progress":
                self._set_status(attempt.id, "stale", "keep the old attempt")
            raise ResumeError(
                "This case has changed since the attempt was started, and the earlier "
                f"decisions no longer fit it ({detail}).",
                "The old attempt is kept as it was, for reading; start the case again.",
            ) from None
        if attempt.status == "in_progress":
            with self.write("move the attempt to the new case version") as conn:
                conn.execute(
                    "UPDATE attempts SET case_sha256 = ?, case_version = ?, state = ?, "
                    "last_scene = ?, updated_at = ? WHERE id = ?",
                    (
                        loaded.sha256,
                        loaded.case.version,
                        json.dumps(session.state()),
                        session.scene_id,
                        utc_now(),
                        attempt.id,
                    ),
                )
            if self.xapi is not None:  # later statements name the new case version
                self.xapi.forget()
        return session

    def decisions(self, attempt_id: str) -> list[dict[str, Any]]:
        rows = self.rows("SELECT * FROM decisions WHERE attempt_id = ? ORDER BY seq", [attempt_id])
        for row in rows:
            row["ticked"] = json.loads(row["ticked"]) if row["ticked"] else []
            row["points_detail"] = json.loads(row["points_detail"]) if row["points_detail"] else {}
            row["critical"] = bool(row["critical"])
        return rows

    # ------------------------------------------------------------------ reflections

    def save_reflection(self, attempt_id: str, text: str) -> None:
        self.attempt(attempt_id)
        now = utc_now()
        with self.write("save your reflection") as conn:
            conn.execute(
                "INSERT INTO reflections (attempt_id, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (attempt_id) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at",
                (attempt_id, text, now),
            )
            if self.xapi is not None:
                self.xapi.queue(conn, attempt_id, lambda b: [b.commented(_new_id(), now, text)])

    def reflection(self, attempt_id: str) -> str:
        rows = self.rows("SELECT text FROM reflections WHERE attempt_id = ?", [attempt_id])
        return rows[0]["text"] if rows else ""


def _answered(
    builder: Any, row: tuple, decision: Decision, session: Session, points: dict[str, float]
) -> dict[str, Any]:
    """The 'answered' statement for a decision row (its id is the decision's own)."""
    rules = []
    for step in reversed(session.steps):
        if step.kind != "rule":
            break
        rules.append(step.label)
    return builder.answered(
        row[0],
        row[16],
        seq=row[2],
        scene=row[3],
        kind=row[4],
        choice=row[5],
        ticked=list(decision.ticked),
        rating=row[7],
        label=row[8],
        judgement=row[9],
        points=points if row[11] is not None else None,
        critical=bool(row[12]),
        confidence=row[13],
        elapsed_ms=row[14],
        feedback=row[15],
        rules_broken=rules[::-1],
        next_scene=session.scene_id,
    )


def _state_has_its_shape(state: dict[str, Any]) -> bool:
    """The parts of a saved state that resuming reads have the types it expects."""
    decisions = state.get("decisions", [])
    origin = state.get("origin")
    return (
        isinstance(decisions, list)
        and all(isinstance(d, dict) for d in decisions)
        and (origin is None or (isinstance(origin, dict) and isinstance(origin.get("scene"), str)))
        and isinstance(state.get("flags", []), list)
    )


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _checked_text(value: str, what: str, limit: int) -> str:
    import unicodedata

    if len(value) > limit:
        raise StoreError(
            f"The {what} is {len(value):,} characters long; at most {limit} are allowed.",
            f"Shorten the {what}.",
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        raise StoreError(
            f"The {what} {value[:40]!r} contains a line break or an invisible control character.",
            f"Type the {what} again as plain text on one line.",
        )
    return value


def checked_name(display_name: str | None) -> str:
    """A learner's name, trimmed and checked (not empty, one line, not too long)."""
    name = " ".join((display_name or "").split())
    if not name:
        raise StoreError("A learner needs a name.", "Type the name to show on the profile.")
    return _checked_text(name, "learner name", MAX_NAME_LENGTH)


def checked_student_id(student_id: str | None) -> str | None:
    value = _blank(student_id)
    return (
        None if value is None else _checked_text(value, "student ID number", MAX_STUDENT_ID_LENGTH)
    )


def checked_cohort(cohort: str | None) -> str | None:
    value = _blank(cohort)
    return None if value is None else _checked_text(value, "cohort name", MAX_COHORT_LENGTH)


def _new_id() -> str:
    """A random UUID (version 4) as text. ``uuid`` is imported here, not at the top: it
    imports ``platform``, and opening the store is on the path to the GUI's first paint."""
    import uuid

    return str(uuid.uuid4())
