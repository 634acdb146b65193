"""Write events as ACLED CSV, GeoJSON, Parquet or JSON Lines.

``acled-csv`` has ACLED's columns exactly (:data:`~conflictwatch.records.ACLED_COLUMNS`, same
names and order) and then ``offensive_id``; numbers are written as ACLED writes them (whole numbers
for codes and fatalities, coordinates as stored, without a trailing ``.0``). ``geojson`` is a
FeatureCollection of Points carrying every field, sources and evidence included; events without
coordinates are left out and counted. ``parquet`` has typed columns (dates, integers, floats,
lists of sources and evidence). ``jsonl`` is :meth:`Event.to_dict` per line.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple

from conflictwatch.errors import StoreError
from conflictwatch.records import ACLED_COLUMNS, Event

__all__ = ["CSV_COLUMNS", "FORMATS", "ExportResult", "acled_csv_row", "export_events", "format_number",
           "parquet_record", "parquet_schema"]

#: The export formats, by name.
FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "parquet", "jsonl")
#: Columns of the ``acled-csv`` export: ACLED's, then conflictwatch's offensive id.
CSV_COLUMNS: tuple[str, ...] = (*ACLED_COLUMNS, "offensive_id")


class ExportResult(NamedTuple):
    """What :func:`export_events` wrote: where, how many events, how many it had to leave out."""

    target: str
    written: int
    skipped: int


def format_number(value: float | None) -> str:
    """A number as ACLED writes it: ``""`` for none, ``12.65``, ``-8`` (no trailing ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text.removesuffix(".0")


def acled_csv_row(event: Event) -> dict[str, str]:
    """One ``acled-csv`` row (text values keyed by :data:`CSV_COLUMNS`)."""
    row = event.to_acled_row()
    out = {col: (format_number(v) if isinstance(v, (int, float)) or v is None else str(v))
           for col, v in row.items()}
    out["offensive_id"] = event.offensive_id
    return out


def export_events(events: Iterable[Event], target: str | Path | IO[Any], fmt: str) -> ExportResult:
    """Write ``events`` to ``target`` (a path, ``"-"`` for stdout, or an open stream) in ``fmt``."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    name = _target_name(target)
    if fmt == "parquet":
        if target == "-" or isinstance(target, io.TextIOBase):
            raise StoreError("Parquet is binary and cannot go to a terminal or text stream: pass --output FILE.parquet.")
        return _write_parquet(list(events), target, name)
    writer = {"acled-csv": _write_csv, "geojson": _write_geojson, "jsonl": _write_jsonl}[fmt]
    with _open_text(target, name) as fh:
        written, skipped = writer(events, fh)
    return ExportResult(target=name, written=written, skipped=skipped)


def _target_name(target: str | Path | IO[Any]) -> str:
    if isinstance(target, (str, Path)):
        return "stdout" if str(target) == "-" else str(target)
    return str(getattr(target, "name", "<stream>"))


@contextmanager
def _open_text(target: str | Path | IO[Any], name: str) -> Iterator[IO[str]]:
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if not isinstance(target, (str, Path)):
        yield target
        return
    try:
        with open(target, "w", encoding="utf-8", newline="") as fh:
            yield fh
    except OSError as exc:
        raise StoreError(f"cannot write {name}: {exc.strerror}. Pass another --output.") from exc


def _write_csv(events: Iterable[Event], fh: IO[str]) -> tuple[int, int]:
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(acled_csv_row(event))
        n += 1
    return n, 0


def _write_jsonl(events: Iterable[Event], fh: IO[str]) -> tuple[int, int]:
    n = 0
    for event in events:
        fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n, 0


def _write_geojson(events: Iterable[Event], fh: IO[str]) -> tuple[int, int]:
    features: list[dict[str, Any]] = []
    skipped = 0
    for event in events:
        if event.latitude is None or event.longitude is None:
            skipped += 1
            continue
        props = event.to_dict()
        props["disorder_type"] = event.to_acled_row()["disorder_type"]
        features.append({"type": "Feature", "id": event.event_id,
                         "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    fh.write("\n")
    return len(features), skipped


def parquet_schema() -> Any:
    """The Arrow schema of exported events (typed columns, sources and evidence as lists)."""
    import pyarrow as pa

    source = pa.struct([("doc_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
                        ("published", pa.date32()), ("language", pa.string()),
                        ("source_scale", pa.string()), ("claimed_by", pa.string())])
    evidence = pa.struct([("field", pa.string()), ("text", pa.string()), ("start", pa.int64()),
                          ("end", pa.int64()), ("doc_id", pa.string())])
    ints = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
            "fatalities_low", "fatalities_high"}
    cols: list[tuple[str, Any]] = []
    for name in _PARQUET_COLUMNS:
        if name == "event_date":
            cols.append((name, pa.date32()))
        elif name in ints:
            cols.append((name, pa.int64()))
        elif name in ("latitude", "longitude", "confidence"):
            cols.append((name, pa.float64()))
        elif name == "fatalities_unknown":
            cols.append((name, pa.bool_()))
        elif name == "doc_ids":
            cols.append((name, pa.list_(pa.string())))
        elif name == "sources":
            cols.append((name, pa.list_(source)))
        elif name == "evidence":
            cols.append((name, pa.list_(evidence)))
        else:
            cols.append((name, pa.string()))
    return pa.schema(cols)


_PARQUET_COLUMNS: tuple[str, ...] = (
    *(c for c in ACLED_COLUMNS if c != "timestamp"),
    "event_id", "fatalities_unknown", "fatalities_low", "fatalities_high", "claimed_by", "confidence",
    "status", "doc_ids", "sources", "evidence", "offensive_id", "cluster_id",
)


def parquet_record(event: Event) -> dict[str, Any]:
    """One event as a row of :func:`parquet_schema`."""
    acled = event.to_acled_row()
    rec: dict[str, Any] = {}
    for name in _PARQUET_COLUMNS:
        if name == "event_date":
            rec[name] = event.event_date
        elif name in acled:
            rec[name] = acled[name]
        elif name == "doc_ids":
            rec[name] = list(event.doc_ids)
        elif name == "sources":
            rec[name] = [{"doc_id": s.doc_id, "outlet": s.outlet, "url": s.url, "published": s.published,
                          "language": s.language, "source_scale": s.source_scale, "claimed_by": s.claimed_by}
                         for s in event.sources]
        elif name == "evidence":
            rec[name] = [e.to_dict() for e in event.evidence]
        else:
            rec[name] = getattr(event, name)
    return rec


def _write_parquet(events: Sequence[Event], target: str | Path | IO[Any], name: str) -> ExportResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([parquet_record(e) for e in events], schema=parquet_schema())
    try:
        pq.write_table(table, target)
    except OSError as exc:
        raise StoreError(f"cannot write {name}: {exc}. Pass another --output.") from exc
    return ExportResult(target=name, written=len(events), skipped=0)
