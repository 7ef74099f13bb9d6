"""The debrief as a PDF (through trainer.store.pdf: fpdf2 and a bundled Unicode font)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.core.render import render_markdown
from trainer.store.files import atomic_output
from trainer.store.pdf import print_html


def debrief_html(markdown_text: str, reflection: str, learner: Any | None) -> str:
    """The debrief Markdown (safe HTML) plus the learner's reflection and a footer."""
    who = escape(getattr(learner, "display_name", "") or "")
    parts = [render_markdown(markdown_text)]
    if reflection.strip():
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in reflection.split("\n\n") if p.strip())
        parts.append(f"<h2>My reflection</h2>{paragraphs}")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts.append(
        f"<hr><p><small>{who + ' · ' if who else ''}Casework Trainer {__version__} · {stamp}"
        "</small></p>"
    )
    return "".join(parts)


def write_pdf(html: str, path: Path, title: str) -> Path:
    """Write ``html`` to an A4 PDF at ``path`` (safe to call off the UI thread).

    All or nothing: written to a temporary file and renamed into place, so a full disk
    leaves no half-written PDF; failures are StoreErrors in plain words.
    """
    path = Path(path)
    with atomic_output(path) as tmp:
        print_html(html, tmp, title)
    return path


# ---------------------------------------------------------------------- the portfolio PDF


def _without_competency_table(markdown_text: str) -> str:
    """The debrief Markdown less its title and competency table (the PDF draws a real
    table of its own; Markdown table syntax must never reach the page)."""
    import re

    text = re.sub(r"\A# .*\n+", "", markdown_text)
    return re.sub(r"## Competencies\n.*?(?=\n## |\Z)", "", text, flags=re.S)


def write_portfolio(
    path: Path,
    *,
    markdown_text: str,
    reflection: str,
    details: list[tuple[str, str]],
    competencies: list[tuple[str, str, str]],
    title: str,
) -> Path:
    """A portfolio record of one attempt: who, which case and version, mode, date and
    result in a table; the competencies in a table; the debrief; the reflection with
    its paragraphs. All or nothing (a temporary file renamed into place)."""
    from trainer.store.pdf import FAMILY, Document, Table

    body = render_markdown(_without_competency_table(markdown_text))
    paragraphs = [p.strip() for p in reflection.replace("\r\n", "\n").split("\n\n") if p.strip()]
    texts = [title, body, *paragraphs, *(a + b for a, b in details)]
    texts += ["".join(row) for row in competencies]
    doc = Document(title, texts)
    pdf = doc.pdf
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, doc.clean(title, 400), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    about = Table(doc, ["label", "value"], size=9)
    about.widths = [pdf.epw * 0.3, pdf.epw * 0.7]
    about.header = ["About this attempt", ""]
    about.draw([[a, b] for a, b in details])
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 12)
    pdf.multi_cell(0, 7, "Competencies", new_x="LMARGIN", new_y="NEXT")
    table = Table(doc, ["competency", "score", "minimum"], size=9)
    table.header = ["Competency", "Score", "Minimum"]
    table.draw([list(row) for row in competencies])
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 10)
    import re

    safe = re.sub(r">([^<]+)<", lambda m: ">" + doc.clean(m.group(1), 1_000_000) + "<", body)
    from trainer.store.pdf import _tag_styles

    pdf.write_html(
        safe,
        font_family=FAMILY,
        warn_on_tags_not_matching=False,
        li_prefix_color=(0, 0, 0),
        tag_styles=_tag_styles(),
    )
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 8, "My reflection", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    if not paragraphs:
        paragraphs = ["(No reflection written for this attempt.)"]
    for para in paragraphs:
        pdf.multi_cell(0, 5.2, doc.clean(para, 200_000), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    pdf.ln(3)
    pdf.set_font(FAMILY, "I", 8)
    pdf.multi_cell(0, 4, f"Casework Trainer {__version__} · made {stamp}")
    path = Path(path)
    with atomic_output(path) as tmp:
        doc.save(tmp)
    return path
