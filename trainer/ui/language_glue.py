"""The language choice in the app: View → Language, remembered per learner; the case in
the chosen language when it has a translation (English with a notice otherwise), switched
mid-case by replaying the same attempt; screens refreshed on ``QEvent.LanguageChange``."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu

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
        window.installEventFilter(self)
        from trainer.ui.header_fit import fit_player_header

        self.header_fit = fit_player_header(window.player)
        self.apply(self.remembered())

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
        if self.language.current != before:
            # LanguageChange is posted: refresh now, so what shows next is in the new language.
            self.menu.setTitle(_t("&Language"))
            self._refresh_screens()
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
        session, entry, attempt = c.session, c.entry, c.attempt
        self.notice.hide()
        if session is None or entry is None or attempt is None:
            return
        wanted = self.language.current
        have = case_languages(entry)
        if wanted not in have:
            wanted = SOURCE_LANGUAGE
            if self.language.current != SOURCE_LANGUAGE:
                self.notice.setText(
                    _t("This case is not available in Welsh yet, so it is shown in English.")
                )
                self.notice.show()
        if getattr(session.loaded, "language", SOURCE_LANGUAGE) == wanted:
            return
        if session.is_finished or c.revisiting:
            return
        switch_case_language(c, wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.menu.setTitle(_t("&Language"))
            self.window.menuBar().update()
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
            current.refresh()
        from trainer.ui.language import qtr
        from trainer.ui.screens.case_start import MODE_WORDS

        for mode, (label, words) in MODE_WORDS.items():
            w.case_start.mode_buttons[mode].setText(f"{qtr('Words', label)}: {qtr('Words', words)}")
        debrief = w._later_screens.get("debrief")
        if debrief is not None:
            from trainer.ui.screens.debrief import reflection_prompts

            debrief.prompts_label.setText(reflection_prompts())
        if debrief is current and w.controller.result is not None:
            w.debrief.show_result()


def switch_case_language(controller: Any, language: str) -> bool:
    """Reload the open case in ``language`` and replay the same attempt's decisions (saved
    as they were made), so nothing is lost; False (and the case as it was) on a problem."""
    from trainer.core.loader import load_case

    entry, attempt = controller.entry, controller.attempt
    loaded = controller._call(lambda: load_case(entry.path, language=language))
    if loaded is None:
        return False
    # The attempt as saved now: every decision so far is in the store.
    fresh = controller._call(lambda: controller.store.attempt(attempt.id)) or attempt
    session = controller._call(lambda: controller.store.resume(fresh, loaded))
    if session is None:
        return False
    swapped = (
        dataclasses.replace(entry, loaded=loaded) if dataclasses.is_dataclass(entry) else entry
    )
    controller._open(swapped, fresh, session)
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
    return language


def attach_language(window: Any, language: Language | None = None) -> Any:
    """Give a main window its language menu and choice (``window.language_glue``)."""
    window.language_glue = LanguageGlue(window, language)
    return window
