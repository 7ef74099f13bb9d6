"""Every screen under a pseudo-translation (each text accented and 40% longer, generated
from the ``.ts`` source): no English text from our code, and no button squeezed, at 100%
and 200% text size."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import MINI
from tests.ui.i18n_tools import squeezed, untranslated, write_pseudo_ts
from trainer import __version__
from trainer.core.paths import bundled_root
from trainer.ui.dialogs import SupportDialog
from trainer.ui.screens.panels import DecisionPanel, EndingPanel

CATALOGUE = bundled_root() / "scenarios"
# A case's own text: the prompts a case need not write come with it (in its language).
DEFAULT_PROMPTS = [
    "What do you do?",
    "Which risk indicators have you seen so far?",
    "How would you rate the risk now?",
]


@pytest.fixture(scope="session")
def pseudo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    write_pseudo_ts(folder)
    return folder


def strings_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value, *value.split("\n")]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings_of(k), *strings_of(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    return []


def case_data(folder: Path) -> list[str]:
    out: list[str] = []
    for path in folder.glob("*.yaml") if folder != CATALOGUE else [folder / "catalogue.yaml"]:
        out += strings_of(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def play_to_ending(qtbot, window, check) -> None:  # noqa: ANN001
    """Answer every step with its first option, checking each screen on the way."""
    for _ in range(60):
        panel = window.player.panel
        check(window)
        if isinstance(panel, EndingPanel):
            panel.confirm()
            return
        if isinstance(panel, DecisionPanel):
            panel.press_number(1)
            if panel.pending:
                check(window)
                panel.press_number(1)
        else:
            panel.press_number(1)
            if window.player.panel is panel:
                panel.confirm()
        qtbot.wait(1)
    raise AssertionError("the case did not end")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_screen_is_translated_and_fits(
    qtbot, make_window, pseudo_folder: Path, data_dir: Path, scale: float
) -> None:  # noqa: ANN001
    window = make_window([MINI])
    glue = window.language_glue
    glue.language.folder = pseudo_folder
    window.apply_text_scale(scale)
    glue.choose("cy")
    assert glue.language.current == "cy"
    data = [
        *case_data(MINI),
        *case_data(CATALOGUE),
        *DEFAULT_PROMPTS,
        "Alex",
        "S1234567",
        "BA 2026",
        str(data_dir),
        __version__,
    ]
    data += ["Casework Trainer", "English", "Cymraeg", "Ctrl", "Shift", "PDF"]
    problems: dict[str, list[str]] = {}

    def check(where: QApplication | object) -> None:
        screen = window.stack.currentWidget()
        qtbot.wait(5)  # layouts settle
        name = type(screen).__name__
        found = untranslated(window, data)
        if scale == 1.0:  # squeezing is a layout matter: checked at the larger size
            pass
        else:
            found += [f"squeezed: {s}" for s in squeezed(screen)]
        if found:
            problems.setdefault(name, [])
            problems[name] += [f for f in found if f not in problems[name]]

    check(window)  # the profile screen
    profile = window.profile
    qtbot.keyClicks(profile.name_edit, "Alex")
    qtbot.keyClicks(profile.student_id_edit, "S1234567")
    qtbot.keyClicks(profile.cohort_edit, "BA 2026")
    profile.create_button.click()
    assert window.stack.currentWidget() is window.library
    check(window)
    window.library.open_button.click()
    assert window.stack.currentWidget() is window.case_start
    check(window)
    window.case_start.start_button.click()
    play_to_ending(qtbot, window, check)
    assert window.stack.currentWidget() is window.debrief
    check(window)
    window.show_progress()
    check(window)
    window.show_help()
    check(window)
    dialog = SupportDialog(window)
    dialog.show()
    found = untranslated(dialog, data)
    if found:
        problems["SupportDialog"] = found
    dialog.close()
    assert not problems, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in problems.items())
