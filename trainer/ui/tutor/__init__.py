"""Tutor mode: author and test cases with live checks, a branch map, path tables and tutor play.

The main app's menu opens it with :func:`open_tutor_window`; ``trainer tutor FOLDER``
does the same from the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from trainer.ui.tutor.window import TutorWindow


def open_tutor_window(folder: Path, parent: QWidget | None = None) -> TutorWindow:
    """Create (but do not show) the tutor window for ``folder``."""
    from trainer.ui.tutor.window import TutorWindow

    return TutorWindow(Path(folder), parent)


__all__ = ["open_tutor_window"]
