"""Claims on stored documents: what they cost, and two ``extract --stored`` runs at once.

Not a test: prints figures with their spread. Two parts:

* **Claims**: on a fresh store of --docs documents (synthetic text built here), the median time
  (and range, over --runs) of claiming them all a batch at a time (16, as a one-worker run does)
  and releasing, in claims per second; with --owners N, N threads claiming at once, checked to
  claim each document once.
* **Runs** (with --data-dir holding an installed gazetteer, ``conflictwatch setup``): the wall
  time of one ``extract --stored --workers 1`` over --docs documents, and of two started at
  once on another copy, with the documents each did and the extractions per document.

SQLite runs on a temporary file; pass --db for PostgreSQL, e.g. ``--db "$(.ci/start-postgres.sh)"``
(its tables are dropped first). Usage::

    python bench/bench_claims.py [--docs 2000] [--runs 3] [--owners 4] [--db URL] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from conflictwatch.records import Document
from conflictwatch.store import open_store

PLACES = ["Tillabéri", "Dosso", "Agadez", "Kidal", "Ségou", "Fada N'Gourma", "Nioro", "Bourem"]


def _docs(n: int) -> list[Document]:
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        body = (f"On {1 + i % 27} March 2021, unidentified gunmen attacked a convoy near {place}, "
                f"killing {2 + i % 9} people, a regional official said (report {i}).")
        if i % 4 == 3:
            body = f"Farmers near {place} held a meeting about the rains on {1 + i % 27} March 2021 (report {i})."
        out.append(Document.from_text(body, language="en", source_id=f"bench-{i}"))
    return out


def _fresh(db: str | None, folder: Path, name: str) -> str:
    if db is None:
        return str(folder / f"{name}.db")
    url = database_url(db)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _claim_all(url: str, owner: str, got: list[str]) -> None:
    with open_store(url) as store:
        after = ""
        while docs := store.claim_documents(owner, limit=16, lease_seconds=600, after=after):
            got.extend(d.id for d in docs)
            after = docs[-1].id


def bench_claims(db: str | None, folder: Path, docs: int, runs: int, owners: int) -> None:
    for n_owners in sorted({1, owners}):
        times = []
        for run in range(runs):
            url = _fresh(db, folder, f"claims-{n_owners}-{run}")
            with open_store(url) as store:
                store.add_documents(_docs(docs))
            got: list[str] = []
            threads = [threading.Thread(target=_claim_all, args=(url, f"owner-{i}", got)) for i in range(n_owners)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            with open_store(url) as store:  # released once all are done: a released document is free again
                for i in range(n_owners):
                    store.release_claims(f"owner-{i}")
            times.append(time.perf_counter() - start)
            if len(got) != docs or len(set(got)) != docs:
                sys.exit(f"{n_owners} owners claimed {len(got)} documents ({len(set(got))} distinct) of {docs}")
        med = statistics.median(times)
        print(f"claims, {n_owners} owner(s): {docs / med:,.0f} documents/s claimed and released "
              f"(median {med:.2f} s, range {min(times):.2f}-{max(times):.2f} s over {runs} runs); each once")


def _extract(url: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CONFLICTWATCH_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "conflictwatch", "extract", "--stored", "--db", url,
                             "--workers", "1"], env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _done(err: str) -> int:
    found = re.search(r"(\d+) documents, \d+ events", err)
    if not found:
        sys.exit(f"extract --stored said: {err}")
    return int(found.group(1))


def bench_runs(db: str | None, folder: Path, docs: int, home: Path) -> None:
    for label, count in (("one run", 1), ("two runs at once", 2)):
        url = _fresh(db, folder, f"runs-{count}")
        with open_store(url) as store:
            store.add_documents(_docs(docs))
        start = time.perf_counter()
        procs = [_extract(url, home) for _ in range(count)]
        done = []
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                sys.exit(f"extract --stored failed: {err}")
            done.append(_done(err))
        wall = time.perf_counter() - start
        with open_store(url) as store:
            per_doc = sorted(set(store.extraction_counts().values()))
        print(f"{label}: {wall:.1f} s wall for {docs} documents; documents per run {done}; "
              f"extractions per document {per_doc}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--owners", type=int, default=4)
    parser.add_argument("--db", default=None, help="a postgresql:// URL (default: a temporary SQLite file)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="a data directory with the gazetteer installed, for the extract runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_claims(args.db, Path(tmp), args.docs, args.runs, args.owners)
        if args.data_dir is not None:
            bench_runs(args.db, Path(tmp), args.docs, args.data_dir)


if __name__ == "__main__":
    main()
