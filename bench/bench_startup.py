"""Extractor start-up: what a fresh `conflictwatch extract` process pays before its first events.

    .venv/bin/python bench/bench_startup.py [--data-dir DIR] [--repeats 5] [--exceptions]

Each repeat runs one new Python process that times, in order: the imports (conflictwatch's
extract and geo stages, spaCy with them), loading the gazetteer of --data-dir (default: config;
install OCHA's settlements there, as `make demo` does, to measure what the README reports),
building the extractor, then for English and French building the pipeline and extracting a
first made-up document. The pipelines' tokenizers come from the data directory's tokenizer cache
(<data dir>/cache/spacy-<version>/), which the first run writes; one extra process measures the
French pipeline without that cache (cache_dir=None), and one spaCy's own ``spacy.blank("fr")``.
Prints the median of each part over the repeats, and their total, in wall-clock seconds and in
the process's CPU seconds (what other work on a shared machine disturbs less).

--exceptions also measures what the tokenizer exceptions buy on the gold texts of
../shared/data/gold: each text tokenized with and without its language's exceptions (special
cases and French token_match), counting the documents and tokens that differ.
A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "gold"
FIRST = {"en": "On Tuesday, gunmen attacked the village of Kelbabou near Douentza, killing 4 civilians.",
         "fr": "Mardi, des hommes armés ont attaqué le village de Kelbabou près de Douentza : 4 morts."}
PARTS = ("imports", "gazetteer", "extractor", "pipeline en", "first doc en", "pipeline fr", "first doc fr")


class _Clock:
    """Times consecutive parts of a process, on the wall clock and in the process's CPU time."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._t, self._c = time.perf_counter(), time.process_time()

    def part(self, name: str) -> None:
        t, c = time.perf_counter(), time.process_time()
        self.wall[name], self.cpu[name] = t - self._t, c - self._c
        self._t, self._c = time.perf_counter(), time.process_time()


def _child(data_dir: str | None, mode: str) -> dict[str, dict[str, float]]:
    clock = _Clock()
    if mode == "spacy-blank":
        import spacy

        clock.part("imports")
        spacy.blank("fr")
        clock.part("spacy.blank fr")
        return {"wall": clock.wall, "cpu": clock.cpu}
    from datetime import date

    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Document

    clock.part("imports")
    gazetteer = Gazetteer.load(config.data_dir(data_dir))
    clock.part("gazetteer")
    extractor = Extractor(gazetteer, cache_dir=None) if mode == "no-cache" else Extractor(gazetteer)
    clock.part("extractor")
    for lang in ("en", "fr"):
        extractor.nlp(lang)
        clock.part(f"pipeline {lang}")
        extractor.extract(Document.from_text(FIRST[lang], language=lang, published=date(2024, 3, 12), source_id="s"))
        clock.part(f"first doc {lang}")
    return {"wall": clock.wall, "cpu": clock.cpu}


def _run(data_dir: str | None, mode: str) -> dict[str, dict[str, float]]:
    cmd = [sys.executable, __file__, "--child", mode] + (["--data-dir", data_dir] if data_dir else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit(f"start-up child ({mode}) failed:\n{res.stderr}")
    parts: dict[str, dict[str, float]] = json.loads(res.stdout.strip().splitlines()[-1])
    return parts


def _exceptions() -> None:
    import spacy

    from conflictwatch.extract.lang import blank_pipeline

    for name in sorted(GOLD.glob("*.jsonl")):
        docs = [json.loads(line) for line in name.open(encoding="utf-8") if line.strip()]
        by_lang: dict[str, list[str]] = {}
        for d in docs:
            by_lang.setdefault(d.get("lang") or "en", []).append(d["text"])
        for lang, texts in sorted(by_lang.items()):
            if lang not in ("en", "fr"):
                continue
            full = blank_pipeline(lang)
            bare = spacy.blank(lang)
            bare.tokenizer.rules = {}
            bare.tokenizer.token_match = None
            n_docs = n_tok = total = 0
            for text in texts:
                a = [t.text for t in full.tokenizer(text)]
                b = [t.text for t in bare.tokenizer(text)]
                total += len(a)
                if a != b:
                    n_docs += 1
                    n_tok += len(set(enumerate(a)) ^ set(enumerate(b)))  # rough: positions that moved
            print(f"{name.name:32} {lang}: {len(texts):5} docs, {total:8} tokens; without exceptions "
                  f"{n_docs} docs ({n_docs / len(texts):.0%}) tokenize differently")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--exceptions", action="store_true")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.data_dir, args.child)))
        return
    _run(args.data_dir, "cached")  # writes the tokenizer cache when missing
    runs = [_run(args.data_dir, "cached") for _ in range(max(1, args.repeats))]
    print(f"extractor start-up, median of {len(runs)} fresh processes (data dir: {args.data_dir or 'config'})")
    print(f"  {'':14} {'wall s':>7}  {'(min - max)':15}  {'CPU s':>7}  (min - max)")

    def line(label: str, wall: list[float], cpu: list[float]) -> None:
        print(f"  {label:14} {statistics.median(wall):7.3f}  ({min(wall):.3f} - {max(wall):.3f})  "
              f"{statistics.median(cpu):7.3f}  ({min(cpu):.3f} - {max(cpu):.3f})")

    for part in PARTS:
        line(part, [r["wall"][part] for r in runs], [r["cpu"][part] for r in runs])
    line("total", [sum(r["wall"].values()) for r in runs], [sum(r["cpu"].values()) for r in runs])
    nocache = _run(args.data_dir, "no-cache")["wall"]
    blank = _run(args.data_dir, "spacy-blank")["wall"]
    print(f"  without the tokenizer cache: pipeline fr {nocache['pipeline fr']:.3f} s, "
          f"pipeline en {nocache['pipeline en']:.3f} s; spaCy's own spacy.blank('fr'): {blank['spacy.blank fr']:.3f} s "
          f"(wall); spaCy's own import {blank['imports']:.3f} s")
    if args.exceptions:
        _exceptions()


if __name__ == "__main__":
    main()
