"""The editors' field reference (docs/records.md), generated from the schema and vocabulary."""

from __future__ import annotations

from collections.abc import Sequence

from sitegen.content.schema import (
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    ONE_OF,
    SOURCE_FIELDS,
    TRANSLATION_FIELDS,
    WELSH_SUFFIX,
    Field,
)
from sitegen.model.vocabulary import Vocabulary

_INTRO = """\
# Record format: every field

This page is generated from `sitegen/content/schema.py` and `content/vocabulary.yaml` by
`python build.py field-guide`; a test fails when it is out of date. Edit those, not this.

Run `python build.py validate` after any change: it names the file, line and field of
every problem, and how to fix it. Unknown fields are errors, so a typo never vanishes.

The same format is published as JSON Schemas, `schemas/authority.schema.json` and
`schemas/entry.schema.json` (also on the site under `/schemas/`). Each record's first line
(inside an entry's front matter) points at its schema, so an editor such as VS Code with its
YAML extension completes field names and flags mistakes as you type:

    # yaml-language-server: $schema=../../schemas/entry.schema.json
"""


def _required(field: Field) -> str:
    pair = next((pair for pair in ONE_OF if field.name in pair), None)
    if pair:
        return "one of " + " or ".join(f"`{name}`" for name in pair)
    return "yes" if field.required else "no"


def _table(fields: Sequence[Field]) -> list[str]:
    rows = ["| field | required | value | meaning | example |", "| --- | --- | --- | --- | --- |"]
    for field in fields:
        rows.append(
            f"| `{field.name}` | {_required(field)} | {field.type.value} | "
            f"{field.description} | `{field.example}` |"
        )
    return rows


def render_field_guide(vocabulary: Vocabulary) -> str:
    """Return the Markdown field reference for editors."""
    lines = [_INTRO]
    lines += ["## Authority: `content/authorities/<slug>.yaml`", ""]
    lines += ["The slug is the file name: lower-case letters, digits and hyphens.", ""]
    lines += [*_table(AUTHORITY_FIELDS), ""]
    lines += ["## Entry: `content/inspections/<id>.md`", ""]
    lines += [
        "YAML front matter between two `---` lines, then a summary in your own words "
        "(Markdown; required). The id is the file name and starts with the entry's date and "
        "authority: `2012-11-19-neath-port-talbot-serious-concern-protocol.md`; an entry for "
        "a programme that covered several authorities starts with its date and `wales`: "
        "`2014-wales-looked-after-children-national-inspection.md`.",
        "",
    ]
    lines += [*_table(ENTRY_FIELDS), ""]
    lines += ["### Each item of `sources`", ""]
    lines += [*_table(SOURCE_FIELDS), ""]
    lines += [f"## An entry's Welsh text: `content/inspections/<id>{WELSH_SUFFIX}`", ""]
    lines += [
        "Beside the entry's file, named like it: YAML front matter with the title alone, "
        "then the summary in Welsh (Markdown; required). Every other field is in the "
        "entry's own file; an entry without a Welsh text is shown in English on the Welsh "
        "site.",
        "",
    ]
    lines += [*_table(TRANSLATION_FIELDS), ""]
    lines += ["## Statuses, most serious first", ""]
    lines += [
        "An entry sets the status the council had once the event happened, all things "
        "counted: a report of serious concerns while a warning notice is in force does not "
        "lower the status, so that entry sets none. Choose a status by what the sources say:",
        "",
    ]
    for term in vocabulary.statuses:
        lines += [f"### `{term.key}`: {term.label['en']}", "", term.definition["en"], ""]
        lines += ["Set it when the sources say:", ""]
        lines += [f"- {line}" for line in term.use_for]
        if term.not_for:
            lines += ["", "Not when:", ""]
            lines += [f"- {line}" for line in term.not_for]
        lines += [""]
    lines += ["## Kinds", "", "| kind | label | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{t.key}` | {t.label['en']} | {t.definition['en']} |" for t in vocabulary.kinds]
    lines += ["", "## Bodies", "", "| body | name | meaning |", "| --- | --- | --- |"]
    lines += [
        f"| `{t.key}` | {(t.name or t.label)['en']} | {t.definition['en']} |"
        for t in vocabulary.bodies
    ]
    lines += ["", "## Contexts", ""]
    lines += [
        "An entry with `context` records an event of a related but different regime: it is "
        "shown in the authority's history, marked as context, and never sets a status.",
        "",
        "| context | label | meaning |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| `{t.key}` | {t.label['en']} | {t.definition['en']} |" for t in vocabulary.contexts
    ]
    return "\n".join(lines) + "\n"
