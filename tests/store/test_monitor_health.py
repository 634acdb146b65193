"""``MonitorState.health``: each source's state (ok, failing, stale), its items per day and a
limit on the sources listed, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conflictwatch.store import MonitorState, Store

NOW = datetime(2026, 3, 14, 12, tzinfo=UTC)


def test_a_source_is_failing_after_a_failed_poll_and_ok_again_after_a_good_one(store: Store) -> None:
    state = MonitorState(store)
    url = "https://bulletin.example.org/rss"
    state.poll_succeeded("bulletin", url, at=NOW - timedelta(hours=2), etag="", last_modified="")
    state.poll_failed("bulletin", url, at=NOW - timedelta(hours=1), message=f"{url}: timed out after 20 s")
    [failing] = state.health(now=NOW)
    assert (failing.state, failing.errors, failing.last_error) == ("failing", 1, f"{url}: timed out after 20 s")
    state.poll_succeeded("bulletin", url, at=NOW, etag="", last_modified="")
    [ok] = state.health(now=NOW)
    assert (ok.state, ok.errors, ok.total_errors) == ("ok", 0, 1)


def test_a_source_without_a_success_for_stale_after_is_stale(store: Store) -> None:
    state = MonitorState(store)
    state.poll_succeeded("digest", "https://digest.example.org/", at=NOW - timedelta(hours=30), etag="",
                         last_modified="")
    assert state.health(now=NOW)[0].state == "stale"
    assert state.health(now=NOW, stale_after=timedelta(hours=36))[0].state == "ok"


def test_health_lists_the_first_sources_by_name_up_to_the_limit_with_their_whole_counts(store: Store) -> None:
    state = MonitorState(store)
    for name in ("zeta", "alpha", "mid"):
        state.poll_succeeded(name, f"https://{name}.example.org/feed", at=NOW, etag="", last_modified="")
        for n in range(3):
            state.record_item(name, f"{name}-{n}", url=f"https://{name}.example.org/{n}",
                              at=NOW - timedelta(days=2 * n), status="stored")
    rows = state.health(now=NOW, limit=2)
    assert [(r.name, r.stored, r.items_24h, r.items_per_day_7d) for r in rows] == [
        ("alpha", 3, 1, 0.4), ("mid", 3, 1, 0.4)]
    assert state.source_count() == 3


def test_health_without_totals_leaves_the_all_time_counts_out(store: Store) -> None:
    state = MonitorState(store)
    state.poll_succeeded("almanac", "https://almanac.example.org/feed", at=NOW, etag="", last_modified="")
    state.record_item("almanac", "a-1", url="https://almanac.example.org/1", at=NOW, status="stored")
    [row] = state.health(now=NOW, totals=False)
    assert (row.stored, row.duplicates, row.failed, row.items_24h) == (None, None, None, 1)
