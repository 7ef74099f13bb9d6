"""The case format, version 1, as pydantic models.

These models are the single source of truth: the loader validates YAML
against them and ``trainer schema`` publishes their JSON Schema (draft-07) for
editors. Field descriptions become hover text in an editor, so write them for
tutors. See ``docs/authoring.md`` for the annotated example.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from trainer.core.markdown_limits import check_markdown

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
    Field(description="A short id: lower-case letters, digits and hyphens, e.g. 'first-visit'."),
]
FlagName = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80),
    Field(description="A flag name: lower-case letters, digits, '_' and '-'."),
]
Condition = Annotated[
    str,
    Field(
        description="A condition on flags and counters: flag names, counter comparisons "
        "(==, !=, <, <=, >, >= with a whole number), 'not', 'and', 'or' and brackets, e.g. "
        "'warned_him and not saw_her_alone' or 'engagement >= 3 and not leaked'. Sequence "
        "rules and passages may also ask 'present(person-id)'."
    ),
]
Markdown = Annotated[
    str,
    AfterValidator(check_markdown),
    Field(description="Markdown text. Raw HTML is shown as text."),
]


def _whole_float(value: object) -> object:
    """2.0 is a whole number to JSON Schema (and so to editors); let it be one here too."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# A whole number; strict (no "10", no true), but 10.0 counts, as it does in JSON Schema.
def whole_number(minimum: int, maximum: int | None = None) -> object:
    """A whole number type with its bounds (bounds first, so the JSON Schema shows them)."""
    return Annotated[int, Field(ge=minimum, le=maximum), BeforeValidator(_whole_float)]


Judgement = Literal["expected", "acceptable", "poor", "unsafe"]
JUDGEMENTS: tuple[Judgement, ...] = ("expected", "acceptable", "poor", "unsafe")
Role = Literal["survivor", "perpetrator", "child", "family", "professional", "other"]
Jurisdiction = Literal["england", "wales", "both"]
Focus = Literal["victim-safeguarding", "perpetrator-engagement", "both"]
Level = Literal["introductory", "intermediate", "advanced"]
Mode = Literal["practice", "assessed"]


class Strict(BaseModel):
    # strict: a value of the wrong type is an error, as it is in the JSON Schema editors use
    # (no "10" for 10, no "yes" for true): the app and the editor agree about every file.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)


# --------------------------------------------------------------------------- catalogue


class Competency(Strict):
    title: str = Field(description="The competency's name as learners see it.")
    description: str = Field("", description="What the competency covers.")
    framework: str = Field(
        "", description="Optional reference to a professional framework, e.g. 'PCF 7'."
    )


class ScaleLevel(Strict):
    id: Id
    label: str = Field(description="The level's name as learners see it.")
    description: str = ""


class RiskScale(Strict):
    title: str
    levels: list[ScaleLevel] = Field(
        min_length=2, description="The levels, lowest risk first (an ordinal scale)."
    )


class Indicator(Strict):
    label: str = Field(description="The indicator as shown on a checklist, in our own words.")
    description: str = Field(
        "",
        description="Why this indicator matters, in a sentence; shown with it in checklist "
        "feedback and the debrief.",
    )


class Catalogue(Strict):
    """The shared catalogue (``scenarios/catalogue.yaml``) that cases refer to."""

    format: Annotated[Literal[1], BeforeValidator(_whole_float)] = FORMAT_VERSION
    competencies: dict[Id, Competency] = Field(min_length=1)
    risk_scales: dict[Id, RiskScale] = Field(default_factory=dict)
    indicators: dict[Id, Indicator] = Field(default_factory=dict)


# --------------------------------------------------------------------------- case parts


class Reference(Strict):
    title: str
    citation: str = Field("", description="A citation in words.")
    url: str = Field("", description="Where to read it, if it is online.")

    @model_validator(mode="after")
    def _has_source(self) -> Reference:
        if not (self.citation or self.url):
            raise ValueError("a reference needs a citation or a url")
        return self


class Person(Strict):
    name: str
    role: Role = Field(
        description="Who this person is in the case; 'perpetrator' matters "
        "for confidentiality checks."
    )
    age: whole_number(0, 120) | None = None  # type: ignore[valid-type]
    description: str = ""


class ConfidentialFact(Strict):
    text: str = Field(description="What was disclosed, in a few words, e.g. 'her new address'.")
    source: Id | None = Field(None, description="The person (id) who disclosed it in confidence.")


MAX_COUNTER_SPAN = 100  # max - min of one counter: keeps the state graph explorable


class Counter(Strict):
    """A named counter: a whole number kept between ``min`` and ``max``."""

    min: whole_number(-1000, 1000) = Field(  # type: ignore[valid-type]
        0, description="The lowest value; additions below it stop here (clamped)."
    )
    max: whole_number(-1000, 1000) = Field(  # type: ignore[valid-type]
        description="The highest value; additions above it stop here (clamped)."
    )
    start: whole_number(-1000, 1000) | None = Field(  # type: ignore[valid-type]
        None, description="The value at the start of the case (default: min)."
    )
    description: str = Field("", description="What the counter stands for, for tutors.")

    @model_validator(mode="after")
    def _bounds_fit(self) -> Counter:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        if self.max - self.min > MAX_COUNTER_SPAN:
            raise ValueError(
                f"a counter may span at most {MAX_COUNTER_SPAN} values (max - min); "
                "a few steps, e.g. 0 to 5, are easier to write for and to check"
            )
        if self.start is not None and not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) must be between min and max")
        return self

    @property
    def initial(self) -> int:
        return self.min if self.start is None else self.start

    def clamp(self, value: int) -> int:
        return max(self.min, min(self.max, value))


Adds = Annotated[
    dict[FlagName, whole_number(-1000, 1000)],  # type: ignore[valid-type]
    Field(
        description="Counter changes, e.g. {engagement: 1, hostility: -1}; the result is "
        "kept between the counter's min and max."
    ),
]


class PresentIf(Strict):
    """A person who is in the scene only when a condition holds."""

    who: Id = Field(description="The person's id.")
    if_: Condition = Field(alias="if", description="The person is present when this holds.")

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


class DisclosesIf(Strict):
    """A confidential fact that is disclosed in the scene only when a condition holds."""

    fact: Id = Field(description="The confidential fact's id.")
    if_: Condition = Field(alias="if", description="Disclosed when this holds.")

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


class Passage(Strict):
    if_: Condition = Field(alias="if", description="Shown only when this condition holds.")
    text: Markdown

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


class Route(Strict):
    if_: Condition | None = Field(
        None,
        alias="if",
        description="Taken when this holds; "
        "the first matching route wins; the last may have no 'if'.",
    )
    to: Id

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


Target = Annotated[
    Id | list[Route],
    Field(description="Where this leads: a scene id, or a list of {if, to} routes."),
]


class Choice(Strict):
    id: Id
    text: str = Field(description="What the learner chooses to do or say.")
    judgement: Judgement = Field(description="Against expected practice.")
    critical: bool = Field(
        False, description="A safety-critical error: the attempt fails whatever the points."
    )
    points: dict[Id, float] = Field(
        default_factory=dict, description="Points per competency (may be negative)."
    )
    feedback: Markdown = Field("", description="Why this is (or is not) safe practice.")
    refs: list[Id] = Field(default_factory=list, description="Reference ids (case references).")
    if_: Condition | None = Field(None, alias="if", description="Offered only when this holds.")
    sets: list[FlagName] = Field(default_factory=list, description="Flags this choice sets.")
    clears: list[FlagName] = Field(default_factory=list, description="Flags this choice clears.")
    adds: Adds = Field(default_factory=dict)
    reveals: list[Id] = Field(
        default_factory=list,
        description="Confidential facts this choice tells the people in the scene.",
    )
    to: Target

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, strict=True
    )


class ChoiceDecision(Strict):
    prompt: str = "What do you do?"
    ask_confidence: bool = Field(False, description="Ask how confident the learner is.")
    options: list[Choice] = Field(min_length=1)


class Checklist(Strict):
    """A risk-indicator checklist: the learner ticks what they have seen so far.

    Scoring (the fraction of ``points`` earned): a missed indicator costs its weight, a
    missed *key* indicator (weight at or above ``key_weight``, or listed in
    ``must_identify``) costs twice its weight, and each false alarm costs
    ``false_alarm_weight``, all out of the sum of the present weights. A missed indicator
    always costs more than a false alarm, so recall counts more than precision; with
    enough foils, ticking everything costs nearly as much as missing the lightest
    indicator once per foil and does not reach a competency minimum.
    """

    prompt: str = "Which risk indicators have you seen so far?"
    offered: list[Id] = Field(
        min_length=2, description="Indicator ids to offer (catalogue or case indicators)."
    )
    present: dict[Id, float] = Field(
        min_length=1,
        description="Indicators truly present, each with its weight (higher = more serious).",
    )
    competency: Id = Field(description="The competency this checklist scores.")
    points: float = Field(10, gt=0, description="Points for a perfect checklist.")
    false_alarm_weight: float | None = Field(
        None,
        ge=0,
        description="What each false alarm costs; keep it below every weight. Default: 90% "
        "of the lightest present weight, so a miss always costs more than a false alarm "
        "but ticking every foil costs nearly as much as missing an indicator per foil.",
    )
    key_weight: float = Field(
        2,
        description="Present indicators at or above this weight are key: a missed key "
        "indicator is named in feedback and costs twice its weight.",
    )
    foils: dict[Id, str] = Field(
        default_factory=dict,
        description="Offered indicators that are true facts or plausible worries but not "
        "risk indicators here, each with the explanation a learner who ticks it is shown "
        "(instead of 'not present in this case so far'). Ticking one is a false alarm.",
    )
    must_identify: list[Id] = Field(
        default_factory=list,
        description="Present indicators a learner must tick (e.g. strangulation): missing "
        "one is a safety-critical error that fails the attempt. Each is also key.",
    )
    feedback: Markdown = ""
    refs: list[Id] = Field(default_factory=list)
    to: Target

    @model_validator(mode="after")
    def _foils_and_musts_fit(self) -> Checklist:
        for ind in self.foils:
            if ind in self.present:
                raise ValueError(f"foil '{ind}' is also listed as present; a foil is not present")
            if ind not in self.offered:
                raise ValueError(f"foil '{ind}' is not offered on the checklist")
        for ind in self.must_identify:
            if ind not in self.present:
                raise ValueError(
                    f"must_identify lists '{ind}', which is not in 'present' "
                    "(a learner can only be required to tick what is there)"
                )
        return self

    @property
    def false_alarm_cost(self) -> float:
        """What one false alarm costs: ``false_alarm_weight``, or 90% of the lightest weight."""
        if self.false_alarm_weight is not None:
            return self.false_alarm_weight
        return max(0.0, 0.9 * min(self.present.values()))

    def is_key(self, indicator_id: str) -> bool:
        """A present indicator at or above ``key_weight``, or one that must be identified."""
        weight = self.present.get(indicator_id)
        if weight is None:
            return False
        return weight >= self.key_weight or indicator_id in self.must_identify

    @property
    def foil_count(self) -> int:
        """Offered indicators that are not present (foils, named or not)."""
        return sum(1 for i in self.offered if i not in self.present)


class Rating(Strict):
    prompt: str = "How would you rate the risk now?"
    scale: Id = Field(description="A risk scale id (catalogue or case).")
    expected: Id = Field(description="The level a competent practitioner would give.")
    competency: Id
    points: float = Field(10, gt=0)
    under_weight: float = Field(
        1.0, ge=0, description="Fraction of the points lost per level of under-rating."
    )
    over_weight: float = Field(
        0.5, ge=0, description="Fraction of the points lost per level of over-rating."
    )
    critical_under_by: whole_number(1) | None = Field(  # type: ignore[valid-type]
        None, description="Under-rating by this many levels or more is a critical error."
    )
    feedback: Markdown = ""
    refs: list[Id] = Field(default_factory=list)
    to: Target

    @model_validator(mode="after")
    def _under_costs_more(self) -> Rating:
        if self.under_weight < self.over_weight:
            raise ValueError(
                "under_weight must be at least over_weight: under-rating risk "
                "costs more than over-rating it"
            )
        return self


Outcome = Literal["good", "mixed", "poor"]


class Ending(Strict):
    outcome: Outcome = Field(description="How things turned out, for the library and debrief.")
    debrief: Markdown = Field("", description="Shown in the debrief when this ending is reached.")
    passages: list[Passage] = Field(
        default_factory=list,
        description="Conditional debrief text, shown after 'debrief' when its condition "
        "holds at the end, so the debrief speaks to the path taken.",
    )


class Scene(Strict):
    """One step of a case. It has exactly one of: decision, checklist, rating, next, ending."""

    title: str = ""
    speaker: str = Field("", description="A person id or a name shown above the text.")
    present: list[Id | PresentIf] = Field(
        default_factory=list,
        description="People present (ids) besides the learner; an item "
        "{who: id, if: condition} is present only when the condition holds on arrival.",
    )
    image: str = Field(
        "", description="An image path inside the case's folder or the assets/ folder."
    )
    text: Markdown = ""
    passages: list[Passage] = Field(default_factory=list, description="Conditional text.")
    discloses: list[Id | DisclosesIf] = Field(
        default_factory=list,
        description="Confidential facts disclosed in this scene; an item "
        "{fact: id, if: condition} is disclosed only when the condition holds on arrival.",
    )
    sets: list[FlagName] = Field(default_factory=list, description="Flags set on arrival.")
    adds: Adds = Field(
        default_factory=dict, description="Counter changes on arrival (after 'sets')."
    )
    decision: ChoiceDecision | None = None
    checklist: Checklist | None = None
    rating: Rating | None = None
    next: Target | None = Field(None, description="For a scene with nothing to decide.")
    ending: Ending | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Scene:
        kinds = [
            k
            for k in ("decision", "checklist", "rating", "next", "ending")
            if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise ValueError(
                "a scene needs exactly one of decision, checklist, rating, next or ending"
                + (f" (it has {', '.join(kinds)})" if kinds else "")
            )
        return self

    @property
    def present_ids(self) -> list[str]:
        """Everyone who may be present, whatever the state (conditional or not)."""
        return [p if isinstance(p, str) else p.who for p in self.present]

    @property
    def disclosed_ids(self) -> list[str]:
        """Every fact this scene may disclose, whatever the state."""
        return [d if isinstance(d, str) else d.fact for d in self.discloses]

    @property
    def kind(self) -> str:
        for k in ("decision", "checklist", "rating", "next", "ending"):
            if getattr(self, k) is not None:
                return k
        raise AssertionError("validated scene has a kind")


class SequenceRule(Strict):
    """'Before <when> happens, <require> must hold': broken once, judged once."""

    id: Id
    when: Condition = Field(description="The moment the rule is checked: when this first holds.")
    require: Condition = Field(description="What must already hold at that moment.")
    judgement: Judgement = "poor"
    critical: bool = False
    points: dict[Id, float] = Field(default_factory=dict, description="Usually negative.")
    feedback: Markdown
    refs: list[Id] = Field(default_factory=list)


class Scoring(Strict):
    pass_mark: float = Field(60, ge=0, le=100, description="Overall percentage needed to pass.")
    minimums: dict[Id, float] = Field(
        default_factory=dict,
        description="Minimum percentage per competency, so rapport cannot make up for "
        "unsafe practice.",
    )


# --------------------------------------------------------------------------- the case


class Case(Strict):
    format: Annotated[Literal[1], BeforeValidator(_whole_float)] = Field(
        description="The case format version; 1."
    )
    id: Id
    title: str
    version: str = Field(description="The content version, e.g. '1.0'; bump it when you edit.")
    authors: list[str] = Field(min_length=1)
    jurisdiction: Jurisdiction
    focus: Focus
    level: Level
    minutes: whole_number(1, 600) = Field(  # type: ignore[valid-type]
        description="Estimated minutes to complete."
    )
    tags: list[str] = Field(default_factory=list)
    summary: Markdown = Field(description="Shown in the library and before starting.")
    content_note: str = Field(
        min_length=1,
        description="Required: the themes a learner should know about before starting.",
    )
    learning_outcomes: list[str] = Field(min_length=1)
    references: dict[Id, Reference] = Field(default_factory=dict)
    modes: list[Mode] = Field(
        default_factory=lambda: ["practice", "assessed"],
        min_length=1,
        description="practice: feedback after each decision; assessed: at the debrief only. "
        "Give one to fix the mode.",
    )
    people: dict[Id, Person] = Field(default_factory=dict)
    vars: dict[FlagName, Counter] = Field(
        default_factory=dict,
        description="Named counters, e.g. {engagement: {min: 0, max: 5, start: 2}}: changed "
        "by 'adds' on choices and scenes, read in conditions ('engagement >= 3').",
    )
    confidential: dict[Id, ConfidentialFact] = Field(default_factory=dict)
    indicators: dict[Id, Indicator] = Field(
        default_factory=dict, description="Indicators for this case only."
    )
    risk_scales: dict[Id, RiskScale] = Field(default_factory=dict)
    scoring: Scoring = Field(default_factory=Scoring)
    rules: list[SequenceRule] = Field(default_factory=list, description="Sequence rules.")
    critical_flags: list[FlagName] = Field(
        default_factory=list,
        description="Flags that record a critical consequence under 'When an unsafe choice "
        "is critical' in docs/authoring.md: a disclosure or plan exposed to the person "
        "causing harm, that person in the room when abuse is asked about, or a victim or "
        "child left at imminent risk without an emergency response (e.g. "
        "'told_him_what_she_said'). Every choice that sets one must be critical.",
    )
    start: Id = Field(description="The first scene's id.")
    scenes: dict[Id, Scene] = Field(min_length=1)
