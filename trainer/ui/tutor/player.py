"""Play a case from any scene with chosen flags, with the scoring shown beside each option.

Tutor plays are never recorded: this widget has no store and writes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.core import engine
from trainer.core.errors import SessionError
from trainer.core.loader import LoadedCase
from trainer.core.render import render_markdown
from trainer.core.scoring import StepResult
from trainer.core.session import Session
from trainer.ui.tutor.mapdata import engine_critical_note, judgement_words, points_text
from trainer.ui.tutor.playback import (
    all_flags,
    choice_metadata,
    indicator_metadata,
    level_metadata,
    session_at,
)


def _checkable(list_widget: QListWidget, names: list[str], labels: dict[str, str]) -> None:
    list_widget.clear()
    for name in names:
        item = QListWidgetItem(labels.get(name, name))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        list_widget.addItem(item)


def _checked(list_widget: QListWidget) -> list[str]:
    return [
        list_widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(list_widget.count())
        if list_widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class TutorPlayer(QWidget):
    """Pick a scene and flags, press Play, then choose; every option shows its scoring."""

    step_played = Signal(object)  # StepResult, or None for 'continue'

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: LoadedCase | None = None
        self.session: Session | None = None
        self.option_buttons: dict[str, QPushButton] = {}
        self.option_boxes: dict[str, QCheckBox] = {}

        self.scene_combo = QComboBox()
        self.flag_list = QListWidget()
        self.flag_list.setMaximumHeight(130)
        self.fact_list = QListWidget()
        self.fact_list.setMaximumHeight(90)
        self.counter_boxes: dict[str, QSpinBox] = {}
        self.counter_area = QWidget()
        self.counter_form = QFormLayout(self.counter_area)
        self.counter_form.setContentsMargins(0, 0, 0, 0)
        self.play_button = QPushButton(self.tr("▶ Play from this scene"))
        self.play_button.clicked.connect(self._on_play_clicked)
        setup = QGroupBox(self.tr("Start a tutor play (never recorded)"))
        form = QFormLayout(setup)
        form.addRow("Scene:", self.scene_combo)
        form.addRow("Flags set:", self.flag_list)
        form.addRow("Already disclosed:", self.fact_list)
        form.addRow("Counters:", self.counter_area)
        self.setup_form = form
        form.addRow(self.play_button)

        self.scene_view = QTextBrowser()
        self.options = QWidget()
        self.options_layout = QVBoxLayout(self.options)
        self.options_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.options)
        self.log = QTextBrowser()
        self.status = QLabel()
        self.status.setWordWrap(True)

        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.scene_view)
        middle.addWidget(scroll)
        middle.setSizes([260, 260])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(setup)
        right_layout.addWidget(QLabel(self.tr("What happened, and the score so far:")))
        right_layout.addWidget(self.log, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(middle)
        split.addWidget(right)
        split.setSizes([640, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.set_case(None)

    # ------------------------------------------------------------------ set up

    def set_case(self, loaded: LoadedCase | None) -> None:
        """Show a (valid) case; keep the tutor's choices if it is the same case edited."""
        previous_scene = self.scene_combo.currentData()
        previous_flags = set(_checked(self.flag_list))
        previous_counters = {n: box.value() for n, box in self.counter_boxes.items()}
        self._set_counters(loaded, previous_counters)
        self.loaded, self.session = loaded, None
        self.scene_combo.clear()
        self._clear_options()
        self.play_button.setEnabled(loaded is not None)
        if loaded is None:
            _checkable(self.flag_list, [], {})
            _checkable(self.fact_list, [], {})
            self.status.setText(self.tr("Fix this case's errors to play it."))
            self.scene_view.clear()
            return
        for sid, scene in loaded.case.scenes.items():
            self.scene_combo.addItem(f"{sid} ({scene.kind})", sid)
        index = self.scene_combo.findData(previous_scene)
        self.scene_combo.setCurrentIndex(max(0, index))
        _checkable(self.flag_list, all_flags(loaded), {})
        for i in range(self.flag_list.count()):
            item = self.flag_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in previous_flags:
                item.setCheckState(Qt.CheckState.Checked)
        facts = {fid: f"{fid}: {f.text}" for fid, f in loaded.case.confidential.items()}
        _checkable(self.fact_list, list(facts), facts)
        self.status.setText(
            self.tr("{title}: choose a scene and flags, then press Play.").format(
                title=loaded.case.title
            )
        )

    def _set_counters(self, loaded: LoadedCase | None, previous: dict[str, int]) -> None:
        """One spin box per counter, from its min to its max, at its start value (or the
        value the tutor chose before, when the same case is shown again)."""
        while self.counter_form.rowCount():
            self.counter_form.removeRow(0)
        self.counter_boxes = {}
        counters = loaded.case.vars if loaded is not None else {}
        for name, counter in counters.items():
            box = QSpinBox()
            box.setRange(counter.min, counter.max)
            box.setValue(counter.clamp(previous.get(name, counter.initial)))
            box.setAccessibleName(self.tr("Counter {name}").format(name=name))
            box.setToolTip(counter.description or f"{name}: {counter.min} to {counter.max}")
            self.counter_boxes[name] = box
            self.counter_form.addRow(f"{name}:", box)
        self.setup_form.setRowVisible(self.counter_area, bool(counters))

    def set_counter(self, name: str, value: int) -> None:
        self.counter_boxes[name].setValue(value)

    def set_flag(self, flag: str, on: bool = True) -> None:
        for i in range(self.flag_list.count()):
            item = self.flag_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == flag:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(flag)

    def choose_scene(self, scene_id: str) -> None:
        index = self.scene_combo.findData(scene_id)
        if index < 0:
            raise KeyError(scene_id)
        self.scene_combo.setCurrentIndex(index)

    def _on_play_clicked(self) -> None:
        if self.loaded is None:
            return
        scene_id = self.scene_combo.currentData()
        counters = [f"{n}={box.value()}" for n, box in self.counter_boxes.items()]
        self.session = session_at(
            self.loaded, scene_id, [*_checked(self.flag_list), *counters], _checked(self.fact_list)
        )
        self.log.setHtml(
            f"<p><b>Tutor play from '{escape(scene_id)}'</b> with "
            f"{escape(engine.describe_state(self.session.flags) or 'no flags set')}.</p>"
        )
        self._show_scene()

    # ------------------------------------------------------------------ the scene

    def _clear_options(self) -> None:
        while self.options_layout.count():
            widget = self.options_layout.takeAt(0).widget()
            if widget is not None:  # gone from view now, deleted when Qt is ready
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.option_buttons, self.option_boxes = {}, {}

    def _add_row(self, row: int, control: QWidget, text: str, note: str) -> None:
        """One option: the control, then what it says and its scoring, wrapped beside it."""
        line = QWidget()
        box = QHBoxLayout(line)
        box.setContentsMargins(0, 2, 0, 2)
        label = QLabel(
            self.tr("{value}<br><small>{value2}</small>").format(
                value=escape(text), value2=escape(note)
            )
            if text
            else escape(note)
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setProperty("note", note)
        box.addWidget(control, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(label, 1)
        self.options_layout.addWidget(line)

    def _show_scene(self) -> None:
        session = self.session
        assert session is not None and self.loaded is not None
        scene = session.scene
        head = f"<h3>{escape(session.scene_id)}" + (
            f" — {escape(scene.title)}" if scene.title else ""
        )
        speaker = f"<p><b>{escape(session.speaker)}:</b></p>" if session.speaker else ""
        flags = escape(engine.describe_state(session.flags) or "none")
        prompt = f"<p><i>{escape(session.prompt)}</i></p>" if session.prompt else ""
        self.scene_view.setHtml(
            f"{head}</h3>{speaker}{render_markdown(session.text)}{prompt}"
            f"<p><small>Now: {flags}</small></p>"
        )
        self._clear_options()
        kind = session.kind
        if kind == "decision":
            offered = {o.id for o in session.options}
            for row, choice in enumerate(scene.decision.options):  # type: ignore[union-attr]
                button = QPushButton(self.tr("Choose"))
                button.setAccessibleName(choice.text)
                button.setToolTip(choice.feedback)
                button.setEnabled(choice.id in offered)
                button.clicked.connect(lambda _=False, c=choice.id: self.play_choice(c))
                note = choice_metadata(scene, choice)
                engine_note = engine_critical_note(
                    self.loaded, scene, choice, set(session.disclosed), session.present_people
                )
                if engine_note:  # after the judgement words, where an authored CRITICAL goes
                    head, _, rest = note.partition(" · ")
                    note = f"{head} · {engine_note} · {rest}"
                if choice.id not in offered:
                    note = f"(not offered: needs {choice.if_}) " + note
                self.option_buttons[choice.id] = button
                self._add_row(row, button, choice.text, note)
        elif kind == "checklist":
            for row, option in enumerate(session.options):
                box = QCheckBox()
                box.setAccessibleName(option.text)
                self.option_boxes[option.id] = box
                self._add_row(row, box, option.text, indicator_metadata(scene, option.id))
            submit = QPushButton(self.tr("Submit checklist"))
            submit.clicked.connect(self._on_submit_checklist)
            self.option_buttons["submit"] = submit
            self._add_row(len(session.options), submit, "", "Score the ticked indicators")
        elif kind == "rating":
            for row, option in enumerate(session.options):
                button = QPushButton(self.tr("Rate"))
                button.setAccessibleName(option.text)
                button.clicked.connect(lambda _=False, lv=option.id: self.play_rating(lv))
                self.option_buttons[option.id] = button
                note = level_metadata(self.loaded, scene, option.id)
                self._add_row(row, button, option.text, note)
        elif kind == "next":
            button = QPushButton(self.tr("Continue"))
            button.clicked.connect(self.play_continue)
            self.option_buttons["continue"] = button
            self._add_row(0, button, "", "→ " + " / ".join(engine.targets_of(scene.next)))
        else:
            ending = scene.ending
            outcome = ending.outcome if ending else ""
            self._add_row(0, QLabel("■"), "The case ends here.", f"Outcome: {outcome}")
        self._show_result()

    # ------------------------------------------------------------------ acting

    def play_choice(self, choice_id: str) -> None:
        self._act(lambda s: s.choose(choice_id))

    def play_rating(self, level_id: str) -> None:
        self._act(lambda s: s.rate(level_id))

    def play_continue(self) -> None:
        self._act(lambda s: s.advance())

    def _on_submit_checklist(self) -> None:
        ticked = [i for i, box in self.option_boxes.items() if box.isChecked()]
        self._act(lambda s: s.tick(ticked))

    def _act(self, action: object) -> None:
        if self.session is None:
            return
        try:
            step = action(self.session)  # type: ignore[operator]
        except SessionError as exc:
            self.log.append(f"<p><b>Cannot do that:</b> {escape(exc.headline)}</p>")
            return
        if isinstance(step, StepResult):
            self.log.append(
                f"<p><b>{escape(step.label)}</b><br>{escape(judgement_words(step.judgement, step.critical))}"
                f" · {escape(points_text(step.points))}</p>"
            )
        self.step_played.emit(step)
        self._show_scene()

    def _show_result(self) -> None:
        session = self.session
        if session is None:
            return
        result = session.result()
        rules = [s for s in result.steps if s.kind == "rule"]
        text = (
            f"Points: {escape(points_text(result.points))} — {result.percent:g}% "
            f"({'PASS' if result.passed else 'not passed'})"
        )
        if rules:
            text += "; rules broken: " + escape(", ".join(r.label for r in rules))
        self.status.setText(text)

    def visible_option_notes(self) -> list[str]:
        """The scoring notes beside the options, as the tutor sees them."""
        return [
            label.property("note")
            for label in self.options.findChildren(QLabel)
            if label.property("note") is not None
        ]
