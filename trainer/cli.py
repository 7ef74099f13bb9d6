"""The `trainer` command line: a thin layer over trainer.core and trainer.store.

`trainer` with no arguments opens the desktop app. Library errors
(:class:`TrainerError`) are printed as one line plus advice, never a traceback.
Everything printed passes through :class:`~trainer.commands.common.SafeWriter`, so
text from a case file or a learner can never drive the terminal (clear the screen,
overwrite a line, set the window title). Ctrl-C stops quietly (exit 130), and so does
a reader that stops reading (`trainer validate --paths | head`: exit 0).
"""

from __future__ import annotations

import sys

try:  # Ctrl-C while the modules load (a second or so on a slow laptop) is no error
    import errno
    import io
    import os
    from pathlib import Path
    from typing import Any

    import click

    from trainer import __version__
    from trainer.commands.common import SafeWriter, binary_stdout
    from trainer.commands.export import export
    from trainer.commands.learners import learners
    from trainer.commands.lrs import lrs, sync
    from trainer.commands.play import play
    from trainer.commands.progress import progress
    from trainer.commands.stats import stats
    from trainer.commands.tutor import new_case, run_case_tests, translate, tutor_mode
    from trainer.commands.validate import schema, validate
    from trainer.core.errors import CaseError, TrainerError
except KeyboardInterrupt:  # pragma: no cover - timing; tested through a subprocess
    sys.stderr.write("\nStopped.\n")
    raise SystemExit(130) from None

EXIT_INTERRUPTED = 130


class TrainerGroup(click.Group):
    """Turns our own errors into a short message and exit status 1; Ctrl-C into
    "Stopped." and exit status 130; a closed pipe into a quiet exit 0."""

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
        except KeyboardInterrupt:
            _quiet_stderr("\nStopped.\n")
            raise SystemExit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            _reader_went_away()
            raise SystemExit(0) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command with output streams that no case file can drive."""
        saved = sys.stdout, sys.stderr
        sys.stdout = SafeWriter(saved[0])  # type: ignore[assignment]
        sys.stderr = SafeWriter(saved[1])  # type: ignore[assignment]
        try:
            return super().main(*args, **kwargs)
        finally:
            sys.stdout, sys.stderr = saved


def _quiet_stderr(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _reader_went_away() -> None:
    """Standard output's reader has closed the pipe: send what is left nowhere, so that
    the flush at exit does not fail too (only a real file descriptor is redirected)."""
    stream = binary_stdout()
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        pass


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
@click.option(
    "--self-test",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=lambda ctx, param, value: _self_test(ctx, value, probe=False),
    help="Check that the app works (opens the library, loads every bundled case, plays "
    "one to its end) in a temporary data folder, then exit: 0 if all is well.",
)
@click.option(  # for bench/installer_bench.py: after --data-dir on the command line
    "--probe-start",
    is_flag=True,
    hidden=True,
    expose_value=False,
    callback=lambda ctx, param, value: _self_test(ctx, value, probe=True),
)
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Casework Trainer: practise domestic abuse casework on branching cases.

    Run with no command to open the desktop app.

    Exit status: 0 done, 1 problems found or an error, 2 usage error, 3 (trainer play)
    input ended before the case did, 130 stopped with Ctrl-C.
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


def _self_test(ctx: click.Context, value: bool, probe: bool) -> None:
    """``--self-test`` (and the hidden ``--probe-start``): run it and exit with its code."""
    if not value:
        return
    from trainer.ui import selftest

    data_dir = ctx.params.get("data_dir")
    sys.exit(selftest.probe_start(data_dir) if probe else selftest.run_self_test())


main.add_command(play)
main.add_command(validate)
main.add_command(schema)
main.add_command(run_case_tests)
main.add_command(new_case)
main.add_command(translate)
main.add_command(tutor_mode)
main.add_command(progress)
main.add_command(export)
main.add_command(learners)
main.add_command(sync)
main.add_command(lrs)
main.add_command(stats)


if __name__ == "__main__":  # pragma: no cover
    main()
