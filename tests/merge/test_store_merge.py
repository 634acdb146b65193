"""Merging what a real store (SQLite file in tmp_path) holds, and undoing a merge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.merge import cluster_id, merge_store, split_merge
from conflictwatch.store import Store, open_store
from tests.merge.builders import FAMA, KAYES, MOLODO, NIORO, UAG, ev


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "cw.db")) as s:
        yield s


def test_merge_store_saves_the_cluster_and_hides_its_members(store: Store) -> None:
    store.add_events([ev("a", fatalities=3, fatalities_low=3, fatalities_high=3), ev("b", actor1=UAG)])
    run = merge_store(store)
    cid = cluster_id(["a", "b"])
    assert [e.event_id for e in store.query_events()] == [cid]
    assert {link.event_id for link in store.merge_links(cid)} == {"a", "b"}
    assert store.event("a").cluster_id == cid and run.considered == 2


def test_a_dry_run_saves_nothing(store: Store) -> None:
    store.add_events([ev("a"), ev("b")])
    run = merge_store(store, dry_run=True)
    assert len(run.result.clusters) == 1 and not run.saved
    assert store.merge_links() == [] and len(store.query_events()) == 2


def test_running_merge_twice_changes_nothing_the_second_time(store: Store) -> None:
    store.add_events([ev("a"), ev("b"), ev("c", place=KAYES)])
    merge_store(store)
    again = merge_store(store)
    assert again.result.clusters == [] and again.considered == 1


def test_a_new_report_joins_the_stored_cluster(store: Store) -> None:
    store.add_events([ev("a"), ev("b")])
    merge_store(store)
    store.add_events([ev("c", actor2="Military Forces of Mali (2020-2021)")])
    run = merge_store(store)
    new_id = cluster_id(["a", "b", "c"])
    assert run.result.superseded == [cluster_id(["a", "b"])]
    assert [e.event_id for e in store.query_events()] == [new_id]
    assert len(store.merge_links(cluster_id(["a", "b"]))) == 0


def test_since_leaves_older_unmerged_events_alone_but_lets_new_ones_join_them(store: Store) -> None:
    store.add_events([ev("old-a", day=date(2025, 6, 1)), ev("old-b", day=date(2025, 6, 1)),
                      ev("late", day=date(2025, 6, 20)), ev("late2", day=date(2025, 6, 20), actor1=UAG)])
    run = merge_store(store, since=date(2025, 6, 10))
    assert [sorted(link.event_id for link in links) for _, links in run.result.clusters] == [["late", "late2"]]


def test_split_restores_the_source_events_and_removes_the_cluster(store: Store) -> None:
    store.add_events([ev("a"), ev("b")])
    merge_store(store)
    cid = cluster_id(["a", "b"])
    out, rebuilt = split_merge(store, cid)
    assert (sorted(out), rebuilt) == (["a", "b"], "")
    assert sorted(e.event_id for e in store.query_events()) == ["a", "b"]
    assert store.event("a").cluster_id == "" and store.merge_links() == []


def test_split_events_are_not_merged_again(store: Store) -> None:
    store.add_events([ev("a"), ev("b")])
    merge_store(store)
    split_merge(store, cluster_id(["a", "b"]))
    assert merge_store(store).result.clusters == []
    assert store.event("a").status == "reviewed"


def test_splitting_one_member_out_rebuilds_the_rest(store: Store) -> None:
    store.add_events([ev("a", fatalities=2, fatalities_low=2, fatalities_high=2),
                      ev("b", fatalities=9, fatalities_low=9, fatalities_high=9), ev("c", actor1=UAG)])
    merge_store(store)
    out, rebuilt = split_merge(store, cluster_id(["a", "b", "c"]), ["a"])
    assert out == ["a"] and rebuilt == cluster_id(["b", "c"])
    merged = store.event(rebuilt)
    assert (merged.fatalities, merged.fatalities_high) == (9, 9)
    assert sorted(e.event_id for e in store.query_events()) == sorted(["a", rebuilt])


def test_merge_store_saves_offensives_over_merged_events(store: Store) -> None:
    store.add_events([ev("n1", doc="d1"), ev("n2", doc="d2", actor1=UAG, actor2=FAMA),
                      ev("m", doc="d1", place=MOLODO), ev("k", doc="d1", place=KAYES), ev("r", doc="d3", place=NIORO)])
    run = merge_store(store)
    (off,) = store.offensives()
    assert off.offensive_id == run.offensives[0].offensive_id
    assert set(off.event_ids) == {cluster_id(["n1", "n2"]), "m", "k", "r"}


def test_an_offensive_that_no_longer_qualifies_is_dropped_on_the_next_merge(store: Store) -> None:
    store.add_events([ev("n1", doc="d1"), ev("m", doc="d1", place=MOLODO), ev("k", doc="d1", place=KAYES),
                      ev("r", doc="d3", place=NIORO)])
    merge_store(store)
    assert len(store.offensives()) == 1
    store.set_status("r", "rejected")
    store.set_status("k", "rejected")
    merge_store(store)
    assert store.offensives() == []
