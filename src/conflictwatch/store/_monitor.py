"""The monitor's state in the store (schema 5): sources, the entries they gave, fingerprints of the
documents stored, and the alerts delivered.

Every method is one transaction. :meth:`MonitorState.record_item` stores a new document, the
entry that gave it and the document's fingerprint together, so a monitor killed at any point
either has all three or none: restarted, it reads the entry again and stores it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select, update

from conflictwatch.records import Document
from conflictwatch.store import _schema as S
from conflictwatch.store._store import Store, _document_row

__all__ = ["HEALTH_STATES", "STALE_AFTER", "ItemState", "MonitorState", "SourceHealth"]

ItemStatus = Literal["stored", "duplicate", "failed"]
HealthState = Literal["ok", "failing", "stale"]
#: A source's health states: its last poll succeeded and is recent enough; its last poll failed
#: (``errors`` in a row); no poll has succeeded for longer than ``stale_after`` (no monitor runs?).
HEALTH_STATES: tuple[HealthState, ...] = ("ok", "failing", "stale")
#: How long after its last success a source that has not failed since counts as stale, by default.
STALE_AFTER = timedelta(days=1)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def item_id(source: str, entry_key: str) -> str:
    return hashlib.sha256(f"{source}\x1f{entry_key}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ItemState:
    """What the monitor recorded for one entry of one source."""

    source: str
    entry_key: str
    url: str
    doc_id: str | None
    status: ItemStatus
    message: str
    attempts: int
    seen: str


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One source's health: its state (see :data:`HEALTH_STATES`), last poll and success,
    consecutive and total errors, items seen."""

    name: str
    url: str
    state: HealthState
    last_poll: str | None
    last_success: str | None
    last_error: str
    last_error_at: str | None
    errors: int
    total_errors: int
    polls: int
    items_24h: int
    items_per_day_7d: float
    stored: int | None  # all-time entry counts; None when health() was asked not to count them
    duplicates: int | None
    failed: int | None

    def to_dict(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in self.__slots__}  # type: ignore[attr-defined]


class MonitorState:
    """The monitor's state tables of ``store`` (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- sources ---------------------------------------------------------------------------

    def source(self, name: str) -> dict[str, object] | None:
        """The stored row of source ``name`` (validators, health), or None before its first poll."""
        with self.store._tx("reading a monitored source") as conn:
            row = conn.execute(select(S.monitor_sources).where(S.monitor_sources.c.name == name)).mappings().first()
        return dict(row) if row is not None else None

    def _ensure_source(self, conn: object, name: str, url: str) -> None:
        stmt = self.store._insert(S.monitor_sources).values(
            name=name, url=url, etag="", last_modified="", last_error="", errors=0, total_errors=0, polls=0)
        conn.execute(stmt.on_conflict_do_update(  # type: ignore[attr-defined]
            index_elements=["name"], set_={"url": url}))

    def poll_succeeded(self, name: str, url: str, *, at: datetime, etag: str, last_modified: str) -> None:
        """Record a poll of ``name`` that read its feed or page (or got 304 Not Modified)."""
        t = S.monitor_sources
        with self.store._tx("recording a poll", write=True) as conn:
            self._ensure_source(conn, name, url)
            conn.execute(update(t).where(t.c.name == name).values(
                etag=etag, last_modified=last_modified, last_poll=_iso(at), last_success=_iso(at),
                errors=0, polls=t.c.polls + 1))

    def poll_failed(self, name: str, url: str, *, at: datetime, message: str) -> None:
        """Record a poll of ``name`` that failed (``message`` says why)."""
        t = S.monitor_sources
        with self.store._tx("recording a failed poll", write=True) as conn:
            self._ensure_source(conn, name, url)
            conn.execute(update(t).where(t.c.name == name).values(
                last_poll=_iso(at), last_error=message, last_error_at=_iso(at), errors=t.c.errors + 1,
                total_errors=t.c.total_errors + 1, polls=t.c.polls + 1))

    # -- items -----------------------------------------------------------------------------

    def items(self, source: str, entry_keys: Iterable[str]) -> dict[str, ItemState]:
        """The recorded entries among ``entry_keys`` of ``source``, by entry key."""
        wanted = {item_id(source, k): k for k in entry_keys}
        t = S.monitor_items
        out: dict[str, ItemState] = {}
        ids = list(wanted)
        with self.store._tx("reading monitored items") as conn:
            for start in range(0, len(ids), 400):
                for r in conn.execute(select(t).where(t.c.item_id.in_(ids[start:start + 400]))).mappings():
                    out[r["entry_key"]] = _item(r)
        return out

    def all_items(self, *, source: str | None = None) -> list[ItemState]:
        """Every recorded entry (of one source when given), oldest first."""
        t = S.monitor_items
        query = select(t).order_by(t.c.seen, t.c.item_id)
        if source is not None:
            query = query.where(t.c.source == source)
        with self.store._tx("reading monitored items") as conn:
            return [_item(r) for r in conn.execute(query).mappings()]

    def doc_for_url(self, url: str) -> str | None:
        """The document an entry with canonical URL ``url`` gave (from any source), or None."""
        t = S.monitor_items
        if not url:
            return None
        with self.store._tx("looking up a URL") as conn:
            return conn.scalar(select(t.c.doc_id).where(t.c.url == url, t.c.doc_id.is_not(None)).limit(1))

    def document_sources(self, doc_id: str) -> list[tuple[str, str]]:
        """The (source, canonical URL) of every entry that gave document ``doc_id``, oldest first."""
        t = S.monitor_items
        with self.store._tx("reading a document's sources") as conn:
            return [(r.source, r.url) for r in conn.execute(
                select(t.c.source, t.c.url).where(t.c.doc_id == doc_id).order_by(t.c.seen, t.c.item_id))]

    def record_item(self, source: str, entry_key: str, *, url: str, at: datetime, status: ItemStatus,
                    document: Document | None = None, doc_id: str | None = None, message: str = "",
                    minhash: Sequence[int] = ()) -> ItemStatus:
        """Record one entry of ``source``; with ``document``, store it (unless stored already) and
        its ``minhash`` in the same transaction. Returns the status recorded: a "stored" entry
        whose document another entry gave already is recorded as a "duplicate"."""
        t = S.monitor_items
        now = _iso(at)
        iid = item_id(source, entry_key)
        with self.store._tx("recording a monitored item", write=True) as conn:
            if document is not None:
                doc_id = document.id
                if conn.scalar(select(S.documents.c.id).where(S.documents.c.id == doc_id)) is None:
                    conn.execute(S.documents.insert().values(**_document_row(document)))
                if minhash:
                    conn.execute(self.store._insert(S.monitor_fingerprints).values(
                        doc_id=doc_id, minhash=" ".join(map(str, minhash)), created=now)
                        .on_conflict_do_nothing(index_elements=["doc_id"]))
            if status == "stored" and doc_id is not None and conn.scalar(
                    select(t.c.item_id).where(t.c.doc_id == doc_id, t.c.item_id != iid).limit(1)) is not None:
                status = "duplicate"
            stmt = self.store._insert(t).values(
                item_id=iid, source=source, entry_key=entry_key, url=url, doc_id=doc_id, status=status,
                message=message, attempts=1, seen=now, updated=now)
            conn.execute(stmt.on_conflict_do_update(index_elements=["item_id"], set_={
                "url": url, "doc_id": doc_id, "status": status, "message": message,
                "attempts": t.c.attempts + 1, "updated": now}))
        return status

    def fingerprints(self, *, since: datetime) -> list[tuple[str, tuple[int, ...]]]:
        """(document id, MinHash) of the documents stored since ``since``."""
        t = S.monitor_fingerprints
        with self.store._tx("reading fingerprints") as conn:
            return [(r.doc_id, tuple(int(v) for v in r.minhash.split()))
                    for r in conn.execute(select(t.c.doc_id, t.c.minhash).where(t.c.created >= _iso(since))
                                          .order_by(t.c.created, t.c.doc_id))]

    def has_unextracted(self) -> bool:
        """Whether any stored document (the monitor's or another writer's) awaits extraction."""
        d = S.documents
        with self.store._tx("looking for unextracted documents") as conn:
            return conn.scalar(select(d.c.id).where(d.c.extracted_at.is_(None)).limit(1)) is not None

    # -- deliveries ------------------------------------------------------------------------

    def delivered(self, channel: str, alert_keys: Iterable[str]) -> set[str]:
        """Those of ``alert_keys`` already delivered through ``channel``."""
        t = S.monitor_deliveries
        keys = list(alert_keys)
        with self.store._tx("reading deliveries") as conn:
            return set(conn.scalars(select(t.c.alert_key).where(t.c.channel == channel, t.c.alert_key.in_(keys))))

    def record_delivery(self, channel: str, alert_key: str, *, at: datetime, alert_json: str) -> None:
        with self.store._tx("recording a delivery", write=True) as conn:
            conn.execute(self.store._insert(S.monitor_deliveries).values(
                channel=channel, alert_key=alert_key, delivered=_iso(at), alert=alert_json)
                .on_conflict_do_nothing(index_elements=["channel", "alert_key"]))

    def deliveries(self, channel: str | None = None) -> list[tuple[str, str, str]]:
        """(channel, alert key, delivered) of every delivery, oldest first."""
        t = S.monitor_deliveries
        query = select(t.c.channel, t.c.alert_key, t.c.delivered).order_by(t.c.delivered, t.c.channel, t.c.alert_key)
        if channel is not None:
            query = query.where(t.c.channel == channel)
        with self.store._tx("reading deliveries") as conn:
            return [(r.channel, r.alert_key, r.delivered) for r in conn.execute(query)]

    # -- health ----------------------------------------------------------------------------

    def source_count(self) -> int:
        """How many sources a monitor has polled into the store."""
        with self.store._tx("counting monitored sources") as conn:
            return int(conn.scalar(select(func.count()).select_from(S.monitor_sources)) or 0)

    def health(self, *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER,
               limit: int | None = None, totals: bool = True) -> list[SourceHealth]:
        """The health of every polled source (the first ``limit`` by name), by name.

        A source is "failing" when its last poll failed, else "stale" when its last success is
        older than ``stale_after`` before ``now``, else "ok". Items per day count the entries
        stored or found duplicate (not the failed ones) over the 7 days before ``now``: an index
        range. The all-time counts (``stored``, ``duplicates``, ``failed``) read every entry a
        source ever gave (seconds for a million); ``totals=False`` leaves them out (None), so
        that the work is bounded by a week of entries of ``limit`` sources.
        """
        now = now or datetime.now(UTC)
        s, i = S.monitor_sources, S.monitor_items
        day, week = _iso(now - timedelta(days=1)), _iso(now - timedelta(days=7))
        stale_before = _iso(now - stale_after)
        counted = i.c.status != "failed"
        with self.store._tx("reading source health") as conn:
            rows = conn.execute(select(s).order_by(s.c.name).limit(limit)).mappings().all()
            names = [r["name"] for r in rows]
            mine = i.c.source.in_(names)
            counts: dict[str, dict[str, int]] = {}
            if totals:
                for r in conn.execute(select(i.c.source, i.c.status, func.count()).where(mine)
                                      .group_by(i.c.source, i.c.status)):
                    counts.setdefault(r[0], {})[r[1]] = int(r[2])
            recent = {r[0]: int(r[1]) for r in conn.execute(
                select(i.c.source, func.count()).where(mine, counted, i.c.seen >= day).group_by(i.c.source))}
            weekly = {r[0]: int(r[1]) for r in conn.execute(
                select(i.c.source, func.count()).where(mine, counted, i.c.seen >= week).group_by(i.c.source))}
        return [SourceHealth(
            name=r["name"], url=r["url"], state=_state(r["errors"], r["last_success"], stale_before),
            last_poll=r["last_poll"], last_success=r["last_success"],
            last_error=r["last_error"], last_error_at=r["last_error_at"], errors=r["errors"],
            total_errors=r["total_errors"], polls=r["polls"], items_24h=recent.get(r["name"], 0),
            items_per_day_7d=round(weekly.get(r["name"], 0) / 7, 1),
            stored=counts.get(r["name"], {}).get("stored", 0) if totals else None,
            duplicates=counts.get(r["name"], {}).get("duplicate", 0) if totals else None,
            failed=counts.get(r["name"], {}).get("failed", 0) if totals else None) for r in rows]


def _state(errors: int, last_success: str | None, stale_before: str) -> HealthState:
    if errors:
        return "failing"
    if not last_success or datetime.fromisoformat(last_success) < datetime.fromisoformat(stale_before):
        return "stale"
    return "ok"


def _item(r: object) -> ItemState:
    m = r  # a RowMapping
    return ItemState(source=m["source"], entry_key=m["entry_key"], url=m["url"], doc_id=m["doc_id"],  # type: ignore[index]
                     status=m["status"], message=m["message"], attempts=m["attempts"], seen=m["seen"])  # type: ignore[index]
