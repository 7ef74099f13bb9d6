"""Hostile progress files (issue 11): damaged files whose checksum was recomputed, files
that claim another learner's attempt, files that are not files, signatures, and the
checksum recomputed outside Python (issue 10 section 4)."""

from __future__ import annotations

import copy
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.conftest import BAD_PATH, GOOD_PATH, play
from trainer.store import ProgressFileError, open_store
from trainer.store.progressfile import (
    KEY_FILE,
    MAX_FILE_BYTES,
    TRUSTED_KEYS,
    build_progress,
    checksum,
    checksum_v1,
    export_progress,
    import_progress,
    installation_key,
    key_id,
    sign,
)


def dump(store) -> list[str]:
    out = []
    for table in ("learners", "attempts", "decisions", "reflections"):
        out += [
            f"{table}: {row}" for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1")
        ]
    return out


@pytest.fixture(scope="module")
def ann_document(tmp_path_factory, mini) -> dict:
    """Ann's progress file as a document: two finished attempts, one in progress."""
    folder = tmp_path_factory.mktemp("ann")
    with open_store(folder / "laptop") as store:
        ann = store.create_learner("Ann Example", "S1001", "BA 2026")
        good_id, _ = play(store, ann.id, mini, GOOD_PATH)
        store.save_reflection(good_id, "Check who is home first.")
        play(store, ann.id, mini, BAD_PATH)
        play(store, ann.id, mini, GOOD_PATH, steps=2)
        return build_progress(store, ann.id)


@pytest.fixture
def lead(tmp_path):
    with open_store(tmp_path / "lead") as store:
        yield store


def write(path: Path, document: dict, *, rechecksum: bool = True) -> Path:
    """Write a (changed) document, with its checksum recomputed as an attacker would."""
    document = copy.deepcopy(document)
    document.pop("signature", None)
    if rechecksum:
        try:
            document["sha256"] = checksum(document["payload"])
        except Exception:  # RFC 8785 has no form for it: the file is refused before this
            document["sha256"] = "0" * 64
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def edited(document: dict, change) -> dict:
    document = copy.deepcopy(document)
    change(document["payload"])
    return document


def first_attempt(payload: dict) -> dict:
    return payload["attempts"][0]


def state_of(payload: dict, change) -> None:
    attempt = first_attempt(payload)
    state = json.loads(attempt["state"])
    change(state)
    attempt["state"] = json.dumps(state)


# Each: a change to the payload (checksum recomputed afterwards) and words of the refusal,
# which must name where the problem is.
RECHECKSUMMED = {
    "deep nesting in the state": (
        lambda p: first_attempt(p).update(state="[" * 5000 + "]" * 5000),
        r"attempts\[0\]\.state.*nested more than",
    ),
    "a lone surrogate in a label": (
        lambda p: first_attempt(p)["decisions"][0].update(label="ok \ud800 ok"),
        r"attempts\[0\]\.decisions\[0\]\.label: the text has a broken character",
    ),
    "a state that is a list": (
        lambda p: first_attempt(p).update(state="[1, 2, 3]"),
        r"attempts\[0\]\.state.*is not a saved state",
    ),
    "a state whose decisions are a number": (
        lambda p: state_of(p, lambda s: s.update(decisions=7)),
        r"attempts\[0\]\.state.*decisions",
    ),
    "a state whose origin is text": (
        lambda p: state_of(p, lambda s: s.update(origin="door")),
        r"attempts\[0\]\.state.*origin",
    ),
    "a result that is a list": (
        lambda p: first_attempt(p).update(result="[]"),
        r"attempts\[0\]\.result.*is not a result",
    ),
    "a result whose percents are text": (
        lambda p: first_attempt(p).update(
            result=json.dumps({**json.loads(first_attempt(p)["result"]), "percents": "all"})
        ),
        r"attempts\[0\]\.result.*percents",
    ),
    "ticked that is an object": (
        lambda p: first_attempt(p)["decisions"][2].update(ticked='{"a": 1}'),
        r"attempts\[0\]\.decisions\[2\]\.ticked.*list of indicator ids",
    ),
    "ticked that is not JSON": (
        lambda p: first_attempt(p)["decisions"][2].update(ticked="strangulation"),
        r"decisions\[2\]\.ticked.*not readable",
    ),
    "points that are text": (
        lambda p: first_attempt(p)["decisions"][0].update(points_detail='{"safety": "lots"}'),
        r"decisions\[0\]\.points_detail",
    ),
    "a percent given as text": (
        lambda p: first_attempt(p).update(percent="100"),
        r"attempts\[0\]\.percent",
    ),
    "passed given as true": (
        lambda p: first_attempt(p).update(passed=True),
        r"attempts\[0\]\.passed",
    ),
    "a decision count in the millions": (
        lambda p: first_attempt(p).update(decision_count=10**12),
        r"attempts\[0\]\.decision_count",
    ),
    "a 100 KB learner name": (
        lambda p: p["learner"].update(display_name="A" * 100_000),
        r"learner\.display_name.*at most 80",
    ),
    "a decision id used twice in the file": (
        lambda p: p["attempts"][1]["decisions"][0].update(
            id=first_attempt(p)["decisions"][0]["id"]
        ),
        r"attempts\[1\].*decisions\[0\] has the id .*another decision in the file",
    ),
    "an attempt twice in the file": (
        lambda p: p["attempts"].append(copy.deepcopy(first_attempt(p))),
        r"attempts\[3\].*appears twice",
    ),
    "a state for another case": (
        lambda p: state_of(p, lambda s: s.update(case_id="another-case")),
        "does not hang together",
    ),
}


@pytest.mark.parametrize("kind", list(RECHECKSUMMED))
def test_damaged_files_with_a_recomputed_checksum_are_refused_whole(
    kind, ann_document, lead, tmp_path
) -> None:
    change, where = RECHECKSUMMED[kind]
    path = write(tmp_path / "ann.progress.json", edited(ann_document, change))
    before = dump(lead)
    with pytest.raises(ProgressFileError, match=where) as caught:
        import_progress(lead, path)
    assert "ann.progress.json" in caught.value.headline
    assert "Nothing was imported" in caught.value.advice
    assert dump(lead) == before


# JSON that json.loads takes but no progress file has: refused with its place, before the
# checksum is even looked at (NaN and 1e400 cannot be put in canonical form at all).
RAW_TEXT = {
    "Infinity": ('"active_ms": 0', '"active_ms": Infinity', r"active_ms: Infinity is not"),
    "NaN": ('"active_ms": 0', '"active_ms": NaN', r"active_ms: NaN is not"),
    "a number too large for a float": (
        '"active_ms": 0',
        '"active_ms": 1e400',
        r"active_ms: the number 1e400 is too large",
    ),
    "a 5,000-digit number": ('"active_ms": 0', '"active_ms": ' + "9" * 5000, "5,000 digits"),
    "a repeated key": ('"active_ms": 0', '"active_ms": 0, "active_ms": 5', "appears twice"),
    "deep nesting": ('"active_ms": 0', '"active_ms": ' + "[" * 100_000, "nested more than"),
}


@pytest.mark.parametrize("kind", list(RAW_TEXT))
def test_json_that_python_reads_but_no_progress_file_has_is_refused(
    kind, ann_document, lead, tmp_path
) -> None:
    old, new, words = RAW_TEXT[kind]
    document = copy.deepcopy(ann_document)
    for attempt in document["payload"]["attempts"]:
        attempt["active_ms"] = 0
    text = json.dumps(document)
    assert old in text
    path = tmp_path / "ann.progress.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = dump(lead)
    started = time.monotonic()
    with pytest.raises(ProgressFileError, match=words):
        import_progress(lead, path)
    assert time.monotonic() - started < 2
    assert dump(lead) == before


def test_an_imported_attempt_cannot_be_taken_over_by_another_file(
    ann_document, lead, tmp_path
) -> None:
    """Ann's attempt became Mallory's at 100% when Mallory's file reused its id."""
    import_progress(lead, write(tmp_path / "ann.json", ann_document))
    ann_attempt = first_attempt(ann_document["payload"])

    def mallory(payload: dict) -> None:
        payload["learner"].update(
            id="6d1f6f5e-0000-4000-8000-00000000beef",
            display_name="Mallory",
            student_id="S6666",
        )
        payload["attempts"] = [first_attempt(payload)]
        attempt = payload["attempts"][0]
        attempt.update(
            learner_id=payload["learner"]["id"],
            percent=100.0,
            passed=1,
            updated_at="2099-01-01T00:00:00.000000Z",
        )

    before = dump(lead)
    path = write(tmp_path / "mallory.json", edited(ann_document, mallory))
    with pytest.raises(ProgressFileError, match="here it belongs to Ann Example") as caught:
        import_progress(lead, path)
    assert "belongs to the learner who made it" in caught.value.advice
    assert dump(lead) == before
    kept = lead.attempt(ann_attempt["id"])
    assert lead.learner(kept.learner_id).display_name == "Ann Example"
    assert kept.percent == ann_attempt["percent"]


def test_a_file_cannot_claim_a_profile_with_another_student_id(
    ann_document, lead, tmp_path
) -> None:
    import_progress(lead, write(tmp_path / "ann.json", ann_document))
    before = dump(lead)

    def claim(payload: dict) -> None:
        payload["learner"].update(display_name="Mallory", student_id="S6666")
        payload["attempts"] = []

    with pytest.raises(ProgressFileError, match="claims the profile of Ann Example"):
        import_progress(lead, write(tmp_path / "m.json", edited(ann_document, claim)))
    assert dump(lead) == before


def test_a_decision_id_that_collides_with_one_here_refuses_the_file(
    ann_document, lead, tmp_path
) -> None:
    """Today: 14 decisions counted, 13 stored, nothing said."""
    import_progress(lead, write(tmp_path / "ann.json", ann_document))
    taken = first_attempt(ann_document["payload"])["decisions"][0]["id"]

    def other_learner(payload: dict) -> None:
        payload["learner"].update(
            id="0b7e7a39-0000-4000-8000-000000000001", display_name="Ben", student_id="S2002"
        )
        for n, attempt in enumerate(payload["attempts"]):
            attempt.update(id=f"0b7e7a39-0000-4000-8000-00000000010{n}")
            attempt["learner_id"] = payload["learner"]["id"]
            for m, decision in enumerate(attempt["decisions"]):
                decision["attempt_id"] = attempt["id"]
                decision["id"] = f"0b7e7a39-0000-4000-8000-0000000002{n}{m}"
            if attempt["reflection"]:
                attempt["reflection"] = None
        payload["attempts"][1]["decisions"][3]["id"] = taken

    before = dump(lead)
    with pytest.raises(ProgressFileError, match=f"has the id {taken}"):
        import_progress(lead, write(tmp_path / "ben.json", edited(ann_document, other_learner)))
    assert dump(lead) == before


def test_a_file_imported_whole_reads_back_in_every_view(ann_document, lead, tmp_path) -> None:
    report = import_progress(lead, write(tmp_path / "ann.json", ann_document))
    assert report.attempts_added == 3
    ann = lead.find_learner("Ann Example")
    assert lead.case_progress(ann.id) and lead.competency_history(ann.id)
    for attempt in lead.attempts(ann.id):
        assert lead.decisions(attempt.id)


# ------------------------------------------------------------------ not a file at all


def test_a_file_over_the_size_cap_is_refused_without_reading_it(lead, tmp_path) -> None:
    huge = tmp_path / "huge.progress.json"
    with huge.open("wb") as handle:  # sparse: instant, and no memory if it were read
        handle.truncate(MAX_FILE_BYTES + 1)
    started = time.monotonic()
    with pytest.raises(ProgressFileError, match="a progress file is at most 64 MB"):
        import_progress(lead, huge)
    assert time.monotonic() - started < 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_at_once(lead) -> None:
    with pytest.raises(ProgressFileError, match="is a device or a pipe, not a progress file"):
        import_progress(lead, Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting(lead, tmp_path) -> None:
    fifo = tmp_path / "pipe.progress.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            import_progress(lead, fifo)
            outcome.append(None)
        except ProgressFileError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the reader so the test run can end
        with open(fifo, "wb"):
            pass
        pytest.fail("import waited on a FIFO")
    assert isinstance(outcome[0], ProgressFileError)
    assert "a device or a pipe" in outcome[0].headline


def test_cli_import_of_a_csv_says_it_is_not_a_progress_file(tmp_path) -> None:
    from click.testing import CliRunner

    from trainer.cli import main

    report = tmp_path / "report.csv"
    report.write_text("learner,case,percent\nAnn,first-visit,80\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["progress", "import", str(report), "--data-dir", str(tmp_path / "d")]
    )
    assert result.exit_code == 1
    assert "report.csv is not a Casework Trainer progress file" in result.output
    assert "CSV" in result.output
    assert "truncated" not in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ signatures


@pytest.fixture
def laptop(tmp_path, mini):
    with open_store(tmp_path / "laptop") as store:
        ann = store.create_learner("Ann Example", "S1001")
        play(store, ann.id, mini, GOOD_PATH)
        yield store, ann


def test_a_file_is_signed_with_the_installation_key(laptop, tmp_path) -> None:
    store, ann = laptop
    path = export_progress(store, ann.id, tmp_path / "ann.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    key = installation_key(store.data_dir)
    assert (store.data_dir / KEY_FILE).stat().st_mode & 0o077 == 0  # private to its owner
    assert document["signature"] == {
        "algorithm": "HMAC-SHA256",
        "key_id": key_id(key),
        "value": sign(document["payload"], key),
    }
    report = import_progress(store, path)  # back into the installation that made it
    assert "Signature checked: unchanged since this installation exported it" in str(report)


def test_an_edited_file_with_a_recomputed_checksum_fails_its_signature(laptop, tmp_path) -> None:
    store, ann = laptop
    path = export_progress(store, ann.id, tmp_path / "ann.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    first_attempt(document["payload"])["percent"] = 12.5
    document["sha256"] = checksum(document["payload"])  # the checksum is not a signature
    path.write_text(json.dumps(document), encoding="utf-8")
    before = dump(store)
    with pytest.raises(ProgressFileError, match="its signature does not match"):
        import_progress(store, path)
    assert dump(store) == before


def test_a_lead_with_the_lab_key_can_check_files_from_the_lab(laptop, tmp_path) -> None:
    store, ann = laptop
    path = export_progress(store, ann.id, tmp_path / "ann.json")
    with open_store(tmp_path / "lead") as lead:
        report = import_progress(lead, path)
        assert "whose key is not known here" in str(report)
    (tmp_path / "lead" / TRUSTED_KEYS).mkdir()
    shutil.copy(store.data_dir / KEY_FILE, tmp_path / "lead" / TRUSTED_KEYS / "lab.key")
    with open_store(tmp_path / "lead2") as other:
        (tmp_path / "lead2" / TRUSTED_KEYS).mkdir()
        shutil.copy(store.data_dir / KEY_FILE, tmp_path / "lead2" / TRUSTED_KEYS / "lab.key")
        assert "unchanged since a trusted installation" in str(import_progress(other, path))


def test_format_1_files_are_still_read(ann_document, lead, tmp_path) -> None:
    old = copy.deepcopy(ann_document)
    old.pop("signature", None)
    old.pop("canonical", None)
    old["version"] = 1
    old["sha256"] = checksum_v1(old["payload"])
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old, indent=1), encoding="utf-8")
    report = import_progress(lead, path)
    assert report.attempts_added == 3 and "Not signed" in str(report)
    old["payload"]["attempts"][0]["percent"] = 1.0  # and their checksum is still checked
    path.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(ProgressFileError, match="checksum mismatch"):
        import_progress(lead, path)


def test_the_checksum_and_signature_can_be_checked_without_python(laptop, tmp_path) -> None:
    """The commands in docs/course-leads.md, run as a course lead would."""
    if not shutil.which("jq") or not shutil.which("sha256sum"):
        pytest.skip("jq and sha256sum are not installed")
    store, ann = laptop
    path = export_progress(store, ann.id, tmp_path / "ann.progress.json")
    docs = (Path(__file__).resolve().parents[2] / "docs" / "course-leads.md").read_text()
    for command in (
        "jq -jcS .payload ann.progress.json | sha256sum",
        "jq -r .sha256 ann.progress.json",
    ):
        assert command in docs
    computed = subprocess.run(
        "jq -jcS .payload ann.progress.json | sha256sum",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    stated = subprocess.run(
        ["jq", "-r", ".sha256", "ann.progress.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert computed == stated == json.loads(path.read_text())["sha256"]
    python_line = next(
        line for line in docs.splitlines() if line.startswith("$ python3 -c ") and "rfc8785" in line
    )
    checked = subprocess.run(
        python_line.removeprefix("$ ").replace("python3", shlex.quote(sys.executable), 1),
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert checked.stdout.strip() == "True"
    if shutil.which("openssl"):
        shutil.copy(store.data_dir / KEY_FILE, tmp_path / "lab.key")
        command = (
            "jq -jcS .payload ann.progress.json | "
            'openssl dgst -sha256 -mac HMAC -macopt hexkey:"$(cat lab.key)"'
        )
        assert command in docs
        mac = subprocess.run(
            command, shell=True, cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        assert mac == json.loads(path.read_text())["signature"]["value"]


# ------------------------------------------------------------------ hypothesis


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*path, index))
    else:
        yield path


HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "\u202e", "e\u0301"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["[]", "{}", "[1]", '{"format": 1}', "null", "[" * 50, '"x"', "1e999"]),
    st.recursive(
        st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=5)),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=20,
    ),
)


@settings(
    max_examples=120,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(data=st.data())
def test_any_single_change_is_imported_whole_or_refused_whole(
    data, ann_document, tmp_path_factory
) -> None:
    """One leaf of a real file replaced by a hostile value and the checksum recomputed:
    the import finishes in bounded time, and either refuses with a ProgressFileError
    (the database unchanged) or imports something every view can read."""
    document = copy.deepcopy(ann_document)
    leaves = list(_leaves(document["payload"]))
    path = data.draw(st.sampled_from(leaves))
    value = data.draw(HOSTILE_VALUES)
    target = document["payload"]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    folder = tmp_path_factory.mktemp("hyp")
    with open_store(folder / "lead") as lead:
        before = dump(lead)
        started = time.monotonic()
        try:
            import_progress(lead, write(folder / "f.json", document))
        except ProgressFileError as exc:
            assert exc.headline and "Traceback" not in exc.headline
            assert dump(lead) == before
        else:
            for learner in lead.learners():
                lead.case_progress(learner.id)
                lead.competency_history(learner.id)
                for attempt in lead.attempts(learner.id):
                    lead.decisions(attempt.id)
        assert time.monotonic() - started < 5
