"""Before a profile exists (or is chosen), Case library and My progress say why they do not
open and put the focus where the learner acts next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar

from tests.ui.test_journey import create_profile

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def toolbar_button(window, action):  # noqa: ANN001, ANN201
    return window.findChild(QToolBar, "main-toolbar").widgetForAction(action)


def test_library_and_progress_before_a_profile_say_why(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    profile = window.profile
    assert window.stack.currentWidget() is profile
    assert not profile.notice.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)  # Case library
    assert window.stack.currentWidget() is profile
    assert profile.notice.isVisible()
    assert "Create a profile first" in profile.notice.text()
    assert "case library" in profile.notice.text()
    assert QApplication.focusWidget() is profile.name_edit

    profile.notice.setVisible(False)
    qtbot.mouseClick(toolbar_button(window, window.progress_action), LEFT)  # My progress
    assert window.stack.currentWidget() is profile
    assert profile.notice.isVisible()
    assert "Create a profile first" in profile.notice.text()
    assert "My progress" in profile.notice.text()
    assert QApplication.focusWidget() is profile.name_edit

    create_profile(qtbot, window)  # the name typed where the focus was put
    assert window.stack.currentWidget() is window.library
    window.show_profile()
    assert not profile.notice.isVisible()  # the reason is gone with the problem


def test_with_profiles_but_none_chosen_it_asks_to_choose(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    window = make_window()  # a second start: a profile exists, none is chosen yet
    profile = window.profile
    assert window.stack.currentWidget() is profile
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is profile
    assert "Choose your profile first" in profile.notice.text()
    assert QApplication.focusWidget() is profile.learner_list
    qtbot.keyClick(profile.learner_list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
