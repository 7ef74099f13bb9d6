"""The tutor window: a watched folder of cases, its problems, the branch map, paths and play."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from trainer.core.errors import Problem, TrainerError
from trainer.core.expectations import expectation_path
from trainer.core.schema import schema_text
from trainer.core.template import SCHEMA_NAME, starter_case, starter_expectations
from trainer.ui.tutor.branchmap import BranchMap
from trainer.ui.tutor.controller import TutorController
from trainer.ui.tutor.mapdata import TutorCase, build_map, scene_details_html
from trainer.ui.tutor.pathtable import PathTable
from trainer.ui.tutor.player import TutorPlayer
from trainer.ui.tutor.problems import ProblemsPanel
from trainer.ui.tutor.translations import show_translations


class NewCaseDialog:
    """Asks for a new case id; tests replace :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        text, ok = QInputDialog.getText(
            parent, "New case", "Case id (lower-case letters, digits and hyphens):"
        )
        return text.strip() if ok and text.strip() else None


class ExportDialog:
    """Asks where to export the map; tests replace :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget, suffix: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export the branch map", f"branch-map.{suffix}", f"*.{suffix}"
        )
        return Path(name) if name else None


class TutorWindow(QMainWindow):
    """Tutor mode for one folder. Saving a case in any editor updates every view."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder).resolve()
        self.setWindowTitle(self.tr("Tutor mode — {folder}").format(folder=self.folder))
        self.resize(1280, 820)
        self.controller = TutorController(self.folder, self)
        self.current: Path | None = None
        self._map_key: tuple[Path, str] | None = None
        self._loaded_key: tuple[Path, str] | None = None

        self.case_list = QListWidget()
        self.case_list.currentItemChanged.connect(self._on_case_changed)
        self.map = BranchMap()
        self.map.scene_clicked.connect(self._on_scene_clicked)
        self.details = QTextBrowser()
        self.details.setPlaceholderText(self.tr("Click a scene on the map to see it here."))
        map_split = QSplitter(Qt.Orientation.Horizontal)
        map_split.addWidget(self.map)
        map_split.addWidget(self.details)
        map_split.setSizes([760, 420])
        self.paths = PathTable()
        self.player = TutorPlayer()
        self.tabs = QTabWidget()
        self.tabs.addTab(map_split, self.tr("Branch map"))
        self.tabs.addTab(self.paths, self.tr("Paths"))
        self.tabs.addTab(self.player, self.tr("Play"))
        self.setCentralWidget(self.tabs)
        self.problems = ProblemsPanel()
        self.problems.problem_activated.connect(self._on_problem_activated)
        self._dock("Cases", self.case_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._build_actions()
        self.controller.reloaded.connect(self._on_controller_reloaded)
        self.controller.path_tests_finished.connect(lambda _: self._show_problems())
        self.controller.reload()

    # ------------------------------------------------------------------ building

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.reload_action = self._action(self.tr("Reload"), self.controller.reload, "F5")
        self.test_action = self._action(self.tr("Test paths"), self._on_test_paths, "Ctrl+T")
        self.new_action = self._action(self.tr("New case…"), self._on_new_case, "Ctrl+N")
        self.png_action = self._action(
            self.tr("Export map as PNG…"), lambda: self._on_export("png")
        )
        self.svg_action = self._action(
            self.tr("Export map as SVG…"), lambda: self._on_export("svg")
        )
        zoom_in = self._action(self.tr("Zoom in"), lambda: self.map.zoom(1.25), "Ctrl++")
        zoom_out = self._action(self.tr("Zoom out"), lambda: self.map.zoom(0.8), "Ctrl+-")
        fit = self._action(self.tr("Fit map"), self.map.fit, "Ctrl+0")
        case_menu = self.menuBar().addMenu(self.tr("&Case"))
        for action in (self.new_action, self.reload_action, self.test_action):
            case_menu.addAction(action)
        map_menu = self.menuBar().addMenu(self.tr("&Map"))
        for action in (zoom_in, zoom_out, fit, self.png_action, self.svg_action):
            map_menu.addAction(action)
        toolbar = self.addToolBar("Tutor")
        toolbar.setObjectName("tutor-toolbar")
        for action in (
            self.new_action,
            self.reload_action,
            self.test_action,
            zoom_in,
            zoom_out,
            fit,
            self.png_action,
            self.svg_action,
        ):
            toolbar.addAction(action)

    # ------------------------------------------------------------------ updating

    def current_case(self) -> TutorCase | None:
        return self.controller.cases.get(self.current) if self.current else None

    def _on_controller_reloaded(self) -> None:
        cases = self.controller.cases
        self.problems.note = ""  # a file changed: the last path test's outcome may not hold
        if self.current not in cases:
            self.current = next(iter(cases), None)
        self.case_list.blockSignals(True)
        self.case_list.clear()
        for path, tutor_case in cases.items():
            if tutor_case.errors:
                text = f"✖ {path.relative_to(self.folder)} — {tutor_case.errors} error(s)"
            elif tutor_case.warnings:
                text = f"⚠ {path.relative_to(self.folder)} — {tutor_case.warnings} warning(s)"
            else:
                text = f"✔ {path.relative_to(self.folder)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.case_list.addItem(item)
            if path == self.current:
                self.case_list.setCurrentItem(item)
        self.case_list.blockSignals(False)
        self._show_problems()
        self._show_case()

    def _show_problems(self) -> None:
        self.problems.set_problems(self.controller.problems(), self.folder)

    def _show_case(self) -> None:
        """Refresh the views of the current case; a view whose content did not change keeps
        its state (a play in progress, the table's sort, the map's scroll position)."""
        tutor_case = self.current_case()
        draft = tutor_case.draft if tutor_case else None
        loaded = tutor_case.loaded if tutor_case else None
        draft_key = (draft.path, draft.sha256) if draft is not None else None
        loaded_key = (loaded.path, loaded.sha256) if loaded is not None else None
        if draft_key != self._map_key or draft is None:
            self._map_key = draft_key
            self.map.show_map(build_map(draft) if draft is not None else None)
        if loaded_key != self._loaded_key or loaded is None:
            self._loaded_key = loaded_key
            self.paths.set_case(loaded)
            self.player.set_case(loaded)
        show_translations(self, loaded)
        selected = self.map.selected_scene()
        if draft is not None and selected:
            self.details.setHtml(scene_details_html(draft, selected))
        elif tutor_case is None:
            self.details.setHtml("<p>No case files in this folder yet: use Case › New case….</p>")
        else:
            self.details.clear()

    def select_case(self, path: Path) -> None:
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            if Path(item.data(Qt.ItemDataRole.UserRole)) == Path(path):
                self.case_list.setCurrentItem(item)
                return
        raise KeyError(path)

    # ------------------------------------------------------------------ handlers

    def _on_case_changed(self, current: QListWidgetItem | None, previous: object) -> None:
        if current is None:
            return
        self.current = Path(current.data(Qt.ItemDataRole.UserRole))
        self._show_case()

    def _on_scene_clicked(self, scene_id: str) -> None:
        tutor_case = self.current_case()
        if tutor_case is not None and tutor_case.draft is not None:
            self.details.setHtml(scene_details_html(tutor_case.draft, scene_id))

    def _on_problem_activated(self, problem: Problem) -> None:
        path = Path(problem.file)
        if path in self.controller.cases and path != self.current:
            self.select_case(path)

    def _on_test_paths(self) -> None:
        """Walk the current case's paths and say what came of it, in the Problems panel
        (until a file changes) and the status bar; a clean run says so too."""
        tutor_case = self.current_case()
        if self.current is None or tutor_case is None:
            message = "✖ No case to test: choose one in the Cases list (or Case › New case…)."
        elif tutor_case.loaded is None:
            message = (
                f"✖ {self.current.name} cannot be path-tested until its errors are fixed "
                "(see the list below)."
            )
        else:
            found = self.controller.run_path_tests(self.current)
            walked = self.controller.paths_walked.get(self.current, 0)
            paths = f"{walked} path{'s' if walked != 1 else ''}"
            message = (
                f"✖ Path tests on {self.current.name}: {len(found)} failure(s) in {paths} "
                "walked; they are listed below."
                if found
                else f"✔ Path tests passed on {self.current.name}: {paths} walked, no failures."
            )
        self.problems.set_note(message)
        self.statusBar().showMessage(message, 15000)

    def _on_new_case(self) -> None:
        case_id = NewCaseDialog.ask(self)
        if not case_id:
            return
        case_file = self.folder / f"{case_id}.yaml"
        try:
            if case_file.exists():
                raise TrainerError(f"{case_file.name} already exists.", "Choose another id.")
            text = starter_case(case_id)
        except TrainerError as exc:
            QMessageBox.warning(self, "Could not create the case", str(exc))
            return
        case_file.write_text(text, encoding="utf-8")
        expect = expectation_path(case_file)
        if not expect.exists():
            expect.write_text(starter_expectations(case_id), encoding="utf-8")
        schema = self.folder / SCHEMA_NAME
        if not schema.exists():
            schema.write_text(schema_text("case"), encoding="utf-8")
        self.current = case_file
        self.controller.reload()

    def _on_export(self, suffix: str) -> None:
        target = ExportDialog.ask(self, suffix)
        if target is None:
            return
        ok = self.map.export_png(target) if suffix == "png" else self.map.export_svg(target)
        if not ok:
            QMessageBox.warning(
                self, "Could not export the map", f"Check that {target.parent} is writable."
            )
        else:
            self.statusBar().showMessage(self.tr("Exported {target}").format(target=target), 8000)
