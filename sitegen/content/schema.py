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
    DATE_RANGE = (
        "a date, or a range FROM/TO of two such dates (2022-05-23/2022-05-27, 2014-01/2014-05)"
    )
    URL = "a web address starting with http:// or https://"
    HTTPS_URL = "a web address starting with https://"
    GSS_CODE = "an ONS code for a Welsh local authority: W06 and six digits"
    AUTHORITY = "the slug of an authority (its file name in content/authorities/)"
    AUTHORITIES = "a list of authority slugs, or the word all"
    STATUS = "a status from content/vocabulary.yaml"
    KIND = "a kind from content/vocabulary.yaml"
    BODY = "a body from content/vocabulary.yaml"
    BODIES = "a list of bodies from content/vocabulary.yaml"
    CONTEXT = "a context from content/vocabulary.yaml"
    CONFIRMATION = "unconfirmed (leave the line out when the sources confirm it)"
    TEXT_LIST = "a list of short lines of text"
    ID_LIST = "a list of entry ids (file names without .md)"
    ENTRY_ID = "an entry id (its file name without .md)"
    SOURCES = "a list of sources, each with the fields below"


# The part of content/vocabulary.yaml each type of field takes its words from.
VOCABULARY_SECTIONS: dict[Type, str] = {
    Type.STATUS: "statuses",
    Type.KIND: "kinds",
    Type.BODY: "bodies",
    Type.CONTEXT: "contexts",
}

# The type of each item of a list field (sources are records of their own).
LIST_ITEMS: dict[Type, Type] = {
    Type.TEXT_LIST: Type.TEXT,
    Type.AUTHORITIES: Type.AUTHORITY,
    Type.BODIES: Type.BODY,
    Type.ID_LIST: Type.ENTRY_ID,
}


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

# An entry's Welsh text is a file beside it: <id>.cy.md beside <id>.md. Its front matter has
# these fields; its body is the summary in Welsh.
WELSH_SUFFIX = ".cy.md"

# Where the records are in the content folder.
VOCABULARY = "vocabulary.yaml"
ABOUT = "about.md"
# The about page's Welsh: optional, as a Welsh page without it shows the English, marked.
ABOUT_WELSH = "about" + WELSH_SUFFIX
AUTHORITIES = "authorities"
ENTRIES = "inspections"
TRANSLATION_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Type.TEXT,
        True,
        "The entry's title in Welsh, in the editors' own words.",
        "Galw'r protocol pryderon difrifol ar ôl trydydd adroddiad arolygu",
    ),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    Field(
        "authority",
        Type.AUTHORITY,
        False,
        "Whose history this entry belongs to. Required, unless the entry gives authorities.",
        "neath-port-talbot",
    ),
    Field(
        "authorities",
        Type.AUTHORITIES,
        False,
        "Instead of authority, for a programme that covered several authorities or all "
        "(a national inspection or review): recorded once, shown in each one's history. "
        "Such an entry sets no status; its file name starts with its date and 'wales'.",
        "[caerphilly, conwy, torfaen]",
    ),
    Field(
        "date",
        Type.DATE,
        True,
        "When it happened (for a report, the day it was published). Shown as written: "
        "2012-11 is shown as November 2012.",
        "2012-11-19",
    ),
    Field(
        "date_note",
        Type.TEXT,
        False,
        "Where the sources disagree on the date, or it needs a word: what they say. Shown "
        "beside the date.",
        "WalesOnline gives 1 August 2022",
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
        "joint_with",
        Type.BODIES,
        False,
        "The other bodies that acted with body, as in a joint inspection.",
        "[HIW, Estyn]",
    ),
    Field(
        "context",
        Type.CONTEXT,
        False,
        "Marks an event of a related but different regime (education safeguarding, the "
        "council as a whole, adult services only): shown as context in the history. It "
        "never sets the children's services status.",
        "education-safeguarding",
    ),
    Field(
        "status",
        Type.STATUS,
        False,
        "The authority's concern status from this date on, until a later entry changes "
        "it. Leave it out when the event did not change the status or the sources do not "
        "say. The status definitions (below, and on the site's about page) say which "
        "words of the sources map to which status.",
        "serious-concern",
    ),
    Field(
        "status_start",
        Type.CONFIRMATION,
        False,
        "With status: the sources show the status in force by this date, but not when it "
        "began. The period it starts, and the end of the one before, are shown as not "
        "confirmed.",
        "unconfirmed",
    ),
    Field(
        "status_end",
        Type.CONFIRMATION,
        False,
        "With status: no source says when (or whether) this status ended. Its period "
        "lasts until the next entry that sets a status, or to today, shown as not "
        "confirmed.",
        "unconfirmed",
    ),
    Field(
        "inspection_type",
        Type.TEXT,
        False,
        "The inspection's type, as the inspectorate named it.",
        "inspection of children's services",
    ),
    Field(
        "fieldwork",
        Type.DATE_RANGE,
        False,
        "When the inspectors did their fieldwork: a date, or FROM/TO.",
        "2022-05-23/2022-05-27",
    ),
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
    Field(
        "former_ids",
        Type.ID_LIST,
        False,
        "The ids this entry had before its file was renamed (when a correction changed its "
        "date): each old address keeps a page that points to the new one. Never remove one.",
        "[2010-swansea-intervention-board-withdrawn]",
    ),
)

# Fields of which a record gives exactly one.
ONE_OF: tuple[tuple[str, str], ...] = (("authority", "authorities"),)

# Fields that only mean something beside another one.
NEEDS: dict[str, str] = {"status_start": "status", "status_end": "status"}

# Fields that rule another out: a context entry or a programme never sets a status.
EXCLUDES: dict[str, str] = {"context": "status", "authorities": "status"}

# The word in an entry's file name in place of an authority, for one that covers several.
SEVERAL_AUTHORITIES = "wales"

# The one value a confirmation field takes: it is written only when the sources fall short.
UNCONFIRMED = "unconfirmed"

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
    Field(
        "reproduces",
        Type.TEXT,
        False,
        "Whose text this source reproduces word for word, such as a Care Inspectorate Wales "
        "release on a local news site.",
        "Care Inspectorate Wales",
    ),
    Field(
        "archived",
        Type.URL,
        False,
        "An archived copy of the source, such as a Wayback Machine address, for when its "
        "own address moves or goes.",
        "https://web.archive.org/web/2016/https://gov.wales/...",
    ),
)

# Longest title or list item, in characters: detail belongs in the summary.
MAX_TEXT_LENGTH = 200
# Longest web address: a council's committee papers can have addresses of several hundred.
MAX_URL_LENGTH = 2000

# What a new entry's scaffold puts where the editor must write: the validator refuses it.
PLACEHOLDER = "REPLACE"

# The first line of a record (inside an entry's front matter) that points editors' tools,
# such as VS Code's YAML extension, at the record's JSON Schema. It is a YAML comment.
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
