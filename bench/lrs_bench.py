"""Benchmark sending learning records to an LRS (issue 15), and print ratios.

    python bench/lrs_bench.py [--quick]

1. Recording a decision with the xAPI outbox on (the statement built and written in the
   same transaction) against the same with it off, interleaved in the same run.
   Aim: at most 1.2x.
2. ``sync_store`` sending 10,000 queued statements (2,000 with --quick) to a local Ralph
   (filesystem backend, tests/lrs/ralph_server.py) against posting the same statement
   texts with a bare ``http.client`` connection in batches of the same size, each to a
   fresh Ralph, the best of alternating rounds. Aim: at least 80% of the bare
   throughput, i.e. at most 1.25x the time.

Ralph is the `.[lrs]` extra; without it row 2 is skipped with a note. Timings are printed,
never asserted.
"""

from __future__ import annotations

import base64
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.rows import Row  # noqa: E402
from bench.store_bench import MINI, MOVES, _move  # noqa: E402  (the same play as the store bench)
from trainer.core.loader import load_case  # noqa: E402
from trainer.core.session import Session  # noqa: E402
from trainer.store import open_store  # noqa: E402
from trainer.store.lrs import LrsSettings, save_settings, sync_store  # noqa: E402
from trainer.store.outbox import OutboxRecorder, pack  # noqa: E402

BATCH = 100


def bench_record(folder: Path, count: int) -> tuple[float, float]:
    """Median seconds to record one decision: (outbox on, outbox off), interleaved."""
    loaded = load_case(MINI)
    settings = LrsSettings(enabled=True, endpoint="http://127.0.0.1:9/xAPI/", send_names=True)
    on, off = open_store(folder / "on"), open_store(folder / "off")
    on.xapi = OutboxRecorder(settings.vocabulary())
    off.xapi = None
    times: dict[str, list[float]] = {"on": [], "off": []}
    people = {"on": on.create_learner("Bench", "S1"), "off": off.create_learner("Bench", "S1")}
    while len(times["on"]) < count:
        runs = {}
        for name, store in (("on", on), ("off", off)):
            runs[name] = (store, store.start_attempt(people[name].id, loaded, "practice"))
        sessions = {name: Session(loaded) for name in runs}
        for move in MOVES:
            for name, (store, attempt) in runs.items():
                session = sessions[name]
                step = _move(session, move)
                start = time.perf_counter()
                store.record_decision(attempt.id, session, step)
                times[name].append(time.perf_counter() - start)
    queued = on.outbox_count()
    on.close()
    off.close()
    assert queued >= count, "the outbox-on store queued its statements"
    return statistics.median(times["on"]), statistics.median(times["off"])


def make_statements(folder: Path, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (id, JSON text) statements shaped like ours: one real attempt's
    statements, copied under new ids and registrations."""
    loaded = load_case(MINI)
    settings = LrsSettings(enabled=True, endpoint="http://127.0.0.1:9/xAPI/", send_names=True)
    save_settings(folder, settings)
    with open_store(folder) as store:
        learner = store.create_learner("Template", "S0")
        attempt = store.start_attempt(learner.id, loaded, "practice")
        session = Session(loaded)
        for move in MOVES:
            store.record_decision(attempt.id, session, _move(session, move))
        store.finish_attempt(attempt.id, session.result())
        template = [json.loads(q.text) for q in store.outbox_batch(100)]
    out: list[tuple[str, str]] = []
    n = 0
    while len(out) < count:
        registration = str(uuid.uuid4())
        for statement in template:
            copy = json.loads(json.dumps(statement))
            copy["id"] = str(uuid.uuid4())
            copy["context"]["registration"] = registration
            copy["actor"]["account"]["name"] = f"S{n // 50:05d}"
            out.append((copy["id"], json.dumps(copy, separators=(",", ":"))))
            if len(out) == count:
                break
        n += 1
    return out


def queue(folder: Path, statements: list[tuple[str, str]]) -> None:
    with open_store(folder) as store, store.write("queue the benchmark statements") as conn:
        conn.execute("DELETE FROM xapi_outbox")
        conn.executemany(
            "INSERT INTO xapi_outbox (id, statement, recorded_at) VALUES (?, ?, ?)",
            [(i, pack(text), "2026-11-30T00:00:00.000000Z") for i, text in statements],
        )


def bare_post(endpoint: str, user: str, password: str, statements: list[tuple[str, str]]) -> float:
    """Seconds to POST the texts in batches of BATCH on one kept-alive connection."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(endpoint)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {
        "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode(),
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
    }
    start = time.perf_counter()
    for i in range(0, len(statements), BATCH):
        body = ("[" + ",".join(t for _, t in statements[i : i + BATCH]) + "]").encode()
        conn.request("POST", parts.path + "statements", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"bare POST: HTTP {response.status}")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_sync(folder: Path, count: int, rounds: int) -> tuple[float, float] | str:
    """(our sync seconds, bare POST seconds) for ``count`` statements, the best of
    ``rounds`` alternating runs each on a fresh Ralph (so noise from other jobs on a shared
    machine hits both alike), or why it was skipped."""
    try:
        import ralph  # noqa: F401
    except ImportError:
        return "skipped: Ralph is not installed (pip install -e '.[lrs]')"
    from tests.lrs.ralph_server import RalphServer

    statements = make_statements(folder / "template", count)
    ours_times, bare_times = [], []
    for n in range(rounds):
        server = RalphServer(folder / f"ralph-bare-{n}")
        try:
            server.start()
            bare_times.append(bare_post(server.endpoint, server.user, server.password, statements))
        finally:
            server.stop()
        server = RalphServer(folder / f"ralph-ours-{n}")
        data = folder / f"ours-{n}"
        try:
            server.start()
            settings = LrsSettings(
                enabled=True, endpoint=server.endpoint, batch_size=BATCH, timeout_s=60.0
            )
            save_settings(data, settings)
            queue(data, statements)
            with open_store(data) as store:
                start = time.perf_counter()
                report = sync_store(store, settings, server.user, server.password)
                ours_times.append(time.perf_counter() - start)
            if report.delivered != count or report.remaining:
                raise RuntimeError(f"sync did not deliver everything: {report}")
        finally:
            server.stop()
    return min(ours_times), min(bare_times)


def run(quick: bool) -> list[Row]:
    """Rows for ``python -m bench``."""
    decisions = 300 if quick else 1000
    count = 2_000 if quick else 10_000
    with tempfile.TemporaryDirectory(prefix="lrs-bench-") as tmp:
        on, off = bench_record(Path(tmp), decisions)
        synced = bench_sync(Path(tmp), count, 2 if quick else 3)
    rows = [
        Row(
            "lrs: record a decision, outbox on",
            on,
            off,
            aim=1.2,
            note="vs the same store with the outbox off, interleaved in the same run",
        )
    ]
    name = f"lrs: sync {count:,} statements to Ralph"
    if isinstance(synced, str):
        rows.append(Row(name, 0.0, note=synced))
    else:
        ours, bare = synced
        rows.append(
            Row(
                name,
                ours,
                bare,
                aim=1.25,
                note=f"vs bare http.client POSTs in batches of {BATCH} to a fresh Ralph; "
                f"throughput {count / ours:,.0f}/s vs {count / bare:,.0f}/s "
                f"({100 * bare / ours:.0f}%; aim >= 80%, i.e. <= 1.25x the time)",
            )
        )
    return rows


if __name__ == "__main__":
    from bench.run import format_table

    print(format_table(run("--quick" in sys.argv)))
