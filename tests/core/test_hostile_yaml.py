"""Hostile and broken case files: always a located error, never an exception or a hang.

The committed corpus is in tests/fixtures/hostile/ (see its README.md); the
big ones (a 50 MB file, 2 MB of nesting, thousands of scenes) are written to
tmp_path at test time. Anything that could crash the interpreter (deep
nesting, alias bombs) runs in a subprocess with a timeout; everything else
runs under an alarm so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.core.errors import Problem
from trainer.core.loader import case_files, check_case
from trainer.core.session import Session

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "hostile"
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"

# Files that could kill or exhaust the interpreter if the loader regressed to
# yaml.compose/yaml.load: they are only ever checked in a subprocess.
IN_SUBPROCESS = {"deep-flow-nesting.yaml", "deep-block-nesting.yaml", "alias-bomb.yaml"}

# file -> (where the error must be: a line number, or text on that line; part of its message).
# The fragments are our own wording (the kind of problem), never a library's: libyaml's and
# pydantic's texts change between releases (libyaml 0.2.6 added its own nesting limit).
# Syntax errors are expected where libyaml notices them: an unclosed quote or bracket on
# line 4 or 11 is reported on the next line, as most YAML tools do.
EXPECTED: dict[str, tuple[int | str, str]] = {
    "alias-bomb.yaml": ('a: &a ["lol"', "anchors (&a) are not allowed"),
    "bad-catalogue/case.yaml": (5, "duplicate key 'communication'"),  # line 5 of its catalogue,
    "binary-garbage.yaml": (1, "not a text file"),
    "binary-no-nul.yaml": (1, "not UTF-8"),
    "binary-tag.yaml": ("!!binary", "is not allowed"),
    "comments-only.yaml": (1, "expected a mapping"),
    "complex-key.yaml": ("? [a, b]", "mapping key must be plain text"),
    "condition-deep-brackets.yaml": ("- if: (((", "condition"),
    "condition-long-and.yaml": ("- if: checked_safe and", "condition"),
    "condition-not-chain.yaml": ("- if: not not", "condition"),
    "control-characters.yaml": ("Sam opens the door.", "control characters"),
    "custom-tag.yaml": ("!include", "'!include' is not allowed"),
    "deep-block-nesting.yaml": ("level40:", "nesting is deeper"),
    "deep-flow-nesting.yaml": ("deep: [[[", "nesting is deeper"),
    "duplicate-key-top.yaml": ("minutes: 50", "duplicate key 'minutes'"),
    "duplicate-scene.yaml": (131, "duplicate key 'door'"),
    "empty.yaml": (1, "expected a mapping"),
    "huge-integer.yaml": ("minutes: 999", "digits"),
    "image-escape.yaml": ("image: ../../", "outside the case's folder"),
    "latin1.yaml": ("caf", "not UTF-8"),
    "merge-key.yaml": ("base: &person", "anchors (&person) are not allowed"),
    "missing-references.yaml": ("to: tallk", "leads to 'tallk', which does not exist"),
    "multi-document.yaml": (133, "one YAML document"),
    "non-finite-points.yaml": ("communication: .nan", "finite"),
    "python-name-tag.yaml": ("!!python/object/new", "is not allowed"),
    "python-tag.yaml": ("!!python/object/apply", "is not allowed"),
    "scalar-document.yaml": (1, "expected a mapping"),
    "scenes-list.yaml": ("scenes:", "should be a mapping"),
    "syntax-bad-indent.yaml": ("   role: perpetrator", "not valid YAML"),
    "syntax-unclosed-flow.yaml": (12, "not valid YAML"),
    "syntax-unclosed-quote.yaml": (5, "not valid YAML"),
    "tabs.yaml": ("\tname: Sam Carter", "tab"),
    "top-level-list.yaml": (1, "expected a mapping"),
    "unknown-fields.yaml": (
        "judgment: poor",
        "unknown field 'judgment' (did you mean 'judgement'?)",
    ),
    "utf16.yaml": (1, "text"),
    "wrong-types.yaml": ("minutes: about five", "should be a whole number"),
}


class TookTooLong(Exception):
    """Raised by the alarm: the loader hung (or nearly so) on a hostile file."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TookTooLong if the block runs longer than ``seconds`` (main thread, POSIX)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TookTooLong:
        # report it plainly: the interrupted frame may be one pytest cannot render
        pytest.fail(f"hang: still running after {seconds} s", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """A temporary folder with its own copy of the catalogue, so that a stray catalogue.yaml
    in a parent folder (find_catalogue walks up to /) cannot change the results."""
    shutil.copy(ROOT / "scenarios" / "catalogue.yaml", tmp_path / "catalogue.yaml")
    return tmp_path


def corpus_files() -> list[Path]:
    return case_files(CORPUS)


def corpus_name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def expected_line(path: Path, where: int | str) -> int:
    if isinstance(where, int):
        return where
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return next(n for n, line in enumerate(lines, 1) if where in line)


def assert_located(path: Path, problems: list[Problem]) -> None:
    """At least one error, and every problem carries a file and a line (1-based)."""
    assert any(p.severity == "error" for p in problems), "no error reported"
    for problem in problems:
        if problem.line == 0:  # allowed only for a problem that lives in another file ...
            assert "catalogue" in problem.message, problem
            assert any(p.line >= 1 and p.file != str(path) for p in problems)
            continue
        assert problem.line >= 1 and problem.column >= 1, problem
        assert Path(problem.file).exists(), problem


def check_in_subprocess(path: Path, timeout: float = 60) -> list[Problem]:
    """check_case in a fresh interpreter, so a segfault or runaway memory cannot take us down."""
    script = (
        "import json, sys; from pathlib import Path; "
        "from trainer.core.loader import check_case; "
        "loaded, problems = check_case(Path(sys.argv[1])); "
        "print(json.dumps({'loaded': loaded is not None, "
        "'problems': [p.as_dict() for p in problems]}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, (
        f"the loader crashed (exit {done.returncode}): {done.stderr[-2000:]}"
    )
    out = json.loads(done.stdout)
    assert not out["loaded"]
    return [Problem(**p) for p in out["problems"]]


# --------------------------------------------------------------------------- the corpus


def test_every_corpus_file_has_an_expectation() -> None:
    names = {corpus_name(p) for p in corpus_files()}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("path", corpus_files(), ids=corpus_name)
def test_hostile_file_gives_located_error(path: Path) -> None:
    if path.name in IN_SUBPROCESS:
        problems = check_in_subprocess(path)
    else:
        with time_limit(10):
            loaded, problems = check_case(path)
        assert loaded is None, f"{path.name} was accepted"
    assert_located(path, problems)
    where, fragment = EXPECTED[corpus_name(path)]
    line = expected_line(path, where)
    matches = [p for p in problems if fragment in p.message]
    assert matches, f"no problem says {fragment!r}: {[str(p) for p in problems]}"
    assert any(p.line == line for p in matches), (
        f"expected line {line}: {[str(p) for p in matches]}"
    )


def test_python_tags_are_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("python-tag.yaml", "python-name-tag.yaml"):
        check_case(CORPUS / name)
    assert not (tmp_path / "hostile-python-tag-ran").exists()


@pytest.mark.parametrize(
    "name", ["condition-long-and.yaml", "condition-not-chain.yaml", "condition-deep-brackets.yaml"]
)
def test_conditions_that_load_can_be_played(name: str) -> None:
    """Whatever the validator accepts, the engine must be able to play (no RecursionError)."""
    with time_limit(10):
        loaded, problems = check_case(CORPUS / name)
    if loaded is None:
        assert_located(CORPUS / name, problems)
        return
    session = Session(loaded)
    while not session.is_finished:
        assert session.text is not None
        if session.kind == "decision":
            session.choose(session.options[0].id)
        elif session.kind == "checklist":
            session.tick([session.options[0].id])
        elif session.kind == "rating":
            session.rate(session.options[-1].id)
        else:
            session.advance()


def test_unquoted_date_is_read_as_text(case_dir: Path) -> None:
    """`version: 2024-05-01` is a date to YAML; a tutor means the text, and gets it."""
    path = case_dir / "dated.yaml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace('version: "1.0"', "version: 2024-05-01"),
        encoding="utf-8",
    )
    loaded, problems = check_case(path)
    assert loaded is not None, [str(p) for p in problems]
    assert loaded.case.version == "2024-05-01"


# --------------------------------------------------------------------------- big files


def mini_head() -> str:
    """The metadata of the mini case, ready for generated scenes."""
    text = MINI.read_text(encoding="utf-8").split("rules:\n")[0]
    return text.replace("  minimums:\n    communication: 50\n    risk-identification: 40\n", "")


def test_50mb_file_is_refused_quickly(case_dir: Path) -> None:
    path = case_dir / "huge.yaml"
    filler = "# " + "x" * 98 + "\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(MINI.read_text(encoding="utf-8"))
        for _ in range(50 * 10_000):
            out.write(filler)
    assert path.stat().st_size > 50_000_000
    with time_limit(10):
        loaded, problems = check_case(path)
    assert loaded is None
    assert_located(path, problems)
    assert "MB" in problems[0].message


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_two_megabytes_of_nesting_in_subprocess(case_dir: Path, opener: str) -> None:
    path = case_dir / "nested.yaml"
    depth = 1_900_000 // len(opener)
    closer = "]" if opener == "[" else "}"
    path.write_text(f"deep: {opener * depth}{closer * depth}\n", encoding="utf-8")
    problems = check_in_subprocess(path)
    assert_located(path, problems)


def test_thousands_of_bad_targets_finish_quickly(case_dir: Path) -> None:
    """Every problem gets a 'did you mean' hint; that must not turn quadratic."""
    path = case_dir / "targets.yaml"
    count = 3000
    scenes = "".join(f"  scene-number-{i}:\n    next: missing-scene-{i}\n" for i in range(count))
    path.write_text(mini_head() + "start: scene-number-0\nscenes:\n" + scenes, encoding="utf-8")
    with time_limit(10):
        loaded, problems = check_case(path)
    assert loaded is None
    assert_located(path, problems)
    assert sum("does not exist" in p.message for p in problems) == count


def chain(count: int) -> str:
    scenes = "".join(
        f"  s{i}:\n    decision:\n      options:\n"
        f"        - {{id: a, text: A, judgement: expected, points: {{communication: 1}}, "
        f"to: s{i + 1}}}\n"
        f"        - {{id: b, text: B, judgement: poor, to: s{i + 1}}}\n"
        for i in range(count)
    )
    return (
        mini_head()
        + "start: s0\nscenes:\n"
        + scenes
        + f"  s{count}:\n    text: end\n"
        + ("    ending: {outcome: good}\n")
    )


def test_long_case_validates_in_bounded_time(case_dir: Path) -> None:
    """A 0.35 MB case of 2,000 decisions in a row (under the 2 MB limit) is checked in seconds,
    and it is valid: all 'a' passes, all 'b' fails, whichever order the paths are tried in."""
    path = case_dir / "chain.yaml"
    path.write_text(chain(2000), encoding="utf-8")
    with time_limit(10):
        loaded, problems = check_case(path)
    assert loaded is not None, [str(p) for p in problems if p.severity == "error"][:3]


# --------------------------------------------------------------------------- honest cases


def independent_flags(count: int) -> str:
    """A valid case: ``count`` decisions, each may set its own flag; the last scene reads them."""
    scenes = ""
    for i in range(count):
        scenes += (
            f"  s{i}:\n    text: step {i}\n    decision:\n      options:\n"
            f"        - {{id: a, text: A, judgement: expected, points: {{communication: 1}}, "
            f"sets: [f{i}], to: s{i + 1}}}\n"
            f"        - {{id: b, text: B, judgement: poor, to: s{i + 1}}}\n"
        )
    reads = " and ".join(f"f{i}" for i in range(count))
    scenes += (
        f"  s{count}:\n    text: end\n    next:\n      - if: {reads}\n        to: good\n"
        "      - to: bad\n"
        "  good:\n    text: good\n    ending: {outcome: good}\n"
        "  bad:\n    text: bad\n    ending: {outcome: poor}\n"
    )
    return mini_head() + "start: s0\nscenes:\n" + scenes


def test_many_flags_do_not_give_false_errors(case_dir: Path) -> None:
    """Past its state limit the validator may refuse the case as too complex to check, but
    it must not report errors (such as 'loop with no exit') that are not there."""
    path = case_dir / "flags.yaml"
    path.write_text(independent_flags(16), encoding="utf-8")
    # The exact maxima search takes about 4-6 s for 16 flags on one free core; the limit
    # catches a hang, not a slow machine (under 4x load it took over 10 s).
    with time_limit(30):
        loaded, problems = check_case(path)
    errors = [str(p) for p in problems if p.severity == "error"]
    if loaded is None:
        assert errors and all("combinations" in e for e in errors), errors


def test_option_order_does_not_change_validity(case_dir: Path) -> None:
    """A critical choice listed first must not make the validator say no path can pass."""
    text = independent_flags(10).replace(
        "sets: [f0], to: s1}\n",
        "sets: [f0], to: s1}\n        - {id: c, text: C, judgement: unsafe, critical: true, "
        "feedback: Never., to: s1}\n",
    )
    expected_first = case_dir / "expected-first.yaml"
    expected_first.write_text(text, encoding="utf-8")
    critical_line = next(line for line in text.splitlines() if "id: c," in line)
    critical_first = case_dir / "critical-first.yaml"
    critical_first.write_text(
        text.replace(critical_line + "\n", "").replace(
            "      options:\n", f"      options:\n{critical_line}\n", 1
        ),
        encoding="utf-8",
    )
    with time_limit(10):
        first_loaded, first_problems = check_case(expected_first)
        second_loaded, second_problems = check_case(critical_first)
    assert first_loaded is not None, [str(p) for p in first_problems]
    assert second_loaded is not None, [str(p) for p in second_problems]


# --------------------------------------------------------------------------- the CLI


def test_cli_validate_on_the_corpus_prints_problems_without_traceback() -> None:
    if not (ROOT / "trainer" / "cli.py").exists():
        pytest.skip("the trainer command line is not on main yet")
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(CORPUS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    for path in corpus_files():
        assert path.name in output, f"{path.name} is not mentioned"


def test_libyaml_limits_are_reported_in_our_words() -> None:
    """libyaml 0.2.6 stops deep flow nesting itself; the user still meets our wording."""
    from trainer.core.yamlsource import YamlSourceError, load_yaml

    deep = "deep: " + "[" * 1500 + "]" * 1500 + "\n"
    with pytest.raises(YamlSourceError) as caught:
        load_yaml(deep, "deep.yaml")
    problem = caught.value.problem
    assert "nesting is deeper than" in problem.message
    assert (problem.file, problem.line) == ("deep.yaml", 1)
    assert problem.column > 1
