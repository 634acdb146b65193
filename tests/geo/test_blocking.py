"""The blocking index of fuzzy look-ups: the same matches as rapidfuzz's scan of the whole list."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from conflictwatch.geo._gazetteer import _Blocks

_SYLLABLES = ("ba", "ko", "ni", "dou", "ssa", "ti", "ma", "ka", "ou", "ra", "ga", "n", "se", "bou", "lo", "di")


def _names(n: int, seed: int) -> list[str]:
    """Made-up village-like keys (one to three words), with repeats, so that scores tie."""
    rng = random.Random(seed)
    words = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(n)]
    return [" ".join(rng.choice(words) for _ in range(rng.choice((1, 1, 1, 2, 3)))) for _ in range(n)]


def _queries(names: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["a", "ab", "zzzz", "ba ko", "koba"]
    for _ in range(300):
        k = rng.choice(names)
        i = rng.randrange(len(k) + 1)
        out.append(rng.choice((k[:i] + k[i + 1:], k[:i] + rng.choice("aeioukst ") + k[i:], f"{k} {rng.choice(names)}")))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_blocked_ratio_matches_are_those_of_the_whole_scan_in_the_same_order(seed):
    names = _names(3000, seed)
    blocks = _Blocks(names)
    for q in _queries(names, seed):
        expected = [(c, s) for c, s, _ in process.extract(q, names, scorer=fuzz.ratio, score_cutoff=60, limit=60)]
        assert blocks.extract(q, 60, 60) == expected, q


@pytest.mark.parametrize("seed", [1, 2])
def test_blocked_token_sort_matches_are_those_of_the_whole_scan_in_the_same_order(seed):
    names = _names(3000, seed)
    blocks = _Blocks(names)
    for q in _queries(names, seed):
        expected = [(c, s) for c, s, _ in
                    process.extract(q, names, scorer=fuzz.token_sort_ratio, score_cutoff=75, limit=20)]
        assert blocks.extract_token_sort(q, 75, 20) == expected, q


def test_fuzzy_lookup_in_a_country_is_the_same_blocked_or_not(gazetteer):
    keys = gazetteer._country_keys("ML")
    if len(keys) < 2000:
        pytest.skip(f"the test gazetteer has {len(keys)} Malian name keys, too few to be blocked")
    for name in ("segu", "mopty", "tombuctou", "nioro du sahl", "gogi", "kidall", "douenza"):
        blocked = gazetteer._fuzzy(name, keys, 0.75, cc="ML", blocked=True)
        assert blocked == gazetteer._fuzzy(name, keys, 0.75, cc="ML"), name
