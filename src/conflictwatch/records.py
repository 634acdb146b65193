"""Typed records passed between the pipeline stages.

Records flow one way: ``ingest`` makes :class:`Document`; ``extract`` (consulting ``geo``, whose
gazetteer entries are :class:`Place`) makes :class:`Event`; ``merge`` links events into clusters
(:class:`MergeLink`) and offensives (:class:`Offensive`); ``store`` keeps them all; ``watch``,
``report`` and ``web`` only read.

Every record is a frozen dataclass. Dates are :class:`datetime.date`; text fields that ACLED
leaves empty are ``""`` (never ``None``) so that exports match ACLED's layout exactly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, Literal

__all__ = [
    "ACLED_COLUMNS",
    "DISORDER_TYPES",
    "EVENT_TYPES",
    "INTER_CODES",
    "PUBLISHED_YEARS",
    "Document",
    "Event",
    "EventSource",
    "EventStatus",
    "Evidence",
    "MergeLink",
    "Offensive",
    "Place",
    "WeekCount",
    "check_published",
    "check_text",
    "disorder_type_for",
    "document_id",
    "event_id",
    "interaction_code",
    "normalise_text",
]

EventStatus = Literal["automatic", "reviewed", "rejected"]

#: ACLED's export columns, in ACLED's order (the layout of ACLED's data export tool).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: The 6 event types and their 25 sub-event types (CODING_RULES.md).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments")

#: ACLED inter codes (numeric) and their text form (ACLED exports since 2024).
INTER_CODES: dict[int, str] = {
    0: "",
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def disorder_type_for(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder_type for an event type / sub-event type pair."""
    if sub_event_type in ("Excessive force against protesters", "Mob violence"):
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes, smaller first; one-sided events end in 0."""
    if not inter1 or not inter2:
        return (inter1 or inter2) * 10
    return min(inter1, inter2) * 10 + max(inter1, inter2)


_WS = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: The years a publication date may fall in (first, last). Outside them a relative date ("last
#: week", "on Monday") cannot be computed, and no report of this century is dated so.
PUBLISHED_YEARS: tuple[int, int] = (1000, 2999)


def check_text(value: str, what: str) -> None:
    """Raise ``ValueError`` when ``value`` (the field ``what`` of a record) cannot be stored as
    text: a lone UTF-16 surrogate (``"\\udcff"`` in JSON), which is no character, and which no
    UTF-8 file or database can hold, or a NUL character. The one check every reader of records
    applies."""
    m = _SURROGATE.search(value)
    if m is not None:
        raise ValueError(f"{what} holds a lone surrogate (\\u{ord(m.group()):04x} at character "
                         f"{m.start() + 1}), which is no character: fix the record's encoding")
    nul = value.find("\0")
    if nul >= 0:
        raise ValueError(f"{what} holds a NUL character (\\u0000 at character {nul + 1}), which a "
                         "PostgreSQL text column cannot store: remove it")


def check_published(day: date, what: str = "published") -> None:
    """Raise ``ValueError`` when the publication date ``day`` lies outside
    :data:`PUBLISHED_YEARS`."""
    first, last = PUBLISHED_YEARS
    if not first <= day.year <= last:
        raise ValueError(f"{what} {day.isoformat()} is not a date between the years {first} and {last}")


def normalise_text(text: str) -> str:
    """NFC, unified quotes and dashes, collapsed whitespace: the basis of document ids."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return _WS.sub(" ", text).strip()


def document_id(text: str) -> str:
    """Stable document id from normalised content: the same report ingested twice is one row."""
    digest = hashlib.sha256(normalise_text(text).casefold().encode("utf-8")).hexdigest()
    return f"doc-{digest[:20]}"


def event_id(*parts: object) -> str:
    """Stable event id from the parts that identify an event within its source."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"ev-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:20]}"


@dataclass(frozen=True, slots=True)
class Document:
    """One report, as ingested.

    ``id`` is derived from the normalised text (see :func:`document_id`); ``source_id`` is the
    identifier the source gave it (a JSONL ``id``, a feed entry guid), kept for output that other
    tools key on.
    """

    id: str
    text: str
    url: str = ""
    title: str = ""
    outlet: str = ""
    language: str = ""  # "en", "fr" or "" when unknown
    published: date | None = None
    retrieved: datetime | None = None
    source_id: str = ""

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        return cls(id=document_id(text), text=text, **meta)

    @property
    def key(self) -> str:
        """The identifier to show users and write in ``doc_id``: the source's id when it gave one."""
        return self.source_id or self.id


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports one field of an event, with its character span in the document."""

    field: str
    text: str
    start: int
    end: int
    doc_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end,
                "doc_id": self.doc_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(field=d["field"], text=d["text"], start=int(d["start"]), end=int(d["end"]),
                   doc_id=d.get("doc_id", ""))


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (GeoNames row), as a geocoding candidate."""

    geonameid: int
    name: str
    asciiname: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str  # ISO-2, e.g. "ML"
    country: str  # "Mali"
    admin1_code: str = ""
    admin1: str = ""  # ASCII admin-1 name as ACLED writes it, e.g. "Segou"
    admin2_code: str = ""
    admin2: str = ""
    population: int = 0
    score: float = 1.0  # match quality in [0, 1] for a lookup, 1.0 for an exact name


@dataclass(frozen=True, slots=True)
class EventSource:
    """One report behind an event."""

    doc_id: str
    outlet: str = ""
    url: str = ""
    published: date | None = None
    language: str = ""
    source_scale: str = ""
    claimed_by: str = ""  # canonical actor name when the source is a partisan claim


@dataclass(frozen=True, slots=True)
class Event:
    """One event in ACLED's conventions: one day x one location x one actor pair x one type.

    The ACLED fields keep ACLED's names. ``fatalities`` is ACLED's conservative number (0 when
    deaths are reported without a number, with ``fatalities_unknown`` set); ``fatalities_low``
    and ``fatalities_high`` keep the range across sources (UCDP style), ``None`` when unknown.
    """

    event_id: str
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: str
    country: str
    time_precision: int = 1
    disorder_type: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    iso: int = 0
    region: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    # conflictwatch's own fields
    event_id_cnty: str = ""
    fatalities_unknown: bool = False
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    claimed_by: str = ""
    confidence: float = 0.5
    status: EventStatus = "automatic"
    doc_ids: tuple[str, ...] = ()
    sources: tuple[EventSource, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    offensive_id: str = ""
    cluster_id: str = ""  # the merged event this one belongs to, "" when unmerged
    #: The extractor that produced the event (:func:`conflictwatch.extract.extractor_id`, e.g.
    #: "conflictwatch-rules/0.1.0+data.1a2b3c4d+geo.5e6f7a8b"); "" for imported events.
    extractor: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must lie in [0, 1], got {self.confidence!r}")
        if self.time_precision not in (1, 2, 3):
            raise ValueError(f"time_precision must be 1, 2 or 3, got {self.time_precision!r}")
        if self.geo_precision not in (1, 2, 3):
            raise ValueError(f"geo_precision must be 1, 2 or 3, got {self.geo_precision!r}")

    @property
    def year(self) -> int:
        return self.event_date.year

    def replace(self, **changes: Any) -> Event:
        return replace(self, **changes)

    def to_acled_row(self) -> dict[str, Any]:
        """The event as one row of ACLED's export, keyed by :data:`ACLED_COLUMNS`."""
        row: dict[str, Any] = {}
        for col in ACLED_COLUMNS:
            if col == "year":
                row[col] = self.year
            elif col == "event_date":
                row[col] = self.event_date.isoformat()
            elif col == "event_id_cnty":
                row[col] = self.event_id_cnty or self.event_id
            elif col == "disorder_type":
                row[col] = self.disorder_type or disorder_type_for(self.event_type, self.sub_event_type)
            elif col == "timestamp":
                row[col] = ""
            else:
                row[col] = getattr(self, col)
        return row

    def to_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready (dates as ISO strings, nested records as dicts)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, date):
                v = v.isoformat()
            elif f.name == "evidence":
                v = [e.to_dict() for e in v]
            elif f.name == "sources":
                v = [
                    {**{g.name: getattr(s, g.name) for g in fields(s)},
                     "published": s.published.isoformat() if s.published else None}
                    for s in v
                ]
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name] = v
        out["year"] = self.year
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Inverse of :meth:`to_dict` (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {k: v for k, v in d.items() if k in names}
        kw["event_date"] = date.fromisoformat(str(kw["event_date"])[:10])
        kw["evidence"] = tuple(Evidence.from_dict(e) for e in kw.get("evidence") or ())
        kw["sources"] = tuple(
            EventSource(**{**s, "published": date.fromisoformat(s["published"]) if s.get("published") else None})
            for s in kw.get("sources") or ()
        )
        kw["doc_ids"] = tuple(kw.get("doc_ids") or ())
        return cls(**kw)


@dataclass(frozen=True, slots=True)
class MergeLink:
    """A source event linked into a merged event (cluster), with the reason; reversible."""

    cluster_id: str
    event_id: str
    reason: str
    score: float = 1.0
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Events and fatalities of one ACLED week (Saturday to Friday) for one group: ``group`` holds
    the values of the fields the count was grouped by (``Store.weekly_counts(by=...)``), in order."""

    week_start: date
    group: tuple[str, ...]
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class Offensive:
    """Several same-day attacks by one actor (or one campaign) across distinct places."""

    offensive_id: str
    event_date: date
    actor: str
    event_ids: tuple[str, ...]
    admin1s: tuple[str, ...] = ()
    admin2s: tuple[str, ...] = ()
    span_km: float = 0.0
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
