"""Update the interface translation sources (``trainer/ui/i18n/trainer_*.ts``) from the code
with ``pyside6-lupdate`` (keeps every existing translation; marks vanished ones obsolete).

    .venv/bin/python scripts/update_translations.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "trainer" / "ui"


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    for ts in sorted((UI / "i18n").glob("trainer_*.ts")):
        done = subprocess.run(
            [str(tool), "-no-obsolete", "-locations", "relative", *sources, "-ts", str(ts)],
            cwd=ROOT,
            check=False,
        )
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
