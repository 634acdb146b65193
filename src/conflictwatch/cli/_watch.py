"""``conflictwatch trends``, ``alerts`` and ``report``: watching the stored events."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from conflictwatch.cli._options import (
    ActorOption,
    Admin1Option,
    CountryOption,
    DataDirOption,
    DbOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    SinceOption,
    TypeOption,
    UntilOption,
    output_format,
    parse_day,
)
from conflictwatch.cli._output import write_csv, write_json
from conflictwatch.constants import GROUP_FIELDS


class PeriodChoice(str, Enum):
    week = "week"
    month = "month"


def trends_command(
    period: Annotated[PeriodChoice, typer.Option("--period", help="Count per ACLED week (Saturday-Friday) or calendar month.")] = PeriodChoice.week,
    by: Annotated[list[str] | None, typer.Option("--by", help=f"Group by a field (repeat or comma-separate): {', '.join(GROUP_FIELDS)}.", show_default=False)] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: TypeOption = None,
    actor: ActorOption = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Events and fatalities per ACLED week or month, grouped by any event field.

    Example: conflictwatch trends --country ML --period month --by admin1 --format csv
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store
    from conflictwatch.watch import COUNTED_FIELDS, trends, trends_from_counts

    chosen = output_format(fmt, as_json) or OutputFormat.table
    fields = [f.strip() for item in by or [] for f in item.split(",") if f.strip()]
    with open_store(db, data_dir=data_dir) as store:
        if period is PeriodChoice.week and actor is None and all(f in COUNTED_FIELDS for f in fields):
            # the store's weekly counts, as GET /api/trends: no scan of the events
            found = trends_from_counts(store.weekly_counts(by=fields, since=since, until=until, country=country,
                                                           admin1=admin1, event_type=event_type), by=fields)
        else:
            found = trends(store.query_events(since=since, until=until, country=country, admin1=admin1,
                                              event_type=event_type, actor=actor, children=False),
                           period=period.value, by=fields)
    rows = [r.to_dict() for r in found]
    counted = sum(r.events for r in found) if not fields or "actor" not in fields else None
    columns = ["period_start", "period_end", *fields, "events", "fatalities"]
    if chosen is OutputFormat.json:
        write_json(rows)
    elif chosen is OutputFormat.csv:
        write_csv(rows, columns)
    else:
        table = Table(title=(f"{counted} events" if counted is not None else "Events") + f" per {period.value}"
                      + (f" by {', '.join(fields)}" if fields else ""))
        for col in columns:
            table.add_column(col, justify="right" if col in ("events", "fatalities") else "left", overflow="fold")
        for row in rows:
            table.add_row(*(str(row[c]) for c in columns))
        console(soft_wrap=False).print(table)


def alerts_command(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Alert on the ACLED week containing this date "
                                                 "(YYYY-MM-DD; default: the latest stored event's date).", show_default=False)] = None,
    country: CountryOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Early-warning alerts for one ACLED week: ACLED's surge, threat and country-change rules, an
    unusual-count test against each area's history, new actors in an area, coordinated offensives.

    --format csv has every field of each alert, its event ids joined by ';'.

    Example: conflictwatch alerts --as-of 2019-08-09 --country ML

    Example: conflictwatch alerts --country ML --format csv > alerts.csv
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.errors import ConfigError
    from conflictwatch.store import open_store
    from conflictwatch.watch import (
        ALERT_COUNT_FIELDS,
        ALERT_HISTORY,
        ALERT_RECENT,
        Alert,
        acled_week_start,
        alerts,
    )

    chosen = output_format(fmt, as_json) or OutputFormat.table
    with open_store(db, data_dir=data_dir) as store:
        day = parse_day(as_of, "--as-of")
        if day is None:
            latest = store.query_events(country=country, limit=1, sort="-event_date", children=False)
            if not latest:
                raise ConfigError("no stored events to alert on: ingest and extract reports, or "
                                  "import an ACLED export with `conflictwatch import-acled`.")
            day = latest[0].event_date
        # as GET /api/alerts: the history from the store's weekly counts, the recent weeks' events read
        counts = store.weekly_counts(by=ALERT_COUNT_FIELDS, country=country, until=day, since=day - ALERT_HISTORY)
        events = store.query_events(country=country, until=day, since=acled_week_start(day) - ALERT_RECENT,
                                    children=False)
        stored = store.offensives(since=day - timedelta(days=7), until=day)
    found = alerts(events, as_of=day, country=country, offensives=stored or None, counts=counts)
    if chosen is OutputFormat.json:
        write_json(a.to_dict() for a in found)
        return
    if chosen is OutputFormat.csv:
        write_csv((a.to_dict() for a in found), [f.name for f in dataclass_fields(Alert)])
        return
    week = found[0].week_start if found else day
    table = Table(title=f"{len(found)} alerts, week of {week.isoformat()} (as of {day.isoformat()})")
    for col in ("severity", "kind", "area", "why", "events"):
        table.add_column(col, overflow="fold", justify="right" if col == "events" else "left")
    for a in found:
        table.add_row(a.severity, a.kind, a.area, a.reason, str(len(a.event_ids)))
    console(soft_wrap=False).print(table)


def report_command(
    country: Annotated[str, typer.Option("--country", help="Country name or ISO-2 code, e.g. ML or Mali.")],
    start: Annotated[str, typer.Option("--from", help="First day of the report period (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option("--to", help="Last day of the report period (YYYY-MM-DD).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .html (one self-contained page) "
                                         "or .md (Markdown, with the map and chart as SVG files beside it).")],
    boundaries: Annotated[Path | None, typer.Option("--boundaries", help="GeoJSON admin-1 boundaries for the map "
                                                       "(default: the file `conflictwatch setup` installed).",
                                                       show_default=False)] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write a situation report: headline numbers, map, weekly chart, top actors and areas,
    alerts (for the ACLED week containing --to), offensives and every event with its sources and evidence.

    Example: conflictwatch report --country ML --from 2025-06-01 --to 2025-07-04 --output sitrep.html
    """
    from conflictwatch import config
    from conflictwatch.report import build_report, installed_boundaries, write_report
    from conflictwatch.store import open_store
    from conflictwatch.watch import ALERT_HISTORY, alerts

    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if boundaries is None:
        boundaries = installed_boundaries(config.data_dir(data_dir))
    length = last - first + timedelta(days=1)
    with open_store(db, data_dir=data_dir) as store:
        events = store.query_events(country=country, since=min(first - length, last - ALERT_HISTORY), until=last)
        stored = store.offensives(since=first, until=last)
    report = build_report(events, country=country, start=first, end=last, boundaries=boundaries,
                          alerts=alerts(events, as_of=last, country=country),
                          offensives=stored or None)
    for path in write_report(report, output):
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    app.command("trends")(trends_command)
    app.command("alerts")(alerts_command)
    app.command("report")(report_command)
