"""The watch stage: trends and early-warning alerts over events.

* :func:`trends` counts events and fatalities per ACLED week (Saturday to Friday) or month,
  grouped by any event field (:func:`trends_from_counts`: the same from a store's weekly counts);
* :func:`alerts` applies ACLED's early-warning rules plus a small-count statistical test,
  new-actor and coordinated-offensive alerts; every :class:`Alert` carries the numbers it
  compared and the events behind it.
"""

from __future__ import annotations

from conflictwatch.watch._alerts import (
    ALERT_COUNT_FIELDS,
    ALERT_HISTORY,
    ALERT_RECENT,
    Alert,
    AlertKind,
    Severity,
    alerts,
    change_band,
)
from conflictwatch.watch._offensives import offensives_for, offensives_from_events
from conflictwatch.watch._periods import (
    Period,
    acled_week_start,
    period_end,
    period_start,
    period_starts,
)
from conflictwatch.watch._select import (
    VIOLENT_EVENT_TYPES,
    country_iso2,
    country_name,
    in_country,
    is_violent,
)
from conflictwatch.watch._stats import count_tail, negbin_sf, poisson_sf
from conflictwatch.watch._trends import (
    COUNTED_FIELDS,
    GROUP_FIELDS,
    TrendRow,
    trends,
    trends_from_counts,
)

__all__ = [
    "ALERT_COUNT_FIELDS",
    "ALERT_HISTORY",
    "ALERT_RECENT",
    "COUNTED_FIELDS",
    "GROUP_FIELDS",
    "VIOLENT_EVENT_TYPES",
    "Alert",
    "AlertKind",
    "Period",
    "Severity",
    "TrendRow",
    "acled_week_start",
    "alerts",
    "change_band",
    "count_tail",
    "country_iso2",
    "country_name",
    "in_country",
    "is_violent",
    "negbin_sf",
    "offensives_for",
    "offensives_from_events",
    "period_end",
    "period_start",
    "period_starts",
    "poisson_sf",
    "trends",
    "trends_from_counts",
]
