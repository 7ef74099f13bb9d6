"""Scoring: a pure function of (case, decisions).

* Each decision is judged ``expected``/``acceptable``/``poor``/``unsafe``.
* A critical error fails the attempt whatever the points.
* Risk ratings: under-rating costs ``under_weight`` of the points per level,
  over-rating ``over_weight`` (smaller, but never free).
* Checklists: a missed indicator costs its weight (a missed *key* indicator twice
  its weight), a false alarm costs ``false_alarm_weight`` (kept below every weight;
  by default 90% of the lightest), so recall counts more than precision, yet ticking
  every indicator on a checklist with enough foils earns too little to meet a
  minimum. Missing a ``must_identify`` indicator is a critical error.
* Percentages are against path-independent maxima (the best any complete path
  can earn, :func:`trainer.core.graph.case_maxima`), so the same decisions mean the
  same score on every path, however much of the case a tool has explored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from trainer.core.loader import LoadedCase
from trainer.core.maxima import case_maxima
from trainer.core.model import Checklist, Rating, SequenceRule

Confidence = Literal["low", "medium", "high"]
CONFIDENCE_LEVELS: tuple[Confidence, ...] = ("low", "medium", "high")
Kind = Literal["choice", "checklist", "rating", "continue", "rule"]


@dataclass(frozen=True)
class Decision:
    """What the learner did at one scene; the unit the store records."""

    scene: str
    kind: Kind
    choice: str | None = None
    ticked: tuple[str, ...] = ()
    rating: str | None = None
    confidence: Confidence | None = None
    elapsed_ms: int | None = None
    note: str | None = None  # the learner's optional "why?" for a checklist or rating

    def as_dict(self) -> dict[str, Any]:
        # Written out by hand: it runs for every decision each time a state is saved, and
        # dataclasses.asdict (which deep-copies) was 5x slower.
        return {
            "scene": self.scene,
            "kind": self.kind,
            "choice": self.choice,
            "ticked": list(self.ticked),
            "rating": self.rating,
            "confidence": self.confidence,
            "elapsed_ms": self.elapsed_ms,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(
            scene=str(data["scene"]),
            kind=data["kind"],
            choice=data.get("choice"),
            ticked=tuple(data.get("ticked") or ()),
            rating=data.get("rating"),
            confidence=data.get("confidence"),
            elapsed_ms=data.get("elapsed_ms"),
            note=data.get("note") if isinstance(data.get("note"), str) else None,
        )


@dataclass(frozen=True)
class StepResult:
    """How one decision (or one broken sequence rule) was judged."""

    index: int
    scene: str
    kind: Kind
    label: str  # what the learner did, in words
    judgement: str | None  # None for 'continue'
    critical: bool = False
    points: dict[str, float] = field(default_factory=dict)
    feedback: str = ""
    refs: tuple[str, ...] = ()
    confidence: str | None = None
    safe_practice: tuple[str, ...] = ()  # the expected options, for the debrief
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["refs"] = list(self.refs)
        data["safe_practice"] = list(self.safe_practice)
        return data


@dataclass(frozen=True)
class Result:
    """The whole score of an attempt so far."""

    case_id: str
    case_version: str
    finished: bool
    ending: str | None
    outcome: str | None
    passed: bool
    reasons: tuple[str, ...]
    percent: float
    pass_mark: float
    points: dict[str, float]
    maxima: dict[str, float]
    percents: dict[str, float | None]
    minimums: dict[str, float]
    steps: tuple[StepResult, ...]
    ending_debrief: str = ""  # the ending's debrief with its passages that held at the end
    counters: dict[str, int] = field(default_factory=dict)  # the counters' values now

    @property
    def counters_text(self) -> str:
        """The counters in tutor words, e.g. 'engagement 4, hostility 0' ('' for none)."""
        return ", ".join(f"{name} {value}" for name, value in self.counters.items())

    @property
    def critical_errors(self) -> list[StepResult]:
        return [s for s in self.steps if s.critical]

    @property
    def rules_broken(self) -> list[StepResult]:
        return [s for s in self.steps if s.kind == "rule"]

    @property
    def confident_unsafe(self) -> list[StepResult]:
        return [
            s
            for s in self.steps
            if s.confidence == "high" and (s.critical or s.judgement in ("unsafe", "poor"))
        ]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        data["steps"] = [s.as_dict() for s in self.steps]
        return data


# --------------------------------------------------------------------------- parts


def checklist_fraction(part: Checklist, ticked: set[str]) -> tuple[float, list[str], list[str]]:
    """(fraction of the points earned, missed indicator ids, false alarm ids).

    Lost, out of the sum of the present weights: each missed indicator's weight (twice
    it for a key indicator) and ``false_alarm_cost`` per false alarm.
    """
    total = sum(part.present.values())
    missed = [i for i in part.present if i not in ticked]
    false_alarms = [i for i in part.offered if i in ticked and i not in part.present]
    false_alarms += sorted(i for i in ticked if i not in part.present and i not in part.offered)
    lost = sum(part.present[i] * (2 if part.is_key(i) else 1) for i in missed)
    lost += part.false_alarm_cost * len(false_alarms)
    fraction = max(0.0, 1.0 - lost / total) if total > 0 else 0.0
    return fraction, missed, false_alarms


def checklist_judgement(
    part: Checklist, missed: list[str], false_alarms: list[str], fraction: float
) -> str:
    """Expected: nothing missed, no false alarm. Acceptable: no key indicator missed and at
    least 60% earned. Unsafe: a must-identify indicator missed, or misses alone (key ones
    counted twice) cost 60% or more: risk left unidentified. Poor: anything else, including
    ticking everything (false alarms alone are never unsafe)."""
    key_missed = [i for i in missed if part.is_key(i)]
    if any(i in part.must_identify for i in missed):
        return "unsafe"
    if not missed and not false_alarms:
        return "expected"
    if not key_missed and fraction >= 0.6:
        return "acceptable"
    total = sum(part.present.values())
    missed_cost = sum(part.present[i] * (2 if part.is_key(i) else 1) for i in missed)
    if total > 0 and 1.0 - missed_cost / total < 0.4:
        return "unsafe"
    return "poor"


def checklist_critical(part: Checklist, missed: list[str]) -> list[str]:
    """The must-identify indicators missed: each one makes the checklist a critical error."""
    return [i for i in part.must_identify if i in missed]


def rating_fraction(part: Rating, levels: list[str], chosen: str) -> tuple[float, int]:
    """(fraction of the points earned, levels under-rated: >0 under, <0 over)."""
    under = levels.index(part.expected) - levels.index(chosen)
    weight = part.under_weight if under > 0 else part.over_weight
    return max(0.0, 1.0 - weight * abs(under)), under


def rating_judgement(part: Rating, under: int) -> tuple[str, bool]:
    critical = part.critical_under_by is not None and under >= part.critical_under_by
    if under == 0:
        return "expected", False
    if under < 0:
        return ("acceptable" if under == -1 else "poor"), False
    return ("poor" if under == 1 else "unsafe"), critical


def rule_step(index: int, rule: SequenceRule, scene: str) -> StepResult:
    return StepResult(
        index=index,
        scene=scene,
        kind="rule",
        label=f"Sequence: {rule.id}",
        judgement=rule.judgement,
        critical=rule.critical,
        points=dict(rule.points),
        feedback=rule.feedback,
        refs=tuple(rule.refs),
    )


# --------------------------------------------------------------------------- totals


def summarise(loaded: LoadedCase, steps: list[StepResult], ending: str | None) -> Result:
    """Add up the steps into a :class:`Result` against the case's path-independent maxima."""
    case = loaded.case
    basis = case_maxima(loaded)  # exact, and never from the validator's exploration
    maxima: dict[str, float] = dict(basis.maxima)
    points: dict[str, float] = {c: 0.0 for c in maxima}
    for step in steps:
        for comp, value in step.points.items():
            points[comp] = points.get(comp, 0.0) + value
    percents: dict[str, float | None] = {
        comp: (_clamp(100.0 * points.get(comp, 0.0) / top) if top > 0 else None)
        for comp, top in maxima.items()
    }
    total_max = basis.total_max
    percent = _clamp(100.0 * sum(points.values()) / total_max) if total_max > 0 else 0.0

    reasons: list[str] = []
    finished = ending is not None
    if not finished:
        reasons.append("The case is not finished yet.")
    for step in steps:
        if step.critical:
            why = step.detail.get("critical_reason") if step.detail else None
            reasons.append(f"Safety-critical error: {why or step.label}")
    if percent < case.scoring.pass_mark:
        reasons.append(
            f"Overall score {percent:.0f}% is below the pass mark of {case.scoring.pass_mark:.0f}%."
        )
    for comp, minimum in case.scoring.minimums.items():
        got = percents.get(comp)
        if got is not None and got < minimum:
            reasons.append(
                f"{loaded.competency_title(comp)}: {got:.0f}% is below the "
                f"minimum of {minimum:.0f}%."
            )
    passed = not reasons
    if passed:
        reasons.append(
            f"Passed: {percent:.0f}% overall, every competency at or above its "
            "minimum, and no safety-critical error."
        )
    outcome = case.scenes[ending].ending.outcome if ending else None  # type: ignore[union-attr]
    return Result(
        case_id=case.id,
        case_version=case.version,
        finished=finished,
        ending=ending,
        outcome=outcome,
        passed=passed,
        reasons=tuple(reasons),
        percent=round(percent, 2),
        pass_mark=case.scoring.pass_mark,
        points={k: round(v, 3) for k, v in points.items()},
        maxima=maxima,
        percents={k: (round(v, 2) if v is not None else None) for k, v in percents.items()},
        minimums=dict(case.scoring.minimums),
        steps=tuple(steps),
    )


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def __getattr__(name: str) -> Any:
    """``scoring.score_attempt`` for code written before it moved up to the session
    (it replays a :class:`~trainer.core.session.Session`); the core imports it from there."""
    if name == "score_attempt":
        import importlib

        return importlib.import_module("trainer.core.session").score_attempt
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
