"""`trainer stats`: library-wide figures on how far cases test judgement (issue 12)."""

from __future__ import annotations

import json

import click

from trainer.commands.common import case_paths
from trainer.core.casechecks import critical_hints, decision_figures, summarise_figures
from trainer.core.loader import check_case

ROWS = (
    ("decisions", "decisions with two or more options", ""),
    ("expected_longest_percent", "the expected option is the longest", "%"),
    ("median_length_ratio", "median length: expected / longest other option", "x"),
    ("expected_over_1_5x_percent", "the expected option is over 1.5x every other", "%"),
    ("two_defensible_percent", "at least two defensible options (expected/acceptable)", "%"),
    ("others_all_unsafe_percent", "every non-expected option is unsafe", "%"),
)


def _shown(value: float | int | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "x":
        return f"{value:.2f}"
    return str(value)


@click.command("stats")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print a table, or JSON for other tools.",
)
def stats(paths: tuple[str, ...], fmt: str) -> None:
    """Print figures on how far cases test judgement: how often the expected option is the
    longest, the median length ratio, decisions with two defensible options, and decisions
    where every other option is unsafe; library-wide and per case.

    Cases that do not load are listed and left out. Exit status: 0, or 2 usage error.
    """
    cases = []
    skipped: list[str] = []
    per_case = []
    hints = []
    everything = []
    for path in case_paths(paths):
        loaded, _problems = check_case(path)
        if loaded is None:
            skipped.append(str(path))
            continue
        figures = decision_figures(loaded.case)
        everything.extend(figures)
        cases.append(loaded.case)
        per_case.append({"id": loaded.case.id, "path": str(path), **summarise_figures(figures)})
        for flag, critical, other in critical_hints(loaded.case):
            hints.append(
                {"case": loaded.case.id, "flag": flag, "critical": critical, "other": other}
            )
    library = {"cases": len(cases), **summarise_figures(everything)}
    if fmt == "json":
        data = {"library": library, "cases": per_case, "critical_hints": hints}
        data["skipped"] = skipped
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"Library: {len(cases)} case(s)")
    for key, words, unit in ROWS:
        click.echo(f"  {words:<56} {_shown(library[key], unit):>8}")
    click.echo("")
    click.echo(
        f"  {'case':<44} {'dec.':>5} {'longest':>8} {'ratio':>6} {'2 def.':>7} {'unsafe':>7}"
    )
    for row in per_case:
        click.echo(
            f"  {row['id'][:44]:<44} {row['decisions']:>5} "
            f"{_shown(row['expected_longest_percent'], '%'):>8} "
            f"{_shown(row['median_length_ratio'], 'x'):>6} "
            f"{_shown(row['two_defensible_percent'], '%'):>7} "
            f"{_shown(row['others_all_unsafe_percent'], '%'):>7}"
        )
    if hints:
        click.echo("")
        click.echo(
            "Flags set by critical and by other unsafe or poor choices (review each against "
            "'When an unsafe choice is critical' in docs/authoring.md):"
        )
        for hint in hints:
            click.echo(
                f"  {hint['case']}: '{hint['flag']}' critical: {', '.join(hint['critical'])}; "
                f"not critical: {', '.join(hint['other'])}"
            )
    for path in skipped:
        click.echo(f"{path}: left out (it does not load; run trainer validate)", err=True)
