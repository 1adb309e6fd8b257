"""Record-by-record checks: each file's fields against the record format."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .characters import describe_unprintable, find_blank, find_unprintable
from .dates import DateError, PartialDate
from .parsing import TextFile, parse_front_matter_file, parse_yaml_file
from .problems import Problem
from .records import Authority, Entry, Source
from .schema import (
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    MAX_TEXT_LENGTH,
    PLACEHOLDER,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    Field,
    Type,
)
from .vocabulary import Vocabulary
from .yamldata import LineList, LineMap

_SLUG = re.compile(SLUG_PATTERN)
_GSS = re.compile(r"W06\d{6}")


class Invalid(Exception):
    """A field's value is wrong; the message says what and how to fix it."""


@dataclass(frozen=True)
class Context:
    """What the checks need besides the record: the vocabulary and today's date."""

    vocabulary: Vocabulary
    today: dt.date


def describe(value: Any) -> str:
    """Name the kind of a YAML value the way an editor would."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if not isinstance(value, str):
        # A standard tag (!!set, !!binary) still builds something other than text.
        return "a value made by a YAML tag (remove the '!!' tag)"
    return f"'{value}'"


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """Return the choice an editor most likely meant, or None."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    return next((choice for choice in choices if word and choice.startswith(word)), None)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """Return "did you mean 'x'? " for the likely choice, or ''."""
    choice = suggest(word, choices)
    return f"did you mean '{choice}'? " if choice else ""


def _text(value: Any, field: Field, context: Context) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be {field.type.value}, not {describe(value)}")
    text = value.strip()
    if not text:
        raise Invalid(f"is empty (write {field.type.value})")
    if text.startswith(PLACEHOLDER):
        raise Invalid(f"is still the placeholder (write {_what_to_write(field)})")
    if "\n" in text:
        raise Invalid("must be one line (put longer text in the summary)")
    bad = find_unprintable(text)
    if bad:
        raise Invalid(describe_unprintable(bad))
    if len(text) > MAX_TEXT_LENGTH:
        raise Invalid(
            f"is {len(text)} characters long (at most {MAX_TEXT_LENGTH}; put detail in the summary)"
        )
    return text


def _what_to_write(field: Field) -> str:
    """Say what belongs in a field, from its description ("The source's title.")."""
    what = field.description.split(". ")[0].rstrip(".")
    return what[:1].lower() + what[1:] if what else field.type.value


def _date(value: Any, field: Field, context: Context) -> PartialDate:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid(f"must be {field.type.value}, not {describe(value)}")
    try:
        date = PartialDate.parse(str(value))
    except DateError as error:
        raise Invalid(str(error)) from None
    if date.first_day > context.today:
        raise Invalid(
            f"{date} is after today ({context.today.isoformat()}): record only what has happened"
        )
    return date


def _url(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context)
    # urlsplit silently drops tabs and line breaks, so "java\tscript:" would pass as
    # "javascript:" and a stray space would reach the page: refuse them before parsing.
    blank = find_blank(text)
    if blank is not None:
        raise Invalid(
            f"{text!r} contains a space or invisible character (U+{ord(blank):04X}), which a "
            f"web address cannot hold (write {field.type.value}, with %20 for a space)"
        )
    schemes = ("https",) if field.type is Type.HTTPS_URL else ("http", "https")
    parts = urlsplit(text)
    if parts.scheme not in schemes or not parts.netloc:
        raise Invalid(f"'{text}' is not a web address (write {field.type.value})")
    return text


def _gss_code(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context)
    if not _GSS.fullmatch(text):
        raise Invalid(
            f"'{text}' is not an ONS code for a Welsh local authority (W06 and six "
            "digits, such as W06000012)"
        )
    return text


def _authority(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context)
    if not _SLUG.fullmatch(text):
        raise Invalid(
            f"'{text}' is not an authority slug (lower-case words joined by "
            "hyphens, as in neath-port-talbot)"
        )
    return text


def _term(section: str, noun: str) -> Callable[[Any, Field, Context], str]:
    def check(value: Any, field: Field, context: Context) -> str:
        text = _text(value, field, context)
        keys = [term.key for term in context.vocabulary.section(section)]
        if text not in keys:
            raise Invalid(
                f"'{text}' is not a {noun} ({did_you_mean(text, keys)}use one of: "
                f"{', '.join(keys)})"
            )
        return text

    return check


_CHECKS: dict[Type, Callable[[Any, Field, Context], Any]] = {
    Type.TEXT: _text,
    Type.DATE: _date,
    Type.URL: _url,
    Type.HTTPS_URL: _url,
    Type.GSS_CODE: _gss_code,
    Type.AUTHORITY: _authority,
    Type.STATUS: _term("statuses", "status"),
    Type.KIND: _term("kinds", "kind"),
    Type.BODY: _term("bodies", "body"),
}


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
        if field.type is Type.TEXT_LIST:
            values[field.name], more = _check_list(value, field, path, where, line, context)
            problems += more
        elif field.type is Type.SOURCES:
            values[field.name], more = _check_sources(value, field, path, where, line, context)
            problems += more
        else:
            try:
                values[field.name] = _CHECKS[field.type](value, field, context)
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
    texts = []
    item_field = Field(field.name, Type.TEXT, True, "", "")
    for item_line, item, name in items:
        try:
            texts.append(_text(item, item_field, context))
        except Invalid as error:
            problems.append(Problem(path, item_line, name, str(error)))
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
                    "title, publisher, date, url (not "
                    f"{describe(item)})",
                )
            )
            continue
        values, more = _check_fields(item, SOURCE_FIELDS, path, f"{name}.", context)
        problems += more
        if not more:
            sources.append(Source(**values))
    return tuple(sources), problems


def _check_file_name(file: TextFile, extension: str, folder: str) -> list[Problem]:
    if not file.name.endswith(extension):
        return [
            Problem(
                file.path,
                1,
                "file name",
                f"must end in {extension} (every file in "
                f"{folder} is a record; rename or remove this one)",
            )
        ]
    if not _SLUG.fullmatch(file.stem):
        return [
            Problem(
                file.path,
                1,
                "file name",
                f"'{file.stem}' is not a slug (use "
                "lower-case letters, digits and single hyphens, as in "
                f"neath-port-talbot{extension})",
            )
        ]
    return []


def _mapping(data: Any, path: str) -> LineMap | Problem:
    if isinstance(data, LineMap):
        return data
    return Problem(
        path, 1, "file", f"must be a set of fields ('name: value' lines), not {describe(data)}"
    )


def _only_comments(file: TextFile) -> Problem:
    # A file of comments alone (such as the schema line) has no data: say so, never skip it.
    return Problem(file.path, 1, "file", "has only comments (write the record's fields)")


def validate_authority(file: TextFile, context: Context) -> tuple[Authority | None, list[Problem]]:
    """Check one authority file; return the authority, or None and why not."""
    problems = _check_file_name(file, ".yaml", "content/authorities/")
    if problems:
        return None, problems
    document, problems = parse_yaml_file(file)
    if document is None:
        return None, problems or [_only_comments(file)]
    data = _mapping(document.data, file.path)
    if isinstance(data, Problem):
        return None, [*problems, data]
    values, more = _check_fields(data, AUTHORITY_FIELDS, file.path, "", context)
    problems += more
    if problems:
        return None, problems
    return Authority(slug=file.stem, path=file.path, lines=data.key_lines, **values), []


def validate_entry(file: TextFile, context: Context) -> tuple[Entry | None, list[Problem]]:
    """Check one entry file; return the entry, or None and why not."""
    problems = _check_file_name(file, ".md", "content/inspections/")
    if problems:
        return None, problems
    document, problems = parse_front_matter_file(file)
    if document is None:
        return None, problems or [_only_comments(file)]
    data = _mapping(document.data, file.path)
    if isinstance(data, Problem):
        return None, [*problems, data]
    values, more = _check_fields(data, ENTRY_FIELDS, file.path, "", context)
    problems += more
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
                "is empty (after the closing '---', write what happened in your own words)",
            )
        )
    elif summary.startswith(PLACEHOLDER):
        problems.append(
            Problem(
                file.path,
                document.summary_line,
                "summary",
                "is still the placeholder (write what happened in your own words)",
            )
        )
    if "date" in values and "authority" in values:
        prefix = f"{values['date']}-{values['authority']}-"
        if not file.stem.startswith(prefix) or file.stem == prefix.rstrip("-"):
            problems.append(
                Problem(
                    file.path,
                    1,
                    "file name",
                    f"must start with the entry's "
                    f"date and authority, then a few words: rename it to "
                    f"{prefix}<short-words>.md",
                )
            )
    if (
        "fieldwork" in values
        and "date" in values
        and (values["fieldwork"].first_day > values["date"].last_day)
    ):
        problems.append(
            Problem(
                file.path,
                data.line_of("fieldwork"),
                "fieldwork",
                f"{values['fieldwork']} is after the entry's date "
                f"{values['date']} (fieldwork comes before the report)",
            )
        )
    if problems:
        return None, problems
    return Entry(id=file.stem, path=file.path, summary=summary, lines=data.key_lines, **values), []
