"""`trainer` in a terminal (issues 10 §4 and 11): what a tutor replaying a path sees, and
what a terminal, a case file or a learner can do to the command line."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.cli import main
from trainer.commands import common
from trainer.commands.common import terminal_safe
from trainer.commands.play import InputEnded, TerminalPlayer, number
from trainer.core.loader import load_case
from trainer.core.session import Session
from trainer.store import open_store

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "mini.yaml"
BEST_ANSWERS = "1\n3\n1\n1,2\n3\n1\n"
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}


def run(*args: str | bytes, stdin: bytes = b"", env: dict | None = None, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=timeout,
        env=env or ENV,
    )


# ---------------------------------------------------------------------- replaying a path


def test_piped_answers_are_echoed_with_the_option_they_picked() -> None:
    result = CliRunner().invoke(main, ["play", str(MINI)], input=BEST_ANSWERS)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Your choice: 1\n  → 1. Ask quietly whether this is a good time to talk" in out
    assert "How confident are you? 1 low, 2 medium, 3 high: 3\n  → confidence: high" in out
    assert "Ticked: 1,2\n  → ticked: 1. He has strangled, choked or smothered her" in out
    assert "Your rating: 3\n  → 3. High" in out
    assert "saved" not in out  # nothing is recorded without --learner


def test_the_replay_example_in_the_authoring_guide_fits_the_starter_case(tmp_path) -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    found = re.search(r"printf '([^']*)' \| trainer play scenarios/my-case\.yaml", guide)
    assert found, "the authoring guide's replay example has gone"
    answers = found.group(1).encode().decode("unicode_escape")
    runner = CliRunner()
    made = runner.invoke(main, ["new", "my-case", "--folder", str(tmp_path)])
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["play", str(tmp_path / "my-case.yaml")], input=answers)
    assert result.exit_code == 0, result.output  # not 3: the answers fit the case's steps
    assert "Passed — 100%" in result.output
    assert "was read to continue" not in result.output  # no answer was eaten by a scene


def test_a_line_eaten_by_a_continue_scene_is_pointed_out(tmp_path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["new", "my-case", "--folder", str(tmp_path)])
    result = runner.invoke(main, ["play", str(tmp_path / "my-case.yaml")], input="1\n1,2\n3\n1\n")
    assert "the line '1,2' was read to continue" in result.output
    assert result.exit_code == 3


def test_play_accepts_a_bundled_case_id() -> None:
    proc = run("play", "first-visit-after-police-referral")
    assert proc.returncode == 3, proc.stderr  # it started; the (empty) input ended
    assert b"After the police call-out" in proc.stdout
    assert b"Traceback" not in proc.stderr


def test_a_bundled_case_is_found_by_the_id_written_in_it(tmp_path, monkeypatch) -> None:
    # as in a wheel, where the bundled cases live in another folder under any file name
    bundled = tmp_path / "_bundled" / "scenarios"
    bundled.mkdir(parents=True)
    shutil.copy(MINI, bundled / "home-visit.yaml")
    monkeypatch.setattr(common, "bundled_scenarios", lambda: bundled)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["play", "mini-home-visit"], input=BEST_ANSWERS)
    assert result.exit_code == 0, result.output
    assert "A first home visit (test case)" in result.output
    unknown = CliRunner().invoke(main, ["play", "no-such-case"])
    assert unknown.exit_code == 2
    assert "no case file or bundled case called 'no-such-case'" in unknown.output
    assert "home-visit" in unknown.output  # the bundled ids are listed


# ---------------------------------------------------------------------- what is typed


def test_superscript_digits_ask_again_instead_of_crashing() -> None:
    result = CliRunner().invoke(main, ["play", str(MINI)], input="²\n³\n١\n" + BEST_ANSWERS)
    assert result.exit_code == 0, result.output
    assert result.output.count("Please enter a number from 1 to 2.") == 3
    assert "Passed — 100%" in result.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=12).map(lambda t: t.replace("\n", " ")), max_size=12))
def test_no_typed_line_crashes_the_player(lines: list[str]) -> None:
    import io

    session = Session(load_case(MINI))
    shown: list[str] = []
    player = TerminalPlayer(session, io.StringIO("".join(f"{x}\n" for x in lines)), shown.append)
    with contextlib.suppress(InputEnded):
        player.run()
    for answer in lines:
        n = number(answer)
        assert n is None or re.fullmatch(r"[0-9]+", answer.strip())


def test_an_empty_learner_name_is_an_error(tmp_path) -> None:
    for name in ("", "   "):
        result = CliRunner().invoke(
            main, ["play", str(MINI), "--learner", name, "--data-dir", str(tmp_path)]
        )
        assert result.exit_code == 2, result.output
        assert "--learner" in result.output and "learner's name" in result.output
    assert not (tmp_path / "progress.sqlite3").exists()


def test_a_latin1_terminal_keeps_the_name_and_the_reflection(tmp_path) -> None:
    env = {**ENV, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "latin-1"}
    answers = BEST_ANSWERS.encode() + "Caf\xe9 first, then ask who is home.\n".encode("latin-1")
    name = "Si\xe2n Llŷr".encode("latin-1", "replace")  # what a Latin-1 terminal sends
    proc = run(
        "play", str(MINI), "--learner", name, "--data-dir", str(tmp_path), stdin=answers, env=env
    )
    assert proc.returncode == 0, proc.stderr.decode("latin-1")
    assert b"Traceback" not in proc.stderr and b"UnicodeEncodeError" not in proc.stderr
    assert b"Passed" in proc.stdout and b"Reflection saved." in proc.stdout
    with open_store(tmp_path) as store:
        learner = store.find_learner("Si\xe2n Ll?r")
        assert learner is not None and learner.display_name == "Si\xe2n Ll?r"
        (attempt,) = store.attempts(learner.id)
        assert store.reflection(attempt.id) == "Caf\xe9 first, then ask who is home."


# ---------------------------------------------------------------------- escape sequences


def hostile_case(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace(
        "title: A first home visit (test case)",
        'title: "Visit\\e]0;pwned\\a\\e[2J\\e[H\\rAll checks passed\\e[8m hidden"',
    )
    text = text.replace(
        "text: Listen, and ask what happened, in her words.",
        'text: "Listen\\e[1A\\e[2K, \\x9b2J and ask."',
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_escape_sequences_in_a_case_never_reach_the_terminal(tmp_path) -> None:
    case = hostile_case(tmp_path)
    proc = run("play", str(case), stdin=BEST_ANSWERS.encode())
    assert proc.returncode == 0, proc.stderr
    for stream in (proc.stdout, proc.stderr):
        text = stream.decode()
        assert "\x1b" not in text and "\x9b" not in text and "\r" not in text and "\x07" not in text
    assert "VisitAll checks passed hidden" in proc.stdout.decode()  # the words stay, inert
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        case.read_text(encoding="utf-8").replace(
            "to: talk", 'to: "talk\\e[2J\\e[HAll checks passed"'
        ),
        encoding="utf-8",
    )
    checked = run("validate", str(broken))
    assert checked.returncode == 1
    both = (checked.stdout + checked.stderr).decode()
    assert "\x1b" not in both and "error" in both


def test_terminal_safe_keeps_text_and_drops_controls() -> None:
    assert terminal_safe("Siân Llŷr — ok\tyes\n") == "Siân Llŷr — ok\tyes\n"
    assert terminal_safe("a\x1b]0;title\x07b\x1b[31mc\x1b[0m\x00d\x7fe\x85f\rg") == "abcdefg"


# ---------------------------------------------------------------------- Ctrl-C and pipes


def test_ctrl_c_mid_case_says_every_decision_is_saved(tmp_path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trainer",
            "play",
            str(MINI),
            "--learner",
            "Kim",
            "--data-dir",
            str(tmp_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write(b"1\n3\n1\n")
    proc.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 60
    while b"(saved: decision 2)" not in seen and time.monotonic() < deadline:
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    time.sleep(0.3)  # now waiting for the checklist answer
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Every decision so far is saved (2 decision(s))" in seen + out
    assert b"Traceback" not in err
    with open_store(tmp_path) as store:
        (attempt,) = store.attempts(store.find_learner("Kim").id)
        assert len(store.decisions(attempt.id)) == 2


def test_ctrl_c_while_starting_prints_no_traceback() -> None:
    # The interrupt arrives while the command's modules are being imported.
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        class Interrupt:
            def find_spec(self, name, path=None, target=None):
                if name == "pydantic":
                    os.kill(os.getpid(), signal.SIGINT)
                return None
        sys.meta_path.insert(0, Interrupt())
        sys.argv = ["trainer", "validate", {str(MINI)!r}]
        from trainer.cli import main
        main()
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, cwd=ROOT, env=ENV, timeout=60
    )
    assert proc.returncode == 130, proc.stderr
    assert b"Traceback" not in proc.stderr and b"Stopped." in proc.stderr


def test_a_reader_that_stops_reading_ends_the_command_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "trainer", "validate", "--paths", str(ROOT / "scenarios")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    assert proc.stdout
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read() if proc.stderr else b""
    assert proc.wait(timeout=120) == 0
    assert err == b""


# ---------------------------------------------------------------------- tutor commands


def test_new_and_schema_on_unwritable_paths_give_plain_messages(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    runner = CliRunner()
    made = runner.invoke(main, ["new", "my-case", "--folder", str(blocker / "cases")])
    assert made.exit_code == 1
    assert "part of that path is a file, not a folder" in made.output
    for out in (tmp_path / "missing" / "case.schema.json", blocker / "case.schema.json"):
        result = runner.invoke(main, ["schema", "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert str(out) in result.output and "Errno" not in result.output
    assert not (tmp_path / "missing").exists()  # not created behind the tutor's back


def test_new_in_a_folder_that_cannot_be_written(tmp_path, monkeypatch) -> None:
    import errno
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(main, ["new", "my-case", "--folder", str(tmp_path)])
    assert result.exit_code == 1
    assert f"the folder {tmp_path} cannot be written to" in result.output
    assert "progress folder" not in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
