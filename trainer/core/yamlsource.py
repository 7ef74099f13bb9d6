"""Read YAML safely into plain Python data, keeping the line and column of every node.

We build the data from libyaml's event stream ourselves rather than calling
``yaml.load`` because that lets us, in one pass and without recursion:

* refuse duplicate keys (PyYAML silently keeps the last one);
* refuse anchors/aliases (no "billion laughs") and any non-standard tag;
* bound nesting depth (libyaml's composer recurses in C and can crash);
* remember where every mapping key and value starts, for ``file:line:col`` errors.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is about 8x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from trainer.core.errors import Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
SYNTAX_PREFIX = "not valid YAML"  # starts every syntax error that libyaml describes
MAX_NODES = 400_000

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each node of a loaded document came from (1-based line and column)."""

    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int, int]:
        """The position of ``path``, or of its nearest known ancestor."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        line, col = self.locate(path)
        return Problem(self.file, line, col, severity, message)  # type: ignore[arg-type]


class YamlSourceError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_CONSTRUCT = yaml.SafeLoader.yaml_constructors
_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# YAML 1.2 core schema: how a plain (unquoted) scalar is read. Editors and
# yaml-language-server follow it, so `yes`, `no`, `on`, `off`, `y` and `n` are text, as are
# `1_000`, `0b101`, `12:30` and dates; only these patterns are anything but text.
_CORE_NULL = re.compile(r"~|null|Null|NULL|")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_CORE_BOOL["FALSE"] = False
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_OCT = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_CORE_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_CORE_NAN = re.compile(r"\.(nan|NaN|NAN)")


def core_scalar(value: str) -> Any:
    """A plain scalar as the YAML 1.2 core schema reads it (text unless it is clearly not)."""
    if not value or value[0] in "~nNtTfF0123456789+-.":
        if _CORE_NULL.fullmatch(value):
            return None
        if value in _CORE_BOOL:
            return _CORE_BOOL[value]
        if _CORE_INT.fullmatch(value):
            return int(value)  # Python refuses over 4,300 digits, with a message that says so
        if _CORE_OCT.fullmatch(value):
            return int(value[2:], 8)
        if _CORE_HEX.fullmatch(value):
            return int(value[2:], 16)
        if _CORE_FLOAT.fullmatch(value):
            return float(value)
        if _CORE_INF.fullmatch(value):
            return float("-inf") if value[0] == "-" else float("inf")
        if _CORE_NAN.fullmatch(value):
            return float("nan")
    return value


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        if tag == "!" or not event.implicit[0]:
            return value  # quoted (or the non-specific tag): always text
        if value == "<<":
            raise ValueError("merge keys (<<) are not allowed in case files")
        return core_scalar(value)
    if tag not in _SAFE_TAGS:
        raise ValueError(f"the tag {tag!r} is not allowed in case files")
    if tag == "tag:yaml.org,2002:str":
        return event.value
    node = yaml.ScalarNode(tag, event.value)
    return _CONSTRUCT[tag](_STUB, node)


class _Stub(yaml.SafeLoader):
    def __init__(self) -> None:  # no stream: only the scalar constructors are used
        pass


_STUB = _Stub()


def _location_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 text."""
    before = raw[:offset].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def decode_text(raw: bytes, file: str) -> str:
    """Decode a case file's bytes as UTF-8, with a located error when it is not text."""
    if len(raw) > MAX_BYTES:
        raise _too_big(file, len(raw))
    if b"\x00" in raw[:8192]:
        raise YamlSourceError(
            Problem(file, 1, 1, "error", "this is not a text file (it contains NUL bytes)")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _location_of_byte(raw, exc.start)
        raise YamlSourceError(
            Problem(
                file,
                line,
                col,
                "error",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                "save it as UTF-8 in your editor",
            )
        ) from None
    return text


# Characters that change how text reads without being seen: bidirectional controls (which
# can make a line display in an order other than the one the app reads) and zero-width
# characters (which make two ids or words look the same when they are not).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
_JOINERS = "\u200c\u200d"  # needed inside Arabic, Indic and emoji text: flagged next to ASCII
_HIDDEN = re.compile(
    f"[{_BIDI}{_ZERO_WIDTH}]|(?<=[\x00-\x7f])[{_JOINERS}]|[{_JOINERS}](?=[\x00-\x7f])|^[{_JOINERS}]",
    re.MULTILINE,
)
_HIDDEN_NAMES = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
}
MAX_HIDDEN_WARNINGS = 20


def hidden_character_warnings(text: str, file: str) -> list[Problem]:
    """A located warning for each line holding a bidi control or a zero-width character."""
    if text.isascii():  # every one of them is outside ASCII: nothing to scan for
        return []
    problems: list[Problem] = []
    last_line = 0
    count = 0
    line, scanned = 1, 0
    for found in _HIDDEN.finditer(text):
        line += text.count("\n", scanned, found.start())  # counted once: linear in the text
        scanned = found.start()
        if line == last_line:
            continue
        last_line = line
        count += 1
        if count > MAX_HIDDEN_WARNINGS:
            continue
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        char = found.group()
        bidi = char in _BIDI
        problems.append(
            Problem(
                file,
                line,
                col,
                "warning",
                f"an invisible character, U+{ord(char):04X} {_HIDDEN_NAMES[char]}: "
                + (
                    "it can make this line display in a different order from the one the app reads"
                    if bidi
                    else "it hides a difference, so two words or ids can look the same and not be"
                )
                + "; delete it (retype the line if you cannot see where it is)",
            )
        )
    if count > MAX_HIDDEN_WARNINGS:
        problems.append(
            Problem(
                file,
                last_line,
                1,
                "warning",
                f"{count - MAX_HIDDEN_WARNINGS} more line(s) hold invisible characters",
            )
        )
    return problems


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and a :class:`SourceMap`.

    Raises :class:`YamlSourceError` with a located problem for anything unsafe
    or malformed.
    """
    smap = SourceMap(file)
    stack: list[tuple[Any, Path_, Any]] = []  # (container, path, pending key)
    root: Any = None
    seen_root = False
    nodes = 0

    def where(mark: Any) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1)

    def fail(mark: Any, message: str) -> YamlSourceError:
        line, col = where(mark)
        return YamlSourceError(Problem(file, line, col, "error", message))

    def place(value: Any, mark: Any) -> Path_ | None:
        """Attach ``value`` to the current container; return its path (None for keys)."""
        nonlocal root, seen_root
        if not stack:
            if seen_root:
                raise fail(mark, "a case file must hold one YAML document, not several")
            root, seen_root = value, True
            smap.marks[()] = where(mark)
            return ()
        container, path, key = stack[-1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            smap.marks[child] = where(mark)
            return child
        if key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise fail(mark, "a mapping key must be plain text, not a list or mapping")
            if not isinstance(value, str):
                value = str(value).lower() if isinstance(value, bool) else str(value)
            if value in container:
                first = smap.marks.get((*path, value), (0, 0))
                raise fail(
                    mark,
                    f"duplicate key '{value}' (first given at line {first[0]}); "
                    "YAML would silently keep only the last one",
                )
            stack[-1] = (container, path, value)
            smap.marks[(*path, value)] = where(mark)
            return None
        child = (*path, key)
        container[key] = value
        stack[-1] = (container, path, _NO_KEY)
        return child

    try:
        parser = _Loader(text)
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(
                event, (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)
            ):
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise fail(event.start_mark, "the file is too large to be a case")
            if isinstance(event, yaml.AliasEvent):
                raise fail(
                    event.start_mark,
                    f"aliases (*{event.anchor}) are not allowed in case files; "
                    "write the text out where it is needed (if this is text that starts "
                    f"with *, {_DOUBLE_QUOTES})",
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise fail(
                    event.start_mark,
                    f"anchors (&{anchor}) are not allowed in case files (if this is text "
                    f"that starts with &, {_DOUBLE_QUOTES})",
                )
            if isinstance(event, yaml.ScalarEvent):
                try:
                    value = _scalar(event)
                except (ValueError, yaml.YAMLError) as exc:
                    raise fail(event.start_mark, str(exc)) from None
                is_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY
                if value is None and is_key:  # a key `null` or `~` is the text written
                    value = event.value or "null"
                place(value, event.start_mark)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise fail(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
                tag = event.tag
                if tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise fail(event.start_mark, f"the tag {tag!r} is not allowed in case files")
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                    raise fail(event.start_mark, "a mapping key must be plain text")
                path = place(container, event.start_mark)
                stack.append((container, path if path is not None else (), _NO_KEY))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = where(mark) if mark is not None else (1, 1)
        lines = text.splitlines()
        message = _syntax_message(exc.problem, exc.context, lines, line)
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            message += "; this line has a tab: indent with spaces, not tabs"
        raise YamlSourceError(Problem(file, line, col, "error", message)) from None
    except yaml.reader.ReaderError as exc:
        line, col = _location_of_byte(text.encode("utf-8"), exc.position)  # libyaml counts bytes
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlSourceError(
            Problem(
                file,
                line,
                col,
                "error",
                f"the character U+{ord(char):04X} is not allowed in a case file ({exc.reason})",
            )
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "unknown problem"
        raise YamlSourceError(Problem(file, 1, 1, "error", f"malformed YAML: {first}")) from None
    return root, smap


def _syntax_message(
    problem: str | None, context: str | None, lines: list[str] | None = None, line: int = 0
) -> str:
    """Our own words for a syntax error that libyaml reported.

    libyaml's limits (its nesting depth since 0.2.6) are reported in the same words as our
    own checks, so a user meets one message whichever library version noticed first. The
    commonest slips in tutors' text (an apostrophe inside single quotes, a colon in plain
    text, text that starts with a character YAML reserves) are named with what to do; other
    syntax errors keep libyaml's description behind a fixed prefix that says what kind of
    problem it is.
    """
    text = problem or "malformed YAML"
    if "maximum nesting depth" in text:
        return f"nesting is deeper than {MAX_DEPTH} levels"
    advice = _quoting_advice(text, context or "", lines or [], line)
    if advice:
        return f"{SYNTAX_PREFIX}: {advice}"
    if context:
        text = f"{text} ({context})"
    return f"{SYNTAX_PREFIX}: {text}"


_DOUBLE_QUOTES = "put the text in double quotes"


def _key_value(source: str) -> tuple[str, str] | None:
    """The key and value of a ``key: value`` line (also inside a list item), if it is one.

    Plain string work, no regular expression: the line may be megabytes long.
    """
    text = source.strip()
    start = 0
    while text.startswith("- ", start):  # list items: skip each "- " without copying
        start += 2
        while start < len(text) and text[start] == " ":
            start += 1
    text = text[start:]
    if not text or text[0] in "'\"#:":
        return None
    split = text.find(": ")
    if split <= 0:
        return None
    key, value = text[:split].rstrip(), text[split + 2 :].strip()
    if not key or not value or "#" in key:
        return None
    return key, value


def _quoted_example(key: str, value: str) -> str:
    """``key: "value"``, the line as it should be written (shortened if long)."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        value = value[1:-1].replace("''", "'")
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    if len(value) > 50:
        value = value[:47] + "…"
    return f'{key}: "{value}"'


def _quoting_advice(problem: str, context: str, lines: list[str], line: int) -> str:
    """What to do about the commonest quoting slips, judged from the lines near the error."""
    for number in (line, line - 1):  # libyaml may notice on the next line
        if not 0 < number <= len(lines):
            continue
        pair = _key_value(lines[number - 1])
        if pair is None:
            continue
        key, value = pair
        example = _quoted_example(key, value)
        where = f" (on line {number})" if number != line else ""
        first = value[0]
        if first == "'" and value.count("'") >= 3 and "''" not in value:
            return (
                f"an apostrophe inside single quotes ends the text early{where}: "
                f"{_DOUBLE_QUOTES}, e.g. {example} (or write each apostrophe twice: '')"
            )
        if first in "'\"" and value.count(first) == 1 and number < line:
            return (
                f"the quote mark at the start of the text on line {number} is never closed: "
                f"end the text with {first}, e.g. {_quoted_example(key, value[1:])}"
            )
        if first == '"' and value.count('"') >= 2 and not value.endswith('"'):
            return (
                f"text that starts with a quote mark must end with it{where}: "
                f'{_DOUBLE_QUOTES} and write each quote mark inside it as \\", e.g. {example}'
            )
        if "mapping values are not allowed" in problem and ": " in value:
            return (
                f"a colon followed by a space inside plain text reads as a new field"
                f"{where}: {_DOUBLE_QUOTES}, e.g. {example}"
            )
        if (
            first in "@`%!|>"
            and "cannot start any token" in problem
            or first in "*&"
            and ("alias" in context or "anchor" in context)
        ):
            return (
                f"text cannot start with {first} unquoted{where}: {_DOUBLE_QUOTES}, e.g. {example}"
            )
        if first in "[{" and "expected key" in problem:
            return (
                f"text that starts with {first} reads as a list or mapping{where}: "
                f"{_DOUBLE_QUOTES}, e.g. {example}"
            )
        if value.startswith("- ") and "sequence entries are not allowed" in problem:
            return (
                f"text that starts with '- ' reads as a list{where}: "
                f"{_DOUBLE_QUOTES}, e.g. {example}"
            )
    return _indent_advice(problem, lines, line)


def _indent_advice(problem: str, lines: list[str], line: int) -> str:
    """Name a key that is indented differently from the key above it in the same mapping."""
    if "expected key" not in problem or not 1 < line <= len(lines):
        return ""
    here = lines[line - 1]
    if _key_value(here + " x") is None:
        return ""
    for above in reversed(lines[: line - 1]):
        if above.strip() and not above.lstrip().startswith("#"):
            break
    else:
        return ""
    indent = len(here) - len(here.lstrip(" "))
    indent_above = len(above) - len(above.lstrip(" "))
    if indent == indent_above or above.rstrip().endswith(":") or above.lstrip().startswith("- "):
        return ""
    key = here.strip().split(":", 1)[0]
    return (
        f"'{key}:' is indented {indent} spaces but the line above {indent_above}: keys of "
        "one mapping must start in the same column"
    )


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _too_big(file: str, size: int) -> YamlSourceError:
    return YamlSourceError(
        Problem(
            file,
            1,
            1,
            "error",
            f"the file is {size / 1e6:.1f} MB; a case file may be at most {MAX_BYTES / 1e6:.0f} MB",
        )
    )


def read_source_bytes(path: Path, display: str | None = None) -> bytes:
    """The bytes of a case, catalogue or expectation file, refused before reading when unfit.

    Anything that is not a regular file (a folder, ``/dev/zero``, a named pipe, a socket)
    is refused without reading from it, and so is a file over :data:`MAX_BYTES` (from its
    size on disk: a 4 GB file is refused at once). The file is opened without blocking, so
    a pipe swapped in after the check cannot hang the app either; at most
    ``MAX_BYTES + 1`` bytes are ever read.
    """
    file = display or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise YamlSourceError(
            Problem(file, 1, 1, "error", f"cannot read the file: {exc.strerror or exc}")
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise YamlSourceError(
                Problem(
                    file,
                    1,
                    1,
                    "error",
                    f"this is not a regular file ({what}); a case file must be a "
                    "text file saved on disk",
                )
            )
        if info.st_size > MAX_BYTES:
            raise _too_big(file, info.st_size)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise YamlSourceError(
            Problem(file, 1, 1, "error", f"cannot read the file: {exc.strerror or exc}")
        ) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:  # it grew after the check
        raise _too_big(file, len(raw))
    return raw


def read_yaml_file(path: Path, display: str | None = None) -> tuple[Any, SourceMap]:
    """Read, decode and parse a YAML file, with every failure as a located problem."""
    file = display or str(path)
    return load_yaml(decode_text(read_source_bytes(path, file), file), file)
