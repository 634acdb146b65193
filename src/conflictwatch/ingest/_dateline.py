"""Reading the dateline of a news report: ``BAMAKO, Oct 14 (Reuters) - `` or ``Ségou, le 9 octobre 2025 – ``.

A dateline opens one of the first lines of a report (:data:`MAX_LINES` non-blank lines, within
the first :data:`MAX_CHARS` characters: a headline, a byline or a line such as ``Publié le 02/11/2024
à 07h15`` may come first). Its parts, in order::

    PLACE [, COUNTRY] [, DATE] [(AGENCY)] DASH story...

* PLACE and COUNTRY are one to three words, each in capitals (``OUAGADOUGOU``, ``BOBO-DIOULASSO``)
  or capitalised (``Ségou``, ``Burkina Faso``), with lower-case particles inside (``Dar es
  Salaam``); never a month or weekday name, a news agency or a headline kicker (``UPDATE``,
  ``Urgent``: the ``not_places`` of the data file).
* DATE is ``Oct 14``, ``Jan. 3, 2025``, ``3 March 2024``, ``12 juin``, ``le 1er mars 2024``, with
  an optional weekday before it; month names and abbreviations come from ``date_words.json``
  (English, French or both, after ``lang``).
* AGENCY is a parenthesised name (``(Reuters)``, ``(AFP)``); the agencies of
  ``ingest_dateline_words.json`` are known and written as that file names them.
* DASH is ``-``, ``--``, ``–`` or ``—``; the story must start after it with a capital letter, a
  digit or a quotation mark (on the same line, or on the next one when the dateline has a date or
  a known agency).

A line is a dateline when it has a date or a known agency; or when its place is in capitals and
the story after the dash is not in capitals too (``GAO - Several hundred residents ...``, not
``ATTACK IN GAO - TEN DEAD``); or, for a capitalised place with neither (``Bamako - ``), when the
rest of the line is a full sentence: at least :data:`MIN_SENTENCE_WORDS` words ending in
sentence punctuation. So ``Mali - the army said ...`` and ``Gunmen attacked Gao - killing ...``
are no datelines.

A date without a year is the latest such day not after ``reference``; without a reference it
stays unknown (``published`` is ``None``), as does a day that does not exist (``Feb 30``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["MAX_CHARS", "MAX_LINES", "MIN_SENTENCE_WORDS", "Dateline", "find_dateline"]

#: Non-blank lines at the start of a text searched for a dateline.
MAX_LINES = 6
#: Characters at the start of a text searched for a dateline.
MAX_CHARS = 3000
#: Words the rest of a line needs to be a sentence, for a bare ``Capitalised - `` dateline.
MIN_SENTENCE_WORDS = 5
#: Characters a dateline prefix may take at the start of its line.
_PREFIX_CHARS = 200
#: Years back from ``reference`` searched for a day-and-month date (a 29 February needs up to 8).
_YEARS_BACK = 8


@dataclass(frozen=True, slots=True)
class Dateline:
    """A news dateline found in a text.

    ``start``/``end`` span the whole prefix (``"BAMAKO, Oct 14 (Reuters) - "``), the trailing dash
    and spaces included, so ``text[end:]`` is where the story starts. ``place`` is written as in
    the text (``"BAMAKO"``, ``"Ségou"``); ``agency`` is the news agency (``"Reuters"``, ``"AFP"``)
    or ``""``; ``published`` is the date the dateline states, if it states one that can be dated.
    """

    start: int
    end: int
    place: str
    agency: str = ""
    published: date | None = None


# --------------------------------------------------------------------------- vocabulary


def _fold(text: str) -> str:
    """Lower case without accents, dots or repeated spaces: ``"Communiqué"`` -> ``"communique"``,
    ``"A.F.P."`` -> ``"afp"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace(".", "").replace("’", "'").split())


def _read_json(name: str) -> dict[str, Any]:
    raw = resources.files("conflictwatch").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]  # folded name or abbreviation -> 1..12
    month_forms: frozenset[str]  # names and abbreviations as written and folded, without dots
    weekdays: frozenset[str]
    agencies: dict[str, str]  # folded written form -> name kept
    particles: frozenset[str]
    not_places: frozenset[str]


@cache
def _words(lang: str) -> _Words:
    dates = _read_json("date_words.json")
    own = _read_json("ingest_dateline_words.json")
    langs = [lang] if lang in ("en", "fr") else ["en", "fr"]
    months: dict[str, int] = {}
    forms: set[str] = set()
    weekdays: set[str] = set()
    for code in langs:
        for key in ("months", "month_abbreviations"):
            months.update({_fold(k): int(v) for k, v in dates[code][key].items()})
            forms.update(k.lower().rstrip(".") for k in dates[code][key])
        weekdays.update(k.lower() for k in dates[code]["weekdays"])
    weekdays.update({_fold(w) for w in weekdays})
    return _Words(
        months=months,
        month_forms=frozenset(forms | set(months)),
        weekdays=frozenset(weekdays),
        agencies={_fold(k): str(v) for k, v in own["agencies"].items()},
        particles=frozenset(_fold(p) for p in own["particles"]),
        not_places=frozenset(_fold(p) for p in own["not_places"]),
    )


def _alternation(words: set[str] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TOKEN = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    words = _words(lang)
    month = f"(?:{_alternation(words.month_forms)})"
    weekday = f"(?:{_alternation(words.weekdays)})"
    day_month = (
        rf"(?:le[ ]+)?(?:{weekday}\b,?[ ]+)?"
        rf"(?:(?P<m1>{month})\b\.?[ ]+(?P<d1>{_DAY})\b(?:,?[ ]+(?P<y1>{_YEAR})\b)?"
        rf"|(?P<d2>{_DAY})[ ]+(?P<m2>{month})\b\.?(?:,?[ ]+(?P<y2>{_YEAR})\b)?)"
    )
    return re.compile(
        rf"""(?P<lead>[ \t\u00a0]*)
        (?P<place>{_TOKEN}(?:[ ]{_TOKEN}){{0,4}})
        (?:,[ ]*(?!(?:le|{weekday}|{month})\b)(?P<country>{_TOKEN}(?:[ ]{_TOKEN}){{0,3}}))?
        (?:,[ ]*(?P<date>{day_month}))?
        (?:[ \u00a0]*\((?P<agency>[^()\n]{{1,40}})\))?
        (?:[ \t\u00a0]+--?|--?(?=\s|$)|[ \t\u00a0]*[–—])
        (?P<gap>[ \t\u00a0]*)""",
        re.IGNORECASE | re.VERBOSE,
    )


# --------------------------------------------------------------------------- checks


def _name_ok(name: str, words: _Words) -> tuple[bool, bool]:
    """(whether ``name`` can be a place or country, whether it is written in capitals)."""
    tokens = name.split(" ")
    core = [t for t in tokens if not (t.islower() and t in words.particles)]
    if core[:1] != tokens[:1] or core[-1:] != tokens[-1:] or len(core) > 3:
        return False, False
    for token in core:
        elided = re.match(r"[dl]['’](?=\w)", token)
        head = token[2] if elided else token[0]
        if not head.isupper() or _fold(token) in words.months or _fold(token) in words.weekdays:
            return False, False
    if _fold(name) in words.not_places or _fold(name) in words.agencies:
        return False, False
    return True, all(t == t.upper() for t in core)


def _story_starts(rest: str) -> bool:
    first = rest[:1]
    return first.isupper() or first.isdigit() or first in "\"'«“‘"


def _is_sentence(rest: str) -> bool:
    return (len(re.findall(r"\w+", rest)) >= MIN_SENTENCE_WORDS
            and rest.rstrip()[-1:] in ".!?…»\"”’')")


def _day(match: re.Match[str], words: _Words, reference: date | None) -> date | None:
    raw_month = match["m1"] or match["m2"]
    if raw_month is None:
        return None
    month = words.months[_fold(raw_month)]
    day = int(re.sub(r"\D", "", match["d1"] or match["d2"]))
    year = match["y1"] or match["y2"]
    if year is not None:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    if reference is None:
        return None
    for y in range(reference.year, reference.year - _YEARS_BACK, -1):
        try:
            found = date(y, month, day)
        except ValueError:
            continue
        if found <= reference:
            return found
    return None


def _agency(raw: str, words: _Words) -> tuple[str, bool] | None:
    """(the agency as kept, whether it is a known one); ``None`` when it is no agency's name."""
    known = words.agencies.get(_fold(raw))
    if known is not None:
        return known, True
    name = " ".join(raw.split())
    if re.fullmatch(r"[^\W\d_][\w&' .-]{0,29}", name) and name[0].isupper():
        return name, False
    return None


def _line_dateline(line: str, offset: int, text: str, lang: str, reference: date | None) -> Dateline | None:
    words = _words(lang)
    match = _pattern(lang).match(line, 0, _PREFIX_CHARS)
    if match is None:
        return None
    place_ok, caps = _name_ok(match["place"], words)
    if not place_ok:
        return None
    if match["country"] is not None and not _name_ok(match["country"], words)[0]:
        return None
    agency, known_agency = "", False
    if match["agency"] is not None:
        found = _agency(match["agency"], words)
        if found is None:
            return None
        agency, known_agency = found
    has_date = match["date"] is not None
    if agency and not known_agency and not (caps or has_date):
        return None
    strong = has_date or known_agency
    rest = line[match.end():].rstrip()
    end = offset + match.end()
    if not rest:
        if not (strong or (caps and agency)):
            return None
        while end < len(text) and text[end].isspace():
            end += 1
        if not _story_starts(text[end:end + 1]):
            return None
    elif not _story_starts(rest):
        return None
    elif not strong:
        if caps and not any(ch.islower() for ch in rest):
            return None
        if not caps and not _is_sentence(rest):
            return None
    return Dateline(start=offset + match.start("place"), end=end, place=match["place"],
                    agency=agency, published=_day(match, words, reference) if has_date else None)


def find_dateline(text: str, *, reference: date | None = None, lang: str = "") -> Dateline | None:
    """The dateline that opens one of the first lines of ``text``, or ``None``.

    ``reference`` dates a dateline that gives a day and a month but no year (the latest such day
    not after it); ``lang`` (``"en"``, ``"fr"``, or ``""`` for both) picks the month names read.
    See the module docstring for the forms read and the ones refused.

    Example::

        >>> find_dateline("Army post attacked\\n\\nKIDAL, March 2 (Reuters) - Gunmen ...",
        ...               reference=date(2025, 3, 3))
        Dateline(start=20, end=47, place='KIDAL', agency='Reuters', published=datetime.date(2025, 3, 2))
    """
    key = lang if lang in ("en", "fr") else ""
    offset = seen = 0
    for line in text.splitlines(keepends=True):
        if offset >= MAX_CHARS or seen >= MAX_LINES:
            break
        body = line.rstrip("\r\n")
        if body.strip():
            seen += 1
            found = _line_dateline(body, offset, text, key, reference)
            if found is not None:
                return found
        offset += len(line)
    return None
