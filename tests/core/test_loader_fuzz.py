"""Fuzz the loader: whatever the bytes, check_case returns a case or located errors.

Four generators: random bytes, random YAML-ish text, line edits of the mini
case, and structural mutations of its data (drop keys, swap types, random
scalars, random targets). When a mutated case is accepted, the play session
must be able to walk it, so the validator never lets through what the engine
cannot run. About ten seconds in all.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from trainer.core.loader import check_case, load_catalogue
from trainer.core.session import Session

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"
MINI_TEXT = MINI.read_text(encoding="utf-8")
MINI_DATA = yaml.safe_load(MINI_TEXT)
CATALOGUE = load_catalogue(ROOT / "scenarios" / "catalogue.yaml")


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


PER_EXAMPLE_SECONDS = 5
MAX_PLAY_STEPS = 200


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeoutError:
        pytest.fail(f"hang: check_case still running after {seconds} s", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def play(loaded: Any) -> None:
    """Walk the case taking the first option everywhere, as far as MAX_PLAY_STEPS."""
    session = Session(loaded)
    for _ in range(MAX_PLAY_STEPS):
        if session.is_finished:
            session.result()
            return
        assert isinstance(session.text, str)
        options = session.options
        if session.kind == "decision":
            session.choose(options[0].id)
        elif session.kind == "checklist":
            session.tick([options[0].id])
        elif session.kind == "rating":
            session.rate(options[0].id)
        else:
            session.advance()


def assert_case_or_located_errors(raw: bytes) -> None:
    with time_limit(PER_EXAMPLE_SECONDS):
        loaded, problems = check_case(MINI, CATALOGUE, raw=raw)
    for problem in problems:
        assert problem.file == str(MINI), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip(), problem
    event("accepted" if loaded is not None else "rejected")
    if loaded is None:
        assert any(p.severity == "error" for p in problems), "rejected without an error"
    else:
        assert all(p.severity == "warning" for p in problems), problems
        play(loaded)


def test_the_unmutated_mini_case_loads() -> None:
    """The fuzzers start from a valid case (otherwise they test nothing useful)."""
    loaded, problems = check_case(MINI, CATALOGUE, raw=MINI_TEXT.encode())
    assert loaded is not None, [str(p) for p in problems]


# --------------------------------------------------------------------------- raw input


@fuzz(120)
@given(st.binary(max_size=3000))
def test_random_bytes(raw: bytes) -> None:
    assert_case_or_located_errors(raw)


YAMLISH = st.text(
    alphabet=" \n\t:-[]{}#&*!|>'\"%@`,?.~=<abcsz019\u00e9\u2028\x85\ufeff", max_size=400
)


@fuzz(150)
@given(st.one_of(st.text(max_size=600), YAMLISH))
def test_random_text(text: str) -> None:
    assert_case_or_located_errors(text.encode("utf-8", errors="surrogatepass"))


# --------------------------------------------------------------------------- line edits

LINES = MINI_TEXT.splitlines(keepends=True)


@st.composite
def edited_lines(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            col = draw(st.integers(0, len(lines[i])))
            junk = draw(st.one_of(YAMLISH, st.sampled_from(["&a ", "*a", "!!python/none ", "\t"])))
            lines[i] = lines[i][:col] + junk + lines[i][col:]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(" ")
    return "".join(lines)


@fuzz(150)
@given(edited_lines())
def test_line_edits_of_the_mini_case(text: str) -> None:
    assert_case_or_located_errors(text.encode("utf-8", errors="surrogatepass"))


# --------------------------------------------------------------------------- structure


def paths_of(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths_of(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths_of(value, (*path, i))
    return out


PATHS = [p for p in paths_of(MINI_DATA) if p]
SCENE_IDS = list(MINI_DATA["scenes"])
IDS = st.one_of(
    st.sampled_from(SCENE_IDS),
    st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    st.sampled_from(["", "Door", "door ", "scenes", "start", "-x", "a" * 81]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    IDS,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(IDS, children, max_size=3)
    ),
    max_leaves=8,
)


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


OPS = ["drop", "replace", "retarget", "swap-type", "add-key"]
JUDGEMENTS = ["expected", "acceptable", "poor", "unsafe"]


def tweaked(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.just(not value)
    if isinstance(value, (int, float)):
        return st.one_of(st.integers(-20, 120), st.floats(-20, 120))
    if value in JUDGEMENTS:
        return st.sampled_from(JUDGEMENTS)
    if isinstance(value, str):
        return st.one_of(IDS, st.text(min_size=1, max_size=40))
    if isinstance(value, list):
        return st.permutations(value).map(list) if value else st.just(value)
    return st.just(value)


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    data = yaml.safe_load(MINI_TEXT)  # a fresh copy
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in paths_of(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = get(data, path[:-1]), path[-1]
        op = draw(st.sampled_from([*OPS, "tweak", "tweak", "tweak"]))
        if op == "tweak":  # a same-type change, which often keeps the case valid
            parent[key] = draw(tweaked(parent[key]))
        elif op == "drop":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(VALUES)
        elif op == "retarget":  # point a random 'to', 'next' or 'start' somewhere else
            targets = [p for p in paths if p[-1] in ("to", "next", "start")]
            if targets:
                target = draw(st.sampled_from(targets))
                get(data, target[:-1])[target[-1]] = draw(IDS)
        elif op == "swap-type":
            value = parent[key]
            if isinstance(value, dict):
                parent[key] = list(value.values())
            elif isinstance(value, list):
                parent[key] = {str(i): v for i, v in enumerate(value)}
            elif isinstance(value, str):
                parent[key] = [value]
            else:
                parent[key] = str(value)
        elif op == "add-key" and isinstance(parent, dict):
            parent[draw(IDS)] = draw(VALUES)
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@fuzz(250)
@given(mutated_data())
def test_structural_mutations_of_the_mini_case(data: Any) -> None:
    assert_case_or_located_errors(dump(data).encode("utf-8", errors="surrogatepass"))


def test_structure_generator_reaches_every_part_of_the_case() -> None:
    """A guard against a fuzzer that silently stopped mutating the interesting parts."""
    assert len(PATHS) > 150
    assert any(p[-1] == "to" for p in PATHS) and any(p[-1] == "if" for p in PATHS)
