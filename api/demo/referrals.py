"""Demo consents and referrals: every referral status, walked through the real lifecycle.

Every case that reached treatment got there by a referral (`stay_for`): the admission
moves the case to in_treatment and a completed discharge to aftercare, as a partner's status
updates do. Open referrals (draft to accepted) are recent. Consents end in every way:
active, revoked with a note, expired, and one that expires within two weeks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus
from api.consents.models import Consent, ConsentStatus, SignatureMethod, SignerRelationship
from api.consents.schemas import ConsentCreate
from api.consents.service import record_consent, revoke
from api.core import clock
from api.demo.centers import (
    CEDAR_RIDGE,
    HARBORVIEW,
    RIVERSIDE,
    WILLOW_HOUSE,
    Directory,
)
from api.partner import service as partner_service
from api.plans.models import LevelOfCare
from api.referrals import service as referrals
from api.referrals.models import DischargeReason, Referral, ReferralStatus
from api.referrals.schemas import ReferralCreate, StatusReport

R = ReferralStatus
PURPOSE = (
    "Referral for admission to treatment and coordination of care during the stay and at discharge."
)
INFORMATION = (
    "Name and date of birth; substance use history and current use; risk factors, including "
    "overdose history; medical and mental-health conditions relevant to admission; and the "
    "intervention summary."
)


@dataclass(frozen=True)
class Earlier:
    """A first referral elsewhere that did not work out."""

    center: str
    level: LevelOfCare
    ends: ReferralStatus  # declined or cancelled
    reason: str
    withdraw_consent: str | None = None  # the revocation note, when the client then withdrew it


@dataclass(frozen=True)
class Story:
    center: str
    level: LevelOfCare
    # {substance} is the case's primary substance, {with_others} its other substances (", with
    # cannabis") or nothing: a summary names no other substance.
    summary: str
    ends: ReferralStatus
    earlier: Earlier | None = None
    consent_ends: ConsentStatus = ConsentStatus.active
    revocation_note: str | None = None
    expires_in: timedelta | None = None  # a consent close to its end
    signature: SignatureMethod = SignatureMethod.typed_name
    signer: tuple[str, SignerRelationship] | None = None  # when not the client

    def carries(self, step: CaseStatus) -> bool:
        """Whether this referral, rather than staff, moves the case into `step`."""
        if step is CaseStatus.in_treatment:
            return self.ends in (R.admitted, R.discharged)
        return step is CaseStatus.aftercare and self.ends is R.discharged


# Keyed by the case's final status and its place among the demo cases of that status.
STORIES: dict[tuple[CaseStatus, int], Story] = {
    (CaseStatus.intervention_held, 0): Story(
        RIVERSIDE,
        LevelOfCare.medically_monitored_inpatient,
        "Primary substance: {substance}{with_others}, daily for two years, escalating since a "
        "back injury. Said no at the intervention, called his sister two days later and agreed "
        "to go. Needs medically monitored withdrawal.",
        R.sent,
        signature=SignatureMethod.electronic_signature,
    ),
    (CaseStatus.intervention_held, 1): Story(
        RIVERSIDE,
        LevelOfCare.high_intensity_residential,
        "Primary substance: {substance}{with_others}, most days for a year; lost the job and "
        "stopped seeing friends. Agreed to residential treatment a week after the intervention. "
        "No current medical issues reported.",
        R.received,
        expires_in=timedelta(days=10),
    ),
    (CaseStatus.in_treatment, 0): Story(
        RIVERSIDE,
        LevelOfCare.medically_monitored_inpatient,
        "Primary substance: {substance}{with_others}; heavy daily use, hidden from the family "
        "for a year. Accepted treatment at the intervention.",
        R.admitted,
        earlier=Earlier(
            CEDAR_RIDGE,
            LevelOfCare.medically_monitored_inpatient,
            R.declined,
            "No bed for at least three weeks; we cannot hold one that long.",
            withdraw_consent="Cedar Ridge declined; the client asked that nothing more be "
            "shared with them.",
        ),
    ),
    (CaseStatus.in_treatment, 1): Story(
        WILLOW_HOUSE,
        LevelOfCare.population_specific_residential,
        "Primary substance: {substance}{with_others}, daily since her teens, with untreated "
        "trauma symptoms. Needs residential care with trauma therapy.",
        R.admitted,
        earlier=Earlier(
            RIVERSIDE,
            LevelOfCare.high_intensity_residential,
            R.cancelled,
            "The client asked for a women-only program instead.",
        ),
        signature=SignatureMethod.wet_signature,
    ),
    (CaseStatus.aftercare, 0): Story(
        RIVERSIDE,
        LevelOfCare.medically_monitored_inpatient,
        "Primary substance: {substance}{with_others}; long-standing use disorder, two DUIs. "
        "Family reports hidden supplies and use first thing in the morning. Accepted treatment "
        "at the intervention.",
        R.discharged,
    ),
    (CaseStatus.aftercare, 1): Story(
        HARBORVIEW,
        LevelOfCare.medically_monitored_inpatient,
        "Primary substance: {substance}{with_others}, daily; severe withdrawal on past "
        "attempts to stop. Needs medically monitored withdrawal before any residential program.",
        R.discharged,
    ),
    (CaseStatus.aftercare, 2): Story(
        RIVERSIDE,
        LevelOfCare.medically_monitored_inpatient,
        "Relapse on {substance} during aftercare; the client and family agreed a return to "
        "inpatient care rather than outpatient.",
        R.accepted,
    ),
    (CaseStatus.aftercare, 3): Story(
        RIVERSIDE,
        LevelOfCare.intensive_outpatient,
        "Two missed check-ins and rising craving for {substance}; the aftercare plan steps up "
        "to intensive outpatient while she keeps working.",
        R.draft,
    ),
    (CaseStatus.closed, 0): Story(
        RIVERSIDE,
        LevelOfCare.high_intensity_residential,
        "Primary substance: {substance}{with_others}; daily use with paranoia and weight loss. "
        "Accepted treatment at the intervention.",
        R.discharged,
        consent_ends=ConsentStatus.revoked,
        revocation_note="After discharge the client asked that nothing more be shared with "
        "Riverside.",
        signer=("Helen Santos", SignerRelationship.authorized_representative),
    ),
    (CaseStatus.closed, 1): Story(
        RIVERSIDE,
        LevelOfCare.high_intensity_residential,
        "Primary substance: {substance}{with_others}; weekend use turning daily. Accepted "
        "treatment at the intervention.",
        R.discharged,
        consent_ends=ConsentStatus.expired,
    ),
}


# Where the other cases that reached treatment were admitted (and from where they went on to
# aftercare), taking turns.
STAYS: list[tuple[str, LevelOfCare]] = [
    (CEDAR_RIDGE, LevelOfCare.high_intensity_residential),
    (HARBORVIEW, LevelOfCare.medically_monitored_inpatient),
    (RIVERSIDE, LevelOfCare.high_intensity_residential),
]
STAY_SUMMARY = (
    "Primary substance: {substance}{with_others}. Accepted treatment at the intervention; "
    "the family will take part in the family program."
)


def story_for(status: CaseStatus, nth: int) -> Story | None:
    return STORIES.get((status, nth))


def stay_for(status: CaseStatus, nth: int) -> Story | None:
    """The referral that took a case heading for `status` into treatment (and, when it went on
    to aftercare or closed, discharged it as completed): its own story when that story is the
    stay, else a plain admission. None for a case that never entered treatment."""
    story = story_for(status, nth)
    if story is not None and story.carries(CaseStatus.in_treatment):
        return story
    if status not in (CaseStatus.in_treatment, CaseStatus.aftercare, CaseStatus.closed):
        return None
    center, level = STAYS[(nth + list(CaseStatus).index(status)) % len(STAYS)]
    ends = R.admitted if status is CaseStatus.in_treatment else R.discharged
    return Story(center, level, STAY_SUMMARY, ends)


def walk_step(
    session: Session,
    directory: Directory,
    lead: Staff,
    case: Case,
    story: Story,
    step: CaseStatus,
    *,
    since: datetime,
    at: datetime,
    timeline: dict[CaseStatus, datetime],
) -> None:
    """The case's move into `step` at `at`, made by its referral (see `Story.carries`)."""
    walk = _Walk(session, directory, lead, case, story)
    if step is CaseStatus.in_treatment:
        walk.into_treatment(since, at, discharge=timeline.get(CaseStatus.aftercare, at))
        return
    admitted = session.scalar(
        select(Referral).where(
            col(Referral.case_id) == case.id, col(Referral.status) == R.admitted.value
        )
    )
    assert admitted is not None
    note = "Completed the program; aftercare plan and outpatient follow-up agreed."
    walk.report(admitted, at, R.discharged, discharge_reason=DischargeReason.completed, note=note)


def finish_case(
    session: Session, directory: Directory, lead: Staff, case: Case, story: Story, last: datetime
) -> None:
    """After the case is seeded: the recent open referrals, and consents withdrawn later."""
    walk = _Walk(session, directory, lead, case, story)
    now = clock.now()
    if story.ends in (R.draft, R.sent, R.received, R.accepted):
        walk.open_referral(max(last, now - timedelta(days=6)), now)
    if story.consent_ends is ConsentStatus.revoked:
        consent = session.scalar(
            select(Consent)
            .where(
                col(Consent.case_id) == case.id,
                col(Consent.recipient_treatment_center_id) == directory.centers[story.center].id,
                col(Consent.revoked_at).is_(None),
            )
            .order_by(col(Consent.signed_at).desc())
        )
        assert consent is not None
        with clock.frozen_at(min(last + timedelta(days=2), now - timedelta(hours=1))):
            revoke(session, lead, consent, story.revocation_note)


@dataclass
class _Walk:
    """One case's referrals, each step at its own back-dated moment."""

    session: Session
    directory: Directory
    lead: Staff
    case: Case
    story: Story

    def into_treatment(self, since: datetime, at: datetime, discharge: datetime) -> None:
        def moment(share: float) -> datetime:
            return since + (at - since) * share

        if self.story.earlier is not None:
            self.earlier_referral(self.story.earlier, moment)
        expires_at = moment(0.35) + timedelta(days=365)
        if self.story.consent_ends is ConsentStatus.expired:
            # Signed for the stay only; it ran out a little after the discharge.
            expires_at = min(discharge + timedelta(days=5), clock.now() - timedelta(days=2))
        consent = self.consent(self.story.center, moment(0.35), expires_at)
        referral = self.refer(self.story.center, consent, moment(0.4), admission=at)
        self.send(referral, moment(0.42))
        if self.directory.partner_for(referral.treatment_center_id) is not None:
            # Staff record only what a non-partner phoned through; a partner says more.
            self.report(referral, moment(0.55), R.received, note="Intake coordinator reviewing.")
        self.report(referral, moment(0.7), R.accepted, note="Bed held; arrival by noon, please.")
        self.report(referral, at, R.admitted)

    def earlier_referral(self, earlier: Earlier, moment: Callable[[float], datetime]) -> None:
        consent = self.consent(earlier.center, moment(0.05), None)
        referral = self.refer(earlier.center, consent, moment(0.07), level=earlier.level)
        self.send(referral, moment(0.08))
        if earlier.ends is R.declined:
            self.report(referral, moment(0.25), R.declined, decline_reason=earlier.reason)
        else:
            with clock.frozen_at(moment(0.25)):
                referrals.cancel(self.session, self.lead, self.case, referral, earlier.reason)
        if earlier.withdraw_consent is not None:
            with clock.frozen_at(moment(0.3)):
                revoke(self.session, self.lead, consent, earlier.withdraw_consent)

    def open_referral(self, base: datetime, now: datetime) -> None:
        def moment(share: float) -> datetime:
            return base + (now - base) * share

        story = self.story
        expires_at = (
            now + story.expires_in if story.expires_in else moment(0.1) + timedelta(days=365)
        )
        consent = self.consent(story.center, moment(0.1), expires_at)
        referral = self.refer(
            story.center, consent, moment(0.15), admission=now + timedelta(days=2)
        )
        if story.ends is R.draft:
            return
        self.send(referral, moment(0.3))
        if story.ends is R.sent:
            return
        self.report(referral, moment(0.55), R.received, note="Intake coordinator reviewing.")
        if story.ends is R.accepted:
            note = "Bed held for the requested date; arrival by noon."
            self.report(referral, moment(0.8), R.accepted, note=note)

    def consent(self, center: str, signed_at: datetime, expires_at: datetime | None) -> Consent:
        patient = f"{self.case.client_first_name} {self.case.client_last_name}"
        signed_by, relationship = self.story.signer or (patient, SignerRelationship.self_)
        data = ConsentCreate(
            patient_name=patient,
            disclosing_party=self.directory.practice,
            recipient_treatment_center_id=self.directory.centers[center].id,
            purpose=PURPOSE,
            information_description=INFORMATION,
            expires_at=expires_at,
            expiration_event=None if expires_at else "Discharge from the treatment program",
            signed_by=signed_by,
            signer_relationship=relationship,
            signed_at=signed_at,
            signature_method=self.story.signature,
        )
        with clock.frozen_at(signed_at + timedelta(minutes=20)):
            return record_consent(self.session, self.lead, self.case, data)

    def refer(
        self,
        center: str,
        consent: Consent,
        at: datetime,
        *,
        level: LevelOfCare | None = None,
        admission: datetime | None = None,
    ) -> Referral:
        data = ReferralCreate(
            treatment_center_id=self.directory.centers[center].id,
            consent_id=consent.id,
            level_of_care=level or self.story.level,
            requested_admission_date=admission.date() if admission else None,
            summary=self.story.summary.format(
                substance=self.case.primary_substance or "not recorded",
                with_others=_with_others(self.case),
            ),
        )
        with clock.frozen_at(at):
            return referrals.create_referral(self.session, self.lead, self.case, data)

    def send(self, referral: Referral, at: datetime) -> None:
        with clock.frozen_at(at):
            referrals.send(self.session, self.lead, self.case, referral)

    def report(self, referral: Referral, at: datetime, status: R, **fields: Any) -> None:
        """A partner reports through its API (reading the referral first); for any other
        center, staff record what it said on the phone."""
        update = StatusReport(status=status, **fields)
        partner = self.directory.partner_for(referral.treatment_center_id)
        with clock.frozen_at(at):
            if partner is None:
                referrals.record_update(self.session, self.lead, self.case, referral, update)
                return
            if status is R.received:
                partner_service.disclose(self.session, partner, [referral], require_consent=True)
            partner_service.report_status(self.session, partner, referral, update)


def _with_others(case: Case) -> str:
    others = [s for s in case.substances if s != case.primary_substance]
    return f", with {' and '.join(others)}" if others else ""
