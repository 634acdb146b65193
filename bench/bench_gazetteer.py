"""Gazetteer speed: load time, exact lookups, fuzzy lookups within a country, resolve.

Not a test: prints median and 95th-percentile microseconds per call. Usage::

    python bench/bench_gazetteer.py [--data-dir DIR] [--from GEONAMES_DIR] [-n 5000]

Without --data-dir it installs the default countries from --from (default ../shared/data/geonames)
into a temporary folder first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.geo import Gazetteer, GeoContext, install_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _timings(fn: Callable[[str], object], names: Sequence[str]) -> list[float]:
    out = []
    for name in names:
        start = time.perf_counter()
        fn(name)
        out.append((time.perf_counter() - start) * 1e6)
    return out


def _report(label: str, micros: list[float]) -> None:
    micros = sorted(micros)
    p95 = micros[min(len(micros) - 1, int(0.95 * len(micros)))]
    print(f"{label:<38} n={len(micros):>5}  median {statistics.median(micros):>9.1f} us"
          f"  p95 {p95:>9.1f} us  max {micros[-1]:>9.1f} us")


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name + "a"
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--from", dest="source", type=Path, default=ROOT.parent / "shared/data/geonames")
    parser.add_argument("-n", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp)
            start = time.perf_counter()
            install_gazetteer(DEFAULT_COUNTRIES, data_dir=data_dir, source_dir=args.source)
            print(f"install {len(DEFAULT_COUNTRIES)} countries: {time.perf_counter() - start:.2f} s")
        loads = []
        for _ in range(5):
            start = time.perf_counter()
            gaz = Gazetteer.load(data_dir)
            loads.append(time.perf_counter() - start)
        print(f"load: median {statistics.median(loads) * 1000:.0f} ms over 5 (min {min(loads) * 1000:.0f} ms)")

        rng = random.Random(1)
        rows = [r for r in gaz._rows if r[7] == "ML" and r[5] == "P"]
        names = [r[1] for r in rng.sample(rows, min(args.n, len(rows)))]
        misspelt = [_misspell(n, rng) for n in names[: max(1, args.n // 10)]]
        _report("lookup exact (fuzzy=False)", _timings(lambda n: gaz.lookup(n, fuzzy=False), names))
        _report("lookup exact, country=ML", _timings(lambda n: gaz.lookup(n, country="ML", fuzzy=False), names))
        _report("lookup fuzzy, country=ML (misspelt)", _timings(lambda n: gaz.lookup(n, country="ML"), misspelt))
        _report("lookup fuzzy, country+admin1 (warm)",
                _timings(lambda n: gaz.lookup(n, country="ML", admin1="Mopti"), misspelt))
        ctx = GeoContext(admin_areas=(gaz.admin_area("Mopti region"),),
                         places=tuple(gaz.lookup("Sevare", fuzzy=False)[:1]))
        _report("resolve exact, with context", _timings(lambda n: gaz.resolve(n, context=ctx), names))
        _report("resolve misspelt, with context", _timings(lambda n: gaz.resolve(n, context=ctx), misspelt))
        _report("admin_area", _timings(lambda n: gaz.admin_area(n + " region"), ["Mopti", "Segou", "Douentza",
                                                                                 "Kayes", "Timbuktu"] * 20))


if __name__ == "__main__":
    main()
