"""Run every benchmark and print one table.

    python -m bench [--quick] [--only NAME] [--profile]
    python bench/run.py [--quick] ...

Each module ``bench/*_bench.py`` exposes ``run(quick: bool) -> list[Row]``;
``--profile`` calls the module's ``profile(quick)`` instead, where it has one.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rows import Row  # noqa: E402


def bench_modules() -> list[str]:
    """Names of every benchmark module, in a stable order."""
    folder = Path(__file__).resolve().parent
    return sorted(
        f"bench.{info.name}"
        for info in pkgutil.iter_modules([str(folder)])
        if info.name.endswith("_bench")
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.2f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def aim_text(row: Row) -> str:
    aims = []
    if row.aim is not None:
        aims.append(f"<= {row.aim:g}x")
    if row.limit is not None:
        aims.append(f"<= {_fmt(row.limit, row.unit)}")
    return ", ".join(aims) or "reported"


def format_table(rows: list[Row]) -> str:
    header = ("benchmark", "ours", "baseline", "ratio", "aim", "met")
    lines = [header]
    for row in rows:
        met = {True: "yes", False: "NO", None: ""}[row.is_met]
        lines.append(
            (
                row.name,
                _fmt(row.ours, row.unit),
                _fmt(row.baseline, row.unit),
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                aim_text(row),
                met,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    notes = [f"  {row.name.strip()}: {row.note}" for row in rows if row.note]
    return "\n".join(out + (["", "notes:", *notes] if notes else []))


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    import yaml

    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'}), "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run, under a minute")
    parser.add_argument("--only", default="", help="run only modules whose name contains this")
    parser.add_argument("--profile", action="store_true", help="profile instead of timing")
    args = parser.parse_args(argv)
    modules = [m for m in bench_modules() if args.only in m]
    if not modules:
        parser.error(f"no benchmark module matches {args.only!r}")
    print(machine())
    rows: list[Row] = []
    started = time.perf_counter()
    for name in modules:
        module = importlib.import_module(name)
        if args.profile:
            if hasattr(module, "profile"):
                print(f"\n== profile of {name}")
                module.profile(args.quick)
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(r if isinstance(r, Row) else Row.from_dict(r) for r in module.run(args.quick))
    if rows:
        print(format_table(rows))
    print(f"\n({'quick' if args.quick else 'full'} run, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
