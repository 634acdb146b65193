"""The database schema (SQLAlchemy Core tables) and its version.

Bump :data:`SCHEMA_VERSION` whenever a table changes, and add the step from the previous version
to :data:`conflictwatch.store._store.MIGRATIONS`: :func:`conflictwatch.store.open_store` migrates
an older database in place (one transaction) and refuses one of a newer version.

Versions: 1, the first; 2 adds ``events.extractor`` (what produced the event; filled from its
document's ``documents.extractor`` on migration); 3 adds the analyst's desk: ``changes`` (every
recorded correction: who, when, before, after, why), ``conflicts`` (what a re-extraction, a re-merge
or an import proposed against an analyst's decision) and ``tokens`` (hashed analyst tokens for
writes through the web API); 4 adds indexes for paged, filtered event lists (a region or a country
with a date range, and the merged view's counts, answered from the index alone; the review queue's
order); 5 adds the monitor's state: ``monitor_sources`` (per source: validators, last poll and
success, errors), ``monitor_items`` (every feed entry or listed link seen, with the document it
gave), ``monitor_fingerprints`` (near-duplicate fingerprints of the documents it stored) and
``monitor_deliveries`` (each alert delivered, per channel); 6 adds ``extraction_failures`` (a
document the extractor failed on, with the extractor id and the message, so that later runs of
the same extractor skip it until asked to retry).

Timestamps we write ourselves (``created``, ``updated``, ``extracted_at``, ``retrieved``) are ISO
8601 text, so that time zones survive on SQLite and PostgreSQL alike; event dates are ``Date``
columns so that range filters use the index.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

#: The application name written in ``schema_version``: another name means another program's database.
SCHEMA_APP = "conflictwatch"
#: The schema this version of conflictwatch reads and writes.
SCHEMA_VERSION = 6

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("app", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("created", String(40), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source_id", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", Text, nullable=False, default=""),
    Column("language", String(8), nullable=False, default=""),
    Column("published", Date, nullable=True),
    Column("retrieved", String(40), nullable=True),
    Column("text", Text, nullable=False),
    Column("extracted_at", String(40), nullable=True),
    Column("extractor", Text, nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(128), primary_key=True),
    # ACLED fields
    Column("event_id_cnty", String(128), nullable=False, default=""),
    Column("event_date", Date, nullable=False),
    Column("time_precision", Integer, nullable=False),
    Column("disorder_type", Text, nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("actor1", Text, nullable=False),
    Column("assoc_actor_1", Text, nullable=False),
    Column("inter1", Integer, nullable=False),
    Column("actor2", Text, nullable=False),
    Column("assoc_actor_2", Text, nullable=False),
    Column("inter2", Integer, nullable=False),
    Column("interaction", Integer, nullable=False),
    Column("civilian_targeting", Text, nullable=False),
    Column("iso", Integer, nullable=False),
    Column("region", Text, nullable=False),
    Column("country", String(128), nullable=False),
    Column("admin1", String(128), nullable=False),
    Column("admin2", Text, nullable=False),
    Column("admin3", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
    Column("geo_precision", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("source_scale", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("fatalities", Integer, nullable=False),
    Column("tags", Text, nullable=False),
    # conflictwatch fields
    Column("fatalities_unknown", Boolean, nullable=False),
    Column("fatalities_low", Integer, nullable=True),
    Column("fatalities_high", Integer, nullable=True),
    Column("claimed_by", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("status", String(16), nullable=False),
    Column("doc_ids", Text, nullable=False),  # JSON list
    Column("offensive_id", String(128), nullable=False),
    Column("cluster_id", String(128), nullable=False),
    # the document whose extraction produced the event ("" for imports and cluster events)
    Column("origin_doc", String(64), nullable=False),
    # the extractor id that produced it (Event.extractor; "" for imports); schema version 2
    Column("extractor", Text, nullable=False, default="", server_default=""),
    Column("created", String(40), nullable=False),
    Column("updated", String(40), nullable=False),
)
Index("ix_events_event_date", events.c.event_date)
Index("ix_events_country_admin1", events.c.country, events.c.admin1)
Index("ix_events_event_type", events.c.event_type, events.c.sub_event_type)
Index("ix_events_cluster_id", events.c.cluster_id)
Index("ix_events_origin_doc", events.c.origin_doc)
# schema version 4: the web API's filtered pages and counts
API_INDEXES = (
    Index("ix_events_admin1_date", func.lower(events.c.admin1), events.c.event_date, events.c.status,
          events.c.cluster_id),
    Index("ix_events_country_date", func.lower(events.c.country), events.c.event_date, events.c.status,
          events.c.cluster_id),
    Index("ix_events_view", events.c.cluster_id, events.c.status, events.c.event_date),
    Index("ix_events_review", events.c.status, events.c.confidence, events.c.fatalities.desc(),
          events.c.event_date.desc()),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(128), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(128), nullable=False),
    Column("outlet", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("published", Date, nullable=True),
    Column("language", String(8), nullable=False),
    Column("source_scale", Text, nullable=False),
    Column("claimed_by", Text, nullable=False),
)
Index("ix_event_sources_event_id", event_sources.c.event_id)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(128), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(128), nullable=False),
    Column("field", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_evidence_event_id", evidence.c.event_id)

merge_links = Table(
    "merge_links",
    metadata,
    Column("cluster_id", String(128), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(128), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("created", String(40), nullable=True),
)
Index("ix_merge_links_event_id", merge_links.c.event_id)

offensives = Table(
    "offensives",
    metadata,
    Column("offensive_id", String(128), primary_key=True),
    Column("event_date", Date, nullable=False),
    Column("actor", Text, nullable=False),
    Column("admin1s", Text, nullable=False),  # JSON list
    Column("admin2s", Text, nullable=False),  # JSON list
    Column("span_km", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("extra", Text, nullable=False),  # JSON object
)
Index("ix_offensives_event_date", offensives.c.event_date)

offensive_events = Table(
    "offensive_events",
    metadata,
    Column("offensive_id", String(128), ForeignKey("offensives.offensive_id", ondelete="CASCADE"),
           primary_key=True),
    Column("event_id", String(128), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
)
Index("ix_offensive_events_event_id", offensive_events.c.event_id)

# -- schema version 3: the analyst's desk ----------------------------------------------------

# Every recorded change to an event, oldest first by id. No foreign key: the history of an event
# outlives it (a dissolved merged event keeps its history).
changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),  # status, edit, note, split, merge, resolve
    Column("field", String(64), nullable=False),  # the edited field ("" for other kinds)
    Column("before", Text, nullable=False),  # JSON
    Column("after", Text, nullable=False),  # JSON
    Column("analyst", Text, nullable=False),
    Column("origin", String(16), nullable=False),  # analyst | import
    Column("reason", Text, nullable=False),
    Column("created", String(40), nullable=False),
)
Index("ix_changes_event_id", changes.c.event_id)
Index("ix_changes_created", changes.c.created)

# A value a re-extraction, a re-merge or an import proposed for an event an analyst decided on.
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(128), nullable=False),
    Column("field", String(64), nullable=False),  # "" when the whole event is concerned
    Column("kept", Text, nullable=False),  # JSON: the analyst's value, kept
    Column("proposed", Text, nullable=False),  # JSON: what the automatic run proposed
    Column("source", String(32), nullable=False),  # extract | merge | import
    Column("detail", Text, nullable=False),
    Column("created", String(40), nullable=False),
    Column("resolution", String(16), nullable=False),  # "" (open), kept, taken
    Column("resolved_by", Text, nullable=False),
    Column("resolved_at", String(40), nullable=True),
)
Index("ix_conflicts_event_id", conflicts.c.event_id)
Index("ix_conflicts_resolution", conflicts.c.resolution)

# Analyst tokens for writes through the web API: only a SHA-256 of each token is stored.
tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("analyst", String(128), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # the token's first characters, to tell them apart
    Column("created", String(40), nullable=False),
    Column("revoked", String(40), nullable=True),
)
Index("ix_tokens_analyst", tokens.c.analyst)

#: The tables schema version 3 added.
DESK_TABLES = (changes, conflicts, tokens)

# -- schema version 5: the monitor's state ---------------------------------------------------

# One row per configured source, by name: what the next poll sends (validators) and its health.
monitor_sources = Table(
    "monitor_sources",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text, nullable=False, default=""),
    Column("last_modified", Text, nullable=False, default=""),
    Column("last_poll", String(40), nullable=True),
    Column("last_success", String(40), nullable=True),
    Column("last_error", Text, nullable=False, default=""),
    Column("last_error_at", String(40), nullable=True),
    Column("errors", Integer, nullable=False, default=0),  # consecutive failed polls
    Column("total_errors", Integer, nullable=False, default=0),
    Column("polls", Integer, nullable=False, default=0),
)

# Every entry (feed guid or listed link) a source gave: ``item_id`` hashes (source, entry key).
monitor_items = Table(
    "monitor_items",
    metadata,
    Column("item_id", String(64), primary_key=True),
    Column("source", String(128), nullable=False),
    Column("entry_key", Text, nullable=False),
    Column("url", Text, nullable=False),  # canonical URL ("" when the entry has no link)
    Column("doc_id", String(64), nullable=True),  # the document it gave (a duplicate: the first one)
    Column("status", String(16), nullable=False),  # stored | duplicate | failed
    Column("message", Text, nullable=False, default=""),
    Column("attempts", Integer, nullable=False, default=1),
    Column("seen", String(40), nullable=False),
    Column("updated", String(40), nullable=False),
)
Index("ix_monitor_items_url", monitor_items.c.url)
Index("ix_monitor_items_doc_id", monitor_items.c.doc_id)
Index("ix_monitor_items_source_seen", monitor_items.c.source, monitor_items.c.seen)

# Word-shingle MinHash of each document the monitor stored, to spot one story on several sites.
monitor_fingerprints = Table(
    "monitor_fingerprints",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("minhash", Text, nullable=False),  # space-separated integers
    Column("created", String(40), nullable=False),
)
Index("ix_monitor_fingerprints_created", monitor_fingerprints.c.created)

# Each alert delivered through each channel (``alert_key`` identifies the alert across polls).
monitor_deliveries = Table(
    "monitor_deliveries",
    metadata,
    Column("channel", String(128), primary_key=True),
    Column("alert_key", String(64), primary_key=True),
    Column("delivered", String(40), nullable=False),
    Column("alert", Text, nullable=False),  # JSON
)

#: The tables schema version 5 added.
MONITOR_TABLES = (monitor_sources, monitor_items, monitor_fingerprints, monitor_deliveries)

# -- schema version 6: documents the extractor failed on ----------------------------------------

# One row per document whose last extraction failed (over its budget, a date out of range...):
# ``extract --stored`` skips it while ``extractor`` is the current extractor id, until
# ``--retry-failed``; a successful extraction deletes the row.
extraction_failures = Table(
    "extraction_failures",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("extractor", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("failed_at", String(40), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
)

#: The tables schema version 6 added.
FAILURE_TABLES = (extraction_failures,)

#: The tables a conflictwatch database holds (besides ``schema_version``).
TABLE_NAMES = tuple(t.name for t in metadata.sorted_tables)
