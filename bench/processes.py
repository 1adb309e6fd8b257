"""Run one program to its end, timed, with its output and its peak memory.

Both measures of memory are kept, as they answer different questions:

- wait4's figure is the largest peak of the process and of every child it waited for,
  and a program starts with the peak of the process it was started from (from a 400 MB
  Python, even /bin/true reports 411 MB). It is the right figure for a program timed from
  this small script, children included; it is the wrong one for a program started by a
  large one.
- The program's own peak (VmHWM in /proc/<pid>/status, which only grows) is read every
  few milliseconds while it runs: what it alone held at its largest, without its children.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# How often the program's own peak is read while it runs.
SAMPLE_SECONDS = 0.005


@dataclass(frozen=True)
class Ran:
    """One run of a program: its exit code, how long it ran, its peaks and its output."""

    returncode: int
    seconds: float
    # Its own peak resident set, read while it ran.
    own_peak_kb: int
    # The largest of its peak and its children's, as wait4 gives it.
    waited_peak_kb: int
    stdout: bytes
    stderr: bytes


def run(args: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Ran:
    """Run a program to its end; return what it did. Its output goes into temporary files,
    not pipes, so nothing here has to read while it runs but its peak.

    The disks are written back first (sync), outside the time: a program that writes a
    large site leaves gigabytes for the kernel to write out after it has ended, and the
    next program timed, ours or a peer's, would pay for them."""
    os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(args), stdout=out, stderr=err, cwd=cwd, env=env)
        own = 0
        while True:
            own = max(own, high_water_kb(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        # Reaped here: told to Popen, so that it does not wait for the process again.
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Ran(
            process.returncode,
            seconds,
            own,
            usage.ru_maxrss,
            out.read(),
            err.read(),
        )


def high_water_kb(pid: int) -> int:
    """Return a running process's peak resident set (VmHWM) in KB; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
