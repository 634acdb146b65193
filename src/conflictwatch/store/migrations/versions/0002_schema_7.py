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

from alembic import op

from conflictwatch.store._migrate import step_to

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 7


def upgrade() -> None:
    step_to(op.get_bind(), SCHEMA_VERSION)


def downgrade() -> None:
    raise RuntimeError("conflictwatch's schema 7 cannot be undone in place: restore a backup instead")
