"""The interface language: Qt translations (``trainer/ui/i18n/trainer_<lang>.ts``), the
choice (system locale by default, per learner, remembered) and retranslating open windows.

The ``.ts`` sources are kept in the repository and updated by ``pyside6-lupdate`` (see
``scripts/update_translations.py``). The compiled ``.qm`` files are built by
``pyside6-lrelease``: by the hatch build hook for an installed package, and otherwise (a
source checkout) at first use into ``<data dir>/i18n`` (rebuilt when the ``.ts`` is newer).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QWidget

log = logging.getLogger("trainer.ui")

I18N_DIR = Path(__file__).parent / "i18n"
SOURCE_LANGUAGE = "en"
# The interface languages, each named in its own language.
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
LOCALES = {"en": "en_GB", "cy": "cy_GB"}


def ts_path(language: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"trainer_{language}.ts"


def lrelease() -> str | None:
    """The ``pyside6-lrelease`` beside this Python (the venv), or on PATH."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    for candidate in (here, here.with_suffix(".exe")):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lrelease")


def build_qm(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` with pyside6-lrelease; False (logged) if that fails."""
    tool = lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found: the interface stays in English")
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not qm.is_file():
        log.warning("could not build %s: %s", qm.name, done.stderr.strip())
        return False
    return True


def qm_file(language: str, data_dir: Path | None, folder: Path = I18N_DIR) -> Path | None:
    """The compiled translation for ``language``: the packaged one, or one built from the
    ``.ts`` into ``<data dir>/i18n`` (again when the ``.ts`` is newer). None for English."""
    if language == SOURCE_LANGUAGE:
        return None
    ts = ts_path(language, folder)
    packaged = ts.with_suffix(".qm")
    if packaged.is_file() and (not ts.is_file() or packaged.stat().st_mtime >= ts.stat().st_mtime):
        return packaged
    if not ts.is_file() or data_dir is None:
        return packaged if packaged.is_file() else None
    built = Path(data_dir) / "i18n" / packaged.name
    if built.is_file() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    return built if build_qm(ts, built) else None


def system_language() -> str:
    """The system locale's language if the app has it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def read_ts(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, translation) for every finished message of a ``.ts`` file."""
    if not ts.is_file():
        return []
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            finished = translation is not None and translation.get("type") != "unfinished"
            out.append((name, message.findtext("source") or "", text if finished and text else ""))
    return out


_INSTALLED: list[QTranslator] = []
CURRENT = [SOURCE_LANGUAGE]  # the interface language now (set by Language.apply)
_SHOWN: dict[tuple[str, str, str], object] = {}  # the interface translation installed in the app


class Language(QObject):
    """Installs the translator for the chosen language and retranslates what is open.

    Fixed texts of open widgets are looked up by their current text (in the language that
    was showing) and set again in the new one; screens with texts built from data refresh
    themselves on :data:`QEvent.LanguageChange` (``LanguageChange`` is sent to every widget
    when a translator is installed or removed).
    """

    def __init__(self, data_dir: Path | None = None, folder: Path = I18N_DIR) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.folder = folder
        self.current = SOURCE_LANGUAGE
        self._translator: QTranslator | None = None
        self._known: dict[str, dict[str, tuple[str, str]]] = {}

    def available(self) -> list[str]:
        return [code for code in LANGUAGES if code == "en" or ts_path(code, self.folder).is_file()]

    def _texts(self, language: str) -> dict[str, tuple[str, str]]:
        """shown text -> (context, source) for ``language`` (sources as well: a text not
        yet translated shows its source)."""
        if language not in self._known:
            table: dict[str, tuple[str, str]] = {}
            if language != SOURCE_LANGUAGE:
                for context, source, translation in read_ts(ts_path(language, self.folder)):
                    if translation:
                        table.setdefault(translation, (context, source))
            for context, source, _t in read_ts(ts_path("cy", I18N_DIR)):
                table.setdefault(source, (context, source))
            self._known[language] = table
        return self._known[language]

    def apply(self, language: str) -> bool:
        """Show the interface in ``language`` from now on (no restart); False if the app
        has no translation into it (then English)."""
        if language not in LANGUAGES:
            language = SOURCE_LANGUAGE
        if language == self.current and (self._translator is not None or language == "en"):
            return True
        app = QCoreApplication.instance()
        previous = self.current
        translator = None
        if language != SOURCE_LANGUAGE:
            qm = qm_file(language, self.data_dir, self.folder)
            translator = QTranslator(self)
            if qm is None or not translator.load(str(qm)):
                log.warning("no interface translation for %s", language)
                language, translator = SOURCE_LANGUAGE, None
        old_table = self._texts(previous)
        if app is not None:  # one interface translation at a time, whoever installed it
            while _INSTALLED:
                app.removeTranslator(_INSTALLED.pop())
        self._translator = translator
        self.current = language
        CURRENT[0] = language
        QLocale.setDefault(QLocale(LOCALES[language]))
        if translator is not None and app is not None:
            app.installTranslator(translator)
            _INSTALLED.append(translator)
        if isinstance(app, QApplication):
            for window in app.topLevelWidgets():
                retranslate_tree(window, old_table)
        return language != SOURCE_LANGUAGE or previous == language or translator is None


def _again(text: str, table: dict[str, tuple[str, str]]) -> str | None:
    found = table.get(text)
    if found is not None:
        return QCoreApplication.translate(found[0], found[1])
    wrapped = re.fullmatch(r"(<(h\d|b)>)(.*)(</\2>)", text, re.S)  # a heading, a bold line
    if wrapped and wrapped.group(3) in table:
        inner = _again(wrapped.group(3), table)
        return f"{wrapped.group(1)}{inner}{wrapped.group(4)}"
    return None


def retranslate_tree(root: QWidget, table: dict[str, tuple[str, str]]) -> None:
    """Set every fixed text under ``root`` again in the current language."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        title = _again(widget.windowTitle(), table) if widget.windowTitle() else None
        if title is not None:
            widget.setWindowTitle(title)
        for getter, setter in (
            ("toolTip", "setToolTip"),
            ("accessibleName", "setAccessibleName"),
            ("accessibleDescription", "setAccessibleDescription"),
        ):
            again = _again(getattr(widget, getter)(), table)
            if again is not None:
                getattr(widget, setter)(again)
        if isinstance(widget, QLabel | QAbstractButton):
            again = _again(widget.text(), table)
            if again is not None:
                widget.setText(again)
        if isinstance(widget, QGroupBox):
            again = _again(widget.title(), table)
            if again is not None:
                widget.setTitle(again)
        if hasattr(widget, "placeholderText"):
            again = _again(widget.placeholderText(), table)
            if again is not None:
                widget.setPlaceholderText(again)
        if isinstance(widget, QMenu):
            again = _again(widget.title(), table)
            if again is not None:
                widget.setTitle(again)
    for action in root.findChildren(QAction):
        for getter, setter in (("text", "setText"), ("toolTip", "setToolTip")):
            again = _again(getattr(action, getter)(), table)
            if again is not None:
                getattr(action, setter)(again)


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


# ---------------------------------------------------------------------- cases' languages


def case_languages(entry: object) -> list[str]:
    """The languages a library entry's case can be played in ('en' first): the translation
    files beside it (``x.cy.yaml``). Reads only the folder listing (cached while the folder
    is unchanged), never the case model: the library paints before that is imported."""
    from trainer.core.paths import TRANSLATION_FILE

    path = getattr(entry, "path", None)
    if path is None or getattr(entry, "meta", None) is None:
        return []
    path = Path(path)
    folder = path.parent
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return [SOURCE_LANGUAGE]
    cached = _FOLDERS.get(folder)
    if cached is None or cached[0] != stamp:
        found: dict[str, set[str]] = {}
        try:
            for sibling in folder.iterdir():
                match = TRANSLATION_FILE.match(sibling.name)
                if match:
                    found.setdefault(match["stem"], set()).add(match["lang"])
        except OSError:
            pass
        cached = _FOLDERS[folder] = (stamp, found)
    return [SOURCE_LANGUAGE, *sorted(cached[1].get(path.stem, ()))]


_FOLDERS: dict[Path, tuple[int, dict[str, set[str]]]] = {}


def language_choices() -> list[str]:
    """The library's language filter: all, then each language by its own name."""
    return [QCoreApplication.translate("Language", "All"), *LANGUAGES.values()]


def has_language(entry: object, choice: int) -> bool:
    """Whether ``entry`` passes the language filter's ``choice`` (0: all)."""
    if choice <= 0:
        return True
    code = list(LANGUAGES)[choice - 1]
    return code in case_languages(entry)


def languages_line(entry: object) -> str:
    """'English, Cymraeg': the languages the case is available in, for the library."""
    names = [LANGUAGES.get(code, code) for code in case_languages(entry)]
    return QCoreApplication.translate("Language", "In: {names}").format(names=", ".join(names))


def qtr(context: str, text: str) -> str:
    """``text`` (marked with ``QT_TRANSLATE_NOOP(context, ...)`` where it is defined) in the
    interface language."""
    return QCoreApplication.translate(context, text)


def pct(value: float) -> str:
    """A whole percentage in the interface's locale ("52%", "52%" in Welsh too)."""
    number = QLocale().toString(round(value))
    return QCoreApplication.translate("Words", "{number}%").format(number=number)


def case_title(entry: object) -> str:
    """The title of the case as it is being played (in its translation, if one is open)."""
    if entry is None:
        return ""
    loaded = getattr(entry, "loaded", None)
    case = getattr(loaded, "case", None)
    return str(getattr(case, "title", "") or getattr(entry, "title", ""))


def shown_case(entry: object) -> object:
    """The entry's case in the interface language if it has that translation (for the case
    start), else the case itself. A translation that cannot be read falls back to English."""
    loaded = getattr(entry, "loaded", None)
    language = CURRENT[0]
    if loaded is None or language == SOURCE_LANGUAGE or language not in case_languages(entry):
        return getattr(loaded, "case", None)
    key = (str(getattr(entry, "path", "")), str(getattr(loaded, "sha256", "")), language)
    if key not in _SHOWN:
        from trainer.core.errors import TrainerError
        from trainer.core.loader import load_case

        try:
            _SHOWN[key] = load_case(Path(entry.path), language=language).case  # type: ignore[attr-defined]
        except (TrainerError, OSError):
            _SHOWN[key] = loaded.case
    return _SHOWN[key]
