"""One JSON error shape for every route: {"error": {"status": N, "message": "..."}}, with a message
that says what failed and what to send instead, and never a traceback."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from tests.web.conftest import Site, TestClient

#: (method, url, JSON body or None, expected status, words the message must contain).
#: Every route of the app appears here at least once (checked below).
CASES: list[tuple[str, str, Any, int, str]] = [
    ("GET", "/api/events?since=yesterday", None, 400, "YYYY-MM-DD"),
    ("GET", "/api/events?until=2025-13-01", None, 400, "until="),
    ("GET", "/api/events?status=approved", None, 400, "automatic, reviewed, rejected"),
    ("GET", "/api/events?limit=0", None, 400, "whole number from 1 to 1000"),
    ("GET", "/api/events?limit=ten", None, 400, "whole number from 1 to 1000"),
    ("GET", "/api/events?limit=99999999999999999999", None, 400, "whole number from 1 to 1000"),
    ("GET", "/api/events?limit=%C2%B2", None, 400, "whole number from 1 to 1000"),
    ("GET", "/api/events?offset=-1", None, 400, "whole number from 0"),
    ("GET", "/api/events?country=Atlantis", None, 400, "holds events in Burkina Faso, Mali"),
    ("GET", "/api/events?admin1=Narnia", None, 400, "Bamako, Mopti, Sahel, Segou, Tombouctou"),
    ("GET", "/api/events?type=Skirmish", None, 400, "Battles, Explosions/Remote violence"),
    ("GET", "/api/events?sort=colour", None, 400, "-event_date"),
    ("GET", "/api/events?fields=mood", None, 400, "unknown field 'mood'"),
    ("GET", "/api/events?format=xml", None, 400, "json, csv, geojson"),
    ("GET", "/api/events?since=2025-07-01&until=2025-06-01", None, 400, "swap them"),
    ("GET", "/api/events?since=0001-01-01", None, 400, "between the years 1000 and 2999"),
    ("GET", "/api/events?actor=" + "x" * 50_000, None, 400, "at most 200"),
    ("GET", "/api/events?status=reviewed&status=rejected", None, 400, "give it once"),
    ("GET", "/api/events/ev-boni/history?x=1", None, 400, "no parameters"),
    ("GET", "/api/history?format=xml", None, 400, "json, jsonl, csv"),
    ("GET", "/api/conflicts?status=closed", None, 400, "open, all"),
    ("POST", "/api/events/ev-boni/corrections", {"changes": {"latitude": 123}}, 400, "must lie in -90..90"),
    ("POST", "/api/events/ev-boni/corrections", {"changes": {}}, 400, "FIELD: VALUE"),
    ("POST", "/api/events/ev-boni/corrections", {"changes": {"colour": "red"}}, 400, "'colour' cannot be edited"),
    ("POST", "/api/events/ev-nowhere/corrections", {"changes": {"fatalities": 1}}, 404, "no event 'ev-nowhere'"),
    ("POST", "/api/events/ev-boni/split", {"event_ids": "ev-boni"}, 400, "list of at most 200"),
    ("POST", "/api/merge", {"event_ids": ["ev-boni"]}, 400, "at least two"),
    ("POST", "/api/conflicts/12/resolve", {"take": True}, 404, "no conflict 12"),
    ("POST", "/api/conflicts/12/resolve", {"take": "yes"}, 400, "{\"take\": true}"),
    ("GET", "/api/whoami?x=1", None, 400, "no parameters"),
    ("GET", "/api/openapi.json?x=1", None, 400, "no parameters"),
    ("GET", "/api/alerts?as_of=0001-01-01", None, 400, "between the years 1000 and 2999"),
    ("GET", "/api/events?colour=red", None, 400, "unknown query parameter 'colour'"),
    ("GET", "/api/events/ev-nowhere", None, 404, "no event 'ev-nowhere'"),
    ("GET", "/api/events/ev-boni?verbose=1", None, 400, "no parameters"),
    ("POST", "/api/events/ev-nowhere/review", {"status": "reviewed"}, 404, "no event 'ev-nowhere'"),
    ("POST", "/api/events/ev-boni/review", {"status": "approved"}, 400, "automatic, reviewed, rejected"),
    ("POST", "/api/events/ev-boni/review", {"status": "reviewed", "by": "me"}, 400, "unknown key 'by'"),
    ("POST", "/api/events/ev-boni/review", {}, 400, "{\"status\": S}"),
    ("POST", "/api/events/ev-boni/review", "[" * 100_000, 413, "over 64 KiB"),
    ("POST", "/api/events/ev-boni/review", "[" * 30_000, 400, "deeper than 16 levels"),
    ("POST", "/api/events/ev-boni/review", ["reviewed"], 400, "JSON object"),
    ("POST", "/api/events/ev-boni/review", "not json", 400, "not valid JSON"),
    ("POST", "/api/events/ev-boni/review", "form", 415, "Content-Type: application/json"),
    ("GET", "/api/trends?period=year", None, 400, "week, month"),
    ("GET", "/api/trends?by=mood", None, 400, "cannot group by mood"),
    ("GET", "/api/trends?since=June", None, 400, "YYYY-MM-DD"),
    ("GET", "/api/alerts?as_of=last-week", None, 400, "as_of="),
    ("GET", "/api/alerts?admin1=Mopti", None, 400, "as_of, country"),
    ("GET", "/api/offensives?until=soon", None, 400, "until="),
    ("GET", "/api/stats?x=1", None, 400, "no parameters"),
    ("GET", "/api/sources?stale_hours=soon", None, 400, "whole number from 1 to 2160"),
    ("GET", "/api/meta?x=1", None, 400, "no parameters"),
    ("GET", "/api/boundaries?detail=high", None, 400, "no parameters"),
    ("GET", "/api/nothing-here", None, 404, "no such route"),
    ("GET", "/static/missing.js", None, 404, "no such route"),
    ("DELETE", "/", None, 405, "method not allowed"),
    ("POST", "/static/dashboard.js", None, 405, "method not allowed"),
    ("POST", "/static/dashboard.css", None, 405, "method not allowed"),
    *[("POST", f"/static/vendor/{name}", None, 405, "method not allowed")
      for name in ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css", "LICENSES.txt")],
]


def send(client: TestClient, method: str, url: str, body: Any):
    if body == "form":
        return client.request(method, url, data={"status": "reviewed"})
    if isinstance(body, str):
        return client.request(method, url, content=body, headers={"Content-Type": "application/json"})
    return client.request(method, url, json=body)


def assert_error_shape(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    message = body["error"]["message"]
    assert isinstance(message, str) and len(message) > 20
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]


@pytest.mark.parametrize(("method", "url", "body", "status", "words"), CASES,
                         ids=[f"{m} {u} {s}" for m, u, _, s, _ in CASES])
def test_errors_share_one_json_shape(client: TestClient, method: str, url: str, body: Any, status: int,
                                     words: str) -> None:
    error = assert_error_shape(send(client, method, url, body), status)
    assert words in error["message"]


def _routes(app: Starlette) -> list[Route]:
    return [r for r in app.routes if isinstance(r, Route)]


def test_every_route_has_an_error_case(app: Starlette) -> None:
    covered = {r.path for r in _routes(app)
               if any(re.fullmatch(r.path_regex, url.split("?")[0]) for _, url, _, _, _ in CASES)}
    assert covered == {r.path for r in _routes(app)}


def test_wrong_method_on_every_route_is_405_with_allow(client: TestClient, app: Starlette) -> None:
    for route in _routes(app):
        path = route.path.replace("{event_id}", "ev-boni").replace("{conflict_id}", "1")
        wrong = "PUT"
        assert wrong not in (route.methods or set())
        response = client.request(wrong, path)
        assert_error_shape(response, 405)
        assert set(response.headers["allow"].split(", ")) == route.methods


def test_unknown_event_id_with_odd_characters_is_404(client: TestClient) -> None:
    error = assert_error_shape(client.get("/api/events/%3Cscript%3E"), 404)
    assert "<script>" in error["message"]  # JSON, not HTML: the client decides how to show it


def test_database_failure_is_503_without_the_databases_address(client: TestClient, site: Site) -> None:
    with sqlite3.connect(site.db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE offensive_events")
    conn.close()
    response = client.get("/api/offensives")
    error = assert_error_shape(response, 503)
    assert "the database failed while answering GET /api/offensives" in error["message"]
    assert str(site.db) not in response.text and str(site.db.parent) not in response.text


def test_unreadable_event_table_is_500_not_an_unknown_event(client: TestClient, site: Site) -> None:
    with sqlite3.connect(site.db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ALTER TABLE events RENAME TO events_gone")
    conn.close()
    error = assert_error_shape(client.get("/api/events/ev-boni"), 503)
    assert "the database failed" in error["message"]
    assert_error_shape(client.post("/api/events/ev-boni/review", json={"status": "reviewed"}), 503)


def test_unexpected_failure_is_500_without_traceback(client: TestClient, app: Starlette,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> dict[str, int]:
        raise ZeroDivisionError("division by zero in a bug")

    monkeypatch.setattr(app.state.store, "stats", broken)
    error = assert_error_shape(client.get("/api/stats"), 500)
    assert "GET /api/stats" in error["message"]
    assert "ZeroDivisionError" in error["message"]
    assert "division by zero in a bug" not in error["message"]


def test_a_loopback_server_refuses_other_host_names_in_the_json_error_shape(site: Site) -> None:
    from conflictwatch.web import create_app

    app = create_app(db=str(site.db), data_dir=site.home, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://rebound.example") as client:
        refused = client.get("/api/stats")
    assert refused.status_code == 400
    assert refused.json()["error"]["status"] == 400
    assert "host 'rebound.example' is not served here" in refused.json()["error"]["message"]
    with TestClient(app, base_url="http://localhost:8000") as client:
        assert client.get("/api/stats").status_code == 200
