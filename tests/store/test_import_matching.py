"""An ACLED import into a store that already holds automatic events matches them: the events keep
their evidence and sources and take ACLED's coding as recorded changes; an analyst's decision is
never overwritten (a conflict is recorded instead). On a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictwatch.merge import merge_store
from conflictwatch.records import Evidence
from conflictwatch.store import Store
from conflictwatch.store.acled import import_acled
from conflictwatch.store.export import export_events
from tests.store.conftest import make_doc, make_event
from tests.store.test_acled import DYADIC, write_csv


def _pipeline(store: Store) -> None:
    """Three reports: two of one clash at Djenne (merged), one of an attack at Sofara."""
    a = make_doc("Soldiers and militants clashed outside Djenne on Saturday, three died.")
    b = make_doc("Heavy fighting near Djenne on Saturday left three dead, officials said.", outlet="Kibaru")
    c = make_doc("Gunmen killed two herders at Sofara on Sunday.")
    store.add_documents([a, b, c])
    store.save_extraction(a.id, [make_event("ev-a", a)], extractor="rules/1")
    store.save_extraction(b.id, [make_event("ev-b", b, evidence=(
        Evidence("fatalities", b.text[:30], 0, 30, b.id), Evidence("location", b.text[:20], 0, 20, b.id)))],
        extractor="rules/1")
    store.save_extraction(c.id, [make_event("ev-c", c, event_date=date(2019, 6, 2), location="Sofara",
                                            latitude=13.98, longitude=-4.24, event_type="Violence against civilians",
                                            sub_event_type="Attack", actor2="Civilians (Mali)", inter2=7,
                                            fatalities=2)], extractor="rules/1")
    merge_store(store)


def _children(store: Store) -> dict[str, tuple[int, int, float]]:
    return {e.event_id: (len(e.sources), len(e.evidence), e.confidence) for e in store.query_events(merged_view=False)}


def test_the_import_of_an_export_keeps_every_piece_of_evidence_and_every_source(store: Store, tmp_path: Path) -> None:
    _pipeline(store)
    before = _children(store)
    assert sum(s for s, _, _ in before.values()) >= 5 and sum(x for _, x, _ in before.values()) >= 6
    path = tmp_path / "export.csv"
    export_events(store.query_events(), path, "acled-csv")
    result = import_acled(store, path)
    assert (result.imported, result.added, result.matched, result.failed) == (2, 0, 2, [])
    assert _children(store) == before  # same events, same evidence, sources and confidence
    assert {e.status for e in store.query_events()} == {"reviewed"}
    again = import_acled(store, path)
    assert (again.added, again.matched, again.updated, again.conflicts) == (0, 2, 0, 0)
    assert _children(store) == before


def test_acleds_own_ids_and_coding_are_matched_by_day_place_and_type(store: Store, tmp_path: Path) -> None:
    _pipeline(store)
    (cluster,) = [e for e in store.query_events() if e.event_id.startswith("cl-")]
    path = write_csv(tmp_path / "acled.csv", DYADIC, [
        ["MLI9001", "2019-06-01", 2019, 1, "Battles", "Armed clash", "JNIM: Group for Support of Islam and Muslims",
         "", 2, "Military Forces of Mali (2013-2020)", "", 1, 12, 466, "Mali", "Mopti", "Djenne", "13.906",
         "-4.555", 1, 4, "Militants and soldiers clashed near Djenne; 4 dead."],
        ["MLI9002", "2019-06-20", 2019, 1, "Protests", "Peaceful protest", "Protesters (Mali)", "", 6, "", "", 0,
         60, 466, "Mali", "Bamako", "Bamako", "12.65", "-8.0", 1, 0, "Traders marched in Bamako."],
    ])
    result = import_acled(store, path)
    assert (result.added, result.matched, result.updated) == (1, 1, 1)
    matched = store.event(cluster.event_id)
    assert (matched.fatalities, matched.event_id_cnty, matched.status) == (4, "MLI9001", "reviewed")
    assert len(matched.sources) == len(cluster.sources) and len(matched.evidence) == len(cluster.evidence)
    edits = [(c.field, c.before, c.after, c.origin) for c in store.history(cluster.event_id) if c.kind == "edit"]
    assert ("fatalities", 3, 4, "import") in edits
    assert store.event("MLI9002").status == "reviewed"


def test_an_import_never_overwrites_an_analysts_edit_and_records_the_conflict(store: Store, tmp_path: Path) -> None:
    _pipeline(store)
    store.correct("ev-c", {"fatalities": 3}, analyst="amina", reason="hospital count")
    path = write_csv(tmp_path / "acled.csv", DYADIC, [
        ["MLI9003", "2019-06-02", 2019, 1, "Violence against civilians", "Attack",
         "JNIM: Group for Support of Islam and Muslims", "", 2, "Civilians (Mali)", "", 7, 27, 466, "Mali", "Mopti",
         "Sofara", "13.98", "-4.24", 1, 2, "Two herders killed at Sofara."]])
    result = import_acled(store, path)
    assert (result.matched, result.conflicts) == (1, 1)
    assert store.event("ev-c").fatalities == 3
    (conflict,) = store.conflicts()
    assert (conflict.event_id, conflict.field, conflict.kept, conflict.proposed, conflict.source) == (
        "ev-c", "fatalities", 3, 2, "import")
    assert import_acled(store, path).conflicts == 0  # the same disagreement is recorded once
