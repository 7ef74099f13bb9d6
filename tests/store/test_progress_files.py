"""Progress files (issue 3 point 6): portable, versioned, checksummed, idempotent import."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.conftest import BAD_PATH, GOOD_PATH, play, take
from trainer.cli import main
from trainer.store import ProgressFileError, StoreError, open_store
from trainer.store import files as files_module
from trainer.store.progressfile import checksum, export_progress, import_progress


def dump(store) -> list[str]:
    """Every row of the learner tables, for 'nothing changed' comparisons."""
    out = []
    for table in ("learners", "attempts", "decisions", "reflections"):
        out += [
            f"{table}: {row}" for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1")
        ]
    return out


@pytest.fixture
def student(tmp_path, mini):
    """A learner's own database: two finished attempts, one in progress, a reflection."""
    with open_store(tmp_path / "laptop") as store:
        ann = store.create_learner("Ann Example", "S1001", "BA 2026")
        good_id, _ = play(store, ann.id, mini, GOOD_PATH)
        store.save_reflection(good_id, "Check who is home first.")
        play(store, ann.id, mini, BAD_PATH)
        open_id, session = play(store, ann.id, mini, GOOD_PATH, steps=2)
        path = export_progress(store, ann.id, tmp_path / "ann.progress.json")
        yield store, ann, path, open_id, session


@pytest.fixture
def lead(tmp_path):
    with open_store(tmp_path / "lead") as store:
        yield store


def test_file_is_versioned_json_with_a_checksum(student) -> None:
    _, _, path, _, _ = student
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "casework-trainer-progress"
    assert document["version"] == 2
    assert document["canonical"] == "RFC 8785"
    assert document["sha256"] == checksum(document["payload"])
    assert len(document["payload"]["attempts"]) == 3


def test_import_copies_everything_and_twice_changes_nothing(student, lead) -> None:
    store, ann, path, _, _ = student
    report = import_progress(lead, path)
    assert (report.attempts_added, report.decisions_added, report.reflections_saved) == (3, 12, 1)
    assert dump(lead) == dump(store)
    again = import_progress(lead, path)
    assert not again.changed and "nothing new" in str(again)
    assert dump(lead) == dump(store)
    assert lead.case_progress(ann.id) == store.case_progress(ann.id)


def test_a_later_file_carries_an_attempt_further(student, lead, mini, tmp_path) -> None:
    store, ann, path, open_id, session = student
    import_progress(lead, path)
    for move in GOOD_PATH[2:]:
        store.record_decision(open_id, session, take(session, move))
    store.finish_attempt(open_id, session.result())
    later = export_progress(store, ann.id, tmp_path / "later.json")
    report = import_progress(lead, later)
    assert (report.attempts_added, report.attempts_updated, report.decisions_added) == (0, 1, 3)
    assert lead.attempt(open_id).status == "completed"
    assert dump(lead) == dump(store)
    assert not import_progress(lead, path).changed  # the older file changes nothing now


def test_an_attempt_continued_in_two_places_is_not_overwritten(student, lead, tmp_path) -> None:
    store, ann, path, open_id, session = student
    import_progress(lead, path)
    lead_session = lead.resume(lead.attempt(open_id), session.loaded)
    lead.record_decision(open_id, lead_session, take(lead_session, GOOD_PATH[2]))
    for move in GOOD_PATH[2:4]:
        store.record_decision(open_id, session, take(session, move))
    report = import_progress(lead, export_progress(store, ann.id, tmp_path / "b.json"))
    assert report.conflicts == 1 and "left as they were" in str(report)
    assert lead.attempt(open_id).decision_count == 3


def test_learners_match_by_student_id(student, lead, mini, tmp_path) -> None:
    _, ann, path, _, _ = student
    with open_store(tmp_path / "lab") as lab:
        same = lab.create_learner("Ann E.", "S1001")
        play(lab, same.id, mini)
        lab_file = export_progress(lab, same.id, tmp_path / "lab.json")
    import_progress(lead, path)
    import_progress(lead, lab_file)
    (learner,) = lead.learners()
    assert learner.id == ann.id
    assert len(lead.attempts(ann.id)) == 4


def _rewrite(path: Path, change) -> Path:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


BAD_FILES = {
    "a CSV report": (
        lambda p: p.write_text("student,score\nAnn,90\n"),
        "is not a Casework Trainer progress file .it looks like a CSV",
    ),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "truncated"),
    "empty": (lambda p: p.write_bytes(b""), "not a Casework Trainer progress file .it is empty"),
    "foreign JSON": (lambda p: p.write_text('{"format": "something-else"}'), "not a Casework"),
    "tampered": (
        lambda p: _rewrite(p, lambda d: d["payload"]["attempts"][1].update(percent=100.0)),
        "changed or damaged",
    ),
    "newer version": (lambda p: _rewrite(p, lambda d: d.update(version=3)), "newer version"),
    "damaged but re-checksummed": (
        lambda p: _rewrite(
            p,
            lambda d: (
                d["payload"]["attempts"][0].update(status="won"),
                d.update(sha256=checksum(d["payload"])),
            ),
        ),
        "is damaged",
    ),
    "odd timestamp, re-checksummed": (
        lambda p: _rewrite(
            p,
            lambda d: (
                d["payload"]["attempts"][0].update(started_at="23/11/2026"),
                d.update(sha256=checksum(d["payload"])),
            ),
        ),
        "is damaged",
    ),
    "inconsistent but re-checksummed": (
        lambda p: _rewrite(
            p,
            lambda d: (
                d["payload"]["attempts"][0]["decisions"].pop(1),
                d.update(sha256=checksum(d["payload"])),
            ),
        ),
        "does not hang together",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_are_refused_and_change_nothing(student, lead, kind) -> None:
    _, _, path, _, _ = student
    spoil, message = BAD_FILES[kind]
    spoil(path)
    before = dump(lead)
    with pytest.raises(ProgressFileError, match=message):
        import_progress(lead, path)
    assert dump(lead) == before


def test_a_failure_during_import_leaves_nothing_half_imported(student, lead) -> None:
    _, _, path, _, _ = student
    lead.create_learner("Someone else")
    before = dump(lead)
    pages = lead.conn.execute("PRAGMA page_count").fetchone()[0]
    lead.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk fills mid-import
    with pytest.raises(StoreError, match="disk is full"):
        import_progress(lead, path)
    assert dump(lead) == before


def test_export_on_a_full_disk_keeps_the_old_file(student, monkeypatch) -> None:
    store, ann, path, _, _ = student
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files_module.os, "fsync", full)
    with pytest.raises(StoreError, match="disk is full"):
        export_progress(store, ann.id, path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_cli_export_and_import(student, tmp_path) -> None:
    store, ann, _, _, _ = student
    runner = CliRunner()
    out = tmp_path / "cli.json"
    result = runner.invoke(
        main,
        [
            "progress",
            "export",
            "--learner",
            "S1001",
            "--out",
            str(out),
            "--data-dir",
            str(store.data_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 3 attempt(s) for Ann Example" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    lead_dir = tmp_path / "cli-lead"
    result = runner.invoke(
        main, ["progress", "import", str(out), str(bad), str(out), "--data-dir", str(lead_dir)]
    )
    assert result.exit_code == 1
    assert "3 attempt(s) added" in result.output
    assert "nothing new" in result.output
    assert "bad.json is not a complete progress file" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(
        main,
        [
            "progress",
            "export",
            "--learner",
            "Nobody",
            "--out",
            str(out),
            "--data-dir",
            str(store.data_dir),
        ],
    )
    assert missing.exit_code == 1 and "No learner 'Nobody'" in missing.output
    assert os.path.exists(out)


def test_a_truncated_file_says_where_in_plain_words(student, tmp_path) -> None:
    _, _, out, _, _ = student
    cut = tmp_path / "cut.json"
    text = out.read_text(encoding="utf-8")
    cut.write_text(text[: text.index('"', 40) + 3], encoding="utf-8")  # inside a string
    result = CliRunner().invoke(
        main, ["progress", "check", str(cut), "--data-dir", str(tmp_path / "d")]
    )
    assert result.exit_code == 1
    assert "cut.json is not a complete progress file" in result.output
    assert "Unterminated string starting at line " in result.output
    assert " at at " not in result.output


def test_course_lead_guide_shows_import_and_check_as_they_print(student, tmp_path) -> None:
    """docs/course-leads.md quotes import and check output: each quoted line has the
    shape of what the command prints for a file from a student's laptop."""
    import re

    _, _, path, _, _ = student
    runner = CliRunner()
    lead = str(tmp_path / "lead-dir")
    printed = {
        "import": runner.invoke(main, ["progress", "import", str(path), "--data-dir", lead]),
        "again": runner.invoke(main, ["progress", "import", str(path), "--data-dir", lead]),
        "check": runner.invoke(main, ["progress", "check", str(path), "--data-dir", lead]),
    }

    def general(text: str) -> str:
        return re.sub(r"\d+", "N", re.sub(r"installation [0-9a-f]+", "installation X", text))

    shape = {k: general(r.output.split(": ", 1)[1].strip()) for k, r in printed.items()}
    guide = (Path(__file__).parents[2] / "docs" / "course-leads.md").read_text(encoding="utf-8")
    quoted = [
        general(line.split(": ", 1)[1]).replace("Asha Patel", "Ann Example")
        for line in guide.splitlines()
        if line.startswith("submissions/") and ".progress.json: " in line
    ]
    quoted = [line.replace("Ben Jones", "Ann Example") for line in quoted]
    assert quoted, "the guide quotes no import output"
    assert all(line in shape.values() for line in quoted), (quoted, shape)
    assert shape["check"] in quoted and shape["again"] in quoted
