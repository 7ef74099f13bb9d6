"""`trainer validate FILE.expect.yaml` checks an expectation file as one (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.tutor.conftest import line_of
from tests.tutor.test_expectations import GOOD
from trainer.cli import main


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_good_expectation_file_validates(mini_copy: Path) -> None:
    expect = mini_copy.with_name("mini.expect.yaml")
    expect.write_text(GOOD, encoding="utf-8")
    code, out = _validate(str(expect))
    assert code == 0, out
    assert "missing required field" not in out
    assert "1 file(s) checked: 0 error(s), 0 warning(s)." in out


def test_an_unmet_expectation_is_located_in_the_expectation_file(mini_copy: Path) -> None:
    expect = mini_copy.with_name("mini.expect.yaml")
    expect.write_text(GOOD.replace("critical: [tell-him]", "critical: []"), encoding="utf-8")
    code, out = _validate(str(expect))
    assert code == 1
    line = line_of(expect, "critical: []}")
    assert f"{expect}:{line}:" in out and "telling him" in out


def test_a_malformed_expectation_file_gets_expectation_errors(mini_copy: Path) -> None:
    expect = mini_copy.with_name("mini.expect.yaml")
    expect.write_text("paths:\n  - name: x\n    choices: [a]\n    expct: {}\n", encoding="utf-8")
    code, out = _validate("--format", "json", str(expect))
    assert code == 1
    messages = [p["message"] for p in json.loads(out)["problems"]]
    assert "unknown field 'expct'" in messages
    assert not any("'format'" in m or "'scenes'" in m for m in messages)  # not read as a case


def test_an_expectation_file_without_its_case_is_checked_for_format(tmp_path: Path) -> None:
    expect = tmp_path / "lonely.expect.yaml"
    expect.write_text(GOOD, encoding="utf-8")
    code, out = _validate(str(expect))
    assert code == 0
    assert "no case lonely.yaml next to this expectation file" in out


def test_expectation_files_and_cases_together(mini_copy: Path) -> None:
    expect = mini_copy.with_name("mini.expect.yaml")
    expect.write_text(GOOD, encoding="utf-8")
    code, out = _validate(str(mini_copy), str(expect))
    assert code == 0 and "2 file(s) checked: 0 error(s)" in out
