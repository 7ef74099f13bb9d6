"""``trainer --self-test`` on the source tree, offscreen: what an installer build runs."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import MINI, UI_CASES
from trainer.core.paths import bundled_scenarios, case_files
from trainer.ui.selftest import run_self_test


def test_self_test_plays_a_case_to_its_end_in_its_own_folder(
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str], dialogs
) -> None:  # noqa: ANN001
    data = tmp_path / "selftest"
    assert run_self_test([MINI, UI_CASES / "story.yaml"], keep=data) == 0
    out = capsys.readouterr().out
    assert "ok: all 2 bundled cases load" in out
    assert out.rstrip().endswith("Self-test passed.")
    with sqlite3.connect(data / "progress.sqlite3") as db:
        done = db.execute(
            "SELECT case_id, decision_count FROM attempts WHERE status = 'completed'"
        ).fetchall()
    assert len(done) == 1 and done[0][1] > 0
    assert f"played '{done[0][0]}' to its end ({done[0][1]} decisions saved" in out


def test_a_bundled_case_that_does_not_load_fails_with_a_plain_message(
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str], dialogs
) -> None:  # noqa: ANN001
    folder = tmp_path / "cases"
    shutil.copytree(MINI, folder)
    (folder / "zz-broken.yaml").write_text("id: zz-broken\ntitle: [unclosed\n", encoding="utf-8")
    assert run_self_test([folder], keep=tmp_path / "data") == 1
    out = capsys.readouterr().out
    assert "Self-test failed: the bundled case zz-broken.yaml does not load" in out
    assert "Traceback" not in out and "Self-test passed" not in out


def test_no_cases_at_all_fails(qtbot, tmp_path: Path, capsys, dialogs) -> None:  # noqa: ANN001
    (tmp_path / "empty").mkdir()
    assert run_self_test([tmp_path / "empty"], keep=tmp_path / "data") == 1
    assert "Self-test failed: no bundled cases were found" in capsys.readouterr().out


def test_a_message_the_app_shows_fails_the_self_test_instead_of_waiting_for_a_click(
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # noqa: ANN001
    """No `dialogs` fixture here: a real modal message box would wait for ever."""
    from trainer.ui.controller import Controller
    from trainer.ui.dialogs import MessageDialog

    def start_case(self, entry, mode):  # noqa: ANN001, ANN202
        self.error_raised.emit("The progress database is full.", "Free some disk space.")
        return False

    monkeypatch.setattr(Controller, "start_case", start_case)
    warn = MessageDialog.__dict__["warn"]
    assert run_self_test([MINI], keep=tmp_path / "data") == 1
    out = capsys.readouterr().out
    assert "Self-test failed: " in out and "The progress database is full." in out
    assert MessageDialog.__dict__["warn"] is warn, "the real dialog is back afterwards"


def test_the_command_checks_every_bundled_case_and_leaves_real_progress_alone(
    tmp_path: Path,
) -> None:
    """The real command, as the built app runs it: exit 0, and neither $TRAINER_HOME nor
    the per-user data folder is written (the self-test uses a temporary folder)."""
    home = tmp_path / "home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TRAINER_HOME=str(tmp_path / "real-progress"),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        TMPDIR=str(tmp_path),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "trainer", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bundled = len(case_files(bundled_scenarios()))
    assert f"ok: all {bundled} bundled cases load" in proc.stdout
    assert "Self-test passed." in proc.stdout
    assert not (tmp_path / "real-progress").exists()
    assert not (home / "data").exists()
    assert not list(tmp_path.glob("trainer-selftest-*")), "the temporary folder was left behind"


def test_help_about_shows_the_version_and_build(qtbot, make_window, dialogs, monkeypatch) -> None:  # noqa: ANN001
    from trainer import build_info

    monkeypatch.setattr(build_info, "describe", lambda: "4.5.6 (installer build cafe123)")
    window = make_window()
    window.about_action.trigger()
    (text,) = dialogs["inform"]
    assert text.startswith("Casework Trainer 4.5.6 (installer build cafe123)")
    assert str(window.controller.data_dir) in text


def test_the_first_line_of_each_run_in_the_log_names_the_version_and_build(
    tmp_path: Path,
) -> None:
    from trainer.build_info import describe

    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from trainer.ui.app import create_application, run_app\n"
        "app = create_application()\n"
        "QTimer.singleShot(300, app.quit)\n"
        "sys.exit(run_app(data_dir=sys.argv[1]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode == 0, proc.stderr
    first = (tmp_path / "logs" / "trainer.log").read_text(encoding="utf-8").splitlines()[0]
    assert f"Casework Trainer {describe()}, data folder {tmp_path}" in first
