"""``conflictwatch setup`` and ``conflictwatch gazetteer install|lookup``."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conflictwatch.cli._options import (
    Admin1Option,
    CountryOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    output_format,
)
from conflictwatch.cli._output import write_csv, write_json

if TYPE_CHECKING:
    from conflictwatch.geo import InstallReport

FromOption = Annotated[
    Path | None,
    typer.Option("--from", help="Install offline from this folder of GeoNames files "
                 "(CC.txt or CC.zip, admin1CodesASCII.txt, admin2Codes.txt) instead of downloading.",
                 show_default=False),
]

gazetteer_app = typer.Typer(help="Install and query the GeoNames gazetteer.\n\n"
                            "Example: conflictwatch gazetteer lookup Gogui --country ML",
                            no_args_is_help=True)


def _print_report(report: InstallReport) -> None:
    from conflictwatch.cli._console import console

    out = console(soft_wrap=False)
    added = ", ".join(f"{cc} ({report.rows.get(cc, 0):,} places)" for cc in report.countries)
    out.print(f"Installed {added} into {report.path}", highlight=False, soft_wrap=True)
    out.print(f"The gazetteer now holds {', '.join(report.all_countries)}: "
                  f"{report.total_rows:,} places.", highlight=False)


@gazetteer_app.command("install")
def install_command(
    countries: Annotated[list[str], typer.Argument(help="ISO-2 country codes, e.g. ML BF NE.")],
    source: FromOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Download (or read with --from) GeoNames dumps and add these countries to the gazetteer.

    Example: conflictwatch gazetteer install ML BF NE --from ./geonames
    """
    from conflictwatch import config
    from conflictwatch.geo import install_gazetteer

    report = install_gazetteer(countries, data_dir=config.data_dir(data_dir), source_dir=source,
                               progress=True)
    _print_report(report)


@gazetteer_app.command("lookup")
def lookup_command(
    name: Annotated[str, typer.Argument(help="A place name, any case or accents, e.g. Ségou.")],
    country: CountryOption = None,
    admin1: Admin1Option = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most candidates to show.")] = 10,
    exact: Annotated[bool, typer.Option("--exact", help="Exact (folded) names only, no fuzzy matches.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """List gazetteer entries for a name: exact matches first, then close spellings.

    Example: conflictwatch gazetteer lookup Gogui --country ML
    """
    from rich.table import Table

    from conflictwatch import config
    from conflictwatch.cli._console import console
    from conflictwatch.geo import Gazetteer
    from conflictwatch.records import Place

    chosen = output_format(fmt, as_json) or OutputFormat.table
    gaz = Gazetteer.load(config.data_dir(data_dir, create=False))
    places = gaz.lookup(name, country=country, admin1=admin1, fuzzy=not exact, limit=limit)
    if chosen is OutputFormat.json:
        write_json(asdict(p) for p in places)
        return
    if chosen is OutputFormat.csv:
        write_csv((asdict(p) for p in places), [f.name for f in fields(Place)])
        return
    out = console(soft_wrap=False)
    if not places:
        out.print(f"No place named {name!r} in the gazetteer.", highlight=False)
        raise typer.Exit(1)
    table = Table(title=f"Gazetteer entries for {name!r}")
    for col in ("geonameid", "name", "code", "country", "admin1", "admin2", "lat", "lon", "population", "score"):
        table.add_column(col, justify="right" if col in ("lat", "lon", "population", "score") else "left",
                         no_wrap=col == "geonameid")
    for p in places:
        table.add_row(str(p.geonameid), p.name, p.feature_code, p.country_code, p.admin1, p.admin2, f"{p.latitude:.3f}",
                      f"{p.longitude:.3f}", f"{p.population:,}", f"{p.score:.2f}")
    out.print(table)


BoundariesOption = Annotated[
    Path | None,
    typer.Option("--boundaries", help="Also install this GeoJSON file of admin-1 boundaries "
                 "(e.g. Natural Earth admin-1) for the maps in situation reports.", show_default=False),
]


SettlementsOption = Annotated[
    Path | None,
    typer.Option("--settlements", help="Also add the villages of this OCHA settlements CSV of Mali "
                 "(HDX 'mli_pplp' list) that GeoNames lacks.", show_default=False),
]


def setup_command(source: FromOption = None, boundaries: BoundariesOption = None,
                  settlements: SettlementsOption = None, data_dir: DataDirOption = None) -> None:
    """Install the reference data: the gazetteer of Mali and its neighbours, villages, map boundaries.

    GeoNames lacks many Malian villages; the OCHA settlements list (from HDX) adds them.

    Example: conflictwatch setup --from ./geonames --settlements ./mli_pplp_ocha.csv --boundaries ./admin1.geojson
    """
    from conflictwatch import config
    from conflictwatch.cli._console import console
    from conflictwatch.cli._settlements import print_settlements_report
    from conflictwatch.workflow import setup_reference_data

    report, boundary_file, added = setup_reference_data(
        data_dir=config.data_dir(data_dir), source_dir=source, boundaries=boundaries, settlements=settlements,
        progress=True)
    _print_report(report)
    if added is not None and settlements is not None:
        print_settlements_report(added, settlements)
    if boundary_file is not None:
        console(soft_wrap=False).print(f"Installed admin-1 boundaries into {boundary_file}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
    app.command("setup")(setup_command)
