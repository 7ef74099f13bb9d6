"""The case library as data: entries loaded from folders (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.core.errors import Problem
from trainer.core.loader import LoadedCase, load_folder

FOCUS_WORDS = {
    "victim-safeguarding": "Victim/survivor safeguarding",
    "perpetrator-engagement": "Perpetrator engagement",
    "both": "Safeguarding and perpetrator engagement",
}
JURISDICTION_WORDS = {"england": "England", "wales": "Wales", "both": "England and Wales"}


@dataclass(frozen=True)
class LibraryEntry:
    """One case file: loaded, or listed with the problem that stops it opening."""

    path: Path
    loaded: LoadedCase | None
    problems: tuple[Problem, ...]
    folder: Path

    @property
    def is_valid(self) -> bool:
        return self.loaded is not None

    @property
    def case_id(self) -> str:
        return self.loaded.case.id if self.loaded else ""

    @property
    def title(self) -> str:
        return self.loaded.case.title if self.loaded else self.path.name

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


def load_entries(folders: list[Path]) -> list[LibraryEntry]:
    """Every case in every folder (duplicates by path removed); slow, so run it off the UI thread."""
    seen: set[Path] = set()
    entries: list[LibraryEntry] = []
    for folder in folders:
        if not folder.exists():  # a folder, or a single case file
            continue
        for item in load_folder(folder):
            real = item.path.resolve()
            if real in seen:
                continue
            seen.add(real)
            entries.append(LibraryEntry(item.path, item.loaded, item.problems, folder))
    entries.sort(key=lambda e: (not e.is_valid, e.title.lower()))
    return entries


def warm_up(entries: list[LibraryEntry]) -> int:
    """Work to do after the library is on screen: explore each case's graph and load the
    Markdown renderer, so opening a case is instant. Returns how many were explored."""
    import trainer.core.render  # noqa: F401  (import cost paid here, off the UI thread)

    count = 0
    for entry in entries:
        if entry.loaded is not None:
            _ = entry.loaded.analysis
            count += 1
    return count
