"""How a build treats Python's memory: the cycle collector waits until the build is over,
and a command line's last build is not freed object by object.

A build holds hundreds of thousands of long-lived objects (the records, the cache's tables,
the planned pages), and CPython's cycle collector walks every one of them each time it
collects its oldest generation: at 10,000 entries that was about a sixth of a one-entry
rebuild. While a build runs, its objects are still freed by reference counting the moment
they are no longer used; only objects caught in reference cycles wait, and the collector
finds them as usual once the build is over.

When a build returns, reference counting frees everything it made, one object at a time
(at 50,000 entries, about 0.7 s of a one-entry rebuild). A command line whose process ends
right after its build leaves that to the system, which takes back the process's memory
whole: the build leaves what it made in a list (leave) and the process ends as soon as its
command does (ending_at_once), as mypy does for the same reason. A build in a test or a
preview is freed as usual.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator

# Where a build leaves what it made while the process ends at once after its command
# (ending_at_once); None otherwise.
_kept: list[object] | None = None


@contextlib.contextmanager
def cycles_collected_after() -> Iterator[None]:
    """Pause the cycle collector for the block (and the worker processes it forks)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def left_to_exit() -> list[object] | None:
    """Return where the command's build may leave what it made for the process's end (a
    list, while the process ends at once: ending_at_once), or None: freed as usual."""
    return _kept


def leave(kept: list[object] | None, value: object) -> None:
    """Keep a value in kept (left_to_exit's) to the process's end, out of the cycle
    collector's sight from now on (it would walk every object to find nothing); with kept
    None, do nothing, and the value is freed as usual."""
    if kept is not None:
        kept.append(value)
        gc.freeze()


@contextlib.contextmanager
def ending_at_once() -> Iterator[None]:
    """Run a process's command line: if its build left anything (leave), the process ends
    as soon as the block does, with the block's exit status and its output flushed, but
    without freeing its objects or running exit handlers; else it goes on as usual."""
    global _kept
    kept: list[object] = []
    _kept = kept
    try:
        yield
    except SystemExit as stop:
        if kept:
            _end(stop.code)
        raise
    finally:
        _kept = None
    if kept:
        _end(0)


def _end(code: object) -> None:
    """End the process now with an exit status given as sys.exit takes it."""
    if code is not None and not isinstance(code, int):
        # As sys.exit does with a message: shown, and the status is 1.
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code or 0)
