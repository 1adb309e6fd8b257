"""Shared fixtures: a small content folder written on demand."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)

AUTHORITY = """\
name: Neath Port Talbot
name_cy: Castell-nedd Port Talbot
gss_code: W06000012
"""

ENTRY = """\
---
authority: neath-port-talbot
date: 2012-11-19
kind: escalation
title: Serious Concern Protocol invoked
body: CSSIW
status: serious-concern
sources:
  - title: Written statement on Neath Port Talbot children's social services
    publisher: Welsh Government
    date: 2012-11-19
    url: https://gov.wales/statement
---
The inspectorate invoked the protocol.
"""

ENTRY_ID = "2012-11-19-neath-port-talbot-protocol"


def write_content(
    root: Path,
    authorities: dict[str, str] | None = None,
    entries: dict[str, str] | None = None,
) -> Path:
    """Write a content folder with the real vocabulary and the given files; return it."""
    content = root / "content"
    (content / "authorities").mkdir(parents=True)
    (content / "inspections").mkdir()
    shutil.copy(ROOT / "content" / "vocabulary.yaml", content / "vocabulary.yaml")
    (content / "about.md").write_text("## Scope\n\nA test record.\n", encoding="utf-8")
    for name, text in (authorities or {"neath-port-talbot.yaml": AUTHORITY}).items():
        (content / "authorities" / name).write_text(text, encoding="utf-8")
    for name, text in (entries or {}).items():
        (content / "inspections" / name).write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def content(tmp_path: Path):
    """Return a function that writes a content folder under the test's own folder."""

    def make(
        authorities: dict[str, str] | None = None, entries: dict[str, str] | None = None
    ) -> Path:
        return write_content(tmp_path, authorities, entries)

    return make
