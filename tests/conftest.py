"""Fixtures shared by every stage's tests.

The reference data and gold sets live in ../shared (beside the checkout); tests read them
there and never copy them into the repository.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONFLICTWATCH_SHARED", ROOT.parent / "shared"))
GEONAMES_DIR = SHARED / "data" / "geonames"
GOLD_DIR = SHARED / "data" / "gold"
BOUNDARIES = SHARED / "data" / "boundaries" / "ne_10m_admin1_sahel.geojson"
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow correctness tests")


#: Names whose use means a test reads ../shared (the GeoNames dumps, the gold sets, boundaries).
_SHARED_NAMES = re.compile(r"\b(?:GEONAMES_DIR|GOLD_DIR|BOUNDARIES|SHARED|read_gold)\b")
#: Fixtures that install the gazetteer from ../shared.
_SHARED_FIXTURES = {"gazetteer_home", "gazetteer"}
SHARED_MISSING = (f"needs the reference data in {SHARED}/data (GeoNames dumps, gold sets, boundaries) "
                  "beside the checkout; set CONFLICTWATCH_SHARED to its folder")


@functools.cache
def _reads_shared(module: str) -> bool:
    path = Path(module)
    return path.suffix == ".py" and path.exists() and _SHARED_NAMES.search(path.read_text(encoding="utf-8")) is not None


def _needs_shared(item: pytest.Item) -> bool:
    """Whether ``item`` reads ../shared: its module, or a fixture it uses, names the shared paths."""
    names = set(getattr(item, "fixturenames", ()))
    if names & _SHARED_FIXTURES:
        return True
    files = {str(item.path)}
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info is not None else ()):
        for d in defs:
            code = getattr(d.func, "__code__", None)
            if code is not None:
                files.add(code.co_filename)
    return any(_reads_shared(f) for f in files if f != __file__)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SHARED.is_dir():
        missing = pytest.mark.skip(reason=SHARED_MISSING)
        for item in items:
            if _needs_shared(item):
                item.add_marker(missing)
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def read_gold(name: str) -> list[dict]:
    """One gold set from ../shared/data/gold, as a list of documents."""
    path = GOLD_DIR / name
    if not path.exists():
        pytest.skip(f"gold set {path} is missing: {SHARED_MISSING}")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def gazetteer_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the gazetteer installed from ../shared/data/geonames (once per run)."""
    from conflictwatch.config import DEFAULT_COUNTRIES
    from conflictwatch.geo import install_gazetteer

    if not GEONAMES_DIR.is_dir():
        pytest.skip(SHARED_MISSING)
    home = tmp_path_factory.mktemp("cwhome")
    install_gazetteer(DEFAULT_COUNTRIES, data_dir=home, source_dir=GEONAMES_DIR)
    return home


@pytest.fixture(scope="session")
def gazetteer(gazetteer_home: Path):
    """The installed :class:`conflictwatch.geo.Gazetteer`, loaded once per run."""
    from conflictwatch.geo import Gazetteer

    return Gazetteer.load(gazetteer_home)


@pytest.fixture
def runner():
    """A CLI runner with a wide, colourless terminal, so tables and messages print on one line."""
    from typer.testing import CliRunner

    return CliRunner(env={"COLUMNS": "220", "NO_COLOR": "1"})
