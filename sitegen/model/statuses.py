"""Concern statuses derived from the dated entries: periods, current status, status on a day.

An entry that sets ``status`` starts that status on its date; it lasts until a later entry
sets a different one. Consecutive entries that set the same status extend one period (a
follow-up inspection that keeps the protocol in place does not start a new one). A
partial date counts from the first day of its period (see dates.py).

Where the sources fall short, a period says so. Its start is unconfirmed when the entry that
began it has `status_start: unconfirmed` (the status was in force by then, since when is not
known), and its end is unconfirmed when one of its entries has `status_end: unconfirmed`
(nothing says when it ended) or the next period's start is unconfirmed. Such a period is
known to have lasted at least until its last entry (`last_seen`).

Everything the site says of statuses over time comes from these periods: the tables, the
pictures (site/charts.py), the pages of each year, the totals of time under escalation and
the open data from which the status on any day is worked out in the browser.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.model.dates import PartialDate
from sitegen.model.records import Entry


@dataclass(frozen=True)
class StatusPeriod:
    """A span of time during which an authority had one concern status."""

    status: str
    start: PartialDate
    end: PartialDate | None
    days: int
    entry_ids: tuple[str, ...]
    start_confirmed: bool = True
    end_confirmed: bool = True
    # The date of the last entry that set or kept it: the sources show it in force until
    # then at least, whether or not its end is confirmed.
    last_seen: PartialDate | None = None

    @property
    def is_current(self) -> bool:
        return self.end is None

    def covers(self, day: dt.date) -> bool:
        """Say whether the status was in force on a calendar day."""
        return self.start.first_day <= day and (self.end is None or day < self.end.first_day)


def derive_periods(entries: Sequence[Entry], today: dt.date) -> tuple[StatusPeriod, ...]:
    """Return an authority's status periods, oldest first, from its entries."""
    setting = sorted((entry for entry in entries if entry.status), key=lambda e: e.sort_key)
    runs: list[list[Entry]] = []
    for entry in setting:
        if runs and runs[-1][0].status == entry.status:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    periods = []
    for number, run in enumerate(runs):
        following = runs[number + 1][0] if number + 1 < len(runs) else None
        start = run[0].date
        end = following.date if following else None
        until = end.first_day if end else today
        periods.append(
            StatusPeriod(
                status=run[0].status or "",
                start=start,
                end=end,
                days=(until - start.first_day).days,
                entry_ids=tuple(entry.id for entry in run),
                start_confirmed=run[0].start_confirmed,
                end_confirmed=all(entry.end_confirmed for entry in run)
                and (following is None or following.start_confirmed),
                last_seen=run[-1].date,
            )
        )
    return tuple(periods)


def status_on(periods: Sequence[StatusPeriod], day: dt.date) -> StatusPeriod | None:
    """Return the period in force on a day, or None when no entry had set a status yet.

    An authority's periods (derive_periods) follow one another, oldest first, each ending
    where the next starts: the one in force is the last to have started by then, if it has
    not ended. Found by bisection, as every year's page asks it of every authority."""
    last = bisect.bisect_right(periods, day, key=lambda period: period.start.first_day) - 1
    return periods[last] if last >= 0 and periods[last].covers(day) else None


@dataclass(frozen=True)
class TimeIn:
    """The time an authority spent in one status, over all its periods in it."""

    status: str
    days: int
    # False when a start or an end of one of the periods is not confirmed: the days are
    # then counted between the entries' dates, as the periods are.
    confirmed: bool


def time_in(periods: Sequence[StatusPeriod], statuses: Sequence[str]) -> tuple[TimeIn, ...]:
    """Return the days spent in each of the statuses given, in their order, leaving out
    those never in force; the days of a status in force now are counted to today."""
    times = []
    for status in statuses:
        spans = [period for period in periods if period.status == status]
        if spans:
            days = sum(period.days for period in spans)
            confirmed = all(p.start_confirmed and p.end_confirmed for p in spans)
            times.append(TimeIn(status, days, confirmed))
    return tuple(times)


def current_period(periods: Sequence[StatusPeriod]) -> StatusPeriod | None:
    """Return the status in force now, or None for an authority with no status yet."""
    return periods[-1] if periods else None


def status_after_each(
    entries: Sequence[Entry], periods: Sequence[StatusPeriod]
) -> dict[str, StatusPeriod | None]:
    """Return, for each entry (oldest first), the period in force once it is counted: of
    the periods that have started by then, the last in order.

    One pass over each: a record of thousands of entries has hundreds of periods."""
    position = {entry.id: number for number, entry in enumerate(entries)}
    # The last period (by its place in order) to start at each entry.
    starting: dict[int, int] = {}
    for order, period in enumerate(periods):
        starting[position[period.entry_ids[0]]] = order
    result: dict[str, StatusPeriod | None] = {}
    latest = -1
    for number, entry in enumerate(entries):
        latest = max(latest, starting.get(number, -1))
        result[entry.id] = periods[latest] if latest >= 0 else None
    return result
