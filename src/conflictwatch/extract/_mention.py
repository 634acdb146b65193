"""The record of one event as one sentence of a report tells it (see :mod:`.events`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from conflictwatch.extract._when import EventDate
from conflictwatch.extract._who import ActorRoles
from conflictwatch.extract.places import EventPlace
from conflictwatch.extract.scoring import Decision
from conflictwatch.extract.structure import Sentence
from conflictwatch.extract.triggers import TriggerMatch

__all__ = ["EventMention", "Toll", "toll_rank"]


@dataclass(frozen=True, slots=True)
class Toll:
    """An event's deaths as its sentences report them (see ACLED's conventions in numbers.py)."""

    fatalities: int = 0
    unknown: bool = False  # deaths reported without a number
    said: bool = False  # a sentence reports the toll (else 0 means "not said")
    vague: bool = False  # the figure is a vague quantity ("une dizaine"), not a count
    sentences: tuple[Sentence, ...] = ()
    partisan: bool = False  # the figure is a claimant's own ("the group claimed the attack, which killed 30")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one sentence tells it, with every decision taken on it."""

    sent: Sentence
    trigger: Decision[TriggerMatch]
    kind: Decision[tuple[str, str]]
    when: Decision[EventDate]
    day: date
    where: Decision[list[EventPlace]]
    place: EventPlace
    country: str  # the country whose actor names the event takes (its place's, else the report's)
    share: int = 1  # the number of places and days a toll is split over
    share_index: int = 0
    support: tuple[Sentence, ...] = ()
    roles: ActorRoles = field(default_factory=ActorRoles)
    toll: Toll = field(default_factory=Toll)
    #: a summary of several events ("simultaneous attacks by suspected jihadists killed twelve on
    #: Thursday") lent to each of them: it gives their day, attacker and claim, never their type,
    #: place, target or toll
    summary: bool = False

    @property
    def event_type(self) -> str:
        return self.kind.value[0]

    @property
    def sub_event_type(self) -> str:
        return self.kind.value[1]


def toll_rank(m: EventMention) -> tuple[bool, bool, bool, int, bool]:
    """Which of several mentions of one event gives its toll (the least wins): a death figure
    over none, an independent figure over a claimant's (a claim is a partisan source, as
    CODING_RULES says), a count over a vague quantity ("fourteen" over "about ten"), then the
    lowest figure (concurrent figures: the lowest stands; a revision is already read into the
    mention's own toll), then deaths said without a number over a said zero."""
    return (m.toll.fatalities == 0, m.toll.partisan, m.toll.vague, m.toll.fatalities, not m.toll.unknown)
