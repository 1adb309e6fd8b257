"""The model of the whole record: each authority's timeline, with its derived statuses."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .records import Authority, Entry
from .statuses import StatusPeriod, current_period, derive_periods
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Timeline:
    """One authority with its entries, oldest first, and its status periods."""

    authority: Authority
    entries: tuple[Entry, ...]
    periods: tuple[StatusPeriod, ...]

    @property
    def current(self) -> StatusPeriod | None:
        return current_period(self.periods)


@dataclass(frozen=True)
class Archive:
    """Every timeline, A-Z by authority name, with the vocabulary and the day of the build."""

    timelines: tuple[Timeline, ...]
    vocabulary: Vocabulary
    today: dt.date

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Return every entry, oldest first."""
        return tuple(
            sorted((e for t in self.timelines for e in t.entries), key=lambda entry: entry.sort_key)
        )

    def timeline(self, slug: str) -> Timeline:
        return next(t for t in self.timelines if t.authority.slug == slug)


def build_archive(
    authorities: Sequence[Authority],
    entries: Sequence[Entry],
    vocabulary: Vocabulary,
    today: dt.date,
) -> Archive:
    """Group entries under their authorities and derive each authority's statuses."""
    by_authority: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_authority[entry.authority].append(entry)
    timelines = []
    for authority in sorted(authorities, key=lambda a: (a.name.casefold(), a.slug)):
        own = tuple(sorted(by_authority[authority.slug], key=lambda entry: entry.sort_key))
        timelines.append(Timeline(authority, own, derive_periods(own, today)))
    return Archive(tuple(timelines), vocabulary, today)
