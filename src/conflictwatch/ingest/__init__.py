"""The ingest stage: reports from files, folders, URLs and RSS/Atom feeds become Documents.

``read_sources`` yields a :class:`~conflictwatch.records.Document` or an :class:`IngestFailure`
per record; ``ingest`` stores the documents (through ``Store.add_documents``) and returns an
:class:`IngestReport`. Bad inputs never stop a run: each is reported with what to do. Documents
are dated by what their source states, else by their dateline (:func:`find_dateline`), else by
the date the caller gives; those left undated are listed (:class:`UndatedDocument`).
"""

from __future__ import annotations

from conflictwatch.ingest._dateline import Dateline, find_dateline
from conflictwatch.ingest._read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ITEMS,
    DEFAULT_TIMEOUT,
    DocumentSink,
    ingest,
    read_sources,
)
from conflictwatch.ingest._results import (
    IngestFailure,
    IngestNote,
    IngestReport,
    IngestResult,
    UndatedDocument,
)
from conflictwatch.ingest._web import (
    USER_AGENT,
    FeedEntry,
    Fetched,
    Fetcher,
    FetchPolicy,
    HostThrottle,
    ParsedFeed,
    canonical_url,
    content_kind,
    entry_documents,
    is_url,
    listing_links,
    page_document,
    parse_feed,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ITEMS",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Dateline",
    "DocumentSink",
    "FeedEntry",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "HostThrottle",
    "IngestFailure",
    "IngestNote",
    "IngestReport",
    "IngestResult",
    "ParsedFeed",
    "UndatedDocument",
    "canonical_url",
    "content_kind",
    "entry_documents",
    "find_dateline",
    "ingest",
    "is_url",
    "listing_links",
    "page_document",
    "parse_feed",
    "read_sources",
]
