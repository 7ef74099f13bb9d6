"""Expectation files: small, named paths through a case and the result each must give.

A tutor writes ``<case>.expect.yaml`` next to ``<case>.yaml``::

    paths:
      - name: the safe route passes
        choices: [check-safe, listen, from-records]
        expect: {passed: true, ending: good-end, score: {min: 90}}
      - name: telling him what she said is critical
        choices: [check-safe, listen, tell-him]
        answers: {rate: medium}          # checklist/rating answers; default: the best
        expect: {passed: false, critical: [tell-him]}

``trainer test`` plays each path and reports every difference as
``file:line:column``, like the loader does for case files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trainer.core.errors import Problem, SessionError, StateError
from trainer.core.loader import EXPECTATION_SUFFIX, LoadedCase
from trainer.core.scoring import Result, StepResult
from trainer.core.session import Session
from trainer.core.yamlsource import SourceMap, YamlSourceError, read_yaml_file

Loc = tuple[Any, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    min: float = Field(0, ge=0, le=100, description="Lowest percentage allowed.")
    max: float = Field(100, ge=0, le=100, description="Highest percentage allowed.")


class CounterRange(_Strict):
    min: int | None = Field(None, description="Lowest value allowed at the end.")
    max: int | None = Field(None, description="Highest value allowed at the end.")


class Expect(_Strict):
    passed: bool | None = Field(None, description="Must the attempt pass (true) or fail (false)?")
    ending: str | None = Field(None, description="The ending scene the path must reach.")
    score: Range | None = Field(None, description="The overall percentage range.")
    competencies: dict[str, Range] = Field(
        default_factory=dict, description="Percentage range per competency id."
    )
    critical: list[str] | None = Field(
        None,
        description="Exactly these critical errors (choice ids, scene ids of ratings, "
        "rule ids); [] means none.",
    )
    counters: dict[str, int | CounterRange] = Field(
        default_factory=dict,
        description="Each counter's value at the end: a whole number, or {min, max}.",
    )


class ExpectedPath(_Strict):
    name: str = Field(min_length=1)
    choices: list[str] = Field(description="Choice ids, in the order they are made.")
    answers: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Checklist scene id: ticked indicator ids; rating scene id: level id.",
    )
    default_answers: Literal["best", "worst"] = Field(
        "best", description="How to answer checklists and ratings not listed in 'answers'."
    )
    expect: Expect


class ExpectationFile(_Strict):
    case: str | None = Field(None, description="The case id, checked against the case.")
    paths: list[ExpectedPath] = Field(min_length=1)


@dataclass
class Expectations:
    """A parsed expectation file and where each part of it came from."""

    path: Path
    spec: ExpectationFile
    source: SourceMap = field(repr=False)

    def problem(self, loc: Loc, message: str) -> Problem:
        return self.source.problem(loc, message)


@dataclass(frozen=True)
class PathOutcome:
    """How one expected path went: its result (if it ran) and every broken expectation."""

    name: str
    result: Result | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def expectation_path(case_path: Path) -> Path:
    """Where the expectation file of a case lives: ``x.yaml`` -> ``x.expect.yaml``."""
    return case_path.with_name(case_path.stem + EXPECTATION_SUFFIX)


def load_expectations(path: Path) -> tuple[Expectations | None, list[Problem]]:
    """Parse an expectation file; never raises for a bad file."""
    path = Path(path)
    try:
        data, smap = read_yaml_file(path)
    except YamlSourceError as exc:
        return None, [exc.problem]
    if not isinstance(data, dict):
        return None, [smap.problem((), "expected a mapping with a 'paths' list at the top")]
    try:
        spec = ExpectationFile.model_validate(data)
    except ValidationError as exc:
        return None, _located(exc, smap)
    return Expectations(path, spec, smap), []


def _located(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    found: dict[tuple[int, int, str], Problem] = {}
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
        dotted = ".".join(str(p) for p in loc) or "(top)"
        if err["type"] == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'"
        elif err["type"] == "missing":
            message = f"missing required field '{loc[-1]}'"
        else:
            message = f"{dotted}: {err['msg']}"
        problem = smap.problem(loc, message)
        found.setdefault((problem.line, problem.column, message), problem)
    return list(found.values())


# --------------------------------------------------------------------------- running


def critical_ids(result: Result) -> list[str]:
    """The ids a tutor names critical errors by: choice id, rating scene id or rule id."""
    return [critical_id(step) for step in result.critical_errors]


def critical_id(step: StepResult) -> str:
    if step.kind == "choice":
        return str(step.detail.get("choice", step.scene))
    if step.kind == "rule":
        return step.label.removeprefix("Sequence: ")
    return step.scene


def _answer(loaded: LoadedCase, session: Session, spec: ExpectedPath) -> None:
    """Answer the checklist or rating at the session's scene."""
    scene_id, scene = session.scene_id, session.scene
    given = spec.answers.get(scene_id)
    best = spec.default_answers == "best"
    if scene.checklist is not None:
        if given is None:
            ticked = list(scene.checklist.present) if best else []
        else:
            ticked = [given] if isinstance(given, str) else list(given)
        session.tick(ticked)
    elif scene.rating is not None:
        if isinstance(given, list):
            raise SessionError(f"the answer for rating '{scene_id}' must be one level id")
        if given is None:
            scale = loaded.scale(scene.rating.scale)
            lowest = scale.levels[0].id if scale else scene.rating.expected
            given = scene.rating.expected if best else lowest
        session.rate(given)


def play_path(loaded: LoadedCase, spec: ExpectedPath) -> tuple[Session, list[str]]:
    """Play a path's choices; return the session and any reasons it could not be followed."""
    session = Session(loaded)
    choices = list(spec.choices)
    guard = 0
    while not session.is_finished:
        guard += 1
        if guard > 10_000:
            return session, ["the path goes round a loop and never ends"]
        kind = session.kind
        try:
            if kind == "decision":
                if not choices:
                    offered = ", ".join(o.id for o in session.options)
                    return session, [
                        f"the choices run out at scene '{session.scene_id}' "
                        f"(offered there: {offered})"
                    ]
                choice = choices.pop(0)
                offered_ids = [o.id for o in session.options]
                if choice not in offered_ids:
                    return session, [
                        f"'{choice}' is not offered at scene '{session.scene_id}' "
                        f"(offered: {', '.join(offered_ids)})"
                    ]
                session.choose(choice)
            elif kind in ("checklist", "rating"):
                _answer(loaded, session, spec)
            else:
                session.advance()
        except (SessionError, StateError) as exc:
            return session, [exc.headline]
    if choices:
        return session, [
            f"the case ended at '{session.scene_id}' with choices left over: {', '.join(choices)}"
        ]
    return session, []


def _compare(loaded: LoadedCase, result: Result, expect: Expect) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    if expect.passed is not None and result.passed != expect.passed:
        want, got = ("pass", "failed") if expect.passed else ("fail", "passed")
        why = "; ".join(result.reasons)
        out.append((("passed",), f"expected the attempt to {want}, but it {got}: {why}"))
    if expect.ending is not None and result.ending != expect.ending:
        out.append((("ending",), f"expected ending '{expect.ending}', reached '{result.ending}'"))
    if expect.score is not None and not expect.score.min <= result.percent <= expect.score.max:
        out.append(
            (
                ("score",),
                f"expected a score of {expect.score.min:g}-{expect.score.max:g}%, "
                f"got {result.percent:g}%",
            )
        )
    for comp, bounds in expect.competencies.items():
        if comp not in result.percents:
            out.append((("competencies", comp), f"the case does not score competency '{comp}'"))
            continue
        got = result.percents[comp]
        if got is None or not bounds.min <= got <= bounds.max:
            shown = "no score (its maximum is 0)" if got is None else f"{got:g}%"
            out.append(
                (
                    ("competencies", comp),
                    f"expected {loaded.competency_title(comp)} at "
                    f"{bounds.min:g}-{bounds.max:g}%, got {shown}",
                )
            )
    for name, wanted in expect.counters.items():
        if name not in result.counters:
            known = ", ".join(result.counters) or "none"
            out.append((("counters", name), f"the case has no counter '{name}' (it has: {known})"))
            continue
        value = result.counters[name]
        low, high = (wanted, wanted) if isinstance(wanted, int) else (wanted.min, wanted.max)
        if (low is not None and value < low) or (high is not None and value > high):
            if low == high:
                want = f"{low}"
            elif low is None:
                want = f"at most {high}"
            elif high is None:
                want = f"at least {low}"
            else:
                want = f"between {low} and {high}"
            out.append(
                (("counters", name), f"expected {name} {want} at the end, got {name} {value}")
            )
    if expect.critical is not None:
        got_ids = critical_ids(result)
        if sorted(set(got_ids)) != sorted(set(expect.critical)):
            out.append(
                (
                    ("critical",),
                    f"expected critical errors [{', '.join(expect.critical)}], "
                    f"got [{', '.join(got_ids)}]",
                )
            )
    return out


def check_expectations(loaded: LoadedCase, expectations: Expectations) -> list[PathOutcome]:
    """Play every expected path and compare its result with what the tutor expects."""
    outcomes: list[PathOutcome] = []
    spec = expectations.spec
    if spec.case is not None and spec.case != loaded.case.id:
        outcomes.append(
            PathOutcome(
                "(file)",
                None,
                (
                    expectations.problem(
                        ("case",),
                        f"this expectation file is for case '{spec.case}', "
                        f"but the case is '{loaded.case.id}'",
                    ),
                ),
            )
        )
    for i, path_spec in enumerate(spec.paths):
        loc: Loc = ("paths", i)
        session, reasons = play_path(loaded, path_spec)
        prefix = f"expectation '{path_spec.name}': "
        if reasons:
            problems = tuple(
                expectations.problem((*loc, "choices"), prefix + reason) for reason in reasons
            )
            outcomes.append(PathOutcome(path_spec.name, None, problems))
            continue
        result = session.result()
        found = _compare(loaded, result, path_spec.expect)
        problems = tuple(
            expectations.problem((*loc, "expect", *where), prefix + message)
            for where, message in found
        )
        outcomes.append(PathOutcome(path_spec.name, result, problems))
    return outcomes
