"""The compiled translation is built from the .ts at first use (a source checkout), rebuilt
when the .ts is newer, and a missing translation leaves the app in English."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from trainer.ui.language import I18N_DIR, Language, qm_file, ts_path


def test_qm_is_built_into_the_data_folder_and_rebuilt_when_the_ts_changes(tmp_path: Path) -> None:
    folder = tmp_path / "i18n-src"
    folder.mkdir()
    shutil.copy(ts_path("cy", I18N_DIR), ts_path("cy", folder))
    data = tmp_path / "data"
    built = qm_file("cy", data, folder)
    assert built == data / "i18n" / "trainer_cy.qm" and built.stat().st_size > 1000
    first = built.stat().st_mtime_ns
    assert qm_file("cy", data, folder) == built and built.stat().st_mtime_ns == first
    later = first / 1e9 + 10
    os.utime(ts_path("cy", folder), (later, later))  # the .ts edited since
    assert qm_file("cy", data, folder) == built and built.stat().st_mtime_ns != first
    assert qm_file("en", data, folder) is None


def test_no_translation_stays_in_english(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    language = Language(tmp_path, folder=tmp_path / "nothing-here")
    language.apply("cy")
    assert language.current == "en"
