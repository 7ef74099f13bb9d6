"""Every validator check gives a located, readable problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.loader import check_case
from trainer.core.yamlsource import load_yaml

WriteCase = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    loaded, problems = check_case(path)
    return [str(p) for p in problems]


def only(messages: list[str], needle: str) -> str:
    found = [m for m in messages if needle in m]
    assert found, f"no problem mentions {needle!r}: {messages}"
    return found[0]


def scene(data: dict[str, Any], sid: str) -> dict[str, Any]:
    return data["scenes"][sid]


def test_the_mini_case_is_clean(mini) -> None:
    assert mini.warnings == ()


def test_unknown_target_is_located_with_a_suggestion(write_case: WriteCase) -> None:
    path = write_case(lambda d: scene(d, "door")["decision"]["options"][0].update(to="tallk"))
    message = only(problems_of(path), "tallk")
    assert "does not exist (did you mean 'talk'?)" in message
    line = int(message.split(":")[1])
    text = path.read_text().splitlines()
    assert "tallk" in text[line - 1]


def test_unknown_field_suggests_the_right_name(write_case: WriteCase) -> None:
    path = write_case(lambda d: d.update(content_notes="x"))
    message = only(problems_of(path), "content_notes")
    assert "did you mean 'content_note'" in message


def test_missing_content_note_is_an_error(write_case: WriteCase) -> None:
    path = write_case(lambda d: d.pop("content_note"))
    assert "error" in only(problems_of(path), "content_note")


def test_every_problem_is_reported_not_just_the_first(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "door")["decision"]["options"][0]["to"] = "nowhere"
        scene(d, "talk")["decision"]["options"][0]["points"] = {"charm": 3}
        scene(d, "risk")["checklist"]["offered"].append("no-such-indicator")
        scene(d, "rate")["rating"]["expected"] = "extreme"

    messages = problems_of(write_case(edit))
    for needle in ("nowhere", "charm", "no-such-indicator", "extreme"):
        only(messages, needle)


def test_unreachable_scene(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scenes"]["orphan"] = {"text": "Nobody comes here.", "next": "good-end"}

    only(problems_of(write_case(edit)), "'orphan' can never be reached")


def test_dead_end_under_a_flag_state(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "talk")["decision"]["options"][0]["if"] = "checked_safe"

    only(problems_of(write_case(edit)), "dead end: in scene 'talk'")


def test_loop_with_no_exit(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "door")["decision"]["options"][1]["to"] = "loop-a"
        d["scenes"]["loop-a"] = {"text": "Round", "next": "loop-b"}
        d["scenes"]["loop-b"] = {"text": "and round", "next": "loop-a"}

    only(problems_of(write_case(edit)), "loop with no exit")


def test_decision_without_expected_choice(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "talk")["decision"]["options"][0]["judgement"] = "acceptable"

    only(problems_of(write_case(edit)), "no 'expected' choice")


def test_unsafe_choice_needs_feedback(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "lee-arrives")["decision"]["options"][1]["feedback"] = ""

    only(problems_of(write_case(edit)), "has no feedback")


def test_flag_read_but_never_set_is_an_error(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "talk")["passages"][0]["if"] = "checked_saf"

    message = only(problems_of(write_case(edit)), "never set")
    assert "error" in message and "did you mean 'checked_safe'" in message


def test_flag_set_but_never_read_is_a_warning(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "talk")["decision"]["options"][0]["sets"].append("listened")

    message = only(problems_of(write_case(edit)), "never read")
    assert "warning" in message


def test_image_outside_allowed_folders(write_case: WriteCase) -> None:
    path = write_case(lambda d: scene(d, "door").update(image="../../etc/passwd"))
    only(problems_of(path), "outside the case's folder")
    path = write_case(lambda d: scene(d, "door").update(image="https://example.org/x.png"))
    only(problems_of(path), "not a URL")
    path = write_case(lambda d: scene(d, "door").update(image="missing.png"))
    only(problems_of(path), "does not exist")


def test_a_case_that_cannot_be_failed(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["scoring"] = {"pass_mark": 0}
        for sc in d["scenes"].values():
            for opt in (sc.get("decision") or {}).get("options", []):
                opt["judgement"] = "expected" if opt["id"] != "tell-him" else "poor"
                opt.pop("reveals", None)
        d["rules"] = []
        scene(d, "rate")["rating"].pop("critical_under_by")
        scene(d, "risk")["checklist"].pop("must_identify")  # missing it would fail
        d.pop("confidential")
        scene(d, "talk").pop("discloses")

    only(problems_of(write_case(edit)), "cannot be failed")


def test_rating_weights_must_make_under_rating_cost_more(write_case: WriteCase) -> None:
    path = write_case(
        lambda d: scene(d, "rate")["rating"].update(under_weight=0.1, over_weight=0.5)
    )
    only(problems_of(path), "under-rating risk costs more")


def test_checklist_weight_must_exceed_false_alarm(write_case: WriteCase) -> None:
    path = write_case(lambda d: scene(d, "risk")["checklist"].update(false_alarm_weight=1))
    only(problems_of(path), "must cost more than a false alarm")


def test_yaml_errors_are_located(write_case: WriteCase) -> None:
    path = write_case(text="id: x\ntitle: [unclosed\n")
    assert problems_of(path)[0].startswith(f"{path}:")
    path = write_case(text="id: x\nid: y\n")
    assert f"{path}:2:1: error: duplicate key 'id'" in problems_of(path)[0]
    path = write_case(text="- a list\n- not a case\n")
    assert "expected a mapping" in problems_of(path)[0]


def test_source_map_locates_nested_values() -> None:
    data, smap = load_yaml("a:\n  b:\n    - x\n    - y: 1\n", "f.yaml")
    assert data == {"a": {"b": ["x", {"y": 1}]}}
    assert smap.locate(("a", "b", 1, "y")) == (4, 7)
    assert smap.locate(("a", "b", 5)) == (2, 3)


def test_a_path_that_passes_with_an_unsafe_choice_is_warned(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        scene(d, "lee-arrives")["decision"]["options"][1].pop("reveals")

    message = only(problems_of(write_case(edit)), "passes although it makes an unsafe choice")
    assert "warning" in message and "Tell him" in message


def test_option_order_does_not_hide_a_passing_path(write_case: WriteCase) -> None:
    # The expected option last at every decision: the case is still passable.
    def edit(d: dict[str, Any]) -> None:
        for sc in d["scenes"].values():
            if "decision" in sc:
                sc["decision"]["options"].reverse()

    loaded, problems = check_case(write_case(edit))
    assert loaded is not None, [str(p) for p in problems]
    assert problems == []
