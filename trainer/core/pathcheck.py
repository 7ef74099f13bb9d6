"""Automated path testing: walk the complete paths of a case and check invariants.

Every complete path is walked (or a seeded random sample of them when there
are more than the sample size), each answered both best and worst at
checklists and ratings; a path that passes with the best answers is also tried
with representative weaker answers at each checklist and rating (each key
indicator missed, every indicator ticked, one and two levels under the
expected rating, see :func:`answer_variants`). These must hold:

* ``ends``: the path reaches an ending;
* ``error``: replaying it raises no error;
* ``expected-passes``: the expected path (an 'expected' choice at every
  decision, best answers) passes, and so does every path of expected choices;
* ``critical-fails``: every critical choice, and every attempt with a critical
  error, fails;
* ``unsafe-passes``: no attempt passes with an unsafe judgement in it: an
  unsafe choice, an unsafe checklist or an unsafe rating.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from trainer.core.errors import Problem, SessionError, StateError
from trainer.core.explore import _post_order
from trainer.core.graph import (
    Analysis,
    State,
    decisions_for,
    iter_paths,
    paths_through_choices,
    percent_weights,
)
from trainer.core.loader import LoadedCase
from trainer.core.model import Choice
from trainer.core.scoring import Result, StepResult, summarise
from trainer.core.session import Session, checklist_step, rating_step

Steps = tuple[tuple[str, str], ...]
DEFAULT_SAMPLE = 1000
UNSAFE_ADVICE = {
    "choice": "mark it critical or raise the minimums",
    "checklist": "list the indicators that must not be missed in must_identify, raise "
    "their weights, or raise the minimum",
    "rating": "set critical_under_by on the rating or raise the minimum",
}
INVARIANTS = ("ends", "error", "expected-passes", "critical-fails", "unsafe-passes")


@dataclass(frozen=True)
class PathFailure:
    """One broken invariant on one path."""

    invariant: str
    message: str
    steps: Steps
    scene: str | None = None
    group: str = ""  # failures with the same group are one problem seen on several paths

    @property
    def group_key(self) -> tuple[str, str | None, str]:
        return (self.invariant, self.scene, self.group or self.message)

    def describe(self) -> str:
        return f"[{self.invariant}] {self.message}; path: {describe_steps(self.steps)}"

    def problem(self, loaded: LoadedCase) -> Problem:
        loc = ("scenes", self.scene) if self.scene else ("start",)
        return loaded.source.problem(loc, self.describe())


@dataclass
class PathCheck:
    """What ``check_paths`` found for one case."""

    loaded: LoadedCase
    total: int  # complete paths in the case (by the graph analysis)
    checked: int  # distinct paths walked (sampled + targeted)
    sampled: bool
    seed: int | None
    expected: Steps | None
    failures: list[PathFailure] = field(default_factory=list)
    truncated: bool = False  # too many flag combinations to explore: sampled playthroughs
    samples: int = 0  # distinct random playthroughs walked when truncated
    proof: GraphProof | None = None  # what holds on every path, shown over the state graph

    @property
    def ok(self) -> bool:
        return not self.failures

    def grouped(self) -> list[tuple[PathFailure, int]]:
        """Each distinct problem once (its first path), with how many paths show it."""
        groups: dict[tuple[str, str | None, str], list[PathFailure]] = {}
        for failure in self.failures:
            groups.setdefault(failure.group_key, []).append(failure)
        return [(found[0], len(found)) for found in groups.values()]


def describe_steps(steps: Steps) -> str:
    labels = [c for _, c in steps if c not in ("checklist", "rating", "continue")]
    end = steps[-1][0] if steps else "?"
    return " > ".join(labels) or f"(no choices, from {end})"


def _choice(loaded: LoadedCase, scene_id: str, label: str) -> Choice | None:
    decision = loaded.case.scenes[scene_id].decision
    if decision is None:
        return None
    return next((c for c in decision.options if c.id == label), None)


# --------------------------------------------------------------------------- path finding


def sample_paths(loaded: LoadedCase, size: int, seed: int) -> list[Steps]:
    """Up to ``size`` distinct complete paths, by seeded random walks."""
    analysis: Analysis = loaded.analysis
    rng = random.Random(seed)
    found: dict[Steps, None] = {}
    attempts = 0
    while len(found) < size and attempts < size * 5:
        attempts += 1
        state, steps, on_path = analysis.start, [], {analysis.start}
        while state not in analysis._endings:
            options = [
                e
                for e in analysis.edges.get(state, [])
                if e.target is not None and e.target in analysis.reaches_end
                if e.target not in on_path
            ]
            if not options:
                break
            edge = rng.choice(options)
            steps.append((state[0], edge.label))
            state = edge.target  # type: ignore[assignment]
            on_path.add(state)
        else:
            found.setdefault(tuple(steps))
    return list(found)


MAX_MOVES = 10_000  # a playthrough that has not ended after this many moves is in a loop


def play_through(
    loaded: LoadedCase, prefix: Steps, pick: Callable[[list[Choice]], Choice]
) -> Steps | None:
    """Replay ``prefix`` (best answers), then play on with ``pick`` at each decision.

    Played by the engine, not read from the explored graph, so it works however large the
    case's state space is. None when the playthrough does not end (a loop or a dead end).
    """
    try:
        session = Session.replay(loaded, decisions_for(loaded, prefix, best=True))
    except Exception:  # the prefix itself is checked where it is walked
        return None
    steps = list(prefix)
    for _ in range(MAX_MOVES):
        if session.is_finished:
            return tuple(steps)
        scene_id, scene = session.scene_id, session.scene
        try:
            if scene.decision is not None:
                offered = {o.id for o in session.options}
                choices = [c for c in scene.decision.options if c.id in offered]
                if not choices:
                    return None
                choice = pick(choices)
                session.choose(choice.id)
                steps.append((scene_id, choice.id))
            elif scene.checklist is not None:
                session.tick(list(scene.checklist.present))
                steps.append((scene_id, "checklist"))
            elif scene.rating is not None:
                session.rate(scene.rating.expected)
                steps.append((scene_id, "rating"))
            else:
                session.advance()
                steps.append((scene_id, "continue"))
        except (SessionError, StateError):
            return None
    return None


def _first_expected(choices: list[Choice]) -> Choice:
    return min(choices, key=lambda c: 0 if c.judgement == "expected" else 1)


def sample_playthroughs(loaded: LoadedCase, size: int, seed: int) -> list[Steps]:
    """Up to ``size`` distinct complete playthroughs by seeded random choices (no graph)."""
    rng = random.Random(seed)
    found: dict[Steps, None] = {}
    for _ in range(size * 3):
        if len(found) >= size:
            break
        steps = play_through(loaded, (), rng.choice)
        if steps is not None:
            found.setdefault(steps)
    return list(found)


def expected_playthrough(loaded: LoadedCase) -> tuple[Steps | None, str]:
    """The first expected option at every decision, played by the engine."""
    steps = play_through(loaded, (), _first_expected)
    if steps is None:
        return None, "the expected choices do not reach an ending (a loop or a dead end)"
    if not _all_expected(loaded, steps):
        scene = next(
            (sid for sid, label in steps if not _all_expected(loaded, ((sid, label),))), "?"
        )
        return None, f"no expected choice is offered at scene '{scene}'"
    return steps, ""


def _continue_expected(loaded: LoadedCase, state: State, seen: set[State]) -> Steps | None:
    """From ``state``, take an expected choice (else the first that can end) to an ending."""
    analysis: Analysis = loaded.analysis
    steps: list[tuple[str, str]] = []
    while state not in analysis._endings:
        if state in seen:
            return None
        seen.add(state)
        edges = [
            e
            for e in analysis.edges.get(state, [])
            if e.target is not None and e.target in analysis.reaches_end
        ]
        if not edges:
            return None

        edge = min(edges, key=lambda e, sid=state[0]: _rank(loaded, sid, e.label))
        steps.append((state[0], edge.label))
        state = edge.target  # type: ignore[assignment]
    return tuple(steps)


def _rank(loaded: LoadedCase, scene_id: str, label: str) -> int:
    """0 for an expected choice (or a scene with nothing to choose), up to 3 for unsafe."""
    choice = _choice(loaded, scene_id, label)
    if choice is None or choice.judgement == "expected":
        return 0
    return 1 + ("acceptable", "poor", "unsafe").index(choice.judgement)


def expected_path(loaded: LoadedCase) -> tuple[Steps | None, str]:
    """The path of 'expected' choices from the start, or None and why there is none."""
    analysis: Analysis = loaded.analysis
    state, steps, seen = analysis.start, [], set()
    while state not in analysis._endings:
        if state in seen:
            return None, f"the expected choices go round a loop at scene '{state[0]}'"
        seen.add(state)
        edges = analysis.edges.get(state, [])
        scene = loaded.case.scenes[state[0]]
        if scene.decision is not None:
            edges = [
                e
                for e in edges
                if (c := _choice(loaded, state[0], e.label)) and c.judgement == "expected"
            ]
        usable = [e for e in edges if e.target is not None and e.target in analysis.reaches_end]
        if not usable:
            return None, f"no expected choice at scene '{state[0]}' leads to an ending"
        steps.append((state[0], usable[0].label))
        state = usable[0].target  # type: ignore[assignment]
    return tuple(steps), ""


def critical_paths(loaded: LoadedCase) -> list[tuple[str, Steps]]:
    """For each critical choice: the shortest way to it, the choice, then expected choices."""
    analysis: Analysis = loaded.analysis
    parent: dict[State, tuple[State, str] | None] = {analysis.start: None}
    queue = deque([analysis.start])
    out: list[tuple[str, Steps]] = []
    done: set[tuple[str, str]] = set()
    while queue:
        state = queue.popleft()
        for edge in analysis.edges.get(state, []):
            if edge.target is None or edge.target not in analysis.reaches_end:
                continue
            choice = _choice(loaded, state[0], edge.label)
            if choice is not None and choice.critical and (state[0], choice.id) not in done:
                done.add((state[0], choice.id))
                prefix: list[tuple[str, str]] = []
                node: State = state
                while parent[node] is not None:
                    prev, label = parent[node]  # type: ignore[misc]
                    prefix.append((prev[0], label))
                    node = prev
                prefix.reverse()
                taken: Steps = (*prefix, (state[0], edge.label))
                if analysis.truncated:  # the graph may stop short: play on by the engine
                    whole = play_through(loaded, taken, _first_expected)
                    if whole is not None:
                        out.append((choice.id, whole))
                    continue
                rest = _continue_expected(loaded, edge.target, set())
                if rest is not None:
                    out.append((choice.id, (*taken, *rest)))
            if edge.target not in parent:
                parent[edge.target] = (state, edge.label)
                queue.append(edge.target)
    return out


# --------------------------------------------------------------------------- over the graph


@dataclass(frozen=True)
class GraphProof:
    """What the explored state graph shows for every complete path, not only a sample.

    Shown only when the graph was explored in full and has no loop (so that the most
    points on any path through a choice is exact by dynamic programming): every path
    ends (the validator refuses dead ends and loops with no exit), every critical choice
    fails (a critical step always fails an attempt), and for each unsafe choice in
    ``safe``, even the most points any path through it can earn (with best answers at
    every checklist and rating, and every sequence rule that gives points) is below the
    pass mark or a minimum, so no path through it can pass. Unsafe choices in ``open``
    are not shown safe this way: the best paths through them are walked as well.
    """

    safe: tuple[tuple[str, str], ...]
    open: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        unsafe = len(self.safe) + len(self.open)
        text = "over the state graph, every path ends and every critical choice fails"
        if not unsafe:
            return text + " (no choice is marked unsafe)"
        if not self.open:
            return text + f", and no path through any of the {unsafe} unsafe choice(s) can pass"
        return (
            text + f"; {len(self.safe)} of {unsafe} unsafe choice(s) shown unable to pass on "
            "any path, the others checked on their best paths and the sample"
        )


def graph_proof(loaded: LoadedCase) -> GraphProof | None:
    """The invariants the state graph shows for every path (see :class:`GraphProof`), or
    None when it cannot (explored only in part, or with a loop)."""
    analysis: Analysis = loaded.analysis
    case = loaded.case
    if analysis.truncated or analysis.dead_ends() or analysis.no_exit():
        return None
    order = _post_order(analysis)  # children before parents
    position = {state: i for i, state in enumerate(order)}
    for state, edges in analysis.edges.items():
        for edge in edges:
            target = edge.target
            known = target is not None and target in position and state in position
            if known and position[target] >= position[state]:  # type: ignore[index]
                return None  # a loop: a path may not follow the DP's order
    comps = list(analysis.maxima)
    index = {c: n for n, c in enumerate(comps)}
    width = len(comps) + 1

    def vector(points: dict[str, float]) -> list[float]:
        out = [0.0] * width
        for comp, value in points.items():
            if comp in index:
                out[index[comp]] += value
        out[-1] = sum(points.values())
        return out

    def plus(a: list[float], b: list[float]) -> list[float]:
        return [x + y for x, y in zip(a, b, strict=True)]

    def most(a: list[float] | None, b: list[float]) -> list[float]:
        return b if a is None else [max(x, y) for x, y in zip(a, b, strict=True)]

    suffix: dict[State, list[float]] = {}
    for state in order:
        if state in analysis._endings:
            suffix[state] = [0.0] * width
            continue
        hi: list[float] | None = None
        for edge in analysis.edges.get(state, []):
            if edge.target is not None and edge.target in suffix:
                hi = most(hi, plus(vector(edge.points), suffix[edge.target]))
        if hi is not None:
            suffix[state] = hi
    prefix: dict[State, list[float]] = {analysis.start: [0.0] * width}
    through: dict[tuple[str, str], list[float]] = {}
    unsafe = {
        (sid, c.id)
        for sid, scene in case.scenes.items()
        if scene.decision
        for c in scene.decision.options
        if c.judgement == "unsafe" and not c.critical
    }
    for state in reversed(order):  # parents before children
        if state not in prefix:
            continue
        for edge in analysis.edges.get(state, []):
            target = edge.target
            if target is None or target not in suffix:
                continue
            up = plus(prefix[state], vector(edge.points))
            prefix[target] = most(prefix.get(target), up)
            key = (state[0], edge.label)
            if key in unsafe:
                through[key] = most(through.get(key), plus(up, suffix[target]))
    bonus = vector({})
    for rule in case.rules:
        bonus = plus(bonus, vector({c: max(0.0, v) for c, v in rule.points.items()}))
    bonus[-1] = sum(max(0.0, v) for rule in case.rules for v in rule.points.values())
    scoring = case.scoring
    total_max = analysis.total_max
    safe: list[tuple[str, str]] = []
    open_: list[tuple[str, str]] = []
    margin = 1e-9
    for key in sorted(unsafe):
        bound = through.get(key)
        if bound is None:  # on no complete path: nothing can pass through it
            safe.append(key)
            continue
        bound = plus(bound, bonus)
        overall = 100.0 * bound[-1] / total_max if total_max > 0 else 0.0
        fails = overall < scoring.pass_mark - margin
        for comp, minimum in scoring.minimums.items():
            top = analysis.maxima.get(comp, 0.0)
            if top > 0 and comp in index and 100.0 * bound[index[comp]] / top < minimum - margin:
                fails = True
        (safe if fails else open_).append(key)
    return GraphProof(tuple(safe), tuple(open_))


# --------------------------------------------------------------------------- checking


def _run(loaded: LoadedCase, steps: Steps, best: bool) -> tuple[Result | None, PathFailure | None]:
    try:
        session = Session.replay(loaded, decisions_for(loaded, steps, best))
        result = session.result()
    except Exception as exc:  # any error here is what this check is for
        last = steps[-1][0] if steps else None
        return None, PathFailure("error", f"{type(exc).__name__}: {exc}", steps, last)
    if not session.is_finished:
        return result, PathFailure(
            "ends", f"the path stops at scene '{session.scene_id}'", steps, session.scene_id
        )
    return result, None


def _judge(loaded: LoadedCase, steps: Steps, result: Result, answers: str) -> list[PathFailure]:
    out: list[PathFailure] = []
    if not result.passed:
        return out
    critical = result.critical_errors
    if critical:
        out.append(
            PathFailure(
                "critical-fails",
                f"passes ({_answers(answers)}) despite the critical error '{critical[0].label[:60]}'",
                steps,
                critical[0].scene,
                f"{answers}:{critical[0].label}",
            )
        )
    unsafe = [s for s in result.steps if s.judgement == "unsafe"]
    if unsafe:
        out.append(
            PathFailure(
                "unsafe-passes",
                f"passes ({_answers(answers)}, {result.percent:g}%) with the unsafe "
                f"'{unsafe[0].label[:60]}'; {UNSAFE_ADVICE.get(unsafe[0].kind, UNSAFE_ADVICE['choice'])}",
                steps,
                unsafe[0].scene,
                f"{answers}:{unsafe[0].label}",
            )
        )
    return out


def answer_variants(loaded: LoadedCase, result: Result) -> list[tuple[str, Result]]:
    """The same path with representative weaker answers at one checklist or rating each.

    At a checklist: each key indicator missed (the heaviest one when none is key), and
    every offered indicator ticked; at a rating: one and two levels under the expected
    level. Everything else keeps its answer; checklist and rating answers change no flags,
    so the path and its other steps stay the same.
    """
    out: list[tuple[str, Result]] = []
    steps = list(result.steps)
    for i, step in enumerate(steps):
        scene = loaded.case.scenes.get(step.scene)
        if scene is None:
            continue
        tried: list[tuple[str, StepResult]] = []
        if step.kind == "checklist" and scene.checklist is not None:
            part = scene.checklist
            keys = [k for k in part.present if part.is_key(k)] or [
                max(part.present, key=lambda k: part.present[k])
            ]
            for key in keys:
                chosen = tuple(k for k in part.present if k != key)
                what = f"checklist '{step.scene}' missing '{_indicator_label(loaded, key)}'"
                tried.append((what, checklist_step(loaded, step.scene, chosen, step.index)))
            tried.append(
                (
                    f"checklist '{step.scene}' ticking every indicator",
                    checklist_step(loaded, step.scene, tuple(part.offered), step.index),
                )
            )
        elif step.kind == "rating" and scene.rating is not None:
            part2 = scene.rating
            scale = loaded.scale(part2.scale)
            levels = [lv.id for lv in scale.levels] if scale else []
            if part2.expected in levels:
                at = levels.index(part2.expected)
                for under in (1, 2):
                    if at - under >= 0:
                        what = f"rating '{step.scene}' {under} level(s) under"
                        level = levels[at - under]
                        tried.append((what, rating_step(loaded, step.scene, level, step.index)))
        for what, new in tried:
            out.append((what, summarise(loaded, [*steps[:i], new, *steps[i + 1 :]], result.ending)))
    return out


def _indicator_label(loaded: LoadedCase, indicator_id: str) -> str:
    ind = loaded.indicator(indicator_id)
    return ind.label if ind else indicator_id


def _answers(answers: str) -> str:
    return f"{answers} answers" if answers in ("best", "worst") else f"with {answers}"


def _all_expected(loaded: LoadedCase, steps: Steps) -> bool:
    for scene_id, label in steps:
        choice = _choice(loaded, scene_id, label)
        if choice is not None and choice.judgement != "expected":
            return False
    return True


def check_paths(
    loaded: LoadedCase, sample: int = DEFAULT_SAMPLE, seed: int = 0, limit: int | None = None
) -> PathCheck:
    """Walk every complete path (or a seeded sample of ``sample``) and check the invariants."""
    analysis: Analysis = loaded.analysis
    if analysis.truncated:
        # Too many flag combinations to explore: the graph would miss paths and invent
        # failures, so walk seeded random playthroughs played by the engine instead.
        paths = sample_playthroughs(loaded, sample, seed)
        report = PathCheck(loaded, 0, 0, True, seed, None, truncated=True, samples=len(paths))
        expected, why = expected_playthrough(loaded)
    else:
        everything = iter_paths(loaded, limit=(limit or sample) + 1)
        sampled = len(everything) > (limit or sample)
        paths = sample_paths(loaded, sample, seed) if sampled else everything
        report = PathCheck(loaded, analysis.path_count, 0, sampled, seed if sampled else None, None)
        expected, why = expected_path(loaded)
    failures = report.failures

    report.expected = expected
    if expected is None:
        failures.append(PathFailure("expected-passes", why, (), None))
    targeted: list[tuple[str, Steps]] = [("", expected)] if expected else []
    targeted += critical_paths(loaded)
    if not analysis.truncated:
        report.proof = graph_proof(loaded)
        if report.proof is not None and report.proof.open:
            # the paths through an unsafe choice most likely to pass: walk them too
            wanted = {label for _, label in report.proof.open}
            for weights in (percent_weights(loaded), None):
                found = paths_through_choices(loaded, wanted, weights)
                targeted += [("", steps) for steps in found.values() if steps]

    walked: set[Steps] = set()
    for tag, steps in [("", p) for p in paths] + targeted:
        if steps in walked and not tag:
            continue
        walked.add(steps)
        best, failed = _run(loaded, steps, best=True)
        if failed is not None:
            failures.append(failed)
            continue
        worst, failed = _run(loaded, steps, best=False)
        if failed is not None:
            failures.append(failed)
        assert best is not None
        failures.extend(_judge(loaded, steps, best, "best"))
        if best.passed:
            for what, variant in answer_variants(loaded, best):
                failures.extend(_judge(loaded, steps, variant, what))
        if worst is not None:
            failures.extend(_judge(loaded, steps, worst, "worst"))
        if tag and best.passed and not best.critical_errors:
            scene = next((s for s, c in steps if c == tag), None)
            failures.append(
                PathFailure(
                    "critical-fails",
                    f"the critical choice '{tag}' does not fail the attempt",
                    steps,
                    scene,
                )
            )
        if not tag and not best.passed and _all_expected(loaded, steps):
            failures.append(
                PathFailure(
                    "expected-passes",
                    "a path of expected choices fails: " + "; ".join(best.reasons),
                    steps,
                    steps[0][0] if steps else None,
                    "expected-path-fails",
                )
            )
    report.checked = len(walked)
    report.failures = _dedupe(failures)
    return report


def _dedupe(failures: list[PathFailure]) -> list[PathFailure]:
    seen: set[tuple[str, str, Steps]] = set()
    out = []
    for f in failures:
        key = (f.invariant, f.message, f.steps)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
