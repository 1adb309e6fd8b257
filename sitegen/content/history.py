"""The day each entry last changed, from git: what its page shows as "last updated".

Light on purpose: a build reads it before deciding whether there is anything to build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitegen.content.schema import ENTRIES, WELSH_SUFFIX


def read_last_changed(root: Path) -> dict[str, str]:
    """Return the day each entry file was last committed (YYYY-MM-DD) by its id, from git.

    One git call covers every file. Outside a git checkout, without git, or for a file never
    committed, there is no date: the site then shows none rather than a wrong one.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", ENTRIES],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[str, str] = {}
    # Newest commit first, so the first date seen for a file is its last change.
    for commit in log.split("\0")[1:]:
        day, *names = commit.strip().split("\n")
        for name in names:
            folder, _, file = name.partition("/")
            if folder == ENTRIES and file.endswith(".md") and not file.endswith(WELSH_SUFFIX):
                changed.setdefault(file.removesuffix(".md"), day)
    return changed
