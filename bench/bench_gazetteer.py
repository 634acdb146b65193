"""Gazetteer speed: opening the index, exact and fuzzy lookups, resolve; with and without OCHA.

Not a test: prints median and 95th-percentile microseconds of CPU time per call (the process's
CPU time, so that other work on a shared machine counts less; opening is timed on the wall
clock too). Usage::

    python bench/bench_gazetteer.py [--data-dir DIR] [--geonames-dir DIR] [--from GEONAMES_DIR] [-n 5000]

Two gazetteers are measured one after the other with the same names: --data-dir (default: config;
install OCHA's settlements there, as `make demo` does) and --geonames-dir, a GeoNames-only one
(default out/bench-home-geonames, which bench/score_gold.py installs). One that is missing is
installed from --from (default ../shared/data/geonames) into a temporary folder (GeoNames only).

The names are populated places of Mali that both gazetteers hold (GeoNames names), each looked up
once in a freshly opened gazetteer ("cold": the look-up reads its rows from the index file), then
again ("warm": from what the gazetteer keeps of its answers). Misspelt names (two letters swapped)
are looked up fuzzily within Mali, and resolved with a report's context (the Mopti region, Sévaré).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from conflictwatch import config
from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.errors import GazetteerMissing
from conflictwatch.geo import Gazetteer, GeoContext, install_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _timings(fn: Callable[[str], object], names: Sequence[str]) -> list[float]:
    out = []
    for name in names:
        start = time.process_time()
        fn(name)
        out.append((time.process_time() - start) * 1e6)
    return out


def _report(label: str, micros: list[float]) -> None:
    micros = sorted(micros)
    p95 = micros[min(len(micros) - 1, int(0.95 * len(micros)))]
    print(f"  {label:<40} n={len(micros):>5}  median {statistics.median(micros):>9.1f} us"
          f"  p95 {p95:>9.1f} us  max {micros[-1]:>9.1f} us")


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name + "a"
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def _open(data_dir: Path | None, tmp: Path, source: Path, label: str) -> Path:
    if data_dir is not None:
        try:
            Gazetteer.load(data_dir)
            return data_dir
        except GazetteerMissing as exc:
            print(f"{label}: {exc}; installing GeoNames in a temporary folder instead")
    target = tmp / label
    start = time.perf_counter()
    install_gazetteer(DEFAULT_COUNTRIES, data_dir=target, source_dir=source)
    print(f"{label}: installed {len(DEFAULT_COUNTRIES)} countries from {source} in {time.perf_counter() - start:.2f} s")
    return target


def _measure(label: str, data_dir: Path, names: list[str], misspelt: list[str]) -> None:
    loads, cpu = [], []
    for _ in range(20):
        start, start_cpu = time.perf_counter(), time.process_time()
        gaz = Gazetteer.load(data_dir)
        loads.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rows = sum(gaz.sources["rows"].values())
    print(f"\n{label} ({data_dir}, {rows:,} places)")
    print(f"  open: median {statistics.median(loads) * 1000:.2f} ms wall, {statistics.median(cpu) * 1000:.2f} ms CPU "
          f"over {len(loads)} (max {max(loads) * 1000:.2f} ms wall)")
    _report("lookup exact, cold (fuzzy=False)", _timings(lambda n: gaz.lookup(n, fuzzy=False), names))
    _report("lookup exact, warm", _timings(lambda n: gaz.lookup(n, fuzzy=False), names))
    gaz = Gazetteer.load(data_dir)
    _report("lookup exact, country=ML, cold", _timings(lambda n: gaz.lookup(n, country="ML", fuzzy=False), names))
    gaz = Gazetteer.load(data_dir)
    start = time.process_time()
    gaz.lookup("Kelbabou", country="ML")
    print(f"  first fuzzy lookup in Mali (reads Mali's name list): {(time.process_time() - start) * 1000:.1f} ms CPU")
    _report("lookup fuzzy, country=ML (misspelt)", _timings(lambda n: gaz.lookup(n, country="ML"), misspelt))
    _report("lookup fuzzy, country+admin1", _timings(lambda n: gaz.lookup(n, country="ML", admin1="Mopti"), misspelt))
    gaz = Gazetteer.load(data_dir)
    mopti = gaz.admin_area("Mopti region")
    ctx = GeoContext(admin_areas=(mopti,) if mopti else (), places=tuple(gaz.lookup("Sevare", fuzzy=False)[:1]))
    _report("resolve exact, with context, cold", _timings(lambda n: gaz.resolve(n, context=ctx), names))
    _report("resolve misspelt, with context", _timings(lambda n: gaz.resolve(n, context=ctx), misspelt))
    _report("admin_area", _timings(lambda n: gaz.admin_area(n + " region"), ["Mopti", "Segou", "Douentza",
                                                                             "Kayes", "Timbuktu"] * 20))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="gazetteer with OCHA's settlements (default: config)")
    parser.add_argument("--geonames-dir", type=Path, default=ROOT / "out" / "bench-home-geonames",
                        help="GeoNames-only gazetteer (default: out/bench-home-geonames)")
    parser.add_argument("--from", dest="source", type=Path, default=ROOT.parent / "shared/data/geonames")
    parser.add_argument("-n", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with_ocha = _open(config.data_dir(args.data_dir, create=False), Path(tmp), args.source, "with-ocha")
        geonames = _open(args.geonames_dir, Path(tmp), args.source, "geonames-only")
        rng = random.Random(1)
        rows = [r for r in Gazetteer.load(geonames)._all_rows() if r[7] == "ML" and r[5] == "P"]
        names = list(dict.fromkeys(r[1] for r in rng.sample(rows, min(args.n, len(rows)))))
        misspelt = list(dict.fromkeys(_misspell(n, rng) for n in names[: max(1, args.n // 10)]))
        gaz = Gazetteer.load(with_ocha)
        ocha = gaz.sources["extra_sources"]
        _measure("GeoNames + OCHA settlements" if ocha else "first gazetteer (no extra settlements)",
                 with_ocha, names, misspelt)
        _measure("GeoNames only", geonames, names, misspelt)


if __name__ == "__main__":
    main()
