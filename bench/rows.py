"""The shared pieces of every benchmark: a result row and timing helpers."""

from __future__ import annotations

import re
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    """One line of the results table.

    ``ours`` and ``baseline`` are in ``unit`` (seconds are printed as ms or s);
    ``aim`` is the largest acceptable ratio and ``limit`` the largest acceptable
    absolute value of ``ours`` (both ``None``: reported only).
    """

    name: str
    ours: float
    baseline: float | None = None
    aim: float | None = None
    unit: str = "s"
    note: str = ""
    limit: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline

    @property
    def is_met(self) -> bool | None:
        checks = []
        if self.aim is not None and self.ratio is not None:
            checks.append(self.ratio <= self.aim)
        if self.limit is not None:
            checks.append(self.ours <= self.limit)
        return all(checks) if checks else None

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Row:
        """A row from a module that returns dicts (name, ours_s, baseline_s, aim='< 1 s')."""
        aim = row.get("aim")
        limit = ratio_aim = None
        if isinstance(aim, (int, float)):
            ratio_aim = float(aim)
        elif isinstance(aim, str):
            match = re.fullmatch(r"\s*<=?\s*([\d.]+)\s*(ms|s|x)\s*", aim)
            if match:
                value = float(match.group(1))
                if match.group(2) == "x":
                    ratio_aim = value
                else:
                    limit = value / 1000 if match.group(2) == "ms" else value
        return cls(
            name=str(row["name"]),
            ours=float(row.get("ours_s", row.get("ours", 0.0))),
            baseline=row.get("baseline_s", row.get("baseline")),
            aim=ratio_aim,
            unit=str(row.get("unit", "s")),
            note=str(row.get("note", "")),
            limit=limit,
        )


def median_time(action: Callable[[], object], repeats: int) -> float:
    """The median wall-clock time of ``repeats`` calls of ``action``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    ours: Callable[[], object], baseline: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median times of two actions, run alternately so machine noise hits both alike."""
    ours_times, base_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        baseline()
        base_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours()
        ours_times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(base_times)


def resident_mb() -> float:
    """This process's resident memory (VmRSS) in MB, from /proc (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # not Linux: peak rather than current, which is close enough here

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_until_ready(
    command: list[str], env: dict[str, str], cwd: Path, timeout: float, what: str
) -> float:
    """Seconds from starting ``command`` to its first line of output, which must start
    with READY (the app's start-up probe prints it once the window has painted)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=cwd
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=timeout)
    if not line.startswith("READY"):
        raise RuntimeError(f"{what} did not paint: {line!r}")
    return elapsed
