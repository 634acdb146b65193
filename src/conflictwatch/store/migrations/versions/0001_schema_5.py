"""Schema version 5, the schema of conflictwatch 0.1: the baseline.

On an empty database this creates every table. On a database made before conflictwatch used
Alembic (a ``schema_version`` row of 1 to 5 and no ``alembic_version`` table) it runs the
in-place steps of those releases up to version 5 (:data:`conflictwatch.store._store.MIGRATIONS`:
``events.extractor``, the desk tables, the API indexes, the monitor tables), keeping every row.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from conflictwatch.store._migrate import step_to

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
#: The schema version this revision leaves in ``schema_version``.
SCHEMA_VERSION = 5
APP = "conflictwatch"


def upgrade() -> None:
    bind = op.get_bind()
    names = set(sa.inspect(bind).get_table_names())
    if "schema_version" not in names:
        if names - {"alembic_version"}:
            raise RuntimeError(f"the database holds tables that are not conflictwatch's "
                               f"({', '.join(sorted(names)[:5])}) and no schema_version table: "
                               "use an empty database")
        _create()
        op.execute(sa.text("INSERT INTO schema_version (app, version, created) VALUES (:app, :v, :now)")
                   .bindparams(app=APP, v=SCHEMA_VERSION, now=datetime.now(UTC).isoformat(timespec="seconds")))
        return
    step_to(bind, SCHEMA_VERSION)  # a release before Alembic (1-5): its in-place steps


def downgrade() -> None:
    raise RuntimeError("conflictwatch's baseline cannot be undone: restore a backup instead")


def _create() -> None:
    op.create_table('changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('analyst', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_changes_created', 'changes', ['created'], unique=False)
    op.create_index('ix_changes_event_id', 'changes', ['event_id'], unique=False)
    op.create_table('conflicts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('kept', sa.Text(), nullable=False),
    sa.Column('proposed', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=False),
    sa.Column('resolved_by', sa.Text(), nullable=False),
    sa.Column('resolved_at', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_conflicts_event_id', 'conflicts', ['event_id'], unique=False)
    op.create_index('ix_conflicts_resolution', 'conflicts', ['resolution'], unique=False)
    op.create_table('documents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('outlet', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('retrieved', sa.String(length=40), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extracted_at', sa.String(length=40), nullable=True),
    sa.Column('extractor', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('event_id_cnty', sa.String(length=128), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('time_precision', sa.Integer(), nullable=False),
    sa.Column('disorder_type', sa.Text(), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('sub_event_type', sa.String(length=64), nullable=False),
    sa.Column('actor1', sa.Text(), nullable=False),
    sa.Column('assoc_actor_1', sa.Text(), nullable=False),
    sa.Column('inter1', sa.Integer(), nullable=False),
    sa.Column('actor2', sa.Text(), nullable=False),
    sa.Column('assoc_actor_2', sa.Text(), nullable=False),
    sa.Column('inter2', sa.Integer(), nullable=False),
    sa.Column('interaction', sa.Integer(), nullable=False),
    sa.Column('civilian_targeting', sa.Text(), nullable=False),
    sa.Column('iso', sa.Integer(), nullable=False),
    sa.Column('region', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=128), nullable=False),
    sa.Column('admin1', sa.String(length=128), nullable=False),
    sa.Column('admin2', sa.Text(), nullable=False),
    sa.Column('admin3', sa.Text(), nullable=False),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_scale', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('fatalities', sa.Integer(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('fatalities_unknown', sa.Boolean(), nullable=False),
    sa.Column('fatalities_low', sa.Integer(), nullable=True),
    sa.Column('fatalities_high', sa.Integer(), nullable=True),
    sa.Column('claimed_by', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('doc_ids', sa.Text(), nullable=False),
    sa.Column('offensive_id', sa.String(length=128), nullable=False),
    sa.Column('cluster_id', sa.String(length=128), nullable=False),
    sa.Column('origin_doc', sa.String(length=64), nullable=False),
    sa.Column('extractor', sa.Text(), server_default='', nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.Column('updated', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index('ix_events_cluster_id', 'events', ['cluster_id'], unique=False)
    op.create_index('ix_events_country_admin1', 'events', ['country', 'admin1'], unique=False)
    op.create_index('ix_events_event_date', 'events', ['event_date'], unique=False)
    op.create_index('ix_events_event_type', 'events', ['event_type', 'sub_event_type'], unique=False)
    op.create_index('ix_events_origin_doc', 'events', ['origin_doc'], unique=False)
    op.create_index('ix_events_admin1_date', 'events', [sa.text('lower(admin1)'), 'event_date', 'status', 'cluster_id'], unique=False)
    op.create_index('ix_events_country_date', 'events', [sa.text('lower(country)'), 'event_date', 'status', 'cluster_id'], unique=False)
    op.create_index('ix_events_review', 'events', ['status', 'confidence', sa.literal_column('fatalities DESC'), sa.literal_column('event_date DESC')], unique=False)
    op.create_index('ix_events_view', 'events', ['cluster_id', 'status', 'event_date'], unique=False)
    op.create_table('monitor_deliveries',
    sa.Column('channel', sa.String(length=128), nullable=False),
    sa.Column('alert_key', sa.String(length=64), nullable=False),
    sa.Column('delivered', sa.String(length=40), nullable=False),
    sa.Column('alert', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('channel', 'alert_key')
    )
    op.create_table('monitor_fingerprints',
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('minhash', sa.Text(), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('doc_id')
    )
    op.create_index('ix_monitor_fingerprints_created', 'monitor_fingerprints', ['created'], unique=False)
    op.create_table('monitor_items',
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=128), nullable=False),
    sa.Column('entry_key', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('seen', sa.String(length=40), nullable=False),
    sa.Column('updated', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('item_id')
    )
    op.create_index('ix_monitor_items_doc_id', 'monitor_items', ['doc_id'], unique=False)
    op.create_index('ix_monitor_items_source_seen', 'monitor_items', ['source', 'seen'], unique=False)
    op.create_index('ix_monitor_items_url', 'monitor_items', ['url'], unique=False)
    op.create_table('monitor_sources',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('etag', sa.Text(), nullable=False),
    sa.Column('last_modified', sa.Text(), nullable=False),
    sa.Column('last_poll', sa.String(length=40), nullable=True),
    sa.Column('last_success', sa.String(length=40), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('last_error_at', sa.String(length=40), nullable=True),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('total_errors', sa.Integer(), nullable=False),
    sa.Column('polls', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('offensives',
    sa.Column('offensive_id', sa.String(length=128), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('admin1s', sa.Text(), nullable=False),
    sa.Column('admin2s', sa.Text(), nullable=False),
    sa.Column('span_km', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('extra', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('offensive_id')
    )
    op.create_index('ix_offensives_event_date', 'offensives', ['event_date'], unique=False)
    op.create_table('schema_version',
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('app')
    )
    op.create_table('tokens',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('analyst', sa.String(length=128), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=False),
    sa.Column('revoked', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_tokens_analyst', 'tokens', ['analyst'], unique=False)
    op.create_table('event_sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('outlet', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('source_scale', sa.Text(), nullable=False),
    sa.Column('claimed_by', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_event_sources_event_id', 'event_sources', ['event_id'], unique=False)
    op.create_table('evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_evidence_event_id', 'evidence', ['event_id'], unique=False)
    op.create_table('merge_links',
    sa.Column('cluster_id', sa.String(length=128), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('created', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['events.event_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cluster_id', 'event_id')
    )
    op.create_index('ix_merge_links_event_id', 'merge_links', ['event_id'], unique=False)
    op.create_table('offensive_events',
    sa.Column('offensive_id', sa.String(length=128), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offensive_id'], ['offensives.offensive_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offensive_id', 'event_id')
    )
    op.create_index('ix_offensive_events_event_id', 'offensive_events', ['event_id'], unique=False)
