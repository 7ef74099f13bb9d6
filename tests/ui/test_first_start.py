"""A student's first start (no library cache): the cases are listed from a fast read of
their metadata before the full check has finished, and nothing opens unvalidated."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.ui.conftest import MINI
from tests.ui.test_journey import LEFT, create_profile
from trainer.store import open_store
from trainer.ui import controller as controller_module
from trainer.ui.app import build_window
from trainer.ui.library import CACHE_NAME

MINI_TEXT = (MINI / "mini.yaml").read_text(encoding="utf-8")
GOOD = "A first home visit (test case)"
LATER_BROKEN = "Looks fine from its top lines"


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The background check waits until the test sets the event (opening is not held)."""
    release = threading.Event()
    real = controller_module.load_entry

    def load_entry(path: Path, folder: Path):  # noqa: ANN202
        if threading.current_thread() is not threading.main_thread():
            assert release.wait(30), "the test never released the background check"
        return real(path, folder)

    monkeypatch.setattr(controller_module, "load_entry", load_entry)
    yield release
    release.set()


def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINI_TEXT, encoding="utf-8")
    broken = MINI_TEXT.replace("id: mini-home-visit", "id: later-broken").replace(
        "title: A first home visit (test case)", f"title: {LATER_BROKEN}"
    )
    broken = broken.replace("start: door", "start: nowhere")  # fails the full check only
    (folder / "later-broken.yaml").write_text(broken, encoding="utf-8")
    unusual = MINI_TEXT.replace("id: mini-home-visit", "id: unusual-tags").replace(
        "tags: [home visit, children]", "tags:\n- home visit\n- children"
    )  # valid, but written in a form the fast read leaves to the full check
    (folder / "unusual.yaml").write_text(unusual.replace("(test case)", "(unusual)"), "utf-8")
    return folder


def rows(window) -> dict[str, str]:  # noqa: ANN001
    tree = window.library.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {item.text(0): item.text(3) for item in items}


def select(window, title: str) -> None:  # noqa: ANN001
    tree = window.library.tree
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0) == title:
            tree.setCurrentItem(tree.topLevelItem(i))
            return
    raise AssertionError(f"{title} is not listed: {rows(window)}")


def test_first_start_lists_cases_before_the_check_and_validates_on_open(
    qtbot, held_check: threading.Event, data_dir: Path, tmp_path: Path, dialogs: dict
) -> None:  # noqa: ANN001
    folder = case_folder(tmp_path)
    store = open_store(data_dir)
    window = build_window(store, [folder])
    qtbot.addWidget(window)
    window.show()
    window.start()
    create_profile(qtbot, window)

    # Listed at once, while the full check is still waiting to run.
    listed = rows(window)
    assert listed[GOOD] == "Not started"
    assert listed[LATER_BROKEN] == "Not started"
    assert listed["unusual.yaml"] == "Checking…"
    assert "(checking…)" in window.library.status_label.text()
    assert not (data_dir / CACHE_NAME).exists()
    assert not any(e.is_loaded for e in window.controller.entries)
    select(window, "unusual.yaml")
    assert not window.library.open_button.isEnabled()
    assert "being checked" in window.library.detail.text()

    # Opening a case that fails the full check: validated first, so it does not open.
    select(window, LATER_BROKEN)
    qtbot.mouseClick(window.library.open_button, LEFT)
    assert window.stack.currentWidget() is window.library
    assert dialogs["warn"] and "cannot be opened" in dialogs["warn"][-1][0]
    assert rows(window)["⚠ later-broken.yaml"] == "Cannot be opened"

    # Opening a good case before the check has finished validates it and opens it.
    select(window, GOOD)
    qtbot.mouseClick(window.library.open_button, LEFT)
    assert window.stack.currentWidget() is window.case_start
    assert "coercive control" in window.case_start.note_label.text()
    entry = window.controller.entry_for("mini-home-visit")
    assert entry is not None and entry.is_loaded
    window.show_library()

    # The check finishes: the truth replaces the quick listing, and the cache is written.
    with qtbot.waitSignal(window.controller.library_checked, timeout=20000):
        held_check.set()
    listed = rows(window)
    assert listed[GOOD] == "Not started"
    assert listed["⚠ later-broken.yaml"] == "Cannot be opened"
    assert listed["A first home visit (unusual)"] == "Not started"
    assert "(checking…)" not in window.library.status_label.text()
    assert "1 could not be opened" in window.library.status_label.text()
    assert (data_dir / CACHE_NAME).exists()
    # The library keeps metadata only: no case stays loaded once checked.
    assert all(e.is_checked and not e.is_loaded for e in window.controller.entries)
    window.close()
    store.close()
