"""The main window: a stack of screens, menus, a toolbar; navigation only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.dialogs import FileDialog, MessageDialog, SavedDialog, SupportDialog
from trainer.ui.preferences import TEXT_SCALES, Preferences
from trainer.ui.screens.case_start import CaseStartScreen
from trainer.ui.screens.library import LibraryScreen
from trainer.ui.screens.player import PlayerScreen
from trainer.ui.screens.profile import ProfileScreen


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, prefs: Preferences) -> None:
        super().__init__()
        self.controller = controller
        self.prefs = prefs
        self.setWindowTitle(self.tr("Casework Trainer"))
        self.setAccessibleName(self.tr("Casework Trainer"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.profile = ProfileScreen(controller)
        self.library = LibraryScreen(controller)
        self.case_start = CaseStartScreen(controller)
        self.player = PlayerScreen(controller)
        for screen in (self.profile, self.library, self.case_start, self.player):
            self.stack.addWidget(screen)
        # The debrief, progress, help and break screens are built on first use, or just
        # after the first paint, whichever comes first (see _later and docs/performance.md).
        self._later_screens: dict[str, QWidget] = {}
        controller.after_first_paint(self._build_later_screens)
        # The status bar is there from the start, so a message (e.g. "Paused") does not
        # shrink the screen under the learner and push the selected case out of view.
        self.statusBar().setSizeGripEnabled(True)
        self._base_font = QApplication.font()
        self.tutor_window: QWidget | None = None
        self._build_actions()
        self._wire()
        # Sending progress to a Learning Record Store (status bar, File menu): after paint.
        controller.after_first_paint(self._install_sync)
        self._restore_layout()
        self.apply_text_scale(prefs.text_scale)

    # ------------------------------------------------------------------ building

    def _install_sync(self) -> None:
        from trainer.ui.lrs import install_sync

        self.sync = install_sync(self)

    def _action(
        self, text: str, shortcut: QKeySequence | str | list, slot, tip: str = ""
    ) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(shortcut)
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.profile_action = self._action(
            self.tr("Switch &profile"), "Ctrl+Shift+O", self.show_profile
        )
        self.folder_action = self._action(
            self.tr("&Add a case folder…"), "", self._on_folder_requested
        )
        self.tutor_action = self._action(
            self.tr("&Tutor mode (author and test cases)…"), "", self._on_tutor_requested
        )
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence(std.Quit), self.close)
        self.larger_action = self._action(
            self.tr("&Larger text"),
            [QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")],
            self.larger_text,
        )
        self.smaller_action = self._action(
            self.tr("&Smaller text"), QKeySequence(std.ZoomOut), self.smaller_text
        )
        self.reset_action = self._action(
            self.tr("&Normal text size"), "Ctrl+0", lambda: self.apply_text_scale(1.0)
        )
        self.library_action = self._action(self.tr("Case &library"), "Ctrl+L", self.show_library)
        self.progress_action = self._action(
            self.tr("My &progress"), "Ctrl+Shift+P", self.show_progress
        )
        self.help_action = self._action(
            self.tr("&Help"), QKeySequence(std.HelpContents), self.show_help
        )
        self.support_action = self._action(
            self.tr("&Support"),
            "Ctrl+Shift+S",
            self.show_support,
            self.tr("Where to find support: helplines"),
        )
        self.about_action = self._action(self.tr("&About"), "", self.show_about)
        menus = self.menuBar()
        for title, actions in (
            (
                self.tr("&File"),
                [
                    self.profile_action,
                    self.folder_action,
                    self.tutor_action,
                    None,
                    self.quit_action,
                ],
            ),
            (self.tr("&View"), [self.larger_action, self.smaller_action, self.reset_action]),
            (self.tr("&Go"), [self.library_action, self.progress_action]),
            (self.tr("&Help"), [self.help_action, self.support_action, self.about_action]),
        ):
            menu = menus.addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.library_action,
            self.progress_action,
            self.help_action,
            self.support_action,
        ):
            toolbar.addAction(action)
            toolbar.widgetForAction(action).setAccessibleName(action.toolTip())
        self.addToolBar(toolbar)
        break_key = QShortcut(QKeySequence("Ctrl+B"), self.player)
        break_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        break_key.activated.connect(self._on_break_requested)
        search_key = QShortcut(QKeySequence(std.Find), self.library)
        search_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search_key.activated.connect(self.library.search_edit.setFocus)

    def _wire(self) -> None:
        c = self.controller
        c.learner_changed.connect(self._on_learner_changed)
        c.library_loaded.connect(self.library.refresh)
        c.library_warmed.connect(self.library.refresh)
        c.case_opened.connect(lambda: self.show_screen(self.player))
        c.case_paused.connect(self.library.refresh)
        c.error_raised.connect(lambda headline, advice: MessageDialog.warn(self, headline, advice))
        c.pdf_saved.connect(self._on_pdf_saved)
        c.sent_to_tutor.connect(self._on_sent_to_tutor)
        self.library.case_chosen.connect(self._on_case_chosen)
        self.library.folder_requested.connect(self._on_folder_requested)
        self.case_start.back_requested.connect(self.show_library)
        self.player.pause_requested.connect(self._on_pause_requested)
        self.player.break_requested.connect(self._on_break_requested)
        self.player.debrief_requested.connect(self._on_debrief_requested)
        self.player.support_requested.connect(self.show_support)

    # ------------------------------------------------------------------ later screens

    debrief = property(lambda self: self._later("debrief"))
    progress = property(lambda self: self._later("progress"))
    help = property(lambda self: self._later("help"))
    pause_screen = property(lambda self: self._later("pause_screen"))

    def _later(self, name: str) -> Any:
        """A screen not needed for the first paint, built (and wired) when first asked for."""
        screen = self._later_screens.get(name)
        if screen is None:
            screen = self._later_screens[name] = self._build_screen(name)
            self.stack.addWidget(screen)
            saved = self.prefs.layout(f"splitter/{name}")
            if saved is not None and hasattr(screen, "splitter"):
                screen.splitter.restoreState(saved)
        return screen

    def _build_screen(self, name: str) -> QWidget:
        c = self.controller
        if name == "debrief":
            from trainer.ui.screens.debrief import DebriefScreen

            debrief = DebriefScreen(c)
            debrief.library_requested.connect(self.show_library)
            debrief.pdf_requested.connect(self._on_pdf_requested)
            debrief.support_requested.connect(self.show_support)
            debrief.send_requested.connect(self._on_send_requested)
            return debrief
        if name == "progress":
            from trainer.ui.screens.progress import ProgressScreen

            progress = ProgressScreen(c)
            progress.review_requested.connect(self._on_review_requested)
            return progress
        from trainer.ui.screens.help import BreakScreen, HelpScreen

        if name == "help":
            return HelpScreen(c)
        pause = BreakScreen()
        pause.resume_requested.connect(self._on_resume_after_break)
        pause.library_requested.connect(self.show_library)
        return pause

    def _build_later_screens(self) -> None:
        for name in ("debrief", "progress", "help", "pause_screen"):
            self._later(name)

    def _is_current(self, name: str) -> bool:
        screen = self._later_screens.get(name)
        return screen is not None and self.stack.currentWidget() is screen

    # ------------------------------------------------------------------ navigation

    def start(self) -> None:
        """Show the profile screen; the library loads in the background (if not already)."""
        if not self.controller.is_loading and not self.controller.entries:
            self.controller.load_library()
        self.show_profile()

    def show_screen(self, screen: QWidget) -> None:
        if self._is_current("debrief") and screen is not self.debrief:
            self.debrief.save_reflection()
            if self.debrief.reflection.toPlainText().strip():
                self.statusBar().showMessage(self.tr("Your reflection is saved."), 8000)
        self.stack.setCurrentWidget(screen)

    def show_profile(self) -> None:
        self._leave_case()
        self.profile.refresh()
        self.show_screen(self.profile)

    def show_library(self) -> None:
        if self.controller.learner is None:
            self.show_profile()
            self.profile.explain_first_step(self.tr("the case library"))
            return
        self._leave_case()
        self.library.refresh()
        self.show_screen(self.library)
        self.library.tree.setFocus()

    def show_progress(self) -> None:
        if self.controller.learner is None:
            self.show_profile()
            self.profile.explain_first_step(self.tr("My progress"))
            return
        self._leave_case()
        self.progress.refresh()
        self.show_screen(self.progress)

    def show_help(self) -> None:
        self._leave_case()
        self.help.refresh()
        self.show_screen(self.help)

    def show_support(self) -> None:
        SupportDialog.present(self)

    def show_about(self) -> None:
        """Version and build (installer, pip or checkout), and where progress is kept."""
        from trainer.build_info import describe

        data_dir = self.controller.data_dir
        MessageDialog.inform(
            self,
            "About Casework Trainer",
            f"Casework Trainer {describe()}\n\nPractise domestic abuse casework on branching "
            f"cases, offline.\n\nYour progress is kept in:\n{data_dir}\n\n"
            f"The log file is:\n{data_dir / 'logs' / 'trainer.log'}",
        )

    def _leave_case(self) -> None:
        if self.stack.currentWidget() is self.player and self.controller.session is not None:
            self.controller.pause()

    # ------------------------------------------------------------------ handlers

    def _on_learner_changed(self, _learner: object) -> None:
        self.show_library()

    def _on_case_chosen(self, entry: object) -> None:
        entry = self.controller.ensure_loaded(entry)  # type: ignore[arg-type]
        if entry is None:
            self.library.refresh()
            return
        self.case_start.show_entry(entry)
        self.show_screen(self.case_start)

    def _on_pause_requested(self) -> None:
        self.controller.pause()
        self.show_library()
        self.statusBar().showMessage(
            self.tr("Paused. Your progress is saved; open the case to resume."), 10000
        )

    def _on_break_requested(self) -> None:
        if self.stack.currentWidget() is not self.player:
            return
        session = self.controller.session
        self.pause_screen.resume_button.setVisible(session is not None and not session.is_finished)
        self.controller.pause()
        self.show_screen(self.pause_screen)

    def _on_resume_after_break(self) -> None:
        entry = self.controller.entry
        if entry is None or not self.controller.resume_case(entry):
            self.show_library()

    def _on_debrief_requested(self) -> None:
        self.debrief.show_result()
        self.show_screen(self.debrief)

    def _on_review_requested(self, attempt: object) -> None:
        if self.controller.review_attempt(attempt):
            self._on_debrief_requested()

    def _on_folder_requested(self) -> None:
        folder = FileDialog.folder(self, self.tr("Add a folder of cases"))
        if folder is not None:
            self.controller.add_case_folder(folder)

    def _on_tutor_requested(self) -> None:
        folder = FileDialog.folder(self, self.tr("Open a folder of cases in tutor mode"))
        if folder is None:
            return
        from trainer.ui.tutor import open_tutor_window

        self.tutor_window = open_tutor_window(folder, self)
        self.tutor_window.show()

    def _on_pdf_requested(self) -> None:
        entry = self.controller.entry
        name = f"portfolio-{entry.case_id if entry else 'case'}.pdf"
        path = FileDialog.save_path(
            self, self.tr("Save the debrief as PDF"), Path.home() / name, "PDF (*.pdf)"
        )
        if path is not None:
            self.debrief.save_reflection()
            self.controller.export_debrief_pdf(path)

    def _on_pdf_saved(self, path: str) -> None:
        self.statusBar().showMessage(
            self.tr("Portfolio PDF saved to {path}").format(path=path), 10000
        )
        SavedDialog.show(
            self,
            self.tr("Your portfolio PDF is saved:\n{path}").format(path=path),
            Path(path).parent,
        )

    def _on_send_requested(self) -> None:
        folder = FileDialog.folder(
            self, self.tr("Choose a folder for your tutor (e.g. a shared drive)")
        )
        if folder is not None:
            self.debrief.save_reflection()
            self.controller.send_to_tutor(folder)

    def _on_sent_to_tutor(self, folder: str, files: list) -> None:
        names = "\n".join(f"• {Path(f).name}" for f in files)
        self.statusBar().showMessage(
            self.tr("Saved for your tutor in {folder}").format(folder=folder), 10000
        )
        SavedDialog.show(
            self,
            self.tr(
                "Saved for your tutor in {folder}:\n{names}\n\nSend both files to your tutor (for example by email or your course's shared drive). The progress file can be imported into their copy of the trainer."
            ).format(folder=folder, names=names),
            Path(folder),
        )

    # ------------------------------------------------------------------ comfort

    def apply_text_scale(self, scale: float) -> None:
        self.prefs.text_scale = scale
        font = QApplication.font()
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * scale)
        else:
            font.setPixelSize(round(self._base_font.pixelSize() * scale))
        QApplication.setFont(font)

    def larger_text(self) -> None:
        now = self.prefs.text_scale
        self.apply_text_scale(next((s for s in TEXT_SCALES if s > now), TEXT_SCALES[-1]))

    def smaller_text(self) -> None:
        now = self.prefs.text_scale
        self.apply_text_scale(next((s for s in reversed(TEXT_SCALES) if s < now), TEXT_SCALES[0]))

    def _splitters(self) -> dict[str, QSplitter]:
        """Splitters of the screens built so far (a later screen restores its own)."""
        built = {
            name: screen.splitter
            for name, screen in self._later_screens.items()
            if hasattr(screen, "splitter")
        }
        return {"player": self.player.splitter, **built}

    def _restore_layout(self) -> None:
        geometry = self.prefs.layout("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        state = self.prefs.layout("window/state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in self._splitters().items():
            saved = self.prefs.layout(f"splitter/{key}")
            if saved is not None:
                splitter.restoreState(saved)

    def _fit_to_screen(self) -> None:
        """The first window: 1100 x 760, or less on a small screen (a 1366 x 768 laptop
        has a panel and a title bar too), centred on the screen."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1100, 760)
            return
        free = screen.availableGeometry()
        width = min(1100, int(free.width() * 0.95))
        height = min(760, int(free.height() * 0.9))
        self.resize(width, height)
        self.move(free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2)

    def save_layout(self) -> None:
        self.prefs.set_layout("window/geometry", self.saveGeometry())
        self.prefs.set_layout("window/state", self.saveState())
        for key, splitter in self._splitters().items():
            self.prefs.set_layout(f"splitter/{key}", splitter.saveState())
        self.prefs.sync()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self.controller.is_painted:
            # Once this first paint is on screen (the next turn of the event loop), start
            # the work that waited for it (checking the cached library).
            QTimer.singleShot(0, self.controller, self.controller.window_painted)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._is_current("debrief"):
            self.debrief.save_reflection()
        self.save_layout()
        super().closeEvent(event)
