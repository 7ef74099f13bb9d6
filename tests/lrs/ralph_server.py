"""A real Ralph LRS (filesystem backend) on 127.0.0.1, for the LRS tests and the benchmark.

    python tests/lrs/ralph_server.py --port 8100 --data /tmp/lrs --user key --password secret

``RalphServer`` starts it in a child process (one PID: uvicorn runs Ralph's FastAPI app
directly), waits until it answers, and can stop, kill (SIGKILL), pause (SIGSTOP) and
restart it on the same port and data. Ralph 5.1.0's filesystem backend needs two fixes at
run time, applied here before the app starts:

* ``FSLRSBackend.default_operation_type`` is CREATE, so every POST after the first fails
  with 500: it becomes APPEND;
* the ``verb`` and ``activity`` filters compare pydantic ``IRI`` objects with strings and
  never match: they are given ``str(...)``.

Killed with SIGKILL (a test does), the filesystem backend is not crash-safe where the
production backends (ClickHouse, Elasticsearch, MongoDB) are: ``history.json`` is
rewritten in place (a kill mid-write leaves it empty and every later request fails
with 500) and the statements file can end in a half-written line. So the history is
written to a temporary file and renamed, and at start-up a half-written last line is
cut off (that request was never answered, so its statements are sent again).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

HERE = Path(__file__).resolve()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_auth(app_dir: Path, user: str, password: str) -> None:
    """Ralph's ``auth.json`` with one Basic-auth user (bcrypt), as ``ralph auth -w`` writes."""
    import bcrypt

    app_dir.mkdir(parents=True, exist_ok=True)
    entry = {
        "username": user,
        "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode(),
        "scopes": ["all"],
        "agent": {"mbox": f"mailto:{user}@example.org"},
        "target": None,
    }
    (app_dir / "auth.json").write_text(json.dumps([entry]))


class RalphServer:
    """One Ralph process on 127.0.0.1:port, its data kept in ``folder`` across restarts."""

    def __init__(self, folder: Path, user: str = "key", password: str = "secret") -> None:
        self.folder = Path(folder)
        self.user, self.password = user, password
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        write_auth(self.folder / "app", user, password)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self, timeout: float = 30.0) -> None:
        log = open(self.folder / "ralph.log", "ab")  # noqa: SIM115 - the child keeps it
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE), "--port", str(self.port), "--data", str(self.folder)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Ralph exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1
                ):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {timeout} s: {self.log_tail()}")

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "ralph.log").read_text(errors="replace")[-2000:]
        return ""

    def _signal(self, sig: int) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, sig)

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled plug would."""
        self._signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(10)

    def pause(self) -> None:
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.resume()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def statements(self, **params: str) -> list[dict]:
        """Every statement stored, following ``more`` (a check for the tests)."""
        from urllib.parse import urlencode, urljoin

        url = self.endpoint + "statements?" + urlencode({"limit": "100", **params})
        found: list[dict] = []
        auth = b64encode(f"{self.user}:{self.password}".encode()).decode()
        while url:
            request = urllib.request.Request(
                url,
                headers={"Authorization": f"Basic {auth}", "X-Experience-API-Version": "1.0.3"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                page = json.load(response)
            found += page["statements"]
            more = page.get("more")
            url = urljoin(url, more) if more else ""
        return found


def repair_statements_file(folder: Path) -> None:
    """Cut a half-written last line (a SIGKILL during an append) off each statements file."""
    for path in folder.glob("*.jsonl"):
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):
            with open(path, "r+b") as handle:
                handle.truncate(data.rfind(b"\n") + 1)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    if args.user and args.password:
        write_auth(args.data / "app", args.user, args.password)
    (args.data / "statements").mkdir(parents=True, exist_ok=True)
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_APP_DIR"] = str(args.data / "app")
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(args.data / "statements")
    os.environ.setdefault("RALPH_SENTRY_DSN", "")

    repair_statements_file(args.data / "statements")
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.mixins import HistoryMixin
    from ralph.backends.lrs.fs import FSLRSBackend
    from ralph.conf import settings

    def write_history(self, history):  # type: ignore[no-untyped-def]
        path = settings.HISTORY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(history), encoding=settings.LOCALE_ENCODING)
        os.replace(tmp, path)
        self._history = history

    HistoryMixin.write_history = write_history  # type: ignore[method-assign]

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    by_verb = FSLRSBackend._add_filter_by_verb
    by_activity = FSLRSBackend._add_filter_by_activity
    FSLRSBackend._add_filter_by_verb = staticmethod(  # type: ignore[method-assign]
        lambda filters, verb_id: by_verb(filters, str(verb_id) if verb_id else verb_id)
    )
    FSLRSBackend._add_filter_by_activity = staticmethod(  # type: ignore[method-assign]
        lambda filters, object_id, related: by_activity(
            filters, str(object_id) if object_id else object_id, related
        )
    )
    _exit_with_parent()
    import uvicorn

    uvicorn.run("ralph.api:app", host="127.0.0.1", port=args.port, log_level="warning")


def _exit_with_parent() -> None:
    """Stop when the process that started this one is gone (a test run killed with
    SIGKILL never leaves a Ralph behind)."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    main()
