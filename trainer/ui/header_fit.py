"""The player's header row (case title, progress, Case file / Take a break / Pause) at
large text or in a longer language: the buttons move to a row of their own when the
header would otherwise squeeze them (cut their words), and come back when there is room."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget


class HeaderFit(QObject):
    def __init__(self, screen: QWidget, buttons: list[QPushButton]) -> None:
        super().__init__(screen)
        self.screen = screen
        self.buttons = buttons
        outer = screen.layout()
        self.outer: QBoxLayout = outer  # type: ignore[assignment]
        self.top: QBoxLayout = outer.itemAt(0).layout()  # type: ignore[union-attr,assignment]
        self.row = QHBoxLayout()
        self.row.addStretch(1)
        self.wrapped = False
        screen.installEventFilter(self)

    def needed(self) -> int:
        """The width the header needs on one line."""
        margins = self.outer.contentsMargins()
        spacing = max(self.top.spacing(), 0)
        widths = [
            item.widget().minimumSizeHint().width()
            for i in range(self.top.count())
            if (item := self.top.itemAt(i)).widget() is not None
            and item.widget().isVisibleTo(self.screen)
        ]
        widths += [b.minimumSizeHint().width() for b in self.buttons] if self.wrapped else []
        return sum(widths) + spacing * len(widths) + margins.left() + margins.right() + 80

    def fit(self) -> None:
        wrap = self.needed() > self.screen.width()
        if wrap == self.wrapped:
            return
        self.wrapped = wrap
        for button in self.buttons:
            (self.top if wrap else self.row).removeWidget(button)
            (self.row if wrap else self.top).addWidget(button)
        if wrap:
            self.outer.insertLayout(1, self.row)
        else:
            self.outer.removeItem(self.row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.screen and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
            QEvent.Type.LanguageChange,
            QEvent.Type.Show,
        ):
            QTimer.singleShot(0, self, self.fit)
        return False


def fit_player_header(player: QWidget) -> HeaderFit:
    return HeaderFit(
        player,
        [player.case_file_button, player.break_button, player.pause_button],  # type: ignore[attr-defined]
    )
