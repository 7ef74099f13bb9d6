"""Where to find support: UK helplines (domain guide, section 7), shown one click away.

The numbers were gathered from public sources; check opening hours before release.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP

from trainer.ui.language import qtr

HELPLINES: tuple[tuple[str, str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("Support", "Emergency"),
        "999",
        QT_TRANSLATE_NOOP(
            "Support", "If you are in danger now. If you cannot speak, press 55 when asked."
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "National Domestic Abuse Helpline (Refuge)"),
        "0808 2000 247",
        QT_TRANSLATE_NOOP(
            "Support",
            "Free, 24 hours, for anyone experiencing domestic abuse, and people worried about someone.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "Live Fear Free (Wales)"),
        "0808 80 10 800",
        QT_TRANSLATE_NOOP("Support", "Free, 24 hours, 7 days. Answers in Welsh or English."),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "Men's Advice Line"),
        "0808 801 0327",
        QT_TRANSLATE_NOOP("Support", "For men experiencing domestic abuse."),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "Respect Phoneline"),
        "0808 802 4040",
        QT_TRANSLATE_NOOP(
            "Support", "For people worried about their own behaviour towards a partner."
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "Galop"),
        "0800 999 5428",
        QT_TRANSLATE_NOOP("Support", "For LGBT+ people experiencing abuse."),
    ),
    (
        QT_TRANSLATE_NOOP("Support", "National Stalking Helpline"),
        "0300 636 0300",
        QT_TRANSLATE_NOOP("Support", "Advice on stalking."),
    ),
)

BREAK_MESSAGE = QT_TRANSLATE_NOOP(
    "Support",
    "Take as long as you need. Your progress is saved, and the case will wait for you "
    "exactly where you left it. Some of this material is close to real life; if it has "
    "stirred something up, you are not alone.",
)

UNIVERSITY_MESSAGE = QT_TRANSLATE_NOOP(
    "Support",
    "Your university's student support or wellbeing service, your personal tutor and "
    "your practice educator can also help.",
)


NUMBERS_NOTE = QT_TRANSLATE_NOOP(
    "Support", "Numbers from public sources; check opening hours before you call."
)
QT_TRANSLATE_NOOP("Support", "Where to find support")


def support_html() -> str:
    """The support information as Qt rich text (no external resources)."""
    rows = "".join(
        f"<tr><td style='padding:4px 12px 4px 0'><b>{escape(qtr('Support', name))}</b><br>{escape(qtr('Support', note))}</td>"
        f"<td style='padding:4px 0'><b>{escape(number)}</b></td></tr>"
        for name, number, note in HELPLINES
    )
    return (
        f"<h2>{escape(qtr('Support', 'Where to find support'))}</h2>"
        f"<p>{escape(qtr('Support', UNIVERSITY_MESSAGE))}</p>"
        f"<table>{rows}</table>"
        f"<p>{escape(qtr('Support', NUMBERS_NOTE))}</p>"
    )


def support_text() -> str:
    """The helplines as plain text (for the PDF and for a screen reader summary)."""
    return "\n".join(f"{qtr('Support', name)}: {number}" for name, number, _ in HELPLINES)
