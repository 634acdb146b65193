"""``conflictwatch events``, ``export``, ``import-acled`` and ``review``: the stored events."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from conflictwatch.cli._desk import AnalystOption, ReasonOption, analyst_name
from conflictwatch.cli._options import (
    ActorOption,
    Admin1Option,
    CountryOption,
    DataDirOption,
    DbOption,
    JsonOption,
    LinesFormatOption,
    OutputFormat,
    SinceOption,
    TypeOption,
    UntilOption,
    output_format,
)
from conflictwatch.cli._output import write_csv, write_json

if TYPE_CHECKING:
    from rich.table import Table

    from conflictwatch.records import Event


class Status(str, Enum):
    automatic = "automatic"
    reviewed = "reviewed"
    rejected = "rejected"


class Review(str, Enum):
    reviewed = "reviewed"
    rejected = "rejected"
    automatic = "automatic"


class Format(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


#: How many events `conflictwatch events` shows without --limit or --all.
PAGE = 50
#: The fields of the events list (table and lines), as :meth:`Store.event_page` reads them.
LIST_FIELDS = ("event_date", "event_id", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
               "fatalities", "fatalities_unknown", "fatalities_low", "fatalities_high", "confidence", "offensive_id")
#: From how many events a listing to a file or a pipe shows a progress bar on stderr (a terminal).
PROGRESS_FROM = 5000
#: The header of the tab-separated lines.
LINE_COLUMNS = ("date", "id", "type", "sub-type", "actor1", "actor2", "location", "admin1", "fatalities", "conf.",
                "sources", "offensive")
#: The columns of ``events --format csv``: the stored values, one a column.
CSV_COLUMNS = ("event_date", "event_id", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
               "fatalities", "fatalities_low", "fatalities_high", "fatalities_unknown", "confidence", "sources",
               "offensive_id")

StatusOption = Annotated[
    Status | None,
    typer.Option("--status", help="Only events with this status (default: all but rejected).", show_default=False),
]
LimitOption = Annotated[int | None, typer.Option(
    "--limit", min=1, help=f"Show at most this many events (default: {PAGE}).", show_default=False)]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many of the newest events first.")]
AllOption = Annotated[bool, typer.Option("--all", help="Every matching event, however many (streamed).")]


def _fatalities(e: Mapping[str, Any]) -> str:
    deaths, high, low = e["fatalities"], e["fatalities_high"], e["fatalities_low"]
    if e["fatalities_unknown"] and not deaths:
        return "?"
    if high is not None and high > deaths:
        return f"{deaths} ({low if low is not None else deaths}-{high})"
    return str(deaths)


def _row(e: Event) -> dict[str, Any]:
    """An Event as the rows of :meth:`Store.event_page` (the list fields and the sources count)."""
    return {**{f: getattr(e, f) for f in LIST_FIELDS}, "sources": len(e.sources)}


def rows_table(rows: Iterable[Mapping[str, Any]], *, title: str) -> Table:
    """Rows of the events list (:data:`LIST_FIELDS` and ``sources``) as the `events` table."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in ("date", "id", "type / sub-type", "actors", "location / admin1", "fatalities", "conf.",
                "sources", "offensive"):
        # dates and ids are never wrapped (an id must be copied whole into `review` or `split`):
        # on a narrow terminal the other columns fold instead
        table.add_column(col, justify="right" if col in ("fatalities", "conf.", "sources") else "left",
                         overflow="fold", no_wrap=col in ("date", "id"))
    for e in rows:
        actors = e["actor1"] + (f"\nvs {e['actor2']}" if e["actor2"] else "")
        table.add_row(str(e["event_date"]), e["event_id"], f"{e['event_type']}\n{e['sub_event_type']}", actors,
                      f"{e['location'] or '-'}\n{e['admin1']}", _fatalities(e), f"{e['confidence']:.2f}",
                      str(e["sources"]), e["offensive_id"])
    return table


def events_table(events: list[Event], *, title: str | None = None) -> Table:
    """The events as the `events` command (and the demo) print them."""
    return rows_table([_row(e) for e in events], title=title or f"{len(events)} events")


def _cell(value: Any) -> str:
    """A value on one tab-separated line: no tab or line break inside (each run of them one space)."""
    text = "" if value is None else str(value)
    return text if text.isprintable() else " ".join(text.split())


def _line(e: Mapping[str, Any]) -> str:
    return "\t".join((str(e["event_date"]), e["event_id"], _cell(e["event_type"]), _cell(e["sub_event_type"]),
                      _cell(e["actor1"]), _cell(e["actor2"]), _cell(e["location"]), _cell(e["admin1"]),
                      _fatalities(e), f"{e['confidence']:.2f}", str(e["sources"]), _cell(e["offensive_id"])))


_T = TypeVar("_T")


def _with_progress(items: Iterable[_T], total: int) -> Iterator[_T]:
    """``items``, with a progress bar on stderr while they are written to a file or a pipe: when
    stderr is a terminal, standard output is not, and there are at least :data:`PROGRESS_FROM`."""
    if total < PROGRESS_FROM or sys.stdout.isatty() or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from conflictwatch.cli._console import console

    with Progress(TextColumn("listing events"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("events", total=total)
        for n, item in enumerate(items, 1):
            yield item
            if n % 500 == 0:
                bar.update(task, completed=n)


def _write_lines(rows: Iterable[Mapping[str, Any]]) -> int:
    """Print the rows as tab-separated lines under a header, as they come; how many were printed."""
    out = sys.stdout
    out.write("\t".join(LINE_COLUMNS) + "\n")
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(_line(row) + "\n")
    out.flush()
    return n


def events_command(
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: TypeOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    everything: AllOption = False,
    fmt: LinesFormatOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List stored events (merged events stand for their sources), newest first: the newest 50
    unless --limit or --all.

    On a terminal the events are a table. Piped or redirected, and with --all, each event is one
    tab-separated line (a header line first), printed as it is read, so that ids can be cut out
    and a million events need no more memory than fifty (a progress bar on stderr while thousands
    go to a file or a pipe). --format table prints a table anywhere, --format csv one line per event
    of the stored values under a header, and --format json (or --json) everything about each event
    (sources, evidence) as one JSON array, streamed too. When more events match than are shown, a
    note on stderr says how many, and how to see the others; to keep events, use --all or
    `conflictwatch export`.

    Example: conflictwatch events --country ML --admin1 Mopti --since 2019-01-01 --type Battles

    Example: conflictwatch events --all --admin1 Mopti | cut -f2

    Example: conflictwatch events --all --format csv > events.csv
    """
    from conflictwatch.errors import ConfigError
    from conflictwatch.store import open_store

    if everything and limit is not None:
        raise ConfigError(f"give --limit {limit} or --all, not both: --all lists every matching event")
    chosen = output_format(fmt, as_json)
    if everything and chosen is OutputFormat.table:
        raise ConfigError("--all streams every matching event as lines, --format csv or --format json; a table "
                          "shows one page: give --limit N (and --offset N) for a table.")
    filters: dict[str, Any] = {"since": since, "until": until, "country": country, "admin1": admin1,
                               "event_type": event_type, "actor": actor,
                               "status": status.value if status else None}
    page = None if everything else (limit or PAGE)
    table = chosen is OutputFormat.table or (chosen is None and not everything and sys.stdout.isatty())
    total: int | None
    with open_store(db, data_dir=data_dir) as store:
        if table:
            from conflictwatch.cli._console import console

            assert page is not None
            total, rows = store.event_page(fields=LIST_FIELDS, sort="-event_date", limit=page, offset=offset,
                                           **filters)
            shown = len(rows)
            title = f"{total} events" if shown == total else f"{shown} of {total:,} events (newest first)"
            console(soft_wrap=False).print(rows_table(rows, title=title))
        else:
            matching = store.count_events(**filters)
            coming = max(0, matching - offset) if page is None else min(page, max(0, matching - offset))
            if chosen is OutputFormat.json:
                shown = write_json(e.to_dict() for e in _with_progress(
                    store.iter_events(**filters, sort="-event_date", limit=page, offset=offset), coming))
            elif chosen is OutputFormat.csv:
                shown = write_csv(_with_progress(
                    store.iter_event_rows(fields=LIST_FIELDS, sort="-event_date", limit=page, offset=offset,
                                          **filters), coming), CSV_COLUMNS)
            else:
                shown = _write_lines(_with_progress(
                    store.iter_event_rows(fields=LIST_FIELDS, sort="-event_date", limit=page, offset=offset,
                                          **filters), coming))
            total = None if everything else matching
    if total is not None and shown < total:
        which = f"Showed events {offset + 1:,}-{offset + shown:,}" if shown else f"No events from --offset {offset:,}"
        typer.echo(f"{which} of {total:,}, newest first: --limit N and --offset N show others, --all every one; "
                   "`conflictwatch export` keeps them in a file.", err=True)


def export_command(
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, or - for standard output "
                                        "(not for parquet).")],
    fmt: Annotated[Format, typer.Option("--format", help="Export format.")] = Format.acled_csv,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: TypeOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export stored events as ACLED CSV (ACLED's columns, then offensive_id), GeoJSON, Parquet or JSON Lines.

    Example: conflictwatch export --format acled-csv --output mali.csv --country ML --since 2019-01-01
    """
    from conflictwatch.cli._console import console
    from conflictwatch.cli._progress import tracked
    from conflictwatch.store import open_store
    from conflictwatch.store.export import export_events

    filters: dict[str, Any] = {"since": since, "until": until, "country": country, "admin1": admin1,
                               "event_type": event_type, "actor": actor, "status": status.value if status else None}
    with open_store(db, data_dir=data_dir) as store:
        total = store.count_events(**filters)
        # streamed: read in batches as they are written, behind a bar of the matching count (not
        # drawn when the export itself goes to the terminal)
        events = tracked(store.iter_events(**filters), total, "exporting events",
                         show=not (output == "-" and sys.stdout.isatty()), every=100)
        result = export_events(events, output, fmt.value)
    note = f" ({result.skipped} without coordinates left out)" if result.skipped else ""
    console(stderr=output == "-").print(f"Wrote {result.written} events to {result.target}{note}.",
                                        highlight=False, soft_wrap=True)


def import_acled_command(
    file: Annotated[Path, typer.Argument(help="An ACLED CSV export (dyadic or monadic).")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import an ACLED CSV export as reviewed events; importing it again changes nothing.

    Rows are matched to the stored events (by id, else by day, place, type and actors): a matched
    automatic event takes ACLED's coding and keeps its evidence and sources; an analyst's edit is
    never overwritten (see `conflictwatch conflicts`). Bad rows are listed (one line each) and
    skipped; the exit status is then 1.

    Example: conflictwatch import-acled acled_mali.csv
    """
    from conflictwatch.cli._console import console
    from conflictwatch.cli._progress import progress_bar
    from conflictwatch.store import open_store
    from conflictwatch.store.acled import import_acled

    with open_store(db, data_dir=data_dir) as store, progress_bar("importing ACLED events") as bar:
        task = bar.add_task("import", total=None)  # the file's events, once it is read
        result = import_acled(store, file, on_plan=lambda n: bar.update(task, total=n),
                              on_progress=lambda n: bar.update(task, completed=n))
        where = store.safe_url
    out = console()
    out.print(f"Imported {result.imported} events from {file} into {where}: {result.added} added, "
              f"{result.matched} matched to stored events ({result.updated} of them updated), "
              f"{result.conflicts} conflicts with analysts' decisions"
              + (" (see `conflictwatch conflicts`)." if result.conflicts else "."))
    if result.failed:
        err = console(stderr=True)
        for failure in result.failed:
            err.print(f"Error: {failure}", highlight=False, soft_wrap=True)
        err.print(f"{len(result.failed)} rows failed.", highlight=False)
        raise typer.Exit(1)


def _edits(pairs: list[str]) -> dict[str, str]:
    from conflictwatch.errors import ConfigError
    from conflictwatch.store import EDITABLE_FIELDS

    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--set {pair!r}: write FIELD=VALUE, e.g. --set fatalities=12 (fields: "
                              f"{', '.join(EDITABLE_FIELDS)}).")
        out[name.strip()] = value
    return out


def review_command(
    event_id: Annotated[str, typer.Argument(help="The event's id, as `conflictwatch events` shows it.")],
    status: Annotated[Review | None, typer.Option("--status", help="The analyst's verdict.", show_default=False)]
    = None,
    edits: Annotated[list[str] | None, typer.Option(
        "--set", help="Correct a field: FIELD=VALUE (repeatable), e.g. --set fatalities=12 --set location=Boni.",
        show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="Add a note to the event's history.",
                                             show_default=False)] = None,
    reason: ReasonOption = "",
    analyst: AnalystOption = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Record an analyst's review: accept or reject an event, correct its fields, add a note.

    Every change is recorded (who, when, before, after, why: `conflictwatch history ID`). Reviewed
    and corrected events survive re-extraction and re-merging, rejected ones are hidden.

    Example: conflictwatch review ev-0f3a9c --set fatalities=12 --set location=Boni --reason "army toll"
    """
    from conflictwatch.cli._console import console
    from conflictwatch.errors import ConfigError
    from conflictwatch.store import open_store

    if status is None and not edits and note is None:
        raise ConfigError("nothing to record: give --status, --set FIELD=VALUE or --note.")
    who = analyst_name(analyst)
    changed = _edits(edits or [])
    with open_store(db, data_dir=data_dir) as store:
        if changed:
            store.correct(event_id, changed, analyst=who, reason=reason)
        if status is not None:
            store.set_status(event_id, status.value, analyst=who, reason=reason)
        if note is not None:
            store.add_note(event_id, note, analyst=who)
        event = store.event(event_id)
    what = [f"{len(changed)} fields corrected"] if changed else []
    what += ["a note added"] if note is not None else []
    console(soft_wrap=False).print(f"{event_id} is now {event.status}" + (f" ({', '.join(what)})" if what else "") + ".",
                    highlight=False)


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)
    app.command("export")(export_command)
    app.command("import-acled")(import_acled_command)
    app.command("review")(review_command)
