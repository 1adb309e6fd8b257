"""One value of a record checked against its field's type: the messages editors read.

Each check returns the value as the model holds it, or raises Invalid saying what is wrong
and how to fix it. The command line's `new` uses the same checks (check_value).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sitegen.content.characters import describe_unprintable, find_blank, find_unprintable
from sitegen.content.schema import (
    MAX_TEXT_LENGTH,
    MAX_URL_LENGTH,
    PLACEHOLDER,
    UNCONFIRMED,
    VOCABULARY_SECTIONS,
    Field,
    Type,
)
from sitegen.content.suggestions import did_you_mean, suggest
from sitegen.model import patterns
from sitegen.model.dates import DateError, DateRange, PartialDate
from sitegen.model.records import ALL_AUTHORITIES
from sitegen.model.vocabulary import Vocabulary

_SLUG = re.compile(patterns.SLUG)
_GSS = re.compile(patterns.GSS_CODE)
_WEB_ADDRESS = re.compile(patterns.WEB_ADDRESS)
_SECURE_WEB_ADDRESS = re.compile(patterns.SECURE_WEB_ADDRESS)
When = TypeVar("When", PartialDate, DateRange)

AUTHORITIES_FOLDER = "content/authorities"


class Invalid(Exception):
    """A field's value is wrong; the message says what and how to fix it."""


@dataclass(frozen=True)
class Context:
    """What the checks need besides the record: the vocabulary, today's date and, for
    entries, the authorities there are (each slug with the names it is known by)."""

    vocabulary: Vocabulary
    today: dt.date
    authorities: Mapping[str, tuple[str, ...]] | None = None


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


def _text(value: Any, field: Field, context: Context, limit: int = MAX_TEXT_LENGTH) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be {field.type.value}, not {describe(value)}")
    text = value.strip()
    if not text:
        raise Invalid(f"is empty (write {_what_to_write(field)})")
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
    secure = field.type is Type.HTTPS_URL
    parts = urlsplit(text)
    form = _SECURE_WEB_ADDRESS if secure else _WEB_ADDRESS
    # urlsplit alone would take HTTPS:// (which the schemas refuse) and a host of '?x'.
    if not parts.netloc or not form.fullmatch(text):
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
    known = context.authorities
    if known is not None and text not in known:
        choice = suggest(text, sorted(known), known)
        raise Invalid(
            f"no authority '{text}': there is no file {AUTHORITIES_FOLDER}/{text}.yaml"
            + (f" (did you mean '{choice}'?)" if choice else "")
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


CHECKS: dict[Type, Callable[[Any, Field, Context], Any]] = {
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


def check_value(field: Field, value: Any, context: Context) -> Any:
    """Return a field's value as the model holds it; raise Invalid with what is wrong."""
    return CHECKS[field.type](value, field, context)


def is_slug(text: str) -> bool:
    """Return whether a text is a slug: lower-case words of letters and digits, hyphenated."""
    return _SLUG.fullmatch(text) is not None
