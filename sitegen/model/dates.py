"""Dates that may be known only to the month or the year.

A partial date counts from the first day of its period: ``2012-11`` sorts as
1 November 2012, before ``2012-11-19``. When two dates start on the same day the less
precise one comes first (``2012`` before ``2012-01-01``), so an entry known only to the
month or year is shown before the dated entries of that month or year.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass


class Precision(enum.IntEnum):
    """How much of a date the sources give."""

    YEAR = 1
    MONTH = 2
    DAY = 3


# [0-9], not \d, which would also take other scripts' digits (see patterns.py).
_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class DateError(ValueError):
    """A value that is not a date in one of the accepted forms."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read YYYY-MM-DD, YYYY-MM or YYYY; raise DateError with the reason otherwise."""
        match = _SHAPE.fullmatch(text.strip())
        if not match:
            raise DateError(f"'{text}' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            # Month and day 00 are not dates: only a missing part counts as the first.
            dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            raise DateError(
                f"'{text}' is not a real date (check the month and day; "
                "write YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """Return the day-precision date of a calendar date."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> dt.date:
        """Return the first calendar day of the period this date names."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """Return the last calendar day of the period this date names."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return self.first_day

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.first_day, int(self.precision))

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key <= other.sort_key

    def __str__(self) -> str:
        """Return the date in the ISO form it was written in (2012-11-19, 2012-11, 2012)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


# A range is written FROM/TO, as ISO 8601 writes an interval: 2022-05-23/2022-05-27.
RANGE_SEPARATOR = "/"


@dataclass(frozen=True)
class DateRange:
    """A date, or a span of days from one date to another (fieldwork of 23-27 May 2022)."""

    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, text: str) -> DateRange:
        """Read a date or FROM/TO; raise DateError with the reason otherwise."""
        parts = text.split(RANGE_SEPARATOR)
        if len(parts) > 2 or not all(_SHAPE.fullmatch(part.strip()) for part in parts):
            raise DateError(
                f"'{text}' is not a date or a range (write YYYY-MM-DD, YYYY-MM or YYYY, or "
                f"FROM{RANGE_SEPARATOR}TO such as 2022-05-23{RANGE_SEPARATOR}2022-05-27)"
            )
        if len(parts) == 1:
            return cls(PartialDate.parse(text))
        start, end = PartialDate.parse(parts[0]), PartialDate.parse(parts[1])
        if end.last_day < start.first_day:
            raise DateError(f"'{text}' ends before it starts (write FROM/TO, the earlier first)")
        if end == start:
            return cls(start)
        return cls(start, end)

    @property
    def last(self) -> PartialDate:
        """Return the range's last date (its only one, for a single date)."""
        return self.end or self.start

    def __str__(self) -> str:
        """Return the range as written: 2022-05-23/2022-05-27, or the one date."""
        return f"{self.start}{RANGE_SEPARATOR}{self.end}" if self.end else str(self.start)
