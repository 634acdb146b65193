"""What happened: whether a sentence reports an event, and of which type.

Two scored decisions (weights in ``data/extract_weights.csv``):

``event``
    Each trigger of a sentence is a candidate. It holds ``trigger`` (its lexicon priority, a
    graded feature) and whatever speaks against it: modality before it ("could", "pledged"), habit
    ("often", "since 2021"), a negation just before it, a non-conflict cause ("killed in an
    accident"), a weak trigger with no other conflict cue, a sentence that is a headline, a
    subhead, a time stamp or a caption. The candidate must reach the decision's threshold; the
    best one is the sentence's trigger.
``event_type``
    The trigger's own type is one candidate (``trigger``); the context proposes others: an armed
    or a civilian target, a crowd acting, state forces retaking ground, a protest met by force or
    turning violent, an explosion amid gunfire, an abduction that killed, an attack that only took
    or destroyed property.
"""

from __future__ import annotations

import re
from functools import cache

from conflictwatch.extract._facts import DocFacts
from conflictwatch.extract.actors import ARMED_KINDS, ActorMention
from conflictwatch.extract.numbers import FatalityCount, breakdown_phrases, parse_number
from conflictwatch.extract.scoring import Candidate, Decision
from conflictwatch.extract.structure import Sentence
from conflictwatch.extract.triggers import TriggerMatch
from conflictwatch.text import fold_aligned

__all__ = ["among_the_dead", "attacker_adjective", "classify", "clause_end", "counted_sides", "event_trigger", "intervention_after", "target_kind"]

_PASSIVE_BEFORE = re.compile(r"(?:\b(?:was|were|been|being|be|came under|come under|is|are|est|sont|ete|a ete|"
                             r"ont ete|fut|furent|suffered|subi|subit|subissent)\s+(?:\w+\s+)?)$")
#: the trigger is the event a death or wound happened in: "... were killed in an apparent jihadist
#: attack", "... ont été tués lors d'une embuscade", "... were killed by drone strikes"
_IN_EVENT_BEFORE = re.compile(r"\b(?:(?:in|into|by|during|dans|par|lors d'une?|lors de|au cours d'une?|au cours de|pendant|"
                              r"durant)\s+|(?:lors|au cours) d')(?:an?\s+|the\s+|une?\s+|l'|la\s+|"
                              r"le\s+|les\s+|des\s+)?(?:[\w'-]+\s+){0,3}$")
#: a passive death or wound: the people named before it are the victims ("were killed", "ont été tués")
_PASSIVE_HARM = re.compile(r"\b(?:(?:were|was|have been|has been|had been|got)\s+(?:\w+\s+)?(?:killed|wounded|injured|"
                           r"shot dead|shot|massacred|executed|slain)|died|lost their lives|perished|"
                           r"(?:ont|a|avaient|avait|auraient|aurait)\s+ete\s+(?:\w+\s+)?(?:tues?|tuees?|blesses?|blessees?|"
                           r"abattus?|executes?|massacres?)|(?:sont|est)\s+(?:morts?|mortes?|decedes?|tombes?)|"
                           r"ont (?:peri|trouve la mort|perdu la vie)|a (?:peri|trouve la mort|perdu la vie))\b")
#: people caught in the event named after it: "un convoi a été pris dans une embuscade", "sont
#: tombés dans une embuscade", "a patrol was caught in an ambush", "soldiers ran into an ambush"
_CAUGHT_IN = re.compile(r"\b(?:(?:a|ont|avait|avaient|aurait|auraient)\s+ete\s+(?:pris|prise|prises|surpris|surprise|"
                        r"surprises)|(?:est|sont|etait|etaient)\s+tombee?s?|(?:was|were|got|been)\s+caught)\b|"
                        r"\b(?:fell|ran|drove)\s+$")
#: "during which", "au cours de laquelle": the clause after it tells what happened in the event before
_OUTCOME_CLAUSE = re.compile(r"\b(?:during which|in which|in the course of which|au cours de laquelle|au cours duquel|"
                             r"lors de laquelle|lors duquel|pendant laquelle|pendant lequel|durant laquelle|"
                             r"durant lequel)\b")
#: "followed by", "suivies de": the trigger after it tells what came after the event named before
_FOLLOWED_BY = re.compile(r"\b(?:followed by\s+|suivie?s? (?:de\s+|d'\s*|des\s+|du\s+|par\s+))(?:[\w'-]+\s+){0,2}$")
#: a relative pronoun just before the trigger: "gunmen who attacked", "des hommes armés qui ont attaqué"
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that|qui)\s+(?:had\s+|have\s+|ont\s+|avaient\s+|auraient\s+)?$")
_REGAIN = re.compile(r"re(?:took|captured|gained|taken|prise|pris|prend|conqu)")
_CLAUSE_BREAK = re.compile(r"[,;:]\s+(?:\w+ing|which|who|while|whereas|amid|as|after|before|according|"
                           r"although|though|but|tandis|alors|selon|apres|avant|qui|dont|mais)\b|[;:(]|"
                           r"\s(?:who|which|whose)\s")
#: a statement joined to the sentence after its event ("..., adding that", "tandis que", "but")
_OTHER_STATEMENT = re.compile(r"[,;]\s+(?:adding|ajoutant|while|whereas|but|tandis|alors que|mais|then|puis)\b|;")
_DIRECT_FIRE = re.compile(r"ambush|clash|exchang|fight|gun ?battle|shoot-?out|gunfire|accroch|affront|embuscade|echange|"
                          r"combat")
#: an agent right before a mention: "attacked by X", "blamed on X", "menée par X", "attribuée à X"
_AGENT_BEFORE = re.compile(r"\b(?:by|par|blamed on|attributed (?:by [\w ]{1,30}? )?to|"
                           r"(?:attribuee?s?|imputee?s?) (?:par [\w ]{1,30}? )?(?:a|aux)|"
                           r"the work of|l'oeuvre d(?:e|es|u))\s+(?:the\s+|les?\s+|la\s+|l'|des\s+|du\s+)?"
                           r"(?:\w+\s+){0,2}$")
_CONTINUED = re.compile(r"continu|poursuiv|resum")
#: sub-event types of a second trigger that mean people were hurt, not only property
_HARM_SUBTYPES = frozenset({"Abduction/forced disappearance", "Sexual violence", "Armed clash", "Attack",
                            "Remote explosive/landmine/IED", "Air/drone strike", "Suicide bomb", "Grenade",
                            "Shelling/artillery/missile attack"})
#: sentence roles that tell no event of their own (see :mod:`.structure`)
_NO_EVENT_ROLES = {"headline": "headline", "subhead": "subhead", "meta": "time_stamp", "caption": "caption"}


def clause_end(folded: str, start: int, end: int) -> int:
    """Where the clause that starts at ``start`` ends (a subordinate clause or a break)."""
    m = _CLAUSE_BREAK.search(folded, start, end)
    return m.start() if m else end


def passive_before(folded: str, s: Sentence, t: TriggerMatch) -> bool:
    """Whether the trigger is a passive verb ("was attacked", "ont été tués"), or the event the
    people before it were killed or wounded in ("were killed in an attack")."""
    return _PASSIVE_BEFORE.search(folded, max(s.start, t.start - 40), t.start) is not None or \
        harmed_in_event(folded, s, t) is not None


def harm_told(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` tells a passive death or wound ("were killed", "ont été tués")."""
    return _PASSIVE_HARM.search(folded, start, end) is not None


def harmed_in_event(folded: str, s: Sentence, t: TriggerMatch) -> int | None:
    """Where the victims' part ends when the trigger is the event people named before it were
    killed or wounded in ("Four herders were killed in an attack", "douze soldats ont été tués
    lors d'une embuscade") or caught in ("un convoi a été pris dans une embuscade"): the start of
    the "in ..." phrase; else None."""
    inside = event_phrase_start(folded, s, t)
    if inside is None or (_PASSIVE_HARM.search(folded, s.start, inside) is None and
                          _CAUGHT_IN.search(folded, s.start, inside) is None):
        return None
    return inside


def event_phrase_start(folded: str, s: Sentence, t: TriggerMatch) -> int | None:
    """Where "in (an) ..." before the trigger starts ("killed six soldiers in an ambush"): the
    trigger names the event a verb before it tells of; else None."""
    inside = _IN_EVENT_BEFORE.search(folded, max(s.start, t.start - 60), t.start)
    return None if inside is None else inside.start()


# ---- is it an event? ------------------------------------------------------------------------


#: a definite or demonstrative article (and an adjective) before a trigger: "the attacks", "ces raids"
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|this|those|ces|cette|cet|ce|les|la|le|l')\s*(?:\w+\s+)?$")


def _trigger_features(f: DocFacts, s: Sentence, t: TriggerMatch) -> list[str | tuple[str, float]]:
    folded = f.v.folded
    feats: list[str | tuple[str, float]] = [("trigger", t.priority)]
    generic = f.cues(s, "generic")
    dated = f.dated_day(s)
    if generic and dated:
        # "On 27 April, residents continued to barricade the road": what goes on that day happens
        generic = [c for c in generic if not _CONTINUED.match(folded, c.start, c.end)]
    if any(c.end <= t.start for c in f.cues(s, "modal")):
        feats.append("modal_before")
    if any(c.end <= t.start for c in generic):
        feats.append("habit_before")
    elif not dated and any(t.end <= c.start < clause_end(folded, t.end, s.end) for c in generic):
        feats.append("habit_after")  # a habit after the trigger ("stabbed him repeatedly") is none on a dated day
    vague = f.cues(s, "vague_past") if s.role == "body" and not f.dates(s) else []
    if any(c.end <= t.start for c in vague) or (any(c.start >= t.end for c in vague) and _DEFINITE_BEFORE.search(
            folded, max(s.start, t.start - 25), t.start)):
        # in a report's body, "weeks after an offensive killed 300" recalls an event with no day to
        # code it on; "the attacks come weeks after ..." refers back to the events already told
        feats.append("vague_recall")
    if any(t.start - 30 <= c.start and c.end <= t.start and "," not in folded[c.end:t.start]
           for c in f.cues(s, "negation")):
        feats.append("negated")
    flags = t.rule.context.split()
    non_conflict = f.cues(s, "non_conflict")
    if "quiet" in flags and non_conflict:
        feats.append("non_conflict_cause")  # "the gas cylinder detonation ... an accident"
    if "cue" in flags or "harm" in flags:
        conflict = f.cues(s, "armed", "civilian", "casualty", "weapon")
        bilan = f.casualty_line(s)
        if bilan is not None:
            conflict += f.cues(bilan, "casualty")  # "... Bilan : 2 morts"
        if non_conflict and not ("harm" not in flags and all(c.start >= t.end for c in non_conflict) and any(
                c.kind == "armed" and c.end <= t.start for c in conflict)):
            # "killed in an accident", "the football match"; but "gunmen abducted a football team"
            # is an abduction: armed men act, the innocent word only names the victims
            feats.append("non_conflict_cause")
        own = any((c.end <= t.start or c.start >= t.end) and ("harm" not in flags or c.kind != "civilian")
                  for c in conflict)  # any, not a list: stops at the first (a sentence may hold thousands)
        if not own and not f.actors(s):
            feats.append("no_conflict_cue")
    outcome = _OUTCOME_CLAUSE.search(folded, max(s.start, t.start - 80), t.start)
    if outcome is not None and any(o.end <= outcome.start() for o in f.triggers(s) if o is not t):
        # "une embuscade au cours de laquelle 19 soldats ont été tués et 20 terroristes
        # neutralisés": what happened during the event named before it
        feats.append("outcome_clause")
    followed = _FOLLOWED_BY.search(folded, max(s.start, t.start - 40), t.start)
    if followed is not None and any(o.end <= followed.start() for o in f.triggers(s) if o is not t):
        # "tués lors d'attaques jihadistes suivies d'affrontements": the event the people died in
        # is the one named first, what followed it is told after
        feats.append("followed_by")
    if _DEFINITE_BEFORE.search(folded, max(s.start, t.start - 25), t.start) and any(
            0 <= t.start - c.end <= 40 for c in f.cues(s, "claim")) and not f.dates(s) and not any(
            pm.place is not None for pm in f.places(s)):
        # "no group has claimed the attacks", "JNIM a revendiqué l'attaque": the event told already,
        # named again by what is said of it, not a new one
        feats.append("claimed_reference")
    role = _NO_EVENT_ROLES.get(s.role)
    if role is not None:
        feats.append(role)
    return feats


def event_trigger(f: DocFacts, s: Sentence) -> Decision[TriggerMatch] | None:
    """The trigger of the event ``s`` reports, or None when it reports none (decision ``event``)."""
    cands = [Candidate(t, tuple(_trigger_features(f, s, t)), t.start, t.end) for t in f.triggers(s)]
    return f.weights.choose("event", cands)


# ---- type -----------------------------------------------------------------------------------


def classify(f: DocFacts, s: Sentence, t: TriggerMatch, actors1: list[ActorMention],
             support: tuple[Sentence, ...] = ()) -> Decision[tuple[str, str]]:
    """The (event type, sub-event type) of the event of trigger ``t`` (decision ``event_type``).

    ``support``: the sentences adding to the event; a demonstration's later phases told there
    (the police firing tear gas, the rioting that followed) make its form, a massacre told there
    the victims of an attack that names none."""
    cands: list[Candidate[tuple[str, str]]] = [Candidate((t.event_type, t.sub_event_type), ("trigger",),
                                                         t.start, t.end)]

    def propose(et: str, st: str, *features: str) -> None:
        cands.append(Candidate((et, st), ("trigger", *features), s.start, s.end))

    folded = f.v.folded
    if t.sub_event_type == "Looting/property destruction" and symbolic_object(f, s, t) and \
            any(c.end <= t.start for c in f.cues(s, "crowd")):
        # "angry youths burned flags": a crowd's gesture of protest
        propose("Protests", "Peaceful protest", "symbolic_gesture")
    if crowd_violence(f, s, t):
        # "youths burned a bar": a mob; "residents ransacked the prefecture in protest": a riot
        motive = f.cues(s, "motive") or [c for c in f.cues(s, "state") if c.start >= t.end]
        propose("Riots", "Violent demonstration" if motive else "Mob violence", "crowd_acts")
    flags = t.rule.context.split()
    others = [o for o in f.triggers(s) if o is not t]
    toll = f.fatalities(s)
    killed = bool(toll and toll.killed)
    # the target refines the trigger's type; the other rules read the refined type
    et, st = t.event_type, t.sub_event_type
    if "target" in flags:
        target = target_kind(f, s, t)
        if target == "armed":
            et, st = "Battles", "Armed clash"
            propose(et, st, "armed_target")
        elif target == "civilian" and f.cues(s, "resistance"):
            et, st = "Battles", "Armed clash"
            propose(et, st, "civilians_fought_back")  # villagers' defence fought back
        elif target == "civilian":
            et, st = "Violence against civilians", st if et == "Violence against civilians" else "Attack"
            propose(et, st, "civilian_target")
        elif not target and ("civilian" in flags or any(
                "civilian" in o.rule.context.split() and target_kind(f, other, o) != "armed"
                for other in support for o in f.triggers(other))):
            # "a massacre" with nobody named (here or in a sentence adding to the event: "an attack
            # left twelve dead. The massacre was blamed on ..."): the word tells the victims were unarmed
            et, st = "Violence against civilians", st if et == "Violence against civilians" else "Attack"
            propose(et, st, "civilian_word")
    if "actor" in flags and (_REGAIN.search(folded[t.start:t.end]) or any(m.actor.kind == "state" for m in actors1)):
        propose("Battles", "Government regains territory", "state_retakes")
    if "protest" in flags:
        # the forms the sentences adding to it tell (the rioting after the march)
        later = [classify(f, o, d.value, [m for m in f.actors(o) if m.end <= d.value.start]).value
                 for o in support if (d := event_trigger(f, o)) is not None]
        if any(o.event_type == "Riots" or _DIRECT_FIRE.search(folded, o.start, o.end) or (
                o.sub_event_type == "Looting/property destruction" and not symbolic_object(f, s, o))
               for o in others) or any(k == ("Riots", "Violent demonstration") for k in later):
            propose("Riots", "Violent demonstration", "protest_turns_violent")
        elif any(f.cues(o, "lethal") and (n := f.fatalities(o)) is not None and n.killed
                 for o in (s, *support)) or ("Protests", "Excessive force against protesters") in later:
            propose("Protests", "Excessive force against protesters", "protesters_killed")
        elif f.cues(s, "intervention") or intervention_after(f, s) is not None or any(
                f.cues(o, "intervention") for o in support):
            propose("Protests", "Protest with intervention", "forces_intervene")
    if et == "Explosions/Remote violence" and st != "Suicide bomb" and (any(
            _DIRECT_FIRE.search(folded, o.start, o.end) for o in others) or (
            st == "Shelling/artillery/missile attack" and f.cues(s, "resistance"))):
        propose("Battles", "Armed clash", "explosion_amid_fighting")
    if st in ("Abduction/forced disappearance", "Arrests") and killed:
        propose("Violence against civilians", "Attack", "captives_killed")
    if (et, st) == ("Violence against civilians", "Attack") and "civilian" not in flags and not hurts(f, s, others) and any(
            o.sub_event_type == "Looting/property destruction" for o in others):
        # "gunmen attacked the village and stole the cattle, no casualties": property taken or
        # destroyed with nobody hurt is looting (ACLED: no other physical violence)
        propose("Strategic developments", "Looting/property destruction", "property_only")
    decision = f.weights.choose("event_type", cands)
    assert decision is not None  # the trigger's own type is always a candidate, and there is no threshold
    return decision


def intervention_after(f: DocFacts, s: Sentence) -> Sentence | None:
    """The next sentence of the paragraph when it tells only of forces stepping in ("Residents
    protested on Saturday. Police fired tear gas to disperse them.")."""
    after = f.next_sentence(s)
    if after is None or after.paragraph != s.paragraph or event_trigger(f, after) is not None:
        return None
    return after if f.cues(after, "intervention") else None


def hurts(f: DocFacts, s: Sentence, others: list[TriggerMatch]) -> bool:
    """Whether the sentence (or the casualty line after it) reports anyone killed, wounded,
    abducted or assaulted."""
    bilan = f.casualty_line(s)
    tolls = [f.fatalities(s), f.fatalities(bilan) if bilan is not None else None]
    if any(t is not None and (t.killed or t.unknown or t.injured) for t in tolls):
        return True
    return any(o.sub_event_type in _HARM_SUBTYPES for o in others)


def symbolic_object(f: DocFacts, s: Sentence, t: TriggerMatch) -> bool:
    """Whether what the trigger burns or destroys is a sign ("burned portraits of the
    president", "ont brûlé des drapeaux"): a protest's gesture, not property destruction."""
    return any(t.end <= c.start <= t.end + 25 for c in f.cues(s, "symbolic"))


def crowd_violence(f: DocFacts, s: Sentence, t: TriggerMatch) -> bool:
    """Violence whose subject is a crowd (youths, residents, traders) and no armed group."""
    if t.event_type not in ("Violence against civilians", "Battles") and \
            t.sub_event_type != "Looting/property destruction":
        return False
    if t.sub_event_type == "Looting/property destruction" and symbolic_object(f, s, t):
        return False
    if any(m.actor.kind in ARMED_KINDS and m.actor.kind != "state" for m in f.actors(s)):
        return False
    if passive_before(f.v.folded, s, t):
        return False
    crowd = [c for c in f.cues(s, "crowd") if c.end <= t.start]
    if not crowd or "," in f.v.folded[crowd[0].end:t.start]:
        return False
    if any(crowd[0].end <= c.start and c.end <= t.start for c in f.cues(s, "report")):
        return False  # "villagers told us a dozen died in the raid": the crowd speaks, it does not act
    return not [c for c in f.cues(s, "state") if c.end <= t.start]


def attacker_adjective(f: DocFacts, t: TriggerMatch, start: int, end: int) -> bool:
    """Whether ``start:end`` is a one-word lower-case adjective ("djihadiste", "terroriste") right
    after the French event noun of ``t`` ("une attaque djihadiste"): the attacker, never the object."""
    if f.v.lang != "fr" or not 0 <= start - t.end <= 1:
        return False
    word = f.v.text[start:end]
    return word.isalpha() and word.islower()


@cache
def _among_the_dead(lang: str) -> re.Pattern[str]:
    words = sorted((fold_aligned(p) for p in breakdown_phrases(lang)), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s+(?:[\w'-]+\s+){0,2}$")


def among_the_dead(f: DocFacts, s: Sentence, start: int) -> bool:
    """Whether the group named at ``start`` follows a breakdown of the dead ("six morts dont quatre
    VDP", "twelve dead, including two soldiers": the breakdown words of data/fatality_words.json)."""
    return _among_the_dead(f.v.lang).search(f.v.folded, max(s.start, start - 30), start) is not None


#: what leads from an event noun to the target it was aimed at: "laid for an army unit", "dressé
#: contre une colonne de l'armée", "against a patrol of the"
_AIMED_AT = re.compile(r"\W+(?:[\w'’-]+\W+){0,2}?(?:contre|a|au|aux|against|on|for|targeting|visant)\W+"
                       r"(?:[\w'’-]+\W+){0,3}?(?:l['’]|d['’])?")


def target_kind(f: DocFacts, s: Sentence, t: TriggerMatch) -> str:
    """"armed" or "civilian": what the trigger's target (or the victims) are, "" when unclear."""
    passive = passive_before(f.v.folded, s, t)
    # the target is told in the trigger's clause or one describing it ("an attack, which targeted
    # a post"), not in a statement added after it ("..., adding that the attackers fled")
    other = _OTHER_STATEMENT.search(f.v.folded, t.end, s.end)
    end = other.start() if other else s.end
    # nor is the attacker: an agent ("by gunmen") or a French adjective of the event noun ("une
    # attaque terroriste")
    after = [c for c in f.cues(s, "armed", "civilian") if t.end <= c.start < end
             and not (c.kind == "armed" and (_AGENT_BEFORE.search(f.v.folded, max(s.start, c.start - 60), c.start) or
                                             attacker_adjective(f, t, c.start, c.end)))]
    inside = harmed_in_event(f.v.folded, s, t)
    if inside is None and (rel := _RELATIVE_BEFORE.search(f.v.folded, max(s.start, t.start - 30), t.start)):
        # "six workers were killed by gunmen who attacked their camp": the people killed decide
        harm = _PASSIVE_HARM.search(f.v.folded, s.start, rel.start())
        inside = None if harm is None else harm.start()
    before = [c for c in f.cues(s, "armed", "civilian") if c.end <= (t.start if inside is None else inside)]
    mentions = f.actors(s)
    armed_after = [m for m in mentions if t.end <= m.start < end and m.actor.kind in ARMED_KINDS
                   and not _AGENT_BEFORE.search(f.v.folded, max(s.start, m.start - 60), m.start)
                   and not attacker_adjective(f, t, m.start, m.end)]
    civil_after = [m for m in mentions if t.end <= m.start < end and m.actor.kind in ("civilians", "victim-group")]
    first: list[tuple[int, str]] = [(c.start, c.kind) for c in after]
    first += [(m.start, "armed") for m in armed_after] + [(m.start, "civilian") for m in civil_after]
    if inside is not None and before:
        # "two gendarmes and a civilian were killed in an attack": forces among the victims make
        # it a fight with the forces; so does the forces' unit the event was aimed at ("nine people
        # died in an ambush laid for an army unit")
        aimed = min(first) if first else None
        if any(c.kind == "armed" for c in before) or (aimed is not None and aimed[1] == "armed" and
                                                      _AIMED_AT.fullmatch(f.v.folded, t.end, aimed[0])):
            return "armed"
        return "civilian"
    if passive and before:
        return before[-1].kind
    toll = f.fatalities(s)
    if toll is not None and toll.killed and any(among_the_dead(f, s, m.start) for m in armed_after):
        # "attacked the village, leaving six dead including four VDP": forces among the dead make
        # it a fight with them
        return "armed"
    if first:
        return min(first)[1]
    if passive and toll is not None and toll.killed and any(
            p.end <= t.start and p.role in ("in", "of", "bare", "area") for p in f.places(s)):
        # "la commune de X avait subi une attaque meurtrière, faisant une soixantaine de morts": a
        # place that suffered a deadly attack, nobody armed named, lost its people
        return "civilian"
    if before and not any(m.end <= t.start and m.actor.kind in ARMED_KINDS for m in mentions):
        return before[-1].kind
    return ""


#: words before a counted group that are no count of it ("a terrorist attack", "une attaque")
_NO_COUNT = frozenset({"a", "an", "one", "un", "une", "the", "le", "la", "les", "l"})


def counted_sides(f: DocFacts, s: Sentence, count: FatalityCount) -> set[str]:
    """The sides whose dead a toll counts: "state" (soldiers, gendarmes), "fighters" (the other
    armed side: terrorists, assailants), "civilian"; read from the groups a number stands before
    ("eight gendarmes", "une trentaine de terroristes"), not from every word of the toll's span."""
    text = f.v.folded[s.start:s.end]  # lower-case, no accents, aligned with the sentence
    lang = f.v.lang
    state = {c.start for c in f.cues(s, "state")}
    out: set[str] = set()
    for c in f.cues(s, "armed", "civilian"):
        at = c.start - s.start
        if not count.start <= at < count.end:
            continue
        words = _WORD.findall(text, max(count.start, at - 40), at)[-3:]
        while words and words[-1] in _BETWEEN_COUNT:
            words.pop()  # "50 suspected terrorists", "une trentaine de terroristes"
        if not words or words[-1] in _NO_COUNT or (parse_number(words[-1], lang=lang) is None and
                                                   parse_number(" ".join(words[-2:]), lang=lang) is None):
            continue
        out.add("civilian" if c.kind == "civilian" else "state" if c.start in state else "fighters")
    return out


_WORD = re.compile(r"[\w'-]+")
#: words that may stand between a number and the group it counts
_BETWEEN_COUNT = frozenset({"de", "d'", "of", "suspected", "presumed", "alleged", "armed", "supposed", "more",
                            "other", "presumes", "presume", "armes", "autres"})
