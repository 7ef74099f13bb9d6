"""Practice-mode feedback under a scene: the judgement in words and a symbol, and why."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from trainer.ui.screens.panels import ContinuePanel
from trainer.ui.widgets import CaseBrowser, markdown_html, references_html

if TYPE_CHECKING:  # the core's case model is imported when a case is played, not at start-up
    from trainer.core.loader import LoadedCase
    from trainer.core.scoring import StepResult


class FeedbackBrowser(CaseBrowser):
    """Asks for the height of its whole text (the player caps it), so feedback is not
    squeezed into a small box under a mostly empty scene."""

    def sizeHint(self):  # noqa: N802, ANN201 (Qt override)
        hint = super().sizeHint()
        doc = self.document().clone()
        doc.setTextWidth(max(self.viewport().width(), 300))
        margins = 2 * self.frameWidth() + 4
        return QSize(hint.width(), max(160, int(doc.size().height()) + margins))


class FeedbackPanel(ContinuePanel):
    """Practice mode: how the last decision was judged, in words and a symbol, and why."""

    def __init__(self, loaded: LoadedCase, steps: list[StepResult], roots: list) -> None:
        from trainer.core.debrief import judgement_label

        super().__init__(
            QCoreApplication.translate("FeedbackPanel", "&Continue"),
            QCoreApplication.translate("FeedbackPanel", "Continue to the next scene"),
        )
        self.browser = FeedbackBrowser("Feedback on your decision", reports_enter=True)
        self.browser.set_folders(loaded.folder, roots)
        self.browser.setHtml(feedback_html(loaded, steps))
        self.browser.setMinimumHeight(160)
        verdicts = "; ".join(judgement_label(s) for s in steps if s.judgement is not None)
        self.browser.setAccessibleName(self.tr("Feedback: {verdicts}").format(verdicts=verdicts))
        self.browser.setAccessibleDescription(self.tr("Press Enter to continue to the next scene."))
        self.browser.entered.connect(self.button.click)
        self.layout_.insertWidget(1, self.browser, 1)

    def reading_focus(self) -> QWidget | None:
        return self.browser


def feedback_html(loaded: LoadedCase, steps: list[StepResult]) -> str:
    from trainer.core.debrief import judgement_label

    parts = []
    for step in steps:
        if step.judgement is None:
            continue
        heading = "Order of work" if step.kind == "rule" else escape(step.label)
        parts.append(f"<h3>{escape(judgement_label(step))}</h3><p><b>{heading}</b></p>")
        if step.feedback:
            parts.append(markdown_html(step.feedback))
        if step.safe_practice:
            parts.append(
                "<p><b>Safe practice here:</b> " + escape(" / ".join(step.safe_practice)) + "</p>"
            )
        parts.append(references_html(loaded, step.refs))
    return "".join(parts)
