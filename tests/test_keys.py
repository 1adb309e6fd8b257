"""The cache keys of checked records: what they cover, and that they do not vary by process."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest
from conftest import GOLDEN_CONTENT, ROOT, TODAY

from sitegen.cache import fingerprints
from sitegen.content.loading import load_vocabulary_file
from sitegen.content.reading import read_content
from sitegen.content.values import Context


def _context(today: dt.date = TODAY) -> Context:
    vocabulary, _ = load_vocabulary_file(read_content(GOLDEN_CONTENT))
    assert vocabulary is not None
    return Context(vocabulary, today)


@pytest.mark.unit
def test_the_validation_key_is_the_same_for_the_same_context() -> None:
    assert fingerprints.validation(_context()) == fingerprints.validation(_context())


@pytest.mark.unit
def test_the_validation_key_changes_with_today_and_with_any_term() -> None:
    context = _context()
    key = fingerprints.validation(context)
    assert fingerprints.validation(_context(TODAY + dt.timedelta(days=1))) != key
    vocabulary = context.vocabulary
    first = vocabulary.kinds[0]
    changed = [
        dataclasses.replace(first, label={**first.label, "cy": first.label["cy"] + "!"}),
        dataclasses.replace(
            first, definition={**first.definition, "cy": first.definition["cy"] + "."}
        ),
        dataclasses.replace(first, key=first.key + "-x"),
    ]
    for term in changed:
        other = dataclasses.replace(vocabulary, kinds=(term, *vocabulary.kinds[1:]))
        assert fingerprints.validation(Context(other, TODAY)) != key, term


@pytest.mark.site
def test_the_validation_key_is_the_same_in_every_process() -> None:
    """A set or a default object repr in the context would change the key from process to
    process, and every build would check every record again."""
    script = (
        "import datetime as dt; from pathlib import Path;"
        "from sitegen.cache import fingerprints;"
        "from sitegen.content.loading import load_vocabulary_file;"
        "from sitegen.content.reading import read_content;"
        "from sitegen.content.values import Context;"
        f"v, _ = load_vocabulary_file(read_content(Path({str(GOLDEN_CONTENT)!r})));"
        f"print(fingerprints.validation(Context(v, dt.date.fromisoformat({TODAY.isoformat()!r}))))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert keys == {fingerprints.validation(_context())}
