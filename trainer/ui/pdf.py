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
