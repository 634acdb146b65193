"""The API's OpenAPI 3.1 description, served at ``GET /api/openapi.json``.

Written by hand beside the routes (:mod:`._app`); a test checks that every route is described and
that the described parameters are the ones the routes accept.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from conflictwatch import __version__
from conflictwatch.store import EDITABLE_FIELDS, HEALTH_STATES, SORTS, STATUSES
from conflictwatch.watch import GROUP_FIELDS

__all__ = ["openapi"]


def _q(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string", "maxLength": 200}}


_DATE = {"type": "string", "format": "date"}
_FILTERS = [
    _q("since", "Only events on or after this day (YYYY-MM-DD).", _DATE),
    _q("until", "Only events on or before this day (YYYY-MM-DD).", _DATE),
    _q("country", "A country the store holds events in: name or ISO-2 code (ML, Mali). Another value is a 400 "
                  "that lists the stored ones."),
    _q("admin1", "An admin-1 area the store holds events in (Mopti)."),
    _q("type", "An ACLED event type or sub-event type (Battles, Attack)."),
    _q("actor", "A substring of actor1, actor2 or an associated actor, any case."),
    _q("status", "Only events with this status (default: all but rejected).", {"type": "string", "enum": list(STATUSES)}),
]
_ERROR = {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_ERRORS = {"400": _ERROR, "404": _ERROR}
_WRITE_ERRORS = {"400": _ERROR, "401": _ERROR, "403": _ERROR, "404": _ERROR, "413": _ERROR, "415": _ERROR}
_ANY = {"description": "OK", "content": {"application/json": {"schema": {}}}}
_EVENT_ID = {"name": "event_id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 128}}
_REASON = {"type": "string", "maxLength": 4000, "description": "Why: kept with the change in the history."}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _get(summary: str, params: list[dict[str, Any]] | None = None, response: dict[str, Any] | None = None,
         errors: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": params or [], "responses": {"200": response or _ANY,
                                                                                  **(errors or _ERRORS)}}}


def _post(summary: str, body: dict[str, Any], params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"post": {"summary": summary, "parameters": params or [], "security": [{"analystToken": []}],
                     "requestBody": _body(body), "responses": {"200": _ANY, **_WRITE_ERRORS}}}


@cache
def openapi() -> dict[str, Any]:
    """The OpenAPI document (a new dict is not made per request)."""
    page = {"description": "A page of events", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/EventPage"}},
        "text/csv": {"schema": {"type": "string"}}, "application/geo+json": {"schema": {"type": "object"}}}}
    paths: dict[str, Any] = {
        "/api/events": _get(
            "Events in the merged view, a page at a time, newest first by default. format=csv or geojson (or the "
            "Accept header) downloads every event of the filter instead (at most 100,000).",
            [*_FILTERS,
             _q("sort", "The order; review is the review queue (lowest confidence, then most fatalities).",
                {"type": "string", "enum": list(SORTS)}),
             _q("offset", "Events to skip.", {"type": "integer", "minimum": 0, "maximum": 1_000_000}),
             _q("limit", "Events per page (default 100).", {"type": "integer", "minimum": 1, "maximum": 1000}),
             _q("fields", "Comma-separated event fields to return (default: the list fields)."),
             _q("format", "json (default), csv (ACLED columns) or geojson.",
                {"type": "string", "enum": ["json", "csv", "geojson"]})],
            page),
        "/api/events/{event_id}": _get(
            "One event with its sources, evidence (with marks on the words behind each field), the reports "
            "behind it (with their text), merge links, history and open conflicts.", [_EVENT_ID]),
        "/api/events/{event_id}/history": _get("The recorded changes of one event (and of a merged event's "
                                               "members).", [_EVENT_ID]),
        "/api/events/{event_id}/review": _post(
            "Accept, reject or reopen an event, and/or add a note.",
            {"type": "object", "additionalProperties": False, "properties": {
                "status": {"type": "string", "enum": list(STATUSES)}, "note": {"type": "string", "maxLength": 4000},
                "reason": _REASON}}, [_EVENT_ID]),
        "/api/events/{event_id}/corrections": _post(
            "Correct coded fields; each is a recorded change and the event becomes reviewed.",
            {"type": "object", "additionalProperties": False, "required": ["changes"], "properties": {
                "changes": {"type": "object", "minProperties": 1, "additionalProperties": False,
                            "properties": {f: {} for f in EDITABLE_FIELDS}},
                "reason": _REASON}}, [_EVENT_ID]),
        "/api/events/{event_id}/split": _post(
            "Take events out of a merged event (default: all of them).",
            {"type": "object", "additionalProperties": False, "properties": {
                "event_ids": {"type": "array", "maxItems": 200, "items": {"type": "string", "maxLength": 128}},
                "reason": _REASON}}, [_EVENT_ID]),
        "/api/merge": _post(
            "Merge events an analyst knows are one; the merged event is reviewed.",
            {"type": "object", "additionalProperties": False, "required": ["event_ids"], "properties": {
                "event_ids": {"type": "array", "minItems": 2, "maxItems": 200,
                              "items": {"type": "string", "maxLength": 128}},
                "reason": _REASON}}),
        "/api/conflicts/{conflict_id}/resolve": _post(
            "Settle a conflict: keep the analyst's value or take the proposed one.",
            {"type": "object", "additionalProperties": False, "required": ["take"], "properties": {
                "take": {"type": "boolean"}, "reason": _REASON}},
            [{"name": "conflict_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}]),
        "/api/history": _get("Every recorded change, oldest first (an export of the desk's work).", [
            _q("format", "json (default), jsonl or csv.", {"type": "string", "enum": ["json", "jsonl", "csv"]}),
            _q("limit", "At most this many changes.", {"type": "integer", "minimum": 1, "maximum": 100_000})]),
        "/api/conflicts": _get("What re-extraction, re-merging or an ACLED import proposed against analysts' "
                               "decisions.", [
            _q("status", "open (default) or all.", {"type": "string", "enum": ["open", "all"]}),
            _q("event_id", "Only this event's conflicts.")]),
        "/api/whoami": {"get": {"summary": "The analyst a token belongs to.", "parameters": [],
                                "security": [{"analystToken": []}],
                                "responses": {"200": _ANY, "401": _ERROR, "403": _ERROR}}},
        "/api/trends": _get("Events and fatalities per ACLED week or month, grouped by fields.", [
            *_FILTERS, _q("period", "week (default) or month.", {"type": "string", "enum": ["week", "month"]}),
            _q("by", f"Fields to group by, comma-separated: {', '.join(GROUP_FIELDS)}.")]),
        "/api/alerts": _get("The alerts of the ACLED week containing as_of (default: the latest event's), with "
                            "the rule that fired and its figures.", [
            _q("as_of", "A day (YYYY-MM-DD).", _DATE), _FILTERS[2]]),
        "/api/offensives": _get("Coordinated offensives between two days.", [_FILTERS[0], _FILTERS[1]]),
        "/api/sources": _get(
            "The monitor's sources and their health, by name (what `conflictwatch sources` prints): state ok, "
            "failing (the last poll failed; errors counts the failures in a row) or stale (no success for "
            "stale_hours), last poll, success and error, items in the last 24 hours and per day over 7 days. "
            "An empty list when no monitor has run on this database.", [
                _q("stale_hours", "Hours after its last success a source that has not failed since is stale "
                   "(default 24).", {"type": "integer", "minimum": 1, "maximum": 24 * 90}),
                _q("limit", "At most this many sources (default 100).",
                   {"type": "integer", "minimum": 1, "maximum": 1000})],
            {"description": "The sources' health", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/SourceHealthPage"}}}}, {"400": _ERROR}),
        "/api/stats": _get("Row counts."),
        "/api/meta": _get("Event types, colours, statuses, sorts, editable fields, read-only mode, tiles."),
        "/api/boundaries": _get("The installed admin-1 boundaries, simplified GeoJSON (404 when none)."),
        "/api/openapi.json": _get("This description."),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "conflictwatch", "version": __version__,
                 "description": "Conflict events coded in ACLED's conventions, with the analysts' desk. Reading is "
                                "open; every write needs an analyst token (`conflictwatch token create NAME`)."},
        "paths": paths,
        "components": {
            "securitySchemes": {"analystToken": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "message"],
                    "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
                "SourceHealthPage": {
                    "type": "object", "required": ["as_of", "stale_hours", "total", "sources"],
                    "properties": {"as_of": {"type": "string", "format": "date-time"},
                                   "stale_hours": {"type": "integer"}, "total": {"type": "integer"},
                                   "sources": {"type": "array", "items": {"$ref": "#/components/schemas/SourceHealth"}}}},
                "SourceHealth": {
                    "type": "object",
                    "required": ["name", "url", "state", "last_poll", "last_success", "last_error", "errors"],
                    "properties": {
                        "name": {"type": "string"}, "url": {"type": "string"},
                        "state": {"type": "string", "enum": list(HEALTH_STATES)},
                        "last_poll": {"type": ["string", "null"], "format": "date-time"},
                        "last_success": {"type": ["string", "null"], "format": "date-time"},
                        "last_error": {"type": "string", "description": "The last failure's message (\"\" if none)."},
                        "last_error_at": {"type": ["string", "null"], "format": "date-time"},
                        "errors": {"type": "integer", "description": "Failed polls in a row."},
                        "total_errors": {"type": "integer"}, "polls": {"type": "integer"},
                        "items_24h": {"type": "integer"}, "items_per_day_7d": {"type": "number"},
                        **{k: {"type": "null", "description": "All-time entry counts: null here (they read "
                                                              "a source's whole history; `conflictwatch sources` "
                                                              "has them)."}
                           for k in ("stored", "duplicates", "failed")}}},
                "EventPage": {"type": "object", "required": ["total", "offset", "limit", "sort", "events"],
                              "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                             "limit": {"type": "integer"}, "sort": {"type": "string"},
                                             "next_offset": {"type": ["integer", "null"]},
                                             "events": {"type": "array", "items": {"type": "object"}}}},
            },
        },
    }
