"""The JSON API over a real SQLite store: events and their filters, one event with its evidence,
analyst review, trends, alerts, offensives, stats and boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.records import Event
from conflictwatch.report import load_boundaries
from conflictwatch.store import open_store
from tests.conftest import BOUNDARIES
from tests.web.conftest import VISIBLE, XSS_EVIDENCE, XSS_NOTES, Site, TestClient


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


def test_events_lists_the_merged_view_newest_first_with_a_total(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert [e["event_id"] for e in page["events"]] == VISIBLE[::-1]
    assert (page["total"], page["offset"], page["limit"], page["sort"], page["next_offset"]) == (
        5, 0, 100, "-event_date", None)
    assert ids(client.get("/api/events?sort=event_date")) == VISIBLE


def test_events_are_paged_with_offset_and_limit(client: TestClient) -> None:
    first = client.get("/api/events?sort=event_date&limit=2").json()
    assert [e["event_id"] for e in first["events"]] == VISIBLE[:2] and first["next_offset"] == 2
    second = client.get("/api/events?sort=event_date&limit=2&offset=2").json()
    assert [e["event_id"] for e in second["events"]] == VISIBLE[2:4] and second["total"] == 5
    last = client.get("/api/events?sort=event_date&limit=2&offset=4").json()
    assert [e["event_id"] for e in last["events"]] == VISIBLE[4:] and last["next_offset"] is None


@pytest.mark.parametrize(("sort", "expected"), [
    ("-fatalities", ["ev-djibo", "cl-boni", "ev-macina"]),
    ("fatalities", ["ev-bamako", "ev-xss", "ev-macina"]),
    ("location", ["ev-bamako", "cl-boni", "ev-djibo"]),
])
def test_events_sort_by_a_column(client: TestClient, sort: str, expected: list[str]) -> None:
    assert ids(client.get(f"/api/events?sort={sort}&limit=3")) == expected


def test_list_rows_are_compact_and_the_detail_has_everything(client: TestClient, site: Site) -> None:
    with open_store(site.db) as store:
        expected = store.event("ev-djibo").to_dict()
    (row,) = [e for e in client.get("/api/events").json()["events"] if e["event_id"] == "ev-djibo"]
    assert "notes" not in row and row["sources"] == 1 and row["evidence"] == 0
    assert {k: row[k] for k in row if k not in ("sources", "evidence")} == {
        k: expected[k] for k in row if k not in ("sources", "evidence")}
    detail = client.get("/api/events/ev-djibo").json()
    assert {k: detail[k] for k in expected if k != "evidence"} == {k: v for k, v in expected.items() if k != "evidence"}
    assert Event.from_dict(detail).event_date == date(2025, 6, 12)


def test_fields_selects_what_each_row_holds(client: TestClient) -> None:
    rows = client.get("/api/events?fields=event_date,fatalities&limit=1").json()["events"]
    assert rows == [{"event_id": "ev-xss", "event_date": "2025-06-21", "fatalities": 0, "sources": 1, "evidence": 1}]


def test_events_download_as_csv_or_geojson_for_the_filter(client: TestClient) -> None:
    csv_text = client.get("/api/events?country=ML&format=csv")
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_text.headers["content-disposition"]
    lines = csv_text.text.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date") and len(lines) == 1 + 4
    geo = client.get("/api/events?type=Battles", headers={"Accept": "application/geo+json"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert [f["properties"]["event_id"] for f in geo.json()["features"]] == ["cl-boni"]


@pytest.mark.parametrize(("query", "expected"), [
    ("since=2025-06-12", ["ev-djibo", "ev-bamako", "ev-xss"]),
    ("until=2025-06-12", ["cl-boni", "ev-macina", "ev-djibo"]),
    ("since=2025-06-04&until=2025-06-20", ["ev-djibo", "ev-bamako"]),
    ("country=BF", ["ev-djibo"]),
    ("country=Mali&admin1=segou", ["ev-macina"]),
    ("type=Battles", ["cl-boni"]),
    ("type=Remote explosive/landmine/IED", ["ev-macina"]),
    ("actor=jnim", ["cl-boni", "ev-djibo"]),
    ("status=automatic&limit=2", ["cl-boni", "ev-macina"]),
    ("country=mali&type=battles", ["cl-boni"]),  # any case
    ("country=&admin1=&actor=", VISIBLE),  # blank form fields count as absent
])
def test_events_filters_combine(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client.get(f"/api/events?{query}&sort=event_date")) == expected


def test_event_detail_has_sources_evidence_and_merge_links(client: TestClient) -> None:
    got = client.get("/api/events/ev-boni").json()
    assert got["cluster_id"] == "cl-boni"
    assert [(s["outlet"], s["url"], s["published"]) for s in got["sources"]] == [
        ("Sahel Daily", "https://news.example.org/mali/boni", "2025-06-04")]
    assert [x["field"] for x in got["evidence"]] == ["event_type", "fatalities"]
    assert got["evidence"][0]["text"].startswith("Armed men attacked an army post near Boni")
    assert [(m["cluster_id"], m["event_id"], m["reason"]) for m in got["merge_links"]] == [
        ("cl-boni", "ev-boni", "same place, day and actors")]


def test_event_detail_names_the_stored_reports_behind_it(client: TestClient) -> None:
    (doc,) = client.get("/api/events/ev-macina").json()["documents"]
    assert doc["title"] == "Boni post attacked"
    assert doc["url"] == "https://news.example.org/mali/boni"
    assert doc["published"] == "2025-06-04"
    assert doc["text"].startswith("Armed men attacked an army post near Boni") and doc["truncated"] is False
    assert client.get("/api/events/ev-djibo").json()["documents"] == []  # imported, no stored report


def test_cluster_detail_lists_its_members(client: TestClient) -> None:
    got = client.get("/api/events/cl-boni").json()
    assert [m["event_id"] for m in got["merge_links"]] == ["ev-boni"]


def test_event_detail_returns_report_text_unchanged(client: TestClient) -> None:
    got = client.get("/api/events/ev-xss").json()
    assert got["notes"] == XSS_NOTES
    assert got["evidence"][0]["text"] == XSS_EVIDENCE


def test_evidence_marks_the_words_behind_each_field(client: TestClient) -> None:
    evidence = client.get("/api/events/ev-boni").json()["evidence"]
    marked = {x["field"]: [x["text"][m["start"]:m["end"]] for m in x["marks"]] for x in evidence}
    assert marked == {"event_type": ["attacked"], "fatalities": ["12", "killed"]}


def test_review_marks_an_event_reviewed(client: TestClient, site: Site) -> None:
    response = client.post("/api/events/ev-macina/review", json={"status": "reviewed"})
    assert response.status_code == 200
    assert response.json()["status"] == "reviewed"
    assert response.json()["event_id"] == "ev-macina"
    with open_store(site.db) as store:
        assert store.event("ev-macina").status == "reviewed"
    assert ids(client.get("/api/events?status=reviewed")) == ["ev-macina"]
    with open_store(site.db) as store:
        (change,) = store.history("ev-macina")
    assert (change.kind, change.before, change.after, change.analyst) == ("status", "automatic", "reviewed", "amina")


def test_rejected_events_leave_the_default_view_and_can_come_back(client: TestClient) -> None:
    assert client.post("/api/events/ev-bamako/review", json={"status": "rejected"}).json()["status"] == "rejected"
    assert "ev-bamako" not in ids(client.get("/api/events"))
    assert ids(client.get("/api/events?status=rejected")) == ["ev-bamako"]
    assert client.post("/api/events/ev-bamako/review", json={"status": "automatic"}).status_code == 200
    assert ids(client.get("/api/events?sort=event_date")) == VISIBLE


def test_trends_count_events_and_fatalities_per_week_by_admin1(client: TestClient) -> None:
    rows = client.get("/api/trends?period=week&by=admin1&country=ML").json()
    assert rows == [
        {"period_start": "2025-05-31", "period_end": "2025-06-06", "admin1": "Mopti", "events": 1, "fatalities": 12},
        {"period_start": "2025-05-31", "period_end": "2025-06-06", "admin1": "Segou", "events": 1, "fatalities": 3},
        {"period_start": "2025-06-14", "period_end": "2025-06-20", "admin1": "Bamako", "events": 1, "fatalities": 0},
        {"period_start": "2025-06-21", "period_end": "2025-06-27", "admin1": "Tombouctou", "events": 1,
         "fatalities": 0},
    ]


def test_trends_group_by_several_fields_per_month(client: TestClient) -> None:
    rows = client.get("/api/trends?period=month&by=country,event_type&type=Battles").json()
    assert rows == [{"period_start": "2025-06-01", "period_end": "2025-06-30", "country": "Mali",
                     "event_type": "Battles", "events": 1, "fatalities": 12}]


def test_alerts_default_to_the_week_of_the_latest_event(client: TestClient) -> None:
    got = client.get("/api/alerts").json()
    assert got["as_of"] == "2025-06-21"
    assert all(a["week_start"] == "2025-06-21" for a in got["alerts"])


def test_alerts_for_a_week_name_the_stored_offensive(client: TestClient) -> None:
    got = client.get("/api/alerts?as_of=2025-06-03&country=ML").json()
    assert got["as_of"] == "2025-06-03"
    offensive = [a for a in got["alerts"] if a["kind"] == "offensive"]
    assert [a["offensive_id"] for a in offensive] == ["off-2025-06-03"]


def test_alerts_on_an_empty_period_are_empty(client: TestClient) -> None:
    assert client.get("/api/alerts?country=ML&as_of=2020-01-01").json() == {"as_of": "2020-01-01", "alerts": []}
    assert client.get("/api/alerts?country=Niger").status_code == 400  # no event there: say which countries


def test_offensives_list_stored_offensives_between_dates(client: TestClient) -> None:
    (off,) = client.get("/api/offensives?since=2025-06-01").json()
    assert off["offensive_id"] == "off-2025-06-03"
    assert off["event_date"] == "2025-06-03"
    assert off["event_ids"] == ["cl-boni", "ev-macina"]
    assert off["admin1s"] == ["Mopti", "Segou"]
    assert client.get("/api/offensives?since=2025-06-04").json() == []


def test_stats_count_rows(client: TestClient) -> None:
    got = client.get("/api/stats").json()
    assert got["documents"] == 1
    assert got["events"] == 6  # five events plus the cluster event
    assert got["clusters"] == 1
    assert got["offensives"] == 1


def test_meta_lists_event_types_colours_and_statuses(client: TestClient) -> None:
    got = client.get("/api/meta").json()
    assert set(got["colours"]) == set(got["event_types"])
    assert got["statuses"] == ["automatic", "reviewed", "rejected"]


def test_boundaries_are_the_installed_areas_simplified(client: TestClient) -> None:
    response = client.get("/api/boundaries")
    assert response.status_code == 200
    got = response.json()
    source = load_boundaries(BOUNDARIES)
    assert got["type"] == "FeatureCollection"
    assert {f["properties"]["name"] for f in got["features"]} == {b.name for b in source}
    mopti = next(f for f in got["features"] if f["properties"]["name"] == "Mopti")
    assert mopti["properties"]["iso2"] == "ML"
    assert mopti["properties"]["country"] == "Mali"
    points = sum(len(ring) for f in got["features"] for poly in f["geometry"]["coordinates"] for ring in poly)
    assert points < sum(len(r) for b in source for r in b.rings) / 4
    assert len(response.content) < len(BOUNDARIES.read_bytes()) / 4
    for f in got["features"]:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]


def test_boundaries_keep_areas_where_they_are(client: TestClient) -> None:
    got = client.get("/api/boundaries").json()
    mopti = next(f for f in got["features"] if f["properties"]["name"] == "Mopti")
    lons = [p[0] for poly in mopti["geometry"]["coordinates"] for ring in poly for p in ring]
    lats = [p[1] for poly in mopti["geometry"]["coordinates"] for ring in poly for p in ring]
    assert min(lons) < -1.98 < max(lons)  # Boni lies in Mopti
    assert min(lats) < 15.03 < max(lats)


def test_dashboard_page_and_assets_come_from_the_package(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="static/dashboard.js"' in page.text
    script = client.get("/static/dashboard.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "api/events" in script.text
    assert client.get("/static/dashboard.css").headers["content-type"].startswith("text/css")


def test_dashboard_needs_nothing_from_the_network(client: TestClient) -> None:
    for path in ("/", "/static/dashboard.js", "/static/dashboard.css"):
        text = client.get(path).text.replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


def test_dashboard_script_never_parses_strings_as_html(client: TestClient) -> None:
    script = client.get("/static/dashboard.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, f"dashboard.js uses {sink}"



def test_large_responses_are_compressed_for_clients_that_accept_gzip(client: TestClient) -> None:
    plain = client.get("/api/boundaries", headers={"Accept-Encoding": "identity"})
    packed = client.get("/api/boundaries", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.json() == plain.json()
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
