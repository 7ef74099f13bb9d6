from __future__ import annotations

import pytest

from trainer.core.errors import SessionError, StateError
from trainer.core.session import Session


def test_session_walks_the_case(mini) -> None:
    s = Session(mini)
    assert s.kind == "decision" and s.speaker == "Sam Carter"
    assert [o.id for o in s.options] == ["check-safe", "ask-straight"]
    assert s.asks_confidence
    step = s.choose("check-safe", "medium")
    assert step.judgement == "expected"
    assert "twenty minutes" in s.text  # a passage that depends on the flag just set
    s.choose("listen")
    assert s.kind == "checklist" and len(s.options) == 6  # two of them foils
    s.tick(["strangulation", "tidy-home"])
    assert s.steps[-1].detail["false_alarms"] == ["tidy-home"]
    assert "very frightened" in s.steps[-1].feedback
    assert s.kind == "rating" and [o.text for o in s.options] == ["Standard", "Medium", "High"]
    s.rate("high")
    seen, total = s.progress()
    assert seen == 5 and total == 6
    s.choose("from-records")
    assert s.is_finished and s.result().finished


def test_passage_is_hidden_without_its_flag(mini) -> None:
    s = Session(mini)
    s.choose("ask-straight")
    assert "twenty minutes" not in s.text


def test_wrong_actions_are_refused(mini) -> None:
    s = Session(mini)
    with pytest.raises(SessionError):
        s.choose("no-such-choice")
    with pytest.raises(SessionError):
        s.tick(["strangulation"])
    with pytest.raises(SessionError):
        s.rate("high")
    with pytest.raises(SessionError):
        s.advance()
    with pytest.raises(SessionError):
        s.choose("check-safe", confidence="very")


def test_state_resumes_exactly(mini) -> None:
    s = Session(mini)
    s.choose("check-safe", "low")
    s.choose("listen")
    state = s.state()
    again = Session.from_state(mini, state)
    assert again.scene_id == s.scene_id == "risk"
    assert again.flags == s.flags and again.steps == s.steps


def test_state_from_another_format_or_case_is_refused(mini) -> None:
    s = Session(mini)
    with pytest.raises(StateError, match="format"):
        Session.from_state(mini, {**s.state(), "format": 99})
    with pytest.raises(StateError, match="another-case"):
        Session.from_state(mini, {**s.state(), "case_id": "another-case"})
    bad = {**s.state(), "decisions": [{"scene": "door", "kind": "choice", "choice": "gone"}]}
    with pytest.raises(StateError, match="no longer fits"):
        Session.from_state(mini, bad)


def test_tutor_can_start_at_any_scene_with_chosen_flags(mini) -> None:
    s = Session(mini, "talk", {"checked_safe"})
    assert s.scene_id == "talk" and "twenty minutes" in s.text
    s.choose("listen")
    again = Session.from_state(mini, s.state())
    assert again.scene_id == "risk" and again.flags == s.flags
    with pytest.raises(SessionError):
        Session(mini, "no-such-scene")


def test_options_can_be_shuffled_the_same_way_for_one_attempt(mini) -> None:
    orders = set()
    for seed in range(20):
        s = Session(mini)
        s.shuffle_seed = seed
        first = [o.id for o in s.options]
        assert sorted(first) == ["ask-straight", "check-safe"]
        orders.add(tuple(first))
        s.choose("check-safe")
        s.choose("listen")
        again = Session.from_state(mini, s.state())
        assert again.shuffle_seed == seed
        assert [o.id for o in again.options] == [o.id for o in s.options]
    assert len(orders) == 2  # both orders occur across attempts
    s = Session(mini)
    assert [o.id for o in s.options] == ["check-safe", "ask-straight"]  # no seed: file order
