"""Clustering event records into merged events, incrementally, with blocking for speed.

Blocking
    Each event is filed under every (country, event type, day, grid cell) its date window covers,
    cells of 0.25 degrees (about 27 km, more than the widest distance two town-level or "near"
    records can match at), and under every (country, event type, admin1, day). An event looks for partners in its own and
    the eight neighbouring cells on each day of its window; region-level and coordinate-less events
    look by admin1. Only pairs found that way are compared, so 100,000 events cost a few hundred
    thousand comparisons, not five billion. The pairs are found with sorted arrays and judged on
    arrays, by the same rules and arithmetic as :func:`~._compare.compare` (:mod:`._blocking`).
Clustering
    Candidate pairs are taken best score first and joined by complete linkage: two groups join only
    when every pair across them is compatible (:func:`~._compare.compare`), so a cluster never holds
    two attacks that a wildcard (an unidentified actor, a month-precision date) bridged. An event
    whose best compatible partners (those within 0.1 of its best score) include two that cannot be
    one event (a "June attack near Niono" when the store holds two different June attacks there)
    is ambiguous and stays alone; a clearly better partner (an exact-day report at the same point
    against a month-precision one) decides instead.
Increments
    Existing clusters and existing unclustered events are fixed units: new events join them or one
    another, but two existing units never join (they were compared when they were new). Events an
    analyst has reviewed (status "reviewed", e.g. after a split) are never merged automatically.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from conflictwatch.merge import _actors, _blocking
from conflictwatch.merge._compare import compare
from conflictwatch.records import Event, EventSource, Evidence, MergeLink, interaction_code

__all__ = ["MergeResult", "build_cluster", "cluster_event", "cluster_id", "merge_events"]

#: Partners scoring this much below an event's best partner do not make it ambiguous.
AMBIGUITY_MARGIN = 0.1
#: Candidate pairs judged on arrays at a time (bounds the memory of a large merge).
_JUDGE_CHUNK = 2_000_000
_SCALES = ("Local", "Subnational", "National", "Regional", "International")


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What :func:`merge_events` decided.

    ``clusters``: every cluster created or changed by this run, as (cluster event, links of its
    members); ``superseded``: ids of existing clusters that grew into a new cluster (their members
    now link to the new one); ``unmerged``: ids of new events that joined nothing; ``ambiguous``:
    ids of events left alone because they fit several events that cannot be one.
    """

    clusters: list[tuple[Event, list[MergeLink]]] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    unmerged: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    @property
    def links(self) -> list[MergeLink]:
        """Every link of every cluster, in cluster order."""
        return [link for _, links in self.clusters for link in links]

    def merged_view(self, events: Sequence[Event]) -> list[Event]:
        """``events`` with the members of this result's clusters replaced by their cluster events
        (the view ``Store.query_events()`` gives once the clusters are saved)."""
        member_of = {link.event_id: link.cluster_id for link in self.links}
        out = [e for e in events if e.event_id not in member_of]
        return out + [cluster for cluster, _ in self.clusters]


def cluster_id(member_ids: Iterable[str]) -> str:
    """The stable id of a cluster: "cl-" + a hash of its sorted member ids."""
    raw = "\x1f".join(sorted(set(member_ids)))
    return f"cl-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:20]}"


def _rep_key(e: Event) -> tuple[object, ...]:
    return (-e.confidence, e.time_precision, e.geo_precision, -len(e.evidence), e.event_id)


def _union(values: Iterable[str], sep: str = "; ") -> str:
    seen: dict[str, None] = {}
    for value in values:
        if not value:
            continue
        for part in value.split(";") if ";" in value else (value,):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return sep.join(seen)


def _oriented(rep: Event, other: Event) -> tuple[tuple[str, int, str], tuple[str, int, str]]:
    """``other``'s two actor slots (name, inter, assoc) in the order that matches ``rep``'s."""
    straight = ((other.actor1, other.inter1, other.assoc_actor_1), (other.actor2, other.inter2, other.assoc_actor_2))
    crossed = (straight[1], straight[0])

    def fit(slots: tuple[tuple[str, int, str], tuple[str, int, str]]) -> float:
        m1 = _actors.actor_match(rep.actor1, rep.inter1, slots[0][0], slots[0][1])
        m2 = _actors.actor_match(rep.actor2, rep.inter2, slots[1][0], slots[1][1])
        return -1.0 if m1 is None or m2 is None else m1[0] + m2[0]

    return straight if fit(straight) >= fit(crossed) else crossed


def _rank(name: str) -> int:
    return 2 if _actors.is_named(name) else 1 if name.strip() else 0


def _fatalities(members: Sequence[Event]) -> dict[str, object]:
    lows: list[int] = []
    highs: list[int] = []
    for m in members:
        if m.fatalities_low is not None:
            lows.append(m.fatalities_low)
            highs.append(m.fatalities_high if m.fatalities_high is not None else m.fatalities_low)
        elif m.fatalities > 0:
            lows.append(m.fatalities)
            highs.append(m.fatalities)
    if not lows:
        return {"fatalities": 0, "fatalities_low": None, "fatalities_high": None,
                "fatalities_unknown": any(m.fatalities_unknown for m in members)}
    return {"fatalities": min(lows), "fatalities_low": min(lows), "fatalities_high": max(highs),
            "fatalities_unknown": False}


def _independent_sources(members: Sequence[Event]) -> int:
    keys: set[str] = set()
    for m in members:
        if m.sources:
            keys.update((s.outlet or s.doc_id).casefold() for s in m.sources)
        else:
            keys.update(m.doc_ids or (m.event_id,))
    return len(keys)


def cluster_event(members: Sequence[Event]) -> Event:
    """The merged event standing for ``members`` (two or more source events of one event).

    Its fields come from the best-evidenced member (highest confidence, then most precise date and
    place, then most evidence); the date comes from the member with the most precise date, the place
    from the member with the most precise place, and an unidentified or missing actor is replaced by
    the named actor another member gives. Fatalities: the lowest figure any source reports, with the
    range in ``fatalities_low``/``fatalities_high``. Sources, evidence, documents and tags are the
    union; confidence rises with each independent source (distinct outlets): each further source
    removes a third of the remaining doubt, up to 0.99. ``extractor`` is the representative's (the
    member whose fields it takes), else the first a member has (an imported representative has none).
    """
    return _cluster_event(members, cluster_id(m.event_id for m in members))


def _cluster_event(members: Sequence[Event], cid: str) -> Event:
    ordered = sorted(members, key=_rep_key)
    rep = ordered[0]
    when = min(ordered, key=lambda e: (e.time_precision, _rep_key(e)))
    where = min(ordered, key=lambda e: (e.geo_precision, e.latitude is None, _rep_key(e)))
    slots: list[tuple[str, int]] = [(rep.actor1, rep.inter1), (rep.actor2, rep.inter2)]
    assoc: list[list[str]] = [[rep.assoc_actor_1], [rep.assoc_actor_2]]
    for other in ordered[1:]:
        for k, (name, inter, other_assoc) in enumerate(_oriented(rep, other)):
            if _rank(name) > _rank(slots[k][0]):
                slots[k] = (name, inter)
            assoc[k].append(other_assoc)
    inter1 = slots[0][1] or rep.inter1
    inter2 = slots[1][1] or rep.inter2
    sources: dict[tuple[str, str], EventSource] = {}
    for m in ordered:
        for s in m.sources:
            sources.setdefault((s.doc_id, s.claimed_by), s)
    evidence: dict[tuple[str, str, int, int], Evidence] = {}
    for m in ordered:
        for ev in m.evidence:
            evidence.setdefault((ev.doc_id, ev.field, ev.start, ev.end), ev)
    scales = {part for m in ordered for part in m.source_scale.split("-") if part}
    known = [s for s in _SCALES if s in scales] + sorted(scales - set(_SCALES))
    doubt = (1.0 - rep.confidence) * (2 / 3) ** (_independent_sources(ordered) - 1)
    return rep.replace(
        event_id=cid,
        event_id_cnty="",
        event_date=when.event_date,
        time_precision=when.time_precision,
        admin1=where.admin1, admin2=where.admin2, admin3=where.admin3, location=where.location,
        latitude=where.latitude, longitude=where.longitude, geo_precision=where.geo_precision,
        actor1=slots[0][0], inter1=inter1, assoc_actor_1=_union(assoc[0]),
        actor2=slots[1][0], inter2=inter2, assoc_actor_2=_union(assoc[1]),
        interaction=interaction_code(inter1, inter2) if (inter1 or inter2) else rep.interaction,
        source=_union(m.source or _union(s.outlet for s in m.sources) for m in ordered),
        source_scale="-".join(known),
        tags=_union(m.tags for m in ordered),
        claimed_by=_union(m.claimed_by for m in ordered),
        **_fatalities(ordered),
        confidence=round(min(0.99, max(rep.confidence, 1.0 - doubt)), 3),
        status="automatic",
        doc_ids=tuple(dict.fromkeys(d for m in ordered for d in m.doc_ids)),
        sources=tuple(sources.values()),
        evidence=tuple(evidence.values()),
        offensive_id="",
        cluster_id="",
        extractor=rep.extractor or next((m.extractor for m in ordered if m.extractor), ""),
    )


def build_cluster(members: Sequence[Event], *,
                  previous_links: Sequence[MergeLink] = ()) -> tuple[Event, list[MergeLink]]:
    """The merged event of ``members`` (:func:`cluster_event`, id :func:`cluster_id`) and one link per
    member, explained against the best-evidenced member. A member's link keeps the ``created`` time
    of its entry in ``previous_links``, if any.
    """
    cid = cluster_id(e.event_id for e in members)
    return cluster_event(members), _links(members, cid, {link.event_id: link for link in previous_links})


def _links(members: Sequence[Event], cid: str, created: dict[str, MergeLink]) -> list[MergeLink]:
    rep = min(members, key=_rep_key)
    out: list[MergeLink] = []
    for m in sorted(members, key=lambda e: e.event_id):
        if m is rep:
            reason = (f"best-evidenced member: confidence {m.confidence:.2f}, time precision "
                      f"{m.time_precision}, geo precision {m.geo_precision}, {len(m.evidence)} evidence")
            score = 1.0
        else:
            c = compare(rep, m)
            reason, score = c.reason, c.score
        old = created.get(m.event_id)
        out.append(MergeLink(cluster_id=cid, event_id=m.event_id, reason=reason, score=score,
                             created=old.created if old is not None else None))
    return out


class _Clusters:
    """Groups under complete linkage, with a cache of pairwise verdicts: (i, j) with i < j ->
    (compatible, score) as :func:`~._compare.compare` gives them."""

    def __init__(self, events: Sequence[Event], cache: dict[tuple[int, int], tuple[bool, float]]) -> None:
        self.events = events
        self.cache = cache
        self.group = list(range(len(events)))
        #: members of each group of two or more, by root (a root missing here is alone)
        self.members: dict[int, list[int]] = {}
        self.fixed: dict[int, bool] = {}

    def of(self, root: int) -> list[int]:
        return self.members.get(root) or [root]

    def absorb(self, gi: int, gj: int) -> None:
        """Group ``gj`` joins group ``gi``."""
        joined = self.members.setdefault(gi, [gi])
        joined.extend(self.members.pop(gj, [gj]))
        for k in joined:
            self.group[k] = gi

    def verdict(self, i: int, j: int) -> tuple[bool, float]:
        key = (i, j) if i < j else (j, i)
        found = self.cache.get(key)
        if found is None:
            c = compare(self.events[key[0]], self.events[key[1]])
            found = self.cache[key] = (c.compatible, c.score)
        return found

    def join(self, i: int, j: int) -> bool:
        gi, gj = self.group[i], self.group[j]
        if gi == gj or (self.fixed.get(gi) and self.fixed.get(gj)):
            return False
        if not all(self.verdict(a, b)[0] for a in self.of(gi) for b in self.of(gj)):
            return False
        self.absorb(gi, gj)
        self.fixed[gi] = bool(self.fixed.get(gi) or self.fixed.pop(gj, False))
        return True


def merge_events(
    events: Sequence[Event],
    *,
    existing: Sequence[Event] = (),
    existing_links: Sequence[MergeLink] = (),
) -> MergeResult:
    """Merge new event records into one another and into the existing ones (see module docstring).

    ``existing``: events already stored, with ``cluster_id`` set on the members of stored clusters
    (cluster events themselves, ids "cl-...", are skipped: they are rebuilt from their members);
    ``existing_links``: stored links, which group members too and keep their ``created`` time.
    Events whose status is "rejected" are ignored.
    """
    links_by_event = {link.event_id: link for link in existing_links}
    pool: dict[str, Event] = {}
    origin: dict[str, str] = {}  # event id -> existing cluster id, "" for existing singletons
    for e in existing:
        if e.event_id.startswith("cl-") or e.status == "rejected":
            continue
        pool[e.event_id] = e
        link = links_by_event.get(e.event_id)
        origin[e.event_id] = e.cluster_id or (link.cluster_id if link else "")
    new_set: set[str] = set()
    for e in events:
        if e.event_id.startswith("cl-") or e.status == "rejected" or e.event_id in pool:
            continue
        new_set.add(e.event_id)
        pool[e.event_id] = e
    ids = sorted(pool)
    evs = [pool[i] for i in ids]
    is_new = [i in new_set for i in ids]
    index = {eid: k for k, eid in enumerate(ids)}

    clusters = _Clusters(evs, {})
    # existing clusters are fixed units from the start
    by_origin: dict[str, list[int]] = defaultdict(list)
    for eid, cid in origin.items():
        if cid:
            by_origin[cid].append(index[eid])
    for members in by_origin.values():
        root = members[0]
        for k in members[1:]:
            clusters.absorb(root, k)
        clusters.fixed[root] = True
    for eid in origin:
        root = clusters.group[index[eid]]
        clusters.fixed[root] = True

    cols = _blocking.columns(evs)
    # mergeable: not reviewed by an analyst, and placed somewhere (coordinates or an admin1)
    mergeable = np.array([e.status != "reviewed" for e in evs], np.bool_) & (cols.has_cell | (cols.admin1 >= 0))
    first, second = _blocking.candidate_pairs(cols, mergeable)
    fresh = np.array(is_new, np.bool_)
    involved = fresh[first] | fresh[second]
    first, second = first[involved], second[involved]
    # compatible pairs (i < j) and their scores, judged on arrays a chunk at a time
    found_i: list[list[int]] = []
    found_j: list[list[int]] = []
    found_s: list[list[float]] = []
    for start in range(0, len(first), _JUDGE_CHUNK):
        fi, fj = first[start:start + _JUDGE_CHUNK], second[start:start + _JUDGE_CHUNK]
        compatible, score, unsure = _blocking.judge(cols, fi, fj)
        si, sj = fi[compatible].tolist(), fj[compatible].tolist()
        ss = [round(x, 3) for x in score[compatible].tolist()]
        clusters.cache.update(zip(zip(si, sj), zip(repeat(True), ss)))
        for i, j in zip(fi[unsure].tolist(), fj[unsure].tolist(), strict=True):
            ok, x = clusters.verdict(i, j)
            if ok:
                si.append(i)
                sj.append(j)
                ss.append(x)
        found_i.append(si)
        found_j.append(sj)
        found_s.append(ss)
    pi = np.array([i for part in found_i for i in part], np.int64)
    pj = np.array([j for part in found_j for j in part], np.int64)
    ps = np.array([x for part in found_s for x in part], np.float64)

    # an event whose best partners include two that cannot be one event is ambiguous
    ambiguous: set[int] = set()
    ends, others, scores = np.concatenate([pi, pj]), np.concatenate([pj, pi]), np.concatenate([ps, ps])
    order = np.argsort(ends, kind="stable")
    ends, others, scores = ends[order], others[order], scores[order]
    cuts = np.flatnonzero(np.diff(ends)) + 1
    starts, stops = np.concatenate([[0], cuts]), np.concatenate([cuts, [len(ends)]])
    several = (stops - starts) >= 2
    others_list, scores_list = others.tolist(), scores.tolist()
    for i, lo, hi in zip(ends[starts[several]].tolist(), starts[several].tolist(), stops[several].tolist(),
                         strict=True):
        if origin.get(ids[i]):
            continue
        top = max(scores_list[lo:hi])
        close = [j for j, x in zip(others_list[lo:hi], scores_list[lo:hi], strict=True)
                 if x >= top - AMBIGUITY_MARGIN]
        if any(clusters.group[a] != clusters.group[b] and not clusters.verdict(a, b)[0]
               for x, a in enumerate(close) for b in close[x + 1:]):
            ambiguous.add(i)
    # best score first, then by ids (indices follow the sorted ids)
    best_first = np.lexsort((pj, pi, -ps))
    left_alone = np.zeros(len(evs), np.bool_)
    left_alone[list(ambiguous)] = True
    best_first = best_first[~(left_alone[pi[best_first]] | left_alone[pj[best_first]])]
    for i, j in zip(pi[best_first].tolist(), pj[best_first].tolist(), strict=True):
        clusters.join(i, j)

    result = MergeResult(ambiguous=sorted(ids[i] for i in ambiguous))
    result.unmerged.extend(ids[k] for k in range(len(evs))
                           if clusters.group[k] == k and k not in clusters.members and is_new[k])
    for _, members in sorted((min(m), m) for m in clusters.members.values()):
        member_events = [evs[k] for k in members]
        if not any(is_new[k] for k in members):
            continue
        cid = cluster_id(e.event_id for e in member_events)
        old = sorted({origin.get(e.event_id, "") for e in member_events} - {""})
        result.superseded.extend(o for o in old if o != cid)
        result.clusters.append((_cluster_event(member_events, cid), _links(member_events, cid, links_by_event)))
    return result

