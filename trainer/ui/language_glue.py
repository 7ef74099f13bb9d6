"""The language choice in the app: View → Language, remembered per learner; the case in
the chosen language when it has a translation (English with a notice otherwise), switched
mid-case by replaying the same attempt; screens refreshed on ``QEvent.LanguageChange``."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu

from trainer.ui.language import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Language,
    case_languages,
    system_language,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("LanguageMenu", text)


# The texts of this module (translated through tr above).
QT_TRANSLATE_NOOP("LanguageMenu", "&Language")
QT_TRANSLATE_NOOP(
    "LanguageMenu", "This case is not available in Welsh yet, so it is shown in English."
)
QT_TRANSLATE_NOOP("LanguageMenu", "&View")
QT_TRANSLATE_NOOP("LanguageMenu", "&Language:")
QT_TRANSLATE_NOOP("LanguageMenu", "Language of the app")


class LanguageGlue(QObject):
    """Owns the :class:`Language` of one main window and keeps the window in it."""

    def __init__(self, window: Any, language: Language | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.prefs = window.prefs
        self.language = language or Language(Path(self.controller.data_dir))
        self.menu = QMenu(_t("&Language"), window)
        self.menu.setObjectName("language-menu")
        self.group = QActionGroup(self.menu)
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self.menu)  # each language named in its own language
            action.setCheckable(True)
            action.setObjectName(f"language-{code}")
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action
        view = next(
            (
                a.menu()
                for a in window.menuBar().actions()
                if a.menu() and a.text() in ("&View", _t("&View"))
            ),
            None,
        )
        if view is not None:
            view.addSeparator()
            view.addMenu(self.menu)
        else:
            window.menuBar().addMenu(self.menu)
        self.notice = QLabel("")
        self.notice.setObjectName("case-language-notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        window.statusBar().addPermanentWidget(self.notice, 1)
        self.controller.learner_changed.connect(self._on_learner_changed)
        self.controller.case_opened.connect(self._on_case_opened)
        self._refreshed_for = self.language.current
        window.installEventFilter(self)
        self._profile_choice(window.profile)
        from trainer.ui.header_fit import fit_player_header

        self.header_fit = fit_player_header(window.player)
        self.apply(self.remembered())

    def _profile_choice(self, profile: Any) -> None:
        """The language on the profile screen too: a choice before (and for) a profile."""
        outer = profile.notice.parentWidget().layout()
        row = QHBoxLayout()
        self.profile_label = QLabel(_t("&Language:"))
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profile-language")
        self.profile_combo.setAccessibleName(_t("Language of the app"))
        for code, name in LANGUAGES.items():
            self.profile_combo.addItem(name, code)  # each language named in its own language
        self.profile_label.setBuddy(self.profile_combo)
        row.addWidget(self.profile_label)
        row.addWidget(self.profile_combo)
        row.addStretch(1)
        outer.insertLayout(1, row)
        self.profile_combo.activated.connect(
            lambda index: self.choose(self.profile_combo.itemData(index))
        )

    # ------------------------------------------------------------------ choice

    def remembered(self) -> str:
        return remembered_language(self.controller, self.prefs)

    def choose(self, code: str) -> None:
        """The learner chose a language: remember it (for them) and show it now."""
        settings = self.prefs.settings
        learner = self.controller.learner
        if learner is not None:
            settings.setValue(f"language/learner/{learner.id}", code)
        settings.setValue("language/last", code)
        self.apply(code)

    def apply(self, code: str) -> None:
        before = self.language.current
        self.language.apply(code)
        self.actions[self.language.current].setChecked(True)
        self.profile_combo.setCurrentIndex(list(LANGUAGES).index(self.language.current))
        if self.language.current != before and self.window.isVisible():
            # LanguageChange is posted: refresh now, so what shows next is in the new language.
            self.menu.setTitle(_t("&Language"))
            self._refresh_screens()
        self._refreshed_for = self.language.current
        self._case_in_language()

    def _on_learner_changed(self, _learner: object) -> None:
        wanted = self.remembered()
        if wanted != self.language.current:
            self.apply(wanted)

    # ------------------------------------------------------------------ cases

    def _on_case_opened(self) -> None:
        self._case_in_language()

    def _case_in_language(self) -> None:
        """Play the open case in the interface language if it has that translation (the
        same attempt: its decisions replayed), else in English with a short notice."""
        c = self.controller
        self.notice.hide()
        if c.session is None or c.entry is None or c.attempt is None:
            return
        if self.language.current != SOURCE_LANGUAGE and self.language.current not in case_languages(
            c.entry
        ):
            self.notice.setText(
                _t("This case is not available in Welsh yet, so it is shown in English.")
            )
            self.notice.show()
        wanted = case_language(c.entry, self.language.current)
        shown_in = getattr(c.session.loaded, "language", SOURCE_LANGUAGE)
        if shown_in != wanted and not c.session.is_finished and not c.revisiting:
            switch_case_language(c, wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self.window
            and event.type() == QEvent.Type.LanguageChange
            and self._refreshed_for != self.language.current
            and self.window.isVisible()
        ):
            # A translator installed from elsewhere: show the screens in it.
            self._refreshed_for = self.language.current
            self.menu.setTitle(_t("&Language"))
            self._refresh_screens()
        return False

    def _refresh_screens(self) -> None:
        """Screens whose texts are built from data show them again in the new language."""
        w = self.window
        current = w.stack.currentWidget()
        refreshable = [
            w.profile,
            w.library,
            *(w._later_screens.get(n) for n in ("progress", "help")),
        ]
        if current in refreshable:
            # After this event: the library's refresh rebuilds its rows, which must not
            # happen under the menu action that is still being handled.
            QTimer.singleShot(0, current, current.refresh)
        from trainer.ui.language import qtr
        from trainer.ui.screens.case_start import MODE_WORDS
        from trainer.ui.screens.library import COLUMNS

        w.library.tree.setHeaderLabels([qtr("Words", c) for c in COLUMNS])
        for mode, (label, words) in MODE_WORDS.items():
            w.case_start.mode_buttons[mode].setText(f"{qtr('Words', label)}: {qtr('Words', words)}")
        debrief = w._later_screens.get("debrief")
        if debrief is not None:
            from trainer.ui.screens.debrief import reflection_prompts

            debrief.prompts_label.setText(reflection_prompts())
        if debrief is current and w.controller.result is not None:
            w.debrief.show_result()


def case_language(entry: Any, interface: str) -> str:
    """The language to play ``entry`` in: the interface's, if the case has it."""
    return interface if interface in case_languages(entry) else SOURCE_LANGUAGE


def replay_in(controller: Any, language: str) -> tuple[Any, Any, Any] | None:
    """(entry, attempt, session) for the open attempt replayed in ``language``."""
    from trainer.core.loader import load_case

    entry, attempt = controller.entry, controller.attempt
    loaded = controller._call(lambda: load_case(entry.path, language=language))
    if loaded is None:
        return None
    # The attempt as saved now: every decision so far is in the store.
    fresh = controller._call(lambda: controller.store.attempt(attempt.id)) or attempt
    session = controller._call(lambda: controller.store.resume(fresh, loaded))
    if session is None:
        return None
    swapped = (
        dataclasses.replace(entry, loaded=loaded) if dataclasses.is_dataclass(entry) else entry
    )
    return swapped, fresh, session


def open_in_language(controller: Any, language: Language) -> None:
    """Connected to ``case_opened`` before any screen: a case just opened is swapped for
    the same attempt in the interface language before the player shows it (no second
    render, no English flash)."""
    c = controller
    if c.session is None or c.entry is None or c.attempt is None:
        return
    if c.session.is_finished or c.revisiting or c.session.decisions:
        return  # a resumed or finished attempt: LanguageGlue switches it if needed
    wanted = case_language(c.entry, language.current)
    if getattr(c.session.loaded, "language", SOURCE_LANGUAGE) == wanted:
        return
    shuffle = getattr(c.session, "shuffle_seed", None)
    found = replay_in(c, wanted)
    if found is not None:
        c.entry, c.attempt, c.session = found
        if shuffle is not None and getattr(c.session, "shuffle_seed", None) is None:
            c.session.shuffle_seed = shuffle
        c.scene_shown()


def switch_case_language(controller: Any, language: str) -> bool:
    """Reload the open case in ``language`` and replay the same attempt's decisions (saved
    as they were made), so nothing is lost; False (and the case as it was) on a problem."""
    found = replay_in(controller, language)
    if found is None:
        return False
    controller._open(*found)
    return True


def remembered_language(controller: Any, prefs: Any) -> str:
    """The learner's choice, else the last choice on this computer, else the system's."""
    settings = prefs.settings
    learner = controller.learner
    learner_id = learner.id if learner is not None else prefs.last_learner
    if learner_id:
        value = settings.value(f"language/learner/{learner_id}", "")
        if value in LANGUAGES:
            return str(value)
    value = settings.value("language/last", "")
    return str(value) if value in LANGUAGES else system_language()


def start_language(controller: Any, prefs: Any) -> Language:
    """The remembered language, installed before the main window is built."""
    language = Language(Path(controller.data_dir))
    language.apply(remembered_language(controller, prefs))
    controller.case_opened.connect(lambda: open_in_language(controller, language))
    return language


def attach_language(window: Any, language: Language | None = None) -> Any:
    """Give a main window its language menu and choice (``window.language_glue``)."""
    window.language_glue = LanguageGlue(window, language)
    return window
