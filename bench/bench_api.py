"""API speed with a large store: ``/api/events`` with a region + date filter, a page of 100.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--requests 2000] [--clients 4] [--db PATH]

Builds (once, reused when it is there with the asked size) a SQLite store of synthetic events
spread over ten years, eight Malian regions and the six event types, starts ``conflictwatch
serve`` on 127.0.0.1 in a process of its own (one worker: one core), warms it up, then sends a
bounded number of requests from a few client threads over keep-alive connections, each to
``/api/events?admin1=R&since=Y-01-01&until=Y-12-31&limit=100`` with R and Y drawn in turn (plus one
run of the last page a dashboard asks for first: no filter at all). Prints p50/p95/p99 latency and
requests per second, and the same for the review queue and a detail. Only 127.0.0.1 is contacted;
the loop stops after --requests requests. A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("Mopti", "Segou", "Gao", "Tombouctou", "Kidal", "Menaka", "Koulikoro", "Sikasso")
TYPES = (("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Protests", "Peaceful protest"),
         ("Riots", "Mob violence"), ("Strategic developments", "Looting/property destruction"))


def build(db: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from conflictwatch.store import open_store

    if db.exists():
        with sqlite3.connect(db) as conn:
            if conn.execute("SELECT count(*) FROM events").fetchone()[0] == n:
                print(f"reusing {db} ({n:,} events)")
                return
        db.unlink()
    open_store(db).close()  # the schema
    rng = random.Random(7)
    start = date(2016, 1, 1)
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    cols = ("event_id", "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
            "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
            "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
            "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
            "fatalities_unknown", "fatalities_low", "fatalities_high", "claimed_by", "confidence", "status", "doc_ids",
            "offensive_id", "cluster_id", "origin_doc", "extractor", "created", "updated")
    sql = f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    batch = []
    for i in range(n):
        etype, sub = TYPES[i % len(TYPES)]
        region = REGIONS[rng.randrange(len(REGIONS))]
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        deaths = rng.choice((0, 0, 1, 2, 3, 5, 12))
        batch.append((f"ev-{i:020d}", "", day, 1, "Political violence", etype, sub, "Unidentified Armed Group (Mali)", "",
                      3, "Civilians (Mali)", "", 7, 37, "", 466, "Western Africa", "Mali", region, "", "",
                      f"Village {i % 5000}", 14.0 + rng.random(), -4.0 + rng.random(), 1, "Synthetic", "National",
                      "Synthetic event for the API benchmark.", deaths, "", 0, deaths, deaths, "",
                      round(rng.random(), 2), "automatic", "[]", "", "", "", "", "2026-01-01T00:00:00+00:00",
                      "2026-01-01T00:00:00+00:00"))
        if len(batch) == 20_000:
            conn.executemany(sql, batch)
            batch = []
    if batch:
        conn.executemany(sql, batch)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    print(f"built {db} with {n:,} events in {time.perf_counter() - t0:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(base: str, paths: list[str], requests: int, clients: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            for k in counter:
                t = time.perf_counter()
                r = http.get(paths[k % len(paths)])
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    errors[0] += r.status_code != 200

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - t0, errors[0]


def report(name: str, latencies: list[float], seconds: float, errors: int) -> None:
    q = statistics.quantiles(latencies, n=100)
    print(f"{name}: {len(latencies)} requests, {len(latencies) / seconds:.0f} req/s, p50 {q[49] * 1000:.1f} ms, "
          f"p95 {q[94] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms, errors {errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "bench-api" / "cw.db")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.events)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "conflictwatch", "serve", "--port", str(port), "--db", str(args.db),
                               "--data-dir", str(args.db.parent)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        filtered = [f"/api/events?admin1={r}&since={y}-01-01&until={y}-12-31&limit=100"
                    for y in range(2016, 2026) for r in REGIONS]
        run(base, filtered, 50, 2)  # warm-up
        report("region + year, page of 100", *run(base, filtered, args.requests, args.clients))
        queue = [f"/api/events?admin1={r}&status=automatic&sort=review&limit=100" for r in REGIONS]
        report("review queue of a region, page of 100", *run(base, queue, max(200, args.requests // 10), args.clients))
        detail = [f"/api/events/ev-{i:020d}" for i in range(0, args.events, max(1, args.events // 500))]
        report("event detail", *run(base, detail, max(200, args.requests // 10), args.clients))
        report("no filter, newest page (the dashboard's first table)",
               *run(base, ["/api/events?limit=100"], 50, 1))
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
