"""The merge stage: reports of one real-world event become one merged event; same-day attacks
by one actor across places become an offensive.

* :func:`merge_events` clusters event records (incrementally, against the stored ones) into
  merged events that keep every source, evidence and document, with an explained, scored
  :class:`~conflictwatch.records.MergeLink` per member; source events are never destroyed, so a
  merge can be undone (``Store.split_cluster``).
* :func:`compare` says whether two records can be one event, with a score and a reason.
* :func:`find_offensives` links coordinated same-day attacks into
  :class:`~conflictwatch.records.Offensive` records.
* :func:`merge_store` and :func:`split_merge` do both against a store (``conflictwatch merge`` /
  ``split``).

The rules are in the docstrings of :mod:`._compare`, :mod:`._cluster` and :mod:`._offensives`.
"""

from conflictwatch.merge._cluster import (
    MergeResult,
    build_cluster,
    cluster_event,
    cluster_id,
    merge_events,
)
from conflictwatch.merge._compare import Comparison, compare
from conflictwatch.merge._offensives import find_offensives
from conflictwatch.merge._run import MERGE_STEPS, MergeRun, MergeStore, merge_store, split_merge

__all__ = [
    "MERGE_STEPS",
    "Comparison",
    "MergeResult",
    "MergeRun",
    "MergeStore",
    "build_cluster",
    "cluster_event",
    "cluster_id",
    "compare",
    "find_offensives",
    "merge_events",
    "merge_store",
    "split_merge",
]
