"""The words behind each field, found in an event's evidence sentences for the dashboard to highlight.

The extractor keeps, for every field, the sentence that supports it (``Evidence``: field, text and
its character span in the report). Within that sentence this module marks the words that carry the
value: the place name, the toll, the date phrase, the actors' names and the words that name the
kind of event. Marks are character offsets into the evidence text, found on an accent- and
case-folded copy aligned one character for one (:func:`conflictwatch.text.fold_aligned`).
"""

from __future__ import annotations

import re
from typing import Any

from conflictwatch.records import Event, Evidence
from conflictwatch.text import fold_aligned

__all__ = ["marks"]

_DATE_WORDS = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last (?:night|week|month)|"
    r"the (?:previous|next) day|earlier (?:this|that) (?:week|month)|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|avant-hier|aujourd'hui|la veille|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
    r"(?: \d{4})?"
)
_DATE = re.compile(rf"\b(?:(?:on |le |dans la nuit de )?(?:\d{{1,2}}(?:er)? )?(?:{_DATE_WORDS})(?: \d{{1,2}})?)\b")
_DEATH = re.compile(r"\b(?:killed|killing|dead|died|deaths?|lives|bodies|tues?|tuees?|morts?|deces|victimes|"
                    r"ont peri|perished|massacred)\b")
_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_FR_NUMBERS = ["zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"]
_KIND = re.compile(r"\b(?:attack(?:ed|s)?|ambush(?:ed)?|clash(?:ed|es)?|fighting|fought|raid(?:ed)?|"
                   r"bomb(?:ing|ed)?|explosion|ied|mine|strike|airstrike|drone|shell(?:ing|ed)|abduct(?:ed|ion)|"
                   r"kidnapp(?:ed|ing)|protest(?:ers|ed|s)?|march(?:ed)?|riot(?:s|ers)?|loot(?:ed|ing)|"
                   r"attaque(?:s|e)?|embuscade|affrontements?|combats?|explosion|engin explosif|frappe|"
                   r"enleve(?:s|e|ment)?|manifestation|manifestants|pillage)\b")
_STATE = re.compile(r"\b(?:army|soldiers?|troops|military|fama|forces armees|armee|militaires|soldats|gendarmes?|"
                    r"police(?:men)?|security forces|forces de defense)\b")
_ARMED = re.compile(r"\b(?:gunmen|militants?|jihadists?|terrorists?|armed men|hommes armes|individus armes|"
                    r"terroristes?|djihadistes?|jihadistes?|assailants?|assaillants?)\b")


def _names(actor: str) -> list[str]:
    """The forms an actor's canonical name may take in a report: the whole name, the part before a
    colon (JNIM), the part after it, without a period in brackets."""
    base = re.sub(r"\s*\([^)]*\)", "", actor).strip()
    forms = {base}
    if ":" in base:
        short, _, long = base.partition(":")
        forms.update({short.strip(), long.strip()})
    return sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)


def _find(folded: str, phrase: str) -> list[tuple[int, int]]:
    key = fold_aligned(phrase).strip()
    if len(key) < 2:
        return []
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded)]


def _toll(folded: str, event: Event) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    numbers = {str(n) for n in (event.fatalities, event.fatalities_low, event.fatalities_high) if n}
    for n in list(numbers):
        value = int(n)
        if value < len(_NUMBER_WORDS):
            numbers.update({_NUMBER_WORDS[value], _FR_NUMBERS[value]})
    for n in numbers:
        out += _find(folded, n)
    out += [(m.start(), m.end()) for m in _DEATH.finditer(folded)]
    return out


def _spans(field: str, folded: str, event: Event) -> list[tuple[int, int]]:
    if field == "location":
        return [s for name in (event.location, event.admin2, event.admin1) if name for s in _find(folded, name)]
    if field == "event_date":
        return [(m.start(), m.end()) for m in _DATE.finditer(folded)]
    if field == "fatalities":
        return _toll(folded, event)
    if field in ("actor1", "actor2", "claimed_by"):
        found = [s for actor in (event.actor1, event.actor2, event.claimed_by, event.assoc_actor_1,
                                 event.assoc_actor_2) if actor for name in _names(actor) for s in _find(folded, name)]
        found += [(m.start(), m.end()) for m in _STATE.finditer(folded)] if 1 in (event.inter1, event.inter2) else []
        found += [(m.start(), m.end()) for m in _ARMED.finditer(folded)]
        return found
    if field in ("event_type", "sub_event_type"):
        return [(m.start(), m.end()) for m in _KIND.finditer(folded)]
    return []


def marks(event: Event, evidence: Evidence) -> list[dict[str, Any]]:
    """Non-overlapping ``{"start", "end", "field"}`` marks (offsets into ``evidence.text``), in order."""
    text = evidence.text
    folded = fold_aligned(text)
    if len(folded) != len(text):  # not aligned: mark nothing rather than the wrong words
        return []
    spans = sorted(set(_spans(evidence.field, folded, event)), key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[dict[str, Any]] = []
    end = -1
    for start, stop in spans:
        if start >= end:
            out.append({"start": start, "end": stop, "field": evidence.field})
            end = stop
    return out
