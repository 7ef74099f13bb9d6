"""`trainer play --learner` records, resumes and asks for a reflection (issue 3 point 8)."""

from __future__ import annotations

from click.testing import CliRunner

from tests.store.conftest import MINI
from trainer.cli import main
from trainer.core.session import Session
from trainer.store import open_store
from trainer.store.terminal import TerminalPlay, learner_for


def run_play(data_dir, answers: str):
    return CliRunner().invoke(
        main,
        ["play", str(MINI), "--data-dir", str(data_dir), "--learner", "Sam Student"],
        input=answers,
    )


def test_play_records_resumes_and_saves_a_reflection(tmp_path) -> None:
    first = run_play(tmp_path, "1\n3\n1\n")  # two decisions, then input ends
    assert first.exit_code == 3, first.output
    assert "(saved: decision 2)" in first.output
    assert "run the same command to carry on" in first.output

    second = run_play(tmp_path, "1,2\n3\n1\nNext time I will ask who else is home.\n")
    assert second.exit_code == 0, second.output
    assert "Resuming your attempt: 2 decision(s) saved." in second.output
    assert "Risk" in second.output.split("Resuming")[1][:200]  # carries on at the checklist

    with open_store(tmp_path) as store:
        learner = store.find_learner("Sam Student")
        (attempt,) = store.attempts(learner.id)
        assert attempt.status == "completed" and attempt.passed is True
        assert [d["scene"] for d in store.decisions(attempt.id)] == [
            "door",
            "talk",
            "risk",
            "rate",
            "lee-arrives",
        ]
        assert store.reflection(attempt.id) == "Next time I will ask who else is home."

    third = run_play(tmp_path, "2\n1\n")  # a new attempt after a completed one
    assert "Resuming" not in third.output
    with open_store(tmp_path) as store:
        assert len(store.attempts(store.find_learner("Sam Student").id)) == 2


def test_play_without_learner_records_nothing(tmp_path) -> None:
    result = CliRunner().invoke(
        main, ["play", str(MINI), "--data-dir", str(tmp_path)], input="1\n3\n"
    )
    assert "Your choice: 1" in result.output  # the piped answer is echoed
    assert "saved" not in result.output  # nothing is saved, so nothing says it is
    assert not (tmp_path / "progress.sqlite3").exists()


def test_terminal_play_helper(store, mini) -> None:
    sam = learner_for(store, "Sam")
    assert learner_for(store, sam.id) == sam
    play = TerminalPlay.begin(store, "Sam", mini, "assessed")
    assert (play.resumed, play.mode) == (False, "assessed")
    play.record(play.session, play.session.choose("ask-straight", "high"))
    again = TerminalPlay.begin(store, "Sam", mini, "practice")
    assert again.resumed and again.attempt.id == play.attempt.id
    assert again.mode == "assessed"  # the attempt keeps the mode it was started in
    assert again.session.state() == play.session.state()


def test_terminal_play_starts_again_when_the_case_changed_too_much(store, mini, tmp_path) -> None:
    from trainer.core.loader import load_case

    play = TerminalPlay.begin(store, "Sam", mini, "practice")
    play.record(play.session, play.session.choose("check-safe"))
    edited = tmp_path / "mini.yaml"
    edited.write_text(
        MINI.read_text(encoding="utf-8").replace("id: check-safe", "id: check-safety"),
        encoding="utf-8",
    )
    changed = load_case(edited)
    again = TerminalPlay.begin(store, "Sam", changed, "practice")
    assert not again.resumed and again.attempt.id != play.attempt.id
    assert any("no longer fit" in n for n in again.notices)
    assert store.attempt(play.attempt.id).status == "stale"
    assert isinstance(again.session, Session) and again.session.decisions == []
