"""One definition of each value's form: the validator, the editors' JSON Schemas (schemas/)
and the open data's JSON Schemas (data/*.schema.json) accept and refuse the same values.

Each form is defined once, in sitegen/model/patterns.py; these tables hold values of every
kind an editor might write, good and bad, and ask all three judges about each.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from conftest import GOLDEN_CONTENT, TODAY

from sitegen.content.loading import load_vocabulary_file
from sitegen.content.reading import read_content
from sitegen.content.schema import AUTHORITY_FIELDS, ENTRY_FIELDS, SOURCE_FIELDS, Field
from sitegen.content.values import Context, Invalid, check_value
from sitegen.editors.recordschemas import build_record_schemas
from sitegen.settings import Settings
from sitegen.site.datafiles import AUTHORITIES_FILE_FIELDS, ENTRIES_FILE_FIELDS
from sitegen.site.dataschemas import build_schema

pytestmark = pytest.mark.unit

_VOCABULARY, _ = load_vocabulary_file(read_content(GOLDEN_CONTENT))
assert _VOCABULARY is not None
CONTEXT = Context(_VOCABULARY, TODAY)
EDITORS = build_record_schemas(_VOCABULARY)
SETTINGS = Settings(today=TODAY)
OPEN_DATA = {
    "authorities": build_schema(
        "data/authorities.schema.json", "Authorities", AUTHORITIES_FILE_FIELDS, _VOCABULARY,
        SETTINGS,
    ),
    "entries": build_schema(
        "data/entries.schema.json", "Entries", ENTRIES_FILE_FIELDS, _VOCABULARY, SETTINGS
    ),
}  # fmt: skip


def _field(fields: tuple[Field, ...], name: str) -> Field:
    return next(field for field in fields if field.name == name)


def _validator_accepts(field: Field, value: str) -> bool:
    try:
        check_value(field, value, CONTEXT)
    except Invalid:
        return False
    return True


def _schema_accepts(schema: dict[str, Any], value: str) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(value)


# Each form: the validator's field, the editors' schema and the open data's schema of it.
FORMS = {
    "authority slug": (
        _field(ENTRY_FIELDS, "authority"),
        EDITORS["entry.schema.json"]["properties"]["authority"],
        OPEN_DATA["entries"]["$defs"]["entry"]["properties"]["authority"],
    ),
    "date": (
        _field(ENTRY_FIELDS, "date"),
        EDITORS["entry.schema.json"]["properties"]["date"],
        OPEN_DATA["entries"]["$defs"]["entry"]["properties"]["date"],
    ),
    "ONS code": (
        _field(AUTHORITY_FIELDS, "gss_code"),
        EDITORS["authority.schema.json"]["properties"]["gss_code"],
        OPEN_DATA["authorities"]["$defs"]["authority"]["properties"]["gss_code"],
    ),
    "web address": (
        _field(SOURCE_FIELDS, "url"),
        EDITORS["entry.schema.json"]["properties"]["sources"]["items"]["properties"]["url"],
        OPEN_DATA["entries"]["$defs"]["source"]["properties"]["url"],
    ),
}

# Values as YAML gives them (no blank at either end: the validator trims those, as YAML
# does for a value written without quotes), and whether each form accepts them.
VALUES = {
    "authority slug": {
        "powys": True, "neath-port-talbot": True, "ward-2": True, "a": True,
        "Powys": False, "neath--port-talbot": False, "-powys": False, "powys-": False,
        "neath_port_talbot": False, "neath port talbot": False, "powys.yaml": False,
        "neath\u00a0port": False, "\u0661\u0662": False,
    },
    "date": {
        "2012": True, "2012-11": True, "2012-11-19": True, "1999-01-31": True,
        "2012-13": False, "2012-00": False, "2012-11-00": False, "2012-11-32": False,
        "2012-1-9": False,
        "12-11-2012": False, "19/11/2012": False, "2012-11-19T10:00": False,
        "20121": False, "\u0662\u0660\u0661\u0662": False,
    },
    "ONS code": {
        "W06000012": True, "W06000024": True,
        "W060000012": False, "W0600001": False, "w06000012": False, "E06000012": False,
        "W05000012": False, "W06\u0660\u0660\u0660\u0660\u0661\u0662": False,
    },
    "web address": {
        "https://gov.wales/statement": True, "http://www.cssiw.org.uk/": True,
        "https://example.org/a?b=c#d": True,
        "ftp://example.org/": False, "gov.wales/statement": False, "https:///path": False,
        "https://": False, "javascript:alert(1)": False, "https://gov.wales/a b": False,
        "https://gov.wales/\ta": False, "HTTPS://gov.wales/statement": False,
        "https://?x": False, "https://#top": False,
    },
}  # fmt: skip

# What a pattern cannot know: days that are not in the calendar. The validator refuses
# them; the schemas, which check the form, cannot.
CALENDAR = ["2023-02-29", "2023-02-30", "2024-04-31"]


def _cases():
    for form, values in VALUES.items():
        for value, accepted in values.items():
            yield pytest.param(form, value, accepted, id=f"{form}: {value!r}")


@pytest.mark.parametrize(("form", "value", "accepted"), list(_cases()))
def test_the_validator_and_both_schemas_agree(form: str, value: str, accepted: bool) -> None:
    field, editors, open_data = FORMS[form]
    assert (
        _validator_accepts(field, value),
        _schema_accepts(editors, value),
        _schema_accepts(open_data, value),
    ) == (accepted, accepted, accepted)


@pytest.mark.parametrize("value", CALENDAR)
def test_only_the_validator_knows_the_calendar(value: str) -> None:
    field, editors, open_data = FORMS["date"]
    assert not _validator_accepts(field, value)
    assert _schema_accepts(editors, value) and _schema_accepts(open_data, value)


def test_the_word_for_every_authority_is_no_one_authority() -> None:
    field, editors, _ = FORMS["authority slug"]
    # A slug in form, but the word that means every authority: the open data's authority
    # is an identifier (empty for a programme), so only the record's judges refuse it.
    assert not _validator_accepts(field, "all")
    assert not _schema_accepts(editors, "all")
