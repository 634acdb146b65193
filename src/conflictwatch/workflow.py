"""The everyday paths, composed from the stages: what the CLI commands and the demo call.

* :func:`extract_stored`: run the extractor over stored documents, saving each document's events
  atomically (an interrupted run resumes where it stopped);
* :func:`merge_stored`: merge the stored events into one record per real-world event and find
  coordinated offensives (incremental: new events join the existing clusters);
* :func:`run_demo`: the whole path on the sample reports bundled with the package.

This module sits above the stages (like the CLI): it may import any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from conflictwatch.errors import ConflictwatchError, ExtractError
from conflictwatch.geo import InstallReport
from conflictwatch.records import Event, Offensive

if TYPE_CHECKING:
    from conflictwatch.extract import Extractor
    from conflictwatch.store import Store

__all__ = [
    "DemoResult",
    "ExtractReport",
    "MergeReport",
    "extract_stored",
    "merge_stored",
    "run_demo",
    "sample_reports",
    "setup_reference_data",
]


@dataclass(slots=True)
class ExtractReport:
    """What :func:`extract_stored` did."""

    documents: int = 0
    events: int = 0
    failures: list[ExtractError] = field(default_factory=list)


@dataclass(slots=True)
class MergeReport:
    """What :func:`merge_stored` did."""

    events: int = 0
    clusters: int = 0
    merged_events: int = 0
    offensives: list[Offensive] = field(default_factory=list)
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (cluster, event, reason)


def _progress(enabled: bool, label: str, total: int | None) -> tuple[object, Callable[[], None]]:
    if not enabled:
        return nullcontext(), lambda: None
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True)
    task = bar.add_task(label, total=total)
    return bar, lambda: bar.advance(task)


def extract_stored(store: Store, extractor: Extractor, *, all_documents: bool = False,
                   progress: bool = False) -> ExtractReport:
    """Extract events from the stored documents not yet extracted (every document with
    ``all_documents``) and save them with ``store.save_extraction``, one document per transaction.

    A document the extractor fails on is recorded in the report and skipped; the others go on.
    """
    from conflictwatch.extract import EXTRACTOR_NAME

    docs = list(store.documents(not_extracted=not all_documents))
    report = ExtractReport()
    ctx, tick = _progress(progress, "extracting", len(docs))
    with ctx:  # type: ignore[attr-defined]
        for doc in docs:
            try:
                events = extractor.extract(doc)
            except ExtractError as exc:
                report.failures.append(exc)
                tick()
                continue
            store.save_extraction(doc.id, events, extractor=EXTRACTOR_NAME)
            report.documents += 1
            report.events += len(events)
            tick()
    return report


def merge_stored(store: Store, *, since: date | None = None, dry_run: bool = False) -> MergeReport:
    """Merge stored events across reports and link coordinated offensives.

    Incremental: stored clusters are kept and grown; reviewed events are never merged
    automatically. With ``dry_run`` nothing is written.
    """
    from conflictwatch.merge import find_offensives, merge_events

    events = store.query_events(since=since, merged_view=False)
    links = store.merge_links()
    result = merge_events(events, existing=events, existing_links=links)
    view = result.merged_view([e for e in events if not e.event_id.startswith("cl-") and not e.cluster_id])
    stored_clusters = {e.event_id: e for e in events if e.event_id.startswith("cl-")}
    new_ids = {c.event_id for c, _ in result.clusters}
    view += [c for cid, c in stored_clusters.items() if cid not in new_ids and cid not in result.superseded]
    offensives = find_offensives(view)
    report = MergeReport(
        events=len(events),
        clusters=len(result.clusters),
        merged_events=sum(len(links) for _, links in result.clusters),
        offensives=offensives,
        reasons=[(link.cluster_id, link.event_id, link.reason) for link in result.links],
    )
    if not dry_run:
        if result.clusters:
            store.save_clusters(result.clusters)
        store.save_offensives(offensives)
    return report


def setup_reference_data(*, data_dir: Path, source_dir: Path | None = None, boundaries: Path | None = None,
                         progress: bool = False) -> tuple[InstallReport, Path | None]:
    """Install the gazetteer of the default countries (from ``source_dir``, else by download) and,
    when ``boundaries`` is given, the admin-1 boundaries file the report maps draw."""
    from conflictwatch.geo import setup
    from conflictwatch.report import install_boundaries

    report = setup(data_dir=data_dir, source_dir=source_dir, progress=progress)
    installed = install_boundaries(boundaries, data_dir=data_dir) if boundaries is not None else None
    return report, installed


def sample_reports() -> Iterator[Path]:
    """The sample reports bundled with the package (written for the project)."""
    root = resources.files("conflictwatch") / "data" / "samples"
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith((".jsonl", ".html", ".txt")):
            yield Path(str(entry))


@dataclass(slots=True)
class DemoResult:
    """Everything :func:`run_demo` produced."""

    database: str
    documents_added: int
    events: list[Event]
    offensives: list[Offensive]
    exports: list[Path]
    report: Path
    ingest_failures: list[str]


def run_demo(*, output: Path, data_dir: Path, source_dir: Path | None = None,
             boundaries: Path | None = None, progress: bool = False) -> DemoResult:
    """Run the whole path on the bundled sample reports, writing everything under ``output``.

    Installs the gazetteer into ``data_dir`` if it is missing (from ``source_dir`` when given,
    else by download) and the admin-1 boundaries when ``boundaries`` is given; then ingests the
    samples into a fresh SQLite database ``output/demo.db``, extracts, merges, exports ACLED CSV
    and GeoJSON, and writes a situation report for the period the samples cover.
    """
    from conflictwatch.errors import GazetteerMissing
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.ingest import ingest
    from conflictwatch.report import (
        build_report,
        install_boundaries,
        installed_boundaries,
        write_report,
    )
    from conflictwatch.store import open_store
    from conflictwatch.store.export import export_events
    from conflictwatch.watch import alerts

    output.mkdir(parents=True, exist_ok=True)
    try:
        gazetteer = Gazetteer.load(data_dir)
        if boundaries is not None:
            install_boundaries(boundaries, data_dir=data_dir)
    except GazetteerMissing:
        setup_reference_data(data_dir=data_dir, source_dir=source_dir, boundaries=boundaries, progress=progress)
        gazetteer = Gazetteer.load(data_dir)
    boundary_file = installed_boundaries(data_dir)

    db_path = output / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with open_store(str(db_path), data_dir=data_dir) as store:
        ingested = ingest([str(p) for p in sample_reports()], store=store, progress=progress)
        extracted = extract_stored(store, Extractor(gazetteer), progress=progress)
        if extracted.failures:
            raise ConflictwatchError("; ".join(str(f) for f in extracted.failures))
        merged = merge_stored(store)
        events = store.query_events()
        exports = []
        for fmt, name in (("acled-csv", "events.csv"), ("geojson", "events.geojson")):
            export_events(events, output / name, fmt)
            exports.append(output / name)
        if events:
            end = max(e.event_date for e in events)
            start = min(e.event_date for e in events)
        else:
            end = start = date.today()
        history = store.query_events(since=start - (end - start) - timedelta(days=1))
        offensives = store.offensives()
        country = events[0].country if events else "Mali"
        found = alerts(history, as_of=end, country=country, offensives=offensives)
        report = build_report(history, country=country, start=start, end=end, boundaries=boundary_file,
                              alerts=found, offensives=offensives,
                              title=f"Situation report: {country}, {start:%d %B %Y} to {end:%d %B %Y} (demo)")
        report_path = output / "report.html"
        write_report(report, report_path)
    return DemoResult(
        database=str(db_path),
        documents_added=ingested.added,
        events=events,
        offensives=merged.offensives,
        exports=exports,
        report=report_path,
        ingest_failures=[str(f) for f in ingested.failures],
    )
