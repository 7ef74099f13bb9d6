"""The branch map: scenes as boxes, choices as labelled arrows, zoomable and pannable.

The boxes and arrows themselves are drawn by :mod:`trainer.ui.tutor.mapitems`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from trainer.ui.tutor.layout import layered_layout
from trainer.ui.tutor.mapdata import MapData, MapEdge, judgement_words
from trainer.ui.tutor.mapitems import (
    BOX_H,
    BOX_W,
    COLOURS,
    PEN_STYLES,
    EdgeItem,
    SceneBox,
    arrow_head,
    edge_label,
    edge_pen,
    head_brush,
)

COLUMN, ROW = 420.0, 118.0
READABLE_ZOOM = 0.7


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
        """Fit map (Ctrl+0): the whole map if it stays readable; else the map fitted
        across its flow (for the usual left-to-right map: its full height in view) at a
        readable size, from its start, with a scroll bar along it. Never larger than 1:1."""
        self._needs_fit = False
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        margin = 8
        across_x = (view.width() - margin) / rect.width()
        across_y = (view.height() - margin) / rect.height()
        whole = min(across_x, across_y)
        self.resetTransform()
        if whole >= READABLE_ZOOM:
            scale = min(whole, 1.0)
            self.scale(scale, scale)
            self.centerOn(rect.center())
            return
        across = across_y if rect.width() >= rect.height() else across_x
        scale = max(READABLE_ZOOM, min(across, 1.0))
        self.scale(scale, scale)
        start = self.boxes.get(self.data.start) if self.data else None
        if rect.width() >= rect.height():  # scroll along: begin at the left, where it starts
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
            if across_y >= scale:
                self.verticalScrollBar().setValue(
                    (self.verticalScrollBar().minimum() + self.verticalScrollBar().maximum()) // 2
                )
            elif start is not None:
                self.centerOn(self.mapToScene(view.center()).x(), start.pos().y() + BOX_H / 2)
        else:
            self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)  # type: ignore[arg-type]
        if self._needs_fit:
            self.readable_fit()

    def readable_fit(self) -> None:
        """Fit the whole map if it stays readable, else show its start at a readable size
        (what Fit map does; kept under this name for the window and its callers)."""
        self.fit()

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
        generator.setTitle(
            self.tr("Branch map: {value}").format(value=self.data.title if self.data else "")
        )
        painter = QPainter(generator)
        self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        ok = painter.end()
        return bool(ok) and Path(path).is_file()
