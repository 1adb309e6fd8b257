"""The model of the whole record: each authority's timeline, with its derived statuses."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitegen.model.dates import PartialDate
from sitegen.model.records import ALL_AUTHORITIES, Authority, Entry
from sitegen.model.statuses import StatusPeriod, current_period, derive_periods
from sitegen.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class Timeline:
    """One authority with its entries, oldest first, and its status periods.

    The entries are its own and those of the programmes that covered it (national
    inspections and reviews), context entries included.
    """

    authority: Authority
    entries: tuple[Entry, ...]
    periods: tuple[StatusPeriod, ...]

    @property
    def current(self) -> StatusPeriod | None:
        return current_period(self.periods)

    @property
    def record(self) -> tuple[Entry, ...]:
        """Return the entries about this authority's children's services alone, oldest first.

        Programmes that covered several authorities, and context from other regimes, are
        left out: these are the entries that say how recent the evidence about it is.
        """
        return tuple(e for e in self.entries if not e.is_programme and e.context is None)

    @property
    def latest(self) -> Entry | None:
        """Return the newest entry of its record, or None when it has none."""
        record = self.record
        return record[-1] if record else None

    @property
    def standing(self) -> Standing:
        """Return what the pages about every authority at once show of this one."""
        record = self.record
        latest = record[-1].date if record else None
        return Standing(self.authority, self.periods, len(record), latest, bool(self.entries))


@dataclass(frozen=True)
class Standing:
    """One authority's status periods and the size and date of its record, without its
    entries: what the pages about every authority at once show of it (the status pages,
    the picture of Wales, the list of authorities, a programme's page).

    Those pages are given standings, never timelines, so that what their template is given
    (the build cache's key of a page) changes only when what they show does: an edit to an
    entry's text leaves every standing as it was.
    """

    authority: Authority
    periods: tuple[StatusPeriod, ...]
    # How many entries of its own it has (Timeline.record), and the newest one's date.
    record_size: int
    latest: PartialDate | None
    # Whether its page lists any entry, programmes and context included.
    has_entries: bool

    @property
    def current(self) -> StatusPeriod | None:
        return current_period(self.periods)


@dataclass(frozen=True)
class Archive:
    """Every timeline, A-Z by authority name, with the vocabulary and the day of the build."""

    timelines: tuple[Timeline, ...]
    vocabulary: Vocabulary
    today: dt.date
    # Every entry once, oldest first (a programme is on several timelines): sorted once,
    # when the archive is made, as pages and pictures ask for it hundreds of times.
    entries: tuple[Entry, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unique = {e.id: e for t in self.timelines for e in t.entries}
        ordered = tuple(sorted(unique.values(), key=lambda entry: entry.sort_key))
        object.__setattr__(self, "entries", ordered)

    def timeline(self, slug: str) -> Timeline:
        return next(t for t in self.timelines if t.authority.slug == slug)


def build_archive(
    authorities: Sequence[Authority],
    entries: Sequence[Entry],
    vocabulary: Vocabulary,
    today: dt.date,
) -> Archive:
    """Group entries under their authorities and derive each authority's statuses.

    Every entry comes out naming in `authorities` each authority it is shown under, `all`
    written out as every slug.
    """
    slugs = sorted(authority.slug for authority in authorities)
    by_authority: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.authority is not None:
            covered: tuple[str, ...] = (entry.authority,)
        elif entry.authorities == (ALL_AUTHORITIES,):
            covered = tuple(slugs)
        else:
            covered = tuple(sorted(entry.authorities))
        # A copy with its authorities set, as dataclasses.replace would make it (Entry has
        # no __post_init__), in a third of the time: there is one an entry.
        entry = copy.copy(entry)
        object.__setattr__(entry, "authorities", covered)
        for slug in covered:
            by_authority[slug].append(entry)
    timelines = []
    for authority in sorted(authorities, key=lambda a: (a.name.casefold(), a.slug)):
        own = tuple(sorted(by_authority[authority.slug], key=lambda entry: entry.sort_key))
        timelines.append(Timeline(authority, own, derive_periods(own, today)))
    return Archive(tuple(timelines), vocabulary, today)
