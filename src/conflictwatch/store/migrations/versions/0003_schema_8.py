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

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 8
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
    raise RuntimeError("conflictwatch's schema 8 cannot be undone in place: restore a backup instead")
