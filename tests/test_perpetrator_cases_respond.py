"""Issue 13, part B: in the three new perpetrator-engagement cases the person causing harm
responds to the learner's whole approach (counters), not only to the last choice, and the
"never ask while he is in the room" rule follows who is actually present."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.loader import LoadedCase, bundled_scenarios, load_case
from trainer.core.scoring import Result
from trainer.core.session import Session


def _case(stem: str) -> LoadedCase:
    path = Path(bundled_scenarios()) / f"{stem}.yaml"
    if not path.exists():
        pytest.skip(f"{stem} is not in this library")
    return load_case(path)


def play(loaded: LoadedCase, prefer: tuple[str, ...] = ()) -> tuple[dict[str, str], Result]:
    """Play the case, taking a preferred choice wherever one is offered and otherwise the
    first expected option; answer checklists and ratings well. Returns the text the learner
    saw at each scene, and the result."""
    session = Session(loaded)
    seen: dict[str, str] = {}
    while not session.is_finished:
        seen[session.scene_id] = session.text
        scene = session.scene
        if scene.decision is not None:
            offered = [o.id for o in session.options]
            picks = [c for c in prefer if c in offered]
            if picks:
                session.choose(picks[0])
            else:
                expected = [
                    c.id
                    for c in scene.decision.options
                    if c.id in offered and c.judgement == "expected"
                ]
                session.choose(expected[0])
        elif scene.checklist is not None:
            session.tick(list(scene.checklist.present))
        elif scene.rating is not None:
            session.rate(scene.rating.expected)
        else:
            session.advance()
    return seen, session.result()


Responds = tuple[
    str, tuple[str, ...], list[tuple[str, str]], tuple[str, ...], list[tuple[str, str]]
]

# (case, a colluding or humiliating approach, [(later scene, words only the reflective,
# accountable approach hears)], [(later scene, words only the hostile approach hears)])
RESPONDS: list[Responds] = [
    (
        "father-waiting-list-sessions",
        ("praise-steps", "phoneline-only", "both-hard"),
        [
            ("session-three", "messages I"),
            ("motivation", "Ruby flinched"),
            ("tonight-two", "I won't text her"),
        ],
        ("letter-not-change", "correct-blame"),
        [("attendance", "complaints form"), ("tonight-two", "stitched me up")],
    ),
    (
        "licence-new-relationship-mappa",
        ("routine-checks", "not-my-area"),
        [("partial-account", "that bloke"), ("motivation", "Wayne-Wayne")],
        ("you-lied", "back-inside"),
        [("partial-account", "without my solicitor"), ("tonight", "my business")],
    ),
    (
        "she-uses-violence-primary-aggressor",
        ("how-frightening", "what-he-does", "communicate-better"),
        [
            ("nicole-account", "I do lose it"),
            ("nicole-change", "scared of me"),
            ("nicole-motivation", "Sam drew this"),
        ],
        ("you-attacked", "earn-it"),
        [("nicole-account", "complaint"), ("tonight", "my business")],
    ),
]


@pytest.mark.parametrize("case", RESPONDS, ids=[r[0] for r in RESPONDS])
def test_later_replies_follow_the_whole_approach(case: Responds) -> None:
    stem, colluding, opened_up, hostile, hardened = case
    loaded = _case(stem)
    good_text, good = play(loaded)
    colluded_text, _ = play(loaded, colluding)
    hostile_text, hostile_result = play(loaded, hostile)
    assert good.passed and good.ending == "end-good"
    for scene, words in opened_up:
        assert words in good_text[scene], (scene, words)
        assert words not in colluded_text[scene], (scene, words)
        assert words not in hostile_text[scene], (scene, words)
    for scene, words in hardened:
        assert words in hostile_text[scene], (scene, words)
        assert words not in good_text[scene], (scene, words)
    # humiliation twice over is scored, fails the attempt, and the debrief says it went home
    assert not hostile_result.passed
    assert any(s.label == "Sequence: humiliation-raises-risk" for s in hostile_result.steps)
    assert hostile_result.ending == "end-mixed"
    assert "humiliat" in hostile_result.ending_debrief.lower()


@pytest.mark.parametrize(
    ("stem", "bring_him_in", "question", "rule"),
    [
        (
            "father-waiting-list-sessions",
            "whole-meeting",
            "ask-shannon",
            "never-ask-with-him-present",
        ),
        (
            "licence-new-relationship-mappa",
            "femi-raises-it",
            "partner-with-her",
            "never-ask-with-him-present",
        ),
        (
            "she-uses-violence-primary-aggressor",
            "home-visit-both",
            "context-meaning",
            "never-ask-with-her-present",
        ),
    ],
)
def test_asking_about_abuse_is_critical_only_with_the_person_causing_harm_present(
    stem: str, bring_him_in: str, question: str, rule: str
) -> None:
    loaded = _case(stem)
    _, present = play(loaded, (bring_him_in, question))
    _, absent = play(loaded, (question,))
    label = f"Sequence: {rule}"
    assert any(s.label == label and s.critical for s in present.steps)
    assert not present.passed
    assert not any(s.label == label for s in absent.steps)
    assert absent.passed
