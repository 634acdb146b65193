"""Near-duplicate documents: the same wire story on several sites, with other headlines, bylines
or footers, is one document.

A document's fingerprint is a MinHash of its 5-word shingles (accents and case folded, punctuation
dropped): :func:`similarity` of two fingerprints estimates the Jaccard similarity of their shingle
sets. :class:`NearDuplicates` keeps the fingerprints of recent documents and finds the one a new
text repeats (similarity at least ``threshold``, 0.8 by default: a wire story re-posted with a
dateline, an outlet's name or a footer added still matches; two reports written from one template,
differing in a place, a date and a toll, do not).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from conflictwatch.text import fold_words

__all__ = ["NUM_HASHES", "NearDuplicates", "minhash", "similarity"]

#: Values in a fingerprint.
NUM_HASHES = 64
_SHINGLE = 5
_PRIME = (1 << 61) - 1
_MASK = (1 << 61) - 1
_WORD = re.compile(r"[^\W_]+")


def _params() -> list[tuple[int, int]]:
    out = []
    for i in range(NUM_HASHES):
        digest = hashlib.sha256(f"conflictwatch-minhash-{i}".encode()).digest()
        a = int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(digest[8:16], "big") % _PRIME
        out.append((a, b))
    return out


_AB = _params()


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(fold_words(text))
    if len(words) < _SHINGLE:
        words = words + [""] * (_SHINGLE - len(words))
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + _SHINGLE]).encode(), digest_size=8).digest(),
                           "big") & _MASK
            for i in range(len(words) - _SHINGLE + 1)}


def minhash(text: str) -> tuple[int, ...]:
    """The fingerprint of ``text`` (:data:`NUM_HASHES` integers)."""
    shingles = _shingles(text)
    return tuple(min((a * s + b) % _PRIME for s in shingles) for a, b in _AB)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal values in two fingerprints (an estimate of their texts' Jaccard similarity)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


class NearDuplicates:
    """The fingerprints of recent documents, and the one a new fingerprint repeats."""

    def __init__(self, known: Iterable[tuple[str, Sequence[int]]] = (), *, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._known: list[tuple[str, tuple[int, ...]]] = []
        # Band index (LSH): documents sharing 3 consecutive values in one of 21 bands are compared;
        # a pair at similarity 0.8 shares a band with probability >0.99, one at 0.2 with 0.16.
        self._bands: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        for doc_id, fp in known:
            self.add(doc_id, fp)

    def __len__(self) -> int:
        return len(self._known)

    def add(self, doc_id: str, fingerprint: Sequence[int]) -> None:
        fp = tuple(fingerprint)
        index = len(self._known)
        self._known.append((doc_id, fp))
        for band in self._band_keys(fp):
            self._bands.setdefault(band, []).append(index)

    @staticmethod
    def _band_keys(fp: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
        width = 3
        return [(i, fp[i:i + width]) for i in range(0, len(fp) - len(fp) % width, width)]

    def match(self, fingerprint: Sequence[int]) -> tuple[str, float] | None:
        """The most similar known document (id, similarity) at or above the threshold, or None."""
        fp = tuple(fingerprint)
        candidates = {i for band in self._band_keys(fp) for i in self._bands.get(band, ())}
        best: tuple[str, float] | None = None
        for i in sorted(candidates):
            doc_id, other = self._known[i]
            score = similarity(fp, other)
            if score >= self.threshold and (best is None or score > best[1]):
                best = (doc_id, score)
        return best
