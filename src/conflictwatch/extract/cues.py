"""Context cues (data/extract_cues.csv): what the words around a trigger say about it.

Kinds: armed, state, civilian, casualty, weapon, non_conflict, generic, modal, negation,
intervention, lethal, report, claim, resistance, crowd, motive, revision, additive, foreign, nationals,
symbolic, vague_past
(see the file's header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflictwatch.errors import ConfigError
from conflictwatch.text import fold_aligned

__all__ = ["CUE_KINDS", "CueLexicon", "CueMatch"]

CUE_KINDS: tuple[str, ...] = ("armed", "state", "civilian", "casualty", "weapon", "non_conflict", "generic",
                              "modal", "negation", "intervention", "lethal", "report", "claim", "resistance",
                              "crowd", "motive", "revision", "additive", "foreign", "nationals",
                              "symbolic", "vague_past")


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One cue in a text: its kind and character span."""

    kind: str
    start: int
    end: int


class CueLexicon:
    """The compiled cue patterns of each language and kind."""

    def __init__(self, patterns: dict[tuple[str, str], list[str]], *, version: str = "") -> None:
        self.version = version
        self.patterns = patterns
        self._regex: dict[tuple[str, str], re.Pattern[str]] = {
            key: re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])") for key, alts in patterns.items()
        }

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> CueLexicon:
        """The lexicon shipped in ``conflictwatch/data/extract_cues.csv``."""
        text = resources.files("conflictwatch.data").joinpath("extract_cues.csv").read_text(encoding="utf-8")
        patterns: dict[tuple[str, str], list[str]] = {}
        version = ""
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.startswith("#"):
                m = re.search(r"version\s+(\S+)", line)
                version = version or (m.group(1) if m else "")
                continue
            if not line.strip() or line.startswith("lang,"):
                continue
            parts = line.split(",", 2)
            if len(parts) != 3 or parts[1] not in CUE_KINDS:
                raise ConfigError(f"data/extract_cues.csv line {lineno} is malformed: expected lang,kind,pattern "
                                  f"with kind one of {', '.join(CUE_KINDS)}")
            patterns.setdefault((parts[0], parts[1]), []).append(parts[2])
        return cls(patterns, version=version)

    def find(self, text: str, *, lang: str, kinds: tuple[str, ...] = CUE_KINDS,
             folded: str | None = None, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """The cues of ``kinds`` in ``text[start:end]``, in text order."""
        folded = fold_aligned(text) if folded is None else folded
        stop = len(folded) if end is None else end
        out: list[CueMatch] = []
        for kind in kinds:
            regex = self._regex.get((lang, kind))
            if regex is None:
                continue
            out.extend(CueMatch(kind, m.start(), m.end()) for m in regex.finditer(folded, start, stop))
        out.sort(key=lambda c: (c.start, c.end))
        return out
