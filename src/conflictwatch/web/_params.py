"""Query parameters and request bodies, checked in one place: anything malformed is a 400 that says
what to send, never a 500. Values are bounded (lengths, numbers, JSON size and depth) so that no
request can make the server do unbounded work."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request

from conflictwatch.records import EVENT_TYPES
from conflictwatch.store import SORTS, STATUSES

__all__ = ["EVENT_FILTERS", "MAX_BODY", "MAX_DEPTH", "MAX_PAGE", "MAX_TEXT", "Params", "bad_request",
           "json_depth", "read_json"]

#: The filters /api/events and /api/trends accept, mapped to ``Store.query_events`` keywords.
EVENT_FILTERS: dict[str, str] = {
    "since": "since", "until": "until", "country": "country", "admin1": "admin1",
    "type": "event_type", "actor": "actor", "status": "status",
}
#: The most events one page holds.
MAX_PAGE = 1000
#: The largest offset a page may start at (deeper pages: narrow the filter).
MAX_OFFSET = 1_000_000
#: The longest text a query parameter may hold.
MAX_TEXT = 200
#: The largest request body read, in bytes, and the deepest JSON nesting accepted.
MAX_BODY = 64 * 1024
MAX_DEPTH = 16

_TYPE_NAMES = {t.casefold(): t for t in EVENT_TYPES} | {s.casefold(): s for subs in EVENT_TYPES.values() for s in subs}


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


class Params:
    """A request's query parameters, restricted to ``allowed`` names (others are a 400).

    Empty values count as absent, so a form's blank fields can be sent as they are. ``known``
    gives, for ``country`` and ``admin1``, the values the store holds: another value is a 400 that
    lists them (``exists`` answers the common case, a known value, from an index).
    """

    def __init__(self, query: QueryParams, allowed: Collection[str], *,
                 known: Callable[[str], list[str]] | None = None,
                 exists: Callable[[str, str], bool] | None = None) -> None:
        unknown = sorted(set(query.keys()) - set(allowed))
        if unknown:
            raise bad_request(f"unknown query parameter {', '.join(repr(u[:40]) for u in unknown)}: "
                              f"this route takes {', '.join(sorted(allowed)) or 'no parameters'}.")
        for name in set(query.keys()):
            if name != "by" and len(query.getlist(name)) > 1:
                raise bad_request(f"{name} is given {len(query.getlist(name))} times: give it once.")
        self._query = query
        self._known = known
        self._exists = exists

    def text(self, name: str) -> str | None:
        value = self._query.get(name, "").strip()
        if len(value) > MAX_TEXT:
            raise bad_request(f"{name} is {len(value)} characters long: at most {MAX_TEXT} are accepted.")
        return value or None

    def texts(self, name: str) -> list[str]:
        """A repeatable, comma-separated parameter (``by=admin1&by=actor`` or ``by=admin1,actor``)."""
        values = [part.strip() for value in self._query.getlist(name) for part in value.split(",") if part.strip()]
        if len(values) > 10 or any(len(v) > MAX_TEXT for v in values):
            raise bad_request(f"{name} takes at most 10 names.")
        return values

    def day(self, name: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or not value.isascii() or not 1000 <= day.year <= 2999:
            raise bad_request(f"{name}={value!r} is not a date between the years 1000 and 2999: write it as "
                              "YYYY-MM-DD, e.g. 2025-07-01.")
        return day

    def choice(self, name: str, choices: Collection[str], default: str | None = None) -> str | None:
        value = self.text(name)
        if value is None:
            return default
        if value not in choices:
            raise bad_request(f"unknown {name} {value!r}: use one of {', '.join(choices)}.")
        return value

    def status(self, name: str = "status") -> str | None:
        return self.choice(name, STATUSES)

    def sort(self, default: str = "-event_date") -> str:
        return self.choice("sort", SORTS, default) or default

    def number(self, name: str, *, lo: int, hi: int, default: int | None = None) -> int | None:
        """A whole number in ``lo..hi`` written in ASCII digits (``²``, ``1e3`` or 10^27 are a 400)."""
        value = self.text(name)
        if value is None:
            return default
        if not (value.isascii() and value.isdigit()) or len(value) > 9 or not lo <= int(value) <= hi:
            raise bad_request(f"{name}={value[:40]!r} is not a whole number from {lo} to {hi}, e.g. {name}={lo}.")
        return int(value)

    def positive_int(self, name: str) -> int | None:
        return self.number(name, lo=1, hi=MAX_PAGE)

    def event_type(self) -> str | None:
        value = self.text("type")
        if value is None:
            return None
        if value.casefold() not in _TYPE_NAMES:
            raise bad_request(f"unknown type {value!r}: use an event type ({', '.join(EVENT_TYPES)}) or one of "
                              "their sub-event types (GET /api/meta lists them).")
        return value

    def _known_value(self, name: str) -> str | None:
        value = self.text(name)
        if value is None or self._known is None:
            return value
        if self._exists is not None and self._exists(name, value):
            return value
        known = self._known(name)
        if name == "country":
            from conflictwatch.store._countries import country_names

            wanted = country_names(value)
            if not any(k.casefold() in wanted for k in known):
                raise bad_request(f"unknown country {value!r}: the store holds events in "
                                  f"{', '.join(known) or 'no country yet'} (a name or an ISO-2 code such as ML).")
        elif value.casefold() not in {k.casefold() for k in known}:
            shown = ", ".join(known[:60]) + (f" and {len(known) - 60} more" if len(known) > 60 else "")
            raise bad_request(f"unknown {name} {value!r}: the store holds events in {shown or 'none yet'}.")
        return value

    def event_filters(self) -> dict[str, Any]:
        """The :data:`EVENT_FILTERS` given, as keyword arguments for ``Store.query_events``."""
        since, until = self.day("since"), self.day("until")
        if since and until and since > until:
            raise bad_request(f"since={since} is after until={until}: swap them.")
        return {"since": since, "until": until, "country": self._known_value("country"),
                "admin1": self._known_value("admin1"), "event_type": self.event_type(),
                "actor": self.text("actor"), "status": self.status()}


def json_depth(raw: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped), in one pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


async def read_json(request: Request, example: str = '{"status": "reviewed"}') -> dict[str, Any]:
    """The request body as a JSON object; 415 unless sent as ``application/json``, 413 over
    :data:`MAX_BODY` bytes (refused from Content-Length before reading, or while reading), 400 when
    malformed or nested deeper than :data:`MAX_DEPTH`.

    Requiring the JSON content type also means a cross-site form or script cannot post here
    without the browser first asking (CORS preflight), which this app never allows.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(status_code=415, detail=f"send the body as JSON with the header "
                            f"'Content-Type: application/json' (got {kind[:60] or 'no content type'!r}).")
    raw = bytearray()
    async for chunk in request.stream():
        raw.extend(chunk)
        if len(raw) > MAX_BODY:
            raise HTTPException(status_code=413, detail=f"the body is over {MAX_BODY // 1024} KiB: "
                                "send one change at a time.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request(f"the body is not UTF-8 text: send JSON, e.g. {example}.") from None
    if json_depth(text) > MAX_DEPTH:
        raise bad_request(f"the body nests arrays or objects deeper than {MAX_DEPTH} levels: send e.g. {example}.")
    try:
        body = json.loads(text)
    except ValueError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "it"
        raise bad_request(f"the body is not valid JSON (at {where}): send e.g. {example}.") from None
    if not isinstance(body, dict):
        raise bad_request(f"the body must be a JSON object, e.g. {example}.")
    return body
