"""Per-word cost against document length: one long report beside the same text as short notes.

    .venv/bin/python bench/bench_long.py [--data-dir DIR] [--chars 200000] [--repeats 3] [--profile]

The text is made here, from made-up sentence patterns (attacks, clashes, mines, protests,
tolls, dates) filled with the gazetteer's own Malian towns and villages and a few actors,
paragraph after paragraph until --chars characters: no gold text is read. Each repeat times, in
one process and on one extractor (warmed first on a short made-up note, untimed):

- "notes": every paragraph extracted as its own document;
- "report": all the paragraphs joined (blank line between) into one document.

Prints words/s of each and the report's rate as a share of the notes' (the issue asks >= 0.8),
with the events found. --profile prints the top of a cProfile of one report pass.
A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import time
from datetime import date, timedelta

ACTORS = ["JNIM fighters", "suspected jihadists", "Dozo hunters", "unidentified gunmen", "Malian soldiers",
          "members of the Islamic State Sahel", "Dan Na Ambassagou militiamen", "armed bandits"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PATTERNS = [
    "On {day}, {actor} attacked the village of {a}, near {b}, killing {n} civilians and burning granaries.",
    "{actor} ambushed an army convoy between {a} and {b} on {date}; {n} soldiers were killed and {m} wounded.",
    "A vehicle hit a mine on the road from {a} to {b} on {day}, killing {n} passengers, local sources said.",
    "Residents of {a} protested on {date} against the closure of the weekly market, without violence.",
    "Clashes between {actor} and {actor2} near {a} left {n} dead on {day}, according to a local official.",
    "In {a}, {actor} abducted {n} people on {date}, among them the village chief; they were freed near {b}.",
    "Aid workers said that about {m} families fled {a} for {b} after the attack.",
    "The army said it had neutralised {n} terrorists in an air strike near {a} on {day}.",
]


def _places(gazetteer: object) -> list[str]:
    rows = gazetteer._all_rows()  # type: ignore[attr-defined]
    names = sorted({r[2] for r in rows if r[7] == "ML" and r[5] == "P" and r[2].isalpha() and len(r[2]) >= 4})
    return names


def make_paragraphs(places: list[str], chars: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out: list[str] = []
    total = 0
    while total < chars:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            a, b = rng.sample(places, 2)
            actor, actor2 = rng.sample(ACTORS, 2)
            d = start + timedelta(days=rng.randrange(700))
            sentences.append(rng.choice(PATTERNS).format(
                day=rng.choice(DAYS), actor=actor, actor2=actor2, a=a, b=b, n=rng.randint(2, 40),
                m=rng.randint(2, 300), date=f"{d.day} {d:%B} {d.year}"))
        text = " ".join(s[0].upper() + s[1:] for s in sentences)
        out.append(text)
        total += len(text) + 2
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Document

    gazetteer = Gazetteer.load(config.data_dir(args.data_dir))
    paragraphs = make_paragraphs(_places(gazetteer), args.chars)
    report = "\n\n".join(paragraphs)
    words = len(report.split())
    published = date(2026, 1, 5)
    print(f"{len(paragraphs)} paragraphs, {len(report):,} characters, {words:,} words")

    def run(texts: list[str], extractor: Extractor) -> tuple[float, int]:
        t = time.perf_counter()
        n = sum(len(extractor.extract(Document.from_text(x, language="en", published=published, source_id="b")))
                for x in texts)
        return time.perf_counter() - t, n

    rates: dict[str, list[float]] = {"notes": [], "report": []}
    events: dict[str, int] = {}
    for _ in range(max(1, args.repeats)):
        for label, texts in (("notes", paragraphs), ("report", [report])):
            extractor = Extractor(gazetteer)
            run(["On Monday, gunmen attacked the village of Kelbabou near Douentza, killing 4 civilians."], extractor)
            seconds, events[label] = run(texts, extractor)
            rates[label].append(words / seconds)
    for label, values in rates.items():
        print(f"  {label:7} {statistics.mean(values):7.0f} words/s (min {min(values):.0f}, max {max(values):.0f}),"
              f" {events[label]} events")
    print(f"  report / notes: {statistics.mean(rates['report']) / statistics.mean(rates['notes']):.2f}")
    if args.profile:
        extractor = Extractor(gazetteer)
        prof = cProfile.Profile()
        prof.enable()
        run([report], extractor)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumtime").print_stats(40)


if __name__ == "__main__":
    main()
