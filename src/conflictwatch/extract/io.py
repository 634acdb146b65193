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
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Protocol

from conflictwatch.errors import ExtractError
from conflictwatch.extract._extractor import Extractor
from conflictwatch.records import Document, Event, check_published, check_text

__all__ = [
    "ExtractReport",
    "LineError",
    "count_lines",
    "event_json",
    "extract_file",
    "extract_stored",
    "read_documents",
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


def _document(record: Any) -> Document:
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
                yield LineError(name, lineno, _decode_error(line))
                if not line.encoding.lower().startswith("utf-8"):
                    return
                continue
            if not line.strip():
                continue
            try:
                yield _document(json.loads(line.rstrip("\r\n")))
            except json.JSONDecodeError as exc:
                reason = re.sub(r"\s+(?:starting )?at$", "", exc.msg)
                yield LineError(name, lineno, f"not valid JSON ({reason}, column {exc.colno}); fix or remove the line")
            except (ValueError, TypeError) as exc:
                yield LineError(name, lineno, str(exc))
    finally:
        if fh is not None:
            fh.close()


def count_lines(path: str | Path) -> int:
    """The number of non-blank lines of a file (to size a progress bar), whatever its encoding."""
    with open(path, "rb") as fh:
        return sum(1 for line in _lines(fh) if isinstance(line, UnicodeDecodeError) or line.strip())


def event_json(event: Event, doc_key: str) -> str:
    """One output line: ``doc_id`` then the event's fields."""
    return json.dumps({"doc_id": doc_key, **event.to_dict()}, ensure_ascii=False)


def extract_file(path: str | Path, output: IO[str], extractor: Extractor, *,
                 on_document: Callable[[], None] | None = None,
                 on_error: Callable[[LineError], None] | None = None) -> ExtractReport:
    """Extract every document of the JSONL file ``path`` and write its events to ``output``."""
    report = ExtractReport()
    for item in read_documents(path):
        if isinstance(item, LineError):
            report.failures.append(item)
            if on_error is not None:
                on_error(item)
        else:
            try:
                events = extractor.extract(item)
            except ExtractError as exc:
                failure = LineError(str(path), 0, f"document {item.key}: {exc}")
                report.failures.append(failure)
                if on_error is not None:
                    on_error(failure)
                events = []
            report.documents += 1
            report.events += len(events)
            report.documents_with_events += bool(events)
            for ev in events:
                output.write(event_json(ev, item.key) + "\n")
        if on_document is not None:
            on_document()
    return report


class _Failure(Protocol):
    @property
    def doc_id(self) -> str: ...


class _Store(Protocol):
    def documents(self, *, ids: Iterable[str] | None = None, not_extracted: bool = False,
                  skip_failed_by: str | None = None) -> Iterator[Document]: ...

    def save_extraction(self, doc_id: str, events: Sequence[Event], *, extractor: str) -> None: ...

    def save_extraction_failure(self, doc_id: str, message: str, *, extractor: str) -> None: ...

    def extraction_failures(self, *, extractor: str | None = None) -> Sequence[_Failure]: ...


def extract_stored(store: _Store, extractor: Extractor, *, everything: bool = False, retry_failed: bool = False,
                   on_document: Callable[[], None] | None = None,
                   on_error: Callable[[LineError], None] | None = None) -> ExtractReport:
    """Extract the stored documents not yet extracted (all of them with ``everything``) and save
    each one's events with :meth:`Store.save_extraction`, one transaction per document, under
    ``extractor.extractor_id`` (derived from the package version, data and gazetteer).

    A document the extractor fails on (over its size or time budget, a date out of range: an
    :class:`~conflictwatch.errors.ExtractError`) is reported (``on_error``, ``report.failures``),
    recorded with :meth:`Store.save_extraction_failure` and left unextracted; the others go on.
    Later runs of the same extractor skip it (counted in ``report.skipped_failed``) unless
    ``retry_failed`` or ``everything``; another extractor id (new code, data or gazetteer) tries
    it again.
    """
    report = ExtractReport()
    skip = None if retry_failed or everything else extractor.extractor_id
    if skip is not None:
        report.skipped_failed = len(store.extraction_failures(extractor=skip))
    for doc in store.documents(not_extracted=not everything, skip_failed_by=skip):
        try:
            events = extractor.extract(doc)
        except ExtractError as exc:
            message = str(exc) if doc.key in str(exc) else f"{doc.key}: {exc}"
            failure = LineError("stored document", 0, message)
            store.save_extraction_failure(doc.id, str(exc), extractor=extractor.extractor_id)
            report.failures.append(failure)
            if on_error is not None:
                on_error(failure)
            if on_document is not None:
                on_document()
            continue
        store.save_extraction(doc.id, events, extractor=extractor.extractor_id)
        report.documents += 1
        report.events += len(events)
        report.documents_with_events += bool(events)
        if on_document is not None:
            on_document()
    return report
