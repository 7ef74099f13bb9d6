"""Remembered choices (QSettings): last learner, text size, window layout, added case folders.

The settings file lives beside the progress database (``<data dir>/settings.ini``), so a
different data folder (``--data-dir``, tests) never mixes its profiles with another's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

TEXT_SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


class Preferences:
    """Typed access to the few things the app remembers."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.settings = QSettings(str(path), QSettings.Format.IniFormat)

    # ------------------------------------------------------------------ values

    @property
    def last_learner(self) -> str:
        return str(self.settings.value("profile/last_learner", "") or "")

    @last_learner.setter
    def last_learner(self, learner_id: str) -> None:
        self.settings.setValue("profile/last_learner", learner_id)

    @property
    def text_scale(self) -> float:
        try:
            value = float(self.settings.value("view/text_scale", 1.0))
        except (TypeError, ValueError):
            value = 1.0
        return min(TEXT_SCALES, key=lambda s: abs(s - value))

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self.settings.setValue("view/text_scale", value)

    @property
    def case_folders(self) -> list[Path]:
        raw = self.settings.value("library/folders", []) or []
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in raw if p]

    @case_folders.setter
    def case_folders(self, folders: list[Path]) -> None:
        self.settings.setValue("library/folders", [str(f) for f in folders])

    def layout(self, key: str) -> QByteArray | None:
        value = self.settings.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(f"layout/{key}", value)

    def sync(self) -> None:
        self.settings.sync()
