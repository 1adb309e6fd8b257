"""Record-by-record checks: each file's fields against the record format, all at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from typing import Any, TypeVar

from sitegen.content import parsing
from sitegen.content.characters import describe_unprintable, find_unprintable
from sitegen.content.parsing import RecordText, parse_front_matter_file, parse_yaml_file
from sitegen.content.problems import Problem
from sitegen.content.rules import check_entry_rules
from sitegen.content.schema import (
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    LIST_ITEMS,
    PLACEHOLDER,
    SOURCE_FIELDS,
    Field,
    Type,
)
from sitegen.content.suggestions import suggest
from sitegen.content.values import CHECKS, Context, Invalid, describe, is_slug
from sitegen.content.yamldata import LineList, LineMap
from sitegen.model.records import ALL_AUTHORITIES, Authority, Entry, Source

# What a record file parses into: its YAML, or its front matter and summary.
Document = TypeVar("Document")


def _how_to_add(field: Field) -> str:
    if field.type is Type.SOURCES:
        return "add 'sources:' and under it an item '- title: ...' with its 'publisher: ...'"
    return f"add a line such as '{field.name}: {field.example}'"


def _check_fields(
    data: LineMap, fields: Sequence[Field], path: str, prefix: str, context: Context
) -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping against its fields; return the good values and every problem."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    names = [field.name for field in fields]
    for key in data:
        if key not in names:
            choice = suggest(key, names)
            hint = f" (did you mean '{choice}'?)" if choice else f" (allowed: {', '.join(names)})"
            problems.append(Problem(path, data.line_of(key), prefix + key, f"unknown field{hint}"))
    for field in fields:
        where = prefix + field.name
        if field.name not in data:
            if field.required:
                problems.append(
                    Problem(
                        path,
                        data.line,
                        where,
                        f"is required but missing ({_how_to_add(field)})",
                    )
                )
            continue
        value, line = data[field.name], data.line_of(field.name)
        if value is None:
            problems.append(
                Problem(
                    path,
                    line,
                    where,
                    f"is empty (write {field.type.value}"
                    + (")" if field.required else ", or remove the line)"),
                )
            )
            continue
        if field.type is Type.AUTHORITIES and value == ALL_AUTHORITIES:
            values[field.name] = (ALL_AUTHORITIES,)
        elif field.type in LIST_ITEMS:
            values[field.name], more = _check_list(value, field, path, where, line, context)
            problems += more
        elif field.type is Type.SOURCES:
            values[field.name], more = _check_sources(value, field, path, where, line, context)
            problems += more
        else:
            try:
                values[field.name] = CHECKS[field.type](value, field, context)
            except Invalid as error:
                problems.append(Problem(path, line, where, str(error)))
    return values, problems


def _items(
    value: Any, field: Field, path: str, where: str, line: int
) -> tuple[list[tuple[int, Any, str]], list[Problem]]:
    """Return (line, item, name) for each item of a non-empty list, or the problem."""
    if not isinstance(value, LineList):
        return [], [
            Problem(
                path,
                line,
                where,
                f"must be {field.type.value}, not {describe(value)} (start each item with '- ')",
            )
        ]
    if not value:
        return [], [
            Problem(
                path,
                line,
                where,
                "is an empty list ("
                + ("add at least one item)" if field.required else "add an item, or remove it)"),
            )
        ]
    return [
        (item_line, item, f"{where}[{number}]")
        for number, (item_line, item) in enumerate(zip(value.item_lines, value, strict=True), 1)
    ], []


def _check_list(
    value: Any, field: Field, path: str, where: str, line: int, context: Context
) -> tuple[tuple[str, ...], list[Problem]]:
    items, problems = _items(value, field, path, where, line)
    texts: list[str] = []
    item_type = LIST_ITEMS[field.type]
    item_field = Field(field.name, item_type, True, field.description, "")
    for item_line, item, name in items:
        try:
            text = CHECKS[item_type](item, item_field, context)
        except Invalid as error:
            problems.append(Problem(path, item_line, name, str(error)))
            continue
        if text in texts:
            problems.append(
                Problem(path, item_line, name, f"'{text}' is listed twice (list it once)")
            )
            continue
        texts.append(text)
    return tuple(texts), problems


def _check_sources(
    value: Any, field: Field, path: str, where: str, line: int, context: Context
) -> tuple[tuple[Source, ...], list[Problem]]:
    items, problems = _items(value, field, path, where, line)
    sources = []
    for item_line, item, name in items:
        if not isinstance(item, LineMap):
            problems.append(
                Problem(
                    path,
                    item_line,
                    name,
                    "must be a source with fields "
                    f"{', '.join(field.name for field in SOURCE_FIELDS)} (not "
                    f"{describe(item)})",
                )
            )
            continue
        values, more = _check_fields(item, SOURCE_FIELDS, path, f"{name}.", context)
        problems += more
        if not more:
            sources.append(Source(**values, lines=item.key_lines))
    return tuple(sources), problems


# A good file name of each kind of record, shown when a name is wrong.
_EXAMPLE_NAMES = {
    ".md": "2012-11-19-neath-port-talbot-protocol-invoked",
    ".cy.md": "2012-11-19-neath-port-talbot-protocol-invoked",
}


def check_file_name(path: str, extension: str, folder: str) -> list[Problem]:
    """Return the problem of a record's file name, if any: its extension, and a slug."""
    name = PurePosixPath(path).name
    if not name.endswith(extension):
        return [
            Problem(
                path,
                1,
                "file name",
                f"must end in {extension} (every file in "
                f"{folder} is a record; rename or remove this one)",
            )
        ]
    stem = name.removesuffix(extension)
    if not is_slug(stem):
        return [
            Problem(
                path,
                1,
                "file name",
                f"'{stem}' is not a slug (use lower-case letters, digits and single "
                f"hyphens, as in {_EXAMPLE_NAMES.get(extension, 'neath-port-talbot')}{extension})",
            )
        ]
    return []


def _mapping(data: Any, path: str) -> LineMap | Problem:
    if isinstance(data, LineMap):
        return data
    return Problem(
        path, 1, "file", f"must be a set of fields ('name: value' lines), not {describe(data)}"
    )


def _only_comments(file: RecordText) -> Problem:
    # A file of comments alone (such as the schema line) has no data: say so, never skip it.
    return Problem(file.path, 1, "file", "has only comments (write the record's fields)")


def read_fields(
    file: RecordText,
    extension: str,
    folder: str,
    parse: Callable[[RecordText], tuple[Document | None, list[Problem]]],
    fields: Sequence[Field],
    context: Context,
) -> tuple[Document | None, LineMap | None, dict[str, Any], list[Problem]]:
    """Read a record file and check its name and fields: return its document, its fields'
    mapping (None for either where the file cannot be read as a record), the good values and
    every problem so far."""
    named = check_file_name(file.path, extension, folder)
    if not file.name.endswith(extension):
        return None, None, {}, named
    document, problems = parse(file)
    problems = named + problems
    if document is None:
        return None, None, {}, problems or [_only_comments(file)]
    data = _mapping(document.data, file.path)  # type: ignore[attr-defined]
    if isinstance(data, Problem):
        return None, None, {}, [*problems, data]
    values, more = _check_fields(data, fields, file.path, "", context)
    return document, data, values, problems + more


def validate_authority(
    file: RecordText, context: Context
) -> tuple[Authority | None, list[Problem]]:
    """Check one authority file; return the authority, or None and why not."""
    _, data, values, problems = read_fields(
        file, ".yaml", "content/authorities/", parse_yaml_file, AUTHORITY_FIELDS, context
    )
    if data is None or problems:
        return None, problems
    return Authority(slug=file.stem, path=file.path, lines=data.key_lines, **values), []


def check_summary(
    file: RecordText, document: parsing.Document, what: str
) -> tuple[str, list[Problem]]:
    """Return a file's summary (its body after the front matter) and its problems; what
    says what to write there."""
    problems = []
    summary = document.summary.strip()
    bad = find_unprintable(document.summary)
    if bad:
        before = document.summary[: document.summary.index(bad)]
        line = document.summary_line + before.count("\n")
        problems.append(Problem(file.path, line, "summary", describe_unprintable(bad)))
    if not summary:
        problems.append(
            Problem(
                file.path,
                document.summary_line,
                "summary",
                f"is empty (after the closing '---', write {what})",
            )
        )
    elif summary.startswith(PLACEHOLDER):
        problems.append(
            Problem(
                file.path,
                document.summary_line,
                "summary",
                f"is still the placeholder (write {what})",
            )
        )
    return summary, problems


def validate_entry(file: RecordText, context: Context) -> tuple[Entry | None, list[Problem]]:
    """Check one entry file; return the entry, or None and why not."""
    document, data, values, problems = read_fields(
        file, ".md", "content/inspections/", parse_front_matter_file, ENTRY_FIELDS, context
    )
    if document is None or data is None:
        return None, problems
    summary, more = check_summary(file, document, "what happened in your own words")
    problems += more
    problems += check_entry_rules(file, data, values)
    if problems:
        return None, problems
    return Entry(id=file.stem, path=file.path, summary=summary, lines=data.key_lines, **values), []
