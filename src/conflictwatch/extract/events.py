"""From the annotations of one report to its events, coded in ACLED's conventions.

An event is (date, place, actor pair, type). The steps, each returning new frozen records:

1. **Mentions.** Every sentence with a trigger is read on its own (:mod:`._what`, :mod:`._where`,
   :mod:`._when`, :mod:`._who`): whether it reports an event at all or is background; its type;
   where (one mention per place of a list, one per day of a short range of days); when; who did
   what to whom; its toll. The sentences after it that only add to it (its toll, "Bilan : ...",
   the attackers' flight) are its ``support``. A sentence without a place of its own tells of the
   event just before it, or borrows the scene the sentence before it set.
2. **Claims and attributions.** A claim of responsibility, or the report blaming an actor ("blamed
   on Boko Haram", "imputée à l'EIGS"), codes the event of its sentence, else the event just
   before it (every one before for "the attacks"; the next one when none comes before), never
   attackers the report calls unknown, never when the claim is denied or missing. Only a claim
   is a partisan source (``claimed_by``).
3. **One event per real event.** Mentions of the same (date, place, type) are one event, keeping
   every piece of evidence; the best-informed mention gives each field.
4. **Records.** Each event becomes an :class:`~conflictwatch.records.Event` with the sentence
   behind every field (:class:`~conflictwatch.records.Evidence`) and a confidence.

Every decision is scored from named features weighed in ``data/extract_weights.csv`` (see
:mod:`.scoring`); an :class:`EventMention` keeps the decisions, so a test can ask why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from conflictwatch.extract._facts import DocFacts, DocView, Geo
from conflictwatch.extract._link import (
    EVENT_ANAPHORA,
    called_unidentified,
    fuse,
    link_mentions,
    with_victims_named,
)
from conflictwatch.extract._mention import EventMention, Toll, toll_rank
from conflictwatch.extract._what import classify, event_trigger
from conflictwatch.extract._when import RELATIVE_DAY, EventDate, event_date, event_days
from conflictwatch.extract._where import Locator
from conflictwatch.extract._who import (
    attributed,
    claimant,
    code_actors,
    negated_claim,
    with_attribution,
    with_claim,
)
from conflictwatch.extract.actors import ActorRegistry
from conflictwatch.extract.numbers import parse_fatalities, summary_figure, vague_figure
from conflictwatch.extract.places import EventPlace
from conflictwatch.extract.scoring import Candidate, Decision, Weights
from conflictwatch.extract.structure import Sentence
from conflictwatch.extract.triggers import TriggerMatch
from conflictwatch.geo import Gazetteer, country_iso_numeric, country_region
from conflictwatch.records import (
    Event,
    EventSource,
    Evidence,
    disorder_type_for,
    event_id,
    interaction_code,
)

__all__ = ["DocView", "EventMention", "Sentence", "Toll", "build_events", "classify_sentence", "placeless",
           "read_mentions"]

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
#: a claim of "the attacks", "ces attaques": every violent event told before it
_PLURAL_CLAIM = re.compile(r"\b(?:attacks|assaults|ambushes|operations|several|both|these|those|attaques|assauts|"
                           r"embuscades|plusieurs|ces)\b")

#: the farthest a sentence adding to an event may follow it (sentences after the event's)
SUPPORT_SPAN = 4
#: readings of a support sentence's places that may place the event it adds to
_SUPPORT_READINGS = frozenset({"cued", "cued_in_area"})


@dataclass(frozen=True, slots=True)
class _Reading:
    """An event sentence read on its own, before its support is known."""

    sent: Sentence
    trigger: Decision[TriggerMatch]
    kind: Decision[tuple[str, str]]
    when: Decision[EventDate]
    days: tuple[date, ...]
    where: Decision[list[EventPlace]]


# --------------------------------------------------------------------------- 1. mentions


def read_mentions(f: DocFacts, *, country: bool = False) -> list[EventMention]:
    """The event mentions of the report. A mention without a place of its own keeps a placeholder
    (see :func:`placeless`) that a later mention of the same event may replace; with ``country``,
    the report's country stands for the place of place-less event sentences instead."""
    return _mentions(f, Locator(f), country=country)


def placeless(m: EventMention) -> bool:
    """Whether the mention's sentence (and the scene before it) names no place at all."""
    return any(feat.name == "no_place" for feat in m.where.features)


def _mentions(f: DocFacts, loc: Locator, *, country: bool) -> list[EventMention]:
    readings: list[_Reading] = []
    support: dict[int, list[Sentence]] = {}
    last: _Reading | None = None
    for s in f.v.sentences:
        if s.role == "headline":
            continue  # a headline sums up the events the report then tells, one by one
        if not f.triggers(s):
            if last is not None and _attaches(f, s, last.sent, support[last.sent.index]):
                support[last.sent.index].append(s)
            continue
        trigger = event_trigger(f, s)
        if trigger is None:
            continue
        t = trigger.value
        options = loc.sentence_options(s)
        relative = RELATIVE_DAY.search(f.v.folded, s.start, s.end)
        if last is not None and relative is not None and not relative.group("same"):
            # "The next day, gunmen attacked again": another day at the same place
            options.append(Candidate(last.where.value, ("same_place_next_day",), relative.start(), relative.end()))
        where = f.weights.choose("place", options)
        if where is None:
            if last is not None and _attaches(f, s, last.sent):
                support[last.sent.index].append(s)
                continue
            borrowed = loc.borrowed_places(s)
            fallback = [Candidate(borrowed, ("borrowed_scene",), s.start, s.end)] if borrowed else []
            if not borrowed and country:
                unlocated = loc.unlocated_places(s)
                fallback = [Candidate(unlocated, ("report_country",), s.start, s.end)] if unlocated else []
            if not fallback and not country:
                # no place yet: a later mention of the same event may give it ("Gunmen attacked an
                # army camp ... The camp in X remains under control")
                fallback = [Candidate([loc.placeholder(s)], ("no_place",), s.start, s.end)]
            where = f.weights.choose("place", fallback)
            if where is None:
                continue
        previous = readings[-1].when.value if readings else None
        when = event_date(f, s, t, previous)
        if when is None:
            continue
        actors_before = [m for m in f.actors(s) if m.end <= t.start]
        kind = classify(f, s, t, actors_before)
        days = tuple(event_days(f, s, t, when.value))
        last = _Reading(s, trigger, kind, when, days, where)
        readings.append(last)
        support[s.index] = []
    out: list[EventMention] = []
    for r in readings:
        extra = tuple(support[r.sent.index])
        if extra and any(feat.name == "no_place" for feat in r.where.features):
            r = replace(r, where=_support_place(f, loc, r, extra))
        elif extra and r.where.value and all(p.geo_precision == 3 for p in r.where.value):
            # placed only by its region: a place in that region the sentences adding to it name
            better = _support_place(f, loc, r, extra)
            if better is not r.where and all(p.geo_precision < 3 and p.admin1 == r.where.value[0].admin1
                                             for p in better.value):
                r = replace(r, where=better)
        t = r.trigger.value
        if extra and {"protest", "target"} & set(t.rule.context.split()):
            # a demonstration's later phases, told in the sentences adding to it, make its form; a
            # massacre told there, the victims of an attack
            r = replace(r, kind=classify(f, r.sent, t, [m for m in f.actors(r.sent) if m.end <= t.start], extra))
        pairs = [(d, p) for d in r.days for p in r.where.value]
        # "killed eleven: six in X, two in Y and three on the road to Z": each place its own toll
        counts = [_count_at(loc, r.sent, p) for _, p in pairs] if len(pairs) > 1 and len(r.days) == 1 else []
        own = bool(counts) and all(c is not None for c in counts)
        told_in = r.sent
        if counts and not own:
            # "... attacks on two villages. 'In X there were 70 dead and in Y 30'": the tolls by place
            # a sentence adding to the event gives
            for o in extra:
                later = [_count_told_at(f, o, p) for _, p in pairs]
                if all(c is not None for c in later):
                    counts, own, told_in = later, True, o
                    break
        for k, (day, place) in enumerate(pairs):
            m = EventMention(r.sent, r.trigger, r.kind, r.when, day, r.where, place,
                             place.country or loc.default_country(), share=1 if own else len(pairs),
                             share_index=0 if own else k, support=extra)
            roles = code_actors(f, r.sent, r.trigger.value, event_type=m.event_type,
                                sub_event_type=m.sub_event_type, country=m.country, on=day, support=extra,
                                at=place.mention.start if len(r.where.value) > 1 else None)
            toll = Toll(counts[k] or 0, said=True, sentences=(told_in,)) if own else _toll(f, r.sent, extra, place)
            out.append(replace(m, roles=roles, toll=toll))
    return out


def _count_at(loc: Locator, s: Sentence, place: EventPlace) -> int | None:
    """The toll a list of tolls by place gives ``place`` ("six in X, two in Y"), or None."""
    pm = place.mention
    if pm is None or not s.start <= pm.start <= s.end:
        return None
    count = loc.count_before(s.start, pm)
    return None if count is None else count[0]


def _count_told_at(f: DocFacts, s: Sentence, place: EventPlace) -> int | None:
    """The deaths sentence ``s`` tells at ``place`` in a list of tolls by place: the toll between
    its name and the next place's ("in X there were 70 dead and in Y 30 dead"), else the toll
    between the place before it and its name ("three soldiers were killed in X"); None when
    ``s`` does not name it or tells no toll there."""
    named = sorted((m for m in f.places(s) if m.place is not None), key=lambda m: m.start)
    at = next((m for m in named if place.geonameid and m.place is not None and m.place.geonameid == place.geonameid), None)
    if at is None:
        return None
    text, lang = f.v.text, f.v.lang
    after = next((m.start for m in named if m.start >= at.end), s.end)
    before = max((m.end for m in named if m.end <= at.start), default=s.start)
    for a, b in ((at.end, after), (before, at.start)):
        count = parse_fatalities(text[a:b], lang=lang)
        if count is not None and count.killed:
            return count.killed
    return None


def _support_place(f: DocFacts, loc: Locator, r: _Reading, extra: tuple[Sentence, ...]) -> Decision[list[EventPlace]]:
    """The place of a placeless event sentence that the sentences adding to it name ("Gunmen
    killed four herders on Sunday. It happened in the village of X, near Y."), else none yet."""
    options = [Candidate(c.value, ("support_sentence",), c.start, c.end)
               for o in extra if o.index - r.sent.index <= 2
               for c in loc.sentence_options(o, unresolved=False)
               if c.features and c.features[0] in _SUPPORT_READINGS]
    return f.weights.choose("place", options[:1]) or r.where


def _attaches(f: DocFacts, s: Sentence, prev: Sentence, added: list[Sentence] | None = None) -> bool:
    """Whether ``s`` only adds to the event of ``prev`` (its toll, a casualty line, what followed),
    told within two sentences of it or of the last sentence ``added`` to it."""
    last = max([prev.index, *(o.index for o in added or ())])
    if s.index - last > 2 or s.index - prev.index > SUPPORT_SPAN or f.is_background(s):
        return False
    if f.is_casualty_line(s):
        return True
    return s.paragraph == prev.paragraph and not f.dates(s)


def _elsewhere(f: DocFacts, s: Sentence, place: EventPlace | None) -> bool:
    """Whether sentence ``s`` places what it tells somewhere other than ``place`` ("Another 17
    died in X" after the toll of Y): its deaths are not that event's."""
    if place is None or not place.geonameid:
        return False
    named = [m.place for m in f.places(s) if m.place is not None and m.role in ("in", "near", "of", "bare")]
    return bool(named) and all(p.geonameid != place.geonameid for p in named)


def _toll(f: DocFacts, s: Sentence, support: tuple[Sentence, ...], place: EventPlace | None = None) -> Toll:
    """The toll of the event told in ``s``: its own, plus its support's (not a support sentence
    placing its deaths elsewhere); a casualty line replaces it."""
    total: int | None = None
    unknown = vague = False
    used: list[Sentence] = []
    own = f.fatalities(s)
    if own is not None and summary_figure(own, lang=f.v.lang):
        own = None  # "the violence has killed thousands": the conflict's toll, not this event's
    if own is not None and own.killed is not None:
        total, unknown = own.killed, own.unknown
        vague = bool(own.killed) and vague_figure(own.text, lang=f.v.lang)
        used.append(s)
    for o in support:
        count = f.fatalities(o)
        if count is None or count.killed is None or _elsewhere(f, o, place) or \
                summary_figure(count, lang=f.v.lang):
            continue
        if count.killed == 0 and total is not None:
            continue  # wounded only, or "no one died": no death figure to weigh against the first
        its_vague = bool(count.killed) and vague_figure(count.text, lang=f.v.lang)
        if f.is_casualty_line(o) or f.cues(o, "revision") or total is None or (unknown and not total):
            # a casualty line or a revised toll replaces the figure told before, a count the deaths
            # told without one ("evoking deaths ... seven officers were killed in this attack")
            total, unknown, vague, used = count.killed, count.unknown, its_vague, [o]
        elif f.cues(o, "additive"):  # "two more died", "d'autres ont également été tués"
            total = total + count.killed
            unknown = unknown and count.unknown
            vague = vague or its_vague
            used.append(o)
        elif (vague and not its_vague) or (vague == its_vague and count.killed < total):
            # a concurrent figure for the same deaths: a count over "about ten", else the lowest
            total, unknown, vague, used = count.killed, count.unknown, its_vague, [o]
    if total is None:
        return Toll()
    partisan = all(f.cues(o, "claim") and not negated_claim(f, o) for o in used)
    return Toll(total, unknown and total == 0, True, vague, tuple(used), partisan)


# --------------------------------------------------------------------------- 2. claims


def apply_claims(f: DocFacts, mentions: list[EventMention]) -> list[EventMention]:
    """The mentions with the claims of responsibility applied (see the module docstring)."""
    out = list(mentions)
    for s in f.v.sentences:
        who = None
        claim = bool(f.cues(s, "claim")) and not negated_claim(f, s)
        if claim:  # "no group claimed the attack, but JNIM is active in the area": no claim
            who = claimant(f, s)
        if who is None and not f.is_background(s):
            # "the area is often the target of attacks blamed on jihadists": a habit, not this event's author
            claim, who = False, attributed(f, s)
        if who is None:
            continue
        own = [i for i, m in enumerate(out) if m.sent.index == s.index]
        check_unknown = False
        named = {pm.place.geonameid for pm in f.places(s) if pm.place is not None and pm.place.geonameid and
                 pm.role in ("in", "near", "bare")}
        if not own and named:
            # "the group claimed the killing of an officer at X on 15 April": the event told at X,
            # before or after the claim
            at = [i for i, m in enumerate(out) if m.place.geonameid in named and m.event_type in _VIOLENT and
                  abs(m.sent.index - s.index) <= _CLAIM_REACH]
            if at:
                check_unknown = True
                nearest = min(abs(out[i].sent.index - s.index) for i in at)
                own = [i for i in at if abs(out[i].sent.index - s.index) == nearest]
        if not own:
            check_unknown = True
            before = [i for i, m in enumerate(out) if m.sent.index < s.index and m.event_type in _VIOLENT]
            if before and _plural_claim(f, s):
                own = before
            elif before:
                last = max(out[i].sent.index for i in before)
                own = [i for i in before if out[i].sent.index == last]
            else:
                after = [i for i, m in enumerate(out) if m.sent.index > s.index and m.event_type in _VIOLENT]
                own = [i for i in after if out[i].sent.index == out[after[0]].sent.index] if after else []
        for i in own:
            m = out[i]
            if check_unknown and not ((m.roles.unidentified1 or not m.roles.actor1) and not m.roles.unknown1):
                continue
            roles = with_claim(f, m.roles, who, s, on=m.day, country=m.country) if claim else \
                with_attribution(f, m.roles, who, on=m.day, country=m.country)
            out[i] = replace(m, roles=roles)
    return out


#: how many sentences from a claim naming a place the event told there may be
_CLAIM_REACH = 3


def _plural_claim(f: DocFacts, s: Sentence) -> bool:
    return _PLURAL_CLAIM.search(f.v.folded, s.start, s.end) is not None


# --------------------------------------------------------------------------- 3. one event per real event


def merge_mentions(f: DocFacts, mentions: list[EventMention]) -> list[EventMention]:
    """One mention per (date, place, event type); the first keeps the others' information."""
    by_key: dict[tuple[object, ...], int] = {}
    out: list[EventMention] = []
    for m in mentions:
        p = m.place
        key = (m.day, p.geonameid or (p.location, p.admin1), m.event_type)
        if key not in by_key:
            by_key[key] = len(out)
            out.append(m)
            continue
        first = out[by_key[key]]
        roles, other = first.roles, m.roles
        if roles.unidentified1 and not other.unidentified1:
            roles = replace(roles, actor1=other.actor1, inter1=other.inter1, unidentified1=False,
                            actor_sentence=other.actor_sentence)
        if not roles.actor2 and other.actor2:
            roles = replace(roles, actor2=other.actor2, inter2=other.inter2)
        else:
            roles = with_victims_named(f, roles, other, m.country)
        if other.claimed_by and not roles.claimed_by:
            roles = replace(roles, claimed_by=other.claimed_by, claim_sentence=other.claim_sentence)
        roles = called_unidentified(f, roles, [other], m.country)
        merged = replace(first, roles=roles)
        if m.toll.said and (not first.toll.said or toll_rank(m) < toll_rank(first)):
            merged = replace(merged, toll=m.toll, share=m.share, share_index=m.share_index)
        if p.geo_precision < first.place.geo_precision:
            merged = replace(merged, place=p)
        out[by_key[key]] = merged
    return out


# --------------------------------------------------------------------------- 4. records


def _evidence(f: DocFacts, name: str, s: Sentence, why: str = "") -> Evidence:
    text = f.text(s)
    stripped = text.strip()
    start = s.start + (len(text) - len(text.lstrip()))
    return Evidence(field=name, text=stripped, start=start, end=start + len(stripped), doc_id=f.v.document.id)


def _event(f: DocFacts, m: EventMention) -> Event:
    doc = f.v.document
    p = m.place
    roles, toll = m.roles, m.toll
    fatalities = toll.fatalities
    if m.share > 1 and fatalities:
        base, rest = divmod(fatalities, m.share)
        fatalities = base + (rest if m.share_index == 0 else 0)
    date_sentence = m.when.value.sentence
    evidence = [_evidence(f, "event_type", m.sent)]
    if date_sentence is not None:
        evidence.append(_evidence(f, "event_date", date_sentence))
    evidence.append(_evidence(f, "location", m.sent))
    if roles.actor_sentence is not None:
        evidence.append(_evidence(f, "actor1", roles.actor_sentence))
    for o in toll.sentences:
        evidence.append(_evidence(f, "fatalities", o))
    if roles.claim_sentence is not None:
        evidence.append(_evidence(f, "claimed_by", roles.claim_sentence))
    confidence = 0.35
    confidence += 0.15 if date_sentence is m.sent else 0.08 if date_sentence is not None else 0.0
    confidence += -0.1 if p.latitude is None and not p.location else 0.0 if p.latitude is None else \
        0.2 if p.geo_precision == 1 else 0.1
    confidence += 0.1 if not roles.unidentified1 else 0.0
    confidence += 0.1 if m.trigger.value.priority >= 45 else 0.05
    confidence += 0.05 if toll.said else 0.0
    key = (m.day.isoformat(), p.geonameid or p.location, m.event_type, m.sub_event_type)
    source = EventSource(doc_id=doc.id, outlet=doc.outlet, url=doc.url, published=doc.published,
                         language=f.v.lang, claimed_by=roles.claimed_by)
    return Event(
        event_id=event_id(doc.id, *key),
        event_date=m.day,
        time_precision=m.when.value.precision,
        disorder_type=disorder_type_for(m.event_type, m.sub_event_type),
        event_type=m.event_type,
        sub_event_type=m.sub_event_type,
        actor1=roles.actor1,
        assoc_actor_1=roles.assoc1,
        inter1=roles.inter1,
        actor2=roles.actor2,
        assoc_actor_2=roles.assoc2,
        inter2=roles.inter2,
        interaction=interaction_code(roles.inter1, roles.inter2),
        civilian_targeting="Civilian targeting" if roles.inter2 == 7 and m.event_type in _VIOLENT else "",
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
        notes=" ".join([f.text(m.sent).strip(), *(f"({n})" for n in p.notes)]),
        fatalities=fatalities,
        fatalities_unknown=toll.unknown,
        claimed_by=roles.claimed_by,
        confidence=round(min(confidence, 0.99), 2),
        doc_ids=(doc.id,),
        sources=(source,),
        evidence=tuple(evidence),
    )


def build_events(view: DocView, *, gazetteer: Gazetteer, registry: ActorRegistry, geo: Geo,
                 weights: Weights | None = None) -> list[Event]:
    """The events of one document (see the module docstring)."""
    f = DocFacts(view, gazetteer, registry, geo, weights or Weights.load())
    clusters = _events(f, country=False)
    if not clusters:
        # the report locates no event: the one country it is about stands for the place of its
        # place-less event sentences (a summary beside located events is no event)
        clusters = _events(f, country=True)
    return [_event(f, m) for m in lend_attackers(f, [fuse(f, cluster) for cluster in clusters])]


def lend_attackers(f: DocFacts, events: list[EventMention]) -> list[EventMention]:
    """Unnamed attackers of an event told as part of an attack of the same day and place ("a
    villager fell victim to the attack and several others were abducted") are that attack's
    named attackers: the abductions are their work, coded as their own event."""
    out = list(events)
    for k, m in enumerate(events):
        roles = m.roles
        if not roles.unidentified1 or roles.unknown1 or not m.place.geonameid or \
                EVENT_ANAPHORA.search(f.v.folded, m.sent.start, m.sent.end) is None:
            continue
        for o in events:
            if o is m or o.day != m.day or o.place.geonameid != m.place.geonameid or o.roles.unidentified1 or \
                    o.roles.inter1 not in (2, 3) or o.roles.actor1 in (roles.actor1, roles.actor2):
                continue
            out[k] = replace(m, roles=replace(roles, actor1=o.roles.actor1, inter1=o.roles.inter1, assoc1=o.roles.assoc1,
                                              unidentified1=False, actor_sentence=o.roles.actor_sentence,
                                              features=(*roles.features, "attackers_of_the_attack")))
            break
    return out


def _events(f: DocFacts, *, country: bool) -> list[list[EventMention]]:
    """The report's events, as clusters of the mentions that tell each, those with a place."""
    mentions = read_mentions(f, country=country)
    if not mentions:
        return []
    clusters = link_mentions(f, merge_mentions(f, apply_claims(f, mentions)))
    return [c for c in clusters if not all(placeless(m) for m in c)]


def classify_sentence(view: DocView, sentence: Sentence, *, gazetteer: Gazetteer, registry: ActorRegistry,
                      geo: Geo, weights: Weights | None = None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of the event one sentence reports, or None (steps 1-2)."""
    f = DocFacts(view, gazetteer, registry, geo, weights or Weights.load())
    trigger = event_trigger(f, sentence)
    if trigger is None:
        return None
    t = trigger.value
    before = [m for m in f.actors(sentence) if m.end <= t.start]
    return classify(f, sentence, t, before).value
