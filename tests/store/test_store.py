"""Store behaviour on a real SQLite file (and on PostgreSQL for the ``store`` tests)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conflictwatch.errors import SchemaOutOfDate, StoreError
from conflictwatch.records import Document, EventSource, Evidence, MergeLink, Offensive
from conflictwatch.store import Store, open_store
from conflictwatch.store._schema import SCHEMA_VERSION
from tests.store.conftest import make_doc, make_event


def test_opening_a_new_file_creates_the_schema_once(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    open_store(str(path)).close()
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT app, version FROM schema_version").fetchall() == [("conflictwatch", SCHEMA_VERSION)]
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.close()


def test_a_database_of_a_newer_schema_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_version SET version = 99")
    con.commit()
    con.close()
    with pytest.raises(SchemaOutOfDate, match=r"schema version 99, made by a newer conflictwatch.*Upgrade"):
        open_store(str(path))


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(SchemaOutOfDate, match=r"not conflictwatch's \(customers\).*another --db"):
        open_store(str(path))


def test_a_missing_folder_is_reported_before_connecting(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"the folder .*nowhere does not exist"):
        open_store(str(tmp_path / "nowhere" / "cw.db"))


def test_an_unreachable_server_is_reported_with_the_password_hidden() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://analyst:s3cret@127.0.0.1:1/cw")
    message = str(info.value)
    assert "s3cret" not in message
    assert "postgresql+psycopg://analyst:***@127.0.0.1:1/cw" in message
    assert "check that the PostgreSQL server is running" in message


def test_ingesting_the_same_report_twice_stores_it_once(store: Store) -> None:
    doc = make_doc("On 1 June 2019, JNIM militants attacked an army post in Djenne.")
    again = make_doc("On 1 June 2019,  JNIM militants attacked an army post in Djenne. ", outlet="Other")
    assert store.add_documents([doc]) == (1, 0)
    assert store.add_documents([again, doc]) == (0, 2)
    assert [d.id for d in store.documents()] == [doc.id]


def test_a_document_comes_back_with_every_field(store: Store) -> None:
    doc = Document.from_text("Texte du rapport.", url="https://example.org/a", title="Titre", outlet="Le Jour",
                             language="fr", published=date(2020, 3, 1),
                             retrieved=datetime(2020, 3, 2, 8, 30, tzinfo=UTC), source_id="feed-17")
    store.add_documents([doc])
    assert store.document(doc.id) == doc


def test_an_unknown_document_id_is_an_error_saying_to_ingest(store: Store) -> None:
    with pytest.raises(StoreError, match=r"no document 'doc-x'.*ingest it first"):
        store.document("doc-x")


def test_documents_not_extracted_leaves_out_extracted_ones(store: Store) -> None:
    a, b = make_doc("first report"), make_doc("second report")
    store.add_documents([a, b])
    store.save_extraction(a.id, [], extractor="test")
    assert [d.id for d in store.documents(not_extracted=True)] == [b.id]
    assert [d.id for d in store.documents(ids=[a.id, "doc-none"])] == [a.id]


def test_an_event_comes_back_with_every_field(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc])
    ev = make_event("ev-1", doc, fatalities_unknown=True, fatalities_low=2, fatalities_high=5,
                    claimed_by="JNIM: Group for Support of Islam and Muslims", confidence=0.75,
                    notes="On 1 June 2019...", tags="crowd size=no report", time_precision=2,
                    geo_precision=3, civilian_targeting="Civilian targeting", admin3="Djenne",
                    extractor="conflictwatch-rules/0.1.0+data.0123abcd+geo.4567ef89")
    store.save_extraction(doc.id, [ev], extractor="test")
    assert store.query_events() == [ev]
    assert store.event("ev-1") == ev


def test_save_extraction_replaces_the_documents_automatic_events(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc])
    store.save_extraction(doc.id, [make_event("ev-1", doc), make_event("ev-2", doc)], extractor="v1")
    store.save_extraction(doc.id, [make_event("ev-3", doc)], extractor="v2")
    assert [e.event_id for e in store.query_events()] == ["ev-3"]
    assert store.stats()["events"] == 1


def test_save_extraction_keeps_reviewed_and_rejected_events(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc])
    store.save_extraction(doc.id, [make_event("ev-1", doc), make_event("ev-2", doc),
                                       make_event("ev-3", doc)], extractor="v1")
    store.set_status("ev-1", "reviewed")
    store.set_status("ev-2", "rejected")
    store.save_extraction(doc.id, [make_event("ev-1", doc, fatalities=99)], extractor="v2")
    kept = {e.event_id: e for e in store.query_events(merged_view=False)}
    assert set(kept) == {"ev-1"}
    assert kept["ev-1"].status == "reviewed" and kept["ev-1"].fatalities == 3
    assert [e.event_id for e in store.query_events(status="rejected")] == ["ev-2"]


def test_save_extraction_for_an_unstored_document_fails_and_writes_nothing(store: Store) -> None:
    with pytest.raises(StoreError, match=r"document 'doc-missing'.*Store the document first"):
        store.save_extraction("doc-missing", [make_event("ev-1")], extractor="v1")
    assert store.stats()["events"] == 0


def test_add_events_is_idempotent_on_event_id(store: Store) -> None:
    events = [make_event("MLI1", status="reviewed"), make_event("MLI2", status="reviewed")]
    assert store.add_events(events) == 2
    assert store.add_events(events + [make_event("MLI1", status="reviewed", fatalities=7)]) == 2
    stored = store.query_events()
    assert [e.event_id for e in stored] == ["MLI1", "MLI2"]
    assert stored[0].fatalities == 7


def test_add_events_does_not_undo_a_merge(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b")])
    store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "a", "same day"),
                                               MergeLink("cl-1", "b", "same day")])])
    store.add_events([make_event("a", fatalities=1)])
    assert store.event("a").cluster_id == "cl-1"


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_events([
        make_event("e1", event_date=date(2019, 1, 5)),
        make_event("e2", event_date=date(2019, 2, 5), admin1="Gao", event_type="Violence against civilians",
                   sub_event_type="Attack", actor1="Islamic State (Greater Sahara)", inter1=2,
                   actor2="Civilians (Mali)", inter2=7, assoc_actor_2="Tuareg Ethnic Group (Mali)"),
        make_event("e3", event_date=date(2019, 3, 5), country="Burkina Faso", iso=854, admin1="Sahel"),
        make_event("e4", event_date=date(2019, 2, 5), status="rejected"),
        make_event("e0", event_date=date(2019, 2, 5), actor1="Wagner 50% Group_x"),
    ])
    return store


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["e1", "e0", "e2", "e3"]),
    ({"country": "ml"}, ["e1", "e0", "e2"]),
    ({"country": "MALI"}, ["e1", "e0", "e2"]),
    ({"country": "BF"}, ["e3"]),
    ({"admin1": "gao"}, ["e2"]),
    ({"event_type": "violence against civilians"}, ["e2"]),
    ({"event_type": "Armed clash"}, ["e1", "e0", "e3"]),
    ({"actor": "islamic state"}, ["e2"]),
    ({"actor": "TUAREG"}, ["e2"]),
    ({"actor": "50% Group_"}, ["e0"]),
    ({"actor": "0%"}, ["e0"]),
    ({"since": "2019-02-01", "until": date(2019, 2, 28)}, ["e0", "e2"]),
    ({"status": "rejected"}, ["e4"]),
    ({"limit": 2}, ["e1", "e0"]),
])
def test_query_events_filters(filled: Store, filters: dict, expected: list[str]) -> None:
    assert [e.event_id for e in filled.query_events(**filters)] == expected


def test_a_date_filter_that_is_not_a_date_says_how_to_write_it(store: Store) -> None:
    with pytest.raises(StoreError, match=r"--since '1 June' is not a date: write it as YYYY-MM-DD"):
        store.query_events(since="1 June")


def test_merged_view_shows_the_cluster_event_instead_of_its_members(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b"), make_event("c")])
    store.save_clusters([(make_event("cl-ab", sources=(EventSource(doc_id="d1"), EventSource(doc_id="d2"))),
                              [MergeLink("cl-ab", "a", "same place and day", 0.9),
                               MergeLink("cl-ab", "b", "same place and day", 0.8)])])
    assert [e.event_id for e in store.query_events()] == ["c", "cl-ab"]
    assert [e.event_id for e in store.query_events(merged_view=False)] == ["a", "b", "c", "cl-ab"]
    assert [(link.event_id, link.reason, link.score) for link in store.merge_links("cl-ab")] == [
        ("a", "same place and day", 0.9), ("b", "same place and day", 0.8)]
    assert store.event("a").cluster_id == "cl-ab"


def test_splitting_a_whole_cluster_restores_its_members(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b")])
    store.save_clusters([(make_event("cl-ab"), [MergeLink("cl-ab", "a", "r"), MergeLink("cl-ab", "b", "r")])])
    store.split_cluster("cl-ab")
    assert [e.event_id for e in store.query_events()] == ["a", "b"]
    assert all(e.cluster_id == "" for e in store.query_events())
    assert store.merge_links() == []


def test_splitting_one_member_out_keeps_a_cluster_of_two(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b"), make_event("c")])
    store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", x, "r") for x in "abc"])])
    store.split_cluster("cl-1", ["c"])
    assert [e.event_id for e in store.query_events()] == ["c", "cl-1"]
    store.split_cluster("cl-1", ["b"])
    assert [e.event_id for e in store.query_events()] == ["a", "b", "c"]
    assert store.stats()["clusters"] == 0


def test_splitting_out_a_non_member_is_an_error_listing_the_members(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b")])
    store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "a", "r"), MergeLink("cl-1", "b", "r")])])
    with pytest.raises(StoreError, match=r"z not in cl-1; its members are a, b"):
        store.split_cluster("cl-1", ["z"])
    with pytest.raises(StoreError, match=r"no merged event 'cl-9'"):
        store.split_cluster("cl-9")


def test_a_member_moved_to_another_cluster_leaves_the_first(store: Store) -> None:
    store.add_events([make_event(x) for x in "abc"])
    store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "a", "r"), MergeLink("cl-1", "b", "r")])])
    store.save_clusters([(make_event("cl-2"), [MergeLink("cl-2", "b", "r"), MergeLink("cl-2", "c", "r")])])
    assert [e.event_id for e in store.query_events()] == ["a", "cl-2"]
    assert {link.cluster_id for link in store.merge_links()} == {"cl-2"}


def test_linking_an_unstored_event_fails_and_writes_nothing(store: Store) -> None:
    store.add_events([make_event("a")])
    with pytest.raises(StoreError, match=r"saving merged events failed.*save events before linking"):
        store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "a", "r"), MergeLink("cl-1", "ghost", "r")])])
    assert [e.event_id for e in store.query_events()] == ["a"]


def test_re_extracting_a_member_dissolves_its_cluster(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc])
    store.save_extraction(doc.id, [make_event("a", doc)], extractor="v1")
    store.add_events([make_event("b")])
    store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "a", "r"), MergeLink("cl-1", "b", "r")])])
    store.save_extraction(doc.id, [], extractor="v2")
    assert [e.event_id for e in store.query_events()] == ["b"]
    assert store.merge_links() == []


def test_offensives_are_stored_and_mark_their_events(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b"), make_event("c")])
    off = Offensive(offensive_id="off-1", event_date=date(2019, 6, 1), actor="JNIM", event_ids=("b", "a"),
                    admin1s=("Mopti",), admin2s=("Djenne", "Mopti"), span_km=80.5, reason="same day, same actor",
                    extra={"towns": 2})
    store.save_offensives([off])
    assert store.offensives() == [off]
    assert store.offensives(since="2019-06-02") == []
    assert {e.event_id: e.offensive_id for e in store.query_events()} == {"a": "off-1", "b": "off-1", "c": ""}
    store.save_offensives([off.__class__(**{**{f: getattr(off, f) for f in off.__slots__},
                                                 "event_ids": ("c",)})])
    assert {e.event_id: e.offensive_id for e in store.query_events()} == {"a": "", "b": "", "c": "off-1"}


def test_set_status_rejects_unknown_statuses_and_events(store: Store) -> None:
    store.add_events([make_event("a")])
    with pytest.raises(StoreError, match=r"unknown status 'done': use one of automatic, reviewed, rejected"):
        store.set_status("a", "done")
    with pytest.raises(StoreError, match=r"no event 'zz'"):
        store.set_status("zz", "reviewed")


def test_stats_counts_rows(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc, make_doc("other")])
    store.save_extraction(doc.id, [make_event("a", doc)], extractor="v1")
    store.add_events([make_event("b", status="reviewed")])
    assert store.stats() == {"documents": 2, "documents_extracted": 1, "events": 2, "events_automatic": 1,
                             "events_reviewed": 1, "events_rejected": 0, "clusters": 0, "merge_links": 0,
                             "offensives": 0}


def test_evidence_keeps_its_order_and_offsets(store: Store) -> None:
    doc = make_doc("JNIM attacked Djenne on Saturday.")
    store.add_documents([doc])
    ev = make_event("a", doc, evidence=(Evidence("location", "Djenne", 14, 20, doc.id),
                                        Evidence("actor1", "JNIM", 0, 4, doc.id)))
    store.save_extraction(doc.id, [ev], extractor="v1")
    assert store.event("a").evidence == ev.evidence


def test_open_store_takes_a_path_or_an_in_memory_url(tmp_path: Path) -> None:
    with open_store(tmp_path / "cw.db") as on_disk:
        on_disk.add_events([make_event("a")])
    with open_store("sqlite://") as in_memory:
        in_memory.add_events([make_event("a")])
        assert [e.event_id for e in in_memory.query_events()] == ["a"]


def test_an_extraction_with_a_repeated_event_id_keeps_the_last(store: Store) -> None:
    doc = make_doc("report")
    store.add_documents([doc])
    store.save_extraction(doc.id, [make_event("a", doc), make_event("a", doc, fatalities=8)], extractor="v1")
    (event,) = store.query_events()
    assert (event.fatalities, len(event.sources), len(event.evidence)) == (8, 1, 1)


def test_a_file_that_is_not_a_database_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Meeting notes, not a database. " * 40, encoding="utf-8")
    with pytest.raises(StoreError, match=r"file is not a database. Next: the file is not a SQLite database .*another --db"):
        open_store(path)


def test_replacing_offensives_drops_the_ones_that_no_longer_qualify(store: Store) -> None:
    store.add_events([make_event("a"), make_event("b"), make_event("c")])
    old = Offensive(offensive_id="off-old", event_date=date(2019, 6, 1), actor="JNIM", event_ids=("a", "b"))
    kept = Offensive(offensive_id="off-kept", event_date=date(2019, 5, 1), actor="JNIM", event_ids=("c",))
    store.save_offensives([old, kept])
    store.save_offensives([], replace_from=date(2019, 5, 15))
    assert [o.offensive_id for o in store.offensives()] == ["off-kept"]
    assert {e.event_id: e.offensive_id for e in store.query_events()} == {"a": "", "b": "", "c": "off-kept"}
    store.save_offensives([], replace_all=True)
    assert store.offensives() == []
