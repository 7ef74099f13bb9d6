"""The bundled case library meets the bar set for it (issue 6), case by case."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from trainer.core.graph import path_reports
from trainer.core.loader import LoadedCase, bundled_scenarios, case_files, load_case
from trainer.core.scoring import Decision, score_attempt
from trainer.core.session import Session

CASES = case_files(bundled_scenarios())


def _load(path: Path) -> LoadedCase:
    return load_case(path)


def expected_path(loaded: LoadedCase) -> list[Decision]:
    """Play an 'expected' option at every decision, and answer checklists and ratings well."""
    session = Session(loaded)
    while not session.is_finished:
        scene = session.scene
        if scene.decision is not None:
            offered = {o.id for o in session.options}
            best = max(
                (
                    c
                    for c in scene.decision.options
                    if c.id in offered and c.judgement == "expected"
                ),
                key=lambda c: sum(c.points.values()),
            )
            session.choose(best.id)
        elif scene.checklist is not None:
            session.tick(list(scene.checklist.present))
        elif scene.rating is not None:
            session.rate(scene.rating.expected)
        else:
            session.advance()
    return session.decisions


def test_the_library_covers_both_focuses_and_both_nations() -> None:
    loaded = [_load(p) for p in CASES]
    if len(loaded) < 10:
        pytest.skip(f"the full library is not in yet ({len(loaded)} cases)")
    focus = Counter(c.case.focus for c in loaded)
    assert focus["victim-safeguarding"] + focus["both"] >= 4
    assert focus["perpetrator-engagement"] + focus["both"] >= 4
    assert sum(c.case.jurisdiction in ("wales", "both") for c in loaded) >= 2


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_meets_the_library_bar(path: Path) -> None:
    loaded = _load(path)
    case = loaded.case
    assert loaded.warnings == (), [str(w) for w in loaded.warnings]
    scenes = case.scenes.values()
    assert len(case.scenes) >= 15
    assert sum(s.ending is not None for s in scenes) >= 3
    assert any(s.checklist is not None for s in scenes)
    assert any(s.rating is not None for s in scenes)
    critical = [c for s in scenes if s.decision for c in s.decision.options if c.critical]
    assert len(critical) >= 2
    assert case.rules and case.content_note and case.learning_outcomes and case.references
    carries = any(s.passages for s in scenes) or any(
        c.if_ or isinstance(c.to, list) for s in scenes if s.decision for c in s.decision.options
    )
    assert carries, "no earlier choice changes what happens later"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_expected_path_passes_and_unsafe_paths_fail(path: Path) -> None:
    loaded = _load(path)
    result = score_attempt(loaded, expected_path(loaded))
    assert result.passed, result.reasons
    assert result.percent >= 85
    for report in path_reports(loaded, limit=150):
        steps = report.best.steps
        if any(s.critical or s.judgement == "unsafe" for s in steps):
            assert not report.best.passed, report.choice_ids


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_no_test_wise_learner_passes_or_scores_above_60(path: Path) -> None:
    """Issue 12: a learner who never reads the case passes none of them, and scores <= 60%."""
    from trainer.core.testwise import play_all

    outcomes = play_all(_load(path))
    passing = [o.strategy.name for o in outcomes if o.passed]
    assert not passing, f"test-wise learners pass: {passing}"
    high = {o.strategy.name: o.percent for o in outcomes if o.percent > 60}
    assert not high, f"test-wise learners above 60%: {high}"
