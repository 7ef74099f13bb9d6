"""Checks that a case tests judgement, not recognition (issue 12), for ``trainer validate``.

Each check returns located problems (warnings unless said otherwise); the validator calls
:func:`judgement_checks` once, after its own checks found no error.
"""

from __future__ import annotations

from trainer.core.errors import Problem
from trainer.core.loader import LoadedCase
from trainer.core.pathcheck import UNSAFE_ADVICE, answer_variants
from trainer.core.testwise import Strategy, best_level, best_ticks, expected_option, play

# A learner who chooses well and answers every checklist and rating at its best: the model
# answer, played through the engine (not the explored graph), so it works on any case.
MODEL_ANSWER = Strategy(
    "expected", "the expected options; best risk answers", expected_option, best_ticks, best_level
)


def judgement_checks(loaded: LoadedCase) -> list[Problem]:
    """Every judgement check on a case that has no errors."""
    problems: list[Problem] = []
    problems += check_weaker_answers(loaded)
    return problems


def check_weaker_answers(loaded: LoadedCase) -> list[Problem]:
    """Warn when the model answer still passes with an unsafe checklist or rating answer.

    The model answer is replayed with representative weaker answers at each checklist and
    rating (each key indicator missed, every indicator ticked, one and two levels under):
    an unsafe risk judgement must not pass, as an unsafe choice must not.
    """
    outcome = play(loaded, MODEL_ANSWER)
    if outcome.result is None or not outcome.result.passed:
        return []
    out: list[Problem] = []
    for what, result in answer_variants(loaded, outcome.result):
        if not result.passed:
            continue
        unsafe = [s for s in result.steps if s.judgement == "unsafe"]
        if not unsafe:
            continue
        step = unsafe[0]
        out.append(
            loaded.source.problem(
                ("scenes", step.scene),
                f"the expected choices pass ({result.percent:g}%) with {what}, an unsafe "
                f"risk judgement; {UNSAFE_ADVICE.get(step.kind, UNSAFE_ADVICE['choice'])}",
                "warning",
            )
        )
    return out
