"""The complete paths a tutor needs to see first, chosen from many thousands.

A real case has tens or hundreds of thousands of complete paths, and in file order the
first few hundred all fail. ``trainer validate --paths`` and the tutor window's path table
show instead, in this order:

1. every passing path that makes a poor or unsafe choice (unsafe first);
2. the lowest-scoring passing path;
3. the highest-scoring failing path;
4. one path through each choice;
5. then other paths in file order, up to the limit.

With ``through`` only paths that take that choice are considered. Up to
:data:`EXHAUSTIVE` paths every path is scored, so "every" and "lowest"/"highest" are exact;
beyond that the scored paths are the high-scoring path through each choice (the same ones
the validator checks), the extreme paths and an even spread of the rest, and the selection
says how many it scored.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trainer.core.errors import TrainerError
from trainer.core.graph import (
    PathReport,
    Steps,
    decisions_for,
    extreme_path,
    iter_paths,
    paths_through_choices,
    percent_weights,
)
from trainer.core.session import score_attempt

if TYPE_CHECKING:
    from trainer.core.graph import State
    from trainer.core.loader import LoadedCase

EXHAUSTIVE = 1_000  # score every path when there are at most this many (about 0.5 ms each)
SCORED = 600  # else score about this many chosen paths
ENUMERATED = 100_000  # list at most this many paths (unscored: about 0.1 s per 50,000)
KINDS = ("checklist", "rating", "continue")

PASSES_UNSAFE = "passes with an unsafe choice"
PASSES_POOR = "passes with a poor choice"
WORST_PASSING = "lowest-scoring passing path"
BEST_FAILING = "highest-scoring failing path"


@dataclass(frozen=True)
class ChosenPath:
    """One path, its scores, and why it is shown."""

    report: PathReport
    reasons: tuple[str, ...]

    @property
    def choice_ids(self) -> list[str]:
        return self.report.choice_ids

    @property
    def path_text(self) -> str:
        return " > ".join(self.report.choice_ids) or "(no choices)"


@dataclass
class PathSelection:
    rows: list[ChosenPath] = field(default_factory=list)
    total: int = 0  # complete paths in the case (through the choice, when filtered and known)
    total_known: bool = True  # False when a filtered count stopped at ENUMERATED paths
    scored: int = 0  # paths scored to make the choice
    exhaustive: bool = True  # every path (through the choice) was scored
    through: str | None = None

    def heading(self) -> str:
        """One line saying what is shown, for the command line and the path table."""
        where = f" through '{self.through}'" if self.through else ""
        count = f"{self.total}" if self.total_known else f"more than {self.total}"
        text = f"{count} complete path(s){where}; showing {len(self.rows)}"
        if not self.rows:
            return f"{count} complete path(s){where}."
        if self.exhaustive:
            return text + " (passing paths with poor or unsafe choices first)."
        return (
            text + f", chosen from the {self.scored} scored as most worth checking (passing "
            "paths with poor or unsafe choices first)."
        )


def choice_keys(loaded: LoadedCase) -> list[tuple[str, str]]:
    """Every (scene, choice id) of the case, in file order."""
    return [
        (sid, c.id)
        for sid, scene in loaded.case.scenes.items()
        if scene.decision is not None
        for c in scene.decision.options
    ]


def resolve_choice(loaded: LoadedCase, name: str) -> set[tuple[str, str]]:
    """The (scene, choice) pairs a tutor means by ``name``: a choice id or ``scene/choice``."""
    keys = choice_keys(loaded)
    found = {k for k in keys if name in (k[1], f"{k[0]}/{k[1]}")}
    if found:
        return found
    known = sorted({k[1] for k in keys})
    hint = difflib.get_close_matches(name, known, n=1)
    raise TrainerError(
        f"This case has no choice '{name}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""),
        "Give a choice id from the case, or scene/choice when two scenes use the same id.",
    )


def _report(loaded: LoadedCase, steps: Steps) -> PathReport:
    best = score_attempt(loaded, decisions_for(loaded, steps, best=True))
    worst = score_attempt(loaded, decisions_for(loaded, steps, best=False))
    return PathReport(steps, best.ending or "", best, worst)


def _spread(paths: list[Steps], count: int) -> list[Steps]:
    """``count`` paths evenly spread over ``paths`` (file order kept)."""
    if count <= 0 or not paths:
        return []
    if len(paths) <= count:
        return list(paths)
    step = len(paths) / count
    return [paths[int(i * step)] for i in range(count)]


def iter_paths_through(loaded: LoadedCase, wanted: set[tuple[str, str]], limit: int) -> list[Steps]:
    """Up to ``limit`` complete paths that take one of the ``wanted`` (scene, choice) steps,
    in file order, found without walking the paths that do not."""
    analysis = loaded.analysis
    scenes = loaded.case.scenes
    parents: dict[State, set[State]] = {}
    sources: set[State] = set()
    for state, edges in analysis.edges.items():
        for edge in edges:
            if edge.target is not None:
                parents.setdefault(edge.target, set()).add(state)
            if (state[0], edge.label) in wanted and edge.target in analysis.reaches_end:
                sources.add(state)
    leads = set(sources)  # states from which a wanted step can still be taken
    queue = list(sources)
    while queue:
        for parent in parents.get(queue.pop(), ()):
            if parent not in leads:
                leads.add(parent)
                queue.append(parent)
    found: list[Steps] = []
    if analysis.start not in leads:
        return found
    path: list[tuple[str, str]] = []
    # (state, next edge index, wanted step taken on the way here)
    stack: list[tuple[State, int, bool]] = [(analysis.start, 0, False)]
    on_path: set[State] = {analysis.start}
    while stack and len(found) < limit:
        state, i, taken = stack[-1]
        edges = analysis.edges.get(state, [])
        if scenes[state[0]].ending is not None:
            if taken:
                found.append(tuple(path))
            i = len(edges)
        while i < len(edges):
            child = edges[i].target
            step = (state[0], edges[i].label)
            if (
                child is not None
                and child not in on_path
                and child in analysis.reaches_end
                and (taken or step in wanted or child in leads)
            ):
                break
            i += 1
        if i >= len(edges):
            stack.pop()
            on_path.discard(state)
            if path:
                path.pop()
            continue
        stack[-1] = (state, i + 1, taken)
        child = edges[i].target
        assert child is not None
        step = (state[0], edges[i].label)
        path.append(step)
        on_path.add(child)
        stack.append((child, 0, taken or step in wanted))
    return found


def _candidates(
    loaded: LoadedCase, wanted: set[tuple[str, str]] | None
) -> tuple[list[Steps], int, bool, bool]:
    """Paths to score, the number of paths, whether that number is exact, and whether the
    candidates are every path."""
    analysis = loaded.analysis

    def takes(steps: Steps) -> bool:
        return wanted is None or any(step in wanted for step in steps)

    if wanted is None and analysis.path_count <= EXHAUSTIVE:
        every = iter_paths(loaded, EXHAUSTIVE + 1)
        return every, len(every), True, True
    if wanted is None:
        listed = iter_paths(loaded, ENUMERATED)
        complete = known = analysis.path_count <= ENUMERATED
        total = analysis.path_count
        known = True
    else:
        listed = iter_paths_through(loaded, wanted, ENUMERATED)
        complete = known = len(listed) < ENUMERATED
        total = len(listed)
    if len(listed) <= EXHAUSTIVE and complete:
        return listed, total, True, True
    labels = None if wanted is None else {c for _, c in wanted}
    targeted: dict[Steps, None] = {}
    for weights in (percent_weights(loaded), None):
        for steps in paths_through_choices(loaded, labels, weights).values():
            if takes(steps):
                targeted[steps] = None
    for steps in (
        extreme_path(loaded, True, percent_weights(loaded), expected_only=True),
        extreme_path(loaded, True, percent_weights(loaded)),
        extreme_path(loaded, True),
        extreme_path(loaded, False),
    ):
        if steps and takes(steps):
            targeted[steps] = None
    # one listed path through each choice, then an even spread of the rest
    covered: set[tuple[str, str]] = set()
    for steps in listed:
        new = {s for s in steps if s[1] not in KINDS} - covered
        if new:
            covered |= new
            targeted[steps] = None
    room = SCORED - len(targeted)
    targeted.update(dict.fromkeys(_spread(listed, room)))
    return list(targeted), total, known, False


def select_paths(loaded: LoadedCase, limit: int = 200, through: str | None = None) -> PathSelection:
    """The paths a tutor needs first (see the module's docstring), at most ``limit``."""
    wanted = resolve_choice(loaded, through) if through else None
    candidates, total, known, exhaustive = _candidates(loaded, wanted)
    reports = [_report(loaded, steps) for steps in candidates]
    selection = PathSelection(
        total=total,
        total_known=known,
        scored=len(reports),
        exhaustive=exhaustive,
        through=through,
    )
    reasons: dict[int, list[str]] = {}
    order: list[int] = []

    def add(i: int, reason: str) -> None:
        if i not in reasons:
            reasons[i] = []
            order.append(i)
        if reason not in reasons[i]:
            reasons[i].append(reason)

    passing = [i for i, r in enumerate(reports) if r.best.passed]
    failing = [i for i, r in enumerate(reports) if not r.best.passed]

    def worst_choice(i: int) -> str | None:
        judged = {s.judgement for s in reports[i].best.steps if s.kind == "choice"}
        return "unsafe" if "unsafe" in judged else "poor" if "poor" in judged else None

    flagged = [(i, worst_choice(i)) for i in passing if worst_choice(i)]
    flagged.sort(key=lambda f: (f[1] != "unsafe", reports[f[0]].best.percent))
    for i, judged in flagged:
        add(i, PASSES_UNSAFE if judged == "unsafe" else PASSES_POOR)
    if passing:
        add(min(passing, key=lambda i: reports[i].best.percent), WORST_PASSING)
    if failing:
        add(max(failing, key=lambda i: reports[i].best.percent), BEST_FAILING)
    first_through: dict[tuple[str, str], int] = {}
    for i, report in enumerate(reports):
        for step in report.steps:
            if step[1] not in KINDS:
                first_through.setdefault(step, i)
    for key in choice_keys(loaded):
        if key in first_through:
            add(first_through[key], f"through {key[1]}")
    for i in range(len(reports)):
        if len(order) >= limit:
            break
        add(i, "")
    selection.rows = [
        ChosenPath(reports[i], tuple(r for r in reasons[i] if r)) for i in order[:limit]
    ]
    return selection


def reason_text(reasons: tuple[str, ...], limit: int = 3) -> str:
    """The reasons a path is shown, shortened: 'through a, b, c and 4 more'."""
    plain = [r for r in reasons if not r.startswith("through ")]
    through = [r.removeprefix("through ") for r in reasons if r.startswith("through ")]
    if through:
        shown = ", ".join(through[:limit]) + (
            f" and {len(through) - limit} more" if len(through) > limit else ""
        )
        plain.append(f"first through {shown}")
    return "; ".join(plain)
