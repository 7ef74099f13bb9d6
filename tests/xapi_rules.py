"""The xAPI 1.0.3 rules every statement we build must follow (Data.md, section 2.4),
written as a small checker: no well-kept validator library exists on PyPI (TinCanPython
is unmaintained). ``problems(statement)`` lists what breaks the rules; empty means valid.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
                  "authority", "version", "attachments"}  # fmt: skip
INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching",
                     "performance", "sequencing", "likert", "numeric", "other"}  # fmt: skip
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def is_iri(value: Any) -> bool:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme) is not None


def _lang_map(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        out.append(f"{where}: a language map must be a non-empty object")
        return
    for tag, text in value.items():
        if not LANG_TAG.match(tag):
            out.append(f"{where}: '{tag}' is not an RFC 5646 language tag")
        if not isinstance(text, str):
            out.append(f"{where}.{tag}: must be a string")


def _extensions(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: extensions must be an object")
        return
    for key in value:
        if not is_iri(key):
            out.append(f"{where}: extension key '{key}' is not an IRI")


def _agent(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: must be an object")
        return
    if value.get("objectType", "Agent") != "Agent":
        out.append(f"{where}.objectType: must be 'Agent'")
    present = [k for k in IFIS if k in value]
    if len(present) != 1:
        out.append(f"{where}: exactly one inverse functional identifier, found {present}")
    if "account" in value:
        account = value["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            out.append(f"{where}.account: must have exactly homePage and name")
        else:
            if not is_iri(account["homePage"]) or not urlsplit(account["homePage"]).netloc:
                out.append(f"{where}.account.homePage: must be an IRL")
            if not isinstance(account["name"], str) or not account["name"]:
                out.append(f"{where}.account.name: must be a non-empty string")
    if "name" in value and not isinstance(value["name"], str):
        out.append(f"{where}.name: must be a string")
    extra = set(value) - {"objectType", "name", *IFIS}
    if extra:
        out.append(f"{where}: unknown properties {sorted(extra)}")


def _activity(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: must be an object")
        return
    if value.get("objectType", "Activity") != "Activity":
        out.append(f"{where}.objectType: we only send Activities")
    if not is_iri(value.get("id")):
        out.append(f"{where}.id: must be an IRI")
    extra = set(value) - {"objectType", "id", "definition"}
    if extra:
        out.append(f"{where}: unknown properties {sorted(extra)}")
    definition = value.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        out.append(f"{where}.definition: must be an object")
        return
    for key in ("name", "description"):
        if key in definition:
            _lang_map(definition[key], f"{where}.definition.{key}", out)
    for key in ("type", "moreInfo"):
        if key in definition and not is_iri(definition[key]):
            out.append(f"{where}.definition.{key}: must be an IRI")
    if "interactionType" in definition and definition["interactionType"] not in INTERACTION_TYPES:
        out.append(f"{where}.definition.interactionType: unknown")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{where}.definition.extensions", out)


def _timestamp(value: Any, where: str, out: list[str]) -> None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        out.append(f"{where}: not an ISO 8601 timestamp")
        return
    if moment.tzinfo is None:
        out.append(f"{where}: needs a time zone")


def _result(value: Any, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append("result: must be an object")
        return
    extra = set(value) - {"score", "success", "completion", "response", "duration", "extensions"}
    if extra:
        out.append(f"result: unknown properties {sorted(extra)}")
    score = value.get("score")
    if score is not None:
        if not isinstance(score, dict) or set(score) - {"scaled", "raw", "min", "max"}:
            out.append("result.score: unknown properties")
        else:
            for key, number in score.items():
                if isinstance(number, bool) or not isinstance(number, (int, float)):
                    out.append(f"result.score.{key}: must be a number")
            if "scaled" in score and not -1 <= score["scaled"] <= 1:
                out.append("result.score.scaled: must be between -1 and 1")
            if "min" in score and "max" in score and not score["min"] < score["max"]:
                out.append("result.score: min must be less than max")
            if "raw" in score and "min" in score and score["raw"] < score["min"]:
                out.append("result.score.raw: below min")
            if "raw" in score and "max" in score and score["raw"] > score["max"]:
                out.append("result.score.raw: above max")
    for key in ("success", "completion"):
        if key in value and not isinstance(value[key], bool):
            out.append(f"result.{key}: must be true or false")
    if "response" in value and not isinstance(value["response"], str):
        out.append("result.response: must be a string")
    if "duration" in value and not DURATION.match(str(value["duration"])):
        out.append("result.duration: not an ISO 8601 duration")
    if "extensions" in value:
        _extensions(value["extensions"], "result.extensions", out)


def _context(value: Any, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append("context: must be an object")
        return
    extra = set(value) - {"registration", "instructor", "team", "contextActivities", "revision",
                          "platform", "language", "statement", "extensions"}  # fmt: skip
    if extra:
        out.append(f"context: unknown properties {sorted(extra)}")
    if "registration" in value and not UUID.match(str(value["registration"])):
        out.append("context.registration: must be a UUID")
    for key in ("revision", "platform"):
        if key in value and not isinstance(value[key], str):
            out.append(f"context.{key}: must be a string")
    if "language" in value and not LANG_TAG.match(str(value["language"])):
        out.append("context.language: not an RFC 5646 tag")
    activities = value.get("contextActivities")
    if activities is not None:
        if not isinstance(activities, dict) or set(activities) - CONTEXT_ACTIVITY_KEYS:
            out.append("context.contextActivities: only parent, grouping, category, other")
        else:
            for key, items in activities.items():
                for n, item in enumerate(items if isinstance(items, list) else [items]):
                    _activity(item, f"context.contextActivities.{key}[{n}]", out)
    if "extensions" in value:
        _extensions(value["extensions"], "context.extensions", out)


def _empty(value: Any, where: str, out: list[str]) -> None:
    """Data.md 2.2: no empty values (null, "", {} or []) except inside extensions."""
    if value is None or value == "" or value == {} or value == []:
        out.append(f"{where}: empty value")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "extensions":
                _empty(item, f"{where}.{key}", out)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _empty(item, f"{where}[{n}]", out)


def problems(statement: Any) -> list[str]:
    """Every way ``statement`` breaks the xAPI 1.0.3 statement rules."""
    out: list[str] = []
    if not isinstance(statement, dict):
        return ["a statement must be an object"]
    _empty(statement, "statement", out)
    extra = set(statement) - STATEMENT_KEYS
    if extra:
        out.append(f"unknown properties {sorted(extra)}")
    for key in ("actor", "verb", "object"):
        if key not in statement:
            out.append(f"{key}: required")
    if "id" in statement and not UUID.match(str(statement["id"])):
        out.append("id: must be a UUID (lower-case, RFC 4122)")
    if "actor" in statement:
        _agent(statement["actor"], "actor", out)
    verb = statement.get("verb")
    if verb is not None:
        if not isinstance(verb, dict) or not is_iri(verb.get("id")):
            out.append("verb.id: must be an IRI")
        elif "display" in verb:
            _lang_map(verb["display"], "verb.display", out)
    if "object" in statement:
        _activity(statement["object"], "object", out)
    if "result" in statement:
        _result(statement["result"], out)
    if "context" in statement:
        _context(statement["context"], out)
    if "timestamp" in statement:
        _timestamp(statement["timestamp"], "timestamp", out)
    if "version" in statement and not re.fullmatch(r"1\.0\.\d+", str(statement["version"])):
        out.append("version: must be 1.0.x")
    return out
