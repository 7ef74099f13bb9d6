"""PDF export through Qt's own QTextDocument and QPdfWriter (no extra dependency).

The only Qt in the store, imported lazily. Works offscreen (no display needed):
without a running Qt application, one is made with the 'offscreen' platform.
The HTML keeps to Qt's rich-text subset: headings, paragraphs and bordered tables.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from trainer.store.reports import View

MAX_TRANSCRIPT_ROWS = 2000  # more belongs in the csv/xlsx export, not on paper
SHOWN_COLUMNS = {
    "summary": [
        "student_id",
        "display_name",
        "cohort",
        "case_id",
        "case_version",
        "attempts",
        "best_percent",
        "latest_percent",
        "passed",
        "critical_errors",
        "time_spent_s",
        "completed_at",
    ],
    "attempts": None,  # left out of the PDF: the summary says it on paper
    "transcripts": [
        "display_name",
        "case_id",
        "attempt_no",
        "step",
        "action",
        "judgement",
        "points",
        "critical",
        "feedback",
    ],
}


def _app() -> Any:
    """The running Qt application, or a new offscreen one.

    A QApplication (not just a QGuiApplication), so that a process which later shows
    widgets (the desktop app, its tests) is not left with the wrong kind of application.
    """
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
    return app


def _cell(value: Any, column: str = "") -> str:
    if value is None:
        return ""
    if column in ("passed", "critical"):
        return "yes" if value else "no"
    if column.endswith("_at") and isinstance(value, str):
        return html.escape(value[:16].replace("T", " "))
    if isinstance(value, float):
        return f"{value:g}"
    return html.escape(str(value)).replace("\n", "<br>")


def view_html(view: View, limit: int | None = None) -> tuple[str, int]:
    columns = SHOWN_COLUMNS.get(view.name, view.columns) or []
    index = [view.columns.index(c) for c in columns]
    parts = [f"<h2>{html.escape(view.title)}</h2>"]
    parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><thead><tr>')
    parts += [f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns]
    parts.append("</tr></thead>")
    shown = total = 0
    for row in view.rows:
        total += 1
        if limit is not None and shown >= limit:
            continue
        shown += 1
        parts.append(
            "<tr>"
            + "".join(f"<td>{_cell(row[i], c)}</td>" for i, c in zip(index, columns, strict=True))
            + "</tr>"
        )
    parts.append("</table>")
    if total == 0:
        parts.append("<p><i>Nothing to show.</i></p>")
    if total > shown:
        parts.append(
            f"<p><i>{total - shown} more rows are left out of the PDF; export csv or "
            "xlsx for all of them.</i></p>"
        )
    return "".join(parts), total


def build_html(views: list[View], cohort: str | None, pseudonymise: bool, when: str) -> tuple:
    head = [
        "<html><head><meta charset='utf-8'><title>Casework Trainer progress</title></head>",
        "<body><h1>Casework Trainer: progress report</h1>",
        f"<p>Cohort: {html.escape(cohort or 'all cohorts')}. Exported {html.escape(when)}.",
    ]
    if pseudonymise:
        head.append(" Names are replaced by stable pseudonyms.")
    head.append(" Tutor plays are not included.</p>")
    body = []
    summary_rows = 0
    for view in views:
        if view.name in SHOWN_COLUMNS and SHOWN_COLUMNS[view.name] is None:
            continue
        limit = MAX_TRANSCRIPT_ROWS if view.name == "transcripts" else None
        text, total = view_html(view, limit)
        body.append(text)
        if view.name == "summary":
            summary_rows = total
    return "".join(head + body) + "</body></html>", summary_rows


def print_html(
    html_text: str, path: Path, title: str, landscape: bool = False, point_size: int | None = None
) -> Path:
    """Print HTML (Qt's rich-text subset) to an A4 PDF with 15 mm margins.

    The one place Casework Trainer makes PDFs (course-lead reports and the learner's
    debrief); it works offscreen and off the GUI thread.
    """
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from trainer import __version__

    _app()
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator(f"Casework Trainer {__version__}")
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    if point_size is not None:
        font = QFont()
        font.setPointSize(point_size)
        doc.setDefaultFont(font)
    doc.setHtml(html_text)
    doc.print_(writer)
    del writer  # finishes the file
    if not path.stat().st_size:
        raise OSError("the PDF writer produced an empty file")
    return path


def write_pdf(path: Path, views: list[View], cohort: str | None, pseudonymise: bool) -> int:
    """Write an A4 PDF of the views to ``path``; returns the number of summary rows."""
    from trainer.store.database import utc_now

    markup, rows = build_html(views, cohort, pseudonymise, utc_now())
    print_html(markup, path, "Casework Trainer progress report", landscape=True, point_size=8)
    return rows
