"""Importing ACLED CSV exports: dyadic and monadic layouts, text codes, dates, bad rows, round trip."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.errors import IngestError
from conflictwatch.records import ACLED_COLUMNS, disorder_type_for
from conflictwatch.store import Store
from conflictwatch.store.acled import import_acled, parse_interaction, read_acled_csv
from conflictwatch.store.export import export_events
from tests.conftest import read_gold


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


DYADIC = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
          "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "iso", "country",
          "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "notes"]


def test_a_dyadic_row_becomes_a_reviewed_event(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", DYADIC, [[
        "MLI100", "2019-03-04", 2019, 1, "Battles", "Armed clash", "Military Forces of Mali (2013-2020)", "",
        1, "JNIM: Group for Support of Islam and Muslims", "", 2, 12, 466, "Mali", "Mopti", "Dialassagou",
        "14.1", "-3.2", 1, 4, "Soldiers clashed with militants near a checkpoint."]])
    (event,) = read_acled_csv(path)
    assert (event.event_id, event.event_id_cnty, event.status, event.confidence) == ("MLI100", "MLI100", "reviewed", 1.0)
    assert (event.event_date, event.inter1, event.inter2, event.interaction) == (date(2019, 3, 4), 1, 2, 12)
    assert (event.latitude, event.longitude, event.fatalities, event.iso) == (14.1, -3.2, 4, 466)
    assert event.disorder_type == "Political violence"


def test_text_inter_codes_and_acleds_written_dates_are_read(tmp_path: Path) -> None:
    header = [h.upper() if h.startswith("inter") else h for h in DYADIC]
    path = write_csv(tmp_path / "a.csv", [f" {h} " for h in header], [
        ["MLI1", "30 December 2019", 2019, 1, "Violence against civilians", "Attack", "Fulani Ethnic Militia (Mali)",
         "", "Identity militia", "Civilians (Mali)", "", "Civilians", "Identity militia-Civilians", 466, "Mali",
         "Mopti", "Bargou", "13.9", "-2.9", 1, 2, ""],
        ["MLI2", "1 January 2020", 2020, 1, "Protests", "Peaceful protest", "Protesters (Mali)", "", "Protesters",
         "", "", "", "Protesters only", 466, "Mali", "Bamako", "Bamako", "12.65", "-8", 1, 0, ""],
        ["MLI3", "2020-01-02", 2020, 1, "Battles", "Armed clash", "Wagner Group", "", "External/Other forces",
         "Katiba Macina", "", "Rebel group", "", 466, "Mali", "Mopti", "Mopti", "14.5", "-4.2", 3, 0, ""],
    ])
    one, two, three = read_acled_csv(path)
    assert (one.event_date, one.inter1, one.inter2, one.interaction) == (date(2019, 12, 30), 4, 7, 47)
    assert (two.event_date, two.inter1, two.inter2, two.interaction) == (date(2020, 1, 1), 6, 0, 60)
    assert (three.inter1, three.inter2, three.interaction) == (8, 2, 28)


@pytest.mark.parametrize(("text", "code"), [
    ("27", 27), ("Rebel group-State forces", 12), ("State forces only", 10), ("Civilians only", 70),
    ("External/Other forces-Rebel group", 28), ("political militia-civilians", 37), ("", None)])
def test_interaction_is_read_from_numbers_and_text(text: str, code: int | None) -> None:
    assert parse_interaction(text) == code


def test_monadic_rows_of_one_event_are_merged_into_one_dyadic_event(tmp_path: Path) -> None:
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor", "assoc_actor", "inter",
              "interaction", "country", "admin1", "location", "latitude", "longitude", "fatalities"]
    path = write_csv(tmp_path / "m.csv", header, [
        ["MLI7", "2018-05-19", "Violence against civilians", "Attack", "Unidentified Armed Group (Mali)", "", "3",
         "37", "Mali", "Mopti", "Boulkessi", "15.0", "-1.9", "3"],
        ["MLI8", "2018-05-20", "Protests", "Peaceful protest", "Protesters (Mali)", "Teachers (Mali)", "6", "60",
         "Mali", "Bamako", "Bamako", "12.65", "-8.0", "0"],
        ["MLI7", "2018-05-19", "Violence against civilians", "Attack", "Civilians (Mali)", "Fulani Ethnic Group (Mali)",
         "7", "37", "Mali", "Mopti", "Boulkessi", "15.0", "-1.9", "3"],
    ])
    seven, eight = read_acled_csv(path)
    assert (seven.event_id, seven.actor1, seven.inter1, seven.actor2, seven.assoc_actor_2, seven.inter2) == (
        "MLI7", "Unidentified Armed Group (Mali)", 3, "Civilians (Mali)", "Fulani Ethnic Group (Mali)", 7)
    assert (seven.fatalities, seven.interaction) == (3, 37)
    assert (eight.actor1, eight.assoc_actor_1, eight.actor2, eight.interaction) == (
        "Protesters (Mali)", "Teachers (Mali)", "", 60)


def test_rows_without_event_id_cnty_get_a_stable_id(tmp_path: Path) -> None:
    row = ["", "2019-03-04", 2019, 1, "Battles", "Armed clash", "A", "", 2, "B", "", 3, "", 466, "Mali", "Gao",
           "Gao", "16.27", "-0.04", 1, 0, ""]
    first = next(read_acled_csv(write_csv(tmp_path / "a.csv", DYADIC, [row])))
    again = next(read_acled_csv(write_csv(tmp_path / "b.csv", DYADIC, [row])))
    assert first.event_id == again.event_id and first.event_id.startswith("ev-")
    assert first.interaction == 23


def test_bad_rows_are_reported_with_their_line_and_the_rest_imported(tmp_path: Path, store: Store) -> None:
    good = ["MLI1", "2019-03-04", 2019, 1, "Battles", "Armed clash", "A", "", 2, "B", "", 3, 23, 466, "Mali",
            "Gao", "Gao", "16.27", "-0.04", 1, 0, ""]
    path = write_csv(tmp_path / "a.csv", DYADIC, [
        good,
        ["MLI2", "sometime in March", *good[2:]],
        ["MLI3", *good[1:8], "Bandits", *good[9:]],
        ["MLI4", *good[1:20], "many", ""],
        ["MLI5", *good[1:]],
    ])
    result = import_acled(store, path)
    assert result.imported == 2
    assert [str(e) for e in result.failed] == [
        (f"{path}, line 3: event_date 'sometime in March' is not a date like 2019-12-30 or 30 December 2019; "
        "the row was skipped."),
        (f"{path}, line 4: inter code 'Bandits' is neither a number nor one of \"State forces\", \"Rebel group\", "
        "\"Political militia\", \"Identity militia\", \"Rioters\", \"Protesters\", \"Civilians\", "
        "\"External/Other forces\"; the row was skipped."),
        f"{path}, line 5: fatalities 'many' is not a whole number; the row was skipped.",
    ]
    assert [e.event_id for e in store.query_events()] == ["MLI1", "MLI5"]
    with pytest.raises(IngestError, match=r"line 3: event_date"):
        list(read_acled_csv(path))


def test_a_file_that_is_not_an_acled_export_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["name", "price"], [["bread", 2]])
    with pytest.raises(IngestError, match=r"is not an ACLED export: its header has no event_date"):
        list(read_acled_csv(path))


def test_importing_the_same_file_twice_stores_each_event_once(tmp_path: Path, store: Store) -> None:
    row = ["MLI1", "2019-03-04", 2019, 1, "Battles", "Armed clash", "A", "", 2, "B", "", 3, 23, 466, "Mali",
           "Gao", "Gao", "16.27", "-0.04", 1, 0, ""]
    path = write_csv(tmp_path / "a.csv", DYADIC, [row])
    import_acled(store, path)
    import_acled(store, path)
    assert store.stats()["events_reviewed"] == 1


def _gold_acled_rows() -> list[dict[str, str]]:
    """The gold ACLED events of Mali 2017-2019, laid out as an ACLED CSV export would have them."""
    rows = []
    for doc in read_gold("acled_mali_2017_2019.jsonl"):
        (ev,) = doc["events"]
        when = date.fromisoformat(ev["event_date"])
        row = {col: "" for col in ACLED_COLUMNS}
        row.update({k: str(v) for k, v in ev.items() if k not in ("latitude", "longitude")})
        row.update(
            event_id_cnty=doc["id"].split(":", 1)[1], year=str(when.year),
            disorder_type=disorder_type_for(ev["event_type"], ev["sub_event_type"]),
            civilian_targeting="Civilian targeting" if ev["actor2"].startswith("Civilians") else "",
            iso="466", region="Western Africa", notes=doc["text"],
            latitude=f"{ev['latitude']:.4f}", longitude=f"{ev['longitude']:.4f}",
        )
        rows.append(row)
    return rows


def test_gold_acled_events_round_trip_through_import_and_export(tmp_path: Path, store: Store) -> None:
    rows = _gold_acled_rows()
    source = tmp_path / "acled.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = import_acled(store, source)
    assert (result.imported, result.failed) == (len(rows), [])

    out = tmp_path / "export.csv"
    export_events(store.query_events(limit=None), out, "acled-csv")
    with out.open(newline="", encoding="utf-8") as fh:
        exported = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    assert len(exported) == len(rows)
    for row in rows:
        back = exported[row["event_id_cnty"]]
        assert back.pop("offensive_id") == ""
        for col in ACLED_COLUMNS:
            if col in ("latitude", "longitude"):
                assert float(back[col]) == float(row[col]), (row["event_id_cnty"], col)
            else:
                assert back[col] == row[col], (row["event_id_cnty"], col)
