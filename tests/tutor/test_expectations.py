"""Expectation files (<case>.expect.yaml): parsing with locations, and checking results."""

from __future__ import annotations

from pathlib import Path

from tests.tutor.conftest import MINI, line_of
from trainer.core.expectations import (
    check_expectations,
    expectation_path,
    load_expectations,
)
from trainer.core.graph import decisions_for, iter_paths
from trainer.core.loader import load_case
from trainer.core.scoring import score_attempt

GOOD = """\
case: mini-home-visit
paths:
  - name: safe route
    choices: [check-safe, listen, from-records]
    expect:
      passed: true
      ending: good-end
      score: {min: 99, max: 100}
      competencies: {communication: {min: 100}}
      critical: []
  - name: telling him
    choices: [check-safe, listen, tell-him]
    expect: {passed: false, ending: poor-end, critical: [tell-him]}
  - name: under-rating
    choices: [check-safe, listen, from-records]
    answers: {rate: standard, risk: [strangulation]}
    expect:
      passed: false
      critical: [rate]
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / "mini.expect.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_expectation_file_sits_next_to_its_case() -> None:
    assert expectation_path(Path("a/b/case.yaml")) == Path("a/b/case.expect.yaml")


def test_met_expectations_have_no_problems(tmp_path: Path) -> None:
    loaded = load_case(MINI)
    expectations, problems = load_expectations(_write(tmp_path, GOOD))
    assert problems == [] and expectations is not None
    outcomes = check_expectations(loaded, expectations)
    assert [o.ok for o in outcomes] == [True, True, True], [o.problems for o in outcomes]
    # the result is the scoring engine's: same decisions, same figures
    labels = ["check-safe", "listen", "checklist", "rating", "from-records"]
    steps = next(p for p in iter_paths(loaded) if [c for _, c in p] == labels)
    assert outcomes[0].result == score_attempt(loaded, decisions_for(loaded, steps, best=True))


def test_unmet_expectation_is_located_at_its_line(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    expect: {passed: false, ending: poor-end, critical: [tell-him]}",
        "    expect: {passed: true, ending: poor-end}",
    )
    path = _write(tmp_path, text)
    expectations, _ = load_expectations(path)
    assert expectations is not None
    outcomes = check_expectations(load_case(MINI), expectations)
    bad = [o for o in outcomes if not o.ok]
    assert [o.name for o in bad] == ["telling him"]
    problem = bad[0].problems[0]
    assert problem.line == line_of(path, "expect: {passed: true, ending: poor-end}")
    assert "expected the attempt to pass, but it failed" in problem.message
    assert "Safety-critical error" in problem.message


def test_choice_not_offered_and_score_out_of_range(tmp_path: Path) -> None:
    text = """\
paths:
  - name: wrong turn
    choices: [check-safe, shout]
    expect: {passed: true}
  - name: too high
    choices: [ask-straight, listen, from-records]
    expect:
      score: {min: 90}
"""
    path = _write(tmp_path, text)
    expectations, _ = load_expectations(path)
    outcomes = check_expectations(load_case(MINI), expectations)
    first, second = outcomes
    assert "'shout' is not offered at scene 'talk' (offered: listen)" in first.problems[0].message
    assert first.problems[0].line == 3
    assert "expected a score of 90-100%" in second.problems[0].message
    assert second.problems[0].line == line_of(path, "score: {min: 90}")


def test_bad_file_gives_located_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, "paths:\n  - name: x\n    choices: [a]\n    expct: {passed: true}\n")
    expectations, problems = load_expectations(path)
    assert expectations is None
    messages = {(p.line, p.message) for p in problems}
    assert (4, "unknown field 'expct'") in messages
    assert any("missing required field 'expect'" in m for _, m in messages)
    broken = _write(tmp_path, "paths: [\n")
    expectations, problems = load_expectations(broken)
    assert expectations is None and problems[0].line >= 1 and problems[0].severity == "error"


def test_wrong_case_id_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("case: mini-home-visit", "case: another-case"))
    expectations, _ = load_expectations(path)
    outcomes = check_expectations(load_case(MINI), expectations)
    assert not outcomes[0].ok and outcomes[0].problems[0].line == 1
