"""Installing the GeoNames gazetteer: read country dumps, keep useful rows, write one index file.

The index is ``<data dir>/gazetteer/gazetteer.sqlite3`` (rows, name keys, admin areas and the
look-up lists: :mod:`conflictwatch.geo._index`) beside a human-readable ``gazetteer.json``
(format, countries, row counts, install time) and ``sources.pickle`` (the kept rows of each
country with their alternate names, what a later install adds countries to). Each file is written
to a temporary file and renamed over the old one, so an interrupted install leaves the previous
index intact; installing more countries later adds to (or replaces countries in) it.

Rows kept: populated places (class P, except historical and abandoned ones), administrative areas
(ADM1-ADM3, ADMD) and the few other features that conflict reports locate events at: military
installations and camps, airports, border and police posts, mines, bridges, dams, markets,
wells and water holes, lakes, forests and reserves, oases.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import pickle
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictwatch.errors import ConfigError, GazetteerMissing, GeocodeError
from conflictwatch.geo._index import INDEX_FORMAT, write_index
from conflictwatch.text import compact, is_latin
from conflictwatch.text import fold_key as fold

if TYPE_CHECKING:  # httpx is imported by the downloads alone: reading the gazetteer needs none of it
    import httpx

__all__ = ["INDEX_FORMAT", "SOURCES_FORMAT", "InstallReport", "index_path", "install_gazetteer",
           "legacy_index_path", "read_data_csv", "rebuild_index", "setup"]

#: Bumped whenever the layout of ``sources.pickle`` changes (the index has its own INDEX_FORMAT).
SOURCES_FORMAT = 3
USER_AGENT = "conflictwatch/0.1 (+https://github.com/conflictwatch)"
_TIMEOUT_S, _CONNECT_TIMEOUT_S = 30.0, 10.0

_KEEP_CODES: dict[str, frozenset[str]] = {
    "A": frozenset({"ADM1", "ADM2", "ADM3", "ADMD"}),
    "S": frozenset({"MILB", "INSM", "FT", "CMP", "CMPRF", "CMPMN", "AIRP", "AIRF", "AIRB", "AIRS",
                    "PSTB", "PSTP", "MN", "MNAU", "MNQR", "BDG", "DAM", "MKT", "PRN", "HSP",
                    "SCH", "MSQE", "STNB", "RSTN", "CTRA", "BLDG"}),
    "H": frozenset({"WLL", "WLLS", "WTRH", "LK", "LKS", "LKI", "RSV", "PND", "OAS", "STM"}),
    "L": frozenset({"RESF", "RESN", "RESV", "PRK", "OAS", "AREA", "RGN"}),
    "V": frozenset({"FRST", "FRSTF"}),
    "T": frozenset({"OAS", "PASS", "MT", "MTS", "PLAT", "VAL"}),
}
_DROP_P = frozenset({"PPLQ", "PPLH", "PPLW"})

# Words that wrap admin-area names in GeoNames ("Cercle de Niono", "Province du Soum", ...).
_ADMIN_PREFIX = re.compile(
    r"^(?:cercle|province|prefecture|departement|department|region|ville|district|commune|wilaya)"
    r"(?:\s*(?:de la|de l'|du|des|de|d')\s*|\s+)", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:cercle|province|prefecture|department|departement|region|special zone|district)$",
    re.IGNORECASE)

# A row as stored in the index (a plain tuple: small to pickle, quick to load).
# (geonameid, name, asciiname, lat, lon, fclass, fcode, cc, admin1_code, admin1, admin2_code,
#  admin2, population)
Row = tuple[int, str, str, float, float, str, str, str, str, str, str, str, int]


@dataclass(frozen=True, slots=True)
class InstallReport:
    """What :func:`install_gazetteer` did."""

    path: Path
    countries: tuple[str, ...]  # installed by this call
    rows: dict[str, int] = field(default_factory=dict)  # rows kept per installed country
    all_countries: tuple[str, ...] = ()  # every country in the index afterwards
    total_rows: int = 0


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file under ``conflictwatch/data`` (``#`` lines are comments)."""
    text = resources.files("conflictwatch.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def index_path(data_dir: Path) -> Path:
    """Where the gazetteer index lives in a data directory."""
    return Path(data_dir) / "gazetteer" / "gazetteer.sqlite3"


def legacy_index_path(data_dir: Path) -> Path:
    """Where conflictwatch up to index format 3 kept the gazetteer index (a pickle)."""
    return Path(data_dir) / "gazetteer" / "gazetteer.pickle"


def clean_admin_name(name: str) -> str:
    """An admin area's bare name: "Cercle de Niono" → "Niono", "Province du Soum" → "Soum"."""
    name = name.replace("\u2019", "'").strip()
    bare = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip()
    return bare or name


def setup(*, data_dir: Path, source_dir: Path | None = None,
          countries: Sequence[str] | None = None, progress: bool = False) -> InstallReport:
    """Install the reference data conflictwatch needs: the default countries' gazetteer."""
    from conflictwatch.config import DEFAULT_COUNTRIES

    return install_gazetteer(countries or DEFAULT_COUNTRIES, data_dir=data_dir,
                             source_dir=source_dir, progress=progress)


def install_gazetteer(countries: Sequence[str], *, data_dir: Path, source_dir: Path | None = None,
                      base_url: str = "https://download.geonames.org/export/dump/",
                      progress: bool = False) -> InstallReport:
    """Install (or add) GeoNames countries to the gazetteer index in ``data_dir``.

    With ``source_dir``, reads ``CC.txt`` (or ``CC.zip``), ``admin1CodesASCII.txt`` and
    ``admin2Codes.txt`` from it; otherwise downloads them from ``base_url``.
    """
    codes = _country_codes(countries)
    target = index_path(Path(data_dir))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {target.parent}: {exc.strerror}. "
                          "Pass --data-dir with a writable folder.") from exc
    with tempfile.TemporaryDirectory(prefix="cw-geonames-", dir=target.parent) as tmp:
        work = Path(tmp)
        if source_dir is None:
            source = work
            names = ["admin1CodesASCII.txt", "admin2Codes.txt", *(f"{cc}.zip" for cc in codes)]
            _download_all(base_url, names, work, progress=progress)
        else:
            source = Path(source_dir)
            if not source.is_dir():
                raise GeocodeError(f"GeoNames folder {source} does not exist: pass --from a folder "
                                   "holding CC.txt (or CC.zip), admin1CodesASCII.txt, admin2Codes.txt.")
        admin1 = _read_admin_codes(_require(source, "admin1CodesASCII.txt"))
        admin2 = _read_admin_codes(_require(source, "admin2Codes.txt"))
        existing = _read_existing(target)
        per_country: dict[str, list[Any]] = dict(existing.get("rows", {}))
        admin_names: dict[str, dict[str, str]] = dict(existing.get("admin_names", {}))
        kept: dict[str, int] = {}
        for cc in _progress(codes, "Reading GeoNames", progress):
            rows = list(_read_country(source, cc))
            country_admin = {k: v for k, v in {**admin1, **admin2}.items() if k.startswith(cc + ".")}
            per_country[cc] = _assign_admin(rows, cc, country_admin)
            admin_names[cc] = country_admin
            kept[cc] = len(per_country[cc])
        from conflictwatch.geo._settlements import with_extra_sources

        # Extra settlement sources (``gazetteer add-settlements``) are kept by every rebuild.
        indexed, extra_sources = with_extra_sources(per_country, admin_names, target.parent)
        index = _build_index(indexed, admin_names)
        # The sources (rows with alternate names) let a later install add countries; the index
        # (written last) is what Gazetteer.load reads, so it never sees half an install.
        sources = {"format": SOURCES_FORMAT, "country_rows": per_country, "admin_names": admin_names}
        _write_atomic(_sources_path(target), pickle.dumps(sources, protocol=pickle.HIGHEST_PROTOCOL))
        write_index(target, index)
        legacy_index_path(Path(data_dir)).unlink(missing_ok=True)
        meta = {"format": INDEX_FORMAT, "countries": sorted(per_country),
                "rows": {cc: len(r) for cc, r in sorted(per_country.items())},
                "installed": datetime.now(UTC).isoformat(timespec="seconds"),
                "source": str(source_dir) if source_dir else base_url, "extra_sources": extra_sources}
        _write_atomic(target.with_suffix(".json"), json.dumps(meta, indent=2).encode("utf-8"))
    return InstallReport(path=target, countries=codes, rows=kept,
                         all_countries=tuple(sorted(per_country)),
                         total_rows=sum(len(r) for r in per_country.values()))


def rebuild_index(*, data_dir: Path) -> int:
    """Write the index of ``data_dir`` anew from its installed sources (``sources.pickle`` and the
    extra settlement sources), as an install of the same countries would; returns its rows.

    What :meth:`Gazetteer.load` does with an index of an older layout. Raises
    :class:`GazetteerMissing` when the sources are absent, unreadable or of another version.
    """
    target = index_path(Path(data_dir))
    existing = _read_existing(target)
    if not existing:
        raise GazetteerMissing(f"The gazetteer in {target.parent} was made by another version of conflictwatch "
                               "and its sources cannot be read to index it again: run `conflictwatch setup` "
                               "(or `conflictwatch setup --from DIR` offline) again")
    from conflictwatch.geo._settlements import with_extra_sources

    indexed, _ = with_extra_sources(existing["rows"], existing["admin_names"], target.parent)
    index = _build_index(indexed, existing["admin_names"])
    try:
        write_index(target, index)
    except OSError as exc:
        raise GazetteerMissing(f"The gazetteer in {target.parent} was made by another version of conflictwatch "
                               f"and cannot be indexed again there ({exc.strerror}): run `conflictwatch setup` "
                               "with a writable --data-dir") from exc
    legacy_index_path(Path(data_dir)).unlink(missing_ok=True)
    meta_path = target.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if isinstance(meta, dict):
            _write_atomic(meta_path, json.dumps({**meta, "format": INDEX_FORMAT}, indent=2).encode("utf-8"))
    except (OSError, ValueError):
        pass  # gazetteer.json is for people; the index is what is read
    return len(index["rows"])


def _country_codes(countries: Sequence[str]) -> tuple[str, ...]:
    codes: list[str] = []
    for raw in countries:
        cc = raw.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", cc):
            raise GeocodeError(f"{raw!r} is not an ISO-2 country code: pass codes such as ML BF NE.")
        if cc not in codes:
            codes.append(cc)
    if not codes:
        raise GeocodeError("no country to install: pass ISO-2 codes such as ML BF NE.")
    return tuple(codes)


def _progress(items: Sequence[str], label: str, show: bool) -> Iterator[str]:
    if not show:
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=label)


def _require(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise GeocodeError(f"{path} is missing: a GeoNames folder needs CC.txt (or CC.zip) per country, "
                           "admin1CodesASCII.txt and admin2Codes.txt "
                           "(from https://download.geonames.org/export/dump/).")
    return path


def _sources_path(target: Path) -> Path:
    return target.with_name("sources.pickle")


def _read_existing(target: Path) -> dict[str, Any]:
    """The countries already installed (to add countries to), or none."""
    path = _sources_path(target)
    if not (target.exists() or legacy_index_path(target.parent.parent).exists()) or not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            old = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    if not isinstance(old, dict) or old.get("format") != SOURCES_FORMAT:
        return {}
    return {"rows": old["country_rows"], "admin_names": old["admin_names"]}


def _read_admin_codes(path: Path) -> dict[str, str]:
    """``admin1CodesASCII.txt`` / ``admin2Codes.txt``: code → ASCII name."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                out[parts[0]] = parts[2] or parts[1]
    return out


def _country_lines(source: Path, cc: str) -> Iterator[str]:
    txt, archive = source / f"{cc}.txt", source / f"{cc}.zip"
    if txt.is_file():
        with txt.open(encoding="utf-8") as fh:
            yield from fh
        return
    if not archive.is_file():
        raise GeocodeError(f"no GeoNames dump for {cc} in {source}: expected {cc}.txt or {cc}.zip "
                           f"(download {cc}.zip from https://download.geonames.org/export/dump/).")
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(f"{cc}.txt") as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise GeocodeError(f"{archive} is not a GeoNames zip holding {cc}.txt ({exc}): "
                           "download it again.") from exc


def _keep(fclass: str, fcode: str) -> bool:
    if fclass == "P":
        return fcode not in _DROP_P
    return fcode in _KEEP_CODES.get(fclass, frozenset())


def _read_country(source: Path, cc: str) -> Iterator[tuple[Row, tuple[str, ...]]]:
    """Kept rows of one dump, each with its alternate names (admin names filled in later)."""
    for lineno, line in enumerate(_country_lines(source, cc), 1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 19:
            raise GeocodeError(f"{cc} dump line {lineno} has {len(parts)} columns, not GeoNames's 19: "
                               "the file is damaged or not a GeoNames country dump.")
        if not _keep(parts[6], parts[7]) or parts[8] != cc:
            continue
        try:
            row: Row = (int(parts[0]), parts[1], parts[2] or parts[1], float(parts[4]), float(parts[5]),
                        parts[6], parts[7], cc, parts[10], "", parts[11], "",
                        int(parts[14] or 0))
        except ValueError as exc:
            raise GeocodeError(f"{cc} dump line {lineno} has a malformed number ({exc}).") from exc
        alternates = tuple(a for a in parts[3].split(",") if a) if parts[3] else ()
        yield row, alternates


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _assign_admin(rows: list[tuple[Row, tuple[str, ...]]], cc: str,
                  admin_codes: dict[str, str]) -> list[Any]:
    """Fill admin-1/admin-2 names; give each place without an admin-2 code its nearest cercle.

    GeoNames codes admin-2 for few places, so a place lacking one gets the admin-2 area (of its
    admin-1, or of a region carved from it) whose seat or centre lies nearest. Returns
    ``[(row, alternates), ...]``.
    """
    splits = {r["admin1_code"]: r for r in read_data_csv("geo_admin1_report.csv") if r["country"] == cc}
    parent_of = {code: r["parent_code"] for code, r in splits.items()}
    spelling = {r["code"]: r["name"] for r in read_data_csv("geo_admin_names.csv") if r["country"] == cc}

    def admin_name(code: str) -> str:
        return spelling.get(code) or clean_admin_name(admin_codes.get(code, ""))

    # Reference points of each admin-2 area: its GeoNames centre and its seat.
    refs: dict[str, list[tuple[float, float]]] = {}
    adm2_names = {code: fold(admin_name(code)) for code in admin_codes if code.count(".") == 2}
    for row, _ in rows:
        if row[6] == "ADM2" and row[10]:
            refs.setdefault(f"{cc}.{row[8]}.{row[10]}", []).append((row[3], row[4]))
    for row, alternates in rows:
        if row[6] in ("PPLA", "PPLA2", "PPLC"):
            code = f"{cc}.{row[8]}.{row[10]}" if row[10] else ""
            if code not in adm2_names:
                keys = _name_keys(row, alternates)
                code = next((c for c, n in adm2_names.items()
                             if n in keys and c.split(".")[1] == row[8]), "")
            if code:
                refs.setdefault(code, []).append((row[3], row[4]))
    by_admin1: dict[str, list[tuple[str, float, float]]] = {}
    for code, points in refs.items():
        a1 = code.split(".")[1]
        for lat, lon in points:
            by_admin1.setdefault(a1, []).append((code, lat, lon))
            if a1 in parent_of:
                by_admin1.setdefault(parent_of[a1], []).append((code, lat, lon))

    all_refs = [(code, lat, lon) for code, points in refs.items() for lat, lon in points]
    out: list[Any] = []
    for row, alternates in rows:
        a1, a2 = row[8], row[10]
        a2_code = f"{cc}.{a1}.{a2}" if a2 else ""
        refs_here = by_admin1.get(a1) if f"{cc}.{a1}" in admin_codes else all_refs
        if a2_code not in admin_codes and row[6] not in ("ADM1",) and refs_here:
            a2_code = min(refs_here, key=lambda ref: _km(row[3], row[4], ref[1], ref[2]))[0]
            if f"{cc}.{a1}" not in admin_codes:  # GeoNames's "00": admin-1 unknown
                a1 = a2_code.split(".")[1]
            moved_to = a2_code.split(".")[1]
            if moved_to != a1 and splits.get(moved_to, {}).get("report_as") == admin_name(f"{cc}.{moved_to}"):
                a1 = moved_to
        a2 = a2_code.split(".")[2] if a2_code else ""
        a1_name = splits[a1]["report_as"] if a1 in splits else admin_name(f"{cc}.{a1}")
        full: Row = (row[0], row[1], row[2], row[3], row[4], row[5], row[6], cc, a1, a1_name,
                     a2, admin_name(a2_code) if a2_code and row[6] not in ("ADM1",) else "", row[12])
        out.append((full, alternates))
    return out


def _name_keys(row: Row, alternates: tuple[str, ...]) -> set[str]:
    keys = {fold(row[1]), fold(row[2])}
    for alt in alternates:
        if len(alt) <= 4 and alt.isupper():  # IATA/ICAO codes, not names
            continue
        key = fold(alt)
        if is_latin(key) and not key.isdigit():
            keys.add(key)
    if row[5] == "A":  # "Cercle de Niono" is also found as "Niono"'s area, under its bare name
        keys.add(fold(clean_admin_name(row[2])))
    return {k for k in keys if k}


def _build_index(per_country: dict[str, list[Any]], admin_names: dict[str, dict[str, str]]) -> dict[str, Any]:
    aliases: dict[int, list[str]] = {}
    for entry in read_data_csv("geo_aliases.csv"):
        aliases.setdefault(int(entry["geonameid"]), []).append(entry["alias"])
    rows: list[Row] = []
    names: dict[str, list[int]] = {}
    for cc in sorted(per_country):
        for row, alternates in per_country[cc]:
            idx = len(rows)
            rows.append(row)
            for key in _name_keys(row, (*alternates, *aliases.get(row[0], ()))):
                names.setdefault(key, []).append(idx)
    compacts: dict[str, list[str]] = {}
    country_keys: dict[str, list[str]] = {}
    for key, ids in names.items():
        if " " in key:
            compacts.setdefault(compact(key), []).append(key)
        for cc in {rows[i][7] for i in ids}:
            country_keys.setdefault(cc, []).append(key)
    return {
        "format": INDEX_FORMAT,
        "rows": rows,
        "names": {k: tuple(v) for k, v in names.items()},
        "compact": {k: tuple(v) for k, v in compacts.items()},
        "country_keys": {cc: tuple(keys) for cc, keys in country_keys.items()},
        "admin_names": admin_names,
        "countries": tuple(sorted(per_country)),
    }


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _download_all(base_url: str, names: Sequence[str], dest: Path, *, progress: bool) -> None:
    base = base_url if base_url.endswith("/") else base_url + "/"
    import httpx

    with httpx.Client(timeout=httpx.Timeout(_TIMEOUT_S, connect=_CONNECT_TIMEOUT_S), headers={"User-Agent": USER_AGENT},
                      follow_redirects=True) as client:
        for name in _progress(names, "Downloading GeoNames", progress):
            _download(client, base + name, dest / name)


def _download(client: httpx.Client, url: str, path: Path) -> None:
    import httpx

    hint = ("check the network, or install offline with `conflictwatch setup --from DIR` "
            "(DIR holding CC.txt or CC.zip, admin1CodesASCII.txt and admin2Codes.txt)")
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise GeocodeError(f"cannot download {url}: HTTP {response.status_code}; {hint}.")
            with path.open("wb") as fh:
                for chunk in response.iter_bytes(1 << 16):
                    fh.write(chunk)
    except httpx.HTTPError as exc:
        raise GeocodeError(f"cannot download {url}: {exc.__class__.__name__} {exc}; {hint}.") from exc
