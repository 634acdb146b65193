"""Schema version 7: the weekly summary ``event_weeks`` (events and fatalities per ACLED week,
country, admin1, type, sub-type, status and view), kept by triggers on ``events``.

Runs the in-place steps of :data:`conflictwatch.store._store.MIGRATIONS` from the version the
database is at (5, or 6 for a development database that held the per-day ``event_days``) to 7,
keeping every row: the summary is filled from the events already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 7
APP = "conflictwatch"


def upgrade() -> None:
    bind = op.get_bind()
    found = bind.execute(sa.text("SELECT version FROM schema_version WHERE app = :app").bindparams(app=APP)).scalar()
    if found is None:
        raise RuntimeError("the database's schema_version names another program: use another database")
    if found >= SCHEMA_VERSION:
        return  # made by this release or a later one: nothing of this revision to do
    from conflictwatch.store import _store

    for version in range(int(found), SCHEMA_VERSION):
        _store.MIGRATIONS[version](bind)
        bind.execute(sa.text("UPDATE schema_version SET version = :v WHERE app = :app")
                     .bindparams(v=version + 1, app=APP))


def downgrade() -> None:
    raise RuntimeError("conflictwatch's schema 7 cannot be undone in place: restore a backup instead")
