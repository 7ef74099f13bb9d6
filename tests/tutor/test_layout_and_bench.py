"""The layered layout of the branch map, and the map benchmark's figures."""

from __future__ import annotations

import yaml

from bench.map_bench import SCENES, generate_case, run
from trainer.ui.tutor.layout import back_edges, layered_layout


def test_forward_arrows_point_right_and_loops_are_found() -> None:
    nodes = ["a", "b", "c", "d", "lost"]
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("a", "c"), ("c", "d"), ("lost", "d")]
    placed = layered_layout(nodes, edges, ["a"])
    assert back_edges(nodes, edges, ["a"]) == {2}
    for i, (src, dst) in enumerate(edges):
        if i != 2:
            assert placed[src].layer < placed[dst].layer, (src, dst)
    # the unreachable 'lost' sits just before the scene it leads to
    assert placed["lost"].layer == placed["d"].layer - 1
    for layer in {p.layer for p in placed.values()}:
        orders = sorted(p.order for p in placed.values() if p.layer == layer)
        assert orders == list(range(len(orders)))


def test_generated_case_is_valid(tmp_path) -> None:
    from trainer.core.loader import check_case

    path = tmp_path / "bench.yaml"
    path.write_text(yaml.safe_dump(generate_case(), sort_keys=False), encoding="utf-8")
    loaded, problems = check_case(path)
    assert loaded is not None and [p for p in problems if p.severity == "error"] == []
    assert len(loaded.case.scenes) == SCENES


def test_map_of_200_scenes_lays_out_and_paints_within_a_second(qtbot) -> None:
    rows = run(quick=True)
    assert {"name", "ours_s", "baseline_s", "ratio", "aim"} <= set(rows[0])
    assert rows[0]["ours_s"] < 1.0, rows
