"""docs/authoring.md's quoting table and guide links stay true to the loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.core.loader import check_case
from trainer.core.yamlsource import YamlSourceError, load_yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
MINI = (ROOT / "tests" / "fixtures" / "mini" / "mini.yaml").read_text(encoding="utf-8")


def _quoting_rows() -> list[tuple[str, str]]:
    section = GUIDE.split("## Quoting and special characters", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 3 and cells[0].startswith("`") and not cells[0].startswith("You"):
            wrote = re.match(r"`([^`]+)`", cells[0])
            instead = re.match(r"`([^`]+)`", cells[2])
            assert wrote and instead, line
            rows.append((wrote.group(1), instead.group(1)))
    return rows


ROWS = _quoting_rows()


def test_the_table_is_there() -> None:
    assert len(ROWS) >= 7


@pytest.mark.parametrize(("wrote", "instead"), ROWS, ids=[r[0] for r in ROWS])
def test_each_mistake_is_an_error_and_each_fix_is_not(
    tmp_path: Path, wrote: str, instead: str
) -> None:
    key = wrote.split(":", 1)[0]
    line = {
        "text": "    text: Lee is angry as you leave.",
        "version": 'version: "1.0"',
        "id": "        - id: from-records",
    }[key]
    indent = line[: len(line) - len(line.lstrip())]
    prefix = "- " if line.lstrip().startswith("- ") else ""
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace(line, f"{indent}{prefix}{wrote}", 1), encoding="utf-8")
    _, problems = check_case(bad)
    errors = [p for p in problems if p.severity == "error"]
    assert errors, wrote
    if key == "id":
        fixed_line = f"{indent}{prefix}{instead}"
        good_text = MINI.replace(line, fixed_line, 1).replace("to: good-end", "to: end-good")
        good_text = good_text.replace("  good-end:", "  end-good:")
        assert "ids use lower-case letters, digits and hyphens" in errors[0].message
    else:
        good_text = MINI.replace(line, f"{indent}{instead}", 1)
        assert any("double quotes" in p.message or "text" in p.message for p in errors), errors
    good = tmp_path / "good.yaml"
    good.write_text(good_text, encoding="utf-8")
    loaded, problems = check_case(good)
    assert loaded is not None, [str(p) for p in problems]


def test_block_text_needs_no_quotes() -> None:
    text = 'text: |\n  Mae hi\'n dweud: "Dw i ddim eisiau iddo fe wybod."\n'
    assert load_yaml(text, "f")[0]["text"].startswith("Mae hi'n dweud: \"Dw")
    with pytest.raises(YamlSourceError):
        load_yaml("text: 'Mae hi'n dweud'\n", "f")


def test_the_practice_guide_is_linked_and_no_outside_guide_is_cited() -> None:
    assert "(practice-guide.md)" in GUIDE
    assert "(docs/practice-guide.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in (ROOT / "docs").glob("*.md"):
        assert "shared/domain-guide" not in doc.read_text(encoding="utf-8"), doc.name
    practice = (ROOT / "docs" / "practice-guide.md").read_text(encoding="utf-8")
    for needed in ("Safety first", "Working Together", "Respect", "SafeLives", "Care Act"):
        assert needed in practice
