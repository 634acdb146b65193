"""Find event dates in English and French sentences and resolve them to ACLED dates.

A compiled-regex grammar over the words in ``data/date_words.json`` (months, weekdays, relative
phrases, month modifiers) finds every date expression in a sentence with its character span, and
resolves it against the report's publication date with ACLED's ``time_precision``:

* 1 -- an exact day ("30 December 2019", "on Tuesday", "hier", "le 1er juillet");
* 2 -- a known week, coded to its middle ("last week", "la semaine dernière");
* 3 -- a known month only, coded to the 15th, or the 1st / last day for "early" / "late"
  ("in June", "début juin", "fin juin", "last month").

Conventions (CODING_RULES.md "Time"):

* A day and month without a year take the publication year, or the year before when that date
  would fall after publication.
* "on Tuesday" is the latest Tuesday on or before publication (the publication day itself if it is
  a Tuesday); "last Tuesday" / "mardi dernier" is strictly before publication.
* A night spanning two days ("the night of 3 to 4 May", "dans la nuit de dimanche à lundi") is
  coded to the day it began; a range of days ("between 3 and 5 June") to its first day, with the
  last day in :attr:`DateMention.until`.
* A range across two months ("from 30 May to 2 June") is coded to its first day, with ``until``.
* "on the 27th" / "le 27," is that day of the publication month (or of the month before when it
  would fall after publication).
* A number after a month that counts something is no day: "In May 12 people were killed" is May.
* A date more than a year before publication, after it, just after it (a yearless day coded a year
  back), or introduced by "since", "back in", "depuis"... is marked ``background``: context, not
  the event's date.
* Weeks run Monday to Sunday; "last week" is coded to the Thursday of the previous week. Month
  codes never fall after publication ("in June" in a report of 10 June is 10 June, precision 3).

English month names are ambiguous ("May", "March"), so a month counts only when it carries a day,
a year or a month modifier ("in", "early"...), and English names must be capitalised; an
abbreviated month ("Jan", "Mar") counts only with a day or a year. French
"sept" (seven) is a month only as "sept." after a day. Relative expressions need a publication
date; without one they are skipped.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "DateMention", "find_dates", "resolve_date"]

_Day = date  # the field DateMention.date hides the type inside the class

#: Languages the grammar covers.
LANGUAGES: tuple[str, ...] = ("en", "fr")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a sentence, resolved to an ACLED event date.

    ``start``/``end`` are character offsets in the sentence (``text == sentence[start:end]``);
    ``relative`` is true when the date was computed from the publication date; ``until`` is the
    last day of a range ("between 3 and 5 June") or ``None``; ``future`` is true for a date after
    publication (no event of the report can fall then). ``background`` is true when the date
    is context rather than the event's own date: more than a year before publication ("on 3 May
    2012" in a report of 2019), after it, or introduced by a word such as "since", "back in",
    "depuis".
    """

    date: _Day
    precision: int
    start: int
    end: int
    text: str
    relative: bool
    until: _Day | None = None
    background: bool = False
    future: bool = False  # after publication, or a yearless day just after it read a year back


# --------------------------------------------------------------------------- data and regexes

_Resolved = tuple[date, int, bool, date | None]
_Handler = Callable[["re.Match[str]", date | None], _Resolved | None]


@cache
def _words() -> dict[str, Any]:
    text = resources.files("conflictwatch.data").joinpath("date_words.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _phrase(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, with flexible whitespace and hyphens."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.sub(r"['’]", "['’]", re.escape(word).replace(r"\ ", r"\s+"))
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


def _cased(words: Iterable[str]) -> list[str]:
    """English proper names as written in running text and in headlines."""
    out: list[str] = []
    for word in words:
        out += [word, word.upper()]
    return out


class _Grammar:
    """The compiled patterns of one language, each with the function that resolves it."""

    def __init__(self, lang: str) -> None:
        w = _words()[lang]
        self.lang = lang
        self.months: dict[str, int] = {k.lower(): v for k, v in w["months"].items()}
        self.months.update({k.lower().rstrip("."): v for k, v in w["month_abbreviations"].items()})
        self.weekdays: dict[str, int] = {k.lower(): v for k, v in w["weekdays"].items()}
        self.relative: dict[str, tuple[str, int]] = {
            self._norm(k): (v[0], v[1]) for k, v in w["relative"].items()
        }
        self.modifiers: dict[str, str] = {self._norm(k): v for k, v in w["month_modifiers"].items()}
        self.wd_pre: dict[str, str] = {self._norm(k): v for k, v in w["weekday_prefixes"].items()}
        self.wd_post: dict[str, str] = {self._norm(k): v for k, v in w["weekday_suffixes"].items()}
        self.numbers: dict[str, int] = {k.lower(): v for k, v in w["small_numbers"].items()}
        self.ago_units: dict[str, str] = {k.lower(): v for k, v in w["ago"].items()}
        self.patterns: list[tuple[re.Pattern[str], _Handler, str]] = []
        # Words every pattern of a kind needs: a sentence without them skips those patterns.
        names = _phrase(
            _cased([*w["months"], *w["month_abbreviations"]])
            if lang == "en"
            else [*w["months"], *w["month_abbreviations"]]
        )
        weekdays = _phrase(_cased(w["weekdays"]) if lang == "en" else w["weekdays"])
        flags = 0 if lang == "en" else re.IGNORECASE
        self.needs = {
            "month": re.compile(rf"(?<!\w){names}", flags),
            "weekday": re.compile(rf"(?<!\w){weekdays}", flags),
            "digit": re.compile(r"\d"),
        }
        self.count = _phrase(w["count_words"]) if w["count_words"] else r"(?!)"
        bg = _phrase(w["background_words"])
        self.background_before = re.compile(
            rf"(?<![\w-])(?:{bg})\s+(?:the\s+|le\s+|la\s+|l['’])?$", re.IGNORECASE
        )
        self.background_joined = re.compile(rf"(?<![\w-])(?:{bg})$", re.IGNORECASE)
        if lang == "en":
            self._build_en(w)
        else:
            self._build_fr(w)

    @staticmethod
    def _norm(text: str) -> str:
        return re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()

    # ---- shared fragments
    def _common(self, w: dict[str, Any]) -> None:
        add = self._add
        # ISO and day/month/year numerals.
        add(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b", self._numeric, 0)
        add(
            r"(?<![\d/.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/])",
            self._numeric,
            0,
        )
        # Relative phrases ("yesterday", "la semaine dernière").
        rel = _phrase(w["relative"])
        add(rf"(?<![\w-])(?P<rel>{rel})(?![\w-])", self._relative, re.IGNORECASE)
        # "three days ago", "il y a deux semaines".
        num = _phrase(list(w["small_numbers"]))
        unit = _phrase(list(w["ago"]))
        ago = w["ago_pattern"].replace(" ", r"\s+")
        # "exactly a week ago", "il y a tout juste une semaine": a day, not a week
        exact = rf"(?:(?P<exact>{_phrase(w.get('ago_exact', []))})\s+)?" if w.get("ago_exact") else ""
        ago = ago.format(n=rf"{exact}(?P<n>\d{{1,2}}|{num})", unit=rf"(?P<unit>{unit})")
        add(rf"(?<![\w-])(?i:{ago})(?![\w-])", self._ago, 0)

    def _add(self, pattern: str, handler: _Handler, flags: int) -> None:
        if "(?P<mon>" in pattern:
            need = "month"
        elif handler in (self._weekday, self._weekday_night):
            need = "weekday"
        elif "(?P<d>" in pattern:
            need = "digit"
        else:
            need = ""
        self.patterns.append((re.compile(pattern, flags), handler, need))

    def _build_en(self, w: dict[str, Any]) -> None:
        full = _phrase(_cased(w["months"]))
        abbr = _phrase(_cased(w["month_abbreviations"]))
        mon = rf"(?P<mon>{full}(?!\w)|{abbr}(?!\w)\.?)"
        wd_words = _cased(w["weekdays"])
        wd = rf"(?P<wd>{_phrase(wd_words)})(?!\w)"
        wd1 = rf"(?P<wd1>{_phrase(wd_words)})(?!\w)"
        wd2 = rf"(?P<wd2>{_phrase(wd_words)})(?!\w)"
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d)(?!\w)"
        d1 = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        d2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
        year = r"(?P<y>(?:19|20)\d\d)(?![\d,.]\d)"
        self._common(w)
        add = self._add
        # "Tuesday, 30 December 2019", "the 3rd of June".
        add(
            rf"(?<!\w)(?:{wd},?\s+)?(?:(?i:the)\s+)?{day}(?:\s+of)?\s+{mon}(?:,?\s+{year})?",
            self._absolute,
            0,
        )
        # "Tuesday, July 1, 2025", "December 30 2019", "October, 27th"; not "In May 12 people
        # were killed" (a count), unless "On May 12 people ...".
        count = rf"(?P<cnt>(?=\s+(?i:{self.count})(?:(?<=['’])|(?!\w))))?"
        add(
            rf"(?<!\w)(?:{wd},?\s+)?{mon}(?:\s+|(?<=\.)|,\s+(?=[0-3]?\d(?:st|nd|rd|th)(?!\w)))"
            rf"{day}(?:,?\s+{year}|{count})",
            self._absolute,
            0,
        )
        # "on the 27th" (of the publication month, or the month before).
        add(
            r"(?<![\w-])(?i:on\s+the)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?![\w-])"
            r"(?=\s*(?:[,.;:)]|$)|\s+(?i:at|in|near|when|as|and|morning|night|evening|afternoon)"
            r"(?!\w))",
            self._day_of_month,
            0,
        )
        # "in June 2025", "early June", "mid-June", "June 2025"; "Jan", "Mar" only with a year.
        mods = _phrase(w["month_modifiers"])
        mon_m = rf"(?P<mon>{full}(?!\w)|{abbr}(?=\.?,?\s+(?:19|20)\d\d)\.?)"
        not_day = rf"(?!\s*\d(?!\d*\s+(?i:{self.count})(?:(?<=['’])|(?!\w))))"
        add(
            rf"(?<![\w-])(?:(?P<mod>(?i:{mods}))(?:\s+|-))?{mon_m}(?:,?\s+{year})?{not_day}",
            self._month,
            0,
        )
        # "between 3 and 5 June", "from 3 to 5 June", "3-5 June", "from 30 May to 2 June",
        # "May 30 - June 2, 2019".
        before = _phrase(w["range_before"])
        join = _phrase(w["range_join"])
        mon1 = rf"(?P<mon1>{full}(?!\w)|{abbr}(?!\w)\.?)"
        mon2 = rf"(?P<mon2>{full}(?!\w)|{abbr}(?!\w)\.?)"
        add(
            rf"(?<![\w-])(?:(?i:{before})\s+)?{d1}(?:(?:\s+of)?\s+{mon1})?\s*(?i:{join})\s*"
            rf"(?:the\s+)?{d2}(?:\s+of)?\s+{mon}(?:,?\s+{year})?",
            self._range,
            0,
        )
        add(
            rf"(?<![\w-])(?:(?i:{before})\s+)?{mon}(?:\s+|(?<=\.)){d1}\s*(?i:{join})\s*(?:{mon2}\s+)?{d2}"
            rf"(?:,?\s+{year})?",
            self._range,
            0,
        )
        # "on the night of 3 to 4 May", "overnight Sunday to Monday".
        night = (
            r"(?i:(?:(?:on|in|during)\s+)?the\s+night\s+(?:of|from|between)|overnight(?:\s+from)?)"
        )
        add(
            rf"(?<![\w-]){night}\s+(?:{wd1},?\s+)?{d1}\s*(?i:to|into|and|-|–)\s*(?:{wd2},?\s+)?"
            rf"{d2}(?:\s+of)?\s+{mon}(?:,?\s+{year})?",
            self._range_night,
            0,
        )
        add(rf"(?<![\w-]){night}\s+{wd1}\s+(?i:to|into|and|-|–)\s+{wd2}", self._weekday_night, 0)
        # "on Tuesday", "last Tuesday", "Tuesday night"; never "next Tuesday".
        pre = _phrase(w["weekday_prefixes"])
        post = _phrase(w["weekday_suffixes"])
        future = "".join(rf"(?i:(?<!{re.escape(f)}\s))" for f in w["future_words"])
        add(
            rf"(?<![\w-]){future}(?:(?P<pre>(?i:{pre}))\s+)?{wd}(?:\s+(?P<post>(?i:{post}))(?!\w))?",
            self._weekday,
            0,
        )

    def _build_fr(self, w: dict[str, Any]) -> None:
        full = _phrase(w["months"])
        abbr = _phrase(w["month_abbreviations"])
        mon = rf"(?P<mon>{full}(?!\w)|{abbr})"
        mon_full = rf"(?P<mon>{full}(?!\w))"
        wd_alt = _phrase(w["weekdays"])
        wd = rf"(?P<wd>{wd_alt})(?!\w)"
        wd1 = rf"(?P<wd1>{wd_alt})(?!\w)"
        wd2 = rf"(?P<wd2>{wd_alt})(?!\w)"
        day = r"(?P<d>[0-3]?\d)(?:er|ᵉʳ|e)?(?![\d,.]\d)(?!\w)"
        d1 = r"(?P<d>[0-3]?\d)(?:er|ᵉʳ)?"
        d2 = r"(?P<d2>[0-3]?\d)(?:er|ᵉʳ)?(?!\d)"
        year = r"(?P<y>(?:19|20)\d\d)(?![\d,.]\d)"
        flags = re.IGNORECASE
        self._common(w)
        add = self._add
        # "lundi 30 décembre 2019", "le 1er juillet".
        add(rf"(?<!\w)(?:{wd},?\s+)?{day}\s+{mon}(?:\s+{year})?", self._absolute, flags)
        # "le 3 courant" (this month).
        add(rf"(?<!\w)(?:{wd}\s+)?{day}\s+(?P<cur>courant)(?!\w)", self._absolute, flags)
        # "en juin 2025", "début juin", "mi-juin", "juin 2025".
        mods = _phrase(w["month_modifiers"])
        add(
            rf"(?<![\w-])(?:(?P<mod>{mods})\s*)?{mon_full}(?:\s+{year})?"
            rf"(?!\s*\d(?!\d*\s+(?:{self.count})(?:(?<=['’])|(?!\w))))",
            self._month,
            flags,
        )
        # "du 3 au 5 juin", "entre le 3 et le 5 juin", "les 3 et 4 juin".
        before = _phrase(w["range_before"])
        join = _phrase(w["range_join"])
        # "le 27," (of the publication month, or the month before).
        add(
            r"(?<![\w-])le\s+(?P<d>[0-3]?\d)(?:er|ᵉʳ)?(?![\w-])"
            r"(?=\s*[,.;)]|\s+(?:au|dans|à|vers|près)(?!\w))",
            self._day_of_month,
            flags,
        )
        # "du 30 mai au 2 juin".
        mon1 = rf"(?P<mon1>{full}(?!\w)|{abbr})"
        add(
            rf"(?<![\w-])(?:{before}\s+)?(?:{wd1}\s+)?{d1}(?:\s+{mon1})?\s*{join}\s*"
            rf"(?:{wd2}\s+)?{d2}\s+{mon}(?:\s+{year})?",
            self._range,
            flags,
        )
        # "dans la nuit du 3 au 4 mai", "dans la nuit de dimanche à lundi".
        night = r"(?:dans\s+)?la\s+nuit\s+(?:du|de|d['’])"
        add(
            rf"(?<![\w-]){night}\s*(?:{wd1}\s+)?{d1}\s+(?:au|à|a)\s+(?:{wd2}\s+)?{d2}\s+{mon}"
            rf"(?:\s+{year})?",
            self._range_night,
            flags,
        )
        add(rf"(?<![\w-]){night}\s*{wd1}\s+(?:au|à|a)\s+{wd2}", self._weekday_night, flags)
        # "lundi", "mardi dernier", "ce lundi soir"; never "mardi prochain".
        pre = _phrase(w["weekday_prefixes"])
        post = _phrase(w["weekday_suffixes"])
        future = _phrase(w["future_words"])
        add(
            rf"(?<![\w-])(?:(?P<pre>{pre})\s+)?{wd}(?!\s+{future})(?:\s+(?P<post>{post})(?!\w))?",
            self._weekday,
            flags,
        )

    # ---- resolvers
    def _month_of(self, m: re.Match[str]) -> int:
        return self.months[m.group("mon").lower().rstrip(".")]

    @staticmethod
    def _int(m: re.Match[str], name: str) -> int | None:
        value = m.groupdict().get(name)
        return int(value) if value else None

    def _numeric(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if self.lang == "en" and mo > 12 and d <= 12:  # "12/30/2019"
            mo, d = d, mo
        day = _safe_date(y, mo, d)
        return (day, 1, False, None) if day else None

    def _day_month(
        self, m: re.Match[str], published: date | None, d: int, month: int
    ) -> tuple[date, bool] | None:
        """A day and month with the sentence's year, or the publication year (or the one before)."""
        year = self._int(m, "y")
        if year is not None:
            day = _safe_date(year, month, d)
            if day is not None and published is not None:
                day = self._year_typo(m, day, published)
            return (day, False) if day else None
        if published is None:
            return None
        day = _safe_date(published.year, month, d)
        if day is not None and day > published:
            day = _safe_date(published.year - 1, month, d)
        return (day, True) if day else None

    def _year_typo(self, m: re.Match[str], day: date, published: date) -> date:
        """``day``, or the same day a year later or earlier when the weekday the text names with it
        does not fall on ``day`` but falls on that one, within the year before publication
        ("samedi 2 janvier 2020" in a report of 3 January 2021: 2 January 2020 was a Thursday)."""
        wd = m.groupdict().get("wd")
        if not wd or wd.lower() not in self.weekdays:
            return day
        named = self.weekdays[wd.lower()]
        if day.weekday() == named:
            return day
        for year in (day.year + 1, day.year - 1):
            other = _safe_date(year, day.month, day.day)
            if other is not None and other.weekday() == named and timedelta(0) <= published - other <= timedelta(days=366):
                return other
        return day

    def _absolute(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if m.groupdict().get("cnt") is not None and not re.search(
            r"(?i)(?<!\w)on\s+$", m.string[max(0, m.start() - 4) : m.start()]
        ):
            return None  # "In May 12 people were killed"
        d = int(m.group("d"))
        if m.groupdict().get("cur"):
            if published is None:
                return None
            day = _safe_date(published.year, published.month, d)
            return (day, 1, True, None) if day and day <= published else None
        found = self._day_month(m, published, d, self._month_of(m))
        return (found[0], 1, found[1], None) if found else None

    def _range(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if m.groupdict().get("mon1") or m.groupdict().get("mon2"):
            return self._range_months(m, published)
        d1, d2 = int(m.group("d")), int(m.group("d2"))
        if d2 <= d1:
            return None
        month = self._month_of(m)
        first = self._day_month(m, published, d1, month)
        if first is None:
            return None
        last = _safe_date(first[0].year, month, d2)
        return (first[0], 1, first[1], last) if last else None

    def _range_months(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        d1, d2 = int(m.group("d")), int(m.group("d2"))
        names = m.groupdict()
        month1 = self.months[(names.get("mon1") or names["mon"]).lower().rstrip(".")]
        month2 = self.months[(names.get("mon2") or names["mon"]).lower().rstrip(".")]
        if month1 == month2:
            return None
        last = self._day_month(m, published, d2, month2)
        if last is None:
            return None
        first = _safe_date(last[0].year - (month1 > month2), month1, d1)
        if first is None or first >= last[0]:
            return None
        return (first, 1, last[1], last[0])

    def _day_of_month(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if published is None:
            return None
        d = int(m.group("d"))
        day = _safe_date(published.year, published.month, d)
        if day is None or day > published:
            back = published.replace(day=1) - timedelta(days=1)
            day = _safe_date(back.year, back.month, d)
        return (day, 1, True, None) if day else None

    def _range_night(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        d1, d2 = int(m.group("d")), int(m.group("d2"))
        month = self._month_of(m)
        if d2 == d1 + 1:
            first = self._day_month(m, published, d1, month)
            return (first[0], 1, first[1], None) if first else None
        if d2 == 1 and d1 >= 28:  # "the night of 31 May to 1 June" written "31 to 1 June"
            last = self._day_month(m, published, d2, month)
            return (last[0] - timedelta(days=1), 1, last[1], None) if last else None
        return None

    def _weekday_night(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if published is None:
            return None
        wd1, wd2 = (self.weekdays[m.group(g).lower()] for g in ("wd1", "wd2"))
        if (wd1 + 1) % 7 != wd2:
            return None
        second = published - timedelta(days=(published.weekday() - wd2) % 7)
        return (second - timedelta(days=1), 1, True, None)

    def _weekday(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if published is None:
            return None
        wd = self.weekdays[m.group("wd").lower()]
        pre, post = m.group("pre"), m.group("post")
        strict = (pre is not None and self.wd_pre[self._norm(pre)] == "before") or (
            post is not None and self.wd_post[self._norm(post)] == "before"
        )
        back = (published.weekday() - wd) % 7
        if strict and back == 0:
            back = 7
        return (published - timedelta(days=back), 1, True, None)

    def _relative(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if published is None:
            return None
        kind, offset = self.relative[self._norm(m.group("rel"))]
        return _relative_date(kind, offset, published)

    def _ago(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        if published is None:
            return None
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else self.numbers[raw]
        if self.ago_units[m.group("unit").lower()] == "day":
            return (published - timedelta(days=n), 1, True, None)
        exact = m.groupdict().get("exact") is not None
        return (published - timedelta(days=7 * n), 1 if exact else 2, True, None)

    def _month(self, m: re.Match[str], published: date | None) -> _Resolved | None:
        mod_text = m.group("mod")
        year = self._int(m, "y")
        if mod_text is None and year is None:
            return None  # a bare month name ("May", "March") is not a date
        mod = self.modifiers[self._norm(mod_text)] if mod_text else "month"
        month = self._month_of(m)
        relative = year is None
        if year is None:
            if published is None:
                return None
            year = published.year if month <= published.month else published.year - 1
        last = calendar.monthrange(year, month)[1]
        d = {"early": 1, "late": last}.get(mod, 15)
        day = date(year, month, d)
        if (
            published is not None
            and day > published
            and (year, month)
            == (
                published.year,
                published.month,
            )
        ):
            day = published
        return (day, 3, relative, None)


def _just_after(mention: DateMention, published: date) -> bool:
    """True for a day and month without a year that fall just after publication ("claimed the
    attack on October 17" in a report of 11 October): coded a year back, it is no event date."""
    if not mention.relative or mention.precision != 1 or mention.date.year != published.year - 1:
        return False
    ahead = _safe_date(published.year, mention.date.month, mention.date.day)
    return ahead is not None and 0 < (ahead - published).days <= 45


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative_date(kind: str, offset: int, published: date) -> _Resolved:
    if kind == "day":
        return (published + timedelta(days=offset), 1, True, None)
    if kind == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return (min(monday + timedelta(days=3), published), 2, True, None)
    if kind == "weekend":
        back = (published.weekday() - 5) % 7
        saturday = published - timedelta(days=back)
        return (saturday, 2, True, None)
    # month
    year, month = published.year, published.month + offset
    while month < 1:
        year, month = year - 1, month + 12
    return (min(date(year, month, 15), published), 3, True, None)


@cache
def _grammar(lang: str) -> _Grammar:
    return _Grammar(lang)


def _language(lang: str) -> str:
    code = (lang or "en").lower()[:2]
    return code if code in LANGUAGES else "en"


# --------------------------------------------------------------------------- public API


def find_dates(sentence: str, *, published: date | None, lang: str) -> list[DateMention]:
    """Every date expression in ``sentence``, resolved against ``published``, in text order.

    Overlapping matches keep the longest ("Tuesday, July 1, 2025" is one mention, not three).
    ``lang`` is "en" or "fr" (anything else is read as English). Relative expressions are
    skipped when ``published`` is None.
    """
    grammar = _grammar(_language(lang))
    candidates: list[DateMention] = []
    present: dict[str, bool] = {"": True}
    for pattern, handler, need in grammar.patterns:
        if need not in present:
            present[need] = grammar.needs[need].search(sentence) is not None
        if not present[need]:
            continue
        for m in pattern.finditer(sentence):
            resolved = handler(m, published)
            if resolved is None:
                continue
            start, end = m.span()
            text = sentence[start:end]
            stripped = text.rstrip(" ,")
            end -= len(text) - len(stripped)
            day, precision, relative, until = resolved
            candidates.append(DateMention(day, precision, start, end, stripped, relative, until))
    candidates.sort(key=lambda c: (c.start - c.end, c.start))
    chosen: list[DateMention] = []
    for cand in candidates:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [_with_background(c, sentence, published, grammar) for c in chosen]


def _with_background(
    mention: DateMention, sentence: str, published: date | None, grammar: _Grammar
) -> DateMention:
    """``mention`` with ``background`` set when it dates context rather than the event."""
    future = published is not None and (mention.date > published or _just_after(mention, published))
    far = future or (published is not None and mention.date < published - timedelta(days=366))
    before = sentence[max(0, mention.start - 30) : mention.start]
    first = mention.text.split(maxsplit=1)[0] if mention.text else ""
    said = bool(grammar.background_before.search(before)) or (
        before.endswith(" ") and bool(grammar.background_joined.search(before + first))
    )
    if not (far or said):
        return mention
    return replace(mention, background=True, future=future)


def resolve_date(text: str, *, published: date | None, lang: str) -> DateMention | None:
    """The best date in ``text``: the most precise mention, the earliest among equals, preferring
    event dates to background ones.

    Returns None when ``text`` names no date (callers then fall back on the publication date,
    as ACLED does).
    """
    mentions = find_dates(text, published=published, lang=lang)
    if not mentions:
        return None
    return min(mentions, key=lambda d: (d.background, d.precision, d.start))
