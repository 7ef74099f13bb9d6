"""The rules of movement through a case, shared by the play session and the graph analysis.

Everything here is a pure function of a case and a set of flags.
"""

from __future__ import annotations

from trainer.core.conditions import evaluate
from trainer.core.model import Case, Choice, Route, Scene

Flags = frozenset[str]


def arrive(scene: Scene, flags: Flags) -> Flags:
    """Flags after arriving in ``scene`` (a scene may set flags on arrival)."""
    return flags | frozenset(scene.sets) if scene.sets else flags


def available(scene: Scene, flags: Flags) -> list[Choice]:
    """The options of a decision scene that are offered under ``flags``."""
    if scene.decision is None:
        return []
    return [c for c in scene.decision.options if evaluate(c.if_, flags)]


def apply_choice(choice: Choice, flags: Flags) -> Flags:
    """(flags | sets) - clears, without building sets for the (common) empty lists."""
    if choice.sets:
        flags = flags.union(choice.sets)
    if choice.clears:
        flags = flags.difference(choice.clears)
    return flags


def route(target: str | list[Route] | None, flags: Flags) -> str | None:
    """The scene a target leads to under ``flags``, or None when no route matches."""
    if target is None:
        return None
    if isinstance(target, str):
        return target
    for step in target:
        if evaluate(step.if_, flags):
            return step.to
    return None


def scene_target(scene: Scene) -> str | list[Route] | None:
    """The onward target of a non-decision scene."""
    for part in (scene.checklist, scene.rating):
        if part is not None:
            return part.to
    return scene.next


def scene_text(scene: Scene, flags: Flags) -> str:
    """The scene's Markdown with the passages whose conditions hold."""
    parts = [scene.text] if scene.text else []
    parts.extend(p.text for p in scene.passages if evaluate(p.if_, flags))
    return "\n\n".join(parts)


def perpetrator_present(case: Case, scene: Scene) -> bool:
    ids = set(scene.present)
    if scene.speaker:
        ids.add(scene.speaker)
    return any(case.people.get(i) is not None and case.people[i].role == "perpetrator" for i in ids)


def targets_of(target: str | list[Route] | None) -> list[str]:
    """Every scene id a target can lead to, whatever the flags."""
    if target is None:
        return []
    if isinstance(target, str):
        return [target]
    return [r.to for r in target]
