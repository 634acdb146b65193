"""Extraction time against document length: realistic news and adversarial text, 10k to 1M chars.

    .venv/bin/python bench/bench_scaling.py [--data-dir DIR] [--sizes 10000,100000,1000000]
        [--only NAME ...] [--repeats 1] [--markdown] [--profile NAME:SIZE] [--warm-chars 30000]

Each row is one kind of text, made here at each size (no gold text is read):

- ``news-en`` / ``news-fr``: paragraphs of made-up report sentences (attacks, ambushes, mines,
  protests, abductions, tolls, dates) written for this script, filled with the gazetteer's own
  Malian villages and a few actors, one document of SIZE characters;
- adversarial texts: ``quotes`` (one run of quotation marks), ``nested`` (« " ( [ nested and
  closed, no space), ``parens`` (opening then closing parentheses), ``killed`` ("killed " repeated:
  one sentence of thousands of triggers), ``one-sentence`` (the news sentences with no full stop:
  one sentence of SIZE characters), ``digits`` ("①", "²³" and tolls among words).

Each document is extracted once per repeat by one warmed extractor with no time budget (warmed by
look-ups of a made-up name in each country, which build the gazetteer's lazily built indexes, and
on made-up news of both languages, --warm-chars long, of other villages and days than the timed
ones: its pipelines and lexicons), timed end to end in CPU seconds of the process
(``time.process_time``: extraction runs on one thread, and CPU time is what other work on a shared
machine does not inflate; --wall times wall-clock seconds). A size smaller than the largest is
timed on several documents (--draws, default 10, at most largest / size: 10 each at 10,000 and
100,000 characters when the largest is 1,000,000), the news drawn anew for each (seeds 7, 8, ...;
the events shown are the first one's), and its time is their mean: one short document meets too
few of the rare costly look-ups (a misspelt village's neighbours, first met) for its own time to
tell the cost per character. Prints seconds per size and the growth factor per x10 of the text (1
is constant time per document, 10 linear, 100 quadratic; the goal is <= 12), and marks a time over
the extractor's per-document budget (``TIME_BUDGET``). --profile NAME:SIZE prints the top of a
cProfile of one run. --markdown prints the README's table.

The cost per word of a long report against short notes is bench/bench_long.py's. A benchmark,
not a test: it never fails.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

ACTORS_EN = ["JNIM fighters", "suspected jihadists", "Dozo hunters", "unidentified gunmen", "Malian soldiers",
             "fighters of the Islamic State Sahel", "armed bandits", "Dan Na Ambassagou militiamen"]
ACTORS_FR = ["des combattants du JNIM", "des jihadistes présumés", "des chasseurs dozos", "des hommes armés non identifiés",
             "des soldats maliens", "des éléments de l'État islamique au Sahel", "des bandits armés"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
#: a made-up name, looked up to build the gazetteer's indexes before timing
WARM_NAME = "Kelbabou"
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
# Sentence templates written for this benchmark.
PATTERNS_EN = [
    "Early on {day}, {actor} raided the hamlet of {a}, a few kilometres from {b}, and killed {n} villagers.",
    "A supply column of the army fell into an ambush between {a} and {b} on {date}: {n} soldiers died, {m} were hurt.",
    "On {day} a bus struck an explosive device on the track linking {a} and {b}; {n} travellers lost their lives.",
    "Traders of {a} marched peacefully on {date} to demand that the livestock market reopen.",
    "Fighting broke out between {actor} and {actor2} outside {a} on {day}, leaving {n} people dead, a mayor said.",
    "{actor} seized {n} herders near {a} on {date} and released them two days later close to {b}.",
    "Relief agencies counted some {m} households who had left {a} for {b} since the raid.",
    "The general staff said {n} militants were killed by a drone strike west of {a} on {day}.",
]
PATTERNS_FR = [
    "Dans la nuit de {day}, {actor} ont attaqué le hameau de {a}, non loin de {b}, tuant {n} habitants.",
    "Un convoi de l'armée est tombé dans une embuscade entre {a} et {b} le {date} : {n} militaires tués et {m} blessés.",
    "Un car a sauté sur un engin explosif sur la piste reliant {a} à {b} {day}, faisant {n} morts parmi les passagers.",
    "Les commerçants de {a} ont manifesté dans le calme le {date} pour réclamer la réouverture du marché à bétail.",
    "Des affrontements entre {actor} et {actor2} près de {a} ont fait {n} morts {day}, selon un élu local.",
    "{actor} ont enlevé {n} bergers près de {a} le {date} avant de les relâcher deux jours plus tard vers {b}.",
    "Les humanitaires ont recensé quelque {m} ménages partis de {a} pour {b} depuis l'attaque.",
    "L'état-major a annoncé que {n} terroristes avaient été neutralisés par une frappe aérienne à l'ouest de {a} {day}.",
]


def _places(gazetteer: object) -> list[str]:
    rows = gazetteer._all_rows()  # type: ignore[attr-defined]
    return sorted({r[2] for r in rows if r[7] == "ML" and r[5] == "P" and r[2].isalpha() and len(r[2]) >= 4})


def news(places: list[str], chars: int, *, lang: str, stops: bool = True, seed: int = 7) -> str:
    """Paragraphs of made-up report sentences up to ``chars`` characters (without full stops:
    one sentence)."""
    rng = random.Random(seed)
    patterns, actors, days = ((PATTERNS_EN, ACTORS_EN, DAYS_EN) if lang == "en" else
                              (PATTERNS_FR, ACTORS_FR, DAYS_FR))
    start = date(2024, 1, 1)
    parts: list[str] = []
    total = 0
    while total < chars:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            a, b = rng.sample(places, 2)
            actor, actor2 = rng.sample(actors, 2)
            d = start + timedelta(days=rng.randrange(700))
            when = (f"{d.day} {d.strftime('%B')} {d.year}" if lang == "en" else
                    f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}")
            s = rng.choice(patterns).format(day=rng.choice(days), actor=actor, actor2=actor2, a=a, b=b,
                                            n=rng.randint(2, 40), m=rng.randint(2, 900), date=when)
            sentences.append(s[0].upper() + s[1:])
        para = " ".join(sentences)
        if not stops:
            para = para.replace(".", ",").replace(":", ",").replace(";", ",")
        parts.append(para)
        total += len(para) + 2
    return ("\n\n" if stops else " ").join(parts)[:chars]


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _nested(chars: int) -> str:
    half = chars // 2
    return _repeat("«\"([", half) + _repeat("])\"»", chars - half)


def _parens(chars: int) -> str:
    return "(" * (chars // 2) + ")" * (chars - chars // 2)


def _digits(chars: int) -> str:
    return _repeat("Gunmen killed ① herders and ²³ goats near the well, 3² shots. ", chars)


def kinds(places: list[str]) -> dict[str, tuple[str, Callable[..., str]]]:
    """Each row: (language, text of a given size: ``make(size, seed=7)``; the seed draws the news,
    the adversarial texts are the same whatever it is)."""
    return {
        "news-en": ("en", lambda n, seed=7: news(places, n, lang="en", seed=seed)),
        "news-fr": ("fr", lambda n, seed=7: news(places, n, lang="fr", seed=seed)),
        "quotes": ("en", lambda n, seed=7: _repeat('"', n)),
        "nested": ("fr", lambda n, seed=7: _nested(n)),
        "parens": ("en", lambda n, seed=7: _parens(n)),
        "killed": ("en", lambda n, seed=7: _repeat("killed ", n)),
        "one-sentence": ("en", lambda n, seed=7: news(places, n, lang="en", stops=False, seed=seed)),
        "digits": ("en", lambda n, seed=7: _digits(n)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--only", nargs="*", default=None, help="rows to run (default: all)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--profile", default=None, metavar="NAME:SIZE")
    parser.add_argument("--wall", action="store_true", help="time wall-clock seconds, not CPU seconds")
    parser.add_argument("--warm-chars", type=int, default=30_000,
                        help="length of the made-up news each language's warm-up document has")
    parser.add_argument("--draws", type=int, default=10,
                        help="documents drawn at each size smaller than the largest (at most largest / size)")
    args = parser.parse_args()

    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.extract._extractor import MAX_CHARS, TIME_BUDGET
    from conflictwatch.geo import Gazetteer, GeoContext
    from conflictwatch.records import Document

    gazetteer = Gazetteer.load(config.data_dir(args.data_dir))
    extractor = Extractor(gazetteer, time_budget=None, max_chars=max(MAX_CHARS, 10_000_000))
    places = _places(gazetteer)
    rows = kinds(places)
    for cc in gazetteer.countries:  # warm the gazetteer's per-country indexes and grid (public look-ups)
        capital = gazetteer.capital(cc)
        if capital is not None:
            gazetteer.lookup(WARM_NAME, country=cc, admin1=capital.admin1 or "x")
            gazetteer.resolve(WARM_NAME, context=GeoContext(countries=(cc,)).with_place(capital))
    for lang in ("en", "fr"):  # warm: pipelines, lexicons, the gazetteer's region lists and indexes
        extractor.extract(Document.from_text(news(places, args.warm_chars, lang=lang, seed=1), language=lang,
                                             published=date(2025, 7, 1)))
    clock = time.perf_counter if args.wall else time.process_time
    sizes = [int(s) for s in args.sizes.split(",")]

    def run(name: str, size: int, seed: int = 7) -> tuple[float, int]:
        lang, make = rows[name]
        doc = Document.from_text(make(size, seed=seed), language=lang, published=date(2025, 7, 1))
        t0 = clock()
        events = extractor.extract(doc)
        return clock() - t0, len(events)

    if args.profile:
        name, size = args.profile.split(":")
        prof = cProfile.Profile()
        prof.enable()
        seconds, n = run(name, int(size))
        prof.disable()
        print(f"{name} at {int(size):,} chars: {seconds:.2f} s, {n} events")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return

    results: dict[str, list[tuple[float, float, int]]] = {}
    for name in args.only or list(rows):
        results[name] = []
        for size in sizes:
            times, n = [], 0
            draws = max(1, min(args.draws, max(sizes) // size))
            for _ in range(args.repeats):
                for k in range(draws):
                    seconds, events = run(name, size, seed=7 + k)
                    times.append(seconds)
                    n = events if k == 0 else n
            spread = statistics.pstdev(times) if len(times) > 1 else 0.0
            results[name].append((statistics.mean(times), spread, n))
            over = " (over the time budget)" if TIME_BUDGET and statistics.mean(times) > TIME_BUDGET else ""
            print(f"{name:13} {size:>9,} chars {statistics.mean(times):8.2f} s ± {spread:.2f}  {n:5} events{over}",
                  flush=True)

    def growth(cells: list[tuple[float, float, int]]) -> list[str]:
        return [f"{b[0] / a[0]:.1f}×" if a[0] > 0 else "n/a" for a, b in pairwise(cells)]

    print()
    head = ["text", *[f"{s:,} chars" for s in sizes], *[f"×{sizes[i + 1] // sizes[i]} growth" for i in range(len(sizes) - 1)]]
    print("  ".join(f"{h:>16}" for h in head))
    for name, cells in results.items():
        print("  ".join(f"{c:>16}" for c in [name, *[f"{t:.2f} s" for t, _, _ in cells], *growth(cells)]))
    if args.markdown:
        print()
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for name, cells in results.items():
            print("| " + " | ".join([name, *[f"{t:.2f} s ({n} events)" for t, _, n in cells], *growth(cells)]) + " |")


if __name__ == "__main__":
    main()
