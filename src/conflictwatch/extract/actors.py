"""The Sahel armed-actor registry and the actor finder, English and French.

Reference data (``conflictwatch/data``, read with :mod:`importlib.resources`; each file opens
with a ``# version: N`` line, then ``#`` comments, then a CSV header):

``actors.csv``
    One row per actor: ``id``, ``name`` (ACLED's canonical name without its period suffix;
    ``{country}`` marks a name that takes the event's country, e.g. ``Civilians ({country})``),
    ``inter`` (ACLED inter code 1-8), ``kind`` (see :data:`KINDS`), ``country`` (ISO-2 when the
    actor belongs to one country), ``series`` (date-dependent naming, see below), ``unit``
    (appended after the period: ``Police Forces of Mali (2013-2020) Gendarmerie``), then the
    aliases, ``|``-separated: ``acronyms`` (case-sensitive), ``aliases`` (any language),
    ``aliases_en``, ``aliases_fr`` (case- and accent-insensitive). ``@set`` pulls the alias
    templates of ``actor_alias_sets.csv`` filled for the actor's country.
``actor_alias_sets.csv``
    Alias templates shared by every country's state forces (``{en} army``, ``armée {fr_fs}``).
``actor_countries.csv``
    ISO-2 code, ACLED country name and the English / French adjectives the templates use.
``actor_periods.csv``
    Date-dependent names. Series ``regime`` holds each state's regime periods (the label is
    appended: ``Military Forces of Mali (2021-)``); other series give the whole name for a span
    of dates (``Islamic State (Greater Sahara)`` → ``Islamic State (Sahel)``).
``actor_cues.csv``
    Claim-of-responsibility cues (``claimed responsibility``, ``revendiqué par``) and
    attribution cues (``suspected``, ``présumés``).

Matching works on a folded copy of the text with the same length (the package's one fold,
:func:`conflictwatch.text.fold_words`: lower case, accents off, curly apostrophes made straight,
hyphens and line breaks made spaces), so offsets carry over to the original. Case-insensitive aliases are compiled into one regex
trie per language, case-sensitive acronyms into another run on the text with its case kept;
matches are whole words (English possessives and French elisions such as ``l'armée`` or
``d'AQMI`` fall out of that), and at each place the longest alias wins. Long names match with
or without the article after a preposition ("Group for (the) Support of Islam and Muslims").

Then mentions are joined where the text names one actor in several pieces: an ethnic group with a
word for armed men is its militia ("Peul armed men", "Dogon and Fulani militiamen"); "A (B)"
with two armed actors is one mention ("Katiba Serma (JNIM)" stays the member, whose coalition
the event coder applies; "Dogon gunmen (thought to be Dan Na Ambassagou)" becomes the named
group); a named group absorbs a generic word for its members ("JNIM militants").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from conflictwatch.errors import ConfigError
from conflictwatch.text import fold_key, fold_words

__all__ = [
    "KINDS",
    "Actor",
    "ActorMention",
    "ActorRegistry",
    "Alias",
    "ClaimMention",
    "Cue",
    "Period",
    "find_claims",
    "fold",
]

#: Actor kinds and the ACLED inter codes each may carry.
KINDS: dict[str, frozenset[int]] = {
    "state": frozenset({1}),
    "rebel": frozenset({2}),
    "militia": frozenset({3}),
    "identity": frozenset({4}),
    "rioters": frozenset({5}),
    "protesters": frozenset({6}),
    "civilians": frozenset({7}),
    "victim-group": frozenset({7}),
    "external": frozenset({8}),
    "unidentified": frozenset({3}),
}

#: The kinds of cue in actor_cues.csv.
CUE_KINDS = ("claim", "suspected", "affiliation", "attribution")

#: Kinds that can fight, claim an attack or be suspected of one.
ARMED_KINDS = frozenset({"state", "rebel", "militia", "identity", "external", "unidentified"})
#: where a word starts inside a name (after a space, an apostrophe or a hyphen)
_WORD_START = re.compile(r"(?<=[\s'’-])\w")
_NON_STATE_ARMED = frozenset({"rebel", "militia", "identity", "unidentified"})

#: ``generic(kind, country)`` kinds and the actor each stands for.
_GENERIC_IDS = {
    "unidentified": "uag_gen",
    "civilians": "civ_gen",
    "protesters": "prot_gen",
    "rioters": "riot_gen",
    "islamist": "islamist_gen",
    "state": "mil_gen",
}

_DATA_VERSION = 1
_LANGS = ("en", "fr")


# --------------------------------------------------------------------------- folding

#: The form aliases match on (:func:`conflictwatch.text.fold_words`): same length, lower case,
#: no accents, hyphens and line breaks as spaces.
fold = fold_words
_SPACES = re.compile(r" +")


def _fold_keep_case(text: str) -> str:
    """Accents, apostrophes, dashes and white space normalised; case and length kept."""
    return fold_words(text, keep_case=True)


def _key(alias: str, *, case_sensitive: bool) -> str:
    folded = _fold_keep_case(alias) if case_sensitive else fold(alias)
    return _SPACES.sub(" ", folded).strip()


#: Spelling variants generated for every case-insensitive alias (both directions).
_VARIANTS = (("qaeda", "qaida"), ("djihad", "jihad"))


#: Prepositions after which a long name's article is optional: "Group for (the) Support of
#: Islam", "Movement for (the) Liberation of (the) Azawad", "Mouvement pour (le) salut de l'Azawad".
_ARTICLE_SLOT = re.compile(r"\b(for|of|in|to|pour|dans) (?:(the|le|la|les) )?")
#: Names with at least this many words get the article variants.
_ARTICLE_MIN_WORDS = 4


def _article_forms(key: str) -> set[str]:
    """``key`` with each article after a preposition dropped or added ("of the" / "of")."""
    if len(key.split()) < _ARTICLE_MIN_WORDS:
        return {key}
    slots = list(_ARTICLE_SLOT.finditer(key))
    if not slots or len(slots) > 4:
        return {key}
    forms = {""}
    last = 0
    for m in slots:
        prep, article = m.group(1), m.group(2)
        default = "the" if prep in ("for", "of", "in", "to") else "le"
        options = [f"{prep} ", f"{prep} {article or default} "]
        forms = {f + key[last:m.start()] + o for f in forms for o in options}
        last = m.end()
    return {f + key[last:] for f in forms}


def _variants(key: str) -> list[str]:
    """Other spellings of ``key``, without ``key``: every combination of :data:`_VARIANTS`,
    and for long names every choice of article after a preposition (:func:`_article_forms`)."""
    forms = _article_forms(key)
    for a, b in _VARIANTS:
        forms |= {f.replace(a, b) if a in f else f.replace(b, a) for f in forms}
    forms.discard(key)
    return sorted(forms)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie; longer words are tried first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        alts = [(" +" if ch == " " else re.escape(ch)) + render(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


def _word_regex(words: Iterable[str]) -> re.Pattern[str]:
    words = sorted(set(words))
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + _trie_pattern(words) + r")(?!\w)")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the registry.

    ``name`` is ACLED's canonical name without its period suffix; it contains ``{country}``
    when the actor takes the event's country (then ``country`` is ``""``). Use
    :meth:`ActorRegistry.name_for` for the name to write in an event.
    """

    id: str
    name: str
    inter: int
    kind: str
    country: str = ""
    series: str = ""
    unit: str = ""
    aliases: tuple[str, ...] = field(default=(), repr=False, compare=False)
    #: the unit is named only in a country whose own actor of the registry has it (the
    #: National Guard of Niger; Mali's National Guard is coded as its army)
    unit_where_listed: bool = False

    @property
    def templated(self) -> bool:
        """Whether the name takes the event's country."""
        return "{country}" in self.name


@dataclass(frozen=True, slots=True)
class Alias:
    """One alias as the finder uses it: ``key`` is the folded form it matches."""

    text: str
    key: str
    lang: str  # "en", "fr" or "" (any)
    case_sensitive: bool
    actor_id: str


@dataclass(frozen=True, slots=True)
class Period:
    """A span of dates in one naming series (``start``/``end`` inclusive, ``None`` when open)."""

    series: str
    country: str
    start: date | None
    end: date | None
    label: str
    style: str  # "suffix" (appended to the base name) or "name" (the whole name)

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text: ``text[start:end]`` matched ``alias``."""

    actor: Actor
    start: int
    end: int
    text: str
    alias: str
    suspected: bool = False


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """A claim of responsibility: ``actor`` claims, cue phrase at ``cue_start:cue_end``."""

    actor: Actor
    mention: ActorMention
    cue: str
    cue_start: int
    cue_end: int


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase from actor_cues.csv: ``key`` is the folded form it matches."""

    kind: str
    lang: str
    side: str
    text: str
    key: str


# --------------------------------------------------------------------------- data files


def _read_csv(name: str) -> list[dict[str, str]]:
    try:
        raw = resources.files("conflictwatch").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"actor data file {name} is missing from the package: reinstall "
                          "conflictwatch") from exc
    lines = raw.splitlines()
    head = lines[0].strip() if lines else ""
    if head != f"# version: {_DATA_VERSION}":
        raise ConfigError(f"actor data file {name} must start with '# version: {_DATA_VERSION}', "
                          f"found {head!r}: this conflictwatch reads version {_DATA_VERSION}")
    body = "\n".join(line for line in lines if not line.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(body))]


def _spellings() -> list[list[str]]:
    """The rows of data/actor_spellings.csv: each a list of spellings of one word."""
    return [[part.strip() for part in row["spellings"].split("|") if part.strip()]
            for row in _read_csv("actor_spellings.csv")]


def _with_spellings(aliases: list[tuple[str, str, bool]], spellings: list[list[str]]) -> list[tuple[str, str, bool]]:
    """``aliases`` and, for a case-insensitive alias holding a spelling of a row of
    actor_spellings.csv, the alias with each other spelling of that row (the first row that
    applies only)."""
    out = list(aliases)
    for text, lang, cs in aliases:
        if cs:
            continue
        folded = fold_key(text)
        for row in spellings:
            hit = next((w for w in row if re.search(rf"(?<!\w){re.escape(fold_key(w))}(?!\w)", folded)), None)
            if hit is None:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(hit)}(?!\w)", re.IGNORECASE)
            for other in row:
                if other != hit and pattern.search(text):
                    out.append((pattern.sub(other, text), lang, cs))
            break
    return out


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _parse_date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


# --------------------------------------------------------------------------- registry


class ActorRegistry:
    """Actors, their aliases, date-dependent names, and the finder over them."""

    def __init__(self, actors: Iterable[Actor], aliases: Iterable[Alias],
                 periods: Iterable[Period], countries: Iterable[dict[str, str]],
                 cues: Iterable[Cue], *, nationalities: Iterable[dict[str, str]] = ()) -> None:
        self.actors: tuple[Actor, ...] = tuple(actors)
        self._by_id = {a.id: a for a in self.actors}
        self.aliases: tuple[Alias, ...] = tuple(aliases)
        self.periods: tuple[Period, ...] = tuple(periods)
        countries = list(countries)
        self.countries: dict[str, str] = {c["iso2"]: c["name"] for c in countries}
        #: folded nationality adjectives (English, French in every gender and number)
        self._adjectives = frozenset(fold(c.get(col, "")) for c in countries
                                     for col in ("en", "fr_ms", "fr_mp", "fr_fs", "fr_fp") if c.get(col))
        # nationalities: the countries' and those of actor_nationalities.csv (victims' only)
        peoples = [*countries, *nationalities]
        #: ACLED's country name of every nationality's ISO-2 code
        self.nationality_names: dict[str, str] = {c["iso2"]: c["name"] for c in peoples}
        #: folded nationality adjective -> ISO-2 ("algeriens" -> "DZ")
        self._nationality: dict[str, str] = {fold(c[col]): c["iso2"] for c in peoples
                                             for col in ("en", "fr_ms", "fr_mp", "fr_fs", "fr_fp") if c.get(col)}
        # English demonyms as plural nouns: "Malians", "Mauritanians"
        self._nationality.update({fold(c["en"]) + "s": c["iso2"] for c in peoples if c.get("en", "").endswith("n")})
        self._nationality_re = re.compile(r"\b(?:" + "|".join(
            re.escape(a) for a in sorted(self._nationality, key=len, reverse=True)) + r")\b")
        self._iso_by_name = {v.casefold(): k for k, v in self.countries.items()}
        self.cues: tuple[Cue, ...] = tuple(cues)
        self._series: dict[tuple[str, str], list[Period]] = {}
        for p in self.periods:
            self._series.setdefault((p.series, p.country), []).append(p)
        for spans in self._series.values():
            spans.sort(key=lambda p: p.start or date.min)

        # Match tables: folded key -> Alias (plural / spelling variants point at their alias).
        self._ci: dict[str, Alias] = {}
        self._cs: dict[str, Alias] = {}
        for al in self.aliases:
            (self._cs if al.case_sensitive else self._ci)[al.key] = al
        extra: dict[str, Alias] = {}
        for al in self.aliases:
            if al.case_sensitive:
                continue
            forms = list(_variants(al.key))
            forms += [f + "s" for f in [al.key, *forms] if f[-1].isalpha() and f[-1] not in "sx"]
            for form in forms:
                if form not in self._ci and form not in extra:
                    extra[form] = al
        self._ci.update(extra)
        self._ci_regex: dict[str | None, re.Pattern[str]] = {}
        self._cs_regex = _word_regex(self._cs)
        self._names = self._name_index()

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def load(cls) -> ActorRegistry:
        """The registry built from the package's data files (loaded once, then cached)."""
        return _default_registry()

    @classmethod
    def from_data(cls) -> ActorRegistry:
        """Build a fresh registry from the package's data files (no cache)."""
        countries = _read_csv("actor_countries.csv")
        by_iso = {c["iso2"]: c for c in countries}
        periods = []
        for i, row in enumerate(_read_csv("actor_periods.csv"), start=2):
            where = f"actor_periods.csv row {i}"
            if row["style"] not in ("suffix", "name"):
                raise ConfigError(f"{where}: style must be 'suffix' or 'name', got {row['style']!r}")
            periods.append(Period(row["series"], row["country"], _parse_date(row["start"], where),
                                  _parse_date(row["end"], where), row["label"], row["style"]))
        series = {p.series for p in periods}
        sets: dict[str, list[dict[str, str]]] = {}
        for row in _read_csv("actor_alias_sets.csv"):
            sets.setdefault(row["set"], []).append(row)

        spellings = _spellings()
        actors: list[Actor] = []
        aliases: list[Alias] = []
        seen: dict[str, Alias] = {}  # lower-cased key -> alias, across actors
        kept: set[tuple[str, bool]] = set()  # (key as matched, case-sensitive) of kept aliases
        for i, row in enumerate(_read_csv("actors.csv"), start=2):
            where = f"actors.csv row {i} ({row.get('id', '?')})"
            actor_aliases = cls._row_aliases(row, sets, by_iso, where)
            actor = cls._row_actor(row, actor_aliases, series, by_iso, where)
            actors.append(actor)
            for text, lang, cs in _with_spellings(actor_aliases, spellings):
                al = Alias(text, _key(text, case_sensitive=cs), lang, cs, actor.id)
                clash = seen.get(al.key.lower())
                if clash is not None and clash.actor_id != actor.id:
                    raise ConfigError(
                        f"{where}: alias {text!r} also belongs to {clash.actor_id!r}: "
                        "an alias must name one actor; remove it from one row")
                # the same actor may list case variants of an acronym ("GATIA", "Gatia")
                form = (al.key, al.case_sensitive) if al.case_sensitive else (al.key.lower(), False)
                if form in kept:
                    continue
                kept.add(form)
                seen.setdefault(al.key.lower(), al)
                aliases.append(al)
        ids = [a.id for a in actors]
        if len(ids) != len(set(ids)):
            raise ConfigError("actors.csv: actor ids must be unique; found duplicates "
                              f"{sorted({x for x in ids if ids.count(x) > 1})}")

        cues = []
        for i, row in enumerate(_read_csv("actor_cues.csv"), start=2):
            if (row["kind"] not in CUE_KINDS
                    or row["side"] not in ("before", "after")):
                raise ConfigError(f"actor_cues.csv row {i}: kind must be {'|'.join(CUE_KINDS)} and "
                                  f"side before|after, got {row['kind']!r}, {row['side']!r}")
            cues.append(Cue(row["kind"], row["lang"], row["side"], row["cue"],
                             _key(row["cue"], case_sensitive=False)))
        return cls(actors, aliases, periods, countries, cues, nationalities=_read_csv("actor_nationalities.csv"))

    @staticmethod
    def _row_aliases(row: dict[str, str], sets: dict[str, list[dict[str, str]]],
                     by_iso: dict[str, dict[str, str]],
                     where: str) -> list[tuple[str, str, bool]]:
        out: list[tuple[str, str, bool]] = [(a, "", True) for a in _split(row["acronyms"])]
        for column, lang in (("aliases", ""), ("aliases_en", "en"), ("aliases_fr", "fr")):
            for alias in _split(row[column]):
                if not alias.startswith("@"):
                    out.append((alias, lang, False))
                    continue
                if alias[1:] not in sets:
                    raise ConfigError(f"{where}: alias set {alias!r} is not in "
                                      f"actor_alias_sets.csv (sets: {sorted(sets)})")
                country = by_iso.get(row["country"])
                if country is None:
                    raise ConfigError(f"{where}: alias set {alias!r} needs a country "
                                      "listed in actor_countries.csv")
                for t in sets[alias[1:]]:
                    out.append((t["alias"].format(**country), t["lang"], t["case"] == "cs"))
        if "{country}" not in row["name"] and not row["unit"]:
            out.append((row["name"], "", False))
        return out

    @staticmethod
    def _row_actor(row: dict[str, str], aliases: list[tuple[str, str, bool]], series: set[str],
                   by_iso: dict[str, dict[str, str]], where: str) -> Actor:
        try:
            inter = int(row["inter"])
        except ValueError as exc:
            raise ConfigError(f"{where}: inter must be a number 1-8, got {row['inter']!r}") from exc
        kind = row["kind"]
        if kind not in KINDS:
            raise ConfigError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        if inter not in KINDS[kind]:
            raise ConfigError(f"{where}: inter {inter} does not fit kind {kind!r} "
                              f"(allowed: {sorted(KINDS[kind])})")
        if row["country"] and row["country"] not in by_iso:
            raise ConfigError(f"{where}: country {row['country']!r} is not in actor_countries.csv")
        if "{country}" in row["name"] and row["country"]:
            raise ConfigError(f"{where}: a name with {{country}} takes the event's country: "
                              "leave the country column empty")
        if row["series"] and row["series"] not in series:
            raise ConfigError(f"{where}: series {row['series']!r} is not in actor_periods.csv")
        if row["unit"] and row["series"] != "regime":
            raise ConfigError(f"{where}: a unit needs the 'regime' series")
        if not aliases:
            raise ConfigError(f"{where}: the actor has no alias")
        unit = row["unit"].removeprefix("?")
        if unit != row["unit"] and "{country}" not in row["name"]:
            raise ConfigError(f"{where}: a unit marked '?' (kept where the country's own actor has it) "
                              "needs a name with {country}")
        return Actor(row["id"], row["name"], inter, kind, row["country"], row["series"],
                     unit, tuple(dict.fromkeys(a for a, _, _ in aliases)), unit != row["unit"])

    # -- lookup ------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id`` (KeyError naming the known ids when absent)."""
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise KeyError(f"no actor with id {actor_id!r}; known ids: "
                           f"{', '.join(sorted(self._by_id))}") from None

    def country_iso(self, country: str) -> str:
        """ISO-2 code for a country given as ISO-2 or ACLED name; ``""`` when unknown."""
        if country.upper() in self.countries:
            return country.upper()
        return self._iso_by_name.get(country.casefold(), "")

    def nationalities(self, folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """The nationality adjectives of ``folded[start:end]`` (accent-folded, lower-case text), as
        (start, end, ISO-2): "ouvriers algeriens" gives the span of "algeriens" and "DZ"."""
        return [(m.start(), m.end(), self._nationality[m.group()])
                for m in self._nationality_re.finditer(folded, start, len(folded) if end is None else end)]

    def series(self, series: str, country: str = "") -> list[Period]:
        """The periods of one naming series (for ``regime``, of one country), in order."""
        return list(self._series.get((series, country), ()))

    def period(self, actor: Actor, on: date, *, country: str | None = None) -> Period | None:
        """The naming period of ``actor`` on ``on`` (dates outside the series clamp to its ends)."""
        if not actor.series:
            return None
        iso = actor.country or self.country_iso(country or "")
        spans = self._series.get((actor.series, iso if actor.series == "regime" else ""))
        if not spans:
            return None
        for span in spans:
            if span.covers(on):
                return span
        return spans[0] if spans[0].start and on < spans[0].start else spans[-1]

    def name_for(self, actor: Actor, on: date, *, country: str | None = None) -> str:
        """ACLED's name for ``actor`` in an event on ``on``.

        ``country`` (ISO-2 or name) is the event's country, needed for actors whose name takes
        it (``Civilians (Mali)``). State forces get the regime period of that date
        (``Military Forces of Mali (2013-2020)`` on 2019-05-01); renamed groups the name of
        the time (``Islamic State (Greater Sahara)`` → ``Islamic State (Sahel)``). A state
        whose regime periods are not in the registry gets its name without a period.
        """
        name = actor.name
        if actor.templated:
            if not country:
                raise ValueError(f"actor {actor.id!r} ({actor.name}) takes the event's country: "
                                 "pass country= (ISO-2 code or name)")
            iso = self.country_iso(country)
            name = name.replace("{country}", self.countries.get(iso, country))
        unit = actor.unit
        if unit and actor.unit_where_listed and f"{name} {unit}".casefold() not in self._names:
            unit = ""
        span = self.period(actor, on, country=country)
        if span is not None:
            if span.style == "name":
                return span.label
            name = f"{name} ({span.label})"
        return f"{name} {unit}" if unit else name

    def generic(self, kind: str, country: str) -> str:
        """The catch-all actor name for ``kind`` in ``country``: ``Civilians (Mali)``.

        kinds: unidentified, civilians, protesters, rioters, islamist.
        """
        if kind not in _GENERIC_IDS or kind == "state":
            kinds = ", ".join(k for k in _GENERIC_IDS if k != "state")
            raise ValueError(f"no generic actor for kind {kind!r}; kinds: {kinds}")
        actor = self._by_id[_GENERIC_IDS[kind]]
        iso = self.country_iso(country)
        return actor.name.replace("{country}", self.countries.get(iso, country))

    def localise(self, actor: Actor, country: str) -> Actor:
        """The country's own actor for a generic one: "the army" in Mali is Mali's army.

        A templated actor whose name, filled with ``country``, is a country-specific actor of
        the registry (``Military Forces of Mali``) becomes that actor; any other actor is
        returned unchanged.
        """
        if not actor.templated:
            return actor
        iso = self.country_iso(country)
        name = actor.name.replace("{country}", self.countries.get(iso, country))
        if actor.unit and (not actor.unit_where_listed or f"{name} {actor.unit}".casefold() in self._names):
            name = f"{name} {actor.unit}"
        return self._names.get(name.casefold(), actor)

    def inter_for(self, actor: Actor, *, country: str | None = None) -> int:
        """ACLED's inter code for ``actor`` in an event in ``country``.

        A state's forces acting abroad are external forces (8): French forces in Mali.
        """
        if actor.kind == "state" and actor.country and country:
            iso = self.country_iso(country)
            if iso and iso != actor.country:
                return 8
        return actor.inter

    def _name_index(self) -> dict[str, Actor]:
        names: dict[str, Actor] = {}
        for actor in self.actors:
            if actor.templated:
                continue
            base = f"{actor.name} {actor.unit}" if actor.unit else actor.name
            names.setdefault(base.casefold(), actor)
            for spans in (self._series.get((actor.series, actor.country), ()),
                          self._series.get((actor.series, ""), ())):
                for span in spans:
                    if span.style == "name":
                        names.setdefault(span.label.casefold(), actor)
        return names

    @lru_cache(maxsize=4096)  # noqa: B019 - the registry lives as long as the process
    def by_name(self, name: str) -> Actor | None:
        """The actor behind a canonical name, with or without its period suffix or country.

        ``Military Forces of Mali (2013-2020)``, ``Police Forces of Mali (2021-) Gendarmerie``,
        ``Islamic State (Greater Sahara)``, ``Civilians (Niger)`` all resolve; ``None`` when the
        name is not in the registry.
        """
        clean = " ".join(name.split())
        found = self._names.get(clean.casefold())
        if found is not None:
            return found
        stripped = _PERIOD.sub("", clean)
        found = self._names.get(stripped.casefold())
        if found is not None:
            return found
        for actor, pattern in self._templates():
            if pattern.fullmatch(clean):
                return actor
        return None

    @lru_cache(maxsize=1)  # noqa: B019
    def _templates(self) -> tuple[tuple[Actor, re.Pattern[str]], ...]:
        out = []
        for actor in self.actors:
            if not actor.templated:
                continue
            pattern = re.escape(actor.name).replace(re.escape("{country}"), r"[^()]+")
            if actor.series == "regime":
                pattern += r"(?: \(\d{4}-(?:\d{4})?\))?"
            if actor.unit:
                pattern += " " + re.escape(actor.unit)
            out.append((actor, re.compile(pattern, re.IGNORECASE)))
        # Units first so that "Police Forces of Mali (2021-) Gendarmerie" is not read as police.
        out.sort(key=lambda pair: not pair[0].unit)
        return tuple(out)

    def canonical(self, name: str) -> Actor | None:
        """The actor for a canonical name (see :meth:`by_name`) or, failing that, an alias."""
        found = self.by_name(name)
        if found is not None:
            return found
        key = _key(name, case_sensitive=True)
        al = self._cs.get(key) or self._ci.get(key.lower())
        return self._by_id[al.actor_id] if al else None

    # -- finding -----------------------------------------------------------------------

    def _ci_pattern(self, lang: str | None) -> re.Pattern[str]:
        pattern = self._ci_regex.get(lang)
        if pattern is None:
            keys = [k for k, al in self._ci.items() if lang is None or al.lang in ("", lang)]
            pattern = self._ci_regex[lang] = _word_regex(keys)
        return pattern

    def find(self, text: str, *, lang: str | None = None) -> list[ActorMention]:
        """Every actor named in ``text``, left to right, without overlaps (longest wins).

        ``lang`` ("en" or "fr") restricts the descriptive aliases to that language; names and
        acronyms match in both. A mention is ``suspected`` when an attribution cue sits next to
        it ("suspected JNIM militants", "des djihadistes présumés").
        """
        if lang is not None and lang not in _LANGS:
            raise ValueError(f"lang must be one of {_LANGS} or None, got {lang!r}")
        kept = _fold_keep_case(text)
        folded = kept.lower()
        hits: list[tuple[int, int, Alias]] = []
        for m in self._ci_pattern(lang).finditer(folded):
            hits.append((m.start(), m.end(), self._ci[_SPACES.sub(" ", m.group())]))
        for m in self._cs_regex.finditer(kept):
            hits.append((m.start(), m.end(), self._cs[_SPACES.sub(" ", m.group())]))
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        kept_hits: list[tuple[int, int, Alias]] = []
        last_end = -1
        for hit in hits:
            if hit[0] >= last_end:
                kept_hits.append(hit)
                last_end = hit[1]
        kept_hits = self._extend_overlaps(kept_hits, folded, lang)
        kept_hits = self._coordinated_nationalities(kept_hits, folded)
        kept_hits = self._ethnic_militias(kept_hits, folded)
        kept_hits = self._merge_parentheticals(kept_hits, folded)
        spans = self._absorb_descriptors(kept_hits, folded)
        before, after = self._suspect_patterns(lang)
        out: list[ActorMention] = []
        for start, end, al in spans:
            suspected = bool(before.search(folded, max(0, start - 40), start)
                             or after.match(folded, end))
            out.append(ActorMention(self._by_id[al.actor_id], start, end, text[start:end],
                                    al.text, suspected))
        return out

    def _extend_overlaps(self, hits: list[tuple[int, int, Alias]], folded: str,
                         lang: str | None) -> list[tuple[int, int, Alias]]:
        """Each mention stretched over a longer alias of the same actor that starts inside it:
        "combattants de l'État islamique au Grand Sahara" is one mention, not one followed by the
        words "au Grand Sahara" (which would read as a place)."""
        pattern = self._ci_pattern(lang)
        out = []
        for k, (start, end, al) in enumerate(hits):
            limit = hits[k + 1][0] if k + 1 < len(hits) else len(folded)
            for w in _WORD_START.finditer(folded, start + 1, end):
                m = pattern.match(folded, w.start())
                if m is not None and end < m.end() <= limit and \
                        self._ci[_SPACES.sub(" ", m.group())].actor_id == al.actor_id:
                    end = m.end()
                    break
            out.append((start, end, al))
        return out

    def _coordinated_nationalities(self, hits: list[tuple[int, int, Alias]],
                                   folded: str) -> list[tuple[int, int, Alias]]:
        """Forces of two countries sharing one noun: "French and Malian forces", "les forces
        maliennes et françaises" name both countries' forces, the bare adjective included."""
        out = list(hits)
        for start, end, al in hits:
            if al.case_sensitive:
                continue
            words = al.key.split(" ")
            if words[0] in self._adjectives and len(words) > 1:  # English: adjective first
                m = _ADJ_BEFORE.search(folded, max(0, start - 40), start)
                if m is not None and m.group(1) in self._adjectives and m.group(1) != words[0]:
                    found = self._ci.get(" ".join([m.group(1), *words[1:]]))
                    if found is not None:
                        out.append((m.start(1), m.end(1), found))
            if words[-1] in self._adjectives and len(words) > 1:  # French: adjective last
                m = _ADJ_AFTER.match(folded, end)
                if m is not None and m.group(1) in self._adjectives and m.group(1) != words[-1]:
                    found = self._ci.get(" ".join([*words[:-1], m.group(1)]))
                    if found is not None:
                        out.append((m.start(1), m.end(1), found))
        if len(out) == len(hits):
            return hits
        out.sort(key=lambda h: (h[0], h[0] - h[1]))
        kept: list[tuple[int, int, Alias]] = []
        for hit in out:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept

    def _militia_of(self, alias: Alias) -> Alias | None:
        """The militia counterpart of an ethnic group's alias (Fulani → Fulani Ethnic Militia)."""
        actor_id = alias.actor_id
        if not actor_id.endswith(_GROUP_SUFFIX):
            return None
        militia = self._by_id.get(actor_id[: -len(_GROUP_SUFFIX)] + _MILITIA_SUFFIX)
        if militia is None:
            return None
        return Alias(alias.text, alias.key, alias.lang, alias.case_sensitive, militia.id)

    def _ethnic_militias(self, hits: list[tuple[int, int, Alias]],
                         folded: str) -> list[tuple[int, int, Alias]]:
        """An ethnic group named with a word for armed men is that group's militia.

        "Peul armed men", "Fulani self-defence", "Dogon gunmen" (the group, then the word)
        and coordinated groups sharing the word ("Dogon and Fulani militiamen", "Dozo and
        Fulani militiamen") name militias, not communities.
        """
        out = list(hits)
        i = len(out) - 1
        while i >= 0:
            start, end, al = out[i]
            militia = self._militia_of(al)
            if militia is not None:
                word = _MILITIA_WORD.match(folded, end)
                if word is not None:
                    out[i] = (start, word.end(), militia)
                    # the word itself may have matched as a generic actor: it is absorbed
                    del out[i + 1:i + 1 + sum(1 for h in out[i + 1:] if h[0] < word.end())]
                elif i + 1 < len(out) and _COORDINATION.fullmatch(folded[end:out[i + 1][0]]) \
                        and self._by_id[out[i + 1][2].actor_id].kind == "identity":
                    out[i] = (start, end, militia)
            i -= 1
        return out

    def _merge_parentheticals(self, hits: list[tuple[int, int, Alias]],
                              folded: str) -> list[tuple[int, int, Alias]]:
        """Join "A (B)" into one mention when both name armed actors.

        A member named with its coalition ("Katiba Serma (JNIM)", "Ansar Dine (JNIM)") stays the
        member (the coalition is coded from it); a generic or ethnic description clarified by a
        named group ("Dogon gunmen (thought to be Dan Na Ambassagou)") becomes the group;
        between two generic descriptions the clarification in brackets wins ("Bambara hunters
        (Dozos)").
        """
        out: list[tuple[int, int, Alias]] = []
        for hit in hits:
            if out:
                prev = out[-1]
                opening = _PAREN_OPEN.fullmatch(folded, prev[1], hit[0])
                closing = _PAREN_CLOSE.match(folded, hit[1])
                a, b = self._by_id[prev[2].actor_id], self._by_id[hit[2].actor_id]
                if opening and closing and a.kind in ARMED_KINDS and b.kind in ARMED_KINDS:
                    keep = prev[2]
                    if a.templated and (not b.templated or b.kind != "unidentified"):
                        keep = hit[2]
                    out[-1] = (prev[0], closing.end(), keep)
                    continue
            out.append(hit)
        return out

    def _absorb_descriptors(self, hits: list[tuple[int, int, Alias]],
                            folded: str) -> list[tuple[int, int, Alias]]:
        """Join a named group and a generic word for its members into one mention.

        "JNIM militants", "EIGS fighters" (descriptor after the name) and "les jihadistes du
        JNIM", "militants of the Islamic State" (descriptor, connector, name) name one actor.
        """
        out: list[tuple[int, int, Alias]] = []
        for hit in hits:
            if out:
                prev = out[-1]
                gap = folded[prev[1]:hit[0]]
                prev_generic = prev[2].actor_id in _DESCRIPTOR_IDS
                hit_generic = hit[2].actor_id in _DESCRIPTOR_IDS
                if (hit_generic and not prev_generic and gap.strip() == ""
                        and self._by_id[prev[2].actor_id].kind in _NON_STATE_ARMED):
                    out[-1] = (prev[0], hit[1], prev[2])
                    continue
                if (prev_generic and not hit_generic and _CONNECTOR.fullmatch(gap)
                        and self._by_id[hit[2].actor_id].kind in _NON_STATE_ARMED):
                    out[-1] = (prev[0], hit[1], hit[2])
                    continue
            out.append(hit)
        return out

    @lru_cache(maxsize=8)  # noqa: B019
    def _suspect_patterns(self, lang: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
        cues = [c for c in self.cues if c.kind == "suspected" and (lang is None or c.lang == lang)]
        before = [c.key for c in cues if c.side == "before"] or ["\x00"]
        after = [c.key for c in cues if c.side == "after"] or ["\x00"]
        return (re.compile(r"(?<!\w)(?:" + _trie_pattern(before) + r") +$"),
                re.compile(r" +(?:" + _trie_pattern(after) + r")(?!\w)"))

    @lru_cache(maxsize=8)  # noqa: B019
    def _affiliation_pattern(self, lang: str | None) -> re.Pattern[str]:
        keys = [c.key for c in self.cues
                if c.kind == "affiliation" and (lang is None or c.lang == lang)] or ["\x00"]
        return re.compile(r"(?<!\w)(?:" + _trie_pattern(keys)
                          + r")(?:(?<=') *| +(?:the +|l'|le +|la +|les +)?)$")

    @lru_cache(maxsize=16)  # noqa: B019
    def _claim_pattern(self, lang: str | None, kind: str = "claim") -> tuple[re.Pattern[str], dict[str, Cue]]:
        cues = {c.key: c for c in self.cues
                if c.kind == kind and (lang is None or c.lang == lang)}
        return _word_regex(cues), cues

    def find_attributions(self, sentence: str, *, lang: str | None = None) -> list[ClaimMention]:
        """Attributions in one sentence: the reporter, officials or sources blaming an actor ("blamed
        on Boko Haram", "the raid was the work of JNIM fighters", "une embuscade imputée à
        l'EIGS"), read like claims (:meth:`find_claims`) but not partisan."""
        return self.find_claims(sentence, lang=lang, kind="attribution")

    def find_claims(self, sentence: str, *, lang: str | None = None, kind: str = "claim") -> list[ClaimMention]:
        """Claims of responsibility in one sentence, with the claiming actor.

        "JNIM claimed responsibility for ...", "... claimed by the Islamic State", "le JNIM a
        revendiqué ...", "revendiquée par l'EIGS". The claimant is the nearest armed actor on
        the cue's side (a non-state group before a state force); a cue without an armed actor
        nearby ("the group claimed responsibility") yields nothing. A group named as another's
        affiliation after a named group ("JNIM, aligned with Al-Qaeda, claimed ...", "proche
        d'AQMI") never claims.
        """
        pattern, cues = self._claim_pattern(lang, kind)
        folded = fold(sentence)
        matches = list(pattern.finditer(folded))
        if not matches:
            return []
        affiliation = self._affiliation_pattern(lang)
        armed = [m for m in self.find(sentence, lang=lang) if m.actor.kind in ARMED_KINDS]
        mentions = [m for i, m in enumerate(armed)
                    if not (affiliation.search(folded, 0, m.start)
                            and any(x.actor.kind in _NON_STATE_ARMED
                                    and not x.actor.id.endswith(_GENERIC_SUFFIX)
                                    for x in armed[:i]))]
        out: list[ClaimMention] = []
        for m in matches:
            cue = cues[_SPACES.sub(" ", m.group())]
            if cue.side == "before":
                near = [x for x in mentions if x.end <= m.start() and m.start() - x.end <= 150]
                near.reverse()
            else:
                near = [x for x in mentions if x.start >= m.end() and x.start - m.end() <= 40]
            if not near:
                continue
            best = next((x for x in near if x.actor.kind in _NON_STATE_ARMED), near[0])
            out.append(ClaimMention(best.actor, best, sentence[m.start():m.end()],
                                    m.start(), m.end()))
        return out


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")

#: Generic words for armed men that merge into an adjacent named group's mention.
_DESCRIPTOR_IDS = frozenset({"islamist_gen", "uag_gen"})
#: "<adjective> and " before an English alias, " et <adjective>" after a French one.
_ADJ_BEFORE = re.compile(r"(?<!\w)(\w+) *(?:,|and|or|&) *$")
_ADJ_AFTER = re.compile(r" *(?:,|et|ou|&) *(\w+)(?!\w)")
_GROUP_SUFFIX = "_grp"
#: Generic words for an armed group ("gunmen", "jihadists") have ids ending so.
_GENERIC_SUFFIX = "_gen"
_MILITIA_SUFFIX = "_mil"
#: Words for armed men that make an ethnic group's name a militia ("Peul armed men").
_MILITIA_WORD = re.compile(
    r" +(?:militiam[ae]n|militias?|gunm[ae]n|armed m[ae]n|armed elements|fighters|combatants|"
    r"hunters|self ?defen[cs]e(?: groups?| militias?| forces?| fighters)?|miliciens?|milices?|"
    r"combattants|chasseurs|hommes armes|elements armes)(?!\w)")
_COORDINATION = re.compile(r" *(?:,|and|et|or|ou|&) *")
_PAREN_OPEN = re.compile(r" *\( *(?:(?:believed|thought|said|likely|presumed|suspected|reported|"
                         r"reportedly|allegedly|probably|possibly|presumably|apparently)"
                         r"(?: to be)? +)?(?:the +|l'|le +|la +|les +)?")
_PAREN_CLOSE = re.compile(r" *\)")
_CONNECTOR = re.compile(r" +(?:of|of the|from|from the|du|de|de la|de l'|d'|des) *")


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    return ActorRegistry.from_data()


def find_claims(sentence: str, *, lang: str | None = None) -> list[ClaimMention]:
    """Claims of responsibility in ``sentence``, using the package's registry."""
    return ActorRegistry.load().find_claims(sentence, lang=lang)
