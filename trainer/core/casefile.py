"""The learner's case file: what they have learned so far on their own path.

Rebuilt from the session's decisions (the same replay that resumes an attempt), so it
holds the text of every scene seen, as it read then (passages under the flags of that
moment), who spoke, the author's key facts (``notes:``) and what the learner did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.core.session import Session


@dataclass(frozen=True)
class Entry:
    """One scene of the path, as the learner met it."""

    scene: str
    title: str
    speaker: str
    text: str  # Markdown, with the passages that held at the time
    notes: tuple[str, ...] = ()
    did: str = ""  # what the learner did here, in words ("" for the current scene)
    note: str = ""  # the learner's own "why?" note, if any
    current: bool = False

    def plain(self) -> str:
        """Everything in the entry as plain text (for searching)."""
        return " ".join([self.title, self.speaker, self.text, *self.notes, self.did, self.note])


@dataclass(frozen=True)
class CaseFile:
    entries: tuple[Entry, ...]
    people: tuple[str, ...] = field(default_factory=tuple)  # "Name (age), role" lines

    @property
    def key_facts(self) -> list[str]:
        return [n for e in self.entries for n in e.notes]

    def matching(self, query: str) -> list[Entry]:
        """Entries whose text contains every word of ``query`` (case-insensitive)."""
        words = [w for w in query.casefold().split() if w]
        if not words:
            return list(self.entries)
        return [e for e in self.entries if all(w in e.plain().casefold() for w in words)]


def case_file(session: Session) -> CaseFile:
    """The case file of ``session`` up to and including its current scene."""
    loaded = session.loaded
    origin = session.origin or {}
    replay = Session(loaded, origin.get("scene"), frozenset(origin.get("flags", ())))
    entries: list[Entry] = []
    seen_people: list[str] = []
    for decision in [*session.decisions, None]:
        scene = replay.scene
        for pid in [scene.speaker, *scene.present]:
            if pid in loaded.case.people and pid not in seen_people:
                seen_people.append(pid)
        scene_id, text = replay.scene_id, replay.text  # as it read when the learner was there
        did, note = "", ""
        if decision is not None:
            before = len(replay.steps)
            replay.apply(decision)
            new = [s for s in replay.steps[before:] if s.kind != "rule"]
            if new:
                did = new[0].label
                note = str(new[0].detail.get("note") or "")
        entries.append(
            Entry(
                scene=scene_id,
                title=scene.title,
                speaker=_speaker(session, scene.speaker),
                text=text,
                notes=tuple(scene.notes),
                did=did,
                note=note,
                current=decision is None,
            )
        )
    people = tuple(_person_line(loaded.case.people[p]) for p in seen_people)
    return CaseFile(tuple(entries), people)


def _speaker(session: Session, speaker: str) -> str:
    person = session.case.people.get(speaker)
    return person.name if person else speaker


def _person_line(person) -> str:  # noqa: ANN001
    age = f" ({person.age})" if person.age is not None else ""
    role = {"survivor": "victim-survivor", "perpetrator": "person causing harm"}.get(
        person.role, person.role
    )
    about = f": {person.description}" if person.description else ""
    return f"{person.name}{age}, {role}{about}"


def first_sentence(markdown_text: str, limit: int = 160) -> str:
    """The first sentence of some Markdown, as plain text."""
    flat = " ".join(re.sub(r"[*_#>`]", "", markdown_text).split())
    match = re.search(r"(?<=[.!?])[\"')\u201d]?\s", flat)
    sentence = flat[: match.start() + 1].strip() if match else flat
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence
