"""Issue 16: `trainer test` shows over the state graph what holds on every path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.tutor.conftest import MINI, edit
from trainer.cli import main
from trainer.core.graph import decisions_for, iter_paths
from trainer.core.loader import LoadedCase, load_case
from trainer.core.pathcheck import check_paths, graph_proof, sample_paths
from trainer.core.scoring import score_attempt


def _unsafe_paths_that_pass(loaded: LoadedCase, key: tuple[str, str]) -> list[object]:
    """Every complete path through ``key``, answered best, that passes (brute force)."""
    out = []
    for steps in iter_paths(loaded, limit=100_000):
        if key in steps:
            result = score_attempt(loaded, decisions_for(loaded, steps, best=True))
            if result.passed:
                out.append(steps)
    return out


def test_mini_case_says_what_the_graph_shows() -> None:
    # its unsafe choice earns points enough to pass; it fails only by revealing a
    # confidence to the person causing harm, which the points bound cannot see: left open
    loaded = load_case(MINI)
    proof = graph_proof(loaded)
    assert proof is not None and proof.open == (("lee-arrives", "tell-him"),)
    assert _unsafe_paths_that_pass(loaded, ("lee-arrives", "tell-him")) == []
    result = CliRunner().invoke(main, ["test", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "over the state graph, every path ends and every critical choice fails" in (
        result.output
    )
    assert "0 of 1 unsafe choice(s) shown unable to pass on any path" in result.output


def test_a_bundled_case_is_shown_safe_for_every_unsafe_choice() -> None:
    root = Path(__file__).resolve().parents[2] / "scenarios"
    result = CliRunner().invoke(main, ["test", str(root / "marac-presenting-a-case.yaml")])
    assert result.exit_code == 0, result.output
    assert "of 606673 paths" in result.output
    assert "no path through any of the 6 unsafe choice(s) can pass" in result.output


def test_an_unsafe_choice_that_can_pass_is_left_open_and_its_best_path_walked(
    mini_copy: Path,
) -> None:
    edit(mini_copy, "          reveals: [spoke-to-us]\n", "          points: {communication: 2}\n")
    loaded = load_case(mini_copy)
    proof = graph_proof(loaded)
    assert proof is not None
    assert ("lee-arrives", "tell-him") in proof.open
    assert _unsafe_paths_that_pass(loaded, ("lee-arrives", "tell-him"))
    # even a sample of one path finds it: the best path through the open choice is walked
    for seed in range(5):
        report = check_paths(loaded, sample=1, seed=seed)
        unsafe = [f for f in report.failures if f.invariant == "unsafe-passes"]
        assert any("tell-him" in f.describe() for f in unsafe), seed


def test_what_the_graph_shows_safe_holds_on_sampled_paths_of_a_bundled_case() -> None:
    """Soundness: no sampled path through an unsafe choice shown safe passes."""
    root = Path(__file__).resolve().parents[2] / "scenarios"
    loaded = load_case(root / "wales-he-speaks-for-her.yaml")
    proof = graph_proof(loaded)
    assert proof is not None and len(proof.safe) == 7
    safe = set(proof.safe)
    checked = 0
    for steps in sample_paths(loaded, 400, seed=11):
        if safe & set(steps):
            assert not score_attempt(loaded, decisions_for(loaded, steps, best=True)).passed
            checked += 1
    assert checked > 50
