"""`trainer export`: course-lead summaries, transcripts and gradebook files."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.commands.progress import _data_dir_option, _open


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["csv", "xlsx", "pdf", "json", "moodle", "canvas"]),
    help="csv (summary, other views beside it), xlsx (a sheet per view), pdf, json, or a "
    "Moodle/Canvas gradebook CSV keyed on the student ID number.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
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
    """Export learners' progress for a progress meeting or the VLE gradebook."""
    from trainer.store.exports import export as run_export

    store = _open(ctx, data_dir)
    result = run_export(store, fmt, Path(out), cohort, pseudonymise)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Wrote {result.rows} row(s):")
    for path in result.files:
        click.echo(f"  {path}")
