"""`trainer test` on the bundled case with the most complete paths (issue 16).

Aim: at most 15 s by default (a seeded sample of 1,000 paths walked, plus the expected,
critical and best-through-unsafe paths, with the invariants shown over the state graph
for every path where it can), on a case with 10^5 or more complete paths. The full walk
of every path (``--sample`` larger than the case) is reported in the full run only.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.rows import Row

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 15.0
FULL_WALK = 200_000  # walk every path of a case with at most this many (full run only)


def _largest() -> tuple[Path, int]:
    from trainer.core.cases import check_case

    counts = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if path.name == "catalogue.yaml":
            continue
        loaded, _ = check_case(path)
        if loaded is not None and not loaded.analysis.truncated:
            counts.append((loaded.analysis.path_count, path))
    count, path = max(counts)
    return path, count


def _test(path: Path, sample: int) -> float:
    from trainer.commands.tutor import test_case_file

    start = time.perf_counter()
    lines, failures = test_case_file(path, sample, 0)
    took = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"trainer test found failures in {path.name}: {lines[:3]}")
    return took


def run(quick: bool) -> list[Row]:
    path, count = _largest()
    rows = [
        Row(
            f"trainer test (default) on {path.stem[:28]}",
            _test(path, 1000),
            None,
            None,
            note=f"{count:,} complete paths; sample of 1,000 plus graph checks",
            limit=LIMIT_S,
        )
    ]
    if not quick:
        from trainer.core.cases import check_case

        sizes = []
        for other in sorted((ROOT / "scenarios").glob("*.yaml")):
            loaded, _ = (None, None) if other.name == "catalogue.yaml" else check_case(other)
            if loaded is not None and 100_000 <= loaded.analysis.path_count <= FULL_WALK:
                sizes.append((loaded.analysis.path_count, other))
        if sizes:
            paths, smallest = min(sizes)
            rows.append(
                Row(
                    f"trainer test --sample {FULL_WALK:,} (every path)",
                    _test(smallest, FULL_WALK),
                    None,
                    None,
                    note=f"{smallest.stem[:28]}: {paths:,} paths walked (reported)",
                )
            )
    return rows
