"""The store stage: documents, events, merges and offensives in SQLite (default) or PostgreSQL.

``open_store(db=None, *, data_dir=None)`` opens the database (see :mod:`conflictwatch.config`
for how the URL is chosen) and creates its tables on first use. Exports live in
:mod:`conflictwatch.store.export`, the ACLED CSV reader in :mod:`conflictwatch.store.acled`.
"""

from __future__ import annotations

from conflictwatch.store._store import STATUSES, AddResult, Store, open_store

__all__ = ["STATUSES", "AddResult", "Store", "open_store"]
