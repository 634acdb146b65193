"""Query parameters and request bodies, checked: anything malformed is a 400 that says what to send."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request

from conflictwatch.store import STATUSES

__all__ = ["EVENT_FILTERS", "Params", "read_json"]

#: The filters /api/events and /api/trends accept, mapped to ``Store.query_events`` keywords.
EVENT_FILTERS: dict[str, str] = {
    "since": "since", "until": "until", "country": "country", "admin1": "admin1",
    "type": "event_type", "actor": "actor", "status": "status",
}


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


class Params:
    """A request's query parameters, restricted to ``allowed`` names (others are a 400).

    Empty values count as absent, so a form's blank fields can be sent as they are.
    """

    def __init__(self, query: QueryParams, allowed: Collection[str]) -> None:
        unknown = sorted(set(query.keys()) - set(allowed))
        if unknown:
            raise bad_request(f"unknown query parameter {', '.join(map(repr, unknown))}: "
                              f"this route takes {', '.join(sorted(allowed)) or 'no parameters'}.")
        self._query = query

    def text(self, name: str) -> str | None:
        value = self._query.get(name, "").strip()
        return value or None

    def texts(self, name: str) -> list[str]:
        """A repeatable, comma-separated parameter (``by=admin1&by=actor`` or ``by=admin1,actor``)."""
        return [part.strip() for value in self._query.getlist(name) for part in value.split(",") if part.strip()]

    def day(self, name: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise bad_request(f"{name}={value!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-07-01.") from None

    def status(self, name: str = "status") -> str | None:
        value = self.text(name)
        if value is not None and value not in STATUSES:
            raise bad_request(f"unknown {name} {value!r}: use one of {', '.join(STATUSES)}.")
        return value

    def positive_int(self, name: str) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        if not value.isdigit() or int(value) < 1:
            raise bad_request(f"{name}={value!r} is not a positive whole number, e.g. {name}=500.")
        return int(value)

    def event_filters(self) -> dict[str, Any]:
        """The :data:`EVENT_FILTERS` given, as keyword arguments for ``Store.query_events``."""
        out: dict[str, Any] = {}
        for name, keyword in EVENT_FILTERS.items():
            if name in ("since", "until"):
                out[keyword] = self.day(name)
            elif name == "status":
                out[keyword] = self.status()
            else:
                out[keyword] = self.text(name)
        return out


async def read_json(request: Request) -> dict[str, Any]:
    """The request body as a JSON object; 415 unless sent as ``application/json``.

    Requiring the JSON content type also means a cross-site form or script cannot post here
    without the browser first asking (CORS preflight), which this app never allows.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(status_code=415, detail=f"send the body as JSON with the header "
                            f"'Content-Type: application/json' (got {kind or 'no content type'!r}).")
    raw = await request.body()
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise bad_request(f"the body is not valid JSON ({exc}): send e.g. {{\"status\": \"reviewed\"}}.") from None
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object, e.g. {\"status\": \"reviewed\"}.")
    return body
