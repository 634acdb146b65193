"""Where an event happened: the place decision of one event sentence.

Every way of reading the sentence's place is a candidate (decision ``place`` in
``data/extract_weights.csv``), each a list of places (one event per place of a list):

``cued``
    the first group of names a place cue introduces ("in A, B and C", "near X", "between A and
    B", "40 km from X"), the list going on after "as well as in"; "between A and B" is one event
    near the first end the gazetteer knows (or near X when "near X" by that road follows);
``cued_in_area``
    the first cued name the gazetteer lacks, coded to an admin area the sentence names after it;
``bare``
    capitalised names the gazetteer knows exactly, without a cue ("(Tessalit, Kidal)");
``area``
    the admin area the sentence names ("in the Mopti region": its capital, precision 3);
``unresolved``
    a cued name the gazetteer lacks, kept as written without coordinates;
``origin``
    the town the victims came from ("marketgoers returning from X"), near it;
``coded_note``
    where an event note says it is coded ("(coded as X at geoprecision 2)"), unless the
    sentence lists three or more places (``list_of_events``);
``same_place_next_day``, ``borrowed_scene``, ``report_country``
    the places of the event before ("the next day, gunmen attacked again"), of the sentence
    before when it set the scene, or, when the report locates nothing, the one country it is
    about.

A name the gazetteer lacks falls back on the area or town named beside it ("X, Boni", "X
(Boni)": near Boni, precision 2), else is kept as written without coordinates (precision 3,
admin1 from the report's areas, its nearest located place, the shared area of close spellings or
the actors' home region).
"""

from __future__ import annotations

import re
from dataclasses import replace

from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.errors import GeocodeError
from conflictwatch.extract._facts import DocFacts
from conflictwatch.extract._what import event_trigger
from conflictwatch.extract.numbers import parse_number
from conflictwatch.extract.places import (
    EventPlace,
    PlaceMention,
    across_border,
    actor_regions,
    introduces_place,
    named_countries,
    place_countries,
    place_cues,
    place_inside,
)
from conflictwatch.extract.scoring import Candidate
from conflictwatch.extract.structure import Sentence
from conflictwatch.geo import AdminArea, country_code, distance_km, fold

__all__ = ["Locator", "unique_places"]

#: how far a place may lie from the place its sentence says it is near, in km
ANCHOR_KM = 60.0
#: a list of this many places an event happened at is as many events, whatever a coder's note says
LIST_OF_EVENTS = 3
#: how many sentences back a sentence pointing back to a settlement ("in the village") looks for it
REFER_SENTENCES = 5
#: how many sentences back a placeless event looks for the sentence that set its scene
BORROW_SENTENCES = 2
#: a sentence this short without a place ("une banque;") does not end the scene set before it
SHORT_SENTENCE_WORDS = 6
#: a name listed right after a place this close to it names the same place ("Kaka, Sofara"), in km
SAME_PLACE_KM = 10.0
#: "N km from X" with N this large or more is no "near X": the report's place about that far is sought
FAR_STATED_KM = 100.0
#: how far (a share of N) a place may lie from "N km from X" and still be the place so measured
STATED_KM_SLACK = 0.35
#: the least similarity of the spellings whose shared admin area an unlocated village takes
NAMESAKE_SPELLING = 0.85

#: "in the area of X", "dans la zone de X": somewhere around X (ACLED precision 2)
_AREA_OF = re.compile(r"\b(?:area|vicinity|outskirts|zone|secteur|environs)s? (?:of|de|d'|du)$")
_CITY_CODES = frozenset({"PPLC", "PPLA"})
_AREA_OF_GAP = re.compile(r"\s+(?:area|zone|sector|secteur)\s+(?:of|de|d')\s*")
#: what joins two names of one coordinated list: " and ", ", and ", " et à ", " and in " (a bare
#: comma may join a village to the town it lies by: "X, Boni")
_LIST_GAP = re.compile(r"\s*,?\s*(?:and|et|or|ou|&)\s*(?:(?:in|at|a|au|aux|dans)\s+)?(?:the\s+|la\s+|le\s+)?")
#: a cue that announces a list of places ("des localités comme", "villages such as")
_LIST_CUE = re.compile(r"(?:such as|like|including|comme|tels que|telles que|dont|notamment)$", re.IGNORECASE)
#: what joins two names of a list that such a cue announces: a comma as well
_LISTED_GAP = re.compile(rf"(?:{_LIST_GAP.pattern})|\s*,\s*")
_COORDINATION = re.compile(r"\b(?:and|et|or|ou)\b|&")
_AREA_WORD = {1: "region", 2: "cercle"}
_CONTINUATION = re.compile(r"(?:as well as|and also|and|along with|plus|ainsi qu'|ainsi que|et|mais aussi|but also)\s+"
                           r"(?:also\s+|aussi\s+)?(?:in|at|a|au|aux|dans)\s+(?:the\s+)?$")
#: "attacked the post of X, then the positions at Y": the attackers went on to a further place
#: (searched between the two places, within one clause)
_THEN = re.compile(r"[^.;:]{0,40}\b(?:then|and then|before attacking|puis|ensuite|avant d'attaquer)\b[^.;:]{0,120}$")
#: a number right before a place's cue: "six in Dinguiri", "deux à Mene", "three on the road"
_COUNT_BEFORE = re.compile(r"(?P<n>[\w'-]+)\s+(?:others?\s+|autres\s+)?(?:in|at|on|a|au|aux|dans|sur)\s+"
                           r"(?:the\s+|la\s+|le\s+|l')?(?:[\w'-]+\s+){0,3}$")
#: what may stand between a place and the count of the next one: "[X] village, two in [Y]", "[X] et"
_COUNT_SEPARATOR = re.compile(r"(?:\s+(?:village|town|hamlet|locality|localite|hameau))?\s*(?:,|;|—|–|-)?\s*"
                              r"(?:and\s+|et\s+)?")
#: a coder's note in an event note saying where the event is coded ("coded as X at geoprecision 2",
#: "coded at approximate location as X", "respectively coded as A and B"); French "codé à X"
_CODED_AS = re.compile(r"\b(?P<respectively>respectively\s+)?(?:coded|code|codee)\s+"
                       r"(?:(?:at|to)\s+(?:an?\s+|the\s+)?approximate\s+location\s+)?(?:as|at|to|a|comme)\s+"
                       r"(?:(?:an?\s+|the\s+)?approximate\s+location,?\s+(?:at\s+|of\s+)?)?")
_STATED_PRECISION = re.compile(r"\b(?:geo-?\s*precision|geoprecision|geprecision|precision|prec\.?)\s*(?:of\s+)?([123])\b")
_NEAR_NOTE = re.compile(r"\bapproximate\b|\b\d+\s*km\b")
_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:km|kilom)", re.IGNORECASE)


def unique_places(places: list[EventPlace]) -> list[EventPlace]:
    seen: set[object] = set()
    out = []
    for p in places:
        key = p.geonameid or (p.location, p.admin1, p.admin2)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _holds(area: AdminArea, place: EventPlace) -> bool:
    """Whether the coded place lies in the admin area (by its admin names)."""
    return (place.country_code, place.admin1) == (area.country_code, area.admin1) and (
        area.level == 1 or place.admin2 == area.admin2)


def _stated_km(cue: str) -> float:
    """The distance a cue states ("140 km de", "about 40km from"), 0 when none."""
    m = _KM.search(cue)
    return float(m.group(1).replace(",", ".")) if m else 0.0


def _is_country(name: str) -> bool:
    """Whether ``name`` names a country ("in Libya" is no village the gazetteer lacks)."""
    if len(name) <= 3:  # country_code reads two letters as an ISO code: "Am" is a village
        return False
    try:
        country_code(name)
    except GeocodeError:
        return False
    return True


class Locator:
    """The place candidates of a report's event sentences (see the module docstring)."""

    def __init__(self, facts: DocFacts) -> None:
        self.f = facts
        self.v = facts.v
        self.gaz = facts.gazetteer
        self._country: str | None = None

    # ---- the candidates of one sentence ---------------------------------------------------

    def sentence_options(self, s: Sentence, *, unresolved: bool = True) -> list[Candidate[list[EventPlace]]]:
        """What the sentence itself says of its place: every reading, with its source; names the
        gazetteer lacks only when ``unresolved``."""
        mentions = self.f.places(s)
        out: list[Candidate[list[EventPlace]]] = []
        read = self.read_places(s, mentions)
        for source, places in read:
            out.append(Candidate(places, (source,), s.start, s.end))
        best_read = read[0][1] if read else []
        stated = self.stated_places(s, mentions, best_read)
        if stated:
            out.append(Candidate(stated, ("coded_note",), s.start, s.end))
            if len(best_read) >= LIST_OF_EVENTS > len(stated):
                # a coder's note codes one event; a list of three villages attacked stays three events
                out[0] = replace(out[0], features=(*out[0].features, "list_of_events"))
        kept = self.unresolved_places(s) if unresolved else []
        if kept:
            out.append(Candidate(kept, ("unresolved",), s.start, s.end))
        return out

    def read_places(self, s: Sentence, mentions: list[PlaceMention]) -> list[tuple[str, list[EventPlace]]]:
        """The readings of the sentence's named places, each with its source (see the docstring)."""
        out: list[tuple[str, list[EventPlace]]] = []
        cued = [m for m in mentions if m.role in ("in", "of", "near", "between", "distance")]
        # "the mayor of X was killed in Y": a bare "of" names where someone comes from, after the rest
        groups = sorted(dict.fromkeys(m.group for m in cued),
                        key=lambda g: next(m.role for m in cued if m.group == g) == "of")
        found = self.cued_places(s, cued, groups, mentions)
        if found:
            out.append(("cued", found))
        elif cued:
            # no named place located: the first name coded to an area the sentence names after it
            firsts = self.list_members([m for m in cued if m.group == groups[0]])
            coded = unique_places([p for p in (self.code_place(m, mentions) for m in firsts[:1]) if p is not None])
            if coded:
                out.append(("cued_in_area", coded))
        bare = [m for m in mentions if m.role == "bare" and m.place is not None]
        if bare:
            first = bare[0]
            # "(Tessalit, Kidal)": a town and the region it lies in are one place
            members = self.list_members([m for m in bare if m.group == first.group])
            # beside a cued name the gazetteer lacks ("in Zerkatafa (Boni)") the town is only near
            places = unique_places([p for p in (self.code_place(m, mentions, near=any(
                c.place is None and 0 <= m.start - c.end <= 3 for c in cued)) for m in members) if p is not None])
            if places:
                out.append(("bare", places))
        areas = [m for m in mentions if m.role == "area" and m.area is not None]
        if areas:
            area_place = self.area_place(areas[0], areas[0].area, near=False)  # type: ignore[arg-type]
            if area_place is not None:
                out.append(("area", [area_place]))
        # "marketgoers returning from X": the only place named is where the victims came from
        origin = [m for m in mentions if m.role == "from" and m.place is not None and m.place.feature_class in "PH"
                  and not any(a.start < m.end and m.start < a.end for a in self.f.actors(s))]
        if origin:
            m = origin[0]
            p = m.place
            assert p is not None
            out.append(("origin", [EventPlace(location=p.name, latitude=p.latitude, longitude=p.longitude,
                                              geo_precision=2, country=p.country, country_code=p.country_code,
                                              admin1=p.admin1, admin2=p.admin2, mention=m,
                                              geonameid=p.geonameid)]))
        return out

    def cued_places(self, s: Sentence, cued: list[PlaceMention], groups: list[int],
                    mentions: list[PlaceMention]) -> list[EventPlace]:
        """The places of the first group of cued names the gazetteer locates (see ``cued``)."""
        out: list[EventPlace] = []
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
            coded = [(m, self.measured_place(m) or self.code_place(m, mentions, later_area=False)) for m in members
                     if not self.far_from_anchor(m, mentions)]
            located = next((p for _, p in coded if p is not None), None)
            if located is not None:
                # "in Kayes and Diboli, in western Mali, as well as in Niono": the list goes on
                for later in groups[k + 1:]:
                    more = [m for m in cued if m.group == later]
                    before = max((m.end for m in cued if m.end <= more[0].start), default=more[0].start)
                    if more[0].role not in ("in", "of") or not (_CONTINUATION.search(
                            self.v.folded, max(s.start, more[0].start - 40), more[0].start) or _THEN.match(
                            self.v.folded, before, more[0].start) or self.counted_next(before, more[0])):
                        break
                    coded += [(m, self.code_place(m, mentions)) for m in self.list_members(more)]
                # "its camps at X and at Y", Y missing from the gazetteer: Y is still a place
                # attacked, coded near the place it is listed with
                out = [p for p in (p or self.beside_listed(s, m, located, coded) for m, p in coded) if p is not None]
                break
        return unique_places(out)

    def count_before(self, lo: int, m: PlaceMention) -> tuple[int, int] | None:
        """(the number, where it starts) of a toll right before ``m``'s cue, no further back than
        ``lo`` ("six in Dinguiri", "deux à Mene"), else None."""
        found = _COUNT_BEFORE.search(self.v.folded, max(lo, m.start - 45), m.start)
        if found is None or found.group("n") in ("a", "an", "un", "une", "the", "one"):
            return None
        n = parse_number(found.group("n"), lang=self.v.lang)
        return None if n is None else (n, found.start())

    def counted_next(self, before: int, m: PlaceMention) -> bool:
        """Whether ``m`` goes on a list of tolls by place ("six in Dinguiri village, two in Mene"):
        a comma (or "and") and a number just before its cue, right after the place before it."""
        count = self.count_before(before, m)
        return count is not None and _COUNT_SEPARATOR.fullmatch(self.v.folded, before, count[1]) is not None

    def beside_listed(self, s: Sentence, m: PlaceMention, located: EventPlace,
                      coded: list[tuple[PlaceMention, EventPlace | None]]) -> EventPlace | None:
        """A listed name the gazetteer lacks, coded near the located place of its list (precision
        2, keeping its own name): a name of one or two words right beside another of the list ("X
        et à Y", "X, Y"), not a group's, a people's or a country's name."""
        names = [n for n, _ in coded]
        i = names.index(m)
        # after "des localités comme", "villages such as" a bare comma too joins the list
        gaps = _LIST_GAP if _LIST_CUE.search(m.cue) is None else _LISTED_GAP
        beside = [n for n in (names[i - 1] if i else None, names[i + 1] if i + 1 < len(names) else None)
                  if n is not None and gaps.fullmatch(self.v.folded[min(n.end, m.end):max(n.start, m.start)])]
        if m.place is not None or m.area is not None or len(m.name) < 3 or len(m.name.split()) > 2 or \
                not beside or not introduces_place(m) or _is_country(m.name) or \
                any(a.start < m.end and m.start < a.end for a in self.f.actors(s)):
            return None
        # "A, B and C, in the X department": the area the sentence names for the list, unless the
        # place it is listed with lies in it
        area = next((a.area for a in self.f.places(s) if a.role == "area" and a.area is not None and a.start > m.end),
                    None)
        if area is not None and not _holds(area, located):
            inside = self.area_place(m, area, near=True)
            if inside is not None:
                return replace(inside, location=m.name)
        return replace(located, location=m.name, geo_precision=max(2, located.geo_precision), mention=m,
                       geonameid=0, notes=((f"{m.name}: not in the gazetteer; coded near {located.location}, "
                                           "the place it is listed with"),))

    def stated_places(self, s: Sentence, mentions: list[PlaceMention], read: list[EventPlace]) -> list[EventPlace]:
        """Where the report itself says the event is coded: a coder's note such as "(coded as X
        at geoprecision 2)" or "(respectively coded as A and B, precision 2)" in event notes that
        explain their own coding, at the precision stated (else the usual one); a name the
        gazetteer lacks leaves the ordinary reading in force. The note's name read as the same
        name in the sentence's list is that place: the list gave it its context."""
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
        if len(out) != len(names):
            return []
        by_name = {fold(p.mention.name): p for p in read if p.latitude is not None}
        return unique_places([
            replace(by_name[fold(p.mention.name)], geo_precision=p.geo_precision, notes=p.notes)
            if fold(p.mention.name) in by_name and p.geonameid != by_name[fold(p.mention.name)].geonameid
            else p for p in out])

    def measured_place(self, m: PlaceMention) -> EventPlace | None:
        """For "about 200 km from X" (a landmark far off, not "near" it): the place the report
        names elsewhere that lies about that far from X, near it (precision 2); None when the
        distance is short or no such place is named."""
        km = _stated_km(m.cue)
        if m.place is None or m.role not in ("near", "distance") or km < FAR_STATED_KM:
            return None
        x = m.place
        fits = [o for o in self.v.places if o.place is not None and o.role in ("in", "of", "near")
                and o.place.geonameid != x.geonameid and abs(distance_km(
                    x.latitude, x.longitude, o.place.latitude, o.place.longitude) - km) <= STATED_KM_SLACK * km]
        if not fits:
            return None
        o = min(fits, key=lambda c: abs(c.start - m.start))
        place = self.code_place(o, [], later_area=False, near=True)
        if place is None:
            return None
        return replace(place, notes=(*place.notes, f"{o.name}: the place named about {km:g} km from {m.name}"))

    def far_from_anchor(self, m: PlaceMention, mentions: list[PlaceMention]) -> bool:
        """A name read as a gazetteer place far from the place the sentence says it is near
        ("X, near Ansongo" is not a namesake of X 500 km away): the anchor is coded instead."""
        if m.place is None or m.role not in ("in", "of", "near"):
            return False
        limit = ANCHOR_KM if m.place.score < 1.0 else 2 * ANCHOR_KM  # an exact namesake may lie a bit farther
        anchors = [a for a in mentions if a is not m and a.role in ("near", "distance") and a.place is not None]
        if m.role == "near":
            # "near X, 5 km from Y": a misspelling read as an X far from Y is not it
            if m.place.score >= 1.0:
                return False
            anchors = [a for a in anchors if a.role == "distance" or _stated_km(a.cue) > 0]
        return any(distance_km(m.place.latitude, m.place.longitude, a.place.latitude, a.place.longitude)
                   > max(limit, _stated_km(a.cue) * 1.5 + ANCHOR_KM / 2) for a in anchors if a.place is not None)

    def list_members(self, members: list[PlaceMention]) -> list[PlaceMention]:
        """The names of a list that are places of their own: "Soumpi, Niafunke" names Soumpi in
        the Niafunke cercle (one place; the Soumpi of that cercle when there is one), "Kaka, Sofara"
        a village by a town (one place: a pair of names close together), "Niono, Molodo and Kayes"
        and "Diolli, Roubere, Tana" three places. Returns new mentions; those given are unchanged."""
        out: list[PlaceMention] = []
        if len(members) > 1 and (_COORDINATION.search(self.v.folded, members[0].end, members[-1].start) or
                                 _LIST_CUE.search(members[0].cue)):
            return members  # "A, B and C", "des villages comme A, B, C": a list, every name its own place
        for m in members:
            if out:
                prev = out[-1]
                area = self.f.geo.admin_area(m.name)
                if area is not None and prev.place is not None and not area.contains(prev.place):
                    inside = place_inside(self.gaz, prev.name, area)
                    if inside is not None:
                        prev = out[-1] = replace(prev, place=inside)
                if len(members) == 2 and m.place is not None and prev.place is not None and distance_km(
                        m.place.latitude, m.place.longitude, prev.place.latitude, prev.place.longitude) <= SAME_PLACE_KM:
                    continue
                if area is not None and prev.place is not None and area.contains(prev.place):
                    continue
                if area is not None and prev.place is None and prev.hint_area is None:
                    out[-1] = replace(prev, hint_area=area)
                    continue
                if len(members) == 2 and area is None and prev.place is None and m.place is not None:
                    m = replace(m, role="near")  # "in X, Boni": a village the gazetteer lacks, by the town Boni
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
        """"The X area of Niono": the place named before "area of", when it lies near the place
        after it (a namesake far away is not it); "the X area of Bamako" is a quarter of a capital
        city, coded to the city."""
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
        point = self.f.geo.area_point(area)
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

    # ---- places borrowed from elsewhere in the report ---------------------------------------

    def borrowed_places(self, s: Sentence) -> list[EventPlace]:
        """The places of the sentence before, when it sets the scene ("Violence in Koro. Two
        killed.") without an event of its own; a short placeless sentence between them does not
        break the scene ("Attaque à Banamba; une banque; la gendarmerie prise d'assaut")."""
        for i in range(s.index - 1, max(-1, s.index - 1 - BORROW_SENTENCES), -1):
            prev = self.v.sentences[i]
            if prev.paragraph != s.paragraph or self.f.is_background(prev) or event_trigger(self.f, prev) is not None:
                return []
            options = self.sentence_options(prev, unresolved=False)
            places = self.f.weights.choose("place", options)
            if places is not None or self.f.places(prev) or len(self.f.text(prev).split()) > SHORT_SENTENCE_WORDS:
                return places.value if places is not None else self.referred_place(s)
        return self.referred_place(s)

    def referred_place(self, s: Sentence) -> list[EventPlace]:
        """"Those who stayed in the village were killed", "l'armée y est entrée": the sentence points
        back to a settlement, the last one the paragraph named before it (within
        :data:`REFER_SENTENCES`), coded as that place."""
        if place_cues(self.v.lang).back_reference.search(self.v.folded, s.start, s.end) is None:
            return []
        for i in range(s.index - 1, max(-1, s.index - 1 - REFER_SENTENCES), -1):
            prev = self.v.sentences[i]
            if prev.paragraph != s.paragraph:
                return []
            mentions = self.f.places(prev)
            # a namesake far from the place that sentence says it lies by ("X, a village of the
            # commune of Y") is not it: Y is the nearest place it supports
            named = [m for m in mentions if m.place is not None and m.place.feature_class == "P"
                     and m.role in ("in", "of", "bare", "near")
                     and not self.far_from_anchor(replace(m, role="in") if m.role == "bare" else m, mentions)]
            if named:
                place = self.code_place(named[0], [], later_area=False)
                return [place] if place is not None else []
        return []

    # ---- places the gazetteer cannot locate -------------------------------------------------

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

    def default_country(self) -> str:
        """The country name an event without a located place takes: the report's one country,
        else the first country conflictwatch covers."""
        return self.gaz.country_name(self.report_country() or DEFAULT_COUNTRIES[0])

    def unlocated(self, name: str, mention: PlaceMention, *, cc: str) -> EventPlace:
        """A place without coordinates: ``name`` as written, in the report's country, in the admin
        area the report names (if any), precision 3."""
        areas = [(m, m.area) for m in self.v.places if m.area is not None and m.area.country_code == cc]
        named: AdminArea | None = None  # the area the report itself places it in
        if areas:
            _, area = min(areas, key=lambda ma: (abs(mention.start - ma[0].start), ma[1].level))
            admin1, admin2 = area.admin1, area.admin2
            named = area
        else:  # the admin area of the nearest place the report locates
            located = [m for m in self.v.places if m.place is not None and m.place.country_code == cc
                       and m.role not in ("bare", "report", "from")]
            near = min(located, key=lambda m: abs(mention.start - m.start)) if located else None
            admin1 = near.place.admin1 if near is not None and near.place is not None else ""
            admin2 = ""
            if admin1:
                named = self.gaz.admin_area(f"{admin1} region", country=cc)
                named = named if named is not None and named.level == 1 and named.admin1 == admin1 else None
            homes = self.home_regions(cc)
            if not admin1 and name:
                admin1, admin2 = self.namesakes_area(name, cc)
                if homes and admin1 not in homes:
                    admin1, admin2 = "", ""  # the namesakes lie outside the actors' regions
            if not admin1 and homes:
                admin1 = homes[0]
        point = self.f.geo.area_point(named) if named is not None else None
        if named is not None and point is not None:
            # only the area is known: its capital (or centre), precision 3; a named place the
            # gazetteer lacks in a named province or cercle: its seat, precision 2
            precision = 2 if name and named.level == 2 else 3
            return EventPlace(location=name or point[0], latitude=point[1], longitude=point[2],
                              geo_precision=precision, country=named.country, country_code=cc,
                              admin1=named.admin1, admin2=named.admin2, mention=mention,
                              notes=(f"{name or 'no place named'}: coded to {named.name} {_AREA_WORD[named.level]}",))
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
        actors = self.f.actors(s)
        names = [m for m in self.f.places(s) if m.place is None and m.area is None and introduces_place(m)
                 and not any(a.start < m.end and m.start < a.end for a in actors) and not _is_country(m.name)]
        if not names:
            return []
        cc = self.report_country() or (place_countries(self.v.folded) or list(DEFAULT_COUNTRIES))[0]
        first = [m for m in names if m.group == names[0].group]
        if first[0].role == "between":
            first = first[:1]  # "between A and B": one event, near the first
        return unique_places([self.unlocated(m.name, m, cc=cc) for m in first])

    def placeholder(self, s: Sentence) -> EventPlace:
        """The place of a mention that names none, until another mention of its event gives one."""
        cc = self.report_country() or DEFAULT_COUNTRIES[0]
        return EventPlace(location="", latitude=None, longitude=None, geo_precision=3,
                          country=self.gaz.country_name(cc), country_code=cc, admin1="", admin2="",
                          mention=PlaceMention(s.start, s.start, "", "country", -1), notes=("no place named",))

    def unlocated_places(self, s: Sentence) -> list[EventPlace]:
        """No place named: the report's one country (its admin area when it names one), else none."""
        cc = self.report_country()
        if not cc:
            return []
        return [self.unlocated("", PlaceMention(s.start, s.start, "", "country", -1), cc=cc)]
