"""Read ACLED CSV exports as *reviewed* events, and import them into a store.

Handles both of ACLED's layouts: dyadic (``actor1`` and ``actor2`` on one row) and monadic (one
row per actor, with ``actor``/``assoc_actor``/``inter`` columns, rows sharing ``event_id_cnty``;
they are merged into one dyadic event in the order they come). Inter codes may be numbers or
ACLED's text labels ("State forces", "Rebel group", ...), ``interaction`` a number or text
("Rebel group-State forces", "State forces only"). Dates may be ISO (2019-12-30) or ACLED's
"30 December 2019". Column names are matched without regard to case or surrounding spaces.

A bad row is reported as an :class:`~conflictwatch.errors.IngestError` naming the file and line;
with an ``errors`` list the reader records it there and goes on with the next row.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from conflictwatch.errors import IngestError
from conflictwatch.records import INTER_CODES, Event, disorder_type_for, event_id, interaction_code
from conflictwatch.store._store import Store

__all__ = ["ImportResult", "import_acled", "parse_inter", "parse_interaction", "read_acled_csv"]

_TEXT_INTER: dict[str, int] = {label.casefold(): code for code, label in INTER_CODES.items() if label}
_TEXT_INTER.update({
    "rebel groups": 2, "political militias": 3, "identity militias": 4, "rioter": 5, "protester": 6,
    "civilian": 7, "external/other force": 8, "external / other forces": 8, "external forces": 8,
    "other forces": 8,
})
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")
_REQUIRED = ("event_date", "event_type", "sub_event_type", "country")
_BATCH = 500


class ImportResult(NamedTuple):
    """What :func:`import_acled` did: events read (``imported``), of which ``added`` new and
    ``matched`` to stored events (``updated`` of them changed), ``conflicts`` recorded against
    analysts' decisions, and the rows it had to skip."""

    imported: int
    failed: list[IngestError]
    added: int = 0
    matched: int = 0
    updated: int = 0
    conflicts: int = 0


class _RowError(ValueError):
    """A value in a row that cannot be read (turned into an IngestError with the line)."""


def parse_inter(value: str) -> int:
    """An inter code from a number ("2") or ACLED's text label ("Rebel group"); "" is 0."""
    text = value.strip()
    if not text:
        return 0
    if text.isdigit():
        code = int(text)
        if code in INTER_CODES:
            return code
        raise _RowError(f"inter code {text} is not one of 0-8")
    try:
        return _TEXT_INTER[text.casefold()]
    except KeyError:
        labels = ", ".join(f'"{v}"' for v in INTER_CODES.values() if v)
        raise _RowError(f"inter code {text!r} is neither a number nor one of {labels}") from None


def parse_interaction(value: str) -> int | None:
    """ACLED's interaction from a number ("27") or text ("Rebel group-Civilians", "State forces only").

    None when the value is empty (the caller computes it from the inter codes)."""
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text.casefold().endswith(" only"):
        return parse_inter(text[: -len(" only")]) * 10
    for label, code in sorted(_TEXT_INTER.items(), key=lambda kv: -len(kv[0])):
        if text.casefold().startswith(label + "-"):
            return interaction_code(code, parse_inter(text[len(label) + 1:]))
    raise _RowError(f"interaction {text!r} is neither a number nor two inter labels joined by '-'")


def _parse_date(value: str) -> date:
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _RowError(f"event_date {text!r} is not a date like 2019-12-30 or 30 December 2019")


def _int(row: dict[str, str], col: str, default: int = 0) -> int:
    text = row.get(col, "").strip()
    if not text:
        return default
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError:
        raise _RowError(f"{col} {text!r} is not a whole number") from None


def _float(row: dict[str, str], col: str) -> float | None:
    text = row.get(col, "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _RowError(f"{col} {text!r} is not a number") from None


def _precision(row: dict[str, str], col: str) -> int:
    value = _int(row, col, 1)
    if value not in (1, 2, 3):
        raise _RowError(f"{col} {value} is not 1, 2 or 3")
    return value


def _event(rows: list[dict[str, str]]) -> Event:
    """One event from a dyadic row, or from the monadic rows of one event."""
    row = rows[0]
    for col in _REQUIRED:
        if not row.get(col, "").strip():
            raise _RowError(f"{col} is empty")
    if "actor" in row and "actor1" not in row:
        if len(rows) > 2:
            raise _RowError(f"{len(rows)} monadic rows share event_id_cnty {row.get('event_id_cnty')!r}; "
                            "an event has at most two actors")
        second = rows[1] if len(rows) == 2 else {}
        actor1, assoc1, inter1 = row.get("actor", ""), row.get("assoc_actor", ""), parse_inter(row.get("inter", ""))
        actor2 = second.get("actor", "")
        assoc2 = second.get("assoc_actor", "")
        inter2 = parse_inter(second.get("inter", ""))
    else:
        if len(rows) > 1:
            raise _RowError(f"event_id_cnty {row['event_id_cnty']!r} appears on several rows")
        actor1, assoc1, inter1 = row.get("actor1", ""), row.get("assoc_actor_1", ""), parse_inter(row.get("inter1", ""))
        actor2, assoc2, inter2 = row.get("actor2", ""), row.get("assoc_actor_2", ""), parse_inter(row.get("inter2", ""))
    actor1, actor2 = actor1.strip(), actor2.strip()
    if not actor1:
        raise _RowError("actor1 is empty")
    when = _parse_date(row["event_date"])
    interaction = parse_interaction(row.get("interaction", ""))
    if interaction is None:
        interaction = interaction_code(inter1, inter2)
    event_type, sub_type = row["event_type"].strip(), row["sub_event_type"].strip()
    cnty = row.get("event_id_cnty", "").strip()
    eid = cnty or event_id("acled", when.isoformat(), event_type, sub_type, actor1, actor2,
                           row.get("location", ""), row.get("latitude", ""), row.get("longitude", ""),
                           row.get("fatalities", ""), row.get("notes", ""))
    return Event(
        event_id=eid, event_id_cnty=cnty, event_date=when, time_precision=_precision(row, "time_precision"),
        disorder_type=row.get("disorder_type", "").strip() or disorder_type_for(event_type, sub_type),
        event_type=event_type, sub_event_type=sub_type,
        actor1=actor1, assoc_actor_1=assoc1.strip(), inter1=inter1,
        actor2=actor2, assoc_actor_2=assoc2.strip(), inter2=inter2, interaction=interaction,
        civilian_targeting=row.get("civilian_targeting", "").strip(), iso=_int(row, "iso"),
        region=row.get("region", "").strip(), country=row["country"].strip(),
        admin1=row.get("admin1", "").strip(), admin2=row.get("admin2", "").strip(),
        admin3=row.get("admin3", "").strip(), location=row.get("location", "").strip(),
        latitude=_float(row, "latitude"), longitude=_float(row, "longitude"),
        geo_precision=_precision(row, "geo_precision"), source=row.get("source", "").strip(),
        source_scale=row.get("source_scale", "").strip(), notes=row.get("notes", ""),
        fatalities=_int(row, "fatalities"), tags=row.get("tags", "").strip(),
        confidence=1.0, status="reviewed",
    )


def read_acled_csv(path: str | Path, *, errors: list[IngestError] | None = None,
                   on_plan: Callable[[int], None] | None = None) -> Iterator[Event]:
    """The events of an ACLED CSV export, as reviewed events (``event_id`` = ``event_id_cnty``).

    A bad row raises :class:`IngestError` (with the file and line); when ``errors`` is a list, the
    error is appended there instead and reading goes on. ``on_plan`` is told how many events the
    file holds (good and bad, a monadic export's rows of one event counted once) once it is read,
    before the first is yielded.
    """
    source = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            groups = _read_rows(csv.reader(fh), source)
    except OSError as exc:
        raise IngestError(f"cannot read {source}: {exc.strerror}. Check the path to the ACLED CSV export.",
                          source=source) from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise IngestError(f"{source} is not a readable CSV file ({exc}). Save it as UTF-8 CSV and try again.",
                          source=source) from exc
    if on_plan is not None:
        on_plan(len(groups))
    for members in groups.values():
        lines = [line for line, _, _ in members]
        try:
            problem = next((p for _, _, p in members if p), "")
            if problem:
                raise _RowError(problem)
            event = _event([row for _, row, _ in members])
        except ValueError as exc:  # _RowError, or a value Event refuses
            where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"
            err = IngestError(f"{source}, {where}: {exc}; the row was skipped.", source=f"{source}:{lines[0]}")
            if errors is None:
                raise err from exc
            errors.append(err)
            continue
        yield event


def _read_rows(reader: Any, source: str) -> dict[str, list[tuple[int, dict[str, str], str]]]:
    """Rows grouped by event (monadic exports have one row per actor): (line, row, problem)."""
    header = [h.strip().lower() for h in next(reader, [])]
    if "event_date" not in header or not ({"actor1", "actor"} & set(header)):
        raise IngestError(
            f"{source} is not an ACLED export: its header has no event_date and actor1 (or actor) "
            "columns. Export the data from ACLED's data export tool as CSV.", source=source)
    groups: dict[str, list[tuple[int, dict[str, str], str]]] = {}
    for n, values in enumerate(reader):
        if not any(v.strip() for v in values):
            continue
        row = dict(zip(header, values))
        problem = "" if len(values) == len(header) else f"{len(values)} fields where the header has {len(header)}"
        key = row.get("event_id_cnty", "").strip() or f"\x00{n}"
        groups.setdefault(key, []).append((reader.line_num, row, problem))
    return groups


def import_acled(store: Store, path: str | Path, *, on_plan: Callable[[int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import an ACLED CSV export into ``store`` (idempotent); bad rows are skipped and returned.

    Rows are matched to the events the store holds (see :meth:`Store.import_reviewed`): a matched
    automatic event takes ACLED's coding and keeps its evidence and sources; an analyst's decision
    is never overwritten (a conflict is recorded instead); unmatched rows become reviewed events.
    For a progress bar: ``on_plan`` is told how many events the file holds (see
    :func:`read_acled_csv`), ``on_progress`` how many of them are done (saved or failed), after
    each batch saved and at the end.
    """
    errors: list[IngestError] = []
    label = Path(path).name
    totals = {"imported": 0, "added": 0, "matched": 0, "updated": 0, "conflicts": 0}
    batch: list[Event] = []

    read = 0

    def flush() -> None:
        report = store.import_reviewed(list({e.event_id: e for e in batch}.values()), label=label)
        totals["imported"] += len({e.event_id for e in batch})
        totals["added"] += report.added
        totals["matched"] += report.matched
        totals["updated"] += report.updated
        totals["conflicts"] += report.conflicts
        batch.clear()
        if on_progress is not None:
            on_progress(read + len(errors))

    for event in read_acled_csv(path, errors=errors, on_plan=on_plan):
        read += 1
        batch.append(event)
        if len(batch) >= _BATCH:
            flush()
    if batch:
        flush()
    elif on_progress is not None:
        on_progress(read + len(errors))
    return ImportResult(failed=errors, **totals)
