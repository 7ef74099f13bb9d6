"""Benchmark: lay out and paint the branch map of a generated 200-scene case.

    QT_QPA_PLATFORM=offscreen python -m bench.map_bench [--quick]

The raw baseline paints the same number of plain QGraphicsRectItems at the same
positions in a view of the same size. The aim (issue 5) is under a second.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCENES = 200
VIEW_SIZE = (1400, 900)
JUDGEMENTS = ("expected", "acceptable", "poor", "unsafe")


def generate_case(scenes: int = SCENES, seed: int = 1, width: int = 10) -> dict[str, Any]:
    """A valid layered case: rows of ``width`` scenes, decisions with 2-3 choices leading
    one or two rows on, a checklist now and then, and a row of endings at the end."""
    rng = random.Random(seed)
    rows = [
        [f"s{i:03d}" for i in range(start, min(start + width, scenes))]
        for start in range(1, scenes, width)
    ]
    rows.insert(0, ["s000"])
    data: dict[str, Any] = {}
    for r, row in enumerate(rows[:-1]):
        after = rows[r + 1]
        later = after + (rows[r + 2] if r + 2 < len(rows) else [])
        for n, sid in enumerate(row):
            first = after[n % len(after)]
            if r == 0:  # the start reaches every scene of the first row
                options = [
                    {
                        "id": f"c{k}",
                        "text": f"Opening option {k}",
                        "judgement": "expected" if k == 0 else "acceptable",
                        "points": {"communication": 1},
                        "to": target,
                    }
                    for k, target in enumerate(after)
                ]
                data[sid] = {"text": "Start.", "decision": {"options": options}}
                continue
            if n == 3 and r % 3 == 1:
                data[sid] = {
                    "text": f"Scene {sid}.",
                    "checklist": {
                        "offered": ["strangulation", "stalking", "tidy-home", "employed"],
                        "present": {"strangulation": 3, "stalking": 1},
                        "competency": "risk-identification",
                        "to": first,
                    },
                }
                continue
            options = []
            for k in range(rng.choice((2, 2, 3))):
                judgement = "expected" if k == 0 else rng.choice(JUDGEMENTS[1:])
                option: dict[str, Any] = {
                    "id": f"c{k}",
                    "text": f"Option {k} at {sid}: say or do something about the situation",
                    "judgement": judgement,
                    "points": {"communication": 2 if judgement == "expected" else 0},
                    "to": first if k == 0 else rng.choice(later),
                }
                if judgement == "unsafe":
                    option["critical"] = True
                    option["feedback"] = "Unsafe because it puts her at risk."
                options.append(option)
            data[sid] = {"text": f"Scene {sid}.", "decision": {"options": options}}
    for k, sid in enumerate(rows[-1]):
        data[sid] = {"text": "The end.", "ending": {"outcome": ("good", "mixed", "poor")[k % 3]}}
    return {
        "format": 1,
        "id": "bench-map",
        "title": "Generated map benchmark case",
        "version": "1",
        "authors": ["bench"],
        "jurisdiction": "england",
        "focus": "victim-safeguarding",
        "level": "introductory",
        "minutes": 60,
        "summary": "Generated.",
        "content_note": "Generated text only.",
        "learning_outcomes": ["none"],
        "scoring": {"pass_mark": 10},
        "start": "s000",
        "scenes": data,
    }


def _best(fn: Callable[[], None], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) if repeats < 3 else statistics.median(times)


def run(quick: bool = False) -> list[dict[str, Any]]:
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    from trainer.ui.tutor.branchmap import BranchMap
    from trainer.ui.tutor.layout import layered_layout
    from trainer.ui.tutor.mapdata import build_map, load_for_tutor
    from trainer.ui.tutor.mapitems import BOX_H, BOX_W

    app = QApplication.instance() or QApplication(sys.argv[:1])
    repeats = 1 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-map.yaml"
        path.write_text(yaml.safe_dump(generate_case(), sort_keys=False), encoding="utf-8")
        draft = load_for_tutor(path).draft
        assert draft is not None, "the generated case must parse"
        data = build_map(draft)
    assert len(data.nodes) == SCENES

    view = BranchMap()
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()

    def ours() -> None:
        view.show_map(build_map(draft))
        view.fit()
        view.viewport().grab()

    def layout_only() -> None:
        layered_layout(list(data.nodes), [(e.source, e.target) for e in data.edges], [data.start])

    ours()  # warm up fonts and caches
    ours_s = _best(ours, repeats)
    layout_s = _best(layout_only, repeats)
    positions = [box.pos() for box in view.boxes.values()]

    plain = QGraphicsView()
    plain.setScene(QGraphicsScene(plain))
    plain.setRenderHints(view.renderHints())
    plain.resize(*VIEW_SIZE)
    plain.show()
    app.processEvents()

    def baseline() -> None:
        scene = plain.scene()
        scene.clear()
        for pos in positions:
            scene.addRect(pos.x(), pos.y(), BOX_W, BOX_H)
        scene.setSceneRect(scene.itemsBoundingRect())
        plain.fitInView(scene.sceneRect())
        plain.viewport().grab()

    baseline()
    base_s = _best(baseline, repeats)
    view.close()
    plain.close()
    return [
        {
            "name": f"branch map layout+paint, {SCENES} scenes, {len(data.edges)} arrows",
            "ours_s": round(ours_s, 4),
            "baseline_s": round(base_s, 4),
            "ratio": round(ours_s / base_s, 1) if base_s else None,
            "aim": "< 1 s",
        },
        {
            "name": f"layered layout alone, {SCENES} scenes",
            "ours_s": round(layout_s, 4),
            "baseline_s": round(base_s, 4),
            "ratio": round(layout_s / base_s, 2) if base_s else None,
            "aim": "< 0.1 s",
        },
    ]


def main() -> None:
    rows = run(quick="--quick" in sys.argv)
    print(f"{'benchmark':<58} {'ours s':>8} {'raw s':>8} {'ratio':>6}  aim")
    for row in rows:
        print(
            f"{row['name']:<58} {row['ours_s']:>8.4f} {row['baseline_s']:>8.4f} "
            f"{row['ratio']:>6}  {row['aim']}"
        )


if __name__ == "__main__":
    main()
