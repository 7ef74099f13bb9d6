"""The debrief's fixed text in the interface language.

``trainer.core.debrief`` writes the debrief as Markdown in English (the core has no Qt);
the screen shows it through :func:`translate_debrief`, which puts the fixed words (the
headings, labels, judgements and the scoring reasons) into the interface language by the
line shapes the core writes, leaving the case's own text (already in the case's language)
alone. An untranslated shape stays English rather than breaking.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

C = "DebriefText"

HEADINGS = (
    QT_TRANSLATE_NOOP("DebriefText", "Why"),
    QT_TRANSLATE_NOOP("DebriefText", "Summary"),
    QT_TRANSLATE_NOOP("DebriefText", "Every decision, in detail"),
    QT_TRANSLATE_NOOP("DebriefText", "Safety-critical errors"),
    QT_TRANSLATE_NOOP("DebriefText", "Competencies"),
    QT_TRANSLATE_NOOP("DebriefText", "Risk identification and rating"),
    QT_TRANSLATE_NOOP("DebriefText", "Confident, but not safe"),
    QT_TRANSLATE_NOOP("DebriefText", "Order of work"),
    QT_TRANSLATE_NOOP("DebriefText", "Your path"),
    QT_TRANSLATE_NOOP("DebriefText", "References"),
)
LINES = (  # whole lines (paragraphs) the core writes
    QT_TRANSLATE_NOOP("DebriefText", "Indicators present here:"),
    QT_TRANSLATE_NOOP("DebriefText", "Also defensible here:"),
    QT_TRANSLATE_NOOP(
        "DebriefText",
        "Endings like this are hard to read. This one follows from choices in a training "
        "case; it says nothing about who you are as a practitioner, and harm is always the "
        "responsibility of the person who causes it. If it has stirred anything up, the "
        "Support screen lists people to talk to.",
    ),
    QT_TRANSLATE_NOOP(
        "DebriefText",
        "You felt highly confident about these choices, but they were not safe practice. "
        "Confidence is worth checking against evidence.",
    ),
    QT_TRANSLATE_NOOP(
        "DebriefText",
        "**The one to think about:** nothing went wrong; which decision would you make "
        "differently in a real visit, and why?",
    ),
    QT_TRANSLATE_NOOP("DebriefText", "**Decisions that mattered most:**"),
    QT_TRANSLATE_NOOP("DebriefText", "The case is not finished yet."),
)
PREFIXES = (  # a fixed label, then the case's text
    QT_TRANSLATE_NOOP("DebriefText", "**What happened next.** "),
    QT_TRANSLATE_NOOP("DebriefText", "**The one to think about:** "),
    QT_TRANSLATE_NOOP("DebriefText", "Your note: "),
    QT_TRANSLATE_NOOP("DebriefText", "Safe practice here: "),
    QT_TRANSLATE_NOOP("DebriefText", "See: "),
    QT_TRANSLATE_NOOP("DebriefText", "- Safety-critical error: "),
    QT_TRANSLATE_NOOP("DebriefText", "- ✔ ticked: "),
    QT_TRANSLATE_NOOP("DebriefText", "- ✖ missed: "),
)
WORDS = (  # inside the lines above (judgements, confidence, short labels)
    QT_TRANSLATE_NOOP("DebriefText", "Expected practice"),
    QT_TRANSLATE_NOOP("DebriefText", "Acceptable"),
    QT_TRANSLATE_NOOP("DebriefText", "Poor practice"),
    QT_TRANSLATE_NOOP("DebriefText", "Unsafe"),
    QT_TRANSLATE_NOOP("DebriefText", " — safety-critical error"),
    QT_TRANSLATE_NOOP("DebriefText", " · you were highly confident"),
    QT_TRANSLATE_NOOP("DebriefText", " · you were moderately confident"),
    QT_TRANSLATE_NOOP("DebriefText", " · you were lowly confident"),
    QT_TRANSLATE_NOOP("DebriefText", " (must be identified)"),
    QT_TRANSLATE_NOOP("DebriefText", "The order of work"),
    QT_TRANSLATE_NOOP("DebriefText", "not reached on this path"),
    QT_TRANSLATE_NOOP("DebriefText", "not assessed in this case"),
)
PATTERNS = (  # (English regex, translatable template with the same {names})
    (
        r"Overall score (?P<percent>\d+)% is below the pass mark of (?P<mark>\d+)%\.",
        QT_TRANSLATE_NOOP(
            "DebriefText", "Overall score {percent}% is below the pass mark of {mark}%."
        ),
    ),
    (
        r"(?P<title>.+): (?P<got>\d+)% is below the minimum of (?P<minimum>\d+)%\.",
        QT_TRANSLATE_NOOP("DebriefText", "{title}: {got}% is below the minimum of {minimum}%."),
    ),
    (
        r"Passed: (?P<percent>\d+)% overall, every competency at or above its minimum, and "
        r"no safety-critical error\.",
        QT_TRANSLATE_NOOP(
            "DebriefText",
            "Passed: {percent}% overall, every competency at or above its minimum, and no "
            "safety-critical error.",
        ),
    ),
    (
        r"(?P<title>.+): not reached on this path \(its minimum is (?P<minimum>\d+)%\)\.",
        QT_TRANSLATE_NOOP(
            "DebriefText", "{title}: not reached on this path (its minimum is {minimum}%)."
        ),
    ),
    (
        r"missed (?P<labels>.+), which must be identified",
        QT_TRANSLATE_NOOP("DebriefText", "missed {labels}, which must be identified"),
    ),
    (
        r"\*\*Ticked: nothing\*\*",
        QT_TRANSLATE_NOOP("DebriefText", "**Ticked: nothing**"),
    ),
    (
        r"Ticked: (?P<items>.+)",
        QT_TRANSLATE_NOOP("DebriefText", "Ticked: {items}"),
    ),
    (
        r"Rated risk: (?P<level>.+)",
        QT_TRANSLATE_NOOP("DebriefText", "Rated risk: {level}"),
    ),
    (
        r"The risk checklist \((?P<count>\d+) indicators? ticked\)",
        QT_TRANSLATE_NOOP("DebriefText", "The risk checklist (indicators ticked: {count})"),
    ),
)


def _t(text: str) -> str:
    return QCoreApplication.translate(C, text)


def translate_debrief(markdown_text: str) -> str:
    """The debrief Markdown with its fixed words in the interface language."""
    if _t("Why") == "Why" and _t("Summary") == "Summary":
        return markdown_text  # English (or no translation): nothing to do
    out = []
    for line in markdown_text.split("\n"):
        heading = re.fullmatch(r"(#{1,3}) (.*)", line)
        if heading and heading.group(2) in HEADINGS:
            out.append(f"{heading.group(1)} {_t(heading.group(2))}")
            continue
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped in LINES:
            out.append(indent + _t(stripped))
            continue
        for prefix in PREFIXES:
            if stripped.startswith(prefix):
                stripped = _t(prefix) + stripped[len(prefix) :]
                break
        for pattern, template in PATTERNS:
            stripped = re.sub(
                pattern,
                lambda m, t=template: _t(t).format(
                    **{
                        k: QLocale().toString(int(v)) if v.isdigit() else v
                        for k, v in m.groupdict().items()
                    }
                ),
                stripped,
            )
        judged = re.fullmatch(r"\*(.+)\*", stripped)  # *✔ Expected practice · you were …*
        marks = ("(✔ ", "(✖ ", "(○ ", "(△ ", "(must be")
        if (
            judged
            or stripped.startswith(("- ✔", "- ✖", "- ○", "- △"))
            or any(m in stripped for m in marks)
        ):
            for word in WORDS:
                stripped = stripped.replace(word, _t(word))
        trail = line[len(line.rstrip()) :]  # two spaces: a Markdown line break
        out.append(indent + stripped + trail if stripped else line)
    return "\n".join(out)
