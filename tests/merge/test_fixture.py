"""The fixture of EN/FR reports clusters exactly as expected (tests/fixtures/merge)."""

from __future__ import annotations

import json
from itertools import combinations

import pytest

from conflictwatch.merge import MergeResult, find_offensives, merge_events
from conflictwatch.records import Event
from tests.conftest import FIXTURES

HERE = FIXTURES / "merge"


def _events() -> list[Event]:
    with (HERE / "events.jsonl").open(encoding="utf-8") as fh:
        return [Event.from_dict(json.loads(line)) for line in fh if line.strip()]


def _expected() -> dict[str, list[str]]:
    return json.loads((HERE / "expected_clusters.json").read_text(encoding="utf-8"))["clusters"]


@pytest.fixture(scope="module")
def result() -> MergeResult:
    return merge_events(_events())


def _groups(result: MergeResult) -> set[frozenset[str]]:
    merged = {frozenset(link.event_id for link in links) for _, links in result.clusters}
    return merged | {frozenset([eid]) for eid in result.unmerged}


def test_fixture_events_point_at_fixture_reports() -> None:
    with (HERE / "reports.jsonl").open(encoding="utf-8") as fh:
        reports = {r["id"]: r for r in map(json.loads, fh)}
    for event in _events():
        (doc,) = event.doc_ids
        for evidence in event.evidence:
            assert reports[doc]["text"][evidence.start:evidence.end] == evidence.text


def test_fixture_clusters_exactly_as_expected(result: MergeResult) -> None:
    assert _groups(result) == {frozenset(ids) for ids in _expected().values()}


def test_fixture_has_no_false_and_no_missed_pair(result: MergeResult) -> None:
    def pairs(groups: set[frozenset[str]]) -> set[frozenset[str]]:
        return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}
    want = pairs({frozenset(ids) for ids in _expected().values()})
    assert pairs(_groups(result)) - want == set()
    assert want - pairs(_groups(result)) == set()


def test_english_and_french_reports_of_the_timbuktu_attack_merge_with_the_lowest_toll(result: MergeResult) -> None:
    (timbuktu,) = [c for c, links in result.clusters if c.location == "Timbuktu"]
    assert {s.language for s in timbuktu.sources} == {"en", "fr"}
    assert (timbuktu.fatalities, timbuktu.fatalities_low, timbuktu.fatalities_high) == (21, 21, 40)
    assert timbuktu.actor1.startswith("JNIM")


def test_the_claim_and_the_army_communique_are_two_partisan_sources_of_one_event(result: MergeResult) -> None:
    (goundam,) = [c for c, links in result.clusters if c.location == "Goundam"]
    assert {s.claimed_by for s in goundam.sources} >= {"JNIM: Group for Support of Islam and Muslims",
                                                      "Military Forces of Mali (2021-)"}


def test_the_fixture_day_of_attacks_is_one_offensive(result: MergeResult) -> None:
    (off,) = find_offensives(result.merged_view(_events()))
    assert off.actor.startswith("JNIM") and off.admin1s == ("Mopti", "Tombouctou")
