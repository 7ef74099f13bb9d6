"""The debrief of an attempt as Markdown: one text for the terminal, the GUI and PDFs."""

from __future__ import annotations

from typing import Any

from trainer.core.loader import LoadedCase
from trainer.core.scoring import Result, StepResult

JUDGEMENT_WORDS = {
    "expected": "Expected practice",
    "acceptable": "Acceptable",
    "poor": "Poor practice",
    "unsafe": "Unsafe",
}
DETAILS_HEADING = "## Every decision, in detail"
JUDGEMENT_MARKS = {"expected": "✔", "acceptable": "○", "poor": "△", "unsafe": "✖"}


def judgement_label(step: StepResult) -> str:
    """A judgement in words with a symbol, never colour alone."""
    if step.judgement is None:
        return ""
    text = f"{JUDGEMENT_MARKS[step.judgement]} {JUDGEMENT_WORDS[step.judgement]}"
    return text + (" — safety-critical error" if step.critical else "")


def reference_lines(loaded: LoadedCase, ref_ids: tuple[str, ...] | list[str]) -> list[str]:
    lines = []
    for rid in ref_ids:
        ref = loaded.case.references.get(rid)
        if ref is None:
            continue
        source = ", ".join(x for x in (ref.citation, ref.url) if x)
        lines.append(f"{ref.title} ({source})" if source else ref.title)
    return lines


def _step_block(loaded: LoadedCase, step: StepResult, refs_inline: bool = True) -> list[str]:
    out = [f"**{step.label}**  ", f"*{judgement_label(step)}*"]
    if step.confidence:
        out[-1] += f" · you were {step.confidence}ly confident".replace("mediumly", "moderately")
    note = step.detail.get("note") if step.detail else None
    if note:
        out += ["", f"Your note: “{note}”"]
    if step.feedback:
        out += ["", step.feedback]
    if step.safe_practice:
        out += ["", "Safe practice here: " + " / ".join(step.safe_practice)]
    out += _also_defensible(loaded, step)
    refs = reference_lines(loaded, step.refs)
    if refs and refs_inline:
        out += ["", "See: " + "; ".join(refs)]
    return out


def _also_defensible(loaded: LoadedCase, step: StepResult) -> list[str]:
    """For a choice: the other expected or acceptable options, and why they were sound."""
    scene = loaded.case.scenes.get(step.scene)
    if step.kind != "choice" or scene is None or scene.decision is None:
        return []
    taken = step.detail.get("choice") if step.detail else None
    others = [
        c
        for c in scene.decision.options
        if c.id != taken
        and c.judgement in ("expected", "acceptable")
        and c.text not in step.safe_practice
    ]
    if not others:
        return []
    out = ["", "Also defensible here:"]
    for c in others:
        why = " ".join(c.feedback.split())
        out.append(
            f"- {c.text}" + (f" ({JUDGEMENT_WORDS[c.judgement].lower()}): {why}" if why else "")
        )
    return out


def reached_competencies(loaded: LoadedCase, result: Result) -> set[str]:
    """Competencies the path gave a chance to show: any option, checklist, rating or rule
    met on the way could score them. The others were not reached on this path."""
    return reached_in(loaded, [(s.kind, s.scene, s.points) for s in result.steps])


def reached_in(loaded: LoadedCase | None, steps: list[tuple[Any, Any, dict]]) -> set[str]:
    """:func:`reached_competencies` from (kind, scene, points) of each step (a stored
    result); without the case, only the competencies the steps scored."""
    reached: set[str] = set()
    for kind, scene_id, points in steps:
        reached.update(points)
        scene = loaded.case.scenes.get(scene_id) if loaded is not None else None
        if scene is None:
            continue
        if kind == "choice" and scene.decision is not None:
            for c in scene.decision.options:
                reached.update(c.points)
        part = (
            scene.checklist if kind == "checklist" else scene.rating if kind == "rating" else None
        )
        if part is not None:
            reached.add(part.competency)
    return reached


def percent_words(loaded: LoadedCase, result: Result, comp: str) -> str:
    """A competency's score in words: 'not reached on this path' rather than 0%."""
    pct = result.percents.get(comp)
    if pct is None:
        return "not assessed in this case"
    if comp not in reached_competencies(loaded, result):
        return "not reached on this path"
    return f"{pct:.0f}%"


def short_label(step: StepResult) -> str:
    """What the learner did, short enough for a summary line."""
    if step.kind == "checklist":
        count = len(step.detail.get("ticked", ())) if step.detail else 0
        return f"The risk checklist ({count} indicator{'s' if count != 1 else ''} ticked)"
    if step.kind == "rule":
        return "The order of work"
    return step.label


def honest_reasons(loaded: LoadedCase, result: Result) -> list[str]:
    """The result's reasons, with a competency the path never reached said as such
    (its minimum was not met because the path never came to it, not because of a 0)."""
    reached = reached_competencies(loaded, result)
    out = []
    for reason in result.reasons:
        for comp in result.percents:
            title = loaded.competency_title(comp)
            if comp not in reached and reason.startswith(f"{title}: "):
                minimum = result.minimums.get(comp)
                reason = f"{title}: not reached on this path" + (
                    f" (its minimum is {minimum:.0f}%)." if minimum is not None else "."
                )
                break
        out.append(reason)
    return out


def _summary(loaded: LoadedCase, result: Result) -> list[str]:
    """What happened next, the decisions that mattered most, and the one to think about."""
    case = loaded.case
    lines = ["## Summary", ""]
    if result.ending:
        ending = case.scenes[result.ending].ending
        told = result.ending_debrief or (ending.debrief if ending is not None else "")
        if told:  # the ending's debrief with the passages that hold on this path
            lines += ["**What happened next.** " + told.strip(), ""]
        if ending is not None and ending.outcome == "poor":
            lines += [
                "Endings like this are hard to read. This one follows from choices in a "
                "training case; it says nothing about who you are as a practitioner, and "
                "harm is always the responsibility of the person who causes it. If it has "
                "stirred anything up, the Support screen lists people to talk to.",
                "",
            ]
    choices = [s for s in result.steps if s.judgement is not None and s.kind != "rule"]
    strong = [s for s in choices if s.judgement == "expected" and sum(s.points.values()) > 0]
    strong.sort(key=lambda s: (s.kind != "choice", -sum(s.points.values())))
    weak = sorted(
        (s for s in result.steps if s.critical or s.judgement in ("unsafe", "poor")),
        key=lambda s: (not s.critical, s.judgement != "unsafe", s.index),
    )
    if strong:
        lines += ["**Decisions that mattered most:**", ""]
        lines += [f"- ✔ {short_label(s)}" for s in strong[:3]] + [""]
    if weak:
        lines += [
            f"**The one to think about:** {short_label(weak[0])} ({judgement_label(weak[0])})",
            "",
        ]
    elif choices:
        lines += [
            "**The one to think about:** nothing went wrong; which decision would you "
            "make differently in a real visit, and why?",
            "",
        ]
    return lines


def _indicator_lines(loaded: LoadedCase, step: StepResult) -> list[str]:
    """For a checklist: every indicator present, ticked or not, with its description."""
    scene = loaded.case.scenes.get(step.scene)
    part = scene.checklist if scene is not None else None
    if step.kind != "checklist" or part is None:
        return []
    ticked = set(step.detail.get("ticked", ()))
    out = ["Indicators present here:", ""]
    for ind_id in part.present:
        ind = loaded.indicator(ind_id)
        label = ind.label if ind else ind_id
        mark = "✔ ticked" if ind_id in ticked else "✖ missed"
        must = " (must be identified)" if ind_id in part.must_identify else ""
        about = f": {ind.description}" if ind is not None and ind.description else ""
        out.append(f"- {mark}: **{label}**{must}{about}")
    return [*out, ""]


def debrief_markdown(loaded: LoadedCase, result: Result) -> str:
    """The whole debrief: verdict and why, critical errors first, competencies, the path."""
    case = loaded.case
    lines = [f"# Debrief: {case.title}", ""]
    verdict = "Passed" if result.passed else "Not passed"
    lines += [f"## {verdict} — {result.percent:.0f}% (pass mark {result.pass_mark:.0f}%)", ""]
    lines += [f"- {reason}" for reason in honest_reasons(loaded, result)] + [""]
    lines += _summary(loaded, result)
    lines += [DETAILS_HEADING, ""]
    if result.critical_errors:
        lines += ["## Safety-critical errors", ""]
        for step in result.critical_errors:
            lines += _step_block(loaded, step, refs_inline=False) + [""]
    lines += ["## Competencies", ""]
    lines += ["| Competency | Score | Minimum |", "|---|---|---|"]
    for comp in result.percents:
        minimum = result.minimums.get(comp)
        shown = percent_words(loaded, result, comp)
        lines.append(
            f"| {loaded.competency_title(comp)} | {shown} | "
            f"{'—' if minimum is None else f'{minimum:.0f}%'} |"
        )
    lines.append("")
    risky = [s for s in result.steps if s.kind in ("checklist", "rating")]
    if risky:
        lines += ["## Risk identification and rating", ""]
        for step in risky:
            lines += _step_block(loaded, step, refs_inline=False) + [""]
            lines += _indicator_lines(loaded, step)
    if result.confident_unsafe:
        lines += [
            "## Confident, but not safe",
            "",
            "You felt highly confident about these choices, but they were not safe "
            "practice. Confidence is worth checking against evidence.",
            "",
        ]
        lines += [f"- {s.label}" for s in result.confident_unsafe] + [""]
    if result.rules_broken:
        lines += ["## Order of work", ""]
        for step in result.rules_broken:
            lines += _step_block(loaded, step, refs_inline=False) + [""]
    lines += ["## Your path", ""]
    for n, step in enumerate((s for s in result.steps if s.kind == "choice"), start=1):
        block = _step_block(loaded, step, refs_inline=False)
        # four spaces keep the feedback inside the numbered item in Markdown
        lines += [f"{n}. " + block[0]] + ["    " + x if x else "" for x in block[1:]] + [""]
    refs = reference_lines(loaded, list(dict.fromkeys(r for s in result.steps for r in s.refs)))
    if refs:
        lines += ["## References", ""] + [f"- {r}" for r in refs] + [""]
    return "\n".join(lines).rstrip() + "\n"
