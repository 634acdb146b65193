"""The situation report as one self-contained HTML page (inline CSS and SVG, no scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import urlparse

from conflictwatch.records import Event
from conflictwatch.report._build import Report, Tally
from conflictwatch.report._svg import render_chart_svg, render_map_svg, type_colour

__all__ = ["actors_text", "fatalities_text", "fmt_change", "place_text", "render_html", "safe_url"]

_CSS = """
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fff}
main{max-width:1000px;margin:0 auto;padding:18px 20px 40px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:0 0 14px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:26px}.card span{color:#666;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f2}td.n{text-align:right}.cols{display:flex;gap:20px}.cols>div{flex:1}
.sw{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:5px}
.sev-high{color:#b00020;font-weight:bold}.sev-medium{color:#a05a00;font-weight:bold}.sev-low{color:#555}
.ev{border-bottom:1px solid #eee;padding:8px 0;font-size:13px}.ev .meta{color:#555}
.ev blockquote{margin:4px 0 4px 12px;color:#444;border-left:3px solid #ddd;padding-left:8px}
.ev ul{margin:4px 0;padding-left:18px}svg{max-width:100%;height:auto;display:block}
footer{margin-top:30px;color:#888;font-size:12px}
"""


def safe_url(url: str) -> str | None:
    """``url`` when it is an http(s) link, else None (never link javascript: or data: URLs)."""
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def fmt_change(pct: float | None) -> str:
    """A percent change for people: "+25%", "-10%", or "n/a" without a baseline."""
    return "n/a" if pct is None else f"{pct:+.0f}%"


def fatalities_text(e: Event) -> str:
    """Fatalities with their caveats: unknown count, range across sources."""
    text = str(e.fatalities)
    if e.fatalities_unknown:
        text += " (deaths reported, number unknown)"
    if e.fatalities_low is not None and e.fatalities_high is not None and e.fatalities_low != e.fatalities_high:
        text += f" (sources: {e.fatalities_low}-{e.fatalities_high})"
    return text


def actors_text(e: Event) -> str:
    """"actor1 (assoc) vs actor2 (assoc)"."""
    def one(actor: str, assoc: str) -> str:
        return f"{actor} ({assoc})" if assoc else actor
    a1, a2 = one(e.actor1, e.assoc_actor_1), one(e.actor2, e.assoc_actor_2)
    return f"{a1} vs {a2}" if e.actor2 else a1


def place_text(e: Event) -> str:
    """"location, admin2, admin1" with the geo precision."""
    names = ", ".join(dict.fromkeys(n for n in (e.location, e.admin2, e.admin1) if n))
    return f"{names or e.country} (geo precision {e.geo_precision})"


def _table(rows: Sequence[Tally], heading: str, colour: bool = False) -> str:
    body = "".join(
        f'<tr><td>{f"<span class=sw style=background:{type_colour(t.name)}></span>" if colour else ""}'
        f"{escape(t.name)}</td><td class=n>{t.events}</td><td class=n>{t.fatalities}</td></tr>"
        for t in rows
    ) or '<tr><td colspan="3">none</td></tr>'
    return (f"<table><thead><tr><th>{escape(heading)}</th><th>Events</th><th>Fatalities</th></tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _sources(e: Event) -> str:
    items = []
    for s in e.sources:
        url = safe_url(s.url)
        link = f' <a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>' if url else (
            f" {escape(s.url)}" if s.url else "")
        bits = [escape(s.outlet or s.doc_id)]
        if s.published:
            bits.append(escape(s.published.isoformat()))
        if s.language:
            bits.append(escape(s.language))
        claim = f" (claim by {escape(s.claimed_by)})" if s.claimed_by else ""
        items.append(f"<li>{', '.join(bits)}{link}{claim}</li>")
    if not items and e.source:
        items.append(f"<li>{escape(e.source)}</li>")
    return f"<ul class=sources>{''.join(items)}</ul>" if items else ""


def _event(e: Event) -> str:
    evidence = "".join(f"<li><b>{escape(x.field)}</b>: “{escape(x.text)}”</li>" for x in e.evidence)
    offensive = f" · offensive {escape(e.offensive_id)}" if e.offensive_id else ""
    return (
        f'<div class="ev" id="{escape(e.event_id)}"><div><span class=sw style="background:{type_colour(e.event_type)}"></span>'
        f"<b>{escape(e.event_date.isoformat())}</b> · {escape(e.event_type)} / {escape(e.sub_event_type)} · "
        f"{escape(place_text(e))}</div>"
        f'<div class="meta">{escape(actors_text(e))} · fatalities {escape(fatalities_text(e))} · '
        f"status {escape(e.status)} · <code>{escape(e.event_id)}</code>{offensive}</div>"
        + (f"<blockquote>{escape(e.notes)}</blockquote>" if e.notes else "")
        + _sources(e)
        + (f"<details><summary>Evidence</summary><ul>{evidence}</ul></details>" if evidence else "")
        + "</div>"
    )


def _alerts(report: Report) -> str:
    if not report.alerts:
        return "<p>No alerts.</p>"
    rows = []
    for a in report.alerts:
        numbers = [f"this week {a.count}"]
        if a.current_mean is not None:
            numbers.append(f"4-week mean {a.current_mean:.2f}")
        if a.baseline_mean is not None:
            numbers.append(f"baseline mean {a.baseline_mean:.2f} over {a.baseline_weeks} weeks")
        if a.p_value is not None:
            numbers.append(f"p = {a.p_value:.2g} ({a.model})")
        rows.append(
            f"<tr><td class=sev-{escape(a.severity)}>{escape(a.severity)}</td><td>{escape(a.kind)}</td>"
            f"<td>{escape(a.area)}</td><td>{escape(a.reason)}<br><small>{escape('; '.join(numbers))} · rule: "
            f"{escape(a.rule)} · {len(a.event_ids)} event(s), week {escape(a.week_start.isoformat())} to "
            f"{escape(a.week_end.isoformat())}</small></td></tr>"
        )
    return ("<table><thead><tr><th>Severity</th><th>Kind</th><th>Area</th><th>Why</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _offensives(report: Report) -> str:
    if not report.offensives:
        return "<p>No coordinated offensives recorded in this period.</p>"
    by_id = {e.event_id: e for e in report.events}
    rows = []
    for n, off in enumerate(report.offensives, start=1):
        sites = [by_id[i] for i in off.event_ids if i in by_id]
        places = ", ".join(dict.fromkeys(f"{e.location or e.admin2} ({e.admin1})" for e in sites))
        rows.append(f"<tr><td>{n}</td><td>{escape(off.event_date.isoformat())}</td><td>{escape(off.actor)}</td>"
                    f"<td class=n>{len(off.event_ids)}</td><td>{escape(places)}</td><td>{escape(off.reason)}</td></tr>")
    return ("<table><thead><tr><th>#</th><th>Date</th><th>Actor</th><th>Sites</th><th>Places</th><th>Why linked</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page: no scripts, no external files."""
    h = report.headline
    map_svg = render_map_svg(report)
    unlocated = len(report.events) - len(report.located)
    map_note = (f"<p class=sub>{unlocated} event(s) without coordinates are not on the map.</p>" if unlocated else "")
    if report.boundaries_source:
        map_note += f"<p class=sub>Boundaries: {escape(report.boundaries_source)} (simplified).</p>"
    cards = [
        (str(h.events), f"events ({fmt_change(h.events_change)} vs {h.previous_events} in the previous period)"),
        (str(h.fatalities), f"fatalities ({fmt_change(h.fatalities_change)} vs {h.previous_fatalities})"),
        (str(len(report.alerts)), "alerts"),
        (str(len(report.offensives)), "coordinated offensives"),
    ]
    unknown = (f"<p class=sub>{h.fatalities_unknown} event(s) report deaths without a number (counted as 0).</p>"
               if h.fatalities_unknown else "")
    period_unit = "week" if report.chart_period == "week" else "month"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(report.title)}</title><style>{_CSS}</style></head>
<body><main>
<h1>{escape(report.title)}</h1>
<p class="sub">{escape(report.country)} · {escape(report.start.isoformat())} to {escape(report.end.isoformat())} ·
previous period {escape(h.previous_start.isoformat())} to {escape(h.previous_end.isoformat())}</p>
<div class="cards">{''.join(f'<div class="card"><b>{escape(v)}</b><span>{escape(t)}</span></div>' for v, t in cards)}</div>
{unknown}
<h2>Map of events by type</h2>
{map_svg or '<p>No located events to map.</p>'}
{map_note}
<h2>Events per {period_unit}, by type</h2>
{render_chart_svg(report)}
<h2>Event types</h2>
{_table(report.by_type, "Event type", colour=True)}
<div class="cols"><div><h2>Top actors</h2>{_table(report.top_actors, "Actor")}</div>
<div><h2>Top admin-1 areas</h2>{_table(report.top_admin1, "Admin-1")}</div></div>
<h2>Alerts</h2>
{_alerts(report)}
<h2>Coordinated offensives</h2>
{_offensives(report)}
<h2>Events ({len(report.events)})</h2>
{''.join(_event(e) for e in report.events) or '<p>No events in this period.</p>'}
<footer>Generated by conflictwatch. Events coded in ACLED's conventions; weeks run Saturday to Friday.</footer>
</main></body></html>
"""
