"""Plain records the store hands out (read-only snapshots of rows)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Mode = Literal["practice", "assessed"]
PlayKind = Literal["learner", "tutor"]
AttemptStatus = Literal["in_progress", "completed", "abandoned", "stale"]

# Longest learner name, cohort and student ID number the store takes: enough for any real
# name, short enough that every export lays it out at once (a 100 KB name made the PDF
# take two minutes).
MAX_NAME_LENGTH = 80
MAX_COHORT_LENGTH = 80
MAX_STUDENT_ID_LENGTH = 40


def name_key(display_name: str) -> str:
    """A name folded for comparison: "kim  o'neil" and "Kim O'Neil" are the same learner."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", display_name).split()).casefold()


@dataclass(frozen=True)
class Learner:
    id: str
    display_name: str
    student_id: str | None
    cohort: str | None
    created_at: str
    # False for a profile that shares its name with an older one (see migration 0002).
    has_own_name: bool = True

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Learner:
        return cls(
            row["id"],
            row["display_name"],
            row["student_id"],
            row["cohort"],
            row["created_at"],
            row.get("name_key", "") is not None,
        )


@dataclass(frozen=True)
class Attempt:
    id: str
    learner_id: str
    case_id: str
    case_version: str
    case_sha256: str
    mode: str
    kind: str
    status: str
    started_at: str
    ended_at: str | None
    state: dict[str, Any] = field(repr=False)
    result: dict[str, Any] | None = field(repr=False)
    percent: float | None
    passed: bool | None
    case_title: str = ""
    updated_at: str = ""
    decision_count: int = 0
    last_scene: str | None = None
    active_ms: int = 0

    @property
    def is_unfinished(self) -> bool:
        return self.status == "in_progress"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Attempt:
        return cls(
            id=row["id"],
            learner_id=row["learner_id"],
            case_id=row["case_id"],
            case_version=row["case_version"],
            case_sha256=row["case_sha256"],
            mode=row["mode"],
            kind=row["kind"],
            status=row["status"],
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            state=_json_object(row["state"]) or {},
            result=_json_object(row["result"]),
            percent=row["percent"],
            passed=None if row["passed"] is None else bool(row["passed"]),
            case_title=row["case_title"] or "",
            updated_at=row["updated_at"],
            decision_count=row["decision_count"],
            last_scene=row["last_scene"],
            active_ms=row["active_ms"] or 0,
        )


@dataclass(frozen=True)
class CaseProgress:
    case_id: str
    status: Literal["not started", "in progress", "completed", "passed"]
    best_percent: float | None
    attempts: int
    last_played: str | None


def _json_object(text: str | None) -> dict[str, Any] | None:
    """A JSON object column; anything else (damage the start-up check missed) reads as
    None, so one bad row cannot stop a learner's whole list from showing."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
