"""Which build of the app this is: a pip install, a source checkout or an installer build.

The installer build (``scripts/build_app.py``) writes ``_build_info.json`` next to this
module inside the bundle, never into the source tree: its version, build id, date and
the packaging tool. Help → About and the first line of each run's log show
:func:`describe`, so a student's report says exactly which build they have.
No Qt here: the command line and the store may use it too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from trainer import __version__

BUILD_FILE = "_build_info.json"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    kind: str  # "installer", "pip" or "source"
    build_id: str = ""  # e.g. the commit the installer was built from
    date: str = ""  # UTC date and time of the build
    tool: str = ""  # the packaging tool, e.g. "PyInstaller 6.22.3"
    platform: str = ""  # e.g. "linux-x86_64"

    def describe(self) -> str:
        """One line, e.g. ``0.1.0 (installer build abc1234, 2026-11-30 05:40 UTC, linux-x86_64)``."""
        if self.kind != "installer":
            return f"{self.version} ({'pip install' if self.kind == 'pip' else 'source checkout'})"
        details = ", ".join(x for x in (self.build_id, self.date, self.platform) if x)
        return f"{self.version} (installer build {details})" if details else self.version


def is_frozen() -> bool:
    """True inside a self-contained build (PyInstaller sets ``sys.frozen``; Nuitka
    sets ``__compiled__`` on every module it compiles)."""
    return bool(getattr(sys, "frozen", False)) or "__compiled__" in globals()


def build_info(folder: Path | None = None) -> BuildInfo:
    """This run's build, read from ``_build_info.json`` when the installer build wrote one."""
    here = Path(folder) if folder is not None else Path(__file__).resolve().parent
    file = here / BUILD_FILE
    if file.is_file():
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict):
            fields = ("build_id", "date", "tool", "platform")
            return BuildInfo(
                version=str(data.get("version") or __version__),
                kind="installer",
                **{name: str(data.get(name) or "") for name in fields},
            )
    if is_frozen():
        return BuildInfo(__version__, "installer")
    # A wheel install copies the bundled cases into the package; a checkout has them beside it.
    kind = "pip" if (here / "_bundled" / "scenarios").is_dir() else "source"
    return BuildInfo(__version__, kind)


def describe() -> str:
    """This run's version and build on one line."""
    return build_info().describe()
