"""An entry's Welsh text: its file checked, and joined to its entry.

The Welsh text of content/inspections/<id>.md is content/inspections/<id>.cy.md beside it:
front matter with its title (schema.TRANSLATION_FIELDS), then its summary. It is the
editors' translation; the English file stays the record, so an English correction never
waits for the Welsh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitegen.content.parsing import RecordText, parse_front_matter_file
from sitegen.content.problems import Problem
from sitegen.content.schema import TRANSLATION_FIELDS, WELSH_SUFFIX
from sitegen.content.suggestions import suggest
from sitegen.content.validation import check_summary, read_fields
from sitegen.content.values import Context
from sitegen.model.records import Entry, Translation


def validate_welsh(file: RecordText, context: Context) -> tuple[Translation | None, list[Problem]]:
    """Check one entry's Welsh text (<id>.cy.md); return it, or None and why not. Whether
    its entry exists is checked with the entries (loading.py)."""
    document, data, values, problems = read_fields(
        file,
        WELSH_SUFFIX,
        "content/inspections/",
        parse_front_matter_file,
        TRANSLATION_FIELDS,
        context,
    )
    if document is None or data is None:
        return None, problems
    summary, more = check_summary(file, document, "the summary in Welsh")
    problems += more
    if problems:
        return None, problems
    entry_id = file.name.removesuffix(WELSH_SUFFIX)
    return Translation(
        id=entry_id, path=file.path, language="cy", summary=summary, lines=data.key_lines, **values
    ), []


def with_welsh(
    entries: Sequence[Entry], welsh: Sequence[Translation], entry_ids: Sequence[str]
) -> tuple[list[Entry], list[Problem]]:
    """Return the entries, each with its Welsh text if it has one; a Welsh text with no
    entry file beside it is a problem (an entry file with problems of its own still counts,
    so that its Welsh text is not reported too)."""
    by_id = {translation.id: translation for translation in welsh}
    known = set(entry_ids)
    problems = []
    for translation in welsh:
        if translation.id not in known:
            guess = suggest(translation.id, entry_ids)
            hint = f"did you mean {guess}{WELSH_SUFFIX}?" if guess else "rename or remove it"
            problems.append(
                Problem(
                    translation.path,
                    1,
                    "file name",
                    f"names no entry: there is no {translation.id}.md beside it (a Welsh "
                    f"text is named after its entry's file; {hint})",
                )
            )
    joined = [
        replace(entry, welsh=by_id[entry.id]) if entry.id in by_id else entry for entry in entries
    ]
    return joined, problems
