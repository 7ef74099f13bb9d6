"""Issue 15 in the app, against a real Ralph: a case played in the desktop app is
delivered in the background, each statement once, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.lrs.conftest import connect
from tests.ui.conftest import data_dir, dialogs, make_window  # noqa: F401 - fixtures
from tests.ui.test_journey import click_choice, create_profile, feedback_then_continue, open_case

LEFT = Qt.MouseButton.LeftButton


def test_the_app_delivers_in_the_background(qtbot, make_window, data_dir, ralph) -> None:  # noqa: ANN001, F811
    connect(data_dir, ralph)
    window = make_window()
    qtbot.waitUntil(lambda: hasattr(window, "sync"), timeout=5000)
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)
    feedback_then_continue(qtbot, window)
    click_choice(qtbot, window, 1)
    store = window.controller.store
    attempt = store.unfinished_attempt(store.learners()[0].id, "mini-home-visit")
    decisions = store.decisions(attempt.id)
    assert len(decisions) == 2
    window.controller.pause()  # leave the case: a 'suspended' statement
    qtbot.waitUntil(lambda: len(ralph.statements()) == 4, timeout=20000)
    qtbot.waitUntil(lambda: store.outbox_count() == 0, timeout=5000)
    window.sync.refresh()
    assert window.sync.panel.text().startswith("All records sent · last sent ")
    assert "never" not in window.sync.panel.text()
    stored = ralph.statements(ascending="true")
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)) == 4
    assert {d["id"] for d in decisions} <= set(ids)
    by_time = sorted(stored, key=lambda s: s["timestamp"])
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in by_time] == [
        "initialized", "answered", "answered", "suspended",
    ]  # fmt: skip
