"""Merging what a store holds: the library side of ``conflictwatch merge`` and ``split``.

The merge stage sits upstream of the store, so it does not import it: these functions take any
object with the store's methods (:class:`MergeStore`, which :class:`conflictwatch.store.Store`
satisfies).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from conflictwatch.merge._cluster import MergeResult, build_cluster, merge_events
from conflictwatch.merge._offensives import find_offensives
from conflictwatch.records import Event, MergeLink, Offensive

__all__ = ["MERGE_STEPS", "MergeRun", "MergeStore", "merge_store", "split_merge"]

#: The steps of :func:`merge_store`, in order, as its ``on_step`` hears of them.
MERGE_STEPS = ("loading events", "comparing events", "saving merged events", "reading the merged view",
               "finding offensives", "saving offensives")

#: How far before ``since`` events are loaded as fixed partners: a month-precision date's window.
LOOKBACK = timedelta(days=31)


class MergeStore(Protocol):
    """The store methods merging needs (see :class:`conflictwatch.store.Store`)."""

    def query_events(self, *, since: date | str | None = None, merged_view: bool = True) -> list[Event]: ...

    def event(self, event_id: str) -> Event: ...

    def merge_links(self, cluster_id: str | None = None) -> list[MergeLink]: ...

    def save_clusters(self, clusters: Sequence[tuple[Event, Sequence[MergeLink]]], *,
                      by_analyst: bool = False) -> list[str]: ...

    def split_cluster(self, cluster_id: str, event_ids: Sequence[str] | None = None, *,
                      analyst: str = "", reason: str = "") -> None: ...

    def set_status(self, event_id: str, status: str, *, analyst: str = "", reason: str = "") -> None: ...

    def save_offensives(self, offs: Sequence[Offensive], *, replace_from: date | None = None,
                        replace_all: bool = False) -> None: ...


@dataclass(frozen=True, slots=True)
class MergeRun:
    """What :func:`merge_store` did: the events it considered, the merge and the offensives;
    ``refused``: merged events not saved because they would change one an analyst decided on
    (the store records a conflict for each)."""

    considered: int
    result: MergeResult
    offensives: list[Offensive]
    saved: bool
    refused: tuple[str, ...] = ()


def merge_store(store: MergeStore, *, since: date | None = None, dry_run: bool = False,
                on_step: Callable[[int, str], None] | None = None) -> MergeRun:
    """Merge the store's unmerged events (dated ``since`` or later; all without it) into one another
    and into its clusters, save the clusters, then find and save the offensives among the merged
    events. ``dry_run``: compute and return everything, save nothing.

    Events from a month before ``since`` are loaded too, as fixed partners that the new ones may
    join (a month-precision report reaches that far back). ``on_step`` hears of each step as it
    starts: its number (from 0) and its name in :data:`MERGE_STEPS`, then ``len(MERGE_STEPS)`` and
    ``"done"`` at the end (a dry run skips the saving steps).
    """

    def step(name: str) -> None:
        if on_step is not None:
            on_step(MERGE_STEPS.index(name) if name in MERGE_STEPS else len(MERGE_STEPS), name)

    step("loading events")
    loaded = store.query_events(since=since - LOOKBACK if since else None, merged_view=False)
    events = [e for e in loaded if not e.event_id.startswith("cl-")]
    links = store.merge_links()
    have = {e.event_id for e in events}
    touched = {e.cluster_id for e in events if e.cluster_id}
    events += [store.event(link.event_id) for link in links
               if link.cluster_id in touched and link.event_id not in have]
    fresh = [e for e in events if not e.cluster_id and (since is None or e.event_date >= since)]
    fresh_ids = {e.event_id for e in fresh}
    existing = [e for e in events if e.event_id not in fresh_ids]
    step("comparing events")
    result = merge_events(fresh, existing=existing, existing_links=links)
    refused: list[str] = []
    if not dry_run and result.clusters:
        step("saving merged events")
        refused = store.save_clusters(result.clusters)
    if dry_run:
        view = result.merged_view([e for e in events if not e.cluster_id])
        view += [e for e in loaded if e.event_id.startswith("cl-")
                 and e.event_id not in set(result.superseded)]
        view = [e for e in view if since is None or e.event_date >= since]
    else:
        step("reading the merged view")
        view = store.query_events(since=since, merged_view=True)
    step("finding offensives")
    offensives = find_offensives(view)
    if not dry_run:  # offensives that no longer qualify (after a split, say) are dropped
        step("saving offensives")
        store.save_offensives(offensives, replace_from=since, replace_all=since is None)
    step("done")
    return MergeRun(considered=len(fresh), result=result, offensives=offensives, saved=not dry_run,
                    refused=tuple(refused))


def split_merge(store: MergeStore, cluster_id: str, event_ids: Sequence[str] = (), *,
                analyst: str = "", reason: str = "") -> tuple[list[str], str]:
    """Undo a wrong merge: take ``event_ids`` (default: every member) out of ``cluster_id``.

    The source events stay; the ones taken out are marked "reviewed", which keeps automatic
    merging from joining them again. When two or more members remain, their merged event is rebuilt
    from them (new id, fields, sources and fatalities without the ones taken out). Returns the ids
    taken out and the id of the rebuilt cluster ("" when the cluster dissolved). The split is
    recorded in the history of the events, under ``analyst`` with ``reason``.
    """
    members = [link.event_id for link in store.merge_links(cluster_id)]
    store.split_cluster(cluster_id, list(event_ids) if event_ids else None, analyst=analyst, reason=reason)
    out = list(event_ids) if event_ids else members
    for eid in out:
        store.set_status(eid, "reviewed", analyst=analyst, reason=reason or f"split out of {cluster_id}")
    remaining = [link for link in store.merge_links(cluster_id)]
    if len(remaining) < 2:
        return out, ""
    cluster, new_links = build_cluster([store.event(link.event_id) for link in remaining],
                                       previous_links=remaining)
    store.save_clusters([(cluster, new_links)], by_analyst=True)
    return out, cluster.event_id
