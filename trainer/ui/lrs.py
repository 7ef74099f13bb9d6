"""Sending learning records to a Learning Record Store, in the app.

* :class:`SyncPanel` sits in the status bar: "N records waiting to send" and the last
  time records were sent (hidden while sync is off). It reads one count from the store
  every few seconds; it never waits for the network.
* The sending itself is :class:`trainer.store.lrs.BackgroundSender`: a daemon thread with
  its own database connection, nudged when something is recorded.
* :class:`LrsDialog` (File > Learning Record Store…) is for the course lead: endpoint, key
  and secret, home page, activity base, pseudonymise, send names.

:func:`install_sync` wires all three into the main window.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.core.errors import TrainerError
from trainer.store.lrs import (
    BackgroundSender,
    LrsSettings,
    load_credentials,
    load_settings,
    recorder_for,
    save_credentials,
    save_settings,
    sync_status,
)

if TYPE_CHECKING:
    from trainer.ui.main_window import MainWindow


def when_text(stamp: str | None) -> str:
    """A stored UTC timestamp as local time: today as 14:32, other days with the date."""
    if not stamp:
        return "never"
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    now = datetime.now(UTC).astimezone()
    return moment.strftime("%H:%M" if moment.date() == now.date() else "%d %b %Y %H:%M")


class SyncPanel(QLabel):
    """The status-bar text about records waiting for the LRS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lrs-sync-status")
        self.setAccessibleName(
            QCoreApplication.translate("SyncPanel", "Learning records waiting to send")
        )
        self.setVisible(False)

    def show_status(
        self, enabled: bool, waiting: int, last_sync: str | None, problem: str | None
    ) -> None:
        self.setVisible(enabled or waiting > 0)
        if waiting:
            if waiting == 1:
                text = QCoreApplication.translate("SyncPanel", "1 record waiting to send")
            else:
                text = QCoreApplication.translate(
                    "SyncPanel", "{count} records waiting to send"
                ).format(count=f"{waiting:,}")
        else:
            text = QCoreApplication.translate("SyncPanel", "All records sent")
        text += QCoreApplication.translate("SyncPanel", " · last sent {when}").format(
            when=when_text(last_sync)
        )
        self.setText(text)
        self.setToolTip(
            (
                QCoreApplication.translate(
                    "SyncPanel", "Not sent yet: {problem}\nNothing is lost; the app keeps trying."
                ).format(problem=problem)
                if problem and waiting
                else ""
            )
            or QCoreApplication.translate(
                "SyncPanel", "Your progress is also sent to your course's Learning Record Store."
            )
        )


class SyncManager(QObject):
    """Starts and stops the background sender and keeps the status panel current."""

    def __init__(self, window: MainWindow, refresh_ms: int = 3000) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.controller.store
        self.panel = SyncPanel(window)
        window.statusBar().addPermanentWidget(self.panel)
        self.sender: BackgroundSender | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        window.destroyed.connect(self.stop)
        c = window.controller
        for signal in (c.decision_recorded, c.case_finished, c.case_paused, c.case_opened):
            signal.connect(self.nudge)
        self.restart()

    def restart(self) -> None:
        """Follow the settings: (re)start sending when sync is on, stop when off."""
        self.stop()
        self.store.xapi = None if self.store.read_only else recorder_for(self.store.data_dir)
        if self.store.xapi is not None:
            self.sender = BackgroundSender(self.store.data_dir).start()
        self.refresh()

    def nudge(self, *args: object) -> None:
        if self.sender is not None:
            self.sender.nudge()
        QTimer.singleShot(500, self.refresh)

    def stop(self) -> None:
        if self.sender is not None:
            self.sender.stop(timeout=2)
            self.sender = None

    def refresh(self) -> None:
        try:
            found = sync_status(self.store)
        except TrainerError:
            return
        problem = self.sender.last_error if self.sender is not None else found.last_error
        self.panel.show_status(found.enabled, found.waiting, found.last_sync, problem)


class LrsDialog(QDialog):
    """The course lead's settings for sending records to an LRS."""

    def __init__(self, folder: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Learning Record Store")
        self.setAccessibleName("Learning Record Store settings")
        try:
            self.settings = load_settings(folder)  # type: ignore[arg-type]
            problem = ""
        except TrainerError as exc:
            self.settings, problem = LrsSettings(), f"{exc.headline} {exc.advice}"
        layout = QVBoxLayout(self)
        intro = QLabel(
            "For course leads: send learners' progress (xAPI 1.0.3 statements) to your "
            "institution's Learning Record Store. Records wait on this computer until they "
            "can be sent; nothing is lost when it is offline."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.enabled = self._check("&Send records to the LRS", self.settings.enabled)
        self.endpoint = self._edit(
            "xAPI endpoint", self.settings.endpoint, "https://lrs.uni.example/xAPI/"
        )
        self.key = self._edit("Key", "", "the LRS key (user name)")
        self.secret = self._edit("Secret", "", "the LRS secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.home_page = self._edit("Student accounts' home page", self.settings.home_page, "")
        self.activity_base = self._edit("Activity base IRI", self.settings.activity_base, "")
        self.pseudonymise = self._check(
            "&Pseudonymise (send a pseudonymous id, not the student ID number)",
            self.settings.pseudonymise,
        )
        self.send_names = self._check("Also send learners' &names", self.settings.send_names)
        self.pseudonym_key = self._edit(
            "Pseudonym key", self.settings.pseudonym_key, "the same text on every computer"
        )
        if self.settings.endpoint:
            try:
                key, _secret = load_credentials(folder, self.settings.endpoint)  # type: ignore[arg-type]
                self.key.setText(key)
                self.secret.setPlaceholderText("saved (type to change)")
            except TrainerError:
                pass
        form.addRow(self.enabled)
        for label, edit in (
            ("&Endpoint:", self.endpoint),
            ("&Key:", self.key),
            ("S&ecret:", self.secret),
            ("&Home page:", self.home_page),
            ("&Activity base:", self.activity_base),
        ):
            form.addRow(label, edit)
        form.addRow(self.pseudonymise)
        form.addRow("Pseudonym &key:", self.pseudonym_key)
        form.addRow(self.send_names)
        layout.addLayout(form)
        self.message = QLabel(problem)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.warning = ""

    def _edit(self, name: str, value: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(360)
        return edit

    def _check(self, text: str, value: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(value)
        box.setAccessibleName(text.replace("&", ""))
        return box

    def save(self) -> None:
        """Save the settings (and the key and secret); stay open with the reason if not."""
        s = self.settings
        s.enabled = self.enabled.isChecked()
        s.endpoint = self.endpoint.text().strip()
        s.home_page = self.home_page.text().strip()
        s.activity_base = self.activity_base.text().strip()
        s.pseudonymise = self.pseudonymise.isChecked()
        s.send_names = self.send_names.isChecked()
        s.pseudonym_key = self.pseudonym_key.text().strip()
        key, secret = self.key.text().strip(), self.secret.text()
        if s.enabled and (not key or not (secret or self.secret.placeholderText())):
            self.message.setText("Type the LRS key and secret to send records.")
            return
        try:
            save_settings(self.folder, s)  # type: ignore[arg-type]
            if key and secret:
                self.warning = save_credentials(self.folder, s.endpoint, key, secret) or ""  # type: ignore[arg-type]
        except (TrainerError, OSError) as exc:
            text = f"{exc.headline} {exc.advice}" if isinstance(exc, TrainerError) else str(exc)
            self.message.setText(f"Not saved: {text}".strip())
            return
        self.accept()


def install_sync(window: MainWindow) -> SyncManager:
    """The status panel, the sender and File > Learning Record Store… for ``window``."""
    from PySide6.QtGui import QAction

    manager = SyncManager(window)
    action = QAction(QCoreApplication.translate("SyncPanel", "Learning &Record Store…"), window)
    action.setToolTip(
        QCoreApplication.translate("SyncPanel", "For course leads: send progress to an LRS (xAPI)")
    )

    def open_dialog() -> None:
        dialog = LrsDialog(window.controller.store.data_dir, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            manager.restart()
            if dialog.warning:
                from trainer.ui.dialogs import MessageDialog

                MessageDialog.warn(
                    window, "The LRS key and secret are kept in a file.", dialog.warning
                )

    action.triggered.connect(open_dialog)
    window.lrs_action = action  # type: ignore[attr-defined]
    file_menu = window.menuBar().actions()[0].menu()
    before = window.tutor_action
    file_menu.insertAction(before, action)
    return manager
