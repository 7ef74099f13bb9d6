"""The xAPI outbox: statements written with the records they describe, sent later.

:class:`OutboxRecorder` is what :class:`~trainer.store.store.Store` calls inside its write
transactions (``store.xapi`` is one when sync is on, else None and nothing is queued);
:class:`OutboxQueries` is what the sender reads and settles. Statements are kept as the
exact JSON text that is sent, so every re-send is byte-for-byte the same statement.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trainer.core.xapi import EXT, AttemptFacts, StatementBuilder, Vocabulary

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase

_FACTS_SQL = (
    "SELECT a.id, a.learner_id, l.student_id, l.display_name, l.cohort, a.case_id, "
    "a.case_title, a.case_version, a.case_sha256, a.mode, a.app_version, a.started_at "
    "FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE a.id = ?"
)


@dataclass
class QueuedStatement:
    seq: int
    id: str
    text: str  # the statement's JSON, exactly as it is sent


# Long IRI prefixes every statement repeats, kept as one control character each (raw
# control characters never occur in JSON text, so this is exact and reversible). Halving
# the row (2.9 KB -> about 1.5 KB) lets two or three share a page, so recording a decision
# writes fewer pages; compressing was measured too: more CPU than the pages it saves.
_SHORT = (("\x01", EXT), ("\x02", "http://adlnet.gov/expapi/"), ("\x03", "https://w3id.org/"))


def pack(text: str) -> str:
    """A statement's JSON text as it is kept in the outbox."""
    for mark, prefix in _SHORT:
        text = text.replace(prefix, mark)
    return text


def unpack(blob: bytes | str) -> str:
    """The JSON text of a kept statement, exactly as it was built."""
    text = blob if isinstance(blob, str) else bytes(blob).decode("utf-8")
    for mark, prefix in _SHORT:
        text = text.replace(mark, prefix)
    return text


class OutboxRecorder:
    """Builds and queues the statements for records, inside the caller's transaction."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._builders: dict[str, StatementBuilder] = {}
        self._local_key: str | None = None

    def forget(self) -> None:
        """A learner's profile changed: build later statements from the new one."""
        self._builders.clear()

    def builder(
        self, conn: sqlite3.Connection, attempt_id: str, loaded: LoadedCase | None = None
    ) -> StatementBuilder | None:
        """The builder for this attempt (kept while it is played); None for a tutor's play
        (never sent)."""
        builder = self._builders.get(attempt_id)
        if builder is None or (loaded is not None and not builder.facts.scene_titles):
            if self._local_key is None:
                row = conn.execute("SELECT value FROM meta WHERE key = 'pseudonym_key'").fetchone()
                self._local_key = row[0] if row else ""
            row = conn.execute(_FACTS_SQL + " AND a.kind = 'learner'", (attempt_id,)).fetchone()
            if row is None:
                return None
            titles: dict[str, str] = {}
            summary = ""
            if loaded is not None:
                titles = {sid: scene.title for sid, scene in loaded.case.scenes.items()}
                summary = str(loaded.case.summary)
            facts = AttemptFacts(
                *row[:12],
                local_key=self._local_key,
                case_summary=summary,
                scene_titles=titles,
            )
            if len(self._builders) > 64:  # attempts played in one sitting: a handful
                self._builders.clear()
            builder = self._builders[attempt_id] = StatementBuilder(self.vocab, facts)
        return builder

    def queue(
        self,
        conn: sqlite3.Connection,
        attempt_id: str,
        make: Callable[[StatementBuilder], list[dict[str, Any]]],
        loaded: LoadedCase | None = None,
    ) -> None:
        builder = self.builder(conn, attempt_id, loaded)
        if builder is None:
            return
        conn.executemany(
            "INSERT INTO xapi_outbox (id, statement, recorded_at) VALUES (?, ?, ?)",
            [
                (
                    s["id"],
                    pack(json.dumps(s, separators=(",", ":"))),
                    s["timestamp"],
                )
                for s in make(builder)
            ],
        )


class OutboxQueries:
    """Reading and settling the outbox (mixed into the Store)."""

    rows: Callable[..., list[dict[str, Any]]]
    write: Callable[..., Any]

    conn: sqlite3.Connection

    @contextmanager
    def sending(self) -> Iterator[None]:
        """While sending, commits that settle the outbox do not wait for the disk (WAL with
        synchronous=NORMAL on this connection; the app's recording keeps FULL): one lost
        to a power cut only means statements sent again, which the LRS knows by id."""
        previous = int(self.conn.execute("PRAGMA synchronous").fetchone()[0])
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA synchronous = {previous}")

    def outbox_count(self) -> int:
        return int(self.rows("SELECT count(*) AS n FROM xapi_outbox")[0]["n"])

    def outbox_batch(self, limit: int) -> list[QueuedStatement]:
        """The oldest ``limit`` statements, in the order they were recorded."""
        rows = self.rows(
            "SELECT seq, id, statement FROM xapi_outbox ORDER BY seq LIMIT ?", [int(limit)]
        )
        return [QueuedStatement(r["seq"], r["id"], unpack(r["statement"])) for r in rows]

    def outbox_settle(
        self,
        delivered: list[int],
        dead: list[tuple[int, int | None, str]] = (),  # type: ignore[assignment]
        failed: tuple[list[int], str] | None = None,
        meta: dict[str, str] | None = None,
    ) -> None:
        """By ``seq``: delivered statements leave the outbox; dead ones move to the dead
        letters with the LRS's message; ``failed`` (seqs, error) count a try and stay;
        ``meta`` (e.g. the last sync time) is noted in the same transaction."""
        from trainer.store.database import utc_now

        now = utc_now()
        with self.write("update the statements waiting to send") as conn:
            for key, value in (meta or {}).items():
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            conn.executemany("DELETE FROM xapi_outbox WHERE seq = ?", [(s,) for s in delivered])
            for seq, status, message in dead:
                conn.execute(
                    "INSERT OR REPLACE INTO xapi_dead_letters (id, seq, statement, recorded_at, "
                    "failed_at, status, message) SELECT id, seq, statement, recorded_at, ?, ?, ? "
                    "FROM xapi_outbox WHERE seq = ?",
                    (now, status, message[:2000], seq),
                )
                conn.execute("DELETE FROM xapi_outbox WHERE seq = ?", (seq,))
            if failed:
                conn.executemany(
                    "UPDATE xapi_outbox SET tries = tries + 1, last_error = ? WHERE seq = ?",
                    [(failed[1][:2000], s) for s in failed[0]],
                )

    def dead_letters(self) -> list[dict[str, Any]]:
        """Refused statements (``statement``: the JSON text) with the LRS's message."""
        rows = self.rows(
            "SELECT id, seq, recorded_at, failed_at, status, message, statement "
            "FROM xapi_dead_letters ORDER BY seq"
        )
        for row in rows:
            row["statement"] = unpack(row["statement"])
        return rows

    def requeue_dead_letters(self) -> int:
        """Put every dead letter back at the end of the outbox (to be sent once its cause
        is fixed)."""
        with self.write("put the refused statements back in the queue") as conn:
            cur = conn.execute(  # after everything queued now, in their own order
                "INSERT INTO xapi_outbox (id, statement, recorded_at) "
                "SELECT id, statement, recorded_at FROM xapi_dead_letters ORDER BY seq"
            )
            conn.execute("DELETE FROM xapi_dead_letters")
            return cur.rowcount

    def set_meta(self, key: str, value: str) -> None:
        with self.write("note the sync") as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
