"""The monitor's polls against a real HTTP server on 127.0.0.1 whose feeds change between polls:
new items, one story on two feeds, errors, slow and oversized answers, redirects to private
addresses, malformed and huge feeds. Polls only (no extraction): see test_monitor_run.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conflictwatch.monitor import Monitor, parse_config
from conflictwatch.store import MonitorState, Store, open_store
from tests._localweb import LocalWeb, Reply, html_page, local_web, rss

STORY = ("Herders and farmers clashed over a water point near Tenenkou on Sunday morning, leaving four "
         "people dead and several huts burned, a councillor told reporters. Soldiers from the Macina camp "
         "were sent to calm the area and a meeting of village chiefs was called for the following week. "
         "Similar disputes over wells and grazing corridors have grown more frequent since the rains failed.")
OTHER = ("A convoy carrying seed and fertiliser reached Niafunke on Thursday after a two-week halt, the "
         "cooperative said, and distribution to some nine hundred households began the same afternoon.")


def _item(i: int, web: LocalWeb, **extra: str) -> dict[str, str]:
    return {"title": f"Report {i}", "link": web.url(f"a/{i}"), "guid": f"urn:test:{i}",
            "description": f"Report number {i}: {OTHER} Reference {i} of the week.",
            "pubDate": "Wed, 18 Nov 2026 09:00:00 GMT", **extra}


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with local_web() as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "cw.db")) as s:
        yield s


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _monitor(store: Store, web: LocalWeb, sources: list[dict[str, Any]], clock: Clock | None = None,
             **settings: Any) -> Monitor:
    top = {"allow_hosts": ["127.0.0.1"], "retries": 0, "backoff": 0.01, "host_interval": 0, "timeout": 2,
           **settings}
    config = parse_config({"monitor": top, "source": [
        {"follow_links": False, **s, "url": web.url(s["url"])} for s in sources]})
    return Monitor(config, store=store, clock=clock or Clock(), channels=[])


def test_new_entries_are_stored_once_and_seen_entries_are_not_read_again(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [_item(1, web), _item(2, web)])
    with _monitor(store, web, [{"name": "wire", "url": "feed"}]) as mon:
        first = mon.poll(mon.config.sources[0])
        web.routes["/feed"] = rss("Wire", [_item(3, web), _item(1, web), _item(2, web)])
        second = mon.poll(mon.config.sources[0])
    assert (first.stored, first.skipped) == (2, 0)
    assert (second.stored, second.skipped) == (1, 2)
    assert store.stats()["documents"] == 3
    keys = sorted(i.entry_key for i in MonitorState(store).all_items())
    assert keys == ["urn:test:1", "urn:test:2", "urn:test:3"]


def test_one_story_on_two_feeds_is_one_document_with_two_sources(store: Store, web: LocalWeb) -> None:
    web.routes["/one"] = rss("Sahel Wire", [{"title": "Clash at a water point", "link": web.url("one/77"),
                                              "guid": "one-77", "description": STORY}])
    web.routes["/two"] = rss("Radio Delta", [{
        "title": "Deadly clash near Tenenkou", "link": web.url("two/story?id=5&utm_source=rss"),
        "guid": "two-5", "description": "TENENKOU (Radio Delta) - " + STORY + " Follow our live coverage."}])
    with _monitor(store, web, [{"name": "one", "url": "one"}, {"name": "two", "url": "two"}]) as mon:
        a = mon.poll(mon.config.sources[0])
        b = mon.poll(mon.config.sources[1])
    assert (a.stored, b.stored, b.duplicates) == (1, 0, 1)
    [doc] = list(store.documents())
    assert sorted(MonitorState(store).document_sources(doc.id)) == [
        ("one", web.url("one/77")), ("two", web.url("two/story?id=5"))]


def test_an_entry_whose_url_another_source_gave_is_not_fetched_again(store: Store, web: LocalWeb) -> None:
    shared = {"title": "Short note", "link": web.url("a/9?utm_campaign=x"), "guid": "g-9", "description": "Brief."}
    web.routes["/a/9"] = html_page("Curfew in Tenenkou", [STORY])
    web.routes["/one"] = rss("One", [shared])
    web.routes["/two"] = rss("Two", [{**shared, "guid": "other-guid", "link": web.url("a/9")}])
    with _monitor(store, web, [{"name": "one", "url": "one", "follow_links": True},
                               {"name": "two", "url": "two", "follow_links": True}]) as mon:
        mon.poll(mon.config.sources[0])
        second = mon.poll(mon.config.sources[1])
    assert second.duplicates == 1
    assert web.hits("/a/9") == 1
    assert store.stats()["documents"] == 1


def test_the_next_poll_sends_the_stored_validators_and_reads_304_as_nothing_new(store: Store,
                                                                                web: LocalWeb) -> None:
    feed = rss("Wire", [_item(1, web)])
    feed.etag = '"v1"'
    web.routes["/feed"] = feed
    with _monitor(store, web, [{"name": "wire", "url": "feed"}]) as mon:
        mon.poll(mon.config.sources[0])
        again = mon.poll(mon.config.sources[0])
    assert again.not_modified
    assert web.requests[-1].headers["if-none-match"] == '"v1"'
    [health] = MonitorState(store).health(now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert (health.polls, health.errors, health.stored) == (2, 0, 1)


def test_a_server_error_is_recorded_in_the_source_health_and_cleared_by_a_good_poll(store: Store,
                                                                                     web: LocalWeb) -> None:
    web.routes["/feed"] = Reply(b"oops", status=500)
    with _monitor(store, web, [{"name": "wire", "url": "feed"}]) as mon:
        bad = mon.poll(mon.config.sources[0])
        [health] = MonitorState(store).health()
        web.routes["/feed"] = rss("Wire", [_item(1, web)])
        good = mon.poll(mon.config.sources[0])
    assert bad.error == f"{web.url('feed')}: HTTP 500 Internal Server Error; check the URL or retry later"
    assert (health.errors, health.last_success) == (1, None)
    assert health.last_error == bad.error
    [after] = MonitorState(store).health()
    assert (good.stored, after.errors, after.total_errors) == (1, 0, 1)


def test_a_slow_feed_times_out_and_is_reported(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = Reply(rss("Wire", [_item(1, web)]).body, content_type="application/rss+xml", delay=1.0)
    with _monitor(store, web, [{"name": "wire", "url": "feed"}], timeout=0.3) as mon:
        result = mon.poll(mon.config.sources[0])
    assert "timed out after 0.3 s" in result.error
    assert store.stats()["documents"] == 0


def test_an_oversized_feed_is_refused_at_the_size_limit(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [_item(i, web) for i in range(40)])
    with _monitor(store, web, [{"name": "wire", "url": "feed"}], max_bytes=4000) as mon:
        result = mon.poll(mon.config.sources[0])
    assert result.error == (f"{web.url('feed')}: feed is 16 KB, over the 4000 bytes limit; raise --max-bytes "
                            "to read it")
    assert store.stats()["documents"] == 0


def test_an_entry_redirecting_to_a_private_address_fails_alone(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [
        {"title": "Moved", "link": web.url("moved"), "guid": "g-moved", "description": ""},
        {"title": "Fine", "link": web.url("a/2"), "guid": "g-2", "description": STORY}])
    web.routes["/moved"] = Reply(status=302, headers={"Location": "http://10.1.2.3/admin"})
    with _monitor(store, web, [{"name": "wire", "url": "feed", "follow_links": True}]) as mon:
        result = mon.poll(mon.config.sources[0])
    assert (result.stored, result.failed) == (1, 1)
    assert result.failures == [
        (f"{web.url('feed')} entry 1 ({web.url('moved')}): the entry has no text and its page failed: "
        "redirected to http://10.1.2.3/admin: not followed: 10.1.2.3 is a private address, "
        "not fetched unless allowed; allow it with --allow-host 10.1.2.3 (or allow_hosts in the source's "
        "settings) if this source is meant to be internal")]
    assert "/admin" not in web.paths()


def test_a_malformed_feed_is_reported_and_nothing_stored(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = Reply(b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><<<</channel>", content_type="application/rss+xml")
    with _monitor(store, web, [{"name": "wire", "url": "feed"}]) as mon:
        result = mon.poll(mon.config.sources[0])
    assert result.error.startswith(f"{web.url('feed')}: could not parse the feed")
    assert MonitorState(store).health()[0].errors == 1


def test_a_feed_of_ten_thousand_items_is_read_to_its_budget(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [_item(i, web) for i in range(10_000)])
    with _monitor(store, web, [{"name": "wire", "url": "feed"}], max_items=25) as mon:
        result = mon.poll(mon.config.sources[0])
    assert result.stored == 25
    assert result.notes == [("the feed has 10,000 entries, over its budget of 25: read the first 25 and left "
                            "the rest unread; raise --max-items to read more")]
    assert web.paths() == ["/feed"]


def test_a_failed_entry_is_tried_on_the_next_polls_then_left_failed(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [{"title": "Gone", "link": web.url("gone"), "guid": "g", "description": ""}])
    with _monitor(store, web, [{"name": "wire", "url": "feed", "follow_links": True}]) as mon:
        results = [mon.poll(mon.config.sources[0]) for _ in range(4)]
    assert [r.failed for r in results] == [1, 1, 1, 0]
    assert results[3].skipped == 1
    [item] = MonitorState(store).all_items()
    assert (item.status, item.attempts) == ("failed", 3)


def test_a_listing_page_gives_its_matching_article_links(store: Store, web: LocalWeb) -> None:
    web.routes["/news"] = Reply(
        b"<html><body><a href='/news/clash-tenenkou'>Clash</a> <a href='/about'>About</a>"
        b"<a href='/news/clash-tenenkou#top'>again</a> <a href='http://other.example/news/x'>x</a></body></html>")
    web.routes["/news/clash-tenenkou"] = html_page("Clash at a water point", [STORY], published="2026-11-16")
    with _monitor(store, web, [{"name": "site", "url": "news", "kind": "listing", "pattern": "/news/"}]) as mon:
        result = mon.poll(mon.config.sources[0])
        again = mon.poll(mon.config.sources[0])
    assert (result.stored, again.skipped) == (1, 1)
    [doc] = list(store.documents())
    assert doc.url == web.url("news/clash-tenenkou")
    assert web.hits("/news/clash-tenenkou") == 1


def test_a_source_is_due_again_after_its_interval(store: Store, web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Wire", [_item(1, web)])
    clock = Clock()
    with _monitor(store, web, [{"name": "wire", "url": "feed", "every": "10m"}], clock=clock) as mon:
        assert [s.name for s in mon.due()] == ["wire"]
        mon.poll(mon.config.sources[0])
        clock.now += timedelta(minutes=9)
        assert mon.due() == []
        clock.now += timedelta(minutes=1)
        assert [s.name for s in mon.due()] == ["wire"]
