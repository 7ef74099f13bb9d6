"""The installer build against a pip install: start-up to a painted library, and size.

1. **Start-up**: from launching the process to the first paint of the library window
   with its cases listed (profile remembered, library cache current, as on every start
   after the first), for the built app (``dist/``, made by ``scripts/build_app.py``) and
   for the pip-installed app (the same source installed with pip into the build's own
   virtual environment), run alternately in the same run. Both run the same code
   (``--probe-start``, which opens the window as ``trainer`` does and prints ``READY``
   once the list has painted) on the offscreen platform. Aim: no more than 1.2x.
2. **Size on disk** of the one-folder app and of each installer (reported).

Nothing is built here: without a build in ``dist/`` the rows are skipped with a note
(``python scripts/build_app.py`` makes one, in about 3 minutes).

    python -m bench --only installer
    python bench/installer_bench.py [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rows import Row, time_until_ready  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "dist" / "build-report.json"
AIM = 1.2
FULL_STARTS, QUICK_STARTS = 7, 3


def _pip_trainer(report: dict) -> list[str] | None:
    """The pip-installed app: the build's own virtual environment (the same source, pip
    installed, not editable)."""
    tool = "nuitka" if str(report.get("tool", "")).startswith("Nuitka") else "pyinstaller"
    venv = ROOT / "build" / f"venv-{tool}"
    for exe in (venv / "bin" / "trainer", venv / "Scripts" / "trainer.exe"):
        if exe.exists():
            return [str(exe)]
    return None


def _prepare(folder: Path) -> None:
    """A data folder with a remembered profile, so the app opens on the library."""
    from PySide6.QtCore import QSettings

    from trainer.store import open_store

    store = open_store(folder)
    learner = store.create_learner("Bench")
    store.close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("profile/last_learner", learner.id)
    settings.sync()


def _time_start(command: list[str], data: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TRAINER_HOME", None)
    return time_until_ready(
        [*command, "--data-dir", str(data), "--probe-start"], env, data, 120, command[0]
    )


def startup(built: list[str], pip: list[str], quick: bool) -> tuple[float, float]:
    """Median seconds to a painted library: (built app, pip-installed app)."""
    with tempfile.TemporaryDirectory() as tmp:
        built_data, pip_data = Path(tmp) / "built", Path(tmp) / "pip"
        for folder in (built_data, pip_data):
            _prepare(folder)
        # First starts: warm the OS file cache and write each library cache.
        _time_start(built, built_data)
        _time_start(pip, pip_data)
        ours, base = [], []
        for _ in range(QUICK_STARTS if quick else FULL_STARTS):
            base.append(_time_start(pip, pip_data))
            ours.append(_time_start(built, built_data))
    return statistics.median(ours), statistics.median(base)


def run(quick: bool) -> list[Row]:
    if not REPORT.is_file():
        print(
            "installer_bench: skipped, no installer build in dist/ "
            "(make one with: python scripts/build_app.py)",
            file=sys.stderr,
        )
        return []
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    exe = Path(report["executable"])
    pip = _pip_trainer(report)
    if not exe.is_file() or pip is None:
        print(
            "installer_bench: skipped, the build in dist/ or its build environment is "
            "incomplete (run python scripts/build_app.py again)",
            file=sys.stderr,
        )
        return []
    ours, base = startup([str(exe)], pip, quick)
    app = Path(report["app"])
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    tool = report.get("tool", "")
    rows = [
        Row(
            "installer build: start to painted library",
            ours,
            base,
            AIM,
            "s",
            f"{tool} one-folder app vs the same source pip-installed, alternately; offscreen",
        ),
        Row("installer build: one-folder app on disk", size / 2**20, unit="MiB", note=tool),
    ]
    for name, artefact_size in report.get("artefacts", {}).items():
        rows.append(Row(f"installer build: {name}", artefact_size / 2**20, unit="MiB"))
    return rows


if __name__ == "__main__":
    from bench.run import format_table

    print(format_table(run("--quick" in sys.argv)))
