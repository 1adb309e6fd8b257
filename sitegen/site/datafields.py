"""How a field of the open data is defined: its name, type, meaning and how to get its value.

Every field is defined once (datatables.py): the same definitions produce the files, their
schemas and the tables of fields on /data/, so the documentation cannot drift from the data.
Descriptions are English source text, translated where /data/ shows them: the interface's
catalogue holds them (catalogues.KEYWORDS names the calls that mark them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sitegen.model import patterns
from sitegen.model.dates import PartialDate, Precision
from sitegen.settings import Settings
from sitegen.site.catalogues import N_

LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PRECISIONS = tuple(precision.name.lower() for precision in sorted(Precision, reverse=True))

# What each type of field holds: its JSON Schema and how /data/ names it.
TYPES: dict[str, tuple[dict[str, Any], str]] = {
    "text": ({"type": "string"}, N_("text")),
    "markdown": ({"type": "string"}, N_("Markdown text")),
    "id": ({"type": "string", "pattern": patterns.anchored(patterns.SLUG)}, N_("identifier")),
    "code": ({"type": "string", "pattern": patterns.anchored(patterns.GSS_CODE)}, N_("ONS code")),
    "date": ({"type": "string", "pattern": patterns.anchored(patterns.DATE)}, N_("ISO date")),
    "precision": ({"enum": list(PRECISIONS)}, N_("day, month or year")),
    "url": (
        {"type": "string", "format": "uri", "pattern": patterns.anchored(patterns.WEB_ADDRESS)},
        N_("URL"),
    ),
    "count": ({"type": "integer", "minimum": 0}, N_("whole number")),
    "boolean": ({"type": "boolean"}, N_("true or false")),
    "texts": ({"type": "array", "items": {"type": "string"}}, N_("list of text")),
    "ids": (
        {"type": "array", "minItems": 1, "items": {"type": "string"}},
        N_("list of identifiers"),
    ),
    "status": ({"type": "string"}, N_("status key")),
    "kind": ({"type": "string"}, N_("kind key")),
    "body": ({"type": "string"}, N_("body key")),
    "bodies": ({"type": "array", "items": {"type": "string"}}, N_("list of body keys")),
    "context": ({"type": "string"}, N_("context key")),
    "sources": (
        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        N_("list of sources"),
    ),
    "periods": (
        {"type": "array", "items": {"$ref": "#/$defs/status_period"}},
        N_("list of status periods"),
    ),
    "authorities": ({"type": "array", "items": {"$ref": "#/$defs/authority"}}, N_("list")),
    "entries": ({"type": "array", "items": {"$ref": "#/$defs/entry"}}, N_("list")),
    "statuses": ({"type": "array", "items": {"$ref": "#/$defs/authority_status"}}, N_("list")),
    "terms": ({"type": "array", "items": {"$ref": "#/$defs/term"}}, N_("list")),
}


@dataclass(frozen=True)
class Field:
    """One field of a downloaded record: its name, type, meaning and how to get its value."""

    name: str
    type: str
    description: str
    value: Callable[[Any, Settings], Any]
    optional: bool = False

    @property
    def type_label(self) -> str:
        """Return how /data/ names the field's type."""
        return TYPES[self.type][1]


@dataclass(frozen=True)
class Table:
    """A kind of record in the downloads, with its fields, as documented on /data/."""

    key: str
    title: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Download:
    """One file under /data/: its path from the site root, format and what it holds."""

    path: str
    format: str
    description: str
    tables: tuple[str, ...] = ()


def iso(date: PartialDate | None) -> str | None:
    return str(date) if date else None


def precision_of(date: PartialDate | None) -> str | None:
    return date.precision.name.lower() if date else None


def dated(
    name: str,
    description: str,
    get: Callable[[Any], PartialDate | None],
    optional: bool = False,
) -> tuple[Field, Field]:
    """Return a date's two fields: the date in ISO form and how much of it is known."""
    # Named apart, so the catalogue's extraction of Field calls meets no f-string.
    precision = f"{name}_precision"
    return (
        Field(name, "date", description, lambda row, _c: iso(get(row)), optional),
        Field(
            precision,
            "precision",
            "How precise the date before it is: day, month or year.",
            lambda row, _c: precision_of(get(row)),
            optional,
        ),
    )


def values_of(fields: Sequence[Field], row: Any, settings: Settings) -> dict[str, Any]:
    """Return one record of the open data: each field's value for a row of the model."""
    return {field.name: field.value(row, settings) for field in fields}
