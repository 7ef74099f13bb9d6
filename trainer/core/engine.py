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


def speaker_id(case: Case, scene: Scene) -> str | None:
    """The person id of the scene's speaker, however the author spelt it, or None.

    ``speaker:`` may give a person's id (``gareth``) or their name as learners see it
    (``Gareth``, ``Gareth Hughes``): who is present must not depend on the spelling.
    A first name counts when exactly one person has it.
    """
    spoken = scene.speaker.strip()
    if not spoken:
        return None
    if spoken in case.people:
        return spoken
    folded = " ".join(spoken.split()).casefold()
    for pid, person in case.people.items():
        if folded in (pid.casefold(), " ".join(person.name.split()).casefold()):
            return pid
    first = [
        pid
        for pid, person in case.people.items()
        if [w.casefold() for w in person.name.split()[:1]] == [folded]
    ]
    return first[0] if len(first) == 1 else None


def people_present(case: Case, scene: Scene) -> set[str]:
    """Ids of the people in the scene besides the learner: ``present`` and the speaker."""
    ids = set(scene.present)
    speaker = speaker_id(case, scene)
    if speaker is not None:
        ids.add(speaker)
    return ids


def perpetrator_present(case: Case, scene: Scene) -> bool:
    return any(
        case.people.get(i) is not None and case.people[i].role == "perpetrator"
        for i in people_present(case, scene)
    )


def engine_critical(case: Case, scene: Scene, choice: Choice) -> bool:
    """Whether the engine makes ``choice`` critical whatever the author wrote.

    A choice that reveals a confidential fact in a scene where a perpetrator is present
    is a safety-critical error once that fact has been disclosed (the session checks the
    disclosure as it plays; maps and panels show the choice as critical).
    """
    return bool(choice.reveals) and perpetrator_present(case, scene)


def targets_of(target: str | list[Route] | None) -> list[str]:
    """Every scene id a target can lead to, whatever the flags."""
    if target is None:
        return []
    if isinstance(target, str):
        return [target]
    return [r.to for r in target]
