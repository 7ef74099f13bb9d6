"""The problems list: severity, file:line:column and message; the offending lines on demand."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.core.errors import Problem
from trainer.ui.widgets import wrap_rows

CONTEXT_LINES = 3
SEVERITY_WORDS = {"error": "✖ error", "warning": "⚠ warning"}


def source_excerpt(problem: Problem, context: int = CONTEXT_LINES) -> str:
    """The lines around a problem, numbered, with a caret under its column."""
    try:
        lines = Path(problem.file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        return f"Cannot read {problem.file}: {exc.strerror or exc}"
    if not problem.line:
        return f"{problem.file}\n(no line number: the problem is about the whole file)"
    first = max(1, problem.line - context)
    last = min(len(lines), problem.line + context)
    width = len(str(last))
    out = [f"{problem.file}:{problem.line}:{problem.column or 1}"]
    for number in range(first, last + 1):
        marker = ">" if number == problem.line else " "
        out.append(f"{marker}{number:>{width}} | {lines[number - 1]}")
        if number == problem.line:
            out.append(" " * (width + 4) + " " * max(0, (problem.column or 1) - 1) + "^")
    return "\n".join(out)


class ProblemsPanel(QWidget):
    """Lists problems; double-click shows the offending lines; 'Open in editor' opens the file."""

    problem_activated = Signal(object)  # the Problem

    # tests replace this to check what would be opened
    open_url: Callable[[QUrl], bool] = staticmethod(QDesktopServices.openUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Location"), self.tr("Message")])
        self.tree.setRootIsDecorated(False)
        # Severity and location are as wide as their text (a line number is never cut
        # off); the message takes the rest and wraps onto more lines.
        wrap_rows(self.tree)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.peek = QPlainTextEdit()
        self.peek.setReadOnly(True)
        self.peek.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.peek.setPlaceholderText(
            self.tr("Double-click a problem to see the lines it is about.")
        )
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.peek.setFont(mono)
        self.summary = QLabel(self.tr("No problems."))
        self.summary.setWordWrap(True)
        self.note = ""  # the last path test's outcome, kept until the files change
        self._counts = "No problems."
        self.open_button = QPushButton(self.tr("Open in editor"))
        self.open_button.setToolTip(self.tr("Open the file in your system's default editor"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.peek)
        split.setSizes([620, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split)

    def set_problems(self, problems: list[Problem], base: Path | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: (p.severity != "error", p))
        self.tree.clear()
        for problem in self.problems:
            file = problem.file
            if base is not None:
                with contextlib.suppress(ValueError):
                    file = str(Path(problem.file).relative_to(base))
            where = f"{file}:{problem.line}:{problem.column or 1}" if problem.line else file
            item = QTreeWidgetItem([SEVERITY_WORDS[problem.severity], where, problem.message])
            item.setToolTip(2, problem.message)
            self.tree.addTopLevelItem(item)
        errors = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - errors
        self._counts = (
            f"{errors} error(s), {warnings} warning(s)" if self.problems else "No problems."
        )
        self.set_note(self.note)
        self.open_button.setEnabled(bool(self.problems))
        if not self.problems:
            self.peek.clear()

    def set_note(self, note: str) -> None:
        """A sentence after the counts (e.g. the last path test's outcome); "" clears it."""
        self.note = note
        self.summary.setText(f"{self._counts} {note}" if note else self._counts)

    def messages(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(2) for i in range(self.tree.topLevelItemCount())]

    def current_problem(self) -> Problem | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.problems[self.tree.indexOfTopLevelItem(item)]

    def show_source(self, problem: Problem) -> None:
        self.peek.setPlainText(source_excerpt(problem))

    def _on_item_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        problem = self.problems[self.tree.indexOfTopLevelItem(item)]
        self.show_source(problem)
        self.problem_activated.emit(problem)

    def _on_current_changed(self, current: QTreeWidgetItem | None, previous: object) -> None:
        self.open_button.setEnabled(current is not None or bool(self.problems))

    def _on_open_clicked(self) -> None:
        problem = self.current_problem() or (self.problems[0] if self.problems else None)
        if problem is not None:
            type(self).open_url(QUrl.fromLocalFile(str(Path(problem.file).resolve())))
