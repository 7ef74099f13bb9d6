"""Checklists: foils, must-identify indicators, descriptions, and calibrated scoring."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.debrief import debrief_markdown
from trainer.core.loader import check_case, load_case
from trainer.core.model import Checklist
from trainer.core.scoring import Decision, checklist_fraction, checklist_judgement, score_attempt

WriteCase = Callable[..., Path]

BEFORE = [
    Decision("door", "choice", choice="check-safe"),
    Decision("talk", "choice", choice="listen"),
]
AFTER = [
    Decision("rate", "rating", rating="high"),
    Decision("lee-arrives", "choice", choice="from-records"),
]


def _with_foils(d: dict[str, Any]) -> None:
    d["indicators"] = {
        "speaks-welsh": {"label": "The family speaks Welsh at home"},
        "strangled": {
            "label": "He has strangled or choked her",
            "description": "Non-fatal strangulation is a strong predictor of homicide.",
        },
    }
    part = d["scenes"]["risk"]["checklist"]
    part["offered"] = ["strangled", "very-frightened", "tidy-home", "employed", "speaks-welsh"]
    part["present"] = {"strangled": 3, "very-frightened": 1}
    part["foils"] = {"speaks-welsh": "A family's language is not a risk; offer an interpreter."}
    part["must_identify"] = ["strangled"]


def test_a_ticked_foil_shows_its_own_explanation(write_case: WriteCase) -> None:
    loaded = load_case(write_case(_with_foils))
    ticked = ("strangled", "very-frightened", "speaks-welsh", "tidy-home")
    result = score_attempt(loaded, [*BEFORE, Decision("risk", "checklist", ticked=ticked), *AFTER])
    step = next(s for s in result.steps if s.kind == "checklist")
    assert "A family's language is not a risk; offer an interpreter." in step.feedback
    # the foil is not called absent; the unnamed false alarm still is
    absent = step.feedback[step.feedback.index("Not present in this case so far") :]
    assert "Welsh" not in absent and "tidy" in absent.lower()
    assert step.detail["false_alarms"] == ["tidy-home", "speaks-welsh"]


def test_missing_a_must_identify_indicator_is_critical(write_case: WriteCase) -> None:
    loaded = load_case(write_case(_with_foils))
    decisions = [*BEFORE, Decision("risk", "checklist", ticked=("very-frightened",)), *AFTER]
    result = score_attempt(loaded, decisions)
    assert not result.passed
    (critical,) = result.critical_errors
    assert critical.kind == "checklist" and critical.judgement == "unsafe"
    assert any(
        "He has strangled or choked her, which must be identified" in r for r in result.reasons
    )
    # ticking it as well passes
    good = [*BEFORE, Decision("risk", "checklist", ticked=("strangled", "very-frightened")), *AFTER]
    assert score_attempt(loaded, good).passed


def test_descriptions_are_shown_in_feedback_and_the_debrief(write_case: WriteCase) -> None:
    loaded = load_case(write_case(_with_foils))
    missed = score_attempt(
        loaded, [*BEFORE, Decision("risk", "checklist", ticked=("very-frightened",)), *AFTER]
    )
    step = next(s for s in missed.steps if s.kind == "checklist")
    assert "strong predictor of homicide" in step.feedback
    ticked = score_attempt(
        loaded,
        [*BEFORE, Decision("risk", "checklist", ticked=("strangled", "very-frightened")), *AFTER],
    )
    text = debrief_markdown(loaded, ticked)
    assert "✔ ticked: **He has strangled or choked her** (must be identified): Non-fatal" in text


def test_foils_and_must_identify_must_fit_the_checklist(write_case: WriteCase) -> None:
    def edit(d: dict[str, Any]) -> None:
        _with_foils(d)
        d["scenes"]["risk"]["checklist"]["must_identify"] = ["speaks-welsh"]

    loaded, problems = check_case(write_case(edit))
    assert loaded is None
    (problem,) = [p for p in problems if p.severity == "error"]
    assert "must_identify lists 'speaks-welsh', which is not in 'present'" in problem.message
    assert problem.line > 0

    def edit2(d: dict[str, Any]) -> None:
        _with_foils(d)
        d["scenes"]["risk"]["checklist"]["foils"] = {"strangled": "no"}

    loaded, problems = check_case(write_case(edit2))
    assert loaded is None
    assert any("foil 'strangled' is also listed as present" in p.message for p in problems)


# ---------------------------------------------------------------- calibration

# The checklist of "She left" (post-separation-stalking-contact) when issue 12 was filed.
SHE_LEFT = Checklist(
    offered=[
        "new-flat",
        "separating",
        "employed",
        "stalking",
        "contact-conflict",
        "children-harmed",
        "very-frightened",
        "escalation",
        "strangulation",
        "jealousy-control",
        "weapons",
        "criminal-history",
        "tidy-home",
        "substance-misuse",
    ],  # fmt: skip
    present={
        "stalking": 3,
        "separating": 2,
        "contact-conflict": 2,
        "very-frightened": 2,
        "escalation": 2,
        "children-harmed": 1,
        "criminal-history": 1,
        "jealousy-control": 1,
    },  # fmt: skip
    competency="risk-identification",
    to="x",
)
MINIMUM = 0.75  # the case's risk-identification minimum


def test_she_left_missing_three_key_indicators_is_unsafe_and_below_the_minimum() -> None:
    # issue 12: the learner ticked only stalking and fear (answer "4,7")
    fraction, missed, fa = checklist_fraction(SHE_LEFT, {"stalking", "very-frightened"})
    assert fraction < MINIMUM / 2
    assert checklist_judgement(SHE_LEFT, missed, fa, fraction) == "unsafe"
    # missing just the three key indicators, ticking everything else present
    rest = set(SHE_LEFT.present) - {"separating", "contact-conflict", "escalation"}
    fraction, missed, fa = checklist_fraction(SHE_LEFT, rest)
    assert fraction < 0.4 and checklist_judgement(SHE_LEFT, missed, fa, fraction) == "unsafe"
    # missing any one key indicator alone no longer meets the minimum
    for key in [i for i in SHE_LEFT.present if SHE_LEFT.is_key(i)]:
        assert checklist_fraction(SHE_LEFT, set(SHE_LEFT.present) - {key})[0] < MINIMUM


def test_she_left_ticking_everything_does_not_meet_the_minimum() -> None:
    fraction, missed, fa = checklist_fraction(SHE_LEFT, set(SHE_LEFT.offered))
    assert not missed and len(fa) == 6
    assert fraction < MINIMUM
    # ...while one false alarm still costs less than missing the lightest indicator
    one_fa = checklist_fraction(SHE_LEFT, set(SHE_LEFT.present) | {"tidy-home"})[0]
    one_miss = checklist_fraction(SHE_LEFT, set(SHE_LEFT.present) - {"jealousy-control"})[0]
    assert one_miss < one_fa < 1.0


@st.composite
def balanced(draw: st.DrawFn) -> Checklist:
    """Checklists with at least as many foils as present indicators, all of equal weight."""
    n = draw(st.integers(1, 8))
    foils = draw(st.integers(n, 12))
    weight = draw(st.floats(0.5, 5.0))
    present = {f"p{i}": weight for i in range(n)}
    offered = [*present, *(f"f{i}" for i in range(foils))]
    return Checklist(offered=offered, present=present, competency="c", to="x")


@settings(max_examples=100)
@given(balanced())
def test_with_enough_foils_ticking_everything_earns_next_to_nothing(part: Checklist) -> None:
    fraction, missed, _ = checklist_fraction(part, set(part.offered))
    assert not missed and fraction <= 0.1 + 1e-9
    assert checklist_fraction(part, set(part.present))[0] == 1.0


def test_bundled_catalogue_schema_file_is_current() -> None:
    """The catalogue schema carries the indicator description's new hover text."""
    from click.testing import CliRunner

    from trainer.cli import main

    root = Path(__file__).resolve().parents[2]
    result = CliRunner().invoke(main, ["schema", "--catalogue"])
    assert "shown with it in checklist feedback" in result.output
    assert (root / "scenarios" / "catalogue.schema.json").read_text() == result.output, (
        "run: trainer schema --catalogue --out scenarios/catalogue.schema.json"
    )


@settings(max_examples=200)
@given(balanced(), st.data())
def test_false_alarms_alone_are_never_unsafe(part: Checklist, data: st.DataObject) -> None:
    foils = [i for i in part.offered if i not in part.present]
    extra = set(data.draw(st.lists(st.sampled_from(foils), unique=True)))
    fraction, missed, fa = checklist_fraction(part, set(part.present) | extra)
    assert checklist_judgement(part, missed, fa, fraction) in ("expected", "acceptable", "poor")


def test_validate_warns_when_ticking_everything_meets_the_minimum(write_case: WriteCase) -> None:
    def few_foils(d: dict[str, Any]) -> None:
        part = d["scenes"]["risk"]["checklist"]
        part["offered"] = ["strangulation", "very-frightened", "tidy-home"]
        part.pop("foils")

    _loaded, problems = check_case(write_case(few_foils))
    (warning,) = [p for p in problems if "ticking every offered indicator" in p.message]
    assert warning.severity == "warning"
    assert "earns 78% of the checklist in 'risk', at or above the 40% minimum" in warning.message

    def light_keys(d: dict[str, Any]) -> None:
        part = d["scenes"]["risk"]["checklist"]
        part["present"] = {
            "strangulation": 3,
            "very-frightened": 2.5,
            "tidy-home": 2.5,
            "employed": 2.5,
        }
        part["key_weight"] = 3
        part.pop("must_identify")

    _loaded, problems = check_case(write_case(light_keys))
    assert any(
        "missing every key indicator in 'risk' still earns 43%" in p.message for p in problems
    ), [p.message for p in problems]
