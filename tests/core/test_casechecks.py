"""Checks that a case tests judgement: option lengths, critical flags, person ids, stats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_testwise import LONG, MIDDLE, SHORT_BAD, SHORT_GOOD, linear_case, write
from trainer.cli import main
from trainer.core.casechecks import id_matches_name
from trainer.core.loader import check_case


def messages(path: Path) -> list[str]:
    _loaded, problems = check_case(path)
    return [f"{p.severity}: {p.message} @{p.line}" for p in problems]


def test_expected_longest_in_most_decisions_is_warned_with_how_many_and_which(
    tmp_path: Path,
) -> None:
    decisions = [
        [("Tell her what to do next.", "unsafe"), ("Ask her what she needs today.", "expected")],
        [("Ask her what she needs today.", "expected"), ("Tell her what to do next.", "poor")],
        [(SHORT_GOOD, "expected"), (MIDDLE, "poor")],
    ]
    found = messages(write(tmp_path, linear_case(decisions)))
    (case_level,) = [m for m in found if "is the longest in" in m]
    assert case_level.startswith("warning:")
    assert "the expected option is the longest in 2 of 3 decisions (d0, d1)" in case_level
    assert not [m for m in found if "times as long" in m]  # none is over 1.5x


def test_half_or_fewer_is_not_warned(tmp_path: Path) -> None:
    decisions = [
        [(SHORT_BAD, "unsafe"), (MIDDLE + " And a bit.", "expected")],
        [(SHORT_GOOD, "expected"), (MIDDLE, "poor")],
    ]
    assert not [m for m in messages(write(tmp_path, linear_case(decisions))) if "longest in" in m]


def test_an_expected_option_over_one_and_a_half_times_every_other_is_warned(
    tmp_path: Path,
) -> None:
    decisions = [
        [(LONG, "expected"), (MIDDLE, "poor"), (SHORT_BAD, "unsafe")],
        [(SHORT_GOOD, "expected"), (MIDDLE, "poor")],
        [(SHORT_GOOD, "expected"), (LONG, "unsafe")],
    ]
    path = write(tmp_path, linear_case(decisions))
    (ratio,) = [m for m in messages(path) if "times as long" in m]
    assert "the expected option in 'd0' is 2.6 times as long as the longest other option" in ratio
    line = int(ratio.rsplit("@", 1)[1])
    assert "decision:" in path.read_text().splitlines()[line - 1]


def test_a_choice_setting_a_critical_flag_must_be_critical(tmp_path: Path) -> None:
    decisions = [
        [(SHORT_GOOD, "expected"), (MIDDLE, "unsafe"), (LONG, "poor")],
        [(MIDDLE, "expected"), (SHORT_BAD, "unsafe")],
        [(SHORT_GOOD, "expected"), (LONG, "unsafe")],
    ]
    data = linear_case(decisions)
    data["critical_flags"] = ["told_him", "never_set"]
    options = data["scenes"]["d0"]["decision"]["options"]
    options[1]["sets"] = ["told_him"]  # unsafe and critical: consistent
    options[2]["sets"] = ["told_him"]  # poor and not critical: inconsistent
    data["scenes"]["d1"]["decision"]["options"][1]["if"] = "told_him"
    path = write(tmp_path, data)
    loaded, problems = check_case(path)
    assert loaded is None  # the inconsistency is an error
    (error,) = [p for p in problems if "critical_flags" in p.message]
    assert error.severity == "error" and "choice 'o0-2' sets 'told_him'" in error.message
    assert "told_him" in path.read_text().splitlines()[error.line - 1]
    never = [p for p in problems if "'never_set' is never set" in p.message]
    assert never and never[0].severity == "warning"


@given(st.sampled_from(["Gareth Pritchard", "DC Femi Okafor", "Elizabeth Jones", "Siân Lloyd"]))
def test_ids_from_names_are_accepted(name: str) -> None:
    words = name.lower().replace("â", "a").split()
    for candidate in (
        words[0],
        words[-1],
        "-".join(words),
        words[0][:3],
        "".join(w[0] for w in words),
    ):
        assert id_matches_name(candidate, name), candidate


def test_ids_that_drifted_from_names_are_warned(tmp_path: Path, write_case) -> None:
    # issue 12: 'craig' for Graham, 'priya' for Claire, 'sophie' for Chloe
    for pid, name in (
        ("craig", "Graham Atkinson"),
        ("priya", "Claire Donnelly"),
        ("sophie", "Chloe Bennett"),
    ):
        assert not id_matches_name(pid, name)
    assert id_matches_name("liz", "Elizabeth Hughes") and id_matches_name("gaz", "Gareth Pike")

    def edit(d: dict[str, Any]) -> None:
        d["people"]["lee"]["name"] = "Craig Carter"

    found = [m for m in messages(write_case(edit)) if "person id" in m]
    assert (
        found == [found[0]]
        and "warning: person id 'lee' does not match the name learners see, 'Craig Carter'"
        in found[0]
    )


def test_stats_prints_library_figures_as_text_and_json(tmp_path: Path) -> None:
    decisions = [
        [
            (LONG, "expected"),
            (MIDDLE, "acceptable"),
            (SHORT_BAD, "unsafe"),
        ],  # longest, 2 defensible
        [(SHORT_GOOD, "expected"), (MIDDLE, "unsafe")],  # every other option unsafe
        [(SHORT_GOOD, "expected"), (MIDDLE, "poor"), (LONG, "unsafe")],
        [(MIDDLE, "expected"), (SHORT_GOOD, "expected")],  # two expected, longest expected
    ]
    path = write(tmp_path, linear_case(decisions))
    result = CliRunner().invoke(main, ["stats", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    library = json.loads(result.output)["library"]
    assert library["cases"] == 1 and library["decisions"] == 4
    assert library["expected_longest"] == 2 and library["expected_longest_percent"] == 50.0
    assert library["two_defensible"] == 2 and library["others_all_unsafe"] == 1
    ratios = sorted(
        [
            len(LONG) / len(MIDDLE),
            len(SHORT_GOOD) / len(LONG),
            len(SHORT_GOOD) / len(MIDDLE),
            len(MIDDLE) / len(SHORT_GOOD),
        ]
    )
    assert library["median_length_ratio"] == round((ratios[1] + ratios[2]) / 2, 2)
    text = CliRunner().invoke(main, ["stats", str(path)]).output
    assert "the expected option is the longest" in text and "50.0%" in text
    assert "linear" in text  # the per-case row
