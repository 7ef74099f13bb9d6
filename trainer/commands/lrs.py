"""`trainer sync` and `trainer lrs ...`: send learning records to a Learning Record Store
(xAPI 1.0.3), see what is waiting or refused, and report on a cohort from the LRS.

Register in trainer/cli.py with ``main.add_command(sync)`` and ``main.add_command(lrs)``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from trainer.store.location import resolve_data_dir

DATA_DIR_HELP = (
    "Folder for the progress database (default: $TRAINER_HOME, then the per-user folder)."
)
EXIT_STILL_QUEUED = 3


def _data_dir_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--data-dir", type=click.Path(file_okay=False), default=None, help=DATA_DIR_HELP
    )(func)


def _folder(ctx: click.Context, data_dir: str | None) -> Path:
    root = ctx.find_root().obj or {}
    return resolve_data_dir(data_dir or root.get("data_dir"))


@click.command()
@_data_dir_option
@click.option(
    "--tries",
    type=click.IntRange(1, 20),
    default=5,
    show_default=True,
    help="Attempts (with exponential backoff) before giving up while the LRS is unreachable.",
)
@click.option("--quiet", is_flag=True, help="Print nothing when everything was sent.")
@click.pass_context
def sync(ctx: click.Context, data_dir: str | None, tries: int, quiet: bool) -> None:
    """Send the learning records waiting in the outbox to the Learning Record Store.

    Records are sent oldest first; a record the LRS refuses is kept with its reason
    ('trainer lrs refused'). Exit status 3: some records are still waiting (the LRS
    could not be reached); run it again later, nothing is lost.
    """
    from trainer.store.lrs import sync_folder

    folder = _folder(ctx, data_dir)

    def progress(report) -> None:  # type: ignore[no-untyped-def]
        if not quiet and report.delivered and report.delivered % 1000 < 100:
            click.echo(f"  sent {report.delivered}...", err=True)

    report = sync_folder(folder, max_tries=tries, progress=progress)
    if report.delivered or not quiet or report.remaining or report.dead:
        click.echo(f"Sent {report.delivered} record(s) to the LRS; {report.remaining} waiting.")
    if report.dead:
        click.echo(f"The LRS refused {report.dead} record(s): see 'trainer lrs refused'.", err=True)
    if report.error:
        click.echo(f"Stopped: {report.error}", err=True)
    if report.remaining:
        click.echo("Nothing is lost: the waiting records are sent next time.", err=True)
        raise SystemExit(EXIT_STILL_QUEUED)


@click.group()
def lrs() -> None:
    """Connect to a Learning Record Store (xAPI 1.0.3): settings, status, refused records,
    and course-lead reports read back from the LRS."""


@lrs.command("configure")
@_data_dir_option
@click.option("--enable/--disable", default=None, help="Turn sending on or off.")
@click.option("--endpoint", help="The LRS's xAPI endpoint, e.g. https://lrs.uni.example/xAPI/")
@click.option("--key", help="The LRS key (Basic auth user name).")
@click.option("--secret", help="The LRS secret (asked for when --key is given without it).")
@click.option("--home-page", help="The home page of the student accounts (an https:// URL).")
@click.option("--activity-base", help="The base IRI of case, scene and option activities.")
@click.option(
    "--pseudonymise/--no-pseudonymise",
    default=None,
    help="Send a pseudonymous id instead of the student ID number.",
)
@click.option(
    "--send-names/--no-send-names", default=None, help="Also send learners' display names."
)
@click.option(
    "--pseudonym-key", help="The course lead's key, so pseudonyms agree on every machine."
)
@click.option("--batch-size", type=click.IntRange(1, 1000), help="Statements per request.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), help="Seconds to wait for the LRS.")
@click.pass_context
def configure(ctx: click.Context, data_dir: str | None, **options: object) -> None:
    """Change the LRS settings of this data folder (only the options given)."""
    from trainer.store.lrs import load_settings, save_credentials, save_settings

    folder = _folder(ctx, data_dir)
    settings = load_settings(folder) if (folder / "lrs.json").exists() else None
    if settings is None:
        from trainer.store.lrs import LrsSettings

        settings = LrsSettings()
    key, secret = options.pop("key"), options.pop("secret")
    if options.get("timeout") is not None:
        options["timeout_s"] = options.pop("timeout")
    else:
        options.pop("timeout")
    if options.get("enable") is not None:
        options["enabled"] = options.pop("enable")
    else:
        options.pop("enable")
    for name, value in options.items():
        if value is not None:
            setattr(settings, name, value)
    path = save_settings(folder, settings)
    click.echo(f"LRS settings saved in {path}; sending is {'on' if settings.enabled else 'off'}.")
    if key is not None:
        if secret is None:
            secret = click.prompt("LRS secret", hide_input=True)
        warning = save_credentials(folder, settings.endpoint, str(key), str(secret))
        click.echo(warning or "The key and secret are saved in the OS keyring.", err=bool(warning))


@lrs.command("status")
@_data_dir_option
@click.pass_context
def status(ctx: click.Context, data_dir: str | None) -> None:
    """What is waiting to be sent, what was refused, and the last time records were sent."""
    from trainer.store import open_store
    from trainer.store.lrs import load_settings, sync_status

    folder = _folder(ctx, data_dir)
    settings = load_settings(folder)
    with open_store(folder, for_reading=True) as store:
        found = sync_status(store)
    click.echo(f"Sending to an LRS: {'on' if settings.enabled else 'off'}")
    if settings.endpoint:
        click.echo(f"Endpoint: {settings.endpoint}")
        click.echo(
            f"Actor: account on {settings.home_page}, "
            + ("pseudonymous id" if settings.pseudonymise else "student ID number")
            + (" and display name" if settings.send_names and not settings.pseudonymise else "")
        )
    click.echo(f"{found.waiting} record(s) waiting to send; {found.refused} refused.")
    click.echo(f"Last sent: {found.last_sync or 'never'}")
    if found.last_error:
        click.echo(f"Last problem: {found.last_error}")


@lrs.command("refused")
@_data_dir_option
@click.option("--retry", is_flag=True, help="Put every refused record back in the queue.")
@click.option("--json", "as_json", is_flag=True, help="Print the refused statements as JSON.")
@click.pass_context
def refused(ctx: click.Context, data_dir: str | None, retry: bool, as_json: bool) -> None:
    """Records the LRS refused, with its reason (fix the cause, then --retry)."""
    from trainer.store import open_store

    with open_store(_folder(ctx, data_dir)) as store:
        rows = store.dead_letters()
        if as_json:
            click.echo(json.dumps([json.loads(r["statement"]) for r in rows], indent=1))
        elif not rows:
            click.echo("The LRS has refused no records.")
        for r in [] if as_json else rows:
            click.echo(f"{r['id']}  recorded {r['recorded_at']}, refused {r['failed_at']}")
            click.echo(f"    {r['message']}")
        if retry and rows:
            count = store.requeue_dead_letters()
            click.echo(f"{count} record(s) are back in the queue: run 'trainer sync'.")


@lrs.command("report")
@_data_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "pdf", "json"]),
    default="csv",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="The report file.")
@click.option("--cohort", default=None, help="Only this cohort.")
@click.option("--case", "cases", multiple=True, help="Only this case id (repeatable).")
@click.option(
    "--registration", "registrations", multiple=True, help="Only this attempt (repeatable)."
)
@click.option("--pseudonymise", is_flag=True, help="Replace names by stable pseudonyms.")
@click.pass_context
def report(
    ctx: click.Context,
    data_dir: str | None,
    fmt: str,
    out: str,
    cohort: str | None,
    cases: tuple[str, ...],
    registrations: tuple[str, ...],
    pseudonymise: bool,
) -> None:
    """The course-lead export for a whole cohort, read from the LRS instead of collected
    progress files: the same summary, attempts, competencies, choices and transcripts."""
    import tempfile

    from trainer.store.exports import export
    from trainer.store.lrs import (
        LrsClient,
        fetch_cohort,
        load_credentials,
        load_settings,
        rebuild_store,
    )

    folder = _folder(ctx, data_dir)
    settings = load_settings(folder)
    settings.check()
    key, secret = load_credentials(folder, settings.endpoint)
    with LrsClient(settings.endpoint, key, secret, settings.timeout_s) as client:
        statements = fetch_cohort(client, settings.vocabulary(), list(cases), list(registrations))
    with (
        tempfile.TemporaryDirectory(prefix="trainer-lrs-") as scratch,
        rebuild_store(statements, Path(scratch)) as store,
    ):
        result = export(store, fmt, Path(out), cohort, pseudonymise)
        notices = list(store.notices)
    click.echo(
        f"Read {len(statements)} statement(s) from the LRS; wrote {result.rows} summary "
        f"row(s) to {', '.join(str(p) for p in result.files)}."
    )
    for warning in [*notices, *result.warnings]:
        click.echo(f"Note: {warning}", err=True)
