"""Before starting: content note first, then summary and outcomes; mode; start or resume; back."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.language import qtr, shown_case
from trainer.ui.library import FOCUS_WORDS, JURISDICTION_WORDS, LibraryEntry
from trainer.ui.screens.panels import style_indicator
from trainer.ui.widgets import CaseBrowser, markdown_html, named

MODE_WORDS = {
    "practice": (
        QT_TRANSLATE_NOOP("Words", "&Practice"),
        QT_TRANSLATE_NOOP("Words", "feedback after each decision"),
    ),
    "assessed": (
        QT_TRANSLATE_NOOP("Words", "&Assessed"),
        QT_TRANSLATE_NOOP("Words", "feedback at the debrief only"),
    ),
}


class CaseStartScreen(QWidget):
    back_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.entry: LibraryEntry | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)

        self.note_box = QGroupBox(self.tr("Content note"))
        note_layout = QVBoxLayout(self.note_box)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        note_layout.addWidget(self.note_label)

        self.text = CaseBrowser(self.tr("Case summary and learning outcomes"))
        outer.addWidget(self.note_box)
        outer.addWidget(self.text, 1)

        self.mode_box = QGroupBox(self.tr("How do you want to play?"))
        mode_layout = QVBoxLayout(self.mode_box)  # one under the other: no cut-off at 200%
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode, (label, words) in MODE_WORDS.items():
            button = named(
                QRadioButton(f"{qtr('Words', label)}: {qtr('Words', words)}"),
                qtr("Words", label).replace("&", ""),
            )
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            mode_layout.addWidget(button)
        outer.addWidget(self.mode_box)

        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        outer.addWidget(self.resume_label)

        row = QHBoxLayout()
        self.back_button = named(
            QPushButton(self.tr("← &Back to the library")), self.tr("Back to the library")
        )
        self.back_button.clicked.connect(self.back_requested)
        self.start_button = named(
            QPushButton(self.tr("&Start the case")), self.tr("Start the case")
        )
        self.start_button.clicked.connect(self._on_start_clicked)
        self.resume_button = named(
            QPushButton(self.tr("&Resume where you left off")), self.tr("Resume where you left off")
        )
        self.resume_button.clicked.connect(self._on_resume_clicked)
        for button in (self.back_button, self.start_button, self.resume_button):
            button.setAutoDefault(True)
        back_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_key.activated.connect(self.back_requested)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.resume_button)
        outer.addLayout(row)

    def _style_modes(self) -> None:
        """Indicators that grow with the text, at the current text size."""
        for button in self.mode_buttons.values():
            style_indicator(button, self.font())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._style_modes()

    def show_entry(self, entry: LibraryEntry) -> None:
        self.entry = entry
        self._style_modes()
        case = shown_case(entry)  # in the interface language, if the case has it
        self.note_label.setText(
            self.tr(
                "<p>This case includes: <b>{value}</b></p><p>You can pause at any moment (Esc) and come back later; nothing is lost. Support is always one click away (Support in the toolbar).</p>"
            ).format(value=escape(case.content_note))
        )
        meta = " · ".join(
            [
                qtr("Words", FOCUS_WORDS.get(case.focus, case.focus)),
                qtr("Words", JURISDICTION_WORDS.get(case.jurisdiction, case.jurisdiction)),
                qtr("Words", case.level.capitalize()),
                self.tr("about {minutes} minutes").format(minutes=QLocale().toString(case.minutes)),
            ]
        )
        outcomes = "".join(f"<li>{escape(o)}</li>" for o in case.learning_outcomes)
        self.text.set_folders(entry.path.parent, self.controller.image_roots())
        outcomes_heading = self.tr("Learning outcomes")
        self.text.setHtml(
            f"<h2>{escape(case.title)}</h2><p><i>{escape(meta)}</i></p>"
            f"{markdown_html(case.summary)}"
            f"<h3>{escape(outcomes_heading)}</h3><ul>{outcomes}</ul>"
        )
        for mode, button in self.mode_buttons.items():
            button.setVisible(mode in case.modes)
        self.mode_buttons[case.modes[0]].setChecked(True)
        self.mode_box.setTitle(
            self.tr("How do you want to play?")
            if len(case.modes) > 1
            else self.tr("This case is played in {value} mode").format(value=case.modes[0])
        )
        # Focus starts on a button: its description carries the content note, so a screen
        # reader reads it before the case begins.
        note = self.tr("Content note: this case includes {note}").format(note=case.content_note)
        self.start_button.setAccessibleDescription(note)
        self.resume_button.setAccessibleDescription(note)
        unfinished = self.controller.unfinished_attempt(entry)
        self.resume_button.setVisible(unfinished is not None)
        if unfinished is not None:
            self.resume_label.setText(
                self.tr(
                    "You have an unfinished {mode} attempt from {value} UTC. Resume it, or start again (the unfinished attempt is kept in your history)."
                ).format(mode=unfinished.mode, value=unfinished.started_at[:16].replace("T", " "))
            )
            self.start_button.setText(self.tr("&Start again"))
            self.resume_button.setFocus()
        else:
            self.resume_label.setText("")
            self.start_button.setText(self.tr("&Start the case"))
            self.start_button.setFocus()
        self.mode_box.setVisible(True)

    def chosen_mode(self) -> str:
        return next((m for m, b in self.mode_buttons.items() if b.isChecked()), "practice")

    def _on_start_clicked(self) -> None:
        if self.entry is not None:
            self.controller.start_case(self.entry, self.chosen_mode())

    def _on_resume_clicked(self) -> None:
        if self.entry is not None and not self.controller.resume_case(self.entry):
            self.show_entry(self.entry)  # e.g. the case changed and the attempt went stale
