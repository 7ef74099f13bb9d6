"""``trainer --self-test``: prove that this build of the app works, in one run.

It starts the app as a student would (the same window, controller and store), in a
fresh temporary data folder (the student's real progress is never touched), and checks:

1. the library window opens and paints with the bundled cases listed;
2. every bundled case loads and validates;
3. one bundled case plays to its end through the controller, taking the case's
   expected path as the core computes it (the case with the shortest one), and the
   completed attempt is in the database.

It prints one plain line per check and exits 0, or prints ``Self-test failed: …`` and
exits 1. Installer builds run it from the built artefact (``scripts/build_app.py
--smoke``); the suite runs it on the source tree (``tests/ui/test_selftest.py``).

``--probe-start`` (hidden, for ``bench/installer_bench.py``) opens the app on a data
folder as a student would, prints ``READY <cases>`` once the library has painted with
its cases listed, and quits: the same measure for a pip install and an installer build.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

REPORT_VAR = "TRAINER_SELFTEST_OUTPUT"  # also write each line of the report to this file
WAIT_S = 60.0  # generous: a cold start of a frozen app on a busy CI runner


class SelfTestFailure(Exception):
    """One check failed; the message says which, in plain words."""


def _say(text: str) -> None:
    # A windowed build (Windows, macOS) may have no console: sys.stdout is None there, so
    # the smoke test names a file to copy each line to as well.
    if sys.stdout is not None:
        print(text, flush=True)
    report = os.environ.get(REPORT_VAR)
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(text + "\n")


# What the app reported while the self-test ran: a message box it would have shown, or an
# error raised in a Qt slot. Any of these fails the self-test.
_reported: list[str] = []


def _check_reported() -> None:
    if _reported:
        raise SelfTestFailure(f"the app reported: {_reported[0]}")


def _wait(done: Callable[[], bool], what: str, seconds: float = WAIT_S) -> None:
    """Run the event loop until ``done()``; fail with ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not done():
        _check_reported()
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"{what} (waited {seconds:.0f} s)")
        QApplication.processEvents()
        time.sleep(0.005)
    _check_reported()


@contextmanager
def _unattended() -> Iterator[None]:
    """No modal dialog can stop the self-test waiting for a click that never comes: each
    message is recorded instead, as is any error raised in a Qt slot."""
    from trainer.ui.dialogs import ConfirmDialog, MessageDialog

    def warn(cls: type, parent: object, headline: str, advice: str = "") -> None:
        _reported.append(f"{headline} {advice}".strip())

    saved = (MessageDialog.__dict__["warn"], ConfirmDialog.__dict__["ask"], sys.excepthook)
    MessageDialog.warn = classmethod(warn)  # type: ignore[method-assign, assignment]
    ConfirmDialog.ask = classmethod(lambda cls, parent, title, text: False)  # type: ignore[method-assign, assignment]
    sys.excepthook = lambda kind, exc, tb: _reported.append(f"{kind.__name__}: {exc}")
    _reported.clear()
    try:
        yield
    finally:
        MessageDialog.warn, ConfirmDialog.ask, sys.excepthook = saved  # type: ignore[method-assign]


class _PaintWatch(QObject):
    """Notes the first paint of the library list with cases in it."""

    def __init__(self, window: object) -> None:
        super().__init__()
        self.window = window
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        tree = self.window.library.tree  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.Paint and tree.topLevelItemCount():
            self.painted = True
        return False


def _check_library(window: object, bundled: list[Path]) -> list[object]:
    """Every bundled case is listed and loads; returns the loaded entries."""
    from trainer.core.paths import case_files

    controller = window.controller  # type: ignore[attr-defined]
    expected = {p.resolve() for folder in bundled for p in case_files(folder)}
    if not expected:
        raise SelfTestFailure(f"no bundled cases were found in {', '.join(map(str, bundled))}")
    _wait(lambda: not controller.is_loading, "the library did not load")
    entries = [e for e in controller.entries if e.path.resolve() in expected]
    missing = expected - {e.path.resolve() for e in entries}
    if missing:
        raise SelfTestFailure(
            "the library does not list these bundled cases: "
            + ", ".join(sorted(p.name for p in missing))
        )
    loaded = []
    for entry in entries:
        fresh = controller.ensure_loaded(entry) if entry.is_valid else None
        if fresh is None or fresh.loaded is None:
            raise SelfTestFailure(
                f"the bundled case {entry.path.name} does not load: {entry.error or 'invalid'}"
            )
        loaded.append(fresh)
    return loaded


def _play_one(window: object, entries: list[object]) -> str:
    """Play the case with the shortest expected path to its end; return a summary."""
    from trainer.core.graph import decisions_for
    from trainer.core.pathcheck import expected_path

    controller = window.controller  # type: ignore[attr-defined]
    paths = []
    for entry in entries:
        steps, _why = expected_path(entry.loaded)  # type: ignore[attr-defined]
        if steps:
            paths.append((len(steps), entry.case_id, entry, steps))  # type: ignore[attr-defined]
    if not paths:
        raise SelfTestFailure("no bundled case has an expected path to play")
    _, case_id, entry, steps = min(paths, key=lambda p: (p[0], p[1]))
    errors: list[str] = []
    controller.error_raised.connect(lambda headline, advice: errors.append(headline))
    if not controller.start_case(entry, "practice") or controller.session is None:
        raise SelfTestFailure(f"could not start the case '{case_id}': {'; '.join(errors)}")
    _wait(lambda: window.stack.currentWidget() is window.player, "the player did not open")  # type: ignore[attr-defined]
    for decision in decisions_for(entry.loaded, steps, best=True):  # type: ignore[attr-defined]
        session = controller.session
        if session is None or session.scene_id != decision.scene:
            at = session.scene_id if session else "nothing"
            raise SelfTestFailure(
                f"'{case_id}' is at {at}, but its expected path goes to {decision.scene}"
            )
        if decision.kind == "choice":
            controller.choose(decision.choice)
        elif decision.kind == "checklist":
            controller.tick(list(decision.ticked))
        elif decision.kind == "rating":
            controller.rate(decision.rating)
        else:
            controller.advance()
        QApplication.processEvents()
        if errors:
            raise SelfTestFailure(f"playing '{case_id}' at {decision.scene}: {errors[0]}")
        _check_reported()
    result = controller.result
    if result is None or controller.session is None or not controller.session.is_finished:
        raise SelfTestFailure(f"'{case_id}' did not reach an ending on its expected path")
    if not result.passed:
        raise SelfTestFailure(
            f"'{case_id}' failed on its expected path: {'; '.join(result.reasons)}"
        )
    saved = [
        a
        for a in controller.store.attempts(controller.learner.id, case_id)
        if a.status == "completed"
    ]
    if not saved or saved[-1].decision_count != len(steps):
        raise SelfTestFailure(f"the completed attempt at '{case_id}' is not in the database")
    QApplication.processEvents()
    return f"played '{case_id}' to its end ({len(steps)} decisions saved, {result.percent:g}%)"


def run_self_test(bundled: list[Path] | None = None, keep: Path | None = None) -> int:
    """Run every check; print what passed (or what failed) and return the exit code.

    ``bundled``: the case folders to check (default: the bundled ones). ``keep``: use this
    data folder and leave it in place (tests look inside); by default a temporary folder
    is made and removed afterwards (kept, and named, if something fails).
    """
    from trainer.build_info import describe
    from trainer.system_libraries import display_problem
    from trainer.ui.tasks import wait_for_background

    problem = display_problem()
    if problem:
        _say(f"Self-test failed: {problem}")
        return 1
    data_dir = (
        Path(keep) if keep is not None else Path(tempfile.mkdtemp(prefix="trainer-selftest-"))
    )
    store = window = None
    with _unattended():
        try:
            from trainer.core.paths import bundled_scenarios
            from trainer.store import open_store
            from trainer.ui.app import build_window, create_application

            folders = list(bundled) if bundled is not None else [bundled_scenarios()]
            _say(f"Casework Trainer {describe()}: self-test in {data_dir}")
            app = create_application()
            store = open_store(data_dir)
            window = build_window(store, folders)
            watch = _PaintWatch(window)
            window.library.tree.viewport().installEventFilter(watch)
            window.resize(1100, 760)
            window.show()
            window.start()
            if not window.controller.create_learner("Self-test"):
                raise SelfTestFailure("could not create a profile")
            entries = _check_library(window, folders)
            _wait(lambda: watch.painted, "the library window did not paint its list of cases")
            _say(f"ok: the library opened and painted on the {app.platformName()} platform")
            _say(f"ok: all {len(entries)} bundled cases load")
            _say(f"ok: {_play_one(window, entries)}")
        except SelfTestFailure as exc:
            _say(f"Self-test failed: {exc}. The data folder is kept: {data_dir}")
            return 1
        except Exception as exc:  # any error at all is what this test is for
            log = data_dir / "self-test-error.txt"
            try:
                log.write_text(traceback.format_exc(), encoding="utf-8")
            except OSError:
                log = Path("(not written)")
            _say(f"Self-test failed: unexpected {type(exc).__name__}: {exc}. Details: {log}")
            return 1
        finally:
            if window is not None:
                window.close()
                wait_for_background()  # a background load must not land on a deleted window
                QApplication.processEvents()
                window.controller.deleteLater()  # with it, any timer it still has pending
                window.deleteLater()
            if store is not None:
                store.close()
    if keep is None:
        shutil.rmtree(data_dir, ignore_errors=True)
    _say("Self-test passed.")
    return 0


def probe_start(data_dir: Path | None) -> int:
    """Open the app on ``data_dir`` as ``run_app`` does; print READY once the library has
    painted with its cases listed, then quit (for the start-up benchmark)."""
    from trainer.store import open_store
    from trainer.ui.app import build_window, create_application
    from trainer.ui.preferences import Preferences
    from trainer.ui.tasks import wait_for_background

    app = create_application()
    store = open_store(data_dir)
    remembered = Preferences(Path(store.data_dir) / "settings.ini").last_learner
    if not any(learner.id == remembered for learner in store.learners()):
        store.close()
        _say("FAILED the data folder has no remembered profile to open the library for")
        return 1
    window = build_window(store)
    watch = _PaintWatch(window)
    window.library.tree.viewport().installEventFilter(watch)
    window.resize(1100, 760)
    window.show()
    window.start()
    window.controller.select_learner(remembered)
    try:
        _wait(lambda: watch.painted, "the library did not paint", 120)
        _say(f"READY {window.library.tree.topLevelItemCount()}")
        return 0
    except SelfTestFailure as exc:
        _say(f"FAILED {exc}")
        return 1
    finally:
        window.close()
        wait_for_background()
        store.close()
        app.quit()
