"""Test-wise learners: deterministic players that must not pass a case that tests judgement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from trainer.cli import main
from trainer.core import testwise
from trainer.core.loader import load_case
from trainer.core.pathcheck import check_paths
from trainer.core.testwise import STRATEGIES, Strategy, play, play_all, register


def linear_case(options_per_decision: list[list[tuple[str, str]]]) -> dict[str, Any]:
    """A case of decisions in a row, each option (text, judgement), then a checklist and a rating.

    Unsafe options are critical. The expected option earns 2 points, acceptable 1.
    """
    scenes: dict[str, Any] = {}
    n = len(options_per_decision)
    for i, options in enumerate(options_per_decision):
        nxt = f"d{i + 1}" if i + 1 < n else "risk"
        scenes[f"d{i}"] = {
            "text": f"Decision {i}.",
            "decision": {
                "options": [
                    {
                        "id": f"o{i}-{j}",
                        "text": text,
                        "judgement": judgement,
                        "critical": judgement == "unsafe",
                        "points": {
                            "communication": {"expected": 2, "acceptable": 1}.get(judgement, 0)
                        },
                        "feedback": "Why.",
                        "to": nxt,
                    }
                    for j, (text, judgement) in enumerate(options)
                ]
            },
        }
    scenes["risk"] = {
        "checklist": {
            "offered": [
                "strangulation",
                "very-frightened",
                "tidy-home",
                "employed",
                "jealousy-control",
            ],
            "present": {"strangulation": 3, "very-frightened": 2},
            "must_identify": ["strangulation"],
            "competency": "risk-identification",
            "to": "rate",
        }
    }
    scenes["rate"] = {
        "rating": {
            "scale": "three-level",
            "expected": "medium",
            "competency": "risk-identification",
            "critical_under_by": 1,
            "over_weight": 0.9,
            "under_weight": 1.0,
            "to": "end",
        }
    }
    scenes["end"] = {"text": "The end.", "ending": {"outcome": "good"}}
    return {
        "format": 1,
        "id": "linear",
        "title": "Linear",
        "version": "1.0",
        "authors": ["Tests"],
        "jurisdiction": "england",
        "focus": "victim-safeguarding",
        "level": "introductory",
        "minutes": 5,
        "summary": "A generated case.",
        "content_note": "Domestic abuse.",
        "learning_outcomes": ["Judgement."],
        "scoring": {"pass_mark": 70, "minimums": {"communication": 70, "risk-identification": 75}},
        "start": "d0",
        "scenes": scenes,
    }


LONG = "Do the careful, thorough thing that a textbook would describe at great length."
SHORT_GOOD = "Do the right thing."
SHORT_BAD = "Do a bad thing."
MIDDLE = "Do something that sounds fine."


def write(tmp_path: Path, data: dict[str, Any], name: str = "linear.yaml") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def tell_tale(tmp_path: Path) -> Path:
    """The expected option is always first and longest: the tells issue 12 measured."""
    decisions = [[(LONG, "expected"), (SHORT_BAD, "unsafe"), (MIDDLE, "poor")] for _ in range(4)]
    return write(tmp_path, linear_case(decisions))


def judged(tmp_path: Path) -> Path:
    """Expected options sit anywhere and are never the longest; longer options are unsafe."""
    decisions = [
        [(LONG, "unsafe"), (SHORT_GOOD, "expected"), (MIDDLE, "poor")],
        [(MIDDLE, "poor"), (LONG, "unsafe"), (SHORT_GOOD, "expected")],
        [(SHORT_GOOD, "expected"), (MIDDLE, "poor"), (LONG, "unsafe")],
        [(MIDDLE, "acceptable"), (SHORT_GOOD, "expected"), (LONG, "unsafe")],
    ]
    return write(tmp_path, linear_case(decisions))


def test_the_registry_holds_the_issue_12_strategies() -> None:
    assert list(STRATEGIES)[:8] == [
        "longest",
        "first",
        "last",
        "tick-all",
        "top-rating",
        "longest+tick-all+top",
        "first+tick-all+top",
        "last+tick-all+top",
    ]


def test_a_case_with_tells_is_passed_by_test_wise_learners(tmp_path: Path) -> None:
    loaded = load_case(tell_tale(tmp_path))
    outcomes = {o.strategy.name: o for o in play_all(loaded)}
    assert outcomes["longest"].passed and outcomes["first"].passed
    assert not outcomes["last"].passed  # the last option is critical here
    # ticking everything on a checklist with as many foils as indicators fails the minimum
    assert not outcomes["tick-all"].passed
    assert outcomes["tick-all"].result.percents["risk-identification"] < 75
    # over-rating costs 90% here, so rating at the top fails too
    assert not outcomes["top-rating"].passed


def test_trainer_test_fails_such_a_case_and_prints_every_score(tmp_path: Path) -> None:
    path = tell_tale(tmp_path)
    result = CliRunner().invoke(main, ["test", str(path)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "test-wise learners (pass mark 70%):" in out
    for name in STRATEGIES:
        assert f"    {name} " in out
    longest = next(line for line in out.splitlines() if line.startswith("    longest "))
    assert "100%" in longest and "PASSES" in longest
    assert f"{path}:" in out and "[test-wise] the learner 'longest'" in out
    assert "2 test-wise learner(s) pass" in out


def test_a_case_that_tests_judgement_passes_trainer_test(tmp_path: Path) -> None:
    path = judged(tmp_path)
    loaded = load_case(path)
    assert not any(o.passed for o in play_all(loaded))
    result = CliRunner().invoke(main, ["test", str(path)])
    assert result.exit_code == 0, result.output
    assert "no test-wise learner passes" in result.output


def test_a_new_strategy_is_played_once_registered(tmp_path: Path) -> None:
    loaded = load_case(judged(tmp_path))
    shortest = Strategy(
        "shortest",
        "always the shortest option",
        lambda options: min(options, key=lambda c: len(c.text)),
        testwise.best_ticks,
        testwise.best_level,
    )
    register(shortest)
    try:
        outcome = {o.strategy.name: o for o in play_all(loaded)}["shortest"]
        assert outcome.passed  # the expected option is the shortest in every decision
        result = CliRunner().invoke(main, ["test", str(judged(tmp_path / "again"))])
        assert "[test-wise] the learner 'shortest'" in result.output
        assert result.exit_code == 1
    finally:
        del STRATEGIES["shortest"]


def test_learners_are_deterministic_and_stop_in_a_loop(tmp_path: Path) -> None:
    loaded = load_case(tell_tale(tmp_path))
    assert play(loaded, STRATEGIES["longest"]) == play(loaded, STRATEGIES["longest"])
    data = linear_case([[(LONG, "expected"), (SHORT_BAD, "unsafe")] for _ in range(3)])
    # a loop the longest option never leaves (the case can still be finished another way)
    data["scenes"]["d2"]["decision"]["options"][0]["to"] = "d1"
    data["scenes"]["d2"]["decision"]["options"][1].update(
        to="risk", judgement="expected", critical=False, points={"communication": 2}
    )
    looped = load_case(write(tmp_path / "loop", data))
    outcome = play(looped, STRATEGIES["longest"])
    assert outcome.result is None and "never ends" in outcome.problem
    assert not outcome.passed


def test_small_cases_show_but_do_not_count_test_wise_passes(tmp_path: Path) -> None:
    data = linear_case([[(LONG, "expected"), (SHORT_BAD, "unsafe")] for _ in range(2)])
    path = write(tmp_path, data)
    result = CliRunner().invoke(main, ["test", str(path)])
    assert "PASSES" in result.output and "not counted" in result.output
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- representative answers


def test_trainer_test_tries_weaker_checklist_and_rating_answers(write_case) -> None:
    # issue 12: missing key indicators passed at 89% because only the best answers were tried
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["risk"]["checklist"].pop("must_identify")
        d["scenes"]["rate"]["rating"].pop("critical_under_by")

    report = check_paths(load_case(write_case(edit)))
    messages = [f.message for f in report.failures if f.invariant == "unsafe-passes"]
    missing = [m for m in messages if "missing 'He has strangled" in m]
    assert missing and "must_identify" in missing[0]
    under = [m for m in messages if "rating 'rate' 2 level(s) under" in m]
    assert under and "critical_under_by" in under[0]


def test_the_mini_case_passes_with_its_must_identify_and_critical_rating(mini) -> None:
    assert check_paths(mini).ok


def test_validate_warns_when_the_model_answer_passes_with_an_unsafe_risk_answer(
    write_case,
) -> None:
    from trainer.core.loader import check_case

    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["risk"]["checklist"].pop("must_identify")

    loaded, problems = check_case(write_case(edit))
    assert loaded is not None
    found = [p for p in problems if "missing 'He has strangled" in p.message]
    assert found and found[0].severity == "warning"
    assert "an unsafe risk judgement" in found[0].message and "must_identify" in found[0].message
    line = write_case(edit).read_text().splitlines()[found[0].line - 1]
    assert line.strip() == "risk:"
