"""Helpers shared by the commands: finding cases, safe terminal text, output files."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from trainer.core.loader import CATALOGUE_NAME, case_files
from trainer.core.paths import bundled_scenarios


def case_paths(paths: tuple[str, ...], catalogues: list[Path] | None = None) -> list[Path]:
    """The case files named by files or folders on the command line.

    Catalogue files named directly are not cases: they are left out, or collected in
    ``catalogues`` when the caller wants to check them.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise click.UsageError(f"no such file or folder: {raw}")
        if path.is_file() and path.name == CATALOGUE_NAME:
            if catalogues is not None:
                catalogues.append(path)
            continue
        files.extend(case_files(path))
    if not files and not catalogues:
        raise click.UsageError("no case files found")
    return files


# ---------------------------------------------------------------------- bundled cases

_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID_LINE = re.compile(rb"^id:\s*[\"']?([a-z0-9][a-z0-9-]*)[\"']?\s*(?:#.*)?$", re.M)


def bundled_case(case_id: str, folder: Path | None = None) -> Path | None:
    """The bundled case file whose id is ``case_id`` (found as the app's library finds
    cases: every case file under the bundled scenarios folder), or None."""
    if not _CASE_ID.match(case_id):
        return None
    folder = folder or bundled_scenarios()
    files = case_files(folder) if folder.is_dir() else []
    for path in files:  # the bundled files are named after their ids
        if path.stem == case_id:
            return path
    for path in files:  # else the id written in the file
        try:
            with open(path, "rb") as handle:
                head = handle.read(8192)
        except OSError:
            continue
        found = _ID_LINE.search(head)
        if found and found.group(1).decode() == case_id:
            return path
    return None


def case_argument(text: str) -> Path:
    """A case named on the command line: a file path, else a bundled case id."""
    path = Path(text)
    if path.is_dir():
        raise click.UsageError(f"{text} is a folder; name one case file, or a bundled case id")
    if path.exists():
        return path
    found = bundled_case(text)
    if found is not None:
        return found
    folder = bundled_scenarios()
    ids = sorted(p.stem for p in case_files(folder)) if folder.is_dir() else []
    hint = f" Bundled cases: {', '.join(ids)}." if ids else ""
    raise click.UsageError(f"no case file or bundled case called '{text}'.{hint}")


# ---------------------------------------------------------------------- terminal text

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character ESC sequences,
# then any remaining C0/C1 control character except newline and tab.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences or control characters (newlines and tabs stay),
    so nothing from a case file or a learner can clear the screen, move the cursor,
    overwrite a line or set the window title."""
    if text.isprintable():
        return text
    return _ESCAPES.sub("", text)


class SafeWriter(io.TextIOBase):
    """A text stream that passes everything through :func:`terminal_safe`, and writes
    characters the terminal's encoding cannot show as '?' instead of failing."""

    def __init__(self, target: TextIO) -> None:
        self.target = target

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "replace"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    def write(self, text: str) -> int:  # type: ignore[override]
        if not isinstance(text, str):
            raise TypeError("SafeWriter takes text")
        clean = terminal_safe(text)
        try:
            self.target.write(clean)
        except UnicodeEncodeError:
            self.target.write(clean.encode(self.encoding, "replace").decode(self.encoding))
        return len(text)

    def flush(self) -> None:
        self.target.flush()


def binary_stdout() -> Any:
    """The real standard output's byte stream (under any :class:`SafeWriter`)."""
    stream = sys.stdout
    while isinstance(stream, SafeWriter):
        stream = stream.target
    return getattr(stream, "buffer", stream)


def typed_text(text: str) -> str:
    """Text from the command line or a terminal, whatever its encoding.

    Python keeps bytes it could not decode as lone surrogates; they cannot be stored
    or printed. Such text is decoded again from its bytes: as UTF-8 if it is, else as
    Windows-1252/Latin-1 (what a Latin-1 terminal sends)."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    return decode_bytes(raw)


def decode_bytes(raw: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


class LineReader:
    """Lines of standard input, decoded one by one by :func:`decode_bytes` (so a Latin-1
    terminal, or a file saved in another encoding, never ends a play with an error)."""

    def __init__(self, stream: Any) -> None:
        self.binary = getattr(stream, "buffer", None)
        self.stream = stream

    def readline(self) -> str:
        if self.binary is None:
            return typed_text(self.stream.readline())
        return decode_bytes(self.binary.readline())

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError):
            return False


# ---------------------------------------------------------------------- output files


def output_path(out: str, allow_stdout: bool = False) -> Path | None:
    """Check an ``--out`` argument before any work is done; None means standard output.

    A symbolic link is written through, folders, devices, pipes and sockets are
    refused, and so is a missing folder (see :func:`trainer.store.files.check_target`).
    """
    from trainer.store.files import check_target

    if out == "-":
        if not allow_stdout:
            raise click.UsageError("--out - (standard output) is not possible here; name a file")
        return None
    check_target(Path(out))
    return Path(out)
