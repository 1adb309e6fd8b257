"""The authorities grouped for the status pages: by status now, by status on a past day,
and by the time they spent under escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.model.statuses import StatusPeriod, TimeIn, status_on, time_in
from sitegen.model.timelines import Standing
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
    standings: tuple[Standing, ...]

    @property
    def status(self) -> str | None:
        return None if self.key in (NO_STATUS, NO_RECORD) else self.key


def by_name(standings: Sequence[Standing], language: str) -> tuple[Standing, ...]:
    """Return the authorities A to Z by their names in a language (Caerdydd before Conwy).

    Letters are compared one by one, as in English; Welsh dictionaries treat ch, dd, ff, ng,
    ll, ph, rh and th as letters of their own, which moves none of the 22 names.
    """
    return tuple(sorted(standings, key=lambda s: s.authority.name_in(language).casefold()))


def group_by_status(
    vocabulary: Vocabulary, standings: Sequence[Standing]
) -> tuple[StatusGroup, ...]:
    """Return the authorities under each current status, most serious first, then the rest;
    each group in the order of the standings given (A to Z in the page's language)."""
    groups = []
    for term in vocabulary.statuses:
        members = tuple(s for s in standings if s.current and s.current.status == term.key)
        groups.append(StatusGroup(term.key, members))
    unset = [s for s in standings if s.current is None]
    groups.append(StatusGroup(NO_STATUS, tuple(s for s in unset if s.record_size)))
    groups.append(StatusGroup(NO_RECORD, tuple(s for s in unset if not s.record_size)))
    return tuple(groups)


def held_on(standings: Sequence[Standing], day: dt.date) -> dict[str, StatusPeriod | None]:
    """Return the period each authority (by slug) was in on a day; None before its first."""
    return {s.authority.slug: status_on(s.periods, day) for s in standings}


def group_on(
    vocabulary: Vocabulary,
    standings: Sequence[Standing],
    held: Mapping[str, StatusPeriod | None],
) -> tuple[StatusGroup, ...]:
    """Return the authorities under the status each had on a day (held, from held_on), most
    serious first, then those that no entry had given a status by then (NO_STATUS); in the
    order given."""
    groups = []
    for term in vocabulary.statuses:
        members = tuple(
            s for s in standings if (p := held[s.authority.slug]) and p.status == term.key
        )
        groups.append(StatusGroup(term.key, members))
    unset = tuple(s for s in standings if held[s.authority.slug] is None)
    return (*groups, StatusGroup(NO_STATUS, unset))


@dataclass(frozen=True)
class Escalation:
    """An authority's time under escalation: the days in each escalated status, and all."""

    standing: Standing
    times: tuple[TimeIn, ...]

    @property
    def days(self) -> int:
        return sum(time.days for time in self.times)

    @property
    def confirmed(self) -> bool:
        return all(time.confirmed for time in self.times)


def escalation(vocabulary: Vocabulary, standing: Standing) -> Escalation:
    """Return an authority's days in each escalated status, most serious first."""
    return Escalation(standing, time_in(standing.periods, vocabulary.escalated))


def by_time_escalated(
    vocabulary: Vocabulary, standings: Sequence[Standing]
) -> tuple[Escalation, ...]:
    """Return every authority's time under escalation, longest first; equal times in the
    order given (A to Z in the page's language)."""
    times = [escalation(vocabulary, standing) for standing in standings]
    return tuple(sorted(times, key=lambda time: -time.days))
