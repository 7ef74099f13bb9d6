"""The installer build: its CI workflow is linted and runs the same command on every OS;
every installer says where progress is kept, the same folder as a pip install."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trainer.store.location import APP_FOLDER

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
BUILD_COMMAND = "python scripts/build_app.py --smoke"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (it is in the test extra)")
    return found


def _build_app():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("build_app", ROOT / "scripts" / "build_app.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_workflow_passes_zizmor() -> None:
    proc = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_workflow_matches_the_github_workflow_schema() -> None:
    proc = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_os_runs_the_same_build_and_self_test() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["build"]
    systems = job["strategy"]["matrix"]["os"]
    assert {s.split("-")[0] for s in systems} == {"ubuntu", "windows", "macos"}
    builds = [s for s in job["steps"] if s.get("run") == BUILD_COMMAND]
    assert len(builds) == 1 and "if" not in builds[0], "one build step, on every OS"
    for step in job["steps"]:
        uses = step.get("uses", "")
        assert not uses or len(uses.split("@")[1]) == 40, f"{uses} is not pinned to a commit"


def test_every_installer_says_where_progress_is_kept() -> None:
    iss = (ROOT / "packaging" / "windows" / "casework-trainer.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss  # no administrator rights
    assert f"{{userappdata}}\\{APP_FOLDER}" in iss  # %APPDATA%, as trainer.store.location
    mac = (ROOT / "packaging" / "macos" / "Your progress.txt").read_text(encoding="utf-8")
    assert f"~/Library/Application Support/{APP_FOLDER}" in mac
    assert f"~/.local/share/{APP_FOLDER}" in _build_app().POSTRM


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_the_deb_installs_to_opt_links_the_command_and_keeps_progress(tmp_path: Path) -> None:
    build_app = _build_app()
    app = tmp_path / "casework-trainer"
    (app / "_internal").mkdir(parents=True)
    (app / "casework-trainer").write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    (app / "casework-trainer").chmod(0o755)
    deb = build_app.make_deb(app, "1.2.3", tmp_path, ROOT / "assets" / "icon.svg")
    listing = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True).stdout
    assert "./opt/casework-trainer/casework-trainer" in listing
    assert "./usr/bin/casework-trainer -> /opt/casework-trainer/casework-trainer" in listing
    assert "./usr/share/applications/casework-trainer.desktop" in listing
    control = subprocess.run(["dpkg-deb", "-f", deb], capture_output=True, text=True).stdout
    assert "Version: 1.2.3" in control
    assert "libxcb-cursor0" in control  # the system list the app itself checks
    out = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-e", deb, out], check=True)
    postrm = subprocess.run(["sh", out / "postrm", "remove"], capture_output=True, text=True)
    assert postrm.returncode == 0
    assert "Progress is NOT deleted" in postrm.stdout
    assert f".local/share/{APP_FOLDER}" in postrm.stdout
