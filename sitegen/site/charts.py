"""The pictures of the record: each authority's status periods as bands along the years.

This module works out where everything goes; templates/_charts.html draws it. Every
picture of a site has the same years, from the first dated entry's to this one, so that two
authorities' pictures compare at a glance, and every band is one of the status periods that
the tables show (model/statuses.py).

An authority's picture is laid out in CSS pixels and drawn at its own size, so that its
marks stay large enough to tap: a narrow window scrolls it sideways. The all-Wales picture
is a strip per authority laid out in percentages of its width, beside or under the
authority's name, so it reflows to any window and needs no scrolling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.model.records import Entry
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Archive, Standing, Timeline

WIDTH = 960
# An authority's picture: its band, its entries' marks below, the years below those.
BAND_TOP = 8
BAND_HEIGHT = 28
# Each mark is a link with a target of 24 by 24 pixels (WCAG 2.5.8), in a lane of marks
# at least that far apart: marks that would be closer stack up in lanes below.
MARK_RADIUS = 6
MARK_TARGET = 24
MARK_SPACING = 26
YEARS_HEIGHT = 24
# The all-Wales picture: each strip's height, in pixels (its x is in percent).
STRIP_HEIGHT = 18
# Years labelled on the axis: the first and every fifth (every year has a line).
LABEL_EVERY = 5


@dataclass(frozen=True)
class Look:
    """How a status is drawn: a colour and a pattern of white over it (templates/_charts.html
    draws each pattern), so that colour is never the only cue (WCAG 1.4.1)."""

    colour: str
    pattern: str


# Each colour stands out at 3:1 or more against the white around it (WCAG 1.4.11); the more
# serious a status, the denser its pattern. A status added to the vocabulary without a look
# of its own is drawn in grey, with vertical lines, and named in the legend like the rest.
LOOKS = {
    "intervention": Look("#b3261e", "cross"),
    "warning-notice": Look("#c2550a", "diagonal"),
    "serious-concern": Look("#8a6a00", "dots"),
    "concerns-reported": Look("#3b5bb5", "horizontal"),
    "no-serious-concerns": Look("#2e7d32", "solid"),
}
OTHER_LOOK = Look("#5f6670", "vertical")


def look(status: str) -> Look:
    """Return how a status is drawn."""
    return LOOKS.get(status, OTHER_LOOK)


@dataclass(frozen=True)
class Year:
    """A year's line on the axis, at its 1 January, and whether it is labelled."""

    year: int
    x: float
    labelled: bool


@dataclass(frozen=True)
class Axis:
    """The years of the site's pictures, mapped onto a span of the picture's width."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    def anchor(self, x: float) -> str:
        """Return how a label at x is anchored so that it stays inside the picture."""
        share = (x - self.left) / (self.right - self.left)
        return "start" if share < 0.03 else "end" if share > 0.97 else "middle"

    def x(self, day: dt.date) -> float:
        """Return where a day falls along the axis."""
        share = (day - self.start).days / (self.end - self.start).days
        return round(self.left + share * (self.right - self.left), 2)

    @property
    def years(self) -> tuple[Year, ...]:
        first = self.start.year
        return tuple(
            Year(year, self.x(dt.date(year, 1, 1)), year == first or year % LABEL_EVERY == 0)
            for year in range(first, self.end.year + 1)
        )


@dataclass(frozen=True)
class Band:
    """One status period drawn from its start to its end (today while in force).

    Where the sources do not confirm its end, the part after its last entry (from
    `known_to`) is drawn fainter: the status was in force until then, and nothing says
    for how long after.
    """

    period: StatusPeriod
    x: float
    to: float
    known_to: float

    @property
    def width(self) -> float:
        return round(self.to - self.x, 2)

    @property
    def known_width(self) -> float:
        return round(self.known_to - self.x, 2)

    @property
    def unknown_width(self) -> float:
        return round(self.to - self.known_to, 2)


@dataclass(frozen=True)
class Mark:
    """An entry's mark, at its date, in the lane below the band that keeps it clear."""

    entry: Entry
    x: float
    y: float


@dataclass(frozen=True)
class Row:
    """One authority's bands (and marks, in its own picture), at a height in the picture
    (in the all-Wales picture, each row is a strip of its own, at 0)."""

    standing: Standing
    y: float
    bands: tuple[Band, ...]
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A picture: its size, its axis, its rows (one, or one per authority)."""

    width: float
    height: float
    axis: Axis
    rows: tuple[Row, ...]
    band_height: float

    @property
    def statuses(self) -> tuple[str, ...]:
        """Return the statuses it shows, each once, in the order first drawn."""
        seen = (band.period.status for row in self.rows for band in row.bands)
        return tuple(dict.fromkeys(seen))

    @property
    def first_year(self) -> int:
        return self.axis.start.year

    @property
    def last_year(self) -> int:
        """Return the last year it shows: this year (the axis ends on the next 1 January)."""
        return self.axis.end.year - 1

    @property
    def has_unconfirmed_ends(self) -> bool:
        """Say whether any band is drawn fainter for an end the sources do not confirm."""
        return any(band.unknown_width > 0 for row in self.rows for band in row.bands)


def years_of(archive: Archive) -> tuple[dt.date, dt.date]:
    """Return the span of every picture: 1 January of the first dated entry's year, to
    1 January after today's (this year's, while there are no entries)."""
    entries = archive.entries
    first = entries[0].date.year if entries else archive.today.year
    return dt.date(first, 1, 1), dt.date(archive.today.year + 1, 1, 1)


def years_shown(archive: Archive) -> tuple[int, ...]:
    """Return the years the pictures show, each with a page of its 1 January."""
    start, end = years_of(archive)
    return tuple(range(start.year, end.year))


def _bands(periods: Sequence[StatusPeriod], axis: Axis, today: dt.date) -> tuple[Band, ...]:
    bands = []
    for period in periods:
        start = axis.x(period.start.first_day)
        end = axis.x(period.end.first_day if period.end else today)
        seen = period.last_seen.first_day if period.last_seen else period.start.first_day
        known = end if period.end_confirmed else min(max(axis.x(seen), start), end)
        bands.append(Band(period, start, end, known))
    return tuple(bands)


def _marks(entries: Sequence[Entry], axis: Axis, top: float) -> tuple[Mark, ...]:
    """Return each entry's mark, in the first lane where it stands clear of the one before."""
    ends: list[float] = []
    marks = []
    for entry in entries:
        x = axis.x(entry.date.first_day)
        lane = next((n for n, end in enumerate(ends) if x - end >= MARK_SPACING), len(ends))
        if lane == len(ends):
            ends.append(x)
        else:
            ends[lane] = x
        marks.append(Mark(entry, x, top + MARK_SPACING / 2 + lane * MARK_SPACING))
    return tuple(marks)


def authority_chart(archive: Archive, timeline: Timeline) -> Chart:
    """Return an authority's picture: its status bands and a mark for each of its entries."""
    start, end = years_of(archive)
    margin = MARK_TARGET
    axis = Axis(start, end, margin, WIDTH - margin)
    marks_top = BAND_TOP + BAND_HEIGHT + 4
    marks = _marks(timeline.entries, axis, marks_top)
    lanes_bottom = max((mark.y for mark in marks), default=marks_top) + MARK_SPACING / 2
    row = Row(timeline.standing, BAND_TOP, _bands(timeline.periods, axis, archive.today), marks)
    return Chart(WIDTH, lanes_bottom + YEARS_HEIGHT, axis, (row,), BAND_HEIGHT)


def wales_chart(archive: Archive, standings: Sequence[Standing]) -> Chart:
    """Return the all-Wales picture: a strip of status bands for each authority, in order,
    along an axis from 0 to 100 (percent of the strip's width)."""
    start, end = years_of(archive)
    axis = Axis(start, end, 0, 100)
    rows = tuple(Row(s, 0, _bands(s.periods, axis, archive.today)) for s in standings)
    return Chart(100, STRIP_HEIGHT * len(rows), axis, rows, STRIP_HEIGHT)
