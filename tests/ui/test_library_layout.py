"""The library at normal and 200% text: rows have room around their text, several cases show
at once, and no filter label is cut off or crowded by its box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_a11y import lines_needed
from tests.ui.test_journey import create_profile
from trainer.core.loader import bundled_scenarios
from trainer.ui.library import FOCUS_WORDS

CTRL = Qt.KeyboardModifier.ControlModifier


def fully_shown_rows(tree) -> int:  # noqa: ANN001
    height = tree.viewport().height()
    count = 0
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.isHidden():
            continue
        rect = tree.visualItemRect(item)
        if rect.top() >= 0 and rect.bottom() <= height:
            count += 1
    return count


def check_labels(library) -> None:  # noqa: ANN001
    labels = [label for label in library.findChildren(QLabel) if label.buddy() is not None]
    assert {label.text() for label in labels} == {
        "&Search",
        "F&ocus",
        "&Tag",
        "St&atus",
        "La&nguage",
    }
    for label in labels:
        text = label.text().replace("&", "")
        metrics = label.fontMetrics()
        ink = metrics.boundingRect(text)
        assert label.contentsRect().width() >= max(metrics.horizontalAdvance(text), ink.right())
        box = label.buddy().geometry()
        assert label.geometry().right() < box.left(), text  # not under its box
    # A clear gap before each filter's label: more than between a label and its own box.
    focus, tag = library.focus_filter.geometry(), library.tag_filter.geometry()
    tag_label = next(label for label in labels if label.text() == "&Tag")
    assert tag_label.geometry().left() - focus.right() > tag.left() - tag_label.geometry().right()


def test_rows_have_padding_and_several_show_at_200_percent(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([bundled_scenarios()])
    create_profile(qtbot, window)
    window.resize(1100, 760)
    library = window.library
    tree = library.tree
    qtbot.waitUntil(lambda: fully_shown_rows(tree) >= 8)
    pad = 3
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        tree.scrollToItem(item)
        # Room above and below the tallest cell's text: rows do not run into each other.
        assert tree.visualItemRect(item).height() >= lines_needed(tree, item) + 2 * pad
    check_labels(library)

    tree.setFocus()
    for _ in range(5):  # Ctrl+plus up to 200%
        qtbot.keyClick(tree, Qt.Key.Key_Equal, CTRL)
    assert window.prefs.text_scale == 2.0
    qtbot.waitUntil(lambda: tree.font().pointSizeF() == QApplication.font().pointSizeF())
    qtbot.wait(50)
    tree.scrollToTop()
    assert fully_shown_rows(tree) >= 3
    assert library.title.height() < 2.2 * library.title.fontMetrics().height()  # one line
    check_labels(library)
    # The focus column gave way to the titles; the focus is still in the detail pane.
    assert tree.isColumnHidden(1)
    entry = library.selected_entry()
    assert entry is not None and FOCUS_WORDS[entry.meta.focus] in library.detail.text()

    window.apply_text_scale(1.0)
    qtbot.wait(50)
    assert not tree.isColumnHidden(1)
