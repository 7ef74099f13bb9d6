"""Learners' progress over cases and competencies (part of :class:`Store`)."""

from __future__ import annotations

import json
from typing import Any

from trainer.store.models import CaseProgress


class ProgressQueries:
    """Read-only progress queries; mixed into Store, which provides ``rows``."""

    rows: Any

    def case_progress(self, learner_id: str) -> dict[str, CaseProgress]:
        """Per case this learner has touched (cases not in the dict are 'not started')."""
        rows = self.rows(
            "SELECT case_id, COUNT(*) AS n, "
            "MAX(CASE WHEN status = 'completed' THEN percent END) AS best, "
            "MAX(CASE WHEN status = 'completed' AND passed = 1 THEN 1 ELSE 0 END) AS passed, "
            "MAX(status = 'completed') AS completed, MAX(status = 'in_progress') AS open, "
            "MAX(updated_at) AS last FROM attempts WHERE learner_id = ? AND kind = 'learner' "
            "GROUP BY case_id ORDER BY case_id",
            [learner_id],
        )
        out: dict[str, CaseProgress] = {}
        for r in rows:
            if r["passed"]:
                status = "passed"
            elif r["completed"]:
                status = "completed"
            elif r["open"]:
                status = "in progress"
            else:
                status = "not started"
            out[r["case_id"]] = CaseProgress(r["case_id"], status, r["best"], r["n"], r["last"])
        return out

    def competency_history(self, learner_id: str, case_id: str | None = None) -> list[dict]:
        sql = (
            "SELECT id, case_id, mode, ended_at, percent, result, "
            "json_extract(state, '$.origin') IS NOT NULL AS revisit "
            "FROM attempts WHERE learner_id = ? "
            "AND kind = 'learner' AND status = 'completed'"
        )
        params: list[Any] = [learner_id]
        if case_id is not None:
            sql += " AND case_id = ?"
            params.append(case_id)
        history = []
        for r in self.rows(sql + " ORDER BY ended_at, rowid", params):
            result = json.loads(r["result"]) if r["result"] else {}
            history.append(
                {
                    "attempt_id": r["id"],
                    "case_id": r["case_id"],
                    "mode": r["mode"],
                    # a replay from one decision ("Revisit this decision"): never counted
                    "revisit": bool(r["revisit"]),
                    "steps": [
                        (s.get("kind"), s.get("scene"), s.get("points") or {})
                        for s in result.get("steps", [])
                        if isinstance(s, dict)
                    ],
                    "ended_at": r["ended_at"],
                    "percent": r["percent"],
                    "percents": result.get("percents", {}),
                }
            )
        return history
