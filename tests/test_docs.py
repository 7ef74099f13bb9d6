"""The README and docs stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_after(marker: str) -> str:
    lines = README.splitlines()
    return lines[lines.index(marker) + 1].strip()


def test_readme_has_the_two_quick_start_commands() -> None:
    app = _command_after("<!-- app-command -->")
    tests = _command_after("<!-- test-command -->")
    assert app.startswith("python3 -m venv .venv") and app.endswith(".venv/bin/trainer")
    assert "'.[test]'" in tests and tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci


def test_docs_link_to_files_that_exist() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)\)", text):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_case_tables_match_the_bundled_cases() -> None:
    """README.md and docs/case-library.md list every bundled case as the app shows it
    (regenerate with `python scripts/case_table.py`)."""
    from scripts.case_table import case_table

    table = case_table()
    for doc in [ROOT / "README.md", ROOT / "docs" / "case-library.md"]:
        assert table in doc.read_text(encoding="utf-8"), (
            f"{doc.name}: the case table is out of date; run python scripts/case_table.py"
        )


def test_readme_command_table_names_every_option() -> None:
    """Each command row of the README's `trainer` table names every option the command
    takes (--data-dir and --help are described once, below the table)."""
    import click

    from trainer.cli import main

    rows: dict[tuple[str, ...], str] = {}
    for line in README.splitlines():
        match = re.match(r"\| `trainer ([^`]*)` \|", line)
        if not match:
            continue
        words = []
        for word in match.group(1).split():
            if not re.fullmatch(r"[a-z]+", word):
                break
            words.append(word)
        if words:
            key = tuple(words)
            rows[key] = rows.get(key, "") + line
    checked = 0
    for words, row in rows.items():
        command: click.Command = main
        for word in words:
            assert isinstance(command, click.Group), words
            command = command.commands[word]
        if isinstance(command, click.Group):
            continue  # a group's row lists its subcommands
        for param in command.params:
            for name in param.opts + getattr(param, "secondary_opts", []):
                if name.startswith("--") and name not in ("--data-dir", "--help"):
                    assert name in row, f"README's row for trainer {' '.join(words)} omits {name}"
        checked += 1
    assert checked >= 12
