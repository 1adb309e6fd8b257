"""The cache's lock: two builds never hold it at once, however their looks interleave."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from races import another_process_steps_in

from sitegen.cache.lock import locked

pytestmark = pytest.mark.unit


def test_a_lock_file_another_build_has_just_made_and_locked_is_not_taken(
    tmp_path: Path,
) -> None:
    lock = tmp_path / "lock"
    others: list[int] = []

    def another_build_takes_the_lock_if_free() -> None:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)  # held by this build: the other would wait
            return
        others.append(handle)

    try:
        # The lock file is missing (a first build) and the other build steps in just after
        # this one's first look at it.
        steps_in = another_process_steps_in(another_build_takes_the_lock_if_free, (os, "lstat"))
        with steps_in, locked(tmp_path):
            held_by_both = bool(others)
    finally:
        for handle in others:
            os.close(handle)
    assert not held_by_both
    # Left for the next build: one plain file, which a build locks again at once when free.
    assert lock.is_file() and not lock.is_symlink()
    with locked(tmp_path):
        pass
