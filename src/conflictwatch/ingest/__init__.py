"""The ingest stage: reports from files, folders, URLs and RSS/Atom feeds become Documents.

``read_sources`` yields a :class:`~conflictwatch.records.Document` or an :class:`IngestFailure`
per record; ``ingest`` stores the documents (through ``Store.add_documents``) and returns an
:class:`IngestReport`. Bad inputs never stop a run: each is reported with what to do. Documents
are dated by what their source states, else by their dateline (:func:`find_dateline`), else by
the date the caller gives; those left undated are listed (:class:`UndatedDocument`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from conflictwatch.ingest._dateline import Dateline, find_dateline

if TYPE_CHECKING:
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

#: The names read from the stage's other modules, imported on first use (PEP 562): the extractor
#: needs the dateline reader alone, not the web and file readers (feedparser, httpx...).
_LAZY = {name: module for module, names in (
    ("_read", ("DEFAULT_MAX_BYTES", "DEFAULT_MAX_ITEMS", "DEFAULT_TIMEOUT", "DocumentSink", "ingest", "read_sources")),
    ("_results", ("IngestFailure", "IngestNote", "IngestReport", "IngestResult", "UndatedDocument")),
    ("_web", ("USER_AGENT", "FeedEntry", "Fetched", "Fetcher", "FetchPolicy", "HostThrottle", "ParsedFeed",
              "canonical_url", "content_kind", "entry_documents", "is_url", "listing_links", "page_document",
              "parse_feed")),
) for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
