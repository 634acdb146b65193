"""The Starlette application: the JSON API over the store and the dashboard page.

The API is described as OpenAPI 3.1 at ``GET /api/openapi.json`` (built in :mod:`._openapi`);
in short (filters are query parameters; blank values count as absent; unknown names are a 400):

Reading (open to anyone who can reach the server):

* ``GET /api/events`` -- a page of events in the merged view (cluster events stand for their
  members; rejected events hidden unless ``status=rejected``):
  ``{"total", "offset", "limit", "sort", "next_offset", "events": [...]}``, compact events (no
  evidence, sources or notes: counts instead). Filters ``since``, ``until`` (YYYY-MM-DD),
  ``country`` (name or ISO-2), ``admin1``, ``type`` (event or sub-event type), ``actor``
  (substring), ``status``; ``sort`` (default ``-event_date``, newest first; ``review`` is the
  review queue: lowest confidence, then most fatalities); ``offset``, ``limit`` (1-1000, default
  100); ``fields`` (comma-separated event fields). ``format=csv`` (ACLED columns) or
  ``format=geojson`` (or ``Accept: text/csv`` / ``application/geo+json``) downloads every event of
  the filter instead (up to :data:`MAX_EXPORT`).
* ``GET /api/events/{id}`` -- one event (any status) with sources, evidence (each with ``marks``:
  the words behind the field), ``documents`` (the reports behind it, with their text),
  ``merge_links``, ``history`` and open ``conflicts``.
* ``GET /api/events/{id}/history``, ``GET /api/history`` (every change; ``format=csv|jsonl``),
  ``GET /api/conflicts`` (``status=open|all``).
* ``GET /api/sources`` -- the monitor's sources and their health (``state`` ok, failing or
  stale, last poll, success and error, items per day; the all-time counts are null: they are
  the CLI's): ``{"as_of", "stale_hours", "total", "sources": [...]}``; ``stale_hours`` (1-2160,
  default 24), ``limit`` (1-1000, default 100).
* ``GET /api/trends``, ``GET /api/alerts``, ``GET /api/offensives``, ``GET /api/stats``,
  ``GET /api/meta``, ``GET /api/boundaries``, ``GET /api/openapi.json``, ``GET /`` (the dashboard).

Writing (``Authorization: Bearer TOKEN``, a token from ``conflictwatch token create NAME``; the
change is recorded under that analyst; refused in read-only mode):

* ``POST /api/events/{id}/review`` -- ``{"status"?, "note"?, "reason"?}``
* ``POST /api/events/{id}/corrections`` -- ``{"changes": {field: value, ...}, "reason"?}``
* ``POST /api/events/{id}/split`` -- ``{"event_ids"?: [...], "reason"?}`` (a merged event)
* ``POST /api/merge`` -- ``{"event_ids": [...], "reason"?}``
* ``POST /api/conflicts/{id}/resolve`` -- ``{"take": true|false, "reason"?}``
* ``GET /api/whoami`` -- the analyst a token belongs to.

Every error, whatever the route, is answered as ``{"error": {"status": N, "message": "..."}}``:
400 for malformed filters or bodies, 401 without a valid token, 403 in read-only mode, 404 for
unknown events and routes, 405 for wrong methods, 413 for bodies over 64 KiB, 415 for a body that
is not JSON, 500/503 for failures (a message without the database's address or the machine's
paths, never a traceback). A server error does not drop a keep-alive connection.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictwatch import config
from conflictwatch.errors import ConfigError, ConflictwatchError, NotFound, StoreError
from conflictwatch.merge import split_merge
from conflictwatch.records import EVENT_TYPES, Event, MergeLink, Offensive
from conflictwatch.report import TYPE_COLOURS, installed_boundaries, load_boundaries
from conflictwatch.store import (
    EDITABLE_FIELDS,
    SORTS,
    STALE_AFTER,
    STATUSES,
    DatabaseError,
    MonitorState,
    Store,
    open_store,
)
from conflictwatch.store.export import export_events
from conflictwatch.watch import (
    ALERT_COUNT_FIELDS,
    ALERT_HISTORY,
    ALERT_RECENT,
    COUNTED_FIELDS,
    GROUP_FIELDS,
    Period,
    acled_week_start,
    alerts,
    trends,
    trends_from_counts,
)
from conflictwatch.web._geojson import boundaries_geojson
from conflictwatch.web._highlight import marks
from conflictwatch.web._openapi import openapi
from conflictwatch.web._params import (
    EVENT_FILTERS,
    MAX_BODY,
    MAX_OFFSET,
    MAX_PAGE,
    Params,
    bad_request,
    read_json,
)

__all__ = ["LIST_FIELDS", "MAX_EXPORT", "MAX_SCAN", "MAX_SOURCES", "create_app"]

log = logging.getLogger("conflictwatch.web")

#: The fields of an event in list responses (the detail endpoint has them all).
LIST_FIELDS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_unknown",
    "confidence", "status", "offensive_id", "cluster_id", "claimed_by",
)
_ALL_FIELDS = tuple(f.name for f in dataclasses.fields(Event) if f.name not in ("sources", "evidence")) + ("year",)
#: The most events one CSV/GeoJSON download holds (more: narrow the filter or use the CLI's export).
MAX_EXPORT = 100_000
#: The most events /api/trends and /api/alerts read for one answer (more: narrow the filter).
MAX_SCAN = 300_000
#: The most report text an event detail carries per document.
MAX_REPORT_TEXT = 200_000
#: The most sources /api/sources lists, and the longest staleness threshold it takes (90 days).
MAX_SOURCES = 1000
MAX_STALE_HOURS = 24 * 90
#: How long the lists of stored countries and admin-1 areas (for checking filters) are reused.
KNOWN_TTL = 30.0

_STATIC: dict[str, str] = {
    "dashboard.js": "text/javascript; charset=utf-8",
    "dashboard.css": "text/css; charset=utf-8",
    "vendor/leaflet.js": "text/javascript; charset=utf-8",
    "vendor/leaflet.css": "text/css; charset=utf-8",
    "vendor/leaflet.markercluster.js": "text/javascript; charset=utf-8",
    "vendor/MarkerCluster.css": "text/css; charset=utf-8",
    "vendor/LICENSES.txt": "text/plain; charset=utf-8",
}


def _page_headers(tiles: str | None) -> dict[str, str]:
    """Security headers of the dashboard page; the tile server, if configured, is the only other origin."""
    tile_origin = ""
    if tiles:
        parts = urlsplit(tiles)
        tile_origin = f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return {
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                   f"img-src 'self' data:{tile_origin}; connect-src 'self'; base-uri 'none'; "
                                   "form-action 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


_DEFAULT_MESSAGES = {
    404: "no such route: the API lives under /api (GET /api/openapi.json describes it) and the dashboard at /.",
    405: "method not allowed on this route: see the Allow header for the ones it takes.",
}


def _reason(status: int) -> str:
    return HTTPStatus(status).phrase


class _Scrub:
    """Takes the database's address and the machine's paths out of messages sent to clients."""

    def __init__(self, store: Store, data_dir: Path) -> None:
        self.secrets = sorted({store.url, store.safe_url, os.fspath(data_dir), str(Path.home())} - {"", "/"},
                              key=len, reverse=True)

    def __call__(self, message: str) -> str:
        for secret in self.secrets:
            message = message.replace(secret, "the server's data directory" if secret.startswith("/") else
                                      "the database")
        return message


class _Api:
    """The route handlers, sharing one store and the data directory."""

    def __init__(self, store: Store, data_dir: Path, *, read_only: bool, tiles: str | None) -> None:
        self.store = store
        self.data_dir = data_dir
        self.read_only = read_only
        self.tiles = tiles
        self.scrub = _Scrub(store, data_dir)
        self._boundaries: tuple[tuple[str, float], dict[str, Any]] | None = None
        self._known: dict[str, tuple[float, list[str]]] = {}
        self._exists: dict[tuple[str, str], float] = {}

    # -- helpers ------------------------------------------------------------------------------

    def known(self, column: str) -> list[str]:
        """The stored values of ``country`` or ``admin1`` (cached for :data:`KNOWN_TTL` seconds)."""
        hit = self._known.get(column)
        if hit is None or time.monotonic() - hit[0] > KNOWN_TTL:
            hit = (time.monotonic(), self.store.distinct_values(column))
            self._known[column] = hit
        return hit[1]

    def exists(self, column: str, value: str) -> bool:
        """Whether the store holds ``value`` in ``column`` (a yes is reused for :data:`KNOWN_TTL` seconds)."""
        key = (column, value.strip().casefold())
        seen = self._exists.get(key)
        if seen is not None and time.monotonic() - seen <= KNOWN_TTL:
            return True
        if not self.store.has_value(column, value):
            return False
        if len(self._exists) > 1000:
            self._exists.clear()
        self._exists[key] = time.monotonic()
        return True

    def params(self, request: Request, allowed: Sequence[str]) -> Params:
        return Params(request.query_params, allowed, known=self.known, exists=self.exists)

    def event_or_404(self, event_id: str) -> Event:
        try:
            return self.store.event(event_id)
        except NotFound:
            raise HTTPException(status_code=404, detail=f"no event {event_id[:80]!r}: list events with "
                                "GET /api/events.") from None

    def writer(self, request: Request) -> str:
        """The analyst a write is made by (from the bearer token); 401/403 otherwise."""
        if self.read_only:
            raise HTTPException(status_code=403, detail="this server is read-only (conflictwatch serve --read-only): "
                                "changes are made on the analysts' own server.")
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        analyst = self.store.analyst_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if analyst is None:
            raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"},
                                detail="a change needs an analyst token: send 'Authorization: Bearer TOKEN' with "
                                       "a token from `conflictwatch token create NAME`"
                                       + (" (this one is unknown or revoked)." if header else "."))
        return analyst

    def detail(self, event: Event) -> dict[str, Any]:
        """An event with its sources and evidence (with the words behind each field), the stored
        reports behind it (with their text), its merge links, history and open conflicts."""
        out = event.to_dict()
        out["evidence"] = [{**x.to_dict(), "marks": marks(event, x)} for x in event.evidence]
        cluster = event.cluster_id or event.event_id
        out["merge_links"] = [_link(link) for link in self.store.merge_links(cluster)]
        members = {link["event_id"] for link in out["merge_links"]} - {event.event_id}
        evidence_docs = {x.doc_id for x in event.evidence}
        doc_ids = {*event.doc_ids, *(s.doc_id for s in event.sources), *evidence_docs} - {""}
        out["documents"] = []
        for d in self.store.documents(ids=doc_ids):
            text = d.text[:MAX_REPORT_TEXT]
            out["documents"].append({
                "id": d.id, "key": d.key, "title": d.title, "url": d.url, "outlet": d.outlet,
                "language": d.language, "published": d.published.isoformat() if d.published else None,
                "text": text, "truncated": len(d.text) > len(text)})
        out["members"] = sorted(members) if event.event_id.startswith("cl-") else []
        out["history"] = [c.to_dict() for c in self.store.history(event.event_id)]
        out["conflicts"] = [c.to_dict() for c in self.store.conflicts(event_id=event.event_id)]
        return out

    # -- reading ------------------------------------------------------------------------------

    def events(self, request: Request) -> Response:
        params = self.params(request, [*EVENT_FILTERS, "limit", "offset", "sort", "fields", "format"])
        filters = params.event_filters()
        sort = params.sort()
        accept = request.headers.get("accept", "")
        fmt = params.choice("format", ("json", "csv", "geojson")) or (
            "csv" if "text/csv" in accept else "geojson" if "application/geo+json" in accept else "json")
        if fmt != "json":
            return self._download(filters, sort, fmt)
        limit = params.number("limit", lo=1, hi=MAX_PAGE, default=100) or 100
        offset = params.number("offset", lo=0, hi=MAX_OFFSET, default=0) or 0
        fields = params.texts("fields") or list(LIST_FIELDS)
        unknown = [f for f in fields if f not in _ALL_FIELDS]
        if unknown:
            raise bad_request(f"unknown field {', '.join(map(repr, unknown))}: choose from {', '.join(_ALL_FIELDS)} "
                              "(sources and evidence are on GET /api/events/{id}).")
        if "event_id" not in fields:
            fields.insert(0, "event_id")
        total, rows = self.store.event_page(**filters, fields=fields, limit=limit, offset=offset, sort=sort)
        nxt = offset + len(rows) if offset + len(rows) < total else None
        return JSONResponse({"total": total, "offset": offset, "limit": limit, "sort": sort,
                             "next_offset": nxt, "events": rows})

    def _download(self, filters: dict[str, Any], sort: str, fmt: str) -> Response:
        total = self.store.count_events(**filters)
        if total > MAX_EXPORT:
            raise bad_request(f"{total} events match: a download holds at most {MAX_EXPORT}. Narrow the filter "
                              "(dates, country, admin1), or use `conflictwatch export` on the server.")
        found = self.store.query_events(**filters, sort=sort, children=fmt == "geojson")
        buffer = io.StringIO()
        export_events(found, buffer, "acled-csv" if fmt == "csv" else "geojson")
        name = "conflictwatch-events." + ("csv" if fmt == "csv" else "geojson")
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/geo+json"
        return Response(buffer.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Total-Count": str(total)})

    def event(self, request: Request) -> Response:
        self.params(request, ())
        return JSONResponse(self.detail(self.event_or_404(request.path_params["event_id"])))

    def event_history(self, request: Request) -> Response:
        self.params(request, ())
        event_id = request.path_params["event_id"]
        self.event_or_404(event_id)
        return JSONResponse([c.to_dict() for c in self.store.history(event_id)])

    def history(self, request: Request) -> Response:
        params = self.params(request, ["format", "limit"])
        fmt = params.choice("format", ("json", "jsonl", "csv"), "json")
        limit = params.number("limit", lo=1, hi=MAX_EXPORT, default=MAX_EXPORT)
        rows = [c.to_dict() for c in self.store.history(limit=limit)]
        if fmt == "json":
            return JSONResponse(rows)
        if fmt == "jsonl":
            return Response("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                            media_type="application/jsonl; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="conflictwatch-history.jsonl"'})
        buffer = io.StringIO()
        columns = ["id", "created", "event_id", "kind", "field", "before", "after", "analyst", "origin", "reason"]
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(r[k], ensure_ascii=False) if k in ("before", "after") else r[k]
                             for k in columns})
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="conflictwatch-history.csv"'})

    def conflicts(self, request: Request) -> Response:
        params = self.params(request, ["status", "event_id"])
        which = params.choice("status", ("open", "all"), "open")
        found = self.store.conflicts(event_id=params.text("event_id"), open_only=which == "open")
        return JSONResponse([c.to_dict() for c in found[:MAX_PAGE]])

    def _scan(self, filters: dict[str, Any]) -> list[Event]:
        total = self.store.count_events(**filters)
        if total > MAX_SCAN:
            raise bad_request(f"{total} events match: this summary reads at most {MAX_SCAN}. Narrow the filter "
                              "(a country, an admin-1 area or a date range).")
        return self.store.query_events(**filters, children=False)

    def trends(self, request: Request) -> Response:
        params = self.params(request, [*EVENT_FILTERS, "period", "by"])
        period = params.choice("period", ("week", "month"), "week") or "week"
        by = params.texts("by")
        unknown = [f for f in by if f not in GROUP_FIELDS]
        if unknown:
            raise bad_request(f"cannot group by {', '.join(u[:40] for u in unknown)}: use one of {', '.join(GROUP_FIELDS)}.")
        filters = params.event_filters()
        if period == "week" and not filters["actor"] and all(f in COUNTED_FIELDS for f in by):
            filters.pop("actor")  # the store's weekly counts: no scan of the events
            rows = trends_from_counts(self.store.weekly_counts(by=by, **filters), by=by)
        else:
            rows = trends(self._scan(filters), period=cast(Period, period), by=by)
        return JSONResponse([row.to_dict() for row in rows])

    def alerts(self, request: Request) -> Response:
        params = self.params(request, ["as_of", "country"])
        day = params.day("as_of")
        country = params.event_filters()["country"]
        if day is None:
            latest = self.store.query_events(country=country, limit=1, sort="-event_date", children=False)
            if not latest:
                return JSONResponse({"as_of": None, "alerts": []})
            day = latest[0].event_date
        counts = self.store.weekly_counts(by=ALERT_COUNT_FIELDS, country=country, until=day,
                                         since=day - ALERT_HISTORY)
        found = self._scan({"country": country, "until": day, "since": acled_week_start(day) - ALERT_RECENT})
        known = self.store.offensives(since=day - timedelta(days=7), until=day)
        raised = alerts(found, as_of=day, country=country, offensives=known or None, counts=counts)
        return JSONResponse({"as_of": day.isoformat(), "alerts": [a.to_dict() for a in raised]})

    def offensives(self, request: Request) -> Response:
        params = self.params(request, ["since", "until"])
        found = self.store.offensives(since=params.day("since"), until=params.day("until"))
        return JSONResponse([_offensive(o) for o in found[:MAX_PAGE]])

    def sources(self, request: Request) -> Response:
        """The monitored sources' health, as ``conflictwatch sources`` prints it."""
        params = self.params(request, ["stale_hours", "limit"])
        default_hours = int(STALE_AFTER.total_seconds() // 3600)
        hours = params.number("stale_hours", lo=1, hi=MAX_STALE_HOURS, default=default_hours) or default_hours
        limit = params.number("limit", lo=1, hi=MAX_SOURCES, default=100) or 100
        now = datetime.now(UTC)
        state = MonitorState(self.store)
        # no all-time counts (a scan of each source's whole history): a week of entries at most
        rows = state.health(now=now, stale_after=timedelta(hours=hours), limit=limit, totals=False)
        return JSONResponse({"as_of": now.isoformat(timespec="seconds"), "stale_hours": hours,
                             "total": state.source_count(), "sources": [r.to_dict() for r in rows]})

    def stats(self, request: Request) -> Response:
        self.params(request, ())
        return JSONResponse(self.store.stats())

    def meta(self, request: Request) -> Response:
        """What the dashboard needs to draw its filters, legend and map."""
        self.params(request, ())
        return JSONResponse({"event_types": {k: list(v) for k, v in EVENT_TYPES.items()},
                             "colours": TYPE_COLOURS, "statuses": list(STATUSES), "sorts": list(SORTS),
                             "editable_fields": list(EDITABLE_FIELDS), "read_only": self.read_only,
                             "tiles": self.tiles, "countries": self.known("country")})

    def boundaries(self, request: Request) -> Response:
        self.params(request, ())
        path = installed_boundaries(self.data_dir)
        if path is None:
            raise HTTPException(status_code=404, detail="no admin-1 boundaries are installed on this server: run "
                                "`conflictwatch setup --boundaries FILE.geojson` (or the demo) to install them; "
                                "the map then draws events without borders.")
        key = (os.fspath(path), path.stat().st_mtime)
        if self._boundaries is None or self._boundaries[0] != key:
            self._boundaries = (key, boundaries_geojson(load_boundaries(path)))
        return JSONResponse(self._boundaries[1])

    def openapi(self, request: Request) -> Response:
        self.params(request, ())
        return JSONResponse(openapi())

    # -- writing ------------------------------------------------------------------------------

    def whoami(self, request: Request) -> Response:
        self.params(request, ())
        return JSONResponse({"analyst": self.writer(request)})

    async def review(self, request: Request) -> Response:
        self.params(request, ())
        body = await read_json(request)
        _keys(body, {"status", "note", "reason"}, '{"status": "reviewed"} or {"note": "..."}')
        status, note = body.get("status"), body.get("note")
        if status is not None and status not in STATUSES:
            raise bad_request(f"send {{\"status\": S}} with S one of {', '.join(STATUSES)} (got {status!r}).")
        if status is None and note is None:
            raise bad_request(f"send {{\"status\": S}} with S one of {', '.join(STATUSES)}, and/or {{\"note\": \"...\"}}.")
        reason = _text(body, "reason")
        if note is not None:
            note = _text(body, "note")
        event_id = request.path_params["event_id"]

        def run(analyst: str) -> Response:
            self.event_or_404(event_id)
            if status is not None:
                self.store.set_status(event_id, status, analyst=analyst, reason=reason)
            if note is not None:
                self.store.add_note(event_id, note, analyst=analyst)
            return JSONResponse(self.detail(self.store.event(event_id)))

        return await self._write(request, run)

    async def corrections(self, request: Request) -> Response:
        self.params(request, ())
        body = await read_json(request, '{"changes": {"fatalities": 12}, "reason": "army toll"}')
        _keys(body, {"changes", "reason"}, '{"changes": {"fatalities": 12}}')
        changes = body.get("changes")
        if not isinstance(changes, dict) or not changes:
            raise bad_request("send {\"changes\": {FIELD: VALUE, ...}} with fields among "
                              f"{', '.join(EDITABLE_FIELDS)}.")
        reason = _text(body, "reason")
        event_id = request.path_params["event_id"]

        def run(analyst: str) -> Response:
            self.event_or_404(event_id)
            return JSONResponse(self.detail(self.store.correct(event_id, changes, analyst=analyst, reason=reason)))

        return await self._write(request, run)

    async def split(self, request: Request) -> Response:
        self.params(request, ())
        body = await read_json(request, '{"event_ids": ["ev-..."], "reason": "two attacks"}')
        _keys(body, {"event_ids", "reason"}, '{"event_ids": ["ev-..."]}')
        ids = _ids(body.get("event_ids", []))
        reason = _text(body, "reason")
        cluster_id = request.path_params["event_id"]

        def run(analyst: str) -> Response:
            self.event_or_404(cluster_id)
            out, rebuilt = split_merge(self.store, cluster_id, ids, analyst=analyst, reason=reason)
            return JSONResponse({"taken_out": out, "rebuilt": rebuilt or None})

        return await self._write(request, run)

    async def merge(self, request: Request) -> Response:
        self.params(request, ())
        body = await read_json(request, '{"event_ids": ["ev-a", "ev-b"], "reason": "same ambush"}')
        _keys(body, {"event_ids", "reason"}, '{"event_ids": ["ev-a", "ev-b"]}')
        ids = _ids(body.get("event_ids"))
        if len(ids) < 2:
            raise bad_request("send {\"event_ids\": [A, B, ...]} with at least two event ids.")
        reason = _text(body, "reason")

        def run(analyst: str) -> Response:
            for eid in ids:
                self.event_or_404(eid)
            return JSONResponse(self.detail(self.store.join_events(ids, analyst=analyst, reason=reason)))

        return await self._write(request, run)

    async def resolve(self, request: Request) -> Response:
        self.params(request, ())
        raw_id = request.path_params["conflict_id"]
        if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 12:
            raise HTTPException(status_code=404, detail=f"no conflict {raw_id[:40]!r}: list them with GET /api/conflicts.")
        body = await read_json(request, '{"take": false, "reason": "the analyst is right"}')
        _keys(body, {"take", "reason"}, '{"take": false}')
        take = body.get("take")
        if not isinstance(take, bool):
            raise bad_request("send {\"take\": true} to take the proposed value, or {\"take\": false} to keep the "
                              "analyst's.")
        reason = _text(body, "reason")

        def run(analyst: str) -> Response:
            try:
                done = self.store.resolve_conflict(int(raw_id), take=take, analyst=analyst, reason=reason)
            except NotFound:
                raise HTTPException(status_code=404, detail=f"no conflict {raw_id}: list them with "
                                    "GET /api/conflicts.") from None
            return JSONResponse(done.to_dict())

        return await self._write(request, run)

    async def _write(self, request: Request, run: Callable[[str], Response]) -> Response:
        """Check the token, then run the change in a worker thread; a value the store refuses is a 400."""

        def guarded() -> Response:
            analyst = self.writer(request)
            try:
                return run(analyst)
            except DatabaseError:
                raise
            except NotFound as exc:
                raise HTTPException(status_code=404, detail=self.scrub(str(exc))) from None
            except StoreError as exc:
                raise HTTPException(status_code=400, detail=self.scrub(str(exc))) from None

        return await run_in_threadpool(guarded)


def _keys(body: dict[str, Any], allowed: set[str], example: str) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise bad_request(f"unknown key {', '.join(repr(k[:40]) for k in unknown)} in the body: "
                          f"it takes {', '.join(sorted(allowed))}, e.g. {example}.")


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key, "")
    if not isinstance(value, str) or len(value) > 4000:
        raise bad_request(f"{key} must be text of at most 4000 characters.")
    return value


def _ids(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > 200 or not all(isinstance(v, str) and 0 < len(v) <= 128
                                                                  for v in value):
        raise bad_request("event_ids must be a list of at most 200 event ids.")
    return list(dict.fromkeys(value))


def _link(link: MergeLink) -> dict[str, Any]:
    out = dataclasses.asdict(link)
    out["created"] = link.created.isoformat() if link.created else None
    return out


def _offensive(off: Offensive) -> dict[str, Any]:
    out = dataclasses.asdict(off)
    out["event_date"] = off.event_date.isoformat()
    out.update(event_ids=list(off.event_ids), admin1s=list(off.admin1s), admin2s=list(off.admin2s))
    return out


def _static(name: str) -> bytes:
    return resources.files("conflictwatch.web").joinpath("static", *name.split("/")).read_bytes()


def _asset(name: str) -> Callable[[Request], Response]:
    body = _static(name)

    def serve(request: Request) -> Response:
        return Response(body, media_type=_STATIC[name],
                        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600"})
    return serve


class _Guard:
    """The outermost layer: the Host check, the body limit and the last word on errors.

    * A request whose Host header is not one of ``hosts`` is answered 400 (in the JSON error
      shape), whatever address the server listens on: a page on another site cannot reach the
      server through DNS rebinding.
    * A body announced over :data:`MAX_BODY` bytes is refused (413) before any of it is read;
      a chunked body is cut off there while it is read.
    * An exception the app let through (after it answered 500) is logged and swallowed, so the
      server keeps the connection open instead of dropping it.
    """

    def __init__(self, app: ASGIApp, hosts: Sequence[str] | None) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts} if hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        if self.hosts is not None and name not in self.hosts:
            await _error(400, f"host {host[:80]!r} is not served here: open the dashboard at "
                         f"{' or '.join(sorted(self.hosts))}, or start `conflictwatch serve` with "
                         "--allow-host set to the name you use.")(scope, receive, send)
            return
        length = headers.get(b"content-length", b"0").decode("latin-1")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _error(413 if length.isdigit() else 400,
                         f"the body is over {MAX_BODY // 1024} KiB: send one change at a time." if length.isdigit()
                         else "the Content-Length header is not a number.")(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.exception("error while answering %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _error(500, f"internal error while answering {scope.get('method')} {scope.get('path')}: "
                             f"{type(exc).__name__}. The server log has the details; please report it.")(
                    scope, receive, send)


def create_app(*, db: str | None = None, data_dir: Path | None = None,
               allowed_hosts: Sequence[str] | None = None, read_only: bool = False,
               tiles: str | None = None) -> Starlette:
    """The web app over the database ``db`` (see :func:`conflictwatch.store.open_store`); boundaries
    for the map come from ``data_dir`` (default: :func:`conflictwatch.config.data_dir`).

    ``allowed_hosts``: the Host header values (without port) to answer; None answers any.
    ``read_only``: refuse every write (for publishing a dashboard). ``tiles``: a tile URL template
    (``https://tile.example.org/{z}/{x}/{y}.png``) for an online base map; without it the map
    draws the installed admin-1 boundaries only and needs no network.

    The store is opened here, so a bad ``db`` fails now with :class:`StoreError`; it is closed when
    the app shuts down.
    """
    if tiles is not None and not (tiles.startswith(("https://", "http://")) and "{z}" in tiles):
        raise ConfigError(f"--tiles {tiles!r} is not a tile URL template: write e.g. "
                          "https://tile.example.org/{z}/{x}/{y}.png")
    store = open_store(db, data_dir=data_dir)
    api = _Api(store, config.data_dir(data_dir, create=False), read_only=read_only, tiles=tiles)
    headers = _page_headers(tiles)
    page = _static("index.html")

    def dashboard(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if exc.detail and exc.detail != _reason(exc.status_code) else \
            _DEFAULT_MESSAGES.get(exc.status_code, _reason(exc.status_code))
        return _error(exc.status_code, api.scrub(message), dict(exc.headers or {}))

    async def conflictwatch_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, DatabaseError):  # the database failed: say so, without its address
            log.error("database failure on %s %s: %s", request.method, request.url.path, exc)
            return _error(503, f"the database failed while answering {request.method} {request.url.path}; "
                          "try again shortly. The server log has the details.")
        if isinstance(exc, NotFound):
            return _error(404, api.scrub(str(exc)))
        return _error(400, api.scrub(str(exc)))  # a value the library refused

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(500, f"internal error while answering {request.method} {request.url.path}: "
                      f"{type(exc).__name__}. The server log has the details; please report it.")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    e = "/api/events/{event_id}"
    routes = [
        Route("/", dashboard, methods=["GET"]),
        *(Route(f"/static/{name}", _asset(name), methods=["GET"]) for name in _STATIC),
        Route("/api/events", api.events, methods=["GET"]),
        Route(e, api.event, methods=["GET"]),
        Route(e + "/history", api.event_history, methods=["GET"]),
        Route(e + "/review", api.review, methods=["POST"]),
        Route(e + "/corrections", api.corrections, methods=["POST"]),
        Route(e + "/split", api.split, methods=["POST"]),
        Route("/api/merge", api.merge, methods=["POST"]),
        Route("/api/history", api.history, methods=["GET"]),
        Route("/api/conflicts", api.conflicts, methods=["GET"]),
        Route("/api/conflicts/{conflict_id}/resolve", api.resolve, methods=["POST"]),
        Route("/api/whoami", api.whoami, methods=["GET"]),
        Route("/api/trends", api.trends, methods=["GET"]),
        Route("/api/alerts", api.alerts, methods=["GET"]),
        Route("/api/offensives", api.offensives, methods=["GET"]),
        Route("/api/sources", api.sources, methods=["GET"]),
        Route("/api/stats", api.stats, methods=["GET"]),
        Route("/api/meta", api.meta, methods=["GET"]),
        Route("/api/boundaries", api.boundaries, methods=["GET"]),
        Route("/api/openapi.json", api.openapi, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, ConflictwatchError: conflictwatch_error,
                            Exception: server_error},
        middleware=[
            Middleware(_Guard, hosts=allowed_hosts),
            # event lists shrink about tenfold; level 6 (zlib's default) costs half of Starlette's 9
            # (0.24 against 0.55 ms for a page of 100) for a body 5% larger
            Middleware(GZipMiddleware, minimum_size=2048, compresslevel=6),
        ],
        lifespan=lifespan,
    )
    app.state.store = store
    return app
