"""Tutor plays, without Qt: start a session at any scene with the flags the tutor chooses.

Tutor plays are never recorded: nothing here (or in the player widget) touches
the learners' store.
"""

from __future__ import annotations

from collections.abc import Iterable

from trainer.core import engine
from trainer.core.debrief import JUDGEMENT_MARKS, JUDGEMENT_WORDS
from trainer.core.loader import LoadedCase
from trainer.core.model import Choice, Scene
from trainer.core.scoring import rating_fraction, rating_judgement
from trainer.core.session import Session


def session_at(
    loaded: LoadedCase,
    scene_id: str,
    flags: Iterable[str] = (),
    disclosed: Iterable[str] = (),
) -> Session:
    """A session started at ``scene_id`` with ``flags`` set and ``disclosed`` facts known.

    Sequence rules are checked as usual from there, so flags that break a rule
    (e.g. asked about abuse without checking it was safe) show that rule broken.
    """
    session = Session(loaded, scene_id, frozenset(flags))
    session.disclosed.update(disclosed)
    return session


def all_flags(loaded: LoadedCase) -> list[str]:
    """Every flag the case sets anywhere, for the tutor to pick from."""
    names: set[str] = set()
    for scene in loaded.case.scenes.values():
        names.update(scene.sets)
        if scene.decision is not None:
            for choice in scene.decision.options:
                names.update(choice.sets)
                names.update(choice.clears)
    return sorted(names)


def choice_metadata(scene: Scene, choice: Choice) -> str:
    """Scoring metadata shown beside a choice: judgement, critical, points, flags, target."""
    bits = [f"{JUDGEMENT_MARKS[choice.judgement]} {JUDGEMENT_WORDS[choice.judgement]}"]
    if choice.critical:
        bits.append("CRITICAL")
    bits.append(", ".join(f"{c} {v:+g}" for c, v in choice.points.items()) or "no points")
    if choice.sets:
        bits.append("sets " + ", ".join(choice.sets))
    if choice.clears:
        bits.append("clears " + ", ".join(choice.clears))
    if choice.adds:
        bits.append("adds " + ", ".join(f"{n} {v:+d}" for n, v in choice.adds.items()))
    if choice.if_:
        bits.append(f"offered if {choice.if_}")
    if choice.reveals:
        bits.append("reveals " + ", ".join(choice.reveals))
    targets = list(dict.fromkeys(engine.targets_of(choice.to)))
    bits.append("→ " + " / ".join(targets))
    return " · ".join(bits)


def indicator_metadata(scene: Scene, indicator_id: str) -> str:
    part = scene.checklist
    if part is None:
        return ""
    if indicator_id in part.present:
        weight = part.present[indicator_id]
        key = " (key)" if part.is_key(indicator_id) else ""
        return f"present, weight {weight:g}{key}"
    foil = " (foil)" if indicator_id in part.foils else ""
    return f"not present{foil}: a false alarm costs {part.false_alarm_cost:g}"


def level_metadata(loaded: LoadedCase, scene: Scene, level_id: str) -> str:
    part = scene.rating
    scale = loaded.scale(part.scale) if part else None
    if part is None or scale is None:
        return ""
    levels = [lv.id for lv in scale.levels]
    fraction, under = rating_fraction(part, levels, level_id)
    judgement, critical = rating_judgement(part, under)
    words = f"{JUDGEMENT_MARKS[judgement]} {JUDGEMENT_WORDS[judgement]}"
    if under == 0:
        return f"{words}: {part.points * fraction:g} points"
    what = f"under-rates by {under}" if under > 0 else f"over-rates by {-under}"
    return f"{words}, {what}: {part.points * fraction:g} points" + (
        " · CRITICAL" if critical else ""
    )
