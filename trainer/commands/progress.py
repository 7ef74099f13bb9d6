"""`trainer progress export|import`: moving one learner's progress between computers.

Register in trainer/cli.py with::

    from trainer.commands.progress import progress
    main.add_command(progress)

`trainer export` (course-lead reports) lives in trainer/commands/export.py.
"""

from __future__ import annotations

from pathlib import Path

import click

from trainer.core.errors import TrainerError

DATA_DIR_HELP = (
    "Folder for the progress database (default: $TRAINER_HOME, then the per-user folder)."
)


def _open(ctx: click.Context, data_dir: str | None, for_reading: bool = False):
    """The store; ``for_reading``: a read-only folder is opened read-only, not refused."""
    from trainer.store import open_store

    root = ctx.find_root().obj or {}
    store = open_store(data_dir or root.get("data_dir"), for_reading=for_reading)
    ctx.call_on_close(store.close)
    for notice in store.notices:
        click.echo(f"Note: {notice}", err=True)
    return store


def _data_dir_option(func):
    return click.option(
        "--data-dir", type=click.Path(file_okay=False), default=None, help=DATA_DIR_HELP
    )(func)


@click.group()
def progress() -> None:
    """Move one learner's progress between computers, and collect it for a course lead."""


@progress.command("export")
@click.option(
    "--learner",
    "learner_text",
    required=True,
    help="The learner: profile id, student ID number or name.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@_data_dir_option
@click.pass_context
def progress_export(ctx: click.Context, learner_text: str, out: str, data_dir: str | None) -> None:
    """Write one learner's attempts to a portable progress file (JSON with an RFC 8785
    checksum, signed with this installation's key)."""
    from trainer.store import StoreError
    from trainer.store.progressfile import export_progress

    store = _open(ctx, data_dir, for_reading=True)
    learner = store.find_learner(learner_text)
    if learner is None:
        raise StoreError(
            f"No learner '{learner_text}' in {store.db_path}.",
            "Use the profile id, the student ID number or the exact name.",
        )
    path = export_progress(store, learner.id, Path(out))
    count = len(store.attempts(learner.id))
    click.echo(f"Wrote {count} attempt(s) for {learner.display_name} to {path}.")


@progress.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_data_dir_option
@click.pass_context
def progress_import(ctx: click.Context, files: tuple[str, ...], data_dir: str | None) -> None:
    """Merge progress files into this database; importing a file twice changes nothing.

    Each file is imported whole or not at all; a bad file is reported and skipped.
    """
    from trainer.store.progressfile import import_progress

    store = _open(ctx, data_dir)
    failed = 0
    for name in files:
        try:
            click.echo(str(import_progress(store, Path(name))))
        except TrainerError as exc:
            failed += 1
            click.echo(f"Error: {exc.headline}", err=True)
            if exc.advice:
                click.echo(exc.advice, err=True)
    if failed:
        raise SystemExit(1)


@progress.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_data_dir_option
@click.pass_context
def progress_check(ctx: click.Context, files: tuple[str, ...], data_dir: str | None) -> None:
    """Check progress files without importing them: checksum, signature, every field.

    The signature is checked with this installation's key and any in its
    trusted-keys folder (see docs/course-leads.md).
    """
    from trainer.store.location import resolve_data_dir
    from trainer.store.progressfile import check_file

    root = ctx.find_root().obj or {}
    folder = resolve_data_dir(data_dir or root.get("data_dir"))
    failed = 0
    for name in files:
        try:
            checked = check_file(Path(name), folder)
        except TrainerError as exc:
            failed += 1
            click.echo(f"Error: {exc.headline}", err=True)
            if exc.advice:
                click.echo(exc.advice, err=True)
            continue
        payload = checked.payload
        click.echo(
            f"{name}: {payload.learner.display_name}, {len(payload.attempts)} attempt(s), "
            f"format {checked.version}: complete and readable. {checked.signature}"
        )
    if failed:
        raise SystemExit(1)
