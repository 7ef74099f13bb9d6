"""Markdown to safe HTML for case text.

Case text is written by tutors, but a learner's app must never run or fetch
anything because of it: raw HTML is shown as text, images may only come from
local relative paths, and links are kept as links (the GUI asks before it opens
one in the system browser).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache
from html import escape
from urllib.parse import unquote

import markdown
from markdown.treeprocessors import Treeprocessor

from trainer.core.markdown_limits import is_renderable

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class _SafetyTreeprocessor(Treeprocessor):
    """Drop remote or absolute images and neutralise links with unsafe schemes."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    src = child.get("src", "")
                    if not is_local_path(src):
                        alt = child.get("alt", "")
                        note = ET.Element("em")
                        note.text = f"[image not shown: {alt or src}]"
                        index = list(parent).index(child)
                        parent.remove(child)
                        parent.insert(index, note)
                        note.tail = child.tail
                elif child.tag == "a":
                    href = child.get("href", "")
                    if not href.lower().startswith(SAFE_LINK_SCHEMES):
                        child.attrib.pop("href", None)
                        child.tag = "span"
        return None


def is_local_path(src: str) -> bool:
    """True for a relative path that stays below its folder (no scheme, no '..', no root)."""
    src = unquote(unquote(src))  # '%2e%2e/' is '../' to whatever loads it
    if not src or "://" in src or src.startswith(("/", "\\", "file:", "data:")):
        return False
    if ":" in src.split("/")[0]:
        return False
    return ".." not in src.replace("\\", "/").split("/")


@lru_cache(maxsize=1)
def _engine() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafetyTreeprocessor(md), "casework_safety", 0)
    return md


def render_markdown(text: str) -> str:
    """Safe HTML for a piece of case Markdown, always in a few milliseconds.

    Text over the limits of :mod:`trainer.core.markdown_limits` (which the validator
    enforces on case files, but a damaged database or an old cache could still hold) is
    shown as plain paragraphs instead of being formatted, with a short note.
    """
    if not is_renderable(text):
        return _plain_html(text)
    md = _engine()
    md.reset()
    # With the HTML block and inline processors removed, raw HTML stays text and is
    # escaped on output (escaping it ourselves first would double-escape code spans).
    try:
        return md.convert(text)
    except RecursionError:
        md.reset()
        return _plain_html(text)


PLAIN_NOTE = "(This text is too long or too deeply nested to format, so it is shown as written.)"


def _plain_html(text: str) -> str:
    paragraphs = [p for p in text[:MAX_PLAIN_CHARS].split("\n\n") if p.strip()]
    body = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<p><i>{PLAIN_NOTE}</i></p>{body}"


MAX_PLAIN_CHARS = 100_000  # what the fallback shows of an overlong text
