"""Markdown to safe HTML for case text.

Case text is written by tutors, but a learner's app must never run or fetch
anything because of it: raw HTML is shown as text, images may only come from
local relative paths, and links are kept as links (the GUI asks before it opens
one in the system browser).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache
from urllib.parse import unquote

import markdown
from markdown.treeprocessors import Treeprocessor

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
    """Safe HTML for a piece of case Markdown."""
    md = _engine()
    md.reset()
    # With the HTML block and inline processors removed, raw HTML stays text and is
    # escaped on output (escaping it ourselves first would double-escape code spans).
    return md.convert(text)
