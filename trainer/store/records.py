"""The records inside a progress file (format version 1), checked with pydantic.

Field names are the database's column names, so a record is a row.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from trainer.store.database import TIMESTAMP_PATTERN

ATTEMPT_COLUMNS = [
    "id",
    "learner_id",
    "case_id",
    "case_title",
    "case_version",
    "case_sha256",
    "mode",
    "kind",
    "status",
    "started_at",
    "updated_at",
    "ended_at",
    "state",
    "result",
    "decision_count",
    "last_scene",
    "active_ms",
    "percent",
    "passed",
    "score_raw",
    "score_max",
    "critical_errors",
    "unsafe_choices",
    "app_version",
]
DECISION_COLUMNS = [
    "id",
    "attempt_id",
    "seq",
    "scene",
    "kind",
    "choice",
    "ticked",
    "rating",
    "label",
    "judgement",
    "points",
    "points_detail",
    "critical",
    "confidence",
    "elapsed_ms",
    "feedback",
    "recorded_at",
]


Timestamp = Annotated[str, StringConstraints(pattern=TIMESTAMP_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LearnerRecord(_Strict):
    id: str
    display_name: str
    student_id: str | None
    cohort: str | None
    created_at: Timestamp
    updated_at: Timestamp


class DecisionRecord(_Strict):
    id: str
    attempt_id: str
    seq: int
    scene: str
    kind: str
    choice: str | None
    ticked: str | None
    rating: str | None
    label: str | None
    judgement: str | None
    points: float | None
    points_detail: str | None
    critical: int
    confidence: str | None
    elapsed_ms: int | None
    feedback: str | None
    recorded_at: Timestamp


class ReflectionRecord(_Strict):
    text: str
    updated_at: Timestamp


class AttemptRecord(_Strict):
    id: str
    learner_id: str
    case_id: str
    case_title: str | None
    case_version: str
    case_sha256: str
    mode: Literal["practice", "assessed"]
    kind: Literal["learner", "tutor"]
    status: Literal["in_progress", "completed", "abandoned", "stale"]
    started_at: Timestamp
    updated_at: Timestamp
    ended_at: Timestamp | None
    state: str
    result: str | None
    decision_count: int
    last_scene: str | None
    active_ms: int
    percent: float | None
    passed: int | None
    score_raw: float | None
    score_max: float | None
    critical_errors: int | None
    unsafe_choices: int | None
    app_version: str | None
    decisions: list[DecisionRecord]
    reflection: ReflectionRecord | None


class Payload(_Strict):
    learner: LearnerRecord
    attempts: list[AttemptRecord]
