"""Explore a case as a graph of states (scene, flags): reachability, dead ends, path counts.

:func:`analyse` walks every state a learner can reach (up to ``MAX_STATES``), keeping the
edges (choices and single exits) with their points; the validator reads dead ends and
loops with no exit from it, and :mod:`trainer.core.pathenum` walks paths over it. The
maxima that scores use come from :mod:`trainer.core.maxima`, never from here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from operator import add
from typing import TYPE_CHECKING

from trainer.core import engine
from trainer.core.loader import register_analyser
from trainer.core.maxima import (
    Maxima,
    State,
    case_distances,
    case_maxima,
    competencies_of,
    live_flags,
    start_state,
)
from trainer.core.model import Case

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase

MAX_STATES = 20_000  # the validator's exploration (paths, dead ends); never used for scores


@dataclass(frozen=True)
class Edge:
    label: str  # choice id, or the scene kind for single-exit scenes
    target: State | None  # None: no route matches (a dead end)
    points: dict[str, float]
    total: float = 0.0  # the sum of points, kept because the searches add it up often


@dataclass
class Analysis:
    start: State
    edges: dict[State, list[Edge]] = field(default_factory=dict)
    truncated: bool = False
    maxima: dict[str, float] = field(default_factory=dict)
    total_max: float = 0.0
    path_count: int = 0
    reaches_end: set[State] = field(default_factory=set)
    distance_to_end: dict[str, int] = field(default_factory=dict)

    @property
    def reachable_scenes(self) -> set[str]:
        return {s for s, _ in self.edges}

    def dead_ends(self) -> list[tuple[State, str]]:
        """States with no way forward that are not endings, with a reason."""
        out: list[tuple[State, str]] = []
        for state, edges in self.edges.items():
            if state in self._endings:
                continue
            if not edges:
                out.append((state, "no choice is offered under these flags"))
            for edge in edges:
                if edge.target is None:
                    out.append((state, f"'{edge.label}' has no route that matches"))
        return out

    def no_exit(self) -> list[State]:
        """Reachable states from which no ending can be reached (loops with no exit)."""
        return [s for s in self.edges if s not in self.reaches_end]

    _endings: set[State] = field(default_factory=set)
    _order: list[State] | None = None
    _suffix_cache: dict[object, dict[State, tuple[float, Edge | None]]] = field(
        default_factory=dict
    )


def _edges(
    case: Case,
    state: State,
    shared: dict[int, tuple[dict[str, float], float]] | None = None,
    movement: frozenset[str] | dict[str, frozenset[str]] | None = None,
) -> list[Edge]:
    """The ways out of ``state``. ``shared`` keeps one points dict (and total) per choice
    or scene part, so the edges of one choice under different flags share it and the
    searches below can cache their gain by it. ``movement``: the flags kept in states."""
    scene_id, flags = state
    scene = case.scenes[scene_id]
    shared = {} if shared is None else shared

    def points_of(part: object, points: dict[str, float]) -> tuple[dict[str, float], float]:
        found = shared.get(id(part))
        if found is None:
            found = shared[id(part)] = (dict(points), sum(points.values()))
        return found

    def to_state(target: str | None, new_flags: frozenset[str]) -> State | None:
        if target is None or target not in case.scenes:
            return None
        flags_there = engine.arrive(case.scenes[target], new_flags, case)
        if movement is None:
            return (target, flags_there)
        keep = movement[target] if isinstance(movement, dict) else movement
        return (target, flags_there & keep)

    if scene.decision is not None:
        out = []
        for choice in engine.available(scene, flags):
            new = engine.apply_choice(choice, flags, case)
            points, total = points_of(choice, choice.points)
            out.append(Edge(choice.id, to_state(engine.route(choice.to, new), new), points, total))
        return out
    if scene.checklist is not None:
        part = scene.checklist
        points, total = points_of(part, {part.competency: part.points})
        return [Edge("checklist", to_state(engine.route(part.to, flags), flags), points, total)]
    if scene.rating is not None:
        part2 = scene.rating
        points, total = points_of(part2, {part2.competency: part2.points})
        return [Edge("rating", to_state(engine.route(part2.to, flags), flags), points, total)]
    if scene.next is not None:
        return [Edge("continue", to_state(engine.route(scene.next, flags), flags), {})]
    return []


def analyse(loaded: LoadedCase) -> Analysis:
    case = loaded.case
    # a state keeps only the facts a condition at its scene or later can still read: states
    # that differ in others have the same future (the same paths, dead ends and maxima)
    movement = live_flags(case)
    start: State = start_state(case, movement[case.start])
    result = Analysis(start)
    queue = deque([start])
    result.edges[start] = []
    shared: dict[int, tuple[dict[str, float], float]] = {}
    while queue:
        state = queue.popleft()
        edges = _edges(case, state, shared, movement)
        result.edges[state] = edges
        if case.scenes[state[0]].ending is not None:
            result._endings.add(state)
        for edge in edges:
            if edge.target is not None and edge.target not in result.edges:
                if len(result.edges) >= MAX_STATES:
                    result.truncated = True
                    continue
                result.edges[edge.target] = []
                queue.append(edge.target)
    _longest(result, competencies_of(case))
    if not result.truncated and "_case_maxima" not in loaded.__dict__:
        # Explored in full, the graph is the exact maxima search's own state space (the
        # same states, edges and depth-first order, loops not followed), so its maxima are
        # those maxima: keep them instead of searching again. Cut short, it never is.
        loaded.__dict__["_case_maxima"] = Maxima(
            dict(result.maxima), result.total_max, True, len(result.edges)
        )
    exact = case_maxima(loaded)
    result.maxima, result.total_max = dict(exact.maxima), exact.total_max
    result.distance_to_end = case_distances(loaded)
    return result


def _post_order(analysis: Analysis) -> list[State]:
    """States in DFS post-order from the start (children before parents; back edges ignored)."""
    if analysis._order is None:
        analysis._order = _compute_post_order(analysis)
    return analysis._order


def _compute_post_order(analysis: Analysis) -> list[State]:
    order: list[State] = []
    colour: dict[State, int] = {}
    stack: list[tuple[State, int]] = [(analysis.start, 0)]
    colour[analysis.start] = 1
    while stack:
        state, i = stack.pop()
        edges = analysis.edges.get(state, [])
        if i < len(edges):
            stack.append((state, i + 1))
            child = edges[i].target
            if child is not None and child in analysis.edges and child not in colour:
                colour[child] = 1
                stack.append((child, 0))
        else:
            colour[state] = 2
            order.append(state)
    return order


def _longest(analysis: Analysis, comps: list[str]) -> None:
    """Most points per competency (and in total) from each state to an ending; path counts."""
    width = len(comps) + 1  # the last slot is the total
    index = {c: n for n, c in enumerate(comps)}
    zero = [0.0] * width
    best: dict[State, list[float]] = {}
    count: dict[State, int] = {}
    gains: dict[int, list[float]] = {}
    for state in _post_order(analysis):
        if state in analysis._endings:
            best[state], count[state] = zero, 1
            analysis.reaches_end.add(state)
            continue
        hi: list[float] | None = None
        n = 0
        for edge in analysis.edges.get(state, []):
            child = edge.target
            if child is None or child not in best:
                continue  # dead end, back edge, or a child that reaches no ending
            n += count[child]
            gain = gains.get(id(edge.points))  # one per choice (see _edges)
            if gain is None:
                gain = [0.0] * width
                for comp, value in edge.points.items():
                    gain[index[comp]] += value
                gain[-1] = edge.total
                gains[id(edge.points)] = gain
            up = list(map(add, gain, best[child]))  # both have ``width`` slots
            hi = up if hi is None else list(map(max, hi, up))
        if n and hi is not None:
            best[state], count[state] = hi, n
            analysis.reaches_end.add(state)
    # states that reach an ending only through a back edge still have an exit
    _mark_exits(analysis)
    top = best.get(analysis.start)
    if top is not None:
        analysis.maxima = {c: round(max(top[index[c]], 0.0), 3) for c in comps}
        analysis.total_max = round(max(top[-1], 0.0), 3)
        analysis.path_count = count[analysis.start]
    else:
        analysis.maxima = dict.fromkeys(comps, 0.0)


def _mark_exits(analysis: Analysis) -> None:
    parents: dict[State, list[State]] = {}
    for state, edges in analysis.edges.items():
        for edge in edges:
            if edge.target is not None:
                parents.setdefault(edge.target, []).append(state)
    # States left unexplored (past MAX_STATES) might lead to an ending: count them as exits.
    frontier = {
        state
        for state, edges in analysis.edges.items()
        if any(e.target is not None and e.target not in analysis.edges for e in edges)
    }
    queue = deque(analysis._endings | frontier)
    seen = set(queue)
    while queue:
        state = queue.popleft()
        for parent in parents.get(state, []):
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    analysis.reaches_end = seen


register_analyser(analyse)  # LoadedCase.analysis explores with analyse() (see the loader)
