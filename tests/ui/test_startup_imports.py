"""Start-up stays light: the library window paints from its cache before the case model
(pydantic), the YAML loader, sqlite-utils or the Markdown library are imported; the
cached cases are then checked after the first paint (docs/performance.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import MINI
from trainer.store import open_store
from trainer.ui.library import CACHE_NAME, load_entries, write_cache
from trainer.ui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pydantic", "sqlite_utils", "yaml", "markdown", "trainer.core.loader")

SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from trainer.store import open_store
from trainer.ui.app import build_window, create_application
HEAVY = sys.argv[3].split(",")
app = create_application()
store = open_store(Path(sys.argv[1]))
window = build_window(store, [Path(sys.argv[2])])
def heavy():
    return ",".join(m for m in HEAVY if m in sys.modules) or "-"
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and window.library.tree.topLevelItemCount():
            if not hasattr(self, "seen"):
                self.seen = True
                print("PAINTED", window.library.tree.topLevelItem(0).text(0), heavy(), flush=True)
        return False
def checked():
    if not window.controller.is_loading:
        print("CHECKED", window.controller.entries[0].is_checked, heavy(), flush=True)
        app.quit()
window.controller.library_loaded.connect(checked)
watch = Painted()
window.library.tree.viewport().installEventFilter(watch)
window.show()
window.start()
window.controller.select_learner(window.controller.remembered_learner_id())
app.exec()
store.close()
"""


def test_the_library_paints_before_the_case_model_is_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_store(data) as store:  # created and migrated: the next open is a plain one
        learner = store.create_learner("Ann")
    prefs = Preferences(data / "settings.ini")
    prefs.last_learner = learner.id
    prefs.settings.sync()
    write_cache(data / CACHE_NAME, load_entries([MINI]))  # as the first start leaves it

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), str(MINI), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    painted = next(line for line in lines if line.startswith("PAINTED"))
    checked = next(line for line in lines if line.startswith("CHECKED"))
    assert painted == "PAINTED A first home visit (test case) -"  # listed, nothing heavy yet
    assert lines.index(painted) < lines.index(checked)
    # After the paint the cached case was loaded and validated for real.
    assert checked.startswith("CHECKED True ") and "pydantic" in checked


def test_a_first_start_paints_the_library_before_the_case_model_is_imported(
    tmp_path: Path,
) -> None:
    """No library cache: the cases are listed from their metadata, painted before PyYAML or
    the case model are imported, then checked for real (issue 16)."""
    data = tmp_path / "data"
    with open_store(data) as store:
        learner = store.create_learner("Ann")
    prefs = Preferences(data / "settings.ini")
    prefs.last_learner = learner.id
    prefs.settings.sync()
    assert not (data / CACHE_NAME).exists()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), str(MINI), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    painted = next(line for line in lines if line.startswith("PAINTED"))
    checked = next(line for line in lines if line.startswith("CHECKED"))
    assert painted == "PAINTED A first home visit (test case) -"
    assert lines.index(painted) < lines.index(checked)
    assert checked.startswith("CHECKED True ") and "pydantic" in checked
    assert (data / CACHE_NAME).exists()  # written by the check, for the next start
