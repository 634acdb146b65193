"""What the event builder reads about one document: its annotations and per-sentence facts.

:class:`DocView` holds the annotations the pipeline components set (sentences with their roles,
triggers, cues, actor and place mentions); :class:`DocFacts` answers the questions every later
step asks about a sentence (its dates, its toll, its cues), each computed once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any, Protocol

from conflictwatch.extract.actors import ActorMention, ActorRegistry
from conflictwatch.extract.cues import CueMatch
from conflictwatch.extract.dates import DateMention, find_dates
from conflictwatch.extract.numbers import FatalityCount, parse_fatalities
from conflictwatch.extract.places import PlaceMention
from conflictwatch.extract.scoring import Weights
from conflictwatch.extract.structure import Sentence, Structure
from conflictwatch.extract.triggers import TriggerMatch
from conflictwatch.geo import AdminArea, Gazetteer
from conflictwatch.records import Document

__all__ = ["DocFacts", "DocView", "Geo", "in_sentence"]

_BILAN = re.compile(r"^\W*(?:bilan|toll|casualties|death toll)\b", re.IGNORECASE)


class Geo(Protocol):
    """The cached gazetteer helpers the builder uses (see :class:`.pipeline.Resources`)."""

    def area_point(self, area: AdminArea) -> tuple[str, float, float] | None: ...

    def admin_area(self, name: str) -> AdminArea | None: ...


@dataclass(slots=True)
class DocView:
    """Everything the builder reads about one document (set by the pipeline components)."""

    document: Document
    lang: str
    text: str
    folded: str
    sentences: Sequence[Sentence]
    triggers: Sequence[TriggerMatch]
    cues: Sequence[CueMatch]
    actors: Sequence[ActorMention]
    places: Sequence[PlaceMention]
    published: date | None
    extractor: str = ""
    structure: Structure | None = None

    def __post_init__(self) -> None:
        # the builder looks items up by sentence with a binary search on their start
        for name in ("triggers", "cues", "actors", "places"):
            items = getattr(self, name)
            if any(a.start > b.start for a, b in pairwise(items)):
                setattr(self, name, sorted(items, key=_start))


def in_sentence(items: Sequence[Any], s: Sentence) -> list[Any]:
    """The items (sorted by ``start``) that start inside sentence ``s``."""
    lo = bisect_left(items, s.start, key=_start)
    hi = bisect_left(items, s.end, lo=lo, key=_start)
    return list(items[lo:hi])


def _start(item: Any) -> int:
    return int(item.start)


@dataclass(slots=True)
class DocFacts:
    """Per-sentence facts of one document, computed on first use.

    ``gazetteer``, ``registry``, ``geo`` and ``weights`` are the reference data the steps consult.
    """

    v: DocView
    gazetteer: Gazetteer
    registry: ActorRegistry
    geo: Geo
    weights: Weights
    _dates: dict[int, list[DateMention]] = field(default_factory=dict)
    _fatal: dict[int, FatalityCount | None] = field(default_factory=dict)
    _cues: dict[tuple[int, tuple[str, ...]], list[CueMatch]] = field(default_factory=dict)

    def text(self, s: Sentence) -> str:
        return self.v.text[s.start:s.end]

    def dates(self, s: Sentence) -> list[DateMention]:
        """The dates that can date the sentence's events: none after publication ("claimed on
        October 26" in a report of the 24th is no event date, nor 26 October a year back)."""
        if s.index not in self._dates:
            found = find_dates(self.text(s), published=self.v.published, lang=self.v.lang)
            self._dates[s.index] = [d for d in found if not d.future]
        return self._dates[s.index]

    def fatalities(self, s: Sentence) -> FatalityCount | None:
        if s.index not in self._fatal:
            self._fatal[s.index] = parse_fatalities(self.text(s), lang=self.v.lang)
        return self._fatal[s.index]

    def cues(self, s: Sentence, *kinds: str) -> list[CueMatch]:
        # asked for each trigger of the sentence: computed once per sentence and kinds, so a
        # sentence of n triggers and n cues costs n, not n^2 (a copy, as callers may extend it)
        key = (s.index, kinds)
        found = self._cues.get(key)
        if found is None:
            found = self._cues[key] = [c for c in in_sentence(self.v.cues, s) if c.kind in kinds]
        return list(found)

    def actors(self, s: Sentence) -> list[ActorMention]:
        return in_sentence(self.v.actors, s)

    def places(self, s: Sentence) -> list[PlaceMention]:
        return in_sentence(self.v.places, s)

    def triggers(self, s: Sentence) -> list[TriggerMatch]:
        return in_sentence(self.v.triggers, s)

    def is_background(self, s: Sentence) -> bool:
        """Whether the sentence speaks of habits or summaries ("since 2021", "often")."""
        return bool(self.cues(s, "generic"))

    def dated_day(self, s: Sentence) -> bool:
        """Whether a background-sounding sentence names the exact day of its event ("On 25 November")."""
        return any(d.precision == 1 for d in self.dates(s)) if self.cues(s, "generic") else False

    def next_sentence(self, s: Sentence) -> Sentence | None:
        sents = self.v.sentences
        return sents[s.index + 1] if s.index + 1 < len(sents) else None

    def is_casualty_line(self, s: Sentence) -> bool:
        """Whether ``s`` is a casualty line ("Bilan : 2 morts")."""
        return _BILAN.match(self.text(s)) is not None

    def casualty_line(self, s: Sentence) -> Sentence | None:
        """The casualty line right after ``s``, if any."""
        after = self.next_sentence(s)
        return after if after is not None and self.is_casualty_line(after) else None
