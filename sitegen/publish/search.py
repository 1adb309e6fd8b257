"""The full-text search index, made by Pagefind over the finished pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site: Path) -> str:
    """Run Pagefind over a built site folder; return what it reported."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed:\n{result.stdout}{result.stderr}")
    return result.stdout
