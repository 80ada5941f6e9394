"""Published treatment-entry rates of the intervention models, with their sources.

Each figure is the share of loved ones who entered treatment (or, for ARISE, treatment or
self-help) in the study named, over the denominator closest to the practice's own (for the
Johnson intervention: families who held it); a model without a published rate says so
instead of a guess.

- Miller WR, Meyers RJ, Tonigan JS. Engaging the unmotivated in treatment for alcohol
  problems: a comparison of three strategies for intervention through family members.
  J Consult Clin Psychol. 1999;67(5):688-697. doi:10.1037//0022-006x.67.5.688 (PMID 10535235).
  Randomised, 130 concerned significant others: CRAFT 64%, Johnson Institute intervention
  30% (70% of families did not go through with the confrontation; of those who did, 75%
  engaged), Al-Anon facilitation 13%.
- Landau J, Stanton MD, Brinkman-Sull D, et al. Outcomes with the ARISE approach to engaging
  reluctant drug- and alcohol-dependent individuals in treatment. Am J Drug Alcohol Abuse.
  2004;30(4):711-748. doi:10.1081/ada-200037533 (PMID 15624546). 110 consecutive calls:
  83% engaged in treatment or self-help (55% at the first stage).
"""

from __future__ import annotations

from dataclasses import dataclass

from api.cases.models import InterventionModel

MILLER_1999 = (
    "Miller WR, Meyers RJ, Tonigan JS. Engaging the unmotivated in treatment for alcohol "
    "problems: a comparison of three strategies for intervention through family members. "
    "J Consult Clin Psychol. 1999;67(5):688-697. doi:10.1037//0022-006x.67.5.688"
)
LANDAU_2004 = (
    "Landau J, Stanton MD, Brinkman-Sull D, et al. Outcomes with the ARISE approach to "
    "engaging reluctant drug- and alcohol-dependent individuals in treatment. Am J Drug "
    "Alcohol Abuse. 2004;30(4):711-748. doi:10.1081/ada-200037533"
)


@dataclass(frozen=True)
class PublishedRate:
    rate: float | None
    source: str | None
    note: str


PUBLISHED_RATES: dict[str, PublishedRate] = {
    # The practice's rate for a confrontational model counts cases whose intervention was
    # held, so the comparable figure is the trial's share among families who held the
    # confrontation (75%), not its share of all families offered it (30%, since 70% did
    # not go through with it).
    InterventionModel.johnson.value: PublishedRate(
        0.75,
        MILLER_1999,
        "Share of families who went through with the Johnson Institute confrontation whose "
        "loved one then entered treatment (randomised trial). Of all families offered it, "
        "30% succeeded: 70% decided not to hold the confrontation.",
    ),
    InterventionModel.craft.value: PublishedRate(
        0.64,
        MILLER_1999,
        "Share of families coached with CRAFT whose loved one engaged in treatment within "
        "12 months (randomised trial).",
    ),
    InterventionModel.arise.value: PublishedRate(
        0.83,
        LANDAU_2004,
        "Share of 110 consecutive ARISE cases whose loved one engaged in treatment or "
        "self-help (55% at the first stage).",
    ),
    InterventionModel.love_first.value: PublishedRate(
        None, None, "No published treatment-entry rate for the Love First model was found."
    ),
    InterventionModel.systemic_family.value: PublishedRate(
        None,
        None,
        "No published treatment-entry rate for Systemic Family Intervention was found.",
    ),
    InterventionModel.other.value: PublishedRate(
        None, None, "Not a single model, so there is no published rate to compare with."
    ),
}

# Models in which the loved one is invited rather than surprised (ARISE levels 1-2, CRAFT's
# invitation at a window of opportunity, Systemic Family Intervention's invitation): a client
# who enters treatment before any formal intervention counts as entered.
INVITATIONAL_MODELS: frozenset[str] = frozenset(
    {
        InterventionModel.arise.value,
        InterventionModel.craft.value,
        InterventionModel.systemic_family.value,
    }
)
