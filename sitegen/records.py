"""The validated records: authorities, entries in their histories, and their sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .dates import PartialDate


@dataclass(frozen=True)
class Authority:
    """A Welsh local authority."""

    slug: str
    path: str
    name: str
    name_cy: str
    gss_code: str
    website: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from."""

    title: str
    publisher: str
    date: PartialDate | None = None
    url: str | None = None


@dataclass(frozen=True)
class Entry:
    """One dated event in one authority's history."""

    id: str
    path: str
    authority: str
    date: PartialDate
    kind: str
    title: str
    body: str
    sources: tuple[Source, ...]
    summary: str
    status: str | None = None
    inspection_type: str | None = None
    fieldwork: PartialDate | None = None
    legal_basis: str | None = None
    findings: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.id)
