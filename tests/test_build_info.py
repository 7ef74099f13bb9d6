"""Which build is running: an installer build says so (with its id and date), pip and a
checkout say which they are; Help → About and the log show it."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from trainer import __version__, build_info
from trainer.build_info import BUILD_FILE, BuildInfo


def test_an_installer_build_reports_its_id_date_and_platform(tmp_path: Path) -> None:
    (tmp_path / BUILD_FILE).write_text(
        json.dumps(
            {
                "version": "9.8.7",
                "build_id": "abc1234",
                "date": "2026-11-30 05:40 UTC",
                "tool": "PyInstaller 6.22.3",
                "platform": "linux-x86_64",
            }
        ),
        encoding="utf-8",
    )
    info = build_info.build_info(tmp_path)
    assert info.kind == "installer"
    assert info.tool == "PyInstaller 6.22.3"
    assert info.describe() == "9.8.7 (installer build abc1234, 2026-11-30 05:40 UTC, linux-x86_64)"


def test_a_damaged_build_file_still_names_an_installer_build(tmp_path: Path) -> None:
    (tmp_path / BUILD_FILE).write_text("{not json", encoding="utf-8")
    info = build_info.build_info(tmp_path)
    assert (info.kind, info.version) == ("installer", __version__)


def test_pip_and_source_checkouts_say_which(tmp_path: Path) -> None:
    assert build_info.build_info(tmp_path).describe() == f"{__version__} (source checkout)"
    (tmp_path / "_bundled" / "scenarios").mkdir(parents=True)
    assert build_info.build_info(tmp_path).describe() == f"{__version__} (pip install)"


def test_a_frozen_app_without_a_build_file_is_still_an_installer_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert build_info.build_info(tmp_path) == BuildInfo(__version__, "installer")


def test_the_crash_log_entry_names_the_version_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6")
    from trainer.ui import errors

    monkeypatch.setattr(errors, "describe", lambda: "1.2.3 (installer build deadbee)")
    monkeypatch.setattr(errors.CrashDialog, "show", classmethod(lambda cls, f: None))
    root = logging.getLogger("trainer")
    before, root.handlers = list(root.handlers), []  # log to this test's folder only
    log_file = errors.setup_logging(tmp_path)
    saved = sys.excepthook
    try:
        errors.install_excepthook(log_file)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = saved
        for handler in root.handlers:
            handler.close()
        root.handlers = before  # later tests set up logging to their own folders
    entry = log_file.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(entry) if "CRITICAL" in line)
    assert "Unexpected error in Casework Trainer 1.2.3 (installer build deadbee)" in entry[first]
    assert "RuntimeError: boom" in "\n".join(entry[first:])
