"""Tutor mode's controller: watches a folder of cases and re-checks them when one is saved.

Editors save in different ways (write in place, or write a new file and
rename it over the old one), so every reload re-arms the watcher on every file
and folder, and a short debounce folds a burst of change signals into one
reload, well within a second of the save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from trainer.core.errors import Problem
from trainer.core.expectations import check_expectations, expectation_path, load_expectations
from trainer.core.loader import CATALOGUE_NAME, case_files
from trainer.core.pathcheck import check_paths
from trainer.ui.tutor.mapdata import TutorCase, load_for_tutor

DEBOUNCE_MS = 250


class TutorController(QObject):
    """Holds the folder's cases and their problems; the views only ask and display."""

    reloaded = Signal()
    path_tests_finished = Signal(str)  # the case file

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.cases: dict[Path, TutorCase] = {}
        self.expectation_problems: dict[Path, list[Problem]] = {}
        self.path_problems: dict[Path, list[Problem]] = {}
        self.paths_walked: dict[Path, int] = {}  # distinct paths the last path test walked
        self.reload_count = 0
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.watcher.directoryChanged.connect(self._on_file_changed)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.reload)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Load and check every case in the folder, then re-arm the watcher."""
        self.debounce.stop()
        cases: dict[Path, TutorCase] = {}
        expectation_problems: dict[Path, list[Problem]] = {}
        for path in case_files(self.folder) if self.folder.is_dir() else []:
            try:
                tutor_case = load_for_tutor(path)
                expectation_problems[path] = self._check_expectations(tutor_case)
            except Exception as exc:  # one broken file must not stop the others being checked
                problem = Problem(str(path), 0, 0, "error", f"could not be checked: {exc!r}")
                tutor_case = TutorCase(path, None, None, (problem,))
                expectation_problems[path] = []
            cases[path] = tutor_case
        self.cases = cases
        self.expectation_problems = expectation_problems
        self.path_problems = {p: v for p, v in self.path_problems.items() if p in cases}
        self._watch()
        self.reload_count += 1
        self.reloaded.emit()

    def _check_expectations(self, tutor_case: TutorCase) -> list[Problem]:
        file = expectation_path(tutor_case.path)
        if not file.is_file():
            return []
        expectations, problems = load_expectations(file)
        if expectations is None or tutor_case.loaded is None:
            return problems
        for outcome in check_expectations(tutor_case.loaded, expectations):
            problems.extend(outcome.problems)
        return problems

    def run_path_tests(self, path: Path) -> list[Problem]:
        """Walk the case's paths (``trainer test``) and keep the failures as problems."""
        tutor_case = self.cases.get(path)
        if tutor_case is None or tutor_case.loaded is None:
            return []
        report = check_paths(tutor_case.loaded)
        found = []
        for failure, count in report.grouped():
            problem = failure.problem(tutor_case.loaded)
            if count > 1:
                message = f"{problem.message} (and {count - 1} more path(s) like it)"
                problem = Problem(problem.file, problem.line, problem.column, "error", message)
            found.append(problem)
        self.path_problems[path] = found
        self.paths_walked[path] = report.checked
        self.path_tests_finished.emit(str(path))
        return found

    def problems(self) -> list[Problem]:
        """Every problem in the folder: validation, expectations and path tests."""
        out: list[Problem] = []
        for path, tutor_case in self.cases.items():
            out.extend(tutor_case.problems)
            out.extend(self.expectation_problems.get(path, []))
            out.extend(self.path_problems.get(path, []))
        return out

    # ------------------------------------------------------------------ watching

    def _watched(self) -> list[str]:
        paths = [self.folder, *self.cases]
        paths += [expectation_path(p) for p in self.cases]
        paths += [d for d in self.folder.rglob("*") if d.is_dir()] if self.folder.is_dir() else []
        paths.append(self.folder / CATALOGUE_NAME)
        return sorted({str(p) for p in paths if p.exists()})

    def _watch(self) -> None:
        wanted = set(self._watched())
        current = set(self.watcher.files()) | set(self.watcher.directories())
        stale = sorted(current - wanted)
        if stale:
            self.watcher.removePaths(stale)
        # re-add everything: a file replaced by a rename is no longer watched
        missing = sorted(wanted - (set(self.watcher.files()) | set(self.watcher.directories())))
        if missing:
            self.watcher.addPaths(missing)

    def _on_file_changed(self, path: str) -> None:
        self.debounce.start()
