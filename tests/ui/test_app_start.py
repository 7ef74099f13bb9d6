"""`run_app` as `trainer` calls it: a fresh process, the log file, the crash hook, exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from trainer.ui import errors
from trainer.ui.app import create_application, run_app
errors.CrashDialog.show = classmethod(lambda cls, log_file: print("CRASH-SHOWN", log_file))
app = create_application()
QTimer.singleShot(50, lambda: 1 / 0)          # an unexpected error inside the event loop
QTimer.singleShot(400, app.quit)
code = run_app(data_dir=sys.argv[1])
print("EXIT", code, app.organizationName(), app.applicationName())
"""


def test_run_app_logs_unexpected_errors_and_exits_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    log_file = tmp_path / "logs" / "trainer.log"
    assert f"CRASH-SHOWN {log_file}" in proc.stdout
    assert "EXIT 0 CaseworkTrainer CaseworkTrainer" in proc.stdout
    log = log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log and "Casework Trainer" in log
    assert (tmp_path / "progress.sqlite3").exists()
