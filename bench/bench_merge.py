"""Merge speed on synthetic events: how long merge_events takes for 100,000 records.

Not a test: prints the time of each run (wall clock and the process's CPU time: on a shared machine
the CPU time is the one-core figure), the median and the spread, the candidate pairs the blocking
let through, how many of them needed the scalar ``compare`` (the rest are judged on arrays; the
count includes the comparisons behind each cluster member's link), and (since the synthetic truth is
known) pairwise precision and recall.
Usage::

    python bench/bench_merge.py [-n 100000] [--runs 3] [--seed 7] [--offensives]

The synthetic stream: ``n`` records reporting about 0.6 n real events, each event reported by one
to three outlets, spread over 2 years and 3,000 places in Mali's bounding box (about 80 events a
day, several times Mali's real rate, so blocks are fuller than in practice). Reports vary as real
ones do: an unidentified attacker instead of the named one, the pair given in the other order, a
week- or month-precision date, a place coded "near" the town, or only its region.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from itertools import combinations

import numpy as np

from conflictwatch.merge import _blocking, _compare, find_offensives, merge_events
from conflictwatch.records import Event

ARMED = ["JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)", "Dan Na Ambassagou",
         "Fulani Ethnic Militia (Mali)", "Dozo Communal Militia (Mali)", "CSP-PSD: Permanent Strategic Framework"]
STATE = "Military Forces of Mali (2021-)"
CIVILIANS = "Civilians (Mali)"
UNIDENTIFIED = "Unidentified Armed Group (Mali)"
KINDS = [("Battles", "Armed clash", True), ("Violence against civilians", "Attack", False),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", True),
         ("Violence against civilians", "Abduction/forced disappearance", False)]


def synthetic(n: int, seed: int) -> tuple[list[Event], dict[str, int]]:
    """``n`` report records and the true event each one reports (event id -> truth id)."""
    rng = random.Random(seed)
    towns = [(f"Town{k}", rng.uniform(10.5, 24.5), rng.uniform(-11.5, 3.5), f"Region{k % 10}", f"Cercle{k % 50}")
             for k in range(3000)]
    start = date(2024, 1, 1)
    events: list[Event] = []
    truth: dict[str, int] = {}
    t = 0
    while len(events) < n:
        name, lat, lon, adm1, adm2 = rng.choice(towns)
        day = start + timedelta(days=rng.randrange(730))
        etype, sub, against_state = rng.choice(KINDS)
        armed = rng.choice(ARMED)
        other = STATE if against_state else CIVILIANS
        for r in range(min(n - len(events), rng.choice((1, 1, 2, 2, 3)))):
            a1 = UNIDENTIFIED if rng.random() < 0.25 else armed
            pair = (a1, other) if rng.random() < 0.7 else (other, a1)
            tp = 1 if rng.random() < 0.92 else rng.choice((2, 3))
            gp = 1 if rng.random() < 0.85 else rng.choice((2, 2, 3))
            coded = day if tp == 1 else day if tp == 2 else day.replace(day=15)
            eid = f"ev-{t}-{r}"
            events.append(Event(
                event_id=eid, event_date=coded, time_precision=tp, event_type=etype, sub_event_type=sub,
                actor1=pair[0], actor2=pair[1], country="Mali", admin1=adm1, admin2=adm2,
                location=name, latitude=lat, longitude=lon, geo_precision=gp,
                fatalities=rng.randrange(0, 20), confidence=round(rng.uniform(0.4, 0.9), 2),
                doc_ids=(f"doc-{t}-{r}",)))
            truth[eid] = t
        t += 1
    return events, truth


def _pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(g, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--offensives", action="store_true", help="also time find_offensives")
    args = parser.parse_args()
    events, truth = synthetic(args.n, args.seed)
    calls = 0
    original = _compare.compare

    def counting(a: Event, b: Event) -> _compare.Comparison:
        nonlocal calls
        calls += 1
        return original(a, b)

    times = []
    cpu = []
    result = None
    for run in range(args.runs):
        _compare.compare = counting  # type: ignore[assignment]
        import conflictwatch.merge._cluster as cluster_mod
        cluster_mod.compare = counting  # type: ignore[assignment]
        calls = 0
        began, began_cpu = time.perf_counter(), time.process_time()
        result = merge_events(events)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        cluster_mod.compare = original  # type: ignore[assignment]
        _compare.compare = original  # type: ignore[assignment]
        print(f"run {run + 1}: {times[-1]:.2f} s ({cpu[-1]:.2f} s CPU), {calls:,} scalar comparisons")
    assert result is not None
    spread = f" (min {min(times):.2f}, max {max(times):.2f})" if len(times) > 1 else ""
    cpu_spread = f" (min {min(cpu):.2f}, max {max(cpu):.2f})" if len(cpu) > 1 else ""
    cols = _blocking.columns(events)
    first, _ = _blocking.candidate_pairs(cols, np.ones(len(events), np.bool_))
    print(f"merge_events on {len(events):,} records: median {statistics.median(times):.2f} s{spread}, "
          f"CPU {statistics.median(cpu):.2f} s{cpu_spread}; {len(first):,} candidate pairs; "
          f"{len(result.clusters):,} clusters, {len(result.unmerged):,} left alone, "
          f"{len(result.ambiguous):,} ambiguous")
    by_truth: dict[int, list[str]] = {}
    for eid, t in truth.items():
        by_truth.setdefault(t, []).append(eid)
    want = _pairs(list(by_truth.values()))
    got = _pairs([[link.event_id for link in links] for _, links in result.clusters])
    print(f"synthetic truth: pairwise precision {len(want & got) / max(1, len(got)):.3f}, "
          f"recall {len(want & got) / max(1, len(want)):.3f}")
    if args.offensives:
        view = result.merged_view(events)
        began = time.perf_counter()
        offs = find_offensives(view)
        print(f"find_offensives on {len(view):,} events: {time.perf_counter() - began:.2f} s, {len(offs):,} offensives")


if __name__ == "__main__":
    main()
