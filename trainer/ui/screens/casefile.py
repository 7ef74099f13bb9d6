"""The case file beside the scene: what the learner has learned so far on their path,
searchable, so that risk assessment is about judgement, not memory."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer.ui.widgets import CaseBrowser, markdown_html, named

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from trainer.core.casefile import CaseFile, Entry


class CaseFilePanel(QWidget):
    """People, key facts, then every scene seen in order: who said what, and what you did."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_file: CaseFile | None = None
        self._stale = False  # the case file changed while the panel was hidden
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.heading = QLabel(self.tr("<b>Your case file</b>"))
        self.heading.setWordWrap(True)
        self.search = named(
            QLineEdit(),
            self.tr("Search your case file"),
            self.tr("Shows only the scenes that mention every word you type"),
        )
        self.search.setPlaceholderText(self.tr("Search, e.g. a name or 'neck'"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setWordWrap(True)
        self.browser = CaseBrowser(self.tr("Your case file: what you have learned so far"))
        self.browser.document().setDocumentMargin(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.browser, 1)
        self.search.textChanged.connect(self._show)
        self.heading.setBuddy(self.search)

    def set_case_file(self, case_file: CaseFile | None) -> None:
        """Show ``case_file``; while the panel is hidden, only when it is next shown (most
        scenes are played with it closed, and a scene should be on screen in a few ms)."""
        self.case_file = case_file
        self._stale = True
        if self.isVisible():
            self._show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self._show()
        super().showEvent(event)

    def plain_text(self) -> str:
        if self._stale:
            self._show()
        return self.browser.toPlainText()

    def _show(self) -> None:
        self._stale = False
        cf = self.case_file
        if cf is None:
            self.browser.setHtml("")
            self.count.setText("")
            return
        query = self.search.text().strip()
        entries = [e for e in cf.matching(query) if e.text.strip() or e.did]
        total = [e for e in cf.entries if e.text.strip() or e.did]
        parts: list[str] = []
        if not query:
            if cf.people:
                parts.append("<h3>People you have met</h3><ul>")
                parts += [f"<li>{escape(p)}</li>" for p in cf.people]
                parts.append("</ul>")
            if cf.key_facts:
                parts.append("<h3>Key facts</h3><ul>")
                parts += [f"<li>{escape(f)}</li>" for f in cf.key_facts]
                parts.append("</ul>")
            parts.append("<h3>What happened, in order</h3>")
            self.count.setText(self.tr("{value} scene(s) so far.").format(value=len(total)))
        else:
            self.count.setText(
                self.tr("{value} of {value2} scene(s) mention “{value3}”.").format(
                    value=len(entries), value2=len(total), value3=escape(query)
                )
                if entries
                else self.tr("Nothing in your case file mentions “{value}” yet.").format(
                    value=escape(query)
                )
            )
        number = {id(e): n for n, e in enumerate(total, start=1)}
        for entry in entries:
            parts.append(entry_html(entry, number.get(id(entry), 0)))
        self.browser.setHtml("".join(parts))
        self.browser.setAccessibleDescription(self.count.text())
        self._highlight(query.split())

    def _highlight(self, words: list[str]) -> None:
        """Mark every place the searched words occur (the first one scrolled into view)."""
        from PySide6.QtGui import QTextCharFormat
        from PySide6.QtWidgets import QTextEdit

        marks = []
        fmt = QTextCharFormat()
        fmt.setBackground(self.palette().highlight())
        fmt.setForeground(self.palette().highlightedText())
        doc = self.browser.document()
        for word in words[:10]:
            cursor = doc.find(word)
            while not cursor.isNull() and len(marks) < 500:
                mark = QTextEdit.ExtraSelection()
                mark.cursor, mark.format = cursor, fmt
                marks.append(mark)
                cursor = doc.find(word, cursor)
        self.browser.setExtraSelections(marks)
        if marks:
            self.browser.setTextCursor(marks[0].cursor)
            self.browser.ensureCursorVisible()


def entry_html(entry: Entry, number: int) -> str:
    title = escape(entry.title) if entry.title else f"Scene {number}"
    head = f"<p><b>{number}. {title}</b>" + (" (now)" if entry.current else "") + "</p>"
    parts = [head]
    if entry.speaker:
        parts.append(f"<p><i>{escape(entry.speaker)}:</i></p>")
    if entry.text.strip():
        parts.append(markdown_html(entry.text))
    if entry.notes:
        parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in entry.notes) + "</ul>")
    if entry.did:
        parts.append(f"<p>➜ <b>You:</b> {escape(entry.did)}</p>")
    if entry.note:
        parts.append(f"<p>Your note: {escape(entry.note)}</p>")
    return "".join(parts) + "<hr>"
