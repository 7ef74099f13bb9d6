"""Issue 19, as a student meets it: the case file, notes on risk decisions, fair checklists,
honest results, the debrief, a reflection that belongs to its attempt, the portfolio PDF
and support after a harmful ending."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import MINI
from tests.ui.test_journey import (
    click_choice,
    click_label,
    create_profile,
    feedback_then_continue,
    open_case,
)
from trainer.ui.screens.feedback import FeedbackPanel
from trainer.ui.screens.panels import ChecklistPanel, EndingPanel, RatingPanel

LEFT = Qt.MouseButton.LeftButton
MINI_TITLE = "A first home visit (test case)"


def start_mini(qtbot, window, mode: str = "practice") -> None:  # noqa: ANN001
    open_case(qtbot, window, MINI_TITLE)
    start = window.case_start
    qtbot.mouseClick(start.mode_buttons[mode], LEFT)
    qtbot.mouseClick(start.start_button, LEFT)
    assert window.stack.currentWidget() is window.player


def go_on(qtbot, window) -> None:  # noqa: ANN001
    """Past the feedback panel, if practice mode shows one."""
    if isinstance(window.player.panel, FeedbackPanel):
        feedback_then_continue(qtbot, window)


def play_mini_to_the_checklist(qtbot, window) -> None:  # noqa: ANN001
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)
    go_on(qtbot, window)
    click_choice(qtbot, window, 1)
    go_on(qtbot, window)
    assert isinstance(window.player.panel, ChecklistPanel)


def finish_mini(qtbot, window, last: int = 1) -> None:  # noqa: ANN001
    """From the checklist: tick both present indicators, rate high, and choose ``last``."""
    panel = window.player.panel
    assert isinstance(panel, ChecklistPanel)
    for n, option in enumerate(panel.options):
        if option.id in ("strangulation", "very-frightened"):
            click_label(qtbot, panel.boxes[n])
    qtbot.mouseClick(panel.confirm_button, LEFT)
    go_on(qtbot, window)
    panel = window.player.panel
    assert isinstance(panel, RatingPanel)
    click_label(qtbot, panel.radios[2])
    qtbot.mouseClick(panel.confirm_button, LEFT)
    go_on(qtbot, window)
    click_choice(qtbot, window, last)
    go_on(qtbot, window)
    assert isinstance(window.player.panel, EndingPanel)


def test_try_again_starts_with_an_empty_reflection(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    store = window.controller.store
    start_mini(qtbot, window)
    first = window.controller.attempt.id
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window)
    qtbot.mouseClick(window.player.panel.button, LEFT)
    debrief = window.debrief
    with qtbot.waitSignal(window.controller.reflection_saved, timeout=5000):
        qtbot.keyClicks(debrief.reflection, "About my first attempt.")
    qtbot.mouseClick(debrief.again_button, LEFT)
    second = window.controller.attempt.id
    assert second != first
    assert store.reflection(first) == "About my first attempt."
    assert store.reflection(second) == ""  # nothing copied into the new attempt
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window)
    qtbot.mouseClick(window.player.panel.button, LEFT)
    assert debrief.reflection.toPlainText() == ""  # the student sees an empty reflection
    assert store.reflection(second) == ""
    assert store.reflection(first) == "About my first attempt."
