"""Blocking and judging on arrays: the same pairs as the blocking rule, the same verdicts as compare."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from itertools import combinations

import numpy as np

from conflictwatch.merge import compare
from conflictwatch.merge._blocking import candidate_pairs, columns, judge
from conflictwatch.merge._compare import date_window
from conflictwatch.records import Event
from tests.merge.builders import (
    BONI,
    CIV,
    DIBOLI,
    FAMA,
    GAO,
    ISS,
    JNIM,
    KAYES,
    MOLODO,
    MOPTI,
    NIONO,
    NIORO,
    SANDARE,
    SEGOU,
    SEVARE,
    UAG,
    ev,
)

PLACES = [NIONO, MOLODO, SEGOU, KAYES, DIBOLI, NIORO, SANDARE, MOPTI, SEVARE, BONI, GAO]
PROTESTERS = "Protesters (Mali)"


def _varied(count: int, seed: int) -> list[Event]:
    """Records over a few towns and ten days with every kind of precision, gap and wildcard."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        place = rng.choice(PLACES)
        lat, lon = place[0] + rng.choice((0.0, 0.0, 0.004, 0.03, 0.2)), place[1] + rng.choice((0.0, 0.0, -0.01))
        fields: dict[str, object] = {
            "day": date(2025, 6, 25) + timedelta(days=rng.randrange(10)),
            "time_precision": rng.choice((1, 1, 1, 2, 3)),
            "geo_precision": rng.choice((1, 1, 2, 3)),
            "place": (lat, lon, rng.choice((place[2], place[2], "")), rng.choice((place[3], place[3], "", "Other"))),
            "location": rng.choice(("Niono", "Niono Est", "Molodo", "Segou", "Somewhere")),
            "sub_event_type": rng.choice(("Armed clash", "Armed clash", "", "Government regains territory",
                                          "Non-state actor overtakes territory")),
            "actor1": rng.choice((JNIM, JNIM, ISS, UAG, "")),
            "actor2": rng.choice((FAMA, FAMA, CIV, UAG, PROTESTERS)),
            "event_type": rng.choice(("Battles", "Battles", "Violence against civilians")),
        }
        if fields["actor2"] == PROTESTERS:
            fields["inter2"] = 6
            fields["assoc_actor_2"] = rng.choice(("Students (Mali)", "Teachers (Mali)", ""))
        if rng.random() < 0.1:
            fields["latitude"] = None
            fields["longitude"] = None
        if rng.random() < 0.1:
            fields["doc"] = f"shared-{k % 7}"
        event = ev(f"e{k:04d}", **fields)  # type: ignore[arg-type]
        out.append(event)
    return out


def _cell(e: Event) -> tuple[int, int] | None:
    if e.latitude is None or e.longitude is None:
        return None
    return math.floor(e.latitude / 0.25), math.floor(e.longitude / 0.25)


def _by_place(e: Event) -> bool:
    return e.geo_precision == 3 or _cell(e) is None


def _looks_at(a: Event, b: Event) -> bool:
    """The blocking rule, read one way: does ``a`` look where ``b`` is filed?"""
    (a0, a1), (b0, b1) = date_window(a), date_window(b)
    if a1 < b0 or b1 < a0 or (a.country.casefold(), a.event_type) != (b.country.casefold(), b.event_type):
        return False
    ca, cb = _cell(a), _cell(b)
    if not _by_place(a) and ca is not None and cb is not None and abs(ca[0] - cb[0]) <= 1 \
            and abs(ca[1] - cb[1]) <= 1:
        return True
    return _by_place(a) and bool(a.admin1) and bool(b.admin1) and a.admin1.casefold() == b.admin1.casefold()


def test_blocking_finds_exactly_the_pairs_the_blocking_rule_names() -> None:
    events = _varied(300, seed=1)
    first, second = candidate_pairs(columns(events), np.ones(len(events), np.bool_))
    found = set(zip(first.tolist(), second.tolist(), strict=True))
    expected = {(i, j) for i, j in combinations(range(len(events)), 2)
                if _looks_at(events[i], events[j]) or _looks_at(events[j], events[i])}
    assert found == expected and expected


def test_blocking_leaves_out_events_marked_unusable() -> None:
    events = _varied(120, seed=2)
    usable = np.array([k % 3 != 0 for k in range(len(events))], np.bool_)
    first, second = candidate_pairs(columns(events), usable)
    assert len(first) and usable[first].all() and usable[second].all()


def test_judging_gives_compare_s_verdict_and_score_for_every_pair_it_is_sure_of() -> None:
    events = _varied(300, seed=3)
    first, second = candidate_pairs(columns(events), np.ones(len(events), np.bool_))
    compatible, score, unsure = judge(columns(events), first, second)
    checked = 0
    for i, j, ok, s, doubt in zip(first.tolist(), second.tolist(), compatible.tolist(), score.tolist(),
                                  unsure.tolist(), strict=True):
        if doubt:
            continue
        truth = compare(events[i], events[j])
        assert ok == truth.compatible, (events[i], events[j], truth.reason)
        if ok:
            assert round(s, 3) == truth.score, (events[i], events[j], truth.reason)
        checked += ok
    assert checked > 50


def test_judging_leaves_shared_documents_and_protesters_and_nearby_towns_to_compare() -> None:
    events = [ev("a", doc="d1"), ev("b", doc="d1"),
              ev("c", actor2=PROTESTERS, inter2=6, assoc_actor_2="Students (Mali)"),
              ev("d", actor2=PROTESTERS, inter2=6, assoc_actor_2="Teachers (Mali)"),
              ev("e", place=NIONO), ev("f", place=MOLODO)]
    cols = columns(events)
    pairs = [(0, 1), (2, 3), (4, 5)]
    first = np.array([p[0] for p in pairs], np.int64)
    second = np.array([p[1] for p in pairs], np.int64)
    _, _, unsure = judge(cols, first, second)
    assert unsure.tolist() == [True, True, True]
