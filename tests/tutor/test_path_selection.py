"""`--paths` and the path table show the paths a tutor needs first (issue 10, tutors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt

from tests.tutor.conftest import MINI, edit
from trainer.cli import main
from trainer.core.errors import TrainerError
from trainer.core.graph import iter_paths, path_reports
from trainer.core.loader import bundled_scenarios, check_case, load_case
from trainer.core.pathselect import (
    BEST_FAILING,
    PASSES_POOR,
    PASSES_UNSAFE,
    WORST_PASSING,
    iter_paths_through,
    resolve_choice,
    select_paths,
)
from trainer.ui.tutor.pathtable import PathTable

# Bundled cases are rewritten from time to time, so nothing here depends on their path
# counts or choice ids: the small case is the mini fixture (every path scored exactly) and
# the large ones are read for what they are.
BIG = bundled_scenarios() / "father-minimises-first-contact.yaml"  # hundreds of millions
REAL = bundled_scenarios() / "first-visit-after-police-referral.yaml"  # over a million
SMALL = MINI  # a handful of paths: all scored


def _choices(report) -> set[str]:
    return set(report.choice_ids)


def _poor_or_unsafe(report) -> str | None:
    judged = {s.judgement for s in report.best.steps if s.kind == "choice"}
    return "unsafe" if "unsafe" in judged else "poor" if "poor" in judged else None


def test_on_a_small_case_the_choice_is_exact() -> None:
    loaded = load_case(SMALL)
    every = path_reports(loaded, 10_000)
    assert len(every) == loaded.analysis.path_count
    selection = select_paths(loaded, limit=1_000)
    assert selection.exhaustive and selection.total == len(every)
    rows = selection.rows
    flagged = [r for r in every if r.best.passed and _poor_or_unsafe(r)]
    # every passing path with a poor or unsafe choice comes first, unsafe ones before poor
    assert {r.report.steps for r in rows[: len(flagged)]} == {r.steps for r in flagged}
    kinds = [PASSES_UNSAFE in r.reasons for r in rows[: len(flagged)]]
    assert kinds == sorted(kinds, reverse=True)
    for row in rows[: len(flagged)]:
        assert {PASSES_UNSAFE, PASSES_POOR} & set(row.reasons)
    passing = [r for r in every if r.best.passed]
    failing = [r for r in every if not r.best.passed]
    worst_pass = next(r for r in rows if WORST_PASSING in r.reasons)
    best_fail = next(r for r in rows if BEST_FAILING in r.reasons)
    assert worst_pass.report.best.percent == min(r.best.percent for r in passing)
    assert best_fail.report.best.percent == max(r.best.percent for r in failing)
    assert not best_fail.report.best.passed and worst_pass.report.best.passed
    # one path through each choice the case offers on a complete path
    reachable = {c for r in every for c in r.choice_ids}
    firsts = {c for r in rows for why in r.reasons if why.startswith("through ") for c in [why[8:]]}
    assert firsts == reachable
    # nothing left out and nothing twice
    assert len({r.report.steps for r in rows}) == len(rows) == len(every)


def test_a_real_case_shows_its_passing_paths_not_200_failures() -> None:
    loaded = load_case(REAL)
    selection = select_paths(loaded, limit=200)
    assert selection.rows[0].report.best.passed
    assert sum(r.report.best.passed for r in selection.rows) >= 3


def test_a_large_case_shows_passing_paths_first_not_file_order() -> None:
    loaded = load_case(BIG)
    selection = select_paths(loaded, limit=200)
    assert not selection.exhaustive and selection.total == loaded.analysis.path_count
    assert len(selection.rows) == 200
    assert selection.rows[0].report.best.passed
    assert any(WORST_PASSING in r.reasons for r in selection.rows)
    assert any(BEST_FAILING in r.reasons for r in selection.rows)
    shown = {c for r in selection.rows for c in r.choice_ids}
    every_choice = {
        c.id for s in loaded.case.scenes.values() if s.decision for c in s.decision.options
    }
    assert shown == every_choice
    assert "chosen from the" in selection.heading()


def test_paths_through_a_choice_are_exactly_those_that_take_it() -> None:
    loaded = load_case(SMALL)
    every = iter_paths(loaded, 10_000)
    offered = sorted(
        {c.id for s in loaded.case.scenes.values() if s.decision for c in s.decision.options}
    )
    assert len(offered) >= 3
    for choice in offered:
        wanted = resolve_choice(loaded, choice)
        expected = [p for p in every if any(step in wanted for step in p)]
        assert iter_paths_through(loaded, wanted, 10_000) == expected
        selection = select_paths(loaded, 1_000, through=choice)
        assert selection.total == len(expected)
        assert all(choice in r.choice_ids for r in selection.rows)


def test_through_a_choice_in_a_large_case_counts_its_paths() -> None:
    loaded = load_case(BIG)
    start = loaded.case.scenes[loaded.case.start]
    choice = start.decision.options[0].id if start.decision else None
    if choice is None:  # the first decision further on
        choice = next(
            c.id for s in loaded.case.scenes.values() if s.decision for c in s.decision.options
        )
    selection = select_paths(loaded, 20, through=choice)
    assert selection.total >= 20
    if selection.total_known:  # counted exactly up to a bound; above it, a lower bound
        assert selection.total < loaded.analysis.path_count
    assert len(selection.rows) == 20
    assert all(choice in r.choice_ids for r in selection.rows)


def test_an_unknown_choice_suggests_one() -> None:
    with pytest.raises(TrainerError) as info:
        select_paths(load_case(MINI), through="tell-hm")
    assert "did you mean 'tell-him'" in str(info.value)


def test_cli_paths_through_a_choice() -> None:
    result = CliRunner().invoke(main, ["validate", str(MINI), "--through", "tell-him"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "→" in line and "#" not in line]
    assert len(rows) == 2 and all("tell-him" in line for line in rows)
    assert "2 complete path(s) through 'tell-him'" in result.output
    bad = CliRunner().invoke(main, ["validate", str(MINI), "--through", "nope"])
    assert bad.exit_code == 1 and "no choice 'nope'" in bad.output
    # the problem and the advice read as two sentences, the problem in file: error: form
    assert f"{MINI}: error: This case has no choice 'nope'.\n" in bad.output
    assert "\nGive a choice id from the case" in bad.output


def test_cli_paths_say_why_each_is_shown() -> None:
    result = CliRunner().invoke(main, ["validate", str(BIG), "--paths", "--limit", "30"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "→" in line and "#" not in line]
    assert len(rows) == 30
    assert "pass" in rows[0].split()[2] or "depends" in rows[0].split()[2]
    assert f"[{PASSES_POOR}" in rows[0] or f"[{PASSES_UNSAFE}" in rows[0]
    assert any(BEST_FAILING in row for row in rows)


def test_the_expected_path_warning_names_the_other_path(mini_copy: Path) -> None:
    edit(
        mini_copy,
        "          judgement: poor\n          points: {communication: 0}",
        "          judgement: poor\n          points: {communication: 5}",
    )
    _, problems = check_case(mini_copy)
    (warning,) = [p for p in problems if "earns only" in p.message]
    assert "another path earns more there (ask-straight > listen > from-records)" in (
        warning.message
    )


def test_path_table_filters_by_choice(qtbot) -> None:
    table = PathTable()
    qtbot.addWidget(table)
    table.set_case(load_case(MINI))
    table.show()
    assert table.model.rowCount() == 4
    index = table.through.findText("tell-him", Qt.MatchFlag.MatchStartsWith)
    assert index > 0
    table.through.setFocus()
    table.through.setCurrentIndex(index)  # as choosing it in the list does
    qtbot.waitUntil(lambda: table.model.rowCount() == 2)
    column = table.model.columns().index("Path")
    paths = [table.proxy.index(r, column).data() for r in range(table.proxy.rowCount())]
    assert all("tell-him" in p for p in paths)
    assert "through 'tell-him'" in table.notes.text()
    why = table.model.columns().index("Why shown")
    assert any(
        BEST_FAILING in (table.proxy.index(r, why).data() or "")
        for r in range(table.proxy.rowCount())
    )
    # the filter survives an edit of the same case, and "All paths" clears it
    table.set_case(load_case(MINI))
    assert table.model.rowCount() == 2
    qtbot.keyClick(table.through, Qt.Key.Key_Home)
    assert table.through.currentText() == PathTable.ALL and table.model.rowCount() == 4


def test_cli_paths_in_json_are_the_printed_paths() -> None:
    """--format json with --paths or --through gives the paths (not silently nothing), and
    a --through that names no choice is an error there too (exit 1)."""
    import json

    printed = CliRunner().invoke(main, ["validate", str(MINI), "--through", "tell-him"])
    result = CliRunner().invoke(
        main, ["validate", str(MINI), "--through", "tell-him", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.output)["paths"]
    assert entry["total"] == 2 and len(entry["paths"]) == 2
    rows = [line for line in printed.output.splitlines() if "→" in line and "#" not in line]
    for row, path in zip(rows, entry["paths"], strict=True):
        assert " > ".join(path["choices"]) + " → " + path["ending"] in row
        assert path["verdict"] in row.split()
    bad = CliRunner().invoke(main, ["validate", str(MINI), "--through", "nope", "--format", "json"])
    assert bad.exit_code == 1
    report = json.loads(bad.output)
    assert report["errors"] == 1 and "no choice 'nope'" in report["paths"][0]["error"]
