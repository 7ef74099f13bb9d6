"""`trainer validate` and `trainer schema`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from trainer.commands.common import case_paths
from trainer.core.errors import CaseError, Problem, TrainerError
from trainer.core.expectations import check_expectations, load_expectations
from trainer.core.loader import EXPECTATION_SUFFIX, LoadedCase, check_case, load_catalogue
from trainer.core.pathselect import reason_text, select_paths
from trainer.core.schema import schema_text
from trainer.core.translation import (
    TranslationReport,
    case_of_translation,
    check_translation,
    is_translation_file,
    translation_files,
)

PATH_LIMIT = 200


def format_paths(loaded: LoadedCase, limit: int = PATH_LIMIT, through: str | None = None) -> str:
    """The paths a tutor needs first, with score range, verdict and why each is shown."""
    analysis = loaded.analysis
    selection = select_paths(loaded, limit, through)
    lines = [f"{loaded.path}: {selection.heading()}"]
    lines.append(
        f"  {'#':>3}  {'score':>11}  {'verdict':<8} {'critical':<8} path → ending   [why shown]"
    )
    for n, row in enumerate(selection.rows, start=1):
        rep = row.report
        crit = sum(1 for s in rep.best.steps if s.critical)
        score = f"{rep.worst.percent:.0f}–{rep.best.percent:.0f}%"
        why = reason_text(row.reasons)
        lines.append(
            f"  {n:>3}  {score:>11}  {rep.verdict:<8} {crit or '-':<8} "
            f"{row.path_text} → {rep.ending}"
            + (f" ({rep.best.counters_text})" if rep.best.counters_text else "")
            + (f"   [{why}]" if why else "")
        )
    maxima = ", ".join(f"{loaded.competency_title(c)} {v:g}" for c, v in analysis.maxima.items())
    lines.append(f"  maximum points per competency (on the best path for each): {maxima}")
    return "\n".join(lines)


def paths_json(loaded: LoadedCase, limit: int = PATH_LIMIT, through: str | None = None) -> dict:
    """``--paths`` for other tools: what :func:`format_paths` prints, as data."""
    try:
        selection = select_paths(loaded, limit, through)
    except TrainerError as exc:  # --through names no choice of this case
        return {"file": str(loaded.path), "error": exc.headline, "advice": exc.advice}
    return {
        "file": str(loaded.path),
        "through": through,
        "total": selection.total,
        "total_known": selection.total_known,
        "exhaustive": selection.exhaustive,
        "paths": [
            {
                "choices": row.choice_ids,
                "ending": row.report.ending,
                "verdict": row.report.verdict,
                "score_min": round(row.report.worst.percent, 2),
                "score_max": round(row.report.best.percent, 2),
                "critical": sum(1 for s in row.report.best.steps if s.critical),
                "why": list(row.reasons),
            }
            for row in selection.rows
        ],
    }


def case_of_expectations(path: Path) -> Path | None:
    """The case an expectation file belongs to: ``x.expect.yaml`` -> ``x.yaml`` (or ``.yml``)."""
    stem = path.name[: -len(EXPECTATION_SUFFIX)]
    for suffix in (".yaml", ".yml"):
        candidate = path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def check_expectation_file(path: Path) -> list[Problem]:
    """Check an expectation file as one: its format, then each path against its case."""
    expectations, problems = load_expectations(path)
    if expectations is None:
        return problems
    case_path = case_of_expectations(path)
    if case_path is None:
        name = path.name[: -len(EXPECTATION_SUFFIX)]
        note = (
            f"there is no case {name}.yaml next to this expectation file, "
            "so only its format was checked"
        )
        return [*problems, Problem(str(path), 1, 1, "warning", note)]
    loaded, case_problems = check_case(case_path)
    if loaded is None:
        errors = sum(1 for p in case_problems if p.severity == "error")
        return [
            *problems,
            Problem(
                str(path),
                1,
                1,
                "error",
                f"its case {case_path.name} has {errors} error(s), so the expected paths "
                f"cannot be played: run trainer validate {case_path}",
            ),
        ]
    for outcome in check_expectations(loaded, expectations):
        problems.extend(outcome.problems)
    return problems


def check_translation_file(path: Path) -> tuple[list[Problem], TranslationReport | None]:
    """Check a translation file named on its own, against the case beside it."""
    case_path, _language = case_of_translation(path)
    if case_path is None:
        return [
            Problem(
                str(path),
                1,
                1,
                "error",
                "there is no case beside this translation file (a translation "
                f"'{path.name}' belongs to the case file without the language code)",
            )
        ], None
    loaded, case_problems = check_case(case_path)
    if loaded is None:
        errors = sum(1 for p in case_problems if p.severity == "error")
        return [
            Problem(
                str(path),
                1,
                1,
                "error",
                f"its case {case_path.name} has {errors} error(s), so the translation "
                f"cannot be checked: run trainer validate {case_path}",
            )
        ], None
    checked = check_translation(loaded, path)
    return checked.problems, checked.report


def stray_translations(folder: Path) -> list[Path]:
    """Translation files under ``folder`` with no case beside them."""
    return sorted(
        path
        for pattern in ("*.yaml", "*.yml")
        for path in folder.rglob(pattern)
        if is_translation_file(path) and case_of_translation(path)[0] is None
    )


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
    help="Also print the paths worth checking first (passing paths with poor or unsafe "
    "choices, the lowest-scoring pass, the highest-scoring fail, one path through each "
    "choice) with score range and verdict.",
)
@click.option(
    "--through",
    metavar="CHOICE",
    help="With --paths: only paths that take this choice (a choice id, or scene/choice).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=PATH_LIMIT,
    show_default=True,
    help="With --paths: at most this many paths per case.",
)
def validate(
    paths: tuple[str, ...],
    fmt: str,
    strict: bool,
    show_paths: bool,
    through: str | None,
    limit: int,
) -> None:
    """Check case files (or folders of them) and print every problem as file:line:column.

    Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    catalogues: list[Path] = []
    expect_files = [Path(p) for p in paths if p.endswith(EXPECTATION_SUFFIX)]
    named_translations = [
        Path(p)
        for p in paths
        if not p.endswith(EXPECTATION_SUFFIX) and Path(p).is_file() and is_translation_file(Path(p))
    ]
    others = tuple(
        p for p in paths if not p.endswith(EXPECTATION_SUFFIX) and Path(p) not in named_translations
    )
    for path in expect_files:
        if not path.exists():
            raise click.UsageError(f"no such file or folder: {path}")
    files = (
        case_paths(others, catalogues) if others or not (expect_files or named_translations) else []
    )
    problems: list[Problem] = []
    loaded_cases: list[LoadedCase] = []
    reports: list[TranslationReport] = []
    translations_checked = 0
    for path in expect_files:
        problems.extend(check_expectation_file(path))
    for folder in (Path(p) for p in others if Path(p).is_dir()):
        # a translation whose case was renamed or deleted is not a case, so look for it here
        for stray in stray_translations(folder):
            named_translations.append(stray)
    for path in named_translations:
        found, report = check_translation_file(path)
        translations_checked += 1
        problems.extend(found)
        reports.extend([report] if report else [])
    for path in catalogues:
        try:
            load_catalogue(path)
        except CaseError as exc:
            problems.extend(exc.problems)
    not_checked: list[tuple[Path, Path]] = []  # (translation, its case with errors)
    for path in files:
        loaded, found = check_case(path)
        problems.extend(found)
        if loaded is None:  # a translation is checked against its case: say it waits
            not_checked += [
                (file, path)
                for file in translation_files(path).values()
                if file not in named_translations
            ]
        else:
            loaded_cases.append(loaded)
            for file in translation_files(path).values():
                if file in named_translations:
                    continue
                checked = check_translation(loaded, file)
                translations_checked += 1
                problems.extend(checked.problems)
                reports.extend([checked.report] if checked.report else [])
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    checked_count = len(files) + len(catalogues) + len(expect_files) + translations_checked
    if fmt == "json":
        paths = (
            [paths_json(loaded, limit, through) for loaded in loaded_cases]
            if show_paths or through
            else None
        )
        errors += sum(1 for entry in paths or [] if "error" in entry)
        click.echo(
            json.dumps(
                {
                    "files": checked_count,
                    "errors": errors,
                    "warnings": warnings,
                    "problems": [p.as_dict() for p in problems],
                    "translations": [
                        {
                            "file": str(r.path),
                            "language": r.language,
                            "status": r.status,
                            "percent": r.percent,
                            "texts": r.total,
                            "untranslated": r.total - r.translated,
                        }
                        for r in reports
                    ],
                    "not_checked": [str(file) for file, _ in not_checked],
                    **({"paths": paths} if paths is not None else {}),
                },
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(str(problem))
        for report in reports:  # for tutors: how far each translation has got
            click.echo(f"{report.path}: {report.summary()}")
        for file, case_file in not_checked:
            click.echo(f"{file}: not checked yet: it is checked with {case_file}, which has errors")
        if show_paths or through:
            for loaded in loaded_cases:
                try:
                    click.echo(format_paths(loaded, limit, through))
                except TrainerError as exc:  # --through names no choice of this case
                    click.echo(f"{loaded.path}: error: {exc.headline}.", err=True)
                    if exc.advice:
                        click.echo(exc.advice, err=True)
                    errors += 1
        click.echo(
            f"{checked_count} file(s) checked: {errors} error(s), {warnings} warning(s).",
            err=bool(problems),
        )
    if errors or (strict and warnings):
        raise SystemExit(1)


@click.command()
@click.option("--catalogue", is_flag=True, help="Print the catalogue's schema instead.")
@click.option(
    "--translation",
    is_flag=True,
    help="Print the schema of translation files (x.cy.yaml) instead.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of standard output (its folder must exist).",
)
def schema(catalogue: bool, translation: bool, out: str | None) -> None:
    """Print the JSON Schema (draft-07) of case files, for editor completion."""
    if catalogue and translation:
        raise click.UsageError("give --catalogue or --translation, not both")
    text = schema_text("catalogue" if catalogue else "translation" if translation else "case")
    if out:
        from trainer.store.files import write_atomically

        write_atomically(Path(out), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
