"""What the demo cases are about: each case's substances and the family's words at intake,
shared by the live cases and the year of history so they read alike."""

from __future__ import annotations

SUBSTANCE_MIXES = [
    ("alcohol", ["alcohol"]),
    ("alcohol", ["alcohol", "benzodiazepines"]),
    ("opioids (fentanyl)", ["opioids (fentanyl)", "stimulants"]),
    ("prescription opioids", ["prescription opioids"]),
    ("methamphetamine", ["methamphetamine", "cannabis"]),
    ("cocaine", ["cocaine", "alcohol"]),
    ("cannabis", ["cannabis"]),
    ("benzodiazepines", ["benzodiazepines", "alcohol"]),
    ("gambling", ["gambling", "alcohol"]),
]

# What the family said at intake, and the primary substances it can be said of (None: any).
# A summary names no substance but the case's own.
SUMMARIES: list[tuple[str, frozenset[str] | None]] = [
    (
        "Sister called after a second DUI arrest. Parents and spouse willing to take part.",
        frozenset({"alcohol", "cannabis", "benzodiazepines", "prescription opioids"}),
    ),
    (
        "Employer referral after repeated absences; spouse reports hidden bottles at home.",
        frozenset({"alcohol"}),
    ),
    (
        "Mother found pills in the car. Two prior detox stays, left both early.",
        frozenset({"prescription opioids", "benzodiazepines"}),
    ),
    (
        "Adult children worried about falls and drinking alone since the divorce.",
        frozenset({"alcohol"}),
    ),
    (
        "Partner reports nodding off at work and missing money; one reversal with naloxone "
        "last spring.",
        frozenset({"opioids (fentanyl)", "prescription opioids"}),
    ),
    (
        "Business partner found cocaine in the office after a weekend away; the firm is "
        "losing clients.",
        frozenset({"cocaine"}),
    ),
    (
        "College roommate and parents concerned about stimulant use around exams.",
        frozenset({"methamphetamine", "cocaine"}),
    ),
    (
        "Brother reports nights without sleep, paranoia and a lost job at the warehouse.",
        frozenset({"methamphetamine", "cocaine"}),
    ),
    (
        "Parents worried: smoking from morning to night since high school, dropped out of "
        "community college.",
        frozenset({"cannabis"}),
    ),
    (
        "Spouse found maxed-out credit cards and a second mortgage; losses on sports betting "
        "since the pandemic.",
        frozenset({"gambling"}),
    ),
    ("Father and brothers want help; client is a nurse worried about the license.", None),
    ("Spouse exhausted and considering separation; open to coaching for the family first.", None),
]


def substances_for(index: int) -> tuple[str, list[str]]:
    """The primary substance and all substances of the demo's `index`-th case."""
    primary, substances = SUBSTANCE_MIXES[index % len(SUBSTANCE_MIXES)]
    return primary, list(substances)


def summary_for(index: int) -> str:
    """The summaries that fit the case's primary substance take turns among its cases."""
    primaries = [p for p, _ in SUBSTANCE_MIXES]
    primary = primaries[index % len(primaries)]
    earlier = sum(1 for i in range(index) if primaries[i % len(primaries)] == primary)
    fitting = [text for text, fits in SUMMARIES if fits is None or primary in fits]
    return fitting[earlier % len(fitting)]
