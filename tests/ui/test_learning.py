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


def test_the_case_file_at_the_checklist_holds_an_earlier_fact(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    start_mini(qtbot, window)
    play_mini_to_the_checklist(qtbot, window)
    player = window.player
    case_file = player.case_file
    assert case_file.isVisible() and player.case_file_button.isChecked()
    text = case_file.plain_text()
    assert "grabbed her by the neck" in text  # said two scenes ago
    assert "Sam Carter" in text and "You: Listen, and ask what happened" in text
    # The student searches for it, as they would for a name or a word.
    qtbot.keyClicks(case_file.search, "neck")
    assert "1 of 2 scene(s) mention" in case_file.count.text()
    assert "grabbed her by the neck" in case_file.plain_text()
    assert "glances towards the kitchen" not in case_file.plain_text()
    # No hint about how the checklist is scored.
    assert "costs more" not in player.panel.hint_label.text()
    # The note is saved with the decision and comes back in the debrief.
    panel = player.panel
    qtbot.keyClicks(panel.note_edit, "She said he grabbed her neck")
    finish_mini(qtbot, window)
    assert not case_file.isVisible()  # opened for the risk assessment, closed after it
    state = window.controller.store.attempt(window.controller.attempt.id).state
    assert state["decisions"][2]["note"] == "She said he grabbed her neck"


def test_the_case_file_opens_from_any_scene_by_keyboard(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    start_mini(qtbot, window)
    player = window.player
    assert not player.case_file.isVisible()
    qtbot.keyClick(player.scene_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert player.case_file.isVisible() and player.case_file.search.hasFocus()
    qtbot.keyClicks(player.case_file.search, "kitchen")
    assert "1 of 1 scene(s) mention" in player.case_file.count.text()
    qtbot.keyClick(player.case_file.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(player.case_file.search, Qt.Key.Key_Delete)
    assert "glances towards the kitchen" in player.case_file.plain_text()
    assert player.case_file.search.accessibleName() == "Search your case file"


def test_a_resume_starts_with_the_story_so_far(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    start_mini(qtbot, window)
    play_mini_to_the_checklist(qtbot, window)
    qtbot.mouseClick(window.player.pause_button, LEFT)
    open_case(qtbot, window, MINI_TITLE)
    qtbot.mouseClick(window.case_start.resume_button, LEFT)
    shown = window.player.scene_view.toPlainText()
    assert "The story so far" in shown
    assert "Sam Carter (29)" in shown and "grabbed her by the neck" in shown


def test_a_harmful_ending_and_its_debrief_signpost_support(qtbot, make_window, dialogs) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    start_mini(qtbot, window)
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window, last=2)  # tells Lee what Sam said: a harmful ending
    panel = window.player.panel
    assert panel.support_button is not None and panel.support_button.isVisible()
    assert "blame" not in panel.layout_.itemAt(2).widget().text().lower()
    qtbot.mouseClick(panel.support_button, LEFT)
    assert len(dialogs["support"]) == 1
    qtbot.mouseClick(panel.button, LEFT)
    debrief = window.debrief
    assert debrief.support_button.isVisible()
    qtbot.mouseClick(debrief.support_button, LEFT)
    assert len(dialogs["support"]) == 2


def test_a_good_ending_has_no_support_signpost_in_the_way(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    start_mini(qtbot, window)
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window)
    assert window.player.panel.support_button is None
    qtbot.mouseClick(window.player.panel.button, LEFT)
    assert not window.debrief.support_button.isVisible()


def pdf_text(path) -> str:  # noqa: ANN001
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def finish_with_reflection(qtbot, window, reflection: str) -> None:  # noqa: ANN001
    start_mini(qtbot, window, "assessed")
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window)
    qtbot.mouseClick(window.player.panel.button, LEFT)
    debrief = window.debrief
    debrief.reflection.setFocus()
    with qtbot.waitSignal(window.controller.reflection_saved, timeout=5000):
        for n, paragraph in enumerate(reflection.split("\n\n")):
            if n:
                qtbot.keyClick(debrief.reflection, Qt.Key.Key_Return)
                qtbot.keyClick(debrief.reflection, Qt.Key.Key_Return)
            qtbot.keyClicks(debrief.reflection, paragraph)


REFLECTION = (
    "I checked it was safe to talk before asking anything.\n\n"
    "Next time I will ask about the children sooner."
)


def test_the_portfolio_pdf_has_tables_paragraphs_and_who(
    qtbot, make_window, dialogs, tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    from trainer.ui.dialogs import FileDialog

    window = make_window([MINI])
    create_profile(qtbot, window)  # Alex, S1234567
    finish_with_reflection(qtbot, window, REFLECTION)
    pdf = tmp_path / "portfolio.pdf"
    monkeypatch.setattr(FileDialog, "save_path", classmethod(lambda cls, p, t, s, f: pdf))
    with qtbot.waitSignal(window.controller.pdf_saved, timeout=20000):
        qtbot.mouseClick(window.debrief.pdf_button, LEFT)
    text = pdf_text(pdf)
    assert "Alex" in text and "S1234567" in text
    assert "A first home visit (test case) (version 1.0)" in text
    assert "assessed mode" in text and "Passed" in text
    # The competency table is a table, not Markdown syntax.
    assert "Competency" in text and "Communication" in text and "Minimum" in text
    assert "|" not in text and "---" not in text
    # The reflection keeps its paragraphs.
    first, second = REFLECTION.split("\n\n")
    assert first in text.replace("\n", " ") and second in text.replace("\n", " ")
    start = text.index("My reflection")
    after = text[start:]
    assert after.index(first[:20]) < after.index(second[:20])
    # The student is told where it went, with a way to open the folder.
    (message, folder), *_ = dialogs["saved"]
    assert str(pdf) in message and folder == tmp_path


def test_send_to_tutor_writes_the_pdf_and_the_progress_file_together(
    qtbot, make_window, dialogs, tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    from trainer.store.progressfile import check_file
    from trainer.ui.dialogs import FileDialog

    window = make_window([MINI])
    create_profile(qtbot, window)
    finish_with_reflection(qtbot, window, REFLECTION)
    folder = tmp_path / "for my tutor"
    folder.mkdir()
    monkeypatch.setattr(FileDialog, "folder", classmethod(lambda cls, p, t: folder))
    with qtbot.waitSignal(window.controller.sent_to_tutor, timeout=20000):
        qtbot.mouseClick(window.debrief.send_button, LEFT)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["alex-mini-home-visit.pdf", "alex-progress.json"]
    checked = check_file(folder / "alex-progress.json", window.controller.data_dir)
    assert checked.payload.learner.display_name == "Alex"
    assert "Next time I will ask about the children sooner." in pdf_text(
        folder / "alex-mini-home-visit.pdf"
    ).replace("\n", " ")
    (message, shown), *_ = dialogs["saved"]
    assert shown == folder and "alex-progress.json" in message


def test_my_progress_keeps_practice_and_assessed_apart(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    for mode in ("practice", "assessed"):
        start_mini(qtbot, window, mode)
        play_mini_to_the_checklist(qtbot, window)
        finish_mini(qtbot, window)
        qtbot.mouseClick(window.player.panel.button, LEFT)
        qtbot.mouseClick(window.debrief.library_button, LEFT)
    window.progress_action.trigger()
    tree = window.progress.trend_tree
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(3)
        for i in range(tree.topLevelItemCount())
    }
    assert set(rows) == {
        f"{comp} · {MINI_TITLE} · {mode}"
        for comp in ("Communication", "Risk identification")
        for mode in ("practice", "assessed")
    }
    assert set(rows.values()) == {"one attempt so far"}  # nothing compared across modes
    assert "like with like" in window.progress.summary.text()


def test_revisit_a_decision_replays_from_it_and_counts_nothing(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([MINI])
    create_profile(qtbot, window)
    store = window.controller.store
    start_mini(qtbot, window, "assessed")
    attempt = window.controller.attempt.id
    play_mini_to_the_checklist(qtbot, window)
    finish_mini(qtbot, window, last=2)  # tells Lee: not passed
    qtbot.mouseClick(window.player.panel.button, LEFT)
    debrief = window.debrief
    labels = [debrief.revisit_choice.itemText(i) for i in range(debrief.revisit_choice.count())]
    assert labels[-1] == "Tell him Sam has told you about last week."
    assert labels[2].startswith("Ticked:")
    debrief.revisit_choice.setCurrentIndex(len(labels) - 1)
    qtbot.mouseClick(debrief.revisit_button, LEFT)
    player = window.player
    assert window.stack.currentWidget() is player
    assert "Lee comes home" in player.scene_view.toPlainText()
    assert "not counted" in player.case_title.text()
    click_choice(qtbot, window, 1)  # from the records, this time
    assert isinstance(player.panel, FeedbackPanel)  # practice mode: feedback at once
    feedback_then_continue(qtbot, window)
    qtbot.mouseClick(player.panel.button, LEFT)
    assert "does not count" in debrief.verdict.text()
    assert not debrief.again_button.isEnabled() and not debrief.reflection.isEnabled()
    # Nothing saved: the one attempt, with its five decisions, as it was.
    attempts = store.attempts(window.controller.learner.id)
    assert [a.id for a in attempts] == [attempt]
    assert len(store.decisions(attempt)) == 5 and attempts[0].passed is False


def test_a_numbered_scale_reads_once_with_its_name_and_descriptions(qtbot) -> None:  # noqa: ANN001
    from trainer.core.loader import load_catalogue
    from trainer.core.paths import CATALOGUE_NAME, bundled_scenarios
    from trainer.core.session import Option

    scale = load_catalogue(bundled_scenarios() / CATALOGUE_NAME).risk_scales["child-four-level"]
    panel = RatingPanel(
        "How would you rate the risk to the children?",
        [Option(lv.id, lv.label) for lv in scale.levels],
        {lv.id: lv.description for lv in scale.levels},
        scale.title,
    )
    qtbot.addWidget(panel)
    assert "Risk to the child" in panel.scale_label.text()
    first = panel.labels[0].text()
    assert first.startswith("<b>Moderate</b> — ") and "1 Moderate" not in first
    assert all(" — " in label.text() for label in panel.labels)  # every level described
    assert panel.radios[0].accessibleName() == "Risk level Moderate"
