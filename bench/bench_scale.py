"""Extraction throughput on one machine and on a Dask LocalCluster, on the same documents.

Not a test: runs ``conflictwatch extract FILE --output --workers N`` for N = 1 and 2 and
``conflictwatch archive FILE --output DIR`` on a LocalCluster of 1 and 2 worker processes, each
a fresh process as a user runs it (start-up, pipeline loading and cluster start included), over
the same made-up documents, prints documents/s of each run (and documents per CPU-second of
all its processes, which a machine shared with other work does not distort), and checks that all four runs give
the same events (event id, document, date, type, actors, place, toll). Usage::

    python bench/bench_scale.py [-n 10000] [--runs 1] [--block-mb 0.25] [--workers 1,2] [--markdown]

The documents are generated here from our own sentence patterns (no gold text): attacks, clashes,
explosions, protests and quiet notices at 40 Sahel places on days of 2016-2025, English and French,
one to three sentences each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Boni", "Douentza", "Djibo", "Bankass", "Koro", "Dori", "Ouallam", "Gao", "Ménaka", "Kaya", "Tessit",
          "Diafarabé", "Arbinda", "Ansongo", "Téra", "Hombori", "Ténenkou", "Niono", "Nampala", "Léré", "Tillabéri",
          "Bandiagara", "Sévaré", "Djenné", "Macina", "Kidal", "Tombouctou", "Goundam", "Gossi", "Fada N'Gourma",
          "Ouahigouya", "Titao", "Sebba", "Gorom-Gorom", "Banibangou", "Abala", "Diffa", "Bosso", "Ayorou", "Inatès"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
EN = [
    "On {d} {m} {y}, gunmen on motorbikes stormed the weekly market of {p}, killing {n} traders, local officials said.",
    "Soldiers repelled an assault on their base at {p} on {d} {m} {y}; the army said {n} assailants were killed.",
    "A roadside bomb hit a supply convoy near {p} on {d} {m} {y}, killing {n} soldiers, a security source said.",
    "Hundreds of residents of {p} marched on {d} {m} {y} to demand the reopening of the health centre.",
    "The regional council of {p} adopted its budget at a session on {d} {m} {y}.",
]
FR = [
    "Le {d} {m} {y}, des hommes armés ont incendié des greniers à {p}, tuant {n} civils, selon un élu local.",
    "Une patrouille de l'armée a sauté sur un engin explosif près de {p} le {d} {m} {y}, faisant {n} morts.",
    "Les enseignants de {p} ont tenu une assemblée le {d} {m} {y} pour préparer la rentrée scolaire.",
]
EXTRA_EN = ["Residents said the attackers fled toward the border.", "Shops stayed closed the next day.",
            "No group claimed responsibility."]
EXTRA_FR = ["Les assaillants ont pris la fuite vers la frontière.", "Aucun groupe n'a revendiqué l'attaque."]


def documents(n: int, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        french = rng.random() < 0.4
        y, mo, d = rng.randint(2016, 2025), rng.randrange(12), rng.randint(1, 28)
        pats, months, extra = (FR, FR_MONTHS, EXTRA_FR) if french else (EN, EN_MONTHS, EXTRA_EN)
        text = rng.choice(pats).format(d=d, m=months[mo], y=y, p=rng.choice(PLACES), n=rng.randint(2, 30))
        text += "".join(" " + rng.choice(extra) for _ in range(rng.randint(0, 2)))
        out.append({"id": f"b{i:06d}", "lang": "fr" if french else "en", "text": text,
                    "published": f"{y}-{mo + 1:02d}-{min(d + 1, 28):02d}", "outlet": "Bench Wire"})
    return out


KEY = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities")


def _cw(*args: str) -> tuple[float, float]:
    """Run a command; (wall seconds, CPU seconds of it and every process it started and waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "conflictwatch", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _jsonl_events(path: Path) -> set[tuple[object, ...]]:
    with path.open(encoding="utf-8") as fh:
        return {(e["doc_id"], *(str(e[k]) for k in KEY)) for e in map(json.loads, fh)}


def _parquet_events(folder: Path) -> set[tuple[object, ...]]:
    import pyarrow.parquet as pq

    out = set()
    for part in (folder / "events").rglob("*.parquet"):
        out |= {(r["doc_key"], *(str(r[k]) for k in KEY)) for r in pq.read_table(part).to_pylist()}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="documents (default 10,000)")
    ap.add_argument("--runs", type=int, default=1, help="runs of each configuration (default 1)")
    ap.add_argument("--block-mb", type=float, default=0.25, help="JSONL megabytes per Dask task (default 0.25)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated (default 1,2)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "docs.jsonl"
        docs = documents(args.n)
        src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        words = sum(len(d["text"].split()) for d in docs)
        print(f"{args.n:,} documents, {words:,} words, {src.stat().st_size / 1e6:.1f} MB; "
              f"cores here: {len(os.sched_getaffinity(0))}", flush=True)
        counts = [int(w) for w in args.workers.split(",")]
        configs = [(f"extract --workers {n}", "extract", n) for n in counts]
        configs += [(f"archive, LocalCluster {n} worker{'s' if n > 1 else ''}", "archive", n) for n in counts]
        rows = []
        reference: set[tuple[object, ...]] | None = None
        for label, kind, n in configs:
            times: list[float] = []
            cpus: list[float] = []
            for r in range(args.runs):
                if kind == "extract":
                    out = work / f"ev-{n}-{r}.jsonl"
                    wall, cpu = _cw("extract", str(src), "--output", str(out), "--workers", str(n))
                    events = _jsonl_events(out)
                else:
                    out = work / f"arch-{n}-{r}"
                    wall, cpu = _cw("archive", str(src), "--output", str(out), "--workers", str(n),
                                    "--block-mb", str(args.block_mb))
                    events = _parquet_events(out)
                times.append(wall)
                cpus.append(cpu)
                if reference is None:
                    reference = events
                same = events == reference
                print(f"{label}: run {r + 1}: {wall:.1f} s ({cpu:.1f} CPU s), {args.n / wall:.1f} documents/s, "
                      f"{len(events):,} events, {'same events' if same else 'DIFFERENT EVENTS'}", flush=True)
                if not same:
                    raise SystemExit(f"{label} found other events than the first run: "
                                     f"{len(events ^ reference)} differ")
            rates = [args.n / t for t in times]
            spread = f" ± {statistics.stdev(rates):.1f}" if len(rates) > 1 else ""
            rows.append((label, statistics.median(times), statistics.median(rates), spread,
                         args.n / statistics.median(cpus)))
        base = rows[0][2]
        if args.markdown:
            print("\n| run | wall time | documents/s | vs extract --workers 1 | documents per CPU-second |\n"
                  "|---|---|---|---|---|")
            for label, t, rate, spread, per_cpu in rows:
                print(f"| {label} | {t:.1f} s | {rate:.1f}{spread} | {rate / base:.2f}× | {per_cpu:.1f} |")
        else:
            for label, t, rate, spread, per_cpu in rows:
                print(f"{label:34} {t:8.1f} s {rate:8.1f}{spread} documents/s ({rate / base:.2f}×), "
                      f"{per_cpu:.1f} documents per CPU-second")
        print(f"all runs: the same {len(reference or ()):,} events")


if __name__ == "__main__":
    main()
