"""Place mentions in a report, and where an event happened.

Mentions are found by cue phrases ("in X", "near X", "the village of X", "à X", "près de X",
"X km from Y", "entre X et Y"), by region/cercle phrases ("the Mopti region", "région de Ségou",
"(Sikasso region)", "the A, B and C regions") and by capitalised spans that the gazetteer knows
exactly. Names joined by commas and "and"/"et" under one cue form a *group* (one event per place).

Resolution asks the gazetteer with the report's context (its countries, named admin areas and
the places named nearby), so that the right Niono is chosen and a misspelling beside known places
is recognised. An area named right after a place scopes it ("Diora, in the Tenenkou area"); a
name several places share is read again with the places around it, and, when nothing else places
it, with the home regions of the report's actors (data/extract_actor_regions.csv; they never move
a capital or cercle seat); a namesake abroad needs support from the report. A place the gazetteer
lacks falls back on the admin area the report names for it, or is kept by name without coordinates
(see :mod:`.events`). A bare parenthetical after a place names its cercle and region
("Lanfiera (Bankass, Mopti)"), or else another spelling of it ("Gama (Gawa)"). When neither an
admin area nor the actors' home regions place a shared name, the namesakes in the home country's
conflict zone (data/geo_conflict_regions.csv) are preferred. Names joined by "ould"/"ag" are people.
The countries a report names and the peoples' names written after a village's ("Sare Peulh") are
data (data/extract_place_words.csv, :class:`PlaceWords`). "The cercle of X" or "the X region"
where X is a town but no such area is read as near the town X. Tamasheq names keep their "In"
("near In Khalil"; only a sentence's first "In" is the preposition), and "NTillit" is read as
I-n-Tillit.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from conflictwatch.errors import ConfigError
from conflictwatch.geo import AdminArea, Gazetteer, GeoContext, distance_km, fold, same_first_sound
from conflictwatch.records import Place
from conflictwatch.text import fold_aligned, fold_key

__all__ = ["PLACE_WORD_KINDS", "EventPlace", "PlaceCues", "PlaceMention", "PlaceWords", "across_border",
           "actor_regions", "conflict_regions",
           "drop_short_names_of_people",
           "find_place_mentions",
           "introduces_place",
           "named_countries", "people_after", "place_countries", "place_cues", "place_inside",
           "resolve_mentions"]

# A capitalised name: words starting upper-case, joined by spaces, hyphens or name particles.
_UP = r"[A-ZÀ-ÖØ-Þ]"
_WORD = rf"{_UP}[\w'’.-]*[\w]|{_UP}"
_PARTICLE = r"(?:du|de|des|el|al|ag|ould|la|le|di|ben|n'|d'|en|wan|i|sur|of)"
_NAME = rf"(?:{_WORD})(?:[ -](?:{_PARTICLE}[ -])?(?:{_WORD}))*"
_NAME_RE = re.compile(rf"(?<![\w-])(?<![^dlDLnN\W]['’])(?:{_NAME})")
_VAGUE_AREA_WORDS = frozenset({"area", "zone"})
_AREA_WORDS = frozenset({"region", "région", "regions", "régions", "province", "cercle", "cercles", "circle",
                         "district", "department", "département", "commune", "prefecture", "préfecture"})

# separators inside a list of places: ", ", " and ", ", and ", " et ", with an optional
# parenthetical after the previous name ("Mahou (Sikasso region), Tessit (Gao region), and ...")
#: a comma right after a name, closing its clause before a reporting verb
_CLAUSE_END = re.compile(r"\s*,\s*(?:a|ont|said|says|told|reported|announced|confirmed|stated|declared|added)\b")
_SEP = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:,\s*(?:and\s+|et\s+|or\s+|ou\s+)?|\s+(?:and|et|or|ou)\s+)"
                  r"(?:the\s+|la\s+|le\s+|les\s+|l'|(?:town|village|city|locality|localité|commune)s?\s+of\s+)?"
                  r"(?:neighbou?ring\s+|nearby\s+|voisins?\s+(?:de\s+)?|voisines?\s+(?:de\s+)?)?$",
                  re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The cue phrases of one language (data/extract_place_cues.csv)."""

    before: dict[str, re.Pattern[str]]  # role -> regex that must end right before the name
    area_suffix: re.Pattern[str]  # "region", "cercle"... right after a name
    area_prefix: re.Pattern[str]  # "region of", "cercle de"... right before a name
    report_after: re.Pattern[str]  # reporting verb right after a name ("in Bamako said")
    not_places: frozenset[str]  # capitalised words that never start or end a place name (months, days...)
    not_alone: frozenset[str]  # words that are no place on their own but may begin one ("Bambara Maoude")
    back_reference: re.Pattern[str]  # "in the village", "y": a settlement named before (folded text)


@lru_cache(maxsize=4)
def _cues(lang: str) -> PlaceCues:
    text = resources.files("conflictwatch.data").joinpath("extract_place_cues.csv").read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "lang,")):
            continue
        parts = line.split(",", 2)
        if len(parts) != 3:
            raise ConfigError(f"data/extract_place_cues.csv: malformed row {line!r}")
        if parts[0] == lang:
            rows.setdefault(parts[1], []).append(parts[2].replace("'", "['’]"))
    def alt(kind: str) -> str:
        return "|".join(rows.get(kind, [])) or r"(?!x)x"
    before = {role: re.compile(rf"(?:^|(?<=[\s(,;:'’]))(?:{alt(role)})\s*$", re.IGNORECASE)
              for role in ("in", "near", "between", "distance", "from", "of")}
    return PlaceCues(
        before=before,
        area_suffix=re.compile(rf"^\s*(?:{alt('area_suffix')})\b", re.IGNORECASE),
        area_prefix=re.compile(rf"(?:^|(?<=[\s(,;:'’]))(?:{alt('area_prefix')})\s*$", re.IGNORECASE),
        report_after=re.compile(rf"^\W{{0,3}}(?:{alt('report_after')})\b", re.IGNORECASE),
        not_places=frozenset(w.lower() for r in rows.get("not_place", []) for w in r.split("|")),
        not_alone=frozenset(w.lower() for r in rows.get("not_alone", []) for w in r.split("|")),
        back_reference=re.compile(alt("back_reference")),
    )


def place_cues(lang: str) -> PlaceCues:
    """The place cue phrases of ``lang`` (data/extract_place_cues.csv, read once)."""
    return _cues(lang)


@dataclass(slots=True)
class PlaceMention:
    """A name in the text that may be a place or an admin area.

    ``role``: "in" (the event happened there), "near" (near it: precision 2), "between" (one end
    of a road), "distance" ("40 km from X"), "from" (an origin), "bare" (no cue), "report" (where
    news came from), "area" (a region/cercle name). ``group`` numbers the lists of names joined by
    commas and "and".
    """

    start: int
    end: int
    name: str
    role: str
    group: int
    area_level: int = 0  # 1 region, 2 cercle when the phrase names an area
    place: Place | None = None
    area: AdminArea | None = None
    hint_area: AdminArea | None = None  # the area named right after it ("Mahou (Sikasso region)")
    cue: str = ""  # the cue phrase before it, lower-case ("in", "the village of", "attacked")
    vague: bool = False  # "the X area", "the commune of X": the cercle X, else (near) the town X
    scoped: bool = False  # the next mention is the area it lies in ("Diora, in the Tenenkou area")
    paren: bool = False  # an area read from a bare parenthetical after a place ("Lanfiera (Bankass, Mopti)")
    commune: bool = False  # "the commune of X": the commune, coded to the town X
    people: str = ""  # "the Fulani village of X": the people (data/extract_place_words.csv) whose X it is


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where one event happened: the coded place, its precision and the supporting mention."""

    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    country: str
    country_code: str
    admin1: str
    admin2: str
    mention: PlaceMention
    geonameid: int = 0
    notes: tuple[str, ...] = field(default=())


_PLACE_NOUN = re.compile(r"(?:the |la |le |l'|l’)?(?:town|village|city|locality|commune|ville|localité|localite|"
                         r"village|quartier|hameau)\s+(?:of|de|d'|d’|du)\s*$", re.IGNORECASE)
_ROAD = re.compile(r"^(?P<first>[^-]+)-(?=[A-ZÀ-Þ])")
_OF_AFTER = re.compile(r"\s+(?:de|du|des|d['’]|of)\b", re.IGNORECASE)
_OPERATION_BEFORE = re.compile(r"\b(?:operations?|op[ée]rations?|codenamed|code-named|dubbed|baptis[ée]e?)\s*['\"‘“«]?\s*$",
                               re.IGNORECASE)
_MID_SENTENCE = re.compile(r"[a-z,]\s+$")
#: a Tamasheq name written with a bare "N" for "In" ("NTillit", "N'Tillit"): the gazetteer writes "I-n-Tillit"
_TAMASHEQ_N = re.compile(r"^N['’]?(?=[A-Z]|[bcdfghjklmpqrstvwxz])")
#: a parenthetical of one or two capitalised names after a place: "(Bankass, Mopti)", "(Segou)"
_PAREN_AREAS = re.compile(rf"\s*\(\s*(?P<first>{_NAME})(?:\s*,\s*(?:{_NAME}))?\s*\)")
_PAREN_SECOND = re.compile(r"\s*,\s*")
#: the Arabic and Tamasheq "son of" inside or right after a name makes it a person's name
_PATRONYMIC = re.compile(r"\s(?:ould|ag|ben|bin|walet|welet)\s+\w", re.IGNORECASE)
_WELL_NAME = re.compile(r"(?:hassi|hass[eé][iï]|bir|biar|a[iï]n|aou[iî]net|awinet|oglat|[’']?oglât|glat|tin|in|i-n)\b",
                        re.IGNORECASE)
_PAIR_AFTER = re.compile(r"\s*(?:and|et|&)\s", re.IGNORECASE)
_ROAD_AFTER = re.compile(r"^\s*(?:road|axis|route|highway|stretch|corridor)\b", re.IGNORECASE)
#: the number of one part of a village split in several ("X 2"): one digit right after the name
_NUMBERED = re.compile(r" [1-9](?![\w.,:/-]*\d)(?!\w)")
#: the French article a province or cercle takes and a town does not ("au Soum", not "à Djibo")
_AREA_ARTICLE = frozenset({"au"})
_SHORT_NAME_CUE = re.compile(r"(?:village|hamlet|town|locality|localité|localite|hameau)\s+(?:of\s+|de\s+|d'|du\s+)?$",
                             re.IGNORECASE)


def _role_before(prefix: str, cues: PlaceCues) -> tuple[str, str]:
    """The role the words before a name give it, and the cue phrase itself (lower-case)."""
    noun = _PLACE_NOUN.search(prefix)
    if noun:  # "near the town of X" is near X, "in the village of X" in X
        bare = prefix[:noun.start()]
        for role in ("near", "distance", "between"):
            if cues.before[role].search(bare):
                return role, noun.group(0).strip().lower()
        return "in", noun.group(0).strip().lower()
    # the most specific (longest) cue phrase decides: "en route vers X" is a destination, "vers X" near X
    best: tuple[int, str, str] | None = None
    for role in ("near", "distance", "between", "from", "in", "of"):
        m = cues.before[role].search(prefix)
        if m and (best is None or len(m.group(0).strip()) > best[0]):
            best = (len(m.group(0).strip()), role, m.group(0).strip().lower())
    return (best[1], best[2]) if best else ("bare", "")


#: cue phrases that do not show that an unknown name is a place: verbs ("attacked X" may name a
#: group), "on the", the bare "of" and the French "de", "en", "sur", "contre" (they also introduce people,
#: groups and dates)
_WEAK_CUE = re.compile(r"(?:attacked|attack on|raided|stormed|targeted|struck|hit|entered|seized|captured|overran|"
                       r"retook|took|occupied|on the|of|de|d'|d’|du|en|sur|contre|visant|ciblant|attaqu[eé]|"
                       r"attaque(?: de| du| contre)?|assaut (?:de|contre)|a|around)")


def introduces_place(mention: PlaceMention) -> bool:
    """Whether the cue before ``mention`` shows it names a place even when the gazetteer lacks it
    ("in", "near", "the village of", "à", "près de"; not "attacked" nor the French "de")."""
    return bool(mention.cue) and mention.role in _CUED and _WEAK_CUE.fullmatch(mention.cue) is None


def find_place_mentions(text: str, start: int, end: int, *, lang: str) -> list[PlaceMention]:
    """Place-name candidates in ``text[start:end]`` with their roles and list groups (no gazetteer)."""
    cues = _cues(lang)
    out: list[PlaceMention] = []
    group = -1
    prev_end = -1
    prev_role = ""
    prev_cue = ""
    prev_place_end = -1
    for m in _NAME_RE.finditer(text, start, end):
        name = m.group(0).rstrip(".'’-")
        s = m.start()
        words = name.split(" ")
        lead_area = 0
        area_word = ""
        # drop words that never belong to a place name ("On", "Bilan"), and area words ("Mopti Region")
        while words and (words[0].lower().strip(",.") in cues.not_places or words[0].lower() in _AREA_WORDS):
            if words[0] == "In" and len(words) > 1 and _MID_SENTENCE.search(text, max(start, s - 3), s):
                break  # "near In Khalil": a capital "In" inside a sentence begins a Tamasheq name
            if words[0].lower() in _AREA_WORDS:
                lead_area = 1 if words[0].lower().startswith(("reg", "rég", "prov")) else 2
                area_word = words[0].lower()
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) > 2 and words[0].lower() in cues.not_alone and words[1].lower() in ("of", "de", "du", "d'"):
            s += len(words[0]) + 1  # "FAMa de X", "the army of X": a force or people, then the place
            words = words[1:]
        if len(words) > 1 and s > m.start() and words[0].lower() in ("of", "de", "du", "des", "d'"):
            s += len(words[0]) + 1  # "the Cercle of Djenne", "Prise de Boni": the name after the particle
            words = words[1:]
        tail_area = 0
        while words and (words[-1].lower() in cues.not_places or words[-1].lower() in _AREA_WORDS):
            if words[-1].lower() in _AREA_WORDS:
                tail_area = 1 if words[-1].lower().startswith(("reg", "rég", "prov")) else 2
                area_word = words[-1].lower()
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        e = s + len(name)
        if name.lower() in cues.not_places or name.lower() in cues.not_alone:
            continue
        numbered = _NUMBERED.match(text, e, end)
        if numbered is not None:  # "Gangafani 2": one of the numbered parts of a village (kept if known)
            name, e = name + numbered.group(0), numbered.end()
        if len(name) < 3 and not _SHORT_NAME_CUE.search(text, max(start, s - 30), s) and not (
                out and prev_end >= 0 and prev_role not in ("area", "report", "bare") and name[1:].islower()
                and _SEP.search(text[prev_end:s]) is not None):
            continue  # "the village of Pe" and "the villages of Sabere, Am and Yoro" name places, a bare "Pe" does not
        if name.isupper() and len(name) <= 6:  # acronyms name groups and missions, not places
            continue
        if (_PATRONYMIC.search(name) or _PATRONYMIC.match(text, s + len(name), end)) and not _WELL_NAME.match(name):
            continue  # "Baba ould Cheikh", "Ahmed Ag Mohamed": a person ("Hassi Ould Ali" is a well)
        line_start = max(start, text.rfind("\n", start, s) + 1)
        prefix = text[max(line_start, s - 40):s]
        if _OPERATION_BEFORE.search(prefix):
            continue  # "operation 'Panga'", "Opération Barkhane": names of operations
        suffix = text[e:min(end, e + 40)]
        area_level = tail_area or lead_area
        m_suffix = cues.area_suffix.match(suffix)
        if m_suffix and _OF_AFTER.match(suffix, m_suffix.end()):
            m_suffix = None  # "Gossi, région de Tombouctou": the word names the next area
        vague = False
        if m_suffix and not area_level:
            word = m_suffix.group(0).strip().lower()
            area_level = 1 if word.startswith(("region", "région", "province", "state")) else 2
            vague = word in _VAGUE_AREA_WORDS
            area_word = word
        paren = False
        if not area_level and out and out[-1].role != "area" and not out[-1].paren:
            # "Lanfiera (Bankass, Mopti)", "Tene (Segou)": a parenthetical of one or two bare names
            # right after a place gives its cercle and region; if the first names no area it is
            # another spelling of the place ("Gama (Gawa)") and stays a name
            inner = _PAREN_AREAS.match(text, out[-1].end, min(end, out[-1].end + 80))
            if inner is not None and inner.start("first") == s:
                area_level, paren = 2, True
        elif not area_level and out and out[-1].paren and out[-1].area_level == 2 and \
                _PAREN_SECOND.fullmatch(text[out[-1].end:s]) is not None:
            area_level, paren = 1, True
        m_prefix = cues.area_prefix.search(prefix)
        if m_prefix and not area_level:
            word = m_prefix.group(0).strip().lower()
            area_level = 1 if word.startswith(("region", "région", "province", "the region", "la région")) else 2
            area_word = word
        joined = prev_end >= 0 and _SEP.search(text[prev_end:s]) is not None and "\n" not in text[prev_end:s]
        if not area_level and prev_role == "area":
            joined = False
        if not area_level and prev_place_end >= 0 and prev_role == "area":
            # "Mahou (Sikasso region), Tessit": join across the parenthetical area
            gap = text[prev_place_end:s]
            joined = "\n" not in gap and _SEP.search(gap) is not None
            if joined:
                prev_role = next(x.role for x in reversed(out) if x.role != "area")
                prev_cue = next(x.cue for x in reversed(out) if x.role != "area")
                group = next(x.group for x in reversed(out) if x.role != "area")
        cue = ""
        if area_level:
            role = "area"
        elif cues.report_after.match(suffix) and not _CLAUSE_END.match(suffix):
            # "a source in Gao said", "Bamako (AFP)": where the news came from; not "... near
            # Dori, a resident said", where a comma closes the clause the place belongs to
            role = "report"
        elif joined and prev_role not in ("area", "report", "distance", "from"):
            role, cue = prev_role, prev_cue
        else:
            role, cue = _role_before(prefix, cues)
        road = _ROAD.match(name)
        if road and role in ("bare", "in") and _ROAD_AFTER.match(suffix):
            role, cue = "between", "road"  # "along the Gao-Gossi road"
        other_end: tuple[int, str] | None = None
        if role == "between" and road and not joined and not _PAIR_AFTER.match(suffix):
            # "the Gao-Ansongo road": one end of it, the other end after it ("between Toguéré-Koumbé
            # and Dogo" names one place at each end)
            other_end = (s + road.end(), name[road.end():])
            name = road.group("first")
            e = s + len(name)
        if not (joined and role == prev_role):
            group += 1
        # "the Mopti, Gao and Kidal regions": earlier list members are areas too (a plural
        # area word; "Boni, Mopti region" names a town and its region)
        if area_level and joined and area_word.endswith("s") and out and out[-1].group == group - 1 and \
                out[-1].role in ("in", "bare", "of"):
            for earlier in reversed(out):
                if earlier.group != group - 1:
                    break
                earlier.role, earlier.area_level = "area", area_level
            out[-1].group = group
        if area_level and out and out[-1].role != "area" and s - out[-1].end <= 30 and \
                _SCOPE_GAP.match(text[out[-1].end:s]):
            out[-1].scoped = True
        commune = any(w in area_word.split() for w in ("commune", "communes"))
        vague = vague or commune
        if paren and out and area_level == 2:
            out[-1].scoped = True
        out.append(PlaceMention(s, e, name, role, group, area_level, cue=cue, vague=vague, paren=paren,
                                commune=commune, people=village_people(prefix)))
        if other_end is not None and len(other_end[1]) >= 3:
            out.append(PlaceMention(other_end[0], other_end[0] + len(other_end[1]), other_end[1], role, group, cue=cue))
            e = other_end[0] + len(other_end[1])
        prev_end, prev_role, prev_cue = e, role, cue
        if role != "area":
            prev_place_end = e
    return out


#: roles of a bare or weakly cued name that the report may mean as the region it names elsewhere
_AREA_READABLE = frozenset({"bare", "in", "of"})
#: cues that make a name a settlement, never the region of that name ("the town of X")
_SETTLEMENT_CUE = re.compile(r"\b(?:town|city|village|hamlet|locality|ville|village|localit[eé]|commune|hameau)\b")


def regions_named_alike(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """A name the report calls an area ("in the Koulikoro region", "the Kita area") is that area
    where the report later names it alone or after a weak cue ("the attack on Koulikoro"); a name the report
    calls a town or village ("the town of X") stays a settlement. Mutates and returns ``mentions``."""
    regions: dict[str, PlaceMention] = {}
    for m in mentions:
        if m.role == "area" and m.area_level and not m.paren and not m.commune and \
                _area(gazetteer, m.name, m.area_level):
            regions.setdefault(fold_key(m.name), m)  # an admin area ("the commune of X" is the town X)
    if not regions:
        return mentions
    for m in mentions:
        first = regions.get(fold_key(m.name)) if m.role in _AREA_READABLE else None
        if first is not None and first.start < m.start and not _SETTLEMENT_CUE.search(m.cue):
            m.role, m.area_level, m.vague = "area", first.area_level, first.vague
    return mentions


#: The kinds of row of data/extract_place_words.csv.
PLACE_WORD_KINDS = ("country", "people")


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The words of data/extract_place_words.csv, as patterns over the folded text."""

    forms: dict[tuple[str, str], tuple[str, ...]]  # (kind, key) -> its forms, folded
    countries: dict[str, re.Pattern[str]]  # ISO-2 -> its names and adjectives, whole words
    people_after: re.Pattern[str]  # a people's name ending a village's name ("Sare Peulh")

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> PlaceWords:
        """The words shipped in ``conflictwatch/data/extract_place_words.csv`` (read once)."""
        text = resources.files("conflictwatch.data").joinpath("extract_place_words.csv").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        forms: dict[tuple[str, str], tuple[str, ...]] = {}
        for i, row in enumerate(csv.DictReader(lines), start=2):
            kind, key, written = row.get("kind") or "", row.get("key") or "", row.get("forms") or ""
            folded = tuple(dict.fromkeys(f for f in (fold_aligned(w.strip()) for w in written.split("|")) if f))
            if kind not in PLACE_WORD_KINDS or not key or not folded or (kind, key) in forms:
                raise ConfigError(f"data/extract_place_words.csv: row {i} is malformed or repeated: expected "
                                  f"kind,key,forms with kind one of {', '.join(PLACE_WORD_KINDS)}, got {row}")
            forms[(kind, key)] = folded
        peoples = _alternatives(f for (kind, _), fs in forms.items() if kind == "people" for f in fs)
        return cls(
            forms=forms,
            countries={key: re.compile(rf"(?<![\w-])(?:{_alternatives(f)})(?![\w-])")
                       for (kind, key), f in forms.items() if kind == "country"},
            people_after=re.compile(rf"[ -](?:{peoples})$"),
        )


def _alternatives(forms: Iterable[str]) -> str:
    """A regex alternation of literal forms, the longest first."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f))) or r"(?!x)x"


def people_after(name: str) -> int:
    """Where a people's name written after a village's begins in ``name`` ("Sare Peulh" → 4), or -1."""
    m = PlaceWords.load().people_after.search(fold_aligned(name))
    return m.start() if m else -1


#: "le village peul de X", "the Fulani village of X": the people's word beside the village noun
_PEOPLE_VILLAGE = re.compile(r"(?:village|hameau|campement)s? (?P<fr>[\w-]+) (?:de |d['’])$|"
                             r"(?P<en>[\w-]+) (?:village|hamlet|camp)s? of $", re.IGNORECASE)


def village_people(prefix: str) -> str:
    """The people key (data/extract_place_words.csv) of "the Fulani village of " / "le village
    peul de " ending ``prefix``, "" when none."""
    m = _PEOPLE_VILLAGE.search(prefix)
    if m is None:
        return ""
    word = fold_aligned(m.group("fr") or m.group("en"))
    return next((key for (kind, key), forms in PlaceWords.load().forms.items() if kind == "people" and word in forms), "")


def _people_part(gazetteer: Gazetteer, name: str, people: str, ctx: GeoContext) -> Place | None:
    """The part of a village split between peoples that the report names ("the Fulani village of X"
    is X-Peulh when the gazetteer has it), exact only."""
    for form in PlaceWords.load().forms.get(("people", people), ()):
        for sep in ("-", " "):
            if not gazetteer.lookup(f"{name}{sep}{form}", fuzzy=False, limit=1):
                continue  # no such name: resolving it would only try misspellings, which do not count
            place = gazetteer.resolve(f"{name}{sep}{form}", context=ctx)
            if place is not None and place.score >= 1.0:
                return place
    return None


def named_countries(folded: str) -> list[str]:
    """ISO-2 codes of the countries a (folded) text names, by first mention."""
    named = sorted(((m.start(), cc) for cc, rx in PlaceWords.load().countries.items() if (m := rx.search(folded))),
                   key=lambda t: t[0])
    return [cc for _, cc in named]


#: a border named with a country ("the border with Mali"), or with another one before it in a list
#: ("the borders with Burkina Faso and Mali", "frontalière du Burkina et du Mali")
_FOREIGN_BEFORE = re.compile(r"(?:borders? with|frontieres? avec|frontaliere? (?:du|de la|de l'|des))\s+"
                             r"(?:the |le |la |l')?(?:[\w'-]+(?: [\w'-]+)? ?(?:,|and|et) (?:the |le |la |l'|du |de la |de l')?)?$")
_FOREIGN_AFTER = re.compile(r"^(?:'s)?\s*(?:border|borders|frontier|frontiere|air force|armed forces|forces|army|troops|"
                            r"soldiers|contingent|peacekeepers|military|gendarmes?|police|battalion|government|"
                            r"authorities|president|nationals?|citizens?|refugees|armee|soldats|militaires|"
                            r"gouvernement|autorites)\b")


_BORDER_AFTER = re.compile(r"^(?:'s)?\s*(?:border|borders|frontier|frontiere)\b")


def across_border(folded: str) -> set[str]:
    """The countries a text names only across a border ("near the border with Niger")."""
    out: set[str] = set()
    for cc, rx in PlaceWords.load().countries.items():
        hits = list(rx.finditer(folded))
        if hits and all(_FOREIGN_BEFORE.search(folded, max(0, m.start() - 60), m.start()) or
                        _BORDER_AFTER.match(folded[m.end():m.end() + 30].lstrip()) for m in hits):
            out.add(cc)
    return out


def about_other_country(folded: str, named: list[str], focus: str) -> bool:
    """Whether a report is plainly about a country other than ``focus``: the first country it names
    as where things happen is named at least twice ("Niger declared three days of mourning ...
    Niger's government said"), and ``focus`` is not among them. A Malian village is then not what it means
    by a name it never ties to Mali. ``named``: the countries it names as where things happen (see
    :func:`place_countries`; a country named only across a border is not one)."""
    rx = PlaceWords.load().countries
    if not named or focus in named or named[0] not in rx:
        return False
    return len(rx[named[0]].findall(folded)) >= 2


def place_countries(folded: str) -> list[str]:
    """The countries a text names as where things happen, by first mention: not those named for
    their forces or people ("the Senegalese contingent", "Burkinabe soldiers") nor across a border
    ("near the border with Niger")."""
    found: list[tuple[int, str]] = []
    for cc, rx in PlaceWords.load().countries.items():
        for m in rx.finditer(folded):
            if _FOREIGN_BEFORE.search(folded, max(0, m.start() - 60), m.start()) or \
                    _FOREIGN_AFTER.match(folded[m.end():m.end() + 30].lstrip()):
                continue
            found.append((m.start(), cc))
            break
    return [cc for _, cc in sorted(found)]


@lru_cache(maxsize=1)
def actor_regions() -> dict[str, tuple[str, tuple[str, ...]]]:
    """actor id -> (country, admin-1 names) from data/extract_actor_regions.csv."""
    text = resources.files("conflictwatch.data").joinpath("extract_actor_regions.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for row in csv.DictReader(rows):
        try:
            out[row["actor"]] = (row["country"], tuple(r for r in row["regions"].split("|") if r))
        except KeyError as exc:
            raise ConfigError(f"data/extract_actor_regions.csv: column {exc} missing; expected actor,country,regions") from exc
    return out


@lru_cache(maxsize=1)
def conflict_regions() -> dict[str, tuple[str, ...]]:
    """ISO-2 country -> the admin-1 regions its conflict concentrates in (data/geo_conflict_regions.csv)."""
    rows = (line for line in resources.files("conflictwatch.data").joinpath("geo_conflict_regions.csv")
            .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
    out: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(rows):
        try:
            out[row["country"]] = tuple(r for r in row["regions"].split("|") if r)
        except KeyError as exc:
            raise ConfigError(f"data/geo_conflict_regions.csv: column {exc} missing; expected country,regions") from exc
    return out


def resolve_mentions(mentions: list[PlaceMention], gazetteer: Gazetteer, context: GeoContext, *,
                     actor_areas: tuple[AdminArea, ...] = (), named: tuple[str, ...] = (),
                     prior_areas: tuple[AdminArea, ...] = ()) -> GeoContext:
    """Resolve areas first, then places, each with the context the others give; returns the context.

    A bare capitalised name (no cue) must match the gazetteer exactly; a cued one may be misspelt.
    "The X area" names the cercle X, else (no such cercle) a place near the town X. An area named
    right after a place ("Diora, in the Tenenkou area", "Mahou (Sikasso region)") scopes it: a
    place of that name inside the area wins, and one outside it is not taken. ``actor_areas`` (the
    home regions of the report's actors) choose among namesakes when nothing else places a name;
    ``prior_areas`` (where the country's conflict concentrates) when not even they do.
    A place abroad (not in the first of ``context.countries`` nor in a country the report names,
    ``named``) needs a place of the report near it; else its namesake at home is taken.
    """
    ctx = context
    home = ctx.countries[0] if ctx.countries else ""
    home_prior = tuple(a for a in prior_areas if a.country_code == home)
    for mn in mentions:
        province = _province(gazetteer, mn.name) if mn.role == "in" and mn.cue in _AREA_ARTICLE else None
        if province is not None and (province.country_code == home or province.country_code in named):
            mn.role, mn.area_level = "area", 2  # "au Soum" is the province, not its namesake village
    for i, mn in enumerate(mentions):
        if mn.role == "area":
            levels: tuple[int, ...] = (mn.area_level,)
            if mn.paren:
                # "(Bankass, Mopti)" is cercle then region; a lone "(Segou)" is the region when there
                # is one of that name (the wider reading), else the cercle
                alone = not (i + 1 < len(mentions) and mentions[i + 1].paren)
                levels = (1, 2) if alone and mn.area_level == 2 else (mn.area_level, 3 - mn.area_level)
            for level in levels:
                mn.area = _area(gazetteer, mn.name, level)
                if mn.area is not None:
                    break
            if mn.area is not None:
                ctx = ctx.with_area(mn.area)
            elif mn.paren:
                # no such area: the parenthetical is another name of the place before it ("Gama (Gawa)")
                mn.role, mn.area_level, mn.paren = "bare", 0, False
                if i > 0:
                    mentions[i - 1].scoped = False
            elif mn.vague or _exact(gazetteer, mn.name):
                # "the X area", "the cercle of X" or "the X region" with no such area: near the town X
                mn.role, mn.area_level, mn.cue = "near", 0, "near"
                mn.group = -1 - mn.start  # a list of its own
    for i, mn in enumerate(mentions):
        if mn.role == "area":
            continue
        if mn.name[-2:-1] == " " and mn.name[-1:].isdigit() and not _exact(gazetteer, mn.name):
            mn.name, mn.end = mn.name[:-2], mn.end - 2  # no such numbered part: the number is the text's
        if mn.role in ("bare", "report") and not _exact(gazetteer, mn.name):
            if mn.role == "bare":
                mn.place = _town_in_name(gazetteer, mn.name, ctx)
            continue
        scope = _scope(mentions, i)
        # the context: the report's countries and areas, and the places named shortly before it
        # (an admin area named there counts by its seat: "the commune of X, in the province of Y"
        # is the X nearer Y's seat when two of that name lie in Y)
        near = tuple(p for o in mentions[max(0, i - 12):i] if mn.start - o.start <= CONTEXT_CHARS
                     for p in (_context_place(o),) if p is not None)
        ctx = replace(ctx, places=near)
        mn.place = gazetteer.resolve(mn.name, context=ctx)
        part = _people_part(gazetteer, mn.name, mn.people, ctx) if mn.people else None
        if part is not None and (mn.place is None or distance_km(
                part.latitude, part.longitude, mn.place.latitude, mn.place.longitude) <= PEOPLE_PART_KM):
            mn.place = part  # the parts of a split village lie together: not a namesake far away
        if mn.place is None and mn.role in _CUED:
            mn.place = _close_spelling(gazetteer, mn.name, ctx, actor_areas or home_prior) or \
                _tamasheq_in(gazetteer, mn.name, ctx)
        people = people_after(mn.name) if mn.place is None else -1
        if people >= 3:
            mn.name, mn.end = mn.name[:people], mn.start + people
            mn.place = gazetteer.resolve(mn.name, context=ctx)
        if mn.place is None and mn.role not in ("report", "from"):
            mn.place = _town_in_name(gazetteer, mn.name, ctx)
        if scope is not None:
            mn.hint_area = scope
            # "the Bandiagara region": since 2023 a region made of several old cercles, of which the
            # gazetteer knows only the cercle; a place of that name in the cercle's old region stands
            newer_region = mentions[i + 1].area_level == 1 and scope.level == 2
            if newer_region and mn.place is not None and mn.place.score >= 1.0 and \
                    (mn.place.country_code, mn.place.admin1) == (scope.country_code, scope.admin1):
                pass
            elif mn.place is None or not scope.contains(mn.place):
                # a place of that name inside the area; else the exact name stands (boundaries move:
                # "Ménaka (région de Gao)"), a misspelling outside the area does not
                exact = mn.place if mn.place is not None and mn.place.score >= 1.0 else None
                mn.place = _inside(gazetteer, mn.name, scope) or exact
    # a name several places share is read again with the places named around it, after it too
    # (the first pass only knew the places named before it)
    # and a misspelling read far from every place named around it is dropped unless that context
    # supports a reading of its own
    starts = [m.start for m in mentions]
    in_order = all(a <= b for a, b in pairwise(starts))  # then the mentions near one are a slice
    for mn in mentions:
        if mn.place is None or mn.scoped or (mn.people and mn.place.score >= 1.0 and not _spelled(mn.place, mn.name)):
            continue  # an area scopes it, or the report named the people's part of the village
        around = (mentions[bisect_left(starts, mn.start - CONTEXT_CHARS):bisect_right(starts, mn.start + CONTEXT_CHARS)]
                  if in_order else mentions)
        others = tuple(p for o in around if abs(o.start - mn.start) <= CONTEXT_CHARS
                       for p in (_context_place(o),) if p is not None and p.geonameid != mn.place.geonameid)
        if mn.place.country_code != home and mn.place.country_code not in named and not any(
                distance_km(mn.place.latitude, mn.place.longitude, o.latitude, o.longitude) <= FAR_KM for o in others):
            # a namesake abroad that nothing in the report supports: the one at home
            at_home = [p for p in gazetteer.lookup(mn.name, country=home, fuzzy=False, limit=5) if p.feature_class == "P"]
            if at_home:
                mn.place = gazetteer.resolve(mn.name, context=replace(ctx, countries=(home,), places=others)) or at_home[0]
                continue
        if mn.place.score < 1.0:
            if others and min(distance_km(mn.place.latitude, mn.place.longitude, o.latitude, o.longitude)
                              for o in others) > FAR_KM:
                mn.place = gazetteer.resolve(mn.name, context=replace(ctx, places=others))
            continue
        if not _shared(gazetteer, mn.name):
            continue
        areas = ctx.admin_areas if ctx.admin_areas or others else actor_areas
        # no admin area named and no home region known: where the home country's conflict
        # concentrates (the places named around it still weigh)
        prior = not areas and bool(home_prior)
        if prior:
            areas = home_prior
        if (prior or (areas and not ctx.admin_areas)) and _town(mn.place):
            continue  # home regions and conflict zones do not move a capital or cercle seat ("Diema" is Diéma)
        again = gazetteer.resolve(mn.name, context=replace(ctx, places=others, admin_areas=areas))
        if again is not None and prior and _spelled(mn.place, mn.name) and not _spelled(again, mn.name):
            continue  # a tie-break does not trade a place of that very name for one that only has it as an alias
        if again is not None and (again.feature_class == "P" or mn.place.feature_class != "P"):
            mn.place = again  # the places around a town's name do not make it a well or a wadi of that name
    # the two ends of a road lie near each other: "between Boni and Hombori" is the Boni by Hombori,
    # whatever namesake the rest of the report favoured
    for a, b in pairwise(mentions):
        pa, pb = a.place, b.place
        if a.role != "between" or b.role != "between" or a.group != b.group or pa is None or pb is None:
            continue
        if distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= ROAD_KM:
            continue
        for mn, here, there in ((a, pa, pb), (b, pb, pa)):
            near_other = [p for p in gazetteer.lookup(mn.name, country=here.country_code, fuzzy=False, limit=10)
                          if p.feature_class == "P"
                          and distance_km(p.latitude, p.longitude, there.latitude, there.longitude) <= ROAD_KM]
            if near_other:
                mn.place = near_other[0]
                break
    for mn in mentions:
        if mn.place is None and len(mn.name) < 3 and mn.role in _CUED:
            # a two-letter village ("Am") only exactly, and only beside another place of its list
            listed = [o.place for o in mentions if o.place is not None and o.group == mn.group and o is not mn]
            mn.place = next((p for p in gazetteer.lookup(mn.name, country=home, fuzzy=False, limit=10)
                             if p.feature_class == "P" and any(
                                 distance_km(p.latitude, p.longitude, o.latitude, o.longitude) <= SHORT_NAME_KM
                                 for o in listed)), None)
    _one_place_per_name(mentions)
    return replace(ctx, places=tuple(mn.place for mn in mentions if mn.place is not None))


def _context_place(mn: PlaceMention) -> Place | None:
    """The place a mention lends to the context of the names around it: its own, or for an admin
    area its seat ("the commune of X, in the province of Y": of two X in Y, the one nearer Y's seat)."""
    if mn.role == "area":
        return mn.area.capital if mn.area is not None else None
    return mn.place


def drop_short_names_of_people(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions without the bare one-word names that shorten a longer name of the report
    that is no place: "Ibrahim Boubacar Keita" (no place of the gazetteer), then "pressure on
    Keita" is the man, not the village of Keita. A cued mention ("in Keita", "the village of
    Keita") stays a place."""
    short: set[str] = set()
    for mn in mentions:
        words = mn.name.split()
        if mn.place is None and mn.area is None and mn.role in ("bare", "report") and len(words) >= 2 and \
                all(w[:1].isupper() for w in words):
            short.add(fold(words[-1]))
    if not short:
        return mentions
    return [mn for mn in mentions if not (mn.role == "bare" and mn.place is not None and " " not in mn.name
                                          and fold(mn.name) in short)]


def _one_place_per_name(mentions: list[PlaceMention]) -> None:
    """One name is one place within a report: "near Y" and "in Y" two sentences apart are not two
    namesakes. The place an area scopes ("Y, in the X region") stands for the name, else the one
    most of its mentions read (the first on a tie); a mention with its own scope keeps its place."""
    by_name: dict[str, list[PlaceMention]] = {}
    for mn in mentions:
        if mn.place is not None and mn.role not in ("area", "report"):
            by_name.setdefault(fold_key(mn.name), []).append(mn)
    for same in by_name.values():
        ids = {mn.place.geonameid for mn in same}  # type: ignore[union-attr]
        if len(ids) < 2:
            continue
        scoped = [mn.place for mn in same if mn.hint_area is not None or mn.people]
        if len({p.geonameid for p in scoped}) > 1:  # type: ignore[union-attr]
            continue  # the report itself scopes two namesakes apart
        counts: dict[int, int] = {}
        for mn in same:
            counts[mn.place.geonameid] = counts.get(mn.place.geonameid, 0) + 1  # type: ignore[union-attr]
        place = scoped[0] if scoped else max((mn.place for mn in same),
                                              key=lambda p: counts[p.geonameid])  # type: ignore[union-attr]
        for mn in same:
            if mn.hint_area is None and not mn.people:
                mn.place = place


#: what may stand between a place and the area that scopes it: ", in the", " (", ", dans la région de"
_SCOPE_GAP = re.compile(r"^[\s,(]*(?:(?:in|dans|en|of|the|la|le|les|l'|région|region|cercle|area|zone|district|de|du|d')"
                        r"[\s,(]*)*$", re.IGNORECASE)


#: a cue that measures from a place ("90 km south-west of X", "au nord de X"): X is a landmark, and the
#: area named after it places what lies there, not X
_LANDMARK_CUE = re.compile(r"\d|\bkm\b|kilom|\b(?:nord|sud|est|ouest|north|south|east|west)(?:ern)?\b")


def _scope(mentions: list[PlaceMention], i: int) -> AdminArea | None:
    """The area named right after mention ``i`` (see :attr:`PlaceMention.scoped`), if any; none
    for a landmark measured from ("Y, 90 km south-west of X, in the Z region": Z holds Y)."""
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    if not mentions[i].scoped or nxt is None or nxt.role != "area" or \
            (mentions[i].role in ("near", "distance") and _LANDMARK_CUE.search(mentions[i].cue)):
        return None
    return nxt.area


def place_inside(gazetteer: Gazetteer, name: str, area: AdminArea) -> Place | None:
    """The populated place of ``area`` whose name is ``name`` or a close spelling of it, if any."""
    return _inside(gazetteer, name, area)


def _inside(gazetteer: Gazetteer, name: str, area: AdminArea) -> Place | None:
    """The populated place of ``area`` whose name is ``name`` or a close spelling of it."""
    found = [p for p in gazetteer.lookup(name, country=area.country_code, admin1=area.admin1, fuzzy=True, limit=10)
             if p.feature_class in ("P", "S") and area.contains(p) and p.score >= INSIDE_AREA_SPELLING
             and (p.score >= 1.0 or same_first_sound(p.name, name) or same_first_sound(p.asciiname, name))]
    return max(found, key=lambda p: p.score) if found else None


_CUED = frozenset({"in", "of", "near", "between", "distance"})
#: the part of a village a people's name picks ("the Fulani village of X": X-Peulh) lies this close
#: to the place the name alone reads (km)
PEOPLE_PART_KM = 30.0
#: the least similarity at which a cued name is taken for a spelling of a gazetteer place
CLOSE_SPELLING = 0.88
#: the same inside the area the report names for the place ("Diora, in the Tenenkou area" / Dioura)
INSIDE_AREA_SPELLING = 0.8
#: places named within this many characters of a name are its context (a long report names many
#: places far apart: they say little about each other)
CONTEXT_CHARS = 1500
#: the two ends of a road named "between A and B" lie within this distance of each other (km)
ROAD_KM = 150.0
#: a two-letter village name is read only this close to a place listed before it (km)
SHORT_NAME_KM = 30.0
#: a misspelt name read farther than this from every place named around it is doubted (km)
FAR_KM = 150.0


def _close_spelling(gazetteer: Gazetteer, name: str, ctx: GeoContext,
                    areas: tuple[AdminArea, ...] = ()) -> Place | None:
    """A populated place of the report's main country whose name is a close spelling of ``name``
    ("Nouhoun-Peulh" / "Nouhoun Peul"): accepted only for names a place cue introduces, and only
    inside ``areas`` when given (the actors' home regions, else the conflict zone: Dogon militiamen
    attacking "Siguimara" in central Mali do not make it a Siguima 400 km away)."""
    if len(name) < 5 or not ctx.countries:
        return None
    first = name[:1].lower()
    for cand in gazetteer.lookup(name, country=ctx.countries[0], fuzzy=True, limit=3):
        if cand.feature_class == "P" and cand.score >= CLOSE_SPELLING and \
                (cand.asciiname[:1].lower() == first or cand.name[:1].lower() == first):
            # misspellings keep the first letter ("Ahina" is no "Mahina")
            if areas and not any(area.contains(cand) for area in areas):
                continue
            return cand
    return None


def _tamasheq_in(gazetteer: Gazetteer, name: str, ctx: GeoContext) -> Place | None:
    """The place "I-n-X" for a name written "NX" or "N'X" ("NTillit" is I-n-Tillit), exact only."""
    bare = _TAMASHEQ_N.match(name)
    if bare is None or len(name) - bare.end() < 4:
        return None
    place = gazetteer.resolve("I-n-" + name[bare.end():], context=ctx)
    return place if place is not None and place.score >= 1.0 else None


def _province(gazetteer: Gazetteer, name: str) -> AdminArea | None:
    """The second-level area (province, cercle, department) of that very name, if any."""
    area = _area(gazetteer, name, 2)
    return area if area is not None and area.level == 2 and fold(area.name) == fold(name) else None


def _area(gazetteer: Gazetteer, name: str, level: int) -> AdminArea | None:
    word = "region" if level == 1 else "cercle"
    return gazetteer.admin_area(f"{name} {word}")


_PARTS = re.compile(r"[ -]")
_TOWN_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLG"})
#: a town this large named inside a longer name ("University of Bamako") is where that place is
TOWN_POPULATION = 20000


def _town_in_name(gazetteer: Gazetteer, name: str, ctx: GeoContext) -> Place | None:
    """A major town named inside a name the gazetteer lacks: "the University of Bamako", "Bamako-Coura
    Bolibana", "Kidal's outskirts" (only capitals, region and cercle seats, or towns of 20,000 people)."""
    parts = [p.removesuffix("'s").removesuffix("’s") for p in _PARTS.split(name)]
    if len(parts) < 2:
        return None
    countries = ctx.countries[:1]
    for part in parts:
        if len(part) < 4 or not part[:1].isupper():
            continue
        for cand in gazetteer.lookup(part, fuzzy=False, limit=5):
            if cand.feature_class == "P" and cand.country_code in countries and (
                    cand.feature_code in _TOWN_CODES or cand.population >= TOWN_POPULATION):
                return cand
    return None


def _spelled(place: Place, name: str) -> bool:
    """Whether ``place``'s own name (not an alias) is ``name``, accents and case aside."""
    key = fold(name)
    return fold(place.name) == key or fold(place.asciiname) == key


def _town(place: Place) -> bool:
    """A capital, a region or cercle seat, a town named like its cercle, or one of 20,000 people."""
    return place.feature_code in _TOWN_CODES or place.population >= TOWN_POPULATION or (
        bool(place.admin2) and place.name.casefold() == place.admin2.casefold())


def _shared(gazetteer: Gazetteer, name: str) -> bool:
    return len(gazetteer.lookup(name, fuzzy=False, limit=2)) > 1


def _exact(gazetteer: Gazetteer, name: str) -> bool:
    return bool(gazetteer.lookup(name, fuzzy=False, limit=1))
