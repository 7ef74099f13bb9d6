"""Who is present must not depend on how the speaker was spelt (issue 10, tutors)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core import engine
from trainer.core.loader import check_case, load_case
from trainer.core.session import Session

WriteCase = Callable[..., Path]


def _lee_scene(data: dict[str, Any]) -> dict[str, Any]:
    return data["scenes"]["lee-arrives"]


def _tell_him(path: Path) -> Any:
    """Play the mini case to Lee's arrival and tell him what Sam disclosed."""
    s = Session(load_case(path))
    s.choose("check-safe")
    s.choose("listen")
    s.tick(["strangulation", "very-frightened"])
    s.rate("high")
    return s.choose("tell-him")


@pytest.mark.parametrize("spelling", ["Lee", "lee", "Lee Carter", " LEE  carter ", "Lee"])
def test_telling_him_is_critical_however_his_name_is_spelt(
    write_case: WriteCase, spelling: str
) -> None:
    def edit(d: dict[str, Any]) -> None:
        _lee_scene(d)["speaker"] = spelling
        del _lee_scene(d)["present"]

    step = _tell_him(write_case(edit))
    assert step.critical and step.judgement == "unsafe"


def test_speaker_resolution(mini) -> None:
    case = mini.case
    scene = case.scenes["lee-arrives"]
    for spelt, expected in [
        ("lee", "lee"),
        ("Lee", "lee"),
        ("Lee Carter", "lee"),
        ("SAM", "sam"),
        ("Carter", None),  # a surname both people share: not guessed
        ("Gareth", None),
        ("", None),
    ]:
        assert engine.speaker_id(case, scene.model_copy(update={"speaker": spelt})) == expected


def test_an_unknown_speaker_in_a_revealing_scene_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        _lee_scene(d)["speaker"] = "Mr C"
        del _lee_scene(d)["present"]

    loaded, problems = check_case(write_case(edit))
    assert loaded is not None  # a warning, not an error
    messages = [p.message for p in problems if p.severity == "warning"]
    assert any("speaker 'Mr C' is not one of the people" in m for m in messages), messages
    assert any("has no 'present:' list" in m for m in messages), messages
    located = [p for p in problems if "speaker 'Mr C'" in p.message][0]
    assert (
        located.line == Path(located.file).read_text().splitlines().index("    speaker: Mr C") + 1
    )


def test_a_perpetrator_speaking_with_no_present_list_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        del _lee_scene(d)["present"]

    _, problems = check_case(write_case(edit))
    assert any(
        "scene 'lee-arrives' has no 'present:' list" in p.message and p.severity == "warning"
        for p in problems
    )


def test_the_mini_case_has_no_presence_warning(mini) -> None:
    _, problems = check_case(mini.path)
    assert not [p for p in problems if "present" in p.message or "speaker" in p.message]


def test_engine_exposes_which_choices_it_makes_critical(mini) -> None:
    case = mini.case
    lee = case.scenes["lee-arrives"]
    tell, records = (
        next(c for c in lee.decision.options if c.id == cid) for cid in ("tell-him", "from-records")
    )
    assert engine.engine_critical(case, lee, tell)
    assert not engine.engine_critical(case, lee, records)
    door = case.scenes["door"]
    assert not any(engine.engine_critical(case, door, c) for c in door.decision.options)


@given(
    st.sampled_from(["lee", "Lee", "Lee Carter"]),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.text(alphabet=" \t", max_size=3),
)
@settings(max_examples=100)
def test_any_spelling_of_his_name_or_id_puts_him_in_the_scene(
    mini, base: str, upper: list[bool], pad: str
) -> None:
    spelt = "".join(c.upper() if u else c.lower() for c, u in zip(base, upper * 2, strict=False))
    spelt = pad + spelt.replace(" ", " " + pad) + pad
    scene = mini.case.scenes["lee-arrives"].model_copy(update={"speaker": spelt, "present": []})
    assert engine.speaker_id(mini.case, scene) == "lee"
    assert engine.perpetrator_present(mini.case, scene)
