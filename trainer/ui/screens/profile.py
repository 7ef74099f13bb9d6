"""Profile: pick a learner profile or create one (the last one is preselected)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.language import qtr
from trainer.ui.widgets import heading, named

INTRO = QT_TRANSLATE_NOOP(
    "Profile",
    "Practise domestic abuse casework on short branching cases. Your answers and progress "
    "stay on this computer. Some cases deal with distressing themes: each one has a content "
    "note, you can pause at any moment, and support is always one click away (Support in the "
    "toolbar).",
)


class ProfileScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        # The page scrolls rather than squeezing the fields when large text needs more
        # height than the window has.
        page = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        around = QVBoxLayout(self)
        around.setContentsMargins(0, 0, 0, 0)
        around.addWidget(scroll)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(heading(self.tr("Welcome to Casework Trainer"), 1))
        intro = QLabel(qtr("Profile", INTRO))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        # Why the learner is here when they asked for the library or their progress.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("profile-notice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(8)
        self.notice.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.notice.setAutoFillBackground(True)
        self.notice.setVisible(False)
        outer.addWidget(self.notice)

        self.pick_box = QGroupBox(self.tr("Continue with your profile"))
        pick = QVBoxLayout(self.pick_box)
        self.learner_list = named(QListWidget(), self.tr("Profiles on this computer"))
        self.learner_list.itemActivated.connect(self._on_learner_activated)
        self.continue_button = named(
            QPushButton(self.tr("&Continue")), self.tr("Continue with the selected profile")
        )
        self.continue_button.setAutoDefault(True)
        self.continue_button.clicked.connect(self._on_continue_clicked)
        pick.addWidget(self.learner_list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.continue_button)
        pick.addLayout(row)
        outer.addWidget(self.pick_box)

        create_box = QGroupBox(self.tr("Create a new profile"))
        form = QFormLayout(create_box)
        self.name_edit = named(QLineEdit(), self.tr("Your name (required)"))
        self.student_id_edit = named(QLineEdit(), self.tr("Student ID number (optional)"))
        self.cohort_edit = named(QLineEdit(), self.tr("Cohort or course (optional)"))
        self.name_edit.setPlaceholderText(self.tr("The name you want to see, e.g. Alex"))
        self.student_id_edit.setPlaceholderText(self.tr("Optional: for your tutor's records"))
        self.cohort_edit.setPlaceholderText(self.tr("Optional: e.g. BA Social Work 2026"))
        for text, edit in (
            (self.tr("&Name"), self.name_edit),
            (self.tr("Student &ID"), self.student_id_edit),
            (self.tr("C&ohort"), self.cohort_edit),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.returnPressed.connect(self._on_create_clicked)
        self.create_button = named(
            QPushButton(self.tr("C&reate profile")), self.tr("Create the new profile")
        )
        self.create_button.setAutoDefault(True)
        self.create_button.clicked.connect(self._on_create_clicked)
        form.addRow("", self.create_button)
        outer.addWidget(create_box)
        outer.addStretch(1)

        self.setTabOrder(self.learner_list, self.continue_button)
        self.setTabOrder(self.continue_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.student_id_edit)
        self.setTabOrder(self.student_id_edit, self.cohort_edit)
        self.setTabOrder(self.cohort_edit, self.create_button)

    def refresh(self) -> None:
        self.notice.setVisible(False)
        self.learner_list.clear()
        remembered = self.controller.remembered_learner_id()
        for learner in self.controller.learners():
            extra = " · ".join(x for x in (learner.cohort, learner.student_id) if x)
            item = QListWidgetItem(learner.display_name + (f"   ({extra})" if extra else ""))
            item.setData(Qt.ItemDataRole.UserRole, learner.id)
            self.learner_list.addItem(item)
            if learner.id == remembered or self.learner_list.currentRow() < 0:
                self.learner_list.setCurrentItem(item)
        has_learners = self.learner_list.count() > 0
        self._fit_list()
        self.pick_box.setVisible(has_learners)
        (self.continue_button if has_learners else self.name_edit).setFocus()

    def explain_first_step(self, wanted: str) -> None:
        """Say why ``wanted`` (e.g. "the case library") did not open: there is no profile
        yet, or none chosen; focus goes where the learner acts next."""
        if self.learner_list.count():
            text = (
                f"<b>Choose your profile first.</b> Then {escape(wanted)} opens: pick your "
                "name below and press <b>Continue</b>, or create a new profile."
            )
            target: QWidget = self.learner_list
        else:
            text = (
                f"<b>Create a profile first.</b> Then {escape(wanted)} opens: type your name "
                "below and press <b>Create profile</b>. Your progress is kept under it."
            )
            target = self.name_edit
        self.notice.setText(text)
        self.notice.setAccessibleName(self.notice.text().replace("<b>", "").replace("</b>", ""))
        self.notice.setVisible(True)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_list(self) -> None:
        """As tall as its profiles (up to six rows), so one profile is not lost in a box."""
        rows = min(max(self.learner_list.count(), 1), 6)
        row = max(self.learner_list.sizeHintForRow(0), self.learner_list.fontMetrics().height())
        self.learner_list.setMaximumHeight(rows * row + 2 * self.learner_list.frameWidth() + 6)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_list()

    def _on_learner_activated(self, item: QListWidgetItem) -> None:
        self.controller.select_learner(item.data(Qt.ItemDataRole.UserRole))

    def _on_continue_clicked(self) -> None:
        item = self.learner_list.currentItem()
        if item is not None:
            self._on_learner_activated(item)

    def _on_create_clicked(self) -> None:
        if self.controller.create_learner(
            self.name_edit.text(), self.student_id_edit.text(), self.cohort_edit.text()
        ):
            for edit in (self.name_edit, self.student_id_edit, self.cohort_edit):
                edit.clear()
