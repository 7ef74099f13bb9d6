"""Issue 11: scores must not depend on how much of a case's state graph was explored.

A valid case with many independent yes/no flags read later has more flag combinations
than the explorer visits (20,000 states). Before the fix, with competency minimums it
got false "no path can earn any points" errors, and without them a perfect play scored
0% and failed (12 flags: 100%).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from trainer.cli import main
from trainer.core import explore, graph, maxima
from trainer.core.loader import check_case, load_case
from trainer.core.session import Session


def flags_case(n: int, minimums: bool) -> dict[str, Any]:
    """n yes/no questions, each setting a flag, then n scenes that each read one of them."""
    scenes: dict[str, Any] = {}
    for i in range(n):
        nxt = f"ask{i + 1}" if i + 1 < n else "read0"
        scenes[f"ask{i}"] = {
            "text": f"Question {i}.",
            "decision": {
                # the expected option alternates between first and last, and is the shorter
                "options": sorted(
                    [
                        {
                            "id": f"yes{i}",
                            "text": "Yes, note it.",
                            "judgement": "expected",
                            "points": {"communication": 1},
                            "sets": [f"f{i}"],
                            "to": nxt,
                        },
                        {
                            "id": f"no{i}",
                            "text": "No, leave it for now and move on.",
                            "judgement": "poor",
                            "points": {"communication": 0},
                            "to": nxt,
                        },
                    ],
                    key=lambda o: o["id"].startswith("yes") == (i % 2 == 0),
                )
            },
        }
    for i in range(n):
        nxt = f"read{i + 1}" if i + 1 < n else "risk"
        scenes[f"read{i}"] = {
            "text": f"Later {i}.",
            "decision": {
                "options": [
                    {
                        "id": f"use{i}",
                        "text": "Use what you noted.",
                        "judgement": "expected",
                        "if": f"f{i}",
                        "points": {"multi-agency-working": 1},
                        "to": nxt,
                    },
                    {
                        "id": f"guess{i}",
                        "text": "Guess instead.",
                        "judgement": "poor",
                        "if": f"not f{i}",
                        "points": {"multi-agency-working": 0},
                        "to": nxt,
                    },
                ]
            },
        }
    scenes["risk"] = {
        "checklist": {
            "offered": ["strangulation", "very-frightened", "tidy-home", "employed"],
            "present": {"strangulation": 3, "very-frightened": 1},
            "competency": "risk-identification",
            "to": "end",
        }
    }
    scenes["end"] = {"text": "The end.", "ending": {"outcome": "good"}}
    scoring: dict[str, Any] = {"pass_mark": 60}
    if minimums:
        scoring["minimums"] = {
            "communication": 60,
            "multi-agency-working": 60,
            "risk-identification": 75,
        }
    return {
        "format": 1,
        "id": f"flags-{n}",
        "title": "Many flags",
        "version": "1.0",
        "authors": ["Tests"],
        "jurisdiction": "england",
        "focus": "victim-safeguarding",
        "level": "introductory",
        "minutes": 5,
        "summary": "Generated.",
        "content_note": "None.",
        "learning_outcomes": ["Keep notes."],
        "scoring": scoring,
        "start": "ask0",
        "scenes": scenes,
    }


def write(tmp_path: Path, n: int, minimums: bool) -> Path:
    path = tmp_path / f"flags-{n}-{minimums}.yaml"
    path.write_text(yaml.safe_dump(flags_case(n, minimums), sort_keys=False), encoding="utf-8")
    return path


def perfect_play(loaded) -> Session:
    session = Session(loaded)
    while not session.is_finished:
        scene = session.scene
        if scene.decision is not None:
            offered = {o.id for o in session.options}
            choice = next(
                c for c in scene.decision.options if c.id in offered and c.judgement == "expected"
            )
            session.choose(choice.id)
        elif scene.checklist is not None:
            session.tick(list(scene.checklist.present))
        else:
            session.advance()
    return session


@pytest.mark.parametrize("n", [12, 14])
def test_a_perfect_play_scores_100_whatever_the_number_of_flags(tmp_path: Path, n: int) -> None:
    loaded = load_case(write(tmp_path, n, minimums=False))
    result = perfect_play(loaded).result()
    assert result.percent == 100 and result.passed, result.reasons
    assert result.maxima == {
        "communication": n,
        "multi-agency-working": n,
        "risk-identification": 10,
    }


def test_many_flags_and_minimums_give_no_invented_problems(tmp_path: Path) -> None:
    loaded, problems = check_case(write(tmp_path, 14, minimums=True))
    assert loaded is not None, [str(p) for p in problems]
    assert loaded.analysis.truncated  # the explorer did stop early...
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []  # ...but no problem is invented
    messages = [p.message for p in problems]
    assert not any("can earn any points" in m for m in messages)
    cut = [m for m in messages if "sampl" in m]  # ...and the validator says what it did instead
    assert cut, messages
    assert perfect_play(loaded).result().passed


def test_exploration_limits_do_not_change_scores(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, 8, minimums=True)
    full = load_case(path)
    assert not full.analysis.truncated
    decisions = perfect_play(full).decisions
    worse = [*decisions]
    worse[0] = type(worse[0])(worse[0].scene, "choice", choice="no0")
    worse[8] = type(worse[8])(worse[8].scene, "choice", choice="guess0")
    expected = [Session.replay(full, d).result() for d in (decisions, worse)]
    monkeypatch.setattr(explore, "MAX_STATES", 50)
    cut = load_case(path)
    assert cut.analysis.truncated
    assert [Session.replay(cut, d).result() for d in (decisions, worse)] == expected


def test_trainer_test_samples_playthroughs_when_exploration_is_cut_short(tmp_path: Path) -> None:
    path = write(tmp_path, 14, minimums=True)
    result = CliRunner().invoke(main, ["test", "--sample", "50", str(path)])
    assert result.exit_code == 0, result.output
    assert "sample" in result.output and "too many flag combinations" in result.output


def test_exact_maxima_match_brute_force(tmp_path: Path) -> None:
    """The maxima are the most any complete path earns, found by trying every path."""
    loaded = load_case(write(tmp_path, 4, minimums=False))
    from itertools import product

    best: dict[str, float] = {}
    for answers in product([True, False], repeat=4):
        session = Session(loaded)
        for i, yes in enumerate(answers):
            session.choose(f"yes{i}" if yes else f"no{i}")
        for i, yes in enumerate(answers):
            session.choose(f"use{i}" if yes else f"guess{i}")
        session.tick(["strangulation", "very-frightened"])
        for comp, value in session.result().points.items():
            best[comp] = max(best.get(comp, 0.0), value)
    assert graph.case_maxima(loaded).maxima == best


def test_a_case_too_large_to_score_exactly_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(maxima, "MAXIMA_STATES", 20)
    monkeypatch.setattr(explore, "MAX_STATES", 20)
    loaded, problems = check_case(write(tmp_path, 5, minimums=True))
    assert loaded is None
    errors = [p.message for p in problems if p.severity == "error"]
    assert len(errors) == 1 and "for its scores to be worked out exactly" in errors[0]


def test_trainer_test_reports_how_many_playthroughs_it_sampled(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["test", "--sample", "40", str(write(tmp_path, 14, True))])
    assert "a random sample of 40 playthroughs (seed 0; the case has too many" in result.output
