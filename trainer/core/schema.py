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
    return schema


def case_schema() -> dict[str, Any]:
    """The schema of a case file."""
    schema = _draft07(Case, "Casework Trainer case (format 1)")
    schema["description"] = (
        "A branching training case. See docs/authoring.md for an annotated example."
    )
    return schema


def catalogue_schema() -> dict[str, Any]:
    return _draft07(Catalogue, "Casework Trainer catalogue (format 1)")


def schema_text(which: str = "case") -> str:
    data = case_schema() if which == "case" else catalogue_schema()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
