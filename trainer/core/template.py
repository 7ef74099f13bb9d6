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
TRANSLATION_SCHEMA_NAME = "translation.schema.json"

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
          refs: [safe-enquiry]         # poor and unsafe choices name the guidance to read
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
          refs: [safe-enquiry]
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

# The Welsh text of the starter (``trainer new --languages en,cy``); complete, so the pair
# passes ``trainer validate --strict``. Marked 'needs review' like any new translation.
_CASE_CY = """\
# yaml-language-server: $schema=./{schema}
# The Welsh (Cymraeg) text of {case_id}.yaml, written by `trainer new --languages en,cy`.
# Every text is under the same id as in the case; ids, conditions, points and judgements
# stay in the case. When you change a text in the case, change it here too, and set
# translation_status to 'needs review' until a Welsh speaker has checked it.
# Refresh the English comments with: trainer translate {case_id}.yaml --to cy --force
format: 1
case: {case_id}
language: cy
translation_status: needs review   # or: reviewed
translators: []
title: {title}                     # translate the title
summary: |
  Cyswllt cyntaf byr â goroeswr cam-drin domestig. Rhowch yn lle hyn yr hyn y bydd y
  dysgwr yn ei weld yn y llyfrgell.
content_note: "Cam-drin domestig, rheolaeth drwy orfodaeth."
learning_outcomes:
  - "Gwirio ei bod yn ddiogel siarad cyn holi am gam-drin."
  - "Sylwi ar arwyddion risg a'u pwyso a'u mesur, ac asesu'r risg yn gadarn."
references:
  safe-enquiry:
    title: "Rhowch yn lle hyn y canllawiau y mae eich adborth yn dibynnu arnynt"
indicators:                    # the catalogue's indicators that this case offers
  strangulation:
    label: "Mae wedi ei thagu neu ei mygu"
  jealousy-control:
    label: "Mae'n genfigennus iawn neu'n rheoli beth mae'n ei wneud a phwy mae'n eu gweld"
  tidy-home:
    label: "Mae'r cartref yn daclus a'r plant wedi'u gwisgo'n dda"
  employed:
    label: "Mae ganddo swydd sefydlog"
  attends-church:
    label: "Mae'r teulu'n mynd i addoldy"
  weapons:
    label: "Mae wedi defnyddio arf neu wedi bygwth defnyddio arf"
risk_scales:
  three-level:
    title: "Risg i'r dioddefwr sy'n oedolyn"
    levels:
      standard:
        label: "Safonol"
        description: "Nid yw'r dystiolaeth bresennol yn awgrymu bod niwed difrifol yn debygol."
      medium:
        label: "Canolig"
        description: "Mae arwyddion amlwg o niwed difrifol; gallai newid yn yr amgylchiadau ei gynyddu."
      high:
        label: "Uchel"
        description: "Risg o niwed difrifol a allai ddigwydd unrhyw bryd; lefel MARAC."
competencies:
  communication:
    title: "Cyfathrebu"
    description: "Sgyrsiau diogel, clir a pharchus sy'n ei gwneud yn bosibl i rywun ddatgelu."
  risk-identification:
    title: "Adnabod risg"
    description: "Sylwi ar arwyddion risg i oedolion a phlant a'u pwyso a'u mesur, ac asesu'r risg yn gadarn."
scenes:
  phone-call:
    title: "Galwad ffôn"
    text: |
      Mae Alex yn ffonio'r llinell ddyletswydd. Mae hi'n siarad yn dawel ac yn dweud bod ei
      phartner "yn yr ystafell arall".
    decision:
      prompt: "Beth ydych chi'n ei ddweud gyntaf?"
      options:
        check-safe:
          text: "Gofyn a yw'n ddiogel siarad nawr, a chytuno ar air y gall hi ei ddefnyddio i ddod â'r alwad i ben."
          feedback: "Mae gwirio diogelwch yn gyntaf yn gadael iddi benderfynu beth y gall ei ddweud, a phryd."
        ask-outright:
          text: "Gofyn iddi'n syth a yw ei phartner yn ei brifo, er mwyn i chi wybod beth rydych chi'n delio ag ef."
          feedback: |
            Os gall ef glywed, gall cwestiwn uniongyrchol ei rhoi mewn perygl. Gwiriwch ei bod
            yn ddiogel siarad yn gyntaf.
  she-talks:
    text: |
      Mae Alex yn dweud wrthych ei fod yn gwirio ei ffôn, a'i fod wedi rhoi ei ddwylo am ei
      gwddf y mis diwethaf.
    passages:
      - if: checked_safe         # the same condition as the case's passage, in the same order
        text: "Mae hi'n dweud y gall siarad am ddeg munud tra bydd ef yn y gawod."
      - if: present(jay)
        text: "Gallwch glywed llais dyn yn agos at y ffôn."
  indicators:
    checklist:
      foils:
        attends-church: "Nid yw mynd i'r eglwys yn risg; gall ei chymuned ffydd ei chefnogi."
  rate-risk:
    rating:
      feedback: "Mae tagu nad yw'n angheuol yn arwydd cryf o risg o niwed difrifol."
  next-step:
    text: "Mae Alex yn gofyn beth sy'n digwydd nesaf."
    passages:
      - if: trust >= 2
        text: "Mae hi'n swnio'n fwy sefydlog nawr, ac mae'n gofyn a allech chi ei ffonio yn y gwaith."
    decision:
      options:
        plan-together:
          text: "Cynllunio gyda hi atgyfeiriad i MARAC ac at IDVA, a ffordd ddiogel o gysylltu â hi."
          feedback: |
            Mae'r risg yn uchel: mae MARAC ac IDVA yn rhoi cymorth arbenigol iddi, ac mae
            cynllunio gyda hi, gan gynnwys sut i gysylltu â hi'n ddiogel, yn ei chadw hi mewn
            rheolaeth.
        leaflet:
          text: "Postio taflen am wasanaethau lleol ati a gofyn iddi ffonio'n ôl pan fydd hi'n barod."
          feedback: "Gallai ef ddod o hyd i daflen a bostiwyd i'r cartref, ac mae'n ei gadael ar ei phen ei hun."
  good-end:
    text: "Mae Alex yn cytuno ar amser diogel i chi ffonio'n ôl."
    ending:
      debrief: "Gwnaethoch gadw'r alwad yn ddiogel a chynllunio gydag Alex."
      passages:
        - if: trust >= 2
          text: "Roedd gwirio'n gyntaf ei bod yn ddiogel siarad wedi meithrin yr ymddiriedaeth yr oedd y cynllun ei hangen."
  poor-end:
    text: "Mae Alex yn dod â'r alwad i ben. Dydych chi ddim yn clywed ganddi eto."
    ending:
      debrief: "Heb gynllun, cafodd Alex ei gadael i reoli'r risg ar ei phen ei hun."
"""

STARTER_LANGUAGES = ("en", "cy")


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


def starter_translation(case_id: str, language: str, title: str | None = None) -> str:
    """The translation file that goes with :func:`starter_case` (Welsh: 'cy')."""
    check_case_id(case_id)
    if language != "cy":
        raise TrainerError(
            f"There is no starter text in '{language}'.",
            f"The starter is written in {' and '.join(STARTER_LANGUAGES)}.",
        )
    title = title or case_id.replace("-", " ").capitalize()
    return _CASE_CY.format(case_id=case_id, title=_yaml_text(title), schema=TRANSLATION_SCHEMA_NAME)
