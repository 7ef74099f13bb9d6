"""The library's search and filters, driven as a student would: the selection never rests on a
hidden case, Open case opens only what is shown, the count says "N of M cases"."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt

from tests.ui.test_journey import create_profile
from trainer.core.loader import bundled_scenarios
from trainer.ui.library import sort_entries

LEFT = Qt.MouseButton.LeftButton
POLICE = "After the police call-out: a first home visit"


def visible_titles(tree) -> list[str]:  # noqa: ANN001
    return [
        tree.topLevelItem(i).text(0)
        for i in range(tree.topLevelItemCount())
        if not tree.topLevelItem(i).isHidden()
    ]


def select_title(tree, title: str) -> None:  # noqa: ANN001
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0) == title:
            tree.setCurrentItem(tree.topLevelItem(i))
            return
    raise AssertionError(title)


def test_search_moves_the_selection_and_never_opens_a_hidden_case(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([bundled_scenarios()])
    create_profile(qtbot, window)
    library = window.library
    tree = library.tree
    total = tree.topLevelItemCount()
    assert total >= 10
    assert library.status_label.text() == f"{total} cases"
    other = next(t for t in visible_titles(tree) if "police" not in t.lower())
    select_title(tree, other)
    assert escape(other) in library.detail.text()

    library.search_edit.setFocus()
    qtbot.keyClicks(library.search_edit, "police")
    shown = visible_titles(tree)
    assert POLICE in shown and other not in shown
    assert library.status_label.text() == f"{len(shown)} of {total} cases"
    # The selection moved to a case that is shown, and the detail pane describes it.
    assert not tree.currentItem().isHidden()
    assert tree.currentItem().text(0) in shown
    assert escape(other) not in library.detail.text()
    assert library.open_button.isEnabled()

    library.search_edit.clear()
    qtbot.keyClicks(library.search_edit, "zzzz")
    assert visible_titles(tree) == []
    assert library.status_label.text() == f"0 of {total} cases"
    assert not library.open_button.isEnabled()
    assert "No case matches" in library.detail.text()
    assert POLICE not in library.detail.text()
    qtbot.mouseClick(library.open_button, LEFT)  # a disabled button: nothing opens
    assert window.stack.currentWidget() is library
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # nor does Enter on the (empty) list
    assert window.stack.currentWidget() is library

    library.search_edit.clear()
    assert library.status_label.text() == f"{total} cases"
    assert library.open_button.isEnabled()
    qtbot.mouseClick(library.open_button, LEFT)
    assert window.stack.currentWidget() is window.case_start


def test_a_filter_that_hides_the_selected_case_moves_the_selection(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([bundled_scenarios()])
    create_profile(qtbot, window)
    library = window.library
    tree = library.tree
    select_title(tree, POLICE)  # a victim-safeguarding case
    library.focus_filter.setCurrentText("Perpetrator engagement")
    current = tree.currentItem()
    assert current is not None and not current.isHidden()
    assert current.text(1) == "Perpetrator engagement"
    assert POLICE not in library.detail.text()
    qtbot.mouseClick(library.open_button, LEFT)
    assert window.stack.currentWidget() is window.case_start
    assert window.case_start.entry.title == current.text(0)


def test_titles_that_begin_with_a_quote_sort_by_their_first_letter(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window([bundled_scenarios()])
    create_profile(qtbot, window)
    titles = visible_titles(window.library.tree)
    assert titles[0].startswith("A ")  # not a title that begins with a quote mark
    letters = [t.lstrip("\"'“‘ ").lower() for t in titles]
    assert letters == sorted(letters)
    entries = sort_entries(window.controller.entries)
    assert [e.title for e in entries] == titles
