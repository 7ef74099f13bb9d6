"""What the loader, validator, path table and scoring say about a corpus of cases.

Issue 16 rewrote how the loader and validator reach their answers; this snapshot of
problems, maxima, path tables and scores was recorded from ``main`` before the rewrite
(``python -m tests.core.snapshot_cases tests/fixtures/perf16-before.json.gz``) and
``test_same_answers.py`` compares the code of today against it.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GENERATED = 50


def corpus(generated_dir: Path) -> list[tuple[str, Path]]:
    """(name, path) for every bundled case, the hostile corpus and 50 generated cases."""
    from bench.generate import write_cases

    out = [(f"bundled/{p.name}", p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    out = [item for item in out if item[1].name != "catalogue.yaml"]
    hostile = ROOT / "tests" / "fixtures" / "hostile"
    out += [(f"hostile/{p.relative_to(hostile)}", p) for p in sorted(hostile.rglob("*.yaml"))]
    paths = write_cases(generated_dir, GENERATED, seed=0)
    out += [(f"generated/{p.name}", p) for p in sorted(paths)]
    return out


def _result(result: Any) -> dict[str, Any]:
    return {
        "passed": result.passed,
        "percent": round(result.percent, 6),
        "ending": result.ending,
        "critical": [f"{s.scene}/{s.label}" for s in result.critical_errors],
        "reasons": list(result.reasons),
        "points": {k: round(v, 6) for k, v in sorted(result.points.items())},
    }


def _portable(message: str) -> str:
    return message.replace(str(ROOT), "<checkout>")


def snapshot_one(path: Path) -> dict[str, Any]:
    from trainer.core.graph import case_maxima
    from trainer.core.loader import check_case
    from trainer.core.pathselect import select_paths

    loaded, problems = check_case(path)
    out: dict[str, Any] = {
        # messages may name a file by its full path: keep them the same in any checkout
        "problems": [
            [Path(p.file).name, p.line, p.column, p.severity, _portable(p.message)]
            for p in problems
        ]
    }
    if loaded is None:
        return out
    maxima = case_maxima(loaded)
    out["maxima"] = {
        "total": round(maxima.total_max, 6),
        "per": {k: round(v, 6) for k, v in sorted(maxima.maxima.items())},
        "exact": maxima.exact,
    }
    analysis = loaded.analysis
    out["paths"] = analysis.path_count
    out["truncated"] = analysis.truncated
    selection = select_paths(loaded, limit=40)
    out["table"] = {
        "heading": selection.heading(),
        "rows": [
            {
                "path": row.path_text,
                "reasons": list(row.reasons),
                "best": _result(row.report.best),
                "worst": _result(row.report.worst),
                "verdict": row.report.verdict,
            }
            for row in selection.rows
        ],
    }
    return out


def snapshot(generated_dir: Path) -> dict[str, Any]:
    return {name: snapshot_one(path) for name, path in corpus(generated_dir)}


def main() -> None:
    target = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        data = snapshot(Path(tmp))
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(data)} cases written to {target}")


if __name__ == "__main__":
    main()
