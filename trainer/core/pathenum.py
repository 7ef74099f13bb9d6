"""Complete paths over the explored state graph: listing, scoring, best and worst paths.

A path is a tuple of (scene, choice id or scene kind) steps. :func:`iter_paths` lists
paths depth first, :func:`extreme_path` finds the highest- or lowest-scoring path by
dynamic programming over the graph, and :func:`path_reports` scores listed paths with
:func:`trainer.core.session.score_attempt` (where a path's score is computed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.core.explore import Analysis, Edge, _post_order
from trainer.core.maxima import State
from trainer.core.scoring import Decision, Result
from trainer.core.session import score_attempt

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase


@dataclass(frozen=True)
class PathReport:
    """One complete path through a case, with its score range."""

    steps: tuple[tuple[str, str], ...]  # (scene, choice id or kind)
    ending: str
    best: Result
    worst: Result

    @property
    def verdict(self) -> str:
        if self.worst.passed:
            return "pass"
        if not self.best.passed:
            return "fail"
        return "depends"  # on the checklist and rating answers

    @property
    def choice_ids(self) -> list[str]:
        return [c for _, c in self.steps if c not in ("checklist", "rating", "continue")]


def iter_paths(
    loaded: LoadedCase, limit: int = 500, max_steps: int | None = None
) -> list[tuple[tuple[str, str], ...]]:
    """Up to ``limit`` complete paths as (scene, label) steps, depth first.

    ``max_steps`` bounds the total length of the paths returned (long cases have long paths).
    """
    analysis = loaded.analysis
    found: list[tuple[tuple[str, str], ...]] = []
    total = 0
    path: list[tuple[str, str]] = []
    on_path: set[State] = {analysis.start}
    stack: list[tuple[State, int]] = [(analysis.start, 0)]
    while stack and len(found) < limit:
        state, i = stack[-1]
        if state in analysis._endings:
            found.append(tuple(path))
            total += len(path)
            if max_steps is not None and total >= max_steps:
                break
            i = len(analysis.edges.get(state, []))
        edges = analysis.edges.get(state, [])
        while i < len(edges):
            child = edges[i].target
            if child is not None and child not in on_path and child in analysis.reaches_end:
                break
            i += 1
        if i >= len(edges):  # nothing more below this state: step back
            stack.pop()
            on_path.discard(state)
            if path:
                path.pop()
            continue
        stack[-1] = (state, i + 1)
        child = edges[i].target
        assert child is not None
        path.append((state[0], edges[i].label))
        on_path.add(child)
        stack.append((child, 0))
    return found


def decisions_for(
    loaded: LoadedCase, steps: tuple[tuple[str, str], ...], best: bool
) -> list[Decision]:
    """Turn a path into decisions, answering checklists and ratings best or worst."""
    case = loaded.case
    out: list[Decision] = []
    for scene_id, label in steps:
        scene = case.scenes[scene_id]
        if label == "checklist" and scene.checklist is not None:
            ticked = tuple(scene.checklist.present) if best else ()
            out.append(Decision(scene_id, "checklist", ticked=ticked))
        elif label == "rating" and scene.rating is not None:
            scale = loaded.scale(scene.rating.scale)
            lowest = scale.levels[0].id if scale else scene.rating.expected
            out.append(
                Decision(scene_id, "rating", rating=scene.rating.expected if best else lowest)
            )
        elif label == "continue":
            out.append(Decision(scene_id, "continue"))
        else:
            out.append(Decision(scene_id, "choice", choice=label))
    return out


def path_reports(loaded: LoadedCase, limit: int = 500) -> list[PathReport]:
    reports = []
    for steps in iter_paths(loaded, limit):
        best = score_attempt(loaded, decisions_for(loaded, steps, best=True))
        worst = score_attempt(loaded, decisions_for(loaded, steps, best=False))
        reports.append(PathReport(steps, best.ending or "", best, worst))
    return reports


Steps = tuple[tuple[str, str], ...]


def _edge_gain(edge: Edge, weights: dict[str, float] | None) -> float:
    if weights is None:
        return edge.total
    return sum(v * weights.get(c, 0.0) for c, v in edge.points.items())


def _suffixes(
    analysis: Analysis,
    sign: float,
    weights: dict[str, float] | None,
    allowed: set[str] | None = None,
) -> dict[State, tuple[float, Edge | None]]:
    """For each state, the best (sign=1) or worst (sign=-1) gain to an ending and its edge.

    ``allowed``, if given, is the set of choice ids that may be taken.
    """
    key = (sign, tuple(sorted((weights or {}).items())), frozenset(allowed or ()), allowed is None)
    cached = analysis._suffix_cache.get(key)
    if cached is not None:
        return cached
    gain_of: dict[int, float] = {}
    out: dict[State, tuple[float, Edge | None]] = {}
    analysis._suffix_cache[key] = out
    for state in _post_order(analysis):
        if state in analysis._endings:
            out[state] = (0.0, None)
            continue
        best: tuple[float, Edge | None] | None = None
        for edge in analysis.edges.get(state, []):
            if edge.target is None or edge.target not in out:
                continue
            if allowed is not None and edge.label not in _KINDS and edge.label not in allowed:
                continue
            gain = gain_of.get(id(edge.points))  # one per choice (see _edges)
            if gain is None:
                gain = gain_of[id(edge.points)] = sign * _edge_gain(edge, weights)
            value = gain + out[edge.target][0]
            if best is None or value > best[0]:
                best = (value, edge)
        if best is not None:
            out[state] = best
    return out


def _prefixes(
    analysis: Analysis, weights: dict[str, float] | None
) -> dict[State, tuple[float, State | None, Edge | None]]:
    """For each state, the best gain from the start and the (parent, edge) it came by."""
    order = list(reversed(_post_order(analysis)))  # parents before children (back edges aside)
    position = {state: i for i, state in enumerate(order)}
    out: dict[State, tuple[float, State | None, Edge | None]] = {analysis.start: (0.0, None, None)}
    gain_of: dict[int, float] = {}
    for state in order:
        if state not in out:
            continue
        for edge in analysis.edges.get(state, []):
            child = edge.target
            if child is None or position.get(child, -1) <= position[state]:
                continue  # a dead end or a back edge
            gain = gain_of.get(id(edge.points))  # one per choice (see _edges)
            if gain is None:
                gain = gain_of[id(edge.points)] = _edge_gain(edge, weights)
            value = out[state][0] + gain
            if child not in out or value > out[child][0]:
                out[child] = (value, state, edge)
    return out


def _follow(
    analysis: Analysis, state: State, suffix: dict[State, tuple[float, Edge | None]]
) -> Steps:
    steps: list[tuple[str, str]] = []
    seen: set[State] = set()
    while state not in analysis._endings and state in suffix and state not in seen:
        seen.add(state)
        edge = suffix[state][1]
        if edge is None or edge.target is None:
            break
        steps.append((state[0], edge.label))
        state = edge.target
    return tuple(steps)


def _back(prefix: dict[State, tuple[float, State | None, Edge | None]], state: State) -> Steps:
    steps: list[tuple[str, str]] = []
    seen: set[State] = set()
    while state in prefix and state not in seen:
        seen.add(state)
        _, parent, edge = prefix[state]
        if parent is None or edge is None:
            break
        steps.append((parent[0], edge.label))
        state = parent
    return tuple(reversed(steps))


_KINDS = ("checklist", "rating", "continue")


def extreme_path(
    loaded: LoadedCase,
    best: bool = True,
    weights: dict[str, float] | None = None,
    expected_only: bool = False,
) -> Steps:
    """The complete path with the most (or fewest) points, optionally weighted per competency.

    With ``expected_only`` it takes only choices judged 'expected' (the model answer).
    """
    analysis = loaded.analysis
    allowed = None
    if expected_only:
        allowed = {
            c.id
            for s in loaded.case.scenes.values()
            if s.decision
            for c in s.decision.options
            if c.judgement == "expected"
        }
    suffix = _suffixes(analysis, 1.0 if best else -1.0, weights, allowed)
    return _follow(analysis, analysis.start, suffix)


def percent_weights(loaded: LoadedCase) -> dict[str, float]:
    """Weights that make 'most points' mean 'highest sum of competency percentages'."""
    return {c: 1.0 / m for c, m in loaded.analysis.maxima.items() if m > 0}


def paths_through_choices(
    loaded: LoadedCase, wanted: set[str] | None = None, weights: dict[str, float] | None = None
) -> dict[tuple[str, str], Steps]:
    """For each (scene, choice) edge, a high-scoring complete path that takes it.

    ``wanted`` limits it to some choice ids. Prefix and suffix are each the best by total
    (or weighted) points, so if this path through a choice fails, most others will too.
    """
    analysis = loaded.analysis
    suffix = _suffixes(analysis, 1.0, weights)
    prefix = _prefixes(analysis, weights)
    found: dict[tuple[str, str], Steps] = {}
    for state, edges in analysis.edges.items():
        if state not in prefix:
            continue
        for edge in edges:
            key = (state[0], edge.label)
            if key in found or (wanted is not None and edge.label not in wanted):
                continue
            if edge.target is None or edge.target not in suffix:
                continue
            found[key] = (*_back(prefix, state), key, *_follow(analysis, edge.target, suffix))
    return found
