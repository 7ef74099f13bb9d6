"""Open a case and check a case: the core's one entry point for both.

    loaded, problems = check_case(path)   # never raises for a bad file
    loaded = load_case(path)              # raises CaseError with every problem

A file becomes a :class:`~trainer.core.loader.LoadedCase` in the loader (YAML, the
case model, the catalogue); here it is then checked by the validator (references,
conditions, the state graph, scoring, judgement checks) and kept only if it has no errors.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.errors import CaseError, Problem
from trainer.core.loader import (
    LoadedCase,
    _parse_model,
    case_files,
    find_catalogue,
    load_catalogue,
)
from trainer.core.model import Case, Catalogue
from trainer.core.validator import validate
from trainer.core.yamlsource import YamlSourceError, read_source_bytes


def check_case(
    path: Path, catalogue: Catalogue | None = None, raw: bytes | None = None
) -> tuple[LoadedCase | None, list[Problem]]:
    """Load and fully validate one case file; never raises for a bad file."""
    path = Path(path)
    if catalogue is None:
        catalogue_path = find_catalogue(path)
        try:
            catalogue = load_catalogue(catalogue_path)
        except CaseError as exc:
            return None, [
                Problem(
                    str(path),
                    0,
                    0,
                    "error",
                    f"the catalogue {catalogue_path} has problems: {exc.headline}",
                ),
                *exc.problems,
            ]
    try:
        if raw is None:
            raw = read_source_bytes(path)
    except YamlSourceError as exc:
        return None, [exc.problem]
    parsed, problems = _parse_model(path, Case, raw)
    if parsed is None:
        return None, problems
    case, smap = parsed
    loaded = LoadedCase(case, catalogue, path, hashlib.sha256(raw).hexdigest(), smap)
    problems = sorted([*problems, *validate(loaded)])  # the parser's warnings, then the checks
    if any(p.severity == "error" for p in problems):
        return None, problems
    warnings = tuple(p for p in problems if p.severity == "warning")
    checked = dataclasses.replace(loaded, warnings=warnings)
    for kept in ("analysis", "_case_maxima", "_case_distances"):
        if kept in loaded.__dict__:  # keep what the validator already worked out
            checked.__dict__[kept] = loaded.__dict__[kept]
    return checked, problems


def load_case(
    path: Path | str, catalogue: Catalogue | None = None, language: str = "en"
) -> LoadedCase:
    """Load a case, raising :class:`CaseError` (with every problem) if it has errors; in
    another ``language`` than English, with the texts of its translation file."""
    loaded, problems = check_case(Path(path), catalogue)
    if loaded is None:
        raise CaseError(path, problems)
    if language != "en":
        from trainer.core.translation import in_language

        return in_language(loaded, path, language)  # type: ignore[no-any-return]
    return loaded


@dataclass(frozen=True)
class FolderEntry:
    path: Path
    loaded: LoadedCase | None
    problems: tuple[Problem, ...]


def load_folder(folder: Path) -> list[FolderEntry]:
    """Every case in a folder, each loaded or with its problems; never raises."""
    return [FolderEntry(path, *_pair(check_case(path))) for path in case_files(Path(folder))]


def _pair(result: tuple[LoadedCase | None, list[Problem]]) -> tuple[Any, tuple[Problem, ...]]:
    return result[0], tuple(result[1])
