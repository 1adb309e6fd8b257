"""What a build leaves to Python's cycle collector, which waits until the build is over
(sitegen/memory.py): none of its records or pages, which reference counting frees as soon
as the build is done with them. A large record left in reference cycles costs a long
collection at the end of every build, and holds its memory until then.

A command line's process that left its build to the end (memory.ending_at_once) still ends
with the command's status and all of its output."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from cacheproject import Project
from conftest import ROOT

from sitegen.cache.files import StoredFile
from sitegen.cache.store import ObjectStore
from sitegen.model.records import Authority, Entry
from sitegen.model.timelines import Archive, Timeline

pytestmark = pytest.mark.site

# What a build holds by the thousand, or that holds all of it.
LARGE = (Archive, Timeline, Authority, Entry, StoredFile, ObjectStore)


def left_in_cycles(build) -> dict[str, int]:
    """Run build(); return how many objects of each LARGE type it left in reference cycles."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build()
        gc.collect()
        found: dict[str, int] = {}
        for thing in gc.garbage:
            if isinstance(thing, LARGE):
                found[type(thing).__name__] = found.get(type(thing).__name__, 0) + 1
        return found
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_build_after_an_edit_leaves_no_records_or_pages_in_cycles(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assert left_in_cycles(project.build) == {}
    # The next build reuses the last one's pages, with their facts read from its table.
    entry = sorted((tmp_path / "content" / "inspections").glob("*.md"))[0]
    project.edit(str(entry.relative_to(tmp_path)), lambda text: text + "\nOne more line.\n")
    assert left_in_cycles(project.build) == {}


# A process's command line, as sitegen.cli.run runs one: it may leave a build's worth of
# objects to the end, write to both streams (piped, so buffered) and exit with a status.
COMMAND = """
import atexit, sys
from sitegen import memory
atexit.register(lambda: print("exit handlers ran", file=sys.stderr))
with memory.ending_at_once():
    if LEAVE:
        memory.leave(memory.left_to_exit(), [{"entry": n} for n in range(100_000)])
    memory.leave(None, "a build in a test: kept nowhere")
    print("built site/", end="")
    sys.stderr.write("a warning")
    sys.exit(STATUS)
"""


def _command(leave: bool, status: object) -> subprocess.CompletedProcess[str]:
    script = COMMAND.replace("LEAVE", repr(leave)).replace("STATUS", repr(status))
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("status", "code", "said"),
    [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("no site was built", 1, "no site was built\n")],
)
def test_a_process_that_left_its_build_ends_at_once_with_its_status_and_output(
    status: object, code: int, said: str
) -> None:
    ended = _command(True, status)
    assert (ended.returncode, ended.stdout, ended.stderr) == (
        code,
        "built site/",
        "a warning" + said,
    )


def test_a_process_that_left_nothing_ends_as_usual() -> None:
    ended = _command(False, 2)
    assert (ended.returncode, ended.stdout) == (2, "built site/")
    assert ended.stderr == "a warningexit handlers ran\n"
