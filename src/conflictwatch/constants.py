"""Defaults and field lists that the command line shows in its help and the stages use.

They live here, in a module that imports nothing, so that ``conflictwatch --help`` (and every
command that does not need a stage) starts without loading the stages that own them: the
extractor (spaCy), the web reader (trafilatura, httpx), the watch stage. Each stage re-exports
its own (``conflictwatch.ingest.DEFAULT_MAX_BYTES``, ``conflictwatch.extract.io.LEASE_SECONDS``,
``conflictwatch.watch.GROUP_FIELDS``), so code may import them from either place.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_ITEMS", "DEFAULT_TIMEOUT", "GROUP_FIELDS", "LEASE_SECONDS"]

#: Largest file, page or JSONL record read (bytes); bigger inputs are reported.
DEFAULT_MAX_BYTES = 5_000_000
#: Seconds a URL fetch may take in all (connect, redirects, body).
DEFAULT_TIMEOUT = 20.0
#: Entries read from one feed; the rest are reported and neither read nor fetched.
DEFAULT_MAX_ITEMS = 200

#: How long (seconds) a run's claim on the stored documents it is extracting lasts unless renewed:
#: a killed run's documents are taken up by the next run once it has passed.
LEASE_SECONDS = 600.0

#: Fields ``trends(by=...)`` can group on. "actor" counts an event once for each of its two
#: actors (so actor rows add up to more than the event total).
GROUP_FIELDS: tuple[str, ...] = (
    "country", "admin1", "admin2", "admin3", "location", "event_type", "sub_event_type",
    "disorder_type", "actor", "actor1", "actor2", "interaction", "source_scale", "status", "year",
)
