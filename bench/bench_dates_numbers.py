"""Date and toll reader speed: words per second of ``find_dates`` and ``parse_fatalities``.

Not a test: prints the median and spread of several runs. The corpus is generated here from
sentence templates (English and French, with and without dates and tolls), so nothing is read
from the gold sets. Usage::

    python bench/bench_dates_numbers.py [--sentences 5000] [--runs 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from conflictwatch.extract.dates import find_dates
from conflictwatch.extract.numbers import parse_fatalities

_TEMPLATES = {
    "en": [
        (
            "The army said gunmen on motorbikes attacked {p} on Tuesday, killing at least {n} civilians"
            " and wounding {m}."
        ),
        "Officials in Bamako did not comment on the report, published by a local rights group.",
        "Residents said the market had been closed since early June because of insecurity.",
        "The convoy hit an explosive device 37 km from {p} on 3 May 2025.",
        "Talks between the authorities and regional leaders resumed last week in the capital.",
        "Aid agencies estimate that more than 2,000 people have been displaced from {p}.",
        (
            "From 30 May to 2 June, militiamen abducted {n} herders near {p} and executed them;"
            " the corpse of the village chief was found later."
        ),
    ],
    "fr": [
        (
            "Des hommes armés ont attaqué {p} dans la nuit de dimanche à lundi, faisant {n} morts et"
            " {m} blessés."
        ),
        "Le gouvernement de transition n'a pas encore réagi à ces informations.",
        (
            "Selon une source sécuritaire, l'armée a neutralisé une vingtaine de terroristes le 1er"
            " juillet."
        ),
        "Les habitants affirment que la route est coupée depuis début juin en raison de l'insécurité.",
        "Sept soldats ont été tués et plusieurs autres blessés lors de l'embuscade, hier, près de {p}.",
        "Le 27, le maire de {p} et son fils ont été assassinés par des hommes armés non identifiés.",
    ],
}
_PLACES = ["Gao", "Niono", "Boni", "Ménaka", "Diafarabé"]


def _corpus(lang: str, n: int, rng: random.Random) -> list[str]:
    return [
        rng.choice(_TEMPLATES[lang]).format(
            p=rng.choice(_PLACES), n=rng.randint(2, 40), m=rng.randint(1, 9)
        )
        for _ in range(n)
    ]


def _rate(fn: Callable[[str], object], sentences: list[str], runs: int) -> list[float]:
    words = sum(len(s.split()) for s in sentences)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for sentence in sentences:
            fn(sentence)
        rates.append(words / (time.perf_counter() - start))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    published = date(2025, 7, 2)
    for lang in ("en", "fr"):
        sentences = _corpus(lang, args.sentences, rng)

        def dates(s: str, lang: str = lang) -> object:
            return find_dates(s, published=published, lang=lang)

        def tolls(s: str, lang: str = lang) -> object:
            return parse_fatalities(s, lang=lang)

        for name, fn in (("find_dates", dates), ("parse_fatalities", tolls)):
            fn(sentences[0])  # load the lexicons before timing
            rates = _rate(fn, sentences, args.runs)
            print(
                f"{lang} {name:16s} median {statistics.median(rates):>9,.0f} words/s "
                f"(min {min(rates):,.0f}, max {max(rates):,.0f}, {args.runs} runs)"
            )


if __name__ == "__main__":
    main()
