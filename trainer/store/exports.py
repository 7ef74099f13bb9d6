"""Course-lead exports: csv, xlsx, pdf, json, moodle, canvas.

Every export is all-or-nothing: its files are written under temporary names and
renamed into place only when all of them are complete, so a full disk or a crash
never leaves a half-written export, or half of a set of files, over a good one.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.store.database import utc_now
from trainer.store.errors import StoreError
from trainer.store.files import atomic_output, atomic_outputs, file_error, os_error_of
from trainer.store.reports import View, all_views, summary
from trainer.store.store import Store

FORMATS = ("csv", "xlsx", "pdf", "json", "moodle", "canvas")
_FORMULA_SIGNS = frozenset("=+-@\u2212")  # U+2212 MINUS SIGN: some spreadsheets read it as '-'
# Characters that may begin a risky cell: the signs themselves, tab and carriage return
# (which spreadsheets also treat specially), any other white space (spreadsheets skip
# leading spaces and line breaks before a formula) and anything outside ASCII (full-width
# and small forms such as U+FF1D FULLWIDTH EQUALS SIGN, which spreadsheets read as '=').
_MAYBE_RISKY = frozenset("=+-@\t\r\n\x0b\x0c ")
NO_GRADE_MOODLE = "-"  # Moodle's grade import reads '-' as "no grade"; an empty cell as 0


@dataclass
class ExportResult:
    files: list[Path]
    rows: int = 0
    warnings: list[str] = field(default_factory=list)


def _is_risky(value: str) -> bool:
    if value[:1] in ("\t", "\r"):
        return True
    stripped = value.lstrip()
    if not stripped:
        return False
    first = stripped[0]
    return first in _FORMULA_SIGNS or unicodedata.normalize("NFKC", first) in _FORMULA_SIGNS


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe.

    Risky: a cell that starts with = + - @ (or a full-width or small form of one, or a
    minus sign), even after leading spaces or line breaks, or with a tab or carriage return.
    """
    if isinstance(value, str) and value and _is_risky(value):
        return "'" + value
    return value


def _safe_rows(
    rows: Iterable[tuple[Any, ...]], keep: frozenset[int] = frozenset()
) -> Iterator[list[Any]]:
    """:func:`neutralise` on every cell but the columns in ``keep``; a quick test on the
    first character first, since it runs for every cell of an export."""
    maybe = _MAYBE_RISKY
    for row in rows:
        out = list(row)
        for i, v in enumerate(out):
            if (
                v.__class__ is str
                and v
                and (v[0] in maybe or v[0] > "\x7f")
                and i not in keep
                and _is_risky(v)
            ):
                out[i] = "'" + v
        yield out


def write_csv(path: Path, view: View, keep: frozenset[int] = frozenset()) -> int:
    """UTF-8 with a BOM (so Excel opens it), risky cells neutralised; returns data rows.

    ``path`` is written as it is: callers give a temporary file (see :func:`atomic_outputs`).
    """
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(view.columns)
        for row in _safe_rows(view.rows, keep):
            writer.writerow(row)
            count += 1
    return count


def sibling(path: Path, name: str) -> Path:
    return path.with_name(f"{path.stem}-{name}{path.suffix or '.csv'}")


def export_csv(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    """The summary in ``out``; the other views beside it as ``<stem>-<view>.csv``."""
    result = ExportResult([])
    with atomic_outputs() as batch:
        for view in all_views(store, cohort, pseudonymise):
            target = out if view.name == "summary" else sibling(out, view.name)
            rows = write_csv(batch.add(target), view)
            if view.name == "summary":
                result.rows = rows
            result.files.append(target)
    return result


def export_xlsx(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    import xlsxwriter  # imported only when exporting: it is slow to import

    result = ExportResult([out])
    # The workbook is built in memory and then written in one go: XlsxWriter's own file
    # writing leaves a half-closed zip behind on a full disk, which complains again when
    # it is collected ("Exception ignored in ZipFile.__del__").
    memory = io.BytesIO()
    book = xlsxwriter.Workbook(
        memory,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    try:
        bold = book.add_format({"bold": True})
        book.set_properties({"title": "Casework Trainer progress", "creator": "Casework Trainer"})
        for view in all_views(store, cohort, pseudonymise):
            sheet = book.add_worksheet(view.name.capitalize())
            sheet.write_row(0, 0, view.columns, bold)
            sheet.freeze_panes(1, 0)
            n = 0
            for n, row in enumerate(view.rows, start=1):
                sheet.write_row(n, 0, row)
            if view.name == "summary":
                result.rows = n
        book.close()
    except Exception as exc:  # XlsxWriter wraps an OSError (its temporary files) in its own
        book.fileclosed = True
        if os_error_of(exc) is None:
            raise
        raise file_error(exc, out) from None
    with atomic_output(out) as tmp, open(tmp, "wb") as handle:
        handle.write(memory.getbuffer())
    return result


def export_json(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    views = {}
    rows = 0
    for view in all_views(store, cohort, pseudonymise):
        views[view.name] = [dict(zip(view.columns, r, strict=True)) for r in view.rows]
        if view.name == "summary":
            rows = len(views[view.name])
    document = {
        "format": "casework-trainer-export",
        "version": 1,
        "exported_at": utc_now(),
        "app_version": __version__,
        "cohort": cohort,
        "pseudonymised": pseudonymise,
        "views": views,
    }
    with atomic_output(out, f"write {out}") as tmp:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return ExportResult([out], rows)


def _gradebook(store: Store, cohort: str | None) -> tuple[list[str], dict, list[str]]:
    """(case columns, {student_id: (name, cohort, {case: best percent})}, warnings)."""
    cases: dict[str, str] = {}
    learners: dict[str, tuple[str, str | None, dict[str, float | None]]] = {}
    missing: set[str] = set()
    for r in summary(store, cohort).rows:
        student_id, name, group, case_id, title = r[0], r[1], r[2], r[3], r[4]
        cases.setdefault(case_id, title or case_id)
        if not student_id:
            missing.add(name)
            continue
        entry = learners.setdefault(student_id, (name, group, {}))
        best = r[SUMMARY_BEST]
        old = entry[2].get(case_id)
        entry[2][case_id] = best if old is None or (best is not None and best > old) else old
    warnings = []
    if missing:
        warnings.append(
            f"{len(missing)} learner(s) have no student ID number and were left out: "
            + ", ".join(sorted(missing))
        )
    return sorted(cases), learners, warnings


SUMMARY_BEST = 8  # index of best_percent in the summary view


def _refuse_pseudonyms(fmt: str, pseudonymise: bool) -> None:
    if pseudonymise:
        raise StoreError(
            f"A {fmt} gradebook file needs real student ID numbers, so it cannot be pseudonymised.",
            "Leave out --pseudonymise, or export csv/xlsx/pdf/json instead.",
        )


def export_moodle(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    """Moodle grade import: map 'ID number' to useridnumber; one column per case (0-100)."""
    _refuse_pseudonyms("Moodle", pseudonymise)
    case_ids, learners, warnings = _gradebook(store, cohort)
    columns = ["ID number", "Full name", *[f"Casework: {c}" for c in case_ids]]
    rows = [
        (sid, name, *[_grade(scores.get(c), NO_GRADE_MOODLE) for c in case_ids])
        for sid, (name, _group, scores) in sorted(learners.items())
    ]
    grades = frozenset(range(2, len(columns)))  # '-' means "no grade", not a formula
    with atomic_output(out) as tmp:
        write_csv(tmp, View("moodle", "Moodle", columns, rows), keep=grades)
    return ExportResult([out], len(rows), warnings)


def export_canvas(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    """Canvas gradebook CSV keyed on SIS User ID, with a 'Points Possible' row."""
    _refuse_pseudonyms("Canvas", pseudonymise)
    case_ids, learners, warnings = _gradebook(store, cohort)
    columns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    columns += [f"Casework: {c}" for c in case_ids]
    rows: list[tuple[Any, ...]] = [("Points Possible", "", "", "", "", *[100] * len(case_ids))]
    rows += [
        (name, "", sid, "", group or "", *[_grade(scores.get(c)) for c in case_ids])
        for sid, (name, group, scores) in sorted(learners.items())
    ]
    with atomic_output(out) as tmp:
        write_csv(tmp, View("canvas", "Canvas", columns, rows))
    return ExportResult([out], len(rows) - 1, warnings)


def _grade(value: float | None, no_grade: str = "") -> Any:
    """A gradebook grade: the percent to 2 decimals, as every export shows it (Canvas
    leaves a cell empty for "no grade"; Moodle needs '-')."""
    return no_grade if value is None else round(value, 2)


def export_pdf(store: Store, out: Path, cohort: str | None, pseudonymise: bool) -> ExportResult:
    from trainer.store.pdf import write_pdf

    views = all_views(store, cohort, pseudonymise)
    warnings: list[str] = []
    with atomic_output(out) as tmp:
        rows = write_pdf(tmp, views, cohort, pseudonymise, warnings)
    return ExportResult([out], rows, warnings)


EXPORTERS = {
    "csv": export_csv,
    "xlsx": export_xlsx,
    "pdf": export_pdf,
    "json": export_json,
    "moodle": export_moodle,
    "canvas": export_canvas,
}


def cohorts_with_progress(store: Store) -> list[str | None]:
    """The cohorts of learners who have played a case (None: learners with no cohort)."""
    rows = store.conn.execute(
        "SELECT DISTINCT l.cohort FROM attempts a JOIN learners l ON l.id = a.learner_id "
        "WHERE a.kind = 'learner' ORDER BY l.cohort"
    )
    return [r[0] for r in rows]


def export(
    store: Store, fmt: str, out: Path, cohort: str | None = None, pseudonymise: bool = False
) -> ExportResult:
    """Write the course-lead export ``fmt`` to ``out``.

    Warns when ``cohort`` names no cohort with progress. (``trainer export`` refuses a
    database where nobody has played yet; see :func:`cohorts_with_progress`.)
    """
    if fmt not in EXPORTERS:
        raise StoreError(f"Unknown export format '{fmt}'.", f"Use one of {', '.join(FORMATS)}.")
    groups = cohorts_with_progress(store)
    warnings = []
    if cohort is not None and groups and cohort not in groups:
        known = ", ".join(f"'{g}'" for g in groups if g) or "none"
        warnings.append(
            f"No learner with progress is in cohort '{cohort}', so the export has no rows. "
            f"Cohorts with progress: {known}."
        )
    result = EXPORTERS[fmt](store, Path(out), cohort, pseudonymise)
    result.warnings[:0] = warnings
    return result
