"""Library: every case with its status and best score; search and filter; broken cases listed."""

from __future__ import annotations

import sys
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.controller import Controller
from trainer.ui.language import has_language, language_choices, languages_line, qtr
from trainer.ui.library import FOCUS_WORDS, JURISDICTION_WORDS, LibraryEntry
from trainer.ui.widgets import heading, markdown_html, named, wrap_rows

COLUMNS = (
    QT_TRANSLATE_NOOP("Words", "Case"),
    QT_TRANSLATE_NOOP("Words", "Focus"),
    QT_TRANSLATE_NOOP("Words", "Details"),
    QT_TRANSLATE_NOOP("Words", "Status"),
    QT_TRANSLATE_NOOP("Words", "Best score"),
)
FOCUS_COLUMN = 1
STATUS_COLUMN = 3
NARROW_CHARACTERS = 120  # average characters across the list below which Focus is hidden
STATUSES = ("not started", "in progress", "completed", "passed")
STATUS_WORDS = {
    "not started": QT_TRANSLATE_NOOP("Words", "Not started"),
    "in progress": QT_TRANSLATE_NOOP("Words", "▶ In progress"),
    "completed": QT_TRANSLATE_NOOP("Words", "● Completed"),
    "passed": QT_TRANSLATE_NOOP("Words", "✔ Passed"),
}
ALL = "All"
LEVEL_WORDS = (  # case.level.capitalize(), shown through qtr("Words", ...)
    QT_TRANSLATE_NOOP("Words", "Introductory"),
    QT_TRANSLATE_NOOP("Words", "Intermediate"),
    QT_TRANSLATE_NOOP("Words", "Advanced"),
)


class LibraryScreen(QWidget):
    case_chosen = Signal(object)  # LibraryEntry
    folder_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        # The title and who is signed in share a line: at large text sizes every line
        # the list does not get is a row of cases fewer.
        title_row = QHBoxLayout()
        self.title = heading(self.tr("Case library"), 1)
        self.title.setWordWrap(False)
        self.signed_in = QLabel()
        self.signed_in.setWordWrap(True)
        self.signed_in.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.title)
        title_row.addWidget(self.signed_in, 1)
        outer.addLayout(title_row)

        search_row = QHBoxLayout()
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.search_edit = named(QLineEdit(), self.tr("Search cases by title, summary or tag"))
        self.search_edit.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.focus_filter = self._combo("Filter by focus", [ALL, *FOCUS_WORDS.values()])
        self.tag_filter = self._combo("Filter by tag", [ALL])
        self.status_filter = self._combo(
            "Filter by status", [ALL, *(s.capitalize() for s in STATUSES)]
        )
        self.language_filter = self._combo(self.tr("Filter by language"), language_choices())
        for row, label_text, widget in (
            (search_row, self.tr("&Search"), self.search_edit),
            (bar, self.tr("F&ocus"), self.focus_filter),
            (bar, self.tr("&Tag"), self.tag_filter),
            (bar, self.tr("St&atus"), self.status_filter),
            (bar, self.tr("La&nguage"), self.language_filter),
        ):
            label = QLabel(label_text)
            label.setBuddy(widget)
            # A label keeps its whole word at any text size; the box beside it gives way.
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            label.setContentsMargins(0, 0, 2, 0)
            if row.count():  # a clear gap between one filter and the next label
                row.addSpacing(14)
            row.addWidget(label)
            row.addWidget(widget, 1)
        outer.addLayout(search_row)
        outer.addLayout(bar)
        self.search_edit.textChanged.connect(self._apply_filters)
        for combo in (self.focus_filter, self.tag_filter, self.status_filter, self.language_filter):
            combo.currentIndexChanged.connect(self._apply_filters)

        self.tree = named(
            QTreeWidget(), self.tr("Cases"), self.tr("Press Enter to open the selected case")
        )
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([qtr("Words", c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        wrap_rows(self.tree)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (STATUS_COLUMN, STATUS_COLUMN + 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.viewport().installEventFilter(self)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        outer.addWidget(self.tree, 4)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setMinimumHeight(60)
        outer.addWidget(self.detail_scroll, 1)

        row = QHBoxLayout()
        self.status_label = QLabel(self.tr("Loading cases…"))
        row.addWidget(self.status_label, 1)
        self.folder_button = named(
            QPushButton(self.tr("Add a case &folder…")), self.tr("Add a folder of cases")
        )
        self.folder_button.clicked.connect(self.folder_requested)
        self.open_button = named(
            QPushButton(self.tr("&Open case")), self.tr("Open the selected case")
        )
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self._on_open_clicked)
        row.addWidget(self.folder_button)
        row.addWidget(self.open_button)
        outer.addLayout(row)

        self.setTabOrder(self.search_edit, self.focus_filter)
        self.setTabOrder(self.focus_filter, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.tree)
        self.setTabOrder(self.tree, self.open_button)
        self.setTabOrder(self.open_button, self.folder_button)

    @staticmethod
    def _combo(name: str, items: list[str]) -> QComboBox:
        combo = named(QComboBox(), name)
        # Not as wide as the longest item: at 200% text that squeezed the labels.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.addItems(items)
        return combo

    # ------------------------------------------------------------------ filling

    def refresh(self) -> None:
        """Show the controller's entries with the learner's progress."""
        learner = self.controller.learner
        self.signed_in.setText(
            self.tr("Signed in as <b>{value}</b>").format(value=escape(learner.display_name))
            if learner
            else ""
        )
        progress = self.controller.case_progress()
        current = self.selected_entry()
        self.tree.clear()
        tags: set[str] = set()
        for entry in self.controller.entries:
            item = QTreeWidgetItem(self._row(entry, progress))
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            if entry.meta:
                tags.update(entry.meta.tags)
            else:
                item.setToolTip(0, entry.error)
            self.tree.addTopLevelItem(item)
            if current is not None and entry.path == current.path:
                self.tree.setCurrentItem(item)
        self._set_tags(sorted(tags))
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._apply_filters()
        # Once the wrapped rows have their heights, bring the selected case fully into view.
        QTimer.singleShot(0, self, self._reveal_current)

    def _row(self, entry: LibraryEntry, progress: dict) -> list[str]:
        case = entry.meta
        if entry.is_pending:
            return [entry.path.name, "", "", "Checking…", ""]
        if case is None:
            return [f"⚠ {entry.path.name}", "", "", "Cannot be opened", ""]
        prog = progress.get(case.id)
        status = prog.status if prog else "not started"
        best = f"{prog.best_percent:.0f}%" if prog and prog.best_percent is not None else "—"
        details = " · ".join(
            [
                qtr("Words", JURISDICTION_WORDS.get(case.jurisdiction, case.jurisdiction)),
                qtr("Words", case.level.capitalize()),
                self.tr("{minutes} min").format(minutes=QLocale().toString(case.minutes)),
            ]
        )
        # Tags are in the detail pane below (and the search and the tag filter use them):
        # in every row they made each case several lines tall.
        return [
            case.title,
            qtr("Words", FOCUS_WORDS.get(case.focus, case.focus)),
            details,
            qtr("Words", STATUS_WORDS.get(status, status)),
            best,
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Rows change height with the text size and the list with the window: keep the
        # selected case in view.
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            QTimer.singleShot(0, self, self._reveal_current)
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """When the list is narrow for its text (large text, or a small window), the Focus
        column gives its width to the titles: the focus is in the detail pane below and
        the Focus filter still works. Rows stay a few lines tall, so several show."""
        across = self.tree.viewport().width() / max(1, self.tree.fontMetrics().averageCharWidth())
        narrow = across < NARROW_CHARACTERS
        if self.tree.isColumnHidden(FOCUS_COLUMN) != narrow:
            self.tree.setColumnHidden(FOCUS_COLUMN, narrow)

    def _reveal_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.scrollToItem(item)

    def _set_tags(self, tags: list[str]) -> None:
        chosen = self.tag_filter.currentText()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItems([ALL, *tags])
        if chosen in tags:
            self.tag_filter.setCurrentText(chosen)
        self.tag_filter.blockSignals(False)

    def _apply_filters(self) -> None:
        words = self.search_edit.text().lower().split()
        focus = self.focus_filter.currentText()
        tag = self.tag_filter.currentText()
        status = self.status_filter.currentText().lower()
        visible_items = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            entry: LibraryEntry = item.data(0, Qt.ItemDataRole.UserRole)
            visible = self._matches(entry, item, words, focus, tag, status)
            visible = visible and has_language(entry, self.language_filter.currentIndex())
            item.setHidden(not visible)
            if visible:
                visible_items.append(item)
        # The selection never rests on a hidden case: it moves to the first case shown, or
        # goes (and Open case with it) when nothing matches.
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            target = visible_items[0] if visible_items else None
            self.tree.setCurrentItem(target)
            if target is None:
                self.tree.clearSelection()
        self._show_detail(self.tree.currentItem())
        self._show_count(len(visible_items))

    def _show_count(self, shown: int) -> None:
        """ "11 cases", or "3 of 11 cases" while a search or filter hides some."""
        entries = self.controller.entries
        broken = sum(1 for e in entries if not e.is_valid and not e.is_pending)
        if self.controller.is_loading and not entries:
            text = self.tr("Loading cases…")
        else:
            total = len(entries)
            if shown < total:
                text = self.tr("{shown} of {total} cases").format(shown=shown, total=total)
            else:
                text = (
                    self.tr("1 case")
                    if total == 1
                    else self.tr("{total} cases").format(total=total)
                )
            if broken:
                text += self.tr("; {broken} could not be opened").format(broken=broken)
            if self.controller.is_loading:
                text += self.tr(" (checking…)")
        self.status_label.setText(text)

    @staticmethod
    def _matches(
        entry: LibraryEntry,
        item: QTreeWidgetItem,
        words: list[str],
        focus: str,
        tag: str,
        status: str,
    ) -> bool:
        case = entry.meta
        if case is None:
            haystack = entry.path.name.lower()
            return all(w in haystack for w in words) and (focus, tag, status) == (ALL, ALL, "all")
        haystack = " ".join([case.title, case.summary, *case.tags]).lower()
        if not all(w in haystack for w in words):
            return False
        if focus != ALL and FOCUS_WORDS.get(case.focus) != focus:
            return False
        if tag != ALL and tag not in case.tags:
            return False
        shown_status = item.text(STATUS_COLUMN).lstrip("▶●✔ ").lower()
        wanted = qtr("Words", STATUS_WORDS.get(status, status)).lstrip("▶●✔ ").lower()
        return status == "all" or shown_status == wanted

    # ------------------------------------------------------------------ acting

    def selected_entry(self) -> LibraryEntry | None:
        """The selected case, if the search and filters show it."""
        item = self.tree.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(0, Qt.ItemDataRole.UserRole)

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        self._show_detail(item)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        """Describe the selected case; never one the search or filters hide."""
        entry = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if item is not None and item.isHidden():
            entry = None
        if entry is None:
            self.open_button.setEnabled(False)
            if not self.controller.entries:
                self.detail.setText(
                    self.tr("Loading cases…")
                    if self.controller.is_loading
                    else self.tr(
                        "No cases were found. Use <b>Add a case folder…</b> to add the cases "
                        "your tutor gave you."
                    )
                )
            else:
                self.detail.setText(
                    self.tr(
                        "No case matches this search and these filters. Clear the search box or "
                        "set a filter back to <b>All</b> to see more cases."
                    )
                )
        elif entry.is_pending:
            self.detail.setText(
                f"<b>{escape(entry.path.name)}</b> is being checked. It can be opened once "
                "the check has finished, in a moment."
            )
            self.open_button.setEnabled(False)
        elif entry.meta is None:
            self.detail.setText(
                self.tr(
                    "⚠ <b>{value}</b> cannot be opened: {value2}<br>Tell the case author; the rest of the library works as normal."
                ).format(value=escape(entry.path.name), value2=escape(entry.error))
            )
            self.open_button.setEnabled(False)
        else:
            meta = entry.meta
            # Until the Markdown renderer is loaded (off the UI thread, after start-up),
            # the summary is shown as plain text; refresh() shows it rendered.
            summary = (
                markdown_html(meta.summary)
                if "trainer.core.render" in sys.modules
                else f"<p>{escape(meta.summary)}</p>"
            )
            facts = " · ".join(
                [
                    qtr("Words", FOCUS_WORDS.get(meta.focus, meta.focus)),
                    qtr("Words", JURISDICTION_WORDS.get(meta.jurisdiction, meta.jurisdiction)),
                    qtr("Words", meta.level.capitalize()),
                    self.tr("about {minutes} minutes").format(
                        minutes=QLocale().toString(meta.minutes)
                    ),
                    languages_line(entry),
                ]
            )
            tags = (
                "<br>" + self.tr("Tags: {tags}").format(tags=escape(" · ".join(meta.tags)))
                if meta.tags
                else ""
            )
            self.detail.setText(
                self.tr("<b>{value}</b><br>{value2}{tags}{summary}").format(
                    value=escape(meta.title), value2=escape(facts), tags=tags, summary=summary
                )
            )
            self.open_button.setEnabled(True)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = item.data(0, Qt.ItemDataRole.UserRole)
        if entry is not None and entry.is_valid and not item.isHidden():
            self.case_chosen.emit(entry)

    def _on_open_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is not None and not item.isHidden():
            self._on_item_activated(item)
