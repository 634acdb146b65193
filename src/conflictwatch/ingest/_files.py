"""Reading reports from local files: ``.txt``, ``.html``/``.htm``, ``.jsonl`` and folders of them."""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from conflictwatch.errors import IngestError
from conflictwatch.ingest._dateline import find_dateline
from conflictwatch.ingest._results import IngestFailure, IngestNote, ReadProgress, UndatedDocument
from conflictwatch.ingest._text import (
    check_not_binary,
    decode_text,
    extract_html,
    format_size,
    has_words,
)
from conflictwatch.records import Document, check_published, check_text

__all__ = ["SUFFIXES", "dated", "normalise_lang", "parse_published", "planned_units", "read_path"]

#: File types read, by suffix (lower case).
SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
_KINDS = ".txt, .html, .htm or .jsonl"

Item = Document | IngestFailure | IngestNote | UndatedDocument | ReadProgress


def normalise_lang(raw: object) -> str:
    """``"fr-FR"`` -> ``"fr"``; empty or non-text -> ``""``."""
    if not isinstance(raw, str):
        return ""
    return raw.strip().replace("_", "-").split("-")[0].lower()


def parse_published(raw: object) -> date | None:
    """A date from an ISO date or datetime string (``2024-03-05``, ``2024-03-05T08:00:00Z``).

    Raises ``ValueError`` for anything else.
    """
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            return datetime.fromisoformat(text).date()
    raise ValueError(f"not a date: {raw!r}")


def dated(doc: Document, source: str, *, default: date | None,
          reference: date | None = None) -> Iterator[Document | UndatedDocument]:
    """``doc`` with its publication date settled, then an :class:`UndatedDocument` if it has none.

    The date its source states (metadata, already on ``doc``) wins; else the date of its dateline
    (see :func:`~conflictwatch.ingest._dateline.find_dateline`; a day without a year is the latest
    such day not after ``default``, or else ``reference``, e.g. the day a page was fetched); else
    ``default``. Today's date and file times are never taken as a publication date.
    """
    if doc.published is None:
        line = find_dateline(doc.text, reference=default or reference, lang=doc.language)
        published = line.published if line is not None and line.published is not None else default
        if published is not None:
            doc = replace(doc, published=published)
    yield doc
    if doc.published is None:
        yield UndatedDocument(source, doc.key)


def _empty_failure(source: str) -> IngestFailure:
    return IngestFailure(source, "file is empty (no text); add the report text or remove the file")


def _too_big(source: str, size: int, max_bytes: int) -> IngestFailure:
    return IngestFailure(
        source, f"file is {format_size(size)}, over the {format_size(max_bytes)} limit; "
        "split it into smaller files or raise --max-bytes")


def _read_txt(source: str, data: bytes, default: date | None) -> Iterator[Item]:
    decoded = decode_text(data)
    if not decoded.text.strip():
        yield _empty_failure(source)
        return
    if not has_words(decoded.text):
        yield IngestFailure(source, "file has no words; add the report text or remove the file")
        return
    if decoded.fallback_encoding:
        yield IngestNote(source, f"not UTF-8: read as {decoded.fallback_encoding}; "
                                 "re-save it as UTF-8 to be sure of the accents")
    yield from dated(Document.from_text(decoded.text.strip()), source, default=default)


def _read_html(source: str, data: bytes, default: date | None) -> Iterator[Item]:
    if not data.strip():
        yield _empty_failure(source)
        return
    check_not_binary(data)
    page = extract_html(data, what="file")
    doc = Document.from_text(page.text, title=page.title, published=page.published, outlet=page.outlet)
    yield from dated(doc, source, default=default)


def _jsonl_record(raw: bytes, source: str, default: date | None) -> Iterator[Item]:
    try:
        record: Any = json.loads(raw.decode("utf-8").rstrip("\r\n"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                          "re-save the file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        reason = re.sub(r"\s+(?:starting )?at$", "", exc.msg)
        raise IngestError(f"invalid JSON ({reason}, column {exc.colno}); "
                          "fix or remove the line") from exc
    if not isinstance(record, dict):
        raise IngestError(f"line is a JSON {type(record).__name__}, not an object with a 'text' field; "
                          "fix or remove the line")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("record has no 'text' (missing or empty); add the report text or remove the line")
    for key, value in record.items():
        if isinstance(value, str):
            try:
                check_text(value, f"'{key}'")
            except ValueError as exc:
                raise IngestError(f"{exc}, or remove the line") from exc
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_published(record["published"])
        except ValueError:
            yield IngestNote(source, f"'published' {record['published']!r} is not an ISO date "
                                     "(YYYY-MM-DD); ignored it")
    if published is not None:
        try:
            check_published(published, "'published'")
        except ValueError as exc:
            yield IngestNote(source, f"{exc}; ignored it")
            published = None
    source_id = record.get("id")
    doc = Document.from_text(
        text.strip(),
        url=str(record.get("url") or ""),
        title=str(record.get("title") or ""),
        outlet=str(record.get("outlet") or record.get("source") or ""),
        language=normalise_lang(record.get("lang")),
        published=published,
        source_id="" if source_id is None else str(source_id),
    )
    yield from dated(doc, source, default=default)


def _skip_rest_of_line(fh: BinaryIO | _Utf16Lines, chunk: int) -> None:
    while True:
        part = fh.readline(chunk)
        if not part or part.endswith(b"\n"):
            return


class _Utf16Lines:
    """A UTF-16 file (it starts with a byte-order mark) read as UTF-8 lines, ``readline`` like a
    binary file's: JSONL written by Windows tools (PowerShell's ``>``) is read like any other."""

    def __init__(self, fh: BinaryIO) -> None:
        self._text = io.TextIOWrapper(fh, encoding="utf-16", newline="")

    def readline(self, size: int) -> bytes:
        try:
            line = self._text.readline(size)
        except UnicodeDecodeError as exc:
            raise IngestError("file has a UTF-16 byte-order mark but is not valid UTF-16 from here "
                              "on; re-save it as UTF-8") from exc
        return line.encode("utf-8")


def _read_jsonl(path: Path, source: str, max_bytes: int, default: date | None) -> Iterator[Item]:
    found = False
    with path.open("rb") as raw_fh:
        fh: BinaryIO | _Utf16Lines = raw_fh
        if raw_fh.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            raw_fh.seek(0)
            fh = _Utf16Lines(raw_fh)
        else:
            raw_fh.seek(0)
        lineno = 0
        while True:
            try:
                raw = fh.readline(max_bytes + 1)
            except IngestError as exc:
                yield IngestFailure(f"{source}:{lineno + 1}", str(exc))
                return
            if not raw:
                break
            lineno += 1
            line_source = f"{source}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(fh, max_bytes)
                yield IngestFailure(line_source, f"record is longer than the {format_size(max_bytes)} "
                                                 "limit; shorten it or raise --max-bytes")
                found = True
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            found = True
            try:
                yield from _jsonl_record(raw, line_source, default)
            except IngestError as exc:
                yield IngestFailure(line_source, str(exc))
    if not found:
        yield IngestFailure(source, "file has no records (it is empty); "
                                    "add one JSON object per line or remove the file")


def _read_file(path: Path, source: str, max_bytes: int, default: date | None) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, source, max_bytes, default)
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield _too_big(source, size, max_bytes)
        return
    data = path.read_bytes()
    if suffix == ".txt":
        yield from _read_txt(source, data, default)
    else:
        yield from _read_html(source, data, default)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(root: Path) -> list[Path]:
    """The files of a folder that reading it looks at (each read or noted as skipped), in order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))


def planned_units(source: str) -> int:
    """How many units of progress (:class:`ReadProgress`) reading ``source`` makes before any feed
    is parsed: the files a folder holds, else 1 (a file, a URL, a path that is not there)."""
    path = Path(source).expanduser()
    return len(_folder_files(path)) if "://" not in source and path.is_dir() else 1


def _read_folder(root: Path, source: str, max_bytes: int, default: date | None) -> Iterator[Item]:
    found = False
    real_root = root.resolve()
    for path in _folder_files(root):
        child = str(Path(source) / path.relative_to(root))
        if not path.resolve().is_relative_to(real_root):
            # a link out of the folder (``ln -s /etc/passwd reports/a.txt``) is not the folder's
            yield IngestNote(child, "skipped: a symbolic link to a file outside the folder; "
                                    "pass that file by its own path to read it")
        elif path.suffix.lower() not in SUFFIXES:
            yield IngestNote(child, f"skipped: not a {_KINDS} file")
        else:
            found = True
            yield from _read_one(path, child, max_bytes, default)
        yield ReadProgress(done=1)
    if not found:
        yield IngestFailure(source, f"folder holds no {_KINDS} files; check the path")


def _read_one(path: Path, source: str, max_bytes: int, default: date | None) -> Iterator[Item]:
    try:
        yield from _read_file(path, source, max_bytes, default)
    except IngestError as exc:
        yield IngestFailure(source, str(exc))
    except OSError as exc:
        yield IngestFailure(source, f"cannot read the file ({exc.strerror}); check its permissions")


def read_path(source: str, *, max_bytes: int, published: date | None = None) -> Iterator[Item]:
    """Documents, failures and notes from one path given by the user (a file or a folder).

    Each document is dated by :func:`dated`, ``published`` being the default date; an
    :class:`UndatedDocument` follows each one left without a date.
    """
    path = Path(source).expanduser()
    if path.is_dir():
        yield from _read_folder(path, source, max_bytes, published)
    elif not path.exists():
        yield IngestFailure(source, "no such file or folder; check the path "
                                    "(URLs must start with http:// or https://)")
    elif path.suffix.lower() not in SUFFIXES:
        yield IngestFailure(source, f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                                    f"pass {_KINDS} files, folders, or http(s) URLs")
    else:
        yield from _read_one(path, source, max_bytes, published)
    if not path.is_dir():
        yield ReadProgress(done=1)
