"""Extra settlement sources for the gazetteer: OCHA common operational datasets (COD) of settlements.

GeoNames lacks many villages of Mali; OCHA's settlement lists (on HDX, one CSV per country with
columns ``id, longitude, latitude, featureNam, pcode, featureRef, featureAlt, featureA_1,
popPlaceCl, popPlace_1, admin0Name, admin0Pcod, admin1Name, ... admin3Pcod, date, validOn``)
name them. :func:`add_settlements` reads such a file, repairs broken encodings ("SandarÃ©" →
"Sandaré"), drops duplicates (same folded name within :data:`DUPLICATE_KM`, or within
:data:`COMMUNE_DUPLICATE_KM` in one commune), and stores the settlements as an extra source
beside the GeoNames sources (``gazetteer/extra_sources.pickle``).

Every index build (this one, and each later ``gazetteer install`` / ``setup``, through
:func:`with_extra_sources`) adds the stored settlements to the GeoNames rows of their country:

- a settlement whose longitude has lost its minus sign (far from the places of the cercle it
  names, among them with the opposite sign) is moved back first;
- a settlement named like a GeoNames populated place within :data:`MERGE_KM` (a capital, region
  or cercle seat: like a GeoNames seat within :data:`SEAT_MERGE_KM`) is that place: its names
  become alternate names of the GeoNames row, no new row, and the row takes OCHA's rank when
  OCHA ranks it higher (a GeoNames village that OCHA knows as a commune seat becomes PPLA3);
- any other becomes a populated place (class P; code by OCHA's ``popPlaceCl``: 1 PPLC, 2 PPLA,
  3 PPLA2, 4 PPLA3, else PPL) with an id above :data:`ID_BASE` (far above GeoNames ids), and
  the admin names the gazetteer reports: its OCHA cercle (admin-2 name) matched by name to a
  GeoNames admin-2 area, so that admin-1 follows the gazetteer's rules (Ménaka's cercle reports
  admin-1 "Menaka"); when the cercle name matches no area, those of the nearest GeoNames place.
"""

from __future__ import annotations

import csv
import io
import json
import math
import pickle
import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conflictwatch.errors import GazetteerMissing, GeocodeError
from conflictwatch.geo._index import write_index
from conflictwatch.geo._install import (
    _build_index,
    _country_codes,
    _km,
    _name_keys,
    _read_existing,
    _write_atomic,
    clean_admin_name,
    index_path,
    legacy_index_path,
    read_data_csv,
)
from conflictwatch.text import compact
from conflictwatch.text import fold_key as fold

__all__ = [
    "COMMUNE_DUPLICATE_KM",
    "DUPLICATE_KM",
    "ID_BASE",
    "MERGE_KM",
    "SEAT_MERGE_KM",
    "SettlementsReport",
    "add_settlements",
    "extra_sources_path",
    "read_settlements",
    "repair_mojibake",
    "settlements_installed",
    "with_extra_sources",
]

#: Bumped whenever the layout of ``extra_sources.pickle`` changes.
EXTRAS_FORMAT = 1
#: Two settlements of one file with the same folded name this near are one settlement.
DUPLICATE_KM = 1.0
#: ... or within this distance in the same commune (admin-3 area): OCHA lists each commune seat
#: twice, as the seat and as a village of its commune, at points up to a few km apart.
COMMUNE_DUPLICATE_KM = 5.0
#: A settlement named like a GeoNames populated place this near is that place.
MERGE_KM = 2.0
#: A settlement that is a region's or cercle's seat merges with a GeoNames seat of its name this near.
SEAT_MERGE_KM = 50.0
#: a settlement this far from the middle of its cercle's places, whose opposite longitude lies
#: within SIGN_NEAR_KM of it, has lost (or gained) a minus sign
SIGN_FAR_KM = 250.0
SIGN_NEAR_KM = 150.0
#: Synthetic ids: ``ID_BASE + ISO numeric × ID_SCALE + pcode digits``. GeoNames ids (about 1.3e7
#: in 2025, given in sequence) stay far below ID_BASE, and ties between namesakes, which the
#: gazetteer breaks by the lower id, go to the GeoNames row.
ID_BASE = 10**13
ID_SCALE = 10**10
_EXTRAS_FILE = "extra_sources.pickle"

_FEATURE_CODES = {"1": "PPLC", "2": "PPLA", "3": "PPLA2", "4": "PPLA3"}
_CLASS_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPL": 4}
_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLG"})
_REQUIRED = ("featurenam", "latitude", "longitude")
# Characters that betray UTF-8 read as cp1252/Latin-1: C1 controls and the symbols of
# U+00A0-U+00BF, the lead bytes Â Ã Å, and cp1252's typographic extras.
_ODD = re.compile("[\u0080-\u00bf\u00c2\u00c3\u00c5\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                  "\u0192\u02c6\u02dc\u2013\u2014\u201a\u201e\u2020-\u2022\u2026\u2030\u2039"
                  "\u203a\u20ac\u2122]")
_ALT_SPLIT = re.compile(r"\s*[,;/|]\s*")
_PCODE = re.compile(r"[A-Za-z]{2,3}(\d{1,10})")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*")

# A stored settlement (plain tuple: small to pickle, independent of code changes):
# (id, name, asciiname, lat, lon, feature code, admin1 name, admin2 name, alternate names)
Settlement = tuple[int, str, str, float, float, str, str, str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class SettlementsReport:
    """What :func:`add_settlements` did."""

    path: Path  # the gazetteer index rebuilt
    source: str  # "ocha-cod"
    country: str  # ISO-2
    read: int  # data rows in the file
    skipped: int  # rows without a name or usable coordinates, of another country, or named like a country
    repaired: int  # rows with a broken encoding repaired
    signs: int  # settlements whose longitude had lost its minus sign, moved back into their cercle
    duplicates: int  # rows dropped as duplicates of another row of the file
    merged: int  # settlements merged into a GeoNames place (as its alternate names)
    added: int  # settlements added as new places
    total_rows: int  # places in the gazetteer afterwards


def extra_sources_path(data_dir: Path) -> Path:
    """Where the extra settlement sources live in a data directory."""
    return index_path(Path(data_dir)).with_name(_EXTRAS_FILE)


def settlements_installed(data_dir: Path, path: Path, *, country: str = "ML", source: str = "ocha-cod") -> bool:
    """Whether the settlements file ``path`` is the source ``source`` of ``country`` in ``data_dir``."""
    try:
        extras = _read_extras(index_path(Path(data_dir)).parent)
    except GeocodeError:
        return False
    entry = extras.get(f"{source}:{country.upper()}")
    return entry is not None and entry.get("file") == str(Path(path).resolve())


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text decoded as cp1252 or Latin-1: "SandarÃ©" → "Sandaré", "KaÃ¯" → "Kaï".

    A repair is kept only when re-encoding gives valid UTF-8 with fewer odd characters; applied
    at most twice (text broken twice). Sound text ("Ségou", "N'Tomikoro") comes back unchanged.
    """
    best = text
    for _ in range(2):
        fixes = []
        for encoding in ("cp1252", "latin-1"):
            try:
                fixed = best.encode(encoding).decode("utf-8")
            except UnicodeError:
                continue
            if fixed != best and _odd(fixed) < _odd(best):
                fixes.append(fixed)
        if not fixes:
            break
        best = min(fixes, key=_odd)
    return best


def _odd(text: str) -> int:
    return len(_ODD.findall(text))


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if not unicodedata.combining(ch) and ord(ch) < 128).strip() or name


def add_settlements(path: Path, *, data_dir: Path, country: str = "ML",
                    source: str = "ocha-cod") -> SettlementsReport:
    """Add an OCHA COD settlements CSV to the gazetteer installed in ``data_dir``.

    The settlements are stored as the extra source ``source`` of ``country`` (adding the same
    source again replaces it, so re-running is idempotent) and the index is rebuilt; later
    installs of GeoNames countries keep them. Raises :class:`GazetteerMissing` when the country's
    GeoNames gazetteer is not installed, :class:`GeocodeError` for an unreadable file.
    """
    (cc,) = _country_codes([country])
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", source):
        raise GeocodeError(f"source name {source!r} is not usable: use lower-case letters, digits, "
                           "'-', '_' or '.', e.g. ocha-cod.")
    target = index_path(Path(data_dir))
    existing = _read_existing(target)
    if cc not in existing.get("rows", {}):
        raise GazetteerMissing(f"the gazetteer in {Path(data_dir)} has no GeoNames places of {cc}: run "
                               f"`conflictwatch gazetteer install {cc}` (or `conflictwatch setup`) first.")
    settlements, counts = read_settlements(Path(path), country=cc)
    extras = _read_extras(target.parent)
    key = f"{source}:{cc}"
    extras[key] = {"source": source, "country": cc, "file": str(Path(path).resolve()),
                   "added": datetime.now(UTC).isoformat(timespec="seconds"), **counts,
                   "settlements": settlements}
    per_country, applied = _apply(existing["rows"], existing["admin_names"], extras)
    index = _build_index(per_country, existing["admin_names"])
    _write_atomic(extra_sources_path(Path(data_dir)),
                  pickle.dumps({"format": EXTRAS_FORMAT, "sources": extras}, protocol=pickle.HIGHEST_PROTOCOL))
    write_index(target, index)
    legacy_index_path(Path(data_dir)).unlink(missing_ok=True)
    meta_path = target.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    meta["extra_sources"] = applied
    _write_atomic(meta_path, json.dumps(meta, indent=2).encode("utf-8"))
    return SettlementsReport(path=target, source=source, country=cc, read=counts["read"],
                             skipped=counts["skipped"], repaired=counts["repaired"], signs=applied[key]["signs"],
                             duplicates=counts["duplicates"], merged=applied[key]["merged"],
                             added=applied[key]["added_places"], total_rows=len(index["rows"]))


def read_settlements(path: Path, *, country: str) -> tuple[list[Settlement], dict[str, int]]:
    """The settlements of an OCHA COD CSV (repaired, duplicates dropped) and the counts of
    rows ``read``, ``skipped``, ``repaired`` and ``duplicates``.

    Rows named like a country ("Mali") are skipped: reports would have them taken for the country.
    """
    rows = _read_csv(path)
    counts = {"read": 0, "skipped": 0, "repaired": 0, "duplicates": 0}
    iso = _iso_numeric(country)
    countries = {fold(r["name"]) for r in read_data_csv("geo_countries.csv")}
    kept: list[Settlement] = []
    by_name: dict[str, list[tuple[int, str]]] = {}  # folded name -> (index in kept, commune)
    for lineno, raw in enumerate(rows, 2):
        counts["read"] += 1
        row = {k: repair_mojibake(v) for k, v in raw.items()}
        if row != raw:
            counts["repaired"] += 1
        name = row.get("featurenam", "") or row.get("featureref", "")
        cc = row.get("admin0pcod", "").upper()
        try:
            lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
        except ValueError:
            lat = lon = math.nan
        key = fold(name)
        if (not key or key in countries or (cc and cc != country)
                or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0)):
            counts["skipped"] += 1
            continue
        # "Monzona (Hameau de Do)" is also plain "Monzona" in reports.
        bare = " ".join(_PARENTHETICAL.sub(" ", name).split())
        alternates = tuple(dict.fromkeys(
            alt for field in ("featureref", "featurealt", "featurea_1")
            for alt in (*_ALT_SPLIT.split(row.get(field, "")), bare) if fold(alt) and alt != name))
        code = _FEATURE_CODES.get(row.get("popplacecl", "").strip(), "PPL")
        match = _PCODE.fullmatch(row.get("pcode", "").strip())
        sid = ID_BASE + iso * ID_SCALE + (int(match.group(1)) if match else ID_SCALE - lineno)
        settlement: Settlement = (sid, name, _ascii(name), lat, lon, code, row.get("admin1name", ""),
                                  row.get("admin2name", ""), alternates)
        commune = row.get("admin3pcod", "") or fold(row.get("admin3name", ""))
        twin = next((i for i, where in by_name.get(key, ())
                     if (km := _km(lat, lon, kept[i][3], kept[i][4])) <= DUPLICATE_KM
                     or (commune and where == commune and km <= COMMUNE_DUPLICATE_KM)), None)
        if twin is None:
            by_name.setdefault(key, []).append((len(kept), commune))
            kept.append(settlement)
            continue
        counts["duplicates"] += 1
        kept[twin] = _combine(kept[twin], settlement)
    return kept, counts


def _combine(first: Settlement, second: Settlement) -> Settlement:
    """One settlement from two duplicates: the more important row, with both rows' names."""
    main, other = (first, second) if _CLASS_RANK[first[5]] <= _CLASS_RANK[second[5]] else (second, first)
    names = tuple(dict.fromkeys(n for n in (*main[8], other[1], *other[8]) if n != main[1]))
    return (*main[:8], names)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GeocodeError(f"cannot read settlements file {path}: {exc.strerror}.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {h: h.strip().casefold() for h in reader.fieldnames or ()}
    missing = [c for c in _REQUIRED if c not in header.values()]
    if missing:
        raise GeocodeError(f"{path} is not an OCHA COD settlements CSV: it lacks the column(s) "
                           f"{', '.join(missing)} (expected id, longitude, latitude, featureNam, pcode, "
                           "featureRef, featureAlt, popPlaceCl, admin1Name, admin2Name, ...).")
    try:
        return [{header[k]: (v or "").strip() for k, v in r.items() if k in header} for r in reader]
    except csv.Error as exc:
        raise GeocodeError(f"{path} is not a readable CSV ({exc}): check the file.") from exc


def _iso_numeric(cc: str) -> int:
    from conflictwatch.geo._gazetteer import country_iso_numeric

    return country_iso_numeric(cc) or 999


# ---- the index build -----------------------------------------------------------------------


def _read_extras(gazetteer_dir: Path) -> dict[str, Any]:
    path = gazetteer_dir / _EXTRAS_FILE
    if not path.exists():
        return {}
    hint = ("delete it and add the settlements again with "
            "`conflictwatch gazetteer add-settlements FILE.csv`")
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        raise GeocodeError(f"the extra settlement sources in {path} cannot be read ({exc}): {hint}.") from exc
    if not isinstance(stored, dict) or stored.get("format") != EXTRAS_FORMAT:
        raise GeocodeError(f"the extra settlement sources in {path} were stored by another version "
                           f"of conflictwatch: {hint}.")
    return dict(stored["sources"])


def with_extra_sources(per_country: Mapping[str, list[Any]], admin_names: Mapping[str, dict[str, str]],
                       gazetteer_dir: Path) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    """The GeoNames rows of each country with the extra sources stored in ``gazetteer_dir``
    applied (merged names, added places), and a summary of each source for ``gazetteer.json``.

    ``per_country`` is left as it is. Sources of countries not installed are kept but not applied.
    """
    return _apply(per_country, admin_names, _read_extras(Path(gazetteer_dir)))


def _apply(per_country: Mapping[str, list[Any]], admin_names: Mapping[str, dict[str, str]],
           extras: Mapping[str, Any]) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    out = dict(per_country)
    summary: dict[str, Any] = {}
    used: set[int] = set()
    for key in sorted(extras):
        entry = extras[key]
        cc = entry["country"]
        info = {k: entry[k] for k in ("source", "country", "file", "added", "read", "repaired", "duplicates")}
        info["settlements"] = len(entry["settlements"])
        if cc not in out:
            summary[key] = {**info, "applied": False, "merged": 0, "added_places": 0, "signs": 0}
            continue
        rows, merged, added, signs = _apply_country(out[cc], cc, admin_names.get(cc, {}), entry["settlements"], used)
        out[cc] = rows
        summary[key] = {**info, "applied": True, "merged": merged, "added_places": added, "signs": signs}
    return out, summary


class _Grid:
    """Row indexes by 0.1-degree cell, for "what lies within a few km" questions."""

    def __init__(self, points: Iterable[tuple[int, float, float]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        for item in points:
            self.cells.setdefault(self._cell(item[1], item[2]), []).append(item)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat * 10), math.floor(lon * 10)

    def near(self, lat: float, lon: float, reach: int = 1) -> Iterable[tuple[int, float, float]]:
        la, lo = self._cell(lat, lon)
        for dlat in range(-reach, reach + 1):
            for dlon in range(-reach, reach + 1):
                yield from self.cells.get((la + dlat, lo + dlon), ())


def _apply_country(rows: list[Any], cc: str, admin_codes: dict[str, str], settlements: list[Settlement],
                   used: set[int]) -> tuple[list[Any], int, int, int]:
    """GeoNames rows of one country with its settlements merged or added; (rows, merged, added, signs
    repaired)."""
    rows = list(rows)
    places = [(i, r[3], r[4]) for i, (r, _) in enumerate(rows) if r[5] == "P"]
    grid = _Grid(places)
    keys = {i: _name_keys(rows[i][0], rows[i][1]) for i, _, _ in places}
    admin = _AdminNames(cc, admin_codes)
    middles = _cercle_middles(rows, admin)
    extra_names: dict[int, list[str]] = {}
    upgrades: dict[int, str] = {}
    merged = added = signs = 0
    new_rows: list[Any] = []
    for sid, name, asciiname, lat, lon, code, admin1, admin2, alternates in settlements:
        repaired = _repair_longitude(lat, lon, middles.get(admin.cercle_code(admin2) or ""))
        signs += repaired != lon
        lon = repaired
        own = {fold(n) for n in (name, asciiname, *alternates)} - {""}
        seat = code in _SEATS
        twins = [(km, i) for i, plat, plon in grid.near(lat, lon, reach=5 if seat else 1)
                 if keys[i] & own and ((km := _km(lat, lon, plat, plon)) <= MERGE_KM
                                       or (seat and rows[i][0][6] in _SEATS and km <= SEAT_MERGE_KM))]
        if twins:
            i = min(twins)[1]
            extra_names.setdefault(i, []).extend(n for n in (name, *alternates) if fold(n) not in keys[i])
            if _CLASS_RANK.get(code, 4) < _CLASS_RANK.get(upgrades.get(i, rows[i][0][6]), 4):
                upgrades[i] = code  # OCHA knows the village is a commune seat ("Kona" is Konna's seat)
            merged += 1
            continue
        while sid in used:
            sid += 1
        used.add(sid)
        a1_code, a1_name, a2_code, a2_name = admin.for_settlement(admin2, lat, lon, rows, grid, places)
        new_rows.append(((sid, name, asciiname, lat, lon, "P", code, cc, a1_code, a1_name, a2_code, a2_name, 0),
                         alternates))
        added += 1
    for i, names in extra_names.items():
        row, alternates = rows[i]
        if i in upgrades:
            row = (*row[:6], upgrades[i], *row[7:])
        rows[i] = (row, (*alternates, *dict.fromkeys(names)))
    return rows + new_rows, merged, added, signs


def _cercle_middles(rows: list[Any], admin: _AdminNames) -> dict[str, tuple[float, float]]:
    """The median point of each cercle's GeoNames places (by admin-2 code "CC.A1.A2")."""
    points: dict[str, list[tuple[float, float]]] = {}
    for r, _ in rows:
        if r[5] == "P" and r[8] and r[10]:
            points.setdefault(f"{admin.cc}.{r[8]}.{r[10]}", []).append((r[3], r[4]))
    return {code: (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
            for code, pts in points.items() if len(pts) >= 3}


def _repair_longitude(lat: float, lon: float, middle: tuple[float, float] | None) -> float:
    """``lon``, or its opposite when the point lies far from the places of the cercle the row names
    and the opposite longitude puts it among them (a lost minus sign: an "Anderamboukane" at 3°W
    in the Ménaka cercle, which lies at 3°E)."""
    if middle is None or _km(lat, lon, *middle) <= SIGN_FAR_KM or _km(lat, -lon, *middle) > SIGN_NEAR_KM:
        return lon
    return -lon


class _AdminNames:
    """The gazetteer's admin codes and names for an OCHA cercle name (or a point)."""

    def __init__(self, cc: str, admin_codes: dict[str, str]) -> None:
        self.cc = cc
        self.codes = admin_codes
        self.report = {r["admin1_code"]: r["report_as"] for r in read_data_csv("geo_admin1_report.csv")
                       if r["country"] == cc}
        self.spelling = {r["code"]: r["name"] for r in read_data_csv("geo_admin_names.csv") if r["country"] == cc}
        by_name: dict[str, set[str]] = {}
        for code, raw in admin_codes.items():
            if code.count(".") == 2:
                for variant in (raw, clean_admin_name(raw), self.spelling.get(code, "")):
                    if fold(variant):
                        by_name.setdefault(compact(fold(variant)), set()).add(code)
        # A name shared by two cercles says nothing: those go by the nearest place instead.
        self.cercles = {name: next(iter(codes)) for name, codes in by_name.items() if len(codes) == 1}
        self.cache: dict[str, tuple[str, str, str, str]] = {}

    def name(self, code: str) -> str:
        return self.spelling.get(code) or clean_admin_name(self.codes.get(code, ""))

    def cercle_code(self, admin2: str) -> str | None:
        """The admin-2 code ("ML.05.7701202") of an OCHA cercle name, when it names one cercle."""
        return self.cercles.get(compact(fold(clean_admin_name(admin2)))) if admin2 else None

    def for_settlement(self, admin2: str, lat: float, lon: float, rows: list[Any], grid: _Grid,
                       places: list[tuple[int, float, float]]) -> tuple[str, str, str, str]:
        """(admin1 code, admin1 name, admin2 code, admin2 name) of a settlement."""
        code = self.cercle_code(admin2)
        if code is not None:
            found = self.cache.get(code)
            if found is None:
                _, a1, a2 = code.split(".")
                a1_name = self.report.get(a1) or self.name(f"{self.cc}.{a1}")
                found = self.cache[code] = (a1, a1_name, a2, self.name(code))
            return found
        for reach in (1, 5):
            near = [(_km(lat, lon, plat, plon), i) for i, plat, plon in grid.near(lat, lon, reach)]
            if near:
                break
        else:
            near = [(_km(lat, lon, plat, plon), i) for i, plat, plon in places]
        if not near:
            return "", "", "", ""
        r = rows[min(near)[1]][0]
        return r[8], r[9], r[10], r[11]
