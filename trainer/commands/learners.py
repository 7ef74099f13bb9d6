"""`trainer learners`: list learner profiles and edit their name, student ID or cohort.

Register in trainer/cli.py with ``main.add_command(learners)``.
"""

from __future__ import annotations

import click

from trainer.commands.progress import DATA_DIR_HELP, _open


def _data_dir_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--data-dir", type=click.Path(file_okay=False), default=None, help=DATA_DIR_HELP
    )(func)


@click.group(invoke_without_command=True)
@_data_dir_option
@click.pass_context
def learners(ctx: click.Context, data_dir: str | None) -> None:
    """List learner profiles; 'trainer learners edit' changes one.

    A learner's student ID number is what Moodle and Canvas exports are keyed on: a
    learner without one is left out of those files.
    """
    ctx.ensure_object(dict)
    ctx.obj["learners_data_dir"] = data_dir
    if ctx.invoked_subcommand is not None:
        return
    store = _open(ctx, data_dir, for_reading=True)
    found = store.learners()
    if not found:
        click.echo(f"No learner profiles yet in {store.db_path}.")
        return
    counts = {
        r["learner_id"]: r["n"]
        for r in store.rows("SELECT learner_id, count(*) AS n FROM attempts GROUP BY learner_id")
    }
    click.echo(f"{len(found)} learner profile(s) in {store.db_path}:")
    click.echo(f"{'id':36}  {'name':24}  {'student ID':12}  {'cohort':14}  attempts")
    for learner in found:
        note = "" if learner.has_own_name else "  (shares its name with an older profile)"
        click.echo(
            f"{learner.id:36}  {learner.display_name:24}  {learner.student_id or '-':12}  "
            f"{learner.cohort or '-':14}  {counts.get(learner.id, 0)}{note}"
        )
    missing = sum(1 for learner in found if not learner.student_id)
    if missing:
        click.echo(
            f"{missing} learner(s) have no student ID number and are left out of Moodle and "
            "Canvas exports: add one with 'trainer learners edit LEARNER --student-id ID'."
        )


@learners.command("edit")
@click.argument("learner_text", metavar="LEARNER")
@click.option("--name", default=None, help="The new display name.")
@click.option("--student-id", default=None, help="The student ID number ('' clears it).")
@click.option("--cohort", default=None, help="The cohort ('' clears it).")
@_data_dir_option
@click.pass_context
def edit(
    ctx: click.Context,
    learner_text: str,
    name: str | None,
    student_id: str | None,
    cohort: str | None,
    data_dir: str | None,
) -> None:
    """Change a learner's name, student ID number or cohort.

    LEARNER is the profile id, the student ID number or the name.
    """
    from trainer.store import StoreError

    if name is None and student_id is None and cohort is None:
        raise click.UsageError("say what to change: --name, --student-id or --cohort")
    store = _open(ctx, data_dir or ctx.obj.get("learners_data_dir"))
    learner = store.find_learner(learner_text)
    if learner is None:
        raise StoreError(
            f"No learner '{learner_text}' in {store.db_path}.",
            "Run 'trainer learners' to list them; use the id, the student ID number or the name.",
        )
    changed = store.update_learner(
        learner.id, display_name=name, student_id=student_id, cohort=cohort
    )
    click.echo(
        f"{changed.display_name} ({changed.id}): student ID {changed.student_id or '-'}, "
        f"cohort {changed.cohort or '-'}."
    )
