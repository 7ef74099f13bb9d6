"""The main screens in Welsh, for docs/screenshots/cy-*.png and for a Welsh speaker's review.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_cy.py [--out docs/screenshots]

Opens the app on a temporary data folder with the bundled cases, chooses Cymraeg in
View → Language, creates a profile and plays a Welsh-jurisdiction case (in Welsh) to its
debrief, grabbing each main screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402

from scripts.screenshots import SIZE, Shooter, settle, wait_for  # noqa: E402
from trainer.core.loader import bundled_scenarios  # noqa: E402
from trainer.store import open_store  # noqa: E402
from trainer.ui.app import build_window, create_application  # noqa: E402
from trainer.ui.dialogs import SupportDialog  # noqa: E402
from trainer.ui.screens.panels import DecisionPanel, EndingPanel  # noqa: E402

CASE = "wales-welsh-language-adult-at-risk"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    create_application()
    shoot = Shooter(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        window = build_window(store, [bundled_scenarios()])
        window.resize(*SIZE)
        window.show()
        window.start()
        if window.controller.is_loading:
            wait_for(window.controller.library_loaded)
        window.language_glue.choose("cy")
        settle()
        shoot(window, "cy-01-profile")
        window.profile.name_edit.setText("Dafydd")
        window.profile.create_button.click()
        settle()
        tree = window.library.tree
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole).case_id == CASE:
                tree.setCurrentItem(item)
        shoot(window, "cy-02-library")
        window.library.open_button.click()
        shoot(window, "cy-03-case-start")
        window.case_start.start_button.click()
        shot_decision = False
        for _ in range(80):
            panel = window.player.panel
            if isinstance(panel, DecisionPanel) and not shot_decision:
                shoot(window, "cy-04-decision")
                shot_decision = True
            if isinstance(panel, EndingPanel):
                shoot(window, "cy-05-ending")
                panel.confirm()
                break
            panel.press_number(1)
            if isinstance(panel, DecisionPanel) and panel.pending:
                panel.press_number(1)
            if window.player.panel is panel:
                panel.confirm()
            settle(2)
        shoot(window, "cy-06-debrief")
        window.show_progress()
        shoot(window, "cy-07-progress")
        window.show_help()
        shoot(window, "cy-08-help")
        dialog = SupportDialog(window)
        dialog.show()
        shoot(dialog, "cy-09-support")
        dialog.close()
        window.close()
        store.close()
    for path in shoot.files:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
