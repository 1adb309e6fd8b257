"""The one loop of every cached stage: key each item, reuse what is known, make the rest.

A stage's own function knows nothing of the cache; it is given here the items, the rule
that keys them (from fingerprints.py), a table of earlier results and the function that
makes what is missing. Results come back in the items' order, with a count of how many
had to be made, so a build can report its work without keeping a tally anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
Value = TypeVar("Value")


class Results(Generic[Value]):
    """Results by key: those known from the last build, and those used by this one.

    Only what a build used is kept for the next, so the cache does not grow with each edit.
    A result made earlier in a build is found again by a later stage of the same build.
    """

    def __init__(self, known: dict[str, Value] | None = None) -> None:
        self.known = known or {}
        self.used: dict[str, Value] = {}

    def get(self, key: str) -> Value | None:
        """Return the result under a key: made by this build, or known from the last."""
        value = self.used.get(key)
        if value is None:
            value = self.known.get(key)
            if value is not None:
                self.used[key] = value
        return value

    def put(self, key: str, value: Value) -> None:
        self.used[key] = value


@dataclass(frozen=True)
class Made(Generic[Value]):
    """A stage's results, in the order of its items, and how many it had to make anew."""

    values: list[Value]
    made: int


def reuse(
    table: Results[Value], key: str | None, usable: Callable[[Value], bool] = lambda _: True
) -> Value | None:
    """Return the result known under a key, if there is one and it can still be used."""
    if key is None:
        return None
    value = table.get(key)
    return value if value is not None and usable(value) else None


def memoised(
    items: Sequence[Item],
    key: Callable[[Item], str | None],
    make: Callable[[Sequence[Item]], Sequence[Value]],
    table: Results[Value],
    usable: Callable[[Value], bool] = lambda _: True,
) -> Made[Value]:
    """Return each item's result: reused from the table where its key is known (and the
    result usable), made by make() in one call for all the others, and kept for next time.

    An item whose key is None is always made and never kept. Items with equal keys are
    made once.
    """
    waiting = pending(items, key, table, usable)
    return waiting.finish(make(waiting.todo) if waiting.todo else [])


def pending(
    items: Sequence[Item],
    key: Callable[[Item], str | None],
    table: Results[Value],
    usable: Callable[[Value], bool] = lambda _: True,
) -> Pending[Item, Value]:
    """Return memoised()'s work before the making: what is reused, and what is to be made
    (todo), to be finished with its results once they are made."""
    keys = [key(item) for item in items]
    found: dict[str, Value] = {}
    todo: list[Item] = []
    todo_keys: list[str | None] = []
    for item, item_key in zip(items, keys, strict=True):
        if item_key is not None and item_key in found:
            continue
        value = reuse(table, item_key, usable)
        if value is None:
            todo.append(item)
            todo_keys.append(item_key)
            if item_key is not None:
                # Claimed, so that an equal key later in the list waits for this one.
                found[item_key] = None  # type: ignore[assignment]
        else:
            found[item_key] = value  # type: ignore[index]
    return Pending(todo, table, keys, todo_keys, found)


@dataclass(frozen=True)
class Pending(Generic[Item, Value]):
    """A cached stage whose reused results are known and whose todo is still to be made:
    finish() takes what was made of todo, in its order, and returns every item's result."""

    todo: list[Item]
    table: Results[Value]
    keys: list[str | None]
    todo_keys: list[str | None]
    found: dict[str, Value]

    def finish(self, made: Iterable[Value]) -> Made[Value]:
        made = list(made)
        if len(made) != len(self.todo):
            raise ValueError(f"made {len(made)} results for {len(self.todo)} items")
        unkeyed = iter(value for value, k in zip(made, self.todo_keys, strict=True) if k is None)
        for value, item_key in zip(made, self.todo_keys, strict=True):
            if item_key is not None:
                self.found[item_key] = value
                self.table.put(item_key, value)
        values = [self.found[k] if k is not None else next(unkeyed) for k in self.keys]
        return Made(values, len(made))
