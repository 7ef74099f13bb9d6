"""Checks that a case tests judgement, not recognition (issue 12), for ``trainer validate``.

Each check returns located problems (warnings unless said otherwise); the validator calls
:func:`judgement_checks` once, after its own checks found no error.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

from trainer.core.errors import Problem
from trainer.core.graph import MAX_STATES, MAXIMA_STATES, case_maxima, decisions_for
from trainer.core.loader import LoadedCase
from trainer.core.model import Case, Choice
from trainer.core.pathcheck import (
    UNSAFE_ADVICE,
    answer_variants,
    expected_playthrough,
    sample_playthroughs,
)
from trainer.core.scoring import checklist_fraction
from trainer.core.session import score_attempt
from trainer.core.testwise import Strategy, best_level, best_ticks, expected_option, play

# A learner who chooses well and answers every checklist and rating at its best: the model
# answer, played through the engine (not the explored graph), so it works on any case.
MODEL_ANSWER = Strategy(
    "expected", "the expected options; best risk answers", expected_option, best_ticks, best_level
)


def judgement_checks(loaded: LoadedCase) -> list[Problem]:
    """Every judgement check on a case that has no errors."""
    problems: list[Problem] = []
    problems += check_scoring_basis(loaded)
    problems += check_option_lengths(loaded)
    problems += check_checklist_calibration(loaded)
    problems += check_critical_consistency(loaded)
    problems += check_person_ids(loaded)
    problems += check_weaker_answers(loaded)
    problems += check_rating_thresholds(loaded)
    return problems


def check_rating_thresholds(loaded: LoadedCase) -> list[Problem]:
    """Warn when a rating's `critical_under_by` can never be reached on its scale (a rating
    can be at most as many levels under as there are levels below the expected one), so
    the critical rule the tutor wrote would never fire."""
    out: list[Problem] = []
    for sid, scene in loaded.case.scenes.items():
        part = scene.rating
        if part is None or part.critical_under_by is None:
            continue
        scale = loaded.scale(part.scale)
        if scale is None:
            continue
        ids = [level.id for level in scale.levels]
        if part.expected not in ids:
            continue
        room = ids.index(part.expected)  # levels below the expected one
        if part.critical_under_by > room:
            out.append(
                loaded.source.problem(
                    ("scenes", sid, "rating", "critical_under_by"),
                    f"critical_under_by: {part.critical_under_by} can never happen: with "
                    f"'{part.expected}' expected on '{part.scale}', a rating can be at most "
                    f"{room} level(s) under, so under-rating here is never critical; use "
                    f"{room} or less" + (" (or leave it out)" if room == 0 else ""),
                    "warning",
                )
            )
    return out


# --------------------------------------------------------------------------- large cases

SAMPLED = 300  # playthroughs scored when the exploration stops early


def check_scoring_basis(loaded: LoadedCase) -> list[Problem]:
    """Scores need exact maxima; a case too large to explore is checked by sampling.

    The maxima come from their own search (see ``graph.case_maxima``), so a case whose
    exploration stopped at ``MAX_STATES`` is still scored exactly; whether it can be passed
    and failed is then checked on seeded random playthroughs, and the validator says so.
    Only a case too large even for the maxima search is refused.
    """
    out: list[Problem] = []
    if not case_maxima(loaded).exact:
        out.append(
            loaded.source.problem(
                ("scenes",),
                f"the case has too many combinations of flags and counter values still "
                f"to be read (over {MAXIMA_STATES:,} states) for its scores to be worked "
                "out exactly: set flags closer to where they are read, clear them once "
                "read, and give counters fewer values (a smaller min..max)",
            )
        )
        return out
    if not loaded.analysis.truncated:
        return out
    expected, why = expected_playthrough(loaded)
    paths = sample_playthroughs(loaded, SAMPLED, seed=0)
    out.append(
        loaded.source.problem(
            ("scenes",),
            f"the case has too many flag combinations (flags and counter values) to "
            f"explore every one (over "
            f"{MAX_STATES:,} states): scores are still exact, but passing and failing were "
            f"checked on a sample of {len(paths)} random playthroughs (seed 0) and the "
            "expected choices instead of every path; run trainer test for a larger sample",
            "warning",
        )
    )
    if expected is None:
        out.append(loaded.source.problem(("start",), f"no path of expected choices: {why}"))
    else:
        result = score_attempt(loaded, decisions_for(loaded, expected, best=True))
        if not result.passed:
            out.append(
                loaded.source.problem(
                    ("scoring", "pass_mark"),
                    "the path of expected choices does not pass: " + "; ".join(result.reasons),
                )
            )
    can_fail = False
    warned: set[str] = set()
    for steps in paths:
        result = score_attempt(loaded, decisions_for(loaded, steps, best=True))
        can_fail = can_fail or not result.passed
        if not result.passed:
            continue
        for step in result.steps:
            key = f"{step.scene}/{step.label}"
            if step.judgement == "unsafe" and key not in warned:
                warned.add(key)
                out.append(
                    loaded.source.problem(
                        ("scenes", step.scene),
                        f"a sampled playthrough passes although it makes an unsafe choice "
                        f"('{step.label[:60]}'); raise the minimums or mark it critical",
                        "warning",
                    )
                )
    if paths and not can_fail:
        worst = [score_attempt(loaded, decisions_for(loaded, steps, best=False)) for steps in paths]
        if all(r.passed for r in worst):
            out.append(
                loaded.source.problem(
                    ("scoring", "pass_mark"),
                    f"every one of {len(paths)} sampled playthroughs passes, even with the "
                    "worst checklist and rating answers; the case may not be possible to fail",
                    "warning",
                )
            )
    return out


# --------------------------------------------------------------------------- checklists


def check_checklist_calibration(loaded: LoadedCase) -> list[Problem]:
    """Warn when a checklist rewards ticking everything, or forgives missing its key indicators.

    Against the minimum of the checklist's competency: ticking every offered indicator must
    earn less than it, and so must missing every key indicator. A foil needs its
    explanation.
    """
    case = loaded.case
    out: list[Problem] = []
    for sid, scene in case.scenes.items():
        part = scene.checklist
        if part is None:
            continue
        loc = ("scenes", sid, "checklist")
        for ind, why in part.foils.items():
            if not why.strip():
                out.append(
                    loaded.source.problem(
                        (*loc, "foils", ind),
                        f"foil '{ind}' needs its explanation: why it is not a risk indicator here",
                        "warning",
                    )
                )
        minimum = case.scoring.minimums.get(part.competency)
        if not minimum:
            continue
        title = loaded.competency_title(part.competency)
        everything = 100 * checklist_fraction(part, set(part.offered))[0]
        if everything >= minimum:
            out.append(
                loaded.source.problem(
                    (*loc, "offered"),
                    f"ticking every offered indicator earns {everything:.0f}% of the checklist "
                    f"in '{sid}', at or above the {minimum:g}% minimum for {title}: offer more "
                    "foils (true facts or plausible worries that are not risk indicators here)",
                    "warning",
                )
            )
        keys = [i for i in part.present if part.is_key(i)]
        if keys:
            without = 100 * checklist_fraction(part, set(part.present) - set(keys))[0]
            if without >= minimum:
                out.append(
                    loaded.source.problem(
                        (*loc, "present"),
                        f"missing every key indicator in '{sid}' still earns {without:.0f}% of "
                        f"the checklist, at or above the {minimum:g}% minimum for {title}: "
                        "raise their weights or key_weight, or list them in must_identify",
                        "warning",
                    )
                )
    return out


# --------------------------------------------------------------------------- option lengths

LONGEST_SHARE = 0.5  # warn when the expected option is the longest in more than this share
LENGTH_RATIO = 1.5  # warn when an expected option is more than this times every other


@dataclass(frozen=True)
class DecisionFigures:
    """The tells of one decision (a scene offering two or more options)."""

    scene: str
    options: int
    ratio: float  # the longest expected option's length / the longest other option's
    defensible: int  # options judged expected or acceptable
    others_all_unsafe: bool  # every non-expected option is unsafe (or critical)

    @property
    def expected_longest(self) -> bool:
        return self.ratio > 1.0


def _length(choice: Choice) -> int:
    return len(" ".join(choice.text.split()))


def decision_figures(case: Case) -> list[DecisionFigures]:
    """Figures for every decision with two or more options, in file order."""
    out: list[DecisionFigures] = []
    for sid, scene in case.scenes.items():
        if scene.decision is None or len(scene.decision.options) < 2:
            continue
        options = scene.decision.options
        expected = [c for c in options if c.judgement == "expected"]
        if not expected:
            continue
        top = max(expected, key=_length)
        other = max(_length(c) for c in options if c is not top)
        others = [c for c in options if c.judgement != "expected"]
        out.append(
            DecisionFigures(
                scene=sid,
                options=len(options),
                ratio=_length(top) / other if other else float("inf"),
                defensible=sum(1 for c in options if c.judgement in ("expected", "acceptable")),
                others_all_unsafe=bool(others)
                and all(c.judgement == "unsafe" or c.critical for c in others),
            )
        )
    return out


def check_option_lengths(loaded: LoadedCase) -> list[Problem]:
    """Warn when the answer can be read from option lengths.

    Per case: the expected option is the longest in more than half the decisions. Per
    decision: an expected option more than 1.5 times as long as every other option.
    """
    figures = decision_figures(loaded.case)
    out: list[Problem] = []
    longest = [f for f in figures if f.expected_longest]
    if figures and len(longest) > LONGEST_SHARE * len(figures):
        shown = ", ".join(f.scene for f in longest[:12]) + (" ..." if len(longest) > 12 else "")
        out.append(
            loaded.source.problem(
                ("scenes",),
                f"the expected option is the longest in {len(longest)} of {len(figures)} "
                f"decisions ({shown}): a learner can pick it by its length; make options "
                "comparable and move the justification into the feedback",
                "warning",
            )
        )
    for f in figures:
        if f.ratio > LENGTH_RATIO:
            out.append(
                loaded.source.problem(
                    ("scenes", f.scene, "decision"),
                    f"the expected option in '{f.scene}' is {f.ratio:.1f} times as long as "
                    f"the longest other option (more than {LENGTH_RATIO:g} times): shorten it "
                    "or move its justification into the feedback",
                    "warning",
                )
            )
    return out


def summarise_figures(figures: list[DecisionFigures]) -> dict[str, float | int | None]:
    """Counts and percentages over decisions (for ``trainer stats``, per case or library)."""
    n = len(figures)

    def share(count: int) -> float | None:
        return round(100.0 * count / n, 1) if n else None

    finite = [f.ratio for f in figures if f.ratio != float("inf")]
    longest = sum(f.expected_longest for f in figures)
    over = sum(f.ratio > LENGTH_RATIO for f in figures)
    defensible = sum(f.defensible >= 2 for f in figures)
    all_unsafe = sum(f.others_all_unsafe for f in figures)
    return {
        "decisions": n,
        "expected_longest": longest,
        "expected_longest_percent": share(longest),
        "median_length_ratio": round(statistics.median(finite), 2) if finite else None,
        "expected_over_1_5x": over,
        "expected_over_1_5x_percent": share(over),
        "two_defensible": defensible,
        "two_defensible_percent": share(defensible),
        "others_all_unsafe": all_unsafe,
        "others_all_unsafe_percent": share(all_unsafe),
    }


# --------------------------------------------------------------------------- critical choices


def check_critical_consistency(loaded: LoadedCase) -> list[Problem]:
    """Apply the rule "When an unsafe choice is critical" (docs/authoring.md) consistently.

    The case says which flags record a critical consequence (``critical_flags``); every
    choice that sets one must be critical (an error), and each must be set somewhere (a
    warning). A choice that reveals a confidential fact where the person causing harm is
    present is made critical by the engine itself whenever the fact was disclosed.

    Limits: the check compares what the case declares, not what options say. An unsafe
    option that exposes her plan in words only, or leaves a child at imminent risk, is
    caught only if its author records that with a critical flag; review the text against
    the rule. :func:`critical_hints` lists flags that critical and non-critical choices
    share, for that review.
    """
    case = loaded.case
    out: list[Problem] = []
    declared = set(case.critical_flags)
    set_somewhere: set[str] = set()
    for sid, i, choice in _choices(case):
        for j, flag in enumerate(choice.sets):
            if flag not in declared:
                continue
            set_somewhere.add(flag)
            if not choice.critical:
                out.append(
                    loaded.source.problem(
                        ("scenes", sid, "decision", "options", i, "sets", j),
                        f"choice '{choice.id}' sets '{flag}', which the case lists in "
                        "critical_flags, but is not critical: mark it critical: true and "
                        "judge it unsafe (see 'When an unsafe choice is critical' in "
                        "docs/authoring.md)",
                    )
                )
    for scene in case.scenes.values():
        set_somewhere.update(f for f in scene.sets if f in declared)
    for n, flag in enumerate(case.critical_flags):
        if flag not in set_somewhere:
            out.append(
                loaded.source.problem(
                    ("critical_flags", n),
                    f"critical flag '{flag}' is never set by any choice or scene",
                    "warning",
                )
            )
    return out


def critical_hints(case: Case) -> list[tuple[str, list[str], list[str]]]:
    """Flags set both by critical and by other unsafe or poor choices, for review.

    Each (flag, critical choice ids, other choice ids) may be an inconsistency (the same
    consequence judged differently) or a flag that records something neutral (e.g. that
    the session ended): only a reader can tell, so these are hints, not warnings.
    """
    critical: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for _sid, _i, choice in _choices(case):
        for flag in choice.sets:
            if choice.critical:
                critical.setdefault(flag, []).append(choice.id)
            elif choice.judgement in ("unsafe", "poor") and flag not in case.critical_flags:
                other.setdefault(flag, []).append(choice.id)
    return [(flag, ids, other[flag]) for flag, ids in critical.items() if flag in other]


def _choices(case: Case) -> list[tuple[str, int, Choice]]:
    return [
        (sid, i, choice)
        for sid, scene in case.scenes.items()
        if scene.decision is not None
        for i, choice in enumerate(scene.decision.options)
    ]


# --------------------------------------------------------------------------- person ids

# Common short forms whose letters are not a prefix of the name (English and Welsh).
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "liz": ("elizabeth",),
    "beth": ("elizabeth", "bethan"),
    "bob": ("robert",),
    "rob": ("robert",),
    "bill": ("william",),
    "will": ("william",),
    "jim": ("james",),
    "jamie": ("james",),
    "dick": ("richard",),
    "rick": ("richard",),
    "peggy": ("margaret",),
    "maggie": ("margaret",),
    "sue": ("susan", "suzanne"),
    "kate": ("katherine", "catherine", "kathryn"),
    "kath": ("katherine", "catherine", "kathryn"),
    "gaz": ("gareth", "gary"),
    "dai": ("david", "dafydd"),
    "dave": ("david",),
    "ted": ("edward",),
    "ned": ("edward",),
    "harry": ("henry", "harold"),
    "jack": ("john",),
    "jen": ("jennifer",),
    "jo": ("joanne", "joanna", "josephine"),
    "mo": ("mohammed", "muhammad", "maureen"),
    "nan": ("ann", "anne"),
    "sandy": ("alexander", "sandra"),
    "alex": ("alexander", "alexandra"),
    "sam": ("samuel", "samantha"),
}


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return [w for w in "".join(ch if ch.isalnum() else " " for ch in plain).split() if w]


def id_matches_name(person_id: str, name: str) -> bool:
    """Whether an id is the person's name, one of its words or a recognisable short form.

    Accepted: a word of the name ('gareth' for 'Gareth Pritchard'), a prefix of at least
    three letters ('sam' for 'Samira'), a word the id starts with ('dc-okafor' for
    'DC Femi Okafor'), initials ('gp' for 'Gareth Pritchard'), the words run together
    ('gareth-pritchard', 'garethp') and common short forms ('liz' for 'Elizabeth').
    """
    words = _words(name)
    parts = _words(person_id)
    if not words or not parts:
        return True
    joined = "".join(parts)
    if joined in ("".join(words), "".join(w[0] for w in words)):
        return True
    if any(joined == words[0] + w[0] for w in words[1:]):
        return True
    for part in parts:
        for word in words:
            if part == word or (len(part) >= 3 and word.startswith(part)):
                return True
            if word in SHORT_FORMS.get(part, ()):
                return True
    return False


def check_person_ids(loaded: LoadedCase) -> list[Problem]:
    """Warn when a person's id is not their name or a short form of it (ids drift on edits)."""
    out: list[Problem] = []
    for pid, person in loaded.case.people.items():
        if not id_matches_name(pid, person.name):
            out.append(
                loaded.source.problem(
                    ("people", pid),
                    f"person id '{pid}' does not match the name learners see, "
                    f"'{person.name}': use the name or a short form of it (e.g. "
                    f"'{'-'.join(_words(person.name)[:1]) or pid}'), so the id cannot "
                    "drift from the text",
                    "warning",
                )
            )
    return out


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
