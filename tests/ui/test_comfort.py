"""Accessibility and comfort: names, text size, remembered layout, safe content, crash handling,
and the PySide6 6.12.0 / Python 3.11 None-refcount guard."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser

from tests.ui.conftest import UI_CASES, unnamed_controls
from tests.ui.test_journey import create_profile, open_case
from trainer.ui.errors import install_excepthook, setup_logging
from trainer.ui.widgets import CaseBrowser

IMAGE = QTextDocument.ResourceType.ImageResource.value


def test_every_screen_names_its_controls(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    assert unnamed_controls(window.profile) == []
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    assert unnamed_controls(window.case_start) == []
    window.help_action.trigger()
    assert window.stack.currentWidget() is window.help
    assert "0808 2000 247" in window.help.text.toPlainText()
    assert str(window.controller.data_dir) in window.help.text.toPlainText()
    window.progress_action.trigger()
    assert "No attempts yet" in window.progress.summary.text()
    window.profile_action.trigger()
    assert window.stack.currentWidget() is window.profile
    assert unnamed_controls(window) == []  # every screen, toolbar and menu bar


def test_text_size_changes_with_keys_and_is_remembered(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window.profile.name_edit, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.profile.name_edit, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = QApplication.font().pointSizeF()
    assert bigger == round(before * 1.3, 2) or abs(bigger - before * 1.3) < 0.01
    qtbot.waitUntil(lambda: window.profile.name_edit.font().pointSizeF() == bigger)
    assert window.profile.name_edit.text() == ""  # the keys did not type into the field
    window.resize(760, 520)
    size = (window.width(), window.height())
    window.debrief.splitter.setSizes([500, 200])
    splitter = bytes(window.debrief.splitter.saveState())
    window.close()
    QApplication.setFont(window._base_font)

    again = make_window()
    assert QApplication.font().pointSizeF() == bigger
    assert (again.width(), again.height()) == size
    assert bytes(again.debrief.splitter.saveState()) == splitter
    again.smaller_action.trigger()
    assert QApplication.font().pointSizeF() < bigger


def test_case_text_never_loads_from_the_network_or_outside_its_folders(
    qtbot, tmp_path: Path
) -> None:  # noqa: ANN001
    browser = CaseBrowser("test")
    qtbot.addWidget(browser)
    outside = tmp_path / "secret.png"
    outside.write_bytes((UI_CASES / "phone.png").read_bytes())
    browser.set_folders(UI_CASES, [UI_CASES])
    assert browser.loadResource(IMAGE, QUrl("phone.png")) is not None
    assert browser.loadResource(IMAGE, QUrl("https://example.org/phone.png")) is None
    assert browser.loadResource(IMAGE, QUrl.fromLocalFile(str(outside))) is None
    relative = Path("..") / ".." / ".." / outside.relative_to(outside.anchor)
    assert browser.loadResource(IMAGE, QUrl(str(relative))) is None


def test_unexpected_error_is_logged_and_reported_briefly(tmp_path: Path, dialogs) -> None:  # noqa: ANN001
    log_file = setup_logging(tmp_path)
    saved = sys.excepthook
    try:
        install_excepthook(log_file)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = saved
    assert dialogs["crash"] == [log_file]
    assert "RuntimeError: boom in a slot" in log_file.read_text(encoding="utf-8")


def test_void_qt_calls_keep_the_refcount_of_none(qtbot) -> None:  # noqa: ANN001
    """PySide6 6.12.0 on CPython 3.11 lost a reference to None on every void call and aborted
    after a few thousand; 6.11.3 and Python 3.12+ (immortal None) do not."""
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    before = sys.getrefcount(None)
    for n in range(3000):
        browser.setHtml("<p>x</p>")
        browser.setWindowTitle(f"t{n % 7}")
        browser.setAccessibleName("n")
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references in 9000 void calls"


def test_escape_leaves_the_case_start_without_starting(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.keyClick(window.case_start.start_button, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library
    assert window.controller.store.attempts(window.controller.learner.id) == []


def test_file_menu_opens_tutor_mode_on_a_folder(qtbot, make_window, monkeypatch) -> None:  # noqa: ANN001
    from trainer.ui.dialogs import FileDialog

    window = make_window()
    monkeypatch.setattr(FileDialog, "folder", classmethod(lambda cls, p, t: UI_CASES))
    window.tutor_action.trigger()
    assert window.tutor_window is not None and window.tutor_window.isVisible()
    window.tutor_window.close()


def test_library_lists_cached_cases_at_once_then_the_checked_truth(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    from tests.ui.conftest import MINI
    from trainer.store import open_store
    from trainer.ui.app import build_window

    folder = tmp_path / "cases"
    folder.mkdir()
    case_file = folder / "mini.yaml"
    case_file.write_text((MINI / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = make_window([folder])
    assert (data_dir / "library-cache.json").exists()
    first.close()
    first.controller.store.close()

    store = open_store(data_dir)
    window = build_window(store, [folder])
    qtbot.addWidget(window)
    entries = window.controller.entries  # listed before any case is loaded
    assert [(e.title, e.is_loaded) for e in entries] == [("A first home visit (test case)", False)]
    assert window.controller.ensure_loaded(entries[0]).is_loaded  # opening one loads it now
    with qtbot.waitSignal(window.controller.library_loaded, timeout=15000):
        window.show()
        window.start()
    assert window.controller.entries[0].is_checked

    case_file.write_text("format: 1\nid: mini-home-visit\n", encoding="utf-8")  # now broken
    with qtbot.waitSignal(window.controller.library_checked, timeout=15000):
        window.controller.load_library()
    assert [e.is_valid for e in window.controller.entries] == [False]
    assert "missing required field" in window.controller.entries[0].error
    window.close()
    store.close()
