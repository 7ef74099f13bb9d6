"""Load and validate generated cases versus plain libyaml parsing of the same files.

Aim (issue 16, was 2x in issue 2): ``check_case`` on 500 cases of ~1,000 lines takes at most 1.5x the
time of ``yaml.load(text, Loader=yaml.CSafeLoader)`` on the same files. The
resident memory with the 500 cases loaded is reported, against the same files
held as plain ``yaml.load`` data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bench.generate import write_cases
from bench.rows import Row, paired_medians

ROOT = Path(__file__).resolve().parent.parent
FULL_CASES, QUICK_CASES = 500, 100
FULL_REPEATS, QUICK_REPEATS = 5, 3
AIM = 1.5  # issue 16 (issue 2 asked for 2x)


def _check_all(paths: list[Path]) -> list[object]:
    from trainer.core.loader import check_case

    return [check_case(path) for path in paths]


def _parse_all(paths: list[Path]) -> list[object]:
    """Our reading and model building without the validator (to split the cost)."""
    from trainer.core.model import Case
    from trainer.core.yamlsource import read_yaml_file

    return [Case.model_validate(read_yaml_file(path)[0]) for path in paths]


def _check_all_without_path_scoring(paths: list[Path]) -> list[object]:
    """Diagnostic: check_case with the validator's path-scoring step switched off, to show
    what loading a library of already-validated cases could cost. Reported, not an aim."""
    from trainer.core import validator

    scoring = getattr(validator, "_check_scoring", None)
    if scoring is None:  # the validator changed shape: measure the full check instead
        return _check_all(paths)
    validator._check_scoring = lambda loaded, report: None
    try:
        return _check_all(paths)
    finally:
        validator._check_scoring = scoring


def _libyaml_all(paths: list[Path]) -> list[object]:
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths]


_MEMORY_SCRIPT = """
import json, sys, gc
from pathlib import Path
from bench.rows import resident_mb
paths = sorted(Path(sys.argv[1]).glob('case-*.yaml'))
import yaml
from trainer.core.loader import check_case
gc.collect()
before = resident_mb()
if sys.argv[2] == 'ours':
    kept = [check_case(p)[0] for p in paths]
    for loaded in kept:
        if loaded is not None:
            loaded.analysis  # what the library view computes on first use
else:
    kept = [yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader) for p in paths]
gc.collect()
print(json.dumps({'before': before, 'after': resident_mb(), 'count': len(kept)}))
"""


def _memory(folder: Path, which: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, str(folder), which],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the memory measurement failed: {out.stderr[-1500:]}")
    return json.loads(out.stdout)


def run(quick: bool) -> list[Row]:
    count = QUICK_CASES if quick else FULL_CASES
    repeats = QUICK_REPEATS if quick else FULL_REPEATS
    with tempfile.TemporaryDirectory(prefix="bench-cases-") as tmp:
        folder = Path(tmp)
        paths = write_cases(folder, count)
        lines = sum(p.read_text(encoding="utf-8").count("\n") for p in paths) / count
        results = _check_all(paths)  # warm-up, and proof that the cases are valid
        invalid = [str(p) for p, (loaded, _) in zip(paths, results, strict=True) if loaded is None]
        note = f"{count} cases, {lines:.0f} lines each on average"
        if invalid:
            note += f"; {len(invalid)} REJECTED (first: {invalid[0]})"
        ours, base = paired_medians(lambda: _check_all(paths), lambda: _libyaml_all(paths), repeats)
        parse, base2 = paired_medians(
            lambda: _parse_all(paths), lambda: _libyaml_all(paths), repeats
        )
        light, base3 = (
            paired_medians(
                lambda: _check_all_without_path_scoring(paths), lambda: _libyaml_all(paths), repeats
            )
            if not quick  # a diagnostic: the quick run leaves it out to stay under a minute
            else (0.0, None)
        )
        mem_ours = _memory(folder, "ours")
        mem_base = _memory(folder, "libyaml")
    grow_ours = mem_ours["after"] - mem_ours["before"]
    grow_base = mem_base["after"] - mem_base["before"]
    diagnostic = [
        Row(
            f"  of which all but path scoring {count} cases",
            light,
            base3,
            None,
            note="validator without _check_scoring (diagnostic)",
        )
    ]
    return [
        Row(f"load+validate {count} cases", ours, base, AIM, note=note),
        Row(f"  of which parse+model {count} cases", parse, base2, None, note="no validator"),
        *([] if quick else diagnostic),
        Row("  per case (load+validate)", ours / count, base / count, AIM),
        Row(
            f"memory: {count} cases loaded",
            grow_ours,
            grow_base,
            None,
            unit="MB",
            note=f"resident {mem_ours['after']:.0f} MB in all; baseline keeps yaml.load data",
        ),
    ]


def profile(quick: bool, top: int = 25) -> None:
    """Print where ``check_case`` spends its time on the generated cases."""
    import cProfile
    import pstats

    count = QUICK_CASES if quick else FULL_CASES
    with tempfile.TemporaryDirectory(prefix="bench-cases-") as tmp:
        paths = write_cases(Path(tmp), count)
        _check_all(paths[:5])
        profiler = cProfile.Profile()
        profiler.enable()
        _check_all(paths)
        profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
