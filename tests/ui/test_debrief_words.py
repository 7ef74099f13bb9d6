"""The debrief's fixed words in Welsh, by the line shapes the core writes; the case's own
text and the Markdown structure (line breaks, lists) are left as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.ui.debrief_words import translate_debrief
from trainer.ui.language import Language

MARKDOWN = (
    "## Why\n\n"
    "- Overall score 52% is below the pass mark of 60%.\n"
    "- Risk identification: not reached on this path (its minimum is 40%).\n\n"
    "## Summary\n\n"
    "**What happened next.** Mair phoned the next day.\n\n"
    "**The one to think about:** Rated risk: Standard (✖ Unsafe — safety-critical error)\n\n"
    "## Your path\n\n"
    "1. **Ticked: Strangulation, Weapon**  \n"
    "    *✔ Expected practice · you were highly confident*\n"
    "    Unsafe Expected practice stays as the case wrote it.\n"
)


@pytest.fixture
def welsh(qapp, tmp_path: Path):  # noqa: ANN001, ANN201
    language = Language(tmp_path)
    assert language.apply("cy")
    yield language
    language.apply("en")


def test_fixed_words_are_welsh_and_case_text_is_kept(welsh) -> None:  # noqa: ANN001
    out = translate_debrief(MARKDOWN)
    assert "## Pam" in out and "## Crynodeb" in out and "## Eich llwybr" in out
    assert "Mae'r sgôr gyffredinol o 52% yn is na'r marc pasio o 60%." in out
    assert "Risk identification: heb ei gyrraedd ar y llwybr hwn (ei isafswm yw 40%)." in out
    assert "**Beth ddigwyddodd nesaf.** Mair phoned the next day." in out
    assert "Lefel risg a roddwyd: Standard (✖ Anniogel — camgymeriad diogelwch critigol)" in out
    assert "1. **Wedi ticio: Strangulation, Weapon**  \n" in out  # the line break is kept
    assert "*✔ Ymarfer disgwyliedig · roeddech chi'n hyderus iawn*" in out
    # A line of the case's own text is not a fixed shape: left alone.
    assert "    Unsafe Expected practice stays as the case wrote it." in out
    assert out.count("\n") == MARKDOWN.count("\n")


def test_english_is_unchanged(qapp) -> None:  # noqa: ANN001
    assert translate_debrief(MARKDOWN) == MARKDOWN
