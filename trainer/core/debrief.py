"""The debrief of an attempt as Markdown: one text for the terminal, the GUI and PDFs."""

from __future__ import annotations

from trainer.core.loader import LoadedCase
from trainer.core.scoring import Result, StepResult

JUDGEMENT_WORDS = {
    "expected": "Expected practice",
    "acceptable": "Acceptable",
    "poor": "Poor practice",
    "unsafe": "Unsafe",
}
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


def _step_block(loaded: LoadedCase, step: StepResult) -> list[str]:
    out = [f"**{step.label}**  ", f"*{judgement_label(step)}*"]
    if step.confidence:
        out[-1] += f" · you were {step.confidence}ly confident".replace("mediumly", "moderately")
    if step.feedback:
        out += ["", step.feedback]
    if step.safe_practice:
        out += ["", "Safe practice here: " + " / ".join(step.safe_practice)]
    refs = reference_lines(loaded, step.refs)
    if refs:
        out += ["", "See: " + "; ".join(refs)]
    return out


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
    lines += [f"- {reason}" for reason in result.reasons] + [""]
    if result.critical_errors:
        lines += ["## Safety-critical errors", ""]
        for step in result.critical_errors:
            lines += _step_block(loaded, step) + [""]
    lines += ["## Competencies", ""]
    lines += ["| Competency | Score | Minimum |", "|---|---|---|"]
    for comp, pct in result.percents.items():
        minimum = result.minimums.get(comp)
        shown = "—" if pct is None else f"{pct:.0f}%"
        lines.append(
            f"| {loaded.competency_title(comp)} | {shown} | "
            f"{'—' if minimum is None else f'{minimum:.0f}%'} |"
        )
    lines.append("")
    risky = [s for s in result.steps if s.kind in ("checklist", "rating")]
    if risky:
        lines += ["## Risk identification and rating", ""]
        for step in risky:
            lines += _step_block(loaded, step) + [""]
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
            lines += _step_block(loaded, step) + [""]
    lines += ["## Your path", ""]
    for n, step in enumerate((s for s in result.steps if s.kind == "choice"), start=1):
        block = _step_block(loaded, step)
        # four spaces keep the feedback inside the numbered item in Markdown
        lines += [f"{n}. " + block[0]] + ["    " + x if x else "" for x in block[1:]] + [""]
    if result.ending:
        ending = case.scenes[result.ending].ending
        told = result.ending_debrief or (ending.debrief if ending is not None else "")
        if told:
            lines += ["## What happened next", "", told, ""]
    return "\n".join(lines).rstrip() + "\n"
