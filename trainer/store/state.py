"""Saving a session's state quickly (it is written with every decision)."""

from __future__ import annotations

import dataclasses
from typing import Any

from trainer.core.scoring import Decision
from trainer.core.session import STATE_FORMAT, Session

_DECISION_FIELDS = tuple(f.name for f in dataclasses.fields(Decision))


def fast_state(session: Session) -> dict[str, Any]:
    """``session.state()`` without ``dataclasses.asdict`` per decision (about 5x faster).

    :class:`Store` checks once per store that it equals ``session.state()`` and
    falls back to the real thing if the engine's state format ever differs.
    """
    decisions = []
    for decision in session.decisions:
        item = {name: getattr(decision, name) for name in _DECISION_FIELDS}
        item["ticked"] = list(decision.ticked)
        decisions.append(item)
    return {
        "format": STATE_FORMAT,
        "case_id": session.case.id,
        "case_version": session.case.version,
        "case_sha256": session.loaded.sha256,
        "scene": session.scene_id,
        "flags": sorted(session.flags),
        "decisions": decisions,
        "origin": session.origin,
    }
