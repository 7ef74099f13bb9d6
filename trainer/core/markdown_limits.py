"""Bounds on case Markdown, so that whatever validates renders in a few milliseconds.

Python-Markdown's inline patterns take time that grows with the square of the number of
unclosed ``[`` in a paragraph (8,000 of them: 7 s; 30,000: 108 s), lists nested 300 deep
exhaust the recursion limit, and Qt lays out a 1.5 MB line for minutes. Measured on the
development machine (2 cores), with the limits below the worst text renders in under
10 ms. The validator refuses text over these limits with a located error
(:func:`markdown_problem`), and :func:`trainer.core.render.render_markdown` checks them
again (:func:`is_renderable`) for text that never went through the validator.

This module imports nothing heavy, so the case model can use it.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 50_000  # one scene, feedback or debrief text in a case file
MAX_LINE_CHARS = 10_000  # one line (a long paragraph written on one line is about 2,000)
MAX_BRACKETS_PER_BLOCK = 200  # '[' in one paragraph: links, checkboxes, asides
MAX_NESTING = 10  # lists inside lists, quotes inside quotes

# The renderer's own guard also takes long texts it builds itself (a whole debrief).
MAX_RENDER_CHARS = 400_000
MAX_RENDER_BRACKETS = 2_000


def _nesting(line: str) -> int:
    """How deep a line sits: quote markers plus list indentation (four spaces a level)."""
    depth = 0
    index = 0
    width = 0
    while index < len(line):
        char = line[index]
        if char == ">":
            depth += 1
            width = 0
        elif char == " ":
            width += 1
        elif char == "\t":
            width += 4
        else:
            break
        index += 1
    return depth + width // 4


def markdown_problem(text: str, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    """Why this Markdown could freeze or crash the app, in a tutor's words; None if it is fine."""
    if len(text) > max_chars:
        return (
            f"this text has {len(text):,} characters, more than the {max_chars:,} a piece "
            "of case text may have: split it across scenes"
        )
    brackets = 0
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            return (
                f"line {number} of this text has {len(line):,} characters, more than "
                f"{MAX_LINE_CHARS:,}: break it into paragraphs"
            )
        if not line.strip():
            brackets = 0  # a blank line ends the paragraph
            continue
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_BLOCK:
            return (
                f"a paragraph of this text has more than {MAX_BRACKETS_PER_BLOCK} '[' "
                "characters, which take the app too long to lay out: remove the stray "
                "brackets or split the paragraph"
            )
        if _nesting(line) > MAX_NESTING:
            return (
                f"line {number} of this text is nested more than {MAX_NESTING} levels deep "
                "(lists inside lists or quotes inside quotes): flatten it"
            )
    return None


def is_renderable(text: str) -> bool:
    """True when the renderer can turn ``text`` into HTML in a few milliseconds."""
    if len(text) > MAX_RENDER_CHARS or text.count("[") > MAX_RENDER_BRACKETS:
        return False
    return markdown_problem(text, max_chars=MAX_RENDER_CHARS) is None


def check_markdown(text: str) -> str:
    """Pydantic validator for Markdown fields: the text unchanged, or a ValueError."""
    problem = markdown_problem(text)
    if problem:
        raise ValueError(problem)
    return text
