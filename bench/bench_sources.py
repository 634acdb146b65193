"""Source health speed: ``GET /api/sources`` (``MonitorState.health``) over a store holding a
large monitor history.

    .venv/bin/python bench/bench_sources.py [--sources 100] [--items 1000000] [--runs 20] [--db PATH]

Builds (once, reused when it is there with the asked size) a SQLite store whose monitor state has
--sources sources and --items entries spread over the last 365 days (a tenth of them failed, a
fifth duplicates), then answers ``GET /api/sources`` (the default limit of 100 sources) --runs
times through the app on one core (Starlette's TestClient: no network) and prints the median and
spread of the latency, and the same for ``limit=10``; then, for comparison, the same health with
the all-time counts (what ``conflictwatch sources`` reads, and the API leaves out). A benchmark,
not a test: it never fails.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import sys
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(db: Path, sources: int, items: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from conflictwatch.store import MonitorState, open_store

    if db.exists():
        with sqlite3.connect(db) as conn:
            if conn.execute("SELECT count(*) FROM monitor_items").fetchone()[0] == items and \
                    conn.execute("SELECT count(*) FROM monitor_sources").fetchone()[0] == sources:
                print(f"reusing {db} ({sources:,} sources, {items:,} items)")
                return
        db.unlink()
    now = datetime.now(UTC)
    names = [f"source-{n:04d}" for n in range(sources)]
    with open_store(db) as store:
        state = MonitorState(store)
        for n, name in enumerate(names):
            url = f"https://{name}.example.org/feed"
            state.poll_succeeded(name, url, at=now - timedelta(minutes=n), etag="", last_modified="")
            if n % 7 == 0:
                state.poll_failed(name, url, at=now, message=f"{url}: HTTP 503 Service Unavailable")
    rng = random.Random(11)
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous = OFF")
    rows = []
    for n in range(items):
        source = names[n % sources]
        seen = (now - timedelta(seconds=rng.randrange(365 * 86400))).isoformat(timespec="seconds")
        draw = rng.random()
        status = "failed" if draw < 0.1 else "duplicate" if draw < 0.3 else "stored"
        iid = hashlib.sha256(f"{source}\x1f{n}".encode()).hexdigest()
        rows.append((iid, source, str(n), f"https://{source}.example.org/{n}", None, status, "", 1, seen, seen))
        if len(rows) == 50_000:
            conn.executemany("INSERT INTO monitor_items VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            rows.clear()
    conn.executemany("INSERT INTO monitor_items VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    print(f"built {db}: {sources:,} sources, {items:,} items in {time.perf_counter() - t0:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "bench" / "sources.db")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.sources, args.items)

    from conflictwatch.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    with TestClient(create_app(db=str(args.db), data_dir=args.db.parent)) as client:
        for query in ("", "?limit=10"):
            client.get("/api/sources" + query).raise_for_status()  # warm up
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                got = client.get("/api/sources" + query)
                times.append((time.perf_counter() - t0) * 1000)
                got.raise_for_status()
            listed = len(got.json()["sources"])
            print(f"GET /api/sources{query}: {listed} sources listed, median {statistics.median(times):.0f} ms, "
                  f"min {min(times):.0f} ms, max {max(times):.0f} ms over {args.runs} runs")

    from conflictwatch.store import MonitorState, open_store

    with open_store(str(args.db)) as store:
        times = []
        for _ in range(max(3, args.runs // 4)):
            t0 = time.perf_counter()
            MonitorState(store).health(limit=100, totals=True)
            times.append((time.perf_counter() - t0) * 1000)
    print(f"MonitorState.health(limit=100, totals=True) (the CLI's): median {statistics.median(times):.0f} ms, "
          f"min {min(times):.0f} ms, max {max(times):.0f} ms over {len(times)} runs")


if __name__ == "__main__":
    main()
