"""My progress: each case's attempts over time, and each competency's trend across attempts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.charts import ChartGrid, trend_words
from trainer.ui.controller import Controller
from trainer.ui.language import pct, qtr
from trainer.ui.widgets import heading, named, wrap_rows

STATUS_WORDS = {
    "in_progress": QT_TRANSLATE_NOOP("Words", "▶ In progress"),
    "completed": QT_TRANSLATE_NOOP("Words", "● Completed"),
    "abandoned": QT_TRANSLATE_NOOP("Words", "Left unfinished"),
    "stale": QT_TRANSLATE_NOOP("Words", "⚠ Case changed since"),
}


class ProgressScreen(QWidget):
    review_requested = Signal(object)  # a completed Attempt

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(heading(self.tr("My progress"), 1))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.attempts_tree = named(
            QTreeWidget(),
            self.tr("Attempts per case"),
            self.tr("Press Enter on a completed attempt to see its debrief"),
        )
        self.attempts_tree.itemActivated.connect(self._on_attempt_activated)
        self.attempts_tree.setHeaderLabels(
            [
                self.tr("Case / attempt"),
                self.tr("Mode"),
                self.tr("Status"),
                self.tr("Score"),
                self.tr("Result"),
            ]
        )
        self.trend_tree = named(QTreeWidget(), self.tr("Competency trend across attempts"))
        self.trend_tree.setHeaderLabels(
            [
                self.tr("Competency"),
                self.tr("Latest"),
                self.tr("Scores, oldest first"),
                self.tr("Trend"),
            ]
        )
        for tree in (self.attempts_tree, self.trend_tree):
            tree.setAlternatingRowColors(True)
            wrap_rows(tree)
            tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            tree.header().setStretchLastSection(False)
            for col in range(1, tree.columnCount()):
                tree.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # The trend is a sentence: it shares the width and wraps, rather than squeezing
        # the competency names to nothing at large text sizes.
        self.trend_tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Each competency's history drawn as a small chart; the same numbers as a table
        # (what a screen reader reads) on the next tab.
        self.charts = ChartGrid()
        self.charts.setAccessibleName(self.tr("Competency charts across attempts"))
        self.charts_scroll = QScrollArea()
        self.charts_scroll.setWidgetResizable(True)
        self.charts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.charts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.charts_scroll.setWidget(self.charts)
        self.history_tabs = named(QTabWidget(), self.tr("Competencies across attempts"))
        self.history_tabs.addTab(self.charts_scroll, self.tr("Competencies: &chart"))
        self.history_tabs.addTab(self.trend_tree, self.tr("Competencies: &table"))
        self.splitter.addWidget(self.attempts_tree)
        self.splitter.addWidget(self.history_tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        outer.addWidget(self.splitter, 1)

    def refresh(self) -> None:
        self._fill_attempts()
        self._fill_trends()

    def _fill_attempts(self) -> None:
        tree = self.attempts_tree
        tree.clear()
        by_case: dict[str, list] = {}
        for attempt in self.controller.attempts():
            by_case.setdefault(attempt.case_id, []).append(attempt)

        def title(case_id: str) -> str:
            recorded = getattr(by_case[case_id][-1], "case_title", "")
            return self.controller.title_for(case_id, recorded)

        for case_id, attempts in sorted(by_case.items(), key=lambda kv: title(kv[0])):
            scores = [a.percent for a in attempts if a.percent is not None]
            best = self.tr("best {percent}").format(percent=pct(max(scores))) if scores else ""
            parent = QTreeWidgetItem(
                [
                    title(case_id),
                    "",
                    self.tr("attempts: {count}").format(count=len(attempts)),
                    best,
                    "",
                ]
            )
            tree.addTopLevelItem(parent)
            for n, attempt in enumerate(attempts, start=1):
                when = (attempt.ended_at or attempt.started_at or "")[:16].replace("T", " ")
                result = (
                    ""
                    if attempt.passed is None
                    else (self.tr("✔ Passed") if attempt.passed else self.tr("✖ Not passed"))
                )
                score = "" if attempt.percent is None else pct(attempt.percent)
                revisit = bool((attempt.state or {}).get("origin"))
                child = QTreeWidgetItem(
                    [
                        self.tr("Attempt {n} · {when} UTC").format(n=n, when=when)
                        + (self.tr(" · replay of one decision, not counted") if revisit else ""),
                        qtr("Words", attempt.mode),
                        qtr("Words", STATUS_WORDS.get(attempt.status, attempt.status)),
                        score,
                        result,
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, attempt)
                if attempt.status == "completed":
                    child.setToolTip(
                        0, self.tr("Press Enter or double-click to see this debrief again")
                    )
                parent.addChild(child)
            parent.setExpanded(True)
        count = sum(len(v) for v in by_case.values())
        self.summary.setText(
            self.tr("Attempts: {count}; cases: {cases}.").format(count=count, cases=len(by_case))
            + " "
            + self.tr(
                "Tutor plays are not counted. Open a completed attempt to read its debrief "
                "again. Competencies are compared like with like: the same case in the same "
                "mode (practice and assessed apart); a competency your path did not reach is "
                "left out, not counted as 0, and a replay of one decision is never counted."
            )
            if count
            else self.tr("No attempts yet. Open a case from the library to begin.")
        )

    def _on_attempt_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        attempt = item.data(0, Qt.ItemDataRole.UserRole)
        if attempt is not None and attempt.status == "completed":
            self.review_requested.emit(attempt)

    def _fill_trends(self) -> None:
        tree = self.trend_tree
        tree.clear()
        titled = self.controller.progress_series()
        self.charts.set_series(titled)
        for title, values in titled:
            tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        title,
                        f"{values[-1]:.0f}%",
                        ", ".join(f"{v:.0f}" for v in values[-8:]),
                        trend_words(values),
                    ]
                )
            )
