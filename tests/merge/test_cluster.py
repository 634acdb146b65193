"""Merging records into cluster events: fields, sources, fatalities, ids, increments, ambiguity."""

from __future__ import annotations

from datetime import UTC, date, datetime

from conflictwatch.merge import cluster_id, merge_events
from conflictwatch.records import MergeLink
from tests.merge.builders import GAO, ISS, JNIM, MOLODO, NIONO, SEGOU, UAG, ev


def only_cluster(result):  # type: ignore[no-untyped-def]
    (cluster, links), = result.clusters
    return cluster, links


def test_two_reports_of_one_attack_become_one_cluster_with_both_members() -> None:
    cluster, links = only_cluster(merge_events([ev("a"), ev("b")]))
    assert {link.event_id for link in links} == {"a", "b"}
    assert cluster.event_id == cluster_id(["a", "b"]) and cluster.event_id.startswith("cl-")


def test_the_cluster_id_does_not_depend_on_input_order() -> None:
    one, _ = only_cluster(merge_events([ev("a"), ev("b")]))
    two, _ = only_cluster(merge_events([ev("b"), ev("a")]))
    assert one.event_id == two.event_id


def test_the_cluster_keeps_every_source_evidence_and_document() -> None:
    cluster, _ = only_cluster(merge_events([ev("a"), ev("b")]))
    assert set(cluster.doc_ids) == {"doc-a", "doc-b"}
    assert {s.doc_id for s in cluster.sources} == {"doc-a", "doc-b"}
    assert {e.text for e in cluster.evidence} == {"sentence of a", "sentence of b"}


def test_source_events_are_left_as_they_were() -> None:
    a, b = ev("a"), ev("b")
    merge_events([a, b])
    assert a == ev("a") and b == ev("b")


def test_fatalities_are_the_lowest_reported_figure_with_the_range_kept() -> None:
    cluster, _ = only_cluster(merge_events([
        ev("a", fatalities=30, fatalities_low=30, fatalities_high=40),
        ev("b", fatalities=21, fatalities_low=21, fatalities_high=21),
        ev("c", fatalities_unknown=True),
    ]))
    assert (cluster.fatalities, cluster.fatalities_low, cluster.fatalities_high) == (21, 21, 40)
    assert not cluster.fatalities_unknown


def test_deaths_without_a_figure_stay_flagged_unknown() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", fatalities_unknown=True), ev("b")]))
    assert (cluster.fatalities, cluster.fatalities_low, cluster.fatalities_unknown) == (0, None, True)


def test_confidence_rises_with_independent_sources() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", confidence=0.6), ev("b", confidence=0.6)]))
    assert cluster.confidence > 0.6


def test_two_reports_from_one_outlet_count_as_one_source() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", outlet="Sahel Wire"), ev("b", outlet="Sahel Wire")]))
    assert cluster.confidence == 0.6


def test_fields_come_from_the_most_confident_member() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", confidence=0.9, notes="best"), ev("b", notes="other")]))
    assert cluster.notes == "best"


def test_the_cluster_names_the_extractor_of_its_representative_else_of_another_member() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", confidence=0.9, extractor="rules/a"),
                                            ev("b", extractor="rules/b")]))
    assert cluster.extractor == "rules/a"
    cluster, _ = only_cluster(merge_events([ev("a", confidence=0.9), ev("b", extractor="rules/b")]))
    assert cluster.extractor == "rules/b"  # the representative was imported


def test_a_named_actor_replaces_an_unidentified_one() -> None:
    cluster, _ = only_cluster(merge_events([ev("a", actor1=UAG, confidence=0.9), ev("b", actor1=JNIM)]))
    assert cluster.actor1 == JNIM


def test_the_exact_date_wins_over_a_month() -> None:
    cluster, _ = only_cluster(merge_events([
        ev("a", day=date(2025, 7, 15), time_precision=3, confidence=0.9), ev("b", day=date(2025, 7, 1))]))
    assert (cluster.event_date, cluster.time_precision) == (date(2025, 7, 1), 1)


def test_every_link_has_a_reason_and_a_score() -> None:
    _, links = only_cluster(merge_events([ev("a", confidence=0.9), ev("b", actor1=UAG)]))
    by_id = {link.event_id: link for link in links}
    assert by_id["a"].reason.startswith("best-evidenced member")
    assert "same day 2025-07-01" in by_id["b"].reason and 0 < by_id["b"].score <= 1


def test_seven_attacks_of_one_report_stay_seven_events() -> None:
    result = merge_events([ev("a", doc="d"), ev("b", doc="d", place=MOLODO), ev("c", doc="d", place=SEGOU)])
    assert result.clusters == [] and len(result.unmerged) == 3


def test_a_wildcard_does_not_bridge_two_different_groups() -> None:
    result = merge_events([ev("jnim", actor1=JNIM), ev("iss", actor1=ISS), ev("unknown", actor1=UAG)])
    assert result.clusters == []
    assert result.ambiguous == ["unknown"]


def test_a_month_report_that_fits_two_attacks_is_left_alone() -> None:
    result = merge_events([ev("first", day=date(2025, 6, 2)), ev("second", day=date(2025, 6, 20)),
                           ev("june", day=date(2025, 6, 15), time_precision=3)])
    assert result.clusters == [] and result.ambiguous == ["june"]


def test_a_clearly_better_partner_decides_over_a_vague_one() -> None:
    result = merge_events([ev("unknown", actor1=UAG), ev("jnim", actor1=JNIM),
                           ev("iss-in-july", actor1=ISS, day=date(2025, 7, 15), time_precision=3)])
    _cluster, links = only_cluster(result)
    assert {link.event_id for link in links} == {"unknown", "jnim"} and result.ambiguous == []


def test_an_event_placed_only_in_a_country_is_never_merged() -> None:
    vague = {"latitude": None, "longitude": None, "admin1": "", "admin2": "", "location": ""}
    result = merge_events([ev("a", **vague), ev("b", **vague)])  # type: ignore[arg-type]
    assert result.clusters == []


def test_reviewed_events_are_not_merged_automatically() -> None:
    result = merge_events([ev("a", status="reviewed"), ev("b")])
    assert result.clusters == []


def test_rejected_events_are_ignored() -> None:
    result = merge_events([ev("a", status="rejected"), ev("b")])
    assert result.clusters == [] and result.unmerged == ["b"]


def test_a_new_report_joins_an_existing_cluster_which_it_supersedes() -> None:
    old_id = cluster_id(["a", "b"])
    created = datetime(2025, 7, 2, tzinfo=UTC)
    links = [MergeLink(old_id, "a", "x", 1.0, created), MergeLink(old_id, "b", "x", 1.0, created)]
    result = merge_events([ev("c")], existing=[ev("a", cluster_id=old_id), ev("b", cluster_id=old_id)],
                          existing_links=links)
    cluster, new_links = only_cluster(result)
    assert cluster.event_id == cluster_id(["a", "b", "c"])
    assert result.superseded == [old_id]
    assert {link.event_id: link.created for link in new_links} == {"a": created, "b": created, "c": None}


def test_a_new_report_joins_an_existing_unclustered_event() -> None:
    cluster, _ = only_cluster(merge_events([ev("b")], existing=[ev("a")]))
    assert cluster.event_id == cluster_id(["a", "b"])


def test_existing_events_are_not_merged_with_one_another() -> None:
    result = merge_events([ev("c", place=GAO)], existing=[ev("a"), ev("b")])
    assert result.clusters == [] and result.unmerged == ["c"]


def test_an_unchanged_existing_cluster_is_not_returned() -> None:
    cid = cluster_id(["a", "b"])
    result = merge_events([ev("c", place=GAO)], existing=[ev("a", cluster_id=cid), ev("b", cluster_id=cid)])
    assert result.clusters == [] and result.superseded == []


def test_cluster_events_given_as_input_are_rebuilt_not_merged() -> None:
    cid = cluster_id(["a", "b"])
    cluster, _ = only_cluster(merge_events([ev("a"), ev("b")]))
    result = merge_events([ev("c")], existing=[cluster, ev("a", cluster_id=cid), ev("b", cluster_id=cid)])
    _merged, links = only_cluster(result)
    assert {link.event_id for link in links} == {"a", "b", "c"}


def test_the_merged_view_replaces_members_by_their_cluster() -> None:
    events = [ev("a"), ev("b"), ev("c", place=NIONO, day=date(2025, 7, 9))]
    result = merge_events(events)
    assert sorted(e.event_id for e in result.merged_view(events)) == sorted(["c", cluster_id(["a", "b"])])
