"""Counts per ACLED week from the summary the database keeps: always what the events table holds."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conflictwatch.errors import StoreError
from conflictwatch.records import Event, MergeLink
from conflictwatch.store import Store, open_store
from tests.store.conftest import make_doc, make_event

REGIONS = ["Kidal", "Tombouctou", "Kayes"]


def _events(count: int) -> list[Event]:
    return [make_event(f"ev-{k}", event_date=date(2020, 3, 1) + timedelta(days=k % 23), admin1=REGIONS[k % 3],
                       fatalities=k % 4, event_type="Battles" if k % 2 else "Violence against civilians",
                       sub_event_type="Armed clash" if k % 2 else "Attack", status="automatic")
            for k in range(count)]


def _week(d: date) -> date:
    return d - timedelta(days=(d.weekday() - 5) % 7)  # the Saturday opening the ACLED week


def _expected(store: Store, **filters: object) -> dict[tuple[date, tuple[str, ...]], tuple[int, int]]:
    """The same counts made from the events query_events returns."""
    events: Counter[tuple[date, tuple[str, ...]]] = Counter()
    deaths: Counter[tuple[date, tuple[str, ...]]] = Counter()
    for e in store.query_events(children=False, **filters):  # type: ignore[arg-type]
        key = (_week(e.event_date), (e.country, e.admin1))
        events[key] += 1
        deaths[key] += e.fatalities
    return {k: (events[k], deaths[k]) for k in events}


def _counted(store: Store, **filters: object) -> dict[tuple[date, tuple[str, ...]], tuple[int, int]]:
    return {(c.week_start, c.group): (c.events, c.fatalities) for c in store.weekly_counts(**filters)}  # type: ignore[arg-type]


def test_weekly_counts_equal_the_stored_events_counted_one_by_one(store: Store) -> None:
    store.add_events(_events(40))
    assert _counted(store) == _expected(store)
    assert sum(c.events for c in store.weekly_counts()) == 40


def test_weekly_counts_follow_updates_corrections_and_deletions(store: Store) -> None:
    doc = make_doc("Gunmen attacked a convoy near Aguelhok on Sunday, killing two drivers.")
    store.add_documents([doc])
    store.add_events(_events(12))
    store.save_extraction(doc.id, [make_event("x-1", doc, admin1="Kidal", fatalities=2)], extractor="t")
    store.add_events([make_event("ev-3", event_date=date(2020, 4, 2), admin1="Kayes", fatalities=9)])
    store.correct("ev-4", {"admin1": "Tombouctou", "fatalities": 5}, analyst="amina", reason="a closer look")
    store.set_status("ev-5", "rejected", analyst="amina", reason="a drill")
    store.save_extraction(doc.id, [], extractor="t")  # the re-extraction found nothing: x-1 goes
    assert _counted(store) == _expected(store)
    assert _counted(store, status="rejected") == _expected(store, status="rejected")


def test_merged_members_leave_the_merged_view_counts_and_their_cluster_joins_them(store: Store) -> None:
    store.add_events(_events(6))
    a, b = store.event("ev-0"), store.event("ev-3")
    cluster = a.replace(event_id="cl-test", doc_ids=())
    store.save_clusters([(cluster, [MergeLink(cluster_id="cl-test", event_id="ev-0", reason="r", score=1.0),
                                    MergeLink(cluster_id="cl-test", event_id=b.event_id, reason="r", score=0.9)])])
    assert _counted(store) == _expected(store)
    assert _counted(store, merged_view=False) == _expected(store, merged_view=False)
    assert sum(c.events for c in store.weekly_counts()) == 5


def test_weekly_counts_take_the_filters_of_query_events(store: Store) -> None:
    store.add_events(_events(60))
    for filters in ({"admin1": "kidal"}, {"country": "ML"}, {"event_type": "attack"}, {"country": "Niger"},
                    {"since": "2020-03-03", "until": "2020-03-06"},  # inside one week
                    {"since": "2020-03-03", "until": "2020-03-19"},  # cut weeks at both ends, one whole
                    {"since": "2020-03-07", "until": "2020-03-20"},  # whole weeks only (Saturday to Friday)
                    {"since": "2020-03-10"}, {"until": "2020-03-11", "admin1": "Kayes"}):
        assert _counted(store, **filters) == _expected(store, **filters), filters


def test_weekly_counts_group_by_type_and_refuse_an_unknown_field(store: Store) -> None:
    store.add_events(_events(10))
    by_type = Counter()
    for c in store.weekly_counts(by=("event_type",)):
        by_type[c.group] += c.events
    assert by_type == {("Battles",): 5, ("Violence against civilians",): 5}
    with pytest.raises(StoreError, match="cannot count events by actor1: use country, admin1"):
        store.weekly_counts(by=("actor1",))


def test_a_version_5_database_gets_its_summary_filled_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(str(path)) as s:
        s.add_events(_events(20))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # as version 5 left it: no summary, no triggers
        for trigger in ("event_weeks_insert", "event_weeks_delete", "event_weeks_update"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))
        conn.execute(text("DROP TABLE event_weeks"))
        conn.execute(text("UPDATE schema_version SET version = 5"))
    engine.dispose()
    with open_store(str(path)) as s:
        assert _counted(s) == _expected(s) and _counted(s)
        s.add_events([make_event("late", event_date=date(2020, 5, 1), admin1="Kidal")])
        assert _counted(s) == _expected(s)


def test_a_version_6_database_with_a_day_summary_gets_the_week_summary_instead(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    with open_store(str(path)) as s:
        s.add_events(_events(15))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # as a development version 6 left it: a per-day summary and its trigger
        for trigger in ("event_weeks_insert", "event_weeks_delete", "event_weeks_update"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))
        conn.execute(text("DROP TABLE event_weeks"))
        conn.execute(text("CREATE TABLE event_days (event_date DATE, events INTEGER)"))
        conn.execute(text("CREATE TRIGGER event_days_insert AFTER INSERT ON events BEGIN "
                          "INSERT INTO event_days VALUES (NEW.event_date, 1); END"))
        conn.execute(text("UPDATE schema_version SET version = 6"))
    engine.dispose()
    with open_store(str(path)) as s:
        s.add_events([make_event("later", event_date=date(2020, 5, 2), admin1="Kidal")])
        assert _counted(s) == _expected(s)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert "event_days" not in names and "event_days_insert" not in names and "event_weeks" in names
