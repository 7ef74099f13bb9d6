"""The `trainer` command line, run as a user would (in-process and as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"
BEST_ANSWERS = "1\n3\n1\n1,2\n3\n1\n"
CRITICAL_ANSWERS = "1\n3\n1\n1,2\n3\n2\n"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=stdin,
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )


def test_every_command_has_help() -> None:
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert len(result.output.strip()) > 40, name


def test_validate_clean_case_exits_zero() -> None:
    result = CliRunner().invoke(main, ["validate", "--strict", str(MINI)])
    assert result.exit_code == 0
    assert "0 error(s), 0 warning(s)" in result.output


def test_validate_broken_case_prints_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text().replace("to: talk", "to: tallk"))
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "did you mean 'talk'" in result.output
    assert "Traceback" not in result.output


def test_validate_json_and_usage_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(MINI)])
    data = json.loads(result.output)
    assert data["errors"] == 0 and data["files"] == 1
    missing = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2


def test_validate_paths_prints_the_path_table() -> None:
    result = CliRunner().invoke(main, ["validate", "--paths", str(MINI)])
    assert "4 complete path(s)" in result.output
    assert "check-safe > listen > from-records → good-end" in result.output


def test_schema_is_draft07_json() -> None:
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "content_note" in schema["required"]
    assert "$defs" not in result.output


def test_bundled_schema_file_is_current() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert (ROOT / "scenarios" / "case.schema.json").read_text() == result.output, (
        "run: trainer schema --out scenarios/case.schema.json"
    )


def test_piped_play_of_the_expected_path_passes() -> None:
    proc = run("play", str(MINI), stdin=BEST_ANSWERS)
    assert proc.returncode == 0, proc.stderr
    assert "Passed — 100%" in proc.stdout
    assert "Content note:" in proc.stdout


def test_piped_play_with_a_critical_choice_fails_and_says_why() -> None:
    proc = run("play", str(MINI), stdin=CRITICAL_ANSWERS)
    assert proc.returncode == 0
    assert "Not passed" in proc.stdout
    assert "Safety-critical error: Tell him Sam has told you" in proc.stdout
    assert "disclosed in confidence" in proc.stdout


def test_play_with_bad_input_asks_again_and_stops_cleanly_at_end_of_input() -> None:
    proc = run("play", str(MINI), stdin="9\nabc\n1\n")
    assert "Please enter a number from 1 to 2." in proc.stdout
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr


def test_play_of_a_broken_case_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: [\n")
    proc = run("play", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:" in proc.stderr and "Traceback" not in proc.stderr


def test_a_catalogue_named_directly_is_checked_as_a_catalogue(tmp_path: Path) -> None:
    bad = tmp_path / "catalogue.yaml"
    bad.write_text("format: 1\ncompetencies: {}\n")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "competencies" in result.output and "1 file(s) checked: 1 error(s)" in result.output
    good = ROOT / "scenarios" / "catalogue.yaml"
    result = CliRunner().invoke(main, ["validate", "--strict", str(good), str(MINI)])
    assert result.exit_code == 0, result.output


def test_piped_play_shows_the_debrief_tables_as_columns() -> None:
    """The debrief's competency table reads as aligned columns in a terminal, not as
    Markdown source with pipes, and no line ends in Markdown's two-space line break."""
    result = CliRunner().invoke(main, ["play", str(MINI)], input=BEST_ANSWERS)
    assert result.exit_code == 0, result.output
    debrief = result.output.split("Debrief:", 1)[1]
    assert "|---" not in debrief and "| Competency" not in debrief
    header = next(line for line in debrief.splitlines() if line.startswith("Competency"))
    assert header.split() == ["Competency", "Score", "Minimum"]
    under = debrief.splitlines()[debrief.splitlines().index(header) + 1]
    assert set(under) == {"─", " "}
    assert not [line for line in result.output.splitlines() if line.endswith("  ")]
