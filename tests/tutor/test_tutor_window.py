"""Tutor mode as a tutor uses it: edit a case on disk, read the problems, use the map."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage

from tests.tutor.conftest import edit, line_of
from trainer.ui.tutor import open_tutor_window
from trainer.ui.tutor.problems import ProblemsPanel
from trainer.ui.tutor.window import ExportDialog, NewCaseDialog, TutorWindow

RELOAD_MS = 3000  # generous for a busy 2-core machine; the debounce itself is 250 ms


@pytest.fixture
def window(qtbot, mini_copy: Path) -> TutorWindow:
    win = open_tutor_window(mini_copy.parent)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _unreachable_reported(win: TutorWindow) -> bool:
    return any("can never be reached" in m for m in win.problems.messages())


def test_editing_the_file_updates_problems_and_map(qtbot, window, mini_copy: Path) -> None:
    assert window.problems.messages() == []
    assert window.map.boxes["risk"].node.is_reachable
    count = window.controller.reload_count
    # 'listen' now skips the risk scenes, so three scenes can never be reached
    edit(
        mini_copy,
        "          sets: [asked_about_abuse]\n          feedback: Letting",
        "          sets: [asked_about_abuse]\n          feedback: Letting",
    )
    edit(
        mini_copy,
        "in her own words builds trust.\n          to: risk",
        "in her own words builds trust.\n          to: lee-arrives",
    )
    qtbot.waitUntil(lambda: _unreachable_reported(window), timeout=RELOAD_MS)
    assert window.controller.reload_count > count
    assert not window.map.boxes["risk"].node.is_reachable
    assert "UNREACHABLE" in window.map.boxes["risk"]._badge()
    assert window.case_list.item(0).text().startswith("✖ mini.yaml")
    # an editor that saves by writing a new file and renaming it over the old one
    fixed = mini_copy.read_text(encoding="utf-8").replace(
        "builds trust.\n          to: lee-arrives", "builds trust.\n          to: risk"
    )
    temp = mini_copy.with_suffix(".tmp")
    temp.write_text(fixed, encoding="utf-8")
    os.replace(temp, mini_copy)
    qtbot.waitUntil(lambda: window.problems.messages() == [], timeout=RELOAD_MS)
    assert window.map.boxes["risk"].node.is_reachable
    # and once more, to check the watcher was re-armed after the rename
    edit(mini_copy, "  talk:\n", "  talk:\n    title: Sam talks\n")
    qtbot.waitUntil(lambda: window.map.boxes["talk"].node.title == "Sam talks", timeout=RELOAD_MS)


def test_double_click_shows_the_offending_lines_and_opens_the_editor(
    qtbot, window, mini_copy: Path, monkeypatch
) -> None:
    edit(mini_copy, "start: door", "start: doorway")
    qtbot.waitUntil(lambda: bool(window.problems.messages()), timeout=RELOAD_MS)
    tree = window.problems.tree
    item = tree.topLevelItem(0)
    assert item.text(0) == "✖ error"
    line = line_of(mini_copy, "start: doorway")
    assert item.text(1) == f"mini.yaml:{line}:1"
    assert "does not exist" in item.text(2)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    peek = window.problems.peek.toPlainText()
    assert f">{line} | start: doorway" in peek
    assert "^" in peek.splitlines()[peek.splitlines().index(f">{line} | start: doorway") + 1]
    opened: list[QUrl] = []
    monkeypatch.setattr(ProblemsPanel, "open_url", lambda url: opened.append(url) or True)
    qtbot.mouseClick(window.problems.open_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(mini_copy.resolve())]


def test_clicking_a_scene_shows_its_text_choices_points_and_flags(qtbot, window) -> None:
    box = window.map.boxes["lee-arrives"]
    window.map.centerOn(box)
    pos = window.map.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(window.map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    text = window.details.toPlainText()
    assert "Lee comes home" in text
    assert "Flags read here: checked_safe" in text
    assert "✖ Unsafe" in text and "reveals spoke-to-us" in text
    assert "communication +2" in text


def test_map_marks_problems_and_tells_judgements_apart(qtbot, window, mini_copy: Path) -> None:
    unsafe = [e for e in window.map.edges if e.edge.judgement == "unsafe"]
    expected = [e for e in window.map.edges if e.edge.judgement == "expected"]
    assert unsafe and expected
    assert unsafe[0].pen().style() == Qt.PenStyle.DashDotLine
    assert expected[0].pen().style() == Qt.PenStyle.SolidLine
    assert window.map.boxes["good-end"]._badge() == "■ ENDING · good"
    assert window.map.boxes["door"]._badge() == "▶ START"
    edit(
        mini_copy,
        "              to: poor-end\n            - to: poor-end",
        "              to: poor-end\n            - to: nowhere",
    )
    qtbot.waitUntil(lambda: "nowhere" in window.map.boxes, timeout=RELOAD_MS)
    assert window.map.boxes["nowhere"].node.kind == "missing"
    assert "DEAD END" in window.map.boxes["lee-arrives"]._badge()


def test_zoom_with_keys_and_export_png_and_svg(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    window.map.setFocus()
    before = window.map.transform().m11()
    qtbot.keyClick(window.map, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.map.transform().m11() == pytest.approx(before * 1.25)
    qtbot.keyClick(window.map, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.map.transform().m11() == pytest.approx(before)
    targets = iter([tmp_path / "map.png", tmp_path / "map.svg"])
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, suffix: next(targets)))
    window.png_action.trigger()
    window.svg_action.trigger()
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > 600
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "lee-arrives" in svg


def test_new_case_from_the_menu_is_valid(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(NewCaseDialog, "ask", classmethod(lambda cls, parent: "second-case"))
    window.new_action.trigger()
    texts = [window.case_list.item(i).text() for i in range(window.case_list.count())]
    assert "✔ second-case.yaml" in texts
    assert window.current is not None and window.current.name == "second-case.yaml"
    assert window.problems.messages() == []
    assert "phone-call" in window.map.boxes


def test_test_paths_action_lists_failures(qtbot, window, mini_copy: Path) -> None:
    edit(mini_copy, "          reveals: [spoke-to-us]\n", "          points: {communication: 2}\n")
    qtbot.waitUntil(lambda: bool(window.problems.messages()), timeout=RELOAD_MS)
    window.test_action.trigger()
    assert any("[unsafe-passes]" in m for m in window.problems.messages())


def test_an_empty_folder_opens(qtbot, tmp_path: Path) -> None:
    win = open_tutor_window(tmp_path)
    qtbot.addWidget(win)
    assert win.case_list.count() == 0
    assert "New case" in win.details.toPlainText()


def test_saving_another_file_keeps_a_play_in_progress(qtbot, window, mini_copy: Path) -> None:
    player = window.player
    player.choose_scene("talk")
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    session = player.session
    count = window.controller.reload_count
    other = mini_copy.with_name("other.yaml")
    other.write_text(mini_copy.read_text(encoding="utf-8").replace("mini-home-visit", "other"))
    qtbot.waitUntil(lambda: window.case_list.count() == 2, timeout=RELOAD_MS)
    assert window.controller.reload_count > count
    assert player.session is session  # the current case did not change


def test_ctrl_wheel_zooms_and_plain_wheel_does_not(qtbot, window) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = window.map

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        centre = QPointF(view.viewport().rect().center())
        event = QWheelEvent(
            centre,
            view.viewport().mapToGlobal(centre),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)

    before = view.transform().m11()
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.transform().m11() == pytest.approx(before * 1.15)
    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.transform().m11() == pytest.approx(before * 1.15)
    assert view.dragMode() == view.DragMode.ScrollHandDrag  # drag to pan


def test_dragging_the_background_pans(qtbot, window) -> None:
    view = window.map
    view.zoom(2.0)
    bar = view.horizontalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    start = bar.value()
    # find an empty spot to grab
    spot = next(
        p
        for p in (view.viewport().rect().topLeft() + QPoint(x, 12) for x in range(10, 400, 15))
        if view.itemAt(p) is None
    )
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseMove(view.viewport(), spot + QPoint(60, 0))
    qtbot.mouseMove(view.viewport(), spot + QPoint(120, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=spot + QPoint(120, 0))
    assert bar.value() < start
