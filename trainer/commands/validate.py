"""`trainer validate` and `trainer schema`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from trainer.commands.common import case_paths
from trainer.core.errors import CaseError, Problem
from trainer.core.graph import path_reports
from trainer.core.loader import LoadedCase, check_case, load_catalogue
from trainer.core.schema import schema_text

PATH_LIMIT = 200


def format_paths(loaded: LoadedCase, limit: int = PATH_LIMIT) -> str:
    """A table of complete paths with score range and verdict, for tutors."""
    analysis = loaded.analysis
    reports = path_reports(loaded, limit)
    lines = [
        f"{loaded.path}: {analysis.path_count} complete path(s)"
        + (f", showing the first {len(reports)}" if analysis.path_count > len(reports) else "")
    ]
    lines.append(f"  {'#':>3}  {'score':>11}  {'verdict':<8} {'critical':<8} path → ending")
    for n, rep in enumerate(reports, start=1):
        crit = sum(1 for s in rep.best.steps if s.critical)
        score = f"{rep.worst.percent:.0f}–{rep.best.percent:.0f}%"
        lines.append(
            f"  {n:>3}  {score:>11}  {rep.verdict:<8} {crit or '-':<8} "
            f"{' > '.join(rep.choice_ids) or '(no choices)'} → {rep.ending}"
        )
    maxima = ", ".join(f"{loaded.competency_title(c)} {v:g}" for c, v in analysis.maxima.items())
    lines.append(f"  maximum points per competency (on the best path for each): {maxima}")
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="How to print problems.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as failures.")
@click.option(
    "--paths",
    "show_paths",
    is_flag=True,
    help="Also print every complete path with its score range and verdict.",
)
def validate(paths: tuple[str, ...], fmt: str, strict: bool, show_paths: bool) -> None:
    """Check case files (or folders of them) and print every problem as file:line:column.

    Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    catalogues: list[Path] = []
    files = case_paths(paths, catalogues)
    problems: list[Problem] = []
    loaded_cases: list[LoadedCase] = []
    for path in catalogues:
        try:
            load_catalogue(path)
        except CaseError as exc:
            problems.extend(exc.problems)
    for path in files:
        loaded, found = check_case(path)
        problems.extend(found)
        if loaded is not None:
            loaded_cases.append(loaded)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "files": len(files),
                    "errors": errors,
                    "warnings": warnings,
                    "problems": [p.as_dict() for p in problems],
                },
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(str(problem))
        if show_paths:
            for loaded in loaded_cases:
                click.echo(format_paths(loaded))
        click.echo(
            f"{len(files) + len(catalogues)} file(s) checked: {errors} error(s), {warnings} warning(s).",
            err=bool(problems),
        )
    if errors or (strict and warnings):
        raise SystemExit(1)


@click.command()
@click.option("--catalogue", is_flag=True, help="Print the catalogue's schema instead.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of standard output (its folder must exist).",
)
def schema(catalogue: bool, out: str | None) -> None:
    """Print the JSON Schema (draft-07) of case files, for editor completion."""
    text = schema_text("catalogue" if catalogue else "case")
    if out:
        from trainer.store.files import write_atomically

        write_atomically(Path(out), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
