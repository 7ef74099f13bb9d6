"""Pseudo-translation and the untranslated-string walker for the GUI tests.

The pseudo-translation is generated from the Welsh ``.ts`` source (every message the code
marks for translation): each text with its letters accented and lengthened by 40%,
placeholders (``{name}``), HTML tags, entities and ``&`` accelerators kept. A text from our
code that was never marked for translation stays plain ASCII, and the walker finds it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from trainer.ui.language import I18N_DIR, ts_path

ACCENTS = str.maketrans(
    "aeiouycnszrltdgkAEIOUYCNSZRLTDGKhHbBmMpPwWfF",
    "áéíóúýçñšžŕĺţďğķÁÉÍÓÚÝÇÑŠŽŔĹŢĎĞĶĥĤƀɃɱϺþÞŵŴƒƑ",
)
KEEP = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&#?\w+;|%n|%\d)")


def pseudo(text: str) -> str:
    """``text`` accented and 40% longer; markup and placeholders untouched."""
    parts = KEEP.split(text)
    out = "".join(p if KEEP.fullmatch(p) else p.translate(ACCENTS) for p in parts)
    letters = sum(1 for p in parts if not KEEP.fullmatch(p) for ch in p if ch.isalpha())
    pad = max(1, round(letters * 0.4))
    return f"{out} {'ŵ' * pad}" if letters else out


def write_pseudo_ts(folder: Path, language: str = "cy") -> Path:
    """A ``.ts`` for ``language`` in ``folder`` whose every translation is :func:`pseudo`."""
    tree = ET.parse(ts_path("cy", I18N_DIR))
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = pseudo(message.findtext("source") or "")
    folder.mkdir(parents=True, exist_ok=True)
    out = ts_path(language, folder)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    qm = out.with_suffix(".qm")
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(tool), "-silent", str(out), "-qm", str(qm)], check=True)
    return out


def _strip(text: str) -> str:
    text = re.sub(r"<[^<>]*>", " ", text)
    text = re.sub(r"&[a-zA-Z]+;|&#\d+;", " ", text)
    return text.replace("&", "")


def english_words(text: str, data: list[str]) -> list[str]:
    """Plain-ASCII words (3+ letters) in ``text`` once the data it shows is taken out."""
    text = _strip(text)
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    words = re.findall(r"[^\W\d_]+", text)
    return [w for w in words if len(w) >= 3 and w.isascii()]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) of every visible label, button, action and window title under ``root``."""
    found: list[tuple[str, str]] = []
    if root.windowTitle():
        found.append(("window title", root.windowTitle()))
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            found.append((f"{type(widget).__name__} {widget.objectName()}", widget.text()))
        if widget.isWindow() and widget.windowTitle():
            found.append(("window title", widget.windowTitle()))
    for action in root.findChildren(QAction):
        if action.text() and not action.isSeparator():
            found.append(("action", action.text()))
    return found


def untranslated(root: QWidget, data: list[str]) -> list[str]:
    """Texts under ``root`` that still show English words from our code."""
    out = []
    for what, text in visible_texts(root):
        words = english_words(text, data)
        if words:
            out.append(f"{what}: {text!r} -> {words}")
    return sorted(set(out))


def squeezed(root: QWidget) -> list[str]:
    """Visible buttons narrower than their text needs (a layout broken by longer text)."""
    out = []
    for button in root.findChildren(QAbstractButton):
        if (
            button.isVisible()
            and button.text()
            and button.width() + 2 < button.minimumSizeHint().width()
        ):
            out.append(f"{button.text()!r}: {button.width()} < {button.minimumSizeHint().width()}")
    return out
