"""The JSON Schema published beside each JSON download, from the fields datatables.py and
datafiles.py define."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitegen.model.patterns import JSON_SCHEMA_DIALECT
from sitegen.model.vocabulary import Vocabulary
from sitegen.settings import Settings
from sitegen.site.datafields import TYPES, Field
from sitegen.site.datafiles import FILE_FIELDS, TABLES


def _field_schema(field: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    terms = {
        "status": vocabulary.statuses,
        "kind": vocabulary.kinds,
        "body": vocabulary.bodies,
        "context": vocabulary.contexts,
    }
    schema = dict(TYPES[field.type][0])
    if field.type in terms:
        schema["enum"] = [term.key for term in terms[field.type]]
    if field.type == "bodies":
        schema["items"] = {"enum": [term.key for term in vocabulary.bodies]}
    if field.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": field.description, **schema}


def _object_schema(fields: Sequence[Field], vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in fields],
        "properties": {field.name: _field_schema(field, vocabulary) for field in fields},
    }


def build_schema(
    path: str, title: str, fields: Sequence[Field], vocabulary: Vocabulary, settings: Settings
) -> dict[str, Any]:
    """Return the JSON Schema published at a path, for one JSON download's fields."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": settings.shared_url(f"/{path}"),
        "title": title,
        **_object_schema(fields, vocabulary),
        "$defs": {
            table.key: _object_schema(table.fields, vocabulary)
            for table in TABLES
            if table.fields is not FILE_FIELDS
        },
    }
