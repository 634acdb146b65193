"""Archives cut into units of work, and the documents of each unit.

A :class:`Unit` is a piece of one archive file that a worker reads by itself: a byte range of a
JSONL file (cut at line starts: a line belongs to the range it starts in), a row group of a
Parquet file, or a whole WARC file (gzip members cannot be cut without an index). Its
:attr:`Unit.key` names it stably (same file, same cut, same key), so a restarted run knows which
units are done.

JSONL and Parquet rows have the fields of ``conflictwatch extract`` input (``id``, ``text``,
optional ``lang``, ``published``, ``title``, ``url``, ``outlet``); a WARC file's HTML
``response`` records become documents through the ingest stage's page reader (main text, title,
date, site), identified by their target URI.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conflictwatch.errors import ConfigError, IngestError
from conflictwatch.extract.io import LineError, document_from_record
from conflictwatch.ingest import Fetched, page_document
from conflictwatch.records import Document

__all__ = ["DEFAULT_BLOCK", "KINDS", "Unit", "archive_kind", "plan_units", "unit_documents"]

#: Bytes of JSONL per unit (a unit is a task: big enough to amortise, small enough to spread).
DEFAULT_BLOCK = 16 * 1024 * 1024
#: The archive kinds read, by file name ending.
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".warc": "warc", ".warc.gz": "warc"}
#: Parquet columns read when present.
PARQUET_COLUMNS = ("id", "text", "lang", "language", "published", "title", "url", "outlet", "source")


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of an archive file: bytes ``start``..``end`` of a JSONL file, row group ``start``
    of a Parquet file, or a whole WARC file (``start`` = ``end`` = 0)."""

    path: str
    kind: str
    start: int
    end: int
    size: int  # the file's size when planned: another size means another file

    @property
    def key(self) -> str:
        """A stable name: ``KIND:PATH@START-END`` hashed to 20 hex digits (file names, markers)."""
        raw = f"{self.kind}:{self.path}@{self.start}-{self.end}/{self.size}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]

    def __str__(self) -> str:
        where = {"jsonl": f"bytes {self.start}-{self.end}", "parquet": f"row group {self.start}",
                 "warc": "whole file"}[self.kind]
        return f"{self.path} ({where})"


def archive_kind(path: str | Path) -> str:
    """``jsonl``, ``parquet`` or ``warc`` from the file name; :class:`ConfigError` otherwise."""
    name = str(path).lower()
    for ending in sorted(KINDS, key=len, reverse=True):
        if name.endswith(ending):
            return KINDS[ending]
    raise ConfigError(f"{path} is not an archive this reads: name it {', '.join(sorted(KINDS))} "
                      "(JSONL documents, Parquet rows of documents, WARC web captures)")


def _files(paths: list[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(("_", "."))
                           and any(str(f).lower().endswith(e) for e in KINDS))
            if not found:
                raise ConfigError(f"the folder {p} holds no archive ({', '.join(sorted(KINDS))} files)")
            yield from found
        elif p.is_file():
            yield p
        else:
            raise ConfigError(f"the archive {p} does not exist: give files or folders of JSONL, Parquet or WARC")


def plan_units(paths: list[Path], *, block: int = DEFAULT_BLOCK) -> list[Unit]:
    """The units of every archive file under ``paths`` (files, or folders searched for archives)."""
    units: list[Unit] = []
    for f in _files(paths):
        kind = archive_kind(f)
        path, size = str(f.resolve()), os.path.getsize(f)
        if kind == "jsonl":
            starts = list(range(0, max(size, 1), block))
            units += [Unit(path, kind, s, min(s + block, size), size) for s in starts]
        elif kind == "parquet":
            import pyarrow.parquet as pq

            try:
                groups = pq.ParquetFile(f).metadata.num_row_groups
            except Exception as exc:  # pyarrow raises its own ArrowInvalid and OSError kinds
                raise ConfigError(f"{f} is not a readable Parquet file ({exc}): check the file") from exc
            units += [Unit(path, kind, g, g + 1, size) for g in range(groups)]
        else:
            units.append(Unit(path, kind, 0, 0, size))
    return units


def _jsonl(unit: Unit) -> Iterator[Document | LineError]:
    with open(unit.path, "rb") as fh:
        lineno = None  # line numbers are only known from the file's start
        if unit.start > 0:
            fh.seek(unit.start - 1)
            fh.readline()  # the end of the line the range starts in (it belongs to the previous unit)
        else:
            lineno = 0
        while fh.tell() < unit.end:
            offset = fh.tell()
            raw = fh.readline()
            if not raw:
                break
            if lineno is not None:
                lineno += 1
            where = f"line {lineno}" if lineno is not None else f"byte {offset}"
            if not raw.strip():
                continue
            try:
                yield document_from_record(json.loads(raw))
            except json.JSONDecodeError as exc:
                yield LineError(unit.path, lineno or 0, f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            except (ValueError, TypeError) as exc:
                yield LineError(unit.path, lineno or 0, f"{where}: {exc}")


def _parquet(unit: Unit) -> Iterator[Document | LineError]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(unit.path)
    names = [c for c in PARQUET_COLUMNS if c in pf.schema_arrow.names]
    rows: list[dict[str, Any]] = pf.read_row_group(unit.start, columns=names).to_pylist()
    for i, row in enumerate(rows):
        try:
            yield document_from_record(row)
        except (ValueError, TypeError) as exc:
            yield LineError(unit.path, 0, f"row group {unit.start}, row {i}: {exc}")


def _warc(unit: Unit) -> Iterator[Document | LineError]:
    from warcio.archiveiterator import ArchiveIterator

    with open(unit.path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            raw_date = record.rec_headers.get_header("WARC-Date") or ""
            try:
                when = datetime.fromisoformat(raw_date)
            except ValueError:
                when = datetime.now(UTC)
            body = record.content_stream().read()
            fetched = Fetched(url=uri, content_type=ctype, charset="", body=body, retrieved=when)
            try:
                doc = page_document(uri, fetched)
            except IngestError as exc:
                yield LineError(unit.path, 0, f"record {uri}: {exc}")
                continue
            yield dataclasses.replace(doc, source_id=uri)


def unit_documents(unit: Unit) -> Iterator[Document | LineError]:
    """The documents of ``unit``, with a :class:`LineError` for each unusable line, row or record."""
    if os.path.getsize(unit.path) != unit.size:
        raise ConfigError(f"{unit.path} changed size since the run was planned ({unit.size} bytes then): "
                          "archives must not change while a run reads them; start the run again")
    reader = {"jsonl": _jsonl, "parquet": _parquet, "warc": _warc}[unit.kind]
    yield from reader(unit)
