"""How a build treats Python's memory: the cycle collector waits until the build is over.

A build holds hundreds of thousands of long-lived objects (the records, the cache's tables,
the planned pages), and CPython's cycle collector walks every one of them each time it
collects its oldest generation: at 10,000 entries that was about a sixth of a one-entry
rebuild. While a build runs, its objects are still freed by reference counting the moment
they are no longer used; only objects caught in reference cycles wait, and the collector
finds them as usual once the build is over.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
