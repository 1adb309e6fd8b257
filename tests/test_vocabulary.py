# ruff: noqa: E501  (the broken vocabularies and their messages read best one line each)
"""content/vocabulary.yaml and the validator agree; the vocabulary checks itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ENTRY, ENTRY_ID, ROOT, TODAY, write_content

from sitegen import pipeline
from sitegen.content.loading import load_vocabulary_file
from sitegen.content.problems import ContentError
from sitegen.content.reading import read_content
from sitegen.content.schema import AUTHORITY_FIELDS, ENTRY_FIELDS, SOURCE_FIELDS
from sitegen.content.vocabulary import load_vocabulary
from sitegen.content.yamldata import load_yaml

pytestmark = pytest.mark.unit

VOCABULARY, _ = load_vocabulary_file(read_content(ROOT / "content"))
assert VOCABULARY is not None


def _with_real_vocabulary(content: Path) -> Path:
    shutil.copy(ROOT / "content" / "vocabulary.yaml", content / "vocabulary.yaml")
    return content


def test_statuses_are_the_five_of_the_design_ranked_highest_first() -> None:
    assert [t.key for t in VOCABULARY.statuses] == [
        "intervention",
        "warning-notice",
        "serious-concern",
        "concerns-reported",
        "no-serious-concerns",
    ]
    assert all(t.label["en"] and t.label["cy"] and t.definition for t in VOCABULARY.statuses)
    assert all(t.use_for for t in VOCABULARY.statuses), "an editor chooses a status by these"


@pytest.mark.parametrize(
    ("field", "section"), [("status", "statuses"), ("kind", "kinds"), ("body", "bodies")]
)
def test_every_term_is_accepted_and_only_those(field: str, section: str, tmp_path: Path) -> None:
    terms = [t.key for t in VOCABULARY.section(section)]
    line = next(line for line in ENTRY.splitlines() if line.startswith(f"{field}:"))
    entries = {
        f"{ENTRY_ID}-{n}.md": ENTRY.replace(line, f"{field}: {key}") for n, key in enumerate(terms)
    }
    # Distinct dates keep different statuses from clashing on one day.
    entries = {
        name.replace("2012-11-19", f"2012-11-{n + 1:02d}"): text.replace(
            "date: 2012-11-19\nkind", f"date: 2012-11-{n + 1:02d}\nkind"
        )
        for n, (name, text) in enumerate(entries.items())
    }
    archive = pipeline.validate(
        _with_real_vocabulary(write_content(tmp_path / "ok", entries=entries)), TODAY
    )
    assert sorted(getattr(e, field) for e in archive.entries) == sorted(terms)

    bad = {f"{ENTRY_ID}.md": ENTRY.replace(line, f"{field}: not-a-term")}
    with pytest.raises(ContentError) as raised:
        pipeline.validate(
            _with_real_vocabulary(write_content(tmp_path / "bad", entries=bad)), TODAY
        )
    (problem,) = raised.value.problems
    if section == "statuses":
        listed = ", ".join(f"{t.key} ({t.label['en']})" for t in VOCABULARY.statuses)
        assert problem.message.endswith(f"(choose by the definitions in docs/records.md: {listed})")
    else:
        assert problem.message.endswith(f"(use one of: {', '.join(terms)})")


def test_the_field_guide_names_every_field_and_term() -> None:
    guide = (ROOT / "docs" / "records.md").read_text()
    for field in (*AUTHORITY_FIELDS, *ENTRY_FIELDS, *SOURCE_FIELDS):
        assert f"| `{field.name}` |" in guide
    for term in VOCABULARY.statuses:
        assert f"### `{term.key}`: {term.label['en']}" in guide
        assert all(f"- {line}" in guide for line in (*term.use_for, *term.not_for))
    for section in ("kinds", "bodies", "contexts"):
        for term in VOCABULARY.section(section):
            assert f"| `{term.key}` |" in guide


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "statuses: {}\nkinds: {}\nbodies: {}\ncontexts: {}\n",
            [
                "v.yaml:1: statuses: must be a mapping of terms",
                "v.yaml:2: kinds: must be a mapping of terms",
                "v.yaml:3: bodies: must be a mapping of terms",
                "v.yaml:4: contexts: must be a mapping of terms",
            ],
        ),
        (
            "statuses:\n  a: {rank: 1, label: {en: A}, definition: {en: d, cy: d}, use_for: [u]}\n"
            "kinds:\n  k: {label: {en: K, cy: K}, definition: d}\n"
            "bodies:\n  b: {label: {en: B, cy: B}, name: {en: B, cy: B}, definition: {en: d, cy: d}}\n"
            "contexts:\n  c: {label: {en: C, cy: C}, definition: {en: d, cy: ' '}}\n",
            [
                "v.yaml:2: statuses.a.label: must give text for each language: {en: ..., cy: ...}",
                "v.yaml:4: kinds.k.definition: must give text for each language: {en: ..., cy: ...}",
                "v.yaml:8: contexts.c.definition: must give text for each language: {en: ..., cy: ...}",
            ],
        ),
        (
            "statuses:\n  a: {rank: 1, label: {en: A, cy: A}, definition: {en: d, cy: d}, use_for: [u],"
            " escalated: 'yes'}\n"
            "  b: {rank: 1, label: {en: B, cy: B}, definition: {en: d, cy: d}, use_for: [u], not_for: []}\n"
            "  c: {rank: 2, label: {en: C, cy: C}, definition: {en: d, cy: d}}\n"
            "kinds:\n  k: {label: {en: K, cy: K}}\n"
            "bodies:\n  b: {label: {en: B, cy: B}, name: {en: B, cy: B}, definition: {en: d, cy: d}}\n"
            "contexts:\n  c: {label: {en: C, cy: C}, definition: {en: d, cy: d}, rank: 3}\n"
            "extra: 1\n",
            [
                "v.yaml:1: statuses: ranks must differ",
                "v.yaml:2: statuses.a.escalated: must be true or false",
                "v.yaml:3: statuses.b.not_for: must be a list of lines of text",
                "v.yaml:4: statuses.c: must have definition, label, rank, use_for, may have"
                " escalated, not_for, and no other field",
                "v.yaml:6: kinds.k: must have exactly: definition, label",
                "v.yaml:10: contexts.c: must have exactly: definition, label",
                "v.yaml:11: extra: unknown section (use statuses, kinds, bodies, contexts)",
            ],
        ),
    ],
)
def test_a_broken_vocabulary_is_reported(text: str, expected: list[str]) -> None:
    data, _ = load_yaml(text)
    vocabulary, problems = load_vocabulary(data, "v.yaml")
    assert vocabulary is None
    assert [str(p) for p in sorted(problems)] == expected
