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
``monitor_deliveries`` (each alert delivered, per channel); 6 adds ``event_weeks``, the events and
fatalities of each ACLED week (Saturday to Friday), country, admin1, type, sub-type, status and view
(merged into a cluster or not), kept by triggers on ``events`` (:data:`SUMMARY_TRIGGERS`) so that
it never disagrees with the table, whichever statement writes it: weekly counts by region over a
million events read a few thousand rows; 7 drops ``event_days`` (a per-day summary that
development databases of version 6 may hold) and rebuilds ``event_weeks``; 8 adds ``extraction_failures`` (a document the extractor failed
on, with the extractor id and the message, so that later runs of the same extractor skip it until
asked to retry); 9 adds the extraction claims on ``documents``: ``claimed_by`` (the run that
claimed the document for extraction), ``claimed_until`` (when the claim expires unless renewed)
and ``extractions`` (how many extractions of it were saved), so that concurrent ``extract
--stored`` runs and the monitor share the documents out instead of each extracting all of them.

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
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    func,
)

#: The application name written in ``schema_version``: another name means another program's database.
SCHEMA_APP = "conflictwatch"
#: The schema this version of conflictwatch reads and writes.
SCHEMA_VERSION = 9

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
    # schema version 9: the run extracting the document now, its claim's expiry (ISO 8601 UTC, with
    # microseconds), and how many extractions of it were saved (1 for those extracted before 9)
    Column("claimed_by", Text, nullable=True),
    Column("claimed_until", String(40), nullable=True),
    Column("extractions", Integer, nullable=False, default=0, server_default="0"),
)
# schema version 9: a run renews and releases its claims by owner
CLAIM_INDEX = Index("ix_documents_claimed_by", documents.c.claimed_by)

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

# schema version 6: events per ACLED week and place, kept by the triggers below
_SUMMARY_KEY = ("week_start", "country", "admin1", "event_type", "sub_event_type", "status", "merged")
event_weeks = Table(
    "event_weeks",
    metadata,
    Column("week_start", Date, nullable=False),  # the Saturday opening the event's ACLED week
    Column("country", String(128), nullable=False),
    Column("admin1", String(128), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("merged", Integer, nullable=False),  # 1: the events have a cluster_id (not in the merged view)
    Column("events", Integer, nullable=False),
    Column("fatalities", Integer, nullable=False),
    PrimaryKeyConstraint(*_SUMMARY_KEY),
)

_KEY = ", ".join(_SUMMARY_KEY)
_WATCHED = "event_date, country, admin1, event_type, sub_event_type, status, cluster_id, fatalities"


def _match(row: str, week: str, merged: str) -> str:
    cols = ("country", "admin1", "event_type", "sub_event_type", "status")
    return " AND ".join([f"week_start = {week}"] + [f"{c} = {row}.{c}" for c in cols] + [f"merged = {merged}"])


def _sqlite_week(row: str) -> str:
    # %w: Sunday 0 ... Saturday 6, so (w + 1) % 7 days back is the Saturday
    return f"date({row}.event_date, '-' || ((CAST(strftime('%w', {row}.event_date) AS INTEGER) + 1) % 7) || ' days')"


def _postgresql_week(row: str) -> str:
    # mod(), not %: the driver reads % as a parameter marker
    return f"({row}.event_date - mod(EXTRACT(DOW FROM {row}.event_date)::int + 1, 7))"


def _sqlite_triggers() -> tuple[str, ...]:
    old_merged, new_merged = "(OLD.cluster_id != '')", "(NEW.cluster_id != '')"
    add = (f"INSERT INTO event_weeks ({_KEY}, events, fatalities) VALUES ({_sqlite_week('NEW')}, NEW.country, "
           f"NEW.admin1, NEW.event_type, NEW.sub_event_type, NEW.status, {new_merged}, 1, NEW.fatalities) "
           f"ON CONFLICT ({_KEY}) DO UPDATE SET events = events + 1, fatalities = fatalities + excluded.fatalities;")
    remove = (f"UPDATE event_weeks SET events = events - 1, fatalities = fatalities - OLD.fatalities "
              f"WHERE {_match('OLD', _sqlite_week('OLD'), old_merged)}; "
              f"DELETE FROM event_weeks WHERE events <= 0 AND {_match('OLD', _sqlite_week('OLD'), old_merged)};")
    return (
        f"CREATE TRIGGER IF NOT EXISTS event_weeks_insert AFTER INSERT ON events BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS event_weeks_delete AFTER DELETE ON events BEGIN {remove} END",
        (f"CREATE TRIGGER IF NOT EXISTS event_weeks_update AFTER UPDATE OF {_WATCHED} ON events "
        f"BEGIN {remove} {add} END"),
    )


def _postgresql_triggers() -> tuple[str, ...]:
    old_merged, new_merged = "(OLD.cluster_id <> '')::int", "(NEW.cluster_id <> '')::int"
    return (
        f"""CREATE OR REPLACE FUNCTION event_weeks_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE event_weeks SET events = events - 1, fatalities = fatalities - OLD.fatalities
      WHERE {_match('OLD', _postgresql_week('OLD'), old_merged)};
    DELETE FROM event_weeks WHERE events <= 0 AND {_match('OLD', _postgresql_week('OLD'), old_merged)};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO event_weeks ({_KEY}, events, fatalities) VALUES ({_postgresql_week('NEW')}, NEW.country, NEW.admin1,
      NEW.event_type, NEW.sub_event_type, NEW.status, {new_merged}, 1, NEW.fatalities)
      ON CONFLICT ({_KEY}) DO UPDATE SET events = event_weeks.events + 1,
      fatalities = event_weeks.fatalities + EXCLUDED.fatalities;
  END IF;
  RETURN NULL;
END $$""",
        "DROP TRIGGER IF EXISTS event_weeks_apply ON events",
        (f"CREATE TRIGGER event_weeks_apply AFTER INSERT OR DELETE OR UPDATE OF {_WATCHED} ON events "
        "FOR EACH ROW EXECUTE FUNCTION event_weeks_apply()"),
    )


#: Statements (by dialect) creating the triggers that keep ``event_weeks`` equal to what ``events``
#: holds: an inserted, deleted or updated event moves its count and fatalities between rows.
SUMMARY_TRIGGERS: dict[str, tuple[str, ...]] = {"sqlite": _sqlite_triggers(), "postgresql": _postgresql_triggers()}


def _fill(week: str) -> str:
    merged = "CASE WHEN cluster_id <> '' THEN 1 ELSE 0 END"
    return (f"INSERT INTO event_weeks ({_KEY}, events, fatalities) SELECT {week}, country, admin1, event_type, "
            f"sub_event_type, status, {merged}, count(*), sum(fatalities) FROM events GROUP BY {week}, country, "
            f"admin1, event_type, sub_event_type, status, {merged}")


#: Fills ``event_weeks`` from ``events`` (the migration to version 6), by dialect.
SUMMARY_FILL = {"sqlite": _fill(_sqlite_week("events")), "postgresql": _fill(_postgresql_week("events"))}


# -- schema version 8: documents the extractor failed on ----------------------------------------

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

#: The tables schema version 8 added.
FAILURE_TABLES = (extraction_failures,)

#: The tables a conflictwatch database holds (besides ``schema_version``).
TABLE_NAMES = tuple(t.name for t in metadata.sorted_tables)
