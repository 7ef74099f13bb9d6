"""Explore a case as a graph of states (scene, flags): reachability, dead ends, maxima, paths.

Scores are path-independent: for each competency, :func:`case_maxima` finds the most
points any complete path can earn, and percentages are taken against that. The maxima
come from their own exact search over (scene, flags still to be read) and never from the
validator's exploration (:func:`analyse`), which stops at ``MAX_STATES``: how far a
tool explored must never change a learner's score.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from operator import add
from typing import TYPE_CHECKING

from trainer.core import engine
from trainer.core.conditions import counter_fact, counter_names, flag_names
from trainer.core.model import Case

if TYPE_CHECKING:
    from trainer.core.loader import LoadedCase
    from trainer.core.scoring import Decision, Result

State = tuple[str, frozenset[str]]
MAX_STATES = 20_000  # the validator's exploration (paths, dead ends); never used for scores
# The exact maxima search keeps only the flags still to be read, so it visits far fewer
# states than the exploration; past this many the case cannot be scored exactly and the
# validator refuses it (see casechecks.check_scoring_basis).
MAXIMA_STATES = 300_000  # about 6 s at worst on a laptop


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


def movement_flags(case: Case) -> frozenset[str]:
    """The facts (flags and counter values) that decide where a learner can go anywhere in
    the case: read by choice and route conditions.

    Other flags change only text (passages) or sequence rules. The state graph keeps the
    narrower per-scene set, :func:`live_flags` (what a condition at that scene or later
    can still read), which gives the same paths, dead ends and maxima with fewer states.
    """
    sources: list[str] = []
    for scene in case.scenes.values():
        targets = [engine.scene_target(scene)]
        if scene.decision is not None:
            for choice in scene.decision.options:
                if choice.if_ is not None:
                    sources.append(choice.if_)
                targets.append(choice.to)
        for target in targets:
            if isinstance(target, list):
                sources.extend(r.if_ for r in target if r.if_ is not None)
    names: set[str] = set()
    for source in sources:
        names |= read_facts(case, source)
    return frozenset(names)


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
    exact = case_maxima(loaded)
    result.maxima, result.total_max = dict(exact.maxima), exact.total_max
    result.distance_to_end = case_distances(loaded)
    return result


# --------------------------------------------------------------------------- exact maxima


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

    import sys

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


# --------------------------------------------------------------------------- paths


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
    from trainer.core.scoring import Decision

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
    from trainer.core.scoring import score_attempt

    reports = []
    for steps in iter_paths(loaded, limit):
        best = score_attempt(loaded, decisions_for(loaded, steps, best=True))
        worst = score_attempt(loaded, decisions_for(loaded, steps, best=False))
        reports.append(PathReport(steps, best.ending or "", best, worst))
    return reports


# --------------------------------------------------------------------------- chosen paths

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
