"""What the tutor views show, worked out from a case without Qt.

A case with validation errors (an unreachable scene, a dead end) still has a
map: :func:`load_for_tutor` keeps the parsed model as a *draft* whenever the
file parses, so the map can show exactly what is wrong.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer.core import engine
from trainer.core.conditions import ConditionError, counter_names, flag_names
from trainer.core.debrief import JUDGEMENT_MARKS, JUDGEMENT_WORDS
from trainer.core.errors import CaseError, Problem
from trainer.core.loader import LoadedCase, check_case, find_catalogue, load_catalogue
from trainer.core.model import Case, Route, Scene
from trainer.core.render import render_markdown
from trainer.core.yamlsource import YamlSourceError, decode_text, load_yaml, read_source_bytes


@dataclass(frozen=True)
class TutorCase:
    """One case file as tutor mode sees it."""

    path: Path
    loaded: LoadedCase | None  # valid: playable and scorable
    draft: LoadedCase | None  # parsed into the model, perhaps with errors: mappable
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def load_for_tutor(path: Path) -> TutorCase:
    loaded, problems = check_case(path)
    draft = loaded
    if loaded is None:
        try:
            raw = read_source_bytes(path)
            data, smap = load_yaml(decode_text(raw, str(path)), str(path))
            case = Case.model_validate(data)
            catalogue = load_catalogue(find_catalogue(path))
            draft = LoadedCase(case, catalogue, path, hashlib.sha256(raw).hexdigest(), smap)
        except (OSError, YamlSourceError, ValidationError, CaseError, TypeError):
            draft = None
    return TutorCase(path, loaded, draft, tuple(problems))


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapNode:
    id: str
    kind: str  # decision, checklist, rating, next, ending; 'missing' for a dangling target
    title: str
    outcome: str | None = None
    is_start: bool = False
    is_reachable: bool = True
    dead_end: str = ""  # why, when the scene is a dead end
    cannot_end: bool = False  # reachable, but no ending can be reached from it
    adds: str = ""  # counter changes on arrival, e.g. "hostility +1"
    conditional: str = ""  # who is present / what is disclosed only under a condition


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    label: str
    choice_id: str | None = None
    judgement: str | None = None
    critical: bool = False
    condition: str | None = None
    offered_if: str | None = None  # the choice is offered only when this holds
    adds: str = ""  # counter changes the choice makes, e.g. "engagement +1, hostility -1"


def adds_text(adds: dict[str, int]) -> str:
    """Counter changes in tutor words: 'engagement +1, hostility -2'."""
    return ", ".join(f"{name} {value:+d}" for name, value in adds.items())


def conditional_text(scene: Scene) -> str:
    """The scene's conditional presence and disclosure, e.g. 'mark present if hostility >= 2'."""
    bits = [f"{p.who} present if {p.if_}" for p in scene.present if not isinstance(p, str)]
    bits += [f"discloses {d.fact} if {d.if_}" for d in scene.discloses if not isinstance(d, str)]
    return "; ".join(bits)


@dataclass
class MapData:
    case_id: str
    title: str
    start: str
    nodes: dict[str, MapNode] = field(default_factory=dict)
    edges: list[MapEdge] = field(default_factory=list)

    @property
    def unreachable(self) -> list[str]:
        return [n.id for n in self.nodes.values() if not n.is_reachable]

    @property
    def dead_ends(self) -> list[str]:
        return [n.id for n in self.nodes.values() if n.dead_end]


def _targets(target: str | list[Route] | None) -> list[tuple[str, str | None]]:
    if target is None:
        return []
    if isinstance(target, str):
        return [(target, None)]
    return [(r.to, r.if_) for r in target]


def _static_reach(case: Case) -> set[str]:
    seen, stack = {case.start}, [case.start]
    while stack:
        scene = case.scenes.get(stack.pop())
        if scene is None:
            continue
        nxt = [
            t for c in (scene.decision.options if scene.decision else []) for t, _ in _targets(c.to)
        ]
        nxt += [t for t, _ in _targets(engine.scene_target(scene))]
        for t in nxt:
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def build_map(draft: LoadedCase) -> MapData:
    """Nodes and labelled edges of a case, with reachability and dead ends marked."""
    case = draft.case
    try:
        analysis: Any = draft.analysis
        reachable = analysis.reachable_scenes
        dead = {state[0]: reason for state, reason in analysis.dead_ends()}
        no_exit = {state[0] for state in analysis.no_exit()}
    except (ConditionError, KeyError, ValueError, RecursionError):
        reachable, dead, no_exit = _static_reach(case), {}, set()
    data = MapData(case.id, case.title, case.start)
    edges: list[MapEdge] = []
    for sid, scene in case.scenes.items():
        if scene.decision is not None:
            for choice in scene.decision.options:
                for target, cond in _targets(choice.to):
                    edges.append(
                        MapEdge(
                            sid,
                            target,
                            choice.text,
                            choice.id,
                            choice.judgement,
                            choice.critical or engine.engine_critical(case, scene, choice),
                            cond,
                            choice.if_,
                            adds_text(choice.adds),
                        )
                    )
        else:
            label = {"checklist": "after the checklist", "rating": "after the rating"}.get(
                scene.kind, "continue"
            )
            for target, cond in _targets(engine.scene_target(scene)):
                edges.append(MapEdge(sid, target, label, condition=cond))
    for sid, scene in case.scenes.items():
        data.nodes[sid] = MapNode(
            sid,
            scene.kind,
            scene.title,
            scene.ending.outcome if scene.ending else None,
            sid == case.start,
            sid in reachable,
            dead.get(sid, ""),
            sid in no_exit and sid not in dead,
            adds_text(scene.adds),
            conditional_text(scene),
        )
    for edge in edges:
        if edge.target not in data.nodes:
            data.nodes[edge.target] = MapNode(edge.target, "missing", "no such scene")
            if not data.nodes[edge.source].dead_end:
                node = data.nodes[edge.source]
                data.nodes[edge.source] = MapNode(
                    node.id,
                    node.kind,
                    node.title,
                    node.outcome,
                    node.is_start,
                    node.is_reachable,
                    f"leads to '{edge.target}', which does not exist",
                    adds=node.adds,
                    conditional=node.conditional,
                )
    data.edges = edges
    return data


# --------------------------------------------------------------------------- scene details


def _flags_read(scene: Scene) -> list[str]:
    return _read(scene, flag_names)


def _counters_read(scene: Scene) -> list[str]:
    return _read(scene, counter_names)


def _read(scene: Scene, names_of: Any) -> list[str]:
    sources = [p.if_ for p in scene.passages]
    sources += [p.if_ for p in scene.present if not isinstance(p, str)]
    sources += [d.if_ for d in scene.discloses if not isinstance(d, str)]
    if scene.ending is not None:
        sources += [p.if_ for p in scene.ending.passages]
    targets: list[Any] = [engine.scene_target(scene)]
    if scene.decision is not None:
        for choice in scene.decision.options:
            sources.append(choice.if_)
            targets.append(choice.to)
    for target in targets:
        if isinstance(target, list):
            sources.extend(r.if_ for r in target)
    names: set[str] = set()
    for source in sources:
        if source:
            try:
                names |= names_of(source)
            except ConditionError:
                continue
    return sorted(names)


def _flags_set(scene: Scene) -> list[str]:
    names = set(scene.sets)
    if scene.decision is not None:
        for choice in scene.decision.options:
            names.update(choice.sets)
    return sorted(names)


def judgement_words(judgement: str | None, critical: bool = False) -> str:
    if judgement is None:
        return ""
    text = f"{JUDGEMENT_MARKS[judgement]} {JUDGEMENT_WORDS[judgement]}"
    return text + (" — CRITICAL" if critical else "")


ENGINE_CRITICAL = (
    "CRITICAL (set by the engine: it reveals a confidential fact to the person causing harm)"
)
ENGINE_CRITICAL_LATER = (
    "critical once disclosed (set by the engine: nothing it reveals has been disclosed yet "
    "on this play)"
)


def engine_critical_note(
    draft: LoadedCase,
    scene: Scene,
    choice: Any,
    disclosed: set[str] | None = None,
    present: frozenset[str] | set[str] | None = None,
) -> str:
    """Why the engine makes a choice critical that the author did not mark, or ''.

    ``disclosed``: the facts disclosed so far on a play; the engine makes the choice
    critical only once something it reveals has been disclosed. ``present``: who is
    actually in the scene on that play (a conditional presence may leave him out).
    """
    if choice.critical or not engine.engine_critical(draft.case, scene, choice):
        return ""
    people = draft.case.people
    if present is not None and not any(
        p in people and people[p].role == "perpetrator" for p in present
    ):
        return ""
    if disclosed is not None and not set(choice.reveals) & disclosed:
        return ENGINE_CRITICAL_LATER
    return ENGINE_CRITICAL


def points_text(points: dict[str, float]) -> str:
    return ", ".join(f"{c} {v:+g}" for c, v in points.items()) or "no points"


def _to_text(target: str | list[Route] | None) -> str:
    return ", ".join(f"{t} (if {c})" if c else t for t, c in _targets(target))


def scene_details_html(draft: LoadedCase, scene_id: str) -> str:
    """The scene's text, choices with their scoring, points, and flags set and read."""
    case = draft.case
    scene = case.scenes.get(scene_id)
    if scene is None:
        return f"<h3>{escape(scene_id)}</h3><p><b>This scene does not exist.</b></p>"
    out = [f"<h3>{escape(scene_id)}" + (f" — {escape(scene.title)}" if scene.title else "")]
    out[-1] += f" <small>({scene.kind})</small></h3>"
    if scene.speaker:
        out.append(f"<p><b>Speaker:</b> {escape(scene.speaker)}</p>")
    if scene.text:
        out.append(render_markdown(scene.text))
    for passage in scene.passages:
        out.append(f"<p><i>Only if {escape(passage.if_)}:</i></p>{render_markdown(passage.text)}")
    if scene.present:
        who = [p if isinstance(p, str) else f"{p.who} (only if {p.if_})" for p in scene.present]
        out.append(f"<p><b>Present:</b> {escape(', '.join(who))}</p>")
    if scene.discloses:
        what = [d if isinstance(d, str) else f"{d.fact} (only if {d.if_})" for d in scene.discloses]
        out.append(f"<p><b>Discloses:</b> {escape(', '.join(what))}</p>")
    counters = ""
    if scene.adds:
        counters += f"<br><b>Counters on arrival:</b> {escape(adds_text(scene.adds))}"
    if _counters_read(scene):
        counters += f"<br><b>Counters read here:</b> {escape(', '.join(_counters_read(scene)))}"
    out.append(
        f"<p><b>Flags set here:</b> {escape(', '.join(_flags_set(scene)) or 'none')}<br>"
        f"<b>Flags read here:</b> {escape(', '.join(_flags_read(scene)) or 'none')}"
        f"{counters}</p>"
    )
    if scene.decision is not None:
        rows = []
        for c in scene.decision.options:
            extra = []
            if c.if_:
                extra.append(f"offered if {c.if_}")
            if c.sets:
                extra.append("sets " + ", ".join(c.sets))
            if c.clears:
                extra.append("clears " + ", ".join(c.clears))
            if c.adds:
                extra.append("adds " + adds_text(c.adds))
            if c.reveals:
                extra.append("reveals " + ", ".join(c.reveals))
            engine_note = engine_critical_note(draft, scene, c)
            if engine_note:
                extra.insert(0, engine_note)
            extra.insert(0, points_text(c.points))
            extra.append("→ " + _to_text(c.to))
            rows.append(
                f"<li><b>{escape(judgement_words(c.judgement, c.critical or bool(engine_note)))}"
                "</b> — "
                f"<code>{escape(c.id)}</code>: {escape(c.text)}<br>"
                f"<small>{escape(' · '.join(extra))}</small></li>"
            )
        out.append("<p><b>Choices</b></p><ul>" + "".join(rows) + "</ul>")
    if scene.checklist is not None:
        part = scene.checklist
        present = ", ".join(f"{i} (weight {w:g})" for i, w in part.present.items())
        out.append(
            f"<p><b>Checklist</b> for {escape(part.competency)}, {part.points:g} points.<br>"
            f"Offered: {escape(', '.join(part.offered))}<br>Present: {escape(present)}<br>"
            f"→ {escape(_to_text(part.to))}</p>"
        )
    if scene.rating is not None:
        part2 = scene.rating
        crit = (
            f"; under-rating by {part2.critical_under_by}+ levels is CRITICAL"
            if part2.critical_under_by
            else ""
        )
        out.append(
            f"<p><b>Rating</b> on {escape(part2.scale)}: expected <b>{escape(part2.expected)}</b>,"
            f" {part2.points:g} points for {escape(part2.competency)}{escape(crit)}.<br>"
            f"→ {escape(_to_text(part2.to))}</p>"
        )
    if scene.next is not None:
        out.append(f"<p>Continue → {escape(_to_text(scene.next))}</p>")
    if scene.ending is not None:
        out.append(f"<p><b>Ending</b>, outcome <b>{escape(scene.ending.outcome)}</b>.</p>")
        if scene.ending.debrief:
            out.append(render_markdown(scene.ending.debrief))
        for passage in scene.ending.passages:
            out.append(
                f"<p><i>Debrief, only if {escape(passage.if_)}:</i></p>"
                + render_markdown(passage.text)
            )
    return "\n".join(out)
