"""The path table: the paths a tutor needs first, with scores, verdict and critical errors.

Which paths, and in what order, comes from :mod:`trainer.core.pathselect` (passing paths
with poor or unsafe choices first); the figures come straight from the scoring engine (each
path is replayed through ``score_attempt``); this module only arranges and flags them, and
filters to the paths through one choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.expectations import critical_ids
from trainer.core.graph import PathReport
from trainer.core.loader import LoadedCase
from trainer.core.pathselect import choice_keys, reason_text, select_paths

PATH_LIMIT = 500
SORT_ROLE = Qt.ItemDataRole.UserRole
PROBLEM_FILL = QColor("#ffd9d9")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PathRow:
    number: int
    report: PathReport
    problems: tuple[str, ...]
    reasons: tuple[str, ...] = ()

    @property
    def path_text(self) -> str:
        return " > ".join(self.report.choice_ids) or "(no choices)"

    @property
    def why(self) -> str:
        return reason_text(self.reasons)


@dataclass
class PathSummary:
    """The rows, and the problems a tutor should fix that no single row shows."""

    rows: list[PathRow] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    total: int = 0
    zero_max: list[str] = field(default_factory=list)
    endings_without_pass: list[str] = field(default_factory=list)
    heading: str = ""

    def messages(self, loaded: LoadedCase) -> list[str]:
        out = [self.heading or f"{self.total} complete path(s)."]
        for comp in self.zero_max:
            out.append(
                f"⚠ {loaded.competency_title(comp)} has a maximum of 0: no path earns "
                "points in it, so it is left out of percentages."
            )
        for ending in self.endings_without_pass:
            out.append(f"⚠ No passing path reaches the ending '{ending}'.")
        unsafe = sum(1 for r in self.rows if r.problems)
        if unsafe:
            out.append(f"⚠ {unsafe} path(s) pass with an unsafe choice (highlighted).")
        return out


def summarise_paths(
    loaded: LoadedCase, limit: int = PATH_LIMIT, through: str | None = None
) -> PathSummary:
    """The paths a tutor needs first (see :mod:`trainer.core.pathselect`), with problems."""
    analysis = loaded.analysis
    selection = select_paths(loaded, limit, through)
    summary = PathSummary(
        competencies=list(analysis.maxima), total=selection.total, heading=selection.heading()
    )
    summary.zero_max = [c for c, top in analysis.maxima.items() if top <= 0]
    passed_endings: set[str] = set()
    for n, chosen in enumerate(selection.rows, start=1):
        report = chosen.report
        problems = []
        for answers, result in (("best", report.best), ("worst", report.worst)):
            unsafe = [s for s in result.steps if s.judgement == "unsafe"]
            if result.passed and unsafe:
                problems.append(
                    f"passes ({answers} answers) with an unsafe choice: {unsafe[0].label[:60]}"
                )
        if report.best.passed:
            passed_endings.add(report.ending)
        summary.rows.append(PathRow(n, report, tuple(problems), chosen.reasons))
    every_path_seen = (
        selection.exhaustive and through is None and len(summary.rows) >= summary.total
    )
    if every_path_seen:
        summary.endings_without_pass = [
            sid
            for sid, scene in loaded.case.scenes.items()
            if scene.ending is not None and sid not in passed_endings
        ]
    return summary


class PathTableModel(QAbstractTableModel):
    """Rows of :class:`PathRow`; the sort role holds numbers so columns sort numerically."""

    FIXED = ("#", "Path", "Ending", "Score %", "Result", "Critical errors", "Problems", "Why shown")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: LoadedCase | None = None
        self.summary = PathSummary()

    def set_case(
        self, loaded: LoadedCase | None, limit: int = PATH_LIMIT, through: str | None = None
    ) -> None:
        self.beginResetModel()
        self.loaded = loaded
        self.summary = (
            summarise_paths(loaded, limit, through) if loaded is not None else PathSummary()
        )
        self.endResetModel()

    def columns(self) -> list[str]:
        comps = self.summary.competencies
        counters = ["Counters at the end"] if self.loaded and self.loaded.case.vars else []
        return [*self.FIXED[:4], *comps, *counters, *self.FIXED[4:]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.summary.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.columns())

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        name = self.columns()[section]
        is_zero = name in self.summary.zero_max
        if role == Qt.ItemDataRole.DisplayRole:
            if name in self.summary.competencies and self.loaded is not None:
                title = self.loaded.competency_title(name)
                return f"⚠ {title} (max 0)" if is_zero else f"{title} %"
            return name
        if role == Qt.ItemDataRole.ToolTipRole and is_zero:
            return "No path can earn points in this competency: its maximum is 0."
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.summary.rows):
            return None
        row = self.summary.rows[index.row()]
        name = self.columns()[index.column()]
        best = row.report.best
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.problems and name in ("Result", "Problems", "Path"):
                return QBrush(PROBLEM_FILL)
            if name in self.summary.zero_max:
                return QBrush(PROBLEM_FILL)
            if name == "Ending" and row.report.ending in self.summary.endings_without_pass:
                return QBrush(QColor("#fff0c2"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "Result":
                return "\n".join(best.reasons)
            if name == "Problems" and row.problems:
                return "\n".join(row.problems)
            if name == "Why shown" and row.reasons:
                return "\n".join(row.reasons)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        sort = role == SORT_ROLE
        if name == "#":
            return row.number
        if name == "Path":
            return row.path_text
        if name == "Ending":
            return row.report.ending
        if name == "Counters at the end":
            return best.counters_text
        if name == "Score %":
            if sort:
                return best.percent
            return f"{best.percent:.1f}  (worst {row.report.worst.percent:.1f})"
        if name in self.summary.competencies:
            value = best.percents.get(name)
            if sort:
                return -1.0 if value is None else value
            return "max 0" if value is None else f"{value:.1f}"
        if name == "Result":
            return (
                {"pass": "✔ pass", "fail": "✖ fail", "depends": "◐ pass with best answers"}[
                    row.report.verdict
                ]
                if not sort
                else ("fail", "depends", "pass").index(row.report.verdict)
            )
        if name == "Critical errors":
            ids = critical_ids(best)
            return len(ids) if sort else ", ".join(ids)
        if name == "Problems":
            return len(row.problems) if sort else "; ".join(row.problems)
        if name == "Why shown":
            return row.why
        return None


class PathTable(QWidget):
    """The table with a summary line of what to fix above it, and a filter by choice."""

    ALL = "All paths"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: LoadedCase | None = None
        self.model = PathTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.through = QComboBox()
        self.through.setAccessibleName(self.tr("Show paths through choice"))
        self.through.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.through.setMinimumContentsLength(30)
        self.through.currentIndexChanged.connect(self._on_through_changed)
        label = QLabel(self.tr("Paths &through choice:"))
        label.setBuddy(self.through)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.through, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.notes)
        layout.addWidget(self.view)

    def set_case(self, loaded: LoadedCase | None) -> None:
        """Show a case's paths, keeping the choice filter when the same choice is still there."""
        keep = self.through.currentData()
        self.loaded = loaded
        self.through.blockSignals(True)
        self.through.clear()
        self.through.addItem(self.ALL, None)
        if loaded is not None:
            ids = [c for _, c in choice_keys(loaded)]
            for sid, cid in choice_keys(loaded):
                key = cid if ids.count(cid) == 1 else f"{sid}/{cid}"
                self.through.addItem(self.tr("{key} (in {sid})").format(key=key, sid=sid), key)
        self.through.setCurrentIndex(max(0, self.through.findData(keep)) if keep else 0)
        self.through.blockSignals(False)
        self._refresh()

    def show_paths_through(self, choice: str | None) -> None:
        """Filter to paths through ``choice`` (a choice id or scene/choice), or all paths."""
        index = self.through.findData(choice) if choice else 0
        if index < 0:
            raise KeyError(choice)
        self.through.setCurrentIndex(index)

    def _on_through_changed(self, _index: int) -> None:
        self._refresh()

    def _refresh(self) -> None:
        loaded = self.loaded
        self.model.set_case(loaded, through=self.through.currentData())
        if loaded is None:
            self.notes.setText(self.tr("This case has errors; fix them to see its paths."))
        else:
            self.notes.setText("\n".join(self.model.summary.messages(loaded)))
