"""Extraction in worker processes on one machine, results in input order.

Extraction is a pure function of (text, metadata, reference data), so a worker needs only what
to load: an :class:`ExtractorSpec` (the data directory of the gazetteer). Each worker process
builds its :class:`~conflictwatch.extract.Extractor` once, in the pool's initializer, and then
extracts chunks of documents; the parent sends a bounded window of chunks ahead (memory stays
flat on inputs of any length) and yields the outcomes in the order the documents came.

Workers are started with ``spawn`` (a fresh interpreter each: no locks or threads inherited
from the parent, the same on Linux and macOS); with one worker nothing is started and the
documents are extracted in this process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictwatch.errors import ExtractError
from conflictwatch.extract._extractor import Extractor, extractor_id
from conflictwatch.geo import Gazetteer
from conflictwatch.records import Document, Event

__all__ = ["DOCS_PER_WORKER", "ExtractorSpec", "Outcome", "default_workers", "extract_parallel",
           "worker_count"]

#: A worker is started only for every this many documents: starting one costs about a second.
DOCS_PER_WORKER = 16
#: Documents sent to a worker at a time.
CHUNK = 8
#: Chunks in flight per worker (sent ahead of the one being written).
WINDOW = 4


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """What a worker needs to build the extractor: the data directory holding the gazetteer."""

    data_dir: Path

    def build(self) -> Extractor:
        """The extractor (loads the gazetteer, the lexicons and, on first use, the pipelines)."""
        return Extractor(Gazetteer.load(self.data_dir))

    def extractor_id(self) -> str:
        """The id the built extractor will have (:func:`~conflictwatch.extract.extractor_id`),
        without building its pipelines."""
        return extractor_id(Gazetteer.load(self.data_dir))


@dataclass(frozen=True, slots=True)
class Outcome:
    """One document's result: its events, or the message of the :class:`ExtractError` it raised."""

    document: Document
    events: tuple[Event, ...] = ()
    error: str = ""


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count(workers: int, documents: int | None) -> int:
    """How many worker processes to start for ``documents`` (None: not known) when ``workers``
    are asked for: never more than one per :data:`DOCS_PER_WORKER` documents."""
    if workers < 1:
        raise ExtractError(f"--workers must be 1 or more, not {workers}")
    if documents is None:
        return workers
    return max(1, min(workers, -(-documents // DOCS_PER_WORKER)))


def _outcome(extractor: Extractor, doc: Document) -> Outcome:
    try:
        return Outcome(doc, tuple(extractor.extract(doc)))
    except ExtractError as exc:
        return Outcome(doc, error=str(exc))


_WORKER: Extractor | None = None


def _init_worker(spec: ExtractorSpec) -> None:
    global _WORKER
    _WORKER = spec.build()


def _extract_chunk(docs: list[Document]) -> list[Outcome]:
    assert _WORKER is not None, "the pool's initializer did not run"
    return [_outcome(_WORKER, d) for d in docs]


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_parallel(docs: Iterable[Document], extractor: Extractor | ExtractorSpec, *,
                     workers: int = 1, chunk: int = CHUNK) -> Iterator[Outcome]:
    """The :class:`Outcome` of each document of ``docs``, in their order.

    With ``workers`` > 1, ``extractor`` must be an :class:`ExtractorSpec`: each of the worker
    processes builds its own extractor from it once. ``docs`` is read as the results are taken,
    at most ``workers * WINDOW`` chunks ahead. Closing the iterator early stops the workers.
    """
    if workers <= 1:
        built = extractor.build() if isinstance(extractor, ExtractorSpec) else extractor
        for doc in docs:
            yield _outcome(built, doc)
        return
    if not isinstance(extractor, ExtractorSpec):
        raise ExtractError("extracting with several workers needs an ExtractorSpec (the data directory "
                           "each worker loads), not a built Extractor; or pass workers=1")
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(extractor,))
    try:
        pending: deque[Any] = deque()
        for part in _chunks(docs, chunk):
            pending.append(pool.apply_async(_extract_chunk, (part,)))
            if len(pending) >= workers * WINDOW:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
