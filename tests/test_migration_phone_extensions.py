"""Revision 0016 splits the extensions already written into stored phones, and its
downgrade writes them back into the number."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.core import clock
from api.core.migrations import alembic_config
from api.participants.models import Participant
from api.treatment_centers.models import TreatmentCenter
from tests.factories import Factory


def test_phones_stored_before_0016_are_split_and_a_downgrade_keeps_the_extension(
    connection: Connection, db: Session, make: Factory
) -> None:
    org, now = make.organization(), clock.now()
    case = Case(
        organization_id=org.id,
        reference="C-2026-0001",
        client_first_name="Daniel",
        client_last_name="Okafor",
        client_phone="(555) 555-0142 ext. 12",  # written before extensions had a column
        created_at=now,
        updated_at=now,
    )
    db.add(case)
    db.flush()
    db.add_all(
        [
            Participant(
                case_id=case.id,
                organization_id=org.id,
                full_name="Grace Okafor",
                relationship="sibling",
                role="supporter",
                readiness="committed",
                phone="608-555-0100",
                phone_extension="11",
                created_at=now,
                updated_at=now,
            ),
            TreatmentCenter(
                organization_id=org.id,
                name="Lakeside",
                phone="+1 555 0100 #7",
                created_at=now,
                updated_at=now,
            ),
            TreatmentCenter(
                organization_id=org.id,
                name="Hilltop",
                phone="call the desk x12",  # not a number: left as it is
                created_at=now,
                updated_at=now,
            ),
        ]
    )
    db.commit()

    config = alembic_config(connection)
    command.downgrade(config, "0015")
    downgraded = connection.exec_driver_sql("SELECT phone FROM participants").scalar_one()
    assert downgraded == "608-555-0100 x11"
    command.upgrade(config, "0016")
    db.expire_all()

    def phones(table: type[TreatmentCenter] | type[Participant]) -> set[tuple[object, ...]]:
        return {tuple(row) for row in db.execute(select(table.phone, table.phone_extension))}

    assert db.execute(select(Case.client_phone, Case.client_phone_extension)).one() == (
        "(555) 555-0142",
        "12",
    )
    assert phones(Participant) == {("608-555-0100", "11")}
    assert phones(TreatmentCenter) == {("+1 555 0100", "7"), ("call the desk x12", None)}
