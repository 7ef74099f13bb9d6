"""The rules of movement through a case, shared by the play session and the graph analysis.

Everything here is a pure function of a case and a state. A state is a frozenset of
*facts*: the names of the flags that are set and one ``name=value`` fact per counter
(``engagement=3``, see ``conditions.counter_fact``), so states stay hashable and the
graph searches treat flags and counters alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from trainer.core.conditions import counter_fact, counter_values, evaluate
from trainer.core.model import Case, Choice, Route, Scene

Flags = frozenset[str]


def initial(case: Case, flags: Iterable[str] = ()) -> Flags:
    """The state before the first scene: ``flags`` (for tutors: chosen flags and counter
    values) and every counter the case declares at its start value unless ``flags`` gives
    one. Values given out of bounds are clamped; unknown counters are dropped."""
    given = frozenset(flags)
    values = counter_values(given)
    facts = {f for f in given if "=" not in f}
    for name, counter in case.vars.items():
        value = values.get(name, counter.initial)
        facts.add(counter_fact(name, counter.clamp(value)))
    return frozenset(facts)


def add_counters(case: Case, flags: Flags, adds: Mapping[str, int]) -> Flags:
    """``flags`` with each counter in ``adds`` changed by its amount, kept within bounds."""
    for name, delta in adds.items():
        counter = case.vars.get(name)
        if counter is None:  # the validator reports undeclared counters
            continue
        prefix = name + "="
        old = next((f for f in flags if f.startswith(prefix)), None)
        before = int(old[len(prefix) :]) if old is not None else counter.initial
        after = counter.clamp(before + delta)
        if old is not None:
            if after == before:
                continue
            flags = flags - {old}
        flags = flags | {prefix + str(after)}
    return flags


def counters(case: Case, flags: Iterable[str]) -> dict[str, int]:
    """The value of every declared counter in a state, in the case's order."""
    values = counter_values(flags)
    return {name: values.get(name, c.initial) for name, c in case.vars.items()}


def plain_flags(flags: Iterable[str]) -> list[str]:
    """The flags of a state without its counter facts, sorted."""
    return sorted(f for f in flags if "=" not in f)


def describe_state(flags: Iterable[str]) -> str:
    """A state in tutor words: 'flags {a, b}; engagement 3'."""
    facts = list(flags)
    parts = []
    names = plain_flags(facts)
    if names:
        parts.append("flags {" + ", ".join(names) + "}")
    parts += [f"{n} {v}" for n, v in sorted(counter_values(facts).items())]
    return "; ".join(parts)


def arrive(scene: Scene, flags: Flags, case: Case | None = None) -> Flags:
    """The state after arriving in ``scene``: its ``sets``, then its ``adds``.

    ``case`` (for the counters' bounds) is needed when the scene adds to a counter.
    """
    if scene.sets:
        flags = flags | frozenset(scene.sets)
    if scene.adds and case is not None:
        flags = add_counters(case, flags, scene.adds)
    return flags


def available(scene: Scene, flags: Flags) -> list[Choice]:
    """The options of a decision scene that are offered under ``flags``."""
    if scene.decision is None:
        return []
    return [c for c in scene.decision.options if evaluate(c.if_, flags)]


def apply_choice(choice: Choice, flags: Flags, case: Case | None = None) -> Flags:
    """(flags | sets) - clears, then ``adds`` (``case`` gives the counters' bounds)."""
    if choice.sets:
        flags = flags.union(choice.sets)
    if choice.clears:
        flags = flags.difference(choice.clears)
    if choice.adds and case is not None:
        flags = add_counters(case, flags, choice.adds)
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


def scene_text(scene: Scene, flags: Flags, present: Iterable[str] = ()) -> str:
    """The scene's Markdown with the passages whose conditions hold.

    ``present``: the people in the scene, for passages that ask ``present(...)``.
    """
    parts = [scene.text] if scene.text else []
    people = frozenset(present)
    parts.extend(p.text for p in scene.passages if evaluate(p.if_, flags, people))
    return "\n\n".join(parts)


def debrief_text(scene: Scene, flags: Flags) -> str:
    """An ending's debrief with the debrief passages whose conditions hold at the end."""
    ending = scene.ending
    if ending is None:
        return ""
    parts = [ending.debrief] if ending.debrief else []
    parts.extend(p.text for p in ending.passages if evaluate(p.if_, flags))
    return "\n\n".join(parts)


def disclosed_in(scene: Scene, flags: Flags | None = None) -> list[str]:
    """The facts disclosed on arriving in ``scene`` with the state ``flags`` (after the
    scene's own sets and adds); with ``flags=None``, every fact it may disclose."""
    if flags is None:
        return scene.disclosed_ids
    return [
        d if isinstance(d, str) else d.fact
        for d in scene.discloses
        if isinstance(d, str) or evaluate(d.if_, flags)
    ]


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


def people_present(case: Case, scene: Scene, flags: Flags | None = None) -> set[str]:
    """Ids of the people in the scene besides the learner: ``present`` and the speaker.

    With ``flags`` (the state on arrival, after the scene's sets and adds), a conditional
    ``{who, if}`` item counts only when its condition holds; with ``flags=None``, everyone
    who may be present under some state counts (for maps and checks).
    """
    ids = {
        p if isinstance(p, str) else p.who
        for p in scene.present
        if isinstance(p, str) or flags is None or evaluate(p.if_, flags)
    }
    speaker = speaker_id(case, scene)
    if speaker is not None:
        ids.add(speaker)
    return ids


def perpetrator_present(case: Case, scene: Scene, flags: Flags | None = None) -> bool:
    """Whether a person causing harm is in the scene (``flags=None``: may be)."""
    return any(
        case.people.get(i) is not None and case.people[i].role == "perpetrator"
        for i in people_present(case, scene, flags)
    )


def engine_critical(case: Case, scene: Scene, choice: Choice) -> bool:
    """Whether the engine makes ``choice`` critical whatever the author wrote.

    A choice that reveals a confidential fact in a scene where a perpetrator is present
    is a safety-critical error once that fact has been disclosed (the session checks the
    disclosure and who is actually present as it plays; maps and panels show the choice
    as critical when he may be present).
    """
    return bool(choice.reveals) and perpetrator_present(case, scene)


def targets_of(target: str | list[Route] | None) -> list[str]:
    """Every scene id a target can lead to, whatever the flags."""
    if target is None:
        return []
    if isinstance(target, str):
        return [target]
    return [r.to for r in target]
