"""Issue 19 in the core: fair checklists (revealed_by), notes with risk decisions, and the
validator's checks for harmful endings and poor choices without references."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.loader import check_case, load_case
from trainer.core.scoring import Decision
from trainer.core.session import Session

WriteCase = Callable[..., Path]


def skip_talk(data: dict[str, Any]) -> None:
    """A way past the conversation where Sam says he grabbed her by the neck."""
    door = data["scenes"]["door"]
    door["title"] = "At the door"
    door["decision"]["options"].append(
        {
            "id": "leave-card",
            "text": "Leave your card and go, to come back another day.",
            "judgement": "poor",
            "feedback": "She had a moment to talk and you did not use it.",
            "refs": ["wt2023"],
            "to": "risk",
        }
    )
    data["scenes"]["risk"]["checklist"]["revealed_by"] = {"strangulation": ["talk"]}


def test_an_indicator_the_path_never_revealed_is_not_counted(write_case: WriteCase) -> None:
    loaded = load_case(write_case(skip_talk))
    session = Session(loaded)
    session.choose("leave-card")
    step = session.tick(["very-frightened"])
    # Strangulation is a must-identify indicator, but this path never heard about it:
    # not missed, not critical, and the feedback says why and where.
    assert not step.critical
    assert step.detail["missed"] == [] and step.detail["unrevealed"] == ["strangulation"]
    assert step.judgement == "expected"
    assert "Not learned on your path" in step.feedback
    assert "Leave your card and go" in step.feedback and "At the door" in step.feedback
    assert "He has strangled, choked or smothered her" in step.feedback


def test_the_same_indicator_counts_on_a_path_that_revealed_it(write_case: WriteCase) -> None:
    loaded = load_case(write_case(skip_talk))
    session = Session(loaded)
    session.choose("check-safe")
    session.choose("listen")
    step = session.tick(["very-frightened"])
    assert step.critical and step.detail["missed"] == ["strangulation"]
    assert "unrevealed" not in step.detail
    assert "Not learned on your path" not in step.feedback


@settings(max_examples=40, deadline=None)
@given(
    ticked=st.sets(st.sampled_from(["strangulation", "very-frightened", "tidy-home", "employed"]))
)
def test_ticking_what_the_path_never_showed_neither_helps_nor_harms(
    ticked, tmp_path_factory
) -> None:  # noqa: ANN001
    import yaml

    from tests.core.conftest import MINI

    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    skip_talk(data)
    path = tmp_path_factory.mktemp("c") / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    loaded = load_case(path)
    with_it = Session(loaded)
    with_it.choose("leave-card")
    a = with_it.tick(sorted(ticked | {"strangulation"}))
    without = Session(loaded)
    without.choose("leave-card")
    b = without.tick(sorted(ticked - {"strangulation"}))
    assert a.points == b.points and a.judgement == b.judgement


def test_revealed_by_must_name_scenes_of_the_case(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["risk"]["checklist"]["revealed_by"] = {"strangulation": ["tlak"]}

    _, problems = check_case(write_case(edit))
    messages = [str(p) for p in problems]
    assert any(
        "revealed_by" in m and "'tlak'" in m and "did you mean 'talk'" in m for m in messages
    )


def test_a_note_is_kept_with_the_decision_and_survives_a_resume(mini) -> None:  # noqa: ANN001
    session = Session(mini)
    session.choose("check-safe", "high")
    session.choose("listen")
    step = session.tick(
        ["strangulation", "very-frightened"], note="  She said he grabbed her neck.  "
    )
    assert step.detail["note"] == "She said he grabbed her neck."
    rated = session.rate("high", note="Strangulation: high risk")
    assert rated.detail["note"] == "Strangulation: high risk"
    again = Session.from_state(mini, session.state())
    assert [s.detail.get("note") for s in again.steps if s.kind != "choice"] == [
        "She said he grabbed her neck.",
        "Strangulation: high risk",
    ]
    assert Decision.from_dict(session.state()["decisions"][2]).note == (
        "She said he grabbed her neck."
    )


def test_a_harmful_ending_without_a_debrief_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["poor-end"]["ending"]["debrief"] = ""

    _, problems = check_case(write_case(edit))
    found = [p for p in problems if "harmful" in p.message]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "without blaming" in found[0].message


def test_a_poor_choice_without_a_reference_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        del d["scenes"]["door"]["decision"]["options"][1]["refs"]

    _, problems = check_case(write_case(edit))
    found = [p for p in problems if "names no reference" in p.message]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "'ask-straight'" in found[0].message


def test_a_competency_the_path_never_reached_is_not_a_zero(write_case: WriteCase) -> None:
    from trainer.core.debrief import debrief_markdown, percent_words, reached_competencies

    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["door"]["decision"]["options"].append(
            {
                "id": "leave",
                "text": "Say you will come back next week, and leave.",
                "judgement": "poor",
                "feedback": "She had a moment to talk.",
                "refs": ["wt2023"],
                "to": "left",
            }
        )
        d["scenes"]["left"] = {
            "text": "You leave.",
            "ending": {"outcome": "mixed", "debrief": "Sam did not get to talk."},
        }

    loaded = load_case(write_case(edit))
    session = Session(loaded)
    session.choose("leave")
    result = session.result()
    assert result.percents["risk-identification"] == 0
    assert reached_competencies(loaded, result) == {"communication"}
    assert percent_words(loaded, result, "risk-identification") == "not reached on this path"
    text = debrief_markdown(loaded, result)
    assert "| Risk identification | not reached on this path | 40% |" in text


def test_a_scale_without_level_descriptions_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["risk_scales"] = {
            "bare": {
                "title": "Bare",
                "levels": [{"id": "lo", "label": "Low"}, {"id": "hi", "label": "High"}],
            }
        }
        d["scenes"]["rate"]["rating"]["scale"] = "bare"
        d["scenes"]["rate"]["rating"]["expected"] = "hi"

    _, problems = check_case(write_case(edit))
    assert any("has levels without a description" in p.message for p in problems)
