"""Portable progress files: one learner's attempts, for a course lead to collect.

A file is JSON::

    {"format": "casework-trainer-progress", "version": 1, "exported_at": ...,
     "app_version": ..., "sha256": <hex>, "payload": {"learner": {...}, "attempts": [...]}}

``sha256`` is the SHA-256 of the payload in canonical form (sorted keys, no
spaces, UTF-8), so a damaged, truncated or edited file is refused. It is an
integrity check, not a signature: it does not stop someone who recomputes it.

Importing merges by UUID (learners also by student ID number), one transaction
per file, so the same file twice changes nothing and a bad file changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer import __version__
from trainer.store.database import utc_now
from trainer.store.errors import ProgressFileError
from trainer.store.files import write_atomically
from trainer.store.records import (
    ATTEMPT_COLUMNS,
    DECISION_COLUMNS,
    AttemptRecord,
    LearnerRecord,
    Payload,
)
from trainer.store.store import Store

FORMAT = "casework-trainer-progress"
VERSION = 1


@dataclass
class ImportReport:
    file: Path
    learner: str
    attempts_added: int = 0
    attempts_updated: int = 0
    decisions_added: int = 0
    reflections_saved: int = 0
    conflicts: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.attempts_added
            or self.attempts_updated
            or self.decisions_added
            or self.reflections_saved
        )

    def __str__(self) -> str:
        if not self.changed and not self.conflicts:
            return f"{self.file}: {self.learner}: nothing new (already imported)."
        text = (
            f"{self.file}: {self.learner}: {self.attempts_added} attempt(s) added, "
            f"{self.attempts_updated} updated, {self.decisions_added} decision(s) added"
        )
        if self.conflicts:
            text += (
                f"; {self.conflicts} attempt(s) differ from the copy already here "
                "and were left as they were"
            )
        return text + "."


def checksum(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- export


def build_progress(store: Store, learner_id: str) -> dict[str, Any]:
    learner = store.rows("SELECT * FROM learners WHERE id = ?", [learner_id])
    if not learner:
        store.learner(learner_id)  # raises the usual 'no learner' error
    attempts = []
    for row in store.rows(
        "SELECT * FROM attempts WHERE learner_id = ? ORDER BY started_at, rowid", [learner_id]
    ):
        record = {c: row[c] for c in ATTEMPT_COLUMNS}
        record["decisions"] = [
            {c: d[c] for c in DECISION_COLUMNS}
            for d in store.rows(
                "SELECT * FROM decisions WHERE attempt_id = ? ORDER BY seq", [row["id"]]
            )
        ]
        reflection = store.rows(
            "SELECT text, updated_at FROM reflections WHERE attempt_id = ?", [row["id"]]
        )
        record["reflection"] = reflection[0] if reflection else None
        attempts.append(record)
    payload = {"learner": learner[0], "attempts": attempts}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_now(),
        "app_version": __version__,
        "sha256": checksum(payload),
        "payload": payload,
    }


def export_progress(store: Store, learner_id: str, out: Path) -> Path:
    document = build_progress(store, learner_id)
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_atomically(Path(out), data, f"write the progress file {out}")
    return Path(out)


# --------------------------------------------------------------------------- import


def read_progress(path: Path) -> Payload:
    """Parse and check a progress file; raise ProgressFileError saying what is wrong."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgressFileError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProgressFileError(
            f"{name} is not a complete progress file ({exc}).",
            "It may be truncated or damaged: ask the learner to export it again.",
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ProgressFileError(
            f"{name} is not a Casework Trainer progress file.",
            "Choose a file made with 'trainer progress export'.",
        )
    version = document.get("version")
    if not isinstance(version, int) or version < 1:
        raise ProgressFileError(f"{name} has no valid format version ({version!r}).")
    if version > VERSION:
        raise ProgressFileError(
            f"{name} was made by a newer version of Casework Trainer (format {version}; "
            f"this app reads format {VERSION}).",
            "Update the app, then import it again.",
        )
    payload = document.get("payload")
    if not isinstance(document.get("sha256"), str) or checksum(payload) != document["sha256"]:
        raise ProgressFileError(
            f"{name} has been changed or damaged since it was exported (checksum mismatch).",
            "Nothing was imported. Ask the learner to export it again.",
        )
    try:
        parsed = Payload.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProgressFileError(
            f"{name} is damaged: {where}: {first['msg']}.", "Nothing was imported."
        ) from None
    _check_consistency(parsed, name)
    return parsed


def _check_consistency(payload: Payload, name: str) -> None:
    for attempt in payload.attempts:
        seqs = [d.seq for d in attempt.decisions]
        if (
            attempt.learner_id != payload.learner.id
            or any(d.attempt_id != attempt.id for d in attempt.decisions)
            or seqs != list(range(len(seqs)))
            or attempt.decision_count != len(seqs)
        ):
            raise ProgressFileError(
                f"{name} is damaged: attempt {attempt.id} does not hang together.",
                "Nothing was imported.",
            )
        try:
            json.loads(attempt.state)
        except json.JSONDecodeError:
            raise ProgressFileError(
                f"{name} is damaged: attempt {attempt.id} has no readable state.",
                "Nothing was imported.",
            ) from None


def import_progress(store: Store, path: Path) -> ImportReport:
    """Merge one progress file, in one transaction; the same file twice changes nothing."""
    payload = read_progress(path)
    report = ImportReport(Path(path), payload.learner.display_name)
    with store.write(f"import {Path(path).name}") as conn:
        learner_id = _merge_learner(conn, payload.learner)
        for attempt in payload.attempts:
            _merge_attempt(conn, attempt, learner_id, report)
    return report


def _merge_learner(conn: Any, learner: LearnerRecord) -> str:
    if conn.execute("SELECT 1 FROM learners WHERE id = ?", (learner.id,)).fetchone():
        return learner.id
    if learner.student_id:
        same = conn.execute(
            "SELECT id FROM learners WHERE student_id = ? ORDER BY created_at LIMIT 1",
            (learner.student_id,),
        ).fetchone()
        if same:
            return same[0]
    data = learner.model_dump()
    conn.execute(
        f"INSERT INTO learners ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
        tuple(data.values()),
    )
    return learner.id


def _merge_attempt(conn: Any, attempt: AttemptRecord, learner_id: str, report: ImportReport):
    data = attempt.model_dump(exclude={"decisions", "reflection"})
    data["learner_id"] = learner_id
    existing = conn.execute(
        "SELECT updated_at FROM attempts WHERE id = ?", (attempt.id,)
    ).fetchone()
    if existing is None:
        conn.execute(
            f"INSERT INTO attempts ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
            tuple(data.values()),
        )
        report.attempts_added += 1
        _add_decisions(conn, attempt, report)
    elif attempt.updated_at > existing[0]:
        have = {
            r[0]
            for r in conn.execute("SELECT id FROM decisions WHERE attempt_id = ?", (attempt.id,))
        }
        if have <= {d.id for d in attempt.decisions}:  # the same attempt, carried further
            sets = ", ".join(f"{k} = ?" for k in data if k != "id")
            values = [v for k, v in data.items() if k != "id"]
            conn.execute(f"UPDATE attempts SET {sets} WHERE id = ?", (*values, attempt.id))
            report.attempts_updated += 1
            _add_decisions(conn, attempt, report)
        else:
            report.conflicts += 1  # continued separately in two places: keep ours
    if attempt.reflection is not None:
        cur = conn.execute(
            "INSERT INTO reflections (attempt_id, text, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (attempt_id) DO UPDATE SET text = excluded.text, "
            "updated_at = excluded.updated_at WHERE excluded.updated_at > reflections.updated_at",
            (attempt.id, attempt.reflection.text, attempt.reflection.updated_at),
        )
        report.reflections_saved += cur.rowcount


def _add_decisions(conn: Any, attempt: AttemptRecord, report: ImportReport) -> None:
    for decision in attempt.decisions:
        row = decision.model_dump()
        cur = conn.execute(
            f"INSERT OR IGNORE INTO decisions ({', '.join(row)}) "
            f"VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        report.decisions_added += cur.rowcount
