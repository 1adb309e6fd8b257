"""Races made to happen: another process's step run at the moment this one's look at the
file system goes out of date, so that a test can show what each process is left with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def another_process_steps_in(
    step: Callable[[], None], *calls: tuple[object, str]
) -> Iterator[None]:
    """Run step (another process's work) just after this process's first call among calls,
    each a function by its module and name (os, "lstat"), while the block runs."""
    pending = [step]
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in calls:
            real = getattr(owner, name)

            def then_the_other(
                *args: object, _real: Callable[..., object] = real, **kwargs: object
            ) -> object:
                try:
                    return _real(*args, **kwargs)
                finally:
                    while pending:
                        pending.pop()()

            patch.setattr(owner, name, then_the_other)
        yield
