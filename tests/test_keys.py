"""The cache keys of checked records: what they cover, and that they do not vary by process."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest
from conftest import GOLDEN_CONTENT, ROOT, TODAY

from sitegen.cache import contexts, fingerprints
from sitegen.content.loading import load_vocabulary_file
from sitegen.content.reading import read_content
from sitegen.content.values import Context
from sitegen.model.dates import PartialDate
from sitegen.model.records import Authority
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Standing


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


def _standing(status: str = "serious-concern", name: str = "Powys") -> Standing:
    authority = Authority("powys", "content/authorities/powys.yaml", name, name, "W06000023")
    period = StatusPeriod(status, PartialDate.parse("2017-10"), None, 100, ("an-entry",))
    return Standing(authority, (period,), 1, PartialDate.parse("2017-10"), True)


def _key(context: dict[str, object], parts: contexts.SharedParts | None = None) -> str:
    return fingerprints.page_key("rendering", "status/index.html", context, parts or SHARED())


SHARED = contexts.SharedParts


@pytest.mark.unit
def test_a_pages_key_is_that_of_its_contexts_values_however_they_are_shared() -> None:
    """A standing is pickled once a build and stands in each page's key as its digest: equal
    values built apart give the key of one value given twice, in the same build or not."""
    one, two = _standing(), _standing()
    assert one is not two
    parts = SHARED()
    assert _key({"groups": (one, two)}, parts) == _key({"groups": (one, one)}, parts)
    assert _key({"groups": (one, two)}, parts) == _key({"groups": (two, two)})
    assert _key({"groups": (one,), "chart": one}) == _key({"groups": (two,), "chart": two})


@pytest.mark.unit
def test_a_pages_key_changes_with_any_part_of_a_shared_value() -> None:
    parts = SHARED()
    key = _key({"groups": (_standing(),)}, parts)
    assert _key({"groups": (_standing("warning-notice"),)}, parts) != key
    assert _key({"groups": (_standing(name="Powis"),)}, parts) != key
    nested = {"held": {"powys": _standing().periods[0]}}
    moved = {"held": {"powys": _standing("warning-notice").periods[0]}}
    assert _key(nested, parts) != _key(moved, parts)
