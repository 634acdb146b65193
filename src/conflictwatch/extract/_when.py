"""When an event happened: the date decision of one event sentence.

Candidates (decision ``event_date`` in ``data/extract_weights.csv``):

``own_sentence``
    each date the sentence names; the last one before the trigger wins (``before_trigger``,
    ``last_before_trigger``), else the first after it (``first_after_trigger``); the day of a
    claim or statement named before the event ("claimed on Sunday an ambush ... on 9 May") is the
    statement's (``statement_day``);
``relative_to_previous``
    "two days later", "the next day", "la veille", "le même jour": from the event told before;
``earlier_sentence`` / ``later_sentence``
    the first date of the nearest sentence of the same paragraph that names one (background
    sentences aside), the nearer the better (``distance``, graded);
``publication``
    the report's publication date (CODING_RULES: an undated event takes it).

Dates after publication are never candidates. A short stated range of days right after its
trigger ("on 11-12 March") is one event a day (:func:`event_days`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from conflictwatch.extract._facts import DocFacts
from conflictwatch.extract.dates import DateMention
from conflictwatch.extract.numbers import parse_number
from conflictwatch.extract.scoring import Candidate, Decision
from conflictwatch.extract.structure import Sentence
from conflictwatch.extract.triggers import TriggerMatch

__all__ = ["RELATIVE_DAY", "EventDate", "event_date", "event_days", "relative_days"]

#: a range of days this close after its trigger ("fighting raged on 1-2 July") is the event's own
RANGE_GAP_CHARS = 20
#: a stated range of days shorter than this is one event a day; a longer one is coded to its first day
MAX_EVENT_DAYS = 8
#: how many sentences of the paragraph a sentence without a date looks at, before and after it
NEIGHBOUR_SENTENCES = 3

_PART_OF = re.compile(r"\b(?:of|part|during|amid|amidst|de|du|des|lors)\b")
_BETWEEN_DAYS = re.compile(r"\b(?:between|from|entre|du)\b", re.IGNORECASE)
_DAY_PAIR = re.compile(r"\d\s*(?:er|st|nd|rd|th)?\s+(?:and|et|&)\s+\d", re.IGNORECASE)
#: "two days later", "the next day", "le lendemain", "the same day": a date relative to the event before
RELATIVE_DAY = re.compile(
    r"\b(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|un|une|deux|trois|quatre|cinq|six|sept) (?:days?|jours?) "
    r"(?:later|after(?:wards)?|plus tard|apres)|(?P<next>the (?:next|following) (?:day|morning|night)|the day after|"
    r"le lendemain|le jour suivant)|(?P<same>the same (?:day|morning|night|evening)|that same day|"
    r"le (?:meme|même) jour|la (?:meme|même) (?:nuit|matinee|soiree)|later that day|plus tard dans la journee)|"
    r"(?P<prev>the (?:day|night) before|the previous (?:day|night)|la veille))\b")
#: a reporting verb right before a date ("said on Tuesday", "a déclaré mardi", "announced Friday")
_SAID_JUST_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|declared|stated|confirmed|claimed|added|"
                               r"indicated|a (?:dit|declare|déclaré|annonce|annoncé|affirme|affirmé|indique|indiqué|"
                               r"precise|précisé|revendique|revendiqué|confirme|confirmé|rapporte|rapporté)|"
                               r"ont (?:dit|declare|déclaré|annonce|annoncé|affirme|affirmé|indique|indiqué|"
                               r"revendique|revendiqué|confirme|confirmé))\W+"
                               # "said in a press release on", "a indiqué dans un communiqué publié"
                               r"(?:(?:[\w'’-]+\W+){0,3}?(?:in\s+(?:a|an|its|their)\s+(?:\w+\s+)?(?:statement|release|communiqu[eé]|report|"
                               r"interview|message|video)|dans\s+(?:un|une|son|leur)\s+(?:\w+\s+)?(?:communiqu[eé]|"
                               r"d[eé]claration|message|vid[eé]o|rapport))\W+(?:(?:issued|released|published|publi[eé]e?|"
                               r"diffus[eé]e?)\s+)?)?"
                               r"(?:on\s+|ce\s+|le\s+|late\s+|early\s+)?$",
                               re.IGNORECASE)
#: a statement right after a date ("Jeudi, dans une déclaration, ...", "on Friday in a statement")
_STATEMENT_AFTER = re.compile(r"\W{0,3}(?:dans|in|selon|via|par)\s+(?:un|une|a|an|the|le|la|son|sa|its|their|leur)\s+"
                              r"(?:\w+\s+)?(?:communiqu|statement|d[ée]claration|press release|message|vid[ée]o|"
                              r"post|tweet)", re.IGNORECASE)
#: a reporting or claiming verb right after a date ("the group on Sunday claimed the killing of ...")
_SAID_AFTER = re.compile(r"\W{0,3}(?:claimed|said|announced|reported|declared|stated|confirmed|told|"
                         r"a (?:revendiqu|annonc|affirm|indiqu|declar|déclar|confirm)\w*|ont (?:revendiqu|annonc|affirm|"
                         r"indiqu|declar|déclar|confirm)\w*)", re.IGNORECASE)
#: a date opening a sentence whose verb reports what follows: "On Tuesday, rebels reported that ...",
#: "Mardi, les autorités ont annoncé que ..."
_SAID_THAT_AFTER = re.compile(r"\W+(?:[\w'’-]+\W+){0,8}?(?:said|reported|announced|claimed|stated|confirmed|declared|"
                              r"(?:a|ont) (?:annonc[eé]|indiqu[eé]|affirm[eé]|d[eé]clar[eé]|rapport[eé]|confirm[eé]))"
                              r"\s+(?:that|qu['’]|que)\b", re.IGNORECASE)
#: what may stand before a date that opens a sentence: "On", "Le", "Ce"
_OPENER = re.compile(r"[\W_]*(?:on|le|ce|this|late|early|last)?\s*", re.IGNORECASE)
#: a reporting or claiming verb just before a date: that date is the statement's ("said on Sunday")
_SAID_ON = re.compile(r"\b(?:said|says|claimed|claims|announced|reported|declared|stated|confirmed|told|added|"
                      r"responsibility|dit|declare|annonce|revendique|affirme|indique)\b(?:\W+\w+){0,3}\W*$",
                      re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date, its ACLED time precision and the sentence it was read in (None: publication)."""

    day: date
    precision: int
    sentence: Sentence | None


def relative_days(m: re.Match[str], *, lang: str) -> int:
    """The offset in days a :data:`RELATIVE_DAY` match states (the next day +1, the day before -1)."""
    if m.group("same"):
        return 0
    if m.group("next"):
        return 1
    if m.group("prev"):
        return -1
    n = m.group("n")
    if n in ("a", "an"):
        return 1
    return parse_number(n, lang=lang) or 1


#: the end of the clause that "N days after" opens, whose own event is the earlier one ("..., which
#: came a day after nine traders died", "deux jours après que des soldats eurent péri")
_AFTER_CLAUSE_END = re.compile(r"[,;:.!?()«»\"“”]")


def _offset(f: DocFacts, s: Sentence, t: TriggerMatch, m: re.Match[str]) -> int:
    """The offset :func:`relative_days` states, counted from the event of trigger ``t``'s side:
    when ``t`` lies in the clause that "N days after" introduces, in the middle of a sentence, its
    event is the earlier one, N days before the day the sentence counts from."""
    days = relative_days(m, lang=f.v.lang)
    if not m.group("n") or not m.group(0).endswith(("after", "apres")) or m.start() - s.start < 3 or \
            t.start < m.end():
        return days
    stop = _AFTER_CLAUSE_END.search(f.v.folded, m.end(), s.end)
    return -days if t.start < (stop.start() if stop else s.end) else days


def own_date(f: DocFacts, s: Sentence, t: TriggerMatch) -> DateMention:
    """The sentence's date expression that dates trigger ``t`` (the best own-sentence candidate)."""
    decision = f.weights.choose("event_date", _own_candidates(f, s, t))
    assert decision is not None and decision.value.sentence is s
    found = next(d for d in f.dates(s) if d.start + s.start == decision.start)
    return found


#: a date right after a definite event noun names that event: "l'attaque du 30 juin", "the
#: ambush of 9 May", "the attack on Sunday" (not the event the sentence's trigger tells)
_OTHER_EVENT_DATE = re.compile(r"\b(?:l'|l’|la |le |les |cette |cet |the |that |this )(?:\w+ )?(?:attaques?|embuscades?|"
                               r"assauts?|attacks?|ambush(?:es)?|assaults?|raids?|massacres?|tueries?|explosions?)"
                               r" (?:du|de|d'|d’|of|on)\s*$", re.IGNORECASE)


def said_on(f: DocFacts, s: Sentence, d: DateMention) -> bool:
    """Whether ``d`` dates a statement rather than an event: it comes right after a reporting verb
    ("said on Tuesday", "a revendiqué samedi", "announced Friday"), right before one ("on Sunday
    claimed") or right before a statement ("Jeudi, dans une déclaration, le gouverneur ...")."""
    text = f.text(s)
    return _SAID_JUST_BEFORE.search(text, max(0, d.start - 80), d.start) is not None or \
        _STATEMENT_AFTER.match(text, d.end) is not None or _SAID_AFTER.match(text, d.end) is not None


def opens_report(f: DocFacts, s: Sentence, d: DateMention) -> bool:
    """Whether ``d`` opens a sentence that reports what follows ("On Tuesday, rebels reported that
    ..."): the day of the report, from which "the previous day" counts (the report's own event,
    told with no other day, still takes it)."""
    text = f.text(s)
    return _OPENER.fullmatch(text[:d.start]) is not None and _SAID_THAT_AFTER.match(text, d.end) is not None


def _own_candidates(f: DocFacts, s: Sentence, t: TriggerMatch) -> list[Candidate[EventDate]]:
    own = f.dates(s)
    rel = t.start - s.start
    before = [d for d in own if d.start <= rel]
    after = [d for d in own if d.start > rel]
    text = f.text(s)
    said = bool(before and after and _SAID_ON.search(text, max(0, before[-1].start - 45), before[-1].start))
    out = []
    relative = RELATIVE_DAY.search(f.v.folded, s.start, s.end)
    for d in own:
        feats: list[str] = ["own_sentence"]
        if said_on(f, s, d) or (relative is not None and relative.start() - s.start > d.end and opens_report(f, s, d)):
            # "On Thursday, the group reported that ... the previous day": Thursday is the report's
            feats.append("said_on_day")
        if d.background:
            feats.append("background_date")
        named = _OTHER_EVENT_DATE.search(text, max(0, d.start - 40), d.start)
        if named is not None and not named.start() <= rel < named.end():
            # "... ont à nouveau attaqué le site, confirmant l'attaque du 30 juin": the date names the
            # event it follows ("the attack of 30 June"), not the one the trigger tells
            feats.append("other_event_date")
        if d in before:
            feats.append("before_trigger")
            if d is before[-1]:
                feats.append("last_before_trigger")
                if said:
                    # "IS Sahel claimed on Sunday an ambush that killed nine soldiers on 9 May": the day
                    # of the claim or statement is not the day of the event named after it
                    feats.append("statement_day")
        elif after and d is after[0]:
            feats.append("first_after_trigger")
        out.append(Candidate(EventDate(d.date, d.precision, s), tuple(feats), s.start + d.start, s.start + d.end))
    return out


def event_date(f: DocFacts, s: Sentence, t: TriggerMatch, previous: EventDate | None) -> Decision[EventDate] | None:
    """The date of the event of trigger ``t`` in ``s`` (``previous``: the date of the event told
    before it), or None when nothing dates it (no date and no publication date)."""
    cands = _own_candidates(f, s, t)
    relative = RELATIVE_DAY.search(f.v.folded, s.start, s.end)
    statements = [d for d in f.dates(s) if d.precision == 1 and (said_on(f, s, d) or opens_report(f, s, d))]
    if relative is not None and statements:
        # "the group said on Friday it had raided the post the day before": counted from Friday
        said = statements[0]
        cands.append(Candidate(EventDate(said.date + timedelta(days=_offset(f, s, t, relative)), 1, s),
                               ("relative_to_statement",), relative.start(), relative.end()))
    elif relative is not None and previous is not None:
        cands.append(Candidate(EventDate(previous.day + timedelta(days=_offset(f, s, t, relative)), previous.precision,
                                         previous.sentence), ("relative_to_previous",), relative.start(),
                               relative.end()))
    sents = f.v.sentences
    back = range(s.index - 1, max(-1, s.index - 1 - NEIGHBOUR_SENTENCES), -1)
    ahead = range(s.index + 1, min(len(sents), s.index + 1 + NEIGHBOUR_SENTENCES))
    for feature, neighbours in (("earlier_sentence", back), ("later_sentence", ahead)):
        for j in neighbours:
            o = sents[j]
            if o.paragraph != s.paragraph:
                break
            if f.is_background(o):
                continue
            ds = f.dates(o)
            if ds:
                # the day of its event, not the day a claim or statement was made
                d = next((d for d in ds if not said_on(f, o, d)), ds[0])
                cands.append(Candidate(EventDate(d.date, d.precision, o),
                                       (feature, ("distance", abs(j - s.index))),
                                       o.start + d.start, o.start + d.end))
                break
    if f.v.published is not None:
        cands.append(Candidate(EventDate(f.v.published, 1, None), ("publication",)))
    return f.weights.choose("event_date", cands)


def event_days(f: DocFacts, s: Sentence, t: TriggerMatch, when: EventDate) -> list[date]:
    """The days of the event: one, or each day of a short stated range ("on 11-12 March",
    "between 3 and 5 June"): a multi-day event is one event per day (CODING_RULES.md)."""
    day, precision = when.day, when.precision
    if precision != 1 or when.sentence is not s or not f.dates(s):
        return [day]
    d = own_date(f, s, t)
    if d.until is None or d.date != day or not 0 < (d.until - d.date).days < MAX_EVENT_DAYS:
        return [day]
    gap = f.v.folded[t.end:s.start + d.start]
    if d.start > t.start - s.start and (len(gap) > RANGE_GAP_CHARS or "," in gap or _PART_OF.search(gap)):
        return [day]  # a range named well after the event ("... as part of the fighting of 5-10 July") dates it, no more
    if _DAY_PAIR.search(d.text) and not _BETWEEN_DAYS.search(d.text):
        return [day, d.until]  # "on 4 and 9 January": those two days
    return [day + timedelta(days=k) for k in range((d.until - day).days + 1)]
