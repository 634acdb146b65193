"""Measure merge quality on the fixture set: pairwise precision and recall of the clustering.

    .venv/bin/python bench/eval_merge.py [EVENTS.jsonl EXPECTED.json]
    .venv/bin/python bench/eval_merge.py --acled ../shared/data/gold/acled_mali_2017_2019.jsonl

Default input: tests/fixtures/merge/events.jsonl (event records as the extractor produces them for
19 short EN/FR reports) and expected_clusters.json (label -> member event ids). A *pair* is two
events put in one cluster; precision = predicted pairs that are expected / predicted pairs (false
merges lower it), recall = expected pairs found / expected pairs (missed merges lower it). Prints
the figures, every false and missed pair, and the offensives found in the merged view.

``--acled GOLD.jsonl`` measures false merges on real data instead: every coded event of an ACLED
gold set is a distinct event by ACLED's own unit, so every pair the merge joins is a false merge
(up to the rare duplicates in ACLED itself). It prints how many events were merged, each merged
pair, and how many offensives the set holds.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

from conflictwatch.merge import find_offensives, merge_events
from conflictwatch.records import Event

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "merge"


def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    """Every unordered pair of ids that share a group."""
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def acled(path: Path) -> None:
    """False merges among the distinct events of an ACLED gold set (each one its own document)."""
    events: list[Event] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for k, ev in enumerate(doc["events"]):
                events.append(Event.from_dict({**ev, "event_id": f"{doc['id']}#{k}", "doc_ids": [doc["id"]],
                                               "sub_event_type": ev.get("sub_event_type") or ""}))
    result = merge_events(events)
    merged = sum(len(links) for _, links in result.clusters)
    got = pairs([[link.event_id for link in links] for _, links in result.clusters])
    print(f"ACLED events: {len(events)}; merged into clusters: {merged} events in {len(result.clusters)} "
          f"clusters; false-merge pairs: {len(got)} ({len(got) / max(1, len(events)):.2%} of events)")
    for cluster, links in result.clusters:
        print(f"  {cluster.event_date} {cluster.location}: {', '.join(link.event_id for link in links)}")
        for link in links:
            if link.score < 1.0:
                print(f"      {link.reason}")
    offs = find_offensives(result.merged_view(events))
    print(f"offensives: {len(offs)}")
    for off in offs:
        print(f"  {off.offensive_id}: {off.reason}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--acled"]:
        acled(Path(argv[1]))
        return
    events_path = Path(argv[0]) if argv else FIXTURES / "events.jsonl"
    expected_path = Path(argv[1]) if len(argv) > 1 else FIXTURES / "expected_clusters.json"
    with events_path.open(encoding="utf-8") as fh:
        events = [Event.from_dict(json.loads(line)) for line in fh if line.strip()]
    expected = json.loads(expected_path.read_text(encoding="utf-8"))["clusters"]
    result = merge_events(events)
    predicted = [[link.event_id for link in links] for _, links in result.clusters]
    want, got = pairs(list(expected.values())), pairs(predicted)
    hits = want & got
    precision = len(hits) / len(got) if got else 1.0
    recall = len(hits) / len(want) if want else 1.0
    print(f"events: {len(events)}  expected clusters (incl. singletons): {len(expected)}  "
          f"merged clusters found: {len(result.clusters)}")
    print(f"pairs: expected {len(want)}, predicted {len(got)}, correct {len(hits)}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  "
          f"false merges {len(got - want)}  missed merges {len(want - got)}")
    for p in sorted(got - want, key=sorted):
        print("  false merge:", " + ".join(sorted(p)))
    for p in sorted(want - got, key=sorted):
        print("  missed merge:", " + ".join(sorted(p)))
    if result.ambiguous:
        print("left alone as ambiguous:", ", ".join(result.ambiguous))
    for off in find_offensives(result.merged_view(events)):
        print(f"offensive {off.offensive_id}: {off.reason}")


if __name__ == "__main__":
    main(sys.argv[1:])
