"""The one list of system libraries Qt needs, and the plain message instead of Qt's abort."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

from trainer import system_libraries as syslibs

ROOT = Path(__file__).resolve().parent.parent


def test_xcb_list_names_the_libraries_qt_blamed_wrongly() -> None:
    # Qt's own message blamed libxcb-cursor0 when these two were missing (exit 134).
    packages = syslibs.packages(display=True)
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= set(packages)
    assert not {"libxcb-icccm4", "xvfb"} & set(syslibs.packages(display=False))


def test_ci_and_readme_use_the_one_list() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m trainer.system_libraries --ci" in ci
    assert "python3 -m trainer.system_libraries)" in readme
    assert "libxcb" not in readme  # no second, hand-kept copy of the list


def test_module_runs_with_a_bare_python_before_anything_is_installed() -> None:
    out = subprocess.run(
        [sys.executable, "-S", "-m", "trainer.system_libraries", "--ci"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [*syslibs.packages(display=True), *syslibs.CI_PACKAGES]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_missing_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ctypes.CDLL

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(ctypes, "CDLL", fake)
    problem = syslibs.display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in problem
    assert "libxcb-cursor" not in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_display_problem_only_where_qt_would_use_xcb() -> None:
    assert syslibs.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert syslibs.display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    no_display = syslibs.display_problem({})
    assert no_display is not None and "No display" in no_display


def test_trainer_without_a_display_says_so_instead_of_aborting(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "No display was found" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_a_display_that_does_not_answer_is_named() -> None:
    if syslibs.missing_libraries(display=True):
        pytest.skip("this machine lacks the xcb libraries")
    problem = syslibs.display_problem({"DISPLAY": ":987"})  # nobody listens there
    assert problem is not None and "cannot be reached" in problem and ":987" in problem
