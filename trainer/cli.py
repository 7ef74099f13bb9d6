"""The `trainer` command line: a thin layer over trainer.core and trainer.store.

`trainer` with no arguments opens the desktop app. Library errors
(:class:`TrainerError`) are printed as one line plus advice, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from trainer import __version__
from trainer.commands.learners import learners
from trainer.commands.lrs import lrs, sync
from trainer.commands.play import play
from trainer.commands.progress import export, progress
from trainer.commands.stats import stats
from trainer.commands.tutor import new_case, run_case_tests, tutor_mode
from trainer.commands.validate import schema, validate
from trainer.core.errors import CaseError, TrainerError


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


main.add_command(play)
main.add_command(validate)
main.add_command(schema)
main.add_command(run_case_tests)
main.add_command(new_case)
main.add_command(tutor_mode)
main.add_command(progress)
main.add_command(export)
main.add_command(learners)
main.add_command(sync)
main.add_command(lrs)
main.add_command(stats)


if __name__ == "__main__":  # pragma: no cover
    main()
