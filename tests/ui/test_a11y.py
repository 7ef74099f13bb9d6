"""Accessibility at large text and for screen readers: nothing cut off at 200%, the scene is
announced before the answers, focus is always visible, a key that does nothing says why."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import MINI
from tests.ui.test_journey import create_profile, open_case
from tests.ui.test_resume_keyboard import focused, press
from trainer.core.loader import bundled_scenarios
from trainer.ui.screens.panels import ChecklistPanel, DecisionPanel, RatingPanel
from trainer.ui.screens.player import first_sentence
from trainer.ui.widgets import contrast, focus_colour

CELL_MARGINS = 6  # px the style keeps around a cell's text (Fusion: 3 a side)


def lines_needed(tree, item) -> int:  # noqa: ANN001
    """The height the tallest cell of ``item`` needs to show all its wrapped text."""
    metrics = QFontMetrics(tree.font())
    return max(
        metrics.boundingRect(
            QRect(0, 0, tree.columnWidth(c) - CELL_MARGINS, 100000),
            Qt.TextFlag.TextWordWrap,
            item.text(c),
        ).height()
        for c in range(tree.columnCount())
        if not tree.isColumnHidden(c)  # a column given way at large text shows nothing
    )


def test_library_rows_show_every_line_at_200_percent(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([bundled_scenarios()])
    create_profile(qtbot, window)
    window.resize(1000, 700)
    tree = window.library.tree
    tree.setCurrentItem(tree.topLevelItem(tree.topLevelItemCount() - 1))
    for _ in range(5):  # Ctrl+plus up to 200%
        qtbot.keyClick(window.library.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.text_scale == 2.0
    qtbot.waitUntil(lambda: tree.font().pointSizeF() == QApplication.font().pointSizeF())

    def selected_in_view() -> bool:  # the list may have been refilled: ask for the item again
        current = tree.currentItem()
        if tree.indexOfTopLevelItem(current) != tree.topLevelItemCount() - 1:
            return False
        rect = tree.visualItemRect(current)
        fits = rect.bottom() <= tree.viewport().height() + 1
        return rect.top() >= -1 and (fits or rect.top() <= 1)  # a taller row: its top shows

    qtbot.waitUntil(selected_in_view)  # rows grew: the selected case is still in view
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert len(items) >= 5
    for item in items:
        tree.scrollToItem(item)
        height = tree.visualItemRect(item).height()
        assert height >= lines_needed(tree, item), item.text(0)
    # Columns sized to their contents stay wide enough for one line ("Not started").
    status = tree.fontMetrics().horizontalAdvance(items[0].text(3))
    assert tree.columnWidth(3) >= status
    # Three lines or more: the longer titles wrap at this size.
    assert max(tree.visualItemRect(i).height() for i in items) > 3 * tree.fontMetrics().height()


def play_to_debrief(qtbot, window) -> None:  # noqa: ANN001
    """Play the mini case with the first answer everywhere (practice mode)."""
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    controller = window.controller
    for _ in range(40):
        session = controller.session
        if session.is_finished:
            break
        panel = window.player.panel
        if session.kind == "decision":
            panel.press_number(1)
            if panel.pending:
                panel.press_number(2)
        elif session.kind in ("checklist", "rating"):
            panel.press_number(1)
            panel.confirm()
        else:
            panel.button.click()
            continue
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    window.player.panel.button.click()
    assert window.stack.currentWidget() is window.debrief


def test_debrief_side_panel_is_not_clipped_at_200_percent(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    window.resize(1000, 650)
    window.apply_text_scale(2.0)
    play_to_debrief(qtbot, window)
    scroll = window.debrief.side_scroll
    side = scroll.widget()
    qtbot.waitUntil(lambda: side.width() > 0)
    assert side.width() <= scroll.viewport().width()
    for child in side.findChildren(QWidget):
        if child.isVisible():
            right = child.mapTo(side, child.rect().topRight()).x()
            assert right < scroll.viewport().width(), type(child).__name__
    # Even with the splitter dragged far right, the panel keeps its content's width.
    window.debrief.splitter.setSizes([2000, 10])
    qtbot.waitUntil(lambda: side.width() <= scroll.viewport().width())


def test_a_new_scene_is_announced_before_its_answers(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    view = window.player.scene_view
    assert focused(window, qtbot) is view
    assert "step 1 of about" in view.accessibleName()
    assert "Sam opens the door." in view.accessibleDescription()
    assert "Enter" in view.accessibleDescription()
    panel = window.player.panel
    assert isinstance(panel, DecisionPanel)
    # The answers follow the scene in the tab order and say what they answer.
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window, qtbot) is panel.buttons[0]
    assert "Press 1 to choose this" in panel.buttons[0].accessibleDescription()
    press(qtbot, window, Qt.Key.Key_1)
    assert "How confident" in focused(window, qtbot).accessibleDescription()
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_Return)  # on the feedback: continue
    assert window.controller.session.scene_id == "talk"
    assert focused(window, qtbot) is view  # focus given again: the new scene is read
    assert "Lee is out" in view.accessibleDescription()


def test_rating_confirm_without_a_level_says_why(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    controller = window.controller
    while controller.session.kind != "rating":
        panel = window.player.panel
        if isinstance(panel, ChecklistPanel):
            panel.confirm()
        else:
            panel.press_number(1)
            if getattr(panel, "pending", None):
                panel.press_number(2)
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    panel = window.player.panel
    assert isinstance(panel, RatingPanel)
    press(qtbot, window, Qt.Key.Key_Return)  # on the scene text: go to the scale
    assert focused(window, qtbot) is panel.radios[0]
    press(qtbot, window, Qt.Key.Key_Return)  # nothing picked yet
    assert controller.session.kind == "rating"
    assert "Pick a risk level first" in panel.hint_label.text()


def highlight_pixels(widget: QWidget) -> int:
    """How many pixels of the widget's left edge strip are the highlight colour."""
    image = widget.grab().toImage()
    colour = focus_colour(widget.palette()).rgb()
    return sum(1 for y in range(image.height()) if image.pixel(2, y) == colour)


def test_keyboard_focus_is_visible_on_choices_and_tick_boxes(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    button = window.player.panel.buttons[0]
    assert highlight_pixels(button) == 0
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window, qtbot) is button
    assert highlight_pixels(button) > button.height() // 2
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_Return)
    while not isinstance(window.player.panel, ChecklistPanel):
        window.player.panel.press_number(1)
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    panel = window.player.panel
    row = panel.boxes[0].parentWidget()
    assert highlight_pixels(row) == 0
    press(qtbot, window, Qt.Key.Key_Return)  # from the scene text to the first box
    assert focused(window, qtbot) is panel.boxes[0]
    assert highlight_pixels(row) > row.height() // 2


def test_first_window_fits_the_screen(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    free = window.screen().availableGeometry()
    assert free.contains(window.geometry())


def test_first_sentence_is_short_and_whole() -> None:
    assert first_sentence("Sam opens the door. She looks back.") == "Sam opens the door."
    assert first_sentence('"Go." He left.') == '"Go."'
    long = "word " * 100
    assert first_sentence(long).endswith("…") and len(first_sentence(long)) <= 201


def test_focus_colour_stands_out_on_light_and_dark_windows() -> None:
    for window, highlight in (
        ("#efefef", "#308cc6"),
        ("#353535", "#15539e"),
        ("#1e1f22", "#4a7bd0"),
    ):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        palette.setColor(QPalette.ColorRole.Highlight, QColor(highlight))
        assert contrast(focus_colour(palette), QColor(window)) >= 3, window


def test_tick_boxes_and_mode_choices_follow_the_text_size(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    window.apply_text_scale(2.0)
    open_case(qtbot, window, "A first home visit (test case)")
    practice = window.case_start.mode_buttons["practice"]
    qtbot.waitUntil(lambda: practice.font().pointSizeF() == QApplication.font().pointSizeF())
    window.apply_text_scale(1.0)
    qtbot.waitUntil(lambda: practice.font().pointSizeF() == QApplication.font().pointSizeF())
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    while not isinstance(window.player.panel, ChecklistPanel):
        window.player.panel.press_number(1)
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    box = window.player.panel.boxes[0]
    small = box.font().pointSizeF()
    window.apply_text_scale(2.0)
    qtbot.waitUntil(lambda: box.font().pointSizeF() == QApplication.font().pointSizeF())
    assert box.font().pointSizeF() > small


def test_content_note_ending_and_verdict_reach_a_screen_reader(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    case = window.case_start.entry.loaded.case
    assert focused(window, qtbot) is window.case_start.start_button
    assert case.content_note in window.case_start.start_button.accessibleDescription()
    qtbot.mouseClick(window.case_start.start_button, Qt.MouseButton.LeftButton)
    controller = window.controller
    for _ in range(40):
        if controller.session.kind == "ending":
            break
        panel = window.player.panel
        if isinstance(panel, ChecklistPanel | RatingPanel):
            panel.press_number(1)
            panel.confirm()
        elif isinstance(panel, DecisionPanel):
            panel.press_number(1)
            if panel.pending:
                panel.press_number(2)
        else:
            panel.button.click()
            continue
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    view = window.player.scene_view
    assert "outcome" in view.accessibleDescription()
    assert view.accessibleDescription().endswith("Press Enter to see your debrief.")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.debrief
    assert focused(window, qtbot) is window.debrief.text
    described = window.debrief.text.accessibleDescription()
    assert described.startswith(("✔ Passed", "✖ Not passed")) and "pass mark" in described
