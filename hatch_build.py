"""Hatch build hook: compile the interface translations (``trainer/ui/i18n/*.ts``) into
``.qm`` files with ``pyside6-lrelease`` and ship them in the wheel. The ``.qm`` files are
build output, never committed (``.gitignore``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TranslationsBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        tool = shutil.which("pyside6-lrelease") or str(
            Path(sys.executable).parent / "pyside6-lrelease"
        )
        for ts in sorted((root / "trainer" / "ui" / "i18n").glob("trainer_*.ts")):
            # Built outside the source tree (a stale .qm there would shadow a newer .ts).
            qm = Path(tempfile.mkdtemp(prefix="trainer-qm-")) / ts.with_suffix(".qm").name
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
            build_data["force_include"][str(qm)] = str(ts.with_suffix(".qm").relative_to(root))
