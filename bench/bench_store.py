"""Store speed: documents and extractions saved per second, events imported per second, query time.

Not a test: prints the median and spread of several runs, on a fresh database each run. Events
are synthetic (built here). SQLite runs on a temporary file; pass --db for PostgreSQL, e.g.
``--db "$(.ci/start-postgres.sh)"`` (the tables there are dropped first). Usage::

    python bench/bench_store.py [--docs 500] [--events-per-doc 5] [--imports 20000] [--runs 3] [--db URL]
                                [--aggregate 1000000] [--aggregate-db PATH] [--no-memory] [--data-dir DIR]

Aggregates (``--aggregate N``, 0 to skip): a SQLite store of N synthetic events over ten years and
eight regions (``bench_api.py``'s, built once and reused), then the median time of the dashboard's
weekly counts by admin1 (``Store.weekly_counts`` + ``trends_from_counts``), of the same for one
region, of the alerts for a week (weekly counts for the 60 weeks of history, events for the
recent 12), and, once, of daily counts by admin1 done by a GROUP BY over the events table.

Memory (unless ``--no-memory``): the peak resident memory of a fresh process that loads the
gazetteer of --data-dir (install OCHA's settlements there, as ``make demo`` does), builds the
extractor with both pipelines and extracts a first document in each language.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from conflictwatch.records import Document, Event, EventSource, Evidence
from conflictwatch.store import open_store
from conflictwatch.watch import (
    ALERT_COUNT_FIELDS,
    ALERT_HISTORY,
    ALERT_RECENT,
    acled_week_start,
    alerts,
    trends_from_counts,
)

ADMIN1 = ["Mopti", "Segou", "Gao", "Tombouctou", "Kidal", "Menaka", "Koulikoro", "Kayes"]


def _event(eid: str, i: int, doc: Document | None = None) -> Event:
    doc_id = doc.id if doc else ""
    return Event(
        event_id=eid, event_date=date(2019, 1, 1) + timedelta(days=i % 1000), event_type="Battles",
        sub_event_type="Armed clash", actor1="JNIM: Group for Support of Islam and Muslims", inter1=2,
        actor2="Military Forces of Mali (2013-2020)", inter2=1, interaction=12, country="Mali", iso=466,
        admin1=ADMIN1[i % len(ADMIN1)], location=f"Village {i % 300}", latitude=14.0 + (i % 100) / 100,
        longitude=-4.0 + (i % 50) / 50, fatalities=i % 7, status="automatic" if doc else "reviewed",
        sources=(EventSource(doc_id=doc_id, outlet="Wire", published=date(2019, 1, 2)),
                 EventSource(doc_id=doc_id, outlet="Radio", published=date(2019, 1, 3))) if doc else (),
        evidence=tuple(Evidence(field=f, text="militants attacked the post", start=0, end=27, doc_id=doc_id)
                       for f in ("event_type", "actor1", "location")) if doc else (),
    )


def _fresh(db: str | None, tmp: Path, run: int) -> str:
    if not db:
        return str(tmp / f"bench{run}.db")
    url = database_url(db)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} (min {min(values):,.0f}, max {max(values):,.0f})"


def _ms(fn: object, runs: int) -> str:
    """Wall-clock and CPU milliseconds of ``fn`` (SQLite runs in this thread, so CPU time is the
    one-core cost even on a machine busy with other work)."""
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return (f"median {statistics.median(times):,.1f} ms (min {min(times):,.1f}, max {max(times):,.1f}), "
            f"CPU median {statistics.median(cpu):,.1f} ms, {runs} runs")


def aggregates(n: int, db: Path) -> None:
    """Weekly counts by admin1 and alerts over ``n`` events, from the store's weekly counts."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_api

    t = time.perf_counter()
    db.parent.mkdir(parents=True, exist_ok=True)
    bench_api.build(db, n)
    print(f"aggregates: store of {n:,} events ready in {time.perf_counter() - t:.0f} s ({db})")
    with open_store(str(db)) as store:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT count(*) FROM event_weeks")).scalar()
        print(f"  event_weeks summary rows: {rows:,}")
        weekly = trends_from_counts(store.weekly_counts(by=("admin1",)), by=("admin1",))
        print(f"  weekly counts by admin1 ({len(weekly):,} rows, {sum(r.events for r in weekly):,} events): "
              + _ms(lambda: trends_from_counts(store.weekly_counts(by=("admin1",)), by=("admin1",)), 20))
        print("  weekly counts of one region, one year: "
              + _ms(lambda: trends_from_counts(store.weekly_counts(by=("admin1",), admin1="Mopti", since="2024-01-01",
                                                                   until="2024-12-31"), by=("admin1",)), 20))
        day = date(2025, 12, 26)

        def week_alerts() -> None:
            counts = store.weekly_counts(by=ALERT_COUNT_FIELDS, country="ML", since=day - ALERT_HISTORY, until=day)
            recent = store.query_events(country="ML", since=acled_week_start(day) - ALERT_RECENT, until=day,
                                        children=False)
            alerts(recent, as_of=day, country="ML", counts=counts)

        print(f"  alerts for the week of {day} (counts of 60 weeks, events of 12): " + _ms(week_alerts, 5))
        group_by = text("SELECT admin1, event_date, count(*), sum(fatalities) FROM events "
                        "WHERE status != 'rejected' AND cluster_id = '' GROUP BY admin1, event_date")
        with store.engine.connect() as conn:
            print("  the same counts by a GROUP BY over the events table: "
                  + _ms(lambda: conn.execute(group_by).all(), 1))


def _memory_child(data_dir: str | None) -> None:
    import resource

    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer

    gazetteer = Gazetteer.load(config.data_dir(data_dir))
    extractor = Extractor(gazetteer)
    for lang, line in (("en", "On Sunday, gunmen attacked a convoy near Aguelhok, killing 2 drivers."),
                       ("fr", "Dimanche, des hommes armés ont attaqué un convoi près d'Aguelhok : 2 morts.")):
        extractor.extract(Document.from_text(line, language=lang, published=date(2024, 3, 12), source_id="s"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory with the gazetteer of {config.data_dir(data_dir)}, both pipelines and a first document "
          f"in each: {peak:,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--events-per-doc", type=int, default=5)
    ap.add_argument("--imports", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", default=None, help="PostgreSQL URL (default: a SQLite file in a temp dir)")
    ap.add_argument("--aggregate", type=int, default=1_000_000, help="events for the aggregate timings (0: skip)")
    ap.add_argument("--aggregate-db", type=Path, default=Path(__file__).resolve().parent.parent / "out" / "bench-api" / "cw.db")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--data-dir", default=None, help="data directory whose gazetteer the memory run loads")
    ap.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        _memory_child(args.data_dir)
        return

    docs_s, extr_s, import_s, query_ms, filtered_ms = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            with open_store(_fresh(args.db, Path(tmp), run)) as store:
                docs = [Document.from_text(f"Report {run}-{i}: militants attacked a post.") for i in range(args.docs)]
                t = time.perf_counter()
                for doc in docs:
                    store.add_documents([doc])
                docs_s.append(len(docs) / (time.perf_counter() - t))
                t = time.perf_counter()
                for i, doc in enumerate(docs):
                    store.save_extraction(doc.id, [_event(f"ev-{i}-{k}", i * 10 + k, doc)
                                                   for k in range(args.events_per_doc)], extractor="bench")
                extr_s.append(len(docs) / (time.perf_counter() - t))
                events = [_event(f"MLI{i}", i) for i in range(args.imports)]
                t = time.perf_counter()
                for start in range(0, len(events), 500):
                    store.add_events(events[start:start + 500])
                import_s.append(len(events) / (time.perf_counter() - t))
                t = time.perf_counter()
                everything = store.query_events()
                query_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                store.query_events(country="ML", admin1="Mopti", since="2019-06-01", until="2019-12-31",
                                   event_type="Armed clash")
                filtered_ms.append((time.perf_counter() - t) * 1000)
                backend = store.dialect
    print(f"backend: {backend}; {args.runs} runs; {len(everything):,} events in the database")
    print(f"add_documents, one per call:        {_spread(docs_s)} docs/s")
    print(f"save_extraction ({args.events_per_doc} events, 2 sources, 3 evidence each): {_spread(extr_s)} docs/s")
    print(f"add_events, batches of 500:         {_spread(import_s)} events/s")
    print(f"query_events, all ({len(everything):,} events): {_spread(query_ms)} ms")
    print(f"query_events, country+admin1+dates+type: {_spread(filtered_ms)} ms")
    if args.aggregate:
        aggregates(args.aggregate, args.aggregate_db)
    if not args.no_memory:
        cmd = [sys.executable, __file__, "--memory-child"] + (["--data-dir", args.data_dir] if args.data_dir else [])
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
