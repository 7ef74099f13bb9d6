"""GUI benchmarks: start-up to a usable library window, and showing a scene.

1. **Start-up**: from launching a fresh Python process to the first paint of the
   library window with its cases listed (profile remembered, cases loaded), against a
   bare PySide6 window (QApplication + one QLabel) painted in a fresh process, run
   alternately in the same run. Aim: no more than 2x.
   The library cache is current, as on every start after the first; the first start
   (every case loaded and validated before the list shows) is reported too.
2. **Scene show**: Markdown to screen for one scene in the player (render_markdown,
   setHtml, the answer panel, a synchronous repaint), against one 60 Hz frame (16 ms).
   A bare QTextBrowser.setHtml + repaint of the same HTML is reported in the note.

Both run on the offscreen Qt platform (no display needed), so painting is real but
nothing reaches a screen.

    python -m bench --only gui          (with the bench harness)
    python bench/gui_bench.py [--quick] (on its own)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rows import time_until_ready  # noqa: E402

FRAME_S = 1 / 60
FULL_STARTS, QUICK_STARTS = 7, 3
FULL_SCENES, QUICK_SCENES = 200, 40

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Casework Trainer")
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("READY", flush=True)
            app.quit()
        return False
watch = Painted()
label.installEventFilter(watch)
label.resize(1100, 760)
label.show()
app.exec()
"""

OUR_WINDOW = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QEvent, QObject
from trainer.store import open_store
from trainer.ui.app import build_window, create_application
folders = [Path(p) for p in sys.argv[3:]]
app = create_application()
store = open_store(Path(sys.argv[1]))
window = build_window(store, folders)
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and window.library.tree.topLevelItemCount():
            print("READY", window.library.tree.topLevelItemCount(), flush=True)
            app.quit()
        return False
watch = Painted()
window.library.tree.viewport().installEventFilter(watch)
window.resize(1100, 760)
window.show()
window.start()
window.controller.select_learner(window.controller.remembered_learner_id())
app.exec()
store.close()
"""


def _case_folders() -> tuple[list[Path], int]:
    """The bundled cases; the test fixtures as well if nothing is bundled yet."""
    from trainer.core.loader import bundled_scenarios, case_files

    folders = [bundled_scenarios()]
    if not case_files(folders[0]):
        folders += [ROOT / "tests" / "fixtures" / "mini", ROOT / "tests" / "fixtures" / "ui"]
    return folders, sum(len(case_files(f)) for f in folders)


def _time_process(script: str, args: list[str], pycache: str | None = None) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if pycache is not None:
        # Byte-compiled, as an installed app is (pip compiles the package at install): a
        # source checkout under PYTHONDONTWRITEBYTECODE would otherwise compile every
        # trainer module on every start, which the bare window (all in site-packages,
        # already compiled) never pays. Both processes use the same cache folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return time_until_ready(
        [sys.executable, "-c", script, *args], env, ROOT, 60, "benchmark window"
    )


def startup(quick: bool) -> tuple[float, float, float, int]:
    """(ours, ours without the library cache, bare) median seconds from process start to
    a painted window, and the number of case files."""
    from trainer.store import open_store

    folders, count = _case_folders()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        learner = store.create_learner("Bench")
        store.close()
        from PySide6.QtCore import QSettings

        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("profile/last_learner", learner.id)
        settings.sync()
        args = [tmp, str(ROOT), *map(str, folders)]
        pyc = str(Path(tmp) / "pycache")
        ours, cold, bare = [], [], []
        _time_process(BARE_WINDOW, [], pyc)  # warm the OS file cache and the bytecode
        _time_process(OUR_WINDOW, args, pyc)
        # The window quits at its first paint, before the background check that writes
        # the library cache has finished: write the cache the app writes, as after any
        # start that ran a few seconds.
        from trainer.ui.library import CACHE_NAME, load_entries, write_cache

        cache = Path(tmp) / CACHE_NAME
        write_cache(cache, load_entries(folders))
        written = cache.read_bytes()
        for _ in range(QUICK_STARTS if quick else FULL_STARTS):
            bare.append(_time_process(BARE_WINDOW, [], pyc))
            cache.write_bytes(written)
            ours.append(_time_process(OUR_WINDOW, args, pyc))
            cache.unlink(missing_ok=True)
            cold.append(_time_process(OUR_WINDOW, args, pyc))
    return statistics.median(ours), statistics.median(cold), statistics.median(bare), count


def scene_show(quick: bool) -> tuple[float, float, str]:
    """(ours, bare QTextBrowser) median seconds to show one scene, and the case used.

    The real path, as a student plays: the scenes of the expected path through the largest
    case, in order, each shown once per walk with the Markdown renderer's memory emptied at
    the start of each walk (a scene's text is new to it; the case file's earlier scenes
    are not). Timed from the player asked to show the scene until it is painted: the
    scene's HTML, the answer panel rebuilt for its options, the case file (opened at a
    checklist or rating), pending layout and polish events, and a synchronous repaint.
    The bare baseline is a QTextBrowser of the same size given the same HTML, its events
    processed and repainted the same way.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QTextBrowser

    from trainer.core.loader import load_folder
    from trainer.core.session import Session
    from trainer.store import open_store
    from trainer.ui.app import build_window, create_application
    from trainer.ui.widgets import markdown_html

    app = create_application()
    folders, _ = _case_folders()
    loaded = max(
        (e.loaded for f in folders for e in load_folder(f) if e.loaded is not None),
        key=lambda lc: len(lc.case.scenes),
    )
    repeats = QUICK_SCENES if quick else FULL_SCENES
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        window = build_window(store, [])
        window.resize(1100, 760)
        window.show()
        player = window.player
        window.stack.setCurrentWidget(player)
        controller = window.controller
        sessions = _sessions_along_a_path(loaded, Session)
        bare = QTextBrowser()
        bare.resize(player.scene_view.size())
        bare.show()
        ours_t, bare_t = [], []
        app.processEvents()
        for n in range(max(repeats, len(sessions))):
            if n % len(sessions) == 0:
                markdown_html.cache_clear()
            controller.session = sessions[n % len(sessions)]
            start = time.perf_counter()
            player.show_scene()
            app.processEvents()
            player.repaint()
            ours_t.append(time.perf_counter() - start)
            html = player.scene_view.toHtml()
            start = time.perf_counter()
            bare.setHtml(html)
            app.processEvents()
            bare.repaint()
            bare_t.append(time.perf_counter() - start)
            app.processEvents()
        controller.session = None
        window.close()
        store.close()
    return statistics.median(ours_t), statistics.median(bare_t), loaded.case.id


def _sessions_along_a_path(loaded: Any, session_cls: Any) -> list[Any]:
    """A session at each scene of the expected path through the case (the expected choice,
    every present indicator, the highest rating), as a student who knows the case plays."""
    out, session = [], session_cls(loaded)
    for _ in range(200):
        out.append(session)
        if session.is_finished:
            break
        nxt = session_cls.replay(loaded, list(session.decisions))
        kind = nxt.kind
        if kind == "decision":
            judged = {c.id: c.judgement for c in nxt.scene.decision.options}
            ids = [o.id for o in nxt.options]
            nxt.choose(next((i for i in ids if judged.get(i) == "expected"), ids[0]))
        elif kind == "checklist":
            ids = [o.id for o in nxt.options]
            present = nxt.scene.checklist.present
            nxt.tick([i for i in ids if i in present] or ids[:1])
        elif kind == "rating":
            nxt.rate(nxt.options[-1].id)
        else:
            nxt.advance()
        session = nxt
    return out


_MEMORY_SCRIPT = """
import gc, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.rows import resident_mb
from bench.gui_bench import _case_folders
import yaml
from trainer.core.loader import check_case
from trainer.ui.library import library_files, listed, load_entry, sort_entries
files = library_files(_case_folders()[0])
# Check one small case first, so that the modules the check imports on first use are
# in memory before measuring (code, not data).
check_case(Path(sys.argv[1]) / 'tests' / 'fixtures' / 'mini' / 'mini.yaml')
gc.collect()
before = resident_mb()
if sys.argv[2] == 'library':  # what the app keeps once every case has been checked
    kept = sort_entries([listed(load_entry(path, folder)) for path, folder in files])
elif sys.argv[2] == 'open':  # the library, and the largest case open and explored
    kept = sort_entries([listed(load_entry(path, folder)) for path, folder in files])
    big = max(files, key=lambda f: f[0].stat().st_size)
    kept.append(load_entry(*big).loaded.analysis)
else:
    kept = [yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader) for p, _ in files]
gc.collect()
print(json.dumps({'before': before, 'after': resident_mb(), 'count': len(files)}))
"""


def library_memory() -> tuple[float, float, float, int]:
    """Resident MB grown by (the library as kept after the check, the same with the
    largest case open, the plain ``yaml.load`` data of the same files), and the count."""
    import json

    grown = {}
    for which in ("library", "open", "yaml"):
        out = subprocess.run(
            [sys.executable, "-c", _MEMORY_SCRIPT, str(ROOT), which],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if out.returncode != 0:
            raise RuntimeError(f"the memory measurement failed: {out.stderr[-1500:]}")
        data = json.loads(out.stdout)
        grown[which] = data["after"] - data["before"]
    return grown["library"], grown["open"], grown["yaml"], data["count"]


def _rows(quick: bool) -> list[dict[str, Any]]:
    ours, cold, bare, count = startup(quick)
    show, bare_show, case_id = scene_show(quick)
    lib_mb, open_mb, yaml_mb, files = library_memory()
    return [
        {
            "name": "gui start to painted library",
            "ours_s": ours,
            "baseline_s": bare,
            "ratio": ours / bare,
            "aim": 1.5,
            "note": f"fresh process each; {count} case files; bare = QApplication + QLabel; "
            "library cache current (every start after the first); byte-compiled as installed",
        },
        {
            "name": "gui first start (no library cache)",
            "ours_s": cold,
            "baseline_s": bare,
            "ratio": cold / bare,
            "aim": 2.0,
            "note": "listed from a fast read of each file's metadata, every case then "
            "validated in the background",
        },
        {
            "name": "gui scene show (choice to painted scene)",
            "ours_s": show,
            "baseline_s": bare_show,
            "ratio": show / bare_show,
            "aim": 4.0,
            "limit": 0.008,
            "note": f"the player along the expected path of {case_id}, options and case "
            "file included; baseline = a bare QTextBrowser setHtml + events + repaint of the "
            f"same HTML; aim also under 8 ms; one 60 Hz frame = {FRAME_S * 1000:.1f} ms",
        },
        {
            "name": "gui memory: library listed (MB)",
            "ours_s": lib_mb,
            "baseline_s": yaml_mb,
            "ratio": lib_mb / yaml_mb if yaml_mb > 0 else 0.0,
            "aim": 2.0,
            "unit": "MB",
            "note": f"resident growth, {files} case files checked and listed (metadata and "
            "problems kept) vs the same files held as plain yaml.load data",
        },
        {
            "name": "gui memory: library + largest case open (MB)",
            "ours_s": open_mb,
            "baseline_s": yaml_mb,
            "ratio": open_mb / yaml_mb if yaml_mb > 0 else 0.0,
            "aim": None,
            "unit": "MB",
            "note": "as above, with the largest case loaded and its graph explored, as in play",
        },
    ]


def run(quick: bool) -> list[Any]:
    """Rows for bench/run.py: ``bench.rows.Row`` when the harness is there, else dicts."""
    rows = _rows(quick)
    try:
        from bench.rows import Row
    except ImportError:
        return rows
    return [
        Row(
            r["name"],
            r["ours_s"],
            r["baseline_s"],
            r["aim"],
            r.get("unit", "s"),
            r["note"],
            r.get("limit"),
        )
        for r in rows
    ]


def aim_words(aim: float | None) -> str:
    return f"<= {aim:g}x" if aim else "reported"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for row in _rows("--quick" in sys.argv):
        scale, unit = (1, "MB") if row.get("unit") == "MB" else (1000, "ms")
        print(
            f"{row['name']:<44} ours {row['ours_s'] * scale:8.1f} {unit}  baseline "
            f"{row['baseline_s'] * scale:8.1f} {unit}  ratio {row['ratio']:.2f}x  aim "
            f"{aim_words(row['aim'])}  ({row['note']})"
        )
