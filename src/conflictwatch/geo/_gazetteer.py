"""The loaded gazetteer: name lookup, admin areas, and place resolution with report context.

Every name goes through :func:`~conflictwatch.text.fold_key`, so "Ségou", "SEGOU" and "Segou"
are one key; GeoNames names, ASCII names and alternate names are all keys.

Admin names follow ACLED: ``Place.admin1`` is GeoNames's ASCII admin-1 name ("Segou",
"Tombouctou"); ``Place.admin2`` the bare admin-2 name ("Niono", not "Cercle de Niono"). GeoNames
codes admin-2 for few places, so the others get the admin-2 area whose seat or centre lies nearest
(an approximation near cercle borders). Mali's 2016 regions: Ménaka is reported as "Menaka", as
ACLED does from 2017 (places GeoNames still codes in Gao move to Menaka when their nearest cercle
is Ménaka's); Taoudénit is reported as its parent "Tombouctou", as ACLED and Natural Earth's
boundaries still do (data file ``geo_admin1_report.csv``).
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.errors import GazetteerMissing, GeocodeError
from conflictwatch.geo._index import CONTENT_FORMAT, INDEX_FORMAT, IndexFile, memory_index
from conflictwatch.geo._install import (
    Row,
    clean_admin_name,
    index_path,
    legacy_index_path,
    read_data_csv,
    rebuild_index,
)
from conflictwatch.records import Place
from conflictwatch.text import compact
from conflictwatch.text import fold_key as fold

__all__ = [
    "AdminArea",
    "Gazetteer",
    "GeoContext",
    "country_code",
    "country_iso_numeric",
    "country_name",
    "country_region",
    "distance_km",
    "same_first_sound",
]

log = logging.getLogger("conflictwatch.geo")

#: Fuzzy matches below this similarity are never returned.
LOOKUP_MIN_SCORE = 0.75
#: A misspelt name resolves only at this similarity or more, and only with context support.
RESOLVE_MIN_SCORE = 0.8
#: "Near another place of the report", for accepting a fuzzy match.
NEAR_KM = 50.0
#: Inside a named region (level 1, a large area) a misspelt name needs this similarity or more.
RESOLVE_AREA_MIN_SCORE = 0.85
_MIN_FUZZY_LEN = 4
#: Look-ups remembered (the answers of a name in a place: a report names the same places often).
_MEMO_SIZE = 65536
#: Contexts whose supported names are remembered (lists of thousands of names each).
_SUPPORTED_MEMO = 64
#: A place abroad (outside the report's preferred country) resolves without other support when
#: it has at least this many people, or when another place of the report lies this near.
FOREIGN_MIN_POPULATION = 20000
FOREIGN_NEAR_KM = 150.0
_POSSESSIVE = re.compile(r"['\u2019]s$")
#: Acronyms: all capitals, at most four letters ("AMA", "MOC", "CMA").
_ACRONYM = re.compile(r"[A-Z]{2,4}")

# Feature importance: lower ranks first.
_P_RANK = {"PPLC": 0, "PPLG": 1, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPL": 4, "PPLA4": 4, "PPLS": 4,
           "PPLF": 5, "PPLL": 5, "PPLR": 5, "PPLX": 5}
_IMPORTANCE = {"PPLC": 3.0, "PPLG": 2.5, "PPLA": 2.5, "PPLA2": 1.5, "PPLA3": 0.75}
_SEAT_CODES = ("PPLC", "PPLA", "PPLA2", "PPLG")

_LEVEL1_WORDS = ("region", "regions", "province", "wilaya", "state")
_LEVEL2_WORDS = ("cercle", "cercles", "circle", "prefecture", "departement", "department", "district")
_AREA_WORDS = "|".join(_LEVEL1_WORDS + _LEVEL2_WORDS)
_AREA_PREFIX = re.compile(rf"^(?:the )?(?:{_AREA_WORDS})(?: (?:of|de la|de l|du|des|de|d))? (?=\S)")
_AREA_SUFFIX = re.compile(rf" (?:{_AREA_WORDS})$")
_LEADING_ARTICLE = re.compile(r"^(?:the|la|le|les|l) ")


@cache
def _countries() -> dict[str, dict[str, str]]:
    return {r["iso2"]: r for r in read_data_csv("geo_countries.csv")}


@cache
def _country_by_name() -> dict[str, str]:
    return {fold(r["name"]): cc for cc, r in _countries().items()}


def country_name(iso2: str) -> str:
    """The country's name as ACLED writes it ("CI" → "Ivory Coast"); the code itself when unknown."""
    row = _countries().get(iso2.upper())
    return row["name"] if row else iso2.upper()


def country_iso_numeric(iso2: str) -> int:
    """ISO 3166-1 numeric code, ACLED's ``iso`` column ("ML" → 466); 0 when unknown."""
    row = _countries().get(iso2.upper())
    return int(row["iso_numeric"]) if row else 0


def country_region(iso2: str) -> str:
    """ACLED's region for a country ("ML" → "Western Africa"); "" when unknown."""
    row = _countries().get(iso2.upper())
    return row["region"] if row else ""


def country_code(value: str) -> str:
    """ISO-2 code from an ISO-2 code or a country name ("Mali", "Côte d'Ivoire" → "CI")."""
    text = value.strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    key = fold(text)
    aliases = {"cote divoire": "CI", "cote d ivoire": "CI", "the gambia": "GM"}
    code = _country_by_name().get(key) or aliases.get(key)
    if code is None:
        raise GeocodeError(f"unknown country {value!r}: pass an ISO-2 code (ML, BF, NE, ...) "
                           "or a name such as Mali or Burkina Faso.")
    return code


@cache
def _stopwords() -> frozenset[str]:
    text = resources.files("conflictwatch.data").joinpath("geo_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def similarity(a: str, b: str) -> float:
    """Similarity of two folded names in [0, 1], tolerant of swapped syllables and word order.

    The best of: rapidfuzz's ratio; its token-sort ratio; and 0.9 for names of five letters or
    more that start alike and use the same letters ("modolo"/"molodo").
    """
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0
    ca, cb = compact(a), compact(b)
    if len(ca) >= 5 and ca[0] == cb[0] and ca != cb and sorted(ca) == sorted(cb):
        score = max(score, 0.9)
    if score < SKELETON_SCORE and ca[:1] == cb[:1]:
        sa, sb = _skeleton(ca), _skeleton(cb)
        if sa == sb and len(sa) >= _SKELETON_MIN:
            score = SKELETON_SCORE
    return score


#: Wells and water holes: in the Sahara and the Sahel, named places people live and fight at,
#: so a misspelt name may mean one like a village.
_SETTLED_WATER = frozenset({"WLL", "WLLS", "WTRH", "OAS"})
#: Similarity given to two names that differ only in their vowels ("Tarkint" / "Tarikent").
SKELETON_SCORE = 0.86
_SKELETON_MIN = 4
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def _skeleton(compacted: str) -> str:
    """A name's consonants, doubled letters single and hyphens gone: transliterations of one
    Tamasheq or Fulfulde name mostly differ in their vowels."""
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", compacted.replace("-", "").replace("'", "")))


@dataclass(frozen=True, slots=True)
class AdminArea:
    """An administrative area: a region (level 1) or a cercle/province/department (level 2)."""

    level: int
    name: str  # the area's own bare name: "Segou", "Douentza"
    admin1: str  # admin-1 name to report ("Mopti")
    admin2: str  # admin-2 name to report, "" for level 1
    country: str  # "Mali"
    country_code: str
    code: str  # GeoNames admin code: "ML.04" or "ML.04.7670549"
    capital: Place | None = None  # the seat (PPLA/PPLA2 or same-named town), for precision-2 coding

    def contains(self, place: Place) -> bool:
        """True when a place lies in this area (by its admin names)."""
        if place.country_code != self.country_code or place.admin1 != self.admin1:
            return False
        return self.level == 1 or place.admin2 == self.admin2


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What a report says around a place name: its countries, named admin areas, other places."""

    countries: tuple[str, ...] = DEFAULT_COUNTRIES  # preferred first
    admin_areas: tuple[AdminArea, ...] = ()
    places: tuple[Place, ...] = ()
    named: tuple[str, ...] = ()  # ISO-2 codes of the countries the report itself names
    #: whether the project's focus country (the first of DEFAULT_COUNTRIES) is home even when the
    #: report names others: False for a report that is plainly about another country
    focus: bool = True

    def with_place(self, place: Place) -> GeoContext:
        return replace(self, places=(*self.places, place))

    def with_area(self, area: AdminArea) -> GeoContext:
        return replace(self, admin_areas=(*self.admin_areas, area))


@dataclass(frozen=True, slots=True)
class _Cell:
    """The rows of a one-degree cell, by position: their index positions, coordinates (arrays)
    and name keys as the index stores them."""

    ids: list[int]
    lats: Any
    lons: Any
    keys: list[str]


class _CharCounts:
    """How often each character occurs in each text of a list, as arrays (one per character, built
    on first use), to bound from above what rapidfuzz's ``fuzz.ratio`` can give each text.

    ``fuzz.ratio(q, c)`` is ``200 * LCS(q, c) / (len(q) + len(c))``, and the longest common
    subsequence of two texts has at most, of each character, the fewer of its two counts: a text
    whose bound is under a score cut-off cannot reach it, and :meth:`reach` leaves it out."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        joined = "".join(texts)
        self._codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        self._owner = np.repeat(np.arange(len(texts), dtype=np.int64), self.lengths)
        self._columns: dict[str, Any] = {}
        self._present = set(joined)

    def _column(self, ch: str) -> Any:
        col = self._columns.get(ch)
        if col is None:
            owners = self._owner[self._codes == ord(ch)]
            col = self._columns[ch] = np.bincount(owners, minlength=len(self.lengths)).astype(np.int64)
        return col

    def reach(self, query: str, cutoff: float) -> Any:
        """Positions (in order) of the texts whose ``fuzz.ratio`` with ``query`` may be ``cutoff`` or more."""
        common = np.zeros(len(self.lengths), dtype=np.int64)
        for ch in set(query):
            if ch in self._present:
                common += np.minimum(self._column(ch), query.count(ch))
        # a margin far above rounding: LCS and lengths are integers
        return np.flatnonzero(200.0 * common >= (cutoff - 1e-6) * (len(query) + self.lengths))


class _Blocks:
    """The blocking index of one long list of name keys: its character counts, and those of its
    keys with their words sorted (what ``fuzz.token_sort_ratio`` compares), built on first use."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = keys
        self._array: Any = None  # the keys as an array of objects, to take a subset at C speed
        self._plain: _CharCounts | None = None
        self._sorted: tuple[Any, _CharCounts] | None = None

    def extract(self, key: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """What ``process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)``
        gives (key, score), scoring only the keys that may reach ``cutoff``, in the list's order
        (so that ties come out as they would)."""
        if self._plain is None:
            self._plain = _CharCounts(self.keys)
            self._array = np.array(self.keys, dtype=object)
        subset = self._array[self._plain.reach(key, cutoff)].tolist()
        return [(c, s) for c, s, _ in process.extract(key, subset, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                       limit=limit)]

    def extract_token_sort(self, key: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """The same with ``scorer=fuzz.token_sort_ratio``: ``fuzz.ratio`` of the words sorted, each
        key's sorted once."""
        if self._sorted is None:
            words = [_sorted_words(k) for k in self.keys]
            self._sorted = (np.array(words, dtype=object), _CharCounts(words))
        array, counts = self._sorted
        reach = counts.reach(_sorted_words(key), cutoff)
        positions = reach.tolist()
        keys = self.keys
        subset = array[reach].tolist()
        found = process.extract(_sorted_words(key), subset, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(keys[positions[n]], s) for _, s, n in found]


def _sorted_words(text: str) -> str:
    """``text``'s words in sorted order, one space apart (what rapidfuzz's token sort compares)."""
    return " ".join(sorted(text.split()))


#: A list of name keys at least this long is scanned through its blocking index (:class:`_Blocks`).
_BLOCK_MIN_KEYS = 2000


@dataclass(slots=True)
class _Caches:
    keys_by_admin1: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    admin1_keys: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (cc, a1) -> keys
    country_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compact: dict[str, tuple[str, ...]] = field(default_factory=dict)
    all_keys: list[str] | None = None
    row_keys: dict[int, list[str]] = field(default_factory=dict)  # name keys of each row read
    near_keys: dict[tuple[float, float], dict[str, None]] = field(default_factory=dict)
    lookups: dict[tuple[str, str | None, str | None, bool, int], list[Place]] = field(default_factory=dict)
    resolved: dict[tuple[str, GeoContext], Place | None] = field(default_factory=dict)
    supported: dict[tuple[tuple[tuple[str, str], ...], tuple[tuple[float, float], ...]], list[str]] = field(
        default_factory=dict)
    place_arrays: tuple[tuple[Place, ...], Any, Any, Any] | None = None
    cells: dict[tuple[int, int], _Cell] = field(default_factory=dict)
    area_keys: dict[tuple[str, str], dict[str, None]] = field(default_factory=dict)  # a region's keys, as a set
    areas: dict[str, AdminArea] = field(default_factory=dict)
    area_names: dict[str, list[str]] | None = None
    #: the blocking indexes of the long name lists fuzzy look-ups scan, by id of the list (kept with it)
    blocks: dict[int, tuple[Sequence[str], _Blocks]] = field(default_factory=dict)


class _Rows(dict[int, Row]):
    """The index's rows by position, each read from the index file on first use (then a plain
    dict look-up). :meth:`load` reads several at once."""

    def __init__(self, index: IndexFile) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, idx: int) -> Row:
        row = self._index.rows((idx,)).get(idx)
        if row is None:
            raise KeyError(f"no row {idx} in the gazetteer index {self._index.path}")
        self[idx] = row
        return row

    def load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self]
        if missing:
            self.update(self._index.rows(missing))


class _Names(dict[str, tuple[int, ...]]):
    """The index's name keys with the positions of the rows they name, read on first use."""

    def __init__(self, index: IndexFile) -> None:
        super().__init__()
        self._index = index
        self._absent: set[str] = set()

    def __missing__(self, key: str) -> tuple[int, ...]:
        ids = self.find(key)
        if ids is None:
            raise KeyError(key)
        return ids

    def find(self, key: str) -> tuple[int, ...] | None:
        """The rows ``key`` names, None when it names none."""
        ids = self.get(key)
        if ids is None and key not in self._absent:
            self.load((key,))
            ids = self.get(key)
        return ids

    def load(self, keys: Iterable[str]) -> None:
        missing = [k for k in dict.fromkeys(keys) if k not in self and k not in self._absent]
        if missing:
            found = self._index.key_ids(missing)
            self.update(found)
            self._absent.update(k for k in missing if k not in found)


class Gazetteer:
    """The installed GeoNames gazetteer. Open it with :meth:`load`.

    It reads its index file (:mod:`conflictwatch.geo._index`) as look-ups need it: opening costs
    milliseconds, and what a look-up read (rows, name keys, the name lists of a region) stays in
    memory for the next one.
    """

    def __init__(self, index: dict[str, Any] | IndexFile, *, path: Path | None = None) -> None:
        if isinstance(index, dict):  # built in memory (the dict the install writes)
            index = IndexFile(conn=memory_index(index))
        self._index = index
        meta = index.meta()
        self._rows = _Rows(index)
        self._names = _Names(index)
        self._admin_names: dict[str, dict[str, str]] = meta["admin_names"]
        self.countries: tuple[str, ...] = tuple(meta["countries"])
        self.path = path
        self._caches = _Caches()
        self._place = lru_cache(maxsize=65536)(self._make_place)
        self._sources: dict[str, Any] | None = None

    @classmethod
    def load(cls, data_dir: Path) -> Gazetteer:
        """Open the gazetteer installed in ``data_dir`` (raises :class:`GazetteerMissing`).

        An index written by an older conflictwatch (``gazetteer.pickle``, or another
        :data:`~conflictwatch.geo._index.INDEX_FORMAT`) is rebuilt first from the installed
        sources, saying so in the ``conflictwatch.geo`` log.
        """
        data_dir = Path(data_dir)
        path = index_path(data_dir)
        hint = "run `conflictwatch setup` (or `conflictwatch setup --from DIR` offline)"
        if not path.is_file():
            legacy = legacy_index_path(data_dir)
            if not legacy.is_file():
                raise GazetteerMissing(f"No gazetteer installed in {data_dir}: {hint}")
            cls._rebuild(data_dir, f"{legacy.name}, an index of an older conflictwatch")
        index = IndexFile(path)
        try:
            fmt = index.meta().get("format")
        except (sqlite3.Error, ValueError) as exc:
            raise GazetteerMissing(f"The gazetteer in {path} cannot be read ({exc}): {hint} again") from exc
        if fmt != INDEX_FORMAT:
            cls._rebuild(data_dir, f"index format {fmt}, not {INDEX_FORMAT}")
            index = IndexFile(path)
        return cls(index, path=path)

    @staticmethod
    def _rebuild(data_dir: Path, why: str) -> None:
        t0 = time.perf_counter()
        rows = rebuild_index(data_dir=data_dir)
        log.warning("The gazetteer in %s was indexed by another version of conflictwatch (%s): rebuilt its "
                    "index %s from the installed sources (%s places, %.1f s).", data_dir, why,
                    index_path(data_dir).name, f"{rows:,}", time.perf_counter() - t0)

    # ---- identity -----------------------------------------------------------------------

    @property
    def sources(self) -> dict[str, Any]:
        """What the gazetteer was built from, content only (no install times or file paths): the
        content ``format``, the installed ``countries``, the ``rows`` of each country, and the extra
        settlement sources (``conflictwatch gazetteer add-settlements``) with what each added, as
        ``gazetteer.json`` beside the index records them (``{}`` without one). Read once."""
        if self._sources is None:
            rows: dict[str, int] = dict(self._index.meta()["rows"])
            extras: dict[str, Any] = {}
            meta: Any = {}
            if self.path is not None:
                try:
                    meta = json.loads(self.path.with_suffix(".json").read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    meta = {}
            for key, entry in sorted(((meta.get("extra_sources") if isinstance(meta, dict) else None) or {}).items()):
                if isinstance(entry, dict):
                    extras[key] = {k: entry.get(k) for k in ("source", "country", "settlements", "applied",
                                                             "merged", "added_places")}
            self._sources = {"format": CONTENT_FORMAT, "countries": list(self.countries),
                             "rows": dict(sorted(rows.items())), "extra_sources": extras}
        return self._sources

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of what the gazetteer holds: content format, countries, rows, name keys
        and admin names (:func:`conflictwatch.geo._index.fingerprint`), computed when the index
        was written. The same GeoNames dumps and settlement files give the same fingerprint on any
        machine, whenever installed; another country, a newer dump or an added settlements file
        gives another."""
        value: str = self._index.meta()["fingerprint"]
        return value

    @property
    def cache_dir(self) -> Path | None:
        """The ``cache`` folder of the data directory the gazetteer was loaded from (what can be
        rebuilt from it: the extractor's compiled tokenizers); None for a gazetteer built in
        memory."""
        return self.path.parent.parent / "cache" if self.path is not None else None

    def _all_rows(self) -> list[Row]:
        """Every row, in index order (reads the whole index: benchmarks and tests)."""
        rows = self._index.all_rows()
        self._rows.update(enumerate(rows))
        return rows

    # ---- places -------------------------------------------------------------------------

    def _make_place(self, idx: int, score: float = 1.0) -> Place:
        r = self._rows[idx]
        return Place(geonameid=r[0], name=r[1], asciiname=r[2], latitude=r[3], longitude=r[4],
                     feature_class=r[5], feature_code=r[6], country_code=r[7],
                     country=country_name(r[7]), admin1_code=r[8], admin1=r[9], admin2_code=r[10],
                     admin2=r[11], population=r[12], score=score)

    def _rank(self, idx: int) -> int:
        r = self._rows[idx]
        if r[5] == "P":
            return _P_RANK.get(r[6], 5)
        return 7 if r[5] == "A" else 6

    def _is_main_name(self, idx: int, key: str) -> bool:
        r = self._rows[idx]
        return compact(key) in (compact(fold(r[1])), compact(fold(r[2])))

    def _ids(self, key: str) -> tuple[int, ...]:
        ids = self._names.find(key)
        if ids is None:
            spaced = self._compact_keys(compact(key))
            if not spaced and " " not in key:
                spaced = self._compact_keys(key)
            self._names.load(spaced)
            ids = tuple(i for k in spaced for i in self._names[k])
        if len(ids) > 1:
            self._rows.load(ids)
        return ids

    def _compact_keys(self, ckey: str) -> tuple[str, ...]:
        found = self._caches.compact.get(ckey)
        if found is None:
            found = self._caches.compact[ckey] = self._index.compact_keys(ckey)
        return found

    def _filter(self, ids: Iterable[int], cc: str | None, admin1: str | None) -> list[int]:
        a1 = fold(admin1) if admin1 else None
        out = []
        for i in ids:
            r = self._rows[i]
            if cc and r[7] != cc:
                continue
            if a1 and fold(r[9]) != a1 and r[8].casefold() != a1:
                continue
            out.append(i)
        return out

    def _country_arg(self, country: str | None) -> str | None:
        if not country:
            return None
        cc = country_code(country)
        if cc not in self.countries:
            raise GeocodeError(f"country {cc} is not in the installed gazetteer "
                               f"({', '.join(self.countries)}): run `conflictwatch gazetteer install {cc}`.")
        return cc

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, or None."""
        ids = self._index.ids_where("geonameid = ?", (geonameid,))
        return self._place(ids[0]) if ids else None

    def lookup(self, name: str, *, country: str | None = None, admin1: str | None = None,
               fuzzy: bool = True, limit: int = 10) -> list[Place]:
        """Places named ``name``: exact matches (by importance, population), then fuzzy ones."""
        key = fold(name)
        cc = self._country_arg(country)
        memo = (key, cc, admin1, fuzzy, limit)
        known = self._caches.lookups.get(memo)
        if known is not None:
            return list(known)
        if len(self._caches.lookups) >= _MEMO_SIZE:
            self._caches.lookups.clear()
        out = self._caches.lookups[memo] = self._lookup(key, cc, admin1, fuzzy=fuzzy, limit=limit)
        return list(out)

    def _lookup(self, key: str, cc: str | None, admin1: str | None, *, fuzzy: bool, limit: int) -> list[Place]:
        exact = self._filter(self._ids(key), cc, admin1)
        exact.sort(key=lambda i: (self._rank(i), not self._is_main_name(i, key), -self._rows[i][12],
                                  self._rows[i][0]))
        out = [self._place(i) for i in exact[:limit]]
        if fuzzy and len(out) < limit and len(compact(key)) >= _MIN_FUZZY_LEN:
            seen = set(exact)
            # the lists of a country or region are kept: they carry a blocking index (the list of
            # every country's keys is a new one each time)
            found = self._fuzzy(key, self._choices(cc, admin1), LOOKUP_MIN_SCORE, cc=cc, admin1=admin1,
                                blocked=cc is not None)
            scored = [(s, i) for s, i in found if i not in seen]
            scored.sort(key=lambda t: (-t[0], self._rank(t[1]), -self._rows[t[1]][12]))
            out += [self._place(i, round(s, 3)) for s, i in scored[: limit - len(out)]]
        return out

    def _choices(self, cc: str | None, admin1: str | None) -> Sequence[str]:
        if cc is None:
            if admin1:
                return [k for c in self.countries for k in self._choices(c, admin1)]
            if self._caches.all_keys is None:
                self._caches.all_keys = self._index.all_keys()
            return list(self._caches.all_keys)
        if not admin1:
            return self._country_keys(cc)
        slot = (cc, fold(admin1))
        if slot[1]:
            return self._admin1_keys(slot)
        keys = self._caches.keys_by_admin1.get(slot)
        if keys is None:
            keys = [k for k in self._country_keys(cc) if self._filter(self._names[k], cc, admin1)]
            self._caches.keys_by_admin1[slot] = keys
        return keys

    def _country_keys(self, cc: str) -> tuple[str, ...]:
        """The name keys of the places of ``cc``, in index order (read once)."""
        keys = self._caches.country_keys.get(cc)
        if keys is None:
            keys = self._caches.country_keys[cc] = tuple(self._index.key_list("country", cc))
        return keys

    def _admin1_keys(self, slot: tuple[str, str]) -> list[str]:
        """The name keys of the places of country ``slot[0]`` in the admin-1 area ``slot[1]``
        (its folded name or code), in the country's key order: what :meth:`_filter` keeps, listed
        when the index was written (read once)."""
        keys = self._caches.admin1_keys.get(slot)
        if keys is None:
            keys = self._caches.admin1_keys[slot] = self._index.key_list("admin1", *slot)
        return keys

    def _blocks(self, choices: Sequence[str]) -> _Blocks:
        """The blocking index of a kept list of keys (built once per list)."""
        entry = self._caches.blocks.get(id(choices))
        if entry is None or entry[0] is not choices:
            if len(self._caches.blocks) >= _SUPPORTED_MEMO:
                self._caches.blocks.clear()
            entry = self._caches.blocks[id(choices)] = (choices, _Blocks(choices))
        return entry[1]

    def _fuzzy(self, key: str, choices: Sequence[str], min_score: float, *, cc: str | None = None,
               admin1: str | None = None, countries: Sequence[str] | None = None,
               blocked: bool = False) -> list[tuple[float, int]]:
        """(similarity, row index) of fuzzy matches among ``choices``, best first; exact key excluded.

        ``blocked``: ``choices`` is a list the gazetteer keeps, scanned through its blocking index
        when long (the same matches, the keys that cannot reach the score cut-off left unscored)."""
        found: list[tuple[str, float]]
        if blocked and len(choices) >= _BLOCK_MIN_KEYS:
            blocks = self._blocks(choices)
            found = blocks.extract(key, 60, 60)
            if " " in key:
                found += blocks.extract_token_sort(key, min_score * 100, 20)
        else:
            found = [(c, s) for c, s, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=60, limit=60)]
            if " " in key:
                found += [(c, s) for c, s, _ in process.extract(key, choices, scorer=fuzz.token_sort_ratio,
                                                                 score_cutoff=min_score * 100, limit=20)]
        # Only the names similar enough need their rows: read those (at once) from the index.
        passing = [(cand, score) for cand, score in ((c, similarity(key, c)) for c, _ in found if c != key)
                   if score >= min_score]
        self._names.load(cand for cand, _ in passing)
        self._rows.load(i for cand, _ in passing for i in self._names[cand])
        best: dict[int, float] = {}
        for cand, score in passing:
            for i in self._filter(self._names[cand], cc, admin1):
                if countries is not None and self._rows[i][7] not in countries:
                    continue
                if score > best.get(i, 0.0):
                    best[i] = score
        return sorted(((s, i) for i, s in best.items()), key=lambda t: -t[0])

    # ---- countries ----------------------------------------------------------------------

    def country_name(self, iso2: str) -> str:
        """The country's name as ACLED writes it ("CI" → "Ivory Coast")."""
        return country_name(iso2)

    def capital(self, iso2: str) -> Place | None:
        """The Place of a country's capital (feature code PPLC), or None if not installed."""
        cc = iso2.upper()
        best = self._index.ids_where("cc = ? AND fcode = 'PPLC'", (cc,))
        self._rows.load(best)
        best.sort(key=lambda i: -self._rows[i][12])
        return self._place(best[0]) if best else None

    # ---- admin areas --------------------------------------------------------------------

    def _area(self, code: str) -> AdminArea | None:
        area = self._caches.areas.get(code)
        if area is not None:
            return area
        parts = code.split(".")
        cc = parts[0]
        names = self._admin_names.get(cc, {})
        if code not in names:
            return None
        report = _admin1_report(cc)
        spelling = _admin_spelling(cc)
        a1_code = parts[1]
        a1_own = spelling.get(f"{cc}.{a1_code}") or clean_admin_name(names.get(f"{cc}.{a1_code}", ""))
        admin1 = report.get(a1_code, a1_own)
        if len(parts) == 2:
            area = AdminArea(level=1, name=a1_own, admin1=admin1, admin2="", country=country_name(cc),
                             country_code=cc, code=code)
        else:
            own = spelling.get(code) or clean_admin_name(names[code])
            area = AdminArea(level=2, name=own, admin1=admin1, admin2=own, country=country_name(cc),
                             country_code=cc, code=code)
        area = replace(area, capital=self._seat(area, a1_code))
        self._caches.areas[code] = area
        return area

    def _seat(self, area: AdminArea, a1_code: str) -> Place | None:
        cc = area.country_code
        if area.level == 1:
            seats = self._index.ids_where("cc = ? AND a1code = ? AND fcode IN ('PPLC', 'PPLA', 'PPLG')",
                                          (cc, a1_code))
        else:
            a2_code = area.code.split(".")[2]
            named = [i for i in self._names.find(fold(area.name)) or ()
                     if self._rows[i][7] == cc and self._rows[i][5] == "P"
                     and (self._rows[i][8] == a1_code or self._rows[i][9] == area.admin1)]
            seats = [i for i in named if self._rows[i][6] in _SEAT_CODES] or self._index.ids_where(
                "cc = ? AND a2code = ? AND fcode = 'PPLA2'", (cc, a2_code)) or named
        self._rows.load(seats)
        seats.sort(key=lambda i: (self._rank(i), -self._rows[i][12]))
        return self._place(seats[0]) if seats else None

    def _area_names(self) -> dict[str, list[str]]:
        if self._caches.area_names is None:
            by_name: dict[str, list[str]] = {}
            for cc, names in self._admin_names.items():
                spelling = _admin_spelling(cc)
                for code, raw in names.items():
                    for variant in {raw, clean_admin_name(raw), spelling.get(code, raw)}:
                        by_name.setdefault(fold(variant), []).append(code)
            self._caches.area_names = by_name
        return self._caches.area_names

    def admin_area(self, name: str, *, country: str | None = None) -> AdminArea | None:
        """The region or cercle a report names ("Ségou region", "cercle de Bankass", "Timbuktu region").

        "region"/"province" prefer a level-1 area, "cercle"/"prefecture"/"department" a level-2
        one; a town that is a region's or cercle's seat ("Nioro du Sahel region") names its area.
        """
        key = fold(name)
        level_hint = 0
        bare = _LEADING_ARTICLE.sub("", key)
        for _ in range(2):
            m = _AREA_PREFIX.match(bare) or _AREA_SUFFIX.search(bare)
            if not m:
                break
            word = m.group(0).strip().split(" ")[-1] if m.re is _AREA_SUFFIX else \
                _LEADING_ARTICLE.sub("", m.group(0)).split(" ")[0]
            level_hint = level_hint or (1 if word in _LEVEL1_WORDS else 2)
            bare = (bare[m.end():] if m.re is _AREA_PREFIX else bare[: m.start()]).strip()
        if not bare:
            return None
        cc = self._country_arg(country)
        codes = list(dict.fromkeys(self._area_names().get(bare, [])))
        for i in self._ids(bare):
            r = self._rows[i]
            if r[6] == "ADM1" or r[6] in ("PPLA", "PPLC", "PPLG"):
                codes.append(f"{r[7]}.{r[8]}")
            elif r[6] == "ADM2" or r[6] == "PPLA2":
                codes.append(f"{r[7]}.{r[8]}.{r[10]}" if r[10] else "")
        areas = [a for a in (self._area(c) for c in dict.fromkeys(codes) if c) if a is not None]
        areas = [a for a in areas if cc is None or a.country_code == cc]
        if not areas:
            return None
        order = {c: n for n, c in enumerate((*DEFAULT_COUNTRIES, *self.countries))}
        want = level_hint or 1
        areas.sort(key=lambda a: (a.level != want, order.get(a.country_code, 99), a.level, a.code))
        return areas[0]

    # ---- resolution with context --------------------------------------------------------

    def resolve(self, name: str, *, context: GeoContext | None = None) -> Place | None:
        """The place a report means by ``name``, or None.

        Exact matches are ranked by being inside an admin area the report names, nearness to its
        other places, importance (capital, region and cercle seats), preferred country and
        population. A misspelt name (fuzzy match) is accepted only when the report supports it:
        the candidate lies inside a named admin area or within 50 km of another of its places.
        Very short names and common words (``geo_stopwords.txt``) never resolve.
        """
        ctx = context or GeoContext()
        memo = (name, ctx)
        resolved = self._caches.resolved
        if memo in resolved:
            return resolved[memo]
        if len(resolved) >= _MEMO_SIZE:
            resolved.clear()
        place = resolved[memo] = self._resolve(name, ctx)
        return place

    def _resolve(self, name: str, ctx: GeoContext) -> Place | None:
        name = _POSSESSIVE.sub("", name.strip())  # "Gao's mayor"
        key = fold(name)
        if len(compact(key)) < 3 or key in _stopwords() or _LEADING_ARTICLE.sub("", key) in _stopwords():
            return None
        installed = [c for c in ctx.countries if c in self.countries] or list(self.countries)
        exact = self._ids(key)
        if _ACRONYM.fullmatch(name.strip()):
            # "AMA", "MOC", "CMA": an all-capitals short word is an acronym unless it names a town
            # that matters (a headline's "GAO").
            exact = tuple(i for i in exact if self._rows[i][6] in _SEAT_CODES)
            if not exact:
                return None
        if exact:
            home = _home_countries(ctx, installed)
            own = [i for i in exact if self._rows[i][7] in home or self._foreign_supported(i, ctx)]
            capital = [i for i in own if self._rows[i][6] == "PPLC" and self._is_main_name(i, key)]
            if capital:
                # a country's capital by its own name is what a report means by that name, whatever
                # village of a named region has it as another name
                return self._place(capital[0])
            if own:
                best = max(own, key=lambda i: (self._context_score(i, ctx, installed)
                                               + (0.3 if self._is_main_name(i, key) else 0.0),
                                               -self._rows[i][0]))
                if self._rows[best][7] in home or self._foreign_supported(best, ctx, strong=True):
                    return self._place(best)
                # A minor namesake abroad, only near the report's places: a misspelt place of the
                # report's own countries that the context supports is the likelier meaning.
                return self._resolve_fuzzy(key, ctx, [c for c in installed if c in home]) or self._place(best)
            # Only minor namesakes abroad, with nothing in the report near them: the report more
            # likely misspells a place of its own country, or names one GeoNames lacks.
            installed = [c for c in installed if c in home]
        return self._resolve_fuzzy(key, ctx, installed)

    def _resolve_fuzzy(self, key: str, ctx: GeoContext, countries: Sequence[str]) -> Place | None:
        """The best misspelt match in ``countries`` that the context supports, or None."""
        if len(compact(key)) < _MIN_FUZZY_LEN + 1 or not countries:
            return None
        scored = []
        choices = self._supported_keys(ctx)
        for score, i in self._fuzzy(key, choices, RESOLVE_MIN_SCORE, countries=countries):
            if not (self._rows[i][5] in ("P", "S") or self._rows[i][6] in _SETTLED_WATER) \
                    or not self._same_start(i, key):
                continue
            inside, near_km = self._support(i, ctx, level2_only=score < RESOLVE_AREA_MIN_SCORE)
            if inside or near_km <= NEAR_KM:
                scored.append((score + self._context_score(i, ctx, countries) / 10.0, score, i))
        if not scored:
            return None
        _, score, best = max(scored)
        return self._place(best, round(score, 3))

    def _foreign_supported(self, idx: int, ctx: GeoContext, *, strong: bool = False) -> bool:
        """Whether a place outside the report's home countries is one the report can mean.

        It must be a town that matters (capital, region or cercle seat, or a large town), lie
        inside an admin area the report names, or (unless ``strong``) lie near another of the
        report's places.
        """
        r = self._rows[idx]
        if r[6] in _SEAT_CODES or r[12] >= FOREIGN_MIN_POPULATION:
            return True
        inside, near = self._support(idx, ctx)
        return inside or (not strong and near <= FOREIGN_NEAR_KM)

    def _row_keys(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """The name keys of each of these rows, in index order (read once per row)."""
        cache = self._caches.row_keys
        missing = [i for i in ids if i not in cache]
        if missing:
            cache.update(self._index.row_keys(missing))
        return cache

    def _supported_keys(self, ctx: GeoContext) -> list[str]:
        """Names of the places the report's context supports: in a named area, or near its places
        (remembered for the last few contexts: the names of one report share them)."""
        memo = (tuple((a.country_code, a.admin1) for a in ctx.admin_areas),
                tuple((p.latitude, p.longitude) for p in ctx.places))
        found = self._caches.supported.get(memo)
        if found is None:
            keys: dict[str, None] = {}
            for cc, admin1 in memo[0]:
                area_keys = self._caches.area_keys.get((cc, admin1))
                if area_keys is None:
                    area_keys = self._caches.area_keys[(cc, admin1)] = dict.fromkeys(self._choices(cc, admin1))
                if keys:
                    keys.update(area_keys)
                else:
                    keys = area_keys.copy()  # a copy of a table, not a key at a time
            for lat, lon in memo[1]:
                keys.update(self._near_keys(lat, lon))
            if len(self._caches.supported) >= _SUPPORTED_MEMO:
                self._caches.supported.clear()
            found = self._caches.supported[memo] = list(keys)
        return found

    def _near_keys(self, lat: float, lon: float) -> dict[str, None]:
        """Name keys of the places within :data:`NEAR_KM` of a point (cached per point), in the
        order of a scan of the 3 x 3 one-degree cells around it."""
        cached = self._caches.near_keys.get((lat, lon))
        if cached is None:
            cached = {}
            # Bounds no place within NEAR_KM can lie beyond (a great-circle distance is at least
            # the radius times the latitude difference, and at least 2R asin(cos(lat_max) sin(dlon/2))),
            # with a margin, so that only places near the point pay the exact distance.
            max_dlat = math.degrees(NEAR_KM / 6371.0) * 1.001
            cos_max = math.cos(math.radians(min(90.0, abs(lat) + max_dlat)))
            reach = math.sin(NEAR_KM / (2 * 6371.0)) / cos_max if cos_max > 1e-9 else 2.0
            max_dlon = math.degrees(2 * math.asin(reach)) * 1.001 if reach < 1.0 else 360.0
            row_keys = self._caches.row_keys
            la, lo = math.floor(lat), math.floor(lon)
            cells = [self._cell(la + dlat, lo + dlon) for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)]
            ids = [i for cell in cells for i in cell.ids]
            texts = [t for cell in cells for t in cell.keys]
            lats = np.concatenate([cell.lats for cell in cells])
            lons = np.concatenate([cell.lons for cell in cells])
            for k in _within(lats, lons, lat, lon, max_dlat, max_dlon):
                i = ids[k]
                found = row_keys.get(i)
                if found is None:
                    found = row_keys[i] = IndexFile.split_keys(texts[k])
                cached.update(dict.fromkeys(found))
            self._caches.near_keys[(lat, lon)] = cached
        return cached

    def _cell(self, c_lat: int, c_lon: int) -> _Cell:
        """The rows of a one-degree cell (read once)."""
        cell = self._caches.cells.get((c_lat, c_lon))
        if cell is None:
            rows = self._index.cell_rows(c_lat, c_lon)
            cell = self._caches.cells[(c_lat, c_lon)] = _Cell(
                ids=[r[0] for r in rows], lats=np.array([r[1] for r in rows], dtype=np.float64),
                lons=np.array([r[2] for r in rows], dtype=np.float64), keys=[r[3] for r in rows])
        return cell

    def _same_start(self, idx: int, key: str) -> bool:
        """Misspellings keep a name's first sound: does one of the row's names start like ``key``?

        English and French transliterations differ in a few first letters ("Welingara" /
        "Vélingara", "Ouagadou" / "Wagadou", "Kayes" / "Cayes", "Djenne" / "Jenne"): those count
        as the same start (:func:`_first_sound`).
        """
        r = self._rows[idx]
        first = _first_sound(key)
        return any(_first_sound(fold(n)) == first for n in (r[1], r[2])) or any(
            _first_sound(k) == first for k in self._row_keys((idx,))[idx])

    def _support(self, idx: int, ctx: GeoContext, *, level2_only: bool = False) -> tuple[bool, float]:
        place = self._place(idx)
        inside = any(area.contains(place) for area in ctx.admin_areas
                     if area.level == 2 or not level2_only)
        r = self._rows[idx]
        places = ctx.places
        if len(places) > _ARRAY_PLACES:
            # On arrays, then exactly for the places whose distance may be the least.
            lats, lons, ids = self._place_arrays(places)
            p1, p2 = math.radians(r[3]), np.radians(lats)
            a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - r[4]) / 2) ** 2
            km = np.where(ids != r[0], 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a))), np.inf)
            least = float(km.min())
            if least == math.inf:
                return inside, least
            places = tuple(places[k] for k in np.flatnonzero(km <= least + 2 * _EDGE_KM).tolist())
        near = min((distance_km(r[3], r[4], p.latitude, p.longitude) for p in places
                    if p.geonameid != r[0]), default=math.inf)
        return inside, near

    def _place_arrays(self, places: tuple[Place, ...]) -> tuple[Any, Any, Any]:
        """Latitudes, longitudes and ids of a context's places as arrays (for the last context)."""
        cached = self._caches.place_arrays
        if cached is None or cached[0] is not places:
            cached = self._caches.place_arrays = (
                places, np.array([p.latitude for p in places], dtype=np.float64),
                np.array([p.longitude for p in places], dtype=np.float64),
                np.array([p.geonameid for p in places], dtype=np.int64))
        return cached[1], cached[2], cached[3]

    def _context_score(self, idx: int, ctx: GeoContext, countries: Sequence[str]) -> float:
        r = self._rows[idx]
        inside, near = self._support(idx, ctx)
        score = 4.0 if inside else 0.0
        score += 3.0 if near <= NEAR_KM else 2.0 if near <= 150 else 1.0 if near <= 300 else 0.0
        if r[5] == "P":
            # A town named like its cercle is usually the cercle's seat, coded PPLA2 or not.
            seat_like = 1.0 if r[11] and fold(r[2]) == fold(r[11]) else 0.0
            score += max(_IMPORTANCE.get(r[6], 0.0), seat_like) - (0.25 if r[6] == "PPLX" else 0.0)
        else:
            score -= 1.0 if r[5] == "A" else 0.5
        if countries and r[7] == countries[0]:
            score += 1.0
        elif r[7] in countries:
            score += 0.5
        return score + 0.5 * min(1.0, math.log10(r[12] + 1) / 6.0)


#: A distance computed on arrays this near NEAR_KM is computed again by :func:`distance_km`
#: (array functions may differ from the math module's in the last bits).
_EDGE_KM = 1e-6
#: A context with more places than this has its distances computed on arrays.
_ARRAY_PLACES = 8


def _within(lats: Any, lons: Any, lat: float, lon: float, max_dlat: float, max_dlon: float) -> list[int]:
    """Positions in the arrays ``lats``, ``lons`` of the points inside the bounds and within
    :data:`NEAR_KM` of the point (``lat``, ``lon``), as :func:`distance_km` decides, in order; the
    distances are computed on the arrays, and again one by one for those near the edge."""
    if not len(lats):
        return []
    p1, p2 = np.radians(lats), math.radians(lat)
    dl = np.radians(lon - lons)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    km = 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    inside = (np.abs(lats - lat) <= max_dlat) & (np.abs(lons - lon) <= max_dlon) & (km <= NEAR_KM + _EDGE_KM)
    return [k for k in np.flatnonzero(inside).tolist()
            if km[k] < NEAR_KM - _EDGE_KM or distance_km(float(lats[k]), float(lons[k]), lat, lon) <= NEAR_KM]


_FIRST_SOUND = {"v": "w", "c": "k", "q": "k", "j": "d"}
_OU_VOWEL = re.compile(r"ou[aeiy]")


def _first_sound(key: str) -> str:
    """The first letter of a folded name, with transliteration variants merged (see
    :meth:`Gazetteer._same_start`)."""
    if _OU_VOWEL.match(key):
        return "w"
    return _FIRST_SOUND.get(key[:1], key[:1])


def same_first_sound(a: str, b: str) -> bool:
    """Whether two names start with the same sound, transliteration variants merged ("Kayes" /
    "Cayes", "Ouagadou" / "Wagadou"): misspellings keep a name's first sound."""
    fa, fb = fold(a), fold(b)
    return bool(fa) and bool(fb) and _first_sound(fa) == _first_sound(fb)


def _home_countries(ctx: GeoContext, installed: Sequence[str]) -> frozenset[str]:
    """Countries whose places need no other support: the preferred one, those the report names,
    and the project's focus country (the first of :data:`DEFAULT_COUNTRIES`) unless the report is
    plainly about another (``ctx.focus`` False)."""
    named = _named_countries(ctx)
    return frozenset((*installed[:1], *named, *(DEFAULT_COUNTRIES[:1] if ctx.focus or not named else ())))


def _named_countries(ctx: GeoContext) -> tuple[str, ...]:
    """The countries the report names: ``ctx.named``, or else read from ``ctx.countries``.

    Callers list the named countries first, then the remaining default countries in their
    usual order; the named ones are the head before that default tail.
    """
    if ctx.named:
        return ctx.named
    countries = ctx.countries
    for k in range(len(countries) + 1):
        head = set(countries[:k])
        if list(countries[k:]) == [c for c in DEFAULT_COUNTRIES if c not in head]:
            return tuple(countries[:k])
    return tuple(countries)


@cache
def _admin1_report(cc: str) -> dict[str, str]:
    return {r["admin1_code"]: r["report_as"] for r in read_data_csv("geo_admin1_report.csv")
            if r["country"] == cc}


@cache
def _admin_spelling(cc: str) -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_data_csv("geo_admin_names.csv") if r["country"] == cc}
