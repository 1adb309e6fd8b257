"""The pickle of a page's context, from which its key is made (fingerprints.page_key).

It is made without pickle's memo, so that equal values pickle alike however their parts
are shared (records fresh from their files share strings that the same records read back
from the cache do not). A value that many pages are given at once (an authority's
standing is on every page of each year) is pickled once a build, and stands in each
page's pickle as the digest of its own.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from sitegen.digests import digest
from sitegen.model.records import Entry
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Standing

# The types of the values pickled once a build.
SHARED_TYPES = frozenset({Entry, Standing, StatusPeriod})


class SharedParts:
    """The digests of the shared values of this build's pages' contexts, by object.

    Kept for one build: the values are held here, so no other object takes their ids.
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, str]] = {}

    def digest(self, value: object) -> str:
        known = self._known.get(id(value))
        if known is None:
            known = (value, digest("part", pickled(value, self)))
            self._known[id(value)] = known
        return known[1]


def _part(value_digest: str) -> None:
    """Stand, in a page's pickle, for a shared value by its digest (never called: the
    pickles are digested, never loaded)."""


class _Pickler(pickle.Pickler):
    """A pickler without the memo that writes each shared value but the one it was given
    as that value's digest."""

    def __init__(self, buffer: io.BytesIO, parts: SharedParts, top: object) -> None:
        super().__init__(buffer, protocol=5)
        self.fast = True
        self._parts = parts
        self._top = top

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in SHARED_TYPES and obj is not self._top:
            return _part, (self._parts.digest(obj),)
        return NotImplemented


def pickled(value: Any, parts: SharedParts) -> bytes:
    """Return a value's pickle, each shared value in it written as its digest."""
    buffer = io.BytesIO()
    _Pickler(buffer, parts, value).dump(value)
    return buffer.getvalue()
