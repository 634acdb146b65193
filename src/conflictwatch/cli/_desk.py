"""The analyst's desk on the command line: ``history``, ``conflicts``, ``resolve``, ``join``,
``export-reviews`` and ``token`` (``review`` itself lives with the store commands)."""

from __future__ import annotations

import getpass
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictwatch.cli._options import (
    DataDirOption,
    DbOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    output_format,
)
from conflictwatch.cli._output import write_csv, write_json

__all__ = ["AnalystOption", "ReasonOption", "analyst_name", "register"]

AnalystOption = Annotated[str | None, typer.Option(
    "--analyst", help="Who makes the change (default: $CONFLICTWATCH_ANALYST, else your login name).",
    show_default=False)]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why: kept with the change in the history.")]


def analyst_name(given: str | None) -> str:
    """The analyst a CLI change is attributed to."""
    from conflictwatch.errors import ConfigError

    name = (given or os.environ.get("CONFLICTWATCH_ANALYST") or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            raise ConfigError("cannot tell who you are: pass --analyst NAME or set CONFLICTWATCH_ANALYST.") from None
    return name


class HistoryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


_HISTORY_COLUMNS = ("id", "created", "event_id", "kind", "field", "before", "after", "analyst", "origin", "reason")


def history_command(
    event_id: Annotated[str | None, typer.Argument(help="The event (default: every event).", show_default=False)] = None,
    fmt: Annotated[HistoryFormat | None, typer.Option(
        "--format", help="table (the default; csv with --output), csv, json (one array, as --json) or jsonl "
        "(one change a line).", show_default=False)] = None,
    as_json: JsonOption = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of the terminal.")]
    = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show or export the recorded changes (who, when, before, after, why) of one event or of all.

    A merged event's history includes its members'. In CSV a value before or after that is not
    text is written as JSON.

    Example: conflictwatch history cl-0123456789abcdef0123 --format csv --output history.csv
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.errors import ConfigError
    from conflictwatch.store import open_store

    if as_json:
        if fmt not in (None, HistoryFormat.json):
            raise ConfigError(f"--json and --format {fmt.value} ask for two formats: give one of them "
                              "(--json is --format json).")
        fmt = HistoryFormat.json
    if fmt is None or (fmt is HistoryFormat.table and output is not None):
        fmt = HistoryFormat.table if output is None else HistoryFormat.csv
    with open_store(db, data_dir=data_dir) as store:
        changes = store.history(event_id)
    rows = [c.to_dict() for c in changes]
    if fmt is HistoryFormat.table:
        table = Table(title=f"{len(rows)} changes")
        for col in _HISTORY_COLUMNS[1:]:
            table.add_column(col, no_wrap=col == "event_id")  # an id whole, to be copied
        for r in rows:
            table.add_row(*(_cell(r[k]) for k in _HISTORY_COLUMNS[1:]))
        console(soft_wrap=False).print(table)
        return
    fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt is HistoryFormat.csv:
            write_csv(({**r, "before": _cell(r["before"]), "after": _cell(r["after"])} for r in rows),
                      _HISTORY_COLUMNS, fh)
        elif fmt is HistoryFormat.json:
            write_json(rows, fh)
        else:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if output:
            fh.close()
    if output:
        console(stderr=True).print(f"Wrote {len(rows)} changes to {output}.", highlight=False, soft_wrap=True)


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else json.dumps(value, ensure_ascii=False)


_CONFLICT_COLUMNS = ("id", "event_id", "field", "kept", "proposed", "source", "detail", "created", "resolution",
                     "resolved_by")


def conflicts_command(
    event_id: Annotated[str | None, typer.Option("--event", help="Only this event's conflicts.")] = None,
    include_resolved: Annotated[bool, typer.Option("--all", help="Resolved conflicts too.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List what re-extraction, re-merging or an ACLED import proposed against analysts' decisions.

    Settle each with `conflictwatch resolve ID --keep` or `--take`. With --format csv a value kept
    or proposed that is not text is written as JSON.

    Example: conflictwatch conflicts --event ev-0123456789abcdef0123
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    chosen = output_format(fmt, as_json) or OutputFormat.table
    with open_store(db, data_dir=data_dir) as store:
        found = store.conflicts(event_id=event_id, open_only=not include_resolved)
    if chosen is OutputFormat.json:
        write_json(c.to_dict() for c in found)
        return
    if chosen is OutputFormat.csv:
        write_csv(({**c.to_dict(), "kept": _cell(c.kept), "proposed": _cell(c.proposed)} for c in found),
                  _CONFLICT_COLUMNS)
        return
    table = Table(title=f"{len(found)} conflicts")
    for col in ("id", "event", "field", "kept", "proposed", "source", "detail", "resolution"):
        table.add_column(col, no_wrap=col in ("id", "event"))  # ids whole, to be copied into `resolve`
    for c in found:
        table.add_row(str(c.id), c.event_id, c.field or "(event)", _cell(c.kept), _cell(c.proposed),
                      c.source, c.detail, c.resolution or "open")
    console(soft_wrap=False).print(table)


def resolve_command(
    conflict_id: Annotated[int, typer.Argument(help="The conflict's id, as `conflictwatch conflicts` shows it.")],
    take: Annotated[bool, typer.Option("--take/--keep", help="Take the proposed value, or keep the analyst's.")],
    reason: ReasonOption = "",
    analyst: AnalystOption = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Settle a conflict: keep the analyst's value, or take the one proposed (applied as an edit).

    Example: conflictwatch resolve 12 --take --reason "the later toll is right"
    """
    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    with open_store(db, data_dir=data_dir) as store:
        done = store.resolve_conflict(conflict_id, take=take, analyst=analyst_name(analyst), reason=reason)
    console().print(
        f"conflict {done.id} on {done.event_id}: {'took the proposed value' if take else 'kept the value'}.")


def join_command(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more events or merged events.", show_default=False)],
    reason: ReasonOption = "",
    analyst: AnalystOption = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Merge events an analyst knows are one (the opposite of `split`); the merged event is reviewed.

    Example: conflictwatch join ev-0f3a9c ev-8b21d4 --reason "same ambush, reported twice"
    """
    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    with open_store(db, data_dir=data_dir) as store:
        merged = store.join_events(event_ids, analyst=analyst_name(analyst), reason=reason)
        members = [link.event_id for link in store.merge_links(merged.event_id)]
    console().print(
        f"merged {', '.join(members)} into {merged.event_id} (reviewed).")


def export_reviews_command(
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL file to write, or - for standard output.")],
    partial: Annotated[bool, typer.Option("--partial", help="Also documents with events not reviewed yet.")]
    = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export the reviewed events, as corrected, in the gold-set format (one document per line with its
    text and events), to score the extractor on: bench/score_gold.py --gold FILE.

    Only fully reviewed documents are written unless --partial; rejected events are left out.

    Example: conflictwatch export-reviews --output my_reviews.jsonl
    """
    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store
    from conflictwatch.store.reviews import export_reviews

    with open_store(db, data_dir=data_dir) as store:
        done = export_reviews(store, output, partial=partial)
    note = (f"; {done.incomplete} documents with events not reviewed yet were left out (--partial writes them)"
            if done.incomplete else "")
    console(stderr=output == "-").print(
        f"Wrote {done.documents} documents with {done.events} reviewed events to {done.target}{note}.")


token_app = typer.Typer(help="Analyst tokens for writes through the web API (stored hashed).\n\n"
                        "Example: conflictwatch token create amina", no_args_is_help=True)


@token_app.command("create")
def token_create_command(
    analyst: Annotated[str, typer.Argument(help="The analyst the token's changes are attributed to.")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Make a write token for an analyst and print it once (only its hash is stored).

    Send it as `Authorization: Bearer TOKEN`; the dashboard asks for it on the first write.

    Example: conflictwatch token create amina
    """
    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    with open_store(db, data_dir=data_dir) as store:
        token = store.create_token(analyst)
    typer.echo(token)
    console(stderr=True).print(
        f"Token for {analyst} (shown once: keep it somewhere safe).")


@token_app.command("list")
def token_list_command(db: DbOption = None, data_dir: DataDirOption = None, fmt: FormatOption = None,
                       as_json: JsonOption = False) -> None:
    """List the tokens: analyst, first characters, created, revoked (never the tokens themselves).

    Example: conflictwatch token list
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    chosen = output_format(fmt, as_json) or OutputFormat.table
    with open_store(db, data_dir=data_dir) as store:
        tokens = store.tokens()
    rows = [{"analyst": t.analyst, "prefix": t.prefix, "created": t.created.isoformat(),
             "revoked": t.revoked.isoformat() if t.revoked else None} for t in tokens]
    if chosen is OutputFormat.json:
        write_json(rows)
        return
    if chosen is OutputFormat.csv:
        write_csv(rows, ("analyst", "prefix", "created", "revoked"))
        return
    table = Table("analyst", "token starts", "created", "revoked", title=f"{len(tokens)} tokens")
    for t in tokens:
        table.add_row(t.analyst, t.prefix + "...", t.created.isoformat(),
                      t.revoked.isoformat() if t.revoked else "")
    console(soft_wrap=False).print(table)


@token_app.command("revoke")
def token_revoke_command(
    analyst: Annotated[str, typer.Argument(help="The analyst whose tokens stop working.")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Revoke every token of an analyst (their recorded changes stay).

    Example: conflictwatch token revoke amina
    """
    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    with open_store(db, data_dir=data_dir) as store:
        n = store.revoke_tokens(analyst)
    console().print(f"Revoked {n} tokens of {analyst}.")
    if not n:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("history")(history_command)
    app.command("conflicts")(conflicts_command)
    app.command("resolve")(resolve_command)
    app.command("join")(join_command)
    app.command("export-reviews")(export_reviews_command)
    app.add_typer(token_app, name="token")
