"""A long property run of the extractor: random, news-like and hostile documents (the strategies
of tests/extract/strategies.py), counting the documents extracted, the ExtractErrors (errors of
one document: over the budget, a date out of range) and any other exception (a bug: printed with
the document that raised it).

    .venv/bin/python bench/fuzz_extract.py [--data-dir DIR] [--examples 5000] [--seed 0]

tests/extract/test_properties.py runs the same property with 200 examples in CI. A benchmark, not
a test: it never fails (the exit status is 0 whatever it finds).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, seed, settings

    from conflictwatch import config
    from conflictwatch.errors import ExtractError
    from conflictwatch.extract import Extractor
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Document
    from tests.extract.strategies import documents

    extractor = Extractor(Gazetteer.load(config.data_dir(args.data_dir)))
    for lang in ("en", "fr"):  # warm: pipelines and lexicons are built on first use, untimed
        extractor.extract(Document.from_text("Des hommes armés ont tué deux bergers. Gunmen killed two herders.",
                                             language=lang))
    counts: Counter[str] = Counter()
    slowest = [0.0, ""]
    bugs: list[str] = []

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(doc=documents())
    def run(doc: Document) -> None:
        t0 = time.perf_counter()
        try:
            events = extractor.extract(doc)
            counts["extracted"] += 1
            counts["events"] += len(events)
        except ExtractError as exc:
            counts[f"ExtractError ({type(exc).__name__})"] += 1
        except Exception:  # noqa: BLE001 -- a bug: count and keep it, the run goes on
            counts["unhandled"] += 1
            bugs.append(f"{doc.text[:200]!r} (published {doc.published}, lang {doc.language!r})\n"
                        + traceback.format_exc(limit=-3))
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest[:] = [took, f"{len(doc.text):,} chars: {doc.text[:60]!r}"]

    t0 = time.perf_counter()
    run()
    print(f"{sum(v for k, v in counts.items() if k != 'events'):,} documents in {time.perf_counter() - t0:.0f} s: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    print(f"slowest document: {slowest[0]:.2f} s ({slowest[1]})")
    for bug in bugs[:5]:
        print(bug)


if __name__ == "__main__":
    main()
