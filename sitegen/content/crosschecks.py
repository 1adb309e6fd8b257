"""Checks across records: values that must be unique, and what entries say together.

An entry's references to authorities are checked with its fields (values.py), so that a
file's problems of every kind are reported together.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from sitegen.content.problems import Problem
from sitegen.model.records import Authority, Entry


def _check_unique(
    authorities: Sequence[Authority], field: str, value_of: Callable[[Authority], str], noun: str
) -> Iterable[Problem]:
    holders: dict[str, list[Authority]] = defaultdict(list)
    for authority in authorities:
        holders[value_of(authority)].append(authority)
    for value, group in holders.items():
        for authority in group:
            others = ", ".join(other.path for other in group if other is not authority)
            if others:
                yield Problem(
                    authority.path,
                    authority.lines.get(field, 1),
                    field,
                    f"'{value}' is also the {noun} of {others} (each authority has its own)",
                )


def _check_addresses(entries: Sequence[Entry]) -> Iterable[Problem]:
    # An entry's former id keeps its old address alive, so no two entries may claim one.
    holders: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for former in entry.former_ids:
            holders[former].append(entry)
    ids = {entry.id: entry for entry in entries}
    for former, group in holders.items():
        for entry in group:
            clashes = (
                [
                    f"'{former}' is the id of {ids[former].path} (an old id must not be in use: "
                    "remove it here, or rename that file)"
                ]
                if former in ids
                else []
            )
            clashes += [
                f"'{former}' is also a former id of {other.path} (an old address can point "
                "to one entry only)"
                for other in group
                if other is not entry
            ]
            line = entry.lines.get("former_ids", 1)
            yield from (Problem(entry.path, line, "former_ids", clash) for clash in clashes)


def _status_setters(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Return each authority's entries that set a status, oldest first."""
    setting: dict[str | None, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda entry: entry.sort_key):
        if entry.status is not None:
            setting[entry.authority].append(entry)
    return list(setting.values())


def _check_same_day_statuses(entries: Sequence[Entry]) -> Iterable[Problem]:
    # Two entries of one authority on the same date that set different statuses leave the
    # status on that date undecided; order by file name would be a guess.
    for setters in _status_setters(entries):
        on: dict[str, list[Entry]] = defaultdict(list)
        for entry in setters:
            on[str(entry.date)].append(entry)
        for date, group in on.items():
            if len({entry.status for entry in group}) < 2:
                continue
            for entry in group:
                others = ", ".join(
                    f"{other.path} ({other.status})" for other in group if other is not entry
                )
                yield Problem(
                    entry.path,
                    entry.lines.get("status", 1),
                    "status",
                    f"'{entry.status}' on {date} conflicts with {others} on the same "
                    "date (set the status on one of them only)",
                )


def _check_start_marks(entries: Sequence[Entry]) -> Iterable[Problem]:
    # status_start speaks of when a status began; an entry that only keeps a status in
    # force (the one before it set the same) began nothing, so the mark would be lost.
    for setters in _status_setters(entries):
        for before, entry in itertools.pairwise(setters):
            if not entry.start_confirmed and before.status == entry.status:
                yield Problem(
                    entry.path,
                    entry.lines.get("status_start", 1),
                    "status_start",
                    f"marks the start of '{entry.status}', which began earlier, with "
                    f"{before.path} (mark the start there, or remove this line)",
                )


def check_records(authorities: Sequence[Authority], entries: Sequence[Entry]) -> list[Problem]:
    """Return the problems that only show when the records are seen together."""
    return [
        *_check_unique(authorities, "gss_code", lambda a: a.gss_code, "ONS code"),
        *_check_unique(authorities, "name", lambda a: a.name, "name"),
        *_check_addresses(entries),
        *_check_same_day_statuses(entries),
        *_check_start_marks(entries),
    ]
