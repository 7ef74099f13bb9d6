"""Benchmark the progress store against bare baselines, and print ratios.

    python bench/store_bench.py [--quick]

1. Committing one decision with ``Store.record_decision`` against a bare ``sqlite3``
   insert-and-commit of the same row with the same pragmas (WAL, synchronous=FULL).
   Also the bare commit under other journal/synchronous settings, which is how
   synchronous=FULL was chosen.
2. The course-lead summary of 2,000 learners x 50 attempts (100,000 attempts, one
   recorded decision each: 100,000 decisions) exported to CSV, against the same
   SQL run on a bare connection and written with ``csv.writer``.
3. The same summary to XLSX, and the full exports (every view) to CSV and XLSX.

The two CSV timings are interleaved and the best of several runs is kept, since
other jobs on a shared machine slow whichever run they land on.

Timings are printed, never asserted. Aims (issue 3): both ratios at most 1.5x.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.rows import Row  # noqa: E402
from trainer.core.loader import load_case  # noqa: E402
from trainer.core.session import Session  # noqa: E402
from trainer.store import open_store  # noqa: E402
from trainer.store.exports import export, write_csv  # noqa: E402
from trainer.store.reports import summary, summary_sql  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"
MOVES = [
    ("choose", "check-safe"),
    ("choose", "listen"),
    ("tick", ["strangulation", "very-frightened"]),
    ("rate", "high"),
    ("choose", "from-records"),
]


def _move(session: Session, move):
    method, arg = move
    return getattr(session, method)(arg)


def _bare_connection(path: Path, journal: str, sync: str, table_sql: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA synchronous = {sync}")
    conn.execute(table_sql)
    return conn


def _bare_commit(conn: sqlite3.Connection, sql: str, values: tuple) -> float:
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(sql, values)
    conn.execute("COMMIT")
    return time.perf_counter() - start


def bench_decisions(folder: Path, count: int) -> dict[str, float]:
    """Ours and the bare baselines interleaved, one decision each in turn, so disk noise
    and cache warm-up fall on all of them alike. The bare table is a copy of ours."""
    loaded = load_case(MINI)
    store = open_store(folder / "store")
    table_sql = store.rows("SELECT sql FROM sqlite_master WHERE name = 'decisions'")[0]["sql"]
    columns = [r["name"] for r in store.rows("SELECT name FROM pragma_table_info('decisions')")]
    sql = f"INSERT INTO decisions VALUES ({', '.join('?' * len(columns))})"
    settings = {
        "WAL FULL": ("wal", "FULL"),
        "WAL NORMAL": ("wal", "NORMAL"),
        "DELETE FULL": ("delete", "FULL"),
    }
    bare = {
        name: _bare_connection(folder / f"bare-{j}-{s}.sqlite3", j, s, table_sql)
        for name, (j, s) in settings.items()
    }
    times: dict[str, list[float]] = {"ours": [], **{f"bare {n}": [] for n in settings}}
    learner = store.create_learner("Bench")
    while len(times["ours"]) < count:
        attempt = store.start_attempt(learner.id, loaded, "practice")
        session = Session(loaded)
        for move in MOVES:
            step = _move(session, move)
            start = time.perf_counter()
            store.record_decision(attempt.id, session, step)
            times["ours"].append(time.perf_counter() - start)
            row = store.rows(
                "SELECT * FROM decisions WHERE attempt_id = ? AND seq = ?",
                [attempt.id, len(session.decisions) - 1],
            )[0]
            for name, conn in bare.items():
                values = tuple(row[c] for c in columns)
                times[f"bare {name}"].append(_bare_commit(conn, sql, values))
    store.close()
    for conn in bare.values():
        conn.close()
    return {name: statistics.median(values) for name, values in times.items()}


def build_cohort(folder: Path, learners: int, attempts_each: int) -> Path:
    """Learners x attempts (10 cases), one decision per attempt, written in bulk."""
    store = open_store(folder / "cohort")
    rng = random.Random(7)
    now = "2026-11-23T10:00:00.000000Z"
    learner_rows, attempt_rows, decision_rows = [], [], []
    for n in range(learners):
        lid = str(uuid.uuid4())
        learner_rows.append((lid, f"Learner {n}", f"S{n:06d}", f"Group {n % 8}", now, now))
        for a in range(attempts_each):
            aid = str(uuid.uuid4())
            pct = round(rng.uniform(20, 100), 2)
            comps = {"communication": pct, "risk-identification": round(rng.uniform(0, 100), 2)}
            result = json.dumps({"percent": pct, "percents": comps, "passed": pct >= 60})
            when = f"2026-11-{1 + a % 28:02d}T{a % 24:02d}:00:00.000000Z"
            attempt_rows.append(
                (
                    aid,
                    lid,
                    f"case-{a % 10}",
                    f"Case {a % 10}",
                    "1.0",
                    "0" * 64,
                    "practice",
                    "learner",
                    "completed",
                    when,
                    when,
                    when,
                    '{"format": 1}',
                    result,
                    1,
                    "end",
                    rng.randint(60_000, 900_000),
                    pct,
                    int(pct >= 60),
                    pct / 10,
                    10.0,
                    rng.random() < 0.1,
                    0,
                    "0.1.0",
                )
            )
            decision_rows.append(
                (
                    str(uuid.uuid4()),
                    aid,
                    0,
                    "door",
                    "choice",
                    rng.choice(["a", "b", "c"]),
                    None,
                    None,
                    "Asked whether it was safe to talk",
                    "expected",
                    2.0,
                    '{"communication": 2.0}',
                    0,
                    "high",
                    4000,
                    "Checking safety first helps.",
                    when,
                )
            )
    with store.write("build the benchmark cohort") as conn:
        conn.executemany(
            "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            learner_rows,
        )
        conn.executemany(
            "INSERT INTO attempts (id, learner_id, case_id, case_title, case_version, "
            "case_sha256, mode, kind, status, started_at, updated_at, ended_at, state, result, "
            "decision_count, last_scene, active_ms, percent, passed, score_raw, score_max, "
            "critical_errors, unsafe_choices, app_version) VALUES "
            f"({', '.join('?' * 24)})",
            attempt_rows,
        )
        conn.executemany(f"INSERT INTO decisions VALUES ({', '.join('?' * 17)})", decision_rows)
    path = store.db_path
    store.close()
    return path


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_exports(folder: Path, db_path: Path, runs: int, full_xlsx: bool) -> dict[str, float]:
    store = open_store(db_path.parent)
    out = folder / "out"
    out.mkdir()

    def ours_csv() -> None:
        write_csv(out / "summary.csv", summary(store))

    def bare_csv() -> None:
        conn = sqlite3.connect(db_path)
        sql, params = summary_sql(None)
        with open(out / "bare.csv", "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            cursor = conn.execute(sql, params)
            writer.writerow([d[0] for d in cursor.description])
            writer.writerows(cursor)
        conn.close()

    def summary_xlsx() -> None:
        import xlsxwriter

        book = xlsxwriter.Workbook(str(out / "summary.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet("Summary")
        view = summary(store)
        sheet.write_row(0, 0, view.columns)
        for n, row in enumerate(view.rows, start=1):
            sheet.write_row(n, 0, row)
        book.close()

    # Interleaved, best of ``runs``: other jobs on a shared machine hit both alike.
    bare_times, ours_times = [], []
    for _ in range(runs):
        bare_times.append(best_of(1, bare_csv))
        ours_times.append(best_of(1, ours_csv))
    results = {
        "bare csv": min(bare_times),
        "ours csv": min(ours_times),
        "summary xlsx": best_of(min(runs, 3), summary_xlsx),
        "all views csv": best_of(1, lambda: export(store, "csv", out / "all.csv")),
    }
    if full_xlsx:
        results["all views xlsx"] = best_of(1, lambda: export(store, "xlsx", out / "all.xlsx"))
    store.close()
    return results


def run(quick: bool) -> list[Row]:
    """Rows for ``python -m bench``: decision commit and summary export, against bare sqlite3."""
    learners, attempts_each = (200, 50) if quick else (2000, 50)
    decisions = 100 if quick else 500
    total = learners * attempts_each
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        folder = Path(tmp)
        d = bench_decisions(folder, decisions)
        db_path = build_cohort(folder, learners, attempts_each)
        e = bench_exports(folder, db_path, 3 if quick else 5, False)
    return [
        Row(
            "store: commit one decision",
            d["ours"],
            d["bare WAL FULL"],
            aim=1.5,
            note="vs bare sqlite3 insert+commit, WAL + synchronous=FULL",
        ),
        Row(
            f"store: summary of {total:,} attempts to CSV",
            e["ours csv"],
            e["bare csv"],
            aim=1.5,
            note="vs the same SQL + csv.writer",
        ),
        Row(
            f"store: summary of {total:,} attempts to XLSX",
            e["summary xlsx"],
            e["bare csv"],
            note="XlsxWriter; ratio against the bare CSV",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    learners, attempts_each = (200, 50) if args.quick else (2000, 50)
    decisions = 100 if args.quick else 500
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        folder = Path(tmp)
        d = bench_decisions(folder, decisions)
        print(f"Decision commit (median of {decisions}):")
        for name, value in d.items():
            print(f"  {name:<18} {value * 1000:8.3f} ms")
        print(f"  ratio ours / bare WAL FULL: {d['ours'] / d['bare WAL FULL']:.2f}x (aim <= 1.5x)")

        start = time.perf_counter()
        db_path = build_cohort(folder, learners, attempts_each)
        total = learners * attempts_each
        print(
            f"\nCohort: {learners} learners x {attempts_each} attempts = {total} attempts, "
            f"{total} decisions (built in {time.perf_counter() - start:.1f} s)"
        )
        e = bench_exports(folder, db_path, 3 if args.quick else 7, not args.quick)
        for name, value in e.items():
            print(f"  {name:<18} {value:8.3f} s")
        print(
            f"  ratio summary csv ours / bare: {e['ours csv'] / e['bare csv']:.2f}x (aim <= 1.5x)"
        )


if __name__ == "__main__":
    main()
