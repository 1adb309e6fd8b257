"""How values are shown to a reader: dates and durations by locale, vocabulary labels."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from babel.dates import format_date, get_month_names

from sitegen.model.dates import DateRange, PartialDate, Precision
from sitegen.model.statuses import StatusPeriod

# Babel locale for each site language: British English spells dates as a UK reader expects.
LOCALES = {"en": "en_GB", "cy": "cy"}
_PATTERNS = {Precision.DAY: "d MMMM y", Precision.MONTH: "LLLL y", Precision.YEAR: "y"}

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


# The same few thousand dates recur on every page; Babel takes 50 microseconds a date.
@functools.lru_cache(maxsize=8192)
def show_date(date: PartialDate, language: str) -> str:
    """Return a date as words, to its precision: '19 November 2012', 'November 2012', '2007'."""
    return format_date(date.first_day, _PATTERNS[date.precision], locale=LOCALES[language])


def month_names(language: str) -> dict[str, list[str]]:
    """Return the month names that show_date writes, January first: as part of a date
    ('format', 'd MMMM y') and alone with the year ('alone', 'LLLL y'), for dates written in
    the browser (static/on-day.js)."""
    locale = LOCALES[language]
    return {
        "format": list(get_month_names("wide", "format", locale).values()),
        "alone": list(get_month_names("wide", "stand-alone", locale).values()),
    }


EN_DASH = "\N{EN DASH}"

# How a range leaves out what its two ends share: the day range "23-27 May 2022" keeps
# only the end's month and year, "28 March - 8 April 2022" only its year.
_SHARED = {
    (Precision.DAY, "month"): "d",
    (Precision.DAY, "year"): "d MMMM",
    (Precision.MONTH, "year"): "LLLL",
}


def show_date_range(span: DateRange, language: str) -> str:
    """Return a range as words: '23-27 May 2022', 'January - May 2014' (with en dashes)."""
    start, end = span.start, span.end
    if end is None:
        return show_date(start, language)
    if start.precision is end.precision and start.year == end.year:
        same_month = start.month == end.month
        pattern = _SHARED.get((start.precision, "month" if same_month else "year"))
        if pattern:
            first = format_date(start.first_day, pattern, locale=LOCALES[language])
            joint = EN_DASH if pattern == "d" else f" {EN_DASH} "
            return f"{first}{joint}{show_date(end, language)}"
    return f"{show_date(start, language)} {EN_DASH} {show_date(end, language)}"


def months_between(start: dt.date, end: dt.date) -> int:
    """Return the whole calendar months from one day to a later one."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def show_duration(
    period: StatusPeriod, today: dt.date, gettext: Gettext, ngettext: Ngettext
) -> str:
    """Return a period's length in words ('2 years 5 months'); 'about' when a date is partial."""
    start = period.start.first_day
    end = period.end.first_day if period.end else today
    months = months_between(start, end)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(num)d year", "%(num)d years", years) % {"num": years})
    if months:
        parts.append(ngettext("%(num)d month", "%(num)d months", months) % {"num": months})
    if not parts:
        days = (end - start).days
        parts.append(ngettext("%(num)d day", "%(num)d days", days) % {"num": days})
    text = " ".join(parts)
    # Where the sources leave an end open, the length is a bound: a period whose end is not
    # confirmed may have been shorter; one whose start is not confirmed, longer.
    if not period.end_confirmed and not period.start_confirmed:
        return gettext("about %(length)s, not confirmed") % {"length": text}
    if not period.end_confirmed:
        return gettext("at most %(length)s") % {"length": text}
    if not period.start_confirmed:
        return gettext("at least %(length)s") % {"length": text}
    partial = period.start.precision is not Precision.DAY or (
        period.end is not None and period.end.precision is not Precision.DAY
    )
    return gettext("about %(length)s") % {"length": text} if partial else text
