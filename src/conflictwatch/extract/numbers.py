"""Read death and injury tolls from English and French news sentences.

:func:`parse_number` reads a number written in digits or words ("1,200", "twenty-one",
"quatre-vingt-dix", "vingt et un") or a vague quantity in ACLED's conservative reading
("dozens" = 12, "des dizaines" = 10, "une vingtaine" = 20, "hundreds" = 100).

:func:`parse_fatalities` finds the toll in a sentence with a small token grammar over the cue words
in ``data/fatality_words.json`` and the number words in ``data/number_words.json``:

* a count before a death or injury word: "at least 12 soldiers were killed", "3 morts et 5
  blessés", "two civilians and a soldier were killed" (counts joined by "and" add up);
* a count after a killing or wounding verb: "killing five soldiers and three civilians",
  "a tué 12 civils", "claimed the lives of 30" ("killed 3 soldiers and wounded 5" is 3 killed);
* one named person: "killed the mayor", "his son was killed", "the 12-year-old boy was killed",
  "Marabout killed", "killing him" (a singular determiner or pronoun before a person noun);
* a toll: "the death toll rose to 12", "bilan : 3 morts"; remains found ("the bodies of two
  herders") confirm deaths and are not added to deaths already counted;
* nobody died: "no casualties", "sans faire de victimes" (killed = 0);
* deaths without a number: "several people were killed", "plusieurs morts", "killed an unknown
  number of militants" (killed = 0, ``unknown`` = True, as ACLED codes them);
* pronouns for people counted before: "abducted six men and executed them", "les ont tués";
* the wounded who later died count as dead ("the two wounded later succumbed"); people who met
  another fate are not added ("12 killed, 30 missing"); things after a killing verb are no deaths
  ("neutralised an explosive device").

It keeps ACLED's conventions: the most conservative figure ("more than 20" is 20; a range gives its
low end, with ``low``/``high``); breakdowns of a toll already counted are not added again ("10 morts
(8 soldats, 2 assaillants)" is 10; so is "12 killed, including 5 soldiers"); numbers that count
no people (years, dates, times, distances, money, vehicles) and attackers ("100 gunmen killed 12")
are not deaths.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from conflictwatch.extract.dates import find_dates

__all__ = ["FatalityCount", "breakdown_phrases", "parse_fatalities", "parse_number", "vague_figure"]


@dataclass(frozen=True, slots=True)
class FatalityCount:
    """The toll one sentence reports.

    ``killed`` is the number of deaths (0 when nobody died or when deaths are reported without a
    number, then ``unknown`` is True), or None when the sentence reports no deaths either way;
    ``injured`` likewise for injuries. ``start``/``end``/``text`` cover the words the figures come
    from; ``low``/``high`` are the ends of a range of deaths ("between 10 and 20 killed").
    """

    killed: int | None
    unknown: bool
    injured: int | None
    start: int
    end: int
    text: str
    low: int | None = None
    high: int | None = None


# --------------------------------------------------------------------------- tokens and lexicon

_TOKEN_PARTS = (
    r"\d{1,3}(?:,\d{3})+(?!\d)",  # 1,200
    r"\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?!\d)",  # 1.200, 1 200 (narrow/no-break spaces)
    r"\d+",
    r"[^\W\d_]+(?:-[^\W\d_]+)*['’]?",  # words, hyphenated words, French elisions (l', d')
    r"\S",
)
_TOKEN = re.compile("|".join(_TOKEN_PARTS))
#: French also groups thousands with a plain space ("2 000 personnes").
_TOKEN_FR = re.compile("|".join((r"\d{1,3}(?: \d{3})+(?![\d,])", *_TOKEN_PARTS)))
_DIGIT = re.compile(r"\d")
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.\s?m\b|o['’]clock\b|h\s?\d|[:h]\d\d)", re.IGNORECASE)
_CLAUSE_END = frozenset({".", ";", ":", "!", "?", ")", "(", "[", "]", "—", "|"})
_BREAK = frozenset({".", ";", "!", "?", "(", ")", "[", "]", '"', "“", "”", "«", "»", "|", "—"})
_LIST_JOIN = frozenset({",", "and", "et", "plus"})
#: prepositions of belonging: an indefinite article after them starts no new count
_GENITIVE = frozenset({"of", "d'", "de"})
#: Words that make another source's figure an addition, not an alternative ("were also killed").
_ADDITIVE = frozenset({"also", "too", "further", "additional", "également", "aussi", "autres"})
#: The most words a noun group may have between a count and its death word.
_GROUP_WORDS = 8
#: words a group may have past that when it names whose the people are ("of the X company")
_GENITIVE_WORDS = 2
_YEAR_BEFORE = frozenset({"in", "en", "since", "depuis", "until", "jusqu'en", "year", "l'an", "of"})


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _tokens(text: str, lang: str = "en") -> list[str]:
    pattern = _TOKEN_FR if lang == "fr" else _TOKEN
    return [_norm(m.group()) for m in pattern.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Num:
    value: int
    low: int
    high: int
    end: int  # index of the token after the number phrase
    start: int = -1  # index of its first token
    article: bool = False  # a bare "a"/"an" before a noun that names no person


class _Phrases:
    """Token sequences indexed by their first token, longest first."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            toks = tuple(_tokens(phrase))
            if toks:
                self.by_first.setdefault(toks[0], []).append(toks)
        for seqs in self.by_first.values():
            seqs.sort(key=len, reverse=True)

    def match(self, words: list[str], i: int) -> int:
        """The index after the longest phrase starting at ``words[i]``, or -1."""
        if i >= len(words):
            return -1
        for seq in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(seq)]) == seq:
                return i + len(seq)
        return -1


@cache
def _json(name: str) -> dict[str, Any]:
    text = resources.files("conflictwatch.data").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class _Lexicon:
    """The number words and cue phrases of one language."""

    def __init__(self, lang: str) -> None:
        nw = _json("number_words.json")[lang]
        fw = _json("fatality_words.json")[lang]
        self.lang = lang
        self.units: dict[str, int] = nw["units"]
        self.multipliers: dict[str, int] = nw["multipliers"]
        self.multiplied_after: dict[str, int] = nw["multiplied_after"]
        self.scales: dict[str, int] = nw["scales"]
        self.joiners = frozenset(nw["joiners"])
        self.articles = frozenset(nw["articles"])
        self.approximate = _Phrases(list(nw["approximate"]))
        self.approx_value: dict[tuple[str, ...], int] = {
            tuple(_tokens(k)): v for k, v in nw["approximate"].items()
        }
        self.qualifiers = _Phrases(nw["qualifiers"])
        self.range_joiners = frozenset(nw["range_joiners"])
        self.number_words = (
            set(self.units) | set(self.multipliers) | set(self.multiplied_after) | set(self.scales)
        )
        self.death = _Phrases(fw["death"])
        self.death_transitive = frozenset(tuple(_tokens(p)) for p in fw["death_transitive"])
        self.injury = _Phrases(fw["injury"])
        self.injury_transitive = frozenset(tuple(_tokens(p)) for p in fw["injury_transitive"])
        self.death_verbs = _Phrases(fw["death_verbs"])
        self.injury_verbs = _Phrases(fw["injury_verbs"])
        self.passive = _Phrases(fw["passive"])
        self.passive_markers = frozenset(fw["passive_markers"])
        self.active = frozenset(fw["active"])
        self.plural_auxiliaries = frozenset(fw["plural_auxiliaries"])
        self.indefinite = frozenset(fw["indefinite_articles"])
        self.objects = frozenset(_norm(w) for w in fw["objects"])
        self.determiners = frozenset(_norm(w) for w in fw["determiners"])
        self.persons = frozenset(_norm(w) for w in fw["persons"])
        self.pronouns = frozenset(_norm(w) for w in fw["pronouns"])
        self.possessives = frozenset(_norm(w) for w in fw["possessives"])
        self.remains = frozenset(tuple(_tokens(p)) for p in fw["remains"])
        self.one_death = _Phrases(fw["one_death"])
        self.anaphora = frozenset(_norm(w) for w in fw["anaphora"])
        self.anaphora_before = frozenset(_norm(w) for w in fw["anaphora_before"])
        dw = _json("date_words.json")[lang]
        self.months = frozenset(
            _norm(m).rstrip(".") for m in (*dw["months"], *dw["month_abbreviations"])
        )
        self.definite = frozenset(_norm(w) for w in fw["definite"])
        self.prepositions = frozenset(_norm(w) for w in fw["prepositions"])
        self.fates = frozenset(_norm(w) for w in fw["fates"])
        self.speech = frozenset(_norm(w) for w in fw["speech"])
        self.asides = _Phrases(fw["asides"])
        self.tolls = _Phrases(fw["tolls"])
        self.zero = _Phrases(fw["zero"])
        self.zero_injury = frozenset(
            tuple(_tokens(p)) for p in fw["zero"] if set(_tokens(p)) & set(_flat(fw["injury"]))
        )
        self.not_death = _Phrases(fw["not_death"])
        self.vague = _Phrases(fw["vague"])
        self.breakdown = _Phrases(fw["breakdown"])
        self.other_report = _Phrases(fw["other_report"])
        self.units_after = frozenset(_norm(w) for w in fw["units"])
        self.needs_count = frozenset(tuple(_tokens(p)) for p in fw["needs_count"])
        # First words of each phrase kind, to skip most tokens without trying every phrase.
        self.mask_starts = frozenset(
            {
                *self.not_death.by_first,
                *self.vague.by_first,
                *self.zero.by_first,
                *self.breakdown.by_first,
                "(",
            }
        )
        self.verb_starts = frozenset({*self.death_verbs.by_first, *self.injury_verbs.by_first})
        self.cue_starts = frozenset(self.death.by_first)
        self.number_starts = frozenset(
            {
                *self.number_words,
                *self.articles,
                *self.determiners,
                *self.pronouns,
                *self.anaphora_before,
                *self.approximate.by_first,
            }
            | set(self.qualifiers.by_first)
        )
        cue_words = {
            _tokens(p)[0]
            for key in ("death", "injury", "death_verbs", "injury_verbs", "tolls", "zero")
            for p in fw[key]
        }
        self.prefilter = re.compile(
            r"(?<!\w)(?:"
            + "|".join(sorted(map(_word_regex, cue_words), key=len, reverse=True))
            + ")",
            re.IGNORECASE,
        )


def _flat(phrases: list[str]) -> list[str]:
    return [w for p in phrases for w in _tokens(p)]


def _word_regex(word: str) -> str:
    """A cue's first word as a regex; an elided one ("l'") runs into the next word."""
    escaped = re.sub(r"'", "['’]", re.escape(word))
    return escaped if word.endswith("'") else escaped + r"(?!\w)"


@cache
def _lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang)


def _language(lang: str) -> str:
    code = (lang or "en").lower()[:2]
    return code if code in ("en", "fr") else "en"


# --------------------------------------------------------------------------- numbers


def _words_value(words: list[str], lex: _Lexicon) -> int | None:
    """The value of a sequence of number words (already split on hyphens), or None."""
    total = current = 0
    previous: str | None = None
    seen = False
    for word in words:
        if word in lex.joiners and seen:
            previous = word
            continue
        if word in lex.multiplied_after and previous in lex.units and lex.units[previous] < 10:
            current = (
                current - lex.units[previous] + lex.units[previous] * lex.multiplied_after[word]
            )
        elif word in lex.units:
            current += lex.units[word]
        elif word in lex.multipliers:
            current = max(current, 1) * lex.multipliers[word]
        elif word in lex.scales:
            total += max(current, 1) * lex.scales[word]
            current = 0
        else:
            return None
        seen = True
        previous = word
    return total + current if seen else None


def _digits(word: str) -> int | None:
    # isdecimal, not isdigit: "①" and "²³" are digits that int() cannot read
    if not word[:1].isdecimal():
        return None
    cleaned = re.sub(r"[,.\u00a0\u202f ]", "", word)
    return int(cleaned) if cleaned.isdecimal() else None


def parse_number(text: str, *, lang: str) -> int | None:
    """The number ``text`` writes, in digits or words, or None when it is not a number.

    Vague quantities read conservatively: ``parse_number("dozens", lang="en") == 12``,
    ``parse_number("une vingtaine", lang="fr") == 20``.
    """
    lex = _lexicon(_language(lang))
    words = _tokens(text.strip(), lex.lang)
    if not words:
        return None
    if len(words) == 1 and (value := _digits(words[0])) is not None:
        return value
    end = lex.approximate.match(words, 0)
    if end == len(words):
        return lex.approx_value[tuple(words)]
    parts = [p for w in words for p in w.split("-") if p]
    return _words_value(parts, lex)


def breakdown_phrases(lang: str) -> tuple[str, ...]:
    """The words that introduce a part of a toll already counted ("including", "dont"), as
    data/fatality_words.json writes them."""
    return tuple(_json("fatality_words.json")[_language(lang)]["breakdown"])


def vague_figure(text: str, *, lang: str) -> bool:
    """Whether a toll's words give a vague quantity ("une dizaine", "dozens of") rather than a
    count: beside a counted figure for the same deaths, the count is the better one."""
    lex = _lexicon(_language(lang))
    words = _tokens(text, lex.lang)
    return any(lex.approximate.match(words, i) > 0 for i in range(len(words)))


def summary_figure(count: FatalityCount, *, lang: str) -> bool:
    """Whether a toll is a vague quantity of thousands or more ("thousands killed", "des milliers
    de morts", from ``summary_from`` in data/number_words.json): a conflict's running toll told in
    passing, never the toll of one event."""
    killed = count.killed or 0
    return killed >= int(_json("number_words.json")["summary_from"]) and vague_figure(count.text, lang=lang)


class _Sentence:
    """One sentence's tokens with the grammar that reads a toll from them."""

    def __init__(
        self, text: str, lex: _Lexicon, tokens: tuple[list[str], list[tuple[int, int]]]
    ) -> None:
        self.lex = lex
        self.text = text
        self.words, self.spans = tokens
        self.blocked: set[int] = set()
        self.used: set[int] = set()

    # ---- numbers
    def number(self, i: int, *, bare: bool = False) -> _Num | None:
        """The count starting at token ``i`` (after any qualifier such as "at least")."""
        w, lex = self.words, self.lex
        person = self.one_person(i)
        if person < 0 and bare and self._bare_number(i) is None:
            person = self.one_person(i, bare=True)
        if person > 0:
            return _Num(1, 1, 1, person, i)
        q = lex.qualifiers.match(w, i)
        between = q > i and w[i] in ("between", "entre")
        first = self._bare_number(max(i, q))
        if first is None:
            return None
        value, end = first
        if end == max(i, q) + 1 and w[end - 1] in lex.articles:
            return _Num(1, 1, 1, end, i, article=True)
        high = value
        # "10 to 20", "between 10 and 20" ("and" joins a range only after "between")
        if end < len(w) and w[end] in lex.range_joiners and (between or w[end] not in lex.joiners):
            second = self._bare_number(end + 1)
            if second is not None and second[0] > value:
                high, end = second
        return _Num(value, value, high, end, i)

    def one_person(self, i: int, *, bare: bool = False) -> int:
        """The index after "the mayor", "his son", "the 12-year-old boy" (one person), or -1.

        With ``bare``, a person noun needs no determiner ("killed GATIA commander X",
        "Marabout killed"), within three words.
        """
        w, lex = self.words, self.lex
        if i >= len(w) or i in self.blocked:
            return -1
        if w[i] in lex.pronouns and self._bare_number(i + 1) is None:
            return i + 1  # "he", "another" (not "another 12")
        if bare and w[i] not in lex.determiners:
            first, last = i, i + 3
        elif w[i] in lex.determiners:
            first, last = i + 1, i + 7
        else:
            return -1
        for j in range(first, min(last, len(w))):
            word = w[j]
            if word in lex.persons and (not bare or self._ends_group(j + 1)):
                return j + 1
            if (
                j in self.blocked
                or word in _BREAK
                or word in _LIST_JOIN
                or word in lex.determiners
                or (bare and word in lex.prepositions)
                or lex.death.match(w, j) > 0
                or lex.death_verbs.match(w, j) > 0
                or lex.passive.match(w, j) > 0
            ):
                break
        return -1

    def _person_at(self, j: int) -> bool:
        """True when the word at ``j`` names a person or people ("driver", "drivers")."""
        if j >= len(self.words):
            return False
        word = self.words[j]
        return word in self.lex.persons or (word[-1:] == "s" and word[:-1] in self.lex.persons)

    def _ends_group(self, j: int) -> bool:
        """True when no noun goes on at ``j`` ("guard killed", not "guard units")."""
        w, lex = self.words, self.lex
        return (
            j >= len(w)
            or w[j] in _BREAK
            or w[j] in _LIST_JOIN
            or w[j] in lex.prepositions
            or w[j] in lex.possessives
            or w[j] in ("(", ",")
            or lex.passive.match(w, j) > 0
            or lex.death.match(w, j) > 0
            or lex.injury.match(w, j) > 0
            or lex.death_verbs.match(w, j) > 0
            or self.text[self.spans[j][0]].isupper()  # a name: "commander Saloum Ould"
        )

    def _bare_number(self, i: int) -> tuple[int, int] | None:
        w, lex = self.words, self.lex
        if i >= len(w) or i in self.blocked:
            return None
        end = lex.approximate.match(w, i)
        if end > 0:
            return lex.approx_value[tuple(w[i:end])], end
        value = _digits(w[i])
        if value is not None:
            end = i + 1
            if end < len(w) and w[end] in lex.scales:
                value, end = value * lex.scales[w[end]], end + 1
            if not self._counts_people(i, end, value):
                return None
            return value, end
        if w[i] in lex.articles:
            return 1, i + 1
        j = i
        parts: list[str] = []
        while j < len(w) and j not in self.blocked:
            pieces = w[j].split("-")
            if all(p in lex.number_words for p in pieces):
                parts += pieces
                j += 1
            elif (
                parts
                and w[j] in lex.joiners
                and j + 1 < len(w)
                and all(p in lex.number_words for p in w[j + 1].split("-"))
                and (parts[-1] in lex.multipliers or parts[-1] in lex.scales or lex.lang == "fr")
                and (lex.lang == "en" or w[j + 1] in ("un", "une", "onze"))
            ):
                j += 1
            else:
                break
        if not parts:
            return None
        value = _words_value(parts, lex)
        if value is None or not self._counts_people(i, j, value):
            return None
        return value, j

    def _counts_people(self, i: int, end: int, value: int) -> bool:
        """False for numbers that measure something else: units, ages, times, years."""
        w = self.words
        after = w[end] if end < len(w) else ""
        if _TIME_AFTER.match(self.text, self.spans[end - 1][1]):
            return False
        if after in ("-", ":", "/", "h", "°"):
            return False
        if after in self.lex.units_after and not self._person_at(end + 1):
            return False  # "12 trucks", not "one truck driver"
        if i > 0 and self.spans[i][0] == self.spans[i - 1][1] and w[i - 1][-1:].isalpha():
            return False  # a name: "CMFPR1", "G5"
        if 1900 <= value <= 2100 and (i == 0 or w[i - 1] in _YEAR_BEFORE or after in (",", ".")):
            return False
        before = w[i - 1] if i > 0 else ""
        if before in (":", "/", ".") and i > 1 and w[i - 2][:1].isdigit():
            return False  # 12:30, 3/4
        if (
            w[i][:1].isdigit()
            and value <= 31
            and (
                before in self.lex.months
                or (before == "," and i > 1 and w[i - 2] in self.lex.months)
            )
        ):
            return False  # "on August, 25"
        return before not in ("$", "€", "£", "n°", "no", "number", "numéro")

    # ---- grammar pieces
    def noun_group(self, i: int, *, open_end: bool = False) -> int:
        """The index after the words naming who was counted ("Malian soldiers"), or -1.

        A group longer than ``_GROUP_WORDS`` words is no group, unless ``open_end`` (after a killing verb the
        count stands on its own: "shot three members of the Bozo community outside ...").
        """
        w, lex = self.words, self.lex
        j = i
        size = 0
        head = True  # before the first preposition: "12 vehicles" counts things, "12 men in
        # vehicles" people
        limit = _GROUP_WORDS
        while j < len(w) and size < limit:
            word = w[j]
            if word in _GENITIVE and limit == _GROUP_WORDS:
                limit += _GENITIVE_WORDS  # "seven local employees of the French mining firm X"
            if word in ("and", "et") and w[j + 1 : j + 3] in (["/", "or"], ["/", "ou"]):
                j += 3  # "JNIM and/or ISGS militants"
                continue
            if (
                j > i + 1
                and w[j - 2 : j] in (["of", "the"], ["d'entre", "les"])
                and (self._bare_number(j) is not None)
            ):
                j += 1  # "one of the three soldiers"
                continue
            if (
                j in self.blocked
                or word in _BREAK
                or word in _LIST_JOIN
                or word in ("or", "ou")
                or word in lex.speech  # "a witness spoke of several dead": who speaks is no count
                or lex.death.match(w, j) > 0
                or lex.injury.match(w, j) > 0
                or lex.passive.match(w, j) > 0
                # "six workers of a mining company", "six ouvriers d'une société": one group
                or (self._bare_number(j) is not None and (j == i or word not in lex.articles)
                    and not (j > i + 1 and word in lex.indefinite and w[j - 1] in _GENITIVE))
                or (j > i + 1 and word in lex.indefinite and w[j - 1] in lex.prepositions  # "dans un camion"
                    and w[j - 1] not in _GENITIVE)
                or (word[:1].isdigit() and w[j + 1 : j + 2] != ["-"])  # "a herder 2 km from"
            ):
                break
            if word in lex.fates and not open_end and w[j + 1 : j + 2] not in (["by"], ["par"]):
                return -1  # "30 gone missing": no deaths ("4 men arrested by soldiers were" goes on)
            if head and word in lex.units_after and not self._person_at(j + 1):
                return -1
            head = head and word not in lex.prepositions
            if lex.death_verbs.match(w, j) > 0 or lex.injury_verbs.match(w, j) > 0:
                break
            j += 1
            size += 1
        if size >= limit and not open_end:
            return -1
        if size >= limit:  # "killing a leader of the X faction of Y and his driver"
            for k in range(j, min(j + 8, len(w))):
                if w[k] in _BREAK:
                    break
                if w[k] in ("and", "et") and w[k + 1 : k + 2] and w[k + 1] in lex.possessives:
                    return k
        return j

    def elements(
        self, i: int, *, after_verb: bool = False, bare_first: bool = False
    ) -> tuple[list[_Num], int, int] | None:
        """Counts joined by "and"/"," from token ``i``: the counts, the end, the last count's end.

        With ``bare_first`` the first count may be a person noun without determiner.
        """
        found: list[_Num] = []
        lex_definite, lex_prepositions = self.lex.definite, self.lex.prepositions
        j = i
        while True:
            if j in self.used:
                break
            num = self.number(j, bare=bare_first and j == i)
            if num is None:
                break
            end = self.noun_group(num.end, open_end=after_verb)
            if end < 0:
                break
            found.append(num)
            j = self.skip_aside(end)
            aside = j != end
            if aside and (more := self.noun_group(j, open_end=after_verb)) > j:
                end = more
                j = self.skip_aside(more)  # "15 presumed Katiba Macina (JNIM) militants"
            if j < len(self.words) and self.words[j] in _LIST_JOIN:
                nxt = j + 1
                if nxt < len(self.words) and self.words[nxt] in ("and", "et"):
                    nxt += 1
                following = self.number(nxt)
                # "a truck, the driver were ...": a comma joins no bare-article thing, and
                # "a fisherman, the victim of ..." names the same person again
                # "a civilian at the market in X, two Dozos were ...", "the chief of X (killed
                # earlier), one youth was ...": a new clause, not a list
                if self.words[j] == "," and (
                    num.article
                    or aside
                    or (following and following.article)
                    or (following and self.words[nxt] in lex_definite)
                    or (
                        any(self.words[k] in lex_prepositions for k in range(num.end, end))
                        and self.words[nxt] not in self.lex.possessives  # "..., his son"
                    )
                ):
                    break
                if following is not None and nxt not in self.used:
                    j = nxt
                    continue
            break
        if not found:
            return None
        return found, j, found[-1].end

    def skip_aside(self, j: int) -> int:
        """The index after a masked aside at ``j``: "ten people (eight soldiers) were",
        "13 people, including four children, were", "eight others including two children were"."""
        w = self.words
        if j < len(w) and j in self.blocked and self.lex.breakdown.match(w, j) > 0:
            k = j
            while k < len(w) and k in self.blocked:
                k += 1
            return k
        if j < len(w) and (
            (w[j] == "(" and j in self.blocked) or (w[j] == "," and j + 1 in self.blocked)
        ):
            k = j + 1
            while k < len(w) and k in self.blocked:
                k += 1
            return k + 1 if k < len(w) and w[k] in (")", ",") else k
        return j

    def cue(self, k: int) -> tuple[str, int, tuple[str, ...]] | None:
        """A death or injury word at ``k``: its kind, end and words."""
        for kind, phrases in (("killed", self.lex.death), ("injured", self.lex.injury)):
            end = phrases.match(self.words, k)
            if end > 0 and k not in self.blocked:
                return kind, end, tuple(self.words[k:end])
        return None

    def past_aside(self, k: int) -> int:
        """After ", accused of theft," at ``k``, the index of the passive death word that
        follows ("were killed"), or -1."""
        w, lex = self.words, self.lex
        for j in range(k + 1, min(k + 12, len(w))):
            if w[j] in _BREAK or j in self.blocked or self._bare_number(j) is not None:
                return -1
            if w[j] == ",":
                aux: list[str] = []
                e = j + 1
                while e < len(w) and len(aux) < 6 and (n := lex.passive.match(w, e)) > 0:
                    aux += w[e:n]
                    e = n
                passive = any(a in lex.passive_markers for a in aux)
                return e if passive and self.cue(e) is not None else -1
        return -1

    def coordinated_death(self, k: int) -> int:
        """After a passive verb at ``k`` ("were taken to the forest"), the index of a death word
        coordinated with it ("and executed", "puis abattus"), or -1."""
        w = self.words
        for j in range(k, min(k + 8, len(w) - 1)):
            if w[j] in _BREAK or w[j] == "," or j in self.blocked or self._bare_number(j) is not None:
                return -1
            if w[j] in ("and", "et", "then", "puis"):
                e = j + 1
                while e < len(w) and (n := self.lex.passive.match(w, e)) > 0:
                    e = n
                cue = self.cue(e)
                return e if cue is not None and cue[0] == "killed" else -1
        return -1

    def earlier_count(self, verb: int, end: int) -> tuple[list[_Num], int, int] | None:
        """The last count of people before token ``verb``, as the victims "them" refers to."""
        for k in range(verb - 1, -1, -1):
            if self.words[k] in _BREAK:
                return None
            if k in self.used or self.words[k] in self.lex.determiners:
                continue
            num = self.number(k)
            if num is not None and num.value > 1 and self.noun_group(num.end, open_end=True) >= 0:
                return [_Num(num.value, num.low, num.high, end, verb)], end, end
        return None

    def thing_object(self, k: int) -> bool:
        """True when the words at ``k`` name things: "an explosive device", "deux engins"."""
        w, lex = self.words, self.lex
        if k < len(w) and (w[k] in lex.determiners or w[k] in lex.number_words or w[k].isdigit()):
            k += 1
        return any(w[j] in lex.units_after for j in range(k, min(k + 2, len(w))))

    def cue_after(self, k: int) -> tuple[str, int, tuple[str, ...]] | None:
        """A death or injury word at ``k`` or after auxiliaries ("were also killed")."""
        w = self.words
        for _ in range(6):
            e = self.lex.passive.match(w, k)
            if e < 0:
                break
            k = e
        return self.cue(k)

    def is_object(self, k: int) -> bool:
        """True when a count or victims follow a transitive death word at ``k``. A qualifier
        ("near", "près de") makes an object only before a count: "killed near 20 civilians" vs
        "tués près de Léré"."""
        if k >= len(self.words):
            return False
        word, lex = self.words[k], self.lex
        if self.number(k) is not None:
            return True
        return word in lex.objects and not (
            word in lex.qualifiers.by_first
            and word not in lex.determiners
            and word not in lex.articles
            and word not in lex.possessives
            and word not in lex.anaphora_before  # "les" is a determiner too
        )


@dataclass
class _Tally:
    killed: list[tuple[int, int, int]]
    killed_at: list[int]  # the first token of each count in ``killed``
    injured: list[int]
    tolls: list[tuple[int, int, int]]  # value, low, high
    spans: list[tuple[int, int]]
    death_cue: tuple[int, int] | None = None
    zero: tuple[int, int] | None = None
    zero_injured: bool = False
    masked: bool = False  # parts of the sentence were set aside as a breakdown
    other_reports: tuple[int, ...] = ()  # tokens where another source's figure begins

    def killed_total(self) -> tuple[int, int, int]:
        """The deaths counted: the sum of the counts (value, low, high); when another source
        gives its own figure ("six killed, while local sources reported eight"), the sums either
        side are alternatives, and the lowest is kept with the range."""
        groups: dict[int, list[tuple[int, int, int]]] = {}
        for at, count in zip(self.killed_at, self.killed, strict=True):
            groups.setdefault(sum(1 for r in self.other_reports if r < at), []).append(count)
        sums = [
            (sum(v for v, _, _ in g), sum(lo for _, lo, _ in g), sum(hi for _, _, hi in g))
            for g in groups.values()
        ]
        if len(sums) == 1:
            return sums[0]
        return min(v for v, _, _ in sums), min(lo for _, lo, _ in sums), max(hi for _, _, hi in sums)


def _split(sentence: str, lex: _Lexicon) -> tuple[list[str], list[tuple[int, int]]]:
    matches = list((_TOKEN_FR if lex.lang == "fr" else _TOKEN).finditer(sentence))
    words, spans = [_norm(m.group()) for m in matches], [m.span() for m in matches]
    if not any(w in lex.asides.by_first for w in words):
        return words, spans
    # time adverbs are read past: "a coûté cette semaine la vie à six soldats"
    keep: list[int] = []
    i = 0
    while i < len(words):
        end = lex.asides.match(words, i)
        if end > 0:
            i = end
            continue
        keep.append(i)
        i += 1
    return [words[k] for k in keep], [spans[k] for k in keep]


def _read(
    sentence: str,
    lex: _Lexicon,
    mask_parts: bool,
    dates: set[int],
    tokens: tuple[list[str], list[tuple[int, int]]],
) -> _Tally:
    s = _Sentence(sentence, lex, tokens)
    w = s.words
    blocked = {i for i, span in enumerate(s.spans) if span[0] in dates}
    tally = _Tally([], [], [], [], [])
    i = 0
    while i < len(w):
        if w[i] not in lex.mask_starts:
            i += 1
            continue
        end = lex.not_death.match(w, i)
        if end < 0:
            end = lex.vague.match(w, i)
        if end < 0:
            end = lex.zero.match(w, i)
            if end > 0:
                tally.zero = tally.zero or s.spans[i]
                tally.zero_injured |= tuple(w[i:end]) in lex.zero_injury
                tally.spans.append((s.spans[i][0], s.spans[end - 1][1]))
        if end > 0:
            blocked.update(range(i, end))
            i = end
            continue
        if mask_parts and w[i] == "(":
            tally.masked = True
            j = i
            while j < len(w) and w[j] != ")":
                blocked.add(j)
                j += 1
            i = j
            continue
        if mask_parts and (end := lex.breakdown.match(w, i)) > 0 and i > 0:
            tally.masked = True
            j = i
            while (
                j < len(w)
                and w[j] not in _CLAUSE_END
                and not (j > end and w[j] == ",")
                # the verb closes the aside: "three soldiers including an officer were killed",
                # "sept personnes dont quatre enfants ont péri"
                and w[j] not in lex.passive_markers
                and w[j] not in lex.active
                and (j < end or s.cue(j) is None)
                and not (w[j] in ("and", "et") and s.cue(j + 1) is not None)
            ):
                blocked.add(j)
                j += 1
            i = j
            continue
        i += 1
    s.blocked = blocked

    def count(kind: str, nums: list[_Num], first: int, last: int) -> None:
        for k in range(first, last):
            s.used.add(k)
        span = (s.spans[first][0], s.spans[last - 1][1])
        tally.spans.append(span)
        if kind == "killed":
            tally.killed += [(n.value, n.low, n.high) for n in nums]
            tally.killed_at += [n.start if n.start >= 0 else first for n in nums]
        else:
            tally.injured += [n.value for n in nums]

    # Tolls: "the death toll rose to 12", "bilan : 3 morts"; "the corpse was found" is one.
    for i in range(len(w)):
        if (
            w[i] in lex.one_death.by_first
            and i not in blocked
            and (end := lex.one_death.match(w, i)) > 0
        ):
            tally.tolls.append((1, 1, 1))
            tally.spans.append((s.spans[i][0], s.spans[end - 1][1]))
            continue
        end = lex.tolls.match(w, i) if w[i] in lex.tolls.by_first else -1
        if end < 0 or i in blocked:
            continue
        for j in range(end, min(end + 8, len(w))):
            if w[j] in (".", ";", "!", "?") or j in blocked:
                break
            num = s.number(j)
            if num is None:
                continue
            group = s.noun_group(num.end)
            if group < 0:
                break  # "bilan : 2 disparus", "toll: 3 vehicles": no deaths
            cue = s.cue(group)
            if cue is not None and cue[0] == "injured":
                break
            last = cue[1] if cue is not None else num.end
            for k in range(j, last):
                s.used.add(k)
            tally.tolls.append((num.value, num.low, num.high))
            tally.spans.append((s.spans[i][0], s.spans[last - 1][1]))
            break

    # Counts after a verb: "killing five soldiers and three civilians", "a tué 12 civils".
    for i in range(len(w)):
        if i in blocked or w[i] not in lex.verb_starts:
            continue
        for kind, verbs in (("killed", lex.death_verbs), ("injured", lex.injury_verbs)):
            end = verbs.match(w, i)
            if end < 0:
                continue
            got = s.elements(end, after_verb=True, bare_first=True)
            if (
                got is None
                and end + 2 < len(w)
                and w[end] in ("and", "et")
                and lex.injury_verbs.match(w, end + 1) < 0  # "killed and wounded dozens": unknown
            ):
                got = s.elements(end + 2, after_verb=True)  # "killed and buried a herder"
            if got is None and kind == "killed" and end < len(w) and w[end] in lex.anaphora:
                got = s.earlier_count(i, end + 1)  # "abducted six men, executed them"
            if got is None and s.thing_object(end):
                s.used.update(range(i, end))  # "neutralised an explosive device": no death
                break
            if kind == "killed" and tuple(w[i:end]) not in lex.needs_count:
                tally.death_cue = tally.death_cue or (s.spans[i][0], s.spans[end - 1][1])
            if got is None:
                continue
            nums, group_end, _ = got
            if s.cue_after(group_end) is not None:
                # "12 killed, 3 wounded": the 3 is the wounded; "wounding two, one died"
                group_end = nums[-1].start
                nums = nums[:-1]
                if not nums:
                    continue
            if tuple(w[i:end]) in lex.remains:  # "the body of the victim": a toll, not added
                s.used.update(range(i, group_end))
                total = sum(n.value for n in nums)
                tally.tolls.append((total, total, total))
                tally.spans.append((s.spans[i][0], s.spans[group_end - 1][1]))
                break
            count(kind, nums, i, group_end)
            break

    # Counts before a death or injury word: "at least 12 soldiers were killed", "3 morts".
    i = 0
    pending: tuple[list[_Num], int] | None = None
    while i < len(w):
        word = w[i]
        # a person noun alone may start a clause: "Marabout killed", "Forest guard and his guide"
        bare = i == 0 or w[i - 1] in (",", ";", ":")
        if (
            i in s.used
            or i in blocked
            or not (bare or word[0].isdigit() or word.split("-")[0] in lex.number_starts)
        ):
            i += 1
            continue
        got = s.elements(i, bare_first=bare)
        anaphoric = got is None and word in lex.anaphora_before and i not in blocked
        if anaphoric:
            got = s.earlier_count(i, i + 1)  # "enlevé six bergers avant de les exécuter"
        if got is None and pending is not None and word in lex.indefinite:
            # "cinq passagers voyageant dans un camion reliant X à Y ont été tués": the thing
            # after the preposition reads as no count; the verb after it is the count's
            j = i + 1
            while j < min(i + 10, len(w)) and w[j] not in _BREAK and w[j] not in lex.plural_auxiliaries:
                j += 1
            if j < len(w) and w[j] in lex.plural_auxiliaries:
                got = (pending[0], j, j)
                i = pending[1]
                pending = None
        if got is None:
            i += 1
            continue
        nums, k, _ = got
        aux: list[str] = []
        while k < len(w) and len(aux) < 6 and (e := lex.passive.match(w, k)) > 0:
            aux += w[k:e]
            k = e
        cue = s.cue(k)
        if cue is None and k < len(w) and w[k] == ",":
            k = s.past_aside(k)  # "Four men, accused of theft, were killed"
            cue = s.cue(k) if k > 0 else None
        if cue is None and any(a in lex.passive_markers for a in aux):
            k = s.coordinated_death(k)  # "two herders were mistaken for thieves and killed"
            cue = s.cue(k) if k > 0 else None
        lone_article = len(nums) == 1 and nums[0].value == 1 and w[i] in lex.indefinite
        if cue is not None and lone_article and lex.plural_auxiliaries.intersection(aux[:1]):
            # "quatre passagers voyageant dans un car ... ont été tués": a lone article is no
            # plural subject; the count before the preposition is
            if pending is None:
                i += 1
                continue
            nums, i = pending
        pending = None
        if cue is None:
            if k < len(w) and w[k] in lex.indefinite and w[k - 1] in lex.prepositions:
                pending = (nums, i)  # "four herders travelling in a truck ...": the verb may come later
            i += 1
            continue
        kind, end, words = cue
        if kind == "injured":  # "the two wounded later succumbed": they died
            later = s.cue_after(end + 1 if end < len(w) and w[end] in ("and", "et") else end)
            if later is not None and later[0] == "killed" and later[2] not in lex.death_transitive:
                kind, end, words = later
        transitive = words in (lex.death_transitive if kind == "killed" else lex.injury_transitive)
        passive = any(a in lex.passive_markers for a in aux)
        active = any(a in lex.active for a in aux) and not passive
        if transitive and not anaphoric and (active or (not passive and s.is_object(end))):
            i = k  # the count is the attacker: "100 gunmen killed 12"
            continue
        count(kind, nums, i, end)
        i = end

    tally.other_reports = tuple(
        i
        for i in range(len(w))
        if i not in blocked
        and (e := lex.other_report.match(w, i)) > 0
        and not _ADDITIVE.intersection(itertools.takewhile(lambda x: x not in _BREAK, w[e : e + 12]))
    )
    for i in range(len(w)):
        if w[i] not in lex.cue_starts or i in blocked or i in s.used:
            continue
        cue = s.cue(i)
        if cue is not None and cue[0] == "killed" and cue[2] not in lex.needs_count:
            tally.death_cue = tally.death_cue or (s.spans[i][0], s.spans[cue[1] - 1][1])
    return tally


_QUOTES = str.maketrans({q: " " for q in "«»“”„\"‹›"})


def parse_fatalities(sentence: str, *, lang: str) -> FatalityCount | None:
    """The death and injury toll ``sentence`` reports, or None when it reports neither.

    ``lang`` is "en" or "fr" (anything else is read as English).
    """
    lex = _lexicon(_language(lang))
    if not lex.prefilter.search(sentence):
        return None
    # quotation marks do not break a toll ("neutralised « une dizaine de terroristes »"); one
    # character for one keeps every offset
    original, sentence = sentence, sentence.translate(_QUOTES)
    # Day numbers and years of dates are not counts (only digits can be: skip the search otherwise).
    dates = (
        {
            m.start + off
            for m in find_dates(sentence, published=date.max, lang=lex.lang)
            for off in range(m.end - m.start)
        }
        if _DIGIT.search(sentence)
        else set()
    )
    tokens = _split(sentence, lex)
    tally = _read(sentence, lex, True, dates, tokens)
    if not tally.killed and not tally.tolls and tally.masked:
        unmasked = _read(sentence, lex, False, dates, tokens)
        if unmasked.killed or unmasked.tolls:
            tally = unmasked
    killed: int | None = None
    unknown = False
    low = high = None
    if tally.killed or tally.tolls:
        summed, summed_low, summed_high = tally.killed_total() if tally.killed else (0, 0, 0)
        toll = max(tally.tolls, default=(-1, -1, -1))
        killed = max(summed, toll[0])
        if killed == summed and summed_low != summed_high:
            low, high = summed_low, summed_high
        elif killed == toll[0] and toll[1] != toll[2]:
            low, high = toll[1], toll[2]
    elif tally.death_cue is not None:
        # deaths without a number, even beside a phrase of no casualties outside it ("des morts et
        # des dégâts matériels": the damage does not say nobody died)
        killed, unknown = 0, True
        tally.spans.append(tally.death_cue)
    elif tally.zero is not None:
        killed = 0
    injured = sum(tally.injured) if tally.injured else (0 if tally.zero_injured else None)
    if killed is None and injured is None:
        return None
    start = min(a for a, _ in tally.spans)
    end = max(b for _, b in tally.spans)
    return FatalityCount(killed, unknown, injured, start, end, original[start:end], low, high)
