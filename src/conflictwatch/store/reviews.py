"""Reviewed events as a training/evaluation file in the gold-set format.

One JSON document per line: ``id`` (the document's key), ``lang``, ``published``, ``source`` (the
outlet), ``title``, ``url``, ``text``, and ``events``: the events an analyst reviewed in that
document, coded as they now stand (corrections applied), each with the ACLED fields the gold sets
carry, ``event_id`` and ``note`` (the analysts' notes, if any). A merged event counts for every
document behind it. ``bench/score_gold.py --gold FILE`` scores the extractor against such a file.

By default only *fully reviewed* documents are written: every event of the document (in the
merged view) is reviewed or rejected, so that an automatic event the analyst has not looked at
cannot count as a missed or extra event. Rejected events are left out: an analyst's "no such
event" is what the gold file says by not listing it. ``partial`` writes every document with at
least one reviewed event.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from conflictwatch.records import Event
from conflictwatch.store._store import Store

__all__ = ["GOLD_FIELDS", "ReviewExport", "export_reviews", "reviewed_documents"]

#: The event fields of the gold sets, in their order.
GOLD_FIELDS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "fatalities",
)


@dataclass(frozen=True, slots=True)
class ReviewExport:
    """What :func:`export_reviews` wrote: documents and events, and documents left out because some
    of their events are not reviewed yet."""

    documents: int
    events: int
    incomplete: int
    target: str


def _gold_event(e: Event, notes: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(e, name) for name in GOLD_FIELDS}
    out["event_date"] = e.event_date.isoformat()
    if e.fatalities_unknown and not e.fatalities:
        out["fatalities"] = None
    out["event_id"] = e.event_id
    if notes:
        out["note"] = " / ".join(notes)
    return out


def reviewed_documents(store: Store, *, partial: bool = False) -> Iterator[dict[str, Any] | None]:
    """The gold-format documents (see the module docstring); None for each document left out
    because it is not fully reviewed."""
    shown = store.query_events(merged_view=True)  # rejected ones are hidden
    rejected = store.query_events(status="rejected", merged_view=True)
    links = store.merge_links()
    members: dict[str, list[str]] = {}
    for link in links:
        members.setdefault(link.cluster_id, []).append(link.event_id)
    notes: dict[str, list[str]] = {}
    for change in store.history():
        if change.kind == "note":
            notes.setdefault(change.event_id, []).append(str(change.after))
    by_doc: dict[str, list[Event]] = {}
    open_docs: set[str] = set()
    for e in shown + rejected:
        doc_ids = set(e.doc_ids) | {s.doc_id for s in e.sources} | {x.doc_id for x in e.evidence}
        for mid in members.get(e.event_id, ()):
            doc_ids.update(store.event(mid).doc_ids)
        for doc_id in doc_ids - {""}:
            if e.status == "automatic":
                open_docs.add(doc_id)
            elif e.status == "reviewed":
                by_doc.setdefault(doc_id, []).append(e)
            else:
                by_doc.setdefault(doc_id, [])
    for doc in store.documents(ids=sorted(by_doc)):
        events = by_doc[doc.id]
        if doc.id in open_docs and not partial:
            yield None
            continue
        events.sort(key=lambda e: (e.event_date, e.event_id))
        yield {"id": doc.key, "lang": doc.language, "published": doc.published.isoformat() if doc.published else None,
               "source": doc.outlet, "title": doc.title, "url": doc.url, "text": doc.text,
               "events": [_gold_event(e, notes.get(e.event_id, [])) for e in events]}


def export_reviews(store: Store, output: str | Path | IO[str], *, partial: bool = False) -> ReviewExport:
    """Write the reviewed documents (see the module docstring) to ``output`` (a path, ``-`` for
    standard output, or an open text file)."""
    import sys

    docs = events = incomplete = 0

    def write(fh: IO[str]) -> None:
        nonlocal docs, events, incomplete
        for doc in reviewed_documents(store, partial=partial):
            if doc is None:
                incomplete += 1
                continue
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            docs += 1
            events += len(doc["events"])

    if isinstance(output, (str, Path)) and str(output) == "-":
        write(sys.stdout)
        target = "standard output"
    elif isinstance(output, (str, Path)):
        path = Path(output)
        tmp = path.with_name(path.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            write(fh)
        tmp.replace(path)
        target = str(path)
    else:
        write(output)
        target = getattr(output, "name", "the stream")
    return ReviewExport(documents=docs, events=events, incomplete=incomplete, target=target)
