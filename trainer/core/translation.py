"""Bilingual cases: a translation file beside a case gives its text in another language.

A case ``first-visit.yaml`` may have ``first-visit.cy.yaml`` beside it: the same scene,
choice, feedback, checklist, rating, ending, passage, person, reference and metadata ids
as the case, each with the text in the other language. Only text is translated: ids,
flags, conditions, points and judgements stay in the case, so a case scores the same in
every language and an attempt can change language half-way (a saved state holds ids only).

* :func:`available_languages` lists the languages a case can be played in;
* :func:`in_language` gives a checked case in one of them (a :class:`LoadedCase` whose texts are
  replaced, same ``sha256``, so saved attempts resume in either language);
* :func:`check_translation` validates a translation file against its case: unknown ids
  (located, with "did you mean"), passages that do not line up, the same YAML reader and
  Markdown limits as a case, and what is still untranslated (a :class:`TranslationReport`);
* :func:`skeleton_text` writes the file ``trainer translate`` starts a translator with.

Texts from the catalogue (indicator labels, risk-scale levels, competency titles) that
a case uses are translated in the case's translation file too, so one file holds all a
learner reads in that case.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError

from trainer.core.errors import CaseError, Problem, TrainerError
from trainer.core.model import FORMAT_VERSION, Case, Catalogue, Condition, Id, Markdown, Strict
from trainer.core.paths import LANGUAGE_CODES, TRANSLATION_FILE
from trainer.core.yamlsource import SourceMap, YamlSourceError, read_source_bytes

SOURCE_LANGUAGE = "en"  # the language a case file itself is written in
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg (Welsh)"}
MAX_UNTRANSLATED_SHOWN = 30  # located warnings per translation; the rest are counted

# The prompts a case need not write: shown in the language the case is played in.
DEFAULT_PROMPTS: dict[str, dict[str, str]] = {
    "cy": {
        "decision": "Beth fyddwch chi'n ei wneud?",
        "checklist": "Pa arwyddion risg ydych chi wedi'u gweld hyd yma?",
        "rating": "Sut fyddech chi'n asesu'r risg nawr?",
    }
}

Status = Literal["needs review", "reviewed"]

Text = Annotated[
    str | None,
    Field(description="The text in the translation's language; empty or missing: untranslated."),
]
MdText = Annotated[
    Markdown | None,
    Field(description="Markdown text in the translation's language; empty: untranslated."),
]


class _T(Strict):
    pass


class TReference(_T):
    title: Text = None
    citation: Text = Field(
        None, description="Optional: a citation in this language (else the case's)."
    )


class TPerson(_T):
    name: Text = Field(None, description="Optional: the name, if it differs in this language.")
    description: Text = None


class TFact(_T):
    text: Text = None


class TIndicator(_T):
    label: Text = None
    description: Text = None


class TLevel(_T):
    label: Text = None
    description: Text = None


class TScale(_T):
    title: Text = None
    levels: dict[Id, TLevel] = Field(default_factory=dict, description="By level id.")


class TCompetency(_T):
    title: Text = None
    description: Text = None


class TPassage(_T):
    if_: Condition = Field(
        alias="if",
        description="The passage's condition exactly as in the case (it says which passage "
        "this is; passages are matched in order).",
    )
    text: MdText = None

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


class TChoice(_T):
    text: Text = None
    feedback: MdText = None


class TDecision(_T):
    prompt: Text = None
    options: dict[Id, TChoice] = Field(default_factory=dict, description="By choice id.")


class TChecklist(_T):
    prompt: Text = None
    feedback: MdText = None
    foils: dict[Id, Text] = Field(
        default_factory=dict, description="The foils' explanations, by indicator id."
    )


class TRating(_T):
    prompt: Text = None
    feedback: MdText = None


class TEnding(_T):
    debrief: MdText = None
    passages: list[TPassage] = Field(default_factory=list)


class TScene(_T):
    title: Text = None
    speaker: Text = Field(None, description="Only when the speaker is a name, not a person id.")
    text: MdText = None
    passages: list[TPassage] = Field(default_factory=list)
    decision: TDecision | None = None
    checklist: TChecklist | None = None
    rating: TRating | None = None
    ending: TEnding | None = None


class TRule(_T):
    feedback: MdText = None


class Translation(Strict):
    """A case's text in another language (``<case-id>.<language>.yaml`` beside the case)."""

    format: Literal[1] = Field(description="The translation format version; 1.")
    case: Id = Field(description="The id of the case this translates.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field(
        description="The language code, e.g. 'cy' for Welsh; the file name ends '.cy.yaml'."
    )
    translation_status: Status = Field(
        "needs review",
        description="'needs review' until a fluent speaker has checked it against the case; "
        "then 'reviewed'. Shown to tutors, not students.",
    )
    translators: list[str] = Field(default_factory=list)
    title: Text = None
    summary: MdText = None
    content_note: Text = None
    learning_outcomes: list[Text] = Field(default_factory=list, description="In the case's order.")
    references: dict[Id, TReference] = Field(default_factory=dict)
    people: dict[Id, TPerson] = Field(default_factory=dict)
    confidential: dict[Id, TFact] = Field(default_factory=dict)
    indicators: dict[Id, TIndicator] = Field(
        default_factory=dict,
        description="The case's own indicators and the catalogue indicators it offers.",
    )
    risk_scales: dict[Id, TScale] = Field(
        default_factory=dict, description="The risk scales the case uses."
    )
    competencies: dict[Id, TCompetency] = Field(
        default_factory=dict, description="The catalogue competencies the case scores."
    )
    rules: dict[Id, TRule] = Field(default_factory=dict, description="By sequence rule id.")
    scenes: dict[Id, TScene] = Field(default_factory=dict, description="By scene id.")


# --------------------------------------------------------------------------- files


def translation_path(case_path: Path, language: str) -> Path:
    """Where a case's translation into ``language`` lives: ``x.yaml`` -> ``x.cy.yaml``."""
    case_path = Path(case_path)
    return case_path.with_name(f"{case_path.stem}.{language}{case_path.suffix}")


def is_translation_file(path: Path) -> bool:
    """A name like ``x.cy.yaml`` (a translation, not a case; ``x.expect.yaml`` is neither)."""
    return TRANSLATION_FILE.match(Path(path).name) is not None


def case_of_translation(path: Path) -> tuple[Path | None, str]:
    """The case a translation file belongs to (if it exists) and the file's language."""
    found = TRANSLATION_FILE.match(Path(path).name)
    if not found:
        return None, ""
    for suffix in (".yaml", ".yml"):
        candidate = Path(path).with_name(found["stem"] + suffix)
        if candidate.is_file():
            return candidate, found["lang"]
    return None, found["lang"]


def translation_files(case_path: Path) -> dict[str, Path]:
    """The translation files beside a case, by language."""
    case_path = Path(case_path)
    found: dict[str, Path] = {}
    try:
        siblings = sorted(case_path.parent.iterdir())
    except OSError:
        return found
    for sibling in siblings:
        match = TRANSLATION_FILE.match(sibling.name)
        if match and match["stem"] == case_path.stem and sibling.is_file():
            found.setdefault(match["lang"], sibling)
    return found


def available_languages(case_path: Path) -> list[str]:
    """The languages a case can be played in: 'en', then each translation beside it."""
    return [SOURCE_LANGUAGE, *sorted(translation_files(case_path))]


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One translatable text of a case."""

    key: tuple[str | int, ...]  # where it goes in the translation file
    target: Literal["case", "catalogue"]
    at: tuple[str | int, ...]  # where it is in the case (or catalogue) data
    english: str
    counted: bool = True  # counted towards completeness
    markdown: bool = False
    locate: tuple[str | int, ...] | None = None  # where in the case file to point (default: at)

    @property
    def dotted(self) -> str:
        return ".".join(str(k) for k in self.key)


def units(case: Case, catalogue: Catalogue) -> list[Unit]:
    """Every text a translation of ``case`` can give, in the case's order."""
    out: list[Unit] = []

    def add(key: tuple[Any, ...], at: tuple[Any, ...], text: str, **kw: Any) -> None:
        out.append(Unit(key, kw.pop("target", "case"), at, text, **kw))

    def text_of(key: tuple[Any, ...], text: str, **kw: Any) -> None:
        if text:
            add(key, key, text, **kw)

    text_of(("title",), case.title)
    text_of(("summary",), case.summary, markdown=True)
    text_of(("content_note",), case.content_note)
    for n, outcome in enumerate(case.learning_outcomes):
        text_of(("learning_outcomes", n), outcome)
    for rid, ref in case.references.items():
        text_of(("references", rid, "title"), ref.title)
        text_of(("references", rid, "citation"), ref.citation, counted=False)
    for pid, person in case.people.items():
        text_of(("people", pid, "name"), person.name, counted=False)
        text_of(("people", pid, "description"), person.description)
    for fid, fact in case.confidential.items():
        text_of(("confidential", fid, "text"), fact.text)
    # indicators: the case's own, then the catalogue's that the case offers
    offered: dict[str, tuple[Any, ...]] = {}
    scales: dict[str, tuple[Any, ...]] = {}
    competencies: dict[str, tuple[Any, ...]] = {}
    for sid, scene in case.scenes.items():
        if scene.checklist is not None:
            for n, ind in enumerate(scene.checklist.offered):
                offered.setdefault(ind, ("scenes", sid, "checklist", "offered", n))
            competencies.setdefault(
                scene.checklist.competency, ("scenes", sid, "checklist", "competency")
            )
        if scene.rating is not None:
            scales.setdefault(scene.rating.scale, ("scenes", sid, "rating", "scale"))
            competencies.setdefault(
                scene.rating.competency, ("scenes", sid, "rating", "competency")
            )
        if scene.decision is not None:
            for n, choice in enumerate(scene.decision.options):
                for comp in choice.points:
                    competencies.setdefault(
                        comp, ("scenes", sid, "decision", "options", n, "points", comp)
                    )
    for n, rule in enumerate(case.rules):
        for comp in rule.points:
            competencies.setdefault(comp, ("rules", n, "points", comp))
    for comp in case.scoring.minimums:
        competencies.setdefault(comp, ("scoring", "minimums", comp))
    for iid, ind in case.indicators.items():
        text_of(("indicators", iid, "label"), ind.label)
        text_of(("indicators", iid, "description"), ind.description)
    for iid, where in offered.items():
        if iid in case.indicators or iid not in catalogue.indicators:
            continue
        ind = catalogue.indicators[iid]
        for part in ("label", "description"):
            if getattr(ind, part):
                add(
                    ("indicators", iid, part),
                    ("indicators", iid, part),
                    getattr(ind, part),
                    target="catalogue",
                    locate=where,
                )
    for scale_id, where in [*((s, ("risk_scales", s)) for s in case.risk_scales), *scales.items()]:
        if scale_id in case.risk_scales:
            if where != ("risk_scales", scale_id):
                continue  # already listed as one of the case's own scales
            scale, target, base = case.risk_scales[scale_id], "case", ("risk_scales", scale_id)
        elif scale_id in catalogue.risk_scales:
            scale, target, base = catalogue.risk_scales[scale_id], "catalogue", None
        else:
            continue
        locate = base or where
        add(
            ("risk_scales", scale_id, "title"),
            ("risk_scales", scale_id, "title"),
            scale.title,
            target=target,
            locate=(*base, "title") if base else locate,
        )
        for n, level in enumerate(scale.levels):
            for part in ("label", "description"):
                if getattr(level, part):
                    at = ("risk_scales", scale_id, "levels", n, part)
                    add(
                        ("risk_scales", scale_id, "levels", level.id, part),
                        at,
                        getattr(level, part),
                        target=target,
                        locate=at if base else locate,
                    )
    for comp, where in competencies.items():
        found = catalogue.competencies.get(comp)
        if found is None:
            continue
        for part in ("title", "description"):
            if getattr(found, part):
                add(
                    ("competencies", comp, part),
                    ("competencies", comp, part),
                    getattr(found, part),
                    target="catalogue",
                    locate=where,
                )
    for n, rule in enumerate(case.rules):
        add(("rules", rule.id, "feedback"), ("rules", n, "feedback"), rule.feedback, markdown=True)
    for sid, scene in case.scenes.items():
        base = ("scenes", sid)
        text_of((*base, "title"), scene.title)
        if scene.speaker and scene.speaker not in case.people:
            text_of((*base, "speaker"), scene.speaker)
        text_of((*base, "text"), scene.text, markdown=True)
        for n, passage in enumerate(scene.passages):
            text_of((*base, "passages", n, "text"), passage.text, markdown=True)
        for kind in ("decision", "checklist", "rating"):
            part = getattr(scene, kind)
            if part is not None:
                at = (*base, kind, "prompt")
                counted = "prompt" in part.model_fields_set
                add(at, at, part.prompt, counted=counted, locate=at if counted else (*base, kind))
        if scene.decision is not None:
            for n, choice in enumerate(scene.decision.options):
                key = (*base, "decision", "options", choice.id)
                at = (*base, "decision", "options", n)
                add((*key, "text"), (*at, "text"), choice.text)
                if choice.feedback:
                    add((*key, "feedback"), (*at, "feedback"), choice.feedback, markdown=True)
        if scene.checklist is not None:
            text_of((*base, "checklist", "feedback"), scene.checklist.feedback, markdown=True)
            for fid, why in scene.checklist.foils.items():
                text_of((*base, "checklist", "foils", fid), why)
        if scene.rating is not None:
            text_of((*base, "rating", "feedback"), scene.rating.feedback, markdown=True)
        if scene.ending is not None:
            text_of((*base, "ending", "debrief"), scene.ending.debrief, markdown=True)
            for n, passage in enumerate(scene.ending.passages):
                text_of((*base, "ending", "passages", n, "text"), passage.text, markdown=True)
    return out


def _get(data: Any, key: tuple[Any, ...]) -> Any:
    for part in key:
        if (
            isinstance(data, dict)
            and part in data
            or isinstance(data, list)
            and isinstance(part, int)
            and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _set(data: Any, key: tuple[Any, ...], value: str) -> None:
    for part in key[:-1]:
        data = data.setdefault(part, {}) if isinstance(data, dict) else data[part]
    data[key[-1]] = value


def _given(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class TranslationReport:
    """How complete a translation is, and its review status, for tutors."""

    language: str
    path: Path
    status: str
    total: int
    translated: int
    untranslated: tuple[Unit, ...]

    @property
    def percent(self) -> int:
        """Whole per cent translated, rounded down (100 only when nothing is missing)."""
        return 100 if self.total == 0 else math.floor(100 * self.translated / self.total)

    def summary(self) -> str:
        missing = self.total - self.translated
        texts = f"{missing} of {self.total} texts untranslated" if missing else "complete"
        return f"{self.language}: {self.percent}% translated ({texts}), {self.status}"


@dataclass(frozen=True)
class CheckedTranslation:
    translation: Translation | None
    data: dict[str, Any]
    source: SourceMap | None
    report: TranslationReport | None
    problems: list[Problem]


def check_translation(loaded: Any, path: Path, raw: bytes | None = None) -> CheckedTranslation:
    """Validate a translation file against its (loaded, valid) case; never raises."""
    from trainer.core.loader import _parse_model  # one YAML reader for every file

    path = Path(path)
    file = str(path)
    empty = CheckedTranslation(None, {}, None, None, [])
    try:
        if raw is None:
            raw = read_source_bytes(path, file)
    except YamlSourceError as exc:
        return dataclasses.replace(empty, problems=[exc.problem])
    parsed, problems = _parse_model(path, Translation, raw)
    if parsed is None:
        return dataclasses.replace(empty, problems=problems)
    translation, smap = parsed
    data = translation.model_dump(by_alias=True, exclude_none=True)
    problems = [*problems, *_id_problems(loaded, translation, path, smap)]
    if any(p.severity == "error" for p in problems):
        return CheckedTranslation(translation, data, smap, None, problems)
    all_units = units(loaded.case, loaded.catalogue)
    counted = [u for u in all_units if u.counted]
    missing = tuple(u for u in counted if not _given(_get(data, u.key)))
    report = TranslationReport(
        translation.language,
        path,
        translation.translation_status,
        len(counted),
        len(counted) - len(missing),
        missing,
    )
    case_file = loaded.source
    for unit in missing[:MAX_UNTRANSLATED_SHOWN]:
        problems.append(
            case_file.problem(
                unit.locate or unit.at,
                f"[{translation.language}] untranslated: {unit.dotted} has no text in {path.name}",
                "warning",
            )
        )
    if len(missing) > MAX_UNTRANSLATED_SHOWN:
        problems.append(
            smap.problem(
                (),
                f"{len(missing) - MAX_UNTRANSLATED_SHOWN} more untranslated text(s) "
                f"({report.summary()})",
                "warning",
            )
        )
    try:
        translated = translate_case(loaded, translation)
    except TrainerError as exc:  # pragma: no cover - the checks above should prevent it
        problems.append(smap.problem((), f"the translated case does not validate: {exc}"))
        return CheckedTranslation(translation, data, smap, None, problems)
    problems.extend(_length_problems(translated, smap))
    return CheckedTranslation(translation, data, smap, report, problems)


def _length_problems(translated: Any, smap: SourceMap) -> list[Problem]:
    """The case's option-length checks, on the translated words: a translation must not
    make the expected option the one to pick by its length."""
    from trainer.core.casechecks import LENGTH_RATIO, LONGEST_SHARE, decision_figures

    language = translated.language
    figures = decision_figures(translated.case)
    out: list[Problem] = []
    longest = [f for f in figures if f.expected_longest]
    if figures and len(longest) > LONGEST_SHARE * len(figures):
        out.append(
            smap.problem(
                ("scenes",),
                f"[{language}] in this translation the expected option is the longest in "
                f"{len(longest)} of {len(figures)} decisions: a learner can pick it by its "
                "length; make the options comparable",
                "warning",
            )
        )
    for f in figures:
        if f.ratio > LENGTH_RATIO:
            out.append(
                smap.problem(
                    ("scenes", f.scene, "decision", "options"),
                    f"[{language}] the expected option in '{f.scene}' is {f.ratio:.1f} times as "
                    f"long as the longest other option in this translation (more than "
                    f"{LENGTH_RATIO:g} times): shorten it",
                    "warning",
                )
            )
    return out


def _id_problems(
    loaded: Any, translation: Translation, path: Path, smap: SourceMap
) -> list[Problem]:
    """Every id the translation names must exist in the case, where the case has it."""
    case: Case = loaded.case
    catalogue: Catalogue = loaded.catalogue
    problems: list[Problem] = []
    expected_language = case_of_translation(path)[1]

    def unknown(where: tuple[Any, ...], what: str, name: str, known: Any) -> None:
        choices = sorted(str(k) for k in known)
        hint = difflib.get_close_matches(name, choices, n=1)
        message = f"{what} '{name}' is not in case '{case.id}'"
        if hint:
            message += f" (did you mean '{hint[0]}'?)"
        elif len(choices) <= 12 and choices:
            message += f"; it has: {', '.join(choices)}"
        problems.append(smap.problem(where, message))

    if translation.case != case.id:
        problems.append(
            smap.problem(
                ("case",),
                f"this translation is for case '{translation.case}', but the case beside it "
                f"is '{case.id}'",
            )
        )
    if expected_language and translation.language != expected_language:
        problems.append(
            smap.problem(
                ("language",),
                f"language '{translation.language}' does not match the file name, which "
                f"says '{expected_language}'",
            )
        )
    if len(translation.learning_outcomes) > len(case.learning_outcomes):
        problems.append(
            smap.problem(
                ("learning_outcomes", len(case.learning_outcomes)),
                f"the case has {len(case.learning_outcomes)} learning outcome(s); this "
                "translation has more",
            )
        )
    for kind, known in (
        ("references", case.references),
        ("people", case.people),
        ("confidential", case.confidential),
    ):
        for key in getattr(translation, kind):
            if key not in known:
                unknown((kind, key), _SINGULAR[kind], key, known)
    used = units(case, catalogue)
    used_indicators = {u.key[1] for u in used if u.key[0] == "indicators"} | set(case.indicators)
    for key in translation.indicators:
        if key not in used_indicators:
            unknown(("indicators", key), "indicator", key, used_indicators)
    used_scales = {u.key[1] for u in used if u.key[0] == "risk_scales"}
    for key, scale in translation.risk_scales.items():
        if key not in used_scales:
            unknown(("risk_scales", key), "risk scale", key, used_scales)
            continue
        real = case.risk_scales.get(key) or catalogue.risk_scales[key]
        levels = {level.id for level in real.levels}
        for level in scale.levels:
            if level not in levels:
                unknown(("risk_scales", key, "levels", level), "level", level, levels)
    used_comps = {u.key[1] for u in used if u.key[0] == "competencies"}
    for key in translation.competencies:
        if key not in used_comps:
            unknown(("competencies", key), "competency", key, used_comps)
    rule_ids = {rule.id for rule in case.rules}
    for key in translation.rules:
        if key not in rule_ids:
            unknown(("rules", key), "sequence rule", key, rule_ids)
    for sid, tscene in translation.scenes.items():
        where = ("scenes", sid)
        scene = case.scenes.get(sid)
        if scene is None:
            unknown(where, "scene", sid, case.scenes)
            continue
        if tscene.speaker and (not scene.speaker or scene.speaker in case.people):
            problems.append(
                smap.problem(
                    (*where, "speaker"),
                    "the scene's speaker is "
                    + (f"the person '{scene.speaker}'" if scene.speaker else "not given")
                    + (
                        ": translate the name under people instead"
                        if scene.speaker
                        else ": leave speaker out"
                    ),
                )
            )
        problems.extend(
            _passage_problems(smap, (*where, "passages"), tscene.passages, scene.passages)
        )
        for kind in ("decision", "checklist", "rating", "ending"):
            if getattr(tscene, kind) is not None and getattr(scene, kind) is None:
                problems.append(
                    smap.problem(
                        (*where, kind),
                        f"scene '{sid}' has no {kind} in the case (it is a {scene.kind} "
                        f"scene): translate its {scene.kind} instead",
                    )
                )
        if tscene.decision is not None and scene.decision is not None:
            choice_ids = [c.id for c in scene.decision.options]
            for cid in tscene.decision.options:
                if cid not in choice_ids:
                    unknown((*where, "decision", "options", cid), "choice", cid, choice_ids)
        if tscene.checklist is not None and scene.checklist is not None:
            for fid in tscene.checklist.foils:
                if fid not in scene.checklist.foils:
                    unknown((*where, "checklist", "foils", fid), "foil", fid, scene.checklist.foils)
        if tscene.ending is not None and scene.ending is not None:
            problems.extend(
                _passage_problems(
                    smap,
                    (*where, "ending", "passages"),
                    tscene.ending.passages,
                    scene.ending.passages,
                )
            )
    return problems


_SINGULAR = {"references": "reference", "people": "person", "confidential": "confidential fact"}


def _same_condition(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _passage_problems(
    smap: SourceMap, where: tuple[Any, ...], given: list[TPassage], case_passages: list[Any]
) -> list[Problem]:
    problems: list[Problem] = []
    if len(given) > len(case_passages):
        problems.append(
            smap.problem(
                (*where, len(case_passages)),
                f"the case has {len(case_passages)} passage(s) here; this translation has "
                f"{len(given)}",
            )
        )
    for n, (mine, theirs) in enumerate(zip(given, case_passages, strict=False)):
        if not _same_condition(mine.if_, theirs.if_):
            others = [i for i, p in enumerate(case_passages) if _same_condition(p.if_, mine.if_)]
            hint = (
                f" (that is the condition of passage {others[0] + 1}: keep the case's order)"
                if others
                else ""
            )
            problems.append(
                smap.problem(
                    (*where, n, "if"),
                    f"passage {n + 1} here has the condition '{theirs.if_}' in the case, not "
                    f"'{mine.if_}'{hint}; passages are matched in order",
                )
            )
    return problems


# --------------------------------------------------------------------------- applying


def translate_case(loaded: Any, translation: Translation) -> Any:
    """``loaded`` with its texts (and the catalogue texts it uses) in the translation's
    language. Ids, flags, conditions, points and judgements are the case's own, and so is
    ``sha256``: an attempt saved in one language resumes in the other."""
    data = translation.model_dump(by_alias=True, exclude_none=True)
    case_data = loaded.case.model_dump(by_alias=True, exclude_unset=True)
    catalogue_data = loaded.catalogue.model_dump(by_alias=True, exclude_unset=True)
    defaults = DEFAULT_PROMPTS.get(translation.language, {})
    for unit in units(loaded.case, loaded.catalogue):
        value = _get(data, unit.key)
        if not _given(value):
            is_default_prompt = unit.key[-1] == "prompt" and not unit.counted
            if is_default_prompt and unit.key[-2] in defaults:
                value = defaults[str(unit.key[-2])]
            else:
                continue
        _set(case_data if unit.target == "case" else catalogue_data, unit.at, value)
    try:
        case = Case.model_validate(case_data)
        catalogue = Catalogue.model_validate(catalogue_data)
    except ValidationError as exc:
        raise TrainerError(
            f"The {translation.language} translation of '{loaded.case.id}' does not fit the "
            f"case: {exc.errors()[0]['msg']}",
            "Run trainer validate on the case to see where.",
        ) from None
    # explored again on demand (dataclasses.replace does not copy the cached graph)
    return dataclasses.replace(
        loaded,
        case=case,
        catalogue=catalogue,
        language=translation.language,
        source_title=loaded.title,
    )


def in_language(loaded: Any, path: Path | str, language: str) -> Any:
    """``loaded`` (a checked case) with the texts of its translation into ``language``
    ('en' for the case itself); raise :class:`CaseError` when the translation has errors,
    :class:`TrainerError` when there is none. ``trainer.core.cases.load_case(path,
    language=...)`` is the entry point that checks the case first."""
    path = Path(path)
    if language == SOURCE_LANGUAGE:
        return loaded
    file = translation_files(path).get(language)
    if file is None:
        raise TrainerError(
            f"Case '{loaded.case.id}' has no {LANGUAGE_NAMES.get(language, language)} translation.",
            f"Write one with: trainer translate {path} --to {language}",
        )
    checked = check_translation(loaded, file)
    if checked.translation is None or any(p.severity == "error" for p in checked.problems):
        raise CaseError(file, [p for p in checked.problems if p.severity == "error"])
    return translate_case(loaded, checked.translation)


# --------------------------------------------------------------------------- skeleton


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    lines = text.replace("\r", "").rstrip("\n").split("\n")
    return [f"{indent}# {SOURCE_LANGUAGE}: {lines[0]}".rstrip()] + [
        f"{indent}#     {line}".rstrip() for line in lines[1:]
    ]


def _value(text: str, indent: str) -> str:
    """A value for ``key: <here>``: a block for multi-line Markdown, else quoted."""
    if "\n" in text.strip() and not any(c in text for c in "\t\r") and text == text.lstrip():
        body = text.rstrip("\n").split("\n")
        return "|\n" + "\n".join(f"{indent}  {line}".rstrip() for line in body)
    return _quoted(text)


def skeleton_text(
    loaded: Any, language: str, existing: dict[str, Any] | None = None, status: str = ""
) -> str:
    """A translation file for ``loaded`` with every translatable id, each with the English
    text as a comment above it and the translation from ``existing`` (else empty)."""
    if language not in LANGUAGE_CODES or language == SOURCE_LANGUAGE:
        raise TrainerError(
            f"'{language}' is not a language to translate into.",
            "Give a two-letter ISO 639-1 language code other than 'en', e.g. --to cy.",
        )
    existing = existing or {}
    case: Case = loaded.case
    status = status or existing.get("translation_status") or "needs review"
    out = [
        "# yaml-language-server: $schema=./translation.schema.json",
        f"# The {LANGUAGE_NAMES.get(language, language)} text of {loaded.path.name}.",
        "# Each text is under the same id as in the case; the English is in the comment",
        "# above it. Write the translation between the quotes (or after '|' on the lines",
        "# below, indented), leave a text empty while it is untranslated, and check with",
        f"#   trainer validate {loaded.path.name}",
        "# Ids, conditions, points and judgements stay in the case: change them there.",
        f"format: {FORMAT_VERSION}",
        f"case: {case.id}",
        f"language: {language}",
        f"translation_status: {status}   # needs review, or reviewed once a fluent speaker"
        " has checked it",
    ]
    translators = existing.get("translators") or []
    out.append(f"translators: [{', '.join(_quoted(t) for t in translators)}]")
    written: list[tuple[Any, ...]] = []  # the mapping keys opened so far
    for unit in units(case, loaded.catalogue):
        key = unit.key
        if key[-1] == "prompt" and not unit.counted:
            continue  # the default prompt: shown in the learner's language by the app
        # open the mappings (and passage or outcome list items) this key needs
        parents = key[:-1]
        common = 0
        last = written[-1] if written else ()
        while common < min(len(last), len(parents)) and last[common] == parents[common]:
            common += 1
        for depth in range(common, len(parents)):
            part = parents[depth]
            indent = "  " * depth
            if isinstance(part, int):
                continue  # a list item: opened with its first field below
            if depth + 1 < len(parents) and isinstance(parents[depth + 1], int):
                out.append(f"{indent}{part}:")
            else:
                out.append(f"{indent}{part}:")
        written.append(parents)
        indent = "  " * len(parents)
        value = _get(existing, key)
        value = value if isinstance(value, str) else ""
        if parents and isinstance(parents[-1], int):  # a passage: '- if: ...' then text
            condition = _passage_condition(case, key)
            item_indent = "  " * (len(parents) - 1)
            out.append(f"{item_indent}- if: {_quoted(condition)}")
            out.extend(_comment(unit.english, indent))
            out.append(f"{indent}{key[-1]}: {_value(value, indent) if value else chr(34) * 2}")
            continue
        if isinstance(key[-1], int):  # a learning outcome
            out.extend(_comment(unit.english, indent))
            out.append(f"{indent}- {_quoted(value)}")
            continue
        out.extend(_comment(unit.english, indent))
        if not unit.counted:
            out.append(f"{indent}# (optional: leave it empty to keep the English)")
        out.append(f"{indent}{key[-1]}: {_value(value, indent) if value else chr(34) * 2}")
    return "\n".join(out) + "\n"


def _passage_condition(case: Case, key: tuple[Any, ...]) -> str:
    scene = case.scenes[str(key[1])]
    if key[2] == "ending":
        assert scene.ending is not None
        return scene.ending.passages[int(key[4])].if_
    return scene.passages[int(key[3])].if_
