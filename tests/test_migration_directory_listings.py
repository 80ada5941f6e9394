"""Revision 0028 turns the single `mat` service into `opioid_medications: ["unspecified"]`,
and its downgrade puts `mat` back for any center that lists an opioid medication."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import command
from sqlalchemy import Connection

from api.core import clock
from api.core.migrations import alembic_config
from tests.factories import Factory

OLD_CENTERS = sa.table(
    "treatment_centers",
    sa.column("id", sa.Uuid()),
    sa.column("organization_id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("levels_of_care", sa.JSON()),
    sa.column("services", sa.JSON()),
    sa.column("populations", sa.JSON()),
    sa.column("insurance_accepted", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("version", sa.Integer()),
    sa.column("search_key", sa.Text()),
)


def test_mat_becomes_unspecified_medications_and_comes_back_on_downgrade(
    connection: Connection, make: Factory
) -> None:
    org = make.organization()
    config = alembic_config(connection)
    command.downgrade(config, "0026")
    now = clock.now()
    said_mat, said_detox = uuid.uuid4(), uuid.uuid4()
    for center_id, name, services in (
        (said_mat, "Lakeside", ["detox", "mat", "trauma"]),
        (said_detox, "Hilltop", ["detox"]),
    ):
        connection.execute(
            OLD_CENTERS.insert().values(
                id=center_id,
                organization_id=org.id,
                name=name,
                levels_of_care=["3.7"],
                services=services,
                populations=[],
                insurance_accepted=[],
                created_at=now,
                updated_at=now,
                version=1,
                search_key=name.lower(),
            )
        )
    command.upgrade(config, "0028")

    def row(center_id: uuid.UUID) -> tuple[list[str], list[str]]:
        services, medications = connection.execute(
            sa.text("SELECT services, opioid_medications FROM treatment_centers WHERE id = :id"),
            {"id": center_id.hex if connection.dialect.name == "sqlite" else center_id},
        ).one()
        decode = sa.JSON().result_processor(connection.dialect, None)
        return (
            decode(services) if isinstance(services, str) else services,
            decode(medications) if isinstance(medications, str) else medications,
        )

    assert row(said_mat) == (["detox", "trauma"], ["unspecified"])
    assert row(said_detox) == (["detox"], [])

    command.downgrade(config, "0026")
    services = connection.execute(
        sa.select(OLD_CENTERS.c.name, OLD_CENTERS.c.services).order_by(OLD_CENTERS.c.name)
    ).all()
    assert [tuple(r) for r in services] == [
        ("Hilltop", ["detox"]),
        ("Lakeside", ["detox", "trauma", "mat"]),
    ]
    command.upgrade(config, "head")
