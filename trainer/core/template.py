"""The commented starter case that ``trainer new CASE-ID`` writes.

It passes ``trainer validate --strict`` and ``trainer test`` exactly as
written (the tests check both), so a tutor starts from something that works
and changes one thing at a time.
"""

from __future__ import annotations

import re

from trainer.core.errors import TrainerError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SCHEMA_NAME = "case.schema.json"

_CASE = """\
# yaml-language-server: $schema=./{schema}
# A starter case written by `trainer new`. It is valid as it stands: check it with
#   trainer validate --strict {case_id}.yaml
#   trainer test {case_id}.yaml
# then change one scene at a time and check again. Every field is described in
# docs/authoring.md, and an editor with the YAML extension shows hover help.
format: 1
id: {case_id}
title: {title}
version: "0.1"                 # bump this whenever you change the case
authors: [Your name]
jurisdiction: england          # england, wales or both
focus: victim-safeguarding     # victim-safeguarding, perpetrator-engagement or both
level: introductory            # introductory, intermediate or advanced
minutes: 10
tags: [starter]
summary: |
  A short first contact with a survivor of domestic abuse. Replace this with what
  the learner will meet in the library.
content_note: Domestic abuse, coercive control.
learning_outcomes:
  - Check that it is safe to talk before asking about abuse.
  - Notice and weigh risk indicators, and rate the risk soundly.
references:
  safe-enquiry:
    title: Replace with the guidance your feedback relies on
    citation: Author, year
people:
  alex:
    name: Alex
    role: survivor
  jay:
    name: Jay
    role: perpetrator              # the engine keeps what she says from him
vars:                              # counters: whole numbers kept between min and max
  trust: {{min: 0, max: 3, start: 1, description: How safe Alex feels talking to you.}}
scoring:
  pass_mark: 60
  minimums:                    # per competency, so rapport cannot make up for unsafe practice
    communication: 50
    risk-identification: 40
start: phone-call
scenes:
  phone-call:
    title: A phone call
    speaker: alex
    text: |
      Alex rings the duty line. She speaks quietly and says her partner is "in the other room".
    decision:
      prompt: What do you say first?
      options:
        - id: check-safe
          text: Ask whether it is safe to talk now, and agree a word she can use to end the call.
          judgement: expected          # expected, acceptable, poor or unsafe
          points: {{communication: 2}}
          sets: [checked_safe]         # flags are read by 'if' conditions later on
          adds: {{trust: 1}}             # counters change by 'adds' (negative allowed)
          feedback: Checking safety first lets her decide what she can say, and when.
          refs: [safe-enquiry]
          to: she-talks
        - id: ask-outright
          text: Ask her straight away whether her partner hurts her, so you know what you are dealing with.
          judgement: unsafe
          critical: true               # a critical error fails the attempt whatever the points
          adds: {{trust: -1}}
          feedback: |
            If he can hear, a direct question can put her in danger. Check that it is safe
            to talk first.
          to: she-talks
  she-talks:
    speaker: alex
    present:
      - alex
      - who: jay                   # present only when the condition holds
        if: not checked_safe
    text: |
      Alex tells you that he checks her phone, and that last month he put his hands round her neck.
    passages:
      - if: checked_safe           # shown only when the flag is set
        text: She says she can talk for ten minutes while he is in the shower.
      - if: present(jay)           # passages and sequence rules can ask who is present
        text: You can hear a man's voice close to the phone.
    next: indicators               # a scene with nothing to decide
  indicators:
    checklist:
      offered: [strangulation, jealousy-control, tidy-home, employed, attends-church, weapons]
      present: {{strangulation: 3, jealousy-control: 1}}   # weight: higher is more serious
      must_identify: [strangulation]   # missing it is a safety-critical error
      foils:                           # true, but not a risk indicator here: say why
        attends-church: Going to church is not a risk; her faith community may support her.
      competency: risk-identification
      points: 10
      to: rate-risk
  rate-risk:
    rating:
      scale: three-level           # a risk scale from the catalogue
      expected: high
      competency: risk-identification
      points: 10
      critical_under_by: 2         # rating two levels too low is a critical error
      feedback: Non-fatal strangulation is a strong marker of the risk of serious harm.
      to: next-step
  next-step:
    speaker: alex
    text: Alex asks what happens now.
    passages:
      - if: trust >= 2             # counters are compared with ==, !=, <, <=, > or >=
        text: She sounds steadier now, and asks whether you could ring her at work.
    decision:
      options:
        - id: plan-together
          text: Plan with her a referral to MARAC and an IDVA, and a safe way to contact her.
          judgement: expected
          points: {{communication: 2}}
          feedback: |
            The risk is high: MARAC and an IDVA give her specialist support, and planning with
            her, including how to contact her safely, keeps her in control.
          to: good-end
        - id: leaflet
          text: Post her a leaflet about local services and ask her to ring back when she is ready.
          judgement: poor
          points: {{communication: -1}}
          feedback: A leaflet posted to the home may be found by him, and it leaves her on her own.
          to: poor-end
  good-end:
    text: Alex agrees a safe time for you to call back.
    ending:
      outcome: good
      debrief: You kept the call safe and planned with Alex.
      passages:                    # debrief text that speaks to the path taken
        - if: trust >= 2
          text: Checking that it was safe to talk first built the trust the plan needed.
  poor-end:
    text: Alex ends the call. You do not hear from her again.
    ending:
      outcome: poor
      debrief: Without a plan, Alex was left to manage the risk alone.
"""

_EXPECT = """\
# Expectations for {case_id}.yaml: `trainer test {case_id}.yaml` plays each path and
# checks its result. Choices are choice ids in order; checklists and ratings are
# answered at their best unless 'answers' says otherwise.
case: {case_id}
paths:
  - name: the safe route passes
    choices: [check-safe, plan-together]
    expect: {{passed: true, ending: good-end, score: {{min: 95}}, critical: [], counters: {{trust: 2}}}}
  - name: asking outright is a critical error
    choices: [ask-outright, plan-together]
    expect: {{passed: false, critical: [ask-outright]}}
  - name: rating the risk standard is a critical error
    choices: [check-safe, plan-together]
    answers: {{rate-risk: standard}}
    expect: {{passed: false, critical: [rate-risk]}}
"""


def check_case_id(case_id: str) -> None:
    if not ID_PATTERN.match(case_id) or len(case_id) > 80:
        raise TrainerError(
            f"'{case_id}' is not a valid case id.",
            "Use lower-case letters, digits and hyphens, starting with a letter or digit, "
            "e.g. 'first-home-visit'.",
        )


def starter_case(case_id: str, title: str | None = None) -> str:
    """The YAML text of a valid, commented starter case with the schema line."""
    check_case_id(case_id)
    title = title or case_id.replace("-", " ").capitalize()
    return _CASE.format(case_id=case_id, title=_yaml_text(title), schema=SCHEMA_NAME)


def starter_expectations(case_id: str) -> str:
    """The expectation file that goes with :func:`starter_case`."""
    check_case_id(case_id)
    return _EXPECT.format(case_id=case_id)


def _yaml_text(text: str) -> str:
    """A one-line YAML string, quoted when it needs to be."""
    one_line = " ".join(text.split())
    return '"' + one_line.replace("\\", "\\\\").replace('"', '\\"') + '"'
