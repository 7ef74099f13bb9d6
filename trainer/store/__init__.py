"""The progress store: everything that touches SQLite (learners, attempts, decisions,
resume, progress files and course-lead exports)."""

from trainer.store.errors import ProgressFileError, ResumeError, StoreError
from trainer.store.models import Attempt, CaseProgress, Learner
from trainer.store.store import Store, open_store

__all__ = [
    "Attempt",
    "CaseProgress",
    "Learner",
    "ProgressFileError",
    "ResumeError",
    "Store",
    "StoreError",
    "open_store",
]
