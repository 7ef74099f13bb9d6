"""Issue 11: size and file-type checks before reading, and invisible characters warned."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.core.errors import CaseError
from trainer.core.loader import check_case, load_catalogue
from trainer.core.yamlsource import MAX_BYTES, read_yaml_file

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "scenarios" / "catalogue.yaml", tmp_path / "catalogue.yaml")
    return tmp_path


def test_a_4_gb_file_is_refused_at_once_without_reading_it(folder: Path) -> None:
    huge = folder / "huge.yaml"
    with huge.open("wb") as out:
        out.truncate(4 * 2**30)  # sparse: no disk used, but 4 GB to anything that reads it
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded, problems = check_case(huge)
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert loaded is None
    (problem,) = problems
    assert "4295.0 MB" in problem.message and "at most 2 MB" in problem.message
    assert took < 1.0 and peak < 5_000_000, (took, peak)


def test_a_file_that_grows_past_the_limit_is_cut_off(folder: Path) -> None:
    path = folder / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    _, problems = check_case(path)
    assert "at most 2 MB" in problems[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_with_a_plain_message() -> None:
    started = time.perf_counter()
    loaded, problems = check_case(Path("/dev/zero"))
    assert loaded is None and time.perf_counter() - started < 1.0
    (problem,) = problems
    assert problem.message.startswith("this is not a regular file (a device, pipe or socket)")
    assert problem.line == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting(folder: Path) -> None:
    fifo = folder / "case.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    loaded, problems = check_case(fifo)
    assert loaded is None and "not a regular file" in problems[0].message
    with pytest.raises(Exception) as info:
        read_yaml_file(fifo)
    assert "not a regular file" in str(info.value)
    assert time.perf_counter() - started < 1.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_catalogue_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "catalogue.yaml"
    os.mkfifo(fifo)
    with pytest.raises(CaseError) as info:
        load_catalogue(fifo)
    assert "not a regular file" in info.value.problems[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_validate_on_dev_zero_says_so() -> None:
    result = CliRunner().invoke(main, ["validate", "/dev/zero"])
    assert result.exit_code == 1
    assert "/dev/zero:1:1: error: this is not a regular file" in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- invisible text


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200d", "ZERO WIDTH JOINER"),
    ],
)
def test_invisible_characters_in_case_text_are_warned_where_they_are(
    folder: Path, char: str, name: str
) -> None:
    text = MINI.read_text(encoding="utf-8")
    line = "    text: Lee is angry as you leave."
    path = folder / "case.yaml"
    path.write_text(text.replace(line, line.replace("angry", f"an{char}gry")), encoding="utf-8")
    loaded, problems = check_case(path)
    assert loaded is not None  # a warning: the case still loads
    (warning,) = [p for p in problems if "invisible character" in p.message]
    assert warning.severity == "warning" and name in warning.message
    assert warning.line == text.splitlines().index(line) + 1
    assert warning.column == line.index("angry") + 3


def test_joiners_inside_other_scripts_are_not_warned(folder: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    path = folder / "case.yaml"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a ZWNJ inside a Persian word
    path.write_text(
        text.replace("Lee is angry as you leave.", f"Lee is angry as you leave. {persian}"),
        encoding="utf-8",
    )
    _, problems = check_case(path)
    assert not [p for p in problems if "invisible" in p.message]
