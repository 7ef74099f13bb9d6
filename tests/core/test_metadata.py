"""The fast metadata read that lists cases on a first start (trainer.core.metadata).

Whatever it returns must be exactly what the full loader gives; anything it is not sure of
it leaves to the full loader (None). It never raises and never hangs on a hostile file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.loader import bundled_scenarios, case_files, check_case
from trainer.core.metadata import FIELDS, metadata_from_text, read_metadata
from trainer.core.yamlsource import YamlSourceError, load_yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = (FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8")
MINI_LINES = MINI.split("\n")
HEADER = slice(2, 13)  # the lines from "id:" to "content_note:" in mini.yaml
REST = "\n".join(MINI_LINES[:2] + MINI_LINES[13:])


def full_fields(loaded) -> dict:  # noqa: ANN001
    case = loaded.case
    return {name: (list(case.tags) if name == "tags" else getattr(case, name)) for name in FIELDS}


def yaml_fields(text: str) -> dict | None:
    """What the full loader's YAML reader gives for the library fields (None: no document)."""
    try:
        data, _ = load_yaml(text, "case.yaml")
    except YamlSourceError:
        return None
    if not isinstance(data, dict):
        return None
    out = {name: data[name] for name in FIELDS if name in data}
    out.setdefault("tags", [])
    return out


def all_case_files() -> list[Path]:
    return [
        *case_files(bundled_scenarios()),
        *case_files(FIXTURES / "mini"),
        *case_files(FIXTURES / "ui"),
    ]


@pytest.mark.parametrize("path", all_case_files(), ids=lambda p: p.name)
def test_every_valid_bundled_and_fixture_case_is_read_exactly(path: Path) -> None:
    loaded, _ = check_case(path)
    if loaded is None:
        return
    assert read_metadata(path) == full_fields(loaded)  # read, not deferred, and identical


def test_a_broken_fixture_is_never_a_crash() -> None:
    for path in (FIXTURES / "ui").glob("*.yaml"):
        result = read_metadata(path)
        assert result is None or set(result) == set(FIELDS)


# ----------------------------------------------------------------- generated headers

TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff\r\x85\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
)
WORDS = st.from_regex(r"[A-Za-z][A-Za-z ,.'()&:#\-]{0,30}[A-Za-z.)]", fullmatch=True)
ANY_TEXT = st.one_of(TEXT, WORDS, st.sampled_from(["yes", "no", "123", "1.5", "null", "~"]))


def render_scalar(value: str, style: str, indent: str = "  ") -> str:
    if style == "plain":
        return value
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    if style == "double-ascii":
        return json.dumps(value)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    header = {"literal": "|", "literal-strip": "|-", "folded": ">", "folded-strip": ">-"}[style]
    lines = value.split("\n")
    return header + "\n" + "\n".join(indent + line if line else "" for line in lines)


SCALAR_STYLES = st.sampled_from(
    ["plain", "double", "double-ascii", "single", "literal", "literal-strip", "folded"]
    + ["folded-strip"]
)


@st.composite
def headers(draw: st.DrawFn) -> tuple[str, bool]:
    """Case header lines in varied styles; and whether they are all written in JSON style."""
    values = {
        "id": draw(st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), TEXT)),
        "title": draw(ANY_TEXT),
        "focus": draw(st.sampled_from(["victim-safeguarding", "perpetrator-engagement", "both"])),
        "jurisdiction": draw(st.sampled_from(["england", "wales", "both", "scotland"])),
        "level": draw(st.sampled_from(["introductory", "intermediate", "advanced"])),
        "summary": draw(ANY_TEXT),
        "content_note": draw(ANY_TEXT),
    }
    json_only = draw(st.booleans())
    lines = []
    for name, value in values.items():
        style = "double-ascii" if json_only else draw(SCALAR_STYLES)
        lines.append(f"{name}: {render_scalar(value, style)}")
    minutes = draw(st.integers(-5, 700))
    lines.append(f"minutes: {minutes}" if json_only else draw(st.sampled_from([
        f"minutes: {minutes}", f"minutes: {minutes}  # about", f'minutes: "{minutes}"',
        f"minutes: {minutes}.0", "minutes: 0x1f", "minutes: true",
    ])))  # fmt: skip
    tags = draw(st.lists(ANY_TEXT, max_size=4))
    tag_style = "flow" if json_only else draw(st.sampled_from(["flow", "flow-lines", "block"]))
    if tag_style == "flow":
        lines.append("tags: [" + ", ".join(json.dumps(t) for t in tags) + "]")
    elif tag_style == "flow-lines":
        lines.append("tags: [" + ",\n  ".join(render_scalar(t, "plain") for t in tags) + "]")
    elif tags:
        lines.append("tags:\n" + "\n".join(f"  - {render_scalar(t, 'single')}" for t in tags))
    draw(st.randoms()).shuffle(lines)
    return "\n".join(lines), json_only


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headers())
def test_what_is_read_equals_what_the_full_yaml_reader_gives(generated: tuple[str, bool]) -> None:
    header, json_only = generated
    text = REST.replace("\nstart:", "\n" + header + "\nstart:", 1)
    read = metadata_from_text(text)
    truth = yaml_fields(text)
    if read is not None:
        assert truth is not None
        assert read == truth
    elif json_only and truth is not None and _plausible(truth):
        pytest.fail(f"a header in the plainest style was not read: {header!r}")


def _plausible(fields: dict) -> bool:
    import re

    return (
        re.fullmatch(r"[a-z0-9][a-z0-9-]*", fields["id"]) is not None
        and fields["jurisdiction"] != "scotland"
        and 1 <= fields["minutes"] <= 600
        and bool(fields["content_note"])
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headers())
def test_a_valid_case_lists_as_the_full_loader_loads_it(
    tmp_path_factory: pytest.TempPathFactory, generated: tuple[str, bool]
) -> None:
    header, _ = generated
    folder = tmp_path_factory.mktemp("case")
    path = folder / "case.yaml"
    path.write_text(REST.replace("\nstart:", "\n" + header + "\nstart:", 1), encoding="utf-8")
    loaded, _ = check_case(path)
    read = read_metadata(path)
    if loaded is not None and read is not None:
        assert read == full_fields(loaded)


# ----------------------------------------------------------------- hostile files


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(MINI)), st.text(max_size=30), st.integers(0, 40))
def test_a_mangled_case_is_read_exactly_or_deferred(at: int, insert: str, cut: int) -> None:
    text = MINI[:at] + insert + MINI[at + cut :]
    read = metadata_from_text(text)  # never raises
    if read is not None:
        truth = yaml_fields(text)
        if truth is not None:
            assert read == truth


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\n",
        "- a\n- b\n",
        "{id: x, title: y}\n",
        "id: &a x\ntitle: *a\n",
        MINI.replace("id: mini-home-visit", "id: mini-home-visit\nid: again"),
        MINI.replace("title: A first", "title: !!binary A first"),
        MINI.replace("tags: [home visit, children]", "tags: [home visit, [children]]"),
        MINI.replace("tags: [home visit, children]", "tags:\n- home visit\n- children"),
        MINI.replace("summary: A short", 'summary: "A short\\x41'),
        MINI.replace("summary: A short", "summary: |2\n   A short"),
        "\t" + MINI.split("\n", 1)[1],
    ],
)
def test_forms_it_does_not_read_are_deferred(text: str) -> None:
    assert metadata_from_text(text) is None


def test_hostile_files_are_deferred_quickly(tmp_path: Path) -> None:
    cases = {
        "long-line.yaml": "title: " + "a" * 1_900_000 + "\n",
        "open-quote.yaml": 'title: "' + "\\u0041" * 300_000 + "\n",
        "deep-flow.yaml": "tags: " + "[" * 600_000 + "\n",
        "many-keys.yaml": "".join(f"k{i}: v\n" for i in range(150_000)),
        "too-big.yaml": "#" * 2_100_000,
        "binary.yaml": "\x00" * 100,
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "bad-utf8.yaml").write_bytes(b"id: \xff\xfe\n")
    (tmp_path / "folder.yaml").mkdir()
    for path in sorted(tmp_path.iterdir()):
        start = time.perf_counter()
        assert read_metadata(path) is None, path.name
        assert time.perf_counter() - start < 2.0, path.name
    assert read_metadata(tmp_path / "missing.yaml") is None
