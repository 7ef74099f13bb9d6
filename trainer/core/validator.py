"""Checks a case beyond its shape: references, the graph, scoring, images.

Every problem is collected (not just the first) and located in the file.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trainer.core import engine
from trainer.core.casechecks import judgement_checks  # issue 12: judgement checks
from trainer.core.conditions import (
    ConditionError,
    compare_values,
    comparisons,
    counter_names,
    flag_names,
    parse,
    people_asked,
)
from trainer.core.errors import Problem
from trainer.core.graph import (
    MAX_STATES,
    decisions_for,
    extreme_path,
    iter_paths,
    paths_through_choices,
    percent_weights,
)
from trainer.core.loader import LoadedCase, bundled_assets
from trainer.core.model import Case, Route
from trainer.core.session import score_attempt

Loc = tuple[Any, ...]
# Besides a targeted path through each risky choice, a few paths in file order are scored.
PATHS_CHECKED = 6
STEPS_CHECKED = 1_000  # at most this many steps in those paths, in all
_STEP_KINDS = ("checklist", "rating", "continue")  # path steps that are not choices


class _Report:
    def __init__(self, loaded: LoadedCase) -> None:
        self.smap = loaded.source
        self.problems: list[Problem] = []

    def error(self, loc: Loc, message: str) -> None:
        self.problems.append(self.smap.problem(loc, message, "error"))

    def warn(self, loc: Loc, message: str) -> None:
        self.problems.append(self.smap.problem(loc, message, "warning"))


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    candidates = list(known)
    if len(candidates) > 200:  # keep hints cheap in huge files: similar length, same start
        candidates = [c for c in candidates if c[:1] == name[:1] and abs(len(c) - len(name)) < 4]
        candidates = candidates[:200]
    match = difflib.get_close_matches(name, candidates, n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


def validate(loaded: LoadedCase) -> list[Problem]:
    """Every problem in a case that parsed into the model."""
    report = _Report(loaded)
    case = loaded.case
    flags_set, flags_read = _collect_flags(case)
    _check_references(loaded, report)
    _check_counters(case, report, flags_set)
    _check_conditions(loaded, report, flags_set)
    for flag in sorted(set(flags_set) - set(flags_read) - set(case.vars)):
        report.warn(flags_set[flag], f"flag '{flag}' is set but never read")
    _check_scenes(loaded, report)
    _check_presence(case, report)
    if not any(p.severity == "error" for p in report.problems):
        _check_graph(loaded, report)
    if not any(p.severity == "error" for p in report.problems):
        report.problems.extend(judgement_checks(loaded))
    return sorted(report.problems)


# --------------------------------------------------------------------------- references


def _targets(loc: Loc, target: str | list[Route] | None) -> list[tuple[Loc, str]]:
    if target is None:
        return []
    if isinstance(target, str):
        return [(loc, target)]
    return [((*loc, i, "to"), r.to) for i, r in enumerate(target)]


def _check_references(loaded: LoadedCase, report: _Report) -> None:
    case, cat = loaded.case, loaded.catalogue
    comps = cat.competencies
    if case.start not in case.scenes:
        report.error(
            ("start",),
            f"start scene '{case.start}' does not exist" + _did_you_mean(case.start, case.scenes),
        )

    def comp(loc: Loc, cid: str) -> None:
        if cid not in comps:
            report.error(
                loc,
                f"unknown competency '{cid}'"
                + _did_you_mean(cid, comps)
                + "; competencies are defined in the catalogue",
            )

    def refs(loc: Loc, ids: list[str]) -> None:
        for i, r in enumerate(ids):
            if r not in case.references:
                report.error(
                    (*loc, i), f"unknown reference '{r}'" + _did_you_mean(r, case.references)
                )

    def target(loc: Loc, tgt: str | list[Route] | None, what: str) -> None:
        for where, sid in _targets(loc, tgt):
            if sid not in case.scenes:
                report.error(
                    where,
                    f"{what} leads to '{sid}', which does not exist"
                    + _did_you_mean(sid, case.scenes),
                )

    for cid in case.scoring.minimums:
        comp(("scoring", "minimums", cid), cid)
    for i, rule in enumerate(case.rules):
        for cid in rule.points:
            comp(("rules", i, "points", cid), cid)
        refs(("rules", i, "refs"), rule.refs)
        if not rule.feedback.strip():
            report.error(("rules", i, "feedback"), f"sequence rule '{rule.id}' needs feedback")
    rule_ids = [r.id for r in case.rules]
    for rid in {r for r in rule_ids if rule_ids.count(r) > 1}:
        report.error(("rules",), f"sequence rule id '{rid}' is used more than once")

    for sid, scene in case.scenes.items():
        loc: Loc = ("scenes", sid)
        speaker = engine.speaker_id(case, scene)
        for i, item in enumerate(scene.present):
            pid = item if isinstance(item, str) else item.who
            if not isinstance(item, str) and pid == speaker:
                report.warn(
                    (*loc, "present", i, "if"),
                    f"'{pid}' speaks in this scene, so they are always present and this "
                    "condition has no effect: make the speaker someone who is always there",
                )
            if pid not in case.people:
                report.error(
                    (*loc, "present", i) if isinstance(item, str) else (*loc, "present", i, "who"),
                    f"unknown person '{pid}'" + _did_you_mean(pid, case.people),
                )
        for i, ditem in enumerate(scene.discloses):
            fid = ditem if isinstance(ditem, str) else ditem.fact
            if fid not in case.confidential:
                report.error(
                    (*loc, "discloses", i)
                    if isinstance(ditem, str)
                    else (*loc, "discloses", i, "fact"),
                    f"unknown confidential fact '{fid}'" + _did_you_mean(fid, case.confidential),
                )
        if scene.decision is not None:
            seen: set[str] = set()
            for i, choice in enumerate(scene.decision.options):
                cloc = (*loc, "decision", "options", i)
                if choice.id in seen:
                    report.error(
                        (*cloc, "id"), f"choice id '{choice.id}' is used twice in scene '{sid}'"
                    )
                seen.add(choice.id)
                for cid in choice.points:
                    comp((*cloc, "points", cid), cid)
                refs((*cloc, "refs"), choice.refs)
                target((*cloc, "to"), choice.to, f"choice '{choice.id}'")
                for j, fid in enumerate(choice.reveals):
                    if fid not in case.confidential:
                        report.error(
                            (*cloc, "reveals", j),
                            f"unknown confidential fact "
                            f"'{fid}'" + _did_you_mean(fid, case.confidential),
                        )
        if scene.checklist is not None:
            part = scene.checklist
            ploc = (*loc, "checklist")
            comp((*ploc, "competency"), part.competency)
            refs((*ploc, "refs"), part.refs)
            target((*ploc, "to"), part.to, f"the checklist in '{sid}'")
            known = set(case.indicators) | set(loaded.catalogue.indicators)
            for i, ind in enumerate(part.offered):
                if ind not in known:
                    report.error(
                        (*ploc, "offered", i),
                        f"unknown indicator '{ind}'" + _did_you_mean(ind, known),
                    )
            for ind, weight in part.present.items():
                if ind not in part.offered:
                    report.error(
                        (*ploc, "present", ind),
                        f"indicator '{ind}' is present but not offered on the checklist",
                    )
                if weight <= part.false_alarm_cost:
                    report.error(
                        (*ploc, "present", ind),
                        f"indicator '{ind}' weighs {weight}, "
                        f"not more than a false alarm ({part.false_alarm_cost:g}): "
                        "a missed indicator must cost more than a false alarm",
                    )
            if len(part.present) == len(part.offered):
                report.warn(
                    (*ploc, "offered"),
                    "every offered indicator is present, so the "
                    "checklist cannot test for false alarms",
                )
        if scene.rating is not None:
            part2 = scene.rating
            ploc = (*loc, "rating")
            comp((*ploc, "competency"), part2.competency)
            refs((*ploc, "refs"), part2.refs)
            target((*ploc, "to"), part2.to, f"the rating in '{sid}'")
            scale = loaded.scale(part2.scale)
            if scale is not None and any(not lv.description for lv in scale.levels):
                report.warn(
                    (*ploc, "scale"),
                    f"risk scale '{part2.scale}' has levels without a description: a learner "
                    "rates better when each level says what it means",
                )
            scales = set(case.risk_scales) | set(loaded.catalogue.risk_scales)
            if scale is None:
                report.error(
                    (*ploc, "scale"),
                    f"unknown risk scale '{part2.scale}'" + _did_you_mean(part2.scale, scales),
                )
            elif part2.expected not in [lv.id for lv in scale.levels]:
                report.error(
                    (*ploc, "expected"),
                    f"level '{part2.expected}' is not on the "
                    f"scale '{part2.scale}'"
                    + _did_you_mean(part2.expected, [lv.id for lv in scale.levels]),
                )
        target((*loc, "next"), scene.next, f"scene '{sid}'")
    for pid, fact in case.confidential.items():
        if fact.source is not None and fact.source not in case.people:
            report.error(("confidential", pid, "source"), f"unknown person '{fact.source}'")


# --------------------------------------------------------------------------- flags


def _condition_sites(case: Case) -> list[tuple[Loc, str]]:
    return [(loc, source) for loc, source, _ in _condition_sites_with_presence(case)]


def _condition_sites_with_presence(case: Case) -> list[tuple[Loc, str, bool]]:
    """Every condition, with whether it may ask ``present(...)`` (rules and passages)."""
    sites: list[tuple[Loc, str, bool]] = []
    for i, rule in enumerate(case.rules):
        sites += [
            (("rules", i, "when"), rule.when, True),
            (("rules", i, "require"), rule.require, True),
        ]
    for sid, scene in case.scenes.items():
        loc: Loc = ("scenes", sid)
        for i, passage in enumerate(scene.passages):
            sites.append(((*loc, "passages", i, "if"), passage.if_, True))
        for i, item in enumerate(scene.present):
            if not isinstance(item, str):
                sites.append(((*loc, "present", i, "if"), item.if_, False))
        for i, ditem in enumerate(scene.discloses):
            if not isinstance(ditem, str):
                sites.append(((*loc, "discloses", i, "if"), ditem.if_, False))
        if scene.ending is not None:
            for i, passage in enumerate(scene.ending.passages):
                sites.append(((*loc, "ending", "passages", i, "if"), passage.if_, False))
        routes: list[tuple[Loc, Any]] = [((*loc, "next"), scene.next)]
        for part in ("checklist", "rating"):
            obj = getattr(scene, part)
            if obj is not None:
                routes.append(((*loc, part, "to"), obj.to))
        if scene.decision is not None:
            for i, choice in enumerate(scene.decision.options):
                cloc = (*loc, "decision", "options", i)
                if choice.if_ is not None:
                    sites.append(((*cloc, "if"), choice.if_, False))
                routes.append(((*cloc, "to"), choice.to))
        for rloc, tgt in routes:
            if isinstance(tgt, list):
                for j, r in enumerate(tgt):
                    if r.if_ is not None:
                        sites.append(((*rloc, j, "if"), r.if_, False))
    return sites


def _collect_flags(case: Case) -> tuple[dict[str, Loc], dict[str, Loc]]:
    flags_set: dict[str, Loc] = {}
    for sid, scene in case.scenes.items():
        for i, f in enumerate(scene.sets):
            flags_set.setdefault(f, ("scenes", sid, "sets", i))
        if scene.decision is not None:
            for i, choice in enumerate(scene.decision.options):
                for j, f in enumerate(choice.sets):
                    flags_set.setdefault(f, ("scenes", sid, "decision", "options", i, "sets", j))
    flags_read: dict[str, Loc] = {}
    for loc, source in _condition_sites(case):
        try:
            for name in flag_names(source):
                flags_read.setdefault(name, loc)
        except ConditionError:
            pass
    return flags_set, flags_read


def _check_conditions(loaded: LoadedCase, report: _Report, flags_set: dict[str, Loc]) -> None:
    case = loaded.case
    for loc, source, may_ask_presence in _condition_sites_with_presence(case):
        try:
            parse(source)
        except ConditionError as exc:
            report.problems.append(_condition_problem(loaded, loc, source, exc))
            continue
        for name in sorted(flag_names(source)):
            if name in case.vars:
                counter = case.vars[name]
                report.error(
                    loc,
                    f"'{name}' is a counter, not a flag: compare it with a number, e.g. "
                    f"'{name} >= {min(counter.max, counter.min + 1)}'",
                )
            elif name not in flags_set:
                hint = _did_you_mean(name, [*flags_set, *case.vars])
                report.error(loc, f"flag '{name}' is read here but never set" + hint)
        for name in sorted(counter_names(source)):
            if name not in case.vars:
                report.error(
                    loc,
                    f"'{name}' is compared with a number, but it is not a counter declared "
                    "under 'vars:'" + _did_you_mean(name, case.vars),
                )
        for compare in comparisons(source):
            counter = case.vars.get(compare.counter)
            if counter is None:
                continue
            values = range(counter.min, counter.max + 1)
            holds = [v for v in values if _holds(v, compare.op, compare.number)]
            text = f"{compare.counter} {compare.op} {compare.number}"
            if not holds:
                report.warn(
                    loc,
                    f"'{text}' can never hold: '{compare.counter}' stays between "
                    f"{counter.min} and {counter.max}",
                )
            elif len(holds) == len(values):
                report.warn(
                    loc,
                    f"'{text}' always holds: '{compare.counter}' stays between "
                    f"{counter.min} and {counter.max}",
                )
        for person in sorted(people_asked(source)):
            if not may_ask_presence:
                report.error(
                    loc,
                    f"present({person}) can only be asked in sequence rules and scene "
                    "passages; who is in the room does not decide where the case goes "
                    "(use a flag set on arrival instead)",
                )
            elif person not in case.people:
                report.error(
                    loc,
                    f"present({person}) names no person of this case"
                    + _did_you_mean(person, case.people),
                )


def _holds(value: int, op: str, number: int) -> bool:
    return compare_values(value, op, number)


def _condition_problem(loaded: LoadedCase, loc: Loc, source: str, exc: ConditionError) -> Problem:
    """The problem at the character of the condition where it is, when it can be found:
    the value's own column plus the position (quoted or plain, on one line)."""
    problem = loaded.source.problem(loc, str(exc), "error")
    if exc.position is None or "\n" in source:
        return problem
    try:
        with open(loaded.path, encoding="utf-8", errors="replace") as handle:
            text = next((t for n, t in enumerate(handle, start=1) if n == problem.line), None)
        if text is None:
            return problem
    except OSError:
        return problem
    start = problem.column - 1
    key = f"{loc[-1]}:"
    if text[start:].startswith(key):  # the mark is the key's: step past it to the value
        start += len(key)
        while text[start : start + 1] in (" ", "\t"):
            start += 1
    if text[start : start + 1] in ("'", '"'):
        start += 1
    if text[start : start + len(source)] != source:
        return problem
    return Problem(problem.file, problem.line, start + exc.position, "error", problem.message)


def _check_counters(case: Case, report: _Report, flags_set: dict[str, Loc]) -> None:
    """Counters: declared before use, not named like a flag or a word of the language."""
    changed: set[str] = set()
    read: set[str] = set()
    for _, source in _condition_sites(case):
        with contextlib.suppress(ConditionError):
            read |= counter_names(source)
    for name in case.vars:
        if name in ("and", "or", "not", "true", "false", "present"):
            report.error(("vars", name), f"'{name}' is a word of the condition language")
        if name in flags_set:
            report.error(
                ("vars", name),
                f"'{name}' is a counter and also a flag set at "
                f"{'/'.join(map(str, flags_set[name]))}; give them different names",
            )

    def adds(loc: Loc, amounts: dict[str, int]) -> None:
        for name in amounts:
            changed.add(name)
            if name not in case.vars:
                report.error(
                    (*loc, "adds", name),
                    f"'{name}' is not a counter declared under 'vars:'"
                    + _did_you_mean(name, case.vars),
                )

    for sid, scene in case.scenes.items():
        adds(("scenes", sid), scene.adds)
        if scene.decision is not None:
            for i, choice in enumerate(scene.decision.options):
                adds(("scenes", sid, "decision", "options", i), choice.adds)
                for name in (*choice.sets, *choice.clears):
                    if name in case.vars:
                        report.error(
                            ("scenes", sid, "decision", "options", i),
                            f"'{name}' is a counter: change it with 'adds: {{{name}: 1}}', "
                            "not 'sets' or 'clears'",
                        )
    for name in case.vars:
        if name not in read:
            report.warn(("vars", name), f"counter '{name}' is never read by a condition")
        elif name not in changed:
            report.warn(
                ("vars", name),
                f"counter '{name}' is never changed by 'adds', so it always has its start value",
            )


# --------------------------------------------------------------------------- scenes


def _check_scenes(loaded: LoadedCase, report: _Report) -> None:
    case = loaded.case
    for sid, scene in case.scenes.items():
        loc: Loc = ("scenes", sid)
        if scene.decision is not None:
            options = scene.decision.options
            if not any(c.judgement == "expected" for c in options):
                report.error((*loc, "decision"), f"scene '{sid}' has no 'expected' choice")
            for i, choice in enumerate(options):
                cloc = (*loc, "decision", "options", i)
                if (choice.judgement == "unsafe" or choice.critical) and not choice.feedback:
                    report.error(
                        cloc,
                        f"choice '{choice.id}' is unsafe or critical but has "
                        "no feedback explaining why",
                    )
                if choice.judgement in ("poor", "unsafe") and not choice.refs:
                    report.warn(
                        (*cloc, "refs") if "refs" in choice.model_fields_set else cloc,
                        f"choice '{choice.id}' is judged '{choice.judgement}' but its feedback "
                        "names no reference (refs): name the guidance a learner can read",
                    )
                if choice.critical and choice.judgement in ("expected", "acceptable"):
                    report.error(
                        (*cloc, "critical"),
                        f"choice '{choice.id}' is marked critical but judged '{choice.judgement}'",
                    )
                if (
                    choice.reveals
                    and engine.perpetrator_present(case, scene)
                    and choice.judgement in ("expected", "acceptable")
                ):
                    report.warn(
                        (*cloc, "reveals"),
                        f"choice '{choice.id}' reveals a confidential "
                        "fact to the perpetrator, so the engine scores it as a "
                        "critical error; is 'expected' right?",
                    )
        if scene.ending is not None and not (scene.text or scene.passages):
            report.error(loc, f"ending '{sid}' needs outcome text")
        if scene.ending is not None and scene.ending.outcome == "poor" and not scene.ending.debrief:
            report.warn(
                (*loc, "ending"),
                f"ending '{sid}' is harmful (outcome: poor) but has no debrief text: say "
                "what happened and what would have helped, without blaming the learner or "
                "the victim (the debrief also points to support)",
            )
        if scene.checklist is not None:
            for ind, scenes in scene.checklist.revealed_by.items():
                for j, rid in enumerate(scenes):
                    if rid not in case.scenes:
                        report.error(
                            (*loc, "checklist", "revealed_by", ind, j),
                            f"revealed_by for '{ind}' names scene '{rid}', which is not in "
                            "this case" + _did_you_mean(rid, case.scenes),
                        )
        if scene.image:
            _check_image(loaded, report, (*loc, "image"), scene.image)


def _check_presence(case: Case, report: _Report) -> None:
    """Warn where the engine cannot tell who hears a confidential fact.

    Telling the person causing harm what someone disclosed is critical only if the engine
    knows he is there: from ``present`` and the speaker. A speaker that is not a person of
    the case, or a scene whose choices reveal a fact with no ``present`` list and no known
    speaker, can make that check silently vanish; a scene where he speaks should say who
    else is there.
    """
    if not case.people:
        return
    for sid, scene in case.scenes.items():
        loc: Loc = ("scenes", sid)
        speaker = engine.speaker_id(case, scene)
        reveals = scene.decision is not None and any(c.reveals for c in scene.decision.options)
        perpetrator = speaker is not None and case.people[speaker].role == "perpetrator"
        if not (reveals or scene.discloses or perpetrator):
            continue
        why = (
            "a choice here reveals a confidential fact"
            if reveals
            else "this scene discloses a confidential fact"
            if scene.discloses
            else "the speaker causes harm"
        )
        if scene.speaker and speaker is None:
            names = ", ".join(f"{pid} ({p.name})" for pid, p in case.people.items())
            report.warn(
                (*loc, "speaker"),
                f"speaker '{scene.speaker}' is not one of the people of this case, and {why}: "
                f"use a person's id ({names}) so the confidentiality check knows who hears it",
            )
        if not scene.present and (perpetrator or (reveals and speaker is None)):
            report.warn(
                loc,
                f"scene '{sid}' has no 'present:' list, and {why}: list everyone in the scene "
                "besides the learner (person ids), so the engine knows whether the person "
                "causing harm hears what is said",
            )


def allowed_image(loaded: LoadedCase, image: str) -> Path | None:
    """The resolved image path if it is inside the case's folder or assets/, else None."""
    candidates = [loaded.folder / image]
    if image.startswith("assets/"):
        candidates.append(bundled_assets() / image.removeprefix("assets/"))
    roots = [loaded.folder.resolve(), bundled_assets().resolve()]
    for candidate in candidates:
        resolved = candidate.resolve()
        if any(resolved.is_relative_to(root) for root in roots):
            return resolved
    return None


def _check_image(loaded: LoadedCase, report: _Report, loc: Loc, image: str) -> None:
    if "://" in image or image.startswith(("/", "\\")) or ":" in image[:3]:
        report.error(
            loc,
            f"image '{image}' must be a relative path inside the case's folder "
            "or assets/, not a URL or an absolute path",
        )
        return
    resolved = allowed_image(loaded, image)
    if resolved is None:
        report.error(loc, f"image '{image}' is outside the case's folder and assets/")
    elif not resolved.is_file():
        report.error(loc, f"image '{image}' does not exist")


# --------------------------------------------------------------------------- graph


def _scene_loc(sid: str) -> Loc:
    return ("scenes", sid)


def _check_graph(loaded: LoadedCase, report: _Report) -> None:
    case = loaded.case
    analysis = loaded.analysis
    if analysis.truncated:
        report.warn(
            ("scenes",),
            "the case has too many flag combinations (flags and counter values) to check "
            f"every one (over {MAX_STATES:,} states); some dead ends may not be found, "
            "and passing and failing are checked on seeded random playthroughs instead",
        )
    reachable = analysis.reachable_scenes
    for sid, scene in case.scenes.items():
        if sid not in reachable and not analysis.truncated:
            what = "ending" if scene.ending is not None else "scene"
            report.error(_scene_loc(sid), f"{what} '{sid}' can never be reached")
    reported: set[str] = set()
    for (sid, flags), reason in analysis.dead_ends():
        if sid in reported:
            continue
        reported.add(sid)
        with_flags = f" with {engine.describe_state(flags)}" if flags else ""
        report.error(_scene_loc(sid), f"dead end: in scene '{sid}'{with_flags}, {reason}")
    for sid, flags in analysis.no_exit():
        if sid in reported:
            continue
        reported.add(sid)
        with_flags = f" with {engine.describe_state(flags)}" if flags else ""
        report.error(
            _scene_loc(sid),
            f"loop with no exit: from scene '{sid}'{with_flags}, no ending can be reached",
        )
    if any(p.severity == "error" for p in report.problems):
        return
    _check_scoring(loaded, report)


def _check_scoring(loaded: LoadedCase, report: _Report) -> None:
    case = loaded.case
    analysis = loaded.analysis
    for cid, minimum in case.scoring.minimums.items():
        if analysis.maxima.get(cid, 0.0) <= 0 and minimum > 0:
            report.error(
                ("scoring", "minimums", cid),
                f"competency '{cid}' has a minimum but no path can earn any points in it",
            )
    for cid, top in analysis.maxima.items():
        if top <= 0 and cid not in case.scoring.minimums:
            report.warn(
                ("scoring",),
                f"competency '{cid}' can never earn points (its maximum "
                "is 0), so it is left out of percentages",
            )
    weights = percent_weights(loaded)
    if analysis.truncated:
        return  # too many flag combinations to search for passing and failing paths
    # The best path of expected choices is the model answer; other best paths are tried
    # only if it does not pass.
    candidates = (
        lambda: extreme_path(loaded, True, weights, expected_only=True),
        lambda: extreme_path(loaded, True, weights),
        lambda: extreme_path(loaded, True),
    )
    results = []
    for make in candidates:
        steps = make()
        if steps:
            results.append(score_attempt(loaded, decisions_for(loaded, steps, best=True)))
            if results[-1].passed:
                break
    can_pass = any(r.passed and r.finished for r in results)
    if results and results[0].finished:
        for cid, pct in results[0].percents.items():
            if pct is not None and pct < 100:
                top = extreme_path(loaded, True, {cid: 1.0})
                choices = " > ".join(label for _, label in top if label not in _STEP_KINDS)
                report.warn(
                    ("scoring",),
                    f"the best path of expected choices earns only {pct:.0f}% in '{cid}': "
                    f"another path earns more there ({choices or 'no choices'}), and "
                    "percentages are taken against that",
                )
    can_fail = False  # found below on a path through a risky choice, or on the worst path
    risky = {
        c.id
        for s in case.scenes.values()
        if s.decision
        for c in s.decision.options
        if c.judgement == "unsafe" or c.critical or c.reveals
    }
    # A high-scoring path through each risky choice (by percentages and by points), plus a
    # few paths in file order; each distinct path is scored once.
    tried: dict[tuple[tuple[str, str], ...], None] = {}
    for w in (weights, None):
        tried.update(dict.fromkeys(paths_through_choices(loaded, risky, w).values()))
    tried.update(dict.fromkeys(iter_paths(loaded, PATHS_CHECKED, STEPS_CHECKED)))
    warned: set[str] = set()
    choices = {
        (sid, c.id): c for sid, s in case.scenes.items() if s.decision for c in s.decision.options
    }
    unsafe_rule = any(rule.judgement == "unsafe" for rule in case.rules)

    def may_warn(steps: tuple[tuple[str, str], ...]) -> bool:
        """Whether the path could make an unsafe step (checklists and ratings answered
        best are never unsafe): only such paths can add a warning once one failed."""
        if unsafe_rule:
            return True
        for key in steps:
            choice = choices.get(key)
            if key[1] not in _STEP_KINDS and (
                choice is None or choice.judgement == "unsafe" or choice.reveals
            ):
                return True
        return False

    for steps in tried:
        if can_fail and not may_warn(steps):
            continue  # scoring it could change neither a warning nor can_fail
        if any(choices[key].critical for key in steps if key in choices):
            can_fail = True  # a critical choice fails the attempt whatever the points
            continue
        best = score_attempt(loaded, decisions_for(loaded, steps, best=True))
        can_fail = can_fail or not best.passed
        if not best.passed:
            continue
        for step in best.steps:
            key = f"{step.scene}/{step.label}"
            if step.judgement == "unsafe" and key not in warned:
                warned.add(key)
                report.warn(
                    _scene_loc(step.scene),
                    f"a path passes although it makes an unsafe choice ('{step.label[:60]}'); "
                    "raise the minimums or mark it critical",
                )
    if not can_pass:
        why = results[0].reasons[0] if results and results[0].reasons else ""
        report.error(
            ("scoring", "pass_mark"),
            f"no path through the case can pass; on the best path of expected choices: {why}",
        )
    if not can_fail:
        worst = extreme_path(loaded, best=False)
        can_fail = (
            bool(worst)
            and not score_attempt(loaded, decisions_for(loaded, worst, best=False)).passed
        )
    if not can_fail:
        report.error(("scoring", "pass_mark"), "every path passes; the case cannot be failed")
