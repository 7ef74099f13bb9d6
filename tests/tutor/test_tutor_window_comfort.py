"""Tutor window details a tutor meets at once: the whole location of a problem (its line
number too), a message after Test paths when all is well, and Fit map keeping a large case
readable (fitted across, scrolled along)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from tests.tutor.conftest import MINI, edit
from trainer.core.paths import bundled_scenarios
from trainer.ui.tutor import open_tutor_window
from trainer.ui.tutor.branchmap import READABLE_ZOOM
from trainer.ui.tutor.window import TutorWindow

RELOAD_MS = 3000


def open_window(qtbot, folder: Path) -> TutorWindow:  # noqa: ANN001
    win = open_tutor_window(folder)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_problems_list_shows_the_whole_location(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "cases" / "safeguarding-adults-module" / "week-three"
    folder.mkdir(parents=True)
    case = folder / "a-long-case-name-for-the-second-home-visit.yaml"
    shutil.copy(MINI, case)
    edit(case, "builds trust.\n          to: risk", "builds trust.\n          to: lee-arives")
    win = open_window(qtbot, tmp_path / "cases")
    tree = win.problems.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=RELOAD_MS)
    item = tree.topLevelItem(0)
    location = item.text(1)
    assert location.endswith(":85:11") and "week-three/a-long-case-name" in location
    metrics = QFontMetrics(tree.font())
    assert tree.columnWidth(1) >= metrics.horizontalAdvance(location) + 6  # nothing cut off
    # The message wraps onto more lines rather than being cut off at the right.
    message = item.text(2)
    width = tree.columnWidth(2)
    needed = metrics.boundingRect(
        QRect(0, 0, width - 18, 10000), Qt.TextFlag.TextWordWrap, message
    ).height()
    assert tree.visualItemRect(item).height() >= needed
    assert tree.header().sectionPosition(2) + width <= tree.viewport().width() + 1


def test_test_paths_says_so_when_all_is_well(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    win = open_window(qtbot, folder)
    assert win.problems.messages() == []
    win.test_action.trigger()
    summary = win.problems.summary.text()
    assert "Path tests passed on mini.yaml" in summary and "no failures" in summary
    assert "paths walked" in summary
    assert win.statusBar().currentMessage().startswith("✔ Path tests passed on mini.yaml")
    # A change to the file means the outcome may no longer hold: it goes.
    edit(folder / "mini.yaml", "reveals: [spoke-to-us]\n", "points: {communication: 2}\n")
    qtbot.waitUntil(lambda: "passed" not in win.problems.summary.text(), timeout=RELOAD_MS)
    win.test_action.trigger()
    assert "failure(s)" in win.problems.summary.text()
    assert any("[unsafe-passes]" in m for m in win.problems.messages())


def test_test_paths_on_a_case_with_errors_says_why_not(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    edit(
        folder / "mini.yaml", "builds trust.\n          to: risk", "builds trust.\n          to: x"
    )
    win = open_window(qtbot, folder)
    win.test_action.trigger()
    assert "cannot be path-tested until its errors are fixed" in win.problems.summary.text()


def test_fit_map_keeps_a_24_scene_case_readable(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    source = bundled_scenarios() / "migrant-victim-nrpf-interpreter.yaml"
    shutil.copy(source, folder / source.name)
    shutil.copy(bundled_scenarios() / "catalogue.yaml", folder / "catalogue.yaml")
    win = open_window(qtbot, folder)
    win.resize(1280, 820)
    view = win.map
    assert len(view.boxes) >= 24
    view.zoom(0.2)  # zoomed far out, then Fit map
    fit = next(a for a in win.findChildren(type(win.test_action)) if a.text() == "Fit map")
    fit.trigger()
    scale = view.transform().m11()
    assert READABLE_ZOOM <= scale <= 1.0
    # Fitted across: every row of scenes is in view; the map scrolls along its length.
    rows = [box.sceneBoundingRect() for box in view.boxes.values()]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert (
        min(r.top() for r in rows) >= shown.top()
        and max(r.bottom() for r in rows) <= shown.bottom()
    )
    assert view.horizontalScrollBar().maximum() > 0
    start = view.boxes[view.data.start].sceneBoundingRect()
    assert shown.contains(start)  # it begins where the case begins
    # Ctrl+0 in the map does the same.
    view.zoom(0.2)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == scale
