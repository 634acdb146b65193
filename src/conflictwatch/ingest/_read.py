"""Reading every input the user names, and storing what was read."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from typing import Protocol

import httpx
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from conflictwatch.ingest._files import planned_units, read_path
from conflictwatch.ingest._results import (
    IngestFailure,
    IngestNote,
    IngestReport,
    IngestResult,
    ReadProgress,
    UndatedDocument,
)
from conflictwatch.ingest._web import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ITEMS,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    Fetcher,
    FetchPolicy,
    is_url,
    read_url,
)
from conflictwatch.records import Document

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_ITEMS", "DEFAULT_TIMEOUT", "AddCounts", "DocumentSink", "ingest",
           "read_sources"]

log = logging.getLogger("conflictwatch.ingest")

_BATCH = 200


class AddCounts(Protocol):
    """What the store answers to ``add_documents``."""

    @property
    def added(self) -> int: ...

    @property
    def existing(self) -> int: ...


class DocumentSink(Protocol):
    """Where :func:`ingest` writes: :class:`conflictwatch.store.Store` (ingest cannot import the
    store, which is downstream of it)."""

    def add_documents(self, docs: Iterable[Document]) -> AddCounts: ...


def _scheme_failure(source: str) -> IngestFailure | None:
    scheme, sep, _ = source.partition("://")
    if sep and scheme.isalpha() and not is_url(source):
        return IngestFailure(source, f"unsupported URL scheme {scheme + '://'!r}; "
                                     "use http:// or https:// URLs, or local paths")
    return None


def read_sources(
    inputs: Sequence[str],
    *,
    client: httpx.Client | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    follow_links: bool = True,
    published: date | None = None,
    allow_hosts: Collection[str] = (),
    max_items: int = DEFAULT_MAX_ITEMS,
    on_note: Callable[[IngestNote], None] | None = None,
    on_undated: Callable[[UndatedDocument], None] | None = None,
    on_progress: Callable[[ReadProgress], None] | None = None,
) -> Iterator[IngestResult]:
    """Read reports from files, folders and http(s) URLs, one result per document or failure.

    Inputs: ``.txt`` (UTF-8; see :mod:`conflictwatch.ingest._text` for the encoding policy),
    ``.html``/``.htm`` (main text, title and date through trafilatura), ``.jsonl`` (one record
    per line with ``id, url, title, outlet, published, lang, text``), folders (recursively, in
    sorted order, hidden files skipped), and http(s) URLs of pages, text files or RSS/Atom feeds.

    Publication dates: the date the source states (JSONL ``published``, a page's meta tags or
    structured data, a feed entry's date), else the date of the text's dateline (``BAMAKO, Oct 14
    (Reuters) - ``, ``Ségou, le 9 octobre 2025 – ``; a day without a year is the latest such day
    not after ``published`` or, for URLs, the day of the fetch), else ``published``. Neither
    today's date nor a file's time is ever taken. A document left without a date is still
    yielded, and an :class:`UndatedDocument` naming it goes to ``on_undated`` (after the document).

    A bad input (empty, binary, not UTF-8, over ``max_bytes``, unreachable, broken JSONL line)
    yields an :class:`IngestFailure` naming it and saying what to do; the rest goes on. Notes
    (skipped files, fallbacks) go to ``on_note`` and the ``conflictwatch.ingest`` logger.
    ``on_progress`` hears of each unit finished and of each feed's entries once it is parsed (see
    :class:`ReadProgress`); :func:`planned_units` sums the units known before reading.

    URLs are fetched under a :class:`~conflictwatch.ingest._web.FetchPolicy`: http(s) only, no
    redirect to another scheme, no host that resolves to a loopback, private or link-local address
    unless ``allow_hosts`` names it, at most ``max_items`` entries per feed (the rest are noted).
    ``client`` is used for URLs when given (and left open); otherwise one is made with a
    conflictwatch User-Agent and closed at the end.

    Example::

        for item in read_sources(["reports/", "https://example.org/feed.xml"]):
            print(item)
    """
    policy = FetchPolicy.make(max_bytes=max_bytes, timeout=timeout, max_items=max_items,
                              allow_hosts=allow_hosts)
    with ExitStack() as stack:
        http = client
        fetcher: Fetcher | None = None  # one per call: its throttle spaces requests to each host
        for source in inputs:
            bad_scheme = _scheme_failure(source)
            if bad_scheme is not None:
                yield bad_scheme
                if on_progress is not None:
                    on_progress(ReadProgress(done=1))
                continue
            if is_url(source):
                if http is None:
                    http = stack.enter_context(httpx.Client(
                        headers={"User-Agent": USER_AGENT}, timeout=timeout))
                if fetcher is None:
                    fetcher = Fetcher(http, policy)
                items: Iterator[Document | IngestFailure | IngestNote | UndatedDocument | ReadProgress] = read_url(
                    source, fetcher=fetcher, follow_links=follow_links, published=published)
            else:
                items = read_path(source, max_bytes=max_bytes, published=published)
            for item in items:
                if isinstance(item, ReadProgress):
                    if on_progress is not None:
                        on_progress(item)
                elif isinstance(item, IngestNote):
                    log.info("%s", item)
                    if on_note is not None:
                        on_note(item)
                elif isinstance(item, UndatedDocument):
                    log.info("%s: no publication date", item)
                    if on_undated is not None:
                        on_undated(item)
                else:
                    yield item


def _progress(inputs: Sequence[str], enabled: bool, stack: ExitStack) -> tuple[Callable[[int], None],
                                                                                Callable[[ReadProgress], None]]:
    """Two callbacks drawing the bar on stderr: a document read, a :class:`ReadProgress`. Its total
    is the units of the inputs (the files of each folder, each file and URL), grown by each feed's
    entries once it is parsed; beside it, the documents read so far, the time spent and left."""
    if not enabled:
        return (lambda n: None), (lambda step: None)
    progress = stack.enter_context(Progress(
        TextColumn("Ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("files, pages and feed entries,"),
        TextColumn("{task.fields[documents]} documents"), TimeElapsedColumn(), TextColumn("left"),
        TimeRemainingColumn(), console=Console(stderr=True, highlight=False), transient=True))
    total = sum(planned_units(s) for s in inputs)
    task = progress.add_task("Ingesting", total=total, documents=0)
    documents = 0

    def read(n: int) -> None:
        nonlocal documents
        documents += n
        progress.update(task, documents=documents)

    def step(made: ReadProgress) -> None:
        nonlocal total
        if made.planned:
            total += made.planned
            progress.update(task, total=total)
        if made.done:
            progress.advance(task, made.done)

    return read, step


def ingest(
    inputs: Sequence[str],
    *,
    store: DocumentSink,
    client: httpx.Client | None = None,
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    follow_links: bool = True,
    published: date | None = None,
    allow_hosts: Collection[str] = (),
    max_items: int = DEFAULT_MAX_ITEMS,
) -> IngestReport:
    """Read ``inputs`` (see :func:`read_sources`) and add the documents to ``store`` in batches.

    Documents are keyed by their content: one read twice, in this run or an earlier one, counts
    as ``existing``. ``published`` is the publication date of documents that state none of their
    own (no metadata date, no dateline); documents left without any are listed in the report's
    ``undated`` (each once). Failures and notes are collected in the report; nothing is raised
    for a bad input. Store errors propagate.

    Example::

        report = ingest(["reports/"], store=open_store("cw.db"))
        print(report.added, report.existing, len(report.failures))
    """
    failures: list[IngestFailure] = []
    notes: list[IngestNote] = []
    undated: list[UndatedDocument] = []
    added = existing = 0
    seen: set[str] = set()
    unreported: set[str] = set()  # keys of documents read first without a date, not yet listed
    batch: list[Document] = []

    def on_undated(item: UndatedDocument) -> None:
        if item.document in unreported:
            unreported.discard(item.document)
            undated.append(item)

    def flush() -> None:
        nonlocal added, existing
        if batch:
            result = store.add_documents(batch)
            added += result.added
            existing += result.existing
            batch.clear()

    with ExitStack() as stack:
        advance, step = _progress(inputs, progress, stack)
        for item in read_sources(inputs, client=client, max_bytes=max_bytes, timeout=timeout,
                                 follow_links=follow_links, published=published, allow_hosts=allow_hosts,
                                 max_items=max_items, on_note=notes.append,
                                 on_undated=on_undated, on_progress=step):
            if isinstance(item, IngestFailure):
                failures.append(item)
                continue
            advance(1)
            if item.id in seen:
                existing += 1
                continue
            seen.add(item.id)
            if item.published is None:
                unreported.add(item.key)
            batch.append(item)
            if len(batch) >= _BATCH:
                flush()
        flush()
    return IngestReport(added=added, existing=existing, failures=failures, notes=notes, undated=undated)
