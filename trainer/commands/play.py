"""`trainer play`: play a case in the terminal, reading answers from standard input.

Answers are one per line, so a tutor can replay a path from a file and tests
can drive it through a pipe:

* a decision: the choice's number (then, if asked, confidence 1-3);
* a checklist: numbers separated by commas (an empty line ticks nothing);
* a rating: the level's number;
* a scene with nothing to decide: an empty line (any line) continues.

When the answers come from a file or a pipe, each answer is echoed after its prompt,
with the option it picked, so a replayed path reads like a played one.

Exit status 3: the input ended before the case did (with --learner, every decision
so far is saved and the same command carries on). Ctrl-C: exit status 130.
"""

from __future__ import annotations

import re
import sys
import textwrap
import time
from collections.abc import Callable
from typing import TextIO

import click

from trainer.commands.common import LineReader, case_argument, typed_text
from trainer.core.debrief import debrief_markdown, judgement_label
from trainer.core.loader import LoadedCase, load_case
from trainer.core.scoring import CONFIDENCE_LEVELS, Result, StepResult
from trainer.core.session import Session

DecisionHook = Callable[[Session, StepResult | None], None]
EXIT_INPUT_ENDED = 3
EXIT_INTERRUPTED = 130


def number(answer: str) -> int | None:
    """The whole number typed, or None. Only ASCII digits count: '²', '³' and other
    characters Python calls digits are not numbers a learner meant."""
    answer = answer.strip()
    if answer.isascii() and answer.isdigit() and len(answer) < 6:
        return int(answer)
    return None


class InputEnded(Exception):
    """Standard input closed before the case ended."""


def plain(markdown_text: str) -> str:
    """Markdown shown as readable plain text in a terminal."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown_text)
    text = re.sub(r"(?<!\*)\*(?!\s)(.+?)\*", r"\1", text)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    out = []
    for para in paragraphs:
        if para.startswith("#"):
            heading = para.lstrip("#").strip()
            out.append(f"{heading}\n{'─' * min(len(heading), 78)}")
        elif all(line.strip().startswith("|") for line in para.splitlines()):
            out.append(_table(para))
        elif para.lstrip().startswith(("-", ">")) or re.match(r"\d+\. ", para):
            out.append("\n".join(line.rstrip() for line in para.splitlines()))
        else:
            out.append(textwrap.fill(" ".join(para.split()), width=78))
    return "\n\n".join(out)


def _table(markdown_table: str) -> str:
    """A Markdown table as aligned columns (its |---| line becomes a rule)."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in markdown_table.splitlines()
    ]
    rule = [i for i, row in enumerate(rows) if all(re.fullmatch(r":?-+:?", c) for c in row)]
    rows = [row for i, row in enumerate(rows) if i not in rule]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(count)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    if rule and len(lines) > 1:
        lines.insert(1, "  ".join("─" * w for w in widths))
    return "\n".join(lines)


class TerminalPlayer:
    """Drives a :class:`Session` from text input; the store can hook in to record decisions."""

    def __init__(
        self,
        session: Session,
        stream_in: TextIO,
        echo: Callable[[str], None],
        mode: str = "practice",
        on_decision: DecisionHook | None = None,
    ) -> None:
        self.session = session
        self.stream_in = stream_in
        self.echo = echo
        self.mode = mode
        self.on_decision = on_decision
        self._shown_at = time.monotonic()
        try:
            self.interactive = bool(stream_in.isatty())
        except (AttributeError, ValueError):
            self.interactive = False

    def read(self, prompt: str) -> str:
        """One answer. Piped answers are echoed after the prompt (a terminal shows
        what the learner types already)."""
        if self.interactive:
            self.echo(prompt)
        line = self.stream_in.readline()
        if not line:
            if not self.interactive:
                self.echo(prompt)
            raise InputEnded
        answer = typed_text(line).strip()
        if not self.interactive:
            self.echo(f"{prompt} {answer}".rstrip())
        return answer

    def ask_number(self, prompt: str, count: int) -> int:
        while True:
            picked = number(self.read(prompt))
            if picked is not None and 1 <= picked <= count:
                return picked - 1
            self.echo(f"Please enter a number from 1 to {count}.")

    def ask_numbers(self, prompt: str, count: int) -> list[int]:
        while True:
            answer = self.read(prompt)
            picked = [number(p) for p in re.split(r"[,\s]+", answer) if p]
            if all(n is not None and 1 <= n <= count for n in picked):
                return sorted({n - 1 for n in picked if n is not None})
            self.echo(f"Please enter numbers from 1 to {count}, separated by commas.")

    def picked(self, text: str) -> None:
        self.echo(textwrap.fill(text, width=78, initial_indent="  → ", subsequent_indent="    "))

    def elapsed(self) -> int:
        return int((time.monotonic() - self._shown_at) * 1000)

    def show_scene(self) -> None:
        s = self.session
        seen, total = s.progress()
        title = s.scene.title or s.scene_id.replace("-", " ").capitalize()
        self.echo(f"\n── {title}  (step {seen} of about {total}) ──")
        if s.speaker:
            self.echo(f"{s.speaker}:")
        if s.text:
            self.echo(plain(s.text))
        self._shown_at = time.monotonic()

    def step(self) -> None:
        s = self.session
        self.show_scene()
        kind = s.kind
        options = s.options
        result: StepResult | None = None
        if kind == "next":
            line = self.read("\n[Enter to continue]")
            if line and not self.interactive:
                self.echo(
                    f"  (the line '{line}' was read to continue: a scene with nothing to "
                    "decide takes one line of the answers)"
                )
            s.advance(self.elapsed())
        elif kind == "decision":
            self.echo(f"\n{s.prompt}")
            for n, opt in enumerate(options, start=1):
                self.echo(
                    textwrap.fill(
                        opt.text, width=78, initial_indent=f"  {n}. ", subsequent_indent="     "
                    )
                )
            index = self.ask_number("Your choice:", len(options))
            self.picked(f"{index + 1}. {options[index].text}")
            confidence = None
            if s.asks_confidence:
                level = self.ask_number("How confident are you? 1 low, 2 medium, 3 high:", 3)
                confidence = CONFIDENCE_LEVELS[level]
                self.picked(f"confidence: {confidence}")
            result = s.choose(options[index].id, confidence, self.elapsed())
        elif kind == "checklist":
            self.echo(f"\n{s.prompt}  (numbers separated by commas; empty line for none)")
            for n, opt in enumerate(options, start=1):
                self.echo(f"  {n}. {opt.text}")
            picked = self.ask_numbers("Ticked:", len(options))
            self.picked(
                "ticked: " + "; ".join(f"{i + 1}. {options[i].text}" for i in picked)
                if picked
                else "ticked nothing"
            )
            result = s.tick([options[i].id for i in picked], self.elapsed())
        elif kind == "rating":
            self.echo(f"\n{s.prompt}")
            for n, opt in enumerate(options, start=1):
                self.echo(f"  {n}. {opt.text}")
            index = self.ask_number("Your rating:", len(options))
            self.picked(f"{index + 1}. {options[index].text}")
            result = s.rate(options[index].id, self.elapsed())
        if self.on_decision is not None:
            self.on_decision(s, result)
            self.echo(f"(saved: decision {len(s.decisions)})")
        if result is not None and self.mode == "practice":
            self.echo(f"\nFeedback — {judgement_label(result)}")
            if result.feedback:
                self.echo(plain(result.feedback))

    def run(self) -> Result:
        while not self.session.is_finished:
            self.step()
        self.show_scene()
        return self.session.result()


def _language_code(language: str) -> str:
    """``--language`` as an ISO 639-1 code ('Welsh' or 'CY' is a usage error saying what
    to type, not a request to write a translation into a language called 'Welsh')."""
    from trainer.core.paths import LANGUAGE_CODES
    from trainer.core.translation import LANGUAGE_NAMES

    code = language.strip().lower()
    if code in LANGUAGE_CODES:
        return code
    named = [c for c, name in LANGUAGE_NAMES.items() if code and code in name.lower()]
    advice = (
        f"for {LANGUAGE_NAMES[named[0]]} give --language {named[0]}"
        if named
        else "give a two-letter ISO 639-1 code, e.g. cy for Welsh"
    )
    raise click.BadParameter(
        f"'{language}' is not a language code: {advice}", param_hint="--language"
    )


def print_debrief(loaded: LoadedCase, result: Result, echo: Callable[[str], None]) -> None:
    echo("\n" + "═" * 78)
    echo(plain(debrief_markdown(loaded, result)))


def echo_out(text: str) -> None:
    click.echo(text)


@click.command()
@click.argument("case")
@click.option(
    "--mode",
    type=click.Choice(["practice", "assessed"]),
    default=None,
    help="practice: feedback after each decision; assessed: at the debrief.",
)
@click.option(
    "--learner",
    default=None,
    help="Record progress for this learner (id, student ID number or name; a new "
    "name makes a new profile). Resumes an unfinished attempt at the case.",
)
@click.option(
    "--student-id",
    default=None,
    help="With --learner: the learner's student ID number (sets or changes it; Moodle "
    "and Canvas exports need it).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for the progress database (overrides the one before the command).",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    metavar="LANG",
    help="Play the case's text in this language, e.g. cy, from its translation file "
    "beside it (the same case, scored the same; an attempt resumes in either language).",
)
@click.pass_context
def play(
    ctx: click.Context,
    case: str,
    mode: str | None,
    learner: str | None,
    data_dir: str | None,
    student_id: str | None = None,
    language: str = "en",
) -> None:
    """Play CASE (a case file, or the id of a bundled case) in the terminal; answers are
    read from standard input, one per line.

    Exit status: 0 the case ended, 1 error, 2 usage error, 3 the input ended before the
    case did (progress so far is saved with --learner), 130 stopped with Ctrl-C.
    """
    if student_id is not None and not learner:
        raise click.UsageError("--student-id needs --learner (whose student ID number it is)")
    if learner is not None:
        learner = typed_text(learner).strip()
        if not learner:
            raise click.BadParameter(
                "give the learner's name, student ID number or profile id "
                "(or leave out --learner to play without recording)",
                param_hint="--learner",
            )
    language = _language_code(language)
    loaded = load_case(case_argument(case), language=language)
    modes = loaded.case.modes
    mode = mode or modes[0]
    if mode not in modes:
        raise click.UsageError(f"this case can only be played in {' or '.join(modes)} mode")
    recording = None
    if learner:
        from trainer.store import open_store
        from trainer.store.terminal import TerminalPlay

        store = open_store(data_dir or ctx.obj["data_dir"])
        ctx.call_on_close(store.close)
        if student_id is not None:  # find or make the profile, with this student ID
            learner = store.learner_named(learner, student_id).id
        recording = TerminalPlay.begin(store, learner, loaded, mode)
        mode = recording.mode
    session = recording.session if recording else Session(loaded)
    echo_out(f"{loaded.case.title}\n\nContent note: {loaded.case.content_note}")
    if recording:
        echo_out(f"Recording for {recording.learner.display_name}.")
        for notice in recording.notices:
            echo_out(f"Note: {notice}")
        if recording.resumed:
            echo_out(f"Resuming your attempt: {len(session.decisions)} decision(s) saved.")
    on_decision = recording.record if recording else None
    sender = _background_sender(recording)
    if sender is not None:
        ctx.call_on_close(lambda: _stop_sender(sender, recording))
        record = recording.record

        def on_decision(session: Session, step: object) -> None:
            record(session, step)  # type: ignore[arg-type]
            sender.nudge()

    stdin = LineReader(sys.stdin)
    player = TerminalPlayer(session, stdin, echo_out, mode=mode, on_decision=on_decision)  # type: ignore[arg-type]
    try:
        result = player.run()
    except InputEnded:
        echo_out("\nInput ended before the case finished.")
        if recording:
            recording.pause()
            echo_out("Your decisions are saved; run the same command to carry on.")
        raise SystemExit(EXIT_INPUT_ENDED) from None
    except KeyboardInterrupt:
        _stopped(recording.saved() if recording else None)
    try:
        if recording:
            recording.finish(result)
        print_debrief(loaded, result, echo_out)
        if recording:
            echo_out("\nReflection: what would you do differently? (one line; empty to skip)")
            reflection = stdin.readline()
            recording.save_reflection(reflection)
            if reflection.strip():
                echo_out("Reflection saved.")
            if sender is not None:
                sender.nudge()
    except KeyboardInterrupt:
        _stopped(recording.saved() if recording else None, finished=True)


def _stopped(saved: int | None, finished: bool = False) -> None:
    """Ctrl-C: say what is kept, then exit 130 without a traceback."""
    if saved is None:
        click.echo("\nStopped. Nothing was recorded (play with --learner NAME to record).")
    elif finished:
        click.echo("\nStopped. The attempt is saved; the reflection was not.")
    else:
        click.echo(
            f"\nStopped. Every decision so far is saved ({saved} decision(s)); run the same "
            "command to carry on."
        )
    raise SystemExit(EXIT_INTERRUPTED)


def _background_sender(recording: object) -> object | None:
    """With sync to an LRS on, records are sent from a background thread while playing."""
    store = getattr(recording, "store", None)
    if store is None or store.xapi is None:
        return None
    from trainer.store.lrs import BackgroundSender

    return BackgroundSender(store.data_dir).start()


def _stop_sender(sender: object, recording: object) -> None:
    """Stop the sender; one last bounded try for the final records unless the LRS was
    failing (then they simply wait for the next time)."""
    sender.stop(timeout=10)  # type: ignore[attr-defined]
    store = recording.store  # type: ignore[attr-defined]
    if store.outbox_count() and not sender.last_error:  # type: ignore[attr-defined]
        import contextlib

        from trainer.core.errors import TrainerError
        from trainer.store.lrs import sync_folder

        with contextlib.suppress(TrainerError, OSError):
            sync_folder(store.data_dir, max_tries=1)
    waiting = store.outbox_count()
    if waiting:
        click.echo(
            f"{waiting} learning record(s) waiting to send to the LRS; they are sent next "
            "time (or now with 'trainer sync').",
            err=True,
        )
