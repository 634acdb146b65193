"""From the annotations of one report to its events, coded in ACLED's conventions.

An event is (date, place, actor pair, type). For each sentence with a trigger the builder:

1. drops background: generic or habitual language ("since 2021", "often", "have intensified"),
   modality before the trigger ("could", "pledged", "plan"), a negated trigger, non-conflict causes,
   and weak triggers without any other conflict cue;
2. types the event from the trigger and its context (the target or victims, the attacker, police
   intervention in a protest; an attack that only takes or destroys property, nobody hurt, is
   looting);
3. finds where it happened: the first group of cued place names (one event per place in a list,
   the list going on after "as well as in"; "between A and B" and "the A-B road" one event near the
   first end the gazetteer knows), else bare gazetteer names, else the admin area the
   sentence names, else the town the victims came from ("in the area of X" is near X, precision 2; "the X area of Y" near X when X lies near Y, Y
   when Y is a capital city);
   a name the gazetteer lacks falls back on the area or town named beside it ("X, Boni",
   "X (Boni)": near Boni, precision 2), else is kept as written without coordinates (precision 3,
   admin1 from the report's areas, its nearest located place, the shared area of close spellings
   or the actors' home region); a trigger sentence without a place supports the event just before it;
   a report that locates no event at all is coded to the one country it is about (its places,
   named countries, state forces and the home countries of its groups); a coder's note in an event
   note ("(coded as X at geoprecision 2)") says the place and precision outright;
4. dates it from the sentence, else "two days later" / "the next day" from the event before,
   else the sentences before it in the paragraph, else those after it, else the publication date
   (never a date after publication); a short range of days ("on 11-12 March") is one event a day;
5. codes the actors: the attacker before the trigger (or after "by"), the target after it,
   civilians for violence against civilians, protesters for protests; a claim codes the event
   of its sentence, else the event just before it (all those before for "the attacks"), never
   attackers the report calls unknown;
6. reads the toll from the sentence and its casualty lines ("Bilan : ..."), split over places.

Events with the same (date, place, type) in one report are merged, keeping every evidence.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Protocol

from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.errors import GeocodeError
from conflictwatch.extract.actors import ARMED_KINDS, ActorMention, ActorRegistry
from conflictwatch.extract.cues import CueMatch
from conflictwatch.extract.dates import DateMention, find_dates
from conflictwatch.extract.numbers import FatalityCount, parse_fatalities
from conflictwatch.extract.places import (
    EventPlace,
    PlaceMention,
    across_border,
    actor_regions,
    introduces_place,
    named_countries,
    place_countries,
    place_inside,
)
from conflictwatch.extract.triggers import TriggerMatch
from conflictwatch.geo import (
    AdminArea,
    Gazetteer,
    country_code,
    country_iso_numeric,
    country_region,
    distance_km,
    fold,
)
from conflictwatch.records import (
    Document,
    Event,
    EventSource,
    Evidence,
    disorder_type_for,
    event_id,
    interaction_code,
)

__all__ = ["DocView", "Sentence", "build_events", "classify_sentence"]

#: how far a place may lie from the place its sentence says it is near, in km
ANCHOR_KM = 60.0
#: a range of days this close after its trigger ("fighting raged on 1-2 July") is the event's own
RANGE_GAP_CHARS = 20
_PART_OF = re.compile(r"\b(?:of|part|during|amid|amidst|de|du|des|lors)\b")
_BETWEEN_DAYS = re.compile(r"\b(?:between|from|entre|du)\b", re.IGNORECASE)
_DAY_PAIR = re.compile(r"\d\s*(?:er|st|nd|rd|th)?\s+(?:and|et|&)\s+\d", re.IGNORECASE)
#: a stated range of days shorter than this is one event a day; a longer one is coded to its first day
MAX_EVENT_DAYS = 8
#: a first line this short with no closing stop, alone in its paragraph, is a headline (words)
HEADLINE_WORDS = 16
#: a list of this many places an event happened at is as many events, whatever a coder's note says
LIST_OF_EVENTS = 3
#: how many sentences back a placeless event looks for the sentence that set its scene
BORROW_SENTENCES = 2
#: a sentence this short without a place ("une banque;") does not end the scene set before it
SHORT_SENTENCE_WORDS = 6
#: a name listed right after a place this close to it names the same place ("Kaka, Sofara"), in km
SAME_PLACE_KM = 10.0
#: the least similarity of the spellings whose shared admin area an unlocated village takes
NAMESAKE_SPELLING = 0.85
_NON_STATE = frozenset({"rebel", "militia", "identity", "unidentified"})
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_PASSIVE_BEFORE = re.compile(r"(?:\b(?:was|were|been|being|be|came under|come under|is|are|est|sont|ete|a ete|"
                             r"ont ete|fut|furent)\s+(?:\w+\s+)?)$")
_AGENT_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:by|par)\b")
_REGAIN = re.compile(r"re(?:took|captured|gained|taken|prise|pris|prend|conqu)")
_OBJECT_BEFORE = re.compile(r"\b(?:against|on|targeting|contre|visant|ciblant)\s+(?:the\s+|les?\s+|la\s+|l')?$")
_CLAUSE_BREAK = re.compile(r"[,;:]\s+(?:\w+ing|which|who|while|whereas|amid|as|after|before|according|"
                           r"although|though|but|tandis|alors|selon|apres|avant|qui|dont|mais)\b|[;:(]|"
                           r"\s(?:who|which|whose)\s")
_DIRECT_FIRE = re.compile(r"ambush|clash|exchang|fight|gun ?battle|shoot-?out|gunfire|accroch|affront|embuscade|echange|combat")
#: a coder's note in an event note saying where the event is coded ("coded as X at geoprecision 2",
#: "coded at approximate location as X", "respectively coded as A and B"); French "codé à X"
_CODED_AS = re.compile(r"\b(?P<respectively>respectively\s+)?(?:coded|code|codee)\s+"
                       r"(?:(?:at|to)\s+(?:an?\s+|the\s+)?approximate\s+location\s+)?(?:as|at|to|a|comme)\s+"
                       r"(?:(?:an?\s+|the\s+)?approximate\s+location,?\s+(?:at\s+|of\s+)?)?")
_STATED_PRECISION = re.compile(r"\b(?:geo-?\s*precision|geoprecision|geprecision|precision|prec\.?)\s*(?:of\s+)?([123])\b")
_NEAR_NOTE = re.compile(r"\bapproximate\b|\b\d+\s*km\b")
#: sub-event types of a second trigger that mean people were hurt, not only property
_HARM_SUBTYPES = frozenset({"Abduction/forced disappearance", "Sexual violence", "Armed clash", "Attack",
                            "Remote explosive/landmine/IED", "Air/drone strike", "Suicide bomb", "Grenade",
                            "Shelling/artillery/missile attack"})
_CONTINUED = re.compile(r"continu|poursuiv|resum")
#: "in the area of X", "dans la zone de X": somewhere around X (ACLED precision 2)
_AREA_OF = re.compile(r"\b(?:area|vicinity|outskirts|zone|secteur|environs)s? (?:of|de|d'|du)$")
_CITY_CODES = frozenset({"PPLC", "PPLA"})
_AREA_OF_GAP = re.compile(r"\s+(?:area|zone|sector|secteur)\s+(?:of|de|d')\s*")
_COORDINATION = re.compile(r"\b(?:and|et|or|ou)\b|&")
_PLANTER_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:militants?\s+|fighters?\s+|jihadists?\s+)?(?:detonated|planted|"
                            r"laid|placed|set off|triggered|fired|launched|posed|poserait|ont pose|a pose|"
                            r"(?:claimed|said|says) (?:to have |it |they )?(?:detonated|planted|laid|placed|fired))")
_BY_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|les?\s+|la\s+|l')?(?:presumed\s+|suspected\s+|presumes?\s+)?$")
#: "planted by X", "attributed to X" in a sentence after the explosion
_PLANTED_BY = re.compile(r"(?:planted|laid|placed|set|detonated|attributed|pose|posee|posees|attribue|attribuee)"
                         r"\s+(?:\w+\s+){0,2}?(?:by|to|par|a)\s+(?:the\s+|les?\s+|la\s+|l')?"
                         r"(?:presumed\s+|suspected\s+|presumes?\s+)?$")
_BILAN = re.compile(r"^\W*(?:bilan|toll|casualties|death toll)\b", re.IGNORECASE)
_AREA_WORD = {1: "region", 2: "cercle"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a few": 2,
                 "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six ": 6, "sept": 7}
#: "two days later", "the next day", "le lendemain", "the same day": a date relative to the event before
_RELATIVE_DAY = re.compile(
    r"\b(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|un|une|deux|trois|quatre|cinq|six|sept) (?:days?|jours?) "
    r"(?:later|after(?:wards)?|plus tard|apres)|(?P<next>the (?:next|following) (?:day|morning|night)|the day after|"
    r"le lendemain|le jour suivant)|(?P<same>the same (?:day|morning|night|evening)|that same day|"
    r"le (?:meme|même) jour|la (?:meme|même) (?:nuit|matinee|soiree)|later that day|plus tard dans la journee)|"
    r"(?P<prev>the (?:day|night) before|the previous (?:day|night)|la veille))\b")
#: a reporting or claiming verb just before a date: that date is the statement's ("said on Sunday")
_SAID_ON = re.compile(r"\b(?:said|says|claimed|claims|announced|reported|declared|stated|confirmed|told|added|"
                      r"responsibility|dit|declare|annonce|revendique|affirme|indique)\b(?:\W+\w+){0,3}\W*$",
                      re.IGNORECASE)
#: a claim denied or still missing: "no group (has) claimed", "not yet claimed", "aucun groupe n'a revendiqué"
_NEGATED_CLAIM = re.compile(r"\b(?:no|not|nobody|none|never|yet to|aucune?|personne|pas|non)\b(?:\W+\w+){0,4}\W*$")
_PLURAL_CLAIM = re.compile(r"\b(?:attacks|assaults|ambushes|operations|several|both|these|those|attaques|assauts|"
                           r"embuscades|operations|plusieurs|ces)\b")
_EXPLICIT_UNKNOWN = re.compile(r"unknown|unidentified|non[- ]identifi|inconnu")
_DESCRIPTOR_BEFORE = re.compile(r"(?:aligned|affiliated|linked|allied|close|loyal|tied|associated|affilie|lie|proche|"
                                r"allie)(?:e|s|es)?\s+(?:with|to|a|au|aux|de|du)\s+(?:the\s+|l'|la\s+|le\s+)?$")
_CONTINUATION = re.compile(r"(?:as well as|and also|and|along with|plus|ainsi qu'|ainsi que|et|mais aussi|but also)\s+"
                           r"(?:also\s+|aussi\s+)?(?:in|at|a|au|aux|dans)\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document: character span and paragraph number."""

    index: int
    start: int
    end: int
    paragraph: int


class _Geo(Protocol):
    def area_point(self, area: AdminArea) -> tuple[str, float, float] | None: ...

    def admin_area(self, name: str) -> AdminArea | None: ...


@dataclass(slots=True)
class DocView:
    """Everything the builder reads about one document (set by the pipeline components)."""

    document: Document
    lang: str
    text: str
    folded: str
    sentences: list[Sentence]
    triggers: list[TriggerMatch]
    cues: list[CueMatch]
    actors: list[ActorMention]
    places: list[PlaceMention]
    published: date | None
    extractor: str = ""

    def __post_init__(self) -> None:
        # the builder looks items up by sentence with a binary search on their start
        for name in ("triggers", "cues", "actors", "places"):
            items = getattr(self, name)
            if any(a.start > b.start for a, b in pairwise(items)):
                setattr(self, name, sorted(items, key=_start))


@dataclass(slots=True)
class _Candidate:
    sent: Sentence
    trigger: TriggerMatch
    event_type: str
    sub_event_type: str
    date: date
    time_precision: int
    date_sentence: Sentence | None
    place: EventPlace
    place_sentence: Sentence
    actor1: str = ""
    assoc1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc2: str = ""
    inter2: int = 0
    claimed_by: str = ""
    actor_sentence: Sentence | None = None
    claim_sentence: Sentence | None = None
    unidentified1: bool = True
    unknown1: bool = False  # the report says the attackers are unknown ("unidentified gunmen")
    fatalities: int = 0
    fatalities_unknown: bool = False
    fatalities_said: bool = False
    fatality_sentences: list[Sentence] = field(default_factory=list)
    support: list[Sentence] = field(default_factory=list)
    share: int = 1  # the number of places a toll is split over
    share_index: int = 0


# --------------------------------------------------------------------------- helpers


def _in(items: Sequence[object], s: Sentence) -> list:  # type: ignore[type-arg]
    """The items (sorted by ``start``) that start inside sentence ``s``."""
    lo = bisect_left(items, s.start, key=_start)
    hi = bisect_left(items, s.end, lo=lo, key=_start)
    return list(items[lo:hi])


def _start(item: object) -> int:
    return item.start  # type: ignore[attr-defined,no-any-return]


class _Builder:
    def __init__(self, view: DocView, gazetteer: Gazetteer, registry: ActorRegistry, geo: _Geo) -> None:
        self.v = view
        self.gaz = gazetteer
        self.reg = registry
        self.geo = geo
        self._dates: dict[int, list[DateMention]] = {}
        self._fatal: dict[int, FatalityCount | None] = {}
        self._background: dict[int, bool] = {}
        self._country: str | None = None
        self.country_default = "Mali"

    # ---- per-sentence facts (lazy) ----------------------------------------------------

    def sent_text(self, s: Sentence) -> str:
        return self.v.text[s.start:s.end]

    def dates(self, s: Sentence) -> list[DateMention]:
        """The dates that can date the sentence's events: none after publication ("claimed on
        October 26" in a report of the 24th is no event date, nor 26 October a year back)."""
        if s.index not in self._dates:
            found = find_dates(self.sent_text(s), published=self.v.published, lang=self.v.lang)
            self._dates[s.index] = [d for d in found if not d.future]
        return self._dates[s.index]

    def fatalities(self, s: Sentence) -> FatalityCount | None:
        if s.index not in self._fatal:
            self._fatal[s.index] = parse_fatalities(self.sent_text(s), lang=self.v.lang)
        return self._fatal[s.index]

    def dated_day(self, s: Sentence) -> bool:
        """Whether the sentence names the exact day of its event ("On 25 November")."""
        return any(d.precision == 1 for d in self.dates(s)) if self.cues(s, "generic") else False

    def cues(self, s: Sentence, *kinds: str) -> list[CueMatch]:
        return [c for c in _in(self.v.cues, s) if c.kind in kinds]

    def is_headline(self, s: Sentence) -> bool:
        """Whether ``s`` is the report's headline: a short first paragraph of one sentence with no
        closing stop, with more paragraphs after it ("Jihadists claim raids in Gao region")."""
        sents = self.v.sentences
        if s.index != 0 or s.paragraph != sents[0].paragraph or len(sents) < 2 or sents[1].paragraph == s.paragraph:
            return False
        text = self.sent_text(s).strip()
        return bool(text) and text[-1] not in ".!?:;»\"”)" and len(text.split()) <= HEADLINE_WORDS

    def is_background(self, s: Sentence) -> bool:
        if s.index not in self._background:
            self._background[s.index] = bool(self.cues(s, "generic"))
        return self._background[s.index]

    # ---- 1. is it an event? -------------------------------------------------------------

    def event_trigger(self, s: Sentence) -> TriggerMatch | None:
        folded = self.v.folded
        generic = self.cues(s, "generic")
        if generic and self.dated_day(s):
            # "On 27 April, residents continued to barricade the road": what goes on that day happens
            generic = [c for c in generic if not _CONTINUED.match(folded, c.start, c.end)]
        modal = self.cues(s, "modal")
        negation = self.cues(s, "negation")
        non_conflict = self.cues(s, "non_conflict")
        conflict = self.cues(s, "armed", "civilian", "casualty", "weapon")
        bilan = self.casualty_line(s)
        if bilan is not None:
            conflict += self.cues(bilan, "casualty")  # "... Bilan : 2 morts"
        actors = _in(self.v.actors, s)
        best: TriggerMatch | None = None
        for t in _in(self.v.triggers, s):
            if any(c.end <= t.start for c in modal):
                continue
            if any(c.end <= t.start for c in generic) or (any(
                    t.end <= c.start < _clause_end(folded, t.end, s.end) for c in generic) and not self.dated_day(s)):
                continue  # a habit after the trigger ("stabbed him repeatedly") is no habit on a dated day
            if any(t.start - 30 <= c.start and c.end <= t.start and "," not in folded[c.end:t.start]
                   for c in negation):
                continue
            flags = t.rule.context.split()
            if "quiet" in flags and non_conflict:
                continue  # "the gas cylinder detonation ... an accident"
            if "cue" in flags or "harm" in flags:
                if non_conflict and not ("harm" not in flags and all(c.start >= t.end for c in non_conflict) and any(
                        c.kind == "armed" and c.end <= t.start for c in conflict)):
                    # "killed in an accident", "the football match"; but "gunmen abducted a football
                    # team" is an abduction: armed men act, the innocent word only names the victims
                    continue
                own = [c for c in conflict if (c.end <= t.start or c.start >= t.end) and
                       ("harm" not in flags or c.kind != "civilian")]
                if not own and not actors:
                    continue
            if best is None or t.priority > best.priority:
                best = t
        return best

    # ---- 2. type ------------------------------------------------------------------------

    def classify(self, s: Sentence, t: TriggerMatch, actors1: list[ActorMention]) -> tuple[str, str]:
        et, st = t.event_type, t.sub_event_type
        if self.crowd_violence(s, t):
            # "youths burned a bar": a mob; "residents ransacked the prefecture in protest": a riot
            motive = self.cues(s, "motive") or [c for c in self.cues(s, "state") if c.start >= t.end]
            return "Riots", "Violent demonstration" if motive else "Mob violence"
        flags = t.rule.context.split()
        others = [o for o in _in(self.v.triggers, s) if o is not t]
        toll = self.fatalities(s)
        killed = bool(toll and toll.killed)
        if "target" in flags:
            target = self.target_kind(s, t)
            if target == "armed" or (target == "civilian" and self.cues(s, "resistance")):
                et, st = "Battles", "Armed clash"  # an armed target, or villagers' defence fought back
            elif target == "civilian":
                st = st if et == "Violence against civilians" else "Attack"
                et = "Violence against civilians"
        if "actor" in flags and (_REGAIN.search(self.v.folded[t.start:t.end])
                                 or any(m.actor.kind == "state" for m in actors1)):
            return "Battles", "Government regains territory"
        if "protest" in flags:
            if any(o.event_type == "Riots" or o.sub_event_type == "Looting/property destruction"
                   or _DIRECT_FIRE.search(self.v.folded, o.start, o.end) for o in others):
                return "Riots", "Violent demonstration"
            if self.cues(s, "lethal") and killed:
                return "Protests", "Excessive force against protesters"
            if self.cues(s, "intervention") or self.intervention_after(s) is not None:
                return "Protests", "Protest with intervention"
        if et == "Explosions/Remote violence" and st != "Suicide bomb" and (any(
                _DIRECT_FIRE.search(self.v.folded, o.start, o.end) for o in others) or (
                st == "Shelling/artillery/missile attack" and self.cues(s, "resistance"))):
            return "Battles", "Armed clash"
        if st in ("Abduction/forced disappearance", "Arrests") and killed:
            return "Violence against civilians", "Attack"
        if (et, st) == ("Violence against civilians", "Attack") and not self.hurts(s, others) and any(
                o.sub_event_type == "Looting/property destruction" for o in others):
            # "gunmen attacked the village and stole the cattle, no casualties": property taken or
            # destroyed with nobody hurt is looting (ACLED: no other physical violence)
            return "Strategic developments", "Looting/property destruction"
        return et, st

    def next_sentence(self, s: Sentence) -> Sentence | None:
        return self.v.sentences[s.index + 1] if s.index + 1 < len(self.v.sentences) else None

    def casualty_line(self, s: Sentence) -> Sentence | None:
        """The casualty line right after ``s`` ("Bilan : 2 morts"), if any."""
        after = self.next_sentence(s)
        return after if after is not None and _BILAN.match(self.sent_text(after)) else None

    def intervention_after(self, s: Sentence) -> Sentence | None:
        """The next sentence of the paragraph when it tells only of forces stepping in ("Residents
        protested on Saturday. Police fired tear gas to disperse them.")."""
        after = self.next_sentence(s)
        if after is None or after.paragraph != s.paragraph or self.event_trigger(after) is not None:
            return None
        return after if self.cues(after, "intervention") else None

    def hurts(self, s: Sentence, others: list[TriggerMatch]) -> bool:
        """Whether the sentence (or the casualty line after it) reports anyone killed, wounded,
        abducted or assaulted."""
        bilan = self.casualty_line(s)
        tolls = [self.fatalities(s), self.fatalities(bilan) if bilan is not None else None]
        if any(t is not None and (t.killed or t.unknown or t.injured) for t in tolls):
            return True
        return any(o.sub_event_type in _HARM_SUBTYPES for o in others)

    def crowd_violence(self, s: Sentence, t: TriggerMatch) -> bool:
        """Violence whose subject is a crowd (youths, residents, traders) and no armed group."""
        if t.event_type not in ("Violence against civilians", "Battles") and \
                t.sub_event_type != "Looting/property destruction":
            return False
        if any(m.actor.kind in ARMED_KINDS and m.actor.kind != "state" for m in _in(self.v.actors, s)):
            return False
        if _PASSIVE_BEFORE.search(self.v.folded, max(s.start, t.start - 40), t.start):
            return False
        crowd = [c for c in self.cues(s, "crowd") if c.end <= t.start]
        return bool(crowd) and "," not in self.v.folded[crowd[0].end:t.start] and not [
            c for c in self.cues(s, "state") if c.end <= t.start]

    def target_kind(self, s: Sentence, t: TriggerMatch) -> str:
        """"armed" or "civilian": what the trigger's target (or the victims) are, "" when unclear."""
        passive = _PASSIVE_BEFORE.search(self.v.folded, max(s.start, t.start - 40), t.start) is not None
        after = [c for c in self.cues(s, "armed", "civilian") if c.start >= t.end]
        before = [c for c in self.cues(s, "armed", "civilian") if c.end <= t.start]
        armed_after = [m for m in _in(self.v.actors, s) if m.start >= t.end and m.actor.kind in ARMED_KINDS]
        civil_after = [m for m in _in(self.v.actors, s) if m.start >= t.end and m.actor.kind in
                       ("civilians", "victim-group")]
        first: list[tuple[int, str]] = [(c.start, c.kind) for c in after]
        first += [(m.start, "armed") for m in armed_after] + [(m.start, "civilian") for m in civil_after]
        if passive and before:
            return before[-1].kind
        if first:
            return min(first)[1]
        if before and not any(m.end <= t.start and m.actor.kind in ARMED_KINDS for m in _in(self.v.actors, s)):
            return before[-1].kind
        return ""

    # ---- 3. place -----------------------------------------------------------------------

    def event_places(self, s: Sentence) -> list[EventPlace]:
        mentions = _in(self.v.places, s)
        read = self.read_places(s, mentions)
        stated = self.stated_places(s, mentions)
        if not stated or len(read) >= LIST_OF_EVENTS > len(stated):
            # a coder's note codes one event; a list of three villages attacked stays three events
            return read
        # the note's name read as the same name in the sentence's list is that place ("the village
        # of Sabere ... (coded as Sabere)"): the list gave it its context
        by_name = {fold(p.mention.name): p for p in read if p.latitude is not None}
        return [replace(by_name[fold(p.mention.name)], geo_precision=p.geo_precision, notes=p.notes)
                if fold(p.mention.name) in by_name and p.geonameid != by_name[fold(p.mention.name)].geonameid
                else p for p in stated]

    def read_places(self, s: Sentence, mentions: list[PlaceMention]) -> list[EventPlace]:
        cued = [m for m in mentions if m.role in ("in", "of", "near", "between", "distance")]
        out: list[EventPlace] = []
        # "the mayor of X was killed in Y": a bare "of" names where someone comes from, after the rest
        groups = sorted(dict.fromkeys(m.group for m in cued),
                        key=lambda g: next(m.role for m in cued if m.group == g) == "of")
        for k, group in enumerate(groups):
            members = self.list_members([m for m in cued if m.group == group])
            if members and members[0].role == "between":
                # "between A and B": one event, near the first end the gazetteer knows; but "between
                # A and B ... near X" with X by the road is the more precise place
                ends = [m.place for m in members if m.place is not None]
                closer = [m for m in cued if m.group in groups[k + 1:] and m.role in ("near", "in", "distance")
                          and m.place is not None and any(distance_km(
                              m.place.latitude, m.place.longitude, e.latitude, e.longitude) <= ANCHOR_KM for e in ends)]
                if closer:
                    out = [p for p in (self.code_place(closer[0], mentions, later_area=False),) if p is not None]
                    if out:
                        break
                members = [m for m in members if m.place is not None][:1] or members[:1]
            out = [p for p in (self.code_place(m, mentions, later_area=False) for m in members
                               if not self.far_from_anchor(m, mentions)) if p is not None]
            if out:
                # "in Kayes and Diboli, in western Mali, as well as in Niono": the list goes on
                for later in groups[k + 1:]:
                    more = [m for m in cued if m.group == later]
                    if more[0].role not in ("in", "of") or not _CONTINUATION.search(
                            self.v.folded, max(s.start, more[0].start - 40), more[0].start):
                        break
                    out += [p for p in (self.code_place(m, mentions) for m in self.list_members(more)) if p is not None]
                break
        if not out and cued:
            # no named place located: the first name coded to an area the sentence names after it
            firsts = self.list_members([m for m in cued if m.group == groups[0]])
            out = [p for p in (self.code_place(m, mentions) for m in firsts[:1]) if p is not None]
        if not out:
            bare = [m for m in mentions if m.role == "bare" and m.place is not None]
            if bare:
                first = bare[0]
                # "(Tessalit, Kidal)": a town and the region it lies in are one place
                members = self.list_members([m for m in bare if m.group == first.group])
                # beside a cued name the gazetteer lacks ("in Zerkatafa (Boni)") the town is only near
                out = [p for p in (self.code_place(m, mentions, near=any(
                    c.place is None and 0 <= m.start - c.end <= 3 for c in cued)) for m in members) if p is not None]
        if not out:
            areas = [m for m in mentions if m.role == "area" and m.area is not None]
            if areas:
                area_place = self.area_place(areas[0], areas[0].area, near=False)  # type: ignore[arg-type]
                out = [area_place] if area_place else []
        if not out and any(m.place is None and introduces_place(m) for m in cued):
            return []  # "the village of X" the gazetteer lacks is still where it happened, not where people came from
        if not out:
            # "marketgoers returning from X": the only place named is where the victims came from
            origin = [m for m in mentions if m.role == "from" and m.place is not None and m.place.feature_class in "PH"
                      and not any(a.start < m.end and m.start < a.end for a in _in(self.v.actors, s))]
            if origin:
                m = origin[0]
                p = m.place
                assert p is not None
                out = [EventPlace(location=p.name, latitude=p.latitude, longitude=p.longitude, geo_precision=2,
                                  country=p.country, country_code=p.country_code, admin1=p.admin1, admin2=p.admin2,
                                  mention=m, geonameid=p.geonameid)]
        return _unique_places(out)

    def stated_places(self, s: Sentence, mentions: list[PlaceMention]) -> list[EventPlace]:
        """Where the report itself says the event is coded: a coder's note such as "(coded as Sangha
        at geoprecision 2)" or "(respectively coded as A and B, precision 2)" in event notes that
        explain their own coding. The place named wins over the others, at the precision stated
        (else the usual one); a name the gazetteer lacks leaves the ordinary reading in force."""
        folded = self.v.folded
        note = _CODED_AS.search(folded, s.start, s.end)
        if note is None:
            return []
        first = next((m for m in mentions if m.start >= note.end() and m.role != "area"), None)
        if first is None or first.start - note.end() > 3:
            return []
        names = [first]
        if note.group("respectively"):
            names += [m for m in mentions if m is not first and m.group == first.group and m.role != "area"]
        close = folded.find(")", note.end(), s.end)
        tail = folded[note.end():close if close >= 0 else min(s.end, note.end() + 120)]
        stated = _STATED_PRECISION.search(tail)
        out = []
        for m in names:
            if m.place is None:
                continue
            near = stated is None and _NEAR_NOTE.search(tail) is not None
            place = self.code_place(m, mentions, later_area=False, near=near)
            if place is None:
                continue
            if stated is not None:
                place = replace(place, geo_precision=int(stated.group(1)))
            out.append(replace(place, notes=place.notes + (f"{m.name}: coded as the report's own note says",)))
        return _unique_places(out) if len(out) == len(names) else []

    def far_from_anchor(self, m: PlaceMention, mentions: list[PlaceMention]) -> bool:
        """A name read as a gazetteer place far from the place the sentence says it is near
        ("Tinhama, near Ansongo" is not a Tinema 500 km away): the anchor is coded instead."""
        if m.place is None or m.role not in ("in", "of"):
            return False
        limit = ANCHOR_KM if m.place.score < 1.0 else 2 * ANCHOR_KM  # an exact namesake may lie a bit farther
        anchors = [a for a in mentions if a is not m and a.role in ("near", "distance") and a.place is not None]
        return any(distance_km(m.place.latitude, m.place.longitude, a.place.latitude, a.place.longitude)
                   > max(limit, _stated_km(a.cue) * 1.5 + ANCHOR_KM / 2) for a in anchors if a.place is not None)

    def list_members(self, members: list[PlaceMention]) -> list[PlaceMention]:
        """The names of a list that are places of their own: "Soumpi, Niafunke" names Soumpi in
        the Niafunke cercle (one place; the Soumpi of that cercle when there is one), "Kaka, Sofara"
        a village by a town (one place: a pair of names close together), "Niono, Molodo and Kayes"
        and "Diolli, Roubere, Tana" three places."""
        out: list[PlaceMention] = []
        if len(members) > 1 and _COORDINATION.search(self.v.folded, members[0].end, members[-1].start):
            return members  # "A, B and C": a coordinated list, every name its own place
        for m in members:
            if out:
                prev = out[-1]
                area = self.geo.admin_area(m.name)
                if area is not None and prev.place is not None and not area.contains(prev.place):
                    prev.place = place_inside(self.gaz, prev.name, area) or prev.place
                if len(members) == 2 and m.place is not None and prev.place is not None and distance_km(
                        m.place.latitude, m.place.longitude, prev.place.latitude, prev.place.longitude) <= SAME_PLACE_KM:
                    continue
                if area is not None and prev.place is not None and area.contains(prev.place):
                    continue
                if area is not None and prev.place is None and prev.hint_area is None:
                    prev.hint_area = area
                    continue
                if len(members) == 2 and area is None and prev.place is None and m.place is not None:
                    m.role = "near"  # "in Zerkatafa, Boni": a village the gazetteer lacks, by the town Boni
            out.append(m)
        return out

    def code_place(self, m: PlaceMention, mentions: list[PlaceMention], *, later_area: bool = True,
                   near: bool = False) -> EventPlace | None:
        near = near or m.role in ("near", "between", "distance") or _AREA_OF.search(m.cue) is not None
        inner = self.inner_place(m, mentions)
        if inner is not None:
            m, near = inner, True
        if m.place is not None:
            p = m.place
            return EventPlace(location=p.name, latitude=p.latitude, longitude=p.longitude,
                              geo_precision=2 if near else 1, country=p.country, country_code=p.country_code,
                              admin1=p.admin1, admin2=p.admin2, mention=m, geonameid=p.geonameid)
        area = m.hint_area
        if area is None and later_area:
            later = [a for a in mentions if a.role == "area" and a.area is not None and a.start > m.end]
            area = later[0].area if later else None
        if area is None:
            return None
        return self.area_place(m, area, near=True)

    def inner_place(self, m: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention | None:
        """"The Diabaly area of Niono": the place named before "area of", when it lies near the
        place after it (a namesake far away is not it); "the Sotuba area of Bamako" is a quarter of
        a capital city, coded to the city."""
        if m.place is None or m.place.feature_code in _CITY_CODES:
            return None
        before = [o for o in mentions if o.end <= m.start and o.place is not None
                  and _AREA_OF_GAP.fullmatch(self.v.folded, o.end, m.start)]
        if not before:
            return None
        o = before[-1]
        assert o.place is not None
        near = distance_km(o.place.latitude, o.place.longitude, m.place.latitude, m.place.longitude) <= ANCHOR_KM
        return o if near else None

    def area_place(self, m: PlaceMention, area: AdminArea, *, near: bool) -> EventPlace | None:
        point = self.geo.area_point(area)
        if m.vague and area.level == 2 and area.capital is not None:
            # "the Menaka area": around the town that names the cercle, not the cercle's middle
            point = (area.capital.name, area.capital.latitude, area.capital.longitude)
        if point is None:
            return None
        name, lat, lon = point
        precision = 3 if area.level == 1 else 2
        if near and area.level == 2:
            precision = 2
        return EventPlace(location=name, latitude=lat, longitude=lon, geo_precision=precision,
                          country=area.country, country_code=area.country_code, admin1=area.admin1,
                          admin2=area.admin2, mention=m,
                          notes=(f"{m.name}: coded to {area.name} {_AREA_WORD[area.level]}",))

    # ---- 4. date ------------------------------------------------------------------------

    def own_date(self, s: Sentence, t: TriggerMatch) -> DateMention:
        """The sentence's date expression that dates trigger ``t`` (the last one before it)."""
        own = self.dates(s)
        rel = t.start - s.start
        before = [d for d in own if d.start <= rel]
        after = [d for d in own if d.start > rel]
        text = self.sent_text(s)
        if before and after and _SAID_ON.search(text, max(0, before[-1].start - 45), before[-1].start):
            # "IS Sahel claimed on Sunday an ambush that killed nine soldiers on 9 May": the day of the
            # claim or statement is not the day of the event named after it
            return after[0]
        return before[-1] if before else own[0]

    def event_days(self, s: Sentence, t: TriggerMatch, day: date, precision: int) -> list[date]:
        """The days of the event: one, or each day of a short stated range ("on 11-12 March",
        "between 3 and 5 June"): a multi-day event is one event per day (CODING_RULES.md)."""
        if precision != 1 or not self.dates(s):
            return [day]
        d = self.own_date(s, t)
        if d.until is None or d.date != day or not 0 < (d.until - d.date).days < MAX_EVENT_DAYS:
            return [day]
        gap = self.v.folded[t.end:s.start + d.start]
        if d.start > t.start - s.start and (len(gap) > RANGE_GAP_CHARS or "," in gap or _PART_OF.search(gap)):
            return [day]  # a range named well after the event ("... as part of the fighting of 5-10 July") dates it, no more
        if _DAY_PAIR.search(d.text) and not _BETWEEN_DAYS.search(d.text):
            return [day, d.until]  # "on 4 and 9 January": those two days
        return [day + timedelta(days=k) for k in range((d.until - day).days + 1)]

    def event_date(self, s: Sentence, t: TriggerMatch, previous: _Candidate | None = None
                   ) -> tuple[date, int, Sentence | None] | None:
        own = self.dates(s)
        if own:
            d = self.own_date(s, t)
            return d.date, d.precision, s
        relative = _RELATIVE_DAY.search(self.v.folded, s.start, s.end)
        if relative is not None and previous is not None:
            n = relative.group("n")
            days = 0 if relative.group("same") else 1 if relative.group("next") else -1 if relative.group("prev") \
                else int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 1)
            return previous.date + timedelta(days=days), previous.time_precision, previous.date_sentence
        sents = self.v.sentences
        back = range(s.index - 1, max(-1, s.index - 4), -1)  # up to three sentences back, then on
        ahead = range(s.index + 1, min(len(sents), s.index + 4))
        for neighbours in (back, ahead):
            for j in neighbours:
                o = sents[j]
                if o.paragraph != s.paragraph:
                    break
                if self.is_background(o):
                    continue
                ds = self.dates(o)
                if ds:
                    return ds[0].date, ds[0].precision, o
        if self.v.published is not None:
            return self.v.published, 1, None
        return None

    # ---- 5. actors ----------------------------------------------------------------------

    def name(self, mention: ActorMention, on: date, country: str) -> tuple[str, int]:
        actor = mention.actor
        coalition = _coalitions().get(actor.id)
        if coalition is not None and on >= coalition[1]:
            actor = self.reg.get(coalition[0])
        return (self.reg.name_for(actor, on, country=country), self.reg.inter_for(actor, country=country))

    def member(self, mention: ActorMention, on: date, country: str) -> str:
        """The member group's own name when a coalition stands for it ("Katiba Macina"), else ""."""
        coalition = _coalitions().get(mention.actor.id)
        if coalition is None or on < coalition[1]:
            return ""
        return self.reg.name_for(mention.actor, on, country=country)

    def generic(self, kind: str, country: str) -> tuple[str, int]:
        inter = {"unidentified": 3, "civilians": 7, "protesters": 6, "rioters": 5}[kind]
        return self.reg.generic(kind, country), inter

    def state_generic(self, on: date, country: str) -> tuple[str, int]:
        actor = self.reg.get("mil_gen")
        return self.reg.name_for(actor, on, country=country), 1

    def code_actors(self, c: _Candidate) -> None:
        s, t = c.sent, c.trigger
        country = c.place.country or self.country_default
        mentions = _in(self.v.actors, s)
        armed = [m for m in mentions if m.actor.kind in ARMED_KINDS]
        victims = [m for m in mentions if m.actor.kind == "victim-group"]
        groups = [m for m in mentions if m.actor.kind not in ARMED_KINDS and m.actor.kind != "victim-group"
                  and not m.actor.templated]
        folded = self.v.folded
        passive = _PASSIVE_BEFORE.search(folded, max(s.start, t.start - 40), t.start) is not None
        before = [m for m in armed if m.end <= t.start]
        after = [m for m in armed if m.start > t.start]  # "killed two JNIM militants": inside the trigger too
        agent = [m for m in after if _AGENT_AFTER.match(folded, t.end, m.start) is not None]
        subj: ActorMention | None = None
        obj: ActorMention | None = None
        if agent:
            subj = agent[0]
            obj = before[-1] if before else next((m for m in after if m is not agent[0]), None)
        elif passive:
            obj = before[-1] if before else None
        else:
            subjects = [m for m in before if not _OBJECT_BEFORE.search(folded, max(s.start, m.start - 30), m.start)]
            subj = subjects[0] if subjects else None
            clause_end = _clause_end(folded, t.end, s.end)
            obj_candidates = list({m.actor.id: m for m in reversed(after) if m.start < clause_end and (
                subj is None or m.actor.id != subj.actor.id)}.values())[::-1]
            obj = obj_candidates[0] if obj_candidates else None
            if subj is None and obj is not None and len(obj_candidates) > 1 and "target" not in t.rule.context:
                subj, obj = obj, obj_candidates[1]
            if subj is None and before and obj is None:
                obj = before[-1]
        on = c.date
        if c.sub_event_type == "Remote explosive/landmine/IED":
            subj, obj = self.explosive_roles(s, t, armed, c)
        if subj is not None:
            c.actor1, c.inter1 = self.name(subj, on, country)
            c.assoc1 = self.member(subj, on, country)
            c.unidentified1 = subj.actor.kind == "unidentified"
            c.unknown1 = _EXPLICIT_UNKNOWN.search(folded, subj.start, subj.end) is not None
            c.actor_sentence = s
        et, st = c.event_type, c.sub_event_type
        if et == "Protests" or et == "Riots":
            kind = "protesters" if et == "Protests" else "rioters"
            c.actor1, c.inter1 = self.generic(kind, country)
            c.unidentified1 = False
            c.assoc1 = "; ".join(dict.fromkeys(self.name(m, on, country)[0] for m in victims + groups))
            forces = [m for m in armed if m.actor.kind == "state"]
            stepped_in = self.intervention_after(s) if not forces and st == "Protest with intervention" else None
            if stepped_in is not None:
                forces = [m for m in _in(self.v.actors, stepped_in) if m.actor.kind == "state"]
            if st in ("Protest with intervention", "Excessive force against protesters") or (
                    et == "Riots" and forces):
                if forces:
                    c.actor2, c.inter2 = self.name(forces[0], on, country)
                elif st != "Mob violence":
                    c.actor2, c.inter2 = self.state_generic(on, country)
            if st == "Mob violence" and not c.actor2:
                c.actor2, c.inter2 = self.generic("civilians", country)
            c.actor_sentence = s
            return
        if et == "Violence against civilians" or (et == "Strategic developments" and
                                                   st == "Looting/property destruction" and
                                                   self.cues(s, "civilian")):
            if subj is None and obj is not None and obj.actor.kind != "state":
                c.actor1, c.inter1 = self.name(obj, on, country)
                c.unidentified1 = obj.actor.kind == "unidentified"
            c.actor2, c.inter2 = self.generic("civilians", country)
            c.assoc2 = "; ".join(dict.fromkeys(self.name(m, on, country)[0] for m in victims))
        elif obj is not None:
            c.actor2, c.inter2 = self.name(obj, on, country)
            c.assoc2 = self.member(obj, on, country)
        elif et in _VIOLENT and self.target_kind(s, t) == "armed" and [
                cue for cue in self.cues(s, "state") if cue.start >= t.end or passive]:
            if subj is None or subj.actor.kind != "state":
                c.actor2, c.inter2 = self.state_generic(on, country)
        elif et == "Explosions/Remote violence" and (self.target_kind(s, t) == "civilian" or (
                self.cues(s, "civilian") and not self.cues(s, "state"))):
            c.actor2, c.inter2 = self.generic("civilians", country)
        if not c.actor1:
            if st in ("Arrests", "Disrupted weapons use") or (c.actor2 and c.inter2 != 1 and self.cues(s, "state")
                                                                and et == "Battles"):
                if c.inter2 == 1:
                    c.actor1, c.inter1 = self.generic("unidentified", country)
                else:
                    c.actor1, c.inter1 = self.state_generic(on, country)
                    c.unidentified1 = False
            else:
                c.actor1, c.inter1 = self.generic("unidentified", country)
        if et == "Battles" and not c.actor2:
            c.actor2, c.inter2 = self.generic("unidentified", country)
        elif st == "Disrupted weapons use" and not c.actor2 and c.inter1 in (1, 8):
            c.actor2, c.inter2 = self.generic("unidentified", country)  # whose weapons the forces seized
        elif st in ("Arrests", "Looting/property destruction", "Other") and not c.actor2 and c.inter1 != 7 and \
                (self.cues(s, "civilian") or st == "Looting/property destruction") and \
                not [cue for cue in self.cues(s, "state") if cue.start >= t.end]:
            c.actor2, c.inter2 = self.generic("civilians", country)  # the people arrested, robbed, threatened
        if c.actor1 == c.actor2 and et != "Battles":
            c.actor2, c.inter2 = "", 0

    def explosive_roles(self, s: Sentence, t: TriggerMatch, armed: list[ActorMention], c: _Candidate
                        ) -> tuple[ActorMention | None, ActorMention | None]:
        """Who laid the explosive and who it hit: the group that "planted" or "detonated" it (or
        that it is attributed to "by", in its sentence or the next), else a non-state group named
        before the explosion; and the armed actor it struck (a vehicle's owner), state forces first."""
        folded = self.v.folded
        layers = [m for m in armed if _PLANTER_AFTER.match(folded, m.end) or
                  _BY_BEFORE.search(folded, max(s.start, m.start - 25), m.start)]
        for o in c.support[:1]:
            layers += [m for m in _in(self.v.actors, o) if m.actor.kind in ARMED_KINDS and m.actor.kind != "state"
                       and (_PLANTED_BY.search(folded, max(o.start, m.start - 40), m.start)
                            or _PLANTER_AFTER.match(folded, m.end))]
        if not layers:
            layers = [m for m in armed if m.end <= t.start and m.actor.kind in _NON_STATE
                      and not _OBJECT_BEFORE.search(folded, max(s.start, m.start - 30), m.start)]
        layer = layers[0] if layers else None
        victims = [m for m in armed if m is not layer and (layer is None or m.actor.id != layer.actor.id)]
        victims.sort(key=lambda m: m.actor.kind not in ("state", "external"))
        return layer, victims[0] if victims else None

    def apply_claim(self, c: _Candidate, actor_mention: ActorMention, s: Sentence) -> None:
        country = c.place.country or self.country_default
        name, inter = self.name(actor_mention, c.date, country)
        c.claimed_by = name
        c.claim_sentence = s
        if c.unidentified1 or not c.actor1:
            if c.actor2 == name:
                c.actor2, c.inter2 = c.actor1, c.inter1
            c.actor1, c.inter1 = name, inter
            c.unidentified1 = False

    # ---- 6. fatalities ------------------------------------------------------------------

    def toll(self, c: _Candidate) -> None:
        total: int | None = None
        unknown = False
        used: list[Sentence] = []
        own = self.fatalities(c.sent)
        if own is not None and own.killed is not None:
            total, unknown = own.killed, own.unknown
            used.append(c.sent)
        for o in c.support:
            f = self.fatalities(o)
            if f is None or f.killed is None:
                continue
            if _BILAN.match(self.sent_text(o)):
                total, unknown, used = f.killed, f.unknown, [o]
            else:
                total = (total or 0) + f.killed
                unknown = unknown and f.unknown
                used.append(o)
        if total is not None:
            c.fatalities, c.fatalities_unknown, c.fatalities_said = total, unknown and total == 0, True
            c.fatality_sentences = used

    # ---- assemble -----------------------------------------------------------------------

    def candidates(self) -> list[_Candidate]:
        """The events of the report; when it locates none, the report's country stands for the
        place of its place-less event sentences (a summary beside located events is no event)."""
        return self.sentence_candidates(country=False) or self.sentence_candidates(country=True)

    def sentence_candidates(self, *, country: bool) -> list[_Candidate]:
        out: list[_Candidate] = []
        sents = self.v.sentences
        last: list[_Candidate] = []
        for s in sents:
            if self.is_headline(s):
                continue  # a headline sums up the events the report then tells, one by one
            if not _in(self.v.triggers, s):
                if last and self.attaches(s, last[0].sent):
                    for c in last:
                        c.support.append(s)
                continue
            t = self.event_trigger(s)
            if t is None:
                continue
            places = self.event_places(s) or self.unresolved_places(s)
            relative = _RELATIVE_DAY.search(self.v.folded, s.start, s.end)
            if not places and last and relative is not None and not relative.group("same"):
                # "The next day, gunmen attacked again": another day at the same place
                places = [c.place for c in last]
            if not places:
                if last and self.attaches(s, last[0].sent):
                    for c in last:
                        c.support.append(s)
                    continue
                places = self.borrowed_places(s) or (self.unlocated_places(s) if country else [])
                if not places:
                    continue
            when = self.event_date(s, t, out[-1] if out else None)
            if when is None:
                continue
            day, precision, date_sent = when
            actors_before = [m for m in _in(self.v.actors, s) if m.end <= t.start]
            et, st = self.classify(s, t, actors_before)
            days = self.event_days(s, t, day, precision)
            last = []
            for k, (when_day, place) in enumerate((d, p) for d in days for p in places):
                c = _Candidate(sent=s, trigger=t, event_type=et, sub_event_type=st, date=when_day,
                               time_precision=precision, date_sentence=date_sent, place=place,
                               place_sentence=s, share=len(places) * len(days), share_index=k)
                last.append(c)
            out.extend(last)
        return out

    def borrowed_places(self, s: Sentence) -> list[EventPlace]:
        """The places of the sentence before, when it sets the scene ("Violence in Koro. Two
        killed.") without an event of its own; a short placeless sentence between them does not
        break the scene ("Attaque à Banamba; une banque; la gendarmerie prise d'assaut")."""
        for i in range(s.index - 1, max(-1, s.index - 1 - BORROW_SENTENCES), -1):
            prev = self.v.sentences[i]
            if prev.paragraph != s.paragraph or self.is_background(prev) or self.event_trigger(prev) is not None:
                return []
            places = self.event_places(prev)
            if places or _in(self.v.places, prev) or len(self.sent_text(prev).split()) > SHORT_SENTENCE_WORDS:
                return places
        return []

    # ---- 3b. places the gazetteer cannot locate -------------------------------------------

    def report_country(self) -> str:
        """ISO-2 code of the one country the report is about ("" when it names none, or several
        with no clear majority): by country names, located places, admin areas and actors."""
        if self._country is None:
            votes: dict[str, int] = {}
            across = across_border(self.v.folded)
            for cc in named_countries(self.v.folded):
                if cc not in across:
                    votes[cc] = votes.get(cc, 0) + 1
            for m in self.v.places:
                found = m.area.country_code if m.area is not None else \
                    m.place.country_code if m.place is not None and m.role not in ("bare", "from") else ""
                if found:
                    votes[found] = votes.get(found, 0) + 1
            homes = actor_regions()
            for a in self.v.actors:
                # a state's forces, or a group or community with a known home country
                # (data/extract_actor_regions.csv: "Dogon villagers", "Katiba Macina")
                cc = a.actor.country or homes.get(a.actor.id, ("", ()))[0]
                if cc:
                    votes[cc] = votes.get(cc, 0) + 1
            installed = set(self.gaz.countries)  # French forces fight in Mali: only the covered countries
            ranked = sorted(((cc, n) for cc, n in votes.items() if cc in installed), key=lambda kv: -kv[1])
            clear = bool(ranked) and ranked[0][1] > sum(n for _, n in ranked[1:])
            self._country = ranked[0][0] if clear else ""
        return self._country

    def unlocated(self, s: Sentence, name: str, mention: PlaceMention, *, cc: str) -> EventPlace:
        """A place without coordinates: ``name`` as written, in the report's country, in the admin
        area the report names (if any), precision 3."""
        areas = [(m, m.area) for m in self.v.places if m.area is not None and m.area.country_code == cc]
        if areas:
            _, area = min(areas, key=lambda ma: (abs(mention.start - ma[0].start), ma[1].level))
            admin1, admin2 = area.admin1, area.admin2
        else:  # the admin area of the nearest place the report locates
            located = [m for m in self.v.places if m.place is not None and m.place.country_code == cc
                       and m.role not in ("bare", "report", "from")]
            near = min(located, key=lambda m: abs(mention.start - m.start)) if located else None
            admin1 = near.place.admin1 if near is not None and near.place is not None else ""
            admin2 = ""
            homes = self.home_regions(cc)
            if not admin1 and name:
                admin1, admin2 = self.namesakes_area(name, cc)
                if homes and admin1 not in homes:
                    admin1, admin2 = "", ""  # the namesakes lie outside the actors' regions
            if not admin1 and homes:
                admin1 = homes[0]
        return EventPlace(location=name, latitude=None, longitude=None, geo_precision=3,
                          country=self.gaz.country_name(cc), country_code=cc, admin1=admin1, admin2=admin2,
                          mention=mention, notes=(f"{name}: not in the gazetteer, no coordinates" if name
                                        else "no place named, no coordinates",))

    def home_regions(self, cc: str) -> list[str]:
        """The regions every actor of the report with a known home (data/extract_actor_regions.csv)
        operates in, the first actor's main region first ([] when none or they share none)."""
        common: list[str] | None = None
        for m in self.v.actors:
            country, regions = actor_regions().get(m.actor.id, ("", ()))
            if country == cc:
                common = list(regions) if common is None else [r for r in common if r in regions]
        return common or []

    def namesakes_area(self, name: str, cc: str) -> tuple[str, str]:
        """(admin1, admin2) shared by every close spelling of ``name`` in country ``cc`` (villages
        missing from the gazetteer are often spelt like a neighbour), ("", "") when they differ."""
        similar = [p for p in self.gaz.lookup(name, country=cc, fuzzy=True, limit=5)
                   if p.feature_class == "P" and p.score >= NAMESAKE_SPELLING]
        admin1s = {p.admin1 for p in similar}
        if len(admin1s) != 1:
            return "", ""
        admin2s = {p.admin2 for p in similar}
        return similar[0].admin1, similar[0].admin2 if len(admin2s) == 1 else ""

    def unresolved_places(self, s: Sentence) -> list[EventPlace]:
        """The first list of names a place cue introduces ("in", "near", "the village of", "à")
        that the gazetteer lacks: kept as written, without coordinates."""
        actors = _in(self.v.actors, s)
        names = [m for m in _in(self.v.places, s) if m.place is None and m.area is None and introduces_place(m)
                 and not any(a.start < m.end and m.start < a.end for a in actors) and not _is_country(m.name)]
        if not names:
            return []
        cc = self.report_country() or (place_countries(self.v.folded) or list(DEFAULT_COUNTRIES))[0]
        first = [m for m in names if m.group == names[0].group]
        if first[0].role == "between":
            first = first[:1]  # "between A and B": one event, near the first
        return _unique_places([self.unlocated(s, m.name, m, cc=cc) for m in first])

    def unlocated_places(self, s: Sentence) -> list[EventPlace]:
        """No place named: the report's one country (its admin area when it names one), else none."""
        cc = self.report_country()
        if not cc:
            return []
        return [self.unlocated(s, "", PlaceMention(s.start, s.start, "", "country", -1), cc=cc)]

    def attaches(self, s: Sentence, prev: Sentence) -> bool:
        if s.index - prev.index > 2 or self.is_background(s):
            return False
        if _BILAN.match(self.sent_text(s)):
            return True
        return s.paragraph == prev.paragraph and not self.dates(s)

    def build(self) -> list[Event]:
        cands = self.candidates()
        if not cands:
            return []
        for c in cands:
            self.code_actors(c)
            self.toll(c)
        self.claims(cands)
        merged = _merge(cands)
        return [self.event(c) for c in merged]

    def claims(self, cands: list[_Candidate]) -> None:
        """Claims of responsibility: a claim in an event's own sentence codes that event; a claim
        on its own ("JNIM claimed the attack") codes the event just before it (every event before
        it when it claims "the attacks"; the next one when none comes before). Attackers the report
        calls unknown keep that name."""
        for s in self.v.sentences:
            claims = self.cues(s, "claim")
            if not claims or all(_NEGATED_CLAIM.search(self.v.folded, max(s.start, c.start - 40), c.start)
                                 for c in claims):
                continue  # "no group claimed the attack, but JNIM is active in the area": no claim
            claimant = self.claimant(s)
            if claimant is None:
                continue
            own = [c for c in cands if c.sent.index == s.index]
            if own:
                for c in own:
                    self.apply_claim(c, claimant, s)
                continue
            before = [c for c in cands if c.sent.index < s.index and c.event_type in _VIOLENT]
            if before and _PLURAL_CLAIM.search(self.v.folded, s.start, s.end):
                own = before
            elif before:
                last = max(c.sent.index for c in before)
                own = [c for c in before if c.sent.index == last]
            else:
                after = [c for c in cands if c.sent.index > s.index and c.event_type in _VIOLENT]
                own = [c for c in after if c.sent.index == after[0].sent.index] if after else []
            for c in own:
                if (c.unidentified1 or not c.actor1) and not c.unknown1:
                    self.apply_claim(c, claimant, s)

    def claimant(self, s: Sentence) -> ActorMention | None:
        """Who claims in sentence ``s``: the registry's reading, else the first non-state armed
        group named; a group named only to describe another ("GSIM, aligned with al-Qaeda") is not
        the claimant."""
        named = [m for m in _in(self.v.actors, s) if m.actor.kind in ("rebel", "militia", "identity")]
        found = self.reg.find_claims(self.sent_text(s), lang=self.v.lang)
        if found:
            mention = found[0].mention
            shifted = ActorMention(mention.actor, mention.start + s.start, mention.end + s.start,
                                   mention.text, mention.alias, mention.suspected)
            if not _DESCRIPTOR_BEFORE.search(self.v.folded, max(s.start, shifted.start - 30), shifted.start):
                return shifted
            named = [m for m in named if m.start < shifted.start] or named
            return named[0] if named else shifted
        cue = self.cues(s, "claim")[0]
        passive = self.v.folded[cue.start:cue.end].endswith((" by", " par")) or \
            re.match(r"\s+(?:by|par)\b", self.v.folded[cue.end:cue.end + 5]) is not None
        named.sort(key=lambda m: ((m.start < cue.start) if passive else (m.start > cue.start), m.start))
        named = [m for m in named if not _DESCRIPTOR_BEFORE.search(self.v.folded, max(s.start, m.start - 30), m.start)]
        return named[0] if named else None

    def event(self, c: _Candidate) -> Event:
        doc = self.v.document
        p = c.place
        fatalities = c.fatalities
        if c.share > 1 and fatalities:
            base, rest = divmod(fatalities, c.share)
            fatalities = base + (rest if c.share_index == 0 else 0)
        evidence = [self.evidence("event_type", c.sent)]
        if c.date_sentence is not None:
            evidence.append(self.evidence("event_date", c.date_sentence))
        evidence.append(self.evidence("location", c.place_sentence))
        if c.actor_sentence is not None:
            evidence.append(self.evidence("actor1", c.actor_sentence))
        for o in c.fatality_sentences:
            evidence.append(self.evidence("fatalities", o))
        if c.claim_sentence is not None:
            evidence.append(self.evidence("claimed_by", c.claim_sentence))
        confidence = 0.35
        confidence += 0.15 if c.date_sentence is c.sent else 0.08 if c.date_sentence is not None else 0.0
        confidence += -0.1 if p.latitude is None and not p.location else 0.0 if p.latitude is None else \
            0.2 if p.geo_precision == 1 else 0.1
        confidence += 0.1 if not c.unidentified1 else 0.0
        confidence += 0.1 if c.trigger.priority >= 45 else 0.05
        confidence += 0.05 if c.fatalities_said else 0.0
        key = (c.date.isoformat(), p.geonameid or p.location, c.event_type, c.sub_event_type)
        source = EventSource(doc_id=doc.id, outlet=doc.outlet, url=doc.url, published=doc.published,
                             language=self.v.lang, claimed_by=c.claimed_by)
        return Event(
            event_id=event_id(doc.id, *key),
            event_date=c.date,
            time_precision=c.time_precision,
            disorder_type=disorder_type_for(c.event_type, c.sub_event_type),
            event_type=c.event_type,
            sub_event_type=c.sub_event_type,
            actor1=c.actor1,
            assoc_actor_1=c.assoc1,
            inter1=c.inter1,
            actor2=c.actor2,
            assoc_actor_2=c.assoc2,
            inter2=c.inter2,
            interaction=interaction_code(c.inter1, c.inter2),
            civilian_targeting="Civilian targeting" if c.inter2 == 7 and c.event_type in _VIOLENT else "",
            iso=country_iso_numeric(p.country_code) if p.country_code else 0,
            region=country_region(p.country_code) if p.country_code else "",
            country=p.country,
            admin1=p.admin1,
            admin2=p.admin2,
            location=p.location,
            latitude=p.latitude,
            longitude=p.longitude,
            geo_precision=p.geo_precision,
            source=doc.outlet,
            # the sentence, then how its place was coded, as ACLED's own notes say it ("(coded as X at
            # geoprecision 2)")
            notes=" ".join([self.sent_text(c.sent).strip(), *(f"({n})" for n in p.notes)]),
            fatalities=fatalities,
            fatalities_unknown=c.fatalities_unknown,
            claimed_by=c.claimed_by,
            confidence=round(min(confidence, 0.99), 2),
            doc_ids=(doc.id,),
            sources=(source,),
            evidence=tuple(evidence),
        )

    def evidence(self, name: str, s: Sentence) -> Evidence:
        text = self.sent_text(s)
        stripped = text.strip()
        start = s.start + (len(text) - len(text.lstrip()))
        return Evidence(field=name, text=stripped, start=start, end=start + len(stripped), doc_id=self.v.document.id)


_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:km|kilom)", re.IGNORECASE)


def _stated_km(cue: str) -> float:
    """The distance a cue states ("140 km de", "about 40km from"), 0 when none."""
    m = _KM.search(cue)
    return float(m.group(1).replace(",", ".")) if m else 0.0


@lru_cache(maxsize=1)
def _coalitions() -> dict[str, tuple[str, date]]:
    """member actor id -> (coalition actor id, since) from data/extract_actor_coalitions.csv."""
    text = resources.files("conflictwatch.data").joinpath("extract_actor_coalitions.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r["member"]: (r["coalition"], date.fromisoformat(r["since"])) for r in csv.DictReader(rows)}


def _is_country(name: str) -> bool:
    """Whether ``name`` names a country ("in Libya" is no village the gazetteer lacks)."""
    if len(name) <= 3:  # country_code reads two letters as an ISO code: "Am" is a village
        return False
    try:
        country_code(name)
    except GeocodeError:
        return False
    return True


def _clause_end(folded: str, start: int, end: int) -> int:
    """Where the clause that starts at ``start`` ends (a subordinate clause or a break)."""
    m = _CLAUSE_BREAK.search(folded, start, end)
    return m.start() if m else end


def _unique_places(places: list[EventPlace]) -> list[EventPlace]:
    seen: set[object] = set()
    out = []
    for p in places:
        key = p.geonameid or (p.location, p.admin1, p.admin2)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One candidate per (date, place, event type); the first keeps the others' support."""
    by_key: dict[tuple[object, ...], _Candidate] = {}
    for c in cands:
        p = c.place
        key = (c.date, p.geonameid or (p.location, p.admin1), c.event_type)
        first = by_key.get(key)
        if first is None:
            by_key[key] = c
            continue
        if first.unidentified1 and not c.unidentified1:
            first.actor1, first.inter1, first.unidentified1 = c.actor1, c.inter1, False
            first.actor_sentence = c.actor_sentence
        if not first.actor2 and c.actor2:
            first.actor2, first.inter2 = c.actor2, c.inter2
        if c.claimed_by and not first.claimed_by:
            first.claimed_by, first.claim_sentence = c.claimed_by, c.claim_sentence
        if c.fatalities_said and (not first.fatalities_said or c.fatalities > first.fatalities):
            first.fatalities, first.fatalities_unknown = c.fatalities, c.fatalities_unknown
            first.fatalities_said, first.fatality_sentences = True, c.fatality_sentences
            first.share, first.share_index = c.share, c.share_index
        if p.geo_precision < first.place.geo_precision:
            first.place = p
    return list(by_key.values())


def build_events(view: DocView, *, gazetteer: Gazetteer, registry: ActorRegistry, geo: _Geo) -> list[Event]:
    """The events of one document (see the module docstring)."""
    return _Builder(view, gazetteer, registry, geo).build()


def classify_sentence(view: DocView, sentence: Sentence, *, gazetteer: Gazetteer, registry: ActorRegistry,
                      geo: _Geo) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of the event one sentence reports, or None (see steps 1-2)."""
    builder = _Builder(view, gazetteer, registry, geo)
    trigger = builder.event_trigger(sentence)
    if trigger is None:
        return None
    before = [m for m in _in(view.actors, sentence) if m.end <= trigger.start]
    return builder.classify(sentence, trigger, before)
