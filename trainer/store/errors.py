"""Errors the progress store raises; all are :class:`TrainerError` (headline + advice)."""

from __future__ import annotations

from trainer.core.errors import TrainerError


class StoreError(TrainerError):
    """The progress database could not do what was asked; nothing already saved was lost."""


class ResumeError(StoreError):
    """A saved attempt cannot be resumed (the case changed too much); it is kept as 'stale'."""


class ProgressFileError(StoreError):
    """A progress file is malformed, truncated, altered, foreign or from a newer app."""
