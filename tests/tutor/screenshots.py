"""Render the screenshots in docs/tutor-tools.md (offscreen, with QWidget.grab()).

    QT_QPA_PLATFORM=offscreen python -m tests.tutor.screenshots

It builds a small folder (a starter case from `trainer new`, and the mini test
case with a mistake in it), opens tutor mode on it and saves:
docs/screenshots/tutor-window.png, tutor-map.png, tutor-paths.png, tutor-play.png.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"


def build_folder(folder: Path) -> None:
    from trainer.core.template import starter_case, starter_expectations

    (folder / "first-call.yaml").write_text(starter_case("first-call"), encoding="utf-8")
    (folder / "first-call.expect.yaml").write_text(
        starter_expectations("first-call"), encoding="utf-8"
    )
    broken = folder / "home-visit.yaml"
    shutil.copy(MINI, broken)
    text = broken.read_text(encoding="utf-8")
    # a typo in a target: the choice leads nowhere, and the risk scenes are cut off
    text = text.replace(
        "builds trust.\n          to: risk", "builds trust.\n          to: lee-arives"
    )
    broken.write_text(text, encoding="utf-8")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from trainer.ui.tutor import open_tutor_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "my-cases"
        folder.mkdir()
        build_folder(folder)
        window = open_tutor_window(folder)
        window.resize(1400, 900)
        window.show()
        app.processEvents()

        # 1. the broken case: problems listed, one opened, its map
        window.select_case(folder / "home-visit.yaml")
        app.processEvents()
        tree = window.problems.tree
        tree.setCurrentItem(tree.topLevelItem(0))
        window.problems.show_source(window.problems.problems[0])
        window.map.select_scene("talk")
        app.processEvents()
        window.grab().save(str(OUT / "tutor-window.png"))

        # 2. the starter case's map, a scene clicked
        window.select_case(folder / "first-call.yaml")
        window.map.select_scene("rate-risk")
        window.map.readable_fit()
        app.processEvents()
        window.map.export_png(OUT / "tutor-map.png", scale=1.0)

        # 3. the path table
        window.tabs.setCurrentWidget(window.paths)
        app.processEvents()
        window.tabs.grab().save(str(OUT / "tutor-paths.png"))

        # 4. a tutor play from the rating, with the flag set
        player = window.player
        player.choose_scene("she-talks")
        player.set_flag("checked_safe")
        player.play_button.click()
        player.play_continue()
        player.option_boxes["strangulation"].setChecked(True)
        player.option_boxes["tidy-home"].setChecked(True)
        player._on_submit_checklist()
        window.tabs.setCurrentWidget(player)
        app.processEvents()
        window.tabs.grab().save(str(OUT / "tutor-play.png"))
        window.close()
    for name in ("window", "map", "paths", "play"):
        print(OUT / f"tutor-{name}.png")


if __name__ == "__main__":
    main()
