"""Sending learning records to a Learning Record Store (xAPI 1.0.3), and reading them back.

* Settings: ``lrs.json`` in the data folder (off unless a course lead turns sync on);
  the key and secret in the OS keyring (the ``keyring`` package) where there is one,
  otherwise in ``lrs-credentials.json`` readable only by the user.
* :func:`sync_store` sends the outbox in recorded order, in batches, with
  ``X-Experience-API-Version: 1.0.3``; retries with exponential backoff and jitter; a
  409 or 204 for a re-sent id counts as delivered; a statement refused with another 4xx
  (not 401/403/404/408/429) goes to the dead letters with the LRS's message; 5xx and
  network errors leave it queued.
* :func:`fetch_statements` and :func:`rebuild_store` read a cohort's statements back into
  a scratch progress database, so the course-lead exports (``trainer.store.exports``)
  run on it unchanged.

HTTP is the standard library's ``http.client`` (one kept-alive connection per sync):
sync needs POST, PUT and GET with Basic auth and timeouts, nothing a dependency adds.
It (and ``ssl``) is imported when a connection is made: opening the store reads this
module's settings on the path to the GUI's first paint.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit

from trainer.core.xapi import (
    DEFAULT_ACTIVITY_BASE,
    DEFAULT_HOME_PAGE,
    VERSION,
    Vocabulary,
    ext,
    parse_statement,
)
from trainer.store.errors import StoreError

if TYPE_CHECKING:
    from trainer.store.outbox import OutboxRecorder, QueuedStatement
    from trainer.store.store import Store

SETTINGS_NAME = "lrs.json"
CREDENTIALS_NAME = "lrs-credentials.json"
KEYRING_SERVICE = "casework-trainer-lrs"
LAST_SYNC_KEY = "lrs_last_sync"
LAST_ERROR_KEY = "lrs_last_error"


# --------------------------------------------------------------------------- settings


@dataclass
class LrsSettings:
    enabled: bool = False
    endpoint: str = ""
    home_page: str = DEFAULT_HOME_PAGE
    activity_base: str = DEFAULT_ACTIVITY_BASE
    pseudonymise: bool = False
    send_names: bool = False
    pseudonym_key: str = ""
    batch_size: int = 50
    timeout_s: float = 10.0

    def vocabulary(self) -> Vocabulary:
        return Vocabulary(
            self.home_page,
            self.activity_base,
            self.pseudonymise,
            self.send_names,
            self.pseudonym_key,
        )

    def check(self) -> None:
        """A clear message for a setting that cannot work."""
        for name in ("endpoint", "home_page", "activity_base"):
            value = getattr(self, name)
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                label = name.replace("_", " ")
                raise StoreError(
                    f"The LRS {label} '{value}' is not an http:// or https:// address.",
                    f"Set it with 'trainer lrs configure --{label.replace(' ', '-')} URL'.",
                )
        if not 1 <= self.batch_size <= 1000:
            raise StoreError(f"The LRS batch size {self.batch_size} is not between 1 and 1000.")
        if not 0.1 <= self.timeout_s <= 600:
            raise StoreError(f"The LRS timeout {self.timeout_s} s is not between 0.1 and 600.")


def settings_path(folder: Path) -> Path:
    return Path(folder) / SETTINGS_NAME


def load_settings(folder: Path) -> LrsSettings:
    """The settings in the data folder (defaults, sync off, when there is no file)."""
    path = settings_path(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LrsSettings()
    except OSError as exc:
        raise StoreError(f"Could not read the LRS settings {path}: {exc.strerror}.") from None
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        known = {k: v for k, v in data.items() if k in LrsSettings.__dataclass_fields__}
        settings = LrsSettings(**known)
        for name, default in asdict(LrsSettings()).items():
            value = getattr(settings, name)
            wanted = (int, float) if isinstance(default, float) else type(default)
            if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
                raise ValueError(f"'{name}' should be {type(default).__name__}")
    except (ValueError, TypeError) as exc:
        raise StoreError(
            f"The LRS settings file {path} is not valid ({exc}).",
            "Fix it, or set the LRS again with 'trainer lrs configure' or the LRS dialog.",
        ) from None
    return settings


def save_settings(folder: Path, settings: LrsSettings) -> Path:
    from trainer.store.files import atomic_output

    if settings.enabled:
        settings.check()
    path = settings_path(folder)
    Path(folder).mkdir(parents=True, exist_ok=True)
    with atomic_output(path, f"write {path}") as tmp:
        tmp.write_text(json.dumps(asdict(settings), indent=1), encoding="utf-8")
    return path


def recorder_for(folder: Path) -> OutboxRecorder | None:
    """The outbox recorder when sync is on; None when it is off or its settings are unreadable
    (playing never fails for them: `trainer sync` and the dialog say what is wrong)."""
    if not settings_path(folder).exists():
        return None
    try:
        settings = load_settings(folder)
    except StoreError:
        return None
    if not settings.enabled:
        return None
    from trainer.store.outbox import OutboxRecorder

    return OutboxRecorder(settings.vocabulary())


# --------------------------------------------------------------------------- credentials


def _keyring() -> Any | None:
    """The keyring module when a real backend is there; None otherwise."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration
        return None
    if (
        isinstance(backend, fail.Keyring)
        or type(backend).__name__ == "ChainerBackend"
        and not getattr(backend, "backends", None)
    ):
        return None
    return keyring


def save_credentials(folder: Path, endpoint: str, key: str, secret: str) -> str | None:
    """Keep the key and secret: the OS keyring where it works (returns None), else a file
    only the user can read (returns a warning to show)."""
    secret_text = json.dumps({"key": key, "secret": secret})
    keyring = _keyring()
    if keyring is not None:
        try:
            keyring.set_password(KEYRING_SERVICE, endpoint, secret_text)
            with contextlib.suppress(FileNotFoundError):
                (Path(folder) / CREDENTIALS_NAME).unlink()
            return None
        except Exception:  # noqa: S110 - any keyring failure falls back to the file
            pass
    path = Path(folder) / CREDENTIALS_NAME
    Path(folder).mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"endpoint": endpoint, "key": key, "secret": secret}))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return (
        f"There is no OS keyring here, so the LRS key and secret are kept in {path}, "
        "readable only by this user account. Anyone with this account can read them: use "
        "a key that can only send statements."
    )


def load_credentials(folder: Path, endpoint: str) -> tuple[str, str]:
    """(key, secret) for the endpoint; $TRAINER_LRS_KEY/$TRAINER_LRS_SECRET come first."""
    if os.environ.get("TRAINER_LRS_KEY") and os.environ.get("TRAINER_LRS_SECRET"):
        return os.environ["TRAINER_LRS_KEY"], os.environ["TRAINER_LRS_SECRET"]
    keyring = _keyring()
    if keyring is not None:
        with contextlib.suppress(Exception):
            found = keyring.get_password(KEYRING_SERVICE, endpoint)
            if found:
                data = json.loads(found)
                return str(data["key"]), str(data["secret"])
    path = Path(folder) / CREDENTIALS_NAME
    try:
        mode = path.stat().st_mode
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = None
    except (OSError, ValueError):
        raise StoreError(
            f"The LRS credentials file {path} cannot be read.",
            "Enter the key and secret again with 'trainer lrs configure' or the LRS dialog.",
        ) from None
    if not isinstance(data, dict) or data.get("endpoint") != endpoint:
        raise StoreError(
            f"No key and secret are saved for the LRS at {endpoint}.",
            "Enter them with 'trainer lrs configure --key KEY --secret SECRET' or the LRS dialog.",
        )
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(
            f"The LRS credentials file {path} can be read by other users.",
            f"Run 'chmod 600 {path}', or enter the key and secret again.",
        )
    return str(data["key"]), str(data["secret"])


# --------------------------------------------------------------------------- HTTP


class LrsUnreachable(StoreError):
    """No answer (refused, reset, timed out): the statements stay queued."""

    def __init__(self, headline: str) -> None:
        super().__init__(headline, "Check the network and the LRS address; nothing is lost.")


@dataclass
class Reply:
    status: int
    body: bytes

    def message(self) -> str:
        """The LRS's own words about the problem, shortened."""
        text = self.body.decode("utf-8", "replace").strip()
        with contextlib.suppress(ValueError, AttributeError, TypeError):
            text = _lrs_words(json.loads(text)) or text
        from http.client import responses

        return f"HTTP {self.status}: {text[:1500] or responses.get(self.status, '')}"


def _lrs_words(data: Any) -> str:
    """The message in an LRS's JSON error: ``detail``/``message``/``error``, and for a list
    of validation errors each one's location and message (never the statement echoed)."""
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors"):
            if key in data:
                return _lrs_words(data[key])
        return ""
    if isinstance(data, list):
        parts = []
        for item in data[:5]:
            if isinstance(item, dict) and "msg" in item:
                where = ".".join(str(p) for p in item.get("loc", []) if p != "body")
                parts.append(f"{where}: {item['msg']}" if where else str(item["msg"]))
            else:
                parts.append(_lrs_words(item) if not isinstance(item, str) else item)
        return "; ".join(p for p in parts if p)
    return str(data)


class LrsClient:
    """One kept-alive connection to the LRS's xAPI endpoint."""

    def __init__(self, endpoint: str, key: str, secret: str, timeout: float = 10.0) -> None:
        parts = urlsplit(endpoint if endpoint.endswith("/") else endpoint + "/")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"The LRS endpoint '{endpoint}' is not an http(s) address.")
        self.endpoint = parts.geturl()
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.base_path = parts.path
        self.timeout = timeout
        import base64

        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": VERSION,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self._conn: Any = None

    def _connection(self) -> Any:
        import http.client
        import ssl

        if self._conn is None:
            if self.scheme == "https":
                self._conn = http.client.HTTPSConnection(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, target: str, body: bytes | None = None) -> Reply:
        """``target``: a path relative to the endpoint (``statements?...``) or absolute."""
        import http.client

        path = target if target.startswith("/") else self.base_path + target
        for again in (True, False):  # a kept-alive connection the server closed: once more
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=self.headers)
                response = conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.close()
                return Reply(response.status, data)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if not again or method == "GET":
                    raise LrsUnreachable(f"The LRS closed the connection ({exc}).") from None
                # a fresh connection for a request that never reached a live server
                continue
            except TimeoutError:
                self.close()
                raise LrsUnreachable(f"The LRS did not answer within {self.timeout:g} s.") from None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise LrsUnreachable(
                    f"Could not reach the LRS at {self.endpoint}: {exc}."
                ) from None
        raise LrsUnreachable("unreachable")  # pragma: no cover

    def __enter__(self) -> LrsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- sending

# 4xx answers about the request or the account, not about a statement: keep it queued.
NOT_ABOUT_THE_STATEMENT = {401, 403, 404, 405, 407, 408, 429}


class StopSync(Exception):
    """The LRS cannot take statements now (refused credentials, wrong address): stop."""

    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass
class BatchOutcome:
    delivered: list[str] = field(default_factory=list)
    dead: list[tuple[str, int | None, str]] = field(default_factory=list)
    error: str | None = None  # what stopped it; the rest stays queued
    transient: bool = True


def _refusal(reply: Reply) -> StopSync:
    if reply.status in (401, 403):
        return StopSync(f"The LRS refused the key and secret ({reply.message()}).", transient=False)
    if reply.status in (404, 405):
        return StopSync(
            f"The LRS address does not take xAPI statements ({reply.message()}).", transient=False
        )
    return StopSync(f"The LRS could not take statements now ({reply.message()}).", transient=True)


def send_batch(client: LrsClient, batch: list[QueuedStatement]) -> BatchOutcome:
    """POST the batch; on a conflict or a refusal, each statement alone (PUT by id), in
    order, so delivered ones are told from refused ones."""
    outcome = BatchOutcome()
    body = ("[" + ",".join(q.text for q in batch) + "]").encode()
    try:
        reply = client.request("POST", "statements", body)
    except LrsUnreachable as exc:
        outcome.error = str(exc)
        return outcome
    if reply.status in (200, 204):
        outcome.delivered = [q.id for q in batch]
        return outcome
    if reply.status >= 500 or reply.status in NOT_ABOUT_THE_STATEMENT:
        stop = _refusal(reply)
        outcome.error, outcome.transient = str(stop), stop.transient
        return outcome
    for queued in batch:  # 409 (some were there already) or a refused statement
        try:
            one = client.request("PUT", "statements?" + urlencode({"statementId": queued.id}),
                                 queued.text.encode())  # fmt: skip
        except LrsUnreachable as exc:
            outcome.error = str(exc)
            return outcome
        if one.status in (200, 204, 409):
            outcome.delivered.append(queued.id)
        elif one.status >= 500 or one.status in NOT_ABOUT_THE_STATEMENT:
            stop = _refusal(one)
            outcome.error, outcome.transient = str(stop), stop.transient
            return outcome
        else:
            outcome.dead.append((queued.id, one.status, one.message()))
    return outcome


@dataclass
class SyncReport:
    delivered: int = 0
    dead: int = 0
    remaining: int = 0
    error: str | None = None
    last_sync: str | None = None


def backoff_delay(
    tries: int, base: float = 0.5, cap: float = 60.0, rand: Callable[[], float] = random.random
) -> float:
    """Exponential backoff with jitter: half the step fixed, half random ("equal jitter")."""
    step = min(cap, base * 2 ** max(0, tries - 1))
    return step / 2 + rand() * step / 2


def sync_store(
    store: Store,
    settings: LrsSettings,
    key: str,
    secret: str,
    *,
    max_tries: int = 5,
    base_delay: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[SyncReport], None] | None = None,
) -> SyncReport:
    """Send everything in the outbox, oldest first; returns what happened."""
    from trainer.store.database import utc_now

    report = SyncReport()
    tries = 0
    with LrsClient(settings.endpoint, key, secret, settings.timeout_s) as client, store.sending():
        while not should_stop():
            batch = store.outbox_batch(settings.batch_size)
            if not batch:
                break
            outcome = send_batch(client, batch)
            seq = {q.id: q.seq for q in batch}
            failed = None
            if outcome.error:
                settled = {*outcome.delivered, *(d[0] for d in outcome.dead)}
                failed = ([q.seq for q in batch if q.id not in settled][:1], outcome.error)
            exchanged = bool(outcome.delivered or outcome.dead)
            if exchanged:
                report.last_sync = utc_now()
                tries = 0
            store.outbox_settle(
                [seq[i] for i in outcome.delivered],
                [(seq[i], status, message) for i, status, message in outcome.dead],
                failed,
                {LAST_SYNC_KEY: report.last_sync} if exchanged and report.last_sync else None,
            )
            report.delivered += len(outcome.delivered)
            report.dead += len(outcome.dead)
            if progress is not None:
                progress(report)
            if outcome.error is None:
                report.error = None
                continue
            report.error = outcome.error
            tries += 1
            if not outcome.transient or tries >= max_tries:
                break
            sleep(backoff_delay(tries, base_delay))
    report.remaining = store.outbox_count()
    # (the last sync time is noted with each batch the LRS took, not for an empty run)
    if (store.meta(LAST_ERROR_KEY) or "") != (report.error or ""):
        store.set_meta(LAST_ERROR_KEY, report.error or "")
    return report


def sync_folder(folder: Path, **options: Any) -> SyncReport:
    """Open the store in ``folder`` (its own connection: safe from any thread) and sync."""
    from trainer.store.store import open_store

    settings = load_settings(folder)
    if not settings.enabled:
        raise StoreError(
            "Sending to a Learning Record Store is off.",
            "A course lead turns it on with 'trainer lrs configure --enable' or the LRS dialog.",
        )
    settings.check()
    key, secret = load_credentials(folder, settings.endpoint)
    with open_store(folder) as store:
        return sync_store(store, settings, key, secret, **options)


@dataclass
class SyncStatus:
    enabled: bool
    waiting: int
    refused: int
    last_sync: str | None
    last_error: str | None


def sync_status(store: Store) -> SyncStatus:
    settings_enabled = store.xapi is not None
    return SyncStatus(
        settings_enabled,
        store.outbox_count(),
        int(store.rows("SELECT count(*) AS n FROM xapi_dead_letters")[0]["n"]),
        store.meta(LAST_SYNC_KEY) or None,
        store.meta(LAST_ERROR_KEY) or None,
    )


# --------------------------------------------------------------------------- reading back


def fetch_statements(
    client: LrsClient, params: dict[str, str], page_size: int = 100
) -> Iterator[dict]:
    """Every statement matching ``params``, following the LRS's ``more`` links."""
    target = "statements?" + urlencode({**params, "limit": str(page_size)})
    seen_pages = 0
    while target:
        reply = client.request("GET", target)
        if reply.status != 200:
            raise StoreError(
                f"The LRS refused to list statements ({reply.message()}).",
                "Check the LRS address, and that the key may read statements.",
            )
        try:
            page = json.loads(reply.body)
            statements = page["statements"]
        except (ValueError, KeyError, TypeError):
            raise StoreError("The LRS's answer is not an xAPI statement list.") from None
        yield from statements
        more = page.get("more") or ""
        seen_pages += 1
        if not more or not statements or seen_pages > 1_000_000:
            break
        absolute = urljoin(client.endpoint, more)
        target = urlsplit(absolute)._replace(scheme="", netloc="").geturl()


def fetch_cohort(
    client: LrsClient,
    vocab: Vocabulary,
    case_ids: list[str] | None = None,
    registrations: list[str] | None = None,
) -> list[dict]:
    """Our statements for these cases (by activity, with related activities) or these
    attempts (by registration); every one of ours under the activity base otherwise."""
    found: dict[str, dict] = {}
    queries: list[dict[str, str]] = []
    for registration in registrations or []:
        queries.append({"registration": registration})
    for case_id in case_ids or []:
        queries.append({"activity": vocab.case_iri(case_id), "related_activities": "true"})
    if not queries:
        queries.append({})
    base = vocab.activity_base.rstrip("/") + "/cases/"
    for params in queries:
        for statement in fetch_statements(client, params):
            parsed = parse_statement(statement)
            if parsed is None or not parsed.object_id.startswith(base):
                continue
            found.setdefault(parsed.id, statement)
    return list(found.values())


def _stamp(text: str) -> str:
    """An LRS's timestamp in the store's own fixed-width form (reports compare strings)."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def rebuild_store(statements: list[dict], folder: Path) -> Store:
    """A progress database in ``folder`` (new, scratch) holding what the statements say:
    learners, attempts, decisions and reflections, as the app would have recorded them."""
    import uuid

    from trainer.store.store import open_store

    parsed = sorted(
        (p for p in map(parse_statement, statements) if p is not None),
        key=lambda p: (_stamp(p.timestamp), p.id),
    )
    store = open_store(folder)
    learners: dict[tuple[str, str], dict[str, Any]] = {}
    attempts: dict[str, dict[str, Any]] = {}
    decisions: dict[tuple[str, int], tuple] = {}
    reflections: dict[str, tuple[str, str]] = {}
    skipped = 0
    for p in parsed:
        try:
            when = _stamp(p.timestamp)
            person = learners.setdefault(
                (p.home_page, p.account),
                {
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{p.home_page}#{p.account}")),
                    "first": when,
                },
            )
            person["name"] = str(p.name or person.get("name") or p.account)[:200]
            cohort = ext(p.context, "cohort")
            person["cohort"] = cohort if isinstance(cohort, str) else None
            person["student_id"] = None if p.account.startswith("p-") else p.account
            a = attempts.setdefault(
                p.registration,
                {
                    "learner_id": person["id"],
                    "case_id": p.case_id,
                    "case_title": p.case_title,
                    "status": "in_progress",
                    "started_at": _stamp(ext(p.context, "started-at") or p.timestamp),
                    "active_ms": 0,
                    "decisions": 0,
                },
            )
            a["case_title"] = p.case_title or a["case_title"]
            a["case_version"] = str(ext(p.context, "case-version") or "")
            a["case_sha256"] = ext(p.context, "case-sha256") or ""
            mode = ext(p.context, "mode")
            a["mode"] = mode if mode in ("practice", "assessed") else "practice"
            a["app_version"] = ext(p.context, "app-version")
            a["updated_at"] = when
            r = p.result
            if p.verb == "answered":
                seq = int(ext(r, "step", 1)) - 1
                kind = ext(r, "kind") or "choice"
                response = r.get("response") or None
                points = ext(r, "competency-points")
                elapsed = ext(r, "elapsed-ms")
                if (p.registration, seq) not in decisions:
                    a["active_ms"] += elapsed or 0
                    a["decisions"] += 1
                a["last_scene"] = ext(r, "next-scene") or ext(r, "scene")
                decisions[(p.registration, seq)] = (
                    p.id, p.registration, seq, ext(r, "scene"), kind,
                    response if kind == "choice" else None,
                    json.dumps(list(ext(r, "ticked") or [])) if kind == "checklist" else None,
                    response if kind == "rating" else None,
                    ext(r, "label"), ext(r, "judgement"),
                    round(sum(points.values()), 4) if isinstance(points, dict) else None,
                    json.dumps(points) if isinstance(points, dict) else None,
                    int(bool(ext(r, "critical-error"))), ext(r, "confidence"), elapsed,
                    ext(r, "feedback"), when,
                )  # fmt: skip
            elif p.verb == "completed":
                score = r.get("score") or {}
                a.update(
                    status="completed",
                    ended_at=when,
                    percent=ext(r, "percent"),
                    passed=int(bool(r.get("success"))),
                    score_raw=score.get("raw"),
                    score_max=score.get("max"),
                    critical_errors=ext(r, "critical-errors"),
                    unsafe_choices=ext(r, "unsafe-choices"),
                    last_scene=ext(r, "ending"),
                    result=json.dumps({"percents": ext(r, "competency-percents") or {}}),
                    final_ms=ext(r, "active-ms"),
                )
            elif p.verb == "terminated" and a["status"] == "in_progress":
                a["status"] = "stale" if ext(r, "status") == "stale" else "abandoned"
                a.setdefault("ended_at", when)
            elif p.verb == "commented":
                reflections[p.registration] = (str(r.get("response") or ""), when)
            elif p.verb == "initialized":
                a["case_title"] = p.case_title or a["case_title"]
                if a["decisions"] == 0:
                    a["last_scene"] = ext(p.context, "scene")
        except (ValueError, TypeError, AttributeError, KeyError):
            skipped += 1  # one of ours in name only: malformed, left out
    if skipped:
        store.notices.append(
            f"{skipped} statement(s) from the LRS were malformed and were left out."
        )

    with store.write("rebuild progress from the LRS") as conn:
        for person in learners.values():
            conn.execute(
                "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (person["id"], person["name"], person["student_id"], person["cohort"],
                 person["first"], person["first"]),
            )  # fmt: skip
        for registration, a in attempts.items():
            conn.execute(
                "INSERT INTO attempts (id, learner_id, case_id, case_title, case_version, "
                "case_sha256, mode, kind, status, started_at, updated_at, ended_at, state, "
                "result, decision_count, last_scene, active_ms, percent, passed, score_raw, "
                "score_max, critical_errors, unsafe_choices, app_version) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, 'learner', ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    registration, a["learner_id"], a["case_id"], a["case_title"],
                    a["case_version"], a["case_sha256"], a["mode"], a["status"],
                    a["started_at"], a["updated_at"], a.get("ended_at"), a.get("result"),
                    a["decisions"], a.get("last_scene"),
                    a["final_ms"] if a.get("final_ms") is not None else a["active_ms"],
                    a.get("percent"), a.get("passed"), a.get("score_raw"), a.get("score_max"),
                    a.get("critical_errors"), a.get("unsafe_choices"), a.get("app_version"),
                ),
            )  # fmt: skip
        conn.executemany(
            "INSERT INTO decisions (id, attempt_id, seq, scene, kind, choice, ticked, rating, "
            "label, judgement, points, points_detail, critical, confidence, elapsed_ms, "
            "feedback, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [d for d in decisions.values() if d[1] in attempts],
        )
        conn.executemany(
            "INSERT INTO reflections (attempt_id, text, updated_at) VALUES (?, ?, ?)",
            [(reg, text, when) for reg, (text, when) in reflections.items()],
        )
    return store


# --------------------------------------------------------------------------- in the background


class BackgroundSender:
    """Sends the outbox from a daemon thread with its own database connection, so the
    learner never waits for the network. ``nudge()`` after a record; ``stop()`` at exit.

    After a failure it waits with exponential backoff and jitter (up to ``max_wait``);
    otherwise it wakes every ``interval`` seconds, or at once when nudged.
    """

    def __init__(self, folder: Path, interval: float = 60.0, max_wait: float = 300.0) -> None:
        import threading

        self.folder = Path(folder)
        self.interval = interval
        self.max_wait = max_wait
        self.last: SyncReport | None = None
        self.last_error: str | None = None
        self.failures = 0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lrs-sender", daemon=True)

    def start(self) -> BackgroundSender:
        self._thread.start()
        return self

    def nudge(self) -> None:
        """Something was recorded: send soon (not while backing off from a failure)."""
        if self.failures == 0:
            self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                report = sync_folder(self.folder, max_tries=1, should_stop=self._stopping.is_set)
                self.last = report
                self.last_error = report.error
            except Exception as exc:  # never let the sender die: say why, and try later
                report = None
                self.last_error = getattr(exc, "headline", None) or str(exc)
            if self.last_error:
                self.failures += 1
                wait = min(self.max_wait, backoff_delay(self.failures, 2.0, self.max_wait))
            else:
                self.failures = 0
                wait = self.interval
            self._wake.wait(wait)
