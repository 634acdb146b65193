"""Extraction over files and stores: JSONL documents in, JSONL events out.

Input: one JSON document per line with ``id`` and ``text`` (optional ``lang``, ``published``,
``title``, ``url``, ``source``/``outlet``; other keys, such as a gold set's ``events``, are ignored).
Output: one event per line, ``doc_id`` (the input ``id``) first, then every field of
:class:`~conflictwatch.records.Event` (ACLED's columns, ``confidence``, ``evidence``...).
A line that cannot be read is reported as a :class:`LineError` naming ``file:line`` and the rest
goes on.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import secrets
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from conflictwatch.constants import LEASE_SECONDS
from conflictwatch.extract._extractor import Extractor
from conflictwatch.extract._parallel import ExtractorSpec, Outcome, extract_parallel
from conflictwatch.records import Document, Event, check_published, check_text

__all__ = [
    "LEASE_SECONDS",
    "ExtractReport",
    "LineError",
    "count_lines",
    "document_from_record",
    "event_json",
    "extract_file",
    "extract_stored",
    "extract_to_file",
    "progress_path",
    "read_documents",
    "release_dead_claims",
]


@dataclass(frozen=True, slots=True)
class LineError:
    """A line of the input that is not a usable document."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # line 0: a whole document (of a file, or a stored one), not one line
        return f"{self.path}: {self.message}" if self.line == 0 else f"{self.path}:{self.line}: {self.message}"


@dataclass(slots=True)
class ExtractReport:
    """What an extraction run did."""

    documents: int = 0
    documents_with_events: int = 0
    events: int = 0
    failures: list[LineError] = field(default_factory=list)
    #: Stored documents left out because this extractor failed on them before (``extract_stored``).
    skipped_failed: int = 0


def document_from_record(record: Any) -> Document:
    """The :class:`Document` of one input record (a JSONL line's object, a Parquet row): ``id``
    and ``text`` needed; ValueError or TypeError saying what is wrong otherwise."""
    if not isinstance(record, dict):
        raise TypeError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('the "text" field is missing or empty')
    raw_id = record.get("id")
    if raw_id is None or str(raw_id) == "":
        raise ValueError('the "id" field is missing')
    for key, value in record.items():
        if isinstance(value, str):
            check_text(value, f'"{key}"')
    published = record.get("published")
    day: date | None = None
    if published:
        try:
            day = date.fromisoformat(str(published)[:10])
        except ValueError as exc:
            raise ValueError(f'"published" is not an ISO date (YYYY-MM-DD): {published!r}') from exc
        try:
            check_published(day, '"published"')
        except ValueError as exc:
            raise ValueError(f"{exc}: fix or remove it") from exc
    lang = str(record.get("lang") or record.get("language") or "")
    return Document.from_text(text, source_id=str(raw_id), language=lang, published=day,
                              title=str(record.get("title") or ""), url=str(record.get("url") or ""),
                              outlet=str(record.get("outlet") or record.get("source") or ""))


def _lines(fh: IO[bytes]) -> Iterator[str | UnicodeDecodeError]:
    """The lines of a JSONL file, decoded: UTF-8 (a byte-order mark allowed), or UTF-16 when the
    file starts with a UTF-16 byte-order mark; a line that does not decode is its error."""
    head = fh.read(2)
    fh.seek(0)
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = io.TextIOWrapper(fh, encoding="utf-16", newline=None)
        try:
            yield from text
        except UnicodeDecodeError as exc:
            yield exc
        finally:
            text.detach()
        return
    for lineno, raw in enumerate(fh, start=1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def _decode_error(exc: UnicodeDecodeError) -> str:
    if exc.encoding.replace("-", "").lower().startswith("utf16"):
        return "not valid UTF-16 from this line on (the file starts with a UTF-16 byte-order mark); re-save it as UTF-8"
    return (f"line is not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at byte {exc.start + 1}); "
            "re-save the file as UTF-8")


def read_documents(path: str | Path, stream: IO[str] | None = None) -> Iterator[Document | LineError]:
    """The documents of a JSONL file (or ``stream``), with a :class:`LineError` for each bad line
    (not UTF-8, not JSON, not a usable document); the file may be UTF-8 or, with its byte-order
    mark, UTF-16."""
    for _, item in _numbered(path, stream=stream):
        yield item


def count_lines(path: str | Path) -> int:
    """The number of non-blank lines of a file (to size a progress bar), whatever its encoding."""
    with open(path, "rb") as fh:
        return sum(1 for line in _lines(fh) if isinstance(line, UnicodeDecodeError) or line.strip())


def event_json(event: Event, doc_key: str) -> str:
    """One output line: ``doc_id`` then the event's fields."""
    return json.dumps({"doc_id": doc_key, **event.to_dict()}, ensure_ascii=False)


def _numbered(path: str | Path, start_line: int = 1, *,
              stream: IO[str] | None = None) -> Iterator[tuple[int, Document | LineError]]:
    """``(line number, document or error)`` for each non-blank line of ``path`` (or ``stream``)
    from ``start_line``: see :func:`read_documents`."""
    name = str(path)
    fh: IO[bytes] | None = None
    lines: Iterable[str | UnicodeDecodeError]
    if stream is not None:
        lines = stream
    else:
        fh = open(path, "rb")  # noqa: SIM115
        lines = _lines(fh)
    try:
        for lineno, line in enumerate(lines, start=1):
            if isinstance(line, UnicodeDecodeError):
                if lineno >= start_line:
                    yield lineno, LineError(name, lineno, _decode_error(line))
                if not line.encoding.lower().startswith("utf-8"):
                    return
                continue
            if lineno < start_line or not line.strip():
                continue
            try:
                yield lineno, document_from_record(json.loads(line.rstrip("\r\n")))
            except json.JSONDecodeError as exc:
                reason = re.sub(r"\s+(?:starting )?at$", "", exc.msg)
                yield lineno, LineError(name, lineno, f"not valid JSON ({reason}, column {exc.colno}); "
                                                      "fix or remove the line")
            except (ValueError, TypeError) as exc:
                yield lineno, LineError(name, lineno, str(exc))
    finally:
        if fh is not None:
            fh.close()


def _file_outcomes(path: str | Path, extractor: Extractor | ExtractorSpec, *, workers: int,
                   start_line: int = 1) -> Iterator[tuple[int, Outcome | LineError]]:
    """Each line's outcome in line order, the documents extracted by ``workers`` processes.

    The lines are read ahead of the results (to keep the workers busy); bad lines wait in line
    with the documents read before them, so that everything comes out in the file's order.
    """
    waiting: deque[tuple[int, LineError | None]] = deque()

    def documents() -> Iterator[Document]:
        for lineno, item in _numbered(path, start_line):
            if isinstance(item, LineError):
                waiting.append((lineno, item))
            else:
                waiting.append((lineno, None))
                yield item

    for outcome in extract_parallel(documents(), extractor, workers=workers):
        while True:
            lineno, bad = waiting.popleft()
            if bad is None:
                yield lineno, outcome
                break
            yield lineno, bad
    while waiting:
        lineno, bad = waiting.popleft()
        assert bad is not None
        yield lineno, bad


def _tally(report: ExtractReport, path: str | Path, item: Outcome | LineError,
           on_error: Callable[[LineError], None] | None) -> list[Event]:
    """Count ``item`` in ``report`` (reporting a failure) and return its events."""
    if isinstance(item, LineError):
        failure: LineError | None = item
        events: list[Event] = []
    else:
        failure = LineError(str(path), 0, f"document {item.document.key}: {item.error}") if item.error else None
        events = list(item.events)
        report.documents += 1
        report.events += len(events)
        report.documents_with_events += bool(events)
    if failure is not None:
        report.failures.append(failure)
        if on_error is not None:
            on_error(failure)
    return events


def extract_file(path: str | Path, output: IO[str], extractor: Extractor | ExtractorSpec, *,
                 workers: int = 1,
                 on_document: Callable[[], None] | None = None,
                 on_error: Callable[[LineError], None] | None = None) -> ExtractReport:
    """Extract every document of the JSONL file ``path`` and write its events to ``output``, in
    the file's order, with ``workers`` processes (each builds the extractor from the
    :class:`ExtractorSpec` once; with one, a built :class:`Extractor` may be given)."""
    report = ExtractReport()
    for _, item in _file_outcomes(path, extractor, workers=workers):
        for ev in _tally(report, path, item, on_error):
            output.write(event_json(ev, item.document.key) + "\n")  # type: ignore[union-attr]
        if on_document is not None:
            on_document()
    return report


#: A resumable run records where it stands after every this many documents.
CHECKPOINT_EVERY = 32


def progress_path(output: str | Path) -> Path:
    """Where a run writing ``output`` records how far it got: ``OUTPUT.progress.json``."""
    out = Path(output)
    return out.with_name(out.name + ".progress.json")


def _input_stamp(path: str | Path) -> dict[str, Any]:
    st = os.stat(path)
    return {"input": str(Path(path).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _read_progress(progress: Path, stamp: dict[str, Any]) -> dict[str, Any] | None:
    """The saved progress of an interrupted run on the same input by the same extractor, or None."""
    try:
        saved = json.loads(progress.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or any(saved.get(k) != v for k, v in stamp.items()):
        return None
    return saved


def extract_to_file(path: str | Path, output: str | Path, extractor: Extractor | ExtractorSpec, *,
                    workers: int = 1, extractor_key: str = "",
                    on_resume: Callable[[int, int], None] | None = None,
                    on_document: Callable[[], None] | None = None,
                    on_error: Callable[[LineError], None] | None = None) -> ExtractReport:
    """:func:`extract_file` into the file ``output``, resumable: every :data:`CHECKPOINT_EVERY`
    documents the run records, in :func:`progress_path`, the last input line done and the
    output's length then. A run killed at any point and started again on the same input (same
    size and time) with the same extractor (``extractor_key``, e.g. its extractor id) cuts the
    output back to the recorded length and goes on from the next line (``on_resume(line,
    documents)`` is told); the finished file is the same as an uninterrupted run's, and the
    progress file is removed. Without saved progress the output is written anew.
    """
    progress = progress_path(output)
    stamp = {**_input_stamp(path), "extractor": extractor_key}
    saved = _read_progress(progress, stamp)
    report = ExtractReport()
    start = 1
    mode = "wb"
    if saved is not None and Path(output).is_file() and Path(output).stat().st_size >= int(saved["offset"]):
        start = int(saved["line"]) + 1
        report.documents, report.events = int(saved["documents"]), int(saved["events"])
        report.documents_with_events = int(saved["documents_with_events"])
        report.failures = [LineError(str(f[0]), int(f[1]), str(f[2])) for f in saved["failures"]]
        mode = "r+b"
        if on_resume is not None:
            on_resume(start - 1, report.documents)
    with open(output, mode) as out:
        if mode == "r+b":
            out.truncate(int(saved["offset"]))  # type: ignore[index]
            out.seek(0, os.SEEK_END)
        since = 0

        def checkpoint(line: int) -> None:
            out.flush()
            tmp = progress.with_name(progress.name + ".tmp")
            tmp.write_text(json.dumps({
                **stamp, "line": line, "offset": out.tell(), "documents": report.documents,
                "events": report.events, "documents_with_events": report.documents_with_events,
                "failures": [[f.path, f.line, f.message] for f in report.failures]}), encoding="utf-8")
            os.replace(tmp, progress)

        for lineno, item in _file_outcomes(path, extractor, workers=workers, start_line=start):
            out.writelines((event_json(ev, item.document.key) + "\n").encode("utf-8") for ev in _tally(report, path, item, on_error))  # type: ignore[union-attr]
            since += 1
            if since >= CHECKPOINT_EVERY:
                checkpoint(lineno)
                since = 0
            if on_document is not None:
                on_document()
    progress.unlink(missing_ok=True)
    return report


class _Failure(Protocol):
    @property
    def doc_id(self) -> str: ...


class _Claim(Protocol):
    @property
    def owner(self) -> str: ...


class _Store(Protocol):
    def claim_documents(self, owner: str, *, limit: int, lease_seconds: float, after: str = "",
                        not_extracted: bool = True, extracted_before: str | None = None,
                        skip_failed_by: str | None = None) -> list[Document]: ...

    def renew_claims(self, owner: str, *, lease_seconds: float) -> int: ...

    def release_claims(self, owner: str) -> int: ...

    def claims(self) -> Sequence[_Claim]: ...

    def save_extraction(self, doc_id: str, events: Sequence[Event], *, extractor: str) -> None: ...

    def save_extraction_failure(self, doc_id: str, message: str, *, extractor: str) -> None: ...

    def extraction_failures(self, *, extractor: str | None = None) -> Sequence[_Failure]: ...


#: Documents a run claims at a time, per worker.
CLAIM_BATCH = 16


def _run_owner() -> str:
    """An id for this run's claims: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _process_alive(pid: int) -> bool:
    """Whether a process of this host has id ``pid`` (one of another user's counts; so does a
    new process that took the id of one that ended: the claim then waits out its lease)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_claims(store: _Store) -> int:
    """End the claims of the runs of this host whose process is gone (killed, it could not end
    them itself), so that their documents need not wait out the lease; returns how many.

    A run's claims name its host and process (:func:`_run_owner`); claims of other hosts, or of
    owners named otherwise, wait for their lease to pass. Only on POSIX, where ``os.kill(pid, 0)``
    asks whether a process lives (elsewhere it would end it): there every killed run's claims wait.
    """
    if os.name != "posix":
        return 0
    host, released = socket.gethostname(), 0
    for owner in sorted({c.owner for c in store.claims()}):
        parts = owner.rsplit(":", 2)
        if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
            continue
        if int(parts[1]) != os.getpid() and not _process_alive(int(parts[1])):
            released += store.release_claims(owner)
    return released


def _claimed(store: _Store, owner: str, *, batch: int, lease_seconds: float, not_extracted: bool,
             extracted_before: str | None, skip: str | None) -> Iterator[Document]:
    """The documents ``owner`` claims, a batch at a time, in id order, until none is left."""
    after = ""
    while True:
        docs = store.claim_documents(owner, limit=batch, lease_seconds=lease_seconds, after=after,
                                     not_extracted=not_extracted, extracted_before=extracted_before,
                                     skip_failed_by=skip)
        if not docs:
            return
        yield from docs
        after = docs[-1].id


def extract_stored(store: _Store, extractor: Extractor | ExtractorSpec, *, everything: bool = False,
                   retry_failed: bool = False, workers: int = 1,
                   on_document: Callable[[], None] | None = None,
                   on_error: Callable[[LineError], None] | None = None,
                   lease_seconds: float = LEASE_SECONDS) -> ExtractReport:
    """Extract the stored documents not yet extracted (all of them with ``everything``) and save
    each one's events with :meth:`Store.save_extraction`, one transaction per document, under
    the extractor's id (derived from the package version, data and gazetteer).

    With ``workers`` > 1 the documents are extracted in that many processes (``extractor`` an
    :class:`ExtractorSpec`) and saved here, in id order, one writer. A run stopped half-way
    leaves the rest unextracted; the next run takes them up. Extracting again (``everything``)
    writes the same events: the ids are derived from the document and what it says.

    A document the extractor fails on (over its size or time budget, a date out of range: an
    :class:`~conflictwatch.errors.ExtractError`) is reported (``on_error``, ``report.failures``),
    recorded with :meth:`Store.save_extraction_failure` and left unextracted; the others go on.
    Later runs of the same extractor skip it (counted in ``report.skipped_failed``) unless
    ``retry_failed`` or ``everything``; another extractor id (new code, data or gazetteer) tries
    it again.

    Runs at once (two ``extract --stored``, or one beside the monitor) share the documents out:
    each claims a batch (:meth:`Store.claim_documents`) that no live run holds, renews its claims
    while it works and saving a document ends its claim, so each document is extracted once
    between them (with ``everything``: once since the run began). A killed run's claims expire
    after ``lease_seconds``; the documents are then taken up by the next run, at once when the
    killed run was of this host (:func:`release_dead_claims`). Claims left when the run ends
    (stopped early) are released.
    """
    report = ExtractReport()
    key = extractor.extractor_id() if isinstance(extractor, ExtractorSpec) else extractor.extractor_id
    skip = None if retry_failed or everything else key
    if skip is not None:
        report.skipped_failed = len(store.extraction_failures(extractor=skip))
    release_dead_claims(store)
    owner = _run_owner()
    started = datetime.now(UTC).isoformat(timespec="microseconds")
    docs = _claimed(store, owner, batch=CLAIM_BATCH * max(1, workers), lease_seconds=lease_seconds,
                    not_extracted=not everything, extracted_before=started if everything else None, skip=skip)
    renewed = time.monotonic()
    try:
        for outcome in extract_parallel(docs, extractor, workers=workers):
            _save(store, outcome, key, report, on_error)
            if on_document is not None:
                on_document()
            if time.monotonic() - renewed > lease_seconds / 3:
                store.renew_claims(owner, lease_seconds=lease_seconds)
                renewed = time.monotonic()
    finally:
        store.release_claims(owner)
    return report


def _save(store: _Store, outcome: Outcome, key: str, report: ExtractReport,
          on_error: Callable[[LineError], None] | None) -> None:
    doc = outcome.document
    if outcome.error:
        message = outcome.error if doc.key in outcome.error else f"{doc.key}: {outcome.error}"
        failure = LineError("stored document", 0, message)
        store.save_extraction_failure(doc.id, outcome.error, extractor=key)
        report.failures.append(failure)
        if on_error is not None:
            on_error(failure)
    else:
        store.save_extraction(doc.id, outcome.events, extractor=key)
        report.documents += 1
        report.events += len(outcome.events)
        report.documents_with_events += bool(outcome.events)
