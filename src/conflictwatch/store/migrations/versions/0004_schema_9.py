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

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 9
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
    raise RuntimeError("conflictwatch's schema 9 cannot be undone in place: restore a backup instead")
