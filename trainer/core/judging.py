"""How each step of an attempt is judged: a checklist's ticks, a rating's level, a note.

A choice's judgement (expected / acceptable / poor / unsafe) is written on the choice
in the case file and recorded by :meth:`trainer.core.session.Session.choose`; this
module judges the parts that need working out -- which indicators were missed or wrongly
ticked (a missed indicator costs more than a false alarm), how far a rating was under
or over the expected level (under-rating costs more), and a checklist skipped on the way
to an ending. The points and the pass/fail of the whole attempt are added up in
:mod:`trainer.core.scoring`.
"""

from __future__ import annotations

from typing import Any

from trainer.core import engine
from trainer.core.loader import LoadedCase
from trainer.core.model import Choice, Scene
from trainer.core.scoring import (
    StepResult,
    checklist_critical,
    checklist_fraction,
    checklist_judgement,
    rating_fraction,
    rating_judgement,
)

NOTE_LIMIT = 1000  # characters of a learner's "why?" note


def clean_note(note: str | None) -> str | None:
    """A learner's note as kept: trimmed, at most NOTE_LIMIT characters, None if empty."""
    if not isinstance(note, str):
        return None
    note = note.strip()[:NOTE_LIMIT]
    return note or None


def with_note(step: StepResult, note: str | None) -> StepResult:
    """The step with the learner's note in its detail (for the debrief and exports)."""
    if not note:
        return step
    from dataclasses import replace

    return replace(step, detail={**step.detail, "note": note})


def _bullets(line_of: Any, ids: list[str]) -> str:
    return "\n".join(f"- {line_of(i)}" for i in ids)


def unrevealed(part: Any, visited: list[str] | None) -> list[str]:
    """Present indicators that the path through ``visited`` scenes could not reveal (the
    checklist's ``revealed_by`` names none of them); none when the path is not known."""
    if visited is None:
        return []
    seen = set(visited)
    return [i for i, scenes in part.revealed_by.items() if not seen.intersection(scenes)]


def _scene_targets(scene: Scene | None) -> list[str]:
    """Every scene a scene can lead to, whatever the flags."""
    if scene is None:
        return []
    out: list[str] = []
    for part in (scene.checklist, scene.rating):
        if part is not None:
            out += engine.targets_of(part.to)
    if scene.decision is not None:
        for choice in scene.decision.options:
            out += engine.targets_of(choice.to)
    out += engine.targets_of(scene.next)
    return out


def _reaches(loaded: LoadedCase, start: str, goals: set[str]) -> bool:
    """Whether any route from ``start`` (conditions ignored) reaches one of ``goals``."""
    todo, seen = [start], {start}
    while todo:
        sid = todo.pop()
        if sid in goals:
            return True
        for nxt in _scene_targets(loaded.case.scenes.get(sid)):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def skipped_at(loaded: LoadedCase, history: list[StepResult], goals: set[str]) -> StepResult | None:
    """The latest choice on the path where another option led towards ``goals`` (the
    scenes that reveal an indicator) and the one taken did not."""
    for step in reversed(history):
        if step.kind != "choice":
            continue
        scene = loaded.case.scenes.get(step.scene)
        if scene is None or scene.decision is None:
            continue
        taken = step.detail.get("choice")
        others = [c for c in scene.decision.options if c.id != taken]
        if any(_reaches(loaded, t, goals) for c in others for t in engine.targets_of(c.to)):
            return step
    return None


def checklist_step(
    loaded: LoadedCase,
    scene_id: str,
    chosen: tuple[str, ...],
    index: int = 0,
    visited: list[str] | None = None,
    history: list[StepResult] | None = None,
) -> StepResult:
    """How ticking ``chosen`` at the checklist in ``scene_id`` is judged (no state changes).

    ``visited``: the scenes of the path so far. A present indicator the path could not
    reveal (see ``Checklist.revealed_by``) is then left out of the scoring, and the
    feedback says so, naming the decision in ``history`` that took the path past it.
    """
    full = loaded.case.scenes[scene_id].checklist
    assert full is not None
    unseen = unrevealed(full, visited)
    part = full
    if unseen:
        part = full.model_copy(
            update={
                "present": {k: v for k, v in full.present.items() if k not in unseen},
                "must_identify": [i for i in full.must_identify if i not in unseen],
            }
        )
    if part.present:
        fraction, missed, false_alarms = checklist_fraction(
            part, {i for i in chosen if i not in unseen}
        )
    else:  # nothing on the checklist could be learned on this path
        missed = []
        false_alarms = [i for i in chosen if i not in full.present]
        fraction = 1.0 if not false_alarms else 0.5
    judgement = checklist_judgement(part, missed, false_alarms, fraction)
    must_missed = checklist_critical(part, missed)
    label_of = _label_in(loaded)
    described = _line_in(loaded)
    key_missed = [i for i in missed if part.is_key(i)]
    notes: list[str] = []
    if must_missed:
        notes.append(
            "**You missed an indicator that must be identified here: "
            + "; ".join(label_of(i) for i in must_missed)
            + ".** Missing it leaves the most serious risk unassessed."
        )
    if key_missed:
        notes.append("You missed key indicators:\n\n" + _bullets(described, key_missed))
    other = [i for i in missed if not part.is_key(i)]
    if other:
        notes.append("Also present:\n\n" + _bullets(described, other))
    foils = [i for i in false_alarms if i in part.foils]
    if foils:
        notes.append(
            "True, but not a risk indicator here:\n\n"
            + "\n".join(f"- **{label_of(i)}**: {part.foils[i]}" for i in foils)
        )
    plain = [i for i in false_alarms if i not in part.foils]
    if plain:
        notes.append("Not present in this case so far:\n\n" + _bullets(described, plain))
    if unseen:
        goals = {s for i in unseen for s in full.revealed_by[i]}
        where = skipped_at(loaded, history or [], goals)
        if where is not None:
            scene = loaded.case.scenes.get(where.scene)
            at = f" (at *{scene.title}*)" if scene is not None and scene.title else ""
            because = (
                f" When you chose “{where.label}”{at}, your path went past the conversation "
                "where you would have learned this."
            )
        else:
            because = " Your path did not reach the conversation where you would have learned it."
        notes.append(
            "Not learned on your path, so not counted:"
            + because
            + " Think about what that question would have told you.\n\n"
            + _bullets(described, unseen)
        )
    if not notes:
        notes.append("You identified every indicator present, with no false alarms.")
    critical_reason = (
        "missed " + "; ".join(label_of(i) for i in must_missed) + ", which must be identified"
        if must_missed
        else None
    )
    step = StepResult(
        index=index,
        scene=scene_id,
        kind="checklist",
        label="Ticked: " + (", ".join(label_of(i) for i in chosen) or "nothing"),
        judgement=judgement,
        critical=bool(must_missed),
        points={part.competency: round(part.points * fraction, 3)},
        feedback="\n\n".join(filter(None, [*notes, part.feedback])),
        refs=tuple(part.refs),
        safe_practice=(
            ("Identify: " + "; ".join(label_of(i) for i in part.present) + ".",) if missed else ()
        ),
        detail={
            "ticked": list(chosen),
            **({"unrevealed": unseen} if unseen else {}),
            "missed": missed,
            "false_alarms": false_alarms,
            "key_missed": key_missed,
            "must_missed": must_missed,
            "fraction": round(fraction, 4),
            **({"critical_reason": critical_reason} if critical_reason else {}),
        },
    )
    return step


def rating_step(loaded: LoadedCase, scene_id: str, level_id: str, index: int = 0) -> StepResult:
    """How rating ``level_id`` at the rating in ``scene_id`` is judged (no state changes)."""
    part = loaded.case.scenes[scene_id].rating
    assert part is not None
    scale = loaded.scale(part.scale)
    levels = [lv.id for lv in scale.levels] if scale else []
    fraction, under = rating_fraction(part, levels, level_id)
    judgement, critical = rating_judgement(part, under)
    label = {lv.id: lv.label for lv in scale.levels} if scale else {}
    if under > 0:
        note = (
            f"You rated the risk {label[level_id]}; a competent practitioner would rate "
            f"it {label[part.expected]}. Under-rating risk leaves people unprotected."
        )
    elif under < 0:
        note = (
            f"You rated the risk {label[level_id]}, above the expected "
            f"{label[part.expected]}. Over-rating is safer than under-rating, but it "
            "still stretches services and can erode trust."
        )
    else:
        note = f"Your rating, {label[level_id]}, matches the expected level."
    step = StepResult(
        index=index,
        scene=scene_id,
        kind="rating",
        label=f"Rated risk: {label[level_id]}",
        judgement=judgement,
        critical=critical,
        points={part.competency: round(part.points * fraction, 3)},
        feedback="\n\n".join(filter(None, [note, part.feedback])),
        refs=tuple(part.refs),
        safe_practice=(f"Rate the risk {label[part.expected]}.",) if under else (),
        detail={
            "chosen": level_id,
            "expected": part.expected,
            "under_by": under,
            "fraction": round(fraction, 4),
        },
    )
    return step


def _label_in(loaded: LoadedCase) -> Any:
    def label(indicator_id: str) -> str:
        ind = loaded.indicator(indicator_id)
        return ind.label if ind else indicator_id

    return label


def _line_in(loaded: LoadedCase) -> Any:
    def line(indicator_id: str) -> str:
        """The indicator's label in bold, with its description when it has one."""
        ind = loaded.indicator(indicator_id)
        if ind is None:
            return f"**{indicator_id}**"
        return f"**{ind.label}**" + (f": {ind.description}" if ind.description else "")

    return line


def choice_step(
    loaded: LoadedCase,
    scene_id: str,
    choice: Choice,
    offered: list[Choice],
    *,
    index: int,
    confidence: str | None,
    disclosed: set[str] | frozenset[str],
    perpetrator_here: bool,
) -> StepResult:
    """Judge one choice: where a choice is judged.

    The judgement (expected / acceptable / poor / unsafe), critical mark, points and
    feedback are the case author's; a choice that repeats something disclosed in
    confidence (``reveals``) to the person causing harm, while they are present, becomes
    critical and unsafe here. The safe practice shown with a weaker choice is the text of
    the expected choices that were offered."""
    case = loaded.case
    critical = choice.critical
    feedback = choice.feedback
    leaked = [f for f in choice.reveals if f in disclosed]
    if leaked and perpetrator_here:
        critical = True
        facts = "; ".join(case.confidential[f].text for f in leaked)
        feedback = (
            f"**This revealed something disclosed in confidence ({facts}) to the "
            "person causing harm.** It identifies the source and can lead to "
            "retaliation against the person who disclosed it and anyone close to them, "
            "children included.\n\n" + feedback
        ).strip()
    judgement = "unsafe" if leaked and critical and not choice.critical else choice.judgement
    safe = tuple(c.text for c in offered if c.judgement == "expected")
    return StepResult(
        index=index,
        scene=scene_id,
        kind="choice",
        label=choice.text,
        judgement=judgement,
        critical=critical,
        points=dict(choice.points),
        feedback=feedback,
        refs=tuple(choice.refs),
        confidence=confidence,
        safe_practice=safe if judgement != "expected" else (),
        detail={"choice": choice.id, "revealed": leaked},
    )
