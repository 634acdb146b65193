"""Who did what to whom: the actors of one event sentence, and claims of responsibility.

:func:`code_actors` reads the attacker before the trigger (or after "by"), the target after it,
civilians for violence against civilians, protesters or rioters for protests and riots, the forces
that intervened for protests met by force, the layer and the victim of an explosive; it returns
an :class:`ActorRoles` record naming the rules that decided (``features``). Claims are read by
:func:`claimant`; :func:`with_claim` returns the roles a claim gives.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from conflictwatch.errors import ConfigError
from conflictwatch.extract._facts import DocFacts
from conflictwatch.extract._what import (
    among_the_dead,
    attacker_adjective,
    clause_end,
    event_phrase_start,
    harmed_in_event,
    intervention_after,
    passive_before,
    target_kind,
)
from conflictwatch.extract.actors import ARMED_KINDS, ActorMention
from conflictwatch.extract.numbers import parse_number
from conflictwatch.extract.structure import Sentence
from conflictwatch.extract.triggers import TriggerMatch

__all__ = ["ActorRoles", "attributed", "claimant", "code_actors", "negated_claim", "reporting_subject", "with_attribution",
           "with_claim"]

_NON_STATE = frozenset({"rebel", "militia", "identity", "unidentified"})
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_AGENT_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:by|par)\b")
_OBJECT_BEFORE = re.compile(r"\b(?:against|on|targeting|contre|visant|ciblant)\s+(?:the\s+|les?\s+|la\s+|l')?$")
#: the target an attack is "against": "against a patrol of the army", "contre un groupe de VDP"
_AGAINST_BEFORE = re.compile(r"\b(?:against|on|targeting|contre|visant|ciblant)\s+(?:the\s+|an?\s+|les?\s+|la\s+|l'|une?\s+|des\s+)?"
                             r"(?:(?:[\w-]+\s+){0,2}(?:of|de|du|des|d')\s*(?:the\s+|les?\s+|la\s+|l')?)?$")
_PLANTER_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:militants?\s+|fighters?\s+|jihadists?\s+)?(?:detonated|planted|"
                            r"laid|placed|set off|triggered|fired|launched|posed|poserait|ont pose|a pose|"
                            r"(?:claimed|said|says) (?:to have |it |they )?(?:detonated|planted|laid|placed|fired))")
_BY_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|les?\s+|la\s+|l')?(?:presumed\s+|suspected\s+|presumes?\s+)?$")
#: "planted by X", "attributed to X" in a sentence after the explosion
_PLANTED_BY = re.compile(r"(?:planted|laid|placed|set|detonated|attributed|pose|posee|posees|attribue|attribuee)"
                         r"\s+(?:\w+\s+){0,2}?(?:by|to|par|a)\s+(?:the\s+|les?\s+|la\s+|l')?"
                         r"(?:presumed\s+|suspected\s+|presumes?\s+)?$")
_EXPLICIT_UNKNOWN = re.compile(r"unknown|unidentified|non[- ]identifi|inconnu")
_DESCRIPTOR_BEFORE = re.compile(r"(?:aligned|affiliated|linked|allied|close|loyal|tied|associated|affilie|lie|proche|"
                                r"allie)(?:e|s|es)?\s+(?:with|to|a|au|aux|de|du)\s+(?:the\s+|l'|la\s+|le\s+)?$")
#: a claim denied or still missing: "no group (has) claimed", "not yet claimed", "aucun groupe n'a revendiqué"
_NEGATED_CLAIM = re.compile(r"\b(?:no|not|nobody|none|never|yet to|aucune?|personne|pas|non)\b(?:\W+\w+){0,4}\W*$")
_GENERIC_INTER = {"unidentified": 3, "civilians": 7, "protesters": 6, "rioters": 5}
#: a reporting verb right after a mention: "the army said", "Mali's army says", "l'armée a annoncé"
_REPORTS_AFTER = re.compile(r"(?:'s)?\s*,?\s*(?:(?:has|have|had|also|later|then)\s+)?(?:said|says|say|told|announced|"
                            r"reported|stated|confirmed|indicated|added|tweeted|posted|wrote|claimed that|"
                            r"a (?:annonce|indique|affirme|declare|precise|dit|rapporte|confirme|assure|fait etat)|"
                            r"ont (?:annonce|indique|affirme|declare|precise|dit|rapporte|confirme|assure)|"
                            r"annonce|indique|affirme|assure|precise|rapporte)\b")
#: a list of sources whose reporting verb says what follows: "Rebels, a local official and an NGO
#: claimed that ...", "Des habitants et un élu ont affirmé que ..."
_SOURCES_REPORT_THAT = re.compile(r"(?:,?\s+(?:and\s+|et\s+)?[\w'-]+){1,12}?,?\s+(?:(?:have|had|also)\s+)?(?:said|claimed|"
                                  r"reported|stated|told [\w-]+|announced|alleged|ont (?:affirme|declare|dit|indique|"
                                  r"rapporte|assure))\s+(?:that|qu'|que)\b")
#: a reporting verb or phrase right before a mention: "according to the army", "selon l'armée",
#: "a précisé la gendarmerie nigérienne"
_REPORTS_BEFORE = re.compile(r"\b(?:according to|selon|d'apres|de source|a (?:annonce|indique|affirme|declare|precise|"
                             r"dit|rapporte|confirme|assure)|ont (?:annonce|indique|affirme|declare|precise|dit|rapporte|"
                             r"confirme)|said|told|statement (?:by|from)|communique (?:de|du|des))\s+(?:the |l'|la |le |les |"
                             r"un |une |a |an )?(?:\w+ ){0,2}$")
#: the reporter speaks of its own deeds: "the army said it killed", "l'armée a annoncé avoir neutralisé"
_SELF_REPORT = re.compile(r"[^.;]{0,60}?\b(?:it|they|its (?:forces|troops|soldiers|men)|avoir|qu'elle|qu'il|qu'ils|"
                          r"que ses|ses (?:forces|hommes|elements|soldats))\b")


@dataclass(frozen=True, slots=True)
class ActorRoles:
    """The two sides of an event (ACLED's actor1/actor2 with their associates and inter codes).

    ``unidentified1``: actor1 is an unidentified armed group (a claim may name it); ``unknown1``:
    the report itself calls the attackers unknown ("unidentified gunmen"), so no claim renames
    them. ``features`` names the rules that coded the roles.
    """

    actor1: str = ""
    assoc1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc2: str = ""
    inter2: int = 0
    unidentified1: bool = True
    unknown1: bool = False
    claimed_by: str = ""
    actor_sentence: Sentence | None = None
    claim_sentence: Sentence | None = None
    features: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _coalitions() -> dict[str, tuple[str, date]]:
    """member actor id -> (coalition actor id, since) from data/extract_actor_coalitions.csv."""
    text = resources.files("conflictwatch.data").joinpath("extract_actor_coalitions.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        return {r["member"]: (r["coalition"], date.fromisoformat(r["since"])) for r in csv.DictReader(rows)}
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"data/extract_actor_coalitions.csv is malformed ({exc}); expected member,coalition,since "
                          "with ISO dates") from exc


class _Namer:
    """Canonical names and inter codes of actors, on a date, in a country."""

    def __init__(self, f: DocFacts) -> None:
        self.reg = f.registry

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
        return self.reg.generic(kind, country), _GENERIC_INTER[kind]

    def state(self, on: date, country: str) -> tuple[str, int]:
        return self.reg.name_for(self.reg.get("mil_gen"), on, country=country), 1


#: words that may join two nationality adjectives of one group ("algeriens et nigeriens")
_ADJ_JOIN = re.compile(r"(?:\s*,\s*|\s+(?:and|or|et|ou)\s+|\s*/\s*)$")
#: "of <nationality>" for the nationals noun: "de nationalite malienne", "of Chinese nationality"
_NATIONALITY_OF = re.compile(r"\s+(?:de|of)\s+$")


def victims_country(f: DocFacts, s: Sentence, t: TriggerMatch, *, passive: bool, country: str,
                    support: tuple[Sentence, ...] = ()) -> str:
    """The country that names the civilian victims of trigger ``t`` when the report gives their
    nationality: one foreign nationality and none of the event's country names that country
    ("two Italian tourists" in Mali: Italy), as does a clear foreign majority ("29 Guineans and
    four Malians"); several foreign nationalities, or victims called only foreigners, are
    "International"; else ``country``. A nationality counts only where it qualifies people (a
    civilian noun or "nationals" beside it, a number before it: "deux Algériens"), not forces
    ("Malian soldiers"). The victims' own clause is read first, then the rest of the sentence,
    then the sentences adding to the event ("The truck carried Algerian workers")."""
    folded = f.v.folded
    start, end = (s.start, t.start) if passive else (t.end, clause_end(folded, t.end, s.end))
    spans = [(s, start, end), (s, s.start, s.end), *((o, o.start, o.end) for o in support)]
    home = f.registry.country_iso(country)
    for sent, a0, b0 in spans:
        found = _nationalities(f, sent, a0, b0)
        if found:
            break
    else:
        if any(start <= c.start and c.end <= end for c in f.cues(s, "foreign")):
            return "International"
        return country
    counts: dict[str, int | None] = {}
    for _, _, iso, n in found:
        old = counts.get(iso, 0)
        counts[iso] = None if n is None or old is None else old + n
    foreign = set(counts) - {home}
    if not foreign:
        return country
    if len(foreign) > 1:
        return "International"
    other = foreign.pop()
    if home in counts:
        # "three Malians and a Guinean": the event's country's civilians, unless most are foreign
        mine, theirs = counts[home], counts[other]
        if mine is None or theirs is None or theirs <= 2 * mine:
            return country
    return f.registry.nationality_names.get(other, country)


def _nationalities(f: DocFacts, s: Sentence, start: int, end: int) -> list[tuple[int, int, str, int | None]]:
    """The nationalities of people in ``[start, end)`` of sentence ``s`` (see
    :func:`victims_country`), each with the number of people it counts when a number precedes it."""
    folded = f.v.folded
    people = [c for c in f.cues(s, "civilian", "nationals") if start <= c.start and c.end <= end]
    found: list[tuple[int, int, str, int | None]] = []
    for a, b, iso in f.registry.nationalities(folded, start, end):
        near_noun = any(0 <= a - c.end <= 2 or 0 <= c.start - b <= 2 for c in people)
        joined = bool(found) and _ADJ_JOIN.fullmatch(folded, found[-1][1], a) is not None
        before = folded[max(start, a - 20):a].split()
        number = parse_number(before[-1], lang=f.v.lang) if before else None
        of_nationality = _NATIONALITY_OF.search(folded, max(start, a - 20), a) is not None and any(
            c.kind == "nationals" and 0 <= a - c.end <= 5 for c in people)
        if near_noun or joined or number is not None or of_nationality:
            found.append((a, b, iso, number))
    return found


def reporting_subject(f: DocFacts, s: Sentence, m: ActorMention) -> bool:
    """Whether ``m`` is only the source of the news ("the army said", "selon l'armée"), not a side:
    a reporter that speaks of its own deeds ("the army said it killed") is still a side."""
    folded = f.v.folded
    after = _REPORTS_AFTER.match(folded, m.end, s.end) or _SOURCES_REPORT_THAT.match(folded, m.end, s.end)
    if after is None and not _REPORTS_BEFORE.search(folded, max(s.start, m.start - 60), m.start):
        return False
    return not (after is not None and _SELF_REPORT.match(folded, after.end(), s.end))


def _state_sides(f: DocFacts, s: Sentence, sources: list[ActorMention]) -> bool:
    """Whether ``s`` speaks of state forces other than the sources of its news ("the army said
    the civilians ..." names the army only as who told it)."""
    return any(not any(m.start <= c.start and c.end <= m.end for m in sources) for c in f.cues(s, "state"))


def code_actors(f: DocFacts, s: Sentence, t: TriggerMatch, *, event_type: str, sub_event_type: str,
                country: str, on: date, support: tuple[Sentence, ...] = (), at: int | None = None) -> ActorRoles:
    """The actors of the event of trigger ``t`` in sentence ``s`` (see the module docstring).

    ``at``: where the event's own place is named when the sentence tells events at several
    ("attacked the army post in X, then VDP positions in Y"): the target named last before it is
    that event's."""
    namer = _Namer(f)
    sources = [m for m in f.actors(s) if reporting_subject(f, s, m)]
    mentions = [m for m in f.actors(s) if m not in sources]
    armed = [m for m in mentions if m.actor.kind in ARMED_KINDS]
    victims = [m for m in mentions if m.actor.kind == "victim-group"]
    groups = [m for m in mentions if m.actor.kind not in ARMED_KINDS and m.actor.kind != "victim-group"
              and not m.actor.templated]
    folded = f.v.folded
    passive = passive_before(folded, s, t)
    before = [m for m in armed if m.end <= t.start]
    after = [m for m in armed if m.start > t.start]  # "killed two JNIM militants": inside the trigger too
    agent = [m for m in after if _AGENT_AFTER.match(folded, t.end, m.start) is not None]
    feats: list[str] = []
    subj: ActorMention | None = None
    obj: ActorMention | None = None
    if agent:
        subj, feats = agent[0], ["agent_after_by"]
        # "an attack by gunmen against a VDP unit": the target it names; else the victims before
        against = [m for m in after if m.start > subj.end and m.actor.id != subj.actor.id and
                   _AGAINST_BEFORE.search(folded, max(s.start, m.start - 50), m.start)]
        obj = against[0] if against else before[-1] if before else next((m for m in after if m is not agent[0]), None)
    elif (inside := harmed_in_event(folded, s, t)) is not None and \
            (victims_before := [m for m in before if m.end <= inside]):
        # "20 soldiers were killed in a jihadist attack": the victims before, the attack's own
        # modifier ("jihadist", "une attaque terroriste") the attacker
        obj = victims_before[-1]
        modifier = [m for m in armed if m.actor.id != obj.actor.id and (inside <= m.start and m.end <= t.start or
                                                                       0 <= m.start - t.end <= 1)]
        subj = modifier[0] if modifier else None
        feats.append("victims_of_the_event")
    elif passive:
        obj = before[-1] if before else None
        feats.append("passive_subject_is_target")
    else:
        subjects = [m for m in before if not _OBJECT_BEFORE.search(folded, max(s.start, m.start - 30), m.start)]
        subj = subjects[0] if subjects else None
        end = clause_end(folded, t.end, s.end)
        obj_candidates = list({m.actor.id: m for m in reversed(after) if m.start < end and (
            subj is None or m.actor.id != subj.actor.id)}.values())[::-1]
        obj = obj_candidates[0] if obj_candidates else None
        if at is not None and subj is not None and (named_before := [m for m in after if m.end <= at and (
                m.actor.id != subj.actor.id)]):
            obj = max(named_before, key=lambda m: m.start)
        if subj is None and obj is not None and len(obj_candidates) > 1 and "target" not in t.rule.context:
            subj, obj = obj, obj_candidates[1]
        if subj is None and obj is not None and attacker_adjective(f, t, obj.start, obj.end):
            # "une embuscade djihadiste contre l'armée": the adjective after the event's noun is its
            # attacker, the side named after it the target
            subj, obj = obj, obj_candidates[1] if len(obj_candidates) > 1 else None
            feats.append("attacker_adjective")
        if subj is None and before and obj is None:
            obj = before[-1]
        inside = event_phrase_start(folded, s, t) if subj is not None and obj is None else None
        if inside is not None and subj is not None:
            # "gunmen killed six soldiers in an ambush": the object of the verb before the event
            obj = next((m for m in before if subj.end <= m.start and m.end <= inside and
                        m.actor.id != subj.actor.id), None)
        if subj is not None:
            feats.append("subject_before_trigger")
        if obj is None and subj is not None and (among := [
                m for m in after if m.actor.id != subj.actor.id and among_the_dead(f, s, m.start)]):
            # "attacked the village, leaving six dead including four VDP": the forces among the dead
            obj = among[0]
            feats.append("among_the_dead")
    et, st = event_type, sub_event_type
    if st == "Remote explosive/landmine/IED":
        subj, obj = _explosive_roles(f, s, t, armed, support)
        feats = ["explosive_layer"]
    a1 = as1 = a2 = as2 = ""
    i1 = i2 = 0
    unidentified1, unknown1 = True, False
    actor_sentence: Sentence | None = None
    if subj is not None:
        a1, i1 = namer.name(subj, on, country)
        as1 = namer.member(subj, on, country)
        unidentified1 = subj.actor.kind == "unidentified"
        unknown1 = _EXPLICIT_UNKNOWN.search(folded, subj.start, subj.end) is not None
        actor_sentence = s

    def roles(*extra: str) -> ActorRoles:
        return ActorRoles(a1, as1, i1, a2, as2, i2, unidentified1, unknown1, "", actor_sentence, None,
                          tuple(feats) + extra)

    if et in ("Protests", "Riots"):
        kind = "protesters" if et == "Protests" else "rioters"
        a1, i1 = namer.generic(kind, country)
        unidentified1 = False
        as1 = "; ".join(dict.fromkeys(namer.name(m, on, country)[0] for m in victims + groups))
        forces = [m for m in armed if m.actor.kind == "state"]
        if not forces:
            # the forces that stepped in, told in the next sentence or those adding to the event
            stepped_in = intervention_after(f, s) if st == "Protest with intervention" else None
            scope = [stepped_in] if stepped_in is not None else []
            scope += [o for o in support if f.cues(o, "intervention") or f.cues(o, "lethal")]
            forces = next((found for o in scope if (found := [m for m in f.actors(o) if m.actor.kind == "state"])), [])
        if st in ("Protest with intervention", "Excessive force against protesters") or (et == "Riots" and forces):
            if forces:
                a2, i2 = namer.name(forces[0], on, country)
            elif st != "Mob violence":
                a2, i2 = namer.state(on, country)
        if st == "Mob violence" and not a2:
            a2, i2 = namer.generic("civilians", country)
        actor_sentence = s
        return roles("crowd_event")
    if et == "Violence against civilians" or (et == "Strategic developments" and
                                              st == "Looting/property destruction" and f.cues(s, "civilian")):
        if subj is None and obj is not None and obj.actor.kind != "state":
            a1, i1 = namer.name(obj, on, country)
            unidentified1 = obj.actor.kind == "unidentified"
        a2, i2 = namer.generic("civilians", victims_country(f, s, t, passive=passive, country=country,
                                                                support=support))
        as2 = "; ".join(dict.fromkeys(namer.name(m, on, country)[0] for m in victims))
        feats.append("civilian_victims")
    elif obj is not None:
        a2, i2 = namer.name(obj, on, country)
        as2 = namer.member(obj, on, country)
    elif et in _VIOLENT and target_kind(f, s, t) == "armed" and [
            cue for cue in f.cues(s, "state") if cue.start >= t.end or passive]:
        if subj is None or subj.actor.kind != "state":
            a2, i2 = namer.state(on, country)
            feats.append("state_target_unnamed")
    elif et == "Explosions/Remote violence" and (target_kind(f, s, t) == "civilian" or (
            f.cues(s, "civilian") and not _state_sides(f, s, sources))):
        a2, i2 = namer.generic("civilians", victims_country(f, s, t, passive=passive, country=country,
                                                                support=support))
        feats.append("civilian_victims")
    if not a1:
        # an unnamed side fighting a non-state group where the report speaks of state forces is
        # those forces; not when the target is foreign forces, whom the state does not fight
        if st in ("Arrests", "Disrupted weapons use") or (a2 and i2 not in (1, 8) and f.cues(s, "state") and et == "Battles"):
            if i2 == 1:
                a1, i1 = namer.generic("unidentified", country)
            else:
                a1, i1 = namer.state(on, country)
                unidentified1 = False
                feats.append("state_acts_unnamed")
        else:
            a1, i1 = namer.generic("unidentified", country)
    if et == "Battles" and not a2:
        a2, i2 = namer.generic("unidentified", country)
    elif st == "Disrupted weapons use" and not a2 and i1 in (1, 8):
        a2, i2 = namer.generic("unidentified", country)  # whose weapons the forces seized
    elif st in ("Arrests", "Looting/property destruction", "Other") and not a2 and i1 != 7 and \
            (f.cues(s, "civilian") or st == "Looting/property destruction") and \
            not [cue for cue in f.cues(s, "state") if cue.start >= t.end]:
        a2, i2 = namer.generic("civilians", country)  # the people arrested, robbed, threatened
    if et == "Explosions/Remote violence" and st == "Air/drone strike" and (subj is None or subj.actor.kind not in (
            "state", "external", "rebel", "militia", "identity")):
        # aircraft and drones are a state's: an unnamed strike is by the country's forces
        a1, i1 = namer.state(on, country)
        unidentified1 = False
        feats.append("strike_by_state")
    if a1 == a2 and et == "Battles" and i1 == 1:
        # "gunmen raided a military post and killed six troops": the forces are the target, not both sides
        a1, i1 = namer.generic("unidentified", country)
        unidentified1 = True
        feats.append("one_side_twice")
    if a1 == a2 and et != "Battles":
        a2, i2 = "", 0
    return roles()


def _explosive_roles(f: DocFacts, s: Sentence, t: TriggerMatch, armed: list[ActorMention],
                     support: tuple[Sentence, ...]) -> tuple[ActorMention | None, ActorMention | None]:
    """Who laid the explosive and who it hit: the group that "planted" or "detonated" it (or
    that it is attributed to "by", in its sentence or the next), else a non-state group named
    before the explosion; and the armed actor it struck (a vehicle's owner), state forces first."""
    folded = f.v.folded
    layers = [m for m in armed if _PLANTER_AFTER.match(folded, m.end) or
              _BY_BEFORE.search(folded, max(s.start, m.start - 25), m.start)]
    for o in support[:1]:
        layers += [m for m in f.actors(o) if m.actor.kind in ARMED_KINDS and m.actor.kind != "state"
                   and (_PLANTED_BY.search(folded, max(o.start, m.start - 40), m.start)
                        or _PLANTER_AFTER.match(folded, m.end))]
    if not layers:
        layers = [m for m in armed if m.end <= t.start and m.actor.kind in _NON_STATE
                  and not _OBJECT_BEFORE.search(folded, max(s.start, m.start - 30), m.start)]
    layer = layers[0] if layers else None
    victims = [m for m in armed if m is not layer and (layer is None or m.actor.id != layer.actor.id)]
    victims.sort(key=lambda m: m.actor.kind not in ("state", "external"))
    return layer, victims[0] if victims else None


def with_claim(f: DocFacts, roles: ActorRoles, claimant_mention: ActorMention, s: Sentence, *, on: date,
               country: str) -> ActorRoles:
    """The roles once ``claimant_mention`` (in sentence ``s``) claims the event."""
    name, inter = _Namer(f).name(claimant_mention, on, country)
    out = replace(roles, claimed_by=name, claim_sentence=s)
    if roles.unidentified1 or not roles.actor1:
        if roles.actor2 == name:
            out = replace(out, actor2=roles.actor1, inter2=roles.inter1)
        out = replace(out, actor1=name, inter1=inter, unidentified1=False,
                      features=(*roles.features, "claimed"))
    return out


def with_attribution(f: DocFacts, roles: ActorRoles, mention: ActorMention, *, on: date,
                     country: str) -> ActorRoles:
    """The roles once the report blames ``mention`` for the event (not a claim: no partisan source)."""
    name, inter = _Namer(f).name(mention, on, country)
    if not (roles.unidentified1 or not roles.actor1) or name == roles.actor1:
        return roles
    if roles.actor2 == name:
        return replace(roles, actor2=roles.actor1, inter2=roles.inter1, actor1=name, inter1=inter,
                       unidentified1=mention.actor.kind == "unidentified", features=(*roles.features, "attributed"))
    return replace(roles, actor1=name, inter1=inter, unidentified1=mention.actor.kind == "unidentified",
                   features=(*roles.features, "attributed"))


def attributed(f: DocFacts, s: Sentence) -> ActorMention | None:
    """Whom sentence ``s`` blames for an attack ("blamed on Boko Haram", "attribuée aux jihadistes")."""
    found = f.registry.find_attributions(f.text(s), lang=f.v.lang)
    if not found:
        return None
    mention = found[0].mention
    return ActorMention(mention.actor, mention.start + s.start, mention.end + s.start, mention.text, mention.alias,
                        mention.suspected)


def negated_claim(f: DocFacts, s: Sentence) -> bool:
    """Whether every claim cue of ``s`` is denied or missing ("no group claimed the attack")."""
    claims = f.cues(s, "claim")
    return all(_NEGATED_CLAIM.search(f.v.folded, max(s.start, c.start - 40), c.start) for c in claims)


def claimant(f: DocFacts, s: Sentence) -> ActorMention | None:
    """Who claims in sentence ``s``: the registry's reading, else the first non-state armed
    group named; a group named only to describe another ("GSIM, aligned with al-Qaeda") is not
    the claimant."""
    folded = f.v.folded
    named = [m for m in f.actors(s) if m.actor.kind in ("rebel", "militia", "identity")]
    found = f.registry.find_claims(f.text(s), lang=f.v.lang)
    if found:
        mention = found[0].mention
        shifted = ActorMention(mention.actor, mention.start + s.start, mention.end + s.start,
                               mention.text, mention.alias, mention.suspected)
        if not _DESCRIPTOR_BEFORE.search(folded, max(s.start, shifted.start - 30), shifted.start):
            return shifted
        named = [m for m in named if m.start < shifted.start] or named
        return named[0] if named else shifted
    cue = f.cues(s, "claim")[0]
    passive = folded[cue.start:cue.end].endswith((" by", " par")) or \
        re.match(r"\s+(?:by|par)\b", folded[cue.end:cue.end + 5]) is not None
    named.sort(key=lambda m: ((m.start < cue.start) if passive else (m.start > cue.start), m.start))
    named = [m for m in named if not _DESCRIPTOR_BEFORE.search(folded, max(s.start, m.start - 30), m.start)]
    return named[0] if named else None
