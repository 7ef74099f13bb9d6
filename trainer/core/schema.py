"""The JSON Schema (draft-07) of the case format and the catalogue, generated from the model.

Editors' YAML plugins (e.g. the VS Code YAML extension) validate against
draft-07, so we emit ``definitions`` rather than draft 2020-12's ``$defs``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from trainer.core.model import Case, Catalogue

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft07(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}", by_alias=True)
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    schema = {"$schema": DRAFT_07, **schema, "title": title}
    _key_patterns(schema)
    return schema


def _key_patterns(node: Any) -> None:
    """Give id keys their pattern in ``propertyNames``, so an editor refuses a bad key.

    pydantic writes ``dict[Id, X]`` as ``patternProperties``, which leaves a key that does not
    match (``Good End:``) unchecked; the loader refuses it. With the pattern in
    ``propertyNames`` and the value schema in ``additionalProperties`` both agree.
    """
    if isinstance(node, list):
        for item in node:
            _key_patterns(item)
        return
    if not isinstance(node, dict):
        return
    patterns = node.get("patternProperties")
    names = node.get("propertyNames")
    if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(names, dict):
        ((pattern, value),) = patterns.items()
        names.setdefault("pattern", pattern)
        node["additionalProperties"] = value
        del node["patternProperties"]
    for child in node.values():
        _key_patterns(child)


def case_schema() -> dict[str, Any]:
    """The schema of a case file."""
    schema = _draft07(Case, "Casework Trainer case (format 1)")
    schema["description"] = (
        "A branching training case. See docs/authoring.md for an annotated example."
    )
    return schema


def catalogue_schema() -> dict[str, Any]:
    return _draft07(Catalogue, "Casework Trainer catalogue (format 1)")


def translation_schema() -> dict[str, Any]:
    """The schema of a translation file (``<case-id>.<language>.yaml``)."""
    from trainer.core.translation import Translation

    schema = _draft07(Translation, "Casework Trainer case translation (format 1)")
    schema["description"] = (
        "A case's text in another language, by the case's ids. See docs/authoring.md, "
        "'Translating a case into Welsh'."
    )
    return schema


def schema_text(which: str = "case") -> str:
    data = (
        case_schema()
        if which == "case"
        else translation_schema()
        if which == "translation"
        else catalogue_schema()
    )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
