"""Issue 13: a case with counters in the tutor tools and on the command line: the branch
map, the scene panel, the path table, tutor play with chosen counter values, `trainer
play` with piped answers, `trainer test` and `trainer validate --paths`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt

from trainer.cli import main
from trainer.core.loader import load_case
from trainer.ui.tutor.branchmap import BranchMap
from trainer.ui.tutor.mapdata import build_map, scene_details_html
from trainer.ui.tutor.mapitems import edge_label
from trainer.ui.tutor.pathtable import PathTable
from trainer.ui.tutor.player import TutorPlayer

COUNTERS = Path(__file__).resolve().parents[1] / "fixtures" / "counters" / "counters.yaml"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def loaded():  # noqa: ANN201
    return load_case(COUNTERS)


def test_branch_map_shows_counter_changes_and_conditions(loaded) -> None:  # noqa: ANN001
    data = build_map(loaded)
    edges = {(e.choice_id, e.target): e for e in data.edges}
    confront = edges[("confront", "account")]
    assert confront.adds == "hostility +2, engagement -1"
    assert "hostility +2, engagement -1" in edge_label(confront)
    soften = edges[("soften", "minimises")]
    assert soften.offered_if == "hostility >= 2"
    assert "offered if hostility >= 2" in edge_label(soften)
    hold = edges[("hold", "admits")]
    assert "engagement +1" in edge_label(hold) and "only if engagement >= 4" in edge_label(hold)
    assert data.nodes["admits"].adds == "engagement +1"
    assert data.nodes["jodie-joins"].conditional == (
        "mark present if hostility >= 2; discloses new-number if engagement >= 4"
    )
    assert data.unreachable == [] and data.dead_ends == []


def test_scene_panel_shows_presence_disclosure_counters_and_debrief_passages(loaded) -> None:  # noqa: ANN001
    html = scene_details_html(loaded, "jodie-joins")
    assert "mark (only if hostility &gt;= 2)" in html
    assert "new-number (only if engagement &gt;= 4)" in html
    assert "Counters read here:</b> engagement, hostility" in html
    opening = scene_details_html(loaded, "opening")
    assert "adds hostility +2, engagement -1" in opening
    assert "Counters on arrival:</b> engagement +1" in scene_details_html(loaded, "admits")
    ending = scene_details_html(loaded, "mixed-end")
    assert "Debrief, only if colluded:" in ending and "angrier than he came" in ending


def test_branch_map_widget_draws_the_counter_case(qtbot, loaded) -> None:  # noqa: ANN001
    widget = BranchMap()
    qtbot.addWidget(widget)
    widget.show_map(build_map(loaded))
    widget.show()
    texts = [item.text() for item in widget.scene().items() if hasattr(item, "text")]
    assert any("hostility +2, engagement -1" in t for t in texts), texts


def test_path_table_shows_the_counters_at_the_end(qtbot, loaded) -> None:  # noqa: ANN001
    table = PathTable()
    qtbot.addWidget(table)
    table.set_case(loaded)
    model = table.model
    columns = model.columns()
    assert "Counters at the end" in columns
    column = columns.index("Counters at the end")
    rows = {
        model.index(r, columns.index("Path")).data(): model.index(r, column).data()
        for r in range(model.rowCount())
    }
    assert rows["reflect > hold > reinforce > ask-her > tonight-plan"] == (
        "engagement 5, hostility 0"
    )
    assert rows["confront > hold > name-it > ask-her > tonight-plan"] == (
        "engagement 2, hostility 3"
    )
    assert len(rows) == loaded.analysis.path_count


def test_tutor_play_with_chosen_counter_values(qtbot, loaded) -> None:  # noqa: ANN001
    player = TutorPlayer()
    qtbot.addWidget(player)
    player.set_case(loaded)
    player.show()
    assert set(player.counter_boxes) == {"engagement", "hostility"}
    assert player.counter_boxes["engagement"].value() == 2
    assert player.counter_boxes["hostility"].maximum() == 4
    player.choose_scene("jodie-joins")
    player.counter_boxes["hostility"].setValue(3)
    qtbot.mouseClick(player.play_button, LEFT)
    assert "stands by the door" in player.scene_view.toPlainText()  # he is present
    assert "hostility 3" in player.scene_view.toPlainText()
    with qtbot.waitSignal(player.step_played):
        qtbot.mouseClick(player.option_buttons["ask-her"], LEFT)
    assert "never-ask-with-him" in player.status.text()
    # the same scene with him calm: he waits outside and nothing is broken
    player.choose_scene("jodie-joins")
    player.counter_boxes["hostility"].setValue(0)
    player.counter_boxes["engagement"].setValue(4)
    qtbot.mouseClick(player.play_button, LEFT)
    assert "stands by the door" not in player.scene_view.toPlainText()
    assert "new phone number" in player.scene_view.toPlainText()
    qtbot.mouseClick(player.option_buttons["ask-her"], LEFT)
    assert "never-ask-with-him" not in player.status.text()


def test_trainer_play_with_piped_answers(tmp_path: Path) -> None:
    # referral (continue), reflect (2nd), hold (1st), reinforce (2nd), ask-her (1st),
    # checklist (strangulation, minimisation), rating high (3), tonight-plan (2nd)
    answers = "\n2\n1\n2\n1\n1,2\n3\n2\n"
    result = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path), "play", str(COUNTERS)], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "I did grab her" in result.output
    assert "quietly gives you her new phone number" in result.output
    assert "stands by the door" not in result.output
    assert "Passed — 100%" in result.output
    assert "talking about his children, not about her" in result.output


def test_trainer_test_and_paths_handle_counters() -> None:
    tested = CliRunner().invoke(main, ["test", str(COUNTERS)])
    assert tested.exit_code == 0, tested.output
    assert "ok: all 84 paths, no test-wise learner passes" in tested.output
    paths = CliRunner().invoke(main, ["validate", "--paths", str(COUNTERS)])
    assert paths.exit_code == 0, paths.output
    assert "collude > hold > reinforce > ask-her > just-end → mixed-end (engagement 5" in (
        paths.output
    )


def test_trainer_test_samples_a_counter_case_too_large_to_explore(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trainer.core import explore as graph  # MAX_STATES lives in explore now

    monkeypatch.setattr(graph, "MAX_STATES", 12)
    result = CliRunner().invoke(main, ["test", "--sample", "40", "--seed", "3", str(COUNTERS)])
    assert result.exit_code == 0, result.output
    assert "too many flag combinations (flags and counter values)" in result.output
    assert "a random sample of 40 playthroughs (seed 3" in result.output
    assert "no test-wise learner passes" in result.output


def test_expectations_can_name_the_counters_at_the_end(tmp_path: Path) -> None:
    import shutil

    case = tmp_path / "counters.yaml"
    shutil.copy(COUNTERS, case)
    expect = tmp_path / "counters.expect.yaml"
    text = COUNTERS.with_name("counters.expect.yaml").read_text(encoding="utf-8")
    expect.write_text(
        text.replace("counters: {engagement: 5, hostility: 0}", "counters: {engagement: 4}")
        .replace("hostility: {min: 3}", "hostility: {max: 1}")
        .replace("engagement: {max: 2}", "trust: 1"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(case)])
    assert result.exit_code == 1, result.output
    lines = expect.read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if "counters: {engagement: 4}" in t)
    assert f"counters.expect.yaml:{line}:" in result.output
    assert "expected engagement 4 at the end, got engagement 5" in result.output
    assert "expected hostility at most 1 at the end, got hostility 3" in result.output
    assert "the case has no counter 'trust' (it has: engagement, hostility)" in result.output
    assert "2 expectation" in CliRunner().invoke(main, ["test", str(COUNTERS)]).output


def test_the_tutor_window_opens_the_counter_case(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    import shutil

    from trainer.ui.tutor import open_tutor_window

    shutil.copy(COUNTERS, tmp_path / "counters.yaml")
    win = open_tutor_window(tmp_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.paths.model.rowCount() > 0, timeout=5000)
    assert win.problems.messages() == []
    assert "Counters at the end" in win.paths.model.columns()
    assert set(win.player.counter_boxes) == {"engagement", "hostility"}
    texts = [i.text() for i in win.map.scene().items() if hasattr(i, "text")]
    assert any("offered if hostility >= 2" in t for t in texts)
    win.test_action.trigger()
    assert win.problems.messages() == []
