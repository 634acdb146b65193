"""Actor names as the merge stage compares them: canonical base, side, unidentified wildcards.

Records carry canonical actor names (the extractor maps "GSIM", "JNIM" and "groupe de soutien a
l'islam et aux musulmans" to one name), so two reports in different languages name an actor the
same way. What still differs between reports:

* the regime-period suffix of state forces ("Military Forces of Mali (2020-2021)" vs "(2021-)"),
  which a date slip on a regime boundary can flip: :func:`base` drops it;
* how much the report knows: an army communiqué speaks of "terrorists" ("Unidentified Armed Group
  (Mali)") where the group's own claim names itself. An unidentified actor is a wildcard for any
  named actor on the same *side* (:func:`side`): an unidentified armed group may be JNIM, never
  the army or the civilians it attacked.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["actor_match", "base", "is_named", "is_unidentified", "short", "side"]

_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")

#: inter code -> side. 2, 3 and 4 are all non-state armed groups: a report that cannot name the
#: group cannot tell a rebel group from a militia either.
_SIDE_BY_INTER = {1: "state", 2: "armed", 3: "armed", 4: "armed", 5: "rioters", 6: "protesters",
                  7: "civilians", 8: "external"}

_SIDE_BY_NAME = (
    (re.compile(r"^(unidentified )?(military|police) forces of|^gendarmerie|^government of", re.IGNORECASE), "state"),
    (re.compile(r"^civilians\b", re.IGNORECASE), "civilians"),
    (re.compile(r"^protesters\b", re.IGNORECASE), "protesters"),
    (re.compile(r"^rioters\b", re.IGNORECASE), "rioters"),
    (re.compile(r"^unidentified .*(armed group|militia|gang)", re.IGNORECASE), "armed"),
)


@lru_cache(maxsize=8192)
def base(name: str) -> str:
    """The actor name without a regime-period suffix, case-folded: the key two reports share."""
    return _PERIOD.sub("", name).strip().casefold()


@lru_cache(maxsize=8192)
def short(name: str) -> str:
    """A short display form: "JNIM" for "JNIM: Group for Support of Islam and Muslims"."""
    head = name.split(":", 1)[0].strip()
    return head or name


@lru_cache(maxsize=8192)
def is_unidentified(name: str) -> bool:
    """True for ACLED's placeholder actors ("Unidentified Armed Group (Mali)")."""
    return name.strip().casefold().startswith("unidentified")


@lru_cache(maxsize=8192)
def is_named(name: str) -> bool:
    """True for an actor that is neither empty nor an unidentified placeholder."""
    return bool(name.strip()) and not is_unidentified(name)


@lru_cache(maxsize=8192)
def side(name: str, inter: int = 0) -> str:
    """The side an actor fights on: state, armed, external, civilians, protesters, rioters or "".

    The inter code decides when it is set; otherwise the name's form does ("Military Forces of ...",
    "Civilians (...)", "Unidentified Armed Group (...)"). "" means unknown (compatible with any side).
    """
    if inter in _SIDE_BY_INTER:
        return _SIDE_BY_INTER[inter]
    for pattern, found in _SIDE_BY_NAME:
        if pattern.search(name.strip()):
            return found
    return ""


@lru_cache(maxsize=8192)
def actor_match(a: str, inter_a: int, b: str, inter_b: int) -> tuple[float, str] | None:
    """How well two actor slots agree: ``(score, words)``, or ``None`` when they cannot be one actor.

    Same base name: 1.0. An unidentified actor against a named one (or two unidentified ones) on a
    compatible side: 0.8 (0.6 for two unidentified). An empty slot (the report names one side only)
    is compatible with anything: 0.6.
    """
    if not a.strip() or not b.strip():
        named = a or b
        return 0.6, f"{short(named)} vs unnamed" if named else "both unnamed"
    if base(a) == base(b):
        return 1.0, f"{short(a)} same"
    if is_named(a) and is_named(b):
        return None
    sa, sb = side(a, inter_a), side(b, inter_b)
    if sa and sb and sa != sb:
        return None
    score = 0.6 if not is_named(a) and not is_named(b) else 0.8
    return score, f"{short(a)} vs {short(b)} compatible"
