"""Schema version 8: ``extraction_failures``, the documents the extractor failed on (over its size
or time budget, a date out of range), with the extractor id and the message, so that later runs of
the same extractor skip them until asked to retry.

Runs the in-place step of :data:`conflictwatch.store._store.MIGRATIONS` from version 7 to 8,
keeping every row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from conflictwatch.store._migrate import step_to

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 8


def upgrade() -> None:
    step_to(op.get_bind(), SCHEMA_VERSION)


def downgrade() -> None:
    raise RuntimeError("conflictwatch's schema 8 cannot be undone in place: restore a backup instead")
