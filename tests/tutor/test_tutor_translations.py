"""Tutor mode shows each translation's completeness and review status; the student's
library shows only which languages a case is in."""

from __future__ import annotations

import shutil
from pathlib import Path

from trainer.core.paths import bundled_root
from trainer.ui.tutor import open_tutor_window

CASE = "wales-welsh-language-adult-at-risk"


def test_tutors_see_translation_completeness_and_review_status(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    for name in (f"{CASE}.yaml", f"{CASE}.cy.yaml"):
        shutil.copy(bundled_root() / "scenarios" / name, tmp_path / name)
    win = open_tutor_window(tmp_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: getattr(win, "translations_label", None) is not None, timeout=10000)
    text = win.translations_label.text()
    assert "Cymraeg: 100% translated" in text
    assert "needs review by a fluent speaker" in text
    # Half the translation gone: the tutor sees how much is missing.
    translation = tmp_path / f"{CASE}.cy.yaml"
    lines = translation.read_text(encoding="utf-8").splitlines()
    cut = "\n".join(lines[: len(lines) // 2]) + "\n"
    translation.write_text(cut, encoding="utf-8")
    win.controller.reload()
    qtbot.waitUntil(
        lambda: (
            "untranslated" in win.translations_label.text()
            or "errors" in win.translations_label.text()
        ),
        timeout=10000,
    )
