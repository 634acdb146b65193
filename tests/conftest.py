"""Fixtures shared by every stage's tests.

The reference data and gold sets live in ../shared (beside the checkout); tests read them
there and never copy them into the repository.
"""

from __future__ import annotations

import json
import os
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
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
        pytest.fail(f"gold set {path} is missing: tests need ../shared beside the checkout")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def gazetteer_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the gazetteer installed from ../shared/data/geonames (once per run)."""
    from conflictwatch.config import DEFAULT_COUNTRIES
    from conflictwatch.geo import install_gazetteer

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
