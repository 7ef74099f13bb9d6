"""Tutor commands: `trainer test` (path testing for CI), `trainer new` and `trainer tutor`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from trainer.commands.common import case_paths
from trainer.core.errors import Problem, TrainerError
from trainer.core.expectations import check_expectations, expectation_path, load_expectations
from trainer.core.loader import check_case
from trainer.core.pathcheck import DEFAULT_SAMPLE, check_paths
from trainer.core.schema import schema_text
from trainer.core.template import (
    SCHEMA_NAME,
    STARTER_LANGUAGES,
    TRANSLATION_SCHEMA_NAME,
    check_case_id,
    starter_case,
    starter_expectations,
    starter_translation,
)
from trainer.core.testwise import MIN_DECISIONS, counts, play_all
from trainer.core.translation import is_translation_file, translation_path

SHOWN_PER_CASE = 20


def test_case_file(path: Path, sample: int, seed: int) -> tuple[list[str], int]:
    """Test one case file; return the lines to print and the number of failures."""
    loaded, problems = check_case(path)
    errors = [p for p in problems if p.severity == "error"]
    if loaded is None:
        return [str(p) for p in errors] + [f"{path}: FAIL (the case does not load)"], len(errors)
    report = check_paths(loaded, sample=sample, seed=seed)
    failures: list[Problem] = []
    lines = []
    for failure, count in report.grouped():
        problem = failure.problem(loaded)
        more = f" (and {count - 1} more path(s) like it)" if count > 1 else ""
        problem = Problem(
            problem.file, problem.line, problem.column, "error", problem.message + more
        )
        failures.append(problem)
        if len(lines) < SHOWN_PER_CASE:
            lines.append(str(problem))
    if len(failures) > SHOWN_PER_CASE:
        lines.append(f"  ... and {len(failures) - SHOWN_PER_CASE} more path failure(s)")
    if report.truncated:
        walked = (
            f"a random sample of {report.samples} playthroughs (seed {seed}; the case has too "
            "many flag combinations (flags and counter values) to count its paths) plus the "
            "expected and critical paths"
        )
    elif report.sampled:
        walked = (
            f"a random sample of {min(sample, report.total)} of {report.total} paths "
            f"(seed {seed}) plus the expected and critical paths"
        )
    else:
        walked = f"all {report.checked} paths"
    summary = [walked]
    testwise_lines, testwise_failures = _testwise_report(loaded)
    lines.extend(testwise_lines)
    failures.extend(testwise_failures)
    passing = len(testwise_failures)
    summary.append(
        "no test-wise learner passes"
        if not passing
        else f"{passing} test-wise learner(s) pass"
        + ("" if counts(loaded) else " (not counted: too few decisions)")
    )
    if not counts(loaded):
        failures = [f for f in failures if f not in testwise_failures]

    expect_file = expectation_path(path)
    if expect_file.is_file():
        expectations, found = load_expectations(expect_file)
        failures.extend(found)
        lines.extend(str(p) for p in found)
        if expectations is not None:
            outcomes = check_expectations(loaded, expectations)
            for outcome in outcomes:
                failures.extend(outcome.problems)
                lines.extend(str(p) for p in outcome.problems)
            passed = sum(1 for o in outcomes if o.ok)
            summary.append(f"{passed} of {len(outcomes)} expectation(s) met")
    verdict = "ok" if not failures else f"FAIL ({len(failures)} failure(s))"
    proof = f"; {report.proof.describe()}" if report.proof is not None else ""
    lines.append(f"{path}: {verdict}: " + ", ".join(summary) + proof)
    return lines, len(failures)


def _testwise_report(loaded: object) -> tuple[list[str], list[Problem]]:
    """Each test-wise learner's score next to the pass mark; a problem for each that passes."""
    from trainer.core.loader import LoadedCase

    assert isinstance(loaded, LoadedCase)
    pass_mark = loaded.case.scoring.pass_mark
    lines = [f"  test-wise learners (pass mark {pass_mark:g}%):"]
    problems: list[Problem] = []
    for outcome in play_all(loaded):
        strategy = outcome.strategy
        if outcome.result is None:
            verdict = f"does not finish: {outcome.problem}"
        else:
            verdict = "PASSES" if outcome.passed else "fails "
        lines.append(
            f"    {strategy.name:<22} {outcome.percent:>4.0f}%  {verdict}  ({strategy.summary})"
        )
        if outcome.passed:
            problems.append(
                loaded.source.problem(
                    ("start",),
                    f"[test-wise] the learner '{strategy.name}' ({strategy.summary}) passes "
                    f"with {outcome.percent:g}%: the case can be passed without reading it; "
                    "vary where the expected option sits and how long it is, offer "
                    "defensible alternatives, and offer foils on checklists",
                )
            )
    if not counts(loaded):
        lines.append(
            f"  (fewer than {MIN_DECISIONS} decisions with a choice: a test-wise pass here "
            "may be luck, so it is shown but not counted)"
        )
    else:
        lines.extend(f"  {p}" for p in problems)
    return lines, problems


@click.command("test")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=DEFAULT_SAMPLE,
    show_default=True,
    help="Walk every complete path when there are at most this many, else a random sample "
    "of this many.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random sample.")
def run_case_tests(paths: tuple[str, ...], sample: int, seed: int) -> None:
    """Walk the complete paths of cases and check them, with any <case>.expect.yaml files.

    Every path must end without error; the expected path must pass; every critical
    choice must fail the attempt; no attempt may pass with an unsafe choice, checklist or
    rating (checklists and ratings are also tried with representative weaker answers).
    Test-wise learners (always the longest, first or last option; ticking every
    indicator; rating at the top; and their combinations) must not pass.
    Exit status: 0 all ok, 1 failures, 2 usage error.
    """
    total = 0
    files = case_paths(paths)
    for path in files:
        lines, failed = test_case_file(path, sample, seed)
        total += failed
        for line in lines:
            click.echo(line)
    click.echo(f"{len(files)} case(s) tested: {total} failure(s).", err=bool(total))
    if total:
        raise SystemExit(1)


@click.command("new")
@click.argument("case_id")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to write the case (created if missing).",
)
@click.option("--title", default=None, help="The case's title (default: from the id).")
@click.option(
    "--languages",
    default="en",
    show_default=True,
    metavar="LIST",
    help="The case's languages, e.g. en,cy: writes CASE_ID.cy.yaml, the Welsh text, too.",
)
def new_case(case_id: str, folder: Path, title: str | None, languages: str) -> None:
    """Write a valid, commented starter case CASE_ID.yaml (and its expectation file)."""
    check_case_id(case_id)
    wanted = [part.strip() for part in languages.split(",") if part.strip()]
    unknown = [lang for lang in wanted if lang not in STARTER_LANGUAGES]
    if unknown or "en" not in wanted:
        raise click.UsageError(
            f"--languages {languages}: the starter is written in "
            f"{' and '.join(STARTER_LANGUAGES)}; give en or en,cy"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc, "create the folder") from None
    case_file = folder / f"{case_id}.yaml"
    expect_file = expectation_path(case_file)
    translations = [(translation_path(case_file, lang), lang) for lang in wanted if lang != "en"]
    for existing in (case_file, expect_file, *(path for path, _lang in translations)):
        if existing.exists():
            raise click.ClickException(
                f"{existing} already exists; choose another id or move the file."
            )
    files = [
        (case_file, starter_case(case_id, title)),
        (expect_file, starter_expectations(case_id)),
        *((path, starter_translation(case_id, lang, title)) for path, lang in translations),
    ]
    if translations and not (folder / TRANSLATION_SCHEMA_NAME).exists():
        files.append((folder / TRANSLATION_SCHEMA_NAME, schema_text("translation")))
    schema_file = folder / SCHEMA_NAME
    if not schema_file.exists():
        files.append((schema_file, schema_text("case")))
    written = write_all(files)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Next: trainer validate --strict {case_file} && trainer test {case_file}")


@click.command("translate")
@click.argument("case")
@click.option("--to", "language", required=True, metavar="LANG", help="The language code, e.g. cy.")
@click.option(
    "--force",
    is_flag=True,
    help="Rewrite an existing translation file (its translated texts are kept).",
)
def translate(case: str, language: str, force: bool) -> None:
    """Write CASE's translation skeleton CASE.LANG.yaml: every translatable id, with the
    English text as a comment above it. CASE is a case file or a bundled case id."""
    from trainer.commands.common import case_argument
    from trainer.core.errors import CaseError
    from trainer.core.loader import load_case
    from trainer.core.translation import check_translation, skeleton_text

    path = case_argument(case)
    if is_translation_file(path):
        raise click.UsageError(f"{path} is a translation file; name the case it translates")
    loaded = load_case(path)
    text = skeleton_text(loaded, language)  # refuses a bad language code before any file
    target = translation_path(path, language)
    existing: dict[str, object] = {}
    if target.exists():
        if not force:
            raise click.ClickException(
                f"{target} already exists; use --force to rewrite it (its translated texts "
                "are kept), or edit it."
            )
        checked = check_translation(loaded, target)
        errors = [p for p in checked.problems if p.severity == "error"]
        if errors:
            raise CaseError(target, errors)
        existing = checked.data
        text = skeleton_text(loaded, language, existing)
    files = [(target, text)]
    schema_file = path.parent / TRANSLATION_SCHEMA_NAME
    if not schema_file.exists():
        files.append((schema_file, schema_text("translation")))  # for the editor's hover help
    for written in write_all(files):
        click.echo(f"wrote {written}")
    click.echo(f"Next: translate the texts, then: trainer validate {path}")


def cannot_write(path: Path, exc: OSError, doing: str = "write") -> TrainerError:
    """A plain message for a file or folder that cannot be written (never a traceback)."""
    from trainer.store.files import file_error

    if isinstance(exc, FileExistsError | NotADirectoryError):
        return TrainerError(
            f"Could not {doing} {path}: part of that path is a file, not a folder.",
            "Choose a folder that exists or can be created.",
        )
    if doing != "write":
        error = file_error(exc, path / "x")
        return TrainerError(
            f"Could not {doing} {path}: {error.headline.split(': ', 1)[-1]}", error.advice
        )
    return file_error(exc, path)


def write_all(files: list[tuple[Path, str]]) -> list[Path]:
    """Write text files all-or-nothing (a failure leaves none of them behind)."""
    from trainer.store.files import atomic_outputs

    with atomic_outputs() as batch:
        for path, text in files:
            batch.add(path).write_text(text, encoding="utf-8")
    return [path for path, _text in files]


@click.command("tutor")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def tutor_mode(folder: Path) -> None:
    """Open FOLDER in tutor mode: live checks, branch map, path table and tutor play."""
    try:
        from PySide6.QtWidgets import QApplication

        from trainer.ui.tutor import open_tutor_window
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.ClickException(f"tutor mode needs the desktop app ({exc})") from None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = open_tutor_window(folder)
    window.show()
    sys.exit(app.exec())
