"""The build, top to bottom: read, validate, model (and, later, plan, render, write, index)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .loading import load_archive
from .reading import read_content
from .timelines import Archive


def validate(content: Path, today: dt.date) -> Archive:
    """Read and check every record; raise ContentError listing every problem found."""
    files = read_content(content)
    return load_archive(files, today)
