"""xAPI 1.0.3 statements for what a learner does: the vocabulary (see docs/xapi.md).

Pure Python, no I/O: the store calls these builders inside the transaction that records
a decision, so a statement's ``id`` and ``timestamp`` are fixed when it happens and a
re-sent statement is the same statement. :func:`parse_statement` reads them back for
course-lead reports built from an LRS.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote as _quote

VERSION = "1.0.3"
LANG = "en-GB"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "initialized": ADL + "initialized",
    "answered": ADL + "answered",
    "suspended": ADL + "suspended",
    "resumed": ADL + "resumed",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "terminated": ADL + "terminated",
    "commented": ADL + "commented",
}
VERB_NAMES = {iri: name for name, iri in VERBS.items()}
# The verb objects, built once (statements share them: they are serialised, never changed).
_VERB_OBJECTS = {name: {"id": iri, "display": {"en-US": name}} for name, iri in VERBS.items()}
# Our own concepts: extension keys are fixed IRIs (not the institution's base), so one
# dashboard reads every institution's statements the same way.
EXT = "https://w3id.org/casework-trainer/xapi/extensions/"
ACTIVITY_TYPES = {
    "case": "http://adlnet.gov/expapi/activities/simulation",
    "scene": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "choice": "http://adlnet.gov/expapi/activities/interaction",
}
PLATFORM = "Casework Trainer"
DEFAULT_HOME_PAGE = "https://casework-trainer.invalid/students"
DEFAULT_ACTIVITY_BASE = "https://casework-trainer.invalid/activities"


@lru_cache(maxsize=4096)
def quote(text: str, safe: str = "") -> str:
    """Percent-encoding for IRI path segments (case and scene ids are safe already; this
    keeps odd ones valid), cached: it runs for every statement."""
    return _quote(text, safe=safe)


@dataclass(frozen=True)
class Vocabulary:
    """What the course lead configures about statements (the rest is fixed)."""

    home_page: str = DEFAULT_HOME_PAGE
    activity_base: str = DEFAULT_ACTIVITY_BASE
    pseudonymise: bool = False
    send_names: bool = False
    pseudonym_key: str = ""  # the course lead's, so pseudonyms agree across machines

    def case_iri(self, case_id: str) -> str:
        return f"{self.activity_base.rstrip('/')}/cases/{quote(case_id, safe='')}"

    def scene_iri(self, case_id: str, scene: str) -> str:
        return f"{self.case_iri(case_id)}/scenes/{quote(scene, safe='')}"

    def choice_iri(self, case_id: str, scene: str, option: str) -> str:
        return f"{self.scene_iri(case_id, scene)}/options/{quote(option, safe='')}"

    def account_name(self, learner_id: str, student_id: str | None, local_key: str) -> str:
        """The student ID number, or a pseudonymous id when pseudonymising (or when the
        learner has no student ID number): an HMAC under the course lead's key."""
        if student_id and not self.pseudonymise:
            return student_id
        key = (self.pseudonym_key or local_key).encode()
        digest = hmac.new(key, (student_id or learner_id).encode(), hashlib.sha256).hexdigest()
        return "p-" + digest[:20]


@dataclass(frozen=True)
class AttemptFacts:
    """Who is playing what: the parts of every statement of one attempt."""

    registration: str  # the attempt's UUID
    learner_id: str
    student_id: str | None
    display_name: str
    cohort: str | None
    case_id: str
    case_title: str
    case_version: str
    case_sha256: str
    mode: str
    app_version: str
    started_at: str
    local_key: str = ""  # the database's own pseudonym key (when the course lead set none)
    case_summary: str = ""
    scene_titles: dict[str, str] = field(default_factory=dict)


def duration(ms: int | None) -> str:
    """ISO 8601 duration, e.g. PT12.34S (xAPI recommends at most 0.01 s precision)."""
    return f"PT{max(0, ms or 0) / 1000:.2f}S"


def parse_duration_ms(text: str | None) -> int:
    import re

    if not text:
        return 0
    found = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?", text)
    if not found:
        return 0
    d, h, m, s = (float(g) if g else 0.0 for g in found.groups())
    return round((((d * 24 + h) * 60 + m) * 60 + s) * 1000)


def _lang(text: str) -> dict[str, str]:
    return {LANG: text}


class StatementBuilder:
    """Statements for one attempt under one vocabulary."""

    def __init__(self, vocab: Vocabulary, facts: AttemptFacts) -> None:
        self.vocab = vocab
        self.facts = facts
        self._actor: dict[str, Any] | None = None
        self._extensions: dict[str, Any] | None = None
        self._case: dict[str, Any] | None = None
        self._case_iri = vocab.case_iri(facts.case_id)
        self._parent = [{"objectType": "Activity", "id": self._case_iri}]

    def actor(self) -> dict[str, Any]:
        """The learner as an xAPI Agent (built once per attempt: shared, do not change it)."""
        if self._actor is None:
            f = self.facts
            actor: dict[str, Any] = {
                "objectType": "Agent",
                "account": {
                    "homePage": self.vocab.home_page,
                    "name": self.vocab.account_name(f.learner_id, f.student_id, f.local_key),
                },
            }
            if self.vocab.send_names and not self.vocab.pseudonymise:
                actor["name"] = f.display_name
            self._actor = actor
        return self._actor

    def case_activity(self) -> dict[str, Any]:
        """The case as an Activity (built once per attempt: shared, do not change it)."""
        if self._case is None:
            f = self.facts
            definition: dict[str, Any] = {
                "type": ACTIVITY_TYPES["case"],
                "name": _lang(f.case_title),
            }
            if f.case_summary:
                definition["description"] = _lang(f.case_summary[:500])
            self._case = {"objectType": "Activity", "id": self._case_iri, "definition": definition}
        return self._case

    def _context(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        f = self.facts
        if self._extensions is None:
            self._extensions = {
                EXT + "case-id": f.case_id,
                EXT + "case-version": f.case_version,
                EXT + "case-sha256": f.case_sha256,
                EXT + "mode": f.mode,
                EXT + "cohort": f.cohort,
                EXT + "started-at": f.started_at,
                EXT + "app-version": f.app_version,
            }
            if not self.vocab.pseudonymise and self.vocab.send_names:
                self._extensions[EXT + "display-name"] = f.display_name
        extensions = {**self._extensions, **extra} if extra else self._extensions
        return {
            "registration": f.registration,
            "platform": PLATFORM,
            "revision": f.case_version,
            "language": LANG,
            "contextActivities": {
                "parent": self._parent,
            },
            "extensions": extensions,
        }

    def _statement(
        self,
        statement_id: str,
        timestamp: str,
        verb: str,
        obj: dict[str, Any],
        result: dict[str, Any] | None = None,
        context_extra: dict[str, Any] | None = None,
        parent: bool = True,
    ) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "id": statement_id,
            "actor": self.actor(),
            "verb": _VERB_OBJECTS[verb],
            "object": obj,
            "context": self._context(context_extra),
            "timestamp": timestamp,
            "version": VERSION,
        }
        if not parent:  # the case itself is the object: it has no parent here
            del statement["context"]["contextActivities"]
        if result is not None:
            statement["result"] = result
        return statement

    # ------------------------------------------------------------------ events

    def initialized(
        self, statement_id: str, timestamp: str, scene: str | None = None
    ) -> dict[str, Any]:
        """The attempt started (``scene``: where, for a tutor's chosen start or a case's)."""
        return self._statement(
            statement_id, timestamp, "initialized", self.case_activity(), None,
            {EXT + "scene": scene}, parent=False,
        )  # fmt: skip

    def answered(
        self,
        statement_id: str,
        timestamp: str,
        *,
        seq: int,
        scene: str,
        kind: str,
        choice: str | None,
        ticked: list[str],
        rating: str | None,
        label: str,
        judgement: str | None,
        points: dict[str, float] | None,
        critical: bool,
        confidence: str | None,
        elapsed_ms: int | None,
        feedback: str | None,
        rules_broken: list[str],
        next_scene: str | None = None,
    ) -> dict[str, Any]:
        f = self.facts
        scene_title = f.scene_titles.get(scene) or scene
        interaction = {"choice": "choice", "checklist": "choice", "rating": "likert"}
        definition: dict[str, Any] = {
            "type": ACTIVITY_TYPES["scene"],
            "name": _lang(scene_title),
            "description": _lang(f"Scene '{scene}' of the case '{f.case_title}'."),
            "interactionType": interaction.get(kind, "other"),
        }
        obj = {
            "objectType": "Activity",
            "id": f"{self._case_iri}/scenes/{quote(scene)}",
            "definition": definition,
        }
        response = "[,]".join(ticked) if kind == "checklist" else choice or rating or ""
        result: dict[str, Any] = {"duration": duration(elapsed_ms)}
        if response:  # xAPI allows no empty values: a 'continue' has no response
            result["response"] = response
        if judgement is not None:
            result["success"] = judgement in ("expected", "acceptable")
        extensions: dict[str, Any] = {
            EXT + "step": seq + 1,
            EXT + "scene": scene,
            EXT + "next-scene": next_scene,
            EXT + "kind": kind,
            EXT + "label": label,
            EXT + "judgement": judgement,
            EXT + "critical-error": critical,
            EXT + "confidence": confidence,
            EXT + "elapsed-ms": elapsed_ms,
            EXT + "competency-points": points,
            EXT + "feedback": feedback,
            EXT + "sequence-rules-broken": rules_broken,
        }
        if kind == "checklist":
            extensions[EXT + "ticked"] = list(ticked)
        result["extensions"] = extensions
        statement = self._statement(statement_id, timestamp, "answered", obj, result)
        option = choice or rating
        if option:
            statement["context"].setdefault("contextActivities", {})["other"] = [
                {
                    "objectType": "Activity",
                    "id": f"{self._case_iri}/scenes/{quote(scene)}/options/{quote(option)}",
                    "definition": {"type": ACTIVITY_TYPES["choice"], "name": _lang(label)},
                }
            ]
        return statement

    def suspended(self, statement_id: str, timestamp: str, scene: str | None) -> dict[str, Any]:
        return self._statement(
            statement_id, timestamp, "suspended", self.case_activity(), None,
            {EXT + "scene": scene}, parent=False,
        )  # fmt: skip

    def resumed(self, statement_id: str, timestamp: str, scene: str | None) -> dict[str, Any]:
        return self._statement(
            statement_id, timestamp, "resumed", self.case_activity(), None,
            {EXT + "scene": scene}, parent=False,
        )  # fmt: skip

    def finished(
        self,
        ids: tuple[str, str],
        timestamp: str,
        *,
        percent: float,
        passed: bool,
        score_raw: float,
        score_max: float,
        critical_errors: int,
        unsafe_choices: int,
        ending: str | None,
        percents: dict[str, float | None],
        active_ms: int,
        reasons: list[str],
    ) -> list[dict[str, Any]]:
        """'completed', then 'passed' or 'failed', with the same result."""
        low = min(0.0, score_raw)
        high = max(score_max, score_raw, low)
        result = {
            "score": {
                "scaled": max(-1.0, min(1.0, round(percent / 100, 4))),
                "raw": score_raw,
                "min": low,
                "max": high,
            },
            "success": passed,
            "completion": True,
            "duration": duration(active_ms),
            "extensions": {
                EXT + "percent": percent,
                EXT + "competency-percents": percents,
                EXT + "critical-errors": critical_errors,
                EXT + "unsafe-choices": unsafe_choices,
                EXT + "ending": ending,
                EXT + "active-ms": active_ms,
                EXT + "reasons": reasons,
            },
        }
        if ending:
            result["response"] = ending
        return [
            self._statement(ids[0], timestamp, "completed", self.case_activity(), result, parent=False),
            self._statement(
                ids[1], timestamp, "passed" if passed else "failed", self.case_activity(),
                result, parent=False,
            ),
        ]  # fmt: skip

    def terminated(self, statement_id: str, timestamp: str, status: str) -> dict[str, Any]:
        result = {"completion": False, "extensions": {EXT + "status": status}}
        return self._statement(
            statement_id, timestamp, "terminated", self.case_activity(), result, parent=False
        )

    def commented(self, statement_id: str, timestamp: str, text: str) -> dict[str, Any]:
        return self._statement(
            statement_id, timestamp, "commented", self.case_activity(),
            {"response": text} if text else {"completion": True},
            parent=False,
        )  # fmt: skip


# --------------------------------------------------------------------------- reading back


@dataclass
class ParsedStatement:
    """The facts of one of our statements, as the reports need them."""

    id: str
    verb: str  # our short name
    timestamp: str
    registration: str
    account: str
    home_page: str
    name: str | None
    case_id: str
    case_title: str | None
    context: dict[str, Any]
    result: dict[str, Any]
    object_id: str


def ext(data: dict[str, Any] | None, name: str, default: Any = None) -> Any:
    return (data or {}).get("extensions", {}).get(EXT + name, default)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def parse_statement(statement: Any) -> ParsedStatement | None:
    """Ours (a known verb, a registration and our case id), else None; never raises."""
    if not isinstance(statement, dict):
        return None
    verb = VERB_NAMES.get(str(_dict(statement.get("verb")).get("id", "")))
    context = _dict(statement.get("context"))
    registration = context.get("registration")
    case_id = ext(context, "case-id") if isinstance(context.get("extensions"), dict) else None
    actor = _dict(statement.get("actor"))
    account = _dict(actor.get("account"))
    name = account.get("name")
    if not verb or not isinstance(registration, str) or not isinstance(case_id, str):
        return None
    if not isinstance(name, str) or not name:
        return None
    obj = _dict(statement.get("object"))
    title = None
    if verb != "answered":
        title = _dict(_dict(obj.get("definition")).get("name")).get(LANG)
    display = actor.get("name") or ext(context, "display-name")
    result = _dict(statement.get("result"))
    if "extensions" in result and not isinstance(result["extensions"], dict):
        return None
    return ParsedStatement(
        id=str(statement.get("id")),
        verb=verb,
        timestamp=str(statement.get("timestamp") or ""),
        registration=registration,
        account=name,
        home_page=str(account.get("homePage") or ""),
        name=display if isinstance(display, str) else None,
        case_id=case_id,
        case_title=title if isinstance(title, str) else None,
        context=context,
        result=result,
        object_id=str(obj.get("id") or ""),
    )
