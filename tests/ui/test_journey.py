"""The whole journey, driven as a learner would: profile, library, content note, every node kind,
feedback, debrief, reflection, PDF and progress; and everything found in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QRadioButton

from tests.ui.conftest import MINI, UI_CASES, unnamed_controls
from trainer.ui.dialogs import FileDialog
from trainer.ui.screens.debrief import CompetencyBar
from trainer.ui.screens.feedback import FeedbackPanel
from trainer.ui.screens.panels import (
    ChecklistPanel,
    DecisionPanel,
    EndingPanel,
    RatingPanel,
)
from trainer.ui.widgets import ChoiceButton

LEFT = Qt.MouseButton.LeftButton


def create_profile(qtbot, window, name: str = "Alex") -> None:  # noqa: ANN001
    profile = window.profile
    assert window.stack.currentWidget() is profile
    qtbot.keyClicks(profile.name_edit, name)
    qtbot.keyClicks(profile.student_id_edit, "S1234567")
    qtbot.keyClicks(profile.cohort_edit, "BA 2026")
    qtbot.mouseClick(profile.create_button, LEFT)
    assert window.stack.currentWidget() is window.library


def open_case(qtbot, window, title: str) -> None:  # noqa: ANN001
    tree = window.library.tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == title
    )
    tree.setCurrentItem(item)
    qtbot.mouseClick(window.library.open_button, LEFT)
    assert window.stack.currentWidget() is window.case_start


def click_label(qtbot, button) -> None:  # noqa: ANN001
    """Click a check box or radio button on its text, as a person would."""
    qtbot.mouseClick(button, LEFT, pos=QPoint(12, button.height() // 2))


def click_choice(qtbot, window, number: int) -> None:  # noqa: ANN001
    panel = window.player.panel
    assert isinstance(panel, DecisionPanel)
    buttons = panel.confidence_buttons if panel.pending else panel.buttons
    qtbot.mouseClick(buttons[number - 1], LEFT)


def feedback_then_continue(qtbot, window) -> str:  # noqa: ANN001
    panel = window.player.panel
    assert isinstance(panel, FeedbackPanel)
    text = panel.browser.toPlainText()
    qtbot.mouseClick(panel.button, LEFT)
    return text


def scene_text(window) -> str:  # noqa: ANN001
    return window.player.scene_view.toPlainText()


def test_whole_journey_practice_mode(qtbot, make_window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    window = make_window()
    store = window.controller.store
    create_profile(qtbot, window)
    learner = store.learners()[0]
    assert (learner.display_name, learner.student_id, learner.cohort) == (
        "Alex",
        "S1234567",
        "BA 2026",
    )
    row = window.library.tree.topLevelItem(0)
    assert row.text(0) == "A first home visit (test case)"
    assert row.text(3) == "Not started"

    open_case(qtbot, window, "A first home visit (test case)")
    start = window.case_start
    assert "coercive control" in start.note_label.text()
    assert "Check it is safe to talk" in start.text.toPlainText()
    assert start.mode_buttons["practice"].isChecked()
    assert not start.resume_button.isVisible()
    qtbot.mouseClick(start.start_button, LEFT)

    # decision with a confidence question
    assert window.stack.currentWidget() is window.player
    assert "Sam opens the door" in scene_text(window)
    assert "Sam Carter" in scene_text(window)
    attempt = store.unfinished_attempt(learner.id, "mini-home-visit")
    assert attempt is not None and attempt.mode == "practice"
    click_choice(qtbot, window, 1)
    assert store.decisions(attempt.id) == []  # nothing is recorded before the confidence answer
    assert "How confident" in window.player.panel.question_label.text()
    click_choice(qtbot, window, 3)
    recorded = store.decisions(attempt.id)
    assert [(d["scene"], d["choice"], d["confidence"]) for d in recorded] == [
        ("door", "check-safe", "high")
    ]
    assert "✔ Expected practice" in feedback_then_continue(qtbot, window)

    # decision whose text depends on an earlier flag
    assert "about twenty minutes" in scene_text(window)
    click_choice(qtbot, window, 1)
    feedback_then_continue(qtbot, window)

    # checklist: tick one of the two present indicators
    panel = window.player.panel
    assert isinstance(panel, ChecklistPanel)
    assert [b.accessibleName() for b in panel.findChildren(QCheckBox)][0] == (
        "He has strangled, choked or smothered her"
    )
    qtbot.mouseClick(panel.labels[0], LEFT)  # clicking the text ticks the box
    qtbot.mouseClick(panel.confirm_button, LEFT)
    assert store.decisions(attempt.id)[-1]["ticked"] == ["strangulation"]
    text = feedback_then_continue(qtbot, window)
    assert "Also present" in text

    # rating: under-rate by one level
    panel = window.player.panel
    assert isinstance(panel, RatingPanel)
    assert [r.text() for r in panel.findChildren(QRadioButton)] == ["1", "2", "3"]
    assert [label.text().split(" — ")[0] for label in panel.labels] == [
        "<b>Standard</b>",
        "<b>Medium</b>",
        "<b>High</b>",
    ]
    click_label(qtbot, panel.radios[1])
    qtbot.mouseClick(panel.confirm_button, LEFT)
    assert store.decisions(attempt.id)[-1]["rating"] == "medium"
    text = feedback_then_continue(qtbot, window)
    assert "△ Poor practice" in text and "Under-rating risk" in text

    # last decision, then the ending
    assert "Lee comes home" in scene_text(window)
    assert window.player.progress_label.text().startswith("Step 5 of about")
    click_choice(qtbot, window, 1)
    feedback_then_continue(qtbot, window)
    assert isinstance(window.player.panel, EndingPanel)
    assert "good outcome" in window.player.panel.outcome_label.text()
    assert store.attempt(attempt.id).status == "completed"
    assert len(store.decisions(attempt.id)) == 5
    assert unnamed_controls(window) == []
    qtbot.mouseClick(window.player.panel.button, LEFT)

    # debrief
    debrief = window.debrief
    assert window.stack.currentWidget() is debrief
    result = window.controller.result
    verdict = debrief.verdict.text()
    assert verdict.startswith(f"<h1>{'✔ Passed' if result.passed else '✖ Not passed'}</h1>")
    assert f"overall {result.percent:.0f}%, pass mark 60%" in verdict
    shown = debrief.text.toPlainText()
    assert "Summary" in shown and "Your path" not in shown  # the details start folded
    qtbot.mouseClick(debrief.details_button, LEFT)
    shown = debrief.text.toPlainText()
    assert "Risk identification and rating" in shown
    assert "Your path" in shown and "Ask quietly whether this is a good time" in shown
    assert "You kept Sam's disclosure safe." in shown
    labels = [bar.bar.accessibleName() for bar in debrief.findChildren(CompetencyBar)]
    assert any(name.startswith("Communication: ") and "minimum of 50%" in name for name in labels)
    assert unnamed_controls(window) == []

    with qtbot.waitSignal(window.controller.reflection_saved, timeout=5000):
        qtbot.keyClicks(debrief.reflection, "I checked it was safe to talk first.")
    assert store.reflection(attempt.id) == "I checked it was safe to talk first."
    assert "✔ Your reflection is saved" in debrief.saved_label.text()

    pdf = tmp_path / "debrief.pdf"
    monkeypatch.setattr(FileDialog, "save_path", classmethod(lambda cls, p, t, s, f: pdf))
    with qtbot.waitSignal(window.controller.pdf_saved, timeout=15000):
        qtbot.mouseClick(debrief.pdf_button, LEFT)
    assert pdf.read_bytes().startswith(b"%PDF")

    # my progress and the library show the finished attempt
    qtbot.mouseClick(debrief.library_button, LEFT)
    row = window.library.tree.topLevelItem(0)
    assert row.text(3) in ("✔ Passed", "● Completed")
    assert row.text(4) == f"{result.percent:.0f}%"
    window.progress_action.trigger()
    case_row = window.progress.attempts_tree.topLevelItem(0)
    assert case_row.text(0) == "A first home visit (test case)"
    assert case_row.child(0).text(0).startswith("Attempt 1 · ")
    trend = window.progress.trend_tree
    assert {trend.topLevelItem(i).text(0) for i in range(trend.topLevelItemCount())} == {
        "Communication",
        "Risk identification",
    }
    assert unnamed_controls(window) == []

    # a finished attempt's debrief can be read again, with its reflection
    window.progress.attempts_tree.setCurrentItem(case_row.child(0))
    qtbot.keyClick(window.progress.attempts_tree, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is debrief
    assert debrief.reflection.toPlainText() == "I checked it was safe to talk first."
    qtbot.mouseClick(debrief.details_button, LEFT)
    assert "Your path" in debrief.text.toPlainText()


def test_next_scene_image_link_and_fixed_assessed_mode(
    qtbot, make_window, dialogs, monkeypatch
) -> None:  # noqa: ANN001
    window = make_window([MINI, UI_CASES])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A phone call (UI test case)")
    start = window.case_start
    assert not start.mode_buttons["practice"].isVisible()
    assert start.mode_box.title() == "This case is played in assessed mode"
    qtbot.mouseClick(start.start_button, LEFT)

    player = window.player
    assert "Before the call" in scene_text(window)
    html = player.scene_view.toHtml()
    assert 'img src="phone.png"' in html
    image = player.scene_view.loadResource(2, __import__("PySide6.QtCore").QtCore.QUrl("phone.png"))
    assert image is not None and not image.isNull()

    opened = []
    monkeypatch.setattr(
        "trainer.ui.widgets.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    from PySide6.QtCore import QUrl

    player.scene_view.anchorClicked.emit(QUrl("https://example.org/respect"))
    assert opened == [] and "https://example.org/respect" in dialogs["confirm"][0]
    dialogs["answers"]["confirm"] = True
    player.scene_view.anchorClicked.emit(QUrl("https://example.org/respect"))
    assert [u.toString() for u in opened] == ["https://example.org/respect"]

    qtbot.mouseClick(player.panel.button, LEFT)  # the 'next' scene's Continue
    attempt = window.controller.attempt
    decisions = window.controller.store.decisions(attempt.id)
    assert [(d["scene"], d["kind"]) for d in decisions] == [("intro", "continue")]
    assert "Has she said something?" in scene_text(window)
    click_choice(qtbot, window, 2)  # assessed: no feedback panel, straight on
    assert isinstance(player.panel, EndingPanel)
    qtbot.mouseClick(player.panel.button, LEFT)
    assert window.debrief.verdict.text().startswith("<h1>✖ Not passed")
    qtbot.mouseClick(window.debrief.details_button, LEFT)
    shown = window.debrief.text.toPlainText()
    assert shown.index("Safety-critical errors") < shown.index("Your path")
    assert "Safe practice here: Explain that you are calling" in shown


def test_library_lists_broken_case_and_filters(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI, UI_CASES])
    create_profile(qtbot, window)
    library = window.library
    rows = {library.tree.topLevelItem(i).text(0): library.tree.topLevelItem(i) for i in range(3)}
    assert set(rows) == {
        "A first home visit (test case)",
        "A phone call (UI test case)",
        "⚠ broken.yaml",
    }
    assert rows["⚠ broken.yaml"].text(3) == "Cannot be opened"
    library.tree.setCurrentItem(rows["⚠ broken.yaml"])
    assert "missing required field" in library.detail.text()
    assert not library.open_button.isEnabled()
    assert "1 could not be opened" in library.status_label.text()

    library.focus_filter.setCurrentText("Perpetrator engagement")
    visible = [t for t, item in rows.items() if not item.isHidden()]
    assert visible == ["A phone call (UI test case)"]
    library.focus_filter.setCurrentText("All")
    qtbot.keyClicks(library.search_edit, "home visit")
    visible = [t for t, item in rows.items() if not item.isHidden()]
    assert visible == ["A first home visit (test case)"]
    library.search_edit.clear()
    library.tag_filter.setCurrentText("phone")
    assert [t for t, item in rows.items() if not item.isHidden()] == ["A phone call (UI test case)"]
    library.tag_filter.setCurrentText("All")
    library.status_filter.setCurrentText("In progress")
    assert [t for t, item in rows.items() if not item.isHidden()] == []
    assert unnamed_controls(window) == []


def test_choice_buttons_are_large_and_numbered(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    buttons = window.player.panel.buttons
    assert all(isinstance(b, ChoiceButton) for b in buttons)
    assert [b.number for b in buttons] == [1, 2]
    assert all(b.height() >= 44 for b in buttons)
    assert buttons[0].accessibleName().startswith("1: Ask quietly")


def test_progress_after_a_restart_names_competencies(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    for _ in range(20):
        if window.controller.session is None or window.controller.session.is_finished:
            break
        panel = window.player.panel
        if isinstance(panel, FeedbackPanel):
            qtbot.mouseClick(panel.button, LEFT)
        elif isinstance(panel, DecisionPanel):
            click_choice(qtbot, window, 1)
        elif isinstance(panel, ChecklistPanel | RatingPanel):
            panel.press_number(1)
            qtbot.mouseClick(panel.confirm_button, LEFT)
    again = make_window()
    qtbot.mouseClick(again.profile.continue_button, LEFT)
    again.progress_action.trigger()
    trend = again.progress.trend_tree
    names = {trend.topLevelItem(i).text(0) for i in range(trend.topLevelItemCount())}
    assert names == {"Communication", "Risk identification"}
    assert again.progress.attempts_tree.topLevelItem(0).text(0) == "A first home visit (test case)"


def test_choices_are_shuffled_per_attempt_and_kept_on_resume(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window(shuffle=True)
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    session = window.controller.session
    assert session.shuffle_seed is not None
    shown = [b.label_text for b in window.player.panel.buttons]
    expected = [o.text for o in session.options]
    assert len(shown) == len(expected) == 2
    for number, (label, text) in enumerate(zip(shown, expected, strict=True), start=1):
        assert label.startswith(f"<b>{number}</b>") and text in label
    store = window.controller.store
    attempt = store.unfinished_attempt(store.learners()[0].id, "mini-home-visit")
    assert attempt is not None and attempt.state["shuffle_seed"] == session.shuffle_seed
