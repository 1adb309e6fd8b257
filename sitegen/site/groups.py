"""The authorities grouped for the status pages: by status now, by status on a past day,
and by the time they spent under escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.model.statuses import StatusPeriod, TimeIn, status_on, time_in
from sitegen.model.timelines import Timeline
from sitegen.model.vocabulary import Vocabulary

# The two groups of authorities without a status: entries that set none, and no entries.
# On a past day, NO_STATUS holds every authority that no entry had given a status yet.
NO_STATUS = "no-status"
NO_RECORD = "no-record"


@dataclass(frozen=True)
class StatusGroup:
    """The authorities under one status, or in one of the two groups without one.

    `key` is the status, NO_STATUS (entries of its own, none of which sets a status) or
    NO_RECORD (no entries of its own yet); `status` is the status, or None.
    """

    key: str
    timelines: tuple[Timeline, ...]

    @property
    def status(self) -> str | None:
        return None if self.key in (NO_STATUS, NO_RECORD) else self.key


def by_name(timelines: Sequence[Timeline], language: str) -> tuple[Timeline, ...]:
    """Return the authorities A to Z by their names in a language (Caerdydd before Conwy).

    Letters are compared one by one, as in English; Welsh dictionaries treat ch, dd, ff, ng,
    ll, ph, rh and th as letters of their own, which moves none of the 22 names.
    """
    return tuple(sorted(timelines, key=lambda t: t.authority.name_in(language).casefold()))


def group_by_status(
    vocabulary: Vocabulary, timelines: Sequence[Timeline]
) -> tuple[StatusGroup, ...]:
    """Return the authorities under each current status, most serious first, then the rest;
    each group in the order of the timelines given (A to Z in the page's language)."""
    groups = []
    for term in vocabulary.statuses:
        members = tuple(t for t in timelines if t.current and t.current.status == term.key)
        groups.append(StatusGroup(term.key, members))
    unset = [t for t in timelines if t.current is None]
    groups.append(StatusGroup(NO_STATUS, tuple(t for t in unset if t.record)))
    groups.append(StatusGroup(NO_RECORD, tuple(t for t in unset if not t.record)))
    return tuple(groups)


def held_on(timelines: Sequence[Timeline], day: dt.date) -> dict[str, StatusPeriod | None]:
    """Return the period each authority (by slug) was in on a day; None before its first."""
    return {t.authority.slug: status_on(t.periods, day) for t in timelines}


def group_on(
    vocabulary: Vocabulary,
    timelines: Sequence[Timeline],
    held: Mapping[str, StatusPeriod | None],
) -> tuple[StatusGroup, ...]:
    """Return the authorities under the status each had on a day (held, from held_on), most
    serious first, then those that no entry had given a status by then (NO_STATUS); in the
    order given."""
    groups = []
    for term in vocabulary.statuses:
        members = tuple(
            t for t in timelines if (p := held[t.authority.slug]) and p.status == term.key
        )
        groups.append(StatusGroup(term.key, members))
    unset = tuple(t for t in timelines if held[t.authority.slug] is None)
    return (*groups, StatusGroup(NO_STATUS, unset))


@dataclass(frozen=True)
class Escalation:
    """An authority's time under escalation: the days in each escalated status, and all."""

    timeline: Timeline
    times: tuple[TimeIn, ...]

    @property
    def days(self) -> int:
        return sum(time.days for time in self.times)

    @property
    def confirmed(self) -> bool:
        return all(time.confirmed for time in self.times)


def escalation(vocabulary: Vocabulary, timeline: Timeline) -> Escalation:
    """Return an authority's days in each escalated status, most serious first."""
    return Escalation(timeline, time_in(timeline.periods, vocabulary.escalated))


def by_time_escalated(
    vocabulary: Vocabulary, timelines: Sequence[Timeline]
) -> tuple[Escalation, ...]:
    """Return every authority's time under escalation, longest first; equal times in the
    order given (A to Z in the page's language)."""
    times = [escalation(vocabulary, timeline) for timeline in timelines]
    return tuple(sorted(times, key=lambda time: -time.days))
