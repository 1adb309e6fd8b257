"""From the files' text to the checked model: every record validated, all problems at once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from sitegen.content.crosschecks import check_records
from sitegen.content.parsing import RecordText, parse_yaml_file
from sitegen.content.problems import ContentError, Problem
from sitegen.content.reading import ContentFiles
from sitegen.content.validation import validate_authority, validate_entry
from sitegen.content.values import Context
from sitegen.content.vocabulary import load_vocabulary
from sitegen.content.welsh import validate_welsh, with_welsh
from sitegen.model.timelines import Archive, build_archive
from sitegen.model.vocabulary import Vocabulary
from sitegen.parallel import map_on_cores

# One record file checked: its record (None when it has problems) and its problems.
Checked = tuple[Any, list[Problem]]
# How one record file is checked: validate_authority, validate_entry or validate_welsh.
Validator = Callable[[RecordText, Context], Checked]
# How a batch of record files is checked with one validator. The build cache has its own,
# which reuses the results of earlier builds.
Checker = Callable[[Validator, Sequence[RecordText], Context], list[Checked]]


def load_vocabulary_file(files: ContentFiles) -> tuple[Vocabulary | None, list[Problem]]:
    """Return the checked vocabulary, or None and its problems."""
    if files.vocabulary is None:
        return None, []
    document, problems = parse_yaml_file(files.vocabulary)
    if document is None or problems:
        return None, problems
    return load_vocabulary(document.data, files.vocabulary.path)


def check_files(
    validate: Validator, files: Sequence[RecordText], context: Context
) -> list[Checked]:
    """Check record files across the cores; return the results in the files' order."""
    return map_on_cores(functools.partial(validate, context=context), files)


def load_archive(files: ContentFiles, today: dt.date, check: Checker = check_files) -> Archive:
    """Validate every record and return the model; raise ContentError listing every problem."""
    problems = list(files.problems)
    vocabulary, more = load_vocabulary_file(files)
    problems += more
    if vocabulary is None or files.vocabulary is None:
        # Entries cannot be checked without the vocabulary; its problems come first.
        raise ContentError(problems)
    context = Context(vocabulary, today)
    authorities, more = _records(check(validate_authority, files.authorities, context))
    problems += more
    # An authority whose file has problems still exists: entries may name it.
    names = {authority.slug: (authority.name, authority.name_cy) for authority in authorities}
    known = {file.stem: () for file in files.authorities} | names
    entry_context = Context(vocabulary, today, dict(sorted(known.items())))
    entries, more = _records(check(validate_entry, files.entries, entry_context))
    problems += more
    welsh, more = _records(check(validate_welsh, files.welsh, context))
    problems += more
    entries, more = with_welsh(entries, welsh, [file.stem for file in files.entries])
    problems += more
    if files.about is not None and not files.about.text.strip():
        problems.append(Problem(files.about.path, 1, "file", "is empty (write the about page)"))
    problems += check_records(authorities, entries)
    if problems:
        raise ContentError(problems)
    return build_archive(authorities, entries, vocabulary, today)


def _records(checked: Sequence[Checked]) -> tuple[list[Any], list[Problem]]:
    records, problems = [], []
    for record, more in checked:
        problems += more
        if record:
            records.append(record)
    return records, problems
