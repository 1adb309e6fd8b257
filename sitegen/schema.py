"""The record format: every field of every record, in one place.

The validator checks records against these tables and the editors' field reference
(docs/records.md) is generated from them, so the two cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Type(enum.Enum):
    """What a field's value must be, with the words an editor sees for it."""

    TEXT = "one line of text"
    DATE = "a date: YYYY-MM-DD, or YYYY-MM / YYYY when the sources give only that"
    URL = "a web address starting with http:// or https://"
    HTTPS_URL = "a web address starting with https://"
    GSS_CODE = "an ONS code for a Welsh local authority: W06 and six digits"
    AUTHORITY = "the slug of an authority (its file name in content/authorities/)"
    STATUS = "a status from content/vocabulary.yaml"
    KIND = "a kind from content/vocabulary.yaml"
    BODY = "a body from content/vocabulary.yaml"
    TEXT_LIST = "a list of short lines of text"
    SOURCES = "a list of sources, each with the fields below"


@dataclass(frozen=True)
class Field:
    """One field of a record."""

    name: str
    type: Type
    required: bool
    description: str
    example: str


AUTHORITY_FIELDS: tuple[Field, ...] = (
    Field("name", Type.TEXT, True, "The authority's name in English.", "Neath Port Talbot"),
    Field("name_cy", Type.TEXT, True, "The authority's name in Welsh.", "Castell-nedd Port Talbot"),
    Field("gss_code", Type.GSS_CODE, True, "Its ONS (GSS) code; unique.", "W06000012"),
    Field("website", Type.HTTPS_URL, False, "Its website.", "https://www.npt.gov.uk/"),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    Field(
        "authority",
        Type.AUTHORITY,
        True,
        "Whose history this entry belongs to.",
        "neath-port-talbot",
    ),
    Field(
        "date",
        Type.DATE,
        True,
        "When it happened (for a report, the day it was published). Shown as written: "
        "2012-11 is shown as November 2012.",
        "2012-11-19",
    ),
    Field("kind", Type.KIND, True, "What kind of event this is.", "escalation"),
    Field(
        "title",
        Type.TEXT,
        True,
        "A short headline, in the editors' own words.",
        "Serious Concern Protocol invoked after third inspection report",
    ),
    Field("body", Type.BODY, True, "Who acted.", "CSSIW"),
    Field(
        "status",
        Type.STATUS,
        False,
        "The authority's concern status from this date on, until a later entry changes "
        "it. Leave it out when the event did not change the status or the sources do not "
        "say.",
        "serious-concern",
    ),
    Field(
        "inspection_type",
        Type.TEXT,
        False,
        "The inspection's type, as the inspectorate named it.",
        "inspection of children's services",
    ),
    Field("fieldwork", Type.DATE, False, "When the inspectors did their fieldwork.", "2012-09"),
    Field(
        "legal_basis",
        Type.TEXT,
        False,
        "The power or protocol used.",
        "Social Services and Well-being (Wales) Act 2014, s151",
    ),
    Field(
        "findings",
        Type.TEXT_LIST,
        False,
        "The main findings, in your own words.",
        "[Frequent failure to meet statutory requirements]",
    ),
    Field(
        "recommendations",
        Type.TEXT_LIST,
        False,
        "What the inspectors recommended.",
        "[Review the quality of supervision]",
    ),
    Field(
        "sources",
        Type.SOURCES,
        True,
        "Where every fact in this entry comes from; at least one.",
        "(see below)",
    ),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Type.TEXT,
        True,
        "The source's title.",
        "Written statement: Neath Port Talbot children's social services",
    ),
    Field("publisher", Type.TEXT, True, "Who published it.", "Welsh Government"),
    Field("date", Type.DATE, False, "When it was published.", "2012-11-19"),
    Field("url", Type.URL, False, "Where to read it, when it is online.", "https://gov.wales/..."),
)

# Longest title or list item, in characters: detail belongs in the summary.
MAX_TEXT_LENGTH = 200

# A slug: lower-case letters and digits in words joined by single hyphens.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# What a new entry's scaffold puts where the editor must write: the validator refuses it.
PLACEHOLDER = "REPLACE"

# The first line of a record (inside an entry's front matter) that points editors' tools,
# such as VS Code's YAML extension, at the record's JSON Schema. It is a YAML comment.
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
