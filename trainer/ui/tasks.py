"""Run slow work (loading case folders, writing PDFs) off the UI thread.

The result comes back through a signal of a bridge object that lives in the UI
thread, so the callbacks always run there (queued), and the window never freezes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskBridge(QObject):
    """Carries one task's outcome back to the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], bridge: TaskBridge) -> None:
        super().__init__()
        self.work = work
        self.bridge = bridge

    def run(self) -> None:
        try:
            value = self.work()
        except Exception as exc:  # reported to the UI thread, which decides what to show
            log.exception("Background task failed")
            self._emit(self.bridge.failed, exc)
            return
        self._emit(self.bridge.succeeded, value)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app closed while the work ran: nobody is waiting
            log.info("Background task finished after its receiver was closed")


_RUNNING: set[TaskBridge] = set()


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> TaskBridge:
    """Start ``work`` on the thread pool; call one of the callbacks in the UI thread."""
    bridge = TaskBridge()
    _RUNNING.add(bridge)

    def done(value: Any) -> None:
        _RUNNING.discard(bridge)
        on_success(value)

    def failed(exc: BaseException) -> None:
        _RUNNING.discard(bridge)
        on_failure(exc)

    bridge.succeeded.connect(done)
    bridge.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, bridge))
    return bridge


def is_busy() -> bool:
    return bool(_RUNNING)


def wait_for_background(timeout_ms: int = 3000) -> bool:
    """Let running work (e.g. writing the library cache) finish before the app exits."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
