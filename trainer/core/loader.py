"""Load case files and the shared catalogue into validated, immutable models.

``check_case`` never raises for a bad file: it returns every problem it found,
located as ``file:line:column``. ``load_case`` raises :class:`CaseError` when
any problem is an error.
"""

from __future__ import annotations

import difflib
import importlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from trainer.core.errors import CaseError, Problem
from trainer.core.model import Case, Catalogue, Indicator, RiskScale
from trainer.core.paths import (  # re-exported: the loader's public API keeps them
    CATALOGUE_NAME,
    EXPECTATION_SUFFIX,
    bundled_assets,
    bundled_root,
    bundled_scenarios,
    case_files,
    find_catalogue,
)
from trainer.core.yamlsource import (
    SourceMap,
    YamlSourceError,
    decode_text,
    hidden_character_warnings,
    load_yaml,
    read_source_bytes,
)

__all__ = [
    "CATALOGUE_NAME",
    "EXPECTATION_SUFFIX",
    "LoadedCase",
    "bundled_assets",
    "bundled_root",
    "bundled_scenarios",
    "case_files",
    "find_catalogue",
    "load_catalogue",
]


@dataclass(frozen=True)
class LoadedCase:
    """A validated case with everything needed to play and score it."""

    case: Case
    catalogue: Catalogue
    path: Path
    sha256: str
    source: SourceMap = field(repr=False, compare=False)
    warnings: tuple[Problem, ...] = ()
    language: str = "en"  # the language of its texts (see trainer.core.translation)
    source_title: str = ""  # the case file's own title, when the texts are a translation

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def title(self) -> str:
        """The case file's own title, whatever language the texts are in (for records)."""
        return self.source_title or self.case.title

    @property
    def folder(self) -> Path:
        return self.path.parent

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self.case.indicators.get(indicator_id) or self.catalogue.indicators.get(indicator_id)

    def scale(self, scale_id: str) -> RiskScale | None:
        return self.case.risk_scales.get(scale_id) or self.catalogue.risk_scales.get(scale_id)

    def competency_title(self, competency_id: str) -> str:
        comp = self.catalogue.competencies.get(competency_id)
        return comp.title if comp else competency_id

    @cached_property
    def analysis(self) -> Any:
        """The explored state graph (maxima, reachability); computed once, on demand.

        The exploration lives in :mod:`trainer.core.explore`, above the loader; it
        registers itself here (see :func:`register_analyser`) when it is imported."""
        if not _ANALYSERS:
            importlib.import_module("trainer.core.explore")  # registers analyse()
        return _ANALYSERS[0](self)


_ANALYSERS: list[Callable[[LoadedCase], Any]] = []


def register_analyser(analyse: Callable[[LoadedCase], Any]) -> None:
    """Let ``LoadedCase.analysis`` call the graph exploration without the loader
    importing a module above it (the core's layers run one way only)."""
    _ANALYSERS[:] = [analyse]


# --------------------------------------------------------------------------- catalogue


_CATALOGUE_CACHE: dict[tuple[Path, float, int], Catalogue] = {}


def load_catalogue(path: Path) -> Catalogue:
    """Load and validate a catalogue file; raise :class:`CaseError` on problems."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise CaseError(
            path, [Problem(str(path), 0, 0, "error", f"cannot read the catalogue: {exc.strerror}")]
        ) from None
    key = (path.resolve(), stat.st_mtime, stat.st_size)
    if key in _CATALOGUE_CACHE:
        return _CATALOGUE_CACHE[key]
    parsed, problems = _parse_model(path, Catalogue)
    if parsed is None:
        raise CaseError(path, problems)
    catalogue = parsed[0]
    _CATALOGUE_CACHE[key] = catalogue
    return catalogue


# --------------------------------------------------------------------------- cases


def _parse_model(
    path: Path, model: type[BaseModel], raw: bytes | None = None
) -> tuple[Any, list[Problem]]:
    file = str(path)
    try:
        if raw is None:
            raw = read_source_bytes(path, file)
        text = decode_text(raw, file)
        data, smap = load_yaml(text, file)
    except YamlSourceError as exc:
        return None, [exc.problem]
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        return None, [smap.problem((), f"expected a mapping of fields at the top, found {found}")]
    try:
        return (model.model_validate(data), smap), hidden_character_warnings(text, file)
    except ValidationError as exc:
        return None, _pydantic_problems(exc, data, smap, model)


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Keep the parts of a pydantic error location that index into the data."""
    out: list[Any] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            out.append(part)  # a missing or unknown key: locate at its parent
            break
    return tuple(out)


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """Field names (by alias) expected at ``path``, for 'did you mean' hints."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            by_alias = {(f.alias or name): f for name, f in current.model_fields.items()}
            info = by_alias.get(part)
            if info is None:
                return []
            current = info.annotation
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]  # a key or an index: step into the values
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [(f.alias or name) for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated/unions down to the model, dict or list inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
            containers = [a for a in inner if typing.get_origin(a) in (dict, list)]
            annotation = (models or containers or inner)[0]
            continue
        return annotation


# Our words for pydantic's commonest type errors, so messages (and the tests that read them)
# do not change with pydantic's wording.
_PLAIN_TYPE_ERRORS = {
    "int_parsing": "should be a whole number, e.g. 30",
    "int_type": "should be a whole number, e.g. 30",
    "int_from_float": "should be a whole number, e.g. 30",
    "float_parsing": "should be a number, e.g. 2 or 0.5",
    "float_type": "should be a number, e.g. 2 or 0.5",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "string_type": "should be text",
    "dict_type": "should be a mapping of names to values (name: value lines), not a list or text",
    "model_type": "should be a mapping of names to values (name: value lines), not a list or text",
    "model_attributes_type": (
        "should be a mapping of names to values (name: value lines), not a list or text"
    ),
    "list_type": "should be a list (lines starting with '- ')",
}


_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
_FLAG_PATTERN = "^[a-z][a-z0-9_-]*$"
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})


def _suggest_id(text: str, joiner: str = "-") -> str:
    """An id (or with ``joiner='_'`` a flag name) made from ``text``: 'End Good' -> 'end-good'."""
    keep = "-_" if joiner == "_" else "-"
    out = "".join(c if c.isascii() and (c.isalnum() or c in keep) else " " for c in text.lower())
    return joiner.join(out.split())


def _type_message(err: Any) -> str:
    """What is wrong with a value, in tutors' words, with what to write instead."""
    kind = err["type"]
    value = err.get("input")
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern")
        shown = f"'{value}' is not a valid id" if isinstance(value, str) else "not a valid id"
        if pattern == _ID_PATTERN:
            hint = _suggest_id(str(value))
            return f"{shown}: ids use lower-case letters, digits and hyphens, e.g. `end-good`" + (
                f" (try '{hint}')" if hint and hint != value else ""
            )
        if pattern == _FLAG_PATTERN:
            hint = _suggest_id(str(value), "_").lstrip("0123456789-_")
            return (
                f"'{value}' is not a valid flag name: flag names start with a lower-case "
                "letter and use lower-case letters, digits, '_' and '-', e.g. `checked_safe`"
                + (f" (try '{hint}')" if hint and hint != value else "")
            )
    if isinstance(value, str) and kind in (
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
    ):
        what, example = (
            ("a whole number", "30") if kind.startswith("int") else ("a number", "2 or 0.5")
        )
        if _looks_numeric(value):  # YAML 1.2 reads an unquoted 10 as a number: it was quoted
            return f'should be {what} without quotes, e.g. {example}: "{value}" in quotes is text'
        return f"should be {what}, e.g. {example}, not '{value}'"

    if kind in ("bool_type", "bool_parsing") and isinstance(value, str):
        if value.lower() in _YAML11_WORDS:
            return (
                f"should be true or false: '{value}' is text (YAML 1.2, which editors "
                "follow, reads yes, no, on and off as text)"
            )
        return f"should be true or false, without quotes: '{value}' is text"
    ctx = err.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        return f"'{value}' is not one of the choices here: write {ctx['expected']}"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds and bounds[kind][1] in ctx:
        words, key = bounds[kind]
        return f"should be {words} {ctx[key]}, not {value}"
    if kind == "string_type":
        if value is None:
            return "is empty: write the text after the colon"
        if isinstance(value, (bool, int, float)):
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            return f'should be text: put it in double quotes, e.g. "{shown}"'
    return _PLAIN_TYPE_ERRORS.get(kind) or err["msg"].removeprefix("Value error, ")


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_STR_TAGS = frozenset({"constrained-str", "str"})


def _union_branch(loc: tuple[Any, ...], data: Any) -> tuple[tuple[Any, ...], bool]:
    """``loc`` without pydantic's union-member tags ('constrained-str', 'PresentIf',
    'list[Route]'), or None when the error belongs to a member the value is not meant as
    (a mapping is not meant as text; text or a number is not meant as a mapping or list),
    so a tutor reads one message about the form they wrote. Returns (location, kept):
    ``kept`` is False for an error of a member the value is not meant as."""
    from trainer.core import model as models

    out: list[Any] = []
    node = data
    kept = True
    for part in loc:
        if isinstance(part, str) and not (isinstance(node, dict) and part in node):
            is_model = isinstance(getattr(models, part, None), type) and issubclass(
                getattr(models, part), BaseModel
            )
            if part in _STR_TAGS:
                kept = kept and not isinstance(node, (dict, list))
                continue
            if is_model:
                kept = kept and isinstance(node, dict)
                continue
            if part.startswith(("list[", "dict[")):
                kept = kept and isinstance(node, list if part.startswith("list[") else dict)
                continue
        out.append(part)
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
    return tuple(out), kept


def _pydantic_problems(
    exc: ValidationError, data: Any, smap: SourceMap, model: type[BaseModel]
) -> list[Problem]:
    problems: dict[tuple[int, int, str], Problem] = {}
    errors = [(err, *_union_branch(tuple(err["loc"]), data)) for err in exc.errors()]
    kept_locs = [loc for _, loc, kept in errors if kept]
    for err, loc, kept in errors:
        if not kept and any(
            other[: len(loc)] == loc or loc[: len(other)] == other for other in kept_locs
        ):
            continue  # another member of the union explains the value the tutor wrote
        if not kept:
            kept_locs.append(loc)
        path = _data_path(loc, data)
        dotted = ".".join(str(p) for p in path) or "(top)"
        kind = err["type"]
        if kind == "extra_forbidden":
            name = str(path[-1]) if path else "?"
            expected = _fields_at(model, path[:-1])
            hint = difflib.get_close_matches(name, expected, n=1)
            message = f"unknown field '{name}'"
            if hint:
                message += f" (did you mean '{hint[0]}'?)"
        elif kind == "missing":
            name = str(loc[-1])
            where = ".".join(str(p) for p in path[:-1]) if path and path[-1] == name else dotted
            message = f"missing required field '{name}'" + (f" in {where}" if where else "")
            path = path[:-1] if path and path[-1] == name else path
        else:
            if path and path[-1] == "[key]":
                path = path[:-1]
                dotted = ".".join(str(p) for p in path)
            message = f"{dotted}: {_type_message(err)}"
        line, col = smap.locate(path)
        key = (line, col, message)
        problems.setdefault(key, Problem(smap.file, line, col, "error", message))
    return list(problems.values())


# Opening and checking a case is done by trainer.core.cases (above the validator); these
# names stay importable from here for code written before it moved.
_MOVED_TO_CASES = frozenset({"check_case", "load_case", "load_folder", "FolderEntry"})


def __getattr__(name: str) -> Any:
    if name in _MOVED_TO_CASES:
        return getattr(importlib.import_module("trainer.core.cases"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
