"""What an authority's pages are given, made only for the pages a build renders.

After an edit, the build cache reuses the pages of every authority whose records are
unchanged, whole, without reading what their templates would be given (cache/stages.py).
So an authority's view (the same in every language) and each of its pages' contexts are
made when first asked for, not when the pages are planned: a build after one edit makes
them for one authority of hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sitegen.model.statuses import StatusPeriod, status_after_each
from sitegen.model.timelines import Archive
from sitegen.site.charts import Chart, authority_chart


@dataclass(frozen=True)
class AuthorityView:
    """What an authority's pages show that is the same in every language: the period in
    force after each of its entries (by id), and its picture."""

    status_of: Mapping[str, StatusPeriod | None]
    chart: Chart


class AuthorityViews(Mapping[str, AuthorityView]):
    """Each authority's view, by slug, made when first asked for and kept for the other
    languages."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._timelines = {timeline.authority.slug: timeline for timeline in archive.timelines}
        self._made: dict[str, AuthorityView] = {}

    def __getitem__(self, slug: str) -> AuthorityView:
        view = self._made.get(slug)
        if view is None:
            timeline = self._timelines[slug]
            view = AuthorityView(
                status_after_each(timeline.entries, timeline.periods),
                authority_chart(self._archive, timeline),
            )
            self._made[slug] = view
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._timelines)

    def __len__(self) -> int:
        return len(self._timelines)


def authority_views(archive: Archive) -> AuthorityViews:
    """Return each authority's view, by slug, each made when first asked for."""
    return AuthorityViews(archive)


class Deferred(Mapping[str, Any]):
    """A page's context, made by `make` when first read (and then kept)."""

    __slots__ = ("_context", "_make")

    def __init__(self, make: Callable[[], Mapping[str, Any]]) -> None:
        self._make: Callable[[], Mapping[str, Any]] | None = make
        self._context: Mapping[str, Any] | None = None

    def _made(self) -> Mapping[str, Any]:
        if self._make is not None:
            self._context = self._make()
            self._make = None
        assert self._context is not None
        return self._context

    def __getitem__(self, key: str) -> Any:
        return self._made()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())

    def __repr__(self) -> str:
        return f"Deferred({self._made()!r})"
