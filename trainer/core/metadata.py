"""A fast, partial read of a case file's top-level fields, for listing it in the library.

The library shows each case's id, title, focus, jurisdiction, level, minutes, tags,
summary and content note. Reading them this way takes well under a millisecond a case
and imports neither PyYAML nor the case model, so a student's first start (no library
cache yet) lists the cases about as quickly as every later start; each case is then
loaded and validated in full in the background, and again when it is opened.

This reader understands only the plain ways those fields are written (one-line plain
or quoted scalars, ``|`` and ``>`` block scalars, one- or several-line ``[flow]`` lists
and simple block lists of one-line items). Anything else, and anything it is not sure
of, is *deferred*: :func:`read_metadata` returns None and the full loader decides. It
never raises for a bad file, and its work is linear in the size of the file (bounded by
the loader's own size limit), so a hostile file cannot hang it. When it returns fields,
they are exactly what the full loader gives for a valid case (a test checks that).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

MAX_BYTES = 2_000_000  # the same limit as the loader (yamlsource.MAX_BYTES)
FIELDS = (
    "id",
    "title",
    "focus",
    "jurisdiction",
    "level",
    "minutes",
    "tags",
    "summary",
    "content_note",
)
REQUIRED = frozenset(FIELDS) - {"tags"}
CHOICES = {
    "focus": frozenset({"victim-safeguarding", "perpetrator-engagement", "both"}),
    "jurisdiction": frozenset({"england", "wales", "both"}),
    "level": frozenset({"introductory", "intermediate", "advanced"}),
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*))?")
_BLOCK = re.compile(r"([|>])([-+]?)(?:[ \t]+(#.*)?)?")
_INT = re.compile(r"[-+]?[0-9]+")
# A plain scalar the YAML 1.2 core schema reads as anything but text (null, bool, number).
_NOT_TEXT = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t"}
# Characters YAML does not allow in a document (libyaml refuses the file).
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")


class _Defer(Exception):
    """Not sure what the full loader would make of this: let it decide."""


def read_metadata(path: Path) -> dict[str, Any] | None:
    """The library fields of a case file, or None to leave the file to the full loader."""
    try:
        raw = _read(Path(path))
        if raw is None:
            return None
        return metadata_from_text(raw.decode("utf-8-sig"))
    except (_Defer, UnicodeDecodeError, ValueError, OSError):
        return None


def metadata_from_text(text: str) -> dict[str, Any] | None:
    """As :func:`read_metadata`, from a case file's text."""
    try:
        return _fields(text)
    except (_Defer, ValueError):
        return None


def _read(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        chunks, left = [], MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return None if len(raw) > MAX_BYTES or b"\x00" in raw else raw


def _fields(text: str) -> dict[str, Any]:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if any(c in text for c in "\r\x85\u2028\u2029\ufeff") or _NOT_PRINTABLE.search(text):
        raise _Defer  # other line breaks, a second byte-order mark, or not YAML text
    chunks: dict[str, tuple[str, list[str]]] = {}
    seen: set[str] = set()
    current: list[str] | None = None  # the lines of a wanted field, None in another
    started = commented = False
    for line in text.split("\n"):
        if not line or line[0] in " \t":
            if not started and line.strip() and not line.lstrip().startswith("#"):
                raise _Defer  # indented content before the first key
            if current is not None:
                if commented and line.strip():
                    raise _Defer  # a field's value goes on after a comment at the margin
                current.append(line)
            continue
        if line[0] == "#":
            commented = True
            continue
        if line.rstrip() == "---" and not started:
            started = True
            continue
        match = _KEY.fullmatch(line)
        if match is None:
            raise _Defer  # a top-level line of another kind: quoted key, list, flow, ...
        started, commented = True, False
        key = match.group(1)
        if key in seen:
            raise _Defer  # a duplicate key: the full loader says where
        seen.add(key)
        if key in FIELDS:
            current = []
            chunks[key] = (match.group(2) or "", current)
        else:
            current = None
    out: dict[str, Any] = {}
    for key, (inline, more) in chunks.items():
        out[key] = _value(key, inline.rstrip(" \t"), more)
    return _checked(out)


def _checked(out: dict[str, Any]) -> dict[str, Any]:
    if not out.keys() >= REQUIRED:
        raise _Defer
    out.setdefault("tags", [])
    for key in ("id", "title", "focus", "jurisdiction", "level", "summary", "content_note"):
        if not isinstance(out[key], str):
            raise _Defer
    if not (_ID.fullmatch(out["id"]) and len(out["id"]) <= 80) or not out["content_note"]:
        raise _Defer
    for key, allowed in CHOICES.items():
        if out[key] not in allowed:
            raise _Defer
    minutes = out["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600:
        raise _Defer
    tags = out["tags"]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Defer
    return out


def _value(key: str, inline: str, more: list[str]) -> Any:
    body = [line for line in more if line.strip() and not line.lstrip().startswith("#")]
    block = _BLOCK.fullmatch(inline)
    if block is not None:
        return _block_scalar(block.group(1), block.group(2), more)
    if inline.startswith("["):
        if any(not line.strip() for line in more[: len(more) - _trailing_blanks(more)]):
            raise _Defer  # a blank line inside a list folds differently
        return _flow_list(" ".join([inline, *(line.strip() for line in more)]))
    if not inline:
        return _block_list(body)
    if body:
        raise _Defer  # a scalar over several lines
    if key == "minutes":
        value = _strip_comment(inline)
        if not _INT.fullmatch(value):
            raise _Defer
        return int(value)
    return _one_scalar(inline, flow=False)


def _trailing_blanks(lines: list[str]) -> int:
    count = 0
    for line in reversed(lines):
        if line.strip():
            break
        count += 1
    return count


def _strip_comment(text: str) -> str:
    for mark in (" #", "\t#"):
        if mark in text:
            text = text[: text.index(mark)]
    return text.rstrip(" \t")


def _one_scalar(text: str, flow: bool) -> str:
    """A whole one-line scalar (a comment may follow), as text."""
    if text[:1] in "\"'":
        value, end = _quoted(text, 0)
        rest = text[end:].strip(" \t")
        if rest and not rest.startswith("#"):
            raise _Defer
        return value
    return _plain(_strip_comment(text), flow)


def _plain(value: str, flow: bool) -> str:
    if not value or value[0] in _PLAIN_START_BAD or ": " in value or value.endswith(":"):
        raise _Defer
    if "\t" in value or "#" in value or (flow and any(c in value for c in ",[]{}")):
        raise _Defer
    if _NOT_TEXT.fullmatch(value):
        raise _Defer  # null, a boolean or a number: not text
    return value


def _quoted(text: str, start: int) -> tuple[str, int]:
    """The quoted scalar at ``text[start]`` and the index after its closing quote."""
    quote = text[start]
    out: list[str] = []
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        if c == "\\" and quote == '"':
            nxt = text[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                code = int(text[i + 2 : i + 6], 16)
                if 0xD800 <= code <= 0xDFFF:
                    raise _Defer
                out.append(chr(code))
                i += 6
                continue
            raise _Defer  # any other escape: leave it to libyaml
        if c == "\n":
            raise _Defer
        out.append(c)
        i += 1
    raise _Defer  # not closed on this line


def _flow_list(text: str) -> list[str]:
    """``[a, "b", 'c']``, possibly written over several lines (already joined by spaces)."""
    if not text.startswith("["):
        raise _Defer
    items: list[str] = []
    i, n = 1, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            raise _Defer
        if text[i] == "]":
            if items:
                raise _Defer  # "[a, ]": a trailing comma (allowed, but not worth the risk)
            break
        if text[i] in "\"'":
            value, i = _quoted(text, i)
            items.append(value)
        else:
            end = i
            while end < n and text[end] not in ",]":
                end += 1
            items.append(_plain(text[i:end].strip(" \t"), flow=True))
            i = end
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ",":
            i += 1
            while i < n and text[i] in " \t":
                i += 1
            if i < n and text[i] == "]":
                raise _Defer
            continue
        if i < n and text[i] == "]":
            break
        raise _Defer
    if text[i + 1 :].strip(" \t") and not text[i + 1 :].strip(" \t").startswith("#"):
        raise _Defer
    return items


def _block_list(body: list[str]) -> list[str]:
    if not body:
        raise _Defer  # an empty value: null
    indent = len(body[0]) - len(body[0].lstrip(" "))
    items = []
    for line in body:
        if line[:indent].strip(" ") or line[indent : indent + 2] != "- ":
            raise _Defer
        items.append(_one_scalar(line[indent + 2 :].strip(" "), flow=False))
    return items


def _block_scalar(style: str, chomp: str, more: list[str]) -> str:
    if chomp == "+":
        raise _Defer
    lines = list(more)
    while lines and not lines[-1].strip(" "):
        lines.pop()
    if not lines:
        raise _Defer
    first = lines[0]
    if not first.strip(" "):
        raise _Defer  # leading blank lines
    indent = len(first) - len(first.lstrip(" "))
    if indent == 0 or first[indent] == "\t":
        raise _Defer
    content: list[str] = []
    for line in lines:
        if not line.strip(" "):
            if len(line) > indent or "\t" in line:
                raise _Defer
            content.append("")
            continue
        if line[:indent].strip(" "):
            raise _Defer  # less indented than the first line
        part = line[indent:]
        if style == ">" and part[:1] in (" ", "\t"):
            raise _Defer  # a more-indented line in a folded scalar
        content.append(part)
    if style == "|":
        value = "\n".join(content)
    else:
        out: list[str] = []
        blanks = 0
        for part in content:
            if not part:
                blanks += 1
                continue
            if out:
                out.append("\n" * blanks if blanks else " ")
            out.append(part)
            blanks = 0
        value = "".join(out)
    return value if chomp == "-" else value + "\n"
