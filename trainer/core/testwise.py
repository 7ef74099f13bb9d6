"""Test-wise learners: deterministic players who answer from the shape of a case, not its text.

A case tests judgement only if none of them passes it. Each strategy says how it picks an
option at a decision, what it ticks at a checklist and which level it gives at a rating:

* option rules: ``longest`` (the longest text; the first of equals), ``first`` and
  ``last`` (in file order), ``expected`` (the first option judged expected: a learner who
  chooses well);
* checklist rules: ``best`` (exactly the indicators present) and ``tick-all``;
* rating rules: ``best`` (the expected level) and ``top`` (the highest level).

The single strategies isolate one tell each. ``longest``, ``first`` and ``last`` answer
checklists and ratings at their best, so even a learner who reads risk perfectly must not
pass by where or how long the right option is. ``tick-all`` makes every choice expected,
so the checklist scoring alone must stop indiscriminate ticking. ``top-rating`` pairs
rating at the top with the length tell: with every choice expected, over-rating by design
costs less than under-rating and need not fail a case on its own. The combinations play
all the tells together.

More strategies are added with :func:`register`; ``trainer test`` plays every
registered one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from trainer.core.errors import SessionError, StateError
from trainer.core.loader import LoadedCase
from trainer.core.model import Checklist, Choice, Rating
from trainer.core.scoring import Result
from trainer.core.session import Session

OptionRule = Callable[[list[Choice]], Choice]
ChecklistRule = Callable[[LoadedCase, Checklist], list[str]]
RatingRule = Callable[[LoadedCase, Rating], str]
MAX_MOVES = 10_000  # a deterministic learner in a loop of the case never ends: stop it
# With fewer real decisions than this, a test-wise learner passes by luck as often as by a
# tell (two two-way decisions: one in four), so its pass is shown but does not fail a case.
MIN_DECISIONS = 3


# --------------------------------------------------------------------------- rules


def longest_option(options: list[Choice]) -> Choice:
    return max(options, key=lambda c: len(c.text.strip()))  # max keeps the first of equals


def first_option(options: list[Choice]) -> Choice:
    return options[0]


def last_option(options: list[Choice]) -> Choice:
    return options[-1]


_RANK = {"expected": 0, "acceptable": 1, "poor": 2, "unsafe": 3}


def expected_option(options: list[Choice]) -> Choice:
    return min(options, key=lambda c: (_RANK[c.judgement], c.critical))


def best_ticks(loaded: LoadedCase, part: Checklist) -> list[str]:
    return list(part.present)


def tick_all(loaded: LoadedCase, part: Checklist) -> list[str]:
    return list(part.offered)


def best_level(loaded: LoadedCase, part: Rating) -> str:
    return part.expected


def top_level(loaded: LoadedCase, part: Rating) -> str:
    scale = loaded.scale(part.scale)
    return scale.levels[-1].id if scale else part.expected


# --------------------------------------------------------------------------- strategies


@dataclass(frozen=True)
class Strategy:
    """One test-wise learner: a rule for options, one for checklists, one for ratings."""

    name: str
    summary: str  # what the learner does, in a few words, for reports
    option: OptionRule
    checklist: ChecklistRule
    rating: RatingRule


STRATEGIES: dict[str, Strategy] = {}


def register(strategy: Strategy) -> Strategy:
    """Add a strategy (replacing one of the same name); ``trainer test`` plays them all."""
    STRATEGIES[strategy.name] = strategy
    return strategy


for _strategy in (
    Strategy(
        "longest",
        "always the longest option; best risk answers",
        longest_option,
        best_ticks,
        best_level,
    ),
    Strategy(
        "first", "always the first option; best risk answers", first_option, best_ticks, best_level
    ),
    Strategy(
        "last", "always the last option; best risk answers", last_option, best_ticks, best_level
    ),
    Strategy(
        "tick-all",
        "every choice expected; ticks every indicator",
        expected_option,
        tick_all,
        best_level,
    ),
    Strategy(
        "top-rating",
        "always the longest option; rates every risk at the top",
        longest_option,
        best_ticks,
        top_level,
    ),
    Strategy(
        "longest+tick-all+top",
        "longest option, ticks everything, rates at the top",
        longest_option,
        tick_all,
        top_level,
    ),
    Strategy(
        "first+tick-all+top",
        "first option, ticks everything, rates at the top",
        first_option,
        tick_all,
        top_level,
    ),
    Strategy(
        "last+tick-all+top",
        "last option, ticks everything, rates at the top",
        last_option,
        tick_all,
        top_level,
    ),
):
    register(_strategy)


# --------------------------------------------------------------------------- playing


@dataclass(frozen=True)
class Outcome:
    """How one test-wise learner did on one case."""

    strategy: Strategy
    result: Result | None  # None when the learner could not finish
    problem: str = ""  # why it could not finish

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed

    @property
    def percent(self) -> float:
        return self.result.percent if self.result is not None else 0.0


def play(loaded: LoadedCase, strategy: Strategy) -> Outcome:
    """Play the case from its start with ``strategy``; never raises for a bad case."""
    session = Session(loaded)
    try:
        for _ in range(MAX_MOVES):
            if session.is_finished:
                return Outcome(strategy, session.result())
            scene = session.scene
            if scene.decision is not None:
                offered = [c for c in scene.decision.options if c.id in _offered_ids(session)]
                if not offered:
                    return Outcome(strategy, None, f"no option is offered at '{session.scene_id}'")
                session.choose(strategy.option(offered).id)
            elif scene.checklist is not None:
                session.tick(strategy.checklist(loaded, scene.checklist))
            elif scene.rating is not None:
                session.rate(strategy.rating(loaded, scene.rating))
            else:
                session.advance()
    except (SessionError, StateError) as exc:
        return Outcome(strategy, None, exc.headline)
    return Outcome(strategy, None, f"goes round a loop and never ends (at '{session.scene_id}')")


def _offered_ids(session: Session) -> set[str]:
    return {o.id for o in session.options}


def real_decisions(loaded: LoadedCase) -> int:
    """Decision scenes that offer two or more options (where a learner can be test-wise)."""
    return sum(
        1
        for scene in loaded.case.scenes.values()
        if scene.decision is not None and len(scene.decision.options) >= 2
    )


def counts(loaded: LoadedCase) -> bool:
    """Whether a test-wise learner passing this case fails it (enough decisions to tell)."""
    return real_decisions(loaded) >= MIN_DECISIONS


def play_all(loaded: LoadedCase, names: list[str] | None = None) -> list[Outcome]:
    """Every registered strategy (or those named), in registration order."""
    chosen = [STRATEGIES[n] for n in names] if names is not None else list(STRATEGIES.values())
    return [play(loaded, strategy) for strategy in chosen]
