"""A learner's "why?" note on a checklist or rating reaches the tutor's transcript export."""

from __future__ import annotations

from trainer.core.session import Session
from trainer.store.reports import transcripts


def test_a_note_is_in_the_transcript_beside_its_decision(store, mini) -> None:  # noqa: ANN001
    ann = store.create_learner("Ann Example", "S1001", "Group A")
    attempt = store.start_attempt(ann.id, mini, "assessed")
    session = Session(mini)
    for act in (
        lambda: session.choose("check-safe", "high"),
        lambda: session.choose("listen"),
        lambda: session.tick(["strangulation", "very-frightened"], note="She said: by the neck"),
        lambda: session.rate("high"),
    ):
        store.record_decision(attempt.id, session, act())
    view = transcripts(store)
    rows = [dict(zip(view.columns, row, strict=True)) for row in view.rows]
    assert [r["learner_note"] for r in rows] == [None, None, "She said: by the neck", None]
    assert rows[2]["action"].startswith("Ticked:")
