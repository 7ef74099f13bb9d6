"""The branch map: scenes as boxes, choices as labelled arrows, zoomable and pannable.

Judgements are told apart in words (each label says it), in line style and
arrow-head shape, and in colour, so the map reads in greyscale and for
colour-blind tutors too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trainer.ui.tutor.layout import layered_layout
from trainer.ui.tutor.mapdata import MapData, MapEdge, MapNode, judgement_words

BOX_W, BOX_H = 190.0, 70.0
COLUMN, ROW = 420.0, 118.0
LABEL_CHARS = 34
READABLE_ZOOM = 0.7

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
    if edge.condition:
        text += f"\nonly if {edge.condition}"
    return f"{head}\n{text}" if head else text


class BranchMap(QGraphicsView):
    """The map view: Ctrl+wheel or Ctrl+plus/minus zooms, Ctrl+0 fits, dragging pans."""

    scene_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#fafafa"))
        self.boxes: dict[str, SceneBox] = {}
        self.edges: list[EdgeItem] = []
        self.data: MapData | None = None
        self._needs_fit = False
        self.scene().selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------ content

    def show_map(self, data: MapData | None) -> None:
        selected = self.selected_scene()
        first_time = self.data is None or (data is not None and data.case_id != self.data.case_id)
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        scene.blockSignals(False)
        self.boxes, self.edges, self.data = {}, [], data
        self._placed: dict[int, list[QRectF]] = {}
        if data is None:
            return
        placement = layered_layout(
            list(data.nodes), [(e.source, e.target) for e in data.edges], [data.start]
        )
        tallest = max((p.layer_size for p in placement.values()), default=1)
        for node_id, place in placement.items():
            box = SceneBox(data.nodes[node_id])
            offset = (tallest - place.layer_size) * ROW / 2
            box.setPos(place.layer * COLUMN, offset + place.order * ROW)
            box.setZValue(2)
            scene.addItem(box)
            self.boxes[node_id] = box
        self._add_edges(data)
        self._add_legend()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        if selected in self.boxes:
            self.boxes[selected].setSelected(True)
        if first_time:
            self._needs_fit = True
            if self.isVisible():
                self.readable_fit()

    def _add_edges(self, data: MapData) -> None:
        parallel: dict[tuple[str, str], int] = {}
        for edge in data.edges:
            src, dst = self.boxes[edge.source], self.boxes[edge.target]
            k = parallel.get((edge.source, edge.target), 0)
            parallel[(edge.source, edge.target)] = k + 1
            spread = ((k + 1) // 2) * 40.0 * (1 if k % 2 else -1)
            end_shift = max(-24.0, min(24.0, spread * 0.3))
            a, b = src.pos(), dst.pos()
            path = QPainterPath()
            if b.x() > a.x():  # forward: right side to left side
                start = QPointF(a.x() + BOX_W, a.y() + BOX_H / 2 + end_shift)
                tip = QPointF(b.x(), b.y() + BOX_H / 2 + end_shift)
                bend = (tip.x() - start.x()) / 2
                path.moveTo(start)
                path.cubicTo(
                    QPointF(start.x() + bend, start.y() + spread * 1.3),
                    QPointF(tip.x() - bend, tip.y() + spread * 1.3),
                    tip,
                )
                direction, mid = 1.0, path.pointAtPercent(0.5)
            else:  # a loop back (or within a layer): round underneath, arriving from below
                start = QPointF(a.x() + BOX_W / 2, a.y() + BOX_H)
                tip = QPointF(b.x() + BOX_W / 2 + 12, b.y() + BOX_H + 12)
                dip = max(a.y(), b.y()) + BOX_H + 70 + abs(spread)
                path.moveTo(start)
                path.cubicTo(QPointF(start.x(), dip), QPointF(tip.x(), dip), tip)
                direction, mid = 1.0, path.pointAtPercent(0.5)
            item = EdgeItem(edge, path, tip, direction)
            self.scene().addItem(item)
            self.edges.append(item)
            self._add_label(edge, mid)

    def _add_label(self, edge: MapEdge, mid: QPointF) -> None:
        text = QGraphicsSimpleTextItem(edge_label(edge))
        font = QFont(text.font())
        font.setPointSizeF(7.5)
        text.setFont(font)
        text.setBrush(COLOURS[edge.judgement].darker(120))
        bounds = text.boundingRect()
        back = QGraphicsRectItem(bounds.adjusted(-3, -2, 3, 2))
        back.setBrush(QColor(255, 255, 255, 225))
        back.setPen(QPen(COLOURS[edge.judgement], 0.8, PEN_STYLES[edge.judgement]))
        text.setParentItem(back)
        rect = QRectF(
            mid.x() - bounds.width() / 2,
            mid.y() - bounds.height() / 2,
            bounds.width() + 6,
            bounds.height() + 4,
        )
        bucket = self._placed.setdefault(int(mid.x() // 150), [])
        for _ in range(8):  # nudge down past labels already placed here
            clash = next((r for r in bucket if r.intersects(rect)), None)
            if clash is None:
                break
            rect.moveTop(clash.bottom() + 3)
        bucket.append(rect)
        back.setPos(rect.x(), rect.y())
        back.setZValue(1)
        back.setToolTip(f"{edge.choice_id or edge.label}: {edge.label}")
        self.scene().addItem(back)

    def _add_legend(self) -> None:
        top = self.scene().itemsBoundingRect().top() - 80
        for i, judgement in enumerate(("expected", "acceptable", "poor", "unsafe")):
            x = i * 250.0
            path = QPainterPath(QPointF(x, top))
            path.lineTo(x + 50, top)
            line = QGraphicsPathItem(path)
            line.setPen(edge_pen(judgement))
            head = QGraphicsPathItem(arrow_head(QPointF(x + 62, top), judgement), line)
            head.setPen(QPen(COLOURS[judgement], 1.6))
            head.setBrush(head_brush(judgement))
            label = QGraphicsSimpleTextItem(judgement_words(judgement), line)
            label.setPos(x + 70, top - 8)
            self.scene().addItem(line)
        note = QGraphicsSimpleTextItem(
            "Thick line: critical.  Double border: ending.  Grey dashed box: unreachable.  "
            "Red box: dead end.  Amber box: no ending ahead."
        )
        note.setPos(0, top + 14)
        self.scene().addItem(note)

    # ------------------------------------------------------------------ interaction

    def selected_scene(self) -> str | None:
        for item in self.scene().selectedItems():
            if isinstance(item, SceneBox):
                return item.node.id
        return None

    def select_scene(self, scene_id: str) -> None:
        box = self.boxes.get(scene_id)
        if box is not None:
            self.scene().clearSelection()
            box.setSelected(True)
            self.centerOn(box)

    def _on_selection_changed(self) -> None:
        scene_id = self.selected_scene()
        if scene_id is not None:
            self.scene_clicked.emit(scene_id)

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.05 / current, min(factor, 6.0 / current))
        self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)  # type: ignore[arg-type]
        if self._needs_fit:
            self.readable_fit()

    def readable_fit(self) -> None:
        """Fit the whole map if it stays readable, else show its start at a readable size."""
        self._needs_fit = False
        self.fit()
        if self.transform().m11() < READABLE_ZOOM:
            self.resetTransform()
            self.scale(READABLE_ZOOM, READABLE_ZOOM)
            start = self.boxes.get(self.data.start) if self.data else None
            if start is not None:
                self.centerOn(start.pos().x() + COLUMN, start.pos().y() + BOX_H / 2)
        elif self.transform().m11() > 1.0:
            self.resetTransform()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 ** (event.angleDelta().y() / 120))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ export

    def render_image(self, scale: float = 1.0) -> QImage:
        rect = self.scene().sceneRect()
        size = QSize(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), rect)
        painter.end()
        return image

    def export_png(self, path: Path, scale: float = 1.5) -> bool:
        return self.render_image(scale).save(str(path), "PNG")

    def export_svg(self, path: Path) -> bool:
        from PySide6.QtSvg import QSvgGenerator

        rect = self.scene().sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(f"Branch map: {self.data.title if self.data else ''}")
        painter = QPainter(generator)
        self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        ok = painter.end()
        return bool(ok) and Path(path).is_file()
