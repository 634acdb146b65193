"""One event per real event: the mentions of one attack across a report become one event.

A report tells the same attack two or three times: in its lead, again with the toll, again in
an official's words. Two mentions are one event when the decision ``same_event`` of
``data/extract_weights.csv`` says so: the same day (a mention dated only by its neighbours or the
publication date may take another's day), the same place or one inside the area the other names,
compatible types (one reading is often weaker: "an attack" beside "a suicide bombing"); against
it speak a contrast ("another attack", "une deuxième attaque"), a sequence ("after the clash"), a
separate place of the same list, places far apart, types that each stand on their own. Only
mentions told within :data:`LINK_WINDOW_CHARS` of each other meet, or two of one day and place.

Each cluster then takes every field from the mention that knows it best (decision weights in
:func:`fuse`): the most specific type, the date its own sentence names, the most precise place,
named actors over unidentified ones, and the toll the report's sentences give for that event.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from conflictwatch.extract._facts import DocFacts
from conflictwatch.extract._mention import EventMention, Toll, toll_rank
from conflictwatch.extract._what import counted_sides, harm_told
from conflictwatch.extract._who import ActorRoles
from conflictwatch.extract.structure import Sentence
from conflictwatch.geo import distance_km

__all__ = ["EVENT_ANAPHORA", "link_mentions", "with_victims_named"]

#: a placeless mention fitting several events joins the best when it fits it this much better
#: (the same day, "this attack"), else it sums them up and is dropped
PLACELESS_MARGIN = 2.0
#: places this close are one place for an event told twice (km)
NEAR_KM = 25.0
#: places farther apart than this are never one event's (km)
FAR_KM = 60.0
#: a mention joins only the events with a mention told within this many characters of its own, or
#: that tell its day at its place however far: a report's retellings of one event lie close
#: together; this is several news articles long (some six pages of a long report), and beyond it an
#: event of the same day nearby is another event. Keeps linking's work linear in the text.
LINK_WINDOW_CHARS = 20_000

#: "another attack", "a second assault", "une autre attaque", "une deuxième attaque", "separate"
_EVENT_NOUNS = (r"(?:attacks?|assaults?|ambush(?:es)?|raids?|strikes?|incidents?|clash(?:es)?|fighting|explosions?|"
                r"bombings?|killings?|massacres?|abductions?|kidnappings?|operations?|offensives?|episodes?|"
                r"attaques?|assauts?|embuscades?|frappes?|affrontements?|accrochages?|enlevements?|tueries?|"
                r"drames?|operations?|combats?|tirs?|violences?)")
#: the later mention marks itself as another event: "another attack", "a second ambush", "une
#: nouvelle attaque", "une attaque distincte", "au tour de", "attacked again", "à nouveau" (not
#: "motorcycles and other vehicles")
_CONTRAST = re.compile(r"\b(?:another|other|second|third|separate|distinct|new|fresh|autres?|deuxieme|seconde?|"
                       rf"troisieme|distincte?s?|nouvelles?|nouveaux?)\s+(?:[\w'-]+\s+){{0,2}}?{_EVENT_NOUNS}\b|"
                       rf"\b{_EVENT_NOUNS}\s+(?:distincte?s?|separate|separees?)\b|\bau tour de\b|"
                       r"\bin (?:another|a separate|a second) (?:\w+\s+)?\w+|\b(?:elsewhere|ailleurs|again|once more|a nouveau|"
                       r"de nouveau|une nouvelle fois|encore une fois)\b")
#: "this new attack", "cette nouvelle tragédie": the event being told, not another one
_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:this|that|these|cette|cet|ce|ces)\s+$")
_ALSO = re.compile(r"\b(?:also|too|as well|egalement|aussi)\b")
#: "after the clash", "followed by", "quelques heures après", "in retaliation": one event after another
_SEQUENCE = re.compile(r"\b(?:after|following|followed|preceding|preceded|before|in retaliation|"
                       r"in response|responded|apres|avant|suivi(?:e|s|es)?|en represailles|en reponse|"
                       r"riposte)\b")
#: "later", "then", "puis": one event after another only before the mention's trigger ("Later,
#: gunmen attacked X"); after it they go on within its own story ("attacked X, then Y")
_SEQUENCE_LEAD = re.compile(r"\b(?:afterwards|later|then|puis|ensuite)\b")
#: "the attack", "this assault", "l'attaque", "cette attaque": the event told before
EVENT_ANAPHORA = re.compile(r"\b(?:the|this|that|l'|cette|cet|ce|la|le|ces|these|those)\s*(?:deadly\s+|latest\s+|"
                       r"meurtrier\s+|meurtriere\s+)?(?:attacks?|assaults?|ambush|raids?|strikes?|killings?|massacres?|"
                       r"bombings?|explosions?|incidents?|violence|attaques?|assauts?|embuscades?|frappes?|tueries?|"
                       r"massacres?|explosions?|acte|drame|incident|enlevements?)\b")
#: sub-types that are never another reading of "an attack": the abductions of an attack's day
#: are an event of their own (ACLED codes one event per type)
_OWN_SUBTYPES = frozenset({"Abduction/forced disappearance", "Sexual violence"})
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: one demonstration told in its phases (a march, its dispersal, the rioting that followed) is one
#: event of a place and day, coded at its most severe form: the higher here the more severe
_DEMONSTRATION_SEVERITY = {"Peaceful protest": 1, "Protest with intervention": 2,
                           "Excessive force against protesters": 3, "Violent demonstration": 4}
#: kinds of the armed groups a report may name as the attacker (not states, not the catch-alls)
_NAMED_GROUP_KINDS = frozenset({"rebel", "militia", "identity"})
#: "by", "par" a few words before a name: "by terrorists belonging to the X group", "par des
#: assaillants appartenant à l'X"
_BY_BEFORE = re.compile(r"\b(?:by|par)\s+(?:[\w\"“”«»-]+\s+|\w*'\s*){0,6}$")
#: the registry's actor for unnamed jihadists ("Islamist Militia (<country>)")
ISLAMIST_ID = "islamist_gen"
#: a sentence telling of several events at once: "simultaneous attacks", "des attaques coordonnées"
_SEVERAL = re.compile(r"\b(?:attacks|assaults|raids|ambushes|strikes|simultaneous|coordinated|series|attaques|"
                      r"assauts|embuscades|frappes|simultanees|coordonnees|serie)\b")
#: inter codes of the armed groups a summary of attacks may name as their attacker
_GROUP_INTERS = frozenset({2, 3, 4})
#: the farthest apart (in days) a week-precise date and a day of the same week may lie
_WEEK_SPAN = 6
_EXPLICIT_UNKNOWN = re.compile(r"\b(?:unknown|unidentified|non[- ]identifi\w*|inconnu\w*)\b")


def _type_inferred(m: EventMention) -> bool:
    """Whether the mention's type is read from its context (a generic "attack" or "killed" whose
    target decides) rather than named by its trigger ("suicide bomber", "ambush", "clash")."""
    return "target" in m.trigger.value.rule.context.split()


def _placeless(m: EventMention) -> bool:
    return any(f.name == "no_place" for f in m.where.features)


def _located(m: EventMention) -> bool:
    return m.place.latitude is not None and m.place.longitude is not None


def _dated_own(m: EventMention) -> bool:
    """Whether the report dates the mention itself (its sentence, the event before it, the
    sentences before it), rather than by the publication date or a date told after it."""
    return not any(f.name in ("publication", "later_sentence") for f in m.when.features)


def _within_span(a: EventMention, b: EventMention) -> bool:
    """Whether one mention is dated only to a week ("cette semaine", "earlier this week") that
    holds the other's day: the two dates do not disagree. (A month is too wide to say so: two
    events of one village in April are two events.)"""
    wide = max(a.when.value.precision, b.when.value.precision)
    return wide == 2 and abs((a.day - b.day).days) <= _WEEK_SPAN


def _refers_back_undated(m: EventMention, folded: str) -> bool:
    """Whether the mention refers back to an event told before ("l'attaque s'est déroulée près de
    X") in a sentence naming no date: its day, borrowed from the sentences before it, is the day of
    the event it refers to, not a day of its own."""
    return any(f.name == "earlier_sentence" for f in m.when.features) and EVENT_ANAPHORA.search(folded) is not None


def _anchor(m: EventMention) -> bool:
    """Whether the mention stands at a gazetteer place of its own (not an area, not the report's
    country): two such mentions more than FAR_KM apart are ``far_places``."""
    return bool(m.place.geonameid) and _located(m) and not _placeless(m) and not _area_reading(m)


#: Latitudes further apart than this (degrees, plus a rounding margin) put two places more than
#: FAR_KM apart whatever their longitudes: a great circle is at least its latitude difference long.
_FAR_DEGREES = math.degrees(FAR_KM / 6371.0) + 1e-6


def _day_place(m: EventMention) -> tuple[date, object] | None:
    """The day and place (as ``same_place`` compares them) a mention tells, None for no place."""
    if _placeless(m):
        return None
    p = m.place
    if p.geonameid:
        return m.day, p.geonameid
    return (m.day, (p.location, p.admin1)) if p.location else None


def _area_reading(m: EventMention) -> bool:
    """Whether the mention is placed only by an admin area or the report's country."""
    return m.place.geo_precision == 3 or any(f.name in ("area", "report_country", "cued_in_area")
                                             for f in m.where.features)


def pair_features(f: DocFacts, a: EventMention, b: EventMention) -> list[str]:
    """The features of decision ``same_event`` for mention ``b`` told after mention ``a``."""
    if _sentence_parts(a, b):
        return ["same_sentence_apart"]  # the sentence itself parts them: a list of places or days
    return [_day_feature(f, a, b), _place_feature(a, b), _type_feature(a, b), *_told_features(f, b),
            *_next_sentence(a, b)]


def _sentence_parts(a: EventMention, b: EventMention) -> bool:
    return a.sent.index == b.sent.index and (
        (a.place.geonameid or a.place.location) != (b.place.geonameid or b.place.location) or a.day != b.day)


def _day_feature(f: DocFacts, a: EventMention, b: EventMention) -> str:
    if a.day == b.day:
        return "same_day"
    if _dated_own(a) and _dated_own(b) and not _within_span(a, b) and \
            not _refers_back_undated(b, f.v.folded[b.sent.start:b.sent.end]):
        return "different_days"
    return "day_unsure"


def _day_strict(f: DocFacts, m: EventMention) -> bool:
    """Whether the mention's own sentence dates it to a day that no other mention's date can be
    taken for: dated by its own sentences, to the day, not referring back in a sentence of no
    date. Two such mentions of different days never pass (the ``different_days`` veto)."""
    return _dated_own(m) and m.when.value.precision == 1 and \
        not _refers_back_undated(m, f.v.folded[m.sent.start:m.sent.end])


def _place_feature(a: EventMention, b: EventMention) -> str:
    pa, pb = a.place, b.place
    if _placeless(a) or _placeless(b):
        return "placeless"
    if (pa.geonameid and pa.geonameid == pb.geonameid) or (not pa.geonameid and pa.location and
                                                         pa.location == pb.location and pa.admin1 == pb.admin1):
        return "same_place"
    if _located(a) and _located(b):
        km = distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)  # type: ignore[arg-type]
        if km <= NEAR_KM and (pa.geo_precision > 1 or pb.geo_precision > 1):
            return "near_place"  # "near X" and "in Y" close by: one place told two ways
        if km > FAR_KM and not (_area_reading(a) or _area_reading(b)):
            return "far_places"
        if (_area_reading(a) or _area_reading(b)) and pa.admin1 == pb.admin1:
            return "area_holds_place"
        return "other_place"
    if pa.admin1 and pa.admin1 == pb.admin1 and (_area_reading(a) or _area_reading(b)):
        return "area_holds_place"
    return "other_place"


def _type_feature(a: EventMention, b: EventMention) -> str:
    if a.sub_event_type in _DEMONSTRATION_SEVERITY and b.sub_event_type in _DEMONSTRATION_SEVERITY:
        return "one_demonstration"
    if a.event_type == b.event_type:
        return "same_type"
    if a.event_type in _VIOLENT and b.event_type in _VIOLENT and (_type_inferred(a) or _type_inferred(b)) \
            and _OWN_SUBTYPES.isdisjoint((a.sub_event_type, b.sub_event_type)):
        return "weaker_type_reading"
    return "different_types"


def _told_features(f: DocFacts, b: EventMention) -> list[str]:
    """What the later mention's own sentence says of it (contrast, also, sequence, anaphora): the
    same whichever mention it is paired with."""
    feats: list[str] = []
    text = f.v.folded[b.sent.start:b.sent.end]
    lead = text[:max(1, b.trigger.value.start - b.sent.start + 1)]
    contrast = next((c for c in _CONTRAST.finditer(lead) if not _DEMONSTRATIVE_BEFORE.search(lead, 0, c.start())), None)
    if contrast is not None:
        feats.append("contrast")
    elif _ALSO.search(lead):
        feats.append("also")
    if _SEQUENCE.search(text) or _SEQUENCE_LEAD.search(lead):
        feats.append("sequence")
    if EVENT_ANAPHORA.search(text):
        feats.append("anaphora")
    return feats


def _next_sentence(a: EventMention, b: EventMention) -> list[str]:
    if b.sent.index - max(s.index for s in (a.sent, *a.support)) == 1 and b.sent.paragraph == a.sent.paragraph:
        return ["next_sentence"]
    return []


class _Pairs:
    """Decision ``same_event`` on the pairs of one report, with what does not depend on the pair
    computed once per mention, and pairs that cannot pass refused on their day and place alone.

    A long report holds hundreds of events, and each new mention meets each of them: the day and
    the place part most pairs, so the rest of their features (the sentence's words, the types) is
    only read when the best it could add would reach the threshold. And when two days their own
    sentences date can never be one event's (the weights' veto), a mention its sentence dates only
    meets the events with no day of their own or with its day; and a mention at a gazetteer place
    meets only the events whose first such place lies within the latitude band that places far
    apart (the weights' other veto) cannot leave (:meth:`candidates`): the events of other days and
    other parts of the country are not visited at all. The outcome is the decision's. Nor does a
    mention meet the events told more than :data:`LINK_WINDOW_CHARS` from it (unless they tell
    its day at its place): without that, a long report's work grows with the square of its length.
    """

    def __init__(self, f: DocFacts, *, window: int | None = LINK_WINDOW_CHARS) -> None:
        self.f = f
        self.told: dict[int, list[str]] = {}
        weights = f.weights.features("same_event")
        self.threshold = f.weights.thresholds.get("same_event", 0.0)
        self.weight = weights
        best = max(weights[k] for k in ("one_demonstration", "same_type", "weaker_type_reading", "different_types"))
        best += max(weights["contrast"], weights["also"], 0.0)
        best += sum(max(weights[k], 0.0) for k in ("sequence", "anaphora", "next_sentence"))
        self.rest = best
        places = ("placeless", "same_place", "near_place", "area_holds_place", "other_place", "far_places")
        #: whether two mentions dated to different days by their own sentences never pass
        self.day_veto = weights["different_days"] + max(weights[k] for k in places) + best < self.threshold - 1e-9
        days = ("same_day", "day_unsure", "different_days")
        #: whether places more than FAR_KM apart (both gazetteer places, neither an area) never pass
        self.place_veto = weights["far_places"] + max(weights[k] for k in days) + best < self.threshold - 1e-9
        self.window = window
        self.clusters: list[list[EventMention]] = []
        self.seen: list[int] = []  # per cluster: how many of its mentions are indexed
        self.grown: set[int] = set()  # clusters with mentions not yet indexed
        self.own_days: list[set[date]] = []  # per cluster: the days its mentions' own sentences date strictly
        self.loose: set[int] = set()  # clusters with a mention whose own date may take another's day
        self.anchor_lat: list[float | None] = []  # per cluster: the latitude of its first gazetteer place
        self.starts: list[tuple[int, int]] = []  # (sentence start, cluster) of every indexed mention, sorted
        self.told_at: dict[tuple[date, object], set[int]] = {}  # (day, place) -> the clusters telling it

    def join(self, i: int, m: EventMention) -> None:
        """Add ``m`` to cluster ``i``."""
        self.clusters[i].append(m)
        self.grown.add(i)

    def open(self, m: EventMention) -> None:
        """Start a cluster with ``m``."""
        self.clusters.append([m])
        self.grown.add(len(self.clusters) - 1)

    def _index(self) -> None:
        """Index the mentions added since the last call (only those: the work stays per mention)."""
        f = self.f
        for i in sorted(self.grown):
            while len(self.seen) <= i:
                self.seen.append(0)
                self.own_days.append(set())
                self.anchor_lat.append(None)
            added = self.clusters[i][self.seen[i]:]
            self.seen[i] += len(added)
            if self.anchor_lat[i] is None:
                anchor = next((o for o in added if _anchor(o)), None)
                if anchor is not None:
                    self.anchor_lat[i] = anchor.place.latitude
            if any(_dated_own(o) and not _day_strict(f, o) for o in added):
                self.loose.add(i)  # a week's date, a back-reference: it may take another's day
            self.own_days[i].update(o.day for o in added if _day_strict(f, o))
            for o in added:
                insort(self.starts, (o.sent.start, i))
                key = _day_place(o)
                if key is not None:
                    self.told_at.setdefault(key, set()).add(i)
        self.grown.clear()

    def candidates(self, m: EventMention) -> list[int]:
        """The indexes (in order) of the clusters ``m`` may pass with.

        Within :data:`LINK_WINDOW_CHARS` of ``m`` (a mention of theirs told that close) or telling
        ``m``'s day at ``m``'s place; of those, when ``m`` is dated by its own sentence and
        different days veto, the clusters whose own days are ``m``'s (or that have none, or a
        loose one); when ``m`` stands at a gazetteer place and far places veto, those whose first
        such place lies in the latitude band within FAR_KM (or that have none).
        """
        self._index()
        if self.window is None:
            near: Iterable[int] = range(len(self.clusters))
        else:
            at = m.sent.start
            found = {i for _, i in self.starts[bisect_left(self.starts, (at - self.window, -1)):
                                               bisect_right(self.starts, (at + self.window, len(self.clusters)))]}
            key = _day_place(m)
            if key is not None:
                found |= self.told_at.get(key, set())
            near = sorted(found)
        by_day = self.day_veto and _day_strict(self.f, m)
        lat = m.place.latitude if self.place_veto and _anchor(m) else None
        if not by_day and lat is None:
            return list(near)
        out = []
        for i in near:
            if by_day and self.own_days[i] and i not in self.loose and self.own_days[i] != {m.day}:
                continue
            if lat is not None and (a := self.anchor_lat[i]) is not None and \
                    not lat - _FAR_DEGREES <= a <= lat + _FAR_DEGREES:
                continue
            out.append(i)
        return out

    def passes(self, a: EventMention, b: EventMention) -> tuple[bool, float]:
        """``Weights.passes("same_event", pair_features(f, a, b))`` for ``b`` told after ``a``."""
        if not _sentence_parts(a, b):
            day = _day_feature(self.f, a, b)
            bound = self.weight[day] + self.weight[_place_feature(a, b)] + self.rest
            if bound < self.threshold - 1e-9:
                return False, bound
            told = self.told.get(id(b))
            if told is None:
                told = self.told[id(b)] = _told_features(self.f, b)
            feats = [day, _place_feature(a, b), _type_feature(a, b), *told, *_next_sentence(a, b)]
        else:
            feats = ["same_sentence_apart"]
        ok, score, _ = self.f.weights.passes("same_event", feats)
        return ok, score


def link_mentions(f: DocFacts, mentions: Sequence[EventMention], *,
                  window: int | None = LINK_WINDOW_CHARS) -> list[list[EventMention]]:
    """The mentions grouped into events, in the order their first mention is told.

    A mention joins the event whose every mention it may be one with (the weakest pair decides),
    the best such event when several are. A mention without a place joins the one event it fits,
    or the one it fits clearly best; fitting the events of one sentence's list of places alike, it
    tells each of them (its toll split across them); fitting several others alike, it sums them up
    and tells none of its own: told as several ("simultaneous attacks"), it lends each its day,
    claim and attacker (:func:`_as_summary`), else it is dropped.
    """
    pairs = _Pairs(f, window=window)
    clusters = pairs.clusters
    parts: dict[int, EventMention] = {}  # the share of a summary told of each event of a list: its mention
    for m in mentions:
        if _placeless(m):
            continue
        fits = _fits(pairs, m)
        if fits:
            pairs.join(max(fits, key=lambda kv: kv[1])[0], m)
        else:
            pairs.open(m)
    for m in mentions:
        if not _placeless(m):
            continue
        fits = sorted(_fits(pairs, m, agg=max), key=lambda kv: -kv[1])
        siblings = _one_list(clusters, [i for i, _ in fits])
        if len(fits) == 1 or (len(fits) > 1 and fits[0][1] - fits[1][1] >= PLACELESS_MARGIN):
            pairs.join(fits[0][0], m)
        elif siblings:
            # "coordinated attacks killed 21" beside "its camps at X and at Y": the summary tells
            # every event of the list, its toll split across them
            for k, i in enumerate(siblings):
                part = replace(m, share=len(siblings), share_index=k)
                parts[id(part)] = m
                pairs.join(i, part)
        elif not fits:
            pairs.open(m)
        elif _SEVERAL.search(f.v.folded, m.sent.start, m.sent.end):
            # a summary of several events ("simultaneous attacks by suspected jihadists killed
            # twelve on Thursday"): it tells none of its own, and lends each its day and attacker
            lent = _as_summary(m)
            for i, _ in fits:
                parts[id(lent)] = m
                pairs.join(i, lent)
    order = {id(m): i for i, m in enumerate(mentions)}
    order.update({k: order[id(m)] for k, m in parts.items()})
    for cluster in clusters:
        cluster.sort(key=lambda m: order[id(m)])
    clusters.sort(key=lambda c: order[id(c[0])])
    return clusters


def _as_summary(m: EventMention) -> EventMention:
    """``m`` as the summary of the events it fits: its day, claim and attacker only, an attacker
    that is an armed group (state forces in a summary are the ones who responded: "during their
    response to these attacks, the army...")."""
    roles = m.roles
    if roles.inter1 not in _GROUP_INTERS:
        roles = replace(roles, actor1="", inter1=0, assoc1="", unidentified1=True)
    return replace(m, summary=True, toll=Toll(), roles=replace(roles, actor2="", inter2=0, assoc2=""))


def _one_list(clusters: list[list[EventMention]], fits: list[int]) -> list[int]:
    """The clusters ``fits`` (in the order told) when they are the events of one sentence's list
    of places or days, else none."""
    if len(fits) < 2:
        return []
    shared = set.intersection(*({m.sent.index for m in clusters[i] if m.share > 1} for i in fits))
    return sorted(fits, key=lambda i: min(m.share_index for m in clusters[i] if m.sent.index in shared)) \
        if shared else []


def _fits(pairs: _Pairs, m: EventMention, *,
          agg: Callable[[list[float]], float] = min) -> list[tuple[int, float]]:
    """The clusters mention ``m`` may join (it passes with each of their mentions), with the score
    of its weakest pair in each (``agg=max``: of its strongest)."""
    out = []
    for i in pairs.candidates(m):
        scores = []
        for o in pairs.clusters[i]:
            a, b = (o, m) if o.sent.index <= m.sent.index else (m, o)
            ok, score = pairs.passes(a, b)
            if not ok:
                break
            scores.append(score)
        else:
            out.append((i, agg(scores)))
    return out


def _actor1_rank(f: DocFacts, roles: ActorRoles, country: str) -> int:
    """How well an attacker is known: a named group 3, claimed 2, unnamed jihadists 1, else 0."""
    if roles.claimed_by:
        return 2 if roles.unidentified1 else 3
    if not roles.unidentified1 and roles.actor1:
        return 3
    return 1 if roles.actor1 == f.registry.generic("islamist", country) else 0


def _roles_rank(f: DocFacts, roles: ActorRoles, country: str) -> tuple[bool, int]:
    """How well a mention knows the event's sides: a target other than an unidentified group,
    then its attacker (:func:`_actor1_rank`)."""
    return bool(roles.actor2) and roles.actor2 != f.registry.generic("unidentified", country), _actor1_rank(f, roles, country)


def _type_rank(m: EventMention) -> tuple[bool, int, bool, bool, int]:
    """Never a summary lent to the event; a demonstration's most severe form first (the rioting after a march); then named types
    ("ambush", "suicide bomber"); then a type its context decided (the target, the victims, a
    crowd) over a trigger's default reading; then the trigger's priority."""
    refined = any(feat.name != "trigger" for feat in m.kind.features)
    return (not m.summary, _DEMONSTRATION_SEVERITY.get(m.sub_event_type, 0), not _type_inferred(m), refined,
            m.trigger.value.priority)


def with_victims_named(f: DocFacts, roles: ActorRoles, other: ActorRoles, country: str) -> ActorRoles:
    """``roles`` with the civilian victims of ``other`` when ``roles`` has them only as the event
    country's civilians and ``other`` tells their nationality ("the truck carried Algerian and
    Nigerien workers": Civilians (International))."""
    home = f.registry.generic("civilians", country)
    if roles.actor2 != home or other.inter2 != 7 or other.actor2 == home:
        return roles
    if other.actor2 not in (f.registry.generic("civilians", c) for c in ("International", *f.registry.nationality_names.values())):
        return roles
    return replace(roles, actor2=other.actor2, assoc2=other.assoc2 or roles.assoc2)


def _agent_group(f: DocFacts, cluster: Sequence[EventMention]) -> EventMention | None:
    """The named armed group that a sentence of the event says killed or wounded its victims
    ("44 civilians were killed by terrorists belonging to the X group"), as a mention of it."""
    folded = f.v.folded
    for c in cluster:
        for s in (c.sent, *c.support):
            for a in f.actors(s):
                if a.actor.kind in _NAMED_GROUP_KINDS and not a.actor.templated and \
                        _BY_BEFORE.search(folded, max(s.start, a.start - 60), a.start) and \
                        harm_told(folded, s.start, a.start):
                    return replace(c, roles=replace(c.roles, actor1=f.registry.name_for(a.actor, c.day, country=c.country),
                                                    inter1=f.registry.inter_for(a.actor, country=c.country)))
    return None


def name_attackers(f: DocFacts, m: EventMention, cluster: Sequence[EventMention]) -> EventMention:
    """Unnamed attackers are the named group a sentence of the event says killed its victims
    ("... were killed by fighters of the X group"); else, when the report calls them terrorists
    or jihadists ("an attack by armed men" beside "the terrorists fled"), an Islamist militia;
    unless it calls them unidentified."""
    roles = m.roles
    if not roles.unidentified1 or roles.unknown1 or roles.inter1 != 3:
        return m
    generic = f.registry.generic("unidentified", m.country)
    if roles.actor1 in (generic, f.registry.generic("islamist", m.country)) and \
            (agent := _agent_group(f, cluster)) is not None and agent.roles.actor1 not in (roles.actor2, roles.actor1):
        return replace(m, roles=replace(roles, actor1=agent.roles.actor1, inter1=agent.roles.inter1, unidentified1=False,
                                        features=(*roles.features, "agent_named_in_event")))
    if roles.actor1 != generic:
        return m
    islamist = [a for c in cluster for s in (c.sent, *c.support) for a in f.actors(s)
                if a.actor.id == ISLAMIST_ID]
    if not islamist or any(_EXPLICIT_UNKNOWN.search(f.v.folded, c.sent.start, c.sent.end) for c in cluster):
        return m
    name = f.registry.generic("islamist", m.country)
    if name in (roles.actor2, roles.actor1):
        return m
    return replace(m, roles=replace(roles, actor1=name, features=(*roles.features, "called_jihadists")))


#: the registry's catch-all actors whose names take the event's country
_COUNTRY_ACTORS = ("uag_gen", "civ_gen", "prot_gen", "riot_gen", "islamist_gen", "mil_gen", "pol_gen", "gend_gen")


def recountry(f: DocFacts, roles: ActorRoles, old: str, new: str, on: date) -> ActorRoles:
    """The roles of a mention named in the country it was guessed to be in (``old``: it named no
    place) once the event is placed in ``new``: "Protesters (Mali)" become "Protesters (Burkina
    Faso)" when the report's place is Burkinabe. Named groups keep their names."""
    if old == new or not new:
        return roles
    names = {f.registry.name_for(f.registry.get(i), on, country=old): f.registry.name_for(f.registry.get(i), on, country=new)
             for i in _COUNTRY_ACTORS}

    def swap(value: str) -> str:
        return "; ".join(names.get(part, part) for part in value.split("; ")) if value else value

    return replace(roles, actor1=swap(roles.actor1), assoc1=swap(roles.assoc1), actor2=swap(roles.actor2),
                   assoc2=swap(roles.assoc2))


def _sides(f: DocFacts, m: EventMention) -> set[str]:
    out: set[str] = set()
    for s in m.toll.sentences:
        count = f.fatalities(s)
        if count is not None:
            out |= counted_sides(f, s, count)
    return out


def _with_other_side(f: DocFacts, toll_from: EventMention, tolled: Sequence[EventMention]) -> Toll:
    """The toll of ``toll_from`` plus the dead of the other side that other mentions count ("eight
    gendarmes were killed ... around 50 terrorists had been killed"): ACLED counts every death of
    the event; a second figure for the same side stays a concurrent one."""
    toll = toll_from.toll
    sides = _sides(f, toll_from)
    for m in tolled:
        if m is toll_from or not m.toll.fatalities or set(m.toll.sentences) & set(toll.sentences):
            continue
        its = _sides(f, m)
        if sides and its and not its & sides and "fighters" in its | sides:
            toll = replace(toll, fatalities=toll.fatalities + m.toll.fatalities, unknown=False,
                           vague=toll.vague or m.toll.vague, sentences=(*toll.sentences, *m.toll.sentences))
            sides |= its
    return toll


def called_unidentified(f: DocFacts, roles: ActorRoles, others: Sequence[ActorRoles], country: str,
                        sentences: Sequence[Sentence] = ()) -> ActorRoles:
    """``roles`` with an unidentified armed group for the generic Islamist militia when another
    mention of the event, or one of its ``sentences``, calls the attackers unidentified
    ("Militants killed 31 ..." beside "the bus was attacked by unidentified gunmen"): the report
    says it does not know who they are, and "militants" does not name them."""
    islamist, unknown = f.registry.generic("islamist", country), f.registry.generic("unidentified", country)
    if roles.actor1 != islamist or roles.actor2 == unknown:
        return roles
    folded = f.v.folded
    if not any(o.unknown1 for o in others) and not any(
            a.actor.kind == "unidentified" and _EXPLICIT_UNKNOWN.search(folded, a.start, a.end)
            for s in sentences for a in f.actors(s)):
        return roles
    return replace(roles, actor1=unknown, unidentified1=True, unknown1=True,
                   features=(*roles.features, "called_unidentified"))


def fuse(f: DocFacts, cluster: list[EventMention]) -> EventMention:
    """One mention standing for the cluster, each field from the mention that knows it best."""
    m = name_attackers(f, _fuse(f, cluster), cluster)
    roles = called_unidentified(f, m.roles, [c.roles for c in cluster], m.country,
                                [s for c in cluster for s in (c.sent, *c.support)])
    return m if roles is m.roles else replace(m, roles=roles)


def _fuse(f: DocFacts, cluster: list[EventMention]) -> EventMention:
    first = cluster[0]
    if len(cluster) == 1:
        return first
    typed = max(cluster, key=_type_rank)
    dated = max(cluster, key=lambda m: m.when.score)
    placed = min(cluster, key=lambda m: (not _located(m), _area_reading(m), m.place.geo_precision))
    out = replace(first, summary=False, sent=typed.sent, trigger=typed.trigger, kind=typed.kind, when=dated.when, day=dated.day,
                  place=placed.place, where=placed.where, country=placed.country,
                  support=tuple(dict.fromkeys(s for m in cluster for s in (m.sent, *m.support)
                                              if s is not typed.sent)))
    # the roles of the mention that names the event best (or of one of its type that knows both
    # sides better: "gunmen attacked X, killing four VDP" beside "the air force then killed 30
    # terrorists"), with a better-known attacker from the others
    roles = typed.roles
    if roles.actor1 == f.registry.generic("unidentified", first.country):
        roles = max((m.roles for m in cluster if m.sub_event_type == typed.sub_event_type and m.roles.inter1 != 1),
                    key=lambda r: _roles_rank(f, r, first.country) + (r is typed.roles,), default=roles)
    attacker = max((m.roles for m in cluster), key=lambda r: _actor1_rank(f, r, first.country))
    if _actor1_rank(f, attacker, first.country) > _actor1_rank(f, roles, first.country) and \
            attacker.actor1 != roles.actor2:
        roles = replace(roles, actor1=attacker.actor1, inter1=attacker.inter1, assoc1=attacker.assoc1,
                        unidentified1=attacker.unidentified1, unknown1=attacker.unknown1,
                        actor_sentence=attacker.actor_sentence, features=(*roles.features, *attacker.features))
    for m in cluster:
        other = m.roles
        if not roles.actor2 and other.actor2 and other.actor2 != roles.actor1:
            roles = replace(roles, actor2=other.actor2, inter2=other.inter2, assoc2=other.assoc2 or roles.assoc2)
        else:
            roles = with_victims_named(f, roles, other, typed.country)
        if other.claimed_by and not roles.claimed_by:
            roles = replace(roles, claimed_by=other.claimed_by, claim_sentence=other.claim_sentence)
    tolled = [m for m in cluster if m.toll.said]
    if tolled:
        toll_from = min(tolled, key=toll_rank)
        out = replace(out, toll=_with_other_side(f, toll_from, tolled), share=toll_from.share,
                      share_index=toll_from.share_index)
    if _placeless(typed) and placed.country != typed.country:
        roles = recountry(f, roles, typed.country, placed.country, dated.day)
    return replace(out, roles=roles)
