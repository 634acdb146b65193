"""``Store.event_page``: the API's list page (a total and compact rows) equals what
``count_events``, ``query_events`` and ``Event.to_dict`` give, whatever the filter and sort."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from conflictwatch.errors import StoreError
from conflictwatch.records import Event
from conflictwatch.store import Store
from tests.store.conftest import make_doc, make_event

PLACES = ["Kayes", "Koulikoro", "Sikasso"]
FIELDS = ["event_id", "event_date", "year", "admin1", "fatalities", "fatalities_unknown", "confidence", "doc_ids",
          "latitude", "status", "cluster_id"]


def _events(count: int, start: date = date(2021, 2, 3)) -> list[Event]:
    return [make_event(f"ev-{k:05d}", event_date=start + timedelta(days=k % 40), admin1=PLACES[k % 3],
                       fatalities=k % 5, confidence=round((k * 37 % 100) / 100, 2), status="automatic",
                       fatalities_unknown=k % 7 == 0, actor2="Civilians (Mali)" if k % 4 else "")
            for k in range(count)]


def _expected(store: Store, *, limit: int, offset: int, sort: str, **filters: Any) -> tuple[int, list[dict[str, Any]]]:
    found = store.query_events(**filters, limit=limit, offset=offset, sort=sort)
    rows = []
    for e in found:
        d = e.to_dict()
        rows.append({**{f: d[f] for f in FIELDS}, "sources": len(e.sources), "evidence": len(e.evidence)})
    return store.count_events(**filters), rows


def _total(store: Store, **filters: Any) -> int:
    return len(store.query_events(**filters, children=False))


@pytest.mark.parametrize("filters", [
    {}, {"admin1": "koulikoro"}, {"since": "2021-02-10", "until": "2021-03-01"}, {"since": "2021-02-05"},
    {"until": "2021-02-08", "admin1": "Kayes"}, {"country": "ML", "since": "2021-02-04", "until": "2021-02-06"},
    {"actor": "civilians", "since": "2021-02-20"}, {"status": "automatic", "event_type": "Armed clash"},
])
def test_count_events_equals_the_events_query_events_returns(store: Store, filters: dict[str, Any]) -> None:
    store.add_events(_events(120))
    assert store.count_events(**filters) == _total(store, **filters)


@pytest.mark.parametrize(("sort", "offset"), [("-event_date", 0), ("review", 0), ("fatalities", 7), ("review", 30)])
def test_event_page_is_the_page_of_query_events_as_the_api_lists_it(store: Store, sort: str, offset: int) -> None:
    doc = make_doc("Gunmen attacked a market near Kita on Tuesday, residents said.")
    store.add_documents([doc])
    store.add_events([*_events(90), make_event("ev-with-source", doc, admin1="Kayes", event_date=date(2021, 2, 9))])
    for filters in ({}, {"admin1": "Kayes", "since": "2021-02-06", "until": "2021-02-27"}, {"country": "ML"},
                    {"status": "automatic", "event_type": "battles", "since": "2021-02-20"},
                    {"actor": "civilians", "admin1": "Sikasso"}, {"until": "2021-02-10", "merged_view": False}):
        got = store.event_page(**filters, fields=FIELDS, limit=25, offset=offset, sort=sort)
        assert got == _expected(store, limit=25, offset=offset, sort=sort, **filters)
    total, rows = store.event_page(fields=["event_id"], limit=200, sort="-event_date")
    assert total == 91 and {"event_id": "ev-with-source", "sources": 1, "evidence": 1} in rows


def test_a_large_review_queue_on_sqlite_keeps_its_order(tmp_path: Any) -> None:
    from conflictwatch.store import open_store

    with open_store(tmp_path / "cw.db") as store:
        store.add_events(_events(2400))  # over the size from which the review index is read
        for filters in ({"admin1": "Sikasso", "status": "automatic"}, {"country": "Mali"}):
            got = store.event_page(**filters, fields=FIELDS, limit=50, offset=40, sort="review")
            assert got == _expected(store, limit=50, offset=40, sort="review", **filters)
            assert got[0] >= 800


def test_event_page_refuses_a_field_events_do_not_have(store: Store) -> None:
    with pytest.raises(StoreError, match="cannot list the field 'origin_doc'"):
        store.event_page(fields=["event_id", "origin_doc"])


def test_a_kept_total_follows_writes_of_this_store_and_of_another_connection(tmp_path: Any) -> None:
    from conflictwatch.store import open_store

    with open_store(tmp_path / "cw.db") as store, open_store(tmp_path / "cw.db") as other:
        store.add_events(_events(30))
        filters = {"admin1": "Kayes", "since": "2021-02-01", "until": "2021-03-31"}
        assert store.count_events(**filters) == store.event_page(**filters, fields=["event_id"])[0] == 10
        store.add_events([make_event("ev-mine", admin1="Kayes", event_date=date(2021, 3, 2))])
        assert store.count_events(**filters) == store.event_page(**filters, fields=["event_id"])[0] == 11
        other.add_events([make_event("ev-theirs", admin1="Kayes", event_date=date(2021, 3, 3))])
        assert store.count_events(**filters) == store.event_page(**filters, fields=["event_id"])[0] == 12
        other.set_status("ev-theirs", "rejected")
        assert store.count_events(**filters) == store.event_page(**filters, fields=["event_id"])[0] == 11


@pytest.mark.parametrize("filters", [{}, {"admin1": "Sikasso", "since": "2021-02-06"}, {"actor": "civilians"},
                                     {"status": "automatic", "until": "2021-02-20", "limit": 30, "offset": 12}])
def test_iter_event_rows_streams_the_rows_event_page_lists_all_of_them_without_a_limit(
        store: Store, filters: dict[str, Any]) -> None:
    store.add_events(_events(130))
    limit, offset = filters.pop("limit", None), filters.pop("offset", 0)
    rows = list(store.iter_event_rows(**filters, fields=FIELDS, sort="-event_date", limit=limit, offset=offset,
                                      batch=16))
    total, page = store.event_page(**filters, fields=FIELDS, sort="-event_date", limit=limit or 1000, offset=offset)
    assert rows == page
    assert len(rows) == (limit if limit is not None else total)


def test_iter_events_gives_what_query_events_returns_with_sources_and_evidence(store: Store) -> None:
    doc = make_doc("Armed men burned granaries outside Nioro du Sahel overnight, a trader said.")
    store.add_documents([doc])
    store.add_events([*_events(75), make_event("ev-sourced", doc, admin1="Kayes", event_date=date(2021, 2, 4))])
    for query in ({}, {"admin1": "Kayes", "sort": "-event_date"}, {"sort": "-event_date", "limit": 20, "offset": 5}):
        assert list(store.iter_events(**query, batch=7)) == store.query_events(**query)
    (sourced,) = [e for e in store.iter_events(batch=7) if e.event_id == "ev-sourced"]
    assert len(sourced.sources) == 1 and len(sourced.evidence) == 1
