"""The analyst's corrections as data: which fields can be edited, how values are checked, and the
records the store answers with (:class:`Change`, :class:`Conflict`, :class:`Token`).

An analyst's decision is a recorded change (who, when, before, after, why). The store never
overwrites one: a re-extraction, a re-merge or an ACLED import that disagrees with an event an
analyst decided on is stored as a :class:`Conflict` for review instead.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from conflictwatch.errors import StoreError
from conflictwatch.records import (
    EVENT_TYPES,
    INTER_CODES,
    Event,
    disorder_type_for,
    interaction_code,
)

__all__ = ["CODED_FIELDS", "EDITABLE_FIELDS", "Change", "Conflict", "Token", "check_edits", "field_value",
           "hash_token", "same_value"]

#: The coded fields: a re-extraction or import that disagrees with an analyst on one is a conflict.
CODED_FIELDS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "fatalities",
)
#: Every field an analyst may edit: the coded ones and the descriptive ones.
EDITABLE_FIELDS: tuple[str, ...] = (
    *CODED_FIELDS, "civilian_targeting", "notes", "tags", "source", "source_scale", "claimed_by",
)
_TEXT = {"event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country",
         "admin1", "admin2", "admin3", "location", "civilian_targeting", "notes", "tags", "source",
         "source_scale", "claimed_by"}
_MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded change to an event.

    ``kind``: ``status`` (accepted, rejected or reopened), ``edit`` (one field, ``field``), ``note``,
    ``split`` or ``merge`` (of merged events), ``resolve`` (a conflict settled). ``before`` and
    ``after`` are JSON values; ``origin`` is ``analyst`` for a person's decision, ``import`` for one
    read from an ACLED file.
    """

    id: int
    event_id: str
    kind: str
    field: str
    before: Any
    after: Any
    analyst: str
    origin: str
    reason: str
    created: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "event_id": self.event_id, "kind": self.kind, "field": self.field,
                "before": self.before, "after": self.after, "analyst": self.analyst, "origin": self.origin,
                "reason": self.reason, "created": self.created.isoformat()}


@dataclass(frozen=True, slots=True)
class Conflict:
    """What an automatic run proposed against an analyst's decision (kept until resolved).

    ``source``: ``extract`` (a re-extraction of a document), ``merge`` (a re-merge), ``import`` (an
    ACLED import); ``field`` is "" when the whole event is concerned (a re-extraction no longer
    finds it, a merge would change its members). ``resolution``: "" while open, then ``kept`` or
    ``taken``.
    """

    id: int
    event_id: str
    field: str
    kept: Any
    proposed: Any
    source: str
    detail: str
    created: datetime
    resolution: str = ""
    resolved_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "event_id": self.event_id, "field": self.field, "kept": self.kept,
                "proposed": self.proposed, "source": self.source, "detail": self.detail,
                "created": self.created.isoformat(), "resolution": self.resolution,
                "resolved_by": self.resolved_by}


@dataclass(frozen=True, slots=True)
class Token:
    """An analyst token as stored: the name writes are attributed to, never the token itself."""

    id: int
    analyst: str
    prefix: str
    created: datetime
    revoked: datetime | None = None


def hash_token(token: str) -> str:
    """The stored form of a token (tokens are 256 random bits, so one SHA-256 is enough)."""
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def field_value(event: Event, name: str) -> Any:
    """A field's value, JSON-ready (dates as ISO text)."""
    value = getattr(event, name)
    return value.isoformat() if isinstance(value, date) else value


def same_value(name: str, a: Any, b: Any) -> bool:
    """Whether two JSON values of field ``name`` are the same coding (coordinates to 4 decimals)."""
    if name in ("latitude", "longitude") and a is not None and b is not None:
        return round(float(a), 4) == round(float(b), 4)
    return bool(a == b)


def _bad(event_id: str, name: str, value: Any, what: str) -> StoreError:
    return StoreError(f"cannot set {name} of {event_id} to {value!r}: {what}. Nothing was changed.")


def _int(event_id: str, name: str, value: Any, lo: int, hi: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _bad(event_id, name, value, "send a whole number")
    text = str(value).strip()
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
        raise _bad(event_id, name, value, "send a whole number")
    number = int(text)
    if number < lo or (hi is not None and number > hi):
        raise _bad(event_id, name, value, f"it must lie in {lo}..{hi}" if hi is not None else f"it must be at least {lo}")
    return number


def _coordinate(event_id: str, name: str, value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _bad(event_id, name, value, "send a number in decimal degrees, or null") from None
    limit = 90.0 if name == "latitude" else 180.0
    if isinstance(value, bool) or not math.isfinite(number) or abs(number) > limit:
        raise _bad(event_id, name, value, f"it must lie in -{limit:g}..{limit:g}")
    return number


def _convert(event_id: str, name: str, value: Any) -> Any:
    """One edited value, checked and in the field's type."""
    if name not in EDITABLE_FIELDS:
        raise StoreError(f"{name!r} cannot be edited on {event_id}: edit one of {', '.join(EDITABLE_FIELDS)}. "
                         "Nothing was changed.")
    if name == "event_date":
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise _bad(event_id, name, value, "write the date as YYYY-MM-DD, e.g. 2025-07-01") from None
    if name in ("time_precision", "geo_precision"):
        return _int(event_id, name, value, 1, 3)
    if name in ("inter1", "inter2"):
        return _int(event_id, name, value, 0, max(INTER_CODES))
    if name == "fatalities":
        return _int(event_id, name, value, 0, 10**7)
    if name in ("latitude", "longitude"):
        return _coordinate(event_id, name, value)
    if not isinstance(value, str):
        raise _bad(event_id, name, value, "send text")
    text = value.strip()
    if len(text) > _MAX_TEXT:
        raise _bad(event_id, name, value[:40] + "...", f"text is limited to {_MAX_TEXT} characters")
    return text


def check_edits(event: Event, edits: dict[str, Any]) -> tuple[Event, dict[str, tuple[Any, Any]]]:
    """``event`` with ``edits`` applied, and the fields that changed (JSON before, after).

    Values are checked (a bad one is a :class:`StoreError` naming the field and what to send);
    event type and sub-type must be one of ACLED's pairs; the fields that follow from others
    (``disorder_type`` from the types, ``interaction`` from the inter codes, the fatality range
    from a corrected toll) are kept consistent.
    """
    if not edits:
        raise StoreError(f"no field to change on {event.event_id}: give at least one of "
                         f"{', '.join(EDITABLE_FIELDS)}.")
    values = {name: _convert(event.event_id, name, value) for name, value in edits.items()}
    etype = values.get("event_type", event.event_type)
    sub = values.get("sub_event_type", event.sub_event_type)
    if ("event_type" in values or "sub_event_type" in values):
        if etype not in EVENT_TYPES:
            raise _bad(event.event_id, "event_type", etype, f"use one of {', '.join(EVENT_TYPES)}")
        if sub not in EVENT_TYPES[etype]:
            raise _bad(event.event_id, "sub_event_type", sub,
                       f"{etype} has the sub-types {', '.join(EVENT_TYPES[etype])}")
    if not values.get("actor1", event.actor1):
        raise _bad(event.event_id, "actor1", "", "every event has a first actor")
    updated = event.replace(**values)
    extra: dict[str, Any] = {}
    if "event_type" in values or "sub_event_type" in values:
        extra["disorder_type"] = disorder_type_for(etype, sub)
    if "inter1" in values or "inter2" in values:
        extra["interaction"] = interaction_code(updated.inter1, updated.inter2)
    if "fatalities" in values:
        extra.update(fatalities_unknown=False, fatalities_low=updated.fatalities,
                     fatalities_high=updated.fatalities)
    updated = updated.replace(**extra)
    changed = {name: (field_value(event, name), field_value(updated, name)) for name in values
               if not same_value(name, field_value(event, name), field_value(updated, name))}
    return updated, changed


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
