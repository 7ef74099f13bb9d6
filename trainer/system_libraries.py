"""The system libraries Qt needs on Linux: the one list that the README, `.ci/run` and the app use.

Qt's xcb platform plugin aborts the whole process (exit 134) when one of its libraries is
missing, and its message names the wrong one (it blames ``libxcb-cursor0`` when
``libxcb-icccm4`` is missing). So the app checks first, and says which Debian/Ubuntu
packages to install. The lists were made with ``ldd`` on PySide6's ``libqxcb.so``,
``libQt6XcbQpa``, the offscreen plugin and the Qt libraries we load, on a bare Debian 12.

This module uses the standard library only: `.ci/run` runs it with the system Python before
anything is installed (``python3 -m trainer.system_libraries --ci``).
"""

from __future__ import annotations

import ctypes
import os
import sys

# Offscreen (tests, PDF export, screenshots) and every window: Qt's core, GUI and widgets.
OFFSCREEN_PACKAGES: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# Fonts are not a library, but text draws as boxes without one.
FONT_PACKAGES = ["fonts-dejavu-core"]

# A real window on an X display (or XWayland): the xcb platform plugin's libraries.
XCB_PACKAGES: dict[str, str] = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

# Loaded only if present (OpenGL through GLX in a window); Qt falls back without it.
OPTIONAL_DISPLAY_PACKAGES = ["libxcb-glx0"]

# What CI adds to start the real app on a virtual display.
CI_PACKAGES = ["xvfb", "xauth", "xdotool"]


def packages(display: bool = True) -> list[str]:
    """Debian/Ubuntu package names: for offscreen use, or (``display``) for a real window too."""
    names = [*OFFSCREEN_PACKAGES.values(), *FONT_PACKAGES]
    if display:
        names += [*XCB_PACKAGES.values(), *OPTIONAL_DISPLAY_PACKAGES]
    return names


def missing_libraries(display: bool = True) -> dict[str, str]:
    """The libraries (soname -> package) that cannot be loaded on this machine."""
    wanted = dict(OFFSCREEN_PACKAGES)
    if display:
        wanted.update(XCB_PACKAGES)
    missing = {}
    for soname, package in wanted.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing[soname] = package
    return missing


def can_connect(display: str) -> bool:
    """True when an X display answers (Qt aborts the process when it does not)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # nothing to ask with; the library check reports what is missing
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why Qt would abort on start-up here, in plain words; None when it can start.

    Only Linux is checked, and only when Qt will use the xcb plugin (no ``QT_QPA_PLATFORM``
    other than ``xcb``, no Wayland session).
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return (
            "No display was found, so the app cannot open a window. Start it from a desktop "
            "session (on a server, run it under Xvfb: xvfb-run trainer)."
        )
    missing = missing_libraries(display=True)
    if not missing:
        if not can_connect(env["DISPLAY"]):
            return (
                f"The display {env['DISPLAY']!r} cannot be reached, so the app cannot open a "
                "window. Start it from a desktop session, or check the DISPLAY setting."
            )
        return None
    names = " ".join(sorted(set(missing.values())))
    return (
        f"Qt cannot open a window: this computer lacks {len(missing)} system "
        f"librar{'y' if len(missing) == 1 else 'ies'} it needs ({', '.join(sorted(missing))}). "
        f"On Debian or Ubuntu install them with:\n\n    sudo apt-get install {names}\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Print package names, one line: ``--offscreen``, ``--display`` (default) or ``--ci``."""
    args = sys.argv[1:] if argv is None else argv
    if "--offscreen" in args:
        names = packages(display=False)
    elif "--ci" in args:
        names = [*packages(display=True), *CI_PACKAGES]
    else:
        names = packages(display=True)
    print(" ".join(names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
