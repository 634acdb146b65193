"""``conflictwatch gazetteer add-settlements``: add an OCHA settlements list to the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conflictwatch.cli._gazetteer import gazetteer_app
from conflictwatch.cli._options import DataDirOption

if TYPE_CHECKING:
    from conflictwatch.geo import SettlementsReport


def add_settlements_command(
    path: Annotated[Path, typer.Argument(help="An OCHA COD settlements CSV (from HDX), with columns "
                                         "featureNam, latitude, longitude, pcode, popPlaceCl, admin2Name, ...",
                                         show_default=False)],
    country: Annotated[str, typer.Option("--country", help="ISO-2 code of the country the file covers.")] = "ML",
    source: Annotated[str, typer.Option("--source", help="Name the settlements are stored under; adding a "
                                        "file under the same name again replaces them.")] = "ocha-cod",
    data_dir: DataDirOption = None,
) -> None:
    """Add the villages of an OCHA settlements list that GeoNames lacks to the installed gazetteer.

    Broken encodings and lost minus signs are repaired, duplicates dropped, and settlements named like a GeoNames place nearby become its alternate names (a commune seat makes that place one); the others are added as populated places.

    Later `gazetteer install` and `setup` runs keep them; adding the file again replaces them.

    Example: conflictwatch gazetteer add-settlements mli_pplp_1m_dnct_ocha.csv --country ML
    """
    from conflictwatch import config
    from conflictwatch.geo import add_settlements

    report = add_settlements(path, data_dir=config.data_dir(data_dir, create=False), country=country,
                             source=source)
    print_settlements_report(report, path)


def print_settlements_report(report: SettlementsReport, path: Path) -> None:
    """Print what adding a settlements file did."""
    from rich.table import Table

    from conflictwatch.cli._console import console

    table = Table(title=f"Settlements of {path.name} ({report.country}, source {report.source})")
    table.add_column("step")
    table.add_column("rows", justify="right")
    for label, value in (("read", report.read), ("skipped (no name or coordinates, or a country's name)", report.skipped),
                         ("encoding repaired", report.repaired), ("longitude sign repaired", report.signs),
                         ("duplicates dropped", report.duplicates),
                         ("merged into GeoNames places", report.merged), ("added as new places", report.added)):
        table.add_row(label, f"{value:,}")
    out = console(soft_wrap=False)
    out.print(table)
    out.print(f"The gazetteer in {report.path} now holds {report.total_rows:,} places.",
                  highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``add-settlements`` to the ``gazetteer`` command group (registered by ``cli._gazetteer``)."""
    gazetteer_app.command("add-settlements")(add_settlements_command)
