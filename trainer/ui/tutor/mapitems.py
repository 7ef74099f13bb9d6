"""The drawn parts of the branch map: scene boxes, arrows, their labels and styles.

Judgements are told apart in words (each label says it), in line style and
arrow-head shape, and in colour, so the map reads in greyscale and for
colour-blind tutors too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from trainer.ui.tutor.mapdata import MapEdge, MapNode, judgement_words

BOX_W, BOX_H = 190.0, 70.0
LABEL_CHARS = 34

COLOURS = {
    "expected": QColor("#1b7f3b"),
    "acceptable": QColor("#1f5fbf"),
    "poor": QColor("#b35c00"),
    "unsafe": QColor("#c0162b"),
    None: QColor("#555555"),
}
PEN_STYLES = {
    "expected": Qt.PenStyle.SolidLine,
    "acceptable": Qt.PenStyle.DashLine,
    "poor": Qt.PenStyle.DotLine,
    "unsafe": Qt.PenStyle.DashDotLine,
    None: Qt.PenStyle.SolidLine,
}
OUTCOME_FILL = {"good": "#e3f4e6", "mixed": "#fff3d6", "poor": "#fbe3e3"}


def edge_pen(judgement: str | None, critical: bool = False) -> QPen:
    width = 4.0 if critical else (2.4 if judgement in ("expected", "unsafe") else 1.8)
    pen = QPen(COLOURS[judgement], width, PEN_STYLES[judgement])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def arrow_head(tip: QPointF, judgement: str | None, direction: float = 1.0) -> QPainterPath:
    """A head whose shape tells the judgement: ▶ expected, ▷ acceptable, ○ poor, ■ unsafe."""
    path = QPainterPath()
    back = -12.0 * direction
    if judgement == "poor":
        path.addEllipse(QPointF(tip.x() + back / 2, tip.y()), 6, 6)
    elif judgement == "unsafe":
        path.addRect(QRectF(tip.x() + min(back, 0), tip.y() - 6, 12, 12))
    else:
        path.addPolygon(
            QPolygonF(
                [tip, QPointF(tip.x() + back, tip.y() - 7), QPointF(tip.x() + back, tip.y() + 7)]
            )
        )
        path.closeSubpath()
    return path


def head_brush(judgement: str | None) -> QBrush:
    hollow = judgement in ("acceptable", "poor")
    return QBrush(QColor("white") if hollow else COLOURS[judgement])


class SceneBox(QGraphicsItem):
    """One scene. Start, endings, unreachable scenes and dead ends each look different."""

    def __init__(self, node: MapNode) -> None:
        super().__init__()
        self.node = node
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self._tooltip())

    def _badge(self) -> str:
        n = self.node
        if n.kind == "missing":
            return "MISSING SCENE"
        if n.dead_end:
            return "⚠ DEAD END"
        if not n.is_reachable:
            return "⚠ UNREACHABLE"
        if n.cannot_end:
            return "⚠ NO ENDING AHEAD"
        if n.kind == "ending":
            return f"■ ENDING · {n.outcome}"
        if n.is_start:
            return "▶ START"
        return ""

    def _tooltip(self) -> str:
        n = self.node
        bits = [f"{n.id} ({n.kind})"]
        if n.dead_end:
            bits.append(f"Dead end: {n.dead_end}")
        if not n.is_reachable:
            bits.append("No path from the start reaches this scene.")
        if n.cannot_end:
            bits.append("From here no ending can be reached (a loop, or a dead end ahead).")
        if n.adds:
            bits.append(f"On arrival: {n.adds}")
        if n.conditional:
            bits.append(n.conditional)
        return "\n".join(bits)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF(-4, -4, BOX_W + 8, BOX_H + 8)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        n = self.node
        rect = QRectF(0, 0, BOX_W, BOX_H)
        fill = QColor(OUTCOME_FILL.get(n.outcome or "", "#ffffff"))
        pen = QPen(QColor("#333333"), 1.5)
        if n.kind == "missing" or n.dead_end:
            fill, pen = QColor("#ffd9d9"), QPen(QColor("#c0162b"), 3.5)
        elif not n.is_reachable:
            fill, pen = QColor("#e6e6e6"), QPen(QColor("#777777"), 2.5, Qt.PenStyle.DashLine)
        elif n.cannot_end:
            fill, pen = QColor("#fff0c2"), QPen(QColor("#b35c00"), 3.0, Qt.PenStyle.DashDotLine)
        elif n.is_start:
            pen = QPen(QColor("#111111"), 3.5)
        if n.kind == "missing":
            pen.setStyle(Qt.PenStyle.DashLine)
        if self.isSelected():
            pen = QPen(QColor("#0a58ca"), 4)
        painter.setBrush(fill)
        painter.setPen(pen)
        radius = 14.0 if n.kind == "ending" else 4.0
        painter.drawRoundedRect(rect, radius, radius)
        if n.kind == "ending":  # a double border marks an ending
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(4, 4, -4, -4), radius - 3, radius - 3)
        painter.setPen(QColor("#111111"))
        bold = QFont(painter.font())
        bold.setBold(True)
        bold.setPointSizeF(9.5)
        painter.setFont(bold)
        painter.drawText(QRectF(10, 7, BOX_W - 20, 18), Qt.AlignmentFlag.AlignLeft, n.id)
        small = QFont(bold)
        small.setBold(False)
        small.setPointSizeF(8.5)
        painter.setFont(small)
        subtitle = n.title or n.kind
        metrics = painter.fontMetrics()
        subtitle = metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, int(BOX_W - 20))
        painter.drawText(QRectF(10, 27, BOX_W - 20, 16), Qt.AlignmentFlag.AlignLeft, subtitle)
        badge = self._badge()
        if badge:
            small.setBold(True)
            painter.setFont(small)
            painter.drawText(QRectF(10, 46, BOX_W - 20, 16), Qt.AlignmentFlag.AlignLeft, badge)


class EdgeItem(QGraphicsPathItem):
    def __init__(self, edge: MapEdge, path: QPainterPath, tip: QPointF, direction: float) -> None:
        super().__init__(path)
        self.edge = edge
        self.setPen(edge_pen(edge.judgement, edge.critical))
        self.setZValue(-1)
        head = QGraphicsPathItem(arrow_head(tip, edge.judgement, direction), self)
        head.setPen(QPen(COLOURS[edge.judgement], 1.6))
        head.setBrush(head_brush(edge.judgement))


def edge_label(edge: MapEdge) -> str:
    text = edge.label if len(edge.label) <= LABEL_CHARS else edge.label[: LABEL_CHARS - 1] + "…"
    head = judgement_words(edge.judgement, edge.critical)
    if edge.offered_if:
        text += f"\noffered if {edge.offered_if}"
    if edge.adds:
        text += f"\n{edge.adds}"
    if edge.condition:
        text += f"\nonly if {edge.condition}"
    return f"{head}\n{text}" if head else text
