"""data/merge_subtype_groups.csv: every row is a real ACLED sub-event type, each listed once."""

from __future__ import annotations

import pytest

from conflictwatch.merge._compare import subtype_groups
from conflictwatch.records import EVENT_TYPES

ALL = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]


@pytest.mark.parametrize(("event_type", "sub_event_type"), sorted(subtype_groups()))
def test_every_row_names_an_acled_sub_event_type(event_type: str, sub_event_type: str) -> None:
    assert sub_event_type in EVENT_TYPES[event_type]


@pytest.mark.parametrize(("event_type", "sub_event_type"), ALL)
def test_every_acled_sub_event_type_has_a_group(event_type: str, sub_event_type: str) -> None:
    assert subtype_groups()[(event_type, sub_event_type)]


def test_groups_never_span_two_event_types() -> None:
    owner: dict[str, str] = {}
    for (event_type, _), group in subtype_groups().items():
        assert owner.setdefault(group, event_type) == event_type
