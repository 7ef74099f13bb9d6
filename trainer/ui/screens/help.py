"""Help: keyboard shortcuts, support, about; and the calm 'take a break' screen."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer import __version__
from trainer.ui.controller import Controller
from trainer.ui.language import qtr
from trainer.ui.support import BREAK_MESSAGE, support_html
from trainer.ui.widgets import CaseBrowser, heading, named

SHORTCUTS = (
    ("1 – 9", QT_TRANSLATE_NOOP("Help", "Pick a choice, tick an indicator or pick a risk level")),
    (
        QT_TRANSLATE_NOOP("Help", "Enter"),
        QT_TRANSLATE_NOOP(
            "Help",
            "On a new scene's text: go to the answers, or continue if there is nothing to "
            "decide. On a button: press it. Enter also confirms a checklist or a rating",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Space"),
        QT_TRANSLATE_NOOP("Help", "Press the focused button, tick the focused box"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "↑ ↓ / Page Up, Page Down"),
        QT_TRANSLATE_NOOP("Help", "Scroll the scene's text while it has the focus"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Tab / Shift+Tab"),
        QT_TRANSLATE_NOOP("Help", "Move between controls"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Esc"),
        QT_TRANSLATE_NOOP(
            "Help",
            "Pause the case (everything is saved), or leave the case start; back to the library",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Ctrl+B"),
        QT_TRANSLATE_NOOP("Help", "Take a break: pause and see where to find support"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Ctrl++ / Ctrl+−"),
        QT_TRANSLATE_NOOP("Help", "Larger or smaller text (remembered); Ctrl+0 resets"),
    ),
    (QT_TRANSLATE_NOOP("Help", "Ctrl+L"), QT_TRANSLATE_NOOP("Help", "Case library")),
    (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+P"), QT_TRANSLATE_NOOP("Help", "My progress")),
    (
        QT_TRANSLATE_NOOP("Help", "Ctrl+F"),
        QT_TRANSLATE_NOOP(
            "Help", "Search the library; in a case, open your case file and search it"
        ),
    ),
    ("F1", QT_TRANSLATE_NOOP("Help", "This help")),
    (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+S"), QT_TRANSLATE_NOOP("Help", "Support and helplines")),
)


SCORING_HTML = QT_TRANSLATE_NOOP(
    "Help",
    "<h2>How scoring works</h2>"
    "<p>Each decision is judged against safe practice: <b>✔ expected</b>, "
    "<b>○ acceptable</b>, <b>△ poor</b> or <b>✖ unsafe</b>. Decisions earn points towards "
    "competencies such as communication and risk identification.</p>"
    "<ul>"
    "<li><b>Passing</b> needs the case's pass mark overall, every competency at or above "
    "its minimum, and no safety-critical error. A <b>safety-critical error</b> (for example "
    "telling the person causing harm what a victim disclosed) fails the attempt whatever "
    "the points, because in practice it could not be made up for.</li>"
    "<li><b>Risk checklists</b> ask what the evidence shows. Missing a real indicator weighs "
    "more than ticking one that is not there, but ticking everything scores badly too: "
    "the aim is judgement, not caution. An indicator only counts if your path could "
    "have shown it to you; if you skipped the conversation that would have, the feedback "
    "says where.</li>"
    "<li><b>Risk ratings</b>: rating too low costs more than rating too high, and rating "
    "far too low can be a safety-critical error.</li>"
    "<li>A competency your path never reached shows as <b>not reached on this path</b>, "
    "not as 0%.</li>"
    "<li><b>Practice</b> mode gives feedback after each decision; <b>assessed</b> mode only "
    "at the debrief. My progress keeps the two apart and compares a competency only with "
    "the same case in the same mode. A replay of one decision (“Revisit this decision”) "
    "is practice, not saved and never counted.</li>"
    "</ul>",
)


def help_html(data_dir: str, log_file: str) -> str:
    rows = "".join(
        f"<tr><td style='padding:2px 16px 2px 0'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in ((qtr("Help", k), qtr("Help", v)) for k, v in SHORTCUTS)
    )
    about = qtr(
        "Help",
        "Casework Trainer {version}: practise domestic abuse casework (victim/survivor "
        "safeguarding and safe perpetrator engagement) on branching cases, offline.",
    ).format(version=escape(__version__))
    return (
        f"<h1>{escape(qtr('Help', 'Help'))}</h1>"
        f"<h2>{escape(qtr('Help', 'Keyboard shortcuts'))}</h2>"
        f"<table>{rows}</table>" + qtr("Help", SCORING_HTML) + support_html() + "<h2>"
        f"{escape(qtr('Help', 'About'))}</h2><p>{about}</p>"
        f"<p>{qtr('Help', 'Your progress is stored on this computer in:')}<br><b>{escape(data_dir)}</b></p>"
        f"<p>{qtr('Help', 'If something goes wrong, the log file is:')}<br>{escape(log_file)}</p>"
    )


# Marked for translation (used through qtr above).
QT_TRANSLATE_NOOP("Help", "Help")
QT_TRANSLATE_NOOP("Help", "Keyboard shortcuts")
QT_TRANSLATE_NOOP("Help", "About")
QT_TRANSLATE_NOOP("Help", "Your progress is stored on this computer in:")
QT_TRANSLATE_NOOP("Help", "If something goes wrong, the log file is:")
QT_TRANSLATE_NOOP(
    "Help",
    "Casework Trainer {version}: practise domestic abuse casework (victim/survivor "
    "safeguarding and safe perpetrator engagement) on branching cases, offline.",
)


class HelpScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.text = CaseBrowser(self.tr("Help, keyboard shortcuts, support and about"))
        layout.addWidget(self.text)

    def refresh(self) -> None:
        data_dir = self.controller.data_dir
        self.text.setHtml(help_html(str(data_dir), str(data_dir / "logs" / "trainer.log")))


class BreakScreen(QWidget):
    """Shown by 'Take a break': the case is paused and saved; support information."""

    resume_requested = Signal()
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading(self.tr("Taking a break"), 1))
        message = QLabel(qtr("Support", BREAK_MESSAGE))
        message.setWordWrap(True)
        layout.addWidget(message)
        self.text = CaseBrowser(self.tr("Where to find support"))
        self.text.setHtml(support_html())
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.library_button = named(
            QPushButton(self.tr("Go to the &library")), self.tr("Go to the library")
        )
        self.resume_button = named(
            QPushButton(self.tr("&Return to the case")), self.tr("Return to the case")
        )
        for button in (self.library_button, self.resume_button):
            button.setAutoDefault(True)
        self.library_button.clicked.connect(self.library_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        row.addWidget(self.library_button)
        row.addStretch(1)
        row.addWidget(self.resume_button)
        layout.addLayout(row)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt override)
        super().showEvent(event)
        self.library_button.setFocus()
