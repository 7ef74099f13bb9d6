"""PDF output with fpdf2 and a bundled Unicode font: course-lead reports and the debrief.

Why not Qt's own PDF writer (used before): its text layer gave a TAB for every space
and ligature characters for "fi" and "ffi", so a course lead could not search a
report for "Asha Patel" or copy a name out of it. fpdf2 writes each piece of text
with an exact ToUnicode map, and text shaping (HarfBuzz, through uharfbuzz) joins
Arabic letters and orders right-to-left text while keeping the words extractable.

Fonts: DejaVu Sans (bundled in ``assets/fonts``, Bitstream Vera licence) covers Latin
with every accent Welsh, Irish, Polish, Turkish or Vietnamese names need, Greek,
Cyrillic, Armenian, Georgian, Hebrew and Arabic. Characters it lacks (Chinese,
Japanese, Korean, Indic scripts, Thai...) are drawn with a font of this computer
that has them (Windows and macOS have fonts for every major script; on Linux the
Noto fonts do). A character no font here can draw is shown as '\ufffd' and the export
says which, rather than silently dropping it.
"""

from __future__ import annotations

import functools
import html as html_module
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trainer.store.reports import View

MAX_TRANSCRIPT_ROWS = 2000  # more belongs in the csv/xlsx export, not on paper
MAX_CELL_CHARS = 600  # a longer cell is cut with '…' on paper (the csv/xlsx keep it all)
FAMILY = "DejaVuSans"
MISSING = "\ufffd"
SHOWN_COLUMNS = {
    "summary": [
        "student_id",
        "display_name",
        "cohort",
        "case_title",
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
        "learner_note",
    ],
}
# Words a column must show whole (besides its header's): the longest judgement.
WHOLE_WORDS = {"judgement": ("acceptable",)}
# Relative column widths (1 when not named).
WIDTHS = {
    "display_name": 2.4,
    "case_title": 3.2,
    "case_id": 2.6,
    "student_id": 1.3,
    "cohort": 1.3,
    "completed_at": 1.8,
    "action": 3.2,
    "feedback": 7.0,
    "learner_note": 3.0,
    "competency": 2.2,
    "label": 3.0,
    "scene": 1.6,
    "option": 1.8,
    "judgement": 1.2,
}
# fontTools and fpdf2 log every subsetting step; the user needs none of it.
for _name in ("fontTools", "fpdf"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def font_file(bold: bool = False) -> Path:
    from trainer.core.paths import bundled_assets

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return bundled_assets() / "fonts" / name


@functools.lru_cache(maxsize=64)
def _cmap(path: str, number: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True, fontNumber=number) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # a damaged or unsupported font file: not a candidate
        return frozenset()


def font_folders() -> list[Path]:
    """Where this computer keeps fonts (the folders a fallback font is looked for in)."""
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        data_home / "fonts",
        home / ".fonts",
    ]


@functools.lru_cache(maxsize=1)
def _system_fonts(folders: tuple[Path, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".otf", ".ttc")):
                    found.append(os.path.join(root, name))
    return tuple(found[:5000])


def fallback_fonts(chars: Iterable[str], folders: list[Path] | None = None) -> list[str]:
    """Font files of this computer that between them have as many of ``chars`` as can be
    had: each time, the font that has the most of what is still missing."""
    wanted = {ord(c) for c in chars}
    fonts = _system_fonts(tuple(folders if folders is not None else font_folders()))
    coverage = {path: has for path in fonts if (has := _cmap(path) & wanted)}
    chosen: list[str] = []
    while wanted and coverage:
        best = max(coverage, key=lambda path: len(coverage[path] & wanted))
        if not coverage[best] & wanted:
            break
        chosen.append(best)
        wanted -= coverage.pop(best)
    return chosen


class Document:
    """An A4 PDF with the bundled font, fallbacks for what it lacks, and safe text.

    ``texts``: every string the document will show, so that the fonts it needs can be
    found before the first page is drawn.
    """

    def __init__(
        self,
        title: str,
        texts: Iterable[str],
        landscape: bool = False,
        font_folders_: list[Path] | None = None,
    ) -> None:
        from fpdf import FPDF

        from trainer import __version__

        self.pdf = pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=15)
        pdf.set_title(title)
        pdf.set_creator(f"Casework Trainer {__version__}")
        pdf.set_producer(f"Casework Trainer {__version__}")
        regular, bold = str(font_file()), str(font_file(bold=True))
        for style, path in (("", regular), ("B", bold), ("I", regular), ("BI", bold)):
            pdf.add_font(FAMILY, style, path)
        text = "".join(set("".join(texts)))
        covered = _cmap(regular)
        lacking = {c for c in text if ord(c) not in covered and c.isprintable()}
        self.missing: list[str] = []
        if lacking:
            fallbacks = fallback_fonts(lacking, font_folders_)
            names = []
            for n, path in enumerate(fallbacks):
                name = f"Fallback{n}"
                try:
                    for style in ("", "B", "I", "BI"):
                        pdf.add_font(name, style, path)
                except Exception:  # a font fpdf2 cannot embed (a colour or bitmap font)
                    continue
                names.append(name)
                lacking -= {c for c in lacking if ord(c) in _cmap(path)}
            if names:
                pdf.set_fallback_fonts(names, exact_match=False)
            self.missing = sorted(lacking)
        self._table = {ord(c): MISSING for c in self.missing}
        self._table.update({ord("\t"): " "})
        if _needs_shaping(text):
            pdf.set_text_shaping(True)
        pdf.set_font(FAMILY, size=10)

    def clean(self, value: Any, limit: int = MAX_CELL_CHARS) -> str:
        """Text as it can be drawn: cut at ``limit``, control characters removed and
        characters no font has replaced by '\ufffd'."""
        text = "" if value is None else str(value)
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        text = text.translate(self._table)
        if not text.isprintable():
            text = "".join(c for c in text if c == "\n" or c.isprintable())
        return text

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        shown = " ".join(self.missing[:20]) + (" …" if len(self.missing) > 20 else "")
        return [
            f"No font on this computer can draw {len(self.missing)} character(s) in the "
            f"PDF ({shown}); they show as {MISSING}. Install a font for that script "
            "(for example from the Noto family), or use the csv or xlsx export."
        ]

    def save(self, path: Path) -> None:
        """Write the PDF to ``path`` (a temporary file: see trainer.store.files)."""
        data = bytes(self.pdf.output())
        with open(path, "wb") as handle:
            handle.write(data)


def _needs_shaping(text: str) -> bool:
    """Whether any character needs HarfBuzz: joining scripts, right-to-left text,
    combining marks and the complex scripts of South and South-East Asia."""
    for c in text:
        o = ord(c)
        if o < 0x0300:
            continue
        if (
            0x0590 <= o <= 0x08FF
            or 0x0900 <= o <= 0x0DFF
            or 0x0E00 <= o <= 0x0FFF
            or 0x1000 <= o <= 0x109F
            or 0x1780 <= o <= 0x17FF
            or 0xFB1D <= o <= 0xFDFF
            or 0xFE70 <= o <= 0xFEFF
            or unicodedata.combining(c)
            or unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "RLI")
        ):
            return _shaping_available()
    return False


@functools.lru_cache(maxsize=1)
def _shaping_available() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency; drawn unjoined without it
        return False
    return True


# ---------------------------------------------------------------------- course-lead report


def _reflow(text: str) -> str:
    """Case text as it reads: the line breaks of the YAML source joined (Markdown's rule:
    a single newline is a space), one line break between paragraphs."""
    paragraphs = re.split(r"\n[ \t]*\n\s*", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _cell(value: Any, column: str = "") -> str:
    if value is None:
        return ""
    if column == "feedback" and isinstance(value, str):
        return _reflow(value)
    if column in ("passed", "critical"):
        return "yes" if value else "no"
    if column.endswith("_at") and isinstance(value, str):
        return value[:16].replace("T", " ")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _shown(view: View) -> tuple[list[str], list[int]]:
    columns = SHOWN_COLUMNS.get(view.name, view.columns) or []
    return columns, [view.columns.index(c) for c in columns]


def report_rows(views: list[View]) -> list[tuple[View, list[str], list[list[str]], int]]:
    """(view, columns, rows as text, total rows) for every view the PDF shows."""
    out = []
    for view in views:
        if view.name in SHOWN_COLUMNS and SHOWN_COLUMNS[view.name] is None:
            continue
        columns, index = _shown(view)
        limit = MAX_TRANSCRIPT_ROWS if view.name == "transcripts" else None
        rows: list[list[str]] = []
        total = 0
        for row in view.rows:
            total += 1
            if limit is None or len(rows) < limit:
                rows.append([_cell(row[i], c) for i, c in zip(index, columns, strict=True)])
        out.append((view, columns, rows, total))
    return out


class Table:
    """A ruled table drawn line by line: far faster than fpdf2's own table (which
    measures every cell twice through its general text layout), with the header
    repeated on each page and no row split across pages."""

    LINE = 3.2  # mm per line of 7 pt text
    PAD = 0.8
    MAX_LINES = 40  # a cell taller than this is cut with '…'

    def __init__(self, doc: Document, columns: list[str], size: float = 7) -> None:
        self.doc = doc
        self.pdf = doc.pdf
        self.size = size
        total = sum(WIDTHS.get(c, 1.0) for c in columns)
        usable = self.pdf.epw
        self.widths = [usable * WIDTHS.get(c, 1.0) / total for c in columns]
        self.header = [c.replace("_", " ") for c in columns]
        self._char_widths: dict[tuple[str, str], float] = {}
        self._fit_whole_words(columns)

    def _fit_whole_words(self, columns: list[str]) -> None:
        """Widen narrow columns so no header word (nor 'acceptable' in the judgement
        column) is cut mid-word, taking the room from the widest column."""
        self.pdf.set_font(FAMILY, "B", self.size)
        need = []
        for column, header in zip(columns, self.header, strict=True):
            words = [(w, "B") for w in header.split()] + [
                (w, "") for w in WHOLE_WORDS.get(column, ())
            ]
            need.append(max(self._width(w, style) for w, style in words) + 2 * self.PAD + 0.5)
        short = sum(max(0.0, n - w) for n, w in zip(need, self.widths, strict=True))
        widest = max(range(len(columns)), key=lambda i: self.widths[i])
        if not short or self.widths[widest] - short < need[widest] * 2:
            return
        self.widths = [max(n, w) for n, w in zip(need, self.widths, strict=True)]
        self.widths[widest] -= short

    def _width(self, text: str, style: str) -> float:
        cache = self._char_widths
        total = 0.0
        for ch in text:
            key = (style, ch)
            w = cache.get(key)
            if w is None:
                try:
                    w = self.pdf.get_string_width(ch)
                except Exception:  # a character only a fallback font has
                    w = self.pdf.font_size * 0.6
                cache[key] = w = w or self.pdf.font_size * 0.6
            total += w
        return total

    def wrap(self, text: str, width: float, style: str = "") -> list[str]:
        lines: list[str] = []
        room = width - 2 * self.PAD
        space = self._width(" ", style)
        for paragraph in text.split("\n") or [""]:
            line, used = "", 0.0
            for word in paragraph.split(" "):
                w = self._width(word, style)
                if line and used + space + w <= room:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    lines.append(line)
                while w > room and len(word) > 1:  # a word wider than the column
                    cut, cut_w = 0, 0.0
                    for ch in word:
                        cw = self._width(ch, style)
                        if cut and cut_w + cw > room:
                            break
                        cut, cut_w = cut + 1, cut_w + cw
                    hyphen = word.rfind("-", 0, cut)  # an id breaks after a hyphen
                    cut = hyphen + 1 if hyphen > 0 else cut
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self._width(word, style)
                line, used = word, w
            lines.append(line)
        if len(lines) > self.MAX_LINES:
            lines = [*lines[: self.MAX_LINES - 1], lines[self.MAX_LINES - 1] + " …"]
        return lines

    def _row(self, cells: list[str], style: str, fill: bool) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, style, self.size)
        wrapped = [self.wrap(c, w, style) for c, w in zip(cells, self.widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * self.LINE + 2 * self.PAD
        if pdf.get_y() + height > pdf.page_break_trigger and style == "":
            pdf.add_page()
            self._row(self.header, "B", True)
            pdf.set_font(FAMILY, style, self.size)
        x, y = pdf.l_margin, pdf.get_y()
        for lines, width in zip(wrapped, self.widths, strict=True):
            pdf.rect(x, y, width, height, style="DF" if fill else "D")
            for n, line in enumerate(lines):
                if line:
                    pdf.set_xy(x + self.PAD, y + self.PAD + n * self.LINE)
                    pdf.cell(width - 2 * self.PAD, self.LINE, line)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    def draw(self, rows: Iterable[list[str]]) -> None:
        self.pdf.set_fill_color(230, 230, 230)
        self.pdf.set_draw_color(120, 120, 120)
        self.pdf.set_line_width(0.1)
        if self.pdf.get_y() + 4 * self.LINE > self.pdf.page_break_trigger:
            self.pdf.add_page()
        self._row(self.header, "B", True)
        for row in rows:
            self._row([self.doc.clean(v) for v in row], "", False)


def write_pdf(
    path: Path,
    views: list[View],
    cohort: str | None,
    pseudonymise: bool,
    warnings: list[str] | None = None,
) -> int:
    """Write an A4 landscape PDF of the views to ``path``; returns the number of summary
    rows. Anything the user should know (characters no font has) goes to ``warnings``."""
    from trainer.store.database import utc_now

    tables = report_rows(views)
    intro = (
        f"Cohort: {cohort or 'all cohorts'}. Exported {utc_now()[:16].replace('T', ' ')} UTC."
        + (" Names are replaced by stable pseudonyms." if pseudonymise else "")
        + " Tutor plays are not included."
    )
    texts = [intro] + [
        "".join([v.title, *cols, *("".join(r) for r in rows)]) for v, cols, rows, _ in tables
    ]
    doc = Document("Casework Trainer progress report", texts, landscape=True)
    pdf = doc.pdf
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, "Casework Trainer: progress report", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, doc.clean(intro, 2000), new_x="LMARGIN", new_y="NEXT")
    summary_rows = 0
    for view, columns, rows, total in tables:
        if view.name == "summary":
            summary_rows = total
        pdf.ln(4)
        if pdf.get_y() + 20 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(0, 7, doc.clean(view.title), new_x="LMARGIN", new_y="NEXT")
        Table(doc, columns).draw(rows)
        pdf.set_font(FAMILY, "I", 8)
        if total == 0:
            pdf.multi_cell(0, 5, "Nothing to show.", new_x="LMARGIN", new_y="NEXT")
        if total > len(rows):
            pdf.multi_cell(
                0,
                5,
                f"{total - len(rows)} more rows are left out of the PDF; export csv or xlsx "
                "for all of them.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    doc.save(path)
    if warnings is not None:
        warnings.extend(doc.warnings())
    return summary_rows


# ---------------------------------------------------------------------- HTML (the debrief)


def _tag_styles() -> dict[str, Any]:
    """Black headings in sensible sizes, and our own font for code (fpdf2's default,
    Courier, has no accents)."""
    from fpdf.fonts import FontFace, TextStyle

    dark = "#1a1a1a"
    styles: dict[str, Any] = {
        f"h{n}": TextStyle(font_size_pt=size, color=dark, font_style="B", t_margin=top, b_margin=1)
        for n, size, top in (
            (1, 17, 2),
            (2, 13.5, 5),
            (3, 11.5, 4),
            (4, 10.5, 3),
            (5, 10, 3),
            (6, 10, 3),
        )
    }
    styles["code"] = FontFace(family=FAMILY)
    styles["pre"] = TextStyle(font_family=FAMILY, t_margin=3)
    styles["blockquote"] = TextStyle(color="#333333", t_margin=2, l_margin=6, b_margin=2)
    return styles


_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|tr|pre|blockquote|table|ul|ol)>|<br\s*/?>|<hr\s*/?>", re.I
)


def _no_images(html_text: str) -> str:
    """Images become their description: a PDF of the debrief never opens a file named in
    a case (or anything else on the computer)."""

    def alt(match: re.Match[str]) -> str:
        found = _ALT.search(match.group(0))
        text = (found.group(1) or found.group(2)) if found else ""
        return f"[image: {text}]" if text else ""

    return _IMAGE.sub(alt, html_text)


def _plain(html_text: str) -> str:
    text = _BLOCK_END.sub("\n", html_text)
    return html_module.unescape(re.sub(r"<[^>]*>", "", text))


def print_html(
    html_text: str,
    path: Path,
    title: str,
    landscape: bool = False,
    point_size: int | None = None,
) -> Path:
    """Print simple HTML (headings, paragraphs, lists, emphasis, links, tables) to an A4
    PDF with 15 mm margins at ``path``. Works without a display and off the GUI thread.

    Markup fpdf2 cannot lay out (a table too wide for the page, say) is printed as plain
    paragraphs instead, so the learner still gets every word."""
    html_text = _no_images(html_text)
    plain = _plain(html_text)
    doc = Document(title, [plain, title], landscape)
    # Only the characters' text is cleaned; the markup is our own.
    safe = re.sub(r">([^<]+)<", lambda m: ">" + doc.clean(m.group(1), 1_000_000) + "<", html_text)
    try:
        doc.pdf.add_page()
        doc.pdf.set_font(FAMILY, size=point_size or 10)
        doc.pdf.write_html(
            safe,
            font_family=FAMILY,
            warn_on_tags_not_matching=False,
            li_prefix_color=(0, 0, 0),
            tag_styles=_tag_styles(),
        )
    except Exception:  # fpdf2's layout gave up: the words matter more than the layout
        doc = Document(title, [plain, title], landscape)
        doc.pdf.add_page()
        doc.pdf.set_font(FAMILY, size=point_size or 10)
        for paragraph in plain.split("\n"):
            doc.pdf.multi_cell(
                0, 5, doc.clean(paragraph.strip(), 1_000_000), new_x="LMARGIN", new_y="NEXT"
            )
    doc.save(Path(path))
    return Path(path)
