"""What `trainer play --learner NAME` needs from the store, in four calls.

play = TerminalPlay.begin(store, "Ann", loaded, mode)   # get-or-create learner,
                                                        # resume or start an attempt
play.session                    # the Session to drive (resumed at the exact scene)
play.record(session, step)      # after each decision: committed before it returns
play.finish(result)             # at the ending; then optionally
play.save_reflection(text)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.loader import LoadedCase
from trainer.core.scoring import Result, StepResult
from trainer.core.session import Session
from trainer.store.errors import ResumeError
from trainer.store.models import Attempt, Learner
from trainer.store.store import Store


def learner_for(store: Store, text: str, student_id: str | None = None) -> Learner:
    """The learner with this id, student ID number or name; a new profile if none.
    ``student_id``: set (or change) the learner's student ID number."""
    return store.learner_named(text, student_id)


@dataclass
class TerminalPlay:
    store: Store
    learner: Learner
    attempt: Attempt
    session: Session
    resumed: bool = False
    notices: list[str] = field(default_factory=list)

    @classmethod
    def begin(cls, store: Store, learner_text: str, loaded: LoadedCase, mode: str) -> TerminalPlay:
        """Resume this learner's unfinished attempt at the case, else start a new one."""
        learner = learner_for(store, learner_text)
        notices = list(store.notices)
        unfinished = store.unfinished_attempt(learner.id, loaded.case.id)
        if unfinished is not None:
            try:
                session = store.resume(unfinished, loaded)
                store.record_resume(unfinished.id, session.scene_id)
                return cls(store, learner, store.attempt(unfinished.id), session, True, notices)
            except ResumeError as exc:
                notices.append(f"{exc.headline} {exc.advice}".strip())
        attempt = store.start_attempt(learner.id, loaded, mode)
        return cls(store, learner, attempt, Session(loaded), False, notices)

    @property
    def mode(self) -> str:
        return self.attempt.mode

    def record(self, session: Session, step: StepResult | None) -> None:
        self.store.record_decision(self.attempt.id, session, step)

    def saved(self) -> int:
        """How many decisions of this attempt the database holds."""
        return len(self.store.decisions(self.attempt.id))

    def pause(self) -> None:
        """The learner stopped before the ending (every decision is already saved)."""
        if not self.session.is_finished:
            self.store.record_pause(self.attempt.id, self.session.scene_id)

    def finish(self, result: Result) -> None:
        self.store.finish_attempt(self.attempt.id, result)

    def save_reflection(self, text: str) -> None:
        if text.strip():
            self.store.save_reflection(self.attempt.id, text.strip())
