"""The most points a case can give, and how far each scene is from an ending.

Scores are path-independent: for each competency, :func:`case_maxima` finds the most
points any complete path can earn, and percentages are taken against that. The maxima
come from their own exact search over (scene, flags still to be read) and never from the
validator's exploration (:mod:`trainer.core.explore`), which stops at ``MAX_STATES``: how
far a tool explored must never change a learner's score.

This module sits just over the rules of movement (:mod:`trainer.core.engine`) so that
scoring and the play session can use it without reaching up to the graph exploration.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from operator import add
from typing import TYPE_CHECKING

from trainer.core import engine
from trainer.core.conditions import counter_fact, counter_names, flag_names
from trainer.core.model import Case

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase

State = tuple[str, frozenset[str]]


# The exact maxima search keeps only the flags still to be read, so it visits far fewer
# states than the exploration; past this many the case cannot be scored exactly and the
# validator refuses it (see casechecks.check_scoring_basis).
MAXIMA_STATES = 300_000  # about 6 s at worst on a laptop


def read_facts(case: Case, source: str) -> set[str]:
    """The facts a condition can tell apart: its flags, and every value of its counters."""
    names = flag_names(source)
    for name in counter_names(source):
        counter = case.vars.get(name)
        if counter is not None:
            names.update(counter_fact(name, v) for v in range(counter.min, counter.max + 1))
    return names


def start_state(case: Case, keep: frozenset[str] | None = None) -> State:
    """The first state: the start scene with the counters' start values and its arrival."""
    facts = engine.arrive(case.scenes[case.start], engine.initial(case), case)
    return (case.start, facts if keep is None else facts & keep)


def competencies_of(case: Case) -> list[str]:
    comps: dict[str, None] = {}
    for scene in case.scenes.values():
        if scene.decision:
            for c in scene.decision.options:
                comps.update(dict.fromkeys(c.points))
        for part in (scene.checklist, scene.rating):
            if part is not None:
                comps[part.competency] = None
    for rule in case.rules:
        comps.update(dict.fromkeys(rule.points))
    comps.update(dict.fromkeys(case.scoring.minimums))
    return list(comps)


@dataclass(frozen=True)
class Maxima:
    """The most points any complete path can earn, per competency and in total."""

    maxima: dict[str, float]
    total_max: float
    exact: bool  # False: the search passed MAXIMA_STATES and these are upper bounds
    states: int  # states the search visited


def case_maxima(loaded: LoadedCase) -> Maxima:
    """The case's maxima, computed once per loaded case (independent of :func:`analyse`)."""
    cached = loaded.__dict__.get("_case_maxima")
    if cached is None:
        cached = compute_maxima(loaded.case)
        loaded.__dict__["_case_maxima"] = cached  # LoadedCase is frozen; cache like a property
    return cached  # type: ignore[no-any-return]


def case_distances(loaded: LoadedCase) -> dict[str, int]:
    """Scenes to an ending from each scene (for progress bars), computed once per case."""
    cached = loaded.__dict__.get("_case_distances")
    if cached is None:
        cached = loaded.__dict__["_case_distances"] = _distances(loaded.case)
    return cached  # type: ignore[no-any-return]


def live_flags(case: Case) -> dict[str, frozenset[str]]:
    """For each scene, the flags that may still be read there or later.

    A flag matters to the future of a state only if a condition at that scene or after it
    reads it, so states that differ only in other flags have the same future.
    """
    reads: dict[str, set[str]] = {}
    successors: dict[str, set[str]] = {}
    for sid, scene in case.scenes.items():
        sources: list[str] = []
        targets = [engine.scene_target(scene)]
        if scene.decision is not None:
            for choice in scene.decision.options:
                if choice.if_ is not None:
                    sources.append(choice.if_)
                targets.append(choice.to)
        names: set[str] = set()
        nexts: set[str] = set()
        for target in targets:
            if isinstance(target, list):
                sources.extend(r.if_ for r in target if r.if_ is not None)
            nexts.update(t for t in engine.targets_of(target) if t in case.scenes)
        for source in sources:
            names |= read_facts(case, source)
        reads[sid], successors[sid] = names, nexts
    predecessors: dict[str, set[str]] = {sid: set() for sid in case.scenes}
    for sid, nexts in successors.items():
        for nxt in nexts:
            predecessors[nxt].add(sid)
    live = {sid: set(names) for sid, names in reads.items()}
    queue = deque(case.scenes)
    queued = set(queue)
    while queue:
        sid = queue.popleft()
        queued.discard(sid)
        for pred in predecessors[sid]:
            if not live[sid] <= live[pred]:
                live[pred] |= live[sid]
                if pred not in queued:
                    queued.add(pred)
                    queue.append(pred)
    return {sid: frozenset(names) for sid, names in live.items()}


def compute_maxima(case: Case, limit: int | None = None) -> Maxima:
    """The most points any complete path can earn, per competency (and in total).

    An exact depth-first search over states (scene, flags still to be read), each state's
    best gain to an ending memoised; a move back to a state on the current path (a loop)
    is not followed, as in the exploration. Past ``limit`` states (``MAXIMA_STATES``) it
    gives up and returns upper bounds that ignore every condition, marked not exact.
    """
    limit = MAXIMA_STATES if limit is None else limit
    comps = competencies_of(case)
    index = {c: n for n, c in enumerate(comps)}
    width = len(comps) + 1
    live = live_flags(case)
    gains: dict[int, list[float]] = {}

    def gain_of(part: object, points: dict[str, float]) -> list[float]:
        found = gains.get(id(part))
        if found is None:
            found = [0.0] * width
            for comp, value in points.items():
                found[index[comp]] += value
            found[-1] = sum(points.values())
            gains[id(part)] = found
        return found

    no_points = [0.0] * width

    def moves(state: State) -> list[tuple[list[float], State]]:
        scene_id, flags = state
        scene = case.scenes[scene_id]
        out: list[tuple[list[float], State]] = []

        def add(gain: list[float], target: str | None, new_flags: frozenset[str]) -> None:
            if target is None or target not in case.scenes:
                return  # a dead end: no complete path goes this way
            there = engine.arrive(case.scenes[target], new_flags, case) & live[target]
            out.append((gain, (target, there)))

        if scene.decision is not None:
            for choice in engine.available(scene, flags):
                new = engine.apply_choice(choice, flags, case)
                add(gain_of(choice, choice.points), engine.route(choice.to, new), new)
        elif scene.checklist is not None:
            part = scene.checklist
            add(gain_of(part, {part.competency: part.points}), engine.route(part.to, flags), flags)
        elif scene.rating is not None:
            part2 = scene.rating
            add(
                gain_of(part2, {part2.competency: part2.points}),
                engine.route(part2.to, flags),
                flags,
            )
        elif scene.next is not None:
            add(no_points, engine.route(scene.next, flags), flags)
        return out

    start: State = start_state(case, live[case.start])
    best: dict[State, list[float] | None] = {}
    on_path: set[State] = {start}

    def entered(
        state: State,
    ) -> tuple[State, list[tuple[list[float], State]], int, list[float] | None]:
        ending = case.scenes[state[0]].ending is not None
        return (state, [] if ending else moves(state), 0, no_points if ending else None)

    stack = [entered(start)]
    while stack:
        state, out, i, hi = stack[-1]
        if i < len(out):
            gain, child = out[i]
            stack[-1] = (state, out, i + 1, hi)
            if child in on_path:
                continue  # a loop back along this path
            if child not in best:
                if len(best) + len(stack) >= limit:
                    return _upper_bounds(case, comps, len(best))
                on_path.add(child)
                stack.append(entered(child))
                continue
            value = best[child]
            if value is not None:
                up = list(map(add, gain, value))
                stack[-1] = (state, out, i + 1, up if hi is None else list(map(max, hi, up)))
            continue
        stack.pop()
        on_path.discard(state)
        best[state] = hi
        if stack:  # fold this state's value into its parent's, as for a known child
            parent, pout, pi, phi = stack[-1]
            if hi is not None:
                up = list(map(add, pout[pi - 1][0], hi))
                stack[-1] = (parent, pout, pi, up if phi is None else list(map(max, phi, up)))
    top = best.get(start)
    if top is None:
        return Maxima(dict.fromkeys(comps, 0.0), 0.0, True, len(best))
    return Maxima(
        {c: round(max(top[index[c]], 0.0), 3) for c in comps},
        round(max(top[-1], 0.0), 3),
        True,
        len(best),
    )


def _upper_bounds(case: Case, comps: list[str], states: int) -> Maxima:
    """Most points per competency if every condition held (an upper bound, not exact)."""
    index = {c: n for n, c in enumerate(comps)}
    width = len(comps) + 1
    best: dict[str, list[float] | None] = {}

    def value(sid: str, path: set[str]) -> list[float] | None:
        if sid in best:
            return best[sid]
        scene = case.scenes[sid]
        if scene.ending is not None:
            best[sid] = [0.0] * width
            return best[sid]
        options: list[tuple[dict[str, float], list[str]]] = []
        if scene.decision is not None:
            options = [(c.points, engine.targets_of(c.to)) for c in scene.decision.options]
        else:
            part = scene.checklist or scene.rating
            points = {part.competency: part.points} if part is not None else {}
            options = [(points, engine.targets_of(engine.scene_target(scene)))]
        hi: list[float] | None = None
        for points, targets in options:
            gain = [0.0] * width
            for comp, v in points.items():
                gain[index[comp]] += v
            gain[-1] = sum(points.values())
            for target in targets:
                if target not in case.scenes or target in path:
                    continue
                below = value(target, path | {target})
                if below is not None:
                    up = list(map(add, gain, below))
                    hi = up if hi is None else list(map(max, hi, up))
        best[sid] = hi
        return hi

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * len(case.scenes) + 1000))
    try:
        top = value(case.start, {case.start})
    finally:
        sys.setrecursionlimit(old)
    if top is None:
        return Maxima(dict.fromkeys(comps, 0.0), 0.0, False, states)
    return Maxima(
        {c: round(max(top[index[c]], 0.0), 3) for c in comps},
        round(max(top[-1], 0.0), 3),
        False,
        states,
    )


def _distances(case: Case) -> dict[str, int]:
    """Scenes from each scene to an ending along expected choices, for progress bars.

    Counting along expected choices (rather than the shortest way to any ending) keeps
    an early failure ending from making the case look nearly over; scenes that cannot
    reach an ending that way fall back to the shortest way.
    """
    expected_only = _bfs_to_endings(case, expected_only=True)
    anyway = _bfs_to_endings(case, expected_only=False)
    return {**anyway, **expected_only}


def _bfs_to_endings(case: Case, expected_only: bool) -> dict[str, int]:
    parents: dict[str, set[str]] = {}
    for sid, scene in case.scenes.items():
        targets: list[str] = []
        if scene.decision:
            for c in scene.decision.options:
                if not expected_only or c.judgement == "expected":
                    targets.extend(engine.targets_of(c.to))
        targets.extend(engine.targets_of(engine.scene_target(scene)))
        for t in targets:
            parents.setdefault(t, set()).add(sid)
    dist = {sid: 0 for sid, s in case.scenes.items() if s.ending is not None}
    queue = deque(dist)
    while queue:
        sid = queue.popleft()
        for parent in parents.get(sid, ()):
            if parent not in dist:
                dist[parent] = dist[sid] + 1
                queue.append(parent)
    return dist
