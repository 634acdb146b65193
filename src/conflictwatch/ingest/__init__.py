"""The ingest stage: reports from files, folders, URLs and RSS/Atom feeds become Documents.

``read_sources`` yields a :class:`~conflictwatch.records.Document` or an :class:`IngestFailure`
per record; ``ingest`` stores the documents (through ``Store.add_documents``) and returns an
:class:`IngestReport`. Bad inputs never stop a run: each is reported with what to do.
"""

from __future__ import annotations

from conflictwatch.ingest._read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    DocumentSink,
    ingest,
    read_sources,
)
from conflictwatch.ingest._results import IngestFailure, IngestNote, IngestReport, IngestResult
from conflictwatch.ingest._web import USER_AGENT

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "DocumentSink",
    "IngestFailure",
    "IngestNote",
    "IngestReport",
    "IngestResult",
    "ingest",
    "read_sources",
]
