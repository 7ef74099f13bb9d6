"""The records inside a progress file, checked with pydantic before anything is written.

Field names are the database's column names, so a record is a row. Every field has a
type (strict: text is not taken for a number, nor a number for a yes/no), a length or
range, and the JSON kept in text columns (an attempt's state and result, a decision's
ticked indicators and points) is parsed and checked for the shape the app reads.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from trainer.store.database import TIMESTAMP_PATTERN
from trainer.store.models import MAX_COHORT_LENGTH, MAX_NAME_LENGTH, MAX_STUDENT_ID_LENGTH

LEARNER_COLUMNS = ["id", "display_name", "student_id", "cohort", "created_at", "updated_at"]
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

MAX_COUNT = 1_000_000  # attempts, decisions, milliseconds beyond any real play are damage
MAX_MS = 10**12

Timestamp = Annotated[str, StringConstraints(pattern=TIMESTAMP_PATTERN)]
RowId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
Key = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Short = Annotated[str, StringConstraints(max_length=1_000)]
Text = Annotated[str, StringConstraints(max_length=200_000)]
JsonText = Annotated[str, StringConstraints(max_length=20_000_000)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Millis = Annotated[int, Field(ge=0, le=MAX_MS)]
Number = Annotated[float, Field(ge=-1e9, le=1e9, allow_inf_nan=False)]
Flag = Annotated[int, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Open(BaseModel):
    """JSON the app wrote inside a column: known fields are checked, others kept."""

    model_config = ConfigDict(extra="allow", strict=True)


def parse_json_text(text: str) -> Any:
    """The JSON inside a text column; raises ValueError with a plain reason."""
    from trainer.store.safejson import loads

    return loads(text)


# ---------------------------------------------------------------- JSON inside columns


class DecisionState(_Open):
    scene: Key
    kind: Key  # choice, checklist, rating, continue (the engine checks them on replay)
    choice: Short | None = None
    ticked: list[Key] = []
    rating: Short | None = None
    confidence: Short | None = None
    elapsed_ms: Millis | None = None


class OriginState(_Open):
    scene: Key
    flags: list[Key] = []


class StateRecord(_Open):
    format: int
    case_id: Key
    scene: Key | None = None
    flags: list[Key] = []
    decisions: list[DecisionState]
    origin: OriginState | None = None
    shuffle_seed: int | None = None


class ResultRecord(_Open):
    finished: bool
    passed: bool
    percent: Number
    points: dict[Key, Number] = {}
    maxima: dict[Key, Number] = {}
    percents: dict[Key, Number | None] = {}
    steps: list[dict[str, Any]] = []


# ---------------------------------------------------------------- rows


class LearnerRecord(_Strict):
    id: RowId
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_LENGTH)]
    student_id: Annotated[str, StringConstraints(max_length=MAX_STUDENT_ID_LENGTH)] | None
    cohort: Annotated[str, StringConstraints(max_length=MAX_COHORT_LENGTH)] | None
    created_at: Timestamp
    updated_at: Timestamp


class DecisionRecord(_Strict):
    id: RowId
    attempt_id: RowId
    seq: Count
    scene: Key
    kind: Key  # choice, checklist, rating, continue (the engine checks them on replay)
    choice: Short | None
    ticked: JsonText | None
    rating: Short | None
    label: Text | None
    judgement: Short | None
    points: Number | None
    points_detail: JsonText | None
    critical: Flag
    confidence: Short | None
    elapsed_ms: Millis | None
    feedback: Text | None
    recorded_at: Timestamp

    @field_validator("ticked")
    @classmethod
    def _ticked_is_a_list_of_ids(cls, value: str | None) -> str | None:
        if value is not None:
            _check_json(value, list[Key], "a list of indicator ids")
        return value

    @field_validator("points_detail")
    @classmethod
    def _points_are_numbers(cls, value: str | None) -> str | None:
        if value is not None:
            _check_json(value, dict[Key, Number], "points per competency")
        return value


class ReflectionRecord(_Strict):
    text: Text
    updated_at: Timestamp


class AttemptRecord(_Strict):
    id: RowId
    learner_id: RowId
    case_id: Key
    case_title: Short | None
    case_version: Key
    case_sha256: Key
    mode: Literal["practice", "assessed"]
    kind: Literal["learner", "tutor"]
    status: Literal["in_progress", "completed", "abandoned", "stale"]
    started_at: Timestamp
    updated_at: Timestamp
    ended_at: Timestamp | None
    state: JsonText
    result: JsonText | None
    decision_count: Count
    last_scene: Key | None
    active_ms: Millis
    percent: Number | None
    passed: Flag | None
    score_raw: Number | None
    score_max: Number | None
    critical_errors: Count | None
    unsafe_choices: Count | None
    app_version: Short | None
    decisions: list[DecisionRecord]
    reflection: ReflectionRecord | None

    @field_validator("state")
    @classmethod
    def _state_has_the_engine_shape(cls, value: str) -> str:
        _check_json(value, StateRecord, "a saved state")
        return value

    @field_validator("result")
    @classmethod
    def _result_has_the_scoring_shape(cls, value: str | None) -> str | None:
        if value is not None:
            _check_json(value, ResultRecord, "a result")
        return value

    def parsed_state(self) -> StateRecord:
        return StateRecord.model_validate(json.loads(self.state))


class Payload(_Strict):
    learner: LearnerRecord
    attempts: Annotated[list[AttemptRecord], Field(max_length=100_000)]


def _check_json(text: str, shape: Any, what: str) -> None:
    """Raise ValueError unless ``text`` is JSON of ``shape`` (a model or a typing form)."""
    from pydantic import TypeAdapter, ValidationError

    try:
        value = parse_json_text(text)
    except ValueError as exc:
        raise ValueError(f"is not readable as {what} ({exc})") from None
    try:
        TypeAdapter(shape).validate_python(value, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top"
        raise ValueError(f"is not {what}: at {where}: {first['msg']}") from None
