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
# The ISO 639-1 language codes: first-visit.cy.yaml is a case's Welsh translation (see
# trainer.core.translation), while first-visit.old.yaml or first-visit.v2.yaml stay cases.
_ISO_639_1 = """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu"""
LANGUAGE_CODES = frozenset(_ISO_639_1.split())
_TRANSLATION_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.(?P<ext>ya?ml)$")


class _TranslationName:
    """Matches ``<case>.<ISO 639-1 code>.yaml`` (``match`` as a compiled pattern would)."""

    def match(self, name: str) -> re.Match[str] | None:
        found = _TRANSLATION_NAME.match(name)
        return found if found and found["lang"] in LANGUAGE_CODES else None


TRANSLATION_FILE = _TranslationName()


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
