"""The `trainer` command line: a thin layer over trainer.core and trainer.store.

`trainer` with no arguments opens the desktop app. Library errors
(:class:`TrainerError`) are printed as one line plus advice, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from trainer import __version__
from trainer.commands.play import InputEnded, TerminalPlayer, echo_out, print_debrief
from trainer.commands.progress import export, progress
from trainer.commands.tutor import new_case, run_case_tests, tutor_mode
from trainer.commands.validate import schema, validate
from trainer.core.errors import CaseError, TrainerError
from trainer.core.loader import load_case
from trainer.core.session import Session


class TrainerGroup(click.Group):
    """Turns our own errors into a short message and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CaseError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise SystemExit(1) from None
        except TrainerError as exc:
            click.echo(f"Error: {exc.headline}", err=True)
            if exc.advice:
                click.echo(exc.advice, err=True)
            raise SystemExit(1) from None


@click.group(
    cls=TrainerGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="trainer")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar="TRAINER_HOME",
    help="Folder for the progress database (default: $TRAINER_HOME, then the "
    "per-user application data folder).",
)
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Casework Trainer: practise domestic abuse casework on branching cases.

    Run with no command to open the desktop app.
    """
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = Path(data_dir) if data_dir else None
    if ctx.invoked_subcommand is None:
        try:
            from trainer.ui.app import run_app
        except ImportError as exc:  # the GUI is optional for headless tools
            click.echo(f"The desktop app is not available here ({exc}).", err=True)
            click.echo(ctx.get_help())
            return
        sys.exit(run_app(data_dir=ctx.obj["data_dir"]))


@main.command()
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False))
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
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for the progress database (overrides the one before the command).",
)
@click.pass_context
def play(
    ctx: click.Context, case_file: str, mode: str | None, learner: str | None, data_dir: str | None
) -> None:
    """Play a case in the terminal; answers are read from standard input, one per line."""
    loaded = load_case(case_file)
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
        recording = TerminalPlay.begin(store, learner, loaded, mode)
        mode = recording.mode
    session = recording.session if recording else Session(loaded)
    echo_out(f"{loaded.case.title}\n\nContent note: {loaded.case.content_note}")
    if recording:
        for notice in recording.notices:
            echo_out(f"Note: {notice}")
        if recording.resumed:
            echo_out(f"Resuming your attempt: {len(session.decisions)} decision(s) saved.")
    on_decision = recording.record if recording else None
    player = TerminalPlayer(session, sys.stdin, echo_out, mode=mode, on_decision=on_decision)
    try:
        result = player.run()
    except InputEnded:
        echo_out("\nInput ended before the case finished.")
        if recording:
            echo_out("Your decisions are saved; run the same command to carry on.")
        raise SystemExit(3) from None
    if recording:
        recording.finish(result)
    print_debrief(loaded, result, echo_out)
    if recording:
        echo_out("\nReflection: what would you do differently? (one line; empty to skip)")
        recording.save_reflection(sys.stdin.readline())


main.add_command(validate)
main.add_command(schema)
main.add_command(run_case_tests)
main.add_command(new_case)
main.add_command(tutor_mode)
main.add_command(progress)
main.add_command(export)


if __name__ == "__main__":  # pragma: no cover
    main()
