"""Issue 13 (the format): counters, conditional presence and disclosure, present(...) in
sequence rules, conditional debrief passages, and the saved state that replays them."""

from __future__ import annotations

import copy
import operator
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core import engine, explore, graph
from trainer.core.conditions import (
    And,
    Compare,
    ConditionError,
    Const,
    Expr,
    Flag,
    Not,
    Or,
    Present,
    counter_names,
    evaluate,
    flag_names,
    parse,
    people_asked,
    unparse,
)
from trainer.core.errors import StateError
from trainer.core.loader import check_case, load_case
from trainer.core.model import Case
from trainer.core.scoring import Decision, score_attempt
from trainer.core.session import Session

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COUNTERS = FIXTURES / "counters" / "counters.yaml"

FLAGS = ["a", "b", "c_d", "e-f"]
COUNTERS_NAMES = ["engagement", "hostility"]
PEOPLE = ["mark", "jodie"]
OPS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


# --------------------------------------------------------------------------- the language


def _leaves() -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(Flag, st.sampled_from(FLAGS)),
        st.builds(Const, st.booleans()),
        st.builds(
            Compare,
            st.sampled_from(COUNTERS_NAMES),
            st.sampled_from(list(OPS)),
            st.integers(-5, 12),
        ),
        st.builds(Present, st.sampled_from(PEOPLE)),
    )


def _trees() -> st.SearchStrategy[Expr]:
    return st.recursive(
        _leaves(),
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.builds(And, inner, inner),
            st.builds(Or, inner, inner),
        ),
        max_leaves=10,
    )


def _depth(node: Expr) -> int:
    if isinstance(node, Not):
        return 1 + _depth(node.operand)
    if isinstance(node, (And, Or)):
        return 1 + max(_depth(node.left), _depth(node.right))
    return 0


def _reference(node: Expr, flags: set[str], values: dict[str, int], present: set[str]) -> bool:
    """What a condition means, written independently of the parser and evaluator."""
    if isinstance(node, Flag):
        return node.name in flags
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Compare):
        return OPS[node.op](values[node.counter], node.number)
    if isinstance(node, Present):
        return node.person in present
    if isinstance(node, Not):
        return not _reference(node.operand, flags, values, present)
    left = _reference(node.left, flags, values, present)
    right = _reference(node.right, flags, values, present)
    return (left and right) if isinstance(node, And) else (left or right)


@settings(max_examples=300, deadline=None)
@given(
    _trees().filter(lambda t: _depth(t) <= 10),
    st.sets(st.sampled_from(FLAGS)),
    st.fixed_dictionaries({n: st.integers(-3, 10) for n in COUNTERS_NAMES}),
    st.sets(st.sampled_from(PEOPLE)),
)
def test_round_trip_and_meaning(
    tree: Expr, flags: set[str], values: dict[str, int], present: set[str]
) -> None:
    text = unparse(tree)
    assert parse(text) == tree
    facts = flags | {f"{n}={v}" for n, v in values.items()}
    assert evaluate(text, facts, present) == _reference(tree, flags, values, present)


@given(
    st.sampled_from(COUNTERS_NAMES),
    st.sampled_from(list(OPS)),
    st.integers(-20, 20),
    st.integers(-20, 20),
)
def test_number_first_comparisons_mean_the_same(name: str, op: str, n: int, value: int) -> None:
    facts = {f"{name}={value}"}
    assert evaluate(f"{n} {op} {name}", facts) == OPS[op](n, value)
    assert evaluate(f"{name}{op}{n}", facts) == OPS[op](value, n)  # spaces are optional


def test_precedence_comparison_binds_tightest_then_not_and_or() -> None:
    assert parse("not engagement >= 3 and leaked") == And(
        Not(Compare("engagement", ">=", 3)), Flag("leaked")
    )
    assert parse("a or engagement < 2 and not present(mark)") == Or(
        Flag("a"), And(Compare("engagement", "<", 2), Not(Present("mark")))
    )
    facts = {"engagement=3"}
    assert not evaluate("not engagement >= 3 and true", facts)
    assert evaluate("not (engagement >= 3 and false)", facts)
    assert evaluate("engagement >= 3 and not leaked", facts)
    assert not evaluate("engagement >= 3 and not leaked", facts | {"leaked"})


def test_names_read_are_told_apart() -> None:
    source = "a and hostility > 1 or not present(mark) and 2 <= engagement"
    assert flag_names(source) == {"a"}
    assert counter_names(source) == {"hostility", "engagement"}
    assert people_asked(source) == {"mark"}


@pytest.mark.parametrize(
    ("bad", "position", "words"),
    [
        ("engagement = 3", 12, "use '=='"),
        ("engagement >= ", 14, "ends too early"),
        ("engagement >= 3 >= 2", 17, "one counter with one number"),
        ("3 >= 2", 6, "compare a counter with a whole number"),
        ("a == b", 6, "compare a counter with a whole number"),
        ("engagement >= x and", 15, "compare a counter with a whole number"),
        ("a && b", 3, "'and', 'or' and 'not' as words"),
        ("present(Mark)", 9, "unexpected 'M'"),
        ("present(and)", 9, "person's id"),
        ("present(mark", 13, "ends too early"),
        ("7", 1, "a number can only be compared"),
        ("engagement >= 99999999", 15, "too large"),
    ],
)
def test_errors_say_what_and_where(bad: str, position: int, words: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(bad)
    assert words in str(caught.value)
    assert caught.value.position == position


# --------------------------------------------------------------------------- clamping


def _case_with_counter(low: int, high: int, start: int) -> Case:
    return Case.model_validate(
        {
            "format": 1,
            "id": "c",
            "title": "c",
            "version": "1",
            "authors": ["t"],
            "jurisdiction": "england",
            "focus": "both",
            "level": "introductory",
            "minutes": 1,
            "summary": "s",
            "content_note": "n",
            "learning_outcomes": ["o"],
            "vars": {"n": {"min": low, "max": high, "start": start}},
            "start": "end",
            "scenes": {"end": {"text": "t", "ending": {"outcome": "good"}}},
        }
    )


@given(
    st.integers(-20, 20).flatmap(
        lambda low: st.tuples(
            st.just(low),
            st.integers(low, low + 30).flatmap(
                lambda high: st.tuples(st.just(high), st.integers(low, high))
            ),
        )
    ),
    st.lists(st.integers(-40, 40), max_size=30),
)
def test_adds_are_clamped_to_the_bounds_step_by_step(
    bounds: tuple[int, tuple[int, int]], adds: list[int]
) -> None:
    low, (high, start) = bounds
    case = _case_with_counter(low, high, start)
    facts = engine.initial(case)
    expected = start
    for delta in adds:
        facts = engine.add_counters(case, facts, {"n": delta})
        expected = max(low, min(high, expected + delta))  # clamped at every step, not at the end
        assert engine.counters(case, facts) == {"n": expected}
        assert low <= expected <= high
        assert sum(1 for f in facts if f.startswith("n=")) == 1


def test_counter_bounds_are_checked_when_loading(write_case: Callable[..., Path]) -> None:
    def bad(counter: dict[str, Any]) -> list[str]:
        path = write_case(lambda d: d.update(vars={"n": counter}))
        return [p.message for p in check_case(path)[1] if p.severity == "error"]

    assert any("start (9) must be between min and max" in m for m in bad({"max": 5, "start": 9}))
    assert any("max (1) is below min (3)" in m for m in bad({"min": 3, "max": 1}))
    assert any("at most 100 values" in m for m in bad({"min": 0, "max": 500}))
    assert any("whole number" in m for m in bad({"max": "5"}))


# --------------------------------------------------------------------------- the counter case


@pytest.fixture(scope="module")
def counters() -> Any:
    return load_case(COUNTERS)


def _play(loaded: Any, choices: list[str]) -> Session:
    """Play by choice ids; checklists and ratings answered best."""
    session = Session(loaded)
    picks = iter(choices)
    while not session.is_finished:
        scene = session.scene
        if scene.decision is not None:
            session.choose(next(picks))
        elif scene.checklist is not None:
            session.tick(list(scene.checklist.present))
        elif scene.rating is not None:
            session.rate(scene.rating.expected)
        else:
            session.advance()
    return session


GOOD = ["reflect", "hold", "reinforce", "ask-her", "tonight-plan"]
HARSH = ["confront", "hold", "name-it", "ask-her", "tonight-plan"]


def test_the_counter_case_is_clean() -> None:
    loaded, problems = check_case(COUNTERS)
    assert loaded is not None
    assert problems == []


def test_replies_depend_on_the_cumulative_approach(counters: Any) -> None:
    session = Session(counters)
    assert session.counters == {"engagement": 2, "hostility": 0}
    session.advance()
    session.choose("reflect")
    assert session.counters == {"engagement": 3, "hostility": 0}
    assert "I did grab her" in session.text and "solicitor" not in session.text
    session.choose("hold")  # engagement 4: the route to his admission
    assert session.scene_id == "admits"
    assert session.counters == {"engagement": 5, "hostility": 0}  # the scene adds on arrival

    harsh = Session(counters)
    harsh.advance()
    harsh.choose("confront")
    assert harsh.counters == {"engagement": 1, "hostility": 2}
    assert "solicitor" in harsh.text and "I did grab her" not in harsh.text
    assert "soften" in [o.id for o in harsh.options]  # offered only when hostility >= 2
    harsh.choose("hold")
    assert harsh.scene_id == "minimises"
    assert harsh.counters == {"engagement": 2, "hostility": 3}


def test_presence_and_the_rule_that_reads_it_follow_the_state(counters: Any) -> None:
    calm = _play(counters, GOOD)
    assert not calm.result().rules_broken
    harsh = _play(counters, HARSH)  # hostility 3: he follows her in, and she is asked anyway
    broken = harsh.result().rules_broken
    assert [s.label for s in broken if s.critical] == ["Sequence: never-ask-with-him"]
    assert not harsh.result().passed
    # the other rule reads a counter: humiliation raised hostility to 3
    assert "Sequence: humiliation-raises-risk" in [s.label for s in broken]


def test_disclosure_and_confidentiality_follow_the_state(counters: Any) -> None:
    # engagement reached 5: she gave her new number, so reading it out in front of him is
    # a critical error made by the engine
    told = _play(counters, ["reflect", "hold", "reinforce", "ask-her", "confirm-number"])
    assert "new-number" in told.disclosed
    step = told.result().steps[-1]
    assert (
        step.critical and step.judgement == "unsafe" and step.detail["revealed"] == ["new-number"]
    )
    # on the harsh path she never disclosed it: the same choice is poor, not critical
    untold = _play(counters, ["confront", "soften", "name-it", "arrange-alone", "confirm-number"])
    assert "new-number" not in untold.disclosed
    step = untold.result().steps[-1]
    assert not step.critical and step.judgement == "poor"


def test_debrief_passages_speak_to_the_path(counters: Any) -> None:
    from trainer.core.debrief import debrief_markdown

    good = _play(counters, GOOD).result()
    assert good.ending == "good-end"
    assert "talking about his children" in good.ending_debrief
    colluded = _play(counters, ["collude", "hold", "reinforce", "ask-her", "tonight-plan"])
    text = debrief_markdown(counters, colluded.result())
    assert colluded.result().ending == "mixed-end"
    assert "you agreed with his account" in text
    assert "angrier than he came" not in text
    harsh = debrief_markdown(counters, _play(counters, HARSH).result())
    assert "angrier than he came" in harsh and "you agreed with his account" not in harsh


def test_saved_state_resumes_exactly_and_old_formats_load(counters: Any) -> None:
    session = Session(counters)
    session.advance()
    session.choose("confront")
    session.choose("soften")
    state = session.state()
    assert state["format"] == 2 and state["vars"] == {"engagement": 1, "hostility": 2}
    again = Session.from_state(counters, state)
    assert (again.scene_id, again.flags, again.counters) == (
        session.scene_id,
        session.flags,
        session.counters,
    )
    assert again.text == session.text and again.disclosed == session.disclosed
    old = {k: v for k, v in state.items() if k != "vars"} | {"format": 1}
    assert Session.from_state(counters, old).counters == session.counters
    with pytest.raises(StateError, match="counters engagement 1, hostility 2, not"):
        Session.from_state(counters, {**state, "vars": {"engagement": 5, "hostility": 2}})


def test_tutor_start_with_chosen_counter_values(counters: Any) -> None:
    session = Session(counters, "account", {"engagement=4", "colluded"})
    assert session.counters == {"engagement": 4, "hostility": 0}
    assert "I did grab her" in session.text
    session.choose("hold")
    assert session.scene_id == "admits"
    state = session.state()
    assert Session.from_state(counters, state).counters == session.counters
    # values out of bounds are kept within them
    assert Session(counters, "account", {"engagement=40"}).counters["engagement"] == 5


def test_scores_and_maxima_stay_path_independent(counters: Any) -> None:
    exact = graph.case_maxima(counters)
    assert exact.exact
    assert exact.maxima == {"communication": 10.0, "risk-identification": 20.0}
    # every complete path, by brute force through the engine, earns at most the maxima
    best = 0.0
    for steps in graph.iter_paths(counters, limit=10_000):
        result = score_attempt(counters, graph.decisions_for(counters, steps, best=True))
        best = max(best, result.points.get("communication", 0.0))
    assert best == exact.maxima["communication"]
    assert counters.analysis.path_count == len(graph.iter_paths(counters, limit=10_000))


# --------------------------------------------------------------------------- the validator


def _problems(path: Path) -> list[Any]:
    return check_case(path)[1]


def _write(tmp_path: Path, edit: Callable[[dict[str, Any]], Any]) -> Path:
    data = yaml.safe_load(COUNTERS.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    edit(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    return path


def test_a_bad_condition_is_located_to_its_character(tmp_path: Path) -> None:
    text = COUNTERS.read_text(encoding="utf-8").replace(
        "      - if: engagement >= 3\n", "      - if: engagement >= 3 and and\n"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      - if: engagement >= 3 and and") + 1
    (problem,) = [p for p in _problems(path) if p.severity == "error"]
    assert (problem.line, problem.column) == (line, 33)  # the second 'and'
    assert "unexpected 'and' at character 21" in problem.message
    quoted = text.replace("- if: engagement >= 3 and and", "- if: 'engagement => 3'")
    path.write_text(quoted, encoding="utf-8")
    (problem,) = [p for p in _problems(path) if p.severity == "error"]
    assert (problem.line, problem.column) == (line, 25)  # inside the quotes: the '='
    assert "unexpected '='" in problem.message


def test_counter_mistakes_are_named(tmp_path: Path) -> None:
    def scene(d: dict[str, Any], sid: str) -> dict[str, Any]:
        return d["scenes"][sid]

    def edit(d: dict[str, Any]) -> None:
        scene(d, "account")["passages"][0]["if"] = "engagment >= 3"
        scene(d, "account")["passages"][1]["if"] = "hostility"
        scene(d, "admits")["adds"] = {"trust": 1}
        scene(d, "tonight")["decision"]["options"][0]["if"] = "present(mark)"
        scene(d, "jodie-joins")["passages"][1]["if"] = "engagement > 9"
        scene(d, "jodie-joins")["present"][1]["who"] = "marc"
        d["rules"][0]["require"] = "not present(marc)"

    messages = [p.message for p in _problems(_write(tmp_path, edit))]
    expected = [
        "'engagment' is compared with a number, but it is not a counter declared under "
        "'vars:' (did you mean 'engagement'?)",
        "'hostility' is a counter, not a flag: compare it with a number, e.g. 'hostility >= 1'",
        "'trust' is not a counter declared under 'vars:'",
        "present(mark) can only be asked in sequence rules and scene passages",
        "'engagement > 9' can never hold: 'engagement' stays between 0 and 5",
        "unknown person 'marc' (did you mean 'mark'?)",
        "present(marc) names no person of this case (did you mean 'mark'?)",
    ]
    for words in expected:
        assert any(words in m for m in messages), (words, messages)


def test_a_counter_named_like_a_flag_or_set_like_one_is_refused(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["vars"]["colluded"] = {"max": 2}
        d["scenes"]["opening"]["decision"]["options"][2]["sets"] = ["hostility"]

    messages = [p.message for p in _problems(_write(tmp_path, edit))]
    assert any("'colluded' is a counter and also a flag" in m for m in messages)
    assert any("'hostility' is a counter: change it with 'adds" in m for m in messages)


def test_dead_end_reported_with_the_counter_values(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["tonight"]["decision"]["options"][1]["to"] = [
            {"if": "engagement >= 4", "to": "good-end"}
        ]

    messages = [p.message for p in _problems(_write(tmp_path, edit))]
    assert any(
        m.startswith("dead end: in scene 'tonight' with ")
        and "engagement " in m
        and "'tonight-plan' has no route that matches" in m
        for m in messages
    ), messages


def test_a_large_counter_space_is_explored_within_bounds_then_sampled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exploration stops at MAX_STATES with a message; scores stay exact."""
    monkeypatch.setattr(explore, "MAX_STATES", 12)
    loaded, problems = check_case(COUNTERS)
    assert loaded is not None and loaded.analysis.truncated
    messages = [p.message for p in problems]
    assert any("too many flag combinations (flags and counter values)" in m for m in messages)
    assert any("seeded random playthroughs" in m or "random playthroughs" in m for m in messages)
    assert graph.case_maxima(loaded).exact
    result = _play(loaded, GOOD).result()
    assert result.passed and result.percent == 100.0


def test_decisions_replay_to_the_same_result(counters: Any) -> None:
    session = _play(counters, HARSH)
    replayed = score_attempt(counters, list(session.decisions))
    assert replayed == session.result()
    assert replayed.counters == {"engagement": 2, "hostility": 3}
    assert isinstance(session.decisions[0], Decision)


def test_the_starter_case_shows_counters_presence_and_debrief_passages(tmp_path: Path) -> None:
    from trainer.core.template import starter_case

    path = tmp_path / "starter.yaml"
    path.write_text(starter_case("starter"), encoding="utf-8")
    loaded, problems = check_case(path)
    assert loaded is not None and problems == []
    case = loaded.case
    assert case.vars["trust"].initial == 1
    assert any(not isinstance(p, str) for p in case.scenes["she-talks"].present)
    assert case.scenes["good-end"].ending is not None and case.scenes["good-end"].ending.passages

    careful = _play(loaded, ["check-safe", "plan-together"])
    assert careful.counters == {"trust": 2}
    assert "built the trust" in careful.result().ending_debrief
    outright = Session(loaded)
    outright.choose("ask-outright")
    assert outright.counters == {"trust": 0}
    assert "jay" in outright.present_people and "man's voice" in outright.text
    assert "man's voice" not in _started_safely(loaded).text


def _started_safely(loaded: Any) -> Session:
    session = Session(loaded)
    session.choose("check-safe")
    return session


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["engagement >= 3", "not leaked and hostility < 2", "engagement == 1 or a"]),
    st.data(),
    st.sampled_from(["plain", "single", "double"]),
)
def test_any_bad_character_is_located_in_the_file(
    tmp_path_factory: pytest.TempPathFactory, good: str, data: st.DataObject, quoting: str
) -> None:
    """A stray character anywhere in a condition is reported at its own line and column."""
    at = data.draw(st.integers(0, len(good)))
    bad_char = data.draw(st.sampled_from(["$", "@", "&", "?", "="]))
    if bad_char == "=" and (good[at - 1 : at] in "<>=!" or good[at : at + 1] == "="):
        bad_char = "$"  # '=' next to an operator would make a valid operator
    condition = good[:at] + f" {bad_char} " + good[at:]
    written = {"plain": condition, "single": f"'{condition}'", "double": f'"{condition}"'}
    if quoting == "plain" and condition.lstrip()[:1] in "&?@":
        written["plain"] = f"'{condition}'"  # YAML would read these as indicators
    text = COUNTERS.read_text(encoding="utf-8").replace(
        "      - if: hostility >= 2\n        text: He folds",
        f"      - if: {written[quoting]}\n        text: He folds",
    )
    path = tmp_path_factory.mktemp("loc") / "case.yaml"
    path.write_text(text, encoding="utf-8")
    errors = [p for p in _problems(path) if p.severity == "error"]
    assert len(errors) == 1, errors
    (problem,) = errors
    line = text.splitlines()[problem.line - 1]
    assert line.startswith("      - if: ")
    # the message names the character and where it is in the condition; the column
    # points at that very character in the file
    found = re.search(r"unexpected '(.)' at character (\d+) of condition", problem.message)
    assert found, problem.message
    char, position = found.group(1), int(found.group(2))
    value = condition.strip() if written[quoting] == condition else condition  # YAML trims
    assert value[position - 1] == char
    assert line[problem.column - 1] == char, (line, problem)
    assert char == bad_char or (char == "=" and "=" in good)  # an operator it split


def test_a_condition_on_the_speakers_presence_is_pointed_out(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["opening"]["present"] = [{"who": "mark", "if": "hostility >= 1"}]

    messages = [p.message for p in _problems(_write(tmp_path, edit))]
    assert any("'mark' speaks in this scene, so they are always present" in m for m in messages)


def _with_retry_loop(d: dict[str, Any], exit_at: int) -> None:
    """'Try again' at the account: each try raises engagement; he answers once it is high."""
    d["scenes"]["account"]["decision"]["options"].append(
        {
            "id": "try-again",
            "text": "Let the silence sit, then ask him again what happened that night.",
            "judgement": "acceptable",
            "adds": {"engagement": 1},
            "feedback": "Patience can open him up.",
            "to": [{"if": f"engagement >= {exit_at}", "to": "admits"}, {"to": "retry"}],
        }
    )
    d["scenes"]["retry"] = {
        "speaker": "mark",
        "present": ["mark"],
        "text": "He shrugs.",
        "next": "account",
    }


def test_a_loop_that_counters_let_out_is_fine(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: _with_retry_loop(d, 5))
    loaded, problems = check_case(path)
    assert loaded is not None
    assert not [p for p in problems if p.severity == "error"]
    tries = ["try-again"] * 4
    session = _play(loaded, ["confront", *tries, "reinforce", "arrange-alone", "tonight-plan"])
    assert session.visited.count("account") == 4  # three more tries, then he answers
    assert "admits" in session.visited


def test_a_loop_no_counter_value_can_leave_is_reported(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        _with_retry_loop(d, 5)
        # the only way on is to try again, and engagement is capped below the way out
        d["vars"]["engagement"]["max"] = 4
        d["scenes"]["account"]["decision"]["options"] = [
            o for o in d["scenes"]["account"]["decision"]["options"] if o["id"] == "try-again"
        ]
        d["scenes"]["account"]["decision"]["options"][0]["judgement"] = "expected"

    messages = [p.message for p in _problems(_write(tmp_path, edit))]
    assert any(
        m.startswith("loop with no exit: from scene 'account' with ")
        and "engagement" in m
        and m.endswith(", no ending can be reached")
        for m in messages
    ), messages
    assert any("'engagement >= 5' can never hold" in m for m in messages), messages


@given(st.lists(st.text(max_size=12), max_size=6))
def test_any_origin_flags_give_a_valid_start(flags: list[str]) -> None:
    """A saved attempt's origin flags come from a file: whatever they say, the session
    starts with every counter within its bounds and no stray counter facts."""
    loaded = load_case(COUNTERS)
    session = Session(loaded, "account", flags)
    assert set(session.counters) == {"engagement", "hostility"}
    assert 0 <= session.counters["engagement"] <= 5 and 0 <= session.counters["hostility"] <= 4
    assert all("=" not in f or f.split("=")[0] in loaded.case.vars for f in session.flags)


def _minimal(node: Expr) -> str:
    """The text with brackets only where precedence needs them (or < and < not < compare)."""
    if isinstance(node, Not):
        inner = _minimal(node.operand)
        return f"not ({inner})" if isinstance(node.operand, (And, Or)) else f"not {inner}"
    if isinstance(node, And):
        parts = [
            f"({_minimal(n)})" if isinstance(n, Or) else _minimal(n)
            for n in (node.left, node.right)
        ]
        return " and ".join(parts)
    if isinstance(node, Or):
        return f"{_minimal(node.left)} or {_minimal(node.right)}"
    return unparse(node)


@settings(max_examples=300, deadline=None)
@given(
    _trees().filter(lambda t: _depth(t) <= 10),
    st.sets(st.sampled_from(FLAGS)),
    st.fixed_dictionaries({n: st.integers(-3, 10) for n in COUNTERS_NAMES}),
    st.sets(st.sampled_from(PEOPLE)),
)
def test_precedence_without_brackets_keeps_the_meaning(
    tree: Expr, flags: set[str], values: dict[str, int], present: set[str]
) -> None:
    facts = flags | {f"{n}={v}" for n, v in values.items()}
    text = _minimal(tree)
    assert evaluate(text, facts, present) == _reference(tree, flags, values, present), text
