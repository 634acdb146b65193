"""Exports: ACLED CSV columns and number formats, GeoJSON, Parquet, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.errors import StoreError
from conflictwatch.records import ACLED_COLUMNS, Event, EventSource, Evidence
from conflictwatch.store.export import export_events, format_number
from tests.store.conftest import make_event


@pytest.fixture
def events() -> list[Event]:
    return [
        make_event("MLI1", event_id_cnty="MLI1", latitude=12.65, longitude=-8.0, offensive_id="off-3",
                   sources=(EventSource(doc_id="d1", outlet="Studio Tamani", published=date(2019, 6, 2)),),
                   evidence=(Evidence("actor1", "JNIM militants", 3, 17, "d1"),)),
        make_event("ev-2", latitude=None, longitude=None, geo_precision=3),
    ]


@pytest.mark.parametrize(("value", "text"), [(None, ""), (12.65, "12.65"), (-8.0, "-8"), (3, "3"),
                                             (14.4891, "14.4891"), (0.0, "0")])
def test_numbers_are_written_as_acled_writes_them(value: float | None, text: str) -> None:
    assert format_number(value) == text


def test_acled_csv_has_acleds_columns_then_offensive_id(tmp_path: Path, events: list[Event]) -> None:
    out = tmp_path / "events.csv"
    result = export_events(events, out, "acled-csv")
    assert (result.written, result.skipped, result.target) == (2, 0, str(out))
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == (*ACLED_COLUMNS, "offensive_id")
    first, second = rows
    assert first["event_id_cnty"] == "MLI1" and second["event_id_cnty"] == "ev-2"
    assert (first["latitude"], first["longitude"]) == ("12.65", "-8")
    assert (first["fatalities"], first["inter1"], first["inter2"], first["interaction"], first["iso"]) == (
        "3", "2", "1", "12", "466")
    assert (first["year"], first["event_date"], first["disorder_type"]) == ("2019", "2019-06-01", "Political violence")
    assert first["offensive_id"] == "off-3"
    assert (second["latitude"], second["geo_precision"]) == ("", "3")


def test_geojson_is_a_feature_collection_of_points_skipping_events_without_coordinates(
        tmp_path: Path, events: list[Event]) -> None:
    out = tmp_path / "events.geojson"
    assert export_events(events, out, "geojson")[1:] == (1, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-8.0, 12.65]}
    props = feature["properties"]
    assert props["event_id"] == "MLI1" and props["actor1"] == events[0].actor1
    assert props["sources"][0]["outlet"] == "Studio Tamani"
    assert props["evidence"][0] == {"field": "actor1", "text": "JNIM militants", "start": 3, "end": 17, "doc_id": "d1"}


def test_parquet_has_typed_columns(tmp_path: Path, events: list[Event]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    export_events(events, out, "parquet")
    table = pq.read_table(out)
    assert table.num_rows == 2
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    rows = table.to_pylist()
    assert rows[0]["event_date"] == date(2019, 6, 1)
    assert rows[0]["sources"][0]["published"] == date(2019, 6, 2)
    assert rows[1]["latitude"] is None


def test_jsonl_round_trips_through_event_from_dict(events: list[Event]) -> None:
    buffer = io.StringIO()
    export_events(events, buffer, "jsonl")
    back = [Event.from_dict(json.loads(line)) for line in buffer.getvalue().splitlines()]
    assert back == events


def test_dash_writes_to_stdout(capsys: pytest.CaptureFixture[str], events: list[Event]) -> None:
    assert export_events(events, "-", "acled-csv").target == "stdout"
    assert capsys.readouterr().out.startswith("event_id_cnty,event_date,year,")


def test_parquet_to_stdout_is_refused(events: list[Event]) -> None:
    with pytest.raises(StoreError, match=r"Parquet is binary .*--output FILE.parquet"):
        export_events(events, "-", "parquet")


def test_an_unknown_format_lists_the_formats(events: list[Event]) -> None:
    with pytest.raises(StoreError, match=r"unknown export format 'xlsx': use one of acled-csv, geojson, parquet, jsonl"):
        export_events(events, "-", "xlsx")


def test_an_unwritable_target_says_to_pick_another(tmp_path: Path, events: list[Event]) -> None:
    with pytest.raises(StoreError, match=r"cannot write .*missing/x.csv: No such file or directory. Pass another --output"):
        export_events(events, tmp_path / "missing" / "x.csv", "acled-csv")
