"""The app in Welsh: a student's whole journey meets no English text from our code; the two
Welsh-jurisdiction cases play in Welsh and English with identical scores; switching
language mid-case keeps the attempt; the choice is remembered per learner."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.ui.i18n_tools import visible_texts
from tests.ui.test_i18n_pseudo import DEFAULT_PROMPTS, play_to_ending, strings_of
from trainer.core.paths import bundled_root
from trainer.ui.dialogs import SupportDialog
from trainer.ui.language import I18N_DIR, read_ts, ts_path
from trainer.ui.screens.panels import DecisionPanel

SCENARIOS = bundled_root() / "scenarios"
WELSH_CASES = ("wales-welsh-language-adult-at-risk", "coercive-control-economic-abuse-wales")


@pytest.fixture
def welsh_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for case in WELSH_CASES:
        for name in (f"{case}.yaml", f"{case}.cy.yaml"):
            shutil.copy(SCENARIOS / name, folder / name)
    shutil.copy(SCENARIOS / "first-visit-after-police-referral.yaml", folder)  # English only
    return folder


def test_the_welsh_translation_is_complete() -> None:
    messages = read_ts(ts_path("cy", I18N_DIR))
    assert len(messages) > 300
    untranslated = [source for _c, source, welsh in messages if not welsh]
    assert not untranslated, untranslated
    # A placeholder lost or renamed in translation would raise (or show "{...}") at run time.
    for _c, source, welsh in messages:
        assert sorted(re.findall(r"\{[^{}]*\}", source)) == sorted(
            re.findall(r"\{[^{}]*\}", welsh)
        ), source


def english_phrases() -> list[str]:
    """Texts from our code whose Welsh differs: meeting one of them means English showed."""
    out = set()
    for _c, source, welsh in read_ts(ts_path("cy", I18N_DIR)):
        for part in re.split(r"<[^<>]*>|\{[^{}]*\}|\n", source.replace("&", "")):
            part = part.strip(" .,:;·—–()…")
            words = re.findall(r"[A-Za-z']+", part)
            if welsh and part and part not in welsh.replace("&", "") and len(words) >= 2:
                out.add(part)
    return sorted(out, key=len, reverse=True)


def english_met(root, data: list[str]) -> list[str]:  # noqa: ANN001
    phrases = english_phrases()
    found = []
    for what, text in visible_texts(root):
        text = re.sub(r"<[^<>]*>", " ", text).replace("&", "")
        for item in sorted(data, key=len, reverse=True):
            if len(item) > 3:
                text = text.replace(item, " ")
        hits = [p for p in phrases if re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", text)]
        if hits:
            found.append(f"{what}: {text!r} -> {hits[:3]}")
    return found


def case_strings(folder: Path) -> list[str]:
    out = list(DEFAULT_PROMPTS)
    for path in [*folder.glob("*.yaml"), SCENARIOS / "catalogue.yaml"]:
        out += strings_of(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def choose_welsh(window) -> None:  # noqa: ANN001
    action = next(a for a in window.language_glue.menu.actions() if a.objectName() == "language-cy")
    action.trigger()


def test_a_student_works_in_welsh_from_profile_to_support(
    qtbot, make_window, welsh_folder: Path
) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    choose_welsh(window)
    data = [*case_strings(welsh_folder), "Dafydd", str(welsh_folder), "Cymraeg", "English"]
    met: dict[str, list[str]] = {}

    def check(_window=None) -> None:  # noqa: ANN001
        qtbot.wait(1)
        found = english_met(window, data)
        if found:
            met.setdefault(type(window.stack.currentWidget()).__name__, []).extend(found)

    assert window.windowTitle() == "Hyfforddwr Gwaith Achos"
    check()
    qtbot.keyClicks(window.profile.name_edit, "Dafydd")
    window.profile.create_button.click()
    assert window.stack.currentWidget() is window.library
    check()
    # Find a case in Welsh: the language filter keeps the two bilingual cases.
    library = window.library
    library.language_filter.setCurrentIndex(2)  # Cymraeg
    shown = [
        library.tree.topLevelItem(i)
        for i in range(library.tree.topLevelItemCount())
        if not library.tree.topLevelItem(i).isHidden()
    ]
    assert len(shown) == 2
    assert "Cymraeg" in library.detail.text()
    assert "review" not in library.detail.text() and "adolygu" not in library.detail.text()
    check()
    library.open_button.click()
    assert window.stack.currentWidget() is window.case_start
    check()
    # The case start is in Welsh too: the case's translation, our words around it.
    start_text = window.case_start.text.toPlainText()
    assert "Deilliannau dysgu" in start_text and "Learning outcomes" not in start_text
    assert "Cymraeg" in start_text or "Gymraeg" in start_text
    window.case_start.start_button.click()
    assert window.controller.session.loaded.language == "cy"
    assert not window.language_glue.notice.isVisible()
    play_to_ending(qtbot, window, check)
    assert window.stack.currentWidget() is window.debrief
    check()
    # The debrief's fixed text (written by the core in English) is in Welsh too.
    window.debrief.details_button.click()
    debrief = window.debrief.text.toPlainText()
    assert "Crynodeb" in debrief and "Pob penderfyniad, yn fanwl" in debrief
    assert "Eich llwybr" in debrief
    for english in ("Summary", "Every decision, in detail", "Your path", "Expected practice"):
        assert english not in debrief
    window.show_progress()
    check()
    window.show_help()
    check()
    assert "Byw Heb Ofn" in window.help.text.toPlainText()
    assert "Gallwch siarad Cymraeg" in window.help.text.toPlainText()
    dialog = SupportDialog(window)
    dialog.show()
    found = english_met(dialog, data)
    dialog.close()
    assert not found, found
    assert not met, "\n".join(f"{k}: {v}" for k, v in met.items())


def test_an_english_only_case_shows_a_welsh_notice(qtbot, make_window, welsh_folder: Path) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    choose_welsh(window)
    qtbot.keyClicks(window.profile.name_edit, "Dafydd")
    window.profile.create_button.click()
    tree = window.library.tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if "wales" not in tree.topLevelItem(i).data(0, 256).case_id
    )
    tree.setCurrentItem(item)
    window.library.open_button.click()
    window.case_start.start_button.click()
    assert window.controller.session.loaded.language == "en"
    notice = window.language_glue.notice
    assert notice.isVisible()
    assert "Nid yw'r achos hwn ar gael yn Gymraeg" in notice.text()


def play_first_options(qtbot, window, language: str, case_id: str):  # noqa: ANN001, ANN201
    tree = window.library.tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).data(0, 256).case_id == case_id
    )
    tree.setCurrentItem(item)
    window.library.open_button.click()
    window.case_start.start_button.click()
    assert window.controller.session.loaded.language == language
    play_to_ending(qtbot, window, lambda _w: None)
    return window.controller.result


@pytest.mark.parametrize("case_id", WELSH_CASES)
def test_welsh_cases_score_the_same_in_both_languages(
    qtbot, make_window, welsh_folder: Path, case_id: str
) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    qtbot.keyClicks(window.profile.name_edit, "Dafydd")
    window.profile.create_button.click()
    english = play_first_options(qtbot, window, "en", case_id)
    window.show_library()
    choose_welsh(window)
    welsh = play_first_options(qtbot, window, "cy", case_id)
    assert (welsh.percent, welsh.passed, welsh.percents, welsh.outcome) == (
        english.percent,
        english.passed,
        english.percents,
        english.outcome,
    )


def test_switching_language_mid_case_keeps_the_attempt(
    qtbot, make_window, welsh_folder: Path
) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    c = window.controller
    qtbot.keyClicks(window.profile.name_edit, "Dafydd")
    window.profile.create_button.click()
    tree = window.library.tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).data(0, 256).case_id == WELSH_CASES[0]
    )
    tree.setCurrentItem(item)
    window.library.open_button.click()
    window.case_start.start_button.click()
    attempt_id = c.attempt.id
    # Two steps in English.
    for _ in range(2):
        panel = window.player.panel
        panel.press_number(1)
        if isinstance(panel, DecisionPanel) and panel.pending:
            panel.press_number(1)
        if window.player.panel is panel:
            panel.confirm()
    decisions = list(c.session.decisions)
    scene = c.session.scene_id
    assert decisions
    english_text = window.player.scene_view.toPlainText()
    choose_welsh(window)
    assert c.attempt.id == attempt_id
    assert c.session.loaded.language == "cy"
    assert list(c.session.decisions) == decisions and c.session.scene_id == scene
    assert window.stack.currentWidget() is window.player
    assert window.player.scene_view.toPlainText() != english_text
    play_to_ending(qtbot, window, lambda _w: None)
    attempts = c.store.attempts(c.learner.id)
    assert [a.id for a in attempts] == [attempt_id]
    assert attempts[0].status == "completed"


def test_the_profile_screen_offers_the_language(qtbot, make_window, welsh_folder: Path) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    combo = window.language_glue.profile_combo
    assert combo.isVisible() and combo.currentText() == "English"
    combo.setFocus()
    qtbot.keyClick(combo, "C")  # Cymraeg, from the keyboard
    assert window.language_glue.language.current == "cy"
    assert window.profile.create_button.text() == "C&reu proffil"
    assert window.language_glue.actions["cy"].isChecked()


def test_the_language_is_remembered_for_each_learner(
    qtbot, make_window, welsh_folder: Path
) -> None:  # noqa: ANN001
    window = make_window([welsh_folder])
    qtbot.keyClicks(window.profile.name_edit, "Dafydd")
    window.profile.create_button.click()
    choose_welsh(window)
    window = make_window([welsh_folder])  # the app started again
    assert window.language_glue.language.current == "cy"
    assert window.windowTitle() == "Hyfforddwr Gwaith Achos"
