"""The case library as data: entries from folders, and a small cache (no widgets here).

Loading and validating a case is the slow part of start-up (the validator walks every
scored path). The library only needs each case's title, focus, level and so on to be
shown, so those are cached in ``<data dir>/library-cache.json``, keyed by the file's
size and modification time, its catalogue's, and the app version. The window lists
cached cases at once; every case is then loaded and validated in the background and the
list is refreshed with the truth (a case that has become invalid shows its error).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from trainer import __version__
from trainer.core.errors import Problem
from trainer.core.paths import case_files, find_catalogue

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase

log = logging.getLogger(__name__)

CACHE_NAME = "library-cache.json"
CACHE_FORMAT = 2  # 2: the content note is in each case's metadata
FOCUS_WORDS = {
    "victim-safeguarding": QT_TRANSLATE_NOOP("Words", "Victim/survivor safeguarding"),
    "perpetrator-engagement": QT_TRANSLATE_NOOP("Words", "Perpetrator engagement"),
    "both": QT_TRANSLATE_NOOP("Words", "Safeguarding and perpetrator engagement"),
}
OPENING_MARKS = "\"'\u2018\u201c\u00ab\u201e\u2039([ \t"
JURISDICTION_WORDS = {
    "england": QT_TRANSLATE_NOOP("Words", "England"),
    "wales": QT_TRANSLATE_NOOP("Words", "Wales"),
    "both": QT_TRANSLATE_NOOP("Words", "England and Wales"),
}


@dataclass(frozen=True)
class CaseMeta:
    """What the library shows about a case, without loading it."""

    id: str
    title: str
    focus: str
    jurisdiction: str
    level: str
    minutes: int
    tags: tuple[str, ...]
    summary: str
    content_note: str = ""

    @classmethod
    def of(cls, loaded: LoadedCase) -> CaseMeta:
        case = loaded.case
        return cls(
            case.id,
            case.title,
            case.focus,
            case.jurisdiction,
            case.level,
            case.minutes,
            tuple(case.tags),
            case.summary,
            case.content_note,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseMeta:
        return cls(**{**data, "tags": tuple(data.get("tags", ()))})


@dataclass(frozen=True)
class LibraryEntry:
    """One case file: loaded (or known from the cache), or listed with what stops it opening."""

    path: Path
    loaded: LoadedCase | None
    problems: tuple[Problem, ...]
    folder: Path
    meta: CaseMeta | None = None
    # Listed before the full check has said anything: from a fast read of the file's
    # metadata (``meta`` set) or, where that read could not be sure, by its name only.
    unchecked: bool = False
    # The full check (load and validate) has run on this version of the file; ``loaded``
    # is then kept only for the case being opened or played (the library needs metadata).
    checked: bool = False

    @property
    def is_valid(self) -> bool:
        return self.meta is not None

    @property
    def is_pending(self) -> bool:
        """Listed by name only until the background check says what the file is."""
        return self.unchecked and self.meta is None

    @property
    def is_checked(self) -> bool:
        return self.checked or self.loaded is not None

    @property
    def is_loaded(self) -> bool:
        return self.loaded is not None

    @property
    def case_id(self) -> str:
        return self.meta.id if self.meta else ""

    @property
    def title(self) -> str:
        return self.meta.title if self.meta else self.path.name

    @property
    def error(self) -> str:
        """The first error, in words, for a case that cannot be opened."""
        errors = [p for p in self.problems if p.severity == "error"]
        if not errors:
            return ""
        first = errors[0]
        where = f"line {first.line}: " if first.line else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}{first.message}{more}"


def load_entry(path: Path, folder: Path) -> LibraryEntry:
    """Load and validate one case file (slow: run it off the UI thread when you can)."""
    from trainer.core.loader import check_case  # the case model: not needed to list the cache

    loaded, problems = check_case(path)
    meta = CaseMeta.of(loaded) if loaded is not None else None
    return LibraryEntry(path, loaded, tuple(problems), folder, meta, checked=True)


def listed(entry: LibraryEntry) -> LibraryEntry:
    """The entry as the library keeps it: what the check found, without the loaded case
    (its model, source map and analysis are several times the size of the file's data;
    opening the case loads and validates it again, see ``Controller.ensure_loaded``)."""
    return replace(entry, loaded=None) if entry.loaded is not None else entry


def quick_entry(path: Path, folder: Path) -> LibraryEntry:
    """An entry from a fast read of the file's metadata (nothing validated yet: opening it
    loads and validates it first, see ``Controller.ensure_loaded``)."""
    from trainer.core.metadata import read_metadata

    data = read_metadata(path)
    meta = None
    if data is not None:
        meta = CaseMeta.from_dict({k: data[k] for k in CaseMeta.__dataclass_fields__})
    return LibraryEntry(path, None, (), folder, meta, unchecked=True)


def library_files(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(case file, the folder it was found in), duplicates by real path removed."""
    seen: set[Path] = set()
    out = []
    for folder in folders:
        if not folder.exists():  # a folder, or a single case file
            continue
        for path in case_files(folder):
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                out.append((path, folder))
    return out


def sort_key(title: str) -> str:
    """A title as it is filed: by its first letter, so '"It's the drink"' sorts under I."""
    return title.lstrip(OPENING_MARKS).casefold()


def sort_entries(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    return sorted(entries, key=lambda e: (not e.is_valid, sort_key(e.title)))


def load_entries(folders: list[Path]) -> list[LibraryEntry]:
    """Every case in every folder, loaded and validated (slow: run it off the UI thread)."""
    return sort_entries([load_entry(path, folder) for path, folder in library_files(folders)])


def warm_up(entries: list[LibraryEntry]) -> int:
    """Work to do after the library is on screen: import the Markdown renderer and the
    case model, so opening a case pays for neither; explore the graph of any case kept
    loaded (the one open). Returns how many were explored."""
    import trainer.core.loader  # noqa: F401  (import costs paid here, off the UI thread)
    import trainer.core.render  # noqa: F401

    count = 0
    for entry in entries:
        if entry.loaded is not None:
            _ = entry.loaded.analysis
            count += 1
    return count


# --------------------------------------------------------------------------- cache


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _key(path: Path, catalogues: dict[Path, list[Any]] | None = None) -> dict[str, Any]:
    """What must be unchanged for a cached entry to stand. ``catalogues`` remembers each
    folder's catalogue for one pass over the files (cases in a folder share one)."""
    folder = path.parent
    known = catalogues.get(folder) if catalogues is not None else None
    if known is None:
        catalogue = find_catalogue(path)
        known = [str(catalogue.resolve()), _stamp(catalogue)]
        if catalogues is not None:
            catalogues[folder] = known
    return {"file": _stamp(path), "catalogue": known, "version": __version__}


class CacheShapeError(ValueError):
    """The cache file is valid JSON but not what :func:`write_cache` writes."""


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise CacheShapeError(f"{where} is not text")
    return value


def _meta(data: object) -> CaseMeta:
    """A ``CaseMeta`` from the cache, every field checked (the file is only a hint)."""
    if not isinstance(data, dict):
        raise CacheShapeError("meta is not an object")
    minutes, tags = data.get("minutes"), data.get("tags", [])
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise CacheShapeError("meta.minutes is not a whole number")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise CacheShapeError("meta.tags is not a list of text")
    names = ("id", "title", "focus", "jurisdiction", "level", "summary", "content_note")
    text = {name: _text(data.get(name), f"meta.{name}") for name in names}
    return CaseMeta(minutes=minutes, tags=tuple(tags), **text)


def _problem(data: object) -> Problem:
    if not isinstance(data, dict):
        raise CacheShapeError("a problem is not an object")
    line, column = data.get("line"), data.get("column")
    for number in (line, column):
        if isinstance(number, bool) or not isinstance(number, int):
            raise CacheShapeError("a problem's line or column is not a whole number")
    severity = data.get("severity")
    if severity not in ("error", "warning"):
        raise CacheShapeError("a problem's severity is not error or warning")
    file, message = _text(data.get("file"), "file"), _text(data.get("message"), "message")
    return Problem(file, line, column, severity, message)


def _cached_entry(
    item: object, path: Path, folder: Path, catalogues: dict[Path, list[Any]] | None = None
) -> LibraryEntry | None:
    """The cached entry for ``path`` if it is current; None if the file changed since."""
    if not isinstance(item, dict):
        raise CacheShapeError("an entry is not an object")
    if item.get("key") != _key(path, catalogues):
        return None
    meta = _meta(item["meta"]) if item.get("meta") is not None else None
    problems = item.get("problems", [])
    if not isinstance(problems, list):
        raise CacheShapeError("problems is not a list")
    return LibraryEntry(path, None, tuple(_problem(p) for p in problems), folder, meta)


def cached_entries(
    cache_file: Path, files: list[tuple[Path, Path]]
) -> tuple[list[LibraryEntry], bool]:
    """Entries for the files the cache knows (unchanged since), and whether it knew all.

    The cache is only a hint: a missing, unreadable or damaged file, or one of any other
    shape (valid JSON that :func:`write_cache` did not write), is ignored as a whole and
    logged; the library is then listed from the cases themselves and the cache rewritten.
    """
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], False
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("Library cache %s unreadable, rebuilding it: %s", cache_file, exc)
        return [], False
    try:
        if not isinstance(data, dict):
            raise CacheShapeError("the file is not a JSON object")
        if data.get("format") != CACHE_FORMAT:
            log.info("Library cache %s is of another format, rebuilding it", cache_file)
            return [], False
        known = data.get("entries")
        if not isinstance(known, dict):
            raise CacheShapeError("entries is not an object")
        entries = []
        catalogues: dict[Path, list[Any]] = {}
        for path, folder in files:
            item = known.get(str(path.resolve()))
            entry = _cached_entry(item, path, folder, catalogues) if item is not None else None
            if entry is not None:
                entries.append(entry)
        sorted_entries = sort_entries(entries)
    except (CacheShapeError, RecursionError, ValueError, TypeError, KeyError) as exc:
        log.warning("Library cache %s has the wrong shape, rebuilding it: %s", cache_file, exc)
        return [], False
    return sorted_entries, len(entries) == len(files)


def write_cache(cache_file: Path, entries: list[LibraryEntry]) -> None:
    """Remember what the library shows about each file (atomically; errors only logged)."""
    catalogues: dict[Path, list[Any]] = {}
    data = {
        "format": CACHE_FORMAT,
        "entries": {
            str(e.path.resolve()): {
                "key": _key(e.path, catalogues),
                "meta": asdict(e.meta) if e.meta else None,
                "problems": [p.as_dict() for p in e.problems if p.severity == "error"][:20],
            }
            for e in entries
        },
    }
    temp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, cache_file)
    except OSError as exc:
        log.warning("Could not write the library cache %s: %s", cache_file, exc)
