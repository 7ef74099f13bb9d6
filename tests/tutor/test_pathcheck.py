"""Automated path testing (trainer.core.pathcheck) on the mini case and broken variants."""

from __future__ import annotations

from pathlib import Path

from tests.tutor.conftest import MINI, edit, line_of
from trainer.core.graph import iter_paths
from trainer.core.loader import load_case
from trainer.core.pathcheck import check_paths, critical_paths, expected_path, sample_paths


def test_mini_case_keeps_every_invariant() -> None:
    loaded = load_case(MINI)
    report = check_paths(loaded)
    assert report.ok, [f.describe() for f in report.failures]
    assert not report.sampled
    assert report.total == 4
    assert report.checked == 4
    assert [c for _, c in report.expected or ()] == [
        "check-safe",
        "listen",
        "checklist",
        "rating",
        "from-records",
    ]


def test_unsafe_choice_that_passes_is_reported_at_its_scene(mini_copy: Path) -> None:
    # telling him becomes harmless in scoring terms: no leak, full points
    edit(mini_copy, "          reveals: [spoke-to-us]\n", "          points: {communication: 2}\n")
    loaded = load_case(mini_copy)
    report = check_paths(loaded)
    unsafe = [f for f in report.failures if f.invariant == "unsafe-passes"]
    assert unsafe, [f.describe() for f in report.failures]
    assert unsafe[0].scene == "lee-arrives"
    assert "tell-him" in unsafe[0].describe()
    problem = unsafe[0].problem(loaded)
    assert problem.line == line_of(mini_copy, "  lee-arrives:")


def test_expected_path_that_fails_is_reported(mini_copy: Path) -> None:
    edit(
        mini_copy,
        "judgement: expected\n          points: {communication: 2}\n          sets: [checked_safe]",
        "judgement: poor\n          points: {communication: 2}\n          sets: [checked_safe]",
    )
    edit(
        mini_copy,
        "judgement: poor\n          points: {communication: 0}",
        "judgement: expected\n          points: {communication: 0}",
    )
    loaded = load_case(mini_copy)
    steps, why = expected_path(loaded)
    assert steps is not None and steps[0] == ("door", "ask-straight"), why
    report = check_paths(loaded)
    assert any(f.invariant == "expected-passes" for f in report.failures)


def test_sample_is_seeded_and_distinct() -> None:
    loaded = load_case(MINI)
    first = sample_paths(loaded, 3, seed=7)
    assert first == sample_paths(loaded, 3, seed=7)
    assert len(set(first)) == len(first) == 3
    assert set(first) <= set(iter_paths(loaded))
    report = check_paths(loaded, sample=2, seed=7)
    assert report.sampled and report.seed == 7
    assert report.ok


def test_every_critical_choice_gets_a_targeted_path(tmp_path: Path) -> None:
    from trainer.core.template import starter_case

    case = tmp_path / "starter.yaml"
    case.write_text(starter_case("starter"), encoding="utf-8")
    loaded = load_case(case)
    found = critical_paths(loaded)
    assert [tag for tag, _ in found] == ["ask-outright"]
    steps = found[0][1]
    assert steps[0] == ("phone-call", "ask-outright")
    assert loaded.case.scenes[steps[-1][0]].decision is not None  # ends with the last choice


def test_a_path_that_cannot_be_replayed_is_an_error() -> None:
    from trainer.core.pathcheck import _run

    loaded = load_case(MINI)
    result, failure = _run(loaded, (("door", "no-such-choice"),), best=True)
    assert result is None and failure is not None
    assert failure.invariant == "error"
    assert "no-such-choice" in failure.message


def test_tutor_play_notes_name_foils_and_key_indicators() -> None:
    from trainer.ui.tutor.playback import indicator_metadata

    scene = load_case(MINI).case.scenes["risk"]
    assert indicator_metadata(scene, "attends-church").startswith("not present (foil)")
    assert indicator_metadata(scene, "weapons").startswith("not present: a false alarm")
    assert indicator_metadata(scene, "strangulation") == "present, weight 3 (key)"
