"""Small charts drawn with QPainter: a competency's score across attempts.

No plotting library: a few lines, dots and labels in the palette's colours (light or dark),
sized in text lines so they grow with the text size. Each chart carries its numbers in
words as its accessible name; the table beside it is the screen-reader view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from trainer.ui.widgets import focus_colour

MAX_POINTS = 12  # the latest attempts shown; the table lists the rest


def trend_words(values: list[float]) -> str:
    """The change from the first to the latest attempt, in words and an arrow."""
    if len(values) < 2:
        return "one attempt so far"
    change = values[-1] - values[0]
    if abs(change) < 0.5:
        return "→ steady"
    return f"{'↑ up' if change > 0 else '↓ down'} {abs(change):.0f} points since your first attempt"


class CompetencyChart(QWidget):
    """One competency: its score (0-100%) at each attempt, oldest on the left."""

    def __init__(self, title: str, values: list[float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.values = [max(0.0, min(100.0, v)) for v in values][-MAX_POINTS:]
        self.first_number = len(values) - len(self.values) + 1  # attempt number of the first
        scores = ", ".join(f"{v:.0f}%" for v in values[-MAX_POINTS:])
        attempts = f"{len(values)} attempt{'s' if len(values) != 1 else ''}"
        self.setAccessibleName(
            self.tr("{title}: {scores} across {attempts}; {value}").format(
                title=title, scores=scores, attempts=attempts, value=trend_words(values)
            )
        )
        self.setToolTip(f"{title}\n{scores}\n{trend_words(values)}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = self.fontMetrics().height()
        return QSize(18 * line, 9 * line)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = self.fontMetrics().height()
        return QSize(12 * line, 9 * line)

    def plot_rect(self) -> QRectF:
        """Where the scores are drawn: below the title, right of the 0-100% scale, above
        the attempt numbers."""
        metrics = self.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("100%") + 8
        right = metrics.horizontalAdvance("100%") // 2 + 6
        return QRectF(left, 1.6 * line, self.width() - left - right, self.height() - 3.2 * line)

    def point(self, index: int) -> QPointF:
        """Where attempt ``index`` (0 = the oldest shown) is drawn."""
        plot = self.plot_rect()
        count = len(self.values)
        x = plot.center().x() if count == 1 else plot.left() + plot.width() * index / (count - 1)
        return QPointF(x, plot.bottom() - plot.height() * self.values[index] / 100)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlphaF(0.25)
        line_colour = focus_colour(palette)
        metrics = self.fontMetrics()
        plot = self.plot_rect()

        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        latest = f"{self.values[-1]:.0f}%" if self.values else "—"
        painter.drawText(
            QRectF(0, 0, self.width(), 1.4 * metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(
                f"{self.title}: {latest}", Qt.TextElideMode.ElideRight, self.width()
            ),
        )
        painter.setFont(self.font())
        for level in (0, 50, 100):  # the scale, with faint guide lines
            y = plot.bottom() - plot.height() * level / 100
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{level}%")
        if not self.values:
            painter.end()
            return
        points = [self.point(i) for i in range(len(self.values))]
        if len(points) > 1:
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            painter.setPen(QPen(line_colour, 2.5))
            painter.drawPath(path)
        painter.setPen(QPen(text, 1))
        painter.setBrush(line_colour)
        radius = max(3.0, metrics.height() / 5)
        for p in points:
            painter.drawEllipse(p, radius, radius)
        painter.setPen(text)  # attempt numbers under the first and the latest point
        numbers = {0: self.first_number, len(points) - 1: self.first_number + len(points) - 1}
        for index, number in numbers.items():
            x = points[index].x()
            width = metrics.horizontalAdvance(str(number)) + 4
            painter.drawText(
                QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(number),
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            "attempt",
        )
        painter.end()


class ChartGrid(QWidget):
    """Charts side by side, as many to a row as fit the width (re-flowed on resize)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(12, 10, 12, 10)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(12)
        self.charts: list[CompetencyChart] = []
        self._columns = 0
        self.empty = QLabel(
            self.tr("A chart for each competency appears here once you have completed a case.")
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.grid.addWidget(self.empty, 0, 0)

    def set_series(self, series: list[tuple[str, list[float]]]) -> None:
        for chart in self.charts:
            self.grid.removeWidget(chart)
            chart.hide()
            chart.deleteLater()
        self.charts = [CompetencyChart(title, values, self) for title, values in series]
        self.empty.setVisible(not self.charts)
        self._columns = 0
        self._flow()

    def _flow(self) -> None:
        if not self.charts:
            return
        width = max(1, self.charts[0].minimumSizeHint().width() + self.grid.horizontalSpacing())
        columns = max(
            1,
            min(3, len(self.charts), (self.width() - 24 + self.grid.horizontalSpacing()) // width),
        )
        if columns == self._columns:
            return
        self._columns = columns
        self.grid.removeWidget(self.empty)
        for chart in self.charts:
            self.grid.removeWidget(chart)
        for i, chart in enumerate(self.charts):
            self.grid.addWidget(chart, i // columns, i % columns)
            chart.show()
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        rows = (len(self.charts) + columns - 1) // columns
        for row in range(rows + 2):  # charts keep their height; the space is left below
            self.grid.setRowStretch(row, 1 if row == rows else 0)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._flow()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._columns = 0  # the charts' sizes follow the text size
            self._flow()
