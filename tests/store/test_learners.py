"""Learner profiles (issues 10 and 11): one profile per name even when two first plays
race, ambiguous names listed instead of guessed, length caps, student IDs from the
command line, and `trainer learners`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.conftest import MINI, play
from trainer.cli import main
from trainer.store import StoreError, open_store, schema
from trainer.store import database as database_module

ROOT = Path(__file__).resolve().parents[2]


def test_a_name_is_one_profile_whatever_its_case_or_spacing(store) -> None:
    kim = store.create_learner("Kim  O'Neil")
    assert kim.display_name == "Kim O'Neil"
    with pytest.raises(StoreError, match="already a learner profile named"):
        store.create_learner("kim o'neil")
    assert store.learner_named("KIM O'NEIL").id == kim.id
    assert [lr.id for lr in store.learners()] == [kim.id]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("display_name", "A" * 100_000, "100,000 characters long; at most 80"),
        ("display_name", "Ann\x1b[2J", "control character"),
        ("cohort", "C" * 81, "cohort name is 81 characters long; at most 80"),
        ("student_id", "9" * 41, "student ID number is 41 characters long; at most 40"),
    ],
)
def test_names_and_cohorts_are_capped_with_a_clear_message(store, field, value, words) -> None:
    args = {"display_name": "Ann", "student_id": None, "cohort": None, field: value}
    started = time.monotonic()
    with pytest.raises(StoreError, match=words):
        store.create_learner(**args)
    assert time.monotonic() - started < 0.5
    assert store.learners() == []


def test_a_long_name_from_the_command_line_is_refused(tmp_path) -> None:
    result = CliRunner().invoke(
        main,
        ["--data-dir", str(tmp_path), "play", str(MINI), "--learner", "N" * 100_000],
        input="",
    )
    assert result.exit_code == 1
    assert "at most 80" in result.output and "Traceback" not in result.output


def test_an_ambiguous_name_is_an_error_that_lists_the_candidates(tmp_path, mini) -> None:
    """Two Kims (one imported from a laptop, or made before names were unique): export
    --learner Kim silently left one profile's attempts out."""
    with open_store(tmp_path) as store:
        first = store.create_learner("Kim", "S1")
        play(store, first.id, mini)
        store.conn.execute(  # a second profile of the same name, as an older version made
            "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
            "updated_at) VALUES ('0b7e7a39-0000-4000-8000-000000000001', 'kim', NULL, "
            "'BA 2027', '2026-11-30T00:00:00.000000Z', '2026-11-30T00:00:00.000000Z')"
        )
        store.conn.commit()
        with pytest.raises(StoreError, match="2 learner profiles match 'Kim'") as caught:
            store.find_learner("Kim")
        listed = caught.value.headline
        assert first.id in listed and "0b7e7a39-0000-4000-8000-000000000001" in listed
        assert "student ID S1" in listed and "cohort BA 2027" in listed
        assert "1 attempt(s)" in listed and "0 attempt(s)" in listed
        assert "trainer learners edit" in caught.value.advice
    result = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(tmp_path),
            "progress",
            "export",
            "--learner",
            "Kim",
            "--out",
            str(tmp_path / "kim.json"),
        ],
    )
    assert result.exit_code == 1
    assert "2 learner profiles match 'Kim'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "kim.json").exists()
    by_id = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(tmp_path),
            "progress",
            "export",
            "--learner",
            first.id,
            "--out",
            str(tmp_path / "kim.json"),
        ],
    )
    assert by_id.exit_code == 0, by_id.output


def test_the_migration_keeps_and_flags_existing_duplicates(tmp_path, mini, monkeypatch) -> None:
    """A database made before names were unique, with two 'Kim' profiles: the upgrade
    merges nothing and loses nothing; the later profile is flagged."""
    from sqlite_utils.migrations import Migrations

    old = Migrations(schema.MIGRATION_SET)
    old(name="0001_initial")(schema.initial)
    monkeypatch.setattr(database_module, "migrations", old)
    monkeypatch.setattr(database_module, "known_names", lambda: ["0001_initial"])
    with open_store(tmp_path) as store:
        ids = []
        for n, name in enumerate(["Kim", "Kim ", "kim", "Lee"]):
            learner_id = f"0b7e7a39-0000-4000-8000-00000000000{n}"
            store.conn.execute(
                "INSERT INTO learners (id, display_name, student_id, cohort, created_at, "
                "updated_at) VALUES (?, ?, NULL, NULL, ?, ?)",
                (learner_id, name, f"2026-11-0{n + 1}T00:00:00.000000Z", "x"),
            )
            store.conn.commit()
            play(store, learner_id, mini)
            ids.append(learner_id)
    monkeypatch.undo()
    with open_store(tmp_path) as store:
        learners = {lr.id: lr for lr in store.learners()}
        assert set(learners) == set(ids)
        assert [learners[i].has_own_name for i in ids] == [True, False, False, True]
        assert all(len(store.attempts(i)) == 1 for i in ids)
        with pytest.raises(StoreError, match="3 learner profiles match"):
            store.find_learner("KIM")
        renamed = store.update_learner(ids[2], display_name="Kim Lee", student_id="S3")
        assert renamed.has_own_name and renamed.student_id == "S3"
        with pytest.raises(StoreError, match="already a learner profile named 'Kim'"):
            store.update_learner(ids[3], display_name="KIM")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "learners"])
    assert result.exit_code == 0, result.output
    assert "shares its name with an older profile" in result.output
    assert "Kim Lee" in result.output and "S3" in result.output


# ------------------------------------------------------------------ concurrency

RACER = """
import sys, time
from trainer.store import open_store
store = open_store(sys.argv[1])
start = float(sys.argv[3])
while time.time() < start:
    pass
learner = store.learner_named(sys.argv[2])
print(learner.id)
store.close()
"""


def race_rounds(config: pytest.Config) -> int:
    if os.environ.get("TRAINER_RACES"):
        return int(os.environ["TRAINER_RACES"])
    return 60 if config.getoption("--run-slow", default=False) else 6


def test_two_first_plays_with_the_same_new_name_make_one_profile(tmp_path, request) -> None:
    """Two processes, already open, ask for the same new name at the same instant
    (the race that made two profiles in 3 of 60 rounds). Each round: one profile, and
    both processes get it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rounds = race_rounds(request.config)
    for round_no in range(rounds):
        folder = tmp_path / f"r{round_no}"
        open_store(folder).close()
        start = time.time() + 0.7
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(folder), "Kim Example", str(start)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        got = set()
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            got.add(out.strip())
        with open_store(folder) as store:
            assert len(store.learners()) == 1, f"round {round_no}"
            assert got == {store.learners()[0].id}
    print(f"learner race: {rounds} rounds of 3 processes, 1 profile each")


# ------------------------------------------------------------------ command line


def test_play_with_a_student_id_sets_it(tmp_path) -> None:
    runner = CliRunner()
    args = ["--data-dir", str(tmp_path), "play", str(MINI), "--learner", "Asha Patel"]
    first = runner.invoke(main, [*args, "--student-id", "20231001"], input="")
    assert first.exit_code == 3, first.output  # input ended: the profile is made
    with open_store(tmp_path) as store:
        (asha,) = store.learners()
        assert asha.student_id == "20231001"
    runner.invoke(main, [*args, "--student-id", "20231002"], input="")
    with open_store(tmp_path) as store:
        assert [lr.student_id for lr in store.learners()] == ["20231002"]
        store.create_learner("Ben", "S2")
    taken = runner.invoke(main, [*args, "--student-id", "S2"], input="")
    assert taken.exit_code == 1 and "already belongs to Ben" in taken.output
    alone = runner.invoke(
        main, ["--data-dir", str(tmp_path), "play", str(MINI), "--student-id", "1"], input=""
    )
    assert alone.exit_code == 2 and "--student-id needs --learner" in alone.output


def test_learners_lists_and_edits_profiles(tmp_path, mini) -> None:
    runner = CliRunner()
    empty = runner.invoke(main, ["--data-dir", str(tmp_path), "learners"])
    assert empty.exit_code == 0 and "No learner profiles yet" in empty.output
    with open_store(tmp_path) as store:
        ann = store.create_learner("Ann Example")
        play(store, ann.id, mini)
    listing = runner.invoke(main, ["--data-dir", str(tmp_path), "learners"])
    assert ann.id in listing.output and "Ann Example" in listing.output
    assert "1 learner(s) have no student ID number" in listing.output
    edit = runner.invoke(
        main,
        [
            "--data-dir",
            str(tmp_path),
            "learners",
            "edit",
            "Ann Example",
            "--student-id",
            "S1001",
            "--cohort",
            "BA SW 2026",
            "--name",
            "Ann E. Example",
        ],
    )
    assert edit.exit_code == 0, edit.output
    assert "Ann E. Example" in edit.output and "S1001" in edit.output
    with open_store(tmp_path) as store:
        (changed,) = store.learners()
        assert (changed.id, changed.student_id, changed.cohort) == (ann.id, "S1001", "BA SW 2026")
    clear = runner.invoke(
        main, ["--data-dir", str(tmp_path), "learners", "edit", "S1001", "--cohort", ""]
    )
    assert clear.exit_code == 0 and "cohort -" in clear.output
    nothing = runner.invoke(main, ["--data-dir", str(tmp_path), "learners", "edit", "S1001"])
    assert nothing.exit_code == 2 and "say what to change" in nothing.output
    missing = runner.invoke(
        main, ["--data-dir", str(tmp_path), "learners", "edit", "Nobody", "--cohort", "x"]
    )
    assert missing.exit_code == 1 and "No learner 'Nobody'" in missing.output
    long = runner.invoke(
        main, ["--data-dir", str(tmp_path), "learners", "edit", "S1001", "--name", "x" * 81]
    )
    assert long.exit_code == 1 and "at most 80" in long.output


def test_an_imported_learner_with_a_name_already_here_is_kept_and_flagged(tmp_path, mini) -> None:
    from trainer.store.progressfile import export_progress, import_progress

    with open_store(tmp_path / "laptop") as laptop:
        kim = laptop.create_learner("Kim")
        play(laptop, kim.id, mini)
        path = export_progress(laptop, kim.id, tmp_path / "kim.json")
    with open_store(tmp_path / "lab") as lab:
        here = lab.create_learner("kim")
        import_progress(lab, path)
        found = {lr.id: lr for lr in lab.learners()}
        assert set(found) == {here.id, kim.id}
        assert found[here.id].has_own_name and not found[kim.id].has_own_name
        with pytest.raises(StoreError, match="2 learner profiles match 'Kim'"):
            lab.find_learner("Kim")
        assert len(lab.attempts(kim.id)) == 1 and lab.attempts(here.id) == []


def test_progress_check_reports_without_importing(tmp_path, mini) -> None:
    from trainer.store.progressfile import export_progress

    with open_store(tmp_path / "laptop") as laptop:
        ann = laptop.create_learner("Ann")
        play(laptop, ann.id, mini)
        path = export_progress(laptop, ann.id, tmp_path / "ann.json")
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n")
    runner = CliRunner()
    result = runner.invoke(
        main, ["--data-dir", str(tmp_path / "laptop"), "progress", "check", str(path), str(bad)]
    )
    assert result.exit_code == 1
    assert "ann.json: Ann, 1 attempt(s), format 2: complete and readable." in result.output
    assert "unchanged since this installation exported it" in result.output
    assert "notes.txt is not a Casework Trainer progress file" in result.output
    lead = runner.invoke(
        main, ["--data-dir", str(tmp_path / "lead"), "progress", "check", str(path)]
    )
    assert lead.exit_code == 0 and "whose key is not known here" in lead.output
    assert not (tmp_path / "lead" / "progress.sqlite3").exists()  # nothing imported
