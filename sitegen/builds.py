"""What a build is given and what it gives back: the folders it reads and writes, and its
report. Kept apart from the pipeline, and light, so that the command line can tell a build
with nothing to do (cache/stamps.py) before it imports the generator itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """Where the build reads from and writes to, and where it keeps its cache (if anywhere)."""

    content: Path
    templates: Path
    static: Path
    locale: Path
    site: Path
    cache: Path | None = None

    @classmethod
    def under(
        cls,
        root: Path,
        *,
        content: Path | None = None,
        site: Path | None = None,
        cached: bool = True,
    ) -> Paths:
        """Return the project's usual folders, with the content and site folders as given.

        The cache sits beside the site folder: .site-cache/ for site/.
        """
        site = site or root / "site"
        return cls(
            content or root / "content",
            root / "templates",
            root / "static",
            root / "locale",
            site,
            site.parent / f".{site.name}-cache" if cached else None,
        )


@dataclass(frozen=True)
class BuildReport:
    """What a build made: the records it holds, and how much it had to render anew."""

    authorities: int
    entries: int
    files: int
    # How many HTML pages the site has, and how many of them this build rendered anew
    # (the rest were reused from the cache).
    pages: int
    rendered: int
    # How many shards the search index is in, and how many of them this build indexed anew.
    shards: int = 0
    indexed: int = 0
    # True when nothing had changed since the last build, which was left in place.
    up_to_date: bool = False
