"""A play session: a small engine API in the spirit of ink's runtime.

    session = Session(loaded)
    while not session.is_finished:
        session.scene, session.text, session.kind, session.options ...
        session.choose("call-mum") / session.tick([...]) / session.rate("high")
        / session.advance()
    session.result()

Its state (the decisions so far) serialises to JSON with a format version; the
position, flags and disclosures are rebuilt by replaying the decisions, so a
resumed attempt is exactly the attempt that was left.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Any

from trainer.core import engine
from trainer.core.conditions import evaluate
from trainer.core.errors import SessionError, StateError
from trainer.core.judging import (  # re-exported: session.checklist_step etc. keep working
    NOTE_LIMIT as NOTE_LIMIT,
)
from trainer.core.judging import (
    checklist_step as checklist_step,
)
from trainer.core.judging import (
    choice_step as choice_step,
)
from trainer.core.judging import (
    clean_note as clean_note,
)
from trainer.core.judging import (
    rating_step as rating_step,
)
from trainer.core.judging import (
    skipped_at as skipped_at,
)
from trainer.core.judging import (
    unrevealed as unrevealed,
)
from trainer.core.judging import (
    with_note as with_note,
)
from trainer.core.loader import LoadedCase
from trainer.core.maxima import case_distances
from trainer.core.model import Choice, Scene
from trainer.core.scoring import (
    CONFIDENCE_LEVELS,
    Decision,
    Result,
    StepResult,
    rule_step,
    summarise,
)

STATE_FORMAT = 2  # 2 added the counters' values ("vars"); format 1 states still load
READABLE_STATE_FORMATS = (1, 2)


@dataclass(frozen=True)
class Option:
    """One thing the learner can pick at the current scene (a choice, indicator or level)."""

    id: str
    text: str


class Session:
    """One learner's way through one case."""

    def __init__(
        self,
        loaded: LoadedCase,
        scene_id: str | None = None,
        flags: frozenset[str] | set[str] | tuple[str, ...] = (),
    ) -> None:
        """Start at the case's first scene, or (for tutors) at any scene with chosen flags."""
        self.loaded = loaded
        self.case = loaded.case
        self.decisions: list[Decision] = []
        self.steps: list[StepResult] = []
        self.visited: list[str] = []
        given = frozenset(flags)
        # the state: set flags and one "name=value" fact per counter (see engine.initial)
        self.flags: frozenset[str] = engine.initial(self.case, given)
        self.disclosed: set[str] = set()
        self.present_people: frozenset[str] = frozenset()
        self._rules_done: set[str] = set()
        start = scene_id or self.case.start
        if start not in self.case.scenes:
            raise SessionError(f"There is no scene '{start}' in this case.")
        self.origin: dict[str, Any] | None = (
            {"scene": start, "flags": sorted(given)} if scene_id is not None or given else None
        )
        self.shuffle_seed: int | None = None
        self.scene_id = ""
        self._enter(start)

    # ------------------------------------------------------------------ reading

    @property
    def scene(self) -> Scene:
        return self.case.scenes[self.scene_id]

    @property
    def kind(self) -> str:
        """'decision', 'checklist', 'rating', 'next' or 'ending'."""
        return self.scene.kind

    @property
    def text(self) -> str:
        """The scene's Markdown, with the passages that hold under the current flags."""
        return engine.scene_text(self.scene, self.flags, self.present_people)

    @property
    def counters(self) -> dict[str, int]:
        """The value of every counter the case declares, now."""
        return engine.counters(self.case, self.flags)

    @property
    def speaker(self) -> str:
        person = self.case.people.get(self.scene.speaker)
        return person.name if person else self.scene.speaker

    @property
    def prompt(self) -> str:
        part = self.scene.decision or self.scene.checklist or self.scene.rating
        return part.prompt if part is not None else ""

    @property
    def asks_confidence(self) -> bool:
        return bool(self.scene.decision and self.scene.decision.ask_confidence)

    @property
    def options(self) -> list[Option]:
        """Choices, checklist indicators or rating levels.

        Choices and indicators come in the file's order, or shuffled (the same way every
        time for one attempt) once :attr:`shuffle_seed` is set, so that the safe answer is
        not always where the author happened to write it. Rating levels keep their order.
        """
        scene = self.scene
        if scene.decision is not None:
            return self._in_order(
                [Option(c.id, c.text) for c in engine.available(scene, self.flags)]
            )
        if scene.checklist is not None:
            return self._in_order(
                [
                    Option(i, (self.loaded.indicator(i).label if self.loaded.indicator(i) else i))
                    for i in scene.checklist.offered
                ]
            )
        if scene.rating is not None:
            scale = self.loaded.scale(scene.rating.scale)
            return [Option(level.id, level.label) for level in scale.levels] if scale else []
        return []

    def _in_order(self, options: list[Option]) -> list[Option]:
        if self.shuffle_seed is None:
            return options
        random.Random(f"{self.shuffle_seed}:{self.scene_id}").shuffle(options)
        return options

    @property
    def is_finished(self) -> bool:
        return self.scene.ending is not None

    def progress(self) -> tuple[int, int]:
        """(scenes seen, estimated scenes in all) for a progress indicator."""
        seen = len(self.visited)
        remaining = case_distances(self.loaded).get(self.scene_id, 0)
        return seen, seen + remaining

    # ------------------------------------------------------------------ acting

    def choose(
        self, choice_id: str, confidence: str | None = None, elapsed_ms: int | None = None
    ) -> StepResult:
        scene = self.scene
        if scene.decision is None:
            raise SessionError(f"Scene '{self.scene_id}' has no choices to make.")
        offered = engine.available(scene, self.flags)
        choice = next((c for c in offered if c.id == choice_id), None)
        if choice is None:
            raise SessionError(f"'{choice_id}' is not a choice offered at '{self.scene_id}'.")
        if confidence is not None and confidence not in CONFIDENCE_LEVELS:
            raise SessionError(f"Confidence must be one of {', '.join(CONFIDENCE_LEVELS)}.")
        decision = Decision(
            self.scene_id, "choice", choice=choice_id, confidence=confidence, elapsed_ms=elapsed_ms
        )
        step = self._judge_choice(scene, choice, confidence, offered)
        flags = engine.apply_choice(choice, self.flags, self.case)
        return self._commit(decision, step, engine.route(choice.to, flags), flags)

    def tick(
        self,
        ticked: list[str] | tuple[str, ...],
        elapsed_ms: int | None = None,
        note: str | None = None,
    ) -> StepResult:
        """Tick indicators; ``note``: the learner's optional "why?", kept with the decision."""
        part = self.scene.checklist
        if part is None:
            raise SessionError(f"Scene '{self.scene_id}' has no checklist.")
        unknown = [i for i in ticked if i not in part.offered]
        if unknown:
            raise SessionError(f"Not on this checklist: {', '.join(unknown)}.")
        chosen = tuple(dict.fromkeys(ticked))
        note = clean_note(note)
        step = checklist_step(
            self.loaded,
            self.scene_id,
            chosen,
            len(self.steps),
            visited=self.visited,
            history=self.steps,
        )
        step = with_note(step, note)
        decision = Decision(
            self.scene_id, "checklist", ticked=chosen, elapsed_ms=elapsed_ms, note=note
        )
        return self._commit(decision, step, engine.route(part.to, self.flags), self.flags)

    def rate(
        self, level_id: str, elapsed_ms: int | None = None, note: str | None = None
    ) -> StepResult:
        """Rate the risk; ``note``: the learner's optional "why?", kept with the decision."""
        part = self.scene.rating
        if part is None:
            raise SessionError(f"Scene '{self.scene_id}' has no risk rating.")
        scale = self.loaded.scale(part.scale)
        levels = [lv.id for lv in scale.levels] if scale else []
        if level_id not in levels:
            raise SessionError(f"'{level_id}' is not a level on this scale.")
        note = clean_note(note)
        step = with_note(rating_step(self.loaded, self.scene_id, level_id, len(self.steps)), note)
        decision = Decision(
            self.scene_id, "rating", rating=level_id, elapsed_ms=elapsed_ms, note=note
        )
        return self._commit(decision, step, engine.route(part.to, self.flags), self.flags)

    def advance(self, elapsed_ms: int | None = None) -> None:
        """Move on from a scene with nothing to decide."""
        if self.scene.next is None:
            raise SessionError(f"Scene '{self.scene_id}' is not a 'continue' scene.")
        decision = Decision(self.scene_id, "continue", elapsed_ms=elapsed_ms)
        self._commit(decision, None, engine.route(self.scene.next, self.flags), self.flags)

    def apply(self, decision: Decision) -> StepResult | None:
        """Apply a recorded decision (for replay and resume)."""
        if decision.scene != self.scene_id:
            raise StateError(
                f"A recorded decision is for scene '{decision.scene}', but the "
                f"case is at '{self.scene_id}'."
            )
        try:
            if decision.kind == "choice":
                return self.choose(decision.choice or "", decision.confidence, decision.elapsed_ms)
            if decision.kind == "checklist":
                return self.tick(list(decision.ticked), decision.elapsed_ms, decision.note)
            if decision.kind == "rating":
                return self.rate(decision.rating or "", decision.elapsed_ms, decision.note)
            if decision.kind == "continue":
                self.advance(decision.elapsed_ms)
                return None
        except SessionError as exc:
            raise StateError(
                f"A recorded decision no longer fits the case: {exc.headline}"
            ) from None
        raise StateError(f"Unknown decision kind '{decision.kind}'.")

    def result(self) -> Result:
        result = summarise(self.loaded, self.steps, self.scene_id if self.is_finished else None)
        # the ending's debrief with the passages that hold at the end, and the counters
        debrief = engine.debrief_text(self.scene, self.flags) if self.is_finished else ""
        return dataclasses.replace(result, ending_debrief=debrief, counters=self.counters)

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        """JSON-ready state; :meth:`from_state` rebuilds exactly this session."""
        return {
            "format": STATE_FORMAT,
            "case_id": self.case.id,
            "case_version": self.case.version,
            "case_sha256": self.loaded.sha256,
            "scene": self.scene_id,
            "flags": engine.plain_flags(self.flags),
            "vars": self.counters,
            "decisions": [d.as_dict() for d in self.decisions],
            "origin": self.origin,
            "shuffle_seed": self.shuffle_seed,
        }

    @classmethod
    def replay(
        cls, loaded: LoadedCase, decisions: list[Decision], origin: dict[str, Any] | None = None
    ) -> Session:
        origin = origin or {}
        session = cls(loaded, origin.get("scene"), frozenset(origin.get("flags", ())))
        for decision in decisions:
            if session.is_finished:
                raise StateError("A recorded decision comes after the case ended.")
            session.apply(decision)
        return session

    @classmethod
    def from_state(cls, loaded: LoadedCase, state: dict[str, Any]) -> Session:
        """Resume; raise :class:`StateError` if the state is from another format or case."""
        if not isinstance(state, dict) or state.get("format") not in READABLE_STATE_FORMATS:
            found = state.get("format") if isinstance(state, dict) else None
            raise StateError(
                f"This saved attempt uses state format {found!r}; this version "
                f"of the app reads formats {', '.join(map(str, READABLE_STATE_FORMATS))}."
            )
        if state.get("case_id") != loaded.case.id:
            raise StateError(
                f"This saved attempt is for case '{state.get('case_id')}', not '{loaded.case.id}'."
            )
        try:
            decisions = [Decision.from_dict(d) for d in state.get("decisions", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise StateError(f"This saved attempt is damaged: {exc}") from None
        origin = state.get("origin")
        if origin is not None and origin.get("scene") not in loaded.case.scenes:
            raise StateError(
                f"This saved attempt starts at scene '{origin.get('scene')}', which "
                "the case no longer has."
            )
        session = cls.replay(loaded, decisions, origin)
        seed = state.get("shuffle_seed")
        session.shuffle_seed = seed if isinstance(seed, int) else None
        if state.get("scene") and state["scene"] != session.scene_id:
            raise StateError(
                f"Replaying the saved decisions reaches '{session.scene_id}', "
                f"not '{state['scene']}' as recorded."
            )
        recorded = state.get("vars")
        if isinstance(recorded, dict) and recorded and recorded != session.counters:
            raise StateError(
                "Replaying the saved decisions gives the counters "
                f"{_counters_text(session.counters)}, not {_counters_text(recorded)} as "
                "recorded; the case has changed since this attempt was saved."
            )
        return session

    # ------------------------------------------------------------------ inner

    def _indicator_label(self, indicator_id: str) -> str:
        ind = self.loaded.indicator(indicator_id)
        return ind.label if ind else indicator_id

    def _judge_choice(
        self, scene: Scene, choice: Choice, confidence: str | None, offered: list[Choice]
    ) -> StepResult:
        return choice_step(
            self.loaded,
            self.scene_id,
            choice,
            offered,
            index=len(self.steps),
            confidence=confidence,
            disclosed=self.disclosed,
            perpetrator_here=self._perpetrator_here(),
        )

    def _commit(
        self, decision: Decision, step: StepResult | None, target: str | None, flags: frozenset[str]
    ) -> StepResult:
        if target is None or target not in self.case.scenes:
            raise SessionError(
                f"No way on from scene '{self.scene_id}' (the case has a dead "
                "end here; please tell the case author)."
            )
        self.decisions.append(decision)
        if step is not None:
            self.steps.append(step)
        self.flags = flags
        self._check_rules()
        self._enter(target)
        return step  # type: ignore[return-value]

    def _enter(self, scene_id: str) -> None:
        self.scene_id = scene_id
        self.visited.append(scene_id)
        scene = self.case.scenes[scene_id]
        self.flags = engine.arrive(scene, self.flags, self.case)
        # who is here and what is disclosed follow the state actually reached on arrival
        self.present_people = frozenset(engine.people_present(self.case, scene, self.flags))
        self.disclosed.update(engine.disclosed_in(scene, self.flags))
        self._check_rules()

    def _perpetrator_here(self) -> bool:
        people = self.case.people
        return any(p in people and people[p].role == "perpetrator" for p in self.present_people)

    def _check_rules(self) -> None:
        # present(...) asks about the scene the learner is in (or has just acted in)
        here = self.present_people
        for rule in self.case.rules:
            if rule.id in self._rules_done or not evaluate(rule.when, self.flags, here):
                continue
            self._rules_done.add(rule.id)
            if not evaluate(rule.require, self.flags, here):
                self.steps.append(rule_step(len(self.steps), rule, self.scene_id))


def _counters_text(values: dict[str, Any]) -> str:
    return ", ".join(f"{name} {value}" for name, value in values.items()) or "none"


def score_attempt(loaded: LoadedCase, decisions: list[Decision]) -> Result:
    """Score a sequence of decisions by replaying them: same decisions, same result.

    This is where a path's score is computed: the decisions are played through a
    :class:`Session` (the same rules as a learner's attempt) and added up by
    :func:`trainer.core.scoring.summarise`.
    """
    return Session.replay(loaded, decisions).result()
