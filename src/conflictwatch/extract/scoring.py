"""Scored decisions: candidates described by named features, weighed by hand-set weights.

Every choice the extractor makes about a report (is this sentence an event or background; its
type; its place; its date; who did what to whom; its toll; whether two mentions tell one event) is
a :class:`Decision` among candidates. A candidate is a value plus the names of the features that
hold for it; its score is the sum of the features' weights, read from
``data/extract_weights.csv`` (one row per decision and feature, with the reason for its weight).
The candidate with the highest score wins (the first one on a tie); a decision with a threshold
takes none when no candidate reaches it.

Inputs and outputs are plain -- feature names, a mapping of weights, float scores -- so that the
weights can later be fitted on a user's reviewed events (:meth:`Weights.with_weights`) without
touching the code that finds the features. A decision keeps the features that won and the span of
text they were read from, so an analyst (and a test) can see why.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from conflictwatch.errors import ConfigError

__all__ = ["Candidate", "Decision", "Feature", "FeatureSpec", "Weights"]

T = TypeVar("T")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Feature:
    """A named feature that holds for a candidate, with the weight it carries and its value (1 for
    a feature that simply holds; a number for a graded one, such as a trigger's priority)."""

    name: str
    weight: float
    value: float = 1.0

    @property
    def contribution(self) -> float:
        return self.weight * self.value

    def __str__(self) -> str:
        return f"{self.name}{self.contribution:+g}"


#: a feature as a candidate names it: its name, or its name and a value
FeatureSpec = str | tuple[str, float]


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One option for a decision: a value, the features that hold for it, and where it was read."""

    value: T
    features: tuple[FeatureSpec, ...]
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Decision(Generic[T]):
    """The winning candidate of a decision, its score and the features behind it."""

    decision: str
    value: T
    score: float
    features: tuple[Feature, ...]
    start: int = -1
    end: int = -1

    @property
    def why(self) -> str:
        """The features that decided, with their weights ("trigger+1 target_armed+3")."""
        return " ".join(str(f) for f in self.features)


class Weights:
    """The hand-set weight of every (decision, feature) pair.

    ``rows`` maps ``(decision, feature)`` to ``(weight, reason)``; :meth:`load` reads them from
    ``data/extract_weights.csv``.
    """

    def __init__(self, rows: Mapping[tuple[str, str], tuple[float, str]], *, version: str = "") -> None:
        self.rows = dict(rows)
        self.version = version
        self.thresholds: dict[str, float] = {
            decision: weight for (decision, feature), (weight, _) in self.rows.items() if feature == "threshold"
        }

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Weights:
        """The weights shipped in ``conflictwatch/data/extract_weights.csv``."""
        text = resources.files("conflictwatch.data").joinpath("extract_weights.csv").read_text(encoding="utf-8")
        return cls.parse(text, where="data/extract_weights.csv")

    @classmethod
    def parse(cls, text: str, *, where: str = "weights") -> Weights:
        """Weights from CSV text with columns ``decision,feature,weight,reason`` ("#" comments)."""
        version = ""
        body: list[str] = []
        for line in text.splitlines():
            if line.startswith("#"):
                m = re.search(r"version\s+(\S+)", line)
                version = version or (m.group(1) if m else "")
                continue
            if line.strip():
                body.append(line)
        rows: dict[tuple[str, str], tuple[float, str]] = {}
        for lineno, row in enumerate(csv.DictReader(io.StringIO("\n".join(body))), start=2):
            try:
                decision, feature, weight = row["decision"], row["feature"], float(row["weight"])
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{where} row {lineno} is malformed ({exc}); expected "
                                  "decision,feature,weight,reason") from exc
            if not _NAME.match(decision or "") or not _NAME.match(feature or ""):
                raise ConfigError(f"{where} row {lineno}: decision and feature names are lower-case "
                                  f"words joined by '_', got {decision!r} / {feature!r}")
            if (decision, feature) in rows:
                raise ConfigError(f"{where} row {lineno}: {decision}/{feature} is given twice")
            if not (row.get("reason") or "").strip():
                raise ConfigError(f"{where} row {lineno}: {decision}/{feature} needs a reason")
            rows[(decision, feature)] = (weight, row["reason"].strip())
        return cls(rows, version=version)

    def with_weights(self, changes: Mapping[tuple[str, str], float]) -> Weights:
        """A copy with some weights replaced (e.g. fitted on reviewed events)."""
        rows = dict(self.rows)
        for key, weight in changes.items():
            if key not in rows:
                raise ConfigError(f"no weight {key[0]}/{key[1]} to replace; known: "
                                  f"{', '.join(sorted(f for d, f in rows if d == key[0]))}")
            rows[key] = (weight, rows[key][1])
        return Weights(rows, version=f"{self.version}+fitted")

    def features(self, decision: str) -> dict[str, float]:
        """The features of ``decision`` and their weights."""
        return {f: w for (d, f), (w, _) in self.rows.items() if d == decision and f != "threshold"}

    def weigh(self, decision: str, names: Iterable[FeatureSpec]) -> tuple[float, tuple[Feature, ...]]:
        """The score of a candidate with features ``names``, and those features with their weights."""
        out: list[Feature] = []
        total = 0.0
        for spec in names:
            name, value = (spec, 1.0) if isinstance(spec, str) else spec
            found = self.rows.get((decision, name))
            if found is None:
                raise KeyError(f"feature {name!r} of decision {decision!r} has no weight in "
                               "data/extract_weights.csv")
            feature = Feature(name, found[0], value)
            out.append(feature)
            total += feature.contribution
        return total, tuple(out)

    def choose(self, decision: str, candidates: Sequence[Candidate[T]]) -> Decision[T] | None:
        """The best candidate, or None when there is none or none reaches the decision's threshold."""
        best: Decision[T] | None = None
        for cand in candidates:
            score, feats = self.weigh(decision, cand.features)
            if best is None or score > best.score:
                best = Decision(decision, cand.value, score, feats, cand.start, cand.end)
        threshold = self.thresholds.get(decision)
        if best is None or (threshold is not None and best.score < threshold):
            return None
        return best

    def passes(self, decision: str, names: Iterable[FeatureSpec]) -> tuple[bool, float, tuple[Feature, ...]]:
        """Whether one candidate reaches the decision's threshold (0 when none is set)."""
        score, feats = self.weigh(decision, names)
        return score >= self.thresholds.get(decision, 0.0), score, feats
