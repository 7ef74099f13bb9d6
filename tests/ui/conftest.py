"""GUI test fixtures: offscreen Qt, a real store in a temporary folder, dialogs answered by tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from trainer.store import open_store  # noqa: E402
from trainer.ui.app import build_window, create_application  # noqa: E402
from trainer.ui.dialogs import (  # noqa: E402
    ConfirmDialog,
    FileDialog,
    MessageDialog,
    SavedDialog,
    SupportDialog,
)
from trainer.ui.errors import CrashDialog  # noqa: E402
from trainer.ui.main_window import MainWindow  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "mini"
UI_CASES = FIXTURES / "ui"


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Every dialog answered by the test; what was shown is recorded here."""
    seen: dict[str, list] = {
        "warn": [],
        "inform": [],
        "confirm": [],
        "crash": [],
        "support": [],
        "saved": [],
    }
    monkeypatch.setattr(
        SavedDialog, "show", classmethod(lambda cls, p, t, f: seen["saved"].append((t, f)))
    )
    answers = {"confirm": False}
    monkeypatch.setattr(
        MessageDialog, "warn", classmethod(lambda cls, p, h, a="": seen["warn"].append((h, a)))
    )
    monkeypatch.setattr(
        MessageDialog, "inform", classmethod(lambda cls, p, t, x: seen["inform"].append(x))
    )

    def confirm(cls, parent, title, text):  # noqa: ANN001, ANN202
        seen["confirm"].append(text)
        return answers["confirm"]

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(confirm))
    monkeypatch.setattr(CrashDialog, "show", classmethod(lambda cls, f: seen["crash"].append(f)))
    monkeypatch.setattr(
        SupportDialog, "present", classmethod(lambda cls, p: seen["support"].append(p))
    )
    monkeypatch.setattr(FileDialog, "folder", classmethod(lambda cls, p, t: None))
    monkeypatch.setattr(FileDialog, "save_path", classmethod(lambda cls, p, t, s, f: None))
    seen["answers"] = answers  # type: ignore[assignment]
    return seen


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_window(qtbot, data_dir: Path, dialogs: dict) -> Iterator[Callable[..., MainWindow]]:  # noqa: ANN001
    """Open the app on ``data_dir`` with the given case folders, every case checked."""
    create_application()
    base_font = QApplication.font()
    opened: list = []

    def make(folders: list[Path] | None = None, shuffle: bool = False) -> MainWindow:
        for window, store in opened:  # like quitting the app before starting it again
            window.close()
            store.close()
        opened.clear()
        store = open_store(data_dir)
        window = build_window(store, folders if folders is not None else [MINI])
        window.controller.shuffle_choices = shuffle  # most tests follow a path by position
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.controller.library_checked, timeout=15000):
            window.show()
            window.start()
        window.activateWindow()
        qtbot.waitExposed(window)
        opened.append((window, store))
        return window

    yield make
    for window, store in opened:
        window.language_glue.language.apply("en")  # the next test starts in English
        window.close()
        store.close()
    QApplication.setFont(base_font)


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets under ``root`` without an accessible name (Qt internals skipped)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QProgressBar,
        QTextEdit,
    )

    kinds = (
        QAbstractButton,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QComboBox,
        QAbstractItemView,
        QProgressBar,
    )
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        if widget.objectName().startswith("qt_") or _inside_qt_internal(widget):
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {_text(widget)!r}")
    return missing


def _inside_qt_internal(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def _text(widget: QWidget) -> str:
    return getattr(widget, "text", lambda: "")() if hasattr(widget, "text") else ""
