"""From the files' text to the checked model: every record validated, all problems at once."""

from __future__ import annotations

import datetime as dt

from .crosschecks import check_records
from .parsing import parse_yaml_file
from .problems import ContentError, Problem
from .reading import ContentFiles
from .timelines import Archive, build_archive
from .validation import Context, validate_authority, validate_entry
from .vocabulary import Vocabulary, load_vocabulary


def load_vocabulary_file(files: ContentFiles) -> tuple[Vocabulary | None, list[Problem]]:
    """Return the checked vocabulary, or None and its problems."""
    if files.vocabulary is None:
        return None, []
    document, problems = parse_yaml_file(files.vocabulary)
    if document is None or problems:
        return None, problems
    return load_vocabulary(document.data, files.vocabulary.path)


def load_archive(files: ContentFiles, today: dt.date) -> Archive:
    """Validate every record and return the model; raise ContentError listing every problem."""
    problems = list(files.problems)
    vocabulary, more = load_vocabulary_file(files)
    problems += more
    if vocabulary is None:
        # Entries cannot be checked without the vocabulary; its problems come first.
        raise ContentError(problems)
    context = Context(vocabulary, today)
    authorities, entries = [], []
    for file in files.authorities:
        authority, more = validate_authority(file, context)
        problems += more
        if authority:
            authorities.append(authority)
    for file in files.entries:
        entry, more = validate_entry(file, context)
        problems += more
        if entry:
            entries.append(entry)
    if files.about is not None and not files.about.text.strip():
        problems.append(Problem(files.about.path, 1, "file", "is empty (write the about page)"))
    problems += check_records(authorities, entries)
    if problems:
        raise ContentError(problems)
    return build_archive(authorities, entries, vocabulary, today)
