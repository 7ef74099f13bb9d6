"""Portable progress files: one learner's attempts, for a course lead to collect.

A file is JSON (format version 2)::

    {"format": "casework-trainer-progress", "version": 2, "exported_at": ...,
     "app_version": ..., "canonical": "RFC 8785", "sha256": <hex>,
     "signature": {"algorithm": "HMAC-SHA256", "key_id": <hex>, "value": <hex>},
     "payload": {"learner": {...}, "attempts": [...]}}

``sha256`` is the SHA-256 of the payload in the canonical JSON form of RFC 8785 (the
JSON Canonicalization Scheme), which any tool can reproduce (see docs/course-leads.md
for a ``jq`` command). It shows that a file is complete and unchanged since it was
made, or that whoever changed it also recomputed the checksum: it is not a signature.

``signature`` is an HMAC-SHA256 of the same canonical bytes with the key of the
installation that exported the file (``progress-signing.key`` in its data folder). An
installation that has the key (its own, or one copied into its ``trusted-keys``
folder) can tell a file made there from an edited one; anyone who can read the key can
sign an edited file, so it proves nothing about files made where the learner can read
the data folder. Format 1 files (checksum over Python's own sorted JSON, no signature)
are still read.

Before anything is written, a file is checked whole: its size and kind (a regular
file, at most :data:`MAX_FILE_BYTES`), the JSON itself (no NaN or Infinity, no huge
numbers, no repeated keys, no broken characters, bounded nesting), the checksum, the
signature when the key is known, every field against the schema in
:mod:`trainer.store.records`, and how the parts hang together. Importing merges by
UUID (learners also by student ID number), one transaction per file, so the same file
twice changes nothing and a bad file changes nothing. An attempt already here belongs
to the learner who made it: a file that gives it to someone else is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer import __version__
from trainer.store.database import utc_now
from trainer.store.errors import ProgressFileError
from trainer.store.files import write_atomically
from trainer.store.models import name_key
from trainer.store.records import (
    ATTEMPT_COLUMNS,
    DECISION_COLUMNS,
    LEARNER_COLUMNS,
    AttemptRecord,
    LearnerRecord,
    Payload,
)
from trainer.store.safejson import loads as safe_loads
from trainer.store.store import Store

FORMAT = "casework-trainer-progress"
VERSION = 2
CANONICAL = "RFC 8785"
SIGNATURE_ALGORITHM = "HMAC-SHA256"
KEY_FILE = "progress-signing.key"
TRUSTED_KEYS = "trusted-keys"
MAX_FILE_BYTES = 64 * 1024 * 1024  # far above a year of one learner's work (about 1 MB)
_NOT_IMPORTED = "Nothing was imported. Ask the learner to export the file again."


@dataclass
class ImportReport:
    file: Path
    learner: str
    attempts_added: int = 0
    attempts_updated: int = 0
    decisions_added: int = 0
    reflections_saved: int = 0
    conflicts: int = 0
    signature: str = ""

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
            text = f"{self.file}: {self.learner}: nothing new (already imported)."
        else:
            text = (
                f"{self.file}: {self.learner}: {self.attempts_added} attempt(s) added, "
                f"{self.attempts_updated} updated, {self.decisions_added} decision(s) added"
            )
            if self.conflicts:
                text += (
                    f"; {self.conflicts} attempt(s) differ from the copy already here "
                    "and were left as they were"
                )
            text += "."
        return f"{text} {self.signature}" if self.signature else text


@dataclass(frozen=True)
class CheckedFile:
    """A progress file that passed every check, ready to import."""

    payload: Payload
    version: int
    signature: str  # what the signature shows, in words


# --------------------------------------------------------------------------- checksums


def canonical_bytes(payload: Any) -> bytes:
    """The payload in RFC 8785 canonical JSON (what the checksum and signature cover)."""
    import rfc8785

    return rfc8785.dumps(payload)


def checksum(payload: Any) -> str:
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def checksum_v1(payload: Any) -> str:
    """Format 1's checksum: Python's sorted, compact JSON (not reproducible elsewhere)."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def key_id(key: bytes) -> str:
    """A key's public name: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(key).hexdigest()[:16]


def sign(payload: Any, key: bytes) -> str:
    return hmac.new(key, canonical_bytes(payload), hashlib.sha256).hexdigest()


def installation_key(data_dir: Path, create: bool = True) -> bytes | None:
    """This installation's signing key (made on first use, readable by its owner only);
    None if there is none and it cannot be made here."""
    path = Path(data_dir) / KEY_FILE
    key = _read_key(path)
    if key is not None or not create:
        return key
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)  # made by another process just now
    except OSError:
        return None
    try:
        os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return _read_key(path)


def _read_key(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        return bytes.fromhex(text) if len(text) >= 32 else None
    except (OSError, ValueError):
        return None


def known_keys(data_dir: Path) -> dict[str, bytes]:
    """Keys this installation trusts: its own and any ``trusted-keys/*.key``, by key id."""
    keys = {}
    own = installation_key(data_dir, create=False)
    if own is not None:
        keys[key_id(own)] = own
    folder = Path(data_dir) / TRUSTED_KEYS
    if folder.is_dir():
        for path in sorted(folder.glob("*.key")):
            key = _read_key(path)
            if key is not None:
                keys[key_id(key)] = key
    return keys


# --------------------------------------------------------------------------- export


def build_progress(store: Store, learner_id: str) -> dict[str, Any]:
    learner = store.rows(
        f"SELECT {', '.join(LEARNER_COLUMNS)} FROM learners WHERE id = ?", [learner_id]
    )
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
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_now(),
        "app_version": __version__,
        "canonical": CANONICAL,
        "sha256": checksum(payload),
    }
    key = installation_key(store.data_dir, create=not store.read_only)
    if key is not None:
        document["signature"] = {
            "algorithm": SIGNATURE_ALGORITHM,
            "key_id": key_id(key),
            "value": sign(payload, key),
        }
    document["payload"] = payload
    return document


def export_progress(store: Store, learner_id: str, out: Path) -> Path:
    document = build_progress(store, learner_id)
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_atomically(Path(out), data, f"write the progress file {out}")
    return Path(out)


# --------------------------------------------------------------------------- reading


def _read_capped(path: Path) -> bytes:
    """The file's bytes, refusing before reading anything that is not a regular file or
    is larger than MAX_FILE_BYTES (/dev/zero never ends, a FIFO waits for a writer)."""
    name = path.name
    try:
        info = path.stat()
    except OSError as exc:
        raise ProgressFileError(f"Cannot read {path}: {exc.strerror}.") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device or a pipe"
        raise ProgressFileError(
            f"{path} is {kind}, not a progress file.",
            "Choose a file made with 'trainer progress export'.",
        )
    if info.st_size > MAX_FILE_BYTES:
        raise ProgressFileError(
            f"{name} is {info.st_size / 1024 / 1024:,.0f} MB; a progress file is at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB.",
            "This is not a progress file made by Casework Trainer. " + _NOT_IMPORTED,
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ProgressFileError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
            raise ProgressFileError(f"{path} is not a regular file.")
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ProgressFileError(f"Cannot read {path}: {exc.strerror}.") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_FILE_BYTES:
        raise ProgressFileError(f"{name} grew past {MAX_FILE_BYTES // 1024 // 1024} MB.")
    return raw


def _not_progress(name: str, what: str = "") -> ProgressFileError:
    return ProgressFileError(
        f"{name} is not a Casework Trainer progress file{what}.",
        "Choose a file made with 'trainer progress export' (usually NAME.progress.json).",
    )


def _parse(raw: bytes, name: str) -> Any:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        sniff = "it is empty" if not raw.strip() else _looks_like(head)
        raise _not_progress(name, f" ({sniff})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProgressFileError(
            f"{name} is not a complete progress file (byte {exc.start} is not UTF-8 text).",
            "Nothing was imported. It may be truncated or damaged: ask the learner to "
            "export it again.",
        ) from None
    try:
        return safe_loads(text)
    except ValueError as exc:
        raise ProgressFileError(
            f"{name} is not a complete progress file: {exc}.",
            "Nothing was imported. It may be truncated or damaged: ask the learner to "
            "export it again.",
        ) from None


def _looks_like(head: bytes) -> str:
    first = head.split(b"\n", 1)[0]
    if head.startswith((b"PK", b"%PDF", b"\xd0\xcf")):
        return "it is a spreadsheet, a PDF or another binary file"
    if b"," in first or b";" in first or b"\t" in first:
        return "it looks like a CSV or spreadsheet export"
    if head.startswith(b"["):
        return "it is a JSON list, not a progress file"
    return "it does not start like one"


def check_file(path: Path, data_dir: Path | None = None) -> CheckedFile:
    """Parse and check a progress file whole; raise ProgressFileError saying what is wrong
    and where. ``data_dir``: the installation whose keys can check a signature."""
    path = Path(path)
    name = path.name
    document = _parse(_read_capped(path), name)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_progress(name)
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise ProgressFileError(
            f"{name} has no valid format version ({str(version)[:20]!r}).", _NOT_IMPORTED
        )
    if version > VERSION:
        raise ProgressFileError(
            f"{name} was made by a newer version of Casework Trainer (format {version}; "
            f"this app reads formats 1 to {VERSION}).",
            "Update the app, then import it again.",
        )
    payload = document.get("payload")
    if not isinstance(payload, dict):
        raise ProgressFileError(f"{name} is damaged: it has no payload.", _NOT_IMPORTED)
    _check_checksum(document, payload, version, name)
    words = _check_signature(document, payload, version, name, data_dir)
    try:
        parsed = Payload.model_validate(payload, strict=True)
    except ValidationError as exc:
        raise ProgressFileError(
            f"{name} is damaged: {_located(exc, payload)}.", _NOT_IMPORTED
        ) from None
    _check_consistency(parsed, name)
    return CheckedFile(parsed, version, words)


def read_progress(path: Path) -> Payload:
    """Parse and check a progress file (see :func:`check_file`); its payload."""
    return check_file(path).payload


def _check_checksum(document: dict, payload: dict, version: int, name: str) -> None:
    stated = document.get("sha256")
    if version == 1:
        actual = checksum_v1(payload)
    else:
        try:
            actual = checksum(payload)
        except Exception as exc:  # rfc8785's own errors (numbers outside its domain)
            raise ProgressFileError(
                f"{name} is damaged: its payload cannot be put in canonical form ({exc}).",
                _NOT_IMPORTED,
            ) from None
    if not isinstance(stated, str) or not hmac.compare_digest(actual, stated):
        raise ProgressFileError(
            f"{name} has been changed or damaged since it was exported (checksum mismatch).",
            _NOT_IMPORTED,
        )


def _check_signature(
    document: dict, payload: dict, version: int, name: str, data_dir: Path | None
) -> str:
    """What the signature shows, in words; a signature that does not match is refused."""
    found = document.get("signature")
    if version == 1:
        return "Not signed (made by an earlier version): the checksum is all there is."
    if found is None:
        return (
            "Not signed (exported where no signing key could be made): the checksum is all "
            "there is."
        )
    if (
        not isinstance(found, dict)
        or found.get("algorithm") != SIGNATURE_ALGORITHM
        or not isinstance(found.get("key_id"), str)
        or not isinstance(found.get("value"), str)
    ):
        raise ProgressFileError(f"{name} is damaged: its signature is unreadable.", _NOT_IMPORTED)
    keys = known_keys(data_dir) if data_dir is not None else {}
    key = keys.get(found["key_id"])
    if key is None:
        return (
            f"Signed by installation {found['key_id'][:16]}, whose key is not known here: "
            "the signature could not be checked."
        )
    if not hmac.compare_digest(sign(payload, key), found["value"]):
        raise ProgressFileError(
            f"{name} was changed after it was exported: its signature does not match "
            f"(installation {found['key_id'][:16]}).",
            "Nothing was imported. Ask the learner for the file exactly as it was made.",
        )
    own = installation_key(data_dir, create=False) if data_dir is not None else None
    where = "this installation" if own is not None and key == own else "a trusted installation"
    return f"Signature checked: unchanged since {where} exported it."


def _located(exc: ValidationError, payload: dict) -> str:
    """The first schema error, located as payload.attempts[N].field, with who and what."""
    first = exc.errors()[0]
    parts = []
    for part in first["loc"]:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    where = "payload" + "".join(parts)
    message = first["msg"]
    loc = first["loc"]
    if len(loc) >= 2 and loc[0] == "attempts" and isinstance(loc[1], int):
        try:
            attempt = payload["attempts"][loc[1]]
            where += f" (attempt {str(attempt.get('id'))[:40]} at case {str(attempt.get('case_id'))[:40]})"
        except (IndexError, KeyError, TypeError, AttributeError):
            pass
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return f"{where}: {message}"


def _check_consistency(payload: Payload, name: str) -> None:
    attempt_ids: set[str] = set()
    decision_ids: set[str] = set()
    for index, attempt in enumerate(payload.attempts):
        where = f"{name} is damaged: payload.attempts[{index}] (attempt {attempt.id})"
        if attempt.id in attempt_ids:
            raise ProgressFileError(f"{where} appears twice in the file.", _NOT_IMPORTED)
        attempt_ids.add(attempt.id)
        seqs = [d.seq for d in attempt.decisions]
        state = attempt.parsed_state()
        if (
            attempt.learner_id != payload.learner.id
            or any(d.attempt_id != attempt.id for d in attempt.decisions)
            or seqs != list(range(len(seqs)))
            or attempt.decision_count != len(seqs)
            or state.case_id != attempt.case_id
            or len(state.decisions) != len(seqs)
        ):
            raise ProgressFileError(f"{where} does not hang together.", _NOT_IMPORTED)
        for seq, decision in enumerate(attempt.decisions):
            if decision.id in decision_ids:
                raise ProgressFileError(
                    f"{where}: decisions[{seq}] has the id {decision.id}, which another "
                    "decision in the file also has.",
                    _NOT_IMPORTED,
                )
            decision_ids.add(decision.id)


# --------------------------------------------------------------------------- import


def import_progress(store: Store, path: Path) -> ImportReport:
    """Merge one progress file, in one transaction; the same file twice changes nothing."""
    checked = check_file(path, store.data_dir)
    payload = checked.payload
    name = Path(path).name
    report = ImportReport(Path(path), payload.learner.display_name, signature=checked.signature)
    with store.write(f"import {name}") as conn:
        learner_id = _merge_learner(conn, payload.learner, name)
        for attempt in payload.attempts:
            _merge_attempt(conn, attempt, learner_id, report, name, payload.learner)
    return report


def _merge_learner(conn: Any, learner: LearnerRecord, name: str) -> str:
    here = conn.execute(
        "SELECT display_name, student_id FROM learners WHERE id = ?", (learner.id,)
    ).fetchone()
    if here is not None:
        if here[1] and learner.student_id and here[1] != learner.student_id:
            raise ProgressFileError(
                f"{name} claims the profile of {here[0]} (student ID {here[1]}) for a learner "
                f"with student ID {learner.student_id}.",
                "Nothing was imported. Check with the learner where the file came from.",
            )
        return learner.id
    if learner.student_id:
        same = conn.execute(
            "SELECT id FROM learners WHERE student_id = ? ORDER BY created_at LIMIT 1",
            (learner.student_id,),
        ).fetchone()
        if same:
            return same[0]
    key = name_key(learner.display_name)
    taken = conn.execute("SELECT 1 FROM learners WHERE name_key = ?", (key,)).fetchone()
    data = learner.model_dump()
    data["name_key"] = None if taken else key  # a second profile of that name: flagged
    conn.execute(
        f"INSERT INTO learners ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
        tuple(data.values()),
    )
    return learner.id


def _merge_attempt(
    conn: Any,
    attempt: AttemptRecord,
    learner_id: str,
    report: ImportReport,
    name: str,
    claimed_by: LearnerRecord,
) -> None:
    data = attempt.model_dump(exclude={"decisions", "reflection"})
    data["learner_id"] = learner_id
    existing = conn.execute(
        "SELECT a.updated_at, a.learner_id, l.display_name FROM attempts a "
        "LEFT JOIN learners l ON l.id = a.learner_id WHERE a.id = ?",
        (attempt.id,),
    ).fetchone()
    if existing is not None and existing[1] != learner_id:
        raise ProgressFileError(
            f"{name} gives attempt {attempt.id} ({attempt.case_id}) to "
            f"{claimed_by.display_name}, but here it belongs to {existing[2] or existing[1]}.",
            "An attempt belongs to the learner who made it. Nothing was imported; check "
            "with both learners where the file came from.",
        )
    if existing is None:
        conn.execute(
            f"INSERT INTO attempts ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
            tuple(data.values()),
        )
        report.attempts_added += 1
        _add_decisions(conn, attempt, set(), report, name)
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
            _add_decisions(conn, attempt, have, report, name)
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


def _add_decisions(
    conn: Any, attempt: AttemptRecord, have: set[str], report: ImportReport, name: str
) -> None:
    """Insert the attempt's decisions not already here; a decision id that another
    attempt's decision already has refuses the whole file (it was silently dropped)."""
    for decision in attempt.decisions:
        if decision.id in have:
            continue
        clash = conn.execute(
            "SELECT attempt_id FROM decisions WHERE id = ? OR (attempt_id = ? AND seq = ?)",
            (decision.id, decision.attempt_id, decision.seq),
        ).fetchone()
        if clash is not None:
            raise ProgressFileError(
                f"{name} is damaged: decision {decision.seq + 1} of attempt {attempt.id} "
                f"has the id {decision.id} or the place of a decision already here.",
                _NOT_IMPORTED,
            )
        row = decision.model_dump()
        conn.execute(
            f"INSERT INTO decisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        report.decisions_added += 1
