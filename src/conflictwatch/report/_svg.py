"""The report's drawings as inline SVG: the map of events and the stacked bar chart.

Self-contained: no scripts, no external files. Every piece of text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from conflictwatch.records import EVENT_TYPES, Event
from conflictwatch.report._boundaries import BBox, Boundary
from conflictwatch.report._build import Report

__all__ = ["CHART_BACKGROUND", "MAP_BACKGROUND", "TYPE_COLOURS", "render_chart_svg", "render_map_svg", "type_colour"]

#: One colour per ACLED event type, used on the map, the chart and the legends.
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#7b3fa0",
    "Protests": "#1f77b4",
    "Riots": "#8c564b",
    "Strategic developments": "#2ca02c",
}
OTHER_COLOUR = "#7f7f7f"
MAP_BACKGROUND = "#dde8ef"
COUNTRY_FILL = "#f7f3e8"
NEIGHBOUR_FILL = "#e9e6de"
CHART_BACKGROUND = "#fbfaf4"
OFFENSIVE_COLOUR = "#111111"

MAP_WIDTH = 960


def type_colour(event_type: str) -> str:
    """The colour of an event type (grey for anything outside ACLED's six)."""
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


class _Projection:
    """Equirectangular projection of ``bbox`` onto a ``width``-pixel-wide map."""

    def __init__(self, bbox: BBox, width: int) -> None:
        self.lon0, self.lat0, lon1, self.lat1 = bbox
        self.kx = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        self.scale = width / ((lon1 - self.lon0) * self.kx)
        self.width = width
        self.height = round((self.lat1 - self.lat0) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.lon0) * self.kx * self.scale, (self.lat1 - lat) * self.scale)


def _is_own(b: Boundary, report: Report) -> bool:
    return b.iso2 == report.iso2 if report.iso2 else b.country.casefold() == report.country.casefold()


def _radius(event: Event) -> float:
    return min(18.0, 4.0 + 2.2 * math.sqrt(max(event.fatalities, 0)))


def _legend(types: Sequence[str], x: float, y: float) -> list[str]:
    rows = ['<g class="legend" font-size="12" font-family="sans-serif">',
            (f'<rect x="{x}" y="{y}" width="250" height="{16 + 18 * (len(types) + 2)}" fill="#ffffff" '
             'fill-opacity="0.92" stroke="#b9b3a6"/>')]
    for i, t in enumerate(types):
        cy = y + 16 + 18 * i
        rows.append(f'<circle cx="{x + 14}" cy="{cy}" r="6" fill="{type_colour(t)}"/>'
                    f'<text x="{x + 26}" y="{cy + 4}">{escape(t)}</text>')
    cy = y + 16 + 18 * len(types)
    rows.append(f'<line x1="{x + 6}" y1="{cy}" x2="{x + 22}" y2="{cy}" stroke="{OFFENSIVE_COLOUR}" '
                f'stroke-width="1.5" stroke-dasharray="4 3"/><text x="{x + 26}" y="{cy + 4}">'
                'offensive: same-day sites linked</text>')
    rows.append(f'<text x="{x + 26}" y="{cy + 22}">circle size: fatalities</text>')
    rows.append("</g>")
    return rows


def render_map_svg(report: Report) -> str:
    """The map: admin-1 boundaries, events as circles (colour: type, size: fatalities),
    offensives' sites linked to their centre. Empty string when nothing can be placed."""
    if report.bbox is None:
        return ""
    proj = _Projection(report.bbox, MAP_WIDTH)
    w, h = proj.width, proj.height
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w} {h}" width="{w}" '
              f'height="{h}" role="img" aria-label="{escape(f"Map of events in {report.country}")}">'),
             f'<rect class="map-bg" x="0" y="0" width="{w}" height="{h}" fill="{MAP_BACKGROUND}"/>']
    for b in report.boundaries:
        mine = _is_own(b, report)
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (proj(*p) for p in ring)) + "Z" for ring in b.rings)
        parts.append(f'<path d="{d}" fill="{COUNTRY_FILL if mine else NEIGHBOUR_FILL}" '
                     f'stroke="{"#8a8170" if mine else "#c4bfb3"}" stroke-width="{1.1 if mine else 0.6}">'
                     f'<title>{escape(b.name)}{"" if mine else " (" + escape(b.country or b.iso2) + ")"}</title></path>')
    for b in report.boundaries:
        if b.label is not None and _is_own(b, report):
            x, y = proj(*b.label)
            parts.append(f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle" font-size="13" font-family="sans-serif" '
                         f'fill="#6b6354" font-style="italic">{escape(b.name)}</text>')
    by_id = {e.event_id: e for e in report.located}
    for n, off in enumerate(report.offensives, start=1):
        sites = [by_id[i] for i in off.event_ids if i in by_id]
        if not sites:
            continue
        points = [proj(e.longitude, e.latitude) for e in sites]  # type: ignore[arg-type]
        cx, cy = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        parts.append(f'<g class="offensive" data-offensive="{escape(off.offensive_id)}">'
                     f'<title>{escape(f"Offensive {n}: {off.actor}, {off.event_date.isoformat()}, {len(sites)} sites")}</title>')
        parts += [f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{OFFENSIVE_COLOUR}" '
                  'stroke-width="1.5" stroke-dasharray="5 3"/>' for x, y in points]
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="#ffffff" stroke="{OFFENSIVE_COLOUR}" '
                     f'stroke-width="1.5"/><text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="11" '
                     f'font-weight="bold" font-family="sans-serif">{n}</text></g>')
    in_offensive = {i for off in report.offensives for i in off.event_ids}
    for e in sorted(report.located, key=lambda e: -e.fatalities):
        x, y = proj(e.longitude, e.latitude)  # type: ignore[arg-type]
        ring = (f'stroke="{OFFENSIVE_COLOUR}" stroke-width="1.8"' if e.event_id in in_offensive
                else 'stroke="#ffffff" stroke-width="1"')
        tip = f"{e.event_date.isoformat()} {e.location or e.admin1}: {e.event_type} ({e.sub_event_type}), " \
              f"{e.fatalities} fatalities"
        parts.append(f'<circle class="event" cx="{x:.1f}" cy="{y:.1f}" r="{_radius(e):.1f}" fill="{type_colour(e.event_type)}" '
                     f'{ring}><title>{escape(tip)}</title></circle>')
    types = [t.name for t in report.by_type]
    if types:
        parts += _legend([t for t in EVENT_TYPES if t in types] + [t for t in types if t not in EVENT_TYPES], 10, 10)
    parts.append("</svg>")
    return "\n".join(parts)


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def render_chart_svg(report: Report, *, width: int = 960, height: int = 280) -> str:
    """Stacked bars of events per week (or month) and event type."""
    left, right, top, bottom = 44, 12, 34, 46
    bars = report.chart
    peak = _nice_max(max((b.total for b in bars), default=0))
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(bars), 1)
    bar_w = min(max(step * 0.78, 1.0), 48.0)
    unit = "week (ACLED, Saturday-Friday)" if report.chart_period == "week" else "month"
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
              f'width="{width}" height="{height}" role="img" '
              f'aria-label="{escape(f"Events per {unit} by event type")}" font-family="sans-serif" font-size="11">'),
             f'<rect class="chart-bg" x="0" y="0" width="{width}" height="{height}" fill="{CHART_BACKGROUND}"/>']
    inside = [i for i, b in enumerate(bars) if b.end >= report.start]
    if inside and inside[0] > 0:
        x0 = left + step * inside[0]
        parts.append(f'<rect class="period" x="{x0:.1f}" y="{top}" width="{width - right - x0:.1f}" '
                     f'height="{plot_h}" fill="#efe9d8"/>'
                     f'<text x="{x0 + 4:.1f}" y="{top + 12}" fill="#555">report period</text>')
    ticks = next((t for t in (5, 4, 3, 2) if peak % t == 0 and peak >= t), 1)
    for i in range(ticks + 1):
        value = peak * i / ticks
        y = top + plot_h - plot_h * i / ticks
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e2ded2"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{value:g}</text>')
    label_every = max(1, math.ceil(len(bars) / 16))
    for i, bar in enumerate(bars):
        x = left + step * i + (step - bar_w) / 2
        y = top + plot_h
        for t, n in bar.by_type:
            h = plot_h * n / peak
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{type_colour(t)}">'
                         f'<title>{escape(f"{bar.start.isoformat()} to {bar.end.isoformat()}: {n} {t}")}</title></rect>')
        if i % label_every == 0:
            label = bar.start.strftime("%d %b") if report.chart_period == "week" else bar.start.strftime("%b %Y")
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="#555">'
                         f'{escape(label)}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#777"/>')
    legend_x = left
    for t in [t for t in EVENT_TYPES if any(t == bt for b in bars for bt, _ in b.by_type)]:
        parts.append(f'<rect x="{legend_x}" y="10" width="12" height="12" fill="{type_colour(t)}"/>'
                     f'<text x="{legend_x + 16}" y="20">{escape(t)}</text>')
        legend_x += 24 + 7 * len(t)
    parts.append(f'<text x="{width - right}" y="{height - 8}" text-anchor="end" fill="#555">'
                 f'{escape(f"events per {unit}, stacked by event type")}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
