"""Early-warning alerts over a list of events, each saying why it fired.

Baseline: ACLED's published rules (CODING_RULES.md "Early warning"), counted over the *violent*
events (Battles, Explosions/Remote violence, Violence against civilians, Riots, Excessive force
against protesters) of each admin-1 area per ACLED week (Saturday to Friday):

* ``surge``: this week's count >= 100% above the weekly mean of the previous 4 weeks, that mean >= 1;
* ``threat``: the weekly mean of the latest 4 weeks >= 100% above the weekly mean of the year before
  them (our guard: the latest 4-week mean must be >= 1 and the yearly mean > 0);
* ``country_change``: the country's week against its previous 4-week mean, in ACLED's bands
  (> +25% large increase, +10..+25% moderate increase, -25..+10% limited, < -25% large decrease;
  a low baseline, mean <= 2 and <= 5 events this week, is "limited"). One per country, always.

Beyond ACLED:

* ``unusual_count``: the upper-tail probability of this week's count against the area's own
  history (up to 52 weeks before): negative binomial when that history is over-dispersed, else
  Poisson. Fires when p < ``alpha``. Low-baseline guard: at least ``min_count`` events this week,
  and the baseline mean is floored at one event per history window (a quiet year is not a
  zero-rate year).
* ``new_actor``: an actor active in an admin-1 area this week that was not seen there in the
  previous ``new_actor_weeks`` weeks (civilians, protesters, rioters and unidentified groups are
  not counted as actors; state forces match across regime periods).
* ``offensive``: same-day attacks by one actor on several sites (see :func:`alerts`).

Weeks before the week of the earliest event given are treated as *not covered*, never as
zero-event weeks, so a rule that needs history stays silent until the history is there.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any, Literal

from conflictwatch.records import Event, Offensive, WeekCount
from conflictwatch.watch._offensives import offensives_for
from conflictwatch.watch._periods import acled_week_start
from conflictwatch.watch._select import (
    country_name,
    event_ids,
    in_country,
    is_violent,
    is_violent_type,
)
from conflictwatch.watch._stats import count_tail

__all__ = ["ALERT_COUNT_FIELDS", "ALERT_HISTORY", "ALERT_RECENT", "Alert", "AlertKind", "Severity", "alerts",
           "change_band"]

#: How far back :func:`alerts` looks with its defaults (a year of history, plus the weeks being
#: compared): load events this far before ``as_of`` to compute alerts.
ALERT_HISTORY = timedelta(weeks=60)
#: With weekly counts for the history (``alerts(counts=...)``), events are needed only from this far
#: before the week of ``as_of`` (the new-actor rule's 12 weeks with its defaults).
ALERT_RECENT = timedelta(weeks=12)
#: How the weekly counts given to :func:`alerts` are grouped (``Store.weekly_counts(by=...)``).
ALERT_COUNT_FIELDS = ("country", "admin1", "event_type", "sub_event_type")

AlertKind = Literal["surge", "threat", "country_change", "unusual_count", "new_actor", "offensive"]
Severity = Literal["high", "medium", "low"]

_WEEK = timedelta(days=7)
_KIND_ORDER = ("offensive", "surge", "threat", "unusual_count", "new_actor", "country_change")
_SEVERITY_ORDER = ("high", "medium", "low")
#: Inter codes of the parties that are not armed actors: rioters, protesters, civilians.
_NOT_ACTORS = frozenset({5, 6, 7})
_PERIOD_SUFFIX = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")

SURGE_RULE = "ACLED surge: this week's violent events >= 100% above the previous 4-week weekly mean, mean >= 1"
THREAT_RULE = ("ACLED threat: the latest 4-week weekly mean of violent events >= 100% above the weekly mean "
               "of the year before (guard: 4-week mean >= 1)")
CHANGE_RULE = ("ACLED country change: this week's violent events against the previous 4-week weekly mean "
               "(> +25% large increase, +10..+25% moderate, -25..+10% limited, < -25% large decrease; "
               "mean <= 2 and <= 5 events is limited)")
UNUSUAL_RULE = "upper-tail probability of this week's violent events against the area's weekly history < {alpha:g}"
NEW_ACTOR_RULE = "actor active in the area this week, not seen there in the previous {weeks} weeks"
OFFENSIVE_RULE = "same-day attacks by one actor on several sites (coordinated offensive)"


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert and the numbers behind it.

    ``count`` is this week's count that the rule looked at (violent events in the area, the
    actor's events, or the offensive's sites); ``baseline_mean`` (and ``baseline_variance``)
    summarise the ``baseline_weeks`` weeks it was compared with; ``current_mean`` is the latest
    4-week mean (threat only); ``change_pct`` the change against the baseline mean (None when
    that mean is 0); ``p_value`` and ``model`` come from the statistical test. ``event_ids`` are
    the events behind the alert.
    """

    kind: AlertKind
    severity: Severity
    rule: str
    reason: str
    country: str
    admin1: str
    week_start: date
    week_end: date
    count: int
    event_ids: tuple[str, ...]
    baseline_mean: float | None = None
    baseline_variance: float | None = None
    baseline_weeks: int = 0
    current_mean: float | None = None
    change_pct: float | None = None
    p_value: float | None = None
    model: str = ""
    band: str = ""
    actor: str = ""
    offensive_id: str = ""

    @property
    def area(self) -> str:
        """"Admin1, Country", or the country alone for country-wide alerts."""
        return f"{self.admin1}, {self.country}" if self.admin1 else self.country

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        out = asdict(self)
        out["week_start"] = self.week_start.isoformat()
        out["week_end"] = self.week_end.isoformat()
        out["event_ids"] = list(self.event_ids)
        return out


def change_band(count: int, mean: float) -> tuple[str, float | None]:
    """ACLED's country change band for ``count`` events this week against a weekly ``mean``,
    and the percent change (None when the mean is 0)."""
    pct = (count - mean) / mean * 100.0 if mean > 0 else None
    if mean <= 2 and count <= 5:
        return "limited", pct
    if pct is None or pct > 25:
        return "large increase", pct
    if pct > 10:
        return "moderate increase", pct
    if pct >= -25:
        return "limited", pct
    return "large decrease", pct


def _actor_key(name: str) -> str:
    return _PERIOD_SUFFIX.sub("", name).casefold()


def _actors(event: Event) -> list[str]:
    out = []
    for name, inter in ((event.actor1, event.inter1), (event.actor2, event.inter2)):
        if name and inter not in _NOT_ACTORS and not name.startswith("Unidentified"):
            out.append(name)
    return out


class _Weeks:
    """Events bucketed by ACLED week, their counts per week, and the first covered week."""

    def __init__(self, events: Sequence[Event], coverage: date, counts: dict[date, int] | None = None) -> None:
        self.coverage = coverage
        self.buckets: dict[date, list[Event]] = defaultdict(list)
        for e in events:
            self.buckets[acled_week_start(e.event_date)].append(e)
        self.count = counts if counts is not None else {w: len(evs) for w, evs in self.buckets.items()}

    def counts(self, weeks: Iterable[date]) -> list[int] | None:
        """Counts for these weeks, dropping weeks before coverage; None when none is covered."""
        out = [self.count.get(w, 0) for w in weeks if w >= self.coverage]
        return out or None


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def alerts(
    events: Iterable[Event],
    *,
    as_of: date,
    country: str | None = None,
    offensives: Sequence[Offensive] | None = None,
    alpha: float = 0.01,
    min_count: int = 3,
    history_weeks: int = 52,
    new_actor_weeks: int = 12,
    counts: Sequence[WeekCount] | None = None,
) -> list[Alert]:
    """The alerts for the ACLED week containing ``as_of`` (events after ``as_of`` are ignored).

    ``country`` (name or ISO-2 code) restricts the events. ``offensives`` are known offensives
    (e.g. ``Store.offensives()``); when None, offensives are taken from the events'
    ``offensive_id`` and found with :func:`conflictwatch.merge.find_offensives` among this
    week's events. Alerts come sorted by severity, then kind, then area.

    ``counts``: the events' weekly counts grouped by :data:`ALERT_COUNT_FIELDS` (e.g.
    ``Store.weekly_counts``) over the whole history; the weekly counts the rules compare come from
    them, and ``events`` need only cover the recent weeks (:data:`ALERT_RECENT` before the week of
    ``as_of``), whose events the alerts list. The alerts are those the full history's events give.
    """
    evs = [e for e in in_country(events, country) if e.event_date <= as_of]
    wanted = country_name(country).casefold() if country else None
    days = None if counts is None else [c for c in counts if c.week_start <= as_of
                                        and (wanted is None or c.group[0].casefold() == wanted)]
    if not evs and not days:
        return []
    week = acled_week_start(as_of)
    week_end = week + timedelta(days=6)
    coverage = min(c.week_start for c in days) if days else acled_week_start(min(e.event_date for e in evs))
    out: list[Alert] = []

    by_area: dict[tuple[str, str], list[Event]] = defaultdict(list)
    by_country: dict[str, list[Event]] = defaultdict(list)
    for e in evs:
        if is_violent(e):
            by_country[e.country].append(e)
            if e.admin1:
                by_area[(e.country, e.admin1)].append(e)
    area_counts: dict[tuple[str, str], dict[date, int]] | None = None
    country_counts: dict[str, dict[date, int]] | None = None
    if days is not None:
        area_counts, country_counts = defaultdict(lambda: defaultdict(int)), defaultdict(lambda: defaultdict(int))
        for c in days:
            cntry, admin1, event_type, sub_event_type = c.group
            if is_violent_type(event_type, sub_event_type):
                country_counts[cntry][c.week_start] += c.events
                if admin1:
                    area_counts[(cntry, admin1)][c.week_start] += c.events
        areas = sorted(area_counts)
        countries = sorted(country_counts)
    else:
        areas, countries = sorted(by_area), sorted(by_country)

    prev4 = [week - _WEEK * i for i in range(4, 0, -1)]
    last4 = [week - _WEEK * i for i in range(3, -1, -1)]
    year = [last4[0] - _WEEK * i for i in range(52, 0, -1)]
    history = [week - _WEEK * i for i in range(history_weeks, 0, -1)]

    for cntry, admin1 in areas:
        weeks = _Weeks(by_area.get((cntry, admin1), []), coverage,
                       None if area_counts is None else area_counts[(cntry, admin1)])
        now = weeks.buckets.get(week, [])
        n_now = weeks.count.get(week, 0)
        area_alert = partial(Alert, country=cntry, admin1=admin1, week_start=week, week_end=week_end, count=n_now)
        # ACLED surge
        p4 = weeks.counts(prev4)
        if n_now and p4 is not None and len(p4) == 4:
            mean4 = sum(p4) / 4
            if mean4 >= 1 and n_now >= 2 * mean4:
                pct = (n_now - mean4) / mean4 * 100
                out.append(area_alert(
                    kind="surge", severity="high", rule=SURGE_RULE,
                    reason=(f"{n_now} violent events in {admin1} this week against a weekly mean of "
                            f"{_fmt(mean4)} over the previous 4 weeks (+{pct:.0f}%)"),
                    event_ids=event_ids(now), baseline_mean=mean4, baseline_weeks=4, change_pct=pct))
        # ACLED threat
        l4 = weeks.counts(last4)
        yr = weeks.counts(year)
        if l4 is not None and len(l4) == 4 and yr is not None and len(yr) >= 13:
            cur, mean_y = sum(l4) / 4, sum(yr) / len(yr)
            if cur >= 1 and mean_y > 0 and cur >= 2 * mean_y:
                recent = [e for w in last4 for e in weeks.buckets.get(w, ())]
                out.append(area_alert(
                    kind="threat", severity="high", rule=THREAT_RULE,
                    reason=(f"{_fmt(cur)} violent events a week in {admin1} over the latest 4 weeks against "
                            f"{_fmt(mean_y)} a week over the {len(yr)} weeks before "
                            f"(+{(cur - mean_y) / mean_y * 100:.0f}%)"),
                    event_ids=event_ids(recent), baseline_mean=mean_y, baseline_weeks=len(yr),
                    current_mean=cur, change_pct=(cur - mean_y) / mean_y * 100))
        # statistical test against the area's own history
        hist = weeks.counts(history)
        if n_now >= min_count and hist is not None and len(hist) >= 8:
            mean = statistics.fmean(hist)
            var = statistics.variance(hist)
            floor = max(mean, 1 / len(hist))
            p, model = count_tail(n_now, floor, var)
            if p < alpha and n_now > mean:
                out.append(area_alert(
                    kind="unusual_count", severity="high" if p < alpha / 10 else "medium",
                    rule=UNUSUAL_RULE.format(alpha=alpha),
                    reason=(f"{n_now} violent events in {admin1} this week; over the previous {len(hist)} "
                            f"weeks the area averaged {_fmt(mean)} a week (variance {_fmt(var)}): "
                            f"{model} P(X >= {n_now}) = {p:.2g}"),
                    event_ids=event_ids(now), baseline_mean=mean, baseline_variance=var,
                    baseline_weeks=len(hist), p_value=p, model=model,
                    change_pct=(n_now - mean) / mean * 100 if mean > 0 else None))

    # ACLED country change bands
    for cntry in countries:
        weeks = _Weeks(by_country.get(cntry, []), coverage,
                       None if country_counts is None else country_counts[cntry])
        p4 = weeks.counts(prev4)
        if p4 is None or len(p4) < 4:
            continue
        now = weeks.buckets.get(week, [])
        n_now = weeks.count.get(week, 0)
        mean4 = sum(p4) / 4
        band, change = change_band(n_now, mean4)
        pct_text = f"{change:+.0f}%" if change is not None else "no events in the previous 4 weeks"
        out.append(Alert(
            kind="country_change",
            severity="high" if band == "large increase" else "medium" if band == "moderate increase" else "low",
            rule=CHANGE_RULE,
            reason=(f"{n_now} violent events in {cntry} this week against a weekly mean of {_fmt(mean4)} "
                    f"over the previous 4 weeks ({pct_text}): {band}"),
            country=cntry, admin1="", week_start=week, week_end=week_end, count=n_now,
            event_ids=event_ids(now), baseline_mean=mean4, baseline_weeks=4, change_pct=change, band=band))

    out.extend(_new_actor_alerts(evs, week, coverage, new_actor_weeks))
    out.extend(_offensive_alerts(evs, week, offensives))
    out.sort(key=lambda a: (_SEVERITY_ORDER.index(a.severity), _KIND_ORDER.index(a.kind),
                            a.country, a.admin1, a.actor))
    return out


def _new_actor_alerts(evs: Sequence[Event], week: date, coverage: date, n_weeks: int) -> list[Alert]:
    lookback = week - _WEEK * n_weeks
    if lookback < coverage:
        return []
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    current: dict[tuple[str, str], dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in evs:
        if not e.admin1 or e.event_date < lookback:
            continue
        for name in _actors(e):
            if e.event_date >= week:
                current[(e.country, e.admin1)][name].append(e)
            else:
                seen[(e.country, e.admin1)].add(_actor_key(name))
    out = []
    for (cntry, admin1), actors in sorted(current.items()):
        for name, aevents in sorted(actors.items()):
            if _actor_key(name) in seen[(cntry, admin1)]:
                continue
            out.append(Alert(
                kind="new_actor", severity="medium", rule=NEW_ACTOR_RULE.format(weeks=n_weeks),
                reason=(f"{name} took part in {len(aevents)} event(s) in {admin1} this week and in none there "
                        f"in the previous {n_weeks} weeks"),
                country=cntry, admin1=admin1, week_start=week, week_end=week + timedelta(days=6),
                count=len(aevents), event_ids=event_ids(aevents), baseline_mean=0.0,
                baseline_weeks=n_weeks, actor=name))
    return out


def _offensive_alerts(evs: Sequence[Event], week: date, known: Sequence[Offensive] | None) -> list[Alert]:
    week_events = [e for e in evs if e.event_date >= week]
    by_id = {e.event_id: e for e in evs}
    out = []
    for off in offensives_for(week_events, known):
        if not week <= off.event_date <= week + timedelta(days=6):
            continue
        sites = [by_id[i] for i in off.event_ids if i in by_id]
        places = ", ".join(dict.fromkeys(e.location for e in sites if e.location))
        areas = ", ".join(off.admin1s or tuple(dict.fromkeys(e.admin1 for e in sites if e.admin1)))
        span = f"; sites up to {off.span_km:.0f} km apart" if off.span_km else ""
        out.append(Alert(
            kind="offensive", severity="high", rule=OFFENSIVE_RULE,
            reason=off.reason or (f"{off.actor}: {len(off.event_ids)} attacks on {off.event_date.isoformat()} "
                                  f"at {places} ({areas}){span}"),
            country=sites[0].country if sites else "", admin1=areas, week_start=week,
            week_end=week + timedelta(days=6), count=len(off.event_ids), event_ids=tuple(off.event_ids),
            actor=off.actor, offensive_id=off.offensive_id))
    return out
