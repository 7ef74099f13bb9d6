"""Course-lead views of the store: what every export format writes.

Each view is a title, column names and rows, computed in SQL over learners'
own plays (tutor plays never appear):

* ``summary``: one row per learner and case;
* ``attempts``: one row per attempt (the columns gradebooks and analysts expect);
* ``competencies``: each learner's average percent per competency;
* ``choices``: for each decision, what share of the cohort chose each option;
* ``transcripts``: every decision of every attempt, in order, with its feedback.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from trainer.store.database import TIMESTAMP_WIDTH
from trainer.store.store import Store

SUMMARY_COLUMNS = [
    "student_id",
    "display_name",
    "cohort",
    "case_id",
    "case_title",
    "case_version",
    "attempts",
    "completed",
    "best_percent",
    "latest_percent",
    "passed",
    "critical_errors",
    "time_spent_s",
    "completed_at",
]

# The summary query, shared with bench/store_bench.py's raw baseline. One GROUP BY pass
# (window functions were 2.5x slower). "The value from the newest row" is taken as
# MAX(timestamp || value) cut after the timestamp: every timestamp in the store is
# utc_now()'s fixed-width ISO 8601 form (imports are checked for it), so the greatest
# string belongs to the newest row.
SUMMARY_SQL = """
SELECT a.learner_id, l.student_id, l.display_name, l.cohort, a.case_id,
    substr(MAX(a.started_at || a.case_title), {cut}) AS case_title,
    substr(MAX(a.started_at || a.case_version), {cut}) AS case_version,
    COUNT(*) AS attempts,
    SUM(a.status = 'completed') AS completed,
    MAX(CASE WHEN a.status = 'completed' THEN a.percent END) AS best_percent,
    CAST(substr(MAX(CASE WHEN a.status = 'completed' THEN a.ended_at || a.percent END),
        {cut}) AS REAL) AS latest_percent,
    MAX(CASE WHEN a.status = 'completed' THEN a.passed ELSE 0 END) AS passed,
    SUM(COALESCE(a.critical_errors, 0)) AS critical_errors,
    ROUND(SUM(a.active_ms) / 1000.0, 1) AS time_spent_s,
    MAX(CASE WHEN a.status = 'completed' THEN a.ended_at END) AS completed_at
FROM attempts a JOIN learners l ON l.id = a.learner_id
WHERE a.kind = 'learner' {cohort_filter}
GROUP BY a.learner_id, a.case_id
ORDER BY l.cohort, l.display_name COLLATE NOCASE, a.learner_id, a.case_id
"""


@dataclass
class View:
    name: str
    title: str
    columns: list[str]
    rows: Iterable[tuple[Any, ...]]


class Pseudonyms:
    """Stable pseudonyms: the same learner gets the same one in every export from this
    database (an HMAC of the learner's UUID under a key kept in the database)."""

    def __init__(self, store: Store, enabled: bool) -> None:
        self.enabled = enabled
        self.key = (store.meta("pseudonym_key") or "").encode()
        self._cache: dict[str, str] = {}

    def name(self, learner_id: str, display_name: str) -> str:
        if not self.enabled:
            return display_name
        found = self._cache.get(learner_id)
        if found is None:
            digest = hmac.new(self.key, learner_id.encode(), hashlib.sha256).hexdigest()
            found = self._cache[learner_id] = f"Learner {digest[:8].upper()}"
        return found

    def student_id(self, student_id: str | None) -> str | None:
        return None if self.enabled else student_id


def _cohort(cohort: str | None, alias: str = "l") -> tuple[str, list[Any]]:
    return (f"AND {alias}.cohort = ?", [cohort]) if cohort else ("", [])


def summary_sql(cohort: str | None) -> tuple[str, list[Any]]:
    where, params = _cohort(cohort)
    return SUMMARY_SQL.format(cohort_filter=where, cut=TIMESTAMP_WIDTH + 1), params


def summary(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> View:
    names = Pseudonyms(store, pseudonymise)
    sql, params = summary_sql(cohort)

    def rows() -> Iterator[tuple[Any, ...]]:
        cursor = store.conn.execute(sql, params)
        if not pseudonymise:  # the columns after the learner's UUID, as they come
            yield from (r[1:] for r in cursor)
            return
        for r in cursor:
            yield (names.student_id(r[1]), names.name(r[0], r[2]), *r[3:])

    return View("summary", "Summary by learner and case", SUMMARY_COLUMNS, rows())


ATTEMPT_COLUMNS = [
    "student_id",
    "display_name",
    "cohort",
    "case_id",
    "case_version",
    "attempt_no",
    "mode",
    "status",
    "started_at",
    "completed_at",
    "duration_s",
    "score_raw",
    "score_max",
    "score_pct",
    "passed",
    "critical_errors",
    "unsafe_choices",
    "last_node",
    "app_version",
]


def attempts(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> View:
    names = Pseudonyms(store, pseudonymise)
    where, params = _cohort(cohort)
    sql = f"""
        SELECT a.learner_id, l.student_id, l.display_name, l.cohort, a.case_id,
            a.case_version,
            ROW_NUMBER() OVER (PARTITION BY a.learner_id, a.case_id ORDER BY a.started_at),
            a.mode, a.status, a.started_at, a.ended_at, ROUND(a.active_ms / 1000.0, 1),
            a.score_raw, a.score_max, a.percent, a.passed, a.critical_errors,
            a.unsafe_choices, a.last_scene, a.app_version
        FROM attempts a JOIN learners l ON l.id = a.learner_id
        WHERE a.kind = 'learner' {where}
        ORDER BY l.cohort, l.display_name COLLATE NOCASE, a.learner_id, a.case_id, a.started_at
    """

    def rows() -> Iterator[tuple[Any, ...]]:
        for r in store.conn.execute(sql, params):
            yield (names.student_id(r[1]), names.name(r[0], r[2]), *r[3:])

    return View("attempts", "Attempts", ATTEMPT_COLUMNS, rows())


def competencies(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> View:
    names = Pseudonyms(store, pseudonymise)
    where, params = _cohort(cohort)
    sql = f"""
        SELECT a.learner_id, l.student_id, l.display_name, l.cohort, j.key,
            ROUND(AVG(j.value), 1), COUNT(j.value)
        FROM attempts a JOIN learners l ON l.id = a.learner_id,
            json_each(a.result, '$.percents') AS j
        WHERE a.kind = 'learner' AND a.status = 'completed' AND j.value IS NOT NULL {where}
        GROUP BY a.learner_id, j.key
        UNION ALL
        SELECT NULL, NULL, 'All learners', ?, j.key, ROUND(AVG(j.value), 1), COUNT(j.value)
        FROM attempts a JOIN learners l ON l.id = a.learner_id,
            json_each(a.result, '$.percents') AS j
        WHERE a.kind = 'learner' AND a.status = 'completed' AND j.value IS NOT NULL {where}
        GROUP BY j.key
    """
    everyone = cohort or "(all cohorts)"

    def rows() -> Iterator[tuple[Any, ...]]:
        found = [
            (names.student_id(r[1]), r[2] if r[0] is None else names.name(r[0], r[2]), *r[3:])
            for r in store.conn.execute(sql, [*params, everyone, *params])
        ]
        # learners by cohort and name, then the 'All learners' averages
        found.sort(key=lambda r: (r[1] == "All learners", r[2] or "", r[1].lower(), r[3]))
        yield from found

    columns = ["student_id", "display_name", "cohort", "competency", "average_percent", "attempts"]
    return View("competencies", "Average percent per competency", columns, rows())


def choices(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> View:
    where, params = _cohort(cohort)
    sql = f"""
        SELECT a.case_id, d.scene, d.kind, COALESCE(d.choice, d.rating), MAX(d.label),
            MAX(d.judgement), COUNT(*),
            ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY a.case_id, d.scene), 1)
        FROM decisions d JOIN attempts a ON a.id = d.attempt_id
            JOIN learners l ON l.id = a.learner_id
        WHERE a.kind = 'learner' AND d.kind IN ('choice', 'rating') {where}
        GROUP BY a.case_id, d.scene, COALESCE(d.choice, d.rating)
        UNION ALL
        SELECT a.case_id, d.scene, 'checklist', t.value, 'Ticked ' || t.value, NULL,
            COUNT(*), ROUND(100.0 * COUNT(*) / (
                SELECT COUNT(*) FROM decisions d2 JOIN attempts a2 ON a2.id = d2.attempt_id
                    JOIN learners l2 ON l2.id = a2.learner_id
                WHERE a2.kind = 'learner' AND a2.case_id = a.case_id AND d2.scene = d.scene
                    {where.replace("l.", "l2.")}), 1)
        FROM decisions d JOIN attempts a ON a.id = d.attempt_id
            JOIN learners l ON l.id = a.learner_id, json_each(d.ticked) AS t
        WHERE a.kind = 'learner' AND d.kind = 'checklist' {where}
        GROUP BY a.case_id, d.scene, t.value
        ORDER BY 1, 2, 7 DESC
    """
    columns = ["case_id", "scene", "kind", "option", "label", "judgement", "count", "share_pct"]
    rows = store.conn.execute(sql, [*params, *params, *params])
    return View("choices", "How the cohort's choices were distributed", columns, rows)


TRANSCRIPT_COLUMNS = [
    "student_id",
    "display_name",
    "case_id",
    "attempt_no",
    "attempt_id",
    "step",
    "scene",
    "action",
    "judgement",
    "points",
    "critical",
    "confidence",
    "time_s",
    "feedback",
    "learner_note",  # the learner's optional "why?" on a checklist or rating
]


_STRONG = re.compile(r"\*\*(.+?)\*\*", re.S)
# [^*]+ rather than .+?: a failed match stops at the next '*', so 90 KB of "*a " takes
# milliseconds instead of a minute (the lazy dot rescanned the rest of the text each time).
_EMPHASIS = re.compile(r"(?<![*\w])\*(?!\s)([^*]+?)(?<!\s)\*(?![*\w])")


def plain_text(markdown_text: str | None) -> str | None:
    """Feedback Markdown as plain text for spreadsheets and reports (emphasis marks go)."""
    if not markdown_text:
        return markdown_text
    return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", markdown_text))


def transcripts(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> View:
    names = Pseudonyms(store, pseudonymise)
    where, params = _cohort(cohort)
    sql = f"""
        WITH numbered AS (
            SELECT a.id, a.learner_id, a.case_id, a.started_at, ROW_NUMBER() OVER (
                PARTITION BY a.learner_id, a.case_id ORDER BY a.started_at) AS attempt_no
            FROM attempts a JOIN learners l ON l.id = a.learner_id
            WHERE a.kind = 'learner' {where}
        )
        SELECT n.learner_id, l.student_id, l.display_name, n.case_id, n.attempt_no, n.id,
            d.seq + 1, d.scene, d.label, d.judgement, d.points, d.critical, d.confidence,
            ROUND(d.elapsed_ms / 1000.0, 1), d.feedback,
            json_extract(a.state, '$.decisions[' || d.seq || '].note')
        FROM numbered n JOIN learners l ON l.id = n.learner_id
            JOIN decisions d ON d.attempt_id = n.id
            JOIN attempts a ON a.id = n.id
        ORDER BY l.cohort, l.display_name COLLATE NOCASE, n.learner_id, n.case_id,
            n.started_at, d.seq
    """

    def rows() -> Iterator[tuple[Any, ...]]:
        for r in store.conn.execute(sql, params):
            note = r[-1] if isinstance(r[-1], str) else None
            yield (
                names.student_id(r[1]),
                names.name(r[0], r[2]),
                *r[3:-2],
                plain_text(r[-2]),
                note,
            )

    return View("transcripts", "Transcripts: every decision, in order", TRANSCRIPT_COLUMNS, rows())


VIEWS = (summary, attempts, competencies, choices, transcripts)


def all_views(store: Store, cohort: str | None = None, pseudonymise: bool = False) -> list[View]:
    return [make(store, cohort, pseudonymise) for make in VIEWS]
