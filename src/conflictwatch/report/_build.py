"""Building a situation report: the numbers, tables and map layers, ready to render."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from conflictwatch.errors import ConfigError
from conflictwatch.records import EVENT_TYPES, Event, Offensive
from conflictwatch.report._boundaries import BBox, Boundary, load_boundaries, simplify
from conflictwatch.watch import (
    Alert,
    Period,
    country_iso2,
    country_name,
    in_country,
    offensives_for,
    period_starts,
    trends,
)

__all__ = ["ChartBar", "Headline", "Report", "Tally", "build_report"]

#: Charts switch from ACLED weeks to months past this many weeks.
MAX_WEEKLY_BARS = 60
#: The chart shows at least this much history before the end of the report period.
CHART_CONTEXT = timedelta(weeks=12)
#: Boundary simplification tolerance, as a fraction of the map's larger side (about a pixel).
SIMPLIFY_FRACTION = 1 / 900


@dataclass(frozen=True, slots=True)
class Headline:
    """Events and fatalities in the report period and in the period of equal length before it."""

    events: int
    fatalities: int
    previous_events: int
    previous_fatalities: int
    previous_start: date
    previous_end: date
    fatalities_unknown: int  # events whose deaths were reported without a number

    @staticmethod
    def change(now: int, before: int) -> float | None:
        """Percent change, None when there is nothing to compare with."""
        return (now - before) / before * 100 if before else None

    @property
    def events_change(self) -> float | None:
        return self.change(self.events, self.previous_events)

    @property
    def fatalities_change(self) -> float | None:
        return self.change(self.fatalities, self.previous_fatalities)


@dataclass(frozen=True, slots=True)
class Tally:
    """A row of a top-N table: events and fatalities for one actor, area or event type."""

    name: str
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One bar of the chart: a week or month, with its events per event type."""

    start: date
    end: date
    by_type: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_type)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a situation report shows, computed once; the renderers only lay it out."""

    title: str
    country: str
    start: date
    end: date
    headline: Headline
    by_type: tuple[Tally, ...]
    chart_period: Period
    chart: tuple[ChartBar, ...]
    top_actors: tuple[Tally, ...]
    top_admin1: tuple[Tally, ...]
    alerts: tuple[Alert, ...]
    offensives: tuple[Offensive, ...]
    events: tuple[Event, ...]
    boundaries: tuple[Boundary, ...]
    bbox: BBox | None
    iso2: str = ""
    boundaries_source: str = ""

    @property
    def located(self) -> tuple[Event, ...]:
        """Events with coordinates (the ones on the map)."""
        return tuple(e for e in self.events if e.latitude is not None and e.longitude is not None)


def _tally(pairs: Iterable[tuple[str, Event]], top: int) -> tuple[Tally, ...]:
    n: Counter[str] = Counter()
    f: Counter[str] = Counter()
    for name, e in pairs:
        n[name] += 1
        f[name] += e.fatalities
    ordered = sorted(n, key=lambda k: (-n[k], -f[k], k))[:top]
    return tuple(Tally(k, n[k], f[k]) for k in ordered)


def _chart(events: Sequence[Event], start: date, end: date) -> tuple[Period, tuple[ChartBar, ...]]:
    start = min(start, end - CHART_CONTEXT)
    period: Period = "week" if len(period_starts(start, end, "week")) <= MAX_WEEKLY_BARS else "month"
    cells: dict[date, dict[str, int]] = defaultdict(dict)
    for row in trends(events, period=period, by=("event_type",)):
        cells[row.period_start][row.group[0]] = row.events
    bars = []
    starts = period_starts(start, end, period)
    for i, s in enumerate(starts):
        e = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else max(end, s)
        counts = cells.get(s, {})
        order = [t for t in EVENT_TYPES if t in counts] + sorted(t for t in counts if t not in EVENT_TYPES)
        bars.append(ChartBar(start=s, end=e, by_type=tuple((t, counts[t]) for t in order)))
    return period, tuple(bars)


def _pad(box: BBox, fraction: float, minimum: float) -> BBox:
    w, h = max(box[2] - box[0], minimum), max(box[3] - box[1], minimum)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return (cx - w * (0.5 + fraction), cy - h * (0.5 + fraction), cx + w * (0.5 + fraction), cy + h * (0.5 + fraction))


def _union(boxes: Iterable[BBox]) -> BBox | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _map_layers(path: Path | None, iso2: str, name: str, located: Sequence[Event]) -> tuple[tuple[Boundary, ...], BBox | None]:
    points = [(e.longitude, e.latitude, e.longitude, e.latitude) for e in located]
    all_bounds = load_boundaries(path) if path is not None else []
    def is_own(b: Boundary) -> bool:
        return bool(iso2 and b.iso2 == iso2) or b.country.casefold() == name.casefold()

    own = [b for b in all_bounds if is_own(b)]
    box = _union([b.bbox for b in own]) or _union(points)  # type: ignore[arg-type]
    if box is None:
        return (), None
    box = _pad(box, 0.04, 1.0)
    tolerance = max(box[2] - box[0], box[3] - box[1]) * SIMPLIFY_FRACTION
    kept = []
    for b in all_bounds:
        bb = b.bbox
        if bb[0] > box[2] or bb[2] < box[0] or bb[1] > box[3] or bb[3] < box[1]:
            continue
        rings = tuple(tuple(simplify(r, tolerance)) for r in b.rings)
        kept.append(Boundary(name=b.name, iso2=b.iso2, country=b.country,
                             rings=tuple(r for r in rings if len(r) >= 4), label=b.label))
    # the country's own areas are drawn last, on top of their neighbours
    kept.sort(key=is_own)
    return tuple(kept), box


def build_report(
    events: Iterable[Event],
    *,
    country: str,
    start: date,
    end: date,
    boundaries: Path | None = None,
    alerts: Sequence[Alert] = (),
    offensives: Sequence[Offensive] | None = None,
    title: str | None = None,
    top: int = 10,
) -> Report:
    """A situation report on ``country`` (name or ISO-2 code) from ``start`` to ``end`` (inclusive).

    ``events`` should reach back to the period of equal length before ``start``, which the
    headline compares with. ``boundaries`` is a GeoJSON file of admin-1 areas for the map (the
    map fits the country's areas; without a file it fits the events). ``alerts`` are shown as
    given; ``offensives`` are the known ones (None: those recorded on the events' ``offensive_id``).
    """
    if end < start:
        raise ConfigError(f"the report period ends ({end}) before it starts ({start}): swap --from and --to.")
    name = country_name(country)
    iso2 = country_iso2(country)
    mine = in_country(events, country)
    length = timedelta(days=(end - start).days + 1)
    current = sorted((e for e in mine if start <= e.event_date <= end),
                     key=lambda e: (e.event_date, e.admin1, e.location, e.event_id))
    previous = [e for e in mine if start - length <= e.event_date < start]
    headline = Headline(
        events=len(current), fatalities=sum(e.fatalities for e in current),
        previous_events=len(previous), previous_fatalities=sum(e.fatalities for e in previous),
        previous_start=start - length, previous_end=start - timedelta(days=1),
        fatalities_unknown=sum(1 for e in current if e.fatalities_unknown),
    )
    ids = {e.event_id for e in current}
    offs = tuple(o for o in offensives_for(current, offensives) if ids.intersection(o.event_ids))
    period, chart = _chart([e for e in mine if e.event_date <= end], start, end)
    located = [e for e in current if e.latitude is not None and e.longitude is not None]
    bounds, bbox = _map_layers(boundaries, iso2, name, located)
    by_type = _tally(((e.event_type, e) for e in current), len(EVENT_TYPES) + 5)
    return Report(
        title=title or f"{name}: situation report, {start.isoformat()} to {end.isoformat()}",
        country=name, start=start, end=end, headline=headline, by_type=by_type,
        chart_period=period, chart=chart,
        top_actors=_tally(((a, e) for e in current for a in dict.fromkeys((e.actor1, e.actor2)) if a), top),
        top_admin1=_tally(((e.admin1, e) for e in current if e.admin1), top),
        alerts=tuple(alerts), offensives=offs, events=tuple(current),
        boundaries=bounds, bbox=bbox, iso2=iso2,
        boundaries_source=Path(boundaries).name if boundaries is not None else "",
    )
