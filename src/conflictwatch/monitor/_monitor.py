"""The monitor: polls sources on their schedules, stores what is new, extracts, merges, alerts.

One round (:meth:`Monitor.run_once`) polls every source that is due, then processes: extracts
the stored documents not yet extracted, merges the new events, computes this week's alerts and
delivers those a channel has not had. :meth:`Monitor.run` repeats rounds until asked to stop
(:meth:`Monitor.stop`, SIGTERM in the CLI), sleeping until the next source is due.

What survives a restart lives in the store (:class:`~conflictwatch.store.MonitorState`): each
source's validators and last poll (a source is not polled before it is due again), each entry
seen (never fetched twice; a failed one is retried on the next two polls), fingerprints, and
deliveries. A new document, its entry and its fingerprint are written in one transaction, and
extraction, merging and delivery pick up whatever an interrupted run left undone: a monitor
killed at any point and restarted loses no item and stores none twice.

De-duplication: an entry already seen (by its guid, or its link for listing pages) is skipped;
an entry whose canonical URL another source gave is recorded as that document's source without
fetching it; a document whose text is the same (same content id) or nearly the same (MinHash,
:mod:`._dedup`) as a stored one is recorded as another source of that document.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Self

import httpx

from conflictwatch.errors import ConflictwatchError, DeliveryError, IngestError
from conflictwatch.extract import Extractor
from conflictwatch.extract.io import extract_stored
from conflictwatch.ingest import (
    USER_AGENT,
    Fetched,
    Fetcher,
    FetchPolicy,
    IngestFailure,
    IngestNote,
    ParsedFeed,
    UndatedDocument,
    canonical_url,
    content_kind,
    entry_documents,
    listing_links,
    page_document,
    parse_feed,
)
from conflictwatch.ingest._files import dated
from conflictwatch.merge import merge_store
from conflictwatch.monitor._channels import Channel, _wanted, alert_key, make_channel
from conflictwatch.monitor._config import MonitorConfig, SourceConfig
from conflictwatch.monitor._dedup import NearDuplicates, minhash
from conflictwatch.records import Document
from conflictwatch.store import Store
from conflictwatch.store._monitor import MonitorState
from conflictwatch.watch import ALERT_HISTORY, Alert, alerts

__all__ = ["MAX_ATTEMPTS", "Monitor", "PollResult", "ProcessResult"]

log = logging.getLogger("conflictwatch.monitor")

#: Polls on which a failed entry is tried (then it stays failed, and reported).
MAX_ATTEMPTS = 3
#: Fingerprints compared against: documents stored this many days back.
DUPLICATE_WINDOW = timedelta(days=14)


@dataclass(slots=True)
class PollResult:
    """What one poll of one source did."""

    source: str
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str = ""
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.error:
            return f"{self.source}: poll failed: {self.error}"
        if self.not_modified:
            return f"{self.source}: not modified"
        return (f"{self.source}: {self.stored} new, {self.duplicates} duplicate, {self.failed} failed, "
                f"{self.skipped} already seen")


@dataclass(slots=True)
class ProcessResult:
    """What processing after a round did: documents extracted, events found, alerts delivered."""

    documents: int = 0
    events: int = 0
    merged: bool = False
    alerts: int = 0
    delivered: list[tuple[str, str]] = field(default_factory=list)  # (channel, alert key)
    errors: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC)


class Monitor:
    """Runs a :class:`~conflictwatch.monitor.MonitorConfig` against ``store``.

    ``extractor`` is made on first need by ``make_extractor`` when not given (loading spaCy and
    the gazetteer takes seconds). ``clock`` gives the time (UTC) and ``as_of`` the day alerts are
    computed for (default: the clock's day); ``client`` is the HTTP client for fetching (left open).
    """

    def __init__(self, config: MonitorConfig, *, store: Store, extractor: Extractor | None = None,
                 make_extractor: Callable[[], Extractor] | None = None, client: httpx.Client | None = None,
                 channels: list[Channel] | None = None, clock: Callable[[], datetime] = _now,
                 as_of: Callable[[], date] | None = None) -> None:
        self.config = config
        self.store = store
        self.state = MonitorState(store)
        self._extractor = extractor
        self._make_extractor = make_extractor
        self._own_client = client is None
        self.client = client or httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=config.timeout)
        self.channels: list[Channel] = channels if channels is not None else [make_channel(c) for c in config.channels]
        self.clock = clock
        self.as_of = as_of or (lambda: self.clock().date())
        self._stop = threading.Event()
        self._fetchers: dict[str, Fetcher] = {}
        self._dupes = NearDuplicates(self.state.fingerprints(since=clock() - DUPLICATE_WINDOW),
                                     threshold=config.duplicate_threshold)
        self._rounds = 0
        base = FetchPolicy.make(max_bytes=config.max_bytes, timeout=config.timeout, max_items=config.max_items,
                                retries=config.retries, backoff=config.backoff, min_interval=config.host_interval,
                                allow_hosts=config.allow_hosts)
        self._base_policy = base

    # -- life cycle -------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask :meth:`run` to stop: the entry being read is finished, nothing else is started."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def close(self) -> None:
        for ch in self.channels:
            ch.close()
        if self._own_client:
            self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            if self._make_extractor is None:
                raise ConflictwatchError("the monitor has no extractor; pass extractor= or make_extractor=")
            self._extractor = self._make_extractor()
        return self._extractor

    def _fetcher(self, source: SourceConfig) -> Fetcher:
        fetcher = self._fetchers.get(source.name)
        if fetcher is None:
            policy = replace(self._base_policy,
                             allow_hosts=self._base_policy.allow_hosts | frozenset(source.allow_hosts))
            shared = next(iter(self._fetchers.values()), None)  # one throttle for all: hosts are shared
            fetcher = Fetcher(self.client, policy, sleep=self._sleep,
                              throttle=shared.throttle if shared is not None else None)
            self._fetchers[source.name] = fetcher
        return fetcher

    # -- schedule ---------------------------------------------------------------------------

    def next_due(self, source: SourceConfig) -> datetime:
        """When ``source`` is next due: its last poll plus its interval (at once if never polled)."""
        row = self.state.source(source.name)
        last = row.get("last_poll") if row else None
        if not last:
            return datetime.min.replace(tzinfo=UTC)
        return datetime.fromisoformat(str(last)) + timedelta(seconds=source.every)

    def due(self) -> list[SourceConfig]:
        now = self.clock()
        return [s for s in self.config.sources if self.next_due(s) <= now]

    def run_once(self, *, force: bool = False) -> tuple[list[PollResult], ProcessResult]:
        """Poll the due sources (all of them with ``force``), then process what arrived."""
        polls = []
        for source in (self.config.sources if force else self.due()):
            if self.stopping:
                break
            result = self.poll(source)
            log.info("%s", result)
            polls.append(result)
        processed = self.process(alerts_due=self._rounds == 0 or any(p.stored for p in polls))
        self._rounds += 1
        return polls, processed

    def run(self, *, on_round: Callable[[list[PollResult], ProcessResult], None] | None = None) -> None:
        """Rounds until :meth:`stop`: poll what is due, process, sleep until the next source is due."""
        while not self.stopping:
            polls, processed = self.run_once()
            if on_round is not None:
                on_round(polls, processed)
            if self.stopping:
                break
            wake = min(self.next_due(s) for s in self.config.sources)
            self._sleep(max(1.0, (wake - self.clock()).total_seconds()))

    # -- one poll ---------------------------------------------------------------------------

    def poll(self, source: SourceConfig) -> PollResult:
        """Fetch ``source`` (conditionally) and record each entry not seen before."""
        result = PollResult(source.name)
        fetcher = self._fetcher(source)
        row = self.state.source(source.name) or {}
        try:
            fetched = fetcher.fetch(source.url, what="feed" if source.kind == "feed" else "page",
                                    etag=str(row.get("etag") or ""), last_modified=str(row.get("last_modified") or ""))
            if fetched.not_modified:
                result.not_modified = True
                self.state.poll_succeeded(source.name, source.url, at=self.clock(), etag=fetched.etag or
                                          str(row.get("etag") or ""), last_modified=fetched.last_modified or
                                          str(row.get("last_modified") or ""))
                return result
            if source.kind == "feed":
                feed = parse_feed(source.url, fetched, max_items=fetcher.policy.max_items)
                self._read_feed(source, feed, fetcher, result)
                if feed.over_budget is not None:
                    result.notes.append(str(feed.over_budget.message))
            else:
                self._read_listing(source, fetched, fetcher, result)
        except IngestError as exc:
            result.error = f"{exc.source or source.url}: {exc}"
            self.state.poll_failed(source.name, source.url, at=self.clock(), message=result.error)
            log.warning("%s: poll failed: %s", source.name, result.error)
            return result
        if self.stopping:  # an interrupted poll: the validators stay, the next poll reads it all again
            return result
        self.state.poll_succeeded(source.name, source.url, at=self.clock(), etag=fetched.etag,
                                  last_modified=fetched.last_modified)
        return result

    def _pending(self, source: SourceConfig, keys: list[str], result: PollResult) -> set[str]:
        known = self.state.items(source.name, keys)
        todo = set()
        for key in keys:
            item = known.get(key)
            if item is None or (item.status == "failed" and item.attempts < MAX_ATTEMPTS):
                todo.add(key)
            else:
                result.skipped += 1
        return todo

    def _read_feed(self, source: SourceConfig, feed: ParsedFeed, fetcher: Fetcher, result: PollResult) -> None:
        if source.language and not feed.language:
            feed = replace(feed, language=source.language)
        todo = self._pending(source, [e.key for e in feed.entries], result)
        for entry in feed.entries:
            if self.stopping:
                return
            if entry.key not in todo:
                continue
            todo.discard(entry.key)  # a feed repeating a guid: read once
            url = canonical_url(entry.link) if entry.link else ""
            if self._known_url(source, entry.key, url, result):
                continue
            items = entry_documents(entry, feed, fetcher=fetcher, follow_links=source.follow_links)
            self._record(source, entry.key, url, entry.label, items, result)

    def _read_listing(self, source: SourceConfig, fetched: Fetched, fetcher: Fetcher, result: PollResult) -> None:
        links = listing_links(fetched, pattern=source.pattern, max_items=fetcher.policy.max_items)
        keys = [canonical_url(link) for link in links]
        todo = self._pending(source, keys, result)
        for link, key in zip(links, keys, strict=True):
            if self.stopping:
                return
            if key not in todo:
                continue
            if self._known_url(source, key, key, result):
                continue
            label = f"{source.url} link {link}"
            try:
                page = fetcher.fetch(link)
                if content_kind(page) != "html":
                    raise IngestError("the link is not an HTML page", source=link)
                doc = page_document(link, page)
                if source.language and not doc.language:
                    doc = replace(doc, language=source.language)
                items: Any = dated(doc, label, default=None, reference=page.retrieved.date())
            except IngestError as exc:
                items = iter([IngestFailure(label, str(exc))])
            self._record(source, key, key, label, items, result)

    def _known_url(self, source: SourceConfig, key: str, url: str, result: PollResult) -> bool:
        doc_id = self.state.doc_for_url(url)
        if doc_id is None:
            return False
        self.state.record_item(source.name, key, url=url, at=self.clock(), status="duplicate", doc_id=doc_id,
                               message="the same URL as an entry of another source")
        result.duplicates += 1
        return True

    def _record(self, source: SourceConfig, key: str, url: str, label: str, items: Any, result: PollResult) -> None:
        doc: Document | None = None
        failure = ""
        for item in items:
            if isinstance(item, Document):
                doc = item
            elif isinstance(item, IngestFailure):
                failure = item.message
            elif isinstance(item, IngestNote):
                result.notes.append(str(item))
            elif isinstance(item, UndatedDocument):
                result.notes.append(f"{item}: no publication date found in the entry or its page")
        at = self.clock()
        if doc is None:
            message = failure or "the entry gave no document"
            self.state.record_item(source.name, key, url=url, at=at, status="failed", message=message)
            result.failed += 1
            result.failures.append(f"{label}: {message}")
            log.warning("%s: %s", label, message)
            return
        if doc.url:
            url = canonical_url(doc.url)
        fingerprint = minhash(doc.text)
        match = self._dupes.match(fingerprint)
        if match is not None and match[0] != doc.id:
            status = self.state.record_item(source.name, key, url=url, at=at, status="duplicate", doc_id=match[0],
                                            message=f"the same story as {match[0]} (similarity {match[1]:.2f})")
        else:
            status = self.state.record_item(source.name, key, url=url, at=at, status="stored", document=doc,
                                            minhash=fingerprint)
            if match is None:
                self._dupes.add(doc.id, fingerprint)
        if status == "stored":
            result.stored += 1
        else:
            result.duplicates += 1

    # -- processing -------------------------------------------------------------------------

    def process(self, *, alerts_due: bool = True) -> ProcessResult:
        """Extract the unextracted documents, merge new events, deliver this week's new alerts
        (computed when ``alerts_due`` or when events were extracted)."""
        out = ProcessResult()
        if self.stopping:
            return out
        if self.state.has_unextracted():
            report = extract_stored(self.store, self.extractor,
                                    on_error=lambda e: out.errors.append(str(e)))
            out.documents, out.events = report.documents, report.events
            if report.events:
                merge_store(self.store, since=self.as_of() - timedelta(days=self.config.merge_days))
                out.merged = True
        if not (alerts_due or out.events) or not self.channels or self.stopping:
            return out
        found = self.current_alerts()
        out.alerts = len(found)
        self._deliver(found, out)
        return out

    def current_alerts(self) -> list[Alert]:
        """This week's alerts (for ``as_of``), over the stored events."""
        as_of = self.as_of()
        since = as_of - ALERT_HISTORY
        history = self.store.query_events(since=since, until=as_of)
        return alerts(history, as_of=as_of, country=self.config.country or None,
                      offensives=self.store.offensives(since=since, until=as_of))

    def _deliver(self, found: list[Alert], out: ProcessResult) -> None:
        keyed = [(alert_key(a), a) for a in found]
        for channel in self.channels:
            wanted = [(k, a) for k, a in keyed if _wanted(a.severity, channel.min_severity)]
            done = self.state.delivered(channel.name, [k for k, _ in wanted])
            for key, alert in wanted:
                if key in done or self.stopping:
                    continue
                try:
                    channel.deliver(alert, key)
                except DeliveryError as exc:
                    out.errors.append(str(exc))
                    log.warning("%s", exc)
                    break  # the channel is down: the rest wait for the next round
                self.state.record_delivery(channel.name, key, at=self.clock(),
                                           alert_json=json.dumps(alert.to_dict(), sort_keys=True))
                out.delivered.append((channel.name, key))

