"""Write valid, varied case files of about 1,000 lines for the loader benchmark.

Each case uses the shared catalogue (competencies, risk scales, indicators) and
every part of the format: people, confidential facts, references, sequence
rules, decisions with all four judgements and critical choices, checklists,
ratings, narrative scenes, conditional passages, flags read by choices, routes
and passages, counters (``vars``) changed by choices and scenes and read by choices,
passages, rules and debrief passages, conditional presence and disclosure, a rule
that asks ``present(lee)``, images and several endings. The cases are random but seeded, so
the same seed writes the same files.

Run it on its own to inspect the output::

    python -m bench.generate OUT_FOLDER --count 5
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "scenarios" / "catalogue.yaml"
TARGET_LINES = 1000
# A 1x1 transparent PNG, so scenes can carry a real image inside the case folder.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

_WORD_SOURCE = (
    "she said the children were upstairs when it happened and that he had been drinking "
    "again after work the health visitor noticed bruising last month the school reports "
    "that the eldest is withdrawn and often late the police were called twice this year "
    "he controls the money and checks her phone she has not seen her sister since the "
    "summer the neighbour heard shouting through the wall the baby was asleep in the cot "
    "the kitchen door has a broken lock she wants to keep the family together but is scared"
)
WORDS = _WORD_SOURCE.split()
SPEAKER_LINES = [
    "I don't want to make things worse for anyone.",
    "He's not like that all the time, you have to understand.",
    "Who told you? Was it the school?",
    "I just need him to stop shouting in front of the kids.",
    "Can we do this another day? He'll be back soon.",
    "I've told the police everything already.",
]


def _sentence(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _markdown(rng: random.Random) -> str:
    parts = [_paragraph(rng, rng.randint(2, 3))]
    if rng.random() < 0.4:
        parts.append(f'"{rng.choice(SPEAKER_LINES)}"')
    if rng.random() < 0.3:
        parts.append("\n".join(f"- {_sentence(rng, 4, 8)}" for _ in range(3)))
    if rng.random() < 0.3:
        parts.append(f"> **Note:** {_sentence(rng)}")
    return "\n\n".join(parts) + "\n"


class _CaseBuilder:
    """Builds one case as plain data, then dumps it as block-style YAML."""

    def __init__(self, rng: random.Random, index: int, catalogue: dict[str, Any]) -> None:
        self.rng = rng
        self.index = index
        self.competencies = list(catalogue["competencies"])
        self.scales = catalogue["risk_scales"]
        self.indicators = list(catalogue["indicators"])
        self.refs = [f"ref-{i}" for i in range(1, 6)]
        self.flags_set: list[str] = []
        self.scenes: dict[str, Any] = {}

    # ------------------------------------------------------------------ helpers
    def competencies_for_choice(self) -> list[str]:
        """Two competencies for an expected choice: a core one and one other."""
        core = self.rng.choice(["communication", "risk-identification"])
        other = self.rng.choice([c for c in self.competencies if c != core])
        return [core, other]

    def read_flag(self) -> str | None:
        return self.rng.choice(self.flags_set) if self.flags_set else None

    def condition(self) -> str | None:
        flag = self.read_flag()
        if flag is None:
            return None
        other = self.read_flag()
        form = self.rng.random()
        if form < 0.5 or other == flag:
            return flag
        if form < 0.75:
            return f"not {flag}"
        return f"{flag} and not {other}"

    def new_flag(self) -> str:
        flag = f"flag_{len(self.flags_set) + 1}"
        self.flags_set.append(flag)
        return flag

    # ------------------------------------------------------------------ scenes
    def decision(self, sid: str, to: str, aside: str, is_last: bool) -> dict[str, Any]:
        rng = self.rng
        scene: dict[str, Any] = {"title": f"Stage {sid}", "speaker": rng.choice(["sam", "lee"])}
        if scene["speaker"] == "lee":
            scene["present"] = ["lee"]
        elif rng.random() < 0.3:  # he joins her when things have got heated
            scene["present"] = ["sam", {"who": "lee", "if": "hostility >= 2"}]
        if rng.random() < 0.15:
            scene["image"] = "img/scene.png"
        scene["text"] = _markdown(rng)
        cond = self.condition()
        if cond:
            scene["passages"] = [{"if": cond, "text": _paragraph(rng, 2)}]
        if rng.random() < 0.2:
            scene["discloses"] = [rng.choice(["new-address", "spoke-to-us"])]
        elif rng.random() < 0.15:
            scene["discloses"] = [{"fact": "new-address", "if": "engagement >= 2"}]
        if rng.random() < 0.4:
            level = rng.randint(1, 4)
            scene.setdefault("passages", []).append(
                {"if": f"engagement >= {level}", "text": _paragraph(rng, 1)}
            )
        comps = self.competencies_for_choice()
        # the expected choice earns the most in every competency it touches, so the
        # expected path is the best path (as in a well-made case)
        options = [
            {
                "id": "best",
                "text": _sentence(rng),
                "judgement": "expected",
                "points": {c: rng.randint(2, 4) for c in comps},
                "feedback": _paragraph(rng, 2),
                "refs": rng.sample(self.refs, 2),
                "to": to,
            },
            {
                "id": "fair",
                "text": _sentence(rng),
                "judgement": "acceptable",
                "points": {comps[0]: 1},
                "feedback": _paragraph(rng, 1),
                "to": to,
            },
            {
                "id": "weak",
                "text": _sentence(rng),
                "judgement": "poor",
                "points": {comps[0]: rng.choice([-1, 0])},
                "feedback": _paragraph(rng, 2),
                "to": aside,
            },
        ]
        # counters: the approach so far changes how the people respond
        if rng.random() < 0.5:
            options[0]["adds"] = {"engagement": 1}
        if rng.random() < 0.5:
            options[2]["adds"] = {"hostility": 1, "engagement": -1}
        if rng.random() < 0.15:
            options[1]["if"] = "hostility <= 1"  # only while he is still calm
        # flags: only a few per case keep the number of (scene, flags) states realistic
        if len(self.flags_set) < 5 and rng.random() < 0.35:
            options[0]["sets"] = [self.new_flag()]
        gate = self.read_flag()
        if gate and rng.random() < 0.3 and "if" not in options[1]:
            options[1]["if"] = gate
        if is_last or rng.random() < 0.5:
            options.append(
                {
                    "id": "unsafe",
                    "text": _sentence(rng),
                    "judgement": "unsafe",
                    "critical": True,
                    "points": {"communication": -3},
                    "feedback": _paragraph(rng, 2),
                    "refs": [rng.choice(self.refs)],
                    "to": "poor-end" if is_last else to,
                }
            )
            if is_last and scene["speaker"] == "lee":
                options[-1]["reveals"] = ["spoke-to-us"]
        if rng.random() < 0.3 and self.flags_set:
            flag = self.read_flag()
            options[0]["to"] = [{"if": flag, "to": to}, {"to": to}]
        scene["decision"] = {
            "prompt": rng.choice(["What do you do?", "What do you say?", "How do you respond?"]),
            "ask_confidence": rng.random() < 0.3,
            "options": options,
        }
        return scene

    def aside(self, to: str) -> dict[str, Any]:
        scene = {"title": "Meanwhile", "text": _markdown(self.rng), "next": to}
        if self.rng.random() < 0.3:
            scene["adds"] = {"hostility": 1}  # the detour costs something
        return scene

    def checklist(self, to: str) -> dict[str, Any]:
        rng = self.rng
        offered = rng.sample(self.indicators, 6) + ["local-1"]
        present = {ind: rng.choice([1, 2, 3]) for ind in offered[:3]}
        return {
            "title": "What have you noticed?",
            "text": _paragraph(rng, 2),
            "checklist": {
                "offered": offered,
                "present": present,
                "competency": "risk-identification",
                "points": rng.choice([6, 8, 10]),
                "false_alarm_weight": 0.5,
                "key_weight": 3,
                "feedback": _paragraph(rng, 2),
                "refs": [rng.choice(self.refs)],
                "to": to,
            },
        }

    def rating(self, to: str) -> dict[str, Any]:
        rng = self.rng
        scale_id = rng.choice(list(self.scales))
        levels = [lv["id"] for lv in self.scales[scale_id]["levels"]]
        part: dict[str, Any] = {
            "scale": scale_id,
            "expected": levels[-1],
            "competency": rng.choice(["risk-identification", "safeguarding-children"]),
            "points": 10,
            "under_weight": 1.0,
            "over_weight": 0.5,
            "feedback": _paragraph(rng, 2),
            "to": to,
        }
        if len(levels) >= 3:
            part["critical_under_by"] = 2
        return {"title": "Rate the risk", "text": _paragraph(rng, 1), "rating": part}

    def narrative(self, to: str) -> dict[str, Any]:
        scene: dict[str, Any] = {"title": "Later", "text": _markdown(self.rng)}
        flag = self.read_flag()
        if flag:
            scene["next"] = [{"if": flag, "to": to}, {"to": to}]
        else:
            scene["next"] = to
        return scene

    # ------------------------------------------------------------------ case
    def build(self) -> dict[str, Any]:
        rng = self.rng
        kinds = ["decision", "decision", "decision", "checklist", "rating", "narrative"]
        stages: list[tuple[str, str]] = [("stage-1", "decision")]
        lines = 170  # metadata, people, endings...
        while lines < TARGET_LINES - 40:
            kind = rng.choice(kinds)
            stages.append((f"stage-{len(stages) + 1}", kind))
            lines += {"decision": 76, "checklist": 27, "rating": 16, "narrative": 9}[kind]
        stages.append((f"stage-{len(stages) + 1}", "decision"))
        for i, (sid, kind) in enumerate(stages):
            to = stages[i + 1][0] if i + 1 < len(stages) else "wrap-up"
            if kind == "decision":
                aside = f"{sid}-aside"
                self.scenes[sid] = self.decision(sid, to, aside, is_last=i == len(stages) - 1)
                self.scenes[aside] = self.aside(to)
            else:
                self.scenes[sid] = getattr(self, kind)(to)
        # every flag set is read: the wrap-up routes on each of them
        routes = [{"if": f, "to": "good-end"} for f in self.flags_set[:1]]
        routes += [{"if": f"not {f}", "to": "mixed-end"} for f in self.flags_set[1:]]
        routes += [{"if": "asked_about_abuse", "to": "mixed-end"}, {"to": "good-end"}]
        self.scenes["wrap-up"] = {"title": "Closing the visit", "text": _markdown(rng)}
        self.scenes["wrap-up"]["next"] = routes
        for name, outcome in (("good-end", "good"), ("mixed-end", "mixed"), ("poor-end", "poor")):
            self.scenes[name] = {
                "text": _paragraph(rng, 2),
                "ending": {
                    "outcome": outcome,
                    "debrief": _paragraph(rng, 3),
                    "passages": [
                        {"if": "engagement >= 3", "text": _paragraph(rng, 1)},
                        {"if": "hostility >= 2 and not checked_safe", "text": _paragraph(rng, 1)},
                    ],
                },
            }
        return self.case()

    def case(self) -> dict[str, Any]:
        rng = self.rng
        n = self.index
        first = self.scenes["stage-1"]["decision"]["options"]
        first[0].setdefault("sets", []).append("checked_safe")
        first[2]["sets"] = ["asked_about_abuse"]
        return {
            "format": 1,
            "id": f"generated-case-{n:04d}",
            "title": f"Generated case {n}: {_sentence(rng, 3, 6)[:-1]}",
            "version": f"1.{n % 10}",
            "authors": ["Benchmark generator"],
            "jurisdiction": rng.choice(["england", "wales", "both"]),
            "focus": rng.choice(["victim-safeguarding", "perpetrator-engagement", "both"]),
            "level": rng.choice(["introductory", "intermediate", "advanced"]),
            "minutes": rng.randint(15, 60),
            "tags": rng.sample(
                ["home visit", "children", "MARAC", "police", "health", "school"], 3
            ),
            "summary": _markdown(rng),
            "content_note": "Domestic abuse, coercive control and children living with abuse.",
            "learning_outcomes": [_sentence(rng) for _ in range(3)],
            "references": {
                ref: {"title": _sentence(rng, 3, 6), "citation": _sentence(rng, 4, 8)}
                for ref in self.refs
            },
            "people": {
                "sam": {"name": "Sam Carter", "role": "survivor", "age": 29},
                "lee": {"name": "Lee Carter", "role": "perpetrator", "age": 33},
                "ava": {"name": "Ava Carter", "role": "child", "age": 6},
                "jo": {"name": "Jo Patel", "role": "professional", "description": "Health visitor"},
            },
            "vars": {
                "engagement": {
                    "min": 0,
                    "max": 4,
                    "start": 1,
                    "description": "How far Sam engages",
                },
                "hostility": {"min": 0, "max": 3, "start": 0, "description": "How hostile Lee is"},
            },
            "confidential": {
                "new-address": {"text": "her sister's address", "source": "sam"},
                "spoke-to-us": {"text": "that Sam spoke to us about the abuse", "source": "sam"},
            },
            "indicators": {"local-1": {"label": "The family has moved three times this year"}},
            "scoring": {
                "pass_mark": 60,
                "minimums": {"communication": 40, "risk-identification": 40},
            },
            "rules": [
                {
                    "id": "safe-before-asking",
                    "when": "asked_about_abuse",
                    "require": "checked_safe",
                    "judgement": "unsafe",
                    "points": {"communication": -2},
                    "feedback": _paragraph(rng, 1),
                    "refs": [self.refs[0]],
                },
                {
                    "id": "not-in-front-of-him",
                    "when": "asked_about_abuse",
                    "require": "not present(lee)",
                    "judgement": "unsafe",
                    "points": {"communication": -2},
                    "feedback": _paragraph(rng, 1),
                    "refs": [self.refs[0]],
                },
                {
                    "id": "hostility-rising",
                    "when": "hostility >= 3",
                    "require": "checked_safe",
                    "judgement": "poor",
                    "points": {"communication": -1},
                    "feedback": _paragraph(rng, 1),
                    "refs": [self.refs[0]],
                },
            ],
            "start": "stage-1",
            "scenes": self.scenes,
        }


def generate_case(index: int, seed: int = 0) -> str:
    """The YAML text of one generated case."""
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    rng = random.Random(seed * 1_000_003 + index)
    data = _CaseBuilder(rng, index, catalogue).build()
    header = "# yaml-language-server: $schema=./case.schema.json\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96)


def write_cases(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` cases (and the catalogue and an image) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOGUE, folder / "catalogue.yaml")
    (folder / "img").mkdir(exist_ok=True)
    (folder / "img" / "scene.png").write_bytes(PNG)
    paths = []
    for i in range(count):
        path = folder / f"case-{i:04d}.yaml"
        path.write_text(generate_case(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for path in write_cases(args.folder, args.count, args.seed):
        print(path, len(path.read_text(encoding="utf-8").splitlines()), "lines")


if __name__ == "__main__":
    main()
