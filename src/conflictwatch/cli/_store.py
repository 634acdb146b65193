"""``conflictwatch events``, ``export``, ``import-acled`` and ``review``: the stored events."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from conflictwatch.cli._console import console
from conflictwatch.cli._desk import AnalystOption, ReasonOption, analyst_name
from conflictwatch.cli._options import (
    ActorOption,
    Admin1Option,
    CountryOption,
    DataDirOption,
    DbOption,
    JsonOption,
    SinceOption,
    TypeOption,
    UntilOption,
)
from conflictwatch.errors import ConfigError
from conflictwatch.records import Event
from conflictwatch.store import EDITABLE_FIELDS, open_store
from conflictwatch.store.acled import import_acled
from conflictwatch.store.export import export_events


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


StatusOption = Annotated[
    Status | None,
    typer.Option("--status", help="Only events with this status (default: all but rejected).", show_default=False),
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many events.")]


def _fatalities(e: Event) -> str:
    if e.fatalities_unknown and not e.fatalities:
        return "?"
    if e.fatalities_high is not None and e.fatalities_high > e.fatalities:
        return f"{e.fatalities} ({e.fatalities_low if e.fatalities_low is not None else e.fatalities}-{e.fatalities_high})"
    return str(e.fatalities)


def events_table(events: list[Event], *, title: str | None = None) -> Table:
    """The events as the `events` command (and the demo) print them."""
    table = Table(title=title or f"{len(events)} events", show_lines=False)
    for col in ("date", "id", "type / sub-type", "actors", "location / admin1", "fatalities", "conf.",
                "sources", "offensive"):
        table.add_column(col, justify="right" if col in ("fatalities", "conf.", "sources") else "left",
                         overflow="fold")
    for e in events:
        actors = e.actor1 + (f"\nvs {e.actor2}" if e.actor2 else "")
        table.add_row(e.event_date.isoformat(), e.event_id, f"{e.event_type}\n{e.sub_event_type}", actors,
                      f"{e.location or '-'}\n{e.admin1}", _fatalities(e), f"{e.confidence:.2f}",
                      str(len(e.sources)), e.offensive_id)
    return table


def events_command(
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: TypeOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List stored events (merged events stand for their sources), oldest first.

    Example: conflictwatch events --country ML --admin1 Mopti --since 2019-01-01 --type Battles
    """
    with open_store(db, data_dir=data_dir) as store:
        events = store.query_events(since=since, until=until, country=country, admin1=admin1,
                                    event_type=event_type, actor=actor,
                                    status=status.value if status else None, limit=limit)
    if as_json:
        typer.echo(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2))
        return
    console(soft_wrap=False).print(events_table(events))


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
    with open_store(db, data_dir=data_dir) as store:
        events = store.query_events(since=since, until=until, country=country, admin1=admin1,
                                    event_type=event_type, actor=actor, status=status.value if status else None)
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
    with open_store(db, data_dir=data_dir) as store:
        result = import_acled(store, file)
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
