"""A small golden site: the fixture's pages compared with the expected HTML, as a diff.

After an intended change to templates or rendering, regenerate the expected pages with
`make golden` (UPDATE_GOLDEN=1) and review the diff in version control.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from conftest import GOLDEN_CONTENT, build_site, html_pages

pytestmark = pytest.mark.site

EXPECTED = GOLDEN_CONTENT.parent / "site"


def _pages(site: Path) -> dict[str, str]:
    return {name: (site / name).read_text(encoding="utf-8") for name in html_pages(site)}


def test_the_fixture_builds_the_expected_pages(tmp_path: Path) -> None:
    build_site(GOLDEN_CONTENT, tmp_path / "site")
    built = _pages(tmp_path / "site")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, html in built.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_text(html, encoding="utf-8")
    expected = _pages(EXPECTED)
    assert sorted(built) == sorted(expected), "pages added or missing: run `make golden`"
    diffs = [
        "".join(
            difflib.unified_diff(
                expected[name].splitlines(keepends=True),
                built[name].splitlines(keepends=True),
                f"expected/{name}",
                f"built/{name}",
            )
        )
        for name in expected
        if built[name] != expected[name]
    ]
    assert not diffs, "the built pages differ (run `make golden` if intended):\n" + "\n".join(diffs)
