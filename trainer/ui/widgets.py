"""Reusable widgets: the safe case text browser, big choice buttons, headings."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QWidget,
)

from trainer.ui.dialogs import ConfirmDialog

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
MIN_TARGET = 44  # px: a comfortable click target


def markdown_html(text: str) -> str:
    """Case Markdown as safe HTML, through ``render_markdown`` (the only way), imported on
    first use so that start-up does not pay for the Markdown library."""
    from trainer.core.render import render_markdown

    return render_markdown(text)


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

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
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

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() not in EXTERNAL_SCHEMES:
            return
        shown = url.toString()
        if ConfirmDialog.ask(
            self,
            "Open link?",
            f"This link opens outside Casework Trainer, in your web browser:\n\n{shown}\n\n"
            "Do you want to open it?",
        ):
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)


class ChoiceButton(QPushButton):
    """A large button with a number and wrapped text; Enter, Space or the number key picks it."""

    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.choice_text = text
        self._label = QLabel(f"<b>{number}</b>&nbsp;&nbsp;&nbsp;{escape(text)}", self)
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
        named(self, f"{number}: {text}", f"Press {number} to choose this")

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
