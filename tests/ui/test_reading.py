"""Reading comfort: references are titled links (no raw web address to break mid-word), text
keeps clear of the focus outline, hints are in the normal text size, and saving the
reflection is confirmed where the learner can see it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import UI_CASES
from tests.ui.test_journey import click_choice, create_profile, open_case
from trainer.ui.screens.feedback import FeedbackPanel
from trainer.ui.screens.panels import DecisionPanel, EndingPanel
from trainer.ui.widgets import FOCUS_RING_PX

LEFT = Qt.MouseButton.LeftButton
URL = "https://example.org/guidance/respect-standard-for-work-with-perpetrators-2022-edition"


def practice_story(tmp_path: Path) -> Path:
    """The UI test case in practice mode, with a reference that has a citation and a long URL."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(UI_CASES / "phone.png", folder / "phone.png")
    text = (UI_CASES / "story.yaml").read_text(encoding="utf-8")
    text = text.replace("modes: [assessed]", "modes: [practice]")
    text = text.replace(
        "    url: https://example.org/respect\n",
        f"    citation: Respect, 2022\n    url: {URL}\n",
    )
    (folder / "story.yaml").write_text(text, encoding="utf-8")
    return folder


def test_references_links_margins_hints_and_the_saved_reflection(
    qtbot, make_window, tmp_path: Path
) -> None:  # noqa: ANN001
    window = make_window([practice_story(tmp_path)])
    create_profile(qtbot, window)
    open_case(qtbot, window, "A phone call (UI test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    player = window.player
    qtbot.mouseClick(player.panel.button, LEFT)  # the first scene only continues

    panel = player.panel
    assert isinstance(panel, DecisionPanel)
    # The "Press 1-2" hint is in the normal text size, not the small print.
    assert "Press 1–2" in panel.hint_label.text() and "<small>" not in panel.hint_label.text()
    click_choice(qtbot, window, 1)

    feedback = player.panel
    assert isinstance(feedback, FeedbackPanel)
    browser = feedback.browser
    shown = browser.toPlainText()
    assert "See: The Respect Standard (Respect, 2022)" in shown
    assert "https://" not in shown  # the title is the link; no address to break mid-word
    assert f'href="{URL}"' in browser.toHtml()
    assert "<small>" not in browser.toHtml() and "font-size:small" not in browser.toHtml()
    assert browser.document().documentMargin() >= FOCUS_RING_PX + 6
    qtbot.mouseClick(feedback.button, LEFT)

    assert isinstance(player.panel, EndingPanel)
    qtbot.mouseClick(player.panel.button, LEFT)
    debrief = window.debrief
    assert window.stack.currentWidget() is debrief
    text = debrief.text
    # One reference list for the whole debrief, in view with the summary.
    assert "References\nThe Respect Standard (Respect, 2022)" in text.toPlainText()
    assert text.toPlainText().count("The Respect Standard") == 1
    assert "https://" not in text.toPlainText()
    assert f'href="{URL}"' in text.toHtml()
    assert text.document().documentMargin() >= FOCUS_RING_PX + 6
    window.show_help()
    assert window.help.text.document().documentMargin() >= FOCUS_RING_PX + 6
    window.show_screen(debrief)

    # Saving the reflection is confirmed in view, at the normal and the largest text size.
    assert debrief.saved_label.text() == ""
    with qtbot.waitSignal(window.controller.reflection_saved, timeout=5000):
        qtbot.keyClicks(debrief.reflection, "I kept the focus on his behaviour.")
    for scale in (1.0, 2.0):
        window.apply_text_scale(scale)
        qtbot.wait(50)
        label = debrief.saved_label
        assert "Your reflection is saved" in label.text()
        assert label.isVisible() and not label.visibleRegion().isEmpty()
        assert label.visibleRegion().boundingRect().height() >= label.fontMetrics().height()
    window.apply_text_scale(1.0)
    qtbot.mouseClick(debrief.library_button, LEFT)
    assert window.stack.currentWidget() is window.library
    assert window.statusBar().currentMessage() == "Your reflection is saved."
