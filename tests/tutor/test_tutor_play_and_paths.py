"""Tutor play from a chosen scene with chosen flags, and the path table against the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.tutor.conftest import MINI, edit
from trainer.core.expectations import critical_ids
from trainer.core.graph import decisions_for
from trainer.core.loader import bundled_scenarios, case_files, load_case
from trainer.core.scoring import score_attempt
from trainer.ui.tutor.pathtable import SORT_ROLE, PathTable, PathTableModel
from trainer.ui.tutor.player import TutorPlayer

BUNDLED = case_files(bundled_scenarios())


@pytest.fixture
def player(qtbot) -> TutorPlayer:
    widget = TutorPlayer()
    qtbot.addWidget(widget)
    widget.set_case(load_case(MINI))
    widget.show()
    return widget


def _tick(widget, name: str) -> None:
    lst = (
        widget.flag_list
        if widget.flag_list.findItems(name, Qt.MatchFlag.MatchStartsWith)
        else widget.fact_list
    )
    item = lst.findItems(name, Qt.MatchFlag.MatchStartsWith)[0]
    item.setCheckState(Qt.CheckState.Checked)


def test_play_from_a_chosen_scene_with_chosen_flags(qtbot, player, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "home"))
    player.scene_combo.setCurrentIndex(player.scene_combo.findData("talk"))
    _tick(player, "checked_safe")
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    text = player.scene_view.toPlainText()
    assert "Lee is out" in text and "twenty minutes" in text  # the passage needs checked_safe
    assert player.visible_option_notes() == [
        "✔ Expected practice · communication +2 · sets asked_about_abuse · → risk"
    ]
    with qtbot.waitSignal(player.step_played):
        qtbot.mouseClick(player.option_buttons["listen"], Qt.MouseButton.LeftButton)
    assert player.session is not None and player.session.scene_id == "risk"
    # the checklist shows which indicators are present, and their weights
    notes = player.visible_option_notes()
    assert "present, weight 3 (key)" in notes and any("false alarm" in n for n in notes)
    player.option_boxes["strangulation"].setChecked(True)
    qtbot.mouseClick(player.option_buttons["submit"], Qt.MouseButton.LeftButton)
    assert player.session.scene_id == "rate"
    assert any("CRITICAL" in n for n in player.visible_option_notes())
    qtbot.mouseClick(player.option_buttons["high"], Qt.MouseButton.LeftButton)
    assert player.session.scene_id == "lee-arrives"
    assert "communication +2" in player.status.text()
    assert not (tmp_path / "home").exists()  # tutor plays are never recorded


def test_without_the_flag_the_passage_is_hidden_and_disclosure_makes_telling_critical(
    qtbot, player
) -> None:
    player.choose_scene("talk")
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    assert "twenty minutes" not in player.scene_view.toPlainText()
    # from Lee's arrival, with her disclosure already made, telling him is critical
    player.choose_scene("lee-arrives")
    _tick(player, "spoke-to-us")
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(player.step_played) as signal:
        qtbot.mouseClick(player.option_buttons["tell-him"], Qt.MouseButton.LeftButton)
    assert signal.args[0].critical
    assert "CRITICAL" in player.log.toPlainText()
    assert player.session.is_finished and player.session.scene_id == "poor-end"
    # without the disclosure, the same choice is unsafe but not critical
    player.fact_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(player.step_played) as signal:
        qtbot.mouseClick(player.option_buttons["tell-him"], Qt.MouseButton.LeftButton)
    assert not signal.args[0].critical and signal.args[0].judgement == "unsafe"


def test_path_table_model_passes_the_model_tester(qtmodeltester) -> None:
    model = PathTableModel()
    model.set_case(load_case(MINI))
    qtmodeltester.check(model)


@pytest.mark.parametrize("path", [MINI, *BUNDLED], ids=lambda p: p.stem)
def test_path_table_figures_match_the_scoring_engine(path: Path) -> None:
    loaded = load_case(path)
    model = PathTableModel()
    model.set_case(loaded, limit=60)
    columns = model.columns()
    assert 0 < model.rowCount() <= 60
    for row, path_row in enumerate(model.summary.rows):
        steps = path_row.report.steps
        result = score_attempt(loaded, decisions_for(loaded, steps, best=True))

        def cell(name: str, role=SORT_ROLE, r=row):
            return model.data(model.index(r, columns.index(name)), role)

        assert cell("Score %") == result.percent
        for comp, value in result.percents.items():
            assert cell(comp) == (-1.0 if value is None else value)
        assert cell("Critical errors", Qt.ItemDataRole.DisplayRole) == ", ".join(
            critical_ids(result)
        )
        verdict = cell("Result", Qt.ItemDataRole.DisplayRole)
        assert verdict.startswith("✖ fail") == (not result.passed)
        assert cell("Ending", Qt.ItemDataRole.DisplayRole) == result.ending


def test_path_table_sorts_and_highlights_problems(qtbot, mini_copy: Path) -> None:
    # telling him no longer leaks anything and scores: a path passes with an unsafe choice
    edit(
        mini_copy,
        "          reveals: [spoke-to-us]\n",
        "          points: {communication: 2, safeguarding-children: 0}\n",
    )
    table = PathTable()
    qtbot.addWidget(table)
    table.set_case(load_case(mini_copy))
    table.show()
    model = table.model
    notes = table.notes.text()
    assert "pass with an unsafe choice" in notes
    assert "Safeguarding children has a maximum of 0" in notes
    columns = model.columns()
    zero = columns.index("safeguarding-children")
    assert model.headerData(zero, Qt.Orientation.Horizontal).startswith("⚠ Safeguarding")
    flagged = [r for r in model.summary.rows if r.problems]
    assert [r.path_text for r in flagged] == ["check-safe > listen > tell-him"]
    problem_col = columns.index("Problems")
    row = model.summary.rows.index(flagged[0])
    assert model.data(model.index(row, problem_col), Qt.ItemDataRole.BackgroundRole) is not None
    # click the score header: rows sort by score, numerically
    header = table.view.horizontalHeader()
    score = columns.index("Score %")
    pos = QPoint(header.sectionViewportPosition(score) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    proxy = table.proxy
    shown = [proxy.data(proxy.index(r, score), SORT_ROLE) for r in range(proxy.rowCount())]
    assert shown in (sorted(shown), sorted(shown, reverse=True)) and len(set(shown)) > 1
