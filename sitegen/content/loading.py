"""From the files' text to the checked model: every record validated, all problems at once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from sitegen.cache import fingerprints
from sitegen.cache.folder import Results
from sitegen.content.crosschecks import check_records
from sitegen.content.parsing import TextFile, parse_yaml_file
from sitegen.content.problems import ContentError, Problem
from sitegen.content.reading import ContentFiles
from sitegen.content.validation import Context, validate_authority, validate_entry
from sitegen.content.vocabulary import Vocabulary, load_vocabulary
from sitegen.model.timelines import Archive, build_archive
from sitegen.parallel import map_on_cores


def load_vocabulary_file(files: ContentFiles) -> tuple[Vocabulary | None, list[Problem]]:
    """Return the checked vocabulary, or None and its problems."""
    if files.vocabulary is None:
        return None, []
    document, problems = parse_yaml_file(files.vocabulary)
    if document is None or problems:
        return None, problems
    return load_vocabulary(document.data, files.vocabulary.path)


def check_files(
    files: Sequence[TextFile],
    check: Callable[..., tuple[Any, list[Problem]]],
    context: Context,
    validation_key: str,
    known: Results[Any],
) -> tuple[list[Any], list[Problem]]:
    """Check each file once: a file checked by an earlier build keeps its result."""
    keys = [fingerprints.record(validation_key, file.digest) for file in files]
    results = {key: known.get(key) for key in keys}
    todo = [(file, key) for file, key in zip(files, keys, strict=True) if results[key] is None]
    checked = map_on_cores(functools.partial(check, context=context), [f for f, _ in todo])
    for (_file, key), result in zip(todo, checked, strict=True):
        results[key] = result
        known.put(key, result)
    records, problems = [], []
    for key in keys:
        record, more = results[key]
        problems += more
        if record:
            records.append(record)
    return records, problems


def load_archive(files: ContentFiles, today: dt.date, known: Results[Any] | None = None) -> Archive:
    """Validate every record and return the model; raise ContentError listing every problem.

    `known` holds records checked by earlier builds, by fingerprints.record.
    """
    problems = list(files.problems)
    vocabulary, more = load_vocabulary_file(files)
    problems += more
    if vocabulary is None or files.vocabulary is None:
        # Entries cannot be checked without the vocabulary; its problems come first.
        raise ContentError(problems)
    known = known if known is not None else Results()
    context = Context(vocabulary, today)
    validation_key = fingerprints.validation(files.vocabulary.text, today.isoformat())
    authorities, more = check_files(
        files.authorities, validate_authority, context, validation_key, known
    )
    problems += more
    entries, more = check_files(files.entries, validate_entry, context, validation_key, known)
    problems += more
    if files.about is not None and not files.about.text.strip():
        problems.append(Problem(files.about.path, 1, "file", "is empty (write the about page)"))
    problems += check_records(authorities, entries)
    if problems:
        raise ContentError(problems)
    return build_archive(authorities, entries, vocabulary, today)
