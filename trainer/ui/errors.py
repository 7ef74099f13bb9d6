"""The one place the GUI shows unexpected errors: log to a file, tell the user where it is."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.build_info import describe

log = logging.getLogger("trainer")


def setup_logging(data_dir: Path) -> Path:
    """Log to ``<data dir>/logs/trainer.log`` (rotated); return the file's path."""
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "trainer.log"
    root = logging.getLogger("trainer")
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


class CrashDialog:
    """A short message for an unexpected error; tests replace :meth:`show`."""

    @classmethod
    def show(cls, log_file: Path) -> None:
        QMessageBox.warning(
            QApplication.activeWindow(),
            "Casework Trainer",
            "Something unexpected went wrong.\n\nYour progress is saved: every answer is "
            "stored as you give it. You can carry on, or restart the app.\n\n"
            f"Details were written to:\n{log_file}",
        )


def install_excepthook(log_file: Path) -> None:
    """Route uncaught exceptions (including those in Qt slots) to the log and a short message."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical(
            "Unexpected error in Casework Trainer %s", describe(), exc_info=(kind, exc, tb)
        )
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            CrashDialog.show(log_file)
        finally:
            showing = False

    sys.excepthook = hook
