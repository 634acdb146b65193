"""The Starlette application: the JSON API over the store and the dashboard page.

Routes (filters are query parameters; blank values count as absent; unknown names are a 400):

* ``GET /api/events`` -- events as :meth:`Event.to_dict`, oldest first, merged view (cluster events
  stand for their members), rejected events hidden unless ``status=rejected``. Filters: ``since``,
  ``until`` (YYYY-MM-DD), ``country`` (name or ISO-2), ``admin1``, ``type`` (event or sub-event type),
  ``actor`` (substring), ``status``, ``limit`` (the oldest N).
* ``GET /api/events/{id}`` -- one event (any status) with sources, evidence, ``documents`` (the stored
  reports behind it: title, URL, outlet, date) and ``merge_links`` (of the cluster it is, or belongs to).
* ``POST /api/events/{id}/review`` -- body ``{"status": "reviewed"|"rejected"|"automatic"}`` sent as
  ``application/json``; answers the updated event.
* ``GET /api/trends`` -- :func:`conflictwatch.watch.trends` rows; ``period`` (week|month), ``by``
  (repeat or comma-separate), and the event filters.
* ``GET /api/alerts`` -- ``{"as_of": ..., "alerts": [...]}`` for the ACLED week containing ``as_of``
  (default: the latest event's date); ``country``.
* ``GET /api/offensives`` (``since``, ``until``), ``GET /api/stats``, ``GET /api/meta`` (event types,
  colours, statuses), ``GET /api/boundaries`` (installed admin-1 areas, simplified GeoJSON).
* ``GET /`` -- the dashboard (``static/``: one HTML page, one script, one stylesheet).

Every error, whatever the route, is answered as ``{"error": {"status": N, "message": "..."}}``:
400 for malformed filters or bodies, 404 for unknown events and routes, 405 for wrong methods,
415 for a body that is not JSON, 500 for failures (a message, never a traceback).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import timedelta
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any, cast

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from conflictwatch import config
from conflictwatch.errors import ConfigError, ConflictwatchError, NotFound
from conflictwatch.records import EVENT_TYPES, Event, MergeLink, Offensive
from conflictwatch.report import TYPE_COLOURS, installed_boundaries, load_boundaries
from conflictwatch.store import STATUSES, Store, open_store
from conflictwatch.watch import ALERT_HISTORY, GROUP_FIELDS, Period, alerts, trends
from conflictwatch.web._geojson import boundaries_geojson
from conflictwatch.web._params import EVENT_FILTERS, Params, read_json

__all__ = ["create_app"]

#: How far back /api/alerts reads: a year of weekly history plus the latest weeks.

#: The dashboard's files, served from the package (no CDN: the page works offline).
_STATIC: dict[str, str] = {
    "dashboard.js": "text/javascript; charset=utf-8",
    "dashboard.css": "text/css; charset=utf-8",
}
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


_DEFAULT_MESSAGES = {
    404: "no such route: the API lives under /api (events, events/{id}, events/{id}/review, trends, "
         "alerts, offensives, stats, boundaries, meta) and the dashboard at /.",
    405: "method not allowed on this route: see the Allow header for the ones it takes.",
}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if exc.detail and exc.detail != _reason(exc.status_code) else \
        _DEFAULT_MESSAGES.get(exc.status_code, _reason(exc.status_code))
    return _error(exc.status_code, message, dict(exc.headers or {}))


def _reason(status: int) -> str:
    return HTTPStatus(status).phrase


async def _conflictwatch_error(request: Request, exc: Exception) -> Response:
    # ConfigError: a setting or parameter the library refused (e.g. an unknown grouping field);
    # StoreError: the database failed (its message names the database, never its password).
    status = 400 if isinstance(exc, ConfigError) else 500
    return _error(status, str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    # The server logs the traceback (Starlette re-raises after this response); the client gets none.
    return _error(500, f"internal error while answering {request.method} {request.url.path}: "
                  f"{type(exc).__name__}. The server log has the details; please report it.")


def _event_or_404(store: Store, event_id: str) -> Event:
    try:
        return store.event(event_id)
    except NotFound as exc:  # other StoreErrors are database failures: 500
        raise HTTPException(status_code=404, detail=str(exc)) from None


def _detail(store: Store, event: Event) -> dict[str, Any]:
    """An event with its sources and evidence, the stored reports behind them (without their text),
    and the links of the merged event it is or belongs to."""
    out = event.to_dict()
    cluster = event.cluster_id or event.event_id
    out["merge_links"] = [_link(link) for link in store.merge_links(cluster)]
    doc_ids = {*event.doc_ids, *(s.doc_id for s in event.sources), *(x.doc_id for x in event.evidence)} - {""}
    out["documents"] = [
        {"id": d.id, "key": d.key, "title": d.title, "url": d.url, "outlet": d.outlet, "language": d.language,
         "published": d.published.isoformat() if d.published else None}
        for d in store.documents(ids=doc_ids)
    ]
    return out


def _link(link: MergeLink) -> dict[str, Any]:
    out = dataclasses.asdict(link)
    out["created"] = link.created.isoformat() if link.created else None
    return out


def _offensive(off: Offensive) -> dict[str, Any]:
    out = dataclasses.asdict(off)
    out["event_date"] = off.event_date.isoformat()
    out.update(event_ids=list(off.event_ids), admin1s=list(off.admin1s), admin2s=list(off.admin2s))
    return out


class _Api:
    """The route handlers, sharing one store and the data directory."""

    def __init__(self, store: Store, data_dir: Path) -> None:
        self.store = store
        self.data_dir = data_dir
        self._boundaries: tuple[tuple[str, float], dict[str, Any]] | None = None

    def events(self, request: Request) -> Response:
        params = Params(request.query_params, [*EVENT_FILTERS, "limit"])
        found = self.store.query_events(**params.event_filters(), limit=params.positive_int("limit"))
        return JSONResponse([e.to_dict() for e in found])

    def event(self, request: Request) -> Response:
        Params(request.query_params, ())
        return JSONResponse(_detail(self.store, _event_or_404(self.store, request.path_params["event_id"])))

    async def review(self, request: Request) -> Response:
        Params(request.query_params, ())
        body = await read_json(request)
        status = body.get("status")
        if status not in STATUSES or set(body) != {"status"}:
            raise HTTPException(status_code=400, detail=f"send {{\"status\": S}} with S one of "
                                f"{', '.join(STATUSES)} (got {body!r}).")
        return await run_in_threadpool(self._set_status, request.path_params["event_id"], status)

    def _set_status(self, event_id: str, status: str) -> Response:
        _event_or_404(self.store, event_id)
        self.store.set_status(event_id, status)
        return JSONResponse(_detail(self.store, self.store.event(event_id)))

    def trends(self, request: Request) -> Response:
        params = Params(request.query_params, [*EVENT_FILTERS, "period", "by"])
        period = params.text("period") or "week"
        if period not in ("week", "month"):
            raise HTTPException(status_code=400, detail=f"unknown period {period!r}: use week or month.")
        by = params.texts("by")
        unknown = [f for f in by if f not in GROUP_FIELDS]
        if unknown:
            raise HTTPException(status_code=400, detail=f"cannot group by {', '.join(unknown)}: "
                                f"use one of {', '.join(GROUP_FIELDS)}.")
        found = self.store.query_events(**params.event_filters())
        return JSONResponse([row.to_dict() for row in trends(found, period=cast(Period, period), by=by)])

    def alerts(self, request: Request) -> Response:
        params = Params(request.query_params, ["as_of", "country"])
        day, country = params.day("as_of"), params.text("country")
        found = self.store.query_events(country=country, until=day, since=day - ALERT_HISTORY if day else None)
        if day is None:
            if not found:
                return JSONResponse({"as_of": None, "alerts": []})
            day = max(e.event_date for e in found)
        known = self.store.offensives(since=day - timedelta(days=7), until=day)
        raised = alerts(found, as_of=day, country=country, offensives=known or None)
        return JSONResponse({"as_of": day.isoformat(), "alerts": [a.to_dict() for a in raised]})

    def offensives(self, request: Request) -> Response:
        params = Params(request.query_params, ["since", "until"])
        found = self.store.offensives(since=params.day("since"), until=params.day("until"))
        return JSONResponse([_offensive(o) for o in found])

    def stats(self, request: Request) -> Response:
        Params(request.query_params, ())
        return JSONResponse(self.store.stats())

    def meta(self, request: Request) -> Response:
        """What the dashboard needs to draw its filters and legend."""
        Params(request.query_params, ())
        return JSONResponse({"event_types": {k: list(v) for k, v in EVENT_TYPES.items()},
                             "colours": TYPE_COLOURS, "statuses": list(STATUSES)})

    def boundaries(self, request: Request) -> Response:
        Params(request.query_params, ())
        path = installed_boundaries(self.data_dir)
        if path is None:
            raise HTTPException(status_code=404, detail=f"no admin-1 boundaries installed in {self.data_dir}: "
                                "run `conflictwatch setup --boundaries FILE.geojson` (or the demo) to install "
                                "them; the map then draws events without borders.")
        key = (os.fspath(path), path.stat().st_mtime)
        if self._boundaries is None or self._boundaries[0] != key:
            self._boundaries = (key, boundaries_geojson(load_boundaries(path)))
        return JSONResponse(self._boundaries[1])


def _static(name: str) -> bytes:
    return resources.files("conflictwatch.web").joinpath("static", name).read_bytes()


def _page(request: Request) -> Response:
    return Response(_static("index.html"), media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)


def _asset(name: str) -> Callable[[Request], Response]:
    def serve(request: Request) -> Response:
        return Response(_static(name), media_type=_STATIC[name], headers={"X-Content-Type-Options": "nosniff"})
    return serve


class _HostCheck:
    """Answer 400 (in the JSON error shape) to requests whose Host header is not one of ``hosts``:
    a page on another site cannot reach a server on 127.0.0.1 through DNS rebinding."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                response = _error(400, f"host {host!r} is not served here: open the dashboard at "
                                  f"{' or '.join(sorted(self.hosts))}, or start `conflictwatch serve` "
                                  "with --host set to the name you use.")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(*, db: str | None = None, data_dir: Path | None = None,
               allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """The web app over the database ``db`` (see :func:`conflictwatch.store.open_store`); boundaries
    for the map come from ``data_dir`` (default: :func:`conflictwatch.config.data_dir`).
    ``allowed_hosts``: the Host header values (without port) to answer; None answers any.

    The store is opened here, so a bad ``db`` fails now with :class:`StoreError`; it is closed when
    the app shuts down.
    """
    store = open_store(db, data_dir=data_dir)
    api = _Api(store, config.data_dir(data_dir, create=False))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    routes = [
        Route("/", _page, methods=["GET"]),
        *(Route(f"/static/{name}", _asset(name), methods=["GET"]) for name in _STATIC),
        Route("/api/events", api.events, methods=["GET"]),
        Route("/api/events/{event_id}", api.event, methods=["GET"]),
        Route("/api/events/{event_id}/review", api.review, methods=["POST"]),
        Route("/api/trends", api.trends, methods=["GET"]),
        Route("/api/alerts", api.alerts, methods=["GET"]),
        Route("/api/offensives", api.offensives, methods=["GET"]),
        Route("/api/stats", api.stats, methods=["GET"]),
        Route("/api/meta", api.meta, methods=["GET"]),
        Route("/api/boundaries", api.boundaries, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, ConflictwatchError: _conflictwatch_error,
                            Exception: _server_error},
        middleware=[
            *([Middleware(_HostCheck, hosts=allowed_hosts)] if allowed_hosts else []),
            Middleware(GZipMiddleware, minimum_size=2048),  # event lists shrink about tenfold
        ],
        lifespan=lifespan,
    )
    app.state.store = store
    return app
