"""`trainer export`: course-lead summaries, transcripts and gradebook files."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from trainer.commands.common import binary_stdout, output_path


def _data_dir_option(func):  # noqa: ANN001, ANN202 - a click decorator
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="Folder for the progress database (default: $TRAINER_HOME, then the per-user folder).",
    )(func)


def _open_existing(ctx: click.Context, data_dir: str | None):  # noqa: ANN202 - a Store
    """The store in the chosen data folder, without creating one: an export from a
    folder where nobody has played yet says so instead of making an empty database."""
    from trainer.store import StoreError, open_store
    from trainer.store.location import DB_NAME, resolve_data_dir

    root = ctx.find_root().obj or {}
    folder = resolve_data_dir(data_dir or root.get("data_dir"))
    if not (folder / DB_NAME).is_file():
        raise StoreError(
            f"There is no progress to export yet: {folder} has no progress database.",
            "Import learners' progress files first (trainer progress import FILE...), or "
            "choose the folder that holds their progress with --data-dir.",
        )
    store = open_store(folder)
    ctx.call_on_close(store.close)
    for notice in store.notices:
        click.echo(f"Note: {notice}", err=True)
    from trainer.store.exports import cohorts_with_progress

    if not cohorts_with_progress(store):
        raise StoreError(
            f"There is no progress to export yet: nobody has played a case with {folder}.",
            "Import learners' progress files first (trainer progress import FILE...), or "
            "choose the folder that holds their progress with --data-dir.",
        )
    return store


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["csv", "xlsx", "pdf", "json", "moodle", "canvas"]),
    help="csv (summary, other views beside it), xlsx (a sheet per view), pdf, json, or a "
    "Moodle/Canvas gradebook CSV keyed on the student ID number.",
)
@click.option(
    "--out",
    required=True,
    help="File to write (a link is written through), or - for standard output (csv: "
    "the summary only). Its folder must exist.",
)
@click.option("--cohort", default=None, help="Only learners in this cohort.")
@click.option("--pseudonymise", is_flag=True, help="Replace names with stable pseudonyms.")
@_data_dir_option
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    out: str,
    cohort: str | None,
    pseudonymise: bool,
    data_dir: str | None,
) -> None:
    """Export learners' progress for a progress meeting or the VLE gradebook.

    Each export is all-or-nothing: if anything fails, no file is changed.
    """
    from trainer.store.exports import export as run_export

    target = output_path(out, allow_stdout=True)
    if target is None and fmt in ("xlsx", "pdf") and sys.stdout.isatty():
        raise click.UsageError(
            f"a {fmt.upper()} file is not text: send standard output to a file or a program "
            f"(trainer export --format {fmt} --out - > report.{fmt}), or name a file with --out"
        )
    store = _open_existing(ctx, data_dir)
    if target is None:
        _export_to_stdout(store, fmt, cohort, pseudonymise)
        return
    result = run_export(store, fmt, target, cohort, pseudonymise)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Wrote {result.rows} row(s):")
    for path in result.files:
        click.echo(f"  {path}")


def _export_to_stdout(store, fmt: str, cohort: str | None, pseudonymise: bool) -> None:  # noqa: ANN001
    """Write the export's main file to standard output, byte for byte; messages go to
    standard error so that they never mix with the data."""
    from trainer.store.exports import export as run_export

    suffix = {"xlsx": ".xlsx", "pdf": ".pdf", "json": ".json"}.get(fmt, ".csv")
    with tempfile.TemporaryDirectory(prefix="trainer-export-") as folder:
        path = Path(folder) / f"export{suffix}"
        result = run_export(store, fmt, path, cohort, pseudonymise)
        for warning in result.warnings:
            click.echo(f"Warning: {warning}", err=True)
        if fmt == "csv":
            click.echo(
                "Note: with --out - only the summary is written; name a file to get the "
                "attempts, competencies, choices and transcripts beside it.",
                err=True,
            )
        sink = binary_stdout()
        with open(path, "rb") as handle:
            shutil.copyfileobj(handle, sink)
        sink.flush()
    click.echo(f"Wrote {result.rows} row(s) to standard output.", err=True)
