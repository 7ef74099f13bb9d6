"""Bilingual cases: translation files, their checks, completeness and identical scoring."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.loader import LoadedCase, bundled_scenarios, case_files, load_case
from trainer.core.session import Session
from trainer.core.template import starter_case, starter_translation
from trainer.core.testwise import STRATEGIES, best_level, best_ticks, expected_option
from trainer.core.translation import (
    available_languages,
    check_translation,
    skeleton_text,
    translation_path,
    units,
)

WELSH_CASES = ["coercive-control-economic-abuse-wales", "wales-welsh-language-adult-at-risk"]


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> LoadedCase:
    folder = tmp_path_factory.mktemp("starter")
    path = folder / "demo.yaml"
    path.write_text(starter_case("demo"), encoding="utf-8")
    return load_case(path)


def _check(loaded: LoadedCase, text: str, name: str = "demo.cy.yaml") -> Any:
    return check_translation(loaded, loaded.folder / name, raw=text.encode("utf-8"))


def _errors(checked: Any) -> list[str]:
    return [str(p) for p in checked.problems if p.severity == "error"]


def _filled(loaded: LoadedCase, chosen: set[int]) -> tuple[str, dict[tuple[Any, ...], str]]:
    """A translation with the counted units numbered in ``chosen`` translated."""
    existing: dict[str, Any] = {}
    texts: dict[tuple[Any, ...], str] = {}
    counted = [u for u in units(loaded.case, loaded.catalogue) if u.counted]
    for n, unit in enumerate(counted):
        if n not in chosen:
            continue
        text = f"Cymraeg {n}: Dw i'n deall"
        texts[unit.key] = text
        node: Any = existing
        for part in unit.key[:-1]:
            if isinstance(node, dict):
                node = node.setdefault(part, {} if not isinstance(part, int) else {})
        node[unit.key[-1]] = text
    # the skeleton writer reads lists by index: turn numbered dicts into lists
    return skeleton_text(loaded, "cy", _listify(existing)), texts


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            size = max(node) + 1
            return [_listify(node.get(i, "")) for i in range(size)]
        return {k: _listify(v) for k, v in node.items()}
    return node


# --------------------------------------------------------------------------- files


def test_translation_files_are_not_cases_and_expectations_still_are_not(tmp_path: Path) -> None:
    names = ("a.yaml", "a.cy.yaml", "a.expect.yaml", "b.yml", "b.cy.yml", "catalogue.yaml")
    for name in (*names, "a.old.yaml", "a.v2.yaml", "a.xx.yaml"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    # only an ISO 639-1 code makes a translation: a.old.yaml and a.v2.yaml stay cases
    assert [p.name for p in case_files(tmp_path)] == [
        "a.old.yaml",
        "a.v2.yaml",
        "a.xx.yaml",
        "a.yaml",
        "b.yml",
    ]
    assert available_languages(tmp_path / "a.yaml") == ["en", "cy"]
    assert available_languages(tmp_path / "b.yml") == ["en", "cy"]
    assert translation_path(tmp_path / "a.yaml", "cy") == tmp_path / "a.cy.yaml"


def test_bundled_scan_leaves_out_the_welsh_translation() -> None:
    names = [p.name for p in case_files(bundled_scenarios())]
    assert all(".cy." not in name for name in names)
    for case_id in WELSH_CASES:
        assert f"{case_id}.yaml" in names
        assert available_languages(bundled_scenarios() / f"{case_id}.yaml") == ["en", "cy"]


# --------------------------------------------------------------------------- checks


def test_starter_translation_is_complete_and_replaces_every_text(starter: LoadedCase) -> None:
    checked = _check(starter, starter_translation("demo", "cy"))
    assert checked.problems == []
    assert checked.report.percent == 100
    assert checked.report.status == "needs review"
    english = {u.key: u.english for u in units(starter.case, starter.catalogue) if u.counted}
    from trainer.core.translation import translate_case

    welsh = translate_case(starter, checked.translation)
    assert welsh.language == "cy"
    welsh_texts = {u.key: u.english for u in units(welsh.case, welsh.catalogue)}
    same = [k for k in english if english[k] == welsh_texts[k] and k != ("title",)]
    assert same == []
    # the prompts the case left to the app's default are shown in Welsh too
    assert welsh.case.scenes["rate-risk"].rating.prompt == "Sut fyddech chi'n asesu'r risg nawr?"
    assert welsh.case.scenes["next-step"].decision.prompt == "Beth fyddwch chi'n ei wneud?"


def test_skeleton_is_valid_and_untranslated_is_located_in_the_case(starter: LoadedCase) -> None:
    checked = _check(starter, skeleton_text(starter, "cy"))
    assert _errors(checked) == []
    assert checked.report.translated == 0
    warnings = [p for p in checked.problems if p.severity == "warning"]
    source = starter.path.read_text(encoding="utf-8").splitlines()
    outcome = next(p for p in warnings if "learning_outcomes.1" in p.message)
    assert outcome.file == str(starter.path)
    assert "Notice and weigh" in source[outcome.line - 1]
    assert any("more untranslated" in p.message for p in warnings)  # the rest are counted
    # one text left: one warning, on the case's line for it
    counted = [u for u in units(starter.case, starter.catalogue) if u.counted]
    left = next(n for n, u in enumerate(counted) if u.key == ("scenes", "she-talks", "text"))
    checked = _check(starter, _filled(starter, set(range(len(counted))) - {left})[0])
    (warning,) = checked.problems
    assert warning.file == str(starter.path) and "scenes.she-talks.text" in warning.message
    assert source[warning.line - 1].strip() == "text: |"
    assert source[warning.line].strip().startswith("Alex tells you")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_subsets_are_counted_and_applied(starter: LoadedCase, data: Any) -> None:
    counted = [u for u in units(starter.case, starter.catalogue) if u.counted]
    chosen = data.draw(st.sets(st.integers(0, len(counted) - 1)))
    text, texts = _filled(starter, chosen)
    checked = _check(starter, text)
    assert _errors(checked) == []
    report = checked.report
    assert report.translated == len(chosen)
    assert report.total == len(counted)
    assert {u.key for u in report.untranslated} == {u.key for u in counted} - texts.keys()
    from trainer.core.translation import translate_case

    welsh = translate_case(starter, checked.translation)
    after = {u.key: u.english for u in units(welsh.case, welsh.catalogue)}
    for unit in counted:
        assert after[unit.key] == texts.get(unit.key, unit.english)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["scenes", "options", "people", "indicators", "foils", "rules"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12).filter(
        lambda s: re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) is not None
    ),
)
def test_unknown_ids_are_located(starter: LoadedCase, where: str, name: str) -> None:
    known = {
        "scenes": set(starter.case.scenes),
        "options": {"check-safe", "ask-outright"},
        "people": {"alex"},
        "indicators": {"strangulation", "jealousy-control", "tidy-home"}
        | {"employed", "attends-church", "weapons"},
        "foils": {"attends-church"},
        "rules": set(),
    }[where]
    if name in known:
        return
    header = "format: 1\ncase: demo\nlanguage: cy\n"
    body = {
        "scenes": f"scenes:\n  {name}:\n    title: Teitl\n",
        "options": f"scenes:\n  phone-call:\n    decision:\n      options:\n        {name}:\n"
        "          text: Testun\n",
        "people": f"people:\n  {name}:\n    description: Disgrifiad\n",
        "indicators": f"indicators:\n  {name}:\n    label: Label\n",
        "foils": f"scenes:\n  indicators:\n    checklist:\n      foils:\n        {name}: Na\n",
        "rules": f"rules:\n  {name}:\n    feedback: Adborth\n",
    }[where]
    checked = _check(starter, header + body)
    errors = [p for p in checked.problems if p.severity == "error"]
    assert len(errors) == 1, errors
    line = (header + body).splitlines()[errors[0].line - 1]
    assert line.strip() == f"{name}:" or line.strip().startswith(f"{name}:")
    assert errors[0].file.endswith("demo.cy.yaml")
    assert f"'{name}'" in errors[0].message


def test_did_you_mean_for_a_misspelt_scene(starter: LoadedCase) -> None:
    checked = _check(
        starter, "format: 1\ncase: demo\nlanguage: cy\nscenes:\n  phone-cal:\n    title: Galwad\n"
    )
    (problem,) = checked.problems
    assert (problem.line, problem.column) == (5, 3)
    assert "did you mean 'phone-call'" in problem.message


def test_wrong_case_language_kind_and_passage_condition(starter: LoadedCase) -> None:
    text = (
        "format: 1\ncase: other\nlanguage: fr\nscenes:\n"
        "  she-talks:\n    passages:\n      - if: not checked_safe\n        text: Testun\n"
        "  good-end:\n    decision:\n      prompt: Beth?\n"
    )
    checked = _check(starter, text)
    messages = {p.line: p.message for p in checked.problems}
    assert "for case 'other'" in messages[2]
    assert "says 'cy'" in messages[3]
    assert "condition 'checked_safe' in the case" in messages[7]
    assert "no decision in the case" in messages[10]


def test_unknown_field_with_did_you_mean(starter: LoadedCase) -> None:
    checked = _check(starter, "format: 1\ncase: demo\nlanguage: cy\ntitel: Teitl\n")
    (problem,) = checked.problems
    assert problem.line == 4 and "did you mean 'title'" in problem.message


def test_welsh_apostrophe_in_single_quotes_is_named(starter: LoadedCase) -> None:
    text = "format: 1\ncase: demo\nlanguage: cy\ntitle: 'Dw i'n deall'\n"
    checked = _check(starter, text)
    (problem,) = checked.problems
    assert problem.line == 4
    assert "apostrophe inside single quotes" in problem.message
    assert 'title: "Dw i\'n deall"' in problem.message


def test_markdown_limits_apply_to_translations(starter: LoadedCase) -> None:
    text = "format: 1\ncase: demo\nlanguage: cy\nscenes:\n  she-talks:\n    text: " + json.dumps(
        "[" * 300
    )
    checked = _check(starter, text + "\n")
    (problem,) = checked.problems
    assert problem.line == 6 and "'['" in problem.message


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_hostile_input_never_raises(starter: LoadedCase, raw: bytes) -> None:
    checked = check_translation(starter, starter.folder / "demo.cy.yaml", raw=b"format: 1\n" + raw)
    for problem in checked.problems:
        assert problem.line >= 0 and problem.message


@pytest.mark.parametrize(
    "text",
    [
        "&a x: 1\n",
        "format: 1\ncase: demo\nlanguage: cy\ntitle: !!python/object:os.system x\n",
        "format: 1\nformat: 1\n",
        "format: 1\ncase: demo\nlanguage: cy\nscenes: [" * 1 + "[" * 60 + "\n",
    ],
)
def test_hostile_yaml_is_refused_with_a_location(starter: LoadedCase, text: str) -> None:
    checked = _check(starter, text)
    assert checked.translation is None
    assert checked.problems and all(p.line >= 1 for p in checked.problems)


# --------------------------------------------------------------------------- scoring


def _signature(result: Any) -> tuple[Any, ...]:
    """Everything that scores an attempt (not the words it is shown in)."""
    steps = tuple(
        (s.index, s.scene, s.kind, s.judgement, s.critical, tuple(sorted(s.points.items())))
        for s in result.steps
    )
    return (
        result.finished,
        result.ending,
        result.outcome,
        result.passed,
        result.percent,
        tuple(sorted(result.points.items())),
        tuple(sorted(result.percents.items())),
        tuple(sorted(result.maxima.items())),
        steps,
    )


def _play_expected(loaded: LoadedCase, stop_after: int | None = None) -> Session:
    session = Session(loaded)
    moves = 0
    while not session.is_finished and (stop_after is None or moves < stop_after):
        scene = session.scene
        offered = {o.id for o in session.options}
        if scene.decision is not None:
            choices = [c for c in scene.decision.options if c.id in offered]
            session.choose(expected_option(choices).id)
        elif scene.checklist is not None:
            session.tick(best_ticks(loaded, scene.checklist))
        elif scene.rating is not None:
            session.rate(best_level(loaded, scene.rating))
        else:
            session.advance()
        moves += 1
    return session


@pytest.mark.parametrize("case_id", WELSH_CASES)
def test_bundled_welsh_case_scores_identically(case_id: str) -> None:
    path = bundled_scenarios() / f"{case_id}.yaml"
    english = load_case(path)
    welsh = load_case(path, language="cy")
    assert welsh.language == "cy" and welsh.sha256 == english.sha256
    assert welsh.case.title != english.case.title
    assert welsh.title == english.title == english.case.title  # what records keep
    en_result = _play_expected(english).result()
    cy_result = _play_expected(welsh).result()
    assert en_result.passed
    assert _signature(en_result) == _signature(cy_result)
    assert en_result.ending_debrief != cy_result.ending_debrief
    from trainer.core.testwise import play

    for strategy in STRATEGIES.values():
        # the same decisions as each test-wise learner's, replayed in Welsh, score the same
        played = _play_with(english, strategy)
        replayed = Session.replay(welsh, played.decisions)
        assert replayed.scene_id == played.scene_id
        assert _signature(replayed.result()) == _signature(played.result()), strategy.name
        # and a test-wise learner does not pass in Welsh either (the longest option is
        # another one when the words change)
        assert not play(welsh, strategy).passed, strategy.name


def _play_with(loaded: LoadedCase, strategy: Any) -> Session:
    session = Session(loaded)
    while not session.is_finished:
        scene = session.scene
        offered = {o.id for o in session.options}
        if scene.decision is not None:
            choices = [c for c in scene.decision.options if c.id in offered]
            session.choose(strategy.option(choices).id)
        elif scene.checklist is not None:
            session.tick(strategy.checklist(loaded, scene.checklist))
        elif scene.rating is not None:
            session.rate(strategy.rating(loaded, scene.rating))
        else:
            session.advance()
    return session


@pytest.mark.parametrize("case_id", WELSH_CASES)
def test_an_english_attempt_resumes_in_welsh(case_id: str) -> None:
    path = bundled_scenarios() / f"{case_id}.yaml"
    english = load_case(path)
    welsh = load_case(path, language="cy")
    half = _play_expected(english, stop_after=4)
    state = json.loads(json.dumps(half.state()))
    resumed = Session.from_state(welsh, state)
    assert resumed.scene_id == half.scene_id
    assert resumed.text != half.text or not half.text
    back = Session.from_state(english, resumed.state())  # and back again
    assert back.scene_id == half.scene_id
    # finish in Welsh: the same result as an attempt played all in English
    while not resumed.is_finished:
        scene = resumed.scene
        offered = {o.id for o in resumed.options}
        if scene.decision is not None:
            choices = [c for c in scene.decision.options if c.id in offered]
            resumed.choose(expected_option(choices).id)
        elif scene.checklist is not None:
            resumed.tick(best_ticks(welsh, scene.checklist))
        elif scene.rating is not None:
            resumed.rate(best_level(welsh, scene.rating))
        else:
            resumed.advance()
    assert _signature(resumed.result()) == _signature(_play_expected(english).result())


@pytest.mark.parametrize("case_id", WELSH_CASES)
def test_bundled_translations_validate_clean(case_id: str) -> None:
    path = bundled_scenarios() / f"{case_id}.yaml"
    english = load_case(path)
    checked = check_translation(english, translation_path(path, "cy"))
    assert checked.problems == []
    assert checked.report.percent == 100
    assert checked.report.status == "needs review"


def test_a_translation_that_gives_the_answer_away_by_length_is_warned(
    starter: LoadedCase,
) -> None:
    long = "Gofyn a yw'n ddiogel siarad nawr, " * 8
    text = starter_translation("demo", "cy").replace(
        "text: \"Gofyn a yw'n ddiogel siarad nawr, a chytuno ar air y gall hi ei ddefnyddio i "
        "ddod â'r alwad i ben.\"",
        f'text: "{long.strip()}"',
    )
    assert long.strip() in text
    checked = _check(starter, text)
    (warning,) = checked.problems
    assert warning.severity == "warning" and warning.file.endswith("demo.cy.yaml")
    assert "[cy] the expected option in 'phone-call'" in warning.message
    assert text.splitlines()[warning.line - 1].strip() == "options:"
    assert checked.report.percent == 100
