"""The everyday paths, composed from the stages: what the CLI commands and the demo call.

* :func:`setup_reference_data`: install the gazetteer and the map boundaries;
* :func:`run_demo`: the whole path on the sample reports bundled with the package.

This module sits above the stages (like the CLI): it may import any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from conflictwatch.geo import InstallReport, SettlementsReport
from conflictwatch.records import Event, Offensive

__all__ = [
    "DemoResult",
    "run_demo",
    "sample_reports",
    "setup_reference_data",
]


def setup_reference_data(*, data_dir: Path, source_dir: Path | None = None, boundaries: Path | None = None,
                         settlements: Path | None = None, progress: bool = False
                         ) -> tuple[InstallReport, Path | None, SettlementsReport | None]:
    """Install the gazetteer of the default countries (from ``source_dir``, else by download);
    when ``settlements`` is given, add the villages of that OCHA settlements list (Mali) GeoNames
    lacks; when ``boundaries`` is given, the admin-1 boundaries file the report maps draw."""
    from conflictwatch.geo import add_settlements, setup
    from conflictwatch.report import install_boundaries

    report = setup(data_dir=data_dir, source_dir=source_dir, progress=progress)
    added = add_settlements(settlements, data_dir=data_dir) if settlements is not None else None
    installed = install_boundaries(boundaries, data_dir=data_dir) if boundaries is not None else None
    return report, installed, added


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
             boundaries: Path | None = None, settlements: Path | None = None, progress: bool = False) -> DemoResult:
    """Run the whole path on the bundled sample reports, writing everything under ``output``.

    Installs the gazetteer into ``data_dir`` if it is missing (from ``source_dir`` when given,
    else by download, with the OCHA ``settlements`` list when given) and the admin-1 boundaries
    when ``boundaries`` is given; then ingests the
    samples into a fresh SQLite database ``output/demo.db``, extracts, merges, exports ACLED CSV
    and GeoJSON, and writes a situation report for the period the samples cover.
    """
    from conflictwatch.errors import GazetteerMissing
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.io import extract_stored
    from conflictwatch.geo import Gazetteer, add_settlements, settlements_installed
    from conflictwatch.ingest import ingest
    from conflictwatch.merge import merge_store
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
        if settlements is not None and not settlements_installed(data_dir, settlements):
            add_settlements(settlements, data_dir=data_dir)
            gazetteer = Gazetteer.load(data_dir)
        if boundaries is not None:
            install_boundaries(boundaries, data_dir=data_dir)
    except GazetteerMissing:
        setup_reference_data(data_dir=data_dir, source_dir=source_dir, boundaries=boundaries,
                             settlements=settlements, progress=progress)
        gazetteer = Gazetteer.load(data_dir)
    boundary_file = installed_boundaries(data_dir)

    db_path = output / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with open_store(str(db_path), data_dir=data_dir) as store:
        ingested = ingest([str(p) for p in sample_reports()], store=store, progress=progress)
        extract_stored(store, Extractor(gazetteer))
        merged = merge_store(store)
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
