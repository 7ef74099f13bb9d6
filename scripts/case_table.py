"""Print the table of bundled cases that README.md and docs/case-library.md show.

    python scripts/case_table.py            # the Markdown table, to paste into both files

tests/test_docs.py checks that both files hold exactly this table, so a case's title,
minutes or tags cannot drift from what the app shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trainer.core.loader import case_files, load_case  # noqa: E402

FOCUS = {
    "victim-safeguarding": "victim/survivor safeguarding",
    "perpetrator-engagement": "perpetrator engagement",
    "both": "both",
}
HEADER = "| Case | Focus | Jurisdiction | Themes | Minutes |\n|---|---|---|---|---|"


def case_rows(folder: Path = ROOT / "scenarios") -> list[str]:
    """One row per bundled case, ordered by focus then title (as in the app's library)."""
    cases = [load_case(path).case for path in case_files(folder)]
    cases.sort(key=lambda c: (c.focus != "victim-safeguarding", c.focus, c.title.strip('"')))
    return [
        f"| {c.title} (`{c.id}`) | {FOCUS[c.focus]} | {c.jurisdiction.title()} | "
        f"{', '.join(c.tags)} | {c.minutes} |"
        for c in cases
    ]


def case_table() -> str:
    return "\n".join([HEADER, *case_rows()])


if __name__ == "__main__":
    print(case_table())
