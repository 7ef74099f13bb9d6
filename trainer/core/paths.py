"""Where cases, catalogues and assets live on disk: no parsing, no pydantic.

Kept apart from :mod:`trainer.core.loader` so that code which only needs to find
files (the GUI's first paint from the library cache, the command line's folder
walk) does not pay for importing the case model. ``loader`` re-exports all of it.
"""

from __future__ import annotations

import re
from pathlib import Path

CATALOGUE_NAME = "catalogue.yaml"
EXPECTATION_SUFFIX = ".expect.yaml"
# a case's translation beside it: first-visit.cy.yaml (see trainer.core.translation)
TRANSLATION_FILE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.(?P<ext>ya?ml)$")


def bundled_root() -> Path:
    """The folder holding the bundled ``scenarios/`` and ``assets/``.

    In a wheel they are copied into ``trainer/_bundled``; in a source checkout
    (or an editable install) they are at the top of the repository.
    """
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_bundled"
    if (packaged / "scenarios").is_dir():
        return packaged
    return here.parent


def bundled_scenarios() -> Path:
    return bundled_root() / "scenarios"


def bundled_assets() -> Path:
    return bundled_root() / "assets"


def find_catalogue(case_path: Path) -> Path:
    """The nearest ``catalogue.yaml`` in the case's folder or up to two folders above,
    else the bundled one (looking no further keeps a stray file far above from taking over).
    """
    for folder in [case_path.parent, *list(case_path.parent.parents)[:2]]:
        candidate = folder / CATALOGUE_NAME
        if candidate.is_file():
            return candidate
    return bundled_scenarios() / CATALOGUE_NAME


def case_files(folder: Path) -> list[Path]:
    """Case files under ``folder``: every .yaml/.yml but catalogues, expectation files and
    translations (``x.cy.yaml``)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        return [folder]  # a file named directly (the loader refuses one that is not regular)
    files = [
        p
        for pattern in ("*.yaml", "*.yml")
        for p in folder.rglob(pattern)
        if p.name != CATALOGUE_NAME
        and not p.name.endswith(EXPECTATION_SUFFIX)
        and not TRANSLATION_FILE.match(p.name)
    ]
    return sorted(files)
