"""The answer panels under a scene: choices, confidence, checklist, rating, continue, ending, feedback.

Each panel only displays options and reports what the learner picked; number keys
1-9 reach the panel through :meth:`Panel.press_number`, and Enter confirms.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.language import qtr
from trainer.ui.widgets import (
    ChoiceButton,
    draw_focus_ring,
    named,
)

if TYPE_CHECKING:  # the core's case model is imported when a case is played, not at start-up
    from trainer.core.session import Option

CONFIDENCE_WORDS = {
    "low": QT_TRANSLATE_NOOP("Words", "Not very confident"),
    "medium": QT_TRANSLATE_NOOP("Words", "Fairly confident"),
    "high": QT_TRANSLATE_NOOP("Words", "Very confident"),
}
OUTCOME_WORDS = {
    "good": QT_TRANSLATE_NOOP("Words", "The case reached a good outcome."),
    "mixed": QT_TRANSLATE_NOOP("Words", "The case reached a mixed outcome."),
    "poor": QT_TRANSLATE_NOOP("Words", "The case reached a poor outcome."),
}


class Panel(QWidget):
    """Base: a prompt label on top, then the panel's own controls."""

    reshaped = Signal()  # the panel now needs a different height

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.prompt_label = QLabel(f"<b>{escape(prompt)}</b>" if prompt else "")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setVisible(bool(prompt))
        self.layout_.addWidget(self.prompt_label)

    def press_number(self, number: int) -> None:
        """A number key was pressed while this panel is shown."""

    def first_focus(self) -> QWidget | None:
        return None

    def reading_focus(self) -> QWidget | None:
        """What gets focus when the panel appears, so a screen reader reads it first;
        None: the scene text above."""
        return None

    def enter_from_text(self) -> None:
        """Enter pressed on the text above: go to the answers (a continue panel continues)."""
        target = self.first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def focus_order(self) -> list[QWidget]:
        """The panel's controls in reading order, for the tab chain."""
        return [
            w
            for w in self.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isWindow()
        ]

    def confirm(self) -> None:
        """Enter pressed on a control that does not use it (a check box or radio button)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for row in self.findChildren(OptionRow):
                style_indicator(row.button, self.font())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            event.accept()
            return
        super().keyPressEvent(event)

    def add_confirm_button(self, text: str, name: str) -> QPushButton:
        """A right-aligned confirm button that Enter presses."""
        button = named(QPushButton(text), name)
        button.setAutoDefault(True)
        button.clicked.connect(self.confirm)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        self.layout_.addLayout(row)
        return button

    def add_note(self, what: str) -> QLineEdit:
        """An optional "why?" line, kept with the decision and shown in the debrief."""
        label = QLabel(
            self.tr("Why? <i>(optional)</i> A line on what {value} rests on:").format(
                value=escape(what)
            )
        )
        label.setWordWrap(True)
        self.note_edit = named(
            QLineEdit(),
            self.tr("Why? Your note (optional)"),
            self.tr("Saved with this decision; shown in your debrief and to your tutor"),
        )
        self.note_edit.setMaxLength(1000)
        self.note_edit.setPlaceholderText(self.tr("e.g. what she said that made you tick it"))
        label.setBuddy(self.note_edit)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.note_edit)
        return self.note_edit

    def note(self) -> str:
        edit = getattr(self, "note_edit", None)
        return edit.text().strip() if edit is not None else ""

    def hint(self, text: str) -> None:
        if not hasattr(self, "hint_label"):
            self.hint_label = QLabel()
            self.hint_label.setWordWrap(True)
            self.layout_.addWidget(self.hint_label)
        self.hint_label.setText(escape(text))


class OptionLabel(QLabel):
    """The wrapped text beside a check box or radio button; clicking it clicks the button."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.button.click()
            self.button.setFocus()
        super().mouseReleaseEvent(event)


INDICATOR_STYLE = "::indicator { width: 1.1em; height: 1.1em; }"


class OptionRow(QWidget):
    """A tick box or radio button with its wrapped text; the whole row shows a clear
    focus ring while its button has keyboard focus (the styled indicator shows none)."""

    def __init__(self, button: QAbstractButton, text: str) -> None:
        super().__init__()
        self.button = button
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.setSpacing(10)
        self.label = OptionLabel(text, button)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.button.hasFocus():
            draw_focus_ring(self)


def style_indicator(button: QAbstractButton, font: QFont) -> None:
    """A tick box or radio indicator that grows with the text size. The style sheet is on
    the button alone (on a parent it would fix every child's font and palette), and it
    fixes the button's font when applied, so it is applied again on each text size change."""
    button.setStyleSheet("")
    button.setFont(font)
    button.setStyleSheet(type(button).__name__ + INDICATOR_STYLE)


def option_row(layout: QVBoxLayout, button: QAbstractButton, text: str) -> QLabel:
    """A numbered button with its text beside it, wrapping (nothing cut off at 200% text)."""
    style_indicator(button, layout.parentWidget().font())
    row = OptionRow(button, text)
    layout.addWidget(row)
    return row.label


class DecisionPanel(Panel):
    """Large numbered choice buttons; then, if the case asks, how confident the learner is."""

    chosen = Signal(str, object)  # choice id, confidence (None if not asked)

    def __init__(self, prompt: str, options: list[Option], asks_confidence: bool) -> None:
        super().__init__(prompt)
        self.asks_confidence = asks_confidence
        self.options = options
        self.pending: str | None = None
        self.buttons: list[ChoiceButton] = []
        self.choice_area = QWidget()
        choices = QVBoxLayout(self.choice_area)
        choices.setContentsMargins(0, 0, 0, 0)
        for number, option in enumerate(options, start=1):
            button = ChoiceButton(number, option.text)
            if prompt:
                button.setAccessibleDescription(
                    self.tr("{prompt} Press {number} to choose this.").format(
                        prompt=prompt, number=number
                    )
                )
            button.clicked.connect(lambda _=False, oid=option.id: self._on_choice_clicked(oid))
            choices.addWidget(button)
            self.buttons.append(button)
        self.layout_.addWidget(self.choice_area)

        self.confidence_buttons: list[ChoiceButton] = []
        if asks_confidence:  # most decisions do not ask: no hidden widgets to build
            self._build_confidence()
        self.hint(self.tr("Press 1–{value} or click a choice.").format(value=len(options)))

    def _build_confidence(self) -> None:
        self.confidence_area = QWidget()
        conf = QVBoxLayout(self.confidence_area)
        conf.setContentsMargins(0, 0, 0, 0)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        conf.addWidget(self.pending_label)
        self.question_label = QLabel(
            self.tr("<b>How confident are you that this is the right thing to do?</b>")
        )
        self.question_label.setWordWrap(True)
        conf.addWidget(self.question_label)
        from trainer.core.scoring import CONFIDENCE_LEVELS

        for number, level in enumerate(CONFIDENCE_LEVELS, start=1):
            button = ChoiceButton(number, qtr("Words", CONFIDENCE_WORDS[level]))
            button.setAccessibleDescription(
                self.tr(
                    "How confident are you that this is the right thing to do? Press {number}."
                ).format(number=number)
            )
            button.clicked.connect(lambda _=False, lv=level: self._on_confidence_clicked(lv))
            conf.addWidget(button)
            self.confidence_buttons.append(button)
        self.change_button = named(
            QPushButton(self.tr("← Change my choice")), self.tr("Change my choice")
        )
        self.change_button.setAutoDefault(True)
        self.change_button.clicked.connect(self._on_change_clicked)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        conf.addLayout(row)
        self.layout_.addWidget(self.confidence_area)
        self.confidence_area.setVisible(False)

    def press_number(self, number: int) -> None:
        buttons = self.confidence_buttons if self.pending else self.buttons
        if 1 <= number <= len(buttons):
            buttons[number - 1].click()

    def first_focus(self) -> QWidget | None:
        if self.pending:
            return self.confidence_buttons[0]
        return self.buttons[0] if self.buttons else None

    def _on_choice_clicked(self, option_id: str) -> None:
        if not self.asks_confidence:
            self.chosen.emit(option_id, None)
            return
        self.pending = option_id
        text = next(o.text for o in self.options if o.id == option_id)
        self.pending_label.setText(self.tr("You chose: <b>{value}</b>").format(value=escape(text)))
        self.choice_area.setVisible(False)
        self.prompt_label.setVisible(False)
        self.confidence_area.setVisible(True)
        self.hint(self.tr("Press 1–3 for how confident you are, or change your choice."))
        self.reshaped.emit()
        self.confidence_buttons[0].setFocus()

    def _on_confidence_clicked(self, level: str) -> None:
        if self.pending is not None:
            self.chosen.emit(self.pending, level)

    def _on_change_clicked(self) -> None:
        self.pending = None
        self.confidence_area.setVisible(False)
        self.prompt_label.setVisible(True)
        self.choice_area.setVisible(True)
        self.hint(self.tr("Press 1–{value} or click a choice.").format(value=len(self.options)))
        self.reshaped.emit()
        self.buttons[0].setFocus()


class ChecklistPanel(Panel):
    """Risk indicators as check boxes, then Confirm."""

    ticked = Signal(list, str)  # indicator ids, the learner's note

    def __init__(self, prompt: str, options: list[Option]) -> None:
        super().__init__(prompt)
        self.options = options
        self.boxes: list[QCheckBox] = []
        self.labels: list[QLabel] = []
        for number, option in enumerate(options, start=1):
            box = named(QCheckBox(str(number)), option.text)
            self.labels.append(option_row(self.layout_, box, f"{escape(option.text)}"))
            self.boxes.append(box)
        self.add_note(self.tr("your choice of indicators"))
        self.confirm_button = self.add_confirm_button(
            self.tr("&Confirm these indicators"), self.tr("Confirm the checklist")
        )
        # Nothing here about how the checklist is scored: the task is to judge what the
        # evidence shows (Help explains scoring for those who want to know).
        self.hint(
            self.tr(
                "Tick the indicators your case file gives evidence for (Space, or keys 1–{value}), then press Enter or Confirm. Your case file is beside you."
            ).format(value=len(options))
        )

    def press_number(self, number: int) -> None:
        if 1 <= number <= len(self.boxes):
            box = self.boxes[number - 1]
            box.toggle()
            box.setFocus()

    def first_focus(self) -> QWidget | None:
        return self.boxes[0] if self.boxes else self.confirm_button

    def confirm(self) -> None:
        self.ticked.emit(
            [o.id for o, b in zip(self.options, self.boxes, strict=True) if b.isChecked()],
            self.note(),
        )


class RatingPanel(Panel):
    """A labelled ordinal scale, lowest risk first, then Confirm."""

    rated = Signal(str, str)  # level id, the learner's note

    def __init__(
        self,
        prompt: str,
        options: list[Option],
        descriptions: dict[str, str],
        scale_title: str = "",
    ) -> None:
        super().__init__(prompt)
        self.options = options
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        self.labels: list[QLabel] = []
        if scale_title:
            self.scale_label = QLabel(
                self.tr("Scale: <b>{value}</b>, lowest risk first").format(
                    value=escape(scale_title)
                )
            )
            self.scale_label.setWordWrap(True)
            self.layout_.addWidget(self.scale_label)
        for number, option in enumerate(options, start=1):
            words = descriptions.get(option.id, "")
            shown = level_text(option.text, number)
            radio = named(
                QRadioButton(str(number)), self.tr("Risk level {shown}").format(shown=shown), words
            )
            self.group.addButton(radio)
            text = f"<b>{escape(shown)}</b>" + (f" — {escape(words)}" if words else "")
            self.labels.append(option_row(self.layout_, radio, text))
            self.radios.append(radio)
        self.add_note(self.tr("your rating"))
        self.confirm_button = self.add_confirm_button(
            self.tr("&Confirm this rating"), self.tr("Confirm the risk rating")
        )
        self.hint(
            self.tr(
                "Scale from lowest to highest risk. Keys 1–{value} pick a level; Enter confirms."
            ).format(value=len(options))
        )

    def press_number(self, number: int) -> None:
        if 1 <= number <= len(self.radios):
            self.radios[number - 1].setChecked(True)
            self.radios[number - 1].setFocus()

    def first_focus(self) -> QWidget | None:
        return self.radios[0] if self.radios else None

    def confirm(self) -> None:
        chosen = [o.id for o, r in zip(self.options, self.radios, strict=True) if r.isChecked()]
        if chosen:
            self.rated.emit(chosen[0], self.note())
        elif self.radios:  # say why nothing happened, rather than ignore the key
            self.hint(
                self.tr("Pick a risk level first (keys 1–{value}), then confirm.").format(
                    value=len(self.radios)
                )
            )
            self.radios[0].setFocus(Qt.FocusReason.OtherFocusReason)


def level_text(label: str, number: int) -> str:
    """A level's label without a leading number that repeats its key ("1 Moderate" at key
    1 reads "Moderate", not "1 1 Moderate")."""
    head, _, rest = label.partition(" ")
    return rest.strip() if head.rstrip(".:") == str(number) and rest.strip() else label


ENDED = QT_TRANSLATE_NOOP("Words", "The case has ended.")
SUPPORT_WORDS = QT_TRANSLATE_NOOP(
    "Words",
    "Endings like this happen in real practice too, and they can stay with you. "
    "If this has stirred anything up, support is one click away.",
)


class ContinuePanel(Panel):
    """A scene with nothing to decide."""

    continued = Signal()

    def __init__(self, text: str = "&Continue", name: str = "Continue") -> None:
        super().__init__("")
        self.button = named(QPushButton(text), name)
        self.button.setAutoDefault(True)
        self.button.setMinimumHeight(40)
        self.button.clicked.connect(self.continued)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        self.layout_.addLayout(row)

    def press_number(self, number: int) -> None:
        if number == 1:
            self.button.click()

    def first_focus(self) -> QWidget | None:
        return self.button

    def confirm(self) -> None:
        self.button.click()

    def enter_from_text(self) -> None:
        self.button.click()


class EndingPanel(ContinuePanel):
    """The end of the case: the outcome in words, then the debrief; after a harmful
    ending, a signpost to support as well."""

    support_requested = Signal()

    def __init__(self, outcome: str) -> None:
        super().__init__(
            QCoreApplication.translate("EndingPanel", "See your &debrief"),
            QCoreApplication.translate("EndingPanel", "See your debrief"),
        )
        self.outcome_label = QLabel(
            "<b>" + escape(qtr("Words", OUTCOME_WORDS.get(outcome, ENDED))) + "</b>"
        )
        self.outcome_label.setWordWrap(True)
        self.layout_.insertWidget(1, self.outcome_label)
        self.support_button: QPushButton | None = None
        if outcome == "poor":
            words = QLabel(escape(qtr("Words", SUPPORT_WORDS)))
            words.setWordWrap(True)
            self.support_button = named(
                QPushButton(self.tr("&Support and helplines")),
                self.tr("Support and helplines"),
                self.tr("Where to find support: helplines and people to talk to"),
            )
            self.support_button.clicked.connect(self.support_requested)
            row = QHBoxLayout()
            row.addWidget(self.support_button)
            row.addStretch(1)
            self.layout_.insertWidget(2, words)
            self.layout_.insertLayout(3, row)
