"""Corrections are first-class data: every analyst decision is a recorded change, and automatic
runs (re-extraction, re-merge) never overwrite one but leave a conflict for review."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.errors import NotFound, StoreError
from conflictwatch.merge import merge_store, split_merge
from conflictwatch.records import MergeLink
from conflictwatch.store import Store
from tests.store.conftest import make_doc, make_event


def _extracted(store: Store, *events_of: str) -> str:
    doc = make_doc("Gunmen raided Djenne market on Saturday; three traders died.")
    store.add_documents([doc])
    store.save_extraction(doc.id, [make_event(eid, doc) for eid in events_of], extractor="rules/1")
    return doc.id


def test_an_edit_records_who_when_before_after_and_why_and_makes_the_event_reviewed(store: Store) -> None:
    _extracted(store, "ev-1")
    event = store.correct("ev-1", {"fatalities": 5, "location": "Sofara", "latitude": "13.98"},
                          analyst="amina", reason="the ministry's toll of 5 June")
    assert (event.fatalities, event.location, event.latitude, event.status) == (5, "Sofara", 13.98, "reviewed")
    assert (event.fatalities_low, event.fatalities_high, event.fatalities_unknown) == (5, 5, False)
    assert len(event.evidence) == 1 and len(event.sources) == 1  # an edit keeps the evidence
    history = store.history("ev-1")
    assert [(c.kind, c.field, c.before, c.after, c.analyst, c.reason) for c in history] == [
        ("edit", "fatalities", 3, 5, "amina", "the ministry's toll of 5 June"),
        ("edit", "location", "Djenne", "Sofara", "amina", "the ministry's toll of 5 June"),
        ("edit", "latitude", 13.906, 13.98, "amina", "the ministry's toll of 5 June"),
        ("status", "", "automatic", "reviewed", "amina", "edited"),
    ]
    assert all(c.created.tzinfo is not None and c.origin == "analyst" for c in history)


def test_a_type_edit_keeps_the_acled_pair_and_disorder_type_consistent(store: Store) -> None:
    _extracted(store, "ev-1")
    event = store.correct("ev-1", {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
                          analyst="amina")
    assert event.disorder_type == "Political violence"
    with pytest.raises(StoreError, match=r"sub_event_type of ev-1 .*Battles has the sub-types Armed clash"):
        store.correct("ev-1", {"event_type": "Battles"}, analyst="amina")


@pytest.mark.parametrize(("edits", "message"), [
    ({"latitude": 123}, r"latitude of ev-1 to 123: it must lie in -90..90"),
    ({"fatalities": -2}, r"fatalities of ev-1 to -2: it must lie in 0..10000000"),
    ({"event_date": "1 June"}, r"write the date as YYYY-MM-DD"),
    ({"event_id": "ev-2"}, r"'event_id' cannot be edited on ev-1: edit one of event_date"),
    ({"geo_precision": True}, r"send a whole number"),
    ({}, r"no field to change"),
])
def test_a_bad_edit_changes_nothing_and_says_which_field(store: Store, edits: dict[str, object],
                                                         message: str) -> None:
    _extracted(store, "ev-1")
    before = store.event("ev-1")
    with pytest.raises(StoreError, match=message):
        store.correct("ev-1", edits, analyst="amina")
    assert store.event("ev-1") == before and store.history("ev-1") == []


def test_an_edit_needs_an_analyst_name_and_an_existing_event(store: Store) -> None:
    _extracted(store, "ev-1")
    with pytest.raises(StoreError, match="needs the analyst's name"):
        store.correct("ev-1", {"fatalities": 1}, analyst=" ")
    with pytest.raises(NotFound, match="no event 'ev-9'"):
        store.correct("ev-9", {"fatalities": 1}, analyst="amina")


def test_status_changes_and_notes_are_in_the_history(store: Store) -> None:
    _extracted(store, "ev-1")
    store.set_status("ev-1", "rejected", analyst="moussa", reason="a drill, not an attack")
    store.add_note("ev-1", "Radio report says it was an exercise.", analyst="moussa")
    store.set_status("ev-1", "rejected", analyst="moussa")  # no change: not recorded again
    assert [(c.kind, c.before, c.after, c.reason) for c in store.history("ev-1")] == [
        ("status", "automatic", "rejected", "a drill, not an attack"),
        ("note", None, "Radio report says it was an exercise.", ""),
    ]


def test_re_extraction_keeps_the_analysts_values_and_reports_a_conflict_once(store: Store) -> None:
    doc_id = _extracted(store, "ev-1")
    store.correct("ev-1", {"fatalities": 7}, analyst="amina")
    doc = store.document(doc_id)
    for _ in range(2):  # the same disagreement twice is one conflict
        store.save_extraction(doc_id, [make_event("ev-1", doc, fatalities=4)], extractor="rules/2")
    assert store.event("ev-1").fatalities == 7
    (conflict,) = store.conflicts()
    assert (conflict.event_id, conflict.field, conflict.kept, conflict.proposed, conflict.source) == (
        "ev-1", "fatalities", 7, 4, "extract")
    resolved = store.resolve_conflict(conflict.id, take=True, analyst="amina")
    assert resolved.resolution == "taken" and store.event("ev-1").fatalities == 4
    assert store.conflicts() == [] and len(store.conflicts(open_only=False)) == 1
    assert [c.kind for c in store.history("ev-1")][-2:] == ["edit", "resolve"]


def test_a_kept_conflict_is_not_raised_again(store: Store) -> None:
    doc_id = _extracted(store, "ev-1")
    store.correct("ev-1", {"admin2": "Mopti"}, analyst="amina")
    doc = store.document(doc_id)
    store.save_extraction(doc_id, [make_event("ev-1", doc)], extractor="rules/2")
    (conflict,) = store.conflicts()
    store.resolve_conflict(conflict.id, take=False, analyst="amina", reason="Djenne is the cercle seat")
    store.save_extraction(doc_id, [make_event("ev-1", doc)], extractor="rules/3")
    assert store.conflicts() == [] and store.event("ev-1").admin2 == "Mopti"
    with pytest.raises(StoreError, match="already resolved"):
        store.resolve_conflict(conflict.id, take=True, analyst="amina")


def test_a_reviewed_event_that_re_extraction_no_longer_finds_is_kept_with_a_conflict(store: Store) -> None:
    doc_id = _extracted(store, "ev-1", "ev-2")
    store.set_status("ev-1", "reviewed", analyst="amina")
    store.save_extraction(doc_id, [make_event("ev-2", store.document(doc_id))], extractor="rules/2")
    assert store.event("ev-1").status == "reviewed"
    (conflict,) = store.conflicts()
    assert conflict.event_id == "ev-1" and conflict.field == "" and "no longer finds" in conflict.detail
    with pytest.raises(StoreError, match="whole of ev-1"):
        store.resolve_conflict(conflict.id, take=True, analyst="amina")


def test_re_merging_never_changes_a_reviewed_merged_event(store: Store) -> None:
    a, b, c = make_doc("report a"), make_doc("report b"), make_doc("report c")
    store.add_documents([a, b, c])
    store.save_extraction(a.id, [make_event("ev-a", a)], extractor="rules/1")
    store.save_extraction(b.id, [make_event("ev-b", b)], extractor="rules/1")
    merge_store(store)
    (cluster,) = store.query_events()
    store.correct(cluster.event_id, {"fatalities": 9}, analyst="amina")
    store.save_extraction(c.id, [make_event("ev-c", c)], extractor="rules/1")  # a third report
    run = merge_store(store)
    assert run.refused == (next(iter(run.result.clusters))[0].event_id,)
    kept = store.event(cluster.event_id)
    assert kept.fatalities == 9 and {m.event_id for m in store.merge_links(cluster.event_id)} == {"ev-a", "ev-b"}
    assert store.event("ev-c").cluster_id == ""
    (conflict,) = store.conflicts()
    assert conflict.source == "merge" and conflict.event_id == cluster.event_id
    assert conflict.kept == ["ev-a", "ev-b"] and conflict.proposed == ["ev-a", "ev-b", "ev-c"]


def test_an_analysts_merge_and_split_are_recorded_on_every_event(store: Store) -> None:
    store.add_events([make_event("ev-x"), make_event("ev-y", location="Sofara", event_date=date(2019, 6, 2))])
    merged = store.join_events(["ev-x", "ev-y"], analyst="amina", reason="same ambush, two dates given")
    assert merged.status == "reviewed" and merged.event_id.startswith("cl-")
    assert {m.event_id for m in store.merge_links(merged.event_id)} == {"ev-x", "ev-y"}
    assert [(c.kind, c.before, c.after) for c in store.history("ev-x")] == [
        ("merge", ["ev-x", "ev-y"], merged.event_id)]
    out, rebuilt = split_merge(store, merged.event_id, ["ev-y"], analyst="moussa", reason="two ambushes")
    assert out == ["ev-y"] and rebuilt == ""
    kinds = [(c.event_id, c.kind, c.analyst) for c in store.history("ev-y")]
    assert kinds[-2:] == [("ev-y", "split", "moussa"), ("ev-y", "status", "moussa")]
    # a merged event's history includes its members'
    assert {c.event_id for c in store.history(merged.event_id)} >= {merged.event_id}


def test_an_analysts_merge_refuses_a_member_of_another_merged_event(store: Store) -> None:
    store.add_events([make_event("ev-x"), make_event("ev-y"), make_event("cl-q")])
    store.save_clusters([(make_event("cl-q"), [MergeLink("cl-q", "ev-x", "r"), MergeLink("cl-q", "ev-y", "r")])])
    store.add_events([make_event("ev-z")])
    with pytest.raises(StoreError, match="ev-x is part of the merged event cl-q"):
        store.join_events(["ev-x", "ev-z"], analyst="amina")


def test_tokens_are_stored_hashed_named_and_revocable(store: Store) -> None:
    token = store.create_token("amina")
    assert token.startswith("cw_") and len(token) > 40
    assert store.analyst_for_token(token) == "amina"
    assert store.analyst_for_token(token + "x") is None and store.analyst_for_token("") is None
    (listed,) = store.tokens()
    assert listed.analyst == "amina" and listed.prefix == token[:9] and listed.revoked is None
    from sqlalchemy import select

    from conflictwatch.store import _schema as S
    with store.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(select(S.tokens))]
    assert not any(token in str(v) for row in stored for v in row)
    assert store.revoke_tokens("amina") == 1
    assert store.analyst_for_token(token) is None and store.tokens()[0].revoked is not None
