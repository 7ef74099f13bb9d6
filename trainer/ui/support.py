"""Where to find support: UK helplines (domain guide, section 7), shown one click away.

The numbers were gathered from public sources; check opening hours before release.
"""

from __future__ import annotations

from html import escape

HELPLINES: tuple[tuple[str, str, str], ...] = (
    ("Emergency", "999", "If you are in danger now. If you cannot speak, press 55 when asked."),
    (
        "National Domestic Abuse Helpline (Refuge)",
        "0808 2000 247",
        "Free, 24 hours, for anyone experiencing domestic abuse, and people worried about someone.",
    ),
    ("Live Fear Free (Wales)", "0808 80 10 800", "Free, 24 hours, 7 days."),
    ("Men's Advice Line", "0808 801 0327", "For men experiencing domestic abuse."),
    (
        "Respect Phoneline",
        "0808 802 4040",
        "For people worried about their own behaviour towards a partner.",
    ),
    ("Galop", "0800 999 5428", "For LGBT+ people experiencing abuse."),
    ("National Stalking Helpline", "0300 636 0300", "Advice on stalking."),
)

BREAK_MESSAGE = (
    "Take as long as you need. Your progress is saved, and the case will wait for you "
    "exactly where you left it. Some of this material is close to real life; if it has "
    "stirred something up, you are not alone."
)

UNIVERSITY_MESSAGE = (
    "Your university's student support or wellbeing service, your personal tutor and "
    "your practice educator can also help."
)


def support_html() -> str:
    """The support information as Qt rich text (no external resources)."""
    rows = "".join(
        f"<tr><td style='padding:4px 12px 4px 0'><b>{escape(name)}</b><br>{escape(note)}</td>"
        f"<td style='padding:4px 0'><b>{escape(number)}</b></td></tr>"
        for name, number, note in HELPLINES
    )
    return (
        "<h2>Where to find support</h2>"
        f"<p>{escape(UNIVERSITY_MESSAGE)}</p>"
        f"<table>{rows}</table>"
        "<p>Numbers from public sources; check opening hours before you call.</p>"
    )


def support_text() -> str:
    """The helplines as plain text (for the PDF and for a screen reader summary)."""
    return "\n".join(f"{name}: {number}" for name, number, _ in HELPLINES)
