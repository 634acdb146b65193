"""The store stage: documents, events, merges and offensives in SQLite (default) or PostgreSQL.

``open_store(db=None, *, data_dir=None)`` opens the database (see :mod:`conflictwatch.config`
for how the URL is chosen) and creates its tables on first use. Exports live in
:mod:`conflictwatch.store.export`, the ACLED CSV reader in :mod:`conflictwatch.store.acled`,
the reviewed-events export in the gold-set format in :mod:`conflictwatch.store.reviews`.

The analyst's desk: :meth:`Store.correct`, :meth:`Store.set_status`, :meth:`Store.add_note`,
:meth:`Store.split_cluster` and :meth:`Store.join_events` record every decision as a
:class:`Change`; :meth:`Store.history` reads them back. Automatic runs never overwrite a
decision: they leave a :class:`Conflict` (:meth:`Store.conflicts`, :meth:`Store.resolve_conflict`).
Web writes need an analyst :class:`Token` (:meth:`Store.create_token`).
"""

from __future__ import annotations

from conflictwatch.store._corrections import CODED_FIELDS, EDITABLE_FIELDS, Change, Conflict, Token
from conflictwatch.store._monitor import (
    HEALTH_STATES,
    STALE_AFTER,
    ItemState,
    MonitorState,
    SourceHealth,
)
from conflictwatch.store._store import (
    COUNT_FIELDS,
    SORTS,
    STATUSES,
    AddResult,
    Claim,
    DatabaseError,
    ExtractionFailure,
    ImportReport,
    Store,
    open_store,
)

__all__ = [
    "CODED_FIELDS",
    "COUNT_FIELDS",
    "EDITABLE_FIELDS",
    "HEALTH_STATES",
    "SORTS",
    "STALE_AFTER",
    "STATUSES",
    "AddResult",
    "Change",
    "Claim",
    "Conflict",
    "DatabaseError",
    "ExtractionFailure",
    "ImportReport",
    "ItemState",
    "MonitorState",
    "SourceHealth",
    "Store",
    "Token",
    "open_store",
]
