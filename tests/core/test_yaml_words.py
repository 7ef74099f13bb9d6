"""YAML mistakes in tutors' words, YAML 1.2 scalars, and a schema that agrees with the loader.

Issue 10 (tutors): an apostrophe inside single quotes, a colon in plain text, `text: No` and
a bad id each come with what to do; `yes`/`no`/`on`/`off` are text as in editors; strings
where the schema says a number or a boolean are errors in the app as in the editor.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.loader import bundled_scenarios, case_files, check_case
from trainer.core.model import Case
from trainer.core.schema import case_schema, catalogue_schema
from trainer.core.yamlsource import YamlSourceError, core_scalar, load_yaml

CATALOGUE = Path(__file__).resolve().parents[2] / "scenarios" / "catalogue.yaml"

ROOT = Path(__file__).resolve().parents[2]
MINI_TEXT = (ROOT / "tests" / "fixtures" / "mini" / "mini.yaml").read_text(encoding="utf-8")
CHOICE = "          judgement: unsafe\n          reveals"


def yaml_error(text: str) -> tuple[int, str]:
    with pytest.raises(YamlSourceError) as info:
        load_yaml(text, "case.yaml")
    return info.value.problem.line, info.value.problem.message


def mini_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINI_TEXT
    path = tmp_path / "case.yaml"
    path.write_text(MINI_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    _, problems = check_case(path)
    return [p.message for p in problems if p.severity == "error"]


# --------------------------------------------------------------------------- syntax in words


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("id: x\ntext: 'Dw i'n mynd'\nto: y\n", 'text: "Dw i\'n mynd"'),
        ("options:\n  - text: 'Mae hi'n dweud sy'n iawn'\n    id: a\n", "sy'n iawn\""),
        ("scenes:\n  a:\n    text: 'It's late'\n    next: b\n", 'text: "It\'s late"'),
    ],
)
def test_an_apostrophe_inside_single_quotes_says_use_double_quotes(text: str, example: str) -> None:
    line, message = yaml_error(text)
    assert message.startswith("not valid YAML: an apostrophe inside single quotes")
    assert "put the text in double quotes" in message and example in message
    assert "'" in text.splitlines()[line - 1]


def test_doubled_apostrophes_are_fine() -> None:
    assert load_yaml("text: 'Dw i''n mynd'\n", "f")[0] == {"text": "Dw i'n mynd"}


def test_a_colon_in_plain_text_says_use_double_quotes() -> None:
    line, message = yaml_error("id: a\ntext: Note: she said he was out\nto: b\n")
    assert line == 2
    assert "colon" in message and "put the text in double quotes" in message
    assert 'text: "Note: she said he was out"' in message


@pytest.mark.parametrize(
    ("value", "start"), [("@home", "@"), ("`code`", "`"), ("*really* bad", "*"), ("& more", "&")]
)
def test_text_starting_with_a_reserved_character_says_use_double_quotes(
    value: str, start: str
) -> None:
    _, message = yaml_error(f"text: {value}\n")
    assert f"cannot start with {start}" in message and "double quotes" in message


def test_a_whole_case_with_a_welsh_apostrophe_is_located(tmp_path: Path) -> None:
    path = mini_with(
        tmp_path,
        "    text: Lee is angry as you leave.",
        "    text: 'Mae Lee yn grac. Dw i'n gadael.'",
    )
    _, problems = check_case(path)
    (problem,) = problems
    assert (
        problem.line
        == path.read_text().splitlines().index("    text: 'Mae Lee yn grac. Dw i'n gadael.'") + 1
    )
    assert "apostrophe" in problem.message and "double quotes" in problem.message


# --------------------------------------------------------------------------- YAML 1.2 scalars


YAML11_WORDS = ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "OFF", "y", "n", "Y"]


@pytest.mark.parametrize("word", YAML11_WORDS)
def test_yaml_1_1_booleans_are_text(word: str) -> None:
    assert load_yaml(f"text: {word}\n{word}: 1\n", "f")[0] == {"text": word, word: 1}


def test_text_no_is_text_in_a_case(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "    text: Lee is angry as you leave.", "    text: No")
    loaded, problems = check_case(path)
    assert loaded is not None, problems
    assert loaded.case.scenes["poor-end"].text == "No"


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("-3", -3),
        ("0o17", 15),
        ("0x1F", 31),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("12:30", "12:30"),
        ("2026-11-30", "2026-11-30"),
        ("yes", "yes"),
    ],
)
def test_core_schema_scalars(plain: str, value: Any) -> None:
    assert core_scalar(plain) == value and type(core_scalar(plain)) is type(value)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1))
@settings(max_examples=200)
def test_plain_words_are_always_text(word: str) -> None:
    word = word.strip()
    if word in ("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", ""):
        return
    assert load_yaml(f"text: {word}\n", "f")[0] == {"text": word}


# --------------------------------------------------------------------------- strict types


def test_critical_yes_is_an_error_that_says_true_or_false(tmp_path: Path) -> None:
    path = mini_with(
        tmp_path, CHOICE, "          judgement: unsafe\n          critical: yes\n          reveals"
    )
    (message,) = errors_of(path)
    assert "critical: should be true or false" in message and "'yes' is text" in message


def test_quoted_numbers_and_booleans_are_errors(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "minutes: 5", 'minutes: "10"')
    (message,) = errors_of(path)
    assert message.startswith("minutes: should be a whole number without quotes")
    path = mini_with(
        tmp_path,
        CHOICE,
        '          judgement: unsafe\n          critical: "true"\n          reveals',
    )
    (message,) = errors_of(path)
    assert "should be true or false" in message


def test_a_number_where_text_belongs_says_use_quotes(tmp_path: Path) -> None:
    path = mini_with(tmp_path, 'version: "1.0"', "version: 1.0")
    assert errors_of(path) == ['version: should be text: put it in double quotes, e.g. "1.0"']


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("  good-end:", "  Good End:", "(try 'good-end')"),
        ("        - id: from-records", "        - id: From_Records", "(try 'from-records')"),
        (
            "          sets: [checked_safe]",
            "          sets: [Checked Safe]",
            "(try 'checked_safe')",
        ),
    ],
)
def test_a_bad_id_says_what_ids_look_like(tmp_path: Path, old: str, new: str, says: str) -> None:
    path = mini_with(tmp_path, old, new)
    _, problems = check_case(path)
    bad = [p for p in problems if says in p.message]
    assert bad, [str(p) for p in problems]
    assert "String should match pattern" not in bad[0].message
    assert "e.g. `end-good`" in bad[0].message or "e.g. `checked_safe`" in bad[0].message
    assert bad[0].line == path.read_text().splitlines().index(new.split("\n")[0]) + 1


# --------------------------------------------------------------------------- schema agreement


def _shape_ok(data: Any) -> bool:
    from pydantic import ValidationError

    try:
        Case.model_validate(data)
    except ValidationError:
        return False
    return True


def _schema_ok(data: Any, schema: dict[str, Any] = case_schema()) -> bool:  # noqa: B008
    return jsonschema.Draft7Validator(schema).is_valid(data)


VALUES = [
    "5",
    '"10"',
    "yes",
    "no",
    "on",
    "true",
    '"true"',
    "false",
    "1.0",
    '"1.0"',
    "~",
    "null",
    "'Good End'",
    "good-end",
    "12",
    "-1",
    "0x1F",
    "1_000",
    "[a, b]",
    "{a: 1}",
    '""',
    "Good End",
    "0",
    "2.5",
    ".inf",
    "abc",
]
FIELDS = [
    ("minutes: 5", "minutes: {}"),
    ('version: "1.0"', "version: {}"),
    ("start: door", "start: {}"),
    (CHOICE, "          judgement: unsafe\n          critical: {}\n          reveals"),
    ("      ask_confidence: true", "      ask_confidence: {}"),
    ("    age: 29", "    age: {}"),
    ("  pass_mark: 60", "  pass_mark: {}"),
    ("  good-end:", "  {}:"),
    ("        - id: from-records", "        - id: {}"),
    ("    text: Lee is angry as you leave.", "    text: {}"),
]


@given(st.sampled_from(FIELDS), st.sampled_from(VALUES))
@settings(max_examples=150)
def test_the_schema_and_the_loader_agree_both_ways(field: tuple[str, str], value: str) -> None:
    old, template = field
    text = MINI_TEXT.replace(old, template.replace("{}", value), 1)
    try:
        data, _ = load_yaml(text, "case.yaml")
    except YamlSourceError:
        return  # not YAML at all: both the editor and the app refuse it
    assert _shape_ok(data) == _schema_ok(data), (old, value)


def test_the_schema_gives_id_keys_their_pattern() -> None:
    schema = case_schema()
    scenes = schema["properties"]["scenes"]
    assert scenes["propertyNames"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert "patternProperties" not in json.dumps(schema)
    assert "patternProperties" not in json.dumps(catalogue_schema())


def test_the_committed_schemas_are_current() -> None:
    for name, schema in (("case", case_schema()), ("catalogue", catalogue_schema())):
        committed = json.loads((ROOT / "scenarios" / f"{name}.schema.json").read_text())
        assert committed == schema, (
            f"run: trainer schema {'--catalogue ' * (name == 'catalogue')}--out scenarios/{name}.schema.json"
        )


@pytest.mark.parametrize("path", case_files(bundled_scenarios()), ids=lambda p: p.stem)
def test_every_bundled_case_matches_the_schema(path: Path) -> None:
    data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
    assert _schema_ok(data)
    loaded, problems = check_case(path)
    assert loaded is not None, problems


def test_an_unclosed_quote_names_the_line_it_opened_on() -> None:
    line, message = yaml_error('id: a\ntitle: "A first visit\nversion: "1.0"\n')
    assert line == 3
    assert "quote mark at the start of the text on line 2 is never closed" in message
    assert 'title: "A first visit"' in message


def test_a_key_indented_out_of_line_says_so() -> None:
    _, message = yaml_error("people:\n  lee:\n    name: Lee\n   role: perpetrator\n")
    assert "'role:' is indented 3 spaces but the line above 4" in message


@pytest.mark.parametrize(
    "line",
    [
        "text: x" + " " * 1_900_000 + "y: z",
        "- " * 900_000 + "k: v: w",
        "text: " + "a: " * 600_000,
        "text: '" + "it's " * 300_000,
    ],
    ids=["spaces", "dashes", "colons", "apostrophes"],
)
def test_advice_on_a_huge_line_is_quick(line: str) -> None:
    started = time.perf_counter()
    with pytest.raises(YamlSourceError):
        load_yaml(line + "\nnext: 1\n", "case.yaml")
    assert time.perf_counter() - started < 2.0


def test_plain_words_for_wrong_values(tmp_path) -> None:
    """Found trying it as a tutor: text where a number belongs was said to be 'in quotes',
    and choices and bounds came in pydantic's words."""
    from trainer.core.template import starter_case

    text = starter_case("my-case", "My case")
    bad = (
        text.replace("pass_mark: 60", "pass_mark: sixty")
        .replace("judgement: poor", "judgement: bad", 1)
        .replace("minutes: 10", "minutes: -3")
    )
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE.read_text(encoding="utf-8"))
    path = tmp_path / "my-case.yaml"
    path.write_text(bad, encoding="utf-8")
    _, problems = check_case(path)
    messages = " | ".join(p.message for p in problems)
    assert "not 'sixty'" in messages and "in quotes" not in messages
    assert "'bad' is not one of the choices here" in messages and "Input should" not in messages
    assert "should be at least 1, not -3" in messages


def test_a_critical_threshold_that_can_never_fire_is_warned(tmp_path) -> None:
    from trainer.core.template import starter_case

    text = starter_case("my-case", "My case").replace(
        "critical_under_by: 2 ", "critical_under_by: 3 "
    )
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE.read_text(encoding="utf-8"))
    path = tmp_path / "my-case.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_case(path)
    assert any("can never happen" in p.message and p.severity == "warning" for p in problems)


def test_trainer_errors_read_as_two_sentences() -> None:
    from trainer.core.errors import TrainerError

    assert (
        str(TrainerError("No choice 'x'", "Give a choice id."))
        == "No choice 'x'. Give a choice id."
    )
    assert str(TrainerError("Done.", "Next.")) == "Done. Next."


def test_a_key_written_null_is_the_text_the_tutor_wrote() -> None:
    """YAML 1.2 reads a plain `null` as nothing; as a key it must stay the id written, so a
    message names `null`, not Python's `None` (found by hypothesis on translation files)."""
    data, _ = load_yaml("scenes:\n  null: 1\n  ~: 2\n", "x.yaml")
    assert data == {"scenes": {"null": 1, "~": 2}}
