"""Helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.core.loader import CATALOGUE_NAME, case_files


def case_paths(paths: tuple[str, ...], catalogues: list[Path] | None = None) -> list[Path]:
    """The case files named by files or folders on the command line.

    Catalogue files named directly are not cases: they are left out, or collected in
    ``catalogues`` when the caller wants to check them.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise click.UsageError(f"no such file or folder: {raw}")
        if path.is_file() and path.name == CATALOGUE_NAME:
            if catalogues is not None:
                catalogues.append(path)
            continue
        files.extend(case_files(path))
    if not files and not catalogues:
        raise click.UsageError("no case files found")
    return files
