"""An attempt saved in one language resumes in the other; records keep the case's own title."""

from __future__ import annotations

from trainer.core.loader import bundled_scenarios, load_case
from trainer.core.session import Session
from trainer.core.testwise import best_level, best_ticks, expected_option
from trainer.store.store import Store

CASE = bundled_scenarios() / "coercive-control-economic-abuse-wales.yaml"


def _step(session: Session) -> object:
    scene = session.scene
    loaded = session.loaded
    if scene.decision is not None:
        offered = {o.id for o in session.options}
        choices = [c for c in scene.decision.options if c.id in offered]
        return session.choose(expected_option(choices).id)
    if scene.checklist is not None:
        return session.tick(best_ticks(loaded, scene.checklist))
    if scene.rating is not None:
        return session.rate(best_level(loaded, scene.rating))
    session.advance()
    return None


def test_an_attempt_started_in_english_resumes_in_welsh(store: Store) -> None:
    english = load_case(CASE)
    welsh = load_case(CASE, language="cy")
    learner = store.create_learner("Nia")
    attempt = store.start_attempt(learner.id, welsh, "practice")
    assert store.attempt(attempt.id).case_title == english.case.title  # not the Welsh title
    session = Session(english)
    for _ in range(3):
        store.record_decision(attempt.id, session, _step(session))  # type: ignore[arg-type]
    resumed = store.resume(store.attempt(attempt.id), welsh)
    assert resumed.scene_id == session.scene_id
    assert [d.as_dict() for d in resumed.decisions] == [d.as_dict() for d in session.decisions]
    assert resumed.loaded.language == "cy"
    while not resumed.is_finished:
        store.record_decision(attempt.id, resumed, _step(resumed))  # type: ignore[arg-type]
    store.finish_attempt(attempt.id, resumed.result())
    finished = store.attempt(attempt.id)
    assert finished.status == "completed"
    assert store.resume(finished, english).result().percent == resumed.result().percent
