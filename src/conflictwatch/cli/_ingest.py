"""``conflictwatch ingest``: read reports from files, folders, URLs and feeds into the store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption, parse_day
from conflictwatch.constants import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_TIMEOUT

__all__ = ["register"]


def ingest_command(
    sources: Annotated[list[str], typer.Argument(
        help="Files (.txt, .html, .htm, .jsonl), folders (read recursively) or http(s) URLs of "
             "pages and RSS/Atom feeds.", metavar="PATH|URL...", show_default=False)],
    db: DbOption = None,
    data_dir: DataDirOption = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Largest file, page or JSONL record to read, in bytes.")] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds one URL fetch may take in all.")] = DEFAULT_TIMEOUT,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links/--no-follow-links",
        help="Fetch the article page of feed entries that carry only a short summary.")] = True,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date of the documents that state none of their own (a date in the "
             "page or record, or a dateline such as 'BAMAKO, Oct 14 (Reuters) -' wins over it).",
        show_default=False)] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", metavar="HOST",
        help="Fetch from HOST (a name or address, optionally HOST:PORT) even though it resolves to a "
             "loopback, private or link-local address; repeat for several. Without it such URLs, "
             "redirects and feed links are refused.", show_default=False)] = None,
    max_items: Annotated[int, typer.Option(
        "--max-items", min=1, help="Entries read from one feed (its budget); the rest are noted "
                                   "and not fetched.")] = DEFAULT_MAX_ITEMS,
) -> None:
    """Read reports and store them as documents (the same text is stored once).

    A document is dated by the date its source states (JSONL 'published', the page's metadata, the
    feed entry), else by its dateline, else by --published. Prints one "Error: SOURCE: ..." line per
    failed input, then a summary that counts and lists the documents left without a date; exits 1
    if any input failed.

    Example: conflictwatch ingest reports/ https://example.org/sahel/feed.xml --published 2025-06-30
    """
    from conflictwatch.cli._console import ERROR, NOTE, WARNING, console
    from conflictwatch.ingest import ingest
    from conflictwatch.store import open_store

    default = parse_day(published, "--published")
    with open_store(db, data_dir=data_dir) as store:
        report = ingest(sources, store=store, progress=sys.stderr.isatty(), max_bytes=max_bytes,
                        timeout=timeout, follow_links=follow_links, published=default,
                        allow_hosts=allow_host or (), max_items=max_items)
    err = console(stderr=True)
    for note in report.notes:
        err.print(NOTE, str(note))
    for failure in report.failures:
        err.print(ERROR, str(failure))
    summary = f"{report.added} added, {report.existing} already stored, {report.failed} failed"
    if report.undated:
        n = len(report.undated)
        summary += f", {n} without a publication date"
        err.print(WARNING, f"{n} {'document states' if n == 1 else 'documents state'} no "
                  "publication date (none in the page or record, no dateline); their relative dates "
                  "('on Monday') cannot be resolved. Pass --published YYYY-MM-DD to date them:")
        for item in report.undated:
            err.print(f"  {item}")
    console().print(summary)
    if report.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to the CLI."""
    app.command("ingest")(ingest_command)
