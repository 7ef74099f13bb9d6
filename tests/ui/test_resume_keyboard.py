"""Close mid-case and resume at the same scene; play a whole case with the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from tests.ui.conftest import MINI, unnamed_controls
from tests.ui.test_journey import click_choice, create_profile, feedback_then_continue, open_case
from trainer.ui.screens.feedback import FeedbackPanel
from trainer.ui.screens.panels import ChecklistPanel, EndingPanel, RatingPanel

LEFT = Qt.MouseButton.LeftButton
TITLE = "A first home visit (test case)"


def test_close_mid_case_and_resume_at_the_same_scene(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, TITLE)
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 2)  # ask straight away ...
    click_choice(qtbot, window, 1)  # ... with low confidence
    feedback_then_continue(qtbot, window)
    click_choice(qtbot, window, 1)
    # close while the feedback is showing: the decision is already saved
    assert isinstance(window.player.panel, FeedbackPanel)
    learner_id = window.controller.learner.id
    window.close()

    again = make_window()
    assert again.stack.currentWidget() is again.profile
    assert again.profile.learner_list.currentItem().text().startswith("Alex")
    qtbot.mouseClick(again.profile.continue_button, LEFT)
    open_case(qtbot, again, TITLE)
    start = again.case_start
    assert start.resume_button.isVisible()
    assert "unfinished practice attempt" in start.resume_label.text()
    qtbot.mouseClick(start.resume_button, LEFT)

    assert again.controller.session.scene_id == "risk"
    assert isinstance(again.player.panel, ChecklistPanel)
    assert again.player.progress_label.text().startswith("Step 3 of about")
    attempts = again.controller.store.attempts(learner_id)
    assert len(attempts) == 1 and attempts[0].status == "in_progress"
    # the flags from before the pause still shape the case: asked before checking safety
    assert [s.kind for s in again.controller.session.steps] == ["choice", "rule", "choice"]


def test_pause_and_take_a_break_keep_the_place(qtbot, make_window, dialogs) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, TITLE)
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 2)
    feedback_then_continue(qtbot, window)
    qtbot.mouseClick(window.player.break_button, LEFT)
    assert window.stack.currentWidget() is window.pause_screen
    assert "0808 2000 247" in window.pause_screen.text.toPlainText()
    assert (
        "Your progress is saved"
        in window.pause_screen.findChildren(type(window.library.detail))[1].text()
    )
    assert unnamed_controls(window.pause_screen) == []
    qtbot.mouseClick(window.pause_screen.resume_button, LEFT)
    assert window.stack.currentWidget() is window.player
    assert window.controller.session.scene_id == "talk"

    qtbot.mouseClick(window.player.pause_button, LEFT)
    assert window.stack.currentWidget() is window.library
    assert window.library.tree.topLevelItem(0).text(3) == "▶ In progress"
    assert window.controller.session is None

    window.support_action.trigger()
    assert len(dialogs["support"]) == 1


def focused(window=None, qtbot=None):  # noqa: ANN001, ANN201
    """The widget with keyboard focus.

    The offscreen platform sometimes drops window activation when a screen's size
    hints change (a real desktop keeps it); re-activating restores the window's own
    focus widget, which is what the learner's keys would reach.
    """
    if QApplication.activeWindow() is None and window is not None:
        window.activateWindow()
        if qtbot is not None:
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot, window, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(focused(window, qtbot), key)


def test_keyboard_only_run_of_a_full_case(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    store = window.controller.store
    assert focused(window, qtbot) is window.profile.name_edit
    qtbot.keyClicks(focused(), "Kim")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    assert focused(window, qtbot) is window.library.tree
    press(qtbot, window, Qt.Key.Key_Return)  # opens the selected (first) case
    assert window.stack.currentWidget() is window.case_start
    assert focused(window, qtbot) is window.case_start.start_button
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.player

    # A new scene puts focus on its text (a screen reader reads it first), named after it.
    view = window.player.scene_view
    assert focused(window, qtbot) is view
    assert "step 1 of about" in view.accessibleName()
    assert "Sam opens the door." in view.accessibleDescription()
    press(qtbot, window, Qt.Key.Key_Return)  # Enter goes on to the answers
    assert focused(window, qtbot) is window.player.panel.buttons[0]
    press(qtbot, window, Qt.Key.Key_1)  # choice 1
    press(qtbot, window, Qt.Key.Key_2)  # fairly confident
    panel = window.player.panel
    assert focused(window, qtbot) is panel.browser  # the feedback is read first
    assert panel.browser.accessibleName().startswith("Feedback: ")
    press(qtbot, window, Qt.Key.Key_Return)  # continue after feedback
    assert focused(window, qtbot) is view
    press(qtbot, window, Qt.Key.Key_1)  # number keys work from the scene text
    press(qtbot, window, Qt.Key.Key_Return)

    panel = window.player.panel
    assert isinstance(panel, ChecklistPanel)
    press(qtbot, window, Qt.Key.Key_1)  # tick strangulation
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Space)  # tick 'very frightened' with Space on the focused box
    assert [b.isChecked() for b in panel.findChildren(QCheckBox)] == [True, True] + [False] * 4
    press(qtbot, window, Qt.Key.Key_Return)  # Enter confirms
    press(qtbot, window, Qt.Key.Key_Return)  # continue after feedback

    panel = window.player.panel
    assert isinstance(panel, RatingPanel)
    press(qtbot, window, Qt.Key.Key_3)
    assert [r.isChecked() for r in panel.findChildren(QRadioButton)] == [False, False, True]
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)

    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Return)
    assert isinstance(window.player.panel, EndingPanel)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.debrief
    assert window.debrief.verdict.text().startswith("<h1>✔ Passed</h1>")
    assert "overall 100%" in window.debrief.verdict.text()

    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window, qtbot) is window.debrief.reflection
    with qtbot.waitSignal(window.controller.reflection_saved, timeout=5000):
        qtbot.keyClicks(focused(window, qtbot), "Calm and safe.")
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window, qtbot) is window.debrief.again_button
    attempt_id = window.controller.attempt.id
    assert store.reflection(attempt_id) == "Calm and safe."
    assert store.attempt(attempt_id).passed is True
    press(qtbot, window, Qt.Key.Key_Return)  # try again: a fresh attempt at the first scene
    assert window.stack.currentWidget() is window.player
    assert window.controller.session.scene_id == "door"
    assert len(store.attempts(window.controller.learner.id)) == 2


def test_resume_after_the_case_changed_keeps_the_old_attempt(
    qtbot, make_window, dialogs, tmp_path
) -> None:  # noqa: ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    case_file = folder / "mini.yaml"
    case_file.write_text((MINI / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    window = make_window([folder])
    create_profile(qtbot, window)
    open_case(qtbot, window, TITLE)
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 2)
    click_choice(qtbot, window, 1)
    attempt_id = window.controller.attempt.id
    window.close()

    text = case_file.read_text(encoding="utf-8").replace("id: ask-straight", "id: ask-now")
    case_file.write_text(text, encoding="utf-8")
    again = make_window([folder])
    qtbot.mouseClick(again.profile.continue_button, LEFT)
    open_case(qtbot, again, TITLE)
    qtbot.mouseClick(again.case_start.resume_button, LEFT)
    assert dialogs["warn"] and "has changed" in dialogs["warn"][-1][0]
    assert again.stack.currentWidget() is again.case_start
    assert not again.case_start.resume_button.isVisible()
    assert again.controller.store.attempt(attempt_id).status == "stale"


def test_an_answer_the_store_cannot_save_is_not_shown_as_done(
    qtbot, make_window, dialogs, monkeypatch
) -> None:  # noqa: ANN001
    from trainer.store import StoreError

    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, TITLE)
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    store = window.controller.store

    def refuse(*_args: object) -> None:
        raise StoreError("The disk is full.", "Free some space and try again.")

    monkeypatch.setattr(store, "record_decision", refuse)
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)
    assert dialogs["warn"][-1][0] == "Your last answer could not be saved: The disk is full."
    assert window.controller.session.scene_id == "door"
    assert "Sam opens the door" in window.player.scene_view.toPlainText()
    assert store.decisions(window.controller.attempt.id) == []
    monkeypatch.undo()
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)
    assert len(store.decisions(window.controller.attempt.id)) == 1
