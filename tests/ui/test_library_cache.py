"""A library cache of the wrong shape (valid JSON, not what the app wrote) is rebuilt quietly:
no crash dialog, the cases listed from their files, the cache rewritten, the reason logged."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ui.conftest import MINI
from tests.ui.test_journey import create_profile
from trainer.ui.library import CACHE_FORMAT, CACHE_NAME, cached_entries, load_entries, write_cache

MINI_TITLE = "A first home visit (test case)"


def real_cache(tmp_path: Path) -> dict:
    """The cache the app itself writes for the MINI folder."""
    cache = tmp_path / "real-cache.json"
    write_cache(cache, load_entries([MINI]))
    return json.loads(cache.read_text(encoding="utf-8"))


def reshaped(data: dict, change: str) -> object:
    """``data`` (a real cache) with one part of the wrong shape."""
    key = next(iter(data["entries"]))
    entry = data["entries"][key]
    if change == "list":
        return []
    if change == "text":
        return "library"
    if change == "entries-list":
        return {**data, "entries": [entry]}
    if change == "entry-text":
        return {**data, "entries": {key: "mini"}}
    if change == "meta-list":
        return {**data, "entries": {key: {**entry, "meta": ["A first home visit"]}}}
    if change == "title-number":
        return {**data, "entries": {key: {**entry, "meta": {**entry["meta"], "title": 5}}}}
    if change == "tags-text":
        return {**data, "entries": {key: {**entry, "meta": {**entry["meta"], "tags": "home"}}}}
    if change == "minutes-text":
        return {**data, "entries": {key: {**entry, "meta": {**entry["meta"], "minutes": "20"}}}}
    if change == "problems-text":
        return {**data, "entries": {key: {**entry, "problems": "none"}}}
    if change == "problem-list":
        return {**data, "entries": {key: {**entry, "problems": [["a", 1]]}}}
    raise AssertionError(change)


CHANGES = (
    "list",
    "text",
    "entries-list",
    "entry-text",
    "meta-list",
    "title-number",
    "tags-text",
    "minutes-text",
    "problems-text",
    "problem-list",
)


@pytest.mark.parametrize("change", CHANGES)
def test_a_cache_of_the_wrong_shape_is_rebuilt_without_a_crash(
    qtbot,
    make_window,
    dialogs: dict,
    data_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    change: str,
) -> None:  # noqa: ANN001
    data_dir.mkdir(parents=True)
    cache = data_dir / CACHE_NAME
    cache.write_text(json.dumps(reshaped(real_cache(tmp_path), change)), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="trainer.ui.library"):
        window = make_window([MINI])
    assert dialogs["crash"] == [] and dialogs["warn"] == []
    qtbot.waitUntil(lambda: not window.controller.is_loading, timeout=15000)
    create_profile(qtbot, window)
    tree = window.library.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [MINI_TITLE]
    assert "wrong shape" in caplog.text and CACHE_NAME in caplog.text
    # Rewritten in the app's own shape: the next start lists the case from it.
    rebuilt = json.loads(cache.read_text(encoding="utf-8"))
    assert rebuilt["format"] == CACHE_FORMAT and isinstance(rebuilt["entries"], dict)
    files = [(p, MINI) for p in sorted(MINI.glob("*.yaml"))]
    entries, complete = cached_entries(cache, files)
    assert complete and [e.title for e in entries] == [MINI_TITLE]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(meta=JSON, problems=JSON, entry=JSON, top=JSON)
def test_no_json_value_in_the_cache_raises(
    tmp_path: Path, meta: object, problems: object, entry: object, top: object
) -> None:
    """Whatever JSON the cache holds, anywhere, reading it lists or ignores; it never raises."""
    cache = tmp_path / CACHE_NAME
    files = [(p, MINI) for p in sorted(MINI.glob("*.yaml"))]
    if not hasattr(test_no_json_value_in_the_cache_raises, "real"):
        test_no_json_value_in_the_cache_raises.real = real_cache(tmp_path)  # type: ignore[attr-defined]
    data = test_no_json_value_in_the_cache_raises.real  # type: ignore[attr-defined]
    key = next(iter(data["entries"]))
    good = data["entries"][key]
    for value in (
        top,
        {**data, "entries": entry},
        {**data, "entries": {key: entry}},
        {**data, "entries": {key: {**good, "meta": meta}}},
        {**data, "entries": {key: {**good, "problems": problems}}},
    ):
        cache.write_text(json.dumps(value), encoding="utf-8")
        entries, complete = cached_entries(cache, files)
        assert all(isinstance(e.title, str) for e in entries)
        assert complete == (len(entries) == len(files))


def test_a_deeply_nested_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_NAME
    cache.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert cached_entries(cache, [(p, MINI) for p in MINI.glob("*.yaml")]) == ([], False)
