"""Where the progress database lives: --data-dir, then $TRAINER_HOME, then the OS default.

The OS default follows each platform's rules for per-user application data
(no Qt here, so the command line and tests resolve the same folder):

* Windows: ``%APPDATA%\\CaseworkTrainer``
* macOS: ``~/Library/Application Support/CaseworkTrainer``
* Linux and others: ``$XDG_DATA_HOME/CaseworkTrainer`` (default ``~/.local/share``)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "CaseworkTrainer"
DB_NAME = "progress.sqlite3"
ENV_VAR = "TRAINER_HOME"


def default_data_dir() -> Path:
    """The operating system's per-user application-data folder for the app."""
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP_FOLDER
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_FOLDER
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_FOLDER


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """Explicit folder, else ``$TRAINER_HOME``, else :func:`default_data_dir`."""
    if data_dir:
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()
