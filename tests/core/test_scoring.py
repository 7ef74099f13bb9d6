"""Scoring rules: properties that must hold for any case and any decisions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.graph import decisions_for, iter_paths, path_reports
from trainer.core.model import Checklist, Rating
from trainer.core.scoring import (
    Decision,
    checklist_fraction,
    rating_fraction,
    rating_judgement,
    score_attempt,
)
from trainer.core.session import Session

BEST = [
    Decision("door", "choice", choice="check-safe", confidence="high"),
    Decision("talk", "choice", choice="listen"),
    Decision("risk", "checklist", ticked=("strangulation", "very-frightened")),
    Decision("rate", "rating", rating="high"),
    Decision("lee-arrives", "choice", choice="from-records"),
]


def test_best_path_passes_with_full_marks(mini) -> None:
    result = score_attempt(mini, BEST)
    assert result.passed and result.finished
    assert result.percent == 100
    assert result.critical_errors == []


def test_revealing_a_confidence_to_the_perpetrator_is_critical_without_author_marking(
    mini,
) -> None:
    choice = mini.case.scenes["lee-arrives"].decision.options[1]
    assert choice.id == "tell-him" and not choice.critical  # the author did not mark it
    result = score_attempt(mini, [*BEST[:-1], Decision("lee-arrives", "choice", choice="tell-him")])
    assert not result.passed
    (critical,) = result.critical_errors
    assert critical.label.startswith("Tell him")
    assert "disclosed in confidence" in critical.feedback
    assert any("Safety-critical" in r for r in result.reasons)


def test_broken_sequence_rule_is_judged_once(mini) -> None:
    decisions = [Decision("door", "choice", choice="ask-straight"), *BEST[1:]]
    result = score_attempt(mini, decisions)
    (rule,) = result.rules_broken
    assert rule.judgement == "unsafe" and rule.points == {"communication": -2}
    assert not result.passed  # communication falls below its minimum


def test_confident_but_unsafe_is_flagged(mini) -> None:
    decisions = [
        *BEST[:-1],
        Decision("lee-arrives", "choice", choice="tell-him", confidence="high"),
    ]
    result = score_attempt(mini, decisions)
    assert [s.label for s in result.confident_unsafe] == [
        "Tell him Sam has told you about last week."
    ]


def test_under_rating_by_two_levels_is_critical(mini) -> None:
    decisions = [*BEST[:3], Decision("rate", "rating", rating="standard"), BEST[4]]
    result = score_attempt(mini, decisions)
    assert not result.passed
    assert [s.kind for s in result.critical_errors] == ["rating"]


def test_percentages_do_not_depend_on_the_path(mini) -> None:
    # maxima are the best any complete path can earn, the same whatever was chosen
    for steps in iter_paths(mini):
        result = score_attempt(mini, decisions_for(mini, steps, best=True))
        assert result.maxima == mini.analysis.maxima
        assert 0 <= result.percent <= 100


def test_no_path_passes_with_an_unsafe_choice(mini) -> None:
    for report in path_reports(mini):
        if any(s.judgement == "unsafe" or s.critical for s in report.best.steps):
            assert not report.best.passed


def test_same_decisions_same_result(mini) -> None:
    first = score_attempt(mini, BEST).as_dict()
    again = score_attempt(mini, [Decision.from_dict(d.as_dict()) for d in BEST]).as_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


# ---------------------------------------------------------------- risk rating


@st.composite
def ratings(draw: st.DrawFn) -> tuple[Rating, list[str]]:
    n = draw(st.integers(2, 6))
    levels = [f"l{i}" for i in range(n)]
    over = draw(st.floats(0.05, 1.0))
    under = draw(st.floats(over, 1.0))
    part = Rating(
        scale="s",
        expected=draw(st.sampled_from(levels)),
        competency="c",
        under_weight=under,
        over_weight=over,
        to="x",
    )
    return part, levels


@given(ratings(), st.integers(1, 5))
def test_under_rating_costs_more_than_over_rating(rating_and_levels, distance: int) -> None:
    part, levels = rating_and_levels
    e = levels.index(part.expected)
    if e - distance >= 0 and e + distance < len(levels):
        under, _ = rating_fraction(part, levels, levels[e - distance])
        over, _ = rating_fraction(part, levels, levels[e + distance])
        assert under <= over
        assert over < 1.0 or part.over_weight * distance == 0  # over-rating still costs
    exact, gap = rating_fraction(part, levels, part.expected)
    assert exact == 1.0 and gap == 0
    assert rating_judgement(part, 0)[0] == "expected"


# ---------------------------------------------------------------- checklists


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    ids = [f"i{n}" for n in range(draw(st.integers(3, 10)))]
    present_ids = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    fa = draw(st.floats(0.0, 0.9))
    present = {i: draw(st.floats(fa + 0.1, 5.0)) for i in present_ids}
    return Checklist(offered=ids, present=present, competency="c", false_alarm_weight=fa, to="x")


@settings(max_examples=200)
@given(checklists(), st.data())
def test_a_miss_costs_more_than_a_false_alarm(part: Checklist, data: st.DataObject) -> None:
    absent = [i for i in part.offered if i not in part.present]
    ticked = set(data.draw(st.lists(st.sampled_from(part.offered), unique=True)))
    base, _, _ = checklist_fraction(part, ticked)
    assert 0.0 <= base <= 1.0
    missed = [i for i in part.present if i in ticked]
    if missed and absent:
        one_miss, _, _ = checklist_fraction(part, ticked - {missed[0]})
        extra = [i for i in absent if i not in ticked]
        if extra:
            one_false_alarm, _, _ = checklist_fraction(part, ticked | {extra[0]})
            assert one_miss <= one_false_alarm


@given(
    st.lists(st.sampled_from(["check-safe", "ask-straight"]), min_size=1, max_size=1),
    st.sampled_from(["standard", "medium", "high"]),
    st.lists(
        st.sampled_from(["strangulation", "very-frightened", "tidy-home", "employed"]), unique=True
    ),
    st.sampled_from(["from-records", "tell-him"]),
)
def test_any_attempt_scores_within_bounds_and_criticals_always_fail(
    mini, first: list[str], level: str, ticked: list[str], last: str
) -> None:
    decisions = [
        Decision("door", "choice", choice=first[0]),
        Decision("talk", "choice", choice="listen"),
        Decision("risk", "checklist", ticked=tuple(ticked)),
        Decision("rate", "rating", rating=level),
        Decision("lee-arrives", "choice", choice=last),
    ]
    result = score_attempt(mini, decisions)
    assert 0 <= result.percent <= 100
    for pct in result.percents.values():
        assert pct is None or 0 <= pct <= 100
    if result.critical_errors:
        assert not result.passed
    session = Session.replay(mini, decisions)
    assert Session.from_state(mini, json.loads(json.dumps(session.state()))).result() == result


@pytest.mark.parametrize("kind", ["choice", "checklist", "rating", "continue"])
def test_decisions_round_trip(kind: str) -> None:
    d = Decision("s", kind, choice="c", ticked=("a",), rating="r", confidence="low", elapsed_ms=5)
    assert Decision.from_dict(json.loads(json.dumps(d.as_dict()))) == d


def test_decision_as_dict_has_every_field() -> None:
    import dataclasses

    d = Decision("s", "checklist", ticked=("a", "b"), elapsed_ms=3)
    assert set(d.as_dict()) == {f.name for f in dataclasses.fields(Decision)}
    assert d.as_dict()["ticked"] == ["a", "b"]


def test_debrief_keeps_feedback_inside_each_step_of_the_path(mini) -> None:
    from trainer.core.debrief import debrief_markdown
    from trainer.core.render import render_markdown

    html = render_markdown(debrief_markdown(mini, score_attempt(mini, BEST)))
    path = html[html.index("Your path") :]
    assert "<ol>" in path
    first_item = path[path.index("<li>") : path.index("</li>")]
    assert "Checking safety first" in first_item
