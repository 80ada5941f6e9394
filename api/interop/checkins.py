"""The check-in as FHIR: one Questionnaire that describes it (the Brief Addiction Monitor
structure, api/checkins/bam.py) and a QuestionnaireResponse per check-in
(http://hl7.org/fhir/R4/questionnaire.html, item types from `item-type`)."""

from __future__ import annotations

import uuid
from typing import Any

from api.checkins.models import CheckIn
from api.interop.fhir import Resource, fhir_id, ref, resource, when

QUESTIONNAIRE_KEY = "cairn-check-in"
QUESTIONNAIRE_URL = f"urn:uuid:{fhir_id('Questionnaire', QUESTIONNAIRE_KEY)}"

_SCALE = "(0 to 4)"
# linkId (the check-in's field), FHIR item type, question.
ITEMS: list[tuple[str, str, str]] = [
    ("period_days", "integer", "How many days does this check-in look back over?"),
    ("days_used", "integer", "On how many of those days did you use alcohol or drugs?"),
    ("heavy_drinking_days", "integer", "Of those, on how many days did you drink heavily?"),
    ("substances_used", "string", "Which substances did you use?"),
    ("craving", "integer", f"How much were you bothered by cravings? {_SCALE}"),
    ("mood", "integer", f"How has your mood been? {_SCALE}"),
    ("sleep_quality", "integer", f"How well have you slept? {_SCALE}"),
    ("risky_situations", "integer", f"How often were you in risky situations? {_SCALE}"),
    ("confidence", "integer", f"How confident are you that you will stay sober? {_SCALE}"),
    ("meetings_attended", "integer", "On how many days did you attend a support meeting?"),
    (
        "sober_support_contact",
        "boolean",
        "Were you in touch with people who support your recovery?",
    ),
    ("family_conflict", "integer", f"How much were you bothered by family conflict? {_SCALE}"),
    ("work_school_days", "integer", "On how many days did you work, study or volunteer?"),
    ("commitments_kept", "boolean", "(Family) Did you keep the commitments you made?"),
    ("wellbeing", "integer", f"(Family) How is your own wellbeing? {_SCALE}"),
    ("note", "text", "Anything else you want your interventionist to know?"),
]
SAFETY: list[tuple[str, str]] = [
    ("safety_overdose", "Has anyone overdosed, or nearly?"),
    ("safety_self_harm_thoughts", "Have you had thoughts of harming yourself?"),
    ("safety_violence", "Has there been violence or a threat of it?"),
]


def questionnaire() -> Resource:
    items: list[Resource] = [
        {
            "linkId": link,
            "text": text,
            "type": kind,
            **({"repeats": True} if link == "substances_used" else {}),
        }
        for link, kind, text in ITEMS
    ]
    items.append(
        {
            "linkId": "safety",
            "text": "Safety (any yes raises a critical alert at once)",
            "type": "group",
            "item": [
                {"linkId": link, "text": text, "type": "boolean", "required": True}
                for link, text in SAFETY
            ],
        }
    )
    items.append(
        {
            "linkId": "goal_updates",
            "text": "Progress on your goals",
            "type": "group",
            "repeats": True,
            "item": [
                {"linkId": "goal_updates.goal", "text": "Goal", "type": "reference"},
                {"linkId": "goal_updates.value", "text": "Value", "type": "decimal"},
                {"linkId": "goal_updates.note", "text": "Note", "type": "string"},
            ],
        }
    )
    return resource(
        "Questionnaire",
        QUESTIONNAIRE_KEY,
        url=QUESTIONNAIRE_URL,
        name="CairnCheckIn",
        title="Weekly check-in (Brief Addiction Monitor structure)",
        status="active",
        subjectType=["Patient", "RelatedPerson"],
        description="Use, risk factors and protective factors after the Brief Addiction "
        "Monitor (Cacciola et al., J Subst Abuse Treat 2013;44(3):256-263); family members "
        "answer about their commitments and their own wellbeing.",
        item=items,
    )


def _answer(kind: str, value: Any) -> list[Resource]:
    if kind == "boolean":
        return [{"valueBoolean": bool(value)}]
    if kind == "integer":
        return [{"valueInteger": int(value)}]
    if kind == "decimal":
        return [{"valueDecimal": float(value)}]
    if isinstance(value, list):
        return [{"valueString": str(v)} for v in value]
    return [{"valueString": str(value)}]


def response(check_in: CheckIn, respondent: Resource, author: Resource) -> Resource:
    """One check-in's answers; questions left unanswered are left out."""
    items: list[Resource] = []
    for link, kind, text in ITEMS:
        value = getattr(check_in, link)
        if value is None or value == [] or value == "":
            continue
        items.append({"linkId": link, "text": text, "answer": _answer(kind, value)})
    items.append(
        {
            "linkId": "safety",
            "item": [
                {
                    "linkId": link,
                    "text": text,
                    "answer": _answer("boolean", getattr(check_in, link)),
                }
                for link, text in SAFETY
            ],
        }
    )
    for update in check_in.goal_updates:
        parts = [
            {
                "linkId": "goal_updates.goal",
                "answer": [{"valueReference": ref("Goal", uuid.UUID(update["goal_id"]))}],
            },
            {"linkId": "goal_updates.value", "answer": _answer("decimal", update["value"])},
        ]
        if update.get("note"):
            parts.append(
                {"linkId": "goal_updates.note", "answer": _answer("string", update["note"])}
            )
        items.append({"linkId": "goal_updates", "item": parts})
    return resource(
        "QuestionnaireResponse",
        check_in.id,
        questionnaire=QUESTIONNAIRE_URL,
        status="completed",
        subject=ref("Patient", check_in.case_id),
        authored=when(check_in.submitted_at),
        author=author,
        source=respondent,
        item=items,
    )
