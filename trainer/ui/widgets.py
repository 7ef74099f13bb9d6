"""Reusable widgets: the safe case text browser, big choice buttons, headings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from trainer.ui.dialogs import ConfirmDialog

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
MIN_TARGET = 44  # px: a comfortable click target
FOCUS_RING_PX = 3
TEXT_MARGIN = 12  # px between a text view's edge and its text


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Case Markdown as safe HTML, through ``render_markdown`` (the only way), imported on
    first use so that start-up does not pay for the Markdown library.

    Remembered by text: the case file shows again, at every scene, the text of the scenes
    already seen, and a revisited or replayed scene shows the same text again."""
    from trainer.core.render import render_markdown

    return render_markdown(text)


def _reference_parts(loaded: Any, ref_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(title, citation, url) of each reference the case defines, in order."""
    out = []
    for rid in ref_ids:
        ref = loaded.case.references.get(rid)
        if ref is not None:
            url = ref.url if ref.url.lower().startswith(("http://", "https://")) else ""
            out.append((ref.title, ref.citation, url))
    return out


def references_html(loaded: Any, ref_ids: Iterable[str]) -> str:
    """'See:' and each reference as its title, linked when it is online, then its
    citation: no raw web address to break mid-word (the link asks before it opens)."""
    parts = []
    for title, citation, url in _reference_parts(loaded, ref_ids):
        name = f'<a href="{escape(url, quote=True)}">{escape(title)}</a>' if url else escape(title)
        parts.append(name + (f" ({escape(citation)})" if citation else ""))
    return "<p>See: " + "; ".join(parts) + "</p>" if parts else ""


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\\[\]`*_])", r"\\\1", text)


def link_references(markdown_text: str, loaded: Any) -> str:
    """The debrief's 'See:' lines with each reference as a titled link (Markdown), in
    place of its title followed by its citation and raw web address."""
    from trainer.core.debrief import reference_lines

    swaps = []
    for rid in loaded.case.references:
        plain = reference_lines(loaded, [rid])
        (title, citation, url), *_ = _reference_parts(loaded, [rid])
        if not plain or not url:
            continue
        link = f"[{_markdown_text(title)}](<{url}>)"
        swaps.append((plain[0], link + (f" ({citation})" if citation else "")))
    swaps.sort(key=lambda pair: -len(pair[0]))  # a longer line first, if one contains another

    def relink(line: str) -> str:
        # 'See:' lines, and the items of the debrief's one reference list
        if not line.lstrip().startswith(("See: ", "- ")):
            return line
        for plain, linked in swaps:
            line = line.replace(plain, linked)
        return line

    return "\n".join(relink(line) for line in markdown_text.split("\n"))


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a widget its accessible name (and description) for screen readers."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def heading(text: str, level: int = 2) -> QLabel:
    """A heading label; its size is relative to the app font, so text zoom applies."""
    label = QLabel(f"<h{level}>{escape(text)}</h{level}>")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def resolve_local(url: QUrl, base: Path | None, roots: list[Path]) -> Path | None:
    """A local file for ``url`` inside one of ``roots``, or None (never the network)."""
    if url.scheme() not in ("", "file"):
        return None
    raw = url.toLocalFile() if url.scheme() == "file" else url.path()
    if not raw:
        return None
    candidate = Path(raw)
    tries = [candidate] if candidate.is_absolute() else [r / candidate for r in [base, *roots] if r]
    for path in tries:
        try:
            real = path.resolve()
        except OSError:
            continue
        if real.is_file() and any(real.is_relative_to(root.resolve()) for root in roots):
            return real
    return None


class CaseBrowser(QTextBrowser):
    """Shows case HTML (from ``render_markdown``): local images only, links after a confirm."""

    link_opened = Signal(QUrl)
    entered = Signal()  # Enter pressed with no link selected (only if ``reports_enter``)

    def __init__(
        self, name: str, parent: QWidget | None = None, reports_enter: bool = False
    ) -> None:
        super().__init__(parent)
        self.reports_enter = reports_enter
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Text keeps clear of the focus outline drawn inside the edge (FOCUS_RING_PX).
        self.document().setDocumentMargin(TEXT_MARGIN)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._base: Path | None = None
        self._roots: list[Path] = []
        named(self, name)

    def set_folders(self, base: Path | None, roots: list[Path]) -> None:
        """Images may come from ``roots`` only; relative paths are tried from ``base`` first."""
        self._base = base
        self._roots = [r for r in roots if r]

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 (Qt override)
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        path = resolve_local(url, self._base, self._roots)
        if path is None:
            return None
        image = QImage(str(path))
        return None if image.isNull() else image

    # The style shows no focus on a text view: a keyboard user must see where they are.
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override: the viewport)
        super().paintEvent(event)
        if self.hasFocus():
            draw_focus_ring(self.viewport())

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.reports_enter and is_enter and plain and not self.textCursor().hasSelection():
            event.accept()  # a link selected with Tab still opens with Enter
            self.entered.emit()
            return
        super().keyPressEvent(event)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() not in EXTERNAL_SCHEMES:
            return
        shown = url.toString()
        if ConfirmDialog.ask(
            self,
            self.tr("Open link?"),
            self.tr(
                "This link opens outside Casework Trainer, in your web browser:\n\n{shown}\n\nDo you want to open it?"
            ).format(shown=shown),
        ):
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, two: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def focus_colour(palette: QPalette) -> QColor:
    """The highlight colour, lightened on a dark window or darkened on a light one until
    it stands out from the window by at least 3:1 (WCAG for focus indicators)."""
    colour = QColor(palette.color(QPalette.ColorRole.Highlight))
    window = palette.color(QPalette.ColorRole.Window)
    is_dark = window.lightnessF() < 0.5
    for _ in range(8):
        if contrast(colour, window) >= 3:
            break
        colour = colour.lighter(125) if is_dark else colour.darker(125)
    return colour


def draw_focus_ring(widget: QWidget, rect: QRect | None = None) -> None:
    """A clear keyboard-focus outline in the palette's highlight colour (light or dark);
    the style's own hint is faint, and on styled tick boxes it is missing."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(focus_colour(widget.palette()), FOCUS_RING_PX)
    painter.setPen(pen)
    half = FOCUS_RING_PX // 2 + 1
    area = (rect or widget.rect()).adjusted(half, half, -half, -half)
    painter.drawRoundedRect(area, 4, 4)
    painter.end()


class ChoiceButton(QPushButton):
    """A large button with a number and wrapped text; Enter, Space or the number key picks it."""

    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.choice_text = text
        self._label = QLabel(
            self.tr("<b>{number}</b>&nbsp;&nbsp;&nbsp;{value}").format(
                number=number, value=escape(text)
            ),
            self,
        )
        self._label.setWordWrap(True)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(MIN_TARGET)
        self.setAutoDefault(True)
        named(
            self,
            f"{number}: {text}",
            self.tr("Press {number} to choose this").format(number=number),
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.hasFocus():
            draw_focus_ring(self)

    @property
    def label_text(self) -> str:
        return self._label.text()

    def sizeHint(self):  # noqa: N802 (Qt override)
        return self.layout().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 (Qt override)
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return max(MIN_TARGET, self.layout().heightForWidth(width))


class WrappingDelegate(QStyledItemDelegate):
    """Row heights from the text wrapped at the column's real width, so no line is cut off
    (a tree view otherwise measures wrapped text as if the column were unbounded); and
    room around each cell's text, so neighbouring rows and columns do not run together."""

    PAD_X = 6  # px each side, on top of the style's own cell margin
    PAD_Y_LINES = 0.3  # of a text line, above and below

    def _pad_y(self, option: QStyleOptionViewItem) -> int:
        return max(3, round(option.fontMetrics.height() * self.PAD_Y_LINES))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        column = index.column()
        # Columns sized to their contents are measured unwrapped (else they only shrink).
        fits = view.header().sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents
        width = 0 if fits else view.columnWidth(column) - 2 * self.PAD_X
        if width > 0:
            option = QStyleOptionViewItem(option)
            # The style wraps only inside a valid rectangle (a height of 0 is not).
            option.rect = QRect(0, 0, width, max(option.rect.height(), 1))
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * self.PAD_X, size.height() + 2 * self._pad_y(option))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """The cell's background, selection and focus over the whole cell; its text inset
        by ``PAD_X`` (and centred in the padded height by the style)."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        opt.text = text
        opt.rect = opt.rect.adjusted(self.PAD_X, 0, -self.PAD_X, 0)
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def wrap_rows(tree: QTreeWidget) -> None:
    """Wrap long cells in ``tree`` and keep every line visible as columns change width."""
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(WrappingDelegate(tree))
    # A wrapped row can be taller than the view: scroll by pixel, not by whole rows.
    tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    tree.header().sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())
