"""The situation report as Markdown, and writing a report to a file.

Markdown cannot hold the map and chart inline everywhere (GitHub and many viewers block inline
SVG and data: URLs), so :func:`write_report` writes them as SVG files beside the ``.md`` and the
Markdown links them by relative path; :func:`render_markdown` alone, without those links, says
where the drawings went instead. Text is HTML-escaped (Markdown passes raw HTML through) and
Markdown punctuation is backslash-escaped; source URLs are autolinks, %-encoded.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from conflictwatch.errors import ConfigError
from conflictwatch.report._build import Report, Tally
from conflictwatch.report._html import (
    actors_text,
    fatalities_text,
    fmt_change,
    place_text,
    render_html,
    safe_url,
)
from conflictwatch.report._svg import render_chart_svg, render_map_svg

__all__ = ["render_markdown", "write_report"]

#: Characters left as they are in a Markdown autolink; the rest (quotes, <, >, spaces) are %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_BLOCK = re.compile(r"^([#+\->=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def _md(text: str) -> str:
    """Text made inert in Markdown: HTML-escaped, emphasis/link/table punctuation and a leading
    block marker backslash-escaped, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", escape(" ".join(text.split()), quote=False))
    return _MD_ORDERED.sub(r"\1\\\2", _MD_BLOCK.sub(r"\\\1", text))


def _table(rows: tuple[Tally, ...], heading: str) -> list[str]:
    out = [f"| {heading} | Events | Fatalities |", "|---|---:|---:|"]
    out += [f"| {_md(t.name)} | {t.events} | {t.fatalities} |" for t in rows] or ["| none | | |"]
    return out + [""]


def render_markdown(report: Report, *, map_href: str | None = None, chart_href: str | None = None) -> str:
    """The report as Markdown; ``map_href``/``chart_href`` link the drawings (SVG files)."""
    h = report.headline
    lines = [
        f"# {_md(report.title)}", "",
        (f"{_md(report.country)}, {report.start.isoformat()} to {report.end.isoformat()} "
         f"(previous period {h.previous_start.isoformat()} to {h.previous_end.isoformat()})"), "",
        f"- **Events:** {h.events} ({fmt_change(h.events_change)} vs {h.previous_events} in the previous period)",
        f"- **Fatalities:** {h.fatalities} ({fmt_change(h.fatalities_change)} vs {h.previous_fatalities})",
        f"- **Alerts:** {len(report.alerts)}; **coordinated offensives:** {len(report.offensives)}",
    ]
    if h.fatalities_unknown:
        lines.append(f"- {h.fatalities_unknown} event(s) report deaths without a number (counted as 0)")
    lines += ["", "## Map of events by type", ""]
    if report.bbox is None:
        lines.append("No located events to map.")
    elif map_href:
        lines.append(f"![Map of events by type]({map_href})")
    else:
        lines.append("The map is drawn in the HTML report (write the report to a .html file, or to .md to get "
                     "the map as an SVG file beside it).")
    unit = "week" if report.chart_period == "week" else "month"
    lines += ["", f"## Events per {unit}, by type", ""]
    if chart_href:
        lines += [f"![Events per {unit} by type]({chart_href})", ""]
    lines += [f"| {unit.capitalize()} starting | Events | By type |", "|---|---:|---|"]
    lines += [f"| {b.start.isoformat()} | {b.total} | {_md('; '.join(f'{t} {n}' for t, n in b.by_type))} |"
              for b in report.chart]
    lines += ["", "## Event types", ""] + _table(report.by_type, "Event type")
    lines += ["## Top actors", ""] + _table(report.top_actors, "Actor")
    lines += ["## Top admin-1 areas", ""] + _table(report.top_admin1, "Admin-1")
    lines += ["## Alerts", ""]
    if not report.alerts:
        lines.append("No alerts.")
    for a in report.alerts:
        numbers = f"this week {a.count}"
        if a.baseline_mean is not None:
            numbers += f"; baseline mean {a.baseline_mean:.2f} over {a.baseline_weeks} weeks"
        if a.p_value is not None:
            numbers += f"; p = {a.p_value:.2g} ({a.model})"
        lines.append(f"- **{a.severity} {a.kind}**, {_md(a.area)}: {_md(a.reason)} ({_md(numbers)}; "
                     f"rule: {_md(a.rule)}; {len(a.event_ids)} event(s))")
    lines += ["", "## Coordinated offensives", ""]
    by_id = {e.event_id: e for e in report.events}
    if not report.offensives:
        lines.append("No coordinated offensives recorded in this period.")
    for n, off in enumerate(report.offensives, start=1):
        places = ", ".join(dict.fromkeys(f"{by_id[i].location} ({by_id[i].admin1})" for i in off.event_ids if i in by_id))
        lines.append(f"{n}. {off.event_date.isoformat()}, {_md(off.actor)}: {len(off.event_ids)} sites: {_md(places)}")
    lines += ["", f"## Events ({len(report.events)})", ""]
    for e in report.events:
        lines.append(f"### {e.event_date.isoformat()} {_md(e.event_type)} / {_md(e.sub_event_type)}, {_md(place_text(e))}")
        lines += ["", f"{_md(actors_text(e))}; fatalities {_md(fatalities_text(e))}; `{_md(e.event_id)}`", ""]
        if e.notes:
            lines += [f"> {_md(e.notes)}", ""]
        for s in e.sources:
            url = safe_url(s.url)
            date_text = f", {s.published.isoformat()}" if s.published else ""
            link = f", <{quote(url, safe=_URL_SAFE)}>" if url else ""
            lines.append(f"- Source: {_md(s.outlet or s.doc_id)}{date_text}{link}")
        for x in e.evidence:
            lines.append(f"- Evidence ({_md(x.field)}): \u201c{_md(x.text)}\u201d")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_report(report: Report, path: Path) -> list[Path]:
    """Write ``report`` to ``path`` (.html: one self-contained page; .md: Markdown plus the map and
    chart as ``<name>-map.svg`` and ``<name>-chart.svg`` beside it). Returns the files written."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            path.write_text(render_html(report), encoding="utf-8")
            return [path]
        if suffix == ".md":
            written = []
            map_svg = render_map_svg(report)
            map_file = path.with_name(f"{path.stem}-map.svg")
            chart_file = path.with_name(f"{path.stem}-chart.svg")
            if map_svg:
                map_file.write_text(map_svg, encoding="utf-8")
                written.append(map_file)
            chart_file.write_text(render_chart_svg(report), encoding="utf-8")
            written.append(chart_file)
            path.write_text(render_markdown(report, map_href=map_file.name if map_svg else None,
                                            chart_href=chart_file.name), encoding="utf-8")
            return [path, *written]
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}. Choose a writable --output path.") from exc
    raise ConfigError(f"cannot write a report as {path.name}: use an --output ending in .html or .md")
