"""Actor finder speed: words per second of ``ActorRegistry.find`` on a synthetic corpus.

Not a test: prints the median and spread of several runs. The corpus is generated here from
sentence templates (English and French, with and without actor names), so nothing is read
from the gold sets. Usage::

    python bench/bench_actors.py [--sentences 20000] [--runs 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from conflictwatch.extract.actors import ActorRegistry

_EN = [
    "On {day}, {a} attacked a position held by {b} near the village, killing {n} people.",
    "According to local sources, {a} ambushed a convoy of {b} on the road between the two towns.",
    "The market reopened after weeks of calm and traders said prices had fallen sharply.",
    "{a} claimed responsibility for the attack in a statement published on social media.",
    "Residents reported that {a} had abducted {n} people and stolen cattle before fleeing.",
    "The governor met community leaders to discuss the return of displaced families.",
]
_FR = [
    "Le {day}, {a} ont attaqué un poste de {b} près du village, faisant {n} morts.",
    "Selon des sources locales, {a} ont tendu une embuscade à un convoi de {b} sur la route.",
    "Le marché a rouvert après plusieurs semaines de calme et les prix ont baissé.",
    "L'attaque a été revendiquée par {a} dans un communiqué diffusé sur les réseaux sociaux.",
    "Des habitants affirment que {a} ont enlevé {n} personnes avant de prendre la fuite.",
    "Le gouverneur a rencontré les notables pour évoquer le retour des déplacés.",
]
_A_EN = ["JNIM militants", "suspected jihadists", "unidentified gunmen", "Dozo hunters",
         "Islamic State in the Greater Sahara fighters", "armed bandits", "Fulani militiamen"]
_B_EN = ["Malian soldiers", "the FAMa", "UN peacekeepers", "French forces", "the army"]
_A_FR = ["des jihadistes du JNIM", "des hommes armés non identifiés", "des chasseurs dozos",
         "des présumés terroristes", "l'EIGS", "des bandits armés", "des miliciens peuls"]
_B_FR = ["l'armée malienne", "la Minusma", "soldats maliens", "la gendarmerie", "FDS"]
_DAYS = ["Monday", "Tuesday", "lundi", "mardi", "12 March", "3 juin"]


def corpus(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        if i % 2:
            tpl, a, b = rnd.choice(_EN), rnd.choice(_A_EN), rnd.choice(_B_EN)
        else:
            tpl, a, b = rnd.choice(_FR), rnd.choice(_A_FR), rnd.choice(_B_FR)
        out.append(tpl.format(a=a, b=b, n=rnd.randint(1, 40), day=rnd.choice(_DAYS)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    start = time.perf_counter()
    registry = ActorRegistry.from_data()
    registry.find("warm-up: the Malian army", lang=None)
    print(f"load + compile: {time.perf_counter() - start:.3f} s, {len(registry.actors)} actors, "
          f"{len(registry.aliases)} aliases")

    sentences = corpus(args.sentences, args.seed)
    words = sum(len(s.split()) for s in sentences)
    for lang in (None, "en", "fr"):
        registry.find("warm-up", lang=lang)
        rates = []
        mentions = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            mentions = sum(len(registry.find(s, lang=lang)) for s in sentences)
            rates.append(words / (time.perf_counter() - t0))
        spread = statistics.stdev(rates) if len(rates) > 1 else 0.0
        print(f"find(lang={lang!s:>4}): {statistics.median(rates):>10,.0f} words/s "
              f"(± {spread:,.0f} over {args.runs} runs; {words:,} words, {mentions:,} mentions)")


if __name__ == "__main__":
    main()
