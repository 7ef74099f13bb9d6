"""Small dialogs, each behind a classmethod that tests replace (the pytest-qt pattern)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.support import support_html


class ConfirmDialog:
    """A yes/no question."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


class MessageDialog:
    """A short message: a headline plus advice (the Mu habit)."""

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def warn(cls, parent: QWidget | None, headline: str, advice: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Casework Trainer", headline, parent=parent)
        if advice:
            box.setInformativeText(advice)
        box.exec()


class SavedDialog:
    """Something was saved: where, with a button that opens the folder."""

    @classmethod
    def show(cls, parent: QWidget | None, text: str, folder: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        box = QMessageBox(QMessageBox.Icon.Information, "Saved", text, parent=parent)
        opener = box.addButton(
            QCoreApplication.translate("SavedDialog", "Open &folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is opener:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class FileDialog:
    """Choosing files and folders."""

    @classmethod
    def save_path(
        cls, parent: QWidget | None, title: str, suggested: Path, filt: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filt)
        return Path(name) if name else None

    @classmethod
    def folder(cls, parent: QWidget | None, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None


class SupportDialog(QDialog):
    """Helplines and where to get support; reachable from every screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Support"))
        self.setAccessibleName(self.tr("Support"))
        layout = QVBoxLayout(self)
        self.text = text = QTextBrowser(self)
        text.setAccessibleName(self.tr("Support information and helplines"))
        text.setOpenLinks(False)
        text.document().setDocumentMargin(12)  # as the other text views (widgets.TEXT_MARGIN)
        text.setHtml(support_html())
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close support")
        )
        layout.addWidget(buttons)
        self._fit_to_text(parent)

    def _fit_to_text(self, parent: QWidget | None) -> None:
        """As wide as 36 text lines are tall and as tall as the whole text at that width,
        so every helpline and the note under them show without scrolling (bounded by
        the screen: on a very small screen the text scrolls rather than going off it)."""
        line = self.fontMetrics().height()
        width = 36 * line
        screen = (parent.screen() if parent is not None else None) or self.screen()
        free = screen.availableGeometry() if screen is not None else None
        if free is not None:
            width = min(width, int(free.width() * 0.9))
        margins = self.layout().contentsMargins()
        frame = 2 * self.text.frameWidth()
        doc = self.text.document().clone(self)
        scroll_bar = self.text.verticalScrollBar().sizeHint().width()
        doc.setTextWidth(width - margins.left() - margins.right() - frame - scroll_bar)
        text_height = int(doc.size().height()) + frame + line // 2
        doc.deleteLater()
        buttons_height = self.layout().itemAt(1).widget().sizeHint().height()
        height = (
            text_height
            + buttons_height
            + self.layout().spacing()
            + margins.top()
            + margins.bottom()
        )
        if free is not None:
            height = min(height, int(free.height() * 0.9))
        self.resize(width, height)

    @classmethod
    def present(cls, parent: QWidget | None) -> None:
        cls(parent).exec()
