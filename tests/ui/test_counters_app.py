"""Issue 13: a case with counters, conditional presence and a conditional debrief, played in
the app by clicking, closed mid-case, resumed after a restart exactly where it was."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import FIXTURES
from tests.ui.test_journey import (
    click_choice,
    click_label,
    create_profile,
    feedback_then_continue,
    open_case,
    scene_text,
)
from trainer.ui.screens.panels import ChecklistPanel, ContinuePanel, EndingPanel, RatingPanel

LEFT = Qt.MouseButton.LeftButton
TITLE = "A father who responds (test case)"
FOLDER = FIXTURES / "counters"


def test_counter_case_plays_and_resumes_exactly_after_a_restart(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([FOLDER])
    create_profile(qtbot, window)
    open_case(qtbot, window, TITLE)
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    assert isinstance(window.player.panel, ContinuePanel)  # the referral
    qtbot.mouseClick(window.player.panel.button, LEFT)
    click_choice(qtbot, window, 2)  # reflect: engagement 3
    feedback_then_continue(qtbot, window)
    assert "I did grab her" in scene_text(window)  # his reply depends on engagement
    assert "solicitor" not in scene_text(window)
    click_choice(qtbot, window, 1)  # hold: engagement 4, so he admits it (and 5 on arrival)
    feedback_then_continue(qtbot, window)
    assert "growing up scared of me" in scene_text(window)
    click_choice(qtbot, window, 2)  # reinforce
    feedback_then_continue(qtbot, window)
    assert "new phone number" in scene_text(window)
    assert "stands by the door" not in scene_text(window)  # he is not in the room
    session = window.controller.session
    before = (session.scene_id, session.flags, session.counters, set(session.disclosed))
    learner_id = window.controller.learner.id
    (attempt,) = window.controller.store.attempts(learner_id)
    assert attempt.state["format"] == 2
    assert attempt.state["vars"] == {"engagement": 5, "hostility": 0}
    window.close()

    again = make_window([FOLDER])
    qtbot.mouseClick(again.profile.continue_button, LEFT)
    open_case(qtbot, again, TITLE)
    assert again.case_start.resume_button.isVisible()
    qtbot.mouseClick(again.case_start.resume_button, LEFT)
    resumed = again.controller.session
    assert (
        resumed.scene_id,
        resumed.flags,
        resumed.counters,
        set(resumed.disclosed),
    ) == before
    assert "new phone number" in scene_text(again)

    click_choice(qtbot, again, 1)  # ask her, with him out of the room: no rule broken
    feedback_then_continue(qtbot, again)
    panel = again.player.panel
    assert isinstance(panel, ChecklistPanel)
    qtbot.mouseClick(panel.labels[0], LEFT)  # strangulation
    qtbot.mouseClick(panel.labels[1], LEFT)  # minimisation
    qtbot.mouseClick(panel.confirm_button, LEFT)
    feedback_then_continue(qtbot, again)
    panel = again.player.panel
    assert isinstance(panel, RatingPanel)
    click_label(qtbot, panel.radios[2])  # high
    qtbot.mouseClick(panel.confirm_button, LEFT)
    feedback_then_continue(qtbot, again)
    click_choice(qtbot, again, 2)  # tonight
    feedback_then_continue(qtbot, again)
    assert isinstance(again.player.panel, EndingPanel)
    qtbot.mouseClick(again.player.panel.button, LEFT)
    assert again.stack.currentWidget() is again.debrief
    shown = again.debrief.text.toPlainText()
    assert "You held Mark to account" in shown
    assert "talking about his children, not about her" in shown  # the debrief passage
    assert again.controller.result.passed and again.controller.result.percent == 100.0
    (done,) = again.controller.store.attempts(learner_id)
    assert done.status == "completed"
