"""Issue 15 against a real Ralph LRS: every statement delivered exactly once (by id), in
recorded order, after faults; refused ones explained; cohort reports read back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.lrs.conftest import connect
from tests.store.conftest import BAD_PATH, GOOD_PATH, MINI, play
from tests.xapi_rules import problems
from trainer.cli import main
from trainer.store import open_store
from trainer.store.exports import export
from trainer.store.lrs import sync_folder
from trainer.store.outbox import pack, unpack

TRAINER = [sys.executable, "-m", "trainer"]


def queued_ids(folder: Path) -> list[str]:
    with open_store(folder) as store:
        return [q.id for q in store.outbox_batch(1_000_000)]


def cohort(folder: Path, mini, attempts: int = 3) -> list[str]:  # type: ignore[no-untyped-def]
    """A few learners' plays with sync on; returns the queued ids in recorded order."""
    with open_store(folder) as store:
        people = [
            store.create_learner("Ann Example", "S1001", "Group A"),
            store.create_learner("Bob Sample", "S1002", "Group B"),
            store.create_learner("Dee Decline", "S1004", "Group B"),
        ]
        for n in range(attempts):
            for i, person in enumerate(people):
                path = GOOD_PATH if (n + i) % 2 else BAD_PATH
                attempt_id, _ = play(store, person.id, mini, path, finish=True)
                store.save_reflection(attempt_id, f"Reflection {n} by {person.display_name}")
        a, _ = play(store, people[0].id, mini, GOOD_PATH, steps=2)
        store.record_pause(a, "talk")
    return queued_ids(folder)


def assert_delivered_once_in_order(ralph, expected: list[str]) -> list[dict]:  # type: ignore[no-untyped-def]
    stored = ralph.statements(ascending="true")
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)), "a statement was stored twice"
    assert set(ids) == set(expected), "statements lost or unknown ones sent"
    by_time = sorted(stored, key=lambda s: (s["timestamp"], expected.index(s["id"])))
    assert [s["id"] for s in by_time] == expected, "recorded order is not kept"
    return stored


def test_every_statement_is_delivered_once_in_recorded_order(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph)
    expected = cohort(folder, mini)
    assert len(expected) > 60
    report = sync_folder(folder)
    assert report.error is None and report.remaining == 0 and report.dead == 0
    assert report.delivered == len(expected)
    stored = assert_delivered_once_in_order(ralph, expected)
    # Ralph's own validation accepted them; check the xAPI 1.0.3 rules too, as stored.
    for statement in stored:
        mine = {k: v for k, v in statement.items() if k not in ("stored", "authority")}
        assert problems(mine) == [], statement
    # A second sync sends nothing, and nothing changes at the LRS.
    assert sync_folder(folder).delivered == 0
    assert len(ralph.statements()) == len(expected)


def test_statements_also_pass_ralphs_strict_xapi_models(tmp_path, mini) -> None:
    from ralph.models.xapi.base.statements import BaseXapiStatement

    folder = tmp_path / "data"
    from trainer.store.lrs import LrsSettings, save_settings

    save_settings(folder, LrsSettings(enabled=True, endpoint="http://127.0.0.1:9/xAPI/"))
    cohort(folder, mini, attempts=1)
    with open_store(folder) as store:
        for queued in store.outbox_batch(10_000):
            BaseXapiStatement.model_validate_json(queued.text)


def test_lrs_down_for_the_whole_session_then_back(tmp_path, unstarted_ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, unstarted_ralph)
    expected = cohort(folder, mini, attempts=1)
    runner = CliRunner()
    result = runner.invoke(main, ["sync", "--data-dir", str(folder), "--tries", "2"])
    assert result.exit_code == 3, result.output
    assert "Could not reach the LRS" in result.output
    assert "Nothing is lost" in result.output
    assert queued_ids(folder) == expected
    status = runner.invoke(main, ["lrs", "status", "--data-dir", str(folder)])
    assert f"{len(expected)} record(s) waiting to send" in status.output
    assert "Last sent: never" in status.output
    unstarted_ralph.start()
    result = runner.invoke(main, ["sync", "--data-dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"Sent {len(expected)} record(s)" in result.output
    assert_delivered_once_in_order(unstarted_ralph, expected)
    status = runner.invoke(main, ["lrs", "status", "--data-dir", str(folder)])
    assert "0 record(s) waiting to send" in status.output and "never" not in status.output


def test_lrs_killed_mid_batch_then_restarted(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph, batch_size=5)
    expected = cohort(folder, mini, attempts=4)
    killed = threading.Event()

    def kill_soon(report) -> None:  # type: ignore[no-untyped-def]
        if report.delivered >= 20 and not killed.is_set():
            killed.set()
            threading.Timer(0.003, ralph.kill).start()  # lands inside a following request

    first = sync_folder(folder, max_tries=2, base_delay=0.05, progress=kill_soon)
    assert killed.is_set()
    assert first.error and first.remaining > 0
    ralph.start()
    second = sync_folder(folder)
    assert second.error is None and second.remaining == 0
    assert_delivered_once_in_order(ralph, expected)


def test_slow_lrs_beyond_the_timeout(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph, timeout_s=0.5)
    expected = cohort(folder, mini, attempts=1)
    ralph.pause()  # SIGSTOP: connections are accepted, nothing is answered
    try:
        started = time.monotonic()
        report = sync_folder(folder, max_tries=2, base_delay=0.05)
        assert time.monotonic() - started < 10
        assert "did not answer within 0.5 s" in (report.error or "")
        assert report.remaining == len(expected)
    finally:
        ralph.resume()
    # The request that timed out may have been stored once Ralph woke: resending the same
    # ids must not store them twice.
    time.sleep(0.5)
    report = sync_folder(folder)
    assert report.error is None and report.remaining == 0
    assert_delivered_once_in_order(ralph, expected)


def test_wrong_credentials_keep_everything_queued(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph, secret="not-the-secret")
    expected = cohort(folder, mini, attempts=1)
    sleeps: list[float] = []
    report = sync_folder(folder, sleep=sleeps.append)
    assert "refused the key and secret" in (report.error or "")
    assert "401" in report.error
    assert sleeps == [], "a refused key is not retried in a loop"
    assert report.dead == 0 and queued_ids(folder) == expected
    connect(folder, ralph)
    assert sync_folder(folder).remaining == 0
    assert_delivered_once_in_order(ralph, expected)


def test_a_statement_the_lrs_rejects_goes_to_the_dead_letters(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph)
    expected = cohort(folder, mini, attempts=1)
    bad_id = expected[7]
    with open_store(folder) as store, store.write("damage one statement") as conn:
        blob = conn.execute("SELECT statement FROM xapi_outbox WHERE id = ?", (bad_id,)).fetchone()
        statement = json.loads(unpack(blob[0]))
        del statement["verb"]
        conn.execute(
            "UPDATE xapi_outbox SET statement = ? WHERE id = ?",
            (pack(json.dumps(statement)), bad_id),
        )
    report = sync_folder(folder)
    assert report.dead == 1 and report.remaining == 0 and report.error is None
    assert_delivered_once_in_order(ralph, [i for i in expected if i != bad_id])
    runner = CliRunner()
    shown = runner.invoke(main, ["lrs", "refused", "--data-dir", str(folder)])
    assert bad_id in shown.output
    assert "HTTP 4" in shown.output and "verb" in shown.output  # the LRS's own words
    status = runner.invoke(main, ["lrs", "status", "--data-dir", str(folder)])
    assert "1 refused" in status.output


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TRAINER_HOME=str(folder), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("TRAINER_LRS_KEY", None)
    return env


def test_trainer_sync_killed_with_sigkill_while_sending(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph, batch_size=3)
    expected = cohort(folder, mini, attempts=6)
    proc = subprocess.Popen([*TRAINER, "sync"], env=_env(folder), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(queued_ids(folder)) < len(expected) - 30:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    left = queued_ids(folder)
    assert 0 < len(left) < len(expected), "killed while sending, neither before nor after"
    assert left == expected[-len(left) :], "what is left is the tail, in order"
    result = subprocess.run([*TRAINER, "sync"], env=_env(folder), capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert queued_ids(folder) == []
    assert_delivered_once_in_order(ralph, expected)


def test_trainer_play_sends_in_the_background_and_survives_sigkill(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph)
    answers = ["1", "1", "1", "1"]  # two decisions: a choice and its confidence, twice
    proc = subprocess.Popen(
        [*TRAINER, "play", str(MINI), "--learner", "Ann Example", "--student-id", "S1001"],
        env=_env(folder), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert proc.stdin is not None
    for answer in answers:
        proc.stdin.write(answer + "\n")
        proc.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(ralph.statements()) < 3:
        time.sleep(0.05)  # the background sender delivers while the learner plays
    assert len(ralph.statements()) >= 3, "nothing was sent while playing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    # Play on (resuming the attempt), to the end, answering the rest.
    rest = "\n".join(["1"] * 12) + "\n"
    done = subprocess.run(
        [*TRAINER, "play", str(MINI), "--learner", "Ann Example"], env=_env(folder),
        input=rest, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Resuming your attempt" in done.stdout, done.stdout + done.stderr
    result = subprocess.run([*TRAINER, "sync"], env=_env(folder), capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert queued_ids(folder) == []
    with open_store(folder) as store:
        (attempt,) = store.attempts(store.find_learner("S1001").id)
        decisions = store.decisions(attempt.id)
    stored = ralph.statements(ascending="true")
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids))
    verbs = [
        s["verb"]["id"].rsplit("/", 1)[1] for s in sorted(stored, key=lambda s: s["timestamp"])
    ]
    assert verbs[0] == "initialized" and "resumed" in verbs
    assert verbs.count("answered") == len(decisions)
    assert {d["id"] for d in decisions} <= set(ids), "each decision under its own id"


def test_cohort_report_from_the_lrs_equals_the_local_one(tmp_path, ralph, mini) -> None:
    folder = tmp_path / "data"
    connect(folder, ralph)
    cohort(folder, mini, attempts=2)
    assert sync_folder(folder).remaining == 0
    local = tmp_path / "local.json"
    with open_store(folder) as store:
        export(store, "json", local, "Group B")
    remote = tmp_path / "remote.json"
    result = CliRunner().invoke(
        main, ["lrs", "report", "--data-dir", str(folder), "--format", "json",
               "--out", str(remote), "--cohort", "Group B", "--case", mini.case.id],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    mine, theirs = json.loads(local.read_text()), json.loads(remote.read_text())
    assert mine["views"]["summary"], "the report is not empty"
    assert theirs["views"] == mine["views"]
    # the whole LRS (no case filter), as CSV: the summary rows agree as well
    every = CliRunner().invoke(
        main, ["lrs", "report", "--data-dir", str(folder), "--out", str(tmp_path / "all.csv")]
    )
    assert every.exit_code == 0, every.output
    with open_store(folder) as store:
        export(store, "csv", tmp_path / "local-all.csv")
    assert (tmp_path / "all.csv").read_text() == (tmp_path / "local-all.csv").read_text()


@pytest.mark.parametrize("size", [1, 7])
def test_pages_of_any_size_are_followed(tmp_path, ralph, mini, size) -> None:
    from trainer.store.lrs import LrsClient, fetch_statements

    folder = tmp_path / "data"
    connect(folder, ralph)
    expected = cohort(folder, mini, attempts=1)[:20]
    sync_folder(folder)
    with LrsClient(ralph.endpoint, ralph.user, ralph.password) as client:
        found = [s["id"] for s in fetch_statements(client, {}, page_size=size)]
    assert set(expected) <= set(found) and len(found) == len(set(found))


def test_the_sync_benchmark_delivers_everything(tmp_path) -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("lrs_bench", root / "bench" / "lrs_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ours, bare = module.bench_sync(tmp_path, 250, 1)  # raises if anything was not delivered
    assert ours > 0 and bare > 0
