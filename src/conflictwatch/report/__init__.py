"""The report stage: a situation report on one country and period, as HTML or Markdown.

:func:`build_report` computes the headline numbers, tables, chart bars and map layers;
:func:`render_html` lays them out as one self-contained page (inline CSS and SVG, no scripts, no
network), :func:`render_markdown` as Markdown, :func:`write_report` picks by file suffix.
Admin-1 boundaries for the map come from a GeoJSON file (``--boundaries``, or the one
:func:`install_boundaries` put in the data directory).
"""

from __future__ import annotations

from conflictwatch.report._boundaries import (
    Boundary,
    install_boundaries,
    installed_boundaries,
    load_boundaries,
    simplify,
)
from conflictwatch.report._build import ChartBar, Headline, Report, Tally, build_report
from conflictwatch.report._html import render_html
from conflictwatch.report._markdown import render_markdown, write_report
from conflictwatch.report._svg import TYPE_COLOURS, render_chart_svg, render_map_svg

__all__ = [
    "TYPE_COLOURS",
    "Boundary",
    "ChartBar",
    "Headline",
    "Report",
    "Tally",
    "build_report",
    "install_boundaries",
    "installed_boundaries",
    "load_boundaries",
    "render_chart_svg",
    "render_html",
    "render_map_svg",
    "render_markdown",
    "simplify",
    "write_report",
]
