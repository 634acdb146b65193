"""Writing what a query command found as CSV or JSON on standard output, row by row.

Both stream: a row is written as it comes, so that a long listing needs no more memory than a
short one. JSON is one array, the text ``json.dumps(rows, ensure_ascii=False, indent=2)`` makes;
CSV has a header line, then one line a row (RFC 4180 quoting, so a value holding a comma, a quote or
a line break stays one cell; ids are never split). Only the standard library is imported here
(the CLI's start-up stays light: ``tests/cli/test_startup.py``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

__all__ = ["csv_cell", "write_csv", "write_json"]


def csv_cell(value: Any) -> str:
    """A value as one CSV cell: None empty, a list its items joined by ``;``, a mapping its JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(csv_cell(v) for v in value)
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO | None = None) -> int:
    """Print ``rows`` (their ``columns``, in that order) as CSV under a header, on ``out`` (default:
    standard output); how many rows."""
    out = out or sys.stdout
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    out.flush()
    return n


def write_json(items: Iterable[Any], out: TextIO | None = None) -> int:
    """Print ``items`` (JSON-ready values) as one JSON array, item by item, on ``out`` (default:
    standard output); how many items."""
    out = out or sys.stdout
    n = 0
    for n, item in enumerate(items, 1):
        out.write(("[\n  " if n == 1 else ",\n  ")
                  + json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  "))
    out.write("\n]\n" if n else "[]\n")
    out.flush()
    return n
