"""The Support dialog shows every helpline, and the note under them, without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from tests.ui.test_journey import create_profile
from trainer.ui.dialogs import SupportDialog
from trainer.ui.support import HELPLINES


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_every_helpline_is_visible_without_scrolling(qtbot, make_window, scale: float) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    window.apply_text_scale(scale)
    dialog = SupportDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QTextBrowser)
    shown = text.toPlainText()
    for name, number, _note in HELPLINES:
        assert name in shown and number in shown
    assert "National Stalking Helpline" in shown
    assert "check opening hours before you call" in shown
    bar = text.verticalScrollBar()
    assert bar.maximum() == 0, f"the support text scrolls by {bar.maximum()} px"
    assert not bar.isVisible()
    # The dialog fits on the screen it opens on.
    free = dialog.screen().availableGeometry()
    assert dialog.height() <= free.height() and dialog.width() <= free.width()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
