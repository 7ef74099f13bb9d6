"""Start the desktop app: ``trainer`` with no arguments calls :func:`run_app`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer import __version__
from trainer.build_info import describe
from trainer.core.errors import TrainerError
from trainer.core.paths import bundled_root
from trainer.ui.controller import Controller
from trainer.ui.errors import install_excepthook, setup_logging
from trainer.ui.language_glue import attach_language, start_language
from trainer.ui.main_window import MainWindow
from trainer.ui.preferences import Preferences
from trainer.ui.tasks import wait_for_background

APP_NAME = "CaseworkTrainer"
log = logging.getLogger("trainer.ui")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named so QSettings and data paths agree."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Casework Trainer")
    app.setApplicationVersion(__version__)
    icon = bundled_root() / "assets" / "icon.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def build_window(store: object, bundled: list[Path] | None = None) -> MainWindow:
    """Controller and main window over an open store (tests call this with their own folders)."""
    prefs = Preferences(Path(store.data_dir) / "settings.ini")  # type: ignore[attr-defined]
    controller = Controller(store, prefs, bundled)  # type: ignore[arg-type]
    controller.load_library()  # in the background, while the window is built
    language = start_language(controller, prefs)  # before the screens are built
    return attach_language(MainWindow(controller, prefs), language)


def run_app(data_dir: Path | None = None) -> int:
    """Open the app on ``data_dir`` (or the default data folder); return the exit code."""
    from trainer.store import open_store
    from trainer.system_libraries import display_problem

    problem = display_problem()
    if problem:  # Qt would abort the process (exit 134) with a misleading message
        print(problem, file=sys.stderr)
        return 1
    app = create_application()
    try:
        store = open_store(data_dir)
    except TrainerError as exc:
        QMessageBox.critical(None, "Casework Trainer", f"{exc.headline}\n\n{exc.advice}".strip())
        return 1
    log_file = setup_logging(store.data_dir)
    install_excepthook(log_file)
    log.info("Casework Trainer %s, data folder %s", describe(), store.data_dir)
    window = build_window(store)
    window.show()
    window.start()
    for notice in store.notices:
        log.warning(notice)
        QMessageBox.information(window, "Casework Trainer", notice)
    try:
        return app.exec()
    finally:
        wait_for_background()
        store.close()


def main() -> None:
    """Entry point for a GUI launcher (``[project.gui-scripts]``): no console on Windows,
    so everything goes to the log file; the data folder is $TRAINER_HOME or the default."""
    raise SystemExit(run_app())
