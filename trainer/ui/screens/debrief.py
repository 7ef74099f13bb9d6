"""Debrief: verdict and why, critical errors first, competency bars, the path, reflection, PDF."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.debrief_words import translate_debrief
from trainer.ui.language import case_title, pct, qtr
from trainer.ui.widgets import CaseBrowser, link_references, markdown_html, named

if TYPE_CHECKING:
    from trainer.core.scoring import Result

QT_TRANSLATE_NOOP("Debrief", "No safety-critical error, and every competency met its minimum.")
QT_TRANSLATE_NOOP("Debrief", "1 safety-critical error: see below first.")
QT_TRANSLATE_NOOP("Debrief", "{count} safety-critical errors: see below first.")
QT_TRANSLATE_NOOP("Words", "{number}%")
QT_TRANSLATE_NOOP("Words", "practice")
QT_TRANSLATE_NOOP("Words", "assessed")


def reflection_prompts() -> str:
    """The reflection box's prompts (Gibbs' cycle), in the interface language."""
    return (
        qtr("DebriefScreen", "It is saved as you type.")
        + "<br>"
        + "<br>".join(f"• {escape(qtr('Debrief', p))}" for p in GIBBS_PROMPTS)
    )


QT_TRANSLATE_NOOP("DebriefScreen", "It is saved as you type.")

GIBBS_PROMPTS = (
    QT_TRANSLATE_NOOP("Debrief", "What happened, in a sentence or two?"),
    QT_TRANSLATE_NOOP("Debrief", "How did you feel at the key moments, and why?"),
    QT_TRANSLATE_NOOP("Debrief", "What went well, and what did not?"),
    QT_TRANSLATE_NOOP("Debrief", "What sense can you make of it (theory, law, guidance)?"),
    QT_TRANSLATE_NOOP("Debrief", "What else could you have done?"),
    QT_TRANSLATE_NOOP("Debrief", "What will you do next time?"),
)
AUTOSAVE_MS = 800


def screen_markdown(markdown_text: str, details: bool = True) -> str:
    """The debrief for the screen: the verdict is the heading above and competencies are
    bars beside it, so drop the title, turn the verdict into 'Why', and drop the table.
    Without ``details``: the summary only (every decision is folded away)."""
    from trainer.core.debrief import DETAILS_HEADING

    text = re.sub(r"\A# .*\n+", "", markdown_text)
    text = re.sub(r"\A## (Passed|Not passed) .*\n", "## Why\n", text)
    text = re.sub(r"## Competencies\n.*?(?=\n## |\Z)", "", text, flags=re.S)
    if not details and DETAILS_HEADING in text:
        refs = re.search(r"\n## References\n.*\Z", text, flags=re.S)
        text = text[: text.index(DETAILS_HEADING)] + (refs.group(0).lstrip("\n") if refs else "")
    return text


class CompetencyBar(QWidget):
    """One competency: a bar with the score in numbers, and the minimum in words and a symbol."""

    def __init__(
        self, title: str, percent: float | None, minimum: float | None, reached: bool = True
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        if not reached:
            percent = None
            verdict = self.tr("not reached on this path")
        elif percent is None:
            verdict = self.tr("not assessed on this path")
        elif minimum is None:
            verdict = self.tr("no minimum")
        elif percent >= minimum:
            verdict = self.tr("✔ at or above the minimum of {minimum}").format(minimum=pct(minimum))
        else:
            verdict = self.tr("✖ below the minimum of {minimum}").format(minimum=pct(minimum))
        shown = "—" if percent is None else pct(percent)
        self.label = QLabel(f"<b>{escape(title)}</b><br>{shown} · {escape(verdict)}")
        self.label.setWordWrap(True)  # the side panel scrolls, so wrapped lines keep room
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(round(percent or 0))
        self.bar.setFormat(shown)
        self.bar.setTextVisible(False)  # the number is in the label above, in words too
        self.bar.setMaximumHeight(12)
        self.bar.setAccessibleName(f"{title}: {shown}, {verdict}")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)


class DebriefScreen(QWidget):
    library_requested = Signal()
    pdf_requested = Signal()
    support_requested = Signal()
    send_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.attempt_id: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 8, 16, 8)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        outer.addWidget(self.verdict)
        # After a harmful ending: a signpost to support, worded without blame.
        self.support_row = QWidget()
        support = QHBoxLayout(self.support_row)
        support.setContentsMargins(0, 0, 0, 0)
        self.support_words = QLabel(
            self.tr(
                "This case ended in harm. That follows from choices in a training case, not from "
                "who you are. If it has stirred anything up, support is one click away."
            )
        )
        self.support_words.setWordWrap(True)
        self.support_button = named(
            QPushButton(self.tr("&Support and helplines")),
            self.tr("Support and helplines"),
            self.tr("Where to find support: helplines and people to talk to"),
        )
        self.support_button.clicked.connect(self.support_requested)
        support.addWidget(self.support_words, 1)
        support.addWidget(self.support_button)
        self.support_row.setVisible(False)
        outer.addWidget(self.support_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.text = CaseBrowser(self.tr("Debrief: what happened and why"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.text, 1)
        self.details_button = named(
            QPushButton(self.tr("Show every decision in &detail")),
            self.tr("Show every decision in detail"),
            self.tr("The summary is shown first; this unfolds every decision, with feedback"),
        )
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_text)
        row_details = QHBoxLayout()
        row_details.addWidget(self.details_button)
        row_details.addStretch(1)
        left_layout.addLayout(row_details)
        # Revisit one decision: replay from it in practice mode, not saved or counted.
        row_revisit = QHBoxLayout()
        self.revisit_choice = named(
            QComboBox(),
            self.tr("Decision to revisit"),
            self.tr("Pick a decision to play again from that point, in practice mode"),
        )
        self.revisit_button = named(
            QPushButton(self.tr("&Revisit this decision")),
            self.tr("Revisit this decision"),
            self.tr(
                "Replays the case from the chosen decision in practice mode: not saved, not counted"
            ),
        )
        self.revisit_button.clicked.connect(self._on_revisit_clicked)
        row_revisit.addWidget(self.revisit_choice, 1)
        row_revisit.addWidget(self.revisit_button)
        left_layout.addLayout(row_revisit)
        self.splitter.addWidget(left)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        self.bars_box = QGroupBox(self.tr("Competencies"))
        self.bars_layout = QVBoxLayout(self.bars_box)
        side_layout.addWidget(self.bars_box)

        # A short title: a group box is never narrower than its title, and a long one at
        # 200% text pushed the side panel past the right edge.
        reflect_box = QGroupBox(self.tr("Your reflection"))
        reflect = QVBoxLayout(reflect_box)
        prompts = self.prompts_label = QLabel(reflection_prompts())
        prompts.setWordWrap(True)
        self.reflection = named(
            QPlainTextEdit(), self.tr("Your reflection"), self.tr("Saved automatically as you type")
        )
        self.reflection.setTabChangesFocus(True)
        self.reflection.setMinimumHeight(120)
        self.reflection.setPlaceholderText(self.tr("Write a few lines about this attempt…"))
        # Below the scrolling parts, beside the buttons: always in view, whatever the size.
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleName(self.tr("Reflection saved"))
        reflect.addWidget(prompts)
        reflect.addWidget(self.reflection, 1)
        side_layout.addWidget(reflect_box, 1)

        row = QHBoxLayout()
        self.again_button = named(QPushButton(self.tr("Try &again")), self.tr("Try the case again"))
        self.pdf_button = named(
            QPushButton(self.tr("Save portfolio P&DF…")),
            self.tr("Save the debrief as a portfolio PDF"),
        )
        self.send_button = named(
            QPushButton(self.tr("Send to &tutor…")),
            self.tr("Send to tutor"),
            self.tr(
                "Writes the portfolio PDF and your progress file together in a folder you choose"
            ),
        )
        self.library_button = named(
            QPushButton(self.tr("Back to the &library")), self.tr("Back to the library")
        )
        for button in (self.again_button, self.pdf_button, self.send_button, self.library_button):
            button.setAutoDefault(True)
            row.addWidget(button)
        self.side_scroll = side_scroll = QScrollArea()
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(side)  # short screens scroll rather than clip the bars
        self.splitter.addWidget(side_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer.addWidget(self.splitter, 1)
        row.insertStretch(0, 1)
        row.insertWidget(0, self.saved_label)
        outer.addLayout(row)  # always visible, below the scrolling parts

        self.again_button.clicked.connect(self._on_again_clicked)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.send_button.clicked.connect(self.send_requested)
        self.library_button.clicked.connect(self._on_library_clicked)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_reflection)
        self.reflection.textChanged.connect(self._on_reflection_changed)
        controller.reflection_saved.connect(self._on_reflection_saved)
        self.setTabOrder(self.text, self.reflection)
        self.setTabOrder(self.reflection, self.again_button)
        self.setTabOrder(self.again_button, self.pdf_button)
        self.setTabOrder(self.pdf_button, self.send_button)
        self.setTabOrder(self.send_button, self.library_button)

    def _fit_side(self) -> None:
        """The side panel is never narrower than its content plus a scroll bar, so nothing
        is clipped on the right whatever the text size or the splitter position."""
        scroll = self.side_scroll
        bar = scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * scroll.frameWidth()
        scroll.setMinimumWidth(scroll.widget().minimumSizeHint().width() + bar + frame)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_side()

    def show_result(self) -> None:
        result: Result | None = self.controller.result
        if result is None:
            return
        mark = self.tr("✔ Passed") if result.passed else self.tr("✖ Not passed")
        title = case_title(self.controller.entry)
        # The verdict first; the overall score beside the pass mark, in a smaller line
        # (a failed attempt's "1%" said less than why it did not pass).
        self.verdict.setText(
            self.tr(
                "<h1>{mark}</h1><p>{value} · {mode} mode · overall {percent}, pass mark {pass_mark}. {value2}</p>"
            ).format(
                mark=mark,
                value=escape(title),
                mode=qtr("Words", self.controller.mode),
                percent=pct(result.percent),
                pass_mark=pct(result.pass_mark),
                value2=escape(self._why(result)),
            )
        )
        self.support_row.setVisible(result.outcome == "poor")
        revisiting = self.controller.revisiting
        if revisiting:
            self.verdict.setText(
                self.verdict.text()
                + "<p><b>"
                + self.tr(
                    "This was a replay of one decision in practice mode: it is not saved "
                    "and does not count."
                )
                + "</b></p>"
            )
        self.revisit_choice.clear()
        for number, label in self.controller.revisit_points():
            self.revisit_choice.addItem(label, number)
        for widget in (self.revisit_choice, self.revisit_button):
            widget.setVisible(self.revisit_choice.count() > 0)
        for widget in (self.again_button, self.pdf_button, self.send_button, self.reflection):
            widget.setEnabled(not revisiting)
        self.verdict.setAccessibleName(
            self.tr("{mark}, {percent:.0f} percent").format(mark=mark, percent=result.percent)
        )
        # Focus lands on the debrief text: its description carries the verdict, so a screen
        # reader says passed or not, and why, first.
        self.text.setAccessibleDescription(
            self.tr(
                "{mark}, {percent:.0f} percent; pass mark {pass_mark:.0f} percent. {value}"
            ).format(
                mark=mark,
                percent=result.percent,
                pass_mark=result.pass_mark,
                value=self._why(result),
            )
        )
        entry = self.controller.entry
        self.text.set_folders(entry.path.parent if entry else None, self.controller.image_roots())
        self.details_button.blockSignals(True)
        self.details_button.setChecked(False)
        self.details_button.blockSignals(False)
        self._show_text()
        while self.bars_layout.count():
            item = self.bars_layout.takeAt(0)
            if item.widget():
                item.widget().hide()  # at once: deletion waits for the event loop
                item.widget().deleteLater()
        reached = self.controller.reached_competencies()
        for comp, share in result.percents.items():
            bar = CompetencyBar(
                self.controller.competency_title(comp),
                share,
                result.minimums.get(comp),
                reached is None or comp in reached,
            )
            self.bars_layout.addWidget(bar)
        # The reflection shown (and saved) is this attempt's own, never another's.
        self.attempt_id = self.controller.attempt.id if self.controller.attempt else None
        self.reflection.blockSignals(True)
        self.reflection.setPlainText(self.controller.reflection())
        self.reflection.blockSignals(False)
        self.saved_label.setText("")
        self._fit_side()
        self.text.setFocus()

    def _show_text(self) -> None:
        """The summary, or (unfolded) every decision in detail."""
        details = self.details_button.isChecked()
        self.details_button.setText(
            self.tr("Hide the details") if details else self.tr("Show every decision in &detail")
        )
        entry = self.controller.entry
        markdown_text = screen_markdown(self.controller.debrief_markdown(), details)
        if entry is not None and entry.loaded is not None:
            markdown_text = link_references(markdown_text, entry.loaded)
        self.text.setHtml(markdown_html(translate_debrief(markdown_text)))

    @staticmethod
    def _why(result: Result) -> str:
        if result.passed:
            return qtr("Debrief", "No safety-critical error, and every competency met its minimum.")
        if result.critical_errors:
            count = len(result.critical_errors)
            if count == 1:
                return qtr("Debrief", "1 safety-critical error: see below first.")
            return qtr("Debrief", "{count} safety-critical errors: see below first.").format(
                count=QLocale().toString(count)
            )
        return result.reasons[0] if result.reasons else ""

    def save_reflection(self) -> None:
        self._autosave.stop()
        if self.attempt_id is None:
            return
        self.controller.save_reflection(self.reflection.toPlainText(), self.attempt_id)

    def _on_reflection_changed(self) -> None:
        self.saved_label.setText(self.tr("Saving your reflection…"))
        self._autosave.start()

    def _on_reflection_saved(self) -> None:
        if not self.reflection.toPlainText().strip():
            self.saved_label.setText("")
            return
        at = QTime.currentTime().toString("HH:mm")
        self.saved_label.setText(self.tr("<b>✔ Your reflection is saved</b> ({at})").format(at=at))
        self.saved_label.setAccessibleDescription(
            self.tr("Your reflection was saved at {at}").format(at=at)
        )

    def _on_revisit_clicked(self) -> None:
        number = self.revisit_choice.currentData()
        if number is None:
            return
        self.save_reflection()
        self.attempt_id = None  # the replay has no reflection of its own
        self.controller.revisit(int(number))

    def _on_again_clicked(self) -> None:
        self.save_reflection()
        # The new attempt starts with an empty reflection of its own.
        self.attempt_id = None
        self.reflection.blockSignals(True)
        self.reflection.clear()
        self.reflection.blockSignals(False)
        self.saved_label.setText("")
        self.controller.try_again()

    def _on_library_clicked(self) -> None:
        if self._autosave.isActive():
            self.save_reflection()
        self.library_requested.emit()
