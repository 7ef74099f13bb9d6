"""The case player: the scene's text above, the answer panel below, progress, pause and break."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImageReader, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.language import qtr
from trainer.ui.screens.feedback import FeedbackPanel
from trainer.ui.screens.panels import (
    OUTCOME_WORDS,
    ChecklistPanel,
    ContinuePanel,
    DecisionPanel,
    EndingPanel,
    Panel,
    RatingPanel,
)
from trainer.ui.widgets import CaseBrowser, markdown_html, named, resolve_local

if TYPE_CHECKING:
    from trainer.core.scoring import StepResult

IMAGE_MAX_WIDTH = 420
QUIET_SCENES = {
    "checklist": "Risk identification: think about everything you have seen and heard so far.",
    "rating": "Risk rating: weigh what you know now, including what you ticked as present.",
}


def story_html(lines: list[str]) -> str:
    """'The story so far', shown once above the scene after a resume."""
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (
        "<div style='font-size: large'><h3>The story so far</h3><ul>"
        f"{items}</ul><p><i>Everything is in your case file (button above).</i></p><hr></div>"
    )


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of ``text`` (at most ``limit`` characters, cut at a word)."""
    flat = " ".join(text.split())
    match = re.search(r"(?<=[.!?])[\"')\u201d]?\s", flat)
    sentence = flat[: match.start() + 1].strip() if match else flat
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


class PlayerScreen(QWidget):
    pause_requested = Signal()
    break_requested = Signal()
    debrief_requested = Signal()
    support_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.panel: Panel | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 8, 16, 8)

        top = QHBoxLayout()
        self.case_title = QLabel()
        self.case_title.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress = named(QProgressBar(), self.tr("Progress through the case"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(12)
        self.break_button = named(
            QPushButton(self.tr("Take a &break")),
            self.tr("Take a break"),
            self.tr("Pause and see where to find support"),
        )
        self.pause_button = named(
            QPushButton(self.tr("&Pause")),
            self.tr("Pause"),
            self.tr("Save and go back to the library (Esc)"),
        )
        self.break_button.clicked.connect(self.break_requested)
        self.pause_button.clicked.connect(self.pause_requested)
        self.case_file_button = named(
            QPushButton(self.tr("Case fi&le")),
            self.tr("Case file"),
            self.tr(
                "Show or hide what you have learned so far: every scene, who said what, "
                "and what you did (Ctrl+F searches it)"
            ),
        )
        self.case_file_button.setCheckable(True)
        self._auto_opened = False
        self.case_file_button.toggled.connect(self._on_case_file_toggled)
        top.addWidget(self.case_title, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress)
        top.addWidget(self.case_file_button)
        top.addWidget(self.break_button)
        top.addWidget(self.pause_button)
        outer.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        # New scenes put keyboard focus here, so a screen reader reads the scene before the
        # answers; Enter goes on to the answers (or continues), number keys work anywhere.
        self.scene_view = CaseBrowser(self.tr("Scene text"), reports_enter=True)
        self.scene_view.entered.connect(self._on_scene_entered)
        self.scene_view.document().setDocumentMargin(14)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        self.holder_layout = QVBoxLayout(holder)
        self.holder_layout.setContentsMargins(4, 8, 4, 8)
        self.holder_layout.addStretch(1)
        self.scroll.setWidget(holder)
        self.splitter.addWidget(self.scene_view)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The case file beside the scene: open at any time, and always at a checklist or
        # a rating, where the facts are needed.
        from trainer.ui.screens.casefile import CaseFilePanel

        self.case_file = CaseFilePanel()
        self.case_file.setVisible(False)
        self.sides = QSplitter(Qt.Orientation.Horizontal)
        self.sides.setChildrenCollapsible(False)
        self.sides.addWidget(self.splitter)
        self.sides.addWidget(self.case_file)
        self.sides.setStretchFactor(0, 3)
        self.sides.setStretchFactor(1, 2)
        outer.addWidget(self.sides, 1)
        fixed = [
            self.case_file_button,
            self.case_file.search,
            self.case_file.browser,
            self.break_button,
            self.pause_button,
        ]
        for first, second in zip(fixed, fixed[1:], strict=False):
            QWidget.setTabOrder(first, second)

        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self._on_number_pressed(n))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)  # Ctrl+F
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search_case_file)
        escape_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape_key.activated.connect(self.pause_requested)

        controller.case_opened.connect(self.show_scene)
        controller.decision_recorded.connect(self._on_decision_recorded)

    # ------------------------------------------------------------------ showing

    def show_scene(self) -> None:
        """Display the session's current scene and the panel for its kind."""
        session = self.controller.session
        if session is None:
            return
        loaded = session.loaded
        marker = (
            " · <i>Revisiting a decision: practice, not saved, not counted</i>"
            if self.controller.revisiting
            else ""
        )
        self.case_title.setText(f"<b>{escape(loaded.case.title)}</b>{marker}")
        seen, total = session.progress()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(seen)
        self.progress_label.setText(
            self.tr("Step {seen} of about {total}").format(seen=seen, total=total)
        )
        self.progress.setAccessibleDescription(
            self.tr("Step {seen} of about {total}").format(seen=seen, total=total)
        )
        self.scene_view.set_folders(loaded.folder, self.controller.image_roots())
        story = self.controller.take_story_so_far()
        self.scene_view.setHtml(story_html(story) + self.scene_html())
        self.case_file.set_case_file(self.controller.case_file())
        # Open at a checklist or rating; closed again afterwards unless the student had
        # opened it themselves.
        if session.kind in ("checklist", "rating"):
            if not self.case_file_button.isChecked():
                self.case_file_button.setChecked(True)
                self._auto_opened = True
        elif self._auto_opened:
            self.case_file_button.setChecked(False)
        self._describe_scene(session, seen, total)
        self._set_panel(self._panel_for(session))
        self.controller.scene_shown()

    def scene_html(self) -> str:
        session = self.controller.session
        scene = session.scene
        parts = []
        if scene.title:
            parts.append(f"<h2>{escape(scene.title)}</h2>")
        if scene.image:
            parts.append(self._image_html(scene.image))
        if scene.speaker:
            parts.append(f"<p><b>{escape(session.speaker)}</b></p>")
        text = session.text.strip()
        if text:
            parts.append(markdown_html(text))
        elif not scene.title:
            parts.append(f"<p><i>{escape(QUIET_SCENES.get(session.kind, ''))}</i></p>")
        # 'large' is relative to the app font, so Ctrl+plus/minus still applies.
        return "<div style='font-size: large'>" + "".join(parts) + "</div>"

    def _describe_scene(self, session, seen: int, total: int) -> None:  # noqa: ANN001
        """Name the scene view after the scene and describe it by its first sentence, so a
        screen reader announces what is happening when focus lands on it."""
        title = session.scene.title or "Scene"
        self.scene_view.setAccessibleName(
            self.tr("{title}: step {seen} of about {total}").format(
                title=title, seen=seen, total=total
            )
        )
        # The view's own text, less the title and speaker lines above the scene's text.
        lines = self.scene_view.toPlainText().splitlines()
        heads = {session.scene.title or "", session.speaker if session.scene.speaker else ""}
        while lines and (not lines[0].strip() or lines[0].strip() in heads):
            lines.pop(0)
        first = first_sentence(" ".join(lines)) if session.text.strip() else ""
        if session.scene.speaker and first:
            first = f"{session.speaker}: {first}"
        if session.kind == "ending":
            outcome = qtr(
                "Words", OUTCOME_WORDS.get(session.scene.ending.outcome, "The case has ended.")
            )
            then = f"{outcome} Press Enter to see your debrief."
        elif session.kind == "next":
            then = "Press Enter to continue."
        else:
            then = "Press Enter or Tab for the answers."
        self.scene_view.setAccessibleDescription(f"{first} {then}".strip())

    def _image_html(self, image: str) -> str:
        path = resolve_local(
            QUrl(image), self.controller.session.loaded.folder, self.controller.image_roots()
        )
        if path is None:
            return ""
        size = QImageReader(str(path)).size()
        width = min(size.width(), IMAGE_MAX_WIDTH) if size.isValid() else IMAGE_MAX_WIDTH
        return f'<p align="center"><img src="{escape(image)}" width="{width}"></p>'

    def _panel_for(self, session) -> Panel:  # noqa: ANN001
        kind = session.kind
        if kind == "decision":
            panel = DecisionPanel(session.prompt, session.options, session.asks_confidence)
            panel.chosen.connect(self._on_choice_chosen)
        elif kind == "checklist":
            panel = ChecklistPanel(session.prompt, session.options)
            panel.ticked.connect(self.controller.tick)
        elif kind == "rating":
            scale = session.loaded.scale(session.scene.rating.scale)
            words = {lv.id: lv.description for lv in scale.levels} if scale else {}
            panel = RatingPanel(
                session.prompt, session.options, words, scale.title if scale else ""
            )
            panel.rated.connect(self.controller.rate)
        elif kind == "ending":
            panel = EndingPanel(session.scene.ending.outcome)
            panel.continued.connect(self.debrief_requested)
            panel.support_requested.connect(self.support_requested)
        else:
            panel = ContinuePanel()
            panel.continued.connect(self.controller.advance)
        return panel

    def _set_panel(self, panel: Panel) -> None:
        old = self.panel
        if old is not None:
            # Hide and delete in place: unparenting a widget that holds focus would
            # leave the window without an active focus widget.
            self.holder_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.holder_layout.insertWidget(0, panel)
        panel.show()
        panel.reshaped.connect(self._fit_panel)
        self.panel = panel
        # The rest of the chain (case file button, its search and text, break, pause) is
        # set once in __init__ and does not change.
        # The panel's own controls are in order already (the order they were made in):
        # moving the panel after the scene text moves them with it (two calls, not one
        # per control: each call walks the whole window's focus chain).
        order = panel.focus_order()
        QWidget.setTabOrder(self.scene_view, panel)
        QWidget.setTabOrder(order[-1] if order else self.scene_view, self.case_file_button)
        QWidget.setTabOrder(self.case_file_button, self.scroll)  # where it was before
        self._fit_panel()
        QTimer.singleShot(0, self, self._fit_panel)  # again once the new panel's layout settles
        target = panel.reading_focus() or self.scene_view
        if target.hasFocus():
            target.clearFocus()  # focus it again, so a screen reader reads the new text
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_panel(self) -> None:
        """Give the answers the room they need, and no more: up to 60% of the height, or
        all that the scene's text leaves free (a short scene leaves the answers room)."""
        holder = self.scroll.widget()
        width = max(self.scroll.viewport().width(), 200)
        layout = holder.layout()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.sizeHint().height()) + 4
        total = max(self.splitter.height(), 400)
        view = self.scene_view
        scene_needs = int(view.document().size().height()) + 2 * view.frameWidth() + 8
        cap = max(int(total * 0.6), total - max(scene_needs, int(total * 0.25)))
        answers = min(needed, cap)
        if self.scroll.minimumHeight() != answers:  # each set re-lays out the window
            self.scroll.setMinimumHeight(answers)
        # The answers get what they need and the scene the rest: no empty band below.
        handle = self.splitter.handleWidth()
        sizes = [max(self.splitter.height() - answers - handle, 0), answers]
        if self.splitter.sizes() != sizes:
            self.splitter.setSizes(sizes)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.panel is not None:
            QTimer.singleShot(0, self, self._fit_panel)  # the text size changed: refit

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt override)
        super().resizeEvent(event)
        if self.panel is not None:
            self._fit_panel()

    # ------------------------------------------------------------------ events

    def search_case_file(self) -> None:
        """Ctrl+F: open the case file with the cursor in its search box."""
        self.case_file_button.setChecked(True)
        self.case_file.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_file.search.selectAll()

    def _on_case_file_toggled(self, shown: bool) -> None:
        self._auto_opened = False
        self.case_file.setVisible(shown)
        if shown and self.sides.sizes()[1] < 200:
            width = max(self.sides.width(), 600)
            self.sides.setSizes([int(width * 0.6), int(width * 0.4)])
        QTimer.singleShot(0, self, self._fit_panel)

    def _on_choice_chosen(self, choice_id: str, confidence: object) -> None:
        self.controller.choose(choice_id, confidence if isinstance(confidence, str) else None)

    def _on_decision_recorded(self, steps: list[StepResult]) -> None:
        session = self.controller.session
        judged = [s for s in steps if s.judgement is not None]
        if session is not None and self.controller.mode == "practice" and judged:
            panel = FeedbackPanel(session.loaded, judged, self.controller.image_roots())
            panel.continued.connect(self.show_scene)
            self._set_panel(panel)
        else:
            self.show_scene()

    def _on_scene_entered(self) -> None:
        if self.panel is not None:
            self.panel.enter_from_text()

    def _on_number_pressed(self, number: int) -> None:
        if self.panel is not None:
            self.panel.press_number(number)
