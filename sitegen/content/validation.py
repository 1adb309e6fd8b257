"""Record-by-record checks: each file's fields against the record format."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sitegen.content.characters import describe_unprintable, find_blank, find_unprintable
from sitegen.content.parsing import TextFile, parse_front_matter_file, parse_yaml_file
from sitegen.content.problems import Problem
from sitegen.content.schema import (
    ALL_AUTHORITIES,
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    EXCLUDES,
    LIST_ITEMS,
    MAX_TEXT_LENGTH,
    MAX_URL_LENGTH,
    NEEDS,
    ONE_OF,
    PLACEHOLDER,
    SEVERAL_AUTHORITIES,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    UNCONFIRMED,
    VOCABULARY_SECTIONS,
    Field,
    Type,
)
from sitegen.content.vocabulary import Vocabulary
from sitegen.content.yamldata import LineList, LineMap
from sitegen.model.dates import DateError, DateRange, PartialDate
from sitegen.model.records import Authority, Entry, Source

_SLUG = re.compile(SLUG_PATTERN)
When = TypeVar("When", PartialDate, DateRange)
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


# How alike a word and a choice must be (difflib's ratio) for the choice to be suggested:
# close enough that the editor plainly meant it ("escalaton", "titel"), not a distant guess.
_CLOSE = 0.75
# A word this long that begins a choice's hyphenated words ("neath" of "neath-port-talbot").
_PREFIX = 4


def suggest(
    word: str,
    choices: Sequence[str],
    spellings: Mapping[str, Sequence[str]] | None = None,
    *,
    fuzzy: bool = True,
) -> str | None:
    """Return the choice an editor most likely meant, or None when none is close.

    `spellings` gives other ways of writing a choice, such as a body's full name and label:
    written exactly (case aside), they name it, so that "Care Inspectorate Wales" suggests
    CIW. Only the choices themselves are matched by likeness, and only with `fuzzy`.
    """
    wanted = " ".join(word.split()).casefold()
    written = {choice.casefold(): choice for choice in choices}
    for choice, others in (spellings or {}).items():
        for other in others:
            written.setdefault(" ".join(other.split()).casefold(), choice)
    if wanted in written:
        return written[wanted]
    if not fuzzy:
        return None
    keys = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=_CLOSE)
    if close:
        return keys[close[0]]
    if len(wanted) >= _PREFIX:
        return next((c for f, c in keys.items() if f.startswith(wanted + "-")), None)
    return None


def did_you_mean(
    word: str,
    choices: Sequence[str],
    spellings: Mapping[str, Sequence[str]] | None = None,
    *,
    fuzzy: bool = True,
) -> str:
    """Return "did you mean 'x'? " for the likely choice, or ''."""
    choice = suggest(word, choices, spellings, fuzzy=fuzzy)
    return f"did you mean '{choice}'? " if choice else ""


def _text(value: Any, field: Field, context: Context, limit: int = MAX_TEXT_LENGTH) -> str:
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
    if len(text) > limit:
        raise Invalid(
            f"is {len(text)} characters long (at most {limit}"
            + ("; put detail in the summary)" if limit == MAX_TEXT_LENGTH else ")")
        )
    return text


def _what_to_write(field: Field) -> str:
    """Say what belongs in a field: for text, from its description ("the source's title");
    for any other type, the type ("a status from content/vocabulary.yaml")."""
    if field.type not in (Type.TEXT, Type.TEXT_LIST) or not field.description:
        return field.type.value
    what = field.description.split(". ")[0].rstrip(".")
    return what[:1].lower() + what[1:]


def _refuse_placeholder(value: Any, field: Field) -> None:
    if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
        raise Invalid(f"is still the placeholder (write {_what_to_write(field)})")


def _when(
    value: Any,
    field: Field,
    context: Context,
    parse: Callable[[str], When],
    last: Callable[[When], PartialDate],
) -> When:
    """Read a date or a range of dates that has happened by today."""
    _refuse_placeholder(value, field)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid(f"must be {field.type.value}, not {describe(value)}")
    try:
        when = parse(str(value))
    except DateError as error:
        raise Invalid(str(error)) from None
    if last(when).first_day > context.today:
        raise Invalid(
            f"{last(when)} is after today ({context.today.isoformat()}): record only what has "
            "happened"
        )
    return when


def _date(value: Any, field: Field, context: Context) -> PartialDate:
    return _when(value, field, context, PartialDate.parse, lambda date: date)


def _date_range(value: Any, field: Field, context: Context) -> DateRange:
    return _when(value, field, context, DateRange.parse, lambda span: span.last)


def _confirmation(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context)
    if text != UNCONFIRMED:
        raise Invalid(
            f"'{text}' is not a value it takes (write {UNCONFIRMED}, or remove the line when "
            "the sources confirm it)"
        )
    return text


def _url(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context, MAX_URL_LENGTH)
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
    if text == ALL_AUTHORITIES:
        raise Invalid(
            f"'{ALL_AUTHORITIES}' names no one authority (for a programme that covered every "
            f"authority, write 'authorities: {ALL_AUTHORITIES}' on its own)"
        )
    if not _SLUG.fullmatch(text):
        raise Invalid(
            f"'{text}' is not an authority slug (lower-case words joined by "
            "hyphens, as in neath-port-talbot)"
        )
    return text


def _term(section: str, noun: str) -> Callable[[Any, Field, Context], str]:
    def check(value: Any, field: Field, context: Context) -> str:
        text = _text(value, field, context)
        terms = context.vocabulary.section(section)
        keys = [term.key for term in terms]
        if text in keys:
            return text
        # A term may be written as its label or full name in either language.
        spellings = {
            term.key: [*term.label.values(), *(term.name or {}).values()] for term in terms
        }
        if section == "statuses":
            # A status's key is not its meaning ("serious-concern" is a formal escalation,
            # a report of serious concerns is not): never guess one from likeness.
            hint = did_you_mean(text, keys, spellings, fuzzy=False)
            listed = ", ".join(f"{term.key} ({term.label['en']})" for term in terms)
            raise Invalid(
                f"'{text}' is not a {noun} ({hint}choose by the definitions in "
                f"docs/records.md: {listed})"
            )
        raise Invalid(
            f"'{text}' is not a {noun} ({did_you_mean(text, keys, spellings)}use one of: "
            f"{', '.join(keys)})"
        )

    return check


def _entry_id(value: Any, field: Field, context: Context) -> str:
    text = _text(value, field, context)
    if not _SLUG.fullmatch(text):
        raise Invalid(
            f"'{text}' is not an entry id (the old file name without .md, such as "
            "2010-swansea-intervention-board-withdrawn)"
        )
    return text


_CHECKS: dict[Type, Callable[[Any, Field, Context], Any]] = {
    Type.TEXT: _text,
    Type.DATE: _date,
    Type.DATE_RANGE: _date_range,
    Type.CONFIRMATION: _confirmation,
    Type.URL: _url,
    Type.HTTPS_URL: _url,
    Type.GSS_CODE: _gss_code,
    Type.AUTHORITY: _authority,
    Type.ENTRY_ID: _entry_id,
    **{kind: _term(section, kind.name.lower()) for kind, section in VOCABULARY_SECTIONS.items()},
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
    texts: list[str] = []
    item_type = LIST_ITEMS[field.type]
    item_field = Field(field.name, item_type, True, field.description, "")
    for item_line, item, name in items:
        try:
            text = _CHECKS[item_type](item, item_field, context)
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


def _check_entry_rules(file: TextFile, data: LineMap, values: dict[str, Any]) -> list[Problem]:
    """Return the problems of fields that are wrong together, and of the file's name."""
    problems = []
    for one, other in ONE_OF:
        if one in data and other in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(other),
                    other,
                    f"is given with {one} (an entry gives one of them: {one} for one "
                    f"authority, {other} for a programme that covered several)",
                )
            )
        elif one not in data and other not in data:
            problems.append(
                Problem(
                    file.path,
                    data.line,
                    one,
                    f"is required but missing (add a line such as '{one}: neath-port-talbot', "
                    f"or '{other}: [...]' for a programme that covered several)",
                )
            )
    listed = data.get("authorities")
    if isinstance(listed, list) and len(listed) == 1 and listed[0] != ALL_AUTHORITIES:
        problems.append(
            Problem(
                file.path,
                data.line_of("authorities"),
                "authorities",
                f"lists one authority (an entry of one authority writes 'authority: "
                f"{listed[0]}'; authorities is for a programme that covered several)",
            )
        )
    for name, needed in NEEDS.items():
        if name in data and needed not in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(name),
                    name,
                    f"says something of the entry's {needed}, which it does not set (add "
                    f"'{needed}: ...', or remove the line)",
                )
            )
    # Why each ruling-out field excludes the other, as the editor reads it.
    reasons = {
        "context": "a context entry, which never sets the children's services status (remove "
        "status, or context if the event is about children's services)",
        "authorities": "a programme that covered several authorities (set a status on an "
        "entry of one authority instead)",
    }
    for name, excluded in EXCLUDES.items():
        if name in data and excluded in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(excluded),
                    excluded,
                    f"is set on {reasons[name]}",
                )
            )
    if values.get("body") and values["body"] in values.get("joint_with", ()):
        problems.append(
            Problem(
                file.path,
                data.line_of("joint_with"),
                "joint_with",
                f"lists '{values['body']}', which is already the entry's body (list the "
                "other bodies only)",
            )
        )
    if values.get("former_ids") and file.stem in values["former_ids"]:
        problems.append(
            Problem(
                file.path,
                data.line_of("former_ids"),
                "former_ids",
                f"lists '{file.stem}', the entry's own id (list only the ids it had before)",
            )
        )
    owner = values.get("authority") or ("authorities" in values and SEVERAL_AUTHORITIES)
    if "date" in values and owner:
        prefix = f"{values['date']}-{owner}-"
        if not file.stem.startswith(prefix) or file.stem == prefix.rstrip("-"):
            whose = "authority" if "authority" in values else f"'{SEVERAL_AUTHORITIES}'"
            problems.append(
                Problem(
                    file.path,
                    1,
                    "file name",
                    f"must start with the entry's date and {whose}, then a few words: "
                    f"rename it to {prefix}<short-words>.md",
                )
            )
    fieldwork, date = values.get("fieldwork"), values.get("date")
    if fieldwork and date and fieldwork.last.first_day > date.last_day:
        problems.append(
            Problem(
                file.path,
                data.line_of("fieldwork"),
                "fieldwork",
                f"{fieldwork} is after the entry's date {date} (fieldwork comes before the report)",
            )
        )
    return problems


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
    problems += _check_entry_rules(file, data, values)
    if problems:
        return None, problems
    return Entry(id=file.stem, path=file.path, summary=summary, lines=data.key_lines, **values), []
