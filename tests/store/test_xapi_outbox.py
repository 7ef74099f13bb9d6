"""Issue 15: xAPI statements queued in the progress database with the records they
describe, checked against the xAPI 1.0.3 rules, and read back into the same reports."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.store.conftest import BAD_PATH, GOOD_PATH, play, take
from tests.xapi_rules import problems
from trainer.core.session import Session
from trainer.core.xapi import EXT, VERBS, Vocabulary
from trainer.store import StoreError, open_store
from trainer.store.lrs import (
    LrsSettings,
    backoff_delay,
    load_credentials,
    load_settings,
    rebuild_store,
    save_credentials,
    save_settings,
)
from trainer.store.reports import all_views

HOME = "https://vle.uni.example/students"
BASE = "https://uni.example/xapi/casework"


def sync_on(folder: Path, **changes: object) -> LrsSettings:
    settings = LrsSettings(
        enabled=True,
        endpoint="http://127.0.0.1:9/xAPI/",
        home_page=HOME,
        activity_base=BASE,
        send_names=True,
        pseudonym_key="course-lead-key",
    )
    for name, value in changes.items():
        setattr(settings, name, value)
    save_settings(folder, settings)
    return settings


@pytest.fixture
def synced(tmp_path):
    folder = tmp_path / "data"
    sync_on(folder)
    store = open_store(folder)
    yield store
    store.close()


def queued(store) -> list[dict]:
    return [json.loads(q.text) for q in store.outbox_batch(100_000)]


def verbs(statements: list[dict]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def test_sync_is_off_by_default_and_queues_nothing(store, mini) -> None:
    assert store.xapi is None
    ann = store.create_learner("Ann", "S1")
    play(store, ann.id, mini, GOOD_PATH)
    store.save_reflection(store.attempts(ann.id)[0].id, "I would ask sooner.")
    assert store.outbox_count() == 0


def test_every_record_queues_valid_statements_in_order(synced, mini) -> None:
    ann = synced.create_learner("Ann Example", "S1001", "Group A")
    attempt_id, session = play(synced, ann.id, mini, GOOD_PATH)
    synced.record_pause(attempt_id, "start")
    synced.record_resume(attempt_id, "start")
    synced.save_reflection(attempt_id, "Ask about strangulation first.")
    statements = queued(synced)
    assert verbs(statements) == [
        "initialized", *["answered"] * 5, "completed", "passed",
        "suspended", "resumed", "commented",
    ]  # fmt: skip
    for statement in statements:
        assert problems(statement) == [], statement
        assert statement["context"]["registration"] == attempt_id
        assert statement["actor"]["account"] == {"homePage": HOME, "name": "S1001"}
    ids = [s["id"] for s in statements]
    assert len(set(ids)) == len(ids)
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps)
    # The 'answered' statements carry the decisions' own ids and recorded times.
    rows = synced.decisions(attempt_id)
    answered = [s for s in statements if s["verb"]["id"] == VERBS["answered"]]
    assert [s["id"] for s in answered] == [r["id"] for r in rows]
    assert [s["timestamp"] for s in answered] == [r["recorded_at"] for r in rows]
    assert answered[2]["result"]["response"] == "strangulation[,]very-frightened"
    assert answered[0]["object"]["id"] == f"{BASE}/cases/{mini.case.id}/scenes/door"
    completed = statements[6]
    assert completed["result"]["success"] is True
    assert completed["result"]["score"]["scaled"] == pytest.approx(session.result().percent / 100)
    assert completed["result"]["extensions"][EXT + "competency-percents"]


def test_an_unsafe_path_says_failed_and_names_the_critical_error(synced, mini) -> None:
    bob = synced.create_learner("Bob", "S2")
    play(synced, bob.id, mini, BAD_PATH)
    statements = queued(synced)
    assert verbs(statements)[-2:] == ["completed", "failed"]
    critical = [
        s
        for s in statements
        if s.get("result", {}).get("extensions", {}).get(EXT + "critical-error")
    ]
    assert critical, "the confidentiality breach is sent as a critical error"
    for statement in statements:
        assert problems(statement) == []


def test_a_decision_that_is_not_saved_queues_no_statement(synced, mini) -> None:
    ann = synced.create_learner("Ann", "S1")
    attempt = synced.start_attempt(ann.id, mini, "practice")
    session = Session(mini)
    step = take(session, GOOD_PATH[0])
    synced.record_decision(attempt.id, session, step)
    before = synced.outbox_count()
    with pytest.raises(StoreError):  # the same decision again: refused, rolled back
        synced.record_decision(attempt.id, session, step)
    assert synced.outbox_count() == before
    synced.abandon_attempt(attempt.id)
    assert verbs(queued(synced))[-1] == "terminated"


def test_tutor_plays_are_never_queued(synced, mini) -> None:
    tess = synced.create_learner("Tess", "T1")
    play(synced, tess.id, mini, GOOD_PATH, kind="tutor")
    assert synced.outbox_count() == 0


def test_pseudonymised_statements_carry_no_name_or_student_id(tmp_path, mini) -> None:
    folder = tmp_path / "data"
    sync_on(folder, pseudonymise=True)
    with open_store(folder) as store:
        ann = store.create_learner("Ann Example", "S1001", "Group A")
        play(store, ann.id, mini, GOOD_PATH)
        text = "".join(q.text for q in store.outbox_batch(1000))
        account = json.loads(store.outbox_batch(1)[0].text)["actor"]["account"]["name"]
    assert "Ann Example" not in text and "S1001" not in text
    assert account.startswith("p-")
    # the course lead's key makes the same pseudonym on every machine
    vocab = Vocabulary(HOME, BASE, True, False, "course-lead-key")
    assert vocab.account_name("another-machine-uuid", "S1001", "other-local-key") == account


def test_names_are_sent_only_when_configured(tmp_path, mini) -> None:
    folder = tmp_path / "data"
    sync_on(folder, send_names=False)
    with open_store(folder) as store:
        ann = store.create_learner("Ann Example", "S1001")
        play(store, ann.id, mini, GOOD_PATH, steps=1)
        text = "".join(q.text for q in store.outbox_batch(1000))
    assert "Ann Example" not in text and "S1001" in text


def test_cohort_report_from_statements_equals_local(tmp_path, mini) -> None:
    """The statements alone rebuild the same course-lead views as the local progress."""
    folder = tmp_path / "data"
    sync_on(folder)
    with open_store(folder) as store:
        ann = store.create_learner("Ann Example", "S1001", "Group A")
        bob = store.create_learner("Bob Sample", "S1002", "Group B")
        dee = store.create_learner("Dee Decline", "S1004", "Group B")
        play(store, ann.id, mini, BAD_PATH)
        play(store, ann.id, mini, GOOD_PATH)
        play(store, bob.id, mini, BAD_PATH)
        play(store, dee.id, mini, GOOD_PATH)
        a, _ = play(store, dee.id, mini, BAD_PATH, steps=2)  # in progress
        store.abandon_attempt(a)
        play(store, dee.id, mini, GOOD_PATH, steps=3)
        statements = [json.loads(q.text) for q in store.outbox_batch(100_000)]
        local = {v.name: list(v.rows) for v in all_views(store, "Group B")}
        local_all = {v.name: list(v.rows) for v in all_views(store)}
    with rebuild_store(statements, tmp_path / "scratch") as rebuilt:
        assert {v.name: list(v.rows) for v in all_views(rebuilt, "Group B")} == local
        assert {v.name: list(v.rows) for v in all_views(rebuilt)} == local_all


def test_settings_round_trip_and_bad_settings_are_explained(tmp_path) -> None:
    folder = tmp_path / "data"
    assert load_settings(folder).enabled is False
    sync_on(folder)
    assert load_settings(folder).endpoint == "http://127.0.0.1:9/xAPI/"
    (folder / "lrs.json").write_text('{"enabled": "yes"}')
    with pytest.raises(StoreError, match="not valid"):
        load_settings(folder)
    with open_store(folder) as store:  # playing never fails for a bad settings file
        assert store.xapi is None
    with pytest.raises(StoreError, match="not an http"):
        save_settings(folder, LrsSettings(enabled=True, endpoint="ftp://x"))


def test_credentials_fall_back_to_a_private_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("TRAINER_LRS_KEY", raising=False)
    folder = tmp_path / "data"
    warning = save_credentials(folder, "https://lrs.example/xAPI/", "k", "s3cret")
    assert warning and "readable only by this user" in warning
    path = folder / "lrs-credentials.json"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_credentials(folder, "https://lrs.example/xAPI/") == ("k", "s3cret")
    with pytest.raises(StoreError, match="No key and secret"):
        load_credentials(folder, "https://other.example/xAPI/")
    if os.name == "posix":
        path.chmod(0o644)
        with pytest.raises(StoreError, match="read by other users"):
            load_credentials(folder, "https://lrs.example/xAPI/")


def test_backoff_grows_exponentially_with_jitter() -> None:
    low = [backoff_delay(n, 0.5, 60, lambda: 0.0) for n in range(1, 10)]
    high = [backoff_delay(n, 0.5, 60, lambda: 1.0) for n in range(1, 10)]
    assert low[:4] == [0.25, 0.5, 1.0, 2.0]
    assert high[:4] == [0.5, 1.0, 2.0, 4.0]
    assert max(high) == 60


# --------------------------------------------------------------------------- the commands


def test_configure_status_and_sync_from_the_command_line(tmp_path, monkeypatch, mini) -> None:
    import socket

    from click.testing import CliRunner

    from trainer.cli import main

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("TRAINER_LRS_KEY", raising=False)
    folder = tmp_path / "data"
    runner = CliRunner()
    off = runner.invoke(main, ["sync", "--data-dir", str(folder)])
    assert off.exit_code == 1 and "Sending to a Learning Record Store is off" in off.output
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}/xAPI/"
    done = runner.invoke(
        main,
        ["lrs", "configure", "--data-dir", str(folder), "--enable", "--endpoint", endpoint,
         "--home-page", HOME, "--key", "k"],
        input="s3cret\n",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "sending is on" in done.output and "readable only by this user" in done.output
    assert "s3cret" not in (folder / "lrs.json").read_text()
    with open_store(folder) as store:
        ann = store.create_learner("Ann", "S1")
        play(store, ann.id, mini, GOOD_PATH, steps=2)
    status = runner.invoke(main, ["lrs", "status", "--data-dir", str(folder)])
    assert "Sending to an LRS: on" in status.output and "3 record(s) waiting" in status.output
    assert "s3cret" not in status.output
    sent = runner.invoke(main, ["sync", "--data-dir", str(folder), "--tries", "1"])
    assert sent.exit_code == 3, sent.output
    assert "Could not reach the LRS" in sent.output and "3 waiting" in sent.output
    refused = runner.invoke(main, ["lrs", "refused", "--data-dir", str(folder)])
    assert "refused no records" in refused.output
    bad = runner.invoke(main, ["lrs", "configure", "--data-dir", str(folder), "--endpoint", "nope"])
    assert bad.exit_code == 1 and "not an http:// or https:// address" in bad.output


# --------------------------------------------------------------------------- any cohort

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PLAYS = st.lists(
    st.tuples(
        st.integers(0, 2),  # which learner
        st.sampled_from(["good", "bad"]),
        st.integers(0, 5),  # how many moves
        st.sampled_from(["leave", "abandon", "pause", "reflect"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=15)
@given(plays=PLAYS)
def test_any_cohort_rebuilt_from_its_statements_reports_the_same(
    tmp_path_factory, mini, plays
) -> None:
    """Whatever mix of finished, unfinished, abandoned and paused attempts, the statements
    rebuild the same five course-lead views, and every statement follows the xAPI rules."""
    tmp = tmp_path_factory.mktemp("cohort")
    folder = tmp / "data"
    sync_on(folder)
    with open_store(folder) as store:
        people = [
            store.create_learner("Ann", "S1", "A"),
            store.create_learner("Bob", None, "B"),
            store.create_learner("Cy", "S3", None),
        ]
        for who, path, steps, then in plays:
            moves = GOOD_PATH if path == "good" else BAD_PATH
            attempt_id, session = play(store, people[who].id, mini, moves, steps=steps)
            if not session.is_finished:
                if then == "abandon":
                    store.abandon_attempt(attempt_id)
                elif then == "pause":
                    store.record_pause(attempt_id, session.scene_id)
                    store.record_resume(attempt_id, session.scene_id)
            if then == "reflect":
                store.save_reflection(attempt_id, "A reflection.")
        statements = [json.loads(q.text) for q in store.outbox_batch(100_000)]
        local = {v.name: list(v.rows) for v in all_views(store)}
    for statement in statements:
        assert problems(statement) == []
    with rebuild_store(statements, tmp / "scratch") as rebuilt:
        assert {v.name: list(v.rows) for v in all_views(rebuilt)} == local


def test_malformed_statements_from_an_lrs_are_left_out_with_a_note(tmp_path, mini) -> None:
    folder = tmp_path / "data"
    sync_on(folder)
    with open_store(folder) as store:
        ann = store.create_learner("Ann", "S1", "A")
        play(store, ann.id, mini, GOOD_PATH)
        statements = [json.loads(q.text) for q in store.outbox_batch(1000)]
        local = {v.name: list(v.rows) for v in all_views(store)}
    broken = json.loads(json.dumps(statements[1]))
    broken["id"] = "00000000-0000-4000-8000-000000000001"
    broken["result"]["extensions"][EXT + "step"] = "not a number"
    odd = json.loads(json.dumps(statements[0]))
    odd["context"]["registration"] = "11111111-1111-4111-8111-111111111111"
    odd["context"]["extensions"][EXT + "mode"] = "'; DROP TABLE attempts; --"
    odd["context"]["extensions"][EXT + "cohort"] = {"not": "text"}
    junk = [None, 7, {"verb": "x"}, {"verb": {"id": VERBS["answered"]}, "context": []}]
    with rebuild_store([*statements, broken, odd, *junk], tmp_path / "scratch") as rebuilt:
        assert any("1 statement(s) from the LRS were malformed" in n for n in rebuilt.notices)
        views = {v.name: list(v.rows) for v in all_views(rebuilt)}
        assert views["transcripts"] == local["transcripts"]
        assert len(views["attempts"]) == 2  # the odd one is an attempt of its own, in practice mode
        assert {row[6] for row in views["attempts"]} == {"practice"}


def test_sending_relaxes_durability_only_while_it_runs(synced, mini) -> None:
    """Settling the outbox may skip the disk sync (a lost settle only re-sends); recording
    on the same connection afterwards is FULL again."""
    from trainer.store.lrs import sync_store

    ann = synced.create_learner("Ann", "S1")
    play(synced, ann.id, mini, GOOD_PATH, steps=1)
    assert synced.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    seen = []
    settings = load_settings(synced.data_dir)
    settings.timeout_s = 0.5
    report = sync_store(
        synced, settings, "k", "s", max_tries=1,
        progress=lambda r: seen.append(synced.conn.execute("PRAGMA synchronous").fetchone()[0]),
    )  # fmt: skip
    assert report.error and seen == [1]  # NORMAL while sending
    assert synced.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
