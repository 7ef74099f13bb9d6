"""The one error hierarchy of Casework Trainer.

Every error a user can meet descends from :class:`TrainerError`. Each carries a
short ``headline`` and optional ``advice`` so the command line and the GUI can
show it the same way (one place shows errors: ``trainer.cli`` and
``trainer.ui.errors``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a case file, printed compiler-style."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


class TrainerError(Exception):
    """Root of every error Casework Trainer raises on purpose."""

    def __init__(self, headline: str, advice: str = "") -> None:
        super().__init__(headline)
        self.headline = headline
        self.advice = advice

    def __str__(self) -> str:
        headline = self.headline.rstrip()
        if self.advice and headline and headline[-1] not in ".!?:":
            headline += "."  # two sentences, not one run together
        return f"{headline} {self.advice}".strip()


class CaseError(TrainerError):
    """A case file (or the catalogue) could not be loaded; ``problems`` says where."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = sorted(problems)
        first = self.problems[0] if self.problems else None
        headline = f"{path}: {len(self.problems)} problem(s)"
        if first is not None:
            headline = str(first)
        super().__init__(headline, "Fix the case file and try again.")


class SessionError(TrainerError):
    """A play session was asked to do something the current scene does not allow."""


class StateError(TrainerError):
    """A saved play state cannot be resumed (wrong version, wrong case, or it no longer fits)."""
