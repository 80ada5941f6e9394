"""Support that is always available (US national services), shown in the portal.

Practices' own resources (local groups, programs) arrive with the resources
directory; these stay as the safety net.
"""

from __future__ import annotations

from api.portal.schemas import Resource

NATIONAL_RESOURCES = [
    Resource(
        name="988 Suicide & Crisis Lifeline",
        kind="crisis_line",
        audience="everyone",
        description="Free, confidential support 24/7 for anyone in distress, including substance-use crises.",
        contact="Call or text 988",
    ),
    Resource(
        name="Emergency services",
        kind="crisis_line",
        audience="everyone",
        description="If someone may have overdosed, is not breathing, or is in danger, call now. Use naloxone if you have it.",
        contact="Call 911",
    ),
    Resource(
        name="SAMHSA National Helpline",
        kind="crisis_line",
        audience="everyone",
        description="Free, confidential treatment referral and information, 24/7, in English and Spanish.",
        contact="1-800-662-4357",
    ),
    Resource(
        name="SMART Recovery",
        kind="mutual_help",
        audience="client",
        description="Science-based mutual-help meetings, in person and online.",
        contact="smartrecovery.org",
    ),
    Resource(
        name="Alcoholics Anonymous / Narcotics Anonymous",
        kind="mutual_help",
        audience="client",
        description="Twelve-step meetings in most towns and online, every day.",
        contact="aa.org · na.org",
    ),
    Resource(
        name="Al-Anon and Nar-Anon Family Groups",
        kind="family_support",
        audience="family",
        description="Support groups for families and friends of someone who drinks or uses.",
        contact="al-anon.org · nar-anon.org",
    ),
    Resource(
        name="SMART Recovery Family & Friends",
        kind="family_support",
        audience="family",
        description="CRAFT-based meetings that help families support a loved one's change.",
        contact="smartrecovery.org/family",
    ),
]


def resources_for(is_client: bool) -> list[Resource]:
    wanted = {"everyone", "client" if is_client else "family"}
    return [r for r in NATIONAL_RESOURCES if r.audience in wanted]
