"""JSON Schemas of the record files, for editors' tools, generated from the record format.

Editors' editors (VS Code's YAML extension, for one) read them to complete field names and
flag mistakes as the editor types. The validator stays the judge; these schemas follow it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sitegen.content.schema import (
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    EXCLUDES,
    LIST_ITEMS,
    MAX_TEXT_LENGTH,
    MAX_URL_LENGTH,
    NEEDS,
    ONE_OF,
    PLACEHOLDER,
    SOURCE_FIELDS,
    TRANSLATION_FIELDS,
    UNCONFIRMED,
    VOCABULARY_SECTIONS,
    Field,
    Type,
)
from sitegen.model import patterns
from sitegen.model.dates import RANGE_SEPARATOR
from sitegen.model.patterns import JSON_SCHEMA_DIALECT, anchored
from sitegen.model.records import ALL_AUTHORITIES
from sitegen.model.vocabulary import Vocabulary

# The folder of the schemas, in the repository and on the site.
SCHEMA_FOLDER = "schemas"

# One line, not empty, not the scaffold's placeholder.
_TEXT: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_TEXT_LENGTH,
    "pattern": rf"^(?!\s*{PLACEHOLDER})[^\n]*\S[^\n]*$",
}
# One authority's slug: any slug but the word that means every authority.
_SLUG = {"type": "string", "pattern": f"^(?!{ALL_AUTHORITIES}$){patterns.SLUG}$"}

_TYPES: dict[Type, dict[str, Any]] = {
    Type.TEXT: _TEXT,
    # YAML reads a bare year (2012) as a number.
    Type.DATE: {
        "anyOf": [
            {"type": "string", "pattern": anchored(patterns.DATE)},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    },
    Type.DATE_RANGE: {
        "anyOf": [
            {
                "type": "string",
                "pattern": rf"^\s*{patterns.DATE}(\s*{RANGE_SEPARATOR}\s*{patterns.DATE})?\s*$",
            },
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    },
    Type.URL: {
        "type": "string",
        "maxLength": MAX_URL_LENGTH,
        "pattern": anchored(patterns.WEB_ADDRESS),
    },
    Type.HTTPS_URL: {
        "type": "string",
        "maxLength": MAX_URL_LENGTH,
        "pattern": anchored(patterns.SECURE_WEB_ADDRESS),
    },
    Type.GSS_CODE: {"type": "string", "pattern": anchored(patterns.GSS_CODE)},
    Type.AUTHORITY: _SLUG,
    Type.AUTHORITIES: {
        "anyOf": [
            {"const": ALL_AUTHORITIES},
            {"type": "array", "minItems": 2, "uniqueItems": True, "items": _SLUG},
        ]
    },
    Type.CONFIRMATION: {"enum": [UNCONFIRMED]},
    Type.TEXT_LIST: {"type": "array", "minItems": 1, "uniqueItems": True, "items": _TEXT},
    Type.ID_LIST: {
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"type": "string", "pattern": anchored(patterns.SLUG)},
    },
}


def _field_schema(field: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    item = LIST_ITEMS.get(field.type)
    if field.type in VOCABULARY_SECTIONS:
        terms = vocabulary.section(VOCABULARY_SECTIONS[field.type])
        schema: dict[str, Any] = {"type": "string", "enum": [term.key for term in terms]}
    elif item in VOCABULARY_SECTIONS:
        keys = [term.key for term in vocabulary.section(VOCABULARY_SECTIONS[item])]
        schema = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": keys}}
    elif field.type is Type.SOURCES:
        schema = {
            "type": "array",
            "minItems": 1,
            "items": _object_schema(SOURCE_FIELDS, vocabulary),
        }
    else:
        schema = dict(_TYPES[field.type])
    return {"description": f"{field.description} Write {field.type.value}.", **schema}


def _object_schema(fields: Sequence[Field], vocabulary: Vocabulary) -> dict[str, Any]:
    names = {field.name for field in fields}
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in fields if field.required],
        "properties": {field.name: _field_schema(field, vocabulary) for field in fields},
    }
    # Exactly one of each pair that applies to these fields (authority or authorities).
    pairs = [pair for pair in ONE_OF if set(pair) <= names]
    if pairs:
        schema["allOf"] = [
            {"oneOf": [{"required": [one]}, {"required": [other]}]} for one, other in pairs
        ]
    needs = {name: [needed] for name, needed in NEEDS.items() if name in names}
    if needs:
        schema["dependentRequired"] = needs
    excludes = {
        name: {"not": {"required": [excluded]}}
        for name, excluded in EXCLUDES.items()
        if name in names
    }
    if excludes:
        schema["dependentSchemas"] = excludes
    return schema


def _document(title: str, fields: Sequence[Field], vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": title,
        "description": "Generated from sitegen/content/schema.py and content/vocabulary.yaml by "
        "`python build.py field-guide`; see docs/records.md.",
        **_object_schema(fields, vocabulary),
    }


def build_record_schemas(vocabulary: Vocabulary) -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of each kind of record file, by its file name."""
    return {
        "authority.schema.json": _document(
            "An authority: content/authorities/<slug>.yaml", AUTHORITY_FIELDS, vocabulary
        ),
        "entry.schema.json": _document(
            "An entry's front matter: content/inspections/<id>.md", ENTRY_FIELDS, vocabulary
        ),
        "welsh.schema.json": _document(
            "The front matter of an entry's Welsh text: content/inspections/<id>.cy.md",
            TRANSLATION_FIELDS,
            vocabulary,
        ),
    }


def render_record_schemas(vocabulary: Vocabulary) -> dict[str, bytes]:
    """Return the schema files as published on the site, under schemas/."""
    return {
        f"{SCHEMA_FOLDER}/{name}": _json(schema)
        for name, schema in build_record_schemas(vocabulary).items()
    }


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()
