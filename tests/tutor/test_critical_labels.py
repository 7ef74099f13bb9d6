"""The branch map, scene panel and tutor player label engine-made critical choices as critical."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.tutor.conftest import MINI, edit
from trainer.core.loader import load_case
from trainer.ui.tutor.mapdata import build_map, scene_details_html
from trainer.ui.tutor.mapitems import edge_label, edge_pen
from trainer.ui.tutor.player import TutorPlayer


@pytest.fixture
def by_name(mini_copy: Path) -> Path:
    """The mini case with Lee named as the speaker (not by id) and no present list."""
    edit(mini_copy, "    speaker: lee\n    present: [lee]\n", "    speaker: Lee\n")
    return mini_copy


@pytest.mark.parametrize("spelt_by_name", [False, True])
def test_map_and_panel_label_engine_critical_choices(
    mini_copy: Path, by_name: Path, spelt_by_name: bool
) -> None:
    loaded = load_case(by_name if spelt_by_name else MINI)
    data = build_map(loaded)
    tell = next(e for e in data.edges if e.choice_id == "tell-him")
    records = next(e for e in data.edges if e.choice_id == "from-records")
    assert tell.critical and not records.critical
    assert "CRITICAL" in edge_label(tell) and "CRITICAL" not in edge_label(records)
    assert edge_pen(tell.judgement, tell.critical).widthF() > edge_pen(tell.judgement).widthF()
    html = scene_details_html(loaded, "lee-arrives")
    assert "✖ Unsafe — CRITICAL" in html
    assert "set by the engine: it reveals a confidential fact" in html


def test_tutor_player_notes_say_critical(qtbot, by_name: Path) -> None:
    player = TutorPlayer()
    qtbot.addWidget(player)
    player.set_case(load_case(by_name))
    player.show()
    player.choose_scene("lee-arrives")
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    notes = player.visible_option_notes()
    tell = next(n for n in notes if "reveals spoke-to-us" in n)
    assert tell.startswith("✖ Unsafe · critical once disclosed (set by the engine")
    # with her disclosure made, the note says what the engine will do: critical
    player.fact_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    notes = player.visible_option_notes()
    tell = next(n for n in notes if "reveals spoke-to-us" in n)
    assert tell.startswith("✖ Unsafe · CRITICAL (set by the engine")
    assert not any("CRITICAL" in n for n in notes if n is not tell)
    with qtbot.waitSignal(player.step_played) as signal:
        qtbot.mouseClick(player.option_buttons["tell-him"], Qt.MouseButton.LeftButton)
    assert signal.args[0].critical
