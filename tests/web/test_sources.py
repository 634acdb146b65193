"""GET /api/sources on a real uvicorn server on 127.0.0.1 over a real SQLite store: the monitor's
sources with their health state (ok, failing, stale), last success and error and items per day,
as `conflictwatch sources` computes them, written here through the monitor's own state methods."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from conflictwatch.store import MonitorState, open_store
from conflictwatch.web import create_app
from tests.web.conftest import Site, serving

HOUR = timedelta(hours=1)
REFUSED = "https://radio.example.net/fr/rss: HTTP 502 Bad Gateway"


def record_sources(db: Path, now: datetime) -> None:
    """Three sources: "agency" polled 90 minutes ago with a week of entries, "radio" whose last poll
    failed twice after a success, "weekly" whose last success was three days ago."""
    with open_store(db) as store:
        state = MonitorState(store)
        state.poll_succeeded("agency", "https://agency.example.com/feed.xml", at=now - 1.5 * HOUR, etag='"v3"',
                             last_modified="")
        for n in range(14):  # two entries a day for a week; one failed entry, not counted
            state.record_item("agency", f"guid-{n}", url=f"https://agency.example.com/a/{n}",
                              at=now - timedelta(hours=12 * n + 2), status="stored")
        state.record_item("agency", "guid-bad", url="https://agency.example.com/a/bad", at=now - 2 * HOUR,
                          status="failed", message="HTTP 404")
        state.poll_succeeded("radio", "https://radio.example.net/fr/rss", at=now - 5 * HOUR, etag="",
                             last_modified="")
        for hours in (3, 1):
            state.poll_failed("radio", "https://radio.example.net/fr/rss", at=now - hours * HOUR, message=REFUSED)
        state.poll_succeeded("weekly", "https://weekly.example.org/listing", at=now - timedelta(days=3),
                             etag="", last_modified="")


@pytest.fixture
def api(site: Site) -> Iterator[httpx.Client]:
    """An anonymous client (no token: reading needs none) of a live server over the site's store."""
    with serving(create_app(db=str(site.db), data_dir=site.home, read_only=True)) as url, \
            httpx.Client(base_url=url) as client:
        yield client


def test_sources_lists_each_source_with_its_health_state_by_name(site: Site, api: httpx.Client) -> None:
    record_sources(site.db, datetime.now(UTC))
    response = api.get("/api/sources")
    assert response.status_code == 200, response.text
    got = response.json()
    assert (got["total"], got["stale_hours"]) == (3, 24)
    assert [(s["name"], s["state"]) for s in got["sources"]] == [
        ("agency", "ok"), ("radio", "failing"), ("weekly", "stale")]
    agency, radio, _ = got["sources"]
    assert (agency["items_24h"], agency["items_per_day_7d"]) == (2, 2.0)
    assert (agency["stored"], agency["duplicates"], agency["failed"]) == (None, None, None)  # the CLI's: a long scan
    assert (agency["last_error"], agency["errors"]) == ("", 0)
    assert (radio["last_error"], radio["errors"], radio["total_errors"]) == (REFUSED, 2, 2)
    assert radio["last_success"] is not None and radio["last_success"] < radio["last_error_at"]


def test_sources_answers_what_the_cli_library_function_computes_but_the_all_time_counts(
        site: Site, api: httpx.Client) -> None:
    from conflictwatch.monitor import source_health

    record_sources(site.db, datetime.now(UTC))
    totals = ("stored", "duplicates", "failed")
    expected = [{**r.to_dict(), **dict.fromkeys(totals)} for r in source_health(db=str(site.db))]
    assert api.get("/api/sources").json()["sources"] == expected


def test_stale_hours_sets_how_old_a_last_success_may_be(site: Site, api: httpx.Client) -> None:
    record_sources(site.db, datetime.now(UTC))
    lenient = api.get("/api/sources", params={"stale_hours": 96}).json()
    assert [s["state"] for s in lenient["sources"]] == ["ok", "failing", "ok"] and lenient["stale_hours"] == 96
    strict = api.get("/api/sources", params={"stale_hours": 1}).json()
    assert [s["state"] for s in strict["sources"]] == ["stale", "failing", "stale"]


def test_limit_bounds_the_list_and_total_counts_every_source(site: Site, api: httpx.Client) -> None:
    record_sources(site.db, datetime.now(UTC))
    got = api.get("/api/sources", params={"limit": 2}).json()
    assert [s["name"] for s in got["sources"]] == ["agency", "radio"] and got["total"] == 3
    assert got["sources"][0]["items_24h"] == 2  # the counts of a listed source are whole


def test_a_database_no_monitor_used_has_no_sources(api: httpx.Client) -> None:
    got = api.get("/api/sources").json()
    assert (got["sources"], got["total"]) == ([], 0)


@pytest.mark.parametrize(("query", "words"), [
    ("stale_hours=0", "stale_hours='0' is not a whole number from 1 to 2160"),
    ("stale_hours=1e3", "stale_hours='1e3' is not a whole number from 1 to 2160"),
    ("stale_hours=99999999999999", "from 1 to 2160"),
    ("limit=-4", "limit='-4' is not a whole number from 1 to 1000"),
    ("limit=5000", "from 1 to 1000"),
    ("since=2026-01-01", "unknown query parameter 'since': this route takes limit, stale_hours"),
    ("limit=1&limit=2", "limit is given 2 times"),
])
def test_a_bad_query_value_is_a_400_that_says_what_to_send(api: httpx.Client, query: str, words: str) -> None:
    response = api.get("/api/sources?" + query)
    assert response.status_code == 400, response.text
    assert words in response.json()["error"]["message"]


def test_sources_are_described_in_the_openapi_document(api: httpx.Client) -> None:
    doc = api.get("/api/openapi.json").json()
    op = doc["paths"]["/api/sources"]["get"]
    assert {p["name"] for p in op["parameters"]} == {"stale_hours", "limit"}
    assert "security" not in op
    health = doc["components"]["schemas"]["SourceHealth"]
    assert health["properties"]["state"]["enum"] == ["ok", "failing", "stale"]
