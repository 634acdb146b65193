"""Schema version 9: the extraction claims on ``documents`` (``claimed_by``, ``claimed_until``:
the run extracting a document and when its claim expires) and ``extractions`` (how many
extractions of a document were saved), so that concurrent ``extract --stored`` runs share the
documents out.

Runs the in-place steps of :data:`conflictwatch.store._store.MIGRATIONS` from the version the
database is at to 9, keeping every row.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from conflictwatch.store._migrate import step_to

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 9


def upgrade() -> None:
    step_to(op.get_bind(), SCHEMA_VERSION)


def downgrade() -> None:
    raise RuntimeError("conflictwatch's schema 9 cannot be undone in place: restore a backup instead")
