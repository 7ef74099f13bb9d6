"""Case text that could freeze or crash the app: refused by the validator, bounded in the renderer.

Found by a red-team run: 30 KB of '[' in a summary froze the library for 227 s, a 1.5 MB
line for 278 s, a list nested 300 deep raised RecursionError in the GUI's rendering, and
90 KB of '*a ' in one feedback made every export take about a minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.loader import check_case
from trainer.core.markdown_limits import (
    MAX_BRACKETS_PER_BLOCK,
    MAX_LINE_CHARS,
    markdown_problem,
)
from trainer.core.render import PLAIN_NOTE, render_markdown
from trainer.store.reports import plain_text

HOSTILE = {
    "brackets": "[" * 30_000,
    "open-links": "[a](" * 5_000,
    "long-line": "word " * 300_000,
    "deep-list": "\n".join("    " * i + "- x" for i in range(300)),
    "deep-ordered-list": "\n".join("    " * i + "1. x" for i in range(300)),
    "deep-quote": ">" * 3_000 + " x",
}


def _first_scene(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["scenes"].values()))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validator_refuses_text_the_app_cannot_render_quickly(
    name: str, write_case: Callable[..., Path]
) -> None:
    path = write_case(lambda d: _first_scene(d).__setitem__("text", HOSTILE[name]))
    started = time.perf_counter()
    loaded, problems = check_case(path)
    assert time.perf_counter() - started < 10
    assert loaded is None
    errors = [p for p in problems if p.severity == "error"]
    assert errors and all(p.line >= 1 for p in errors)
    assert any(
        ".text" in p.message
        and (
            "split" in p.message
            or "flatten" in p.message
            or "break it" in p.message
            or "brackets" in p.message
        )
        for p in errors
    ), errors


def test_summary_and_feedback_are_checked_too(write_case: Callable[..., Path]) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["summary"] = "[" * 1_000

    loaded, problems = check_case(write_case(edit))
    assert loaded is None
    assert any(p.message.startswith("summary") for p in problems), problems


def test_ordinary_rich_text_is_within_the_limits() -> None:
    text = "\n\n".join(
        ["A paragraph with [a link](https://example.org) and *emphasis*. " * 20]
        + ["- a list\n    - nested once\n        - nested twice"]
        + ["> a quote\n>> inside a quote"]
    )
    assert markdown_problem(text) is None
    assert PLAIN_NOTE not in render_markdown(text)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_renderer_is_bounded_even_without_the_validator(name: str) -> None:
    started = time.perf_counter()
    html = render_markdown(HOSTILE[name])
    assert time.perf_counter() - started < 1.0
    assert PLAIN_NOTE in html
    assert "<script" not in html


def test_renderer_survives_recursion_it_did_not_foresee(monkeypatch: pytest.MonkeyPatch) -> None:
    import trainer.core.render as render

    class Exploding:
        def reset(self) -> None:
            pass

        def convert(self, text: str) -> str:
            raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render, "_engine", lambda: Exploding())
    assert PLAIN_NOTE in render.render_markdown("- fine")


def test_limits_sit_where_rendering_is_still_fast() -> None:
    """Text just inside each limit renders in well under a frame's worth of budget x 10."""
    worst = [
        "[" * MAX_BRACKETS_PER_BLOCK,
        "![" * (MAX_BRACKETS_PER_BLOCK // 2),
        "[a](" * MAX_BRACKETS_PER_BLOCK,
        "x" * MAX_LINE_CHARS,
    ]
    for text in worst:
        assert markdown_problem(text) is None, text[:20]
        started = time.perf_counter()
        render_markdown(text)
        assert time.perf_counter() - started < 0.5, text[:20]


HOSTILE_ALPHABET = st.sampled_from(list("[]()!*_`>-#:1a \n\t<&") + ["    ", "\n\n", "](", "**"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_ALPHABET, max_size=4_000).map("".join))
def test_generated_hostile_markdown_renders_under_a_time_bound(text: str) -> None:
    started = time.perf_counter()
    html = render_markdown(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f} s for {len(text)} characters"
    assert isinstance(html, str)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.sampled_from(["[", "[a](", "![", "*a ", "_a "]))
def test_repeated_openers_render_under_a_time_bound(blocks: int, opener: str) -> None:
    text = "\n\n".join([opener * 400] * blocks)  # many paragraphs, each at or over the limit
    started = time.perf_counter()
    render_markdown(text)
    assert time.perf_counter() - started < 1.0


def test_export_plain_text_is_linear() -> None:
    started = time.perf_counter()
    assert plain_text("*a " * 30_000).startswith("*a ")
    assert time.perf_counter() - started < 1.0
    assert plain_text("a *b* and **c**") == "a b and c"
