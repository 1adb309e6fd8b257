"""The cache's lock: two builds never hold it at once, however their looks interleave."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

import pytest
from races import another_process_steps_in

from sitegen.cache.lock import locked

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("found", ["nothing", "a link"])
def test_a_lock_another_build_takes_while_this_one_looks_is_waited_for(
    tmp_path: Path, found: str
) -> None:
    """The lock file is missing (a first build) or a link is in its place, and another
    build makes the file and locks it just after this one's first look at the path."""
    lock = tmp_path / "lock"
    if found == "a link":
        lock.symlink_to(tmp_path / "elsewhere")
    others: list[int] = []

    def another_build_takes_the_lock() -> None:
        if lock.is_symlink():
            lock.unlink()
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: this build is looking
        others.append(handle)

    entered = threading.Event()

    def build() -> None:
        with locked(tmp_path):
            entered.set()

    steps_in = another_process_steps_in(another_build_takes_the_lock, (os, "lstat"), (os, "open"))
    with steps_in:
        thread = threading.Thread(target=build, daemon=True)
        thread.start()
        try:
            held_by_both = entered.wait(0.5)
            assert others, "the other build did not step in"
        finally:
            for handle in others:
                os.close(handle)
        assert not held_by_both, "this build took the lock while the other held it"
        assert entered.wait(30), "this build did not take the lock once it was free"
        thread.join(30)
    # Left for the next build: one plain file, which a build locks at once when free.
    assert lock.is_file() and not lock.is_symlink()
    with locked(tmp_path):
        pass
