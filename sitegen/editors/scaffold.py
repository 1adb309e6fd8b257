"""A new entry's file: the required fields filled, the optional ones shown as comments.

The text is generated from the schema, so a new field appears in every scaffold. What the
editor must still write is a placeholder that the validator refuses until it is replaced;
so is the value of every optional line, so that uncommenting one without editing it is an
error, never a published status.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from sitegen.content.schema import (
    ENTRY_FIELDS,
    LIST_ITEMS,
    PLACEHOLDER,
    SCHEMA_COMMENT,
    SOURCE_FIELDS,
    VOCABULARY_SECTIONS,
    Field,
    Type,
)
from sitegen.model.dates import PartialDate
from sitegen.model.vocabulary import Vocabulary

# At most this many words from the title go into the file name.
MAX_NAME_WORDS = 6

SUMMARY_PLACEHOLDER = (
    f"{PLACEHOLDER}: what happened, in your own words. Say only what the sources state, and "
    "give dates only as precisely as they do."
)


@dataclass(frozen=True)
class NewEntry:
    """What an editor said about a new entry."""

    authority: str
    date: PartialDate
    kind: str
    body: str
    title: str
    words: str

    @property
    def file_name(self) -> str:
        """Return the entry's file name: date, authority, then the short words."""
        return f"{self.date}-{self.authority}-{self.words}.md"


def slugify(text: str, max_words: int = MAX_NAME_WORDS) -> str:
    """Return the first few words of a text as lower-case ASCII joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words[:max_words])


def _scalar(text: str) -> str:
    """Return a text as a YAML value, quoted only when plain YAML would misread it."""
    try:
        plain = yaml.safe_load(text)
    except yaml.YAMLError:
        plain = None
    if plain == text and "#" not in text and "\n" not in text:
        return text
    # JSON's double-quoted strings are valid YAML.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _choices(field: Field, vocabulary: Vocabulary) -> str:
    section = VOCABULARY_SECTIONS.get(LIST_ITEMS.get(field.type, field.type))
    if section is None:
        return f" For example: {field.example}."
    return " One of: " + ", ".join(term.key for term in vocabulary.section(section)) + "."


def _optional(field: Field, vocabulary: Vocabulary, indent: str = "") -> str:
    """Return an optional field as a comment: a placeholder, then what it means."""
    explanation = field.description.split(". ")[0].rstrip(".") + "."
    value = f"[{PLACEHOLDER}]" if field.type in LIST_ITEMS else PLACEHOLDER
    return f"{indent}# {field.name}: {value}  # {explanation}{_choices(field, vocabulary)}"


def _placeholder(field: Field) -> str:
    what = field.description.split(". ")[0].rstrip(".")
    return _scalar(f"{PLACEHOLDER}: {what[:1].lower() + what[1:]}")


def _source_lines(vocabulary: Vocabulary) -> list[str]:
    lines = []
    for number, field in enumerate(SOURCE_FIELDS):
        indent = "  - " if number == 0 else "    "
        if field.required:
            lines.append(f"{indent}{field.name}: {_placeholder(field)}")
        else:
            lines.append(_optional(field, vocabulary, "    "))
    return lines


def render_entry_scaffold(entry: NewEntry, vocabulary: Vocabulary) -> str:
    """Return the text of a new entry's file, ready for the editor to complete."""
    given = {
        "authority": entry.authority,
        "date": str(entry.date),
        "kind": entry.kind,
        "body": entry.body,
        "title": entry.title,
    }
    lines = ["---", SCHEMA_COMMENT.format(kind="entry")]
    optional, sources = [], []
    for field in ENTRY_FIELDS:
        if field.type is Type.SOURCES:
            sources = [f"{field.name}:", *_source_lines(vocabulary)]
        elif field.type is Type.DATE and field.name in given:
            # A date in any of its forms reads back as the same text, as in every record.
            lines.append(f"{field.name}: {given[field.name]}")
        elif field.name in given:
            lines.append(f"{field.name}: {_scalar(given[field.name])}")
        elif field.required:
            lines.append(f"{field.name}: {_placeholder(field)}")
        else:
            optional.append(_optional(field, vocabulary))
    if optional:
        lines += [
            "# Optional: to use a field, delete the '# ' before its name and write it.",
            *optional,
        ]
    lines += [*sources, "---", SUMMARY_PLACEHOLDER, ""]
    return "\n".join(lines)
