"""`trainer new` and `trainer test` through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.tutor.conftest import MINI, edit, line_of
from trainer.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_new_case_passes_strict_validation_and_tests(tmp_path: Path) -> None:
    folder = tmp_path / "my-cases"
    code, out = run("new", "first-call", "--folder", str(folder), "--title", 'Alex "rings"')
    assert code == 0, out
    case = folder / "first-call.yaml"
    assert case.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./case.schema.json\n"
    )
    assert (folder / "case.schema.json").is_file()
    assert (folder / "first-call.expect.yaml").is_file()
    code, out = run("validate", "--strict", str(case))
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out
    code, out = run("test", str(case))
    assert code == 0, out
    assert "3 of 3 expectation(s) met" in out


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path: Path) -> None:
    assert run("new", "a-case", "--folder", str(tmp_path))[0] == 0
    before = (tmp_path / "a-case.yaml").read_text(encoding="utf-8")
    code, out = run("new", "a-case", "--folder", str(tmp_path))
    assert code == 1 and "already exists" in out
    assert (tmp_path / "a-case.yaml").read_text(encoding="utf-8") == before
    code, out = run("new", "Bad Id", "--folder", str(tmp_path))
    assert code == 1 and "not a valid case id" in out
    assert "Traceback" not in out


def test_test_passes_on_the_mini_case() -> None:
    code, out = run("test", str(MINI))
    assert code == 0, out
    assert "mini.yaml: ok: all 4 paths" in out


def test_test_fails_with_located_failures(mini_copy: Path) -> None:
    edit(mini_copy, "          reveals: [spoke-to-us]\n", "          points: {communication: 2}\n")
    code, out = run("test", str(mini_copy))
    assert code == 1
    where = f"{mini_copy}:{line_of(mini_copy, '  lee-arrives:')}:"
    assert where in out
    assert "[unsafe-passes]" in out and "tell-him" in out
    assert "1 case(s) tested:" in out


def test_test_checks_expectation_files(mini_copy: Path) -> None:
    expect = mini_copy.with_name("mini.expect.yaml")
    expect.write_text(
        "paths:\n  - name: safe\n    choices: [check-safe, listen, from-records]\n"
        "    expect: {passed: false}\n",
        encoding="utf-8",
    )
    code, out = run("test", str(mini_copy.parent))
    assert code == 1
    assert f"{expect}:4:" in out and "expectation 'safe'" in out
    assert "0 of 1 expectation(s) met" in out


def test_test_samples_when_there_are_many_paths() -> None:
    code, out = run("test", "--sample", "2", "--seed", "5", str(MINI))
    assert code == 0, out
    assert "a random sample of 2 of 4 paths" in out and "(seed 5)" in out


def test_test_reports_a_case_that_does_not_load(mini_copy: Path) -> None:
    edit(mini_copy, "start: door", "start: doorr")
    code, out = run("test", str(mini_copy))
    assert code == 1
    assert "does not exist" in out and "FAIL (the case does not load)" in out
    code, out = run("test", str(mini_copy.parent / "missing.yaml"))
    assert code == 2


def test_tutor_command_has_help_and_checks_its_folder(tmp_path: Path) -> None:
    code, out = run("tutor", "--help")
    assert code == 0 and "tutor mode" in out
    code, out = run("tutor", str(tmp_path / "missing"))
    assert code == 2 and "does not exist" in out


def test_repeated_failures_are_grouped() -> None:
    from trainer.core.loader import load_case
    from trainer.core.pathcheck import PathCheck, PathFailure

    one = (("door", "check-safe"),)
    two = (("door", "ask-straight"),)
    report = PathCheck(load_case(MINI), 2, 2, False, None, None)
    report.failures = [
        PathFailure("unsafe-passes", "passes at 80%", one, "lee-arrives", "best:tell him"),
        PathFailure("unsafe-passes", "passes at 70%", two, "lee-arrives", "best:tell him"),
        PathFailure("unsafe-passes", "passes at 70%", two, "lee-arrives", "worst:tell him"),
    ]
    grouped = report.grouped()
    assert [(f.steps, count) for f, count in grouped] == [(one, 2), (two, 1)]
