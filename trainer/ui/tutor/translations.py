"""Tutor mode: how complete each translation of the current case is, and its review
status (``translation_status: needs review``). Shown to tutors only, never to students."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow

from trainer.ui.language import LANGUAGES


def _t(text: str) -> str:
    return QCoreApplication.translate("TutorTranslations", text)


# The texts of this module (translated through _t above).
for _text in (
    QT_TRANSLATE_NOOP(
        "TutorTranslations", "{language}: the translation file has errors (see Problems)"
    ),
    QT_TRANSLATE_NOOP("TutorTranslations", "{language}: {percent}% translated"),
    QT_TRANSLATE_NOOP("TutorTranslations", " ({missing} of {total} texts untranslated)"),
    QT_TRANSLATE_NOOP("TutorTranslations", ", needs review by a fluent speaker"),
    QT_TRANSLATE_NOOP("TutorTranslations", "English only: no translation beside this case"),
    QT_TRANSLATE_NOOP("TutorTranslations", "Translations of this case"),
):
    pass


def translation_summary(loaded: Any) -> str:
    """'Cymraeg: 100% translated, needs review' for each translation beside the case."""
    if loaded is None or getattr(loaded, "path", None) is None:
        return ""
    from trainer.core.translation import check_translation, translation_files

    parts = []
    for language, path in sorted(translation_files(loaded.path).items()):
        name = LANGUAGES.get(language, language)
        checked = check_translation(loaded, path)
        report = checked.report
        if report is None:
            parts.append(
                _t("{language}: the translation file has errors (see Problems)").format(
                    language=name
                )
            )
            continue
        missing = report.total - report.translated
        text = _t("{language}: {percent}% translated").format(language=name, percent=report.percent)
        if missing:
            text += _t(" ({missing} of {total} texts untranslated)").format(
                missing=missing, total=report.total
            )
        if report.status == "needs review":
            text += _t(", needs review by a fluent speaker")
        else:
            text += ", " + escape(report.status)
        parts.append(text)
    return " · ".join(parts) if parts else _t("English only: no translation beside this case")


def show_translations(window: QMainWindow, loaded: Any) -> None:
    """Show the current case's translations in the tutor window's status bar."""
    label = getattr(window, "translations_label", None)
    if label is None:
        label = QLabel()
        label.setObjectName("tutor-translations")
        label.setAccessibleName(_t("Translations of this case"))
        window.statusBar().addPermanentWidget(label)
        window.translations_label = label  # type: ignore[attr-defined]
    label.setText(translation_summary(loaded))
