"""Extractor start-up: what a fresh `conflictwatch extract` process pays before its first events.

    .venv/bin/python bench/bench_startup.py [--data-dir DIR] [--repeats 5] [--exceptions]

Each repeat runs one new Python process that times, in order: the imports (conflictwatch's
extract and geo stages, spaCy with them), loading the gazetteer of --data-dir (default: config;
install OCHA's settlements there, as `make demo` does, to measure what the README reports),
building the extractor, then for English and French building the pipeline and extracting a
first made-up document. The pipelines' tokenizers come from the data directory's tokenizer cache
(<data dir>/cache/spacy-<version>/), which the first run writes; one extra process measures the
French pipeline without that cache (cache_dir=None), and one spaCy's own ``spacy.blank("fr")``.
Prints the median of each part over the repeats, and their total.

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


def _child(data_dir: str | None, mode: str) -> dict[str, float]:
    out: dict[str, float] = {}
    t = time.perf_counter()
    if mode == "spacy-blank":
        import spacy

        out["imports"] = time.perf_counter() - t
        t = time.perf_counter()
        spacy.blank("fr")
        out["spacy.blank fr"] = time.perf_counter() - t
        return out
    from datetime import date

    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Document

    out["imports"] = time.perf_counter() - t
    t = time.perf_counter()
    gazetteer = Gazetteer.load(config.data_dir(data_dir))
    out["gazetteer"] = time.perf_counter() - t
    t = time.perf_counter()
    extractor = Extractor(gazetteer, cache_dir=None) if mode == "no-cache" else Extractor(gazetteer)
    out["extractor"] = time.perf_counter() - t
    for lang in ("en", "fr"):
        t = time.perf_counter()
        extractor.nlp(lang)
        out[f"pipeline {lang}"] = time.perf_counter() - t
        t = time.perf_counter()
        extractor.extract(Document.from_text(FIRST[lang], language=lang, published=date(2024, 3, 12), source_id="s"))
        out[f"first doc {lang}"] = time.perf_counter() - t
    return out


def _run(data_dir: str | None, mode: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode] + (["--data-dir", data_dir] if data_dir else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit(f"start-up child ({mode}) failed:\n{res.stderr}")
    parts: dict[str, float] = json.loads(res.stdout.strip().splitlines()[-1])
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
    total = 0.0
    for part in PARTS:
        values = [r[part] for r in runs]
        total += statistics.median(values)
        print(f"  {part:14} {statistics.median(values):7.3f} s  (min {min(values):.3f}, max {max(values):.3f})")
    totals = [sum(r.values()) for r in runs]
    print(f"  {'total':14} {statistics.median(totals):7.3f} s  (min {min(totals):.3f}, max {max(totals):.3f})")
    nocache = _run(args.data_dir, "no-cache")
    blank = _run(args.data_dir, "spacy-blank")
    print(f"  without the tokenizer cache: pipeline fr {nocache['pipeline fr']:.3f} s, "
          f"pipeline en {nocache['pipeline en']:.3f} s; spaCy's own spacy.blank('fr'): {blank['spacy.blank fr']:.3f} s")
    if args.exceptions:
        _exceptions()


if __name__ == "__main__":
    main()
