"""Record files split into their YAML data and Markdown summary."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Protocol

from sitegen.content.problems import Problem
from sitegen.content.yamldata import load_yaml
from sitegen.digests import digest

FENCE = "---"


class RecordText(Protocol):
    """A record file as the checks take it: its path, its text, and their digest (a
    TextFile, or a reading.KnownFile whose text is read only if asked for)."""

    @property
    def path(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def digest(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def stem(self) -> str: ...


class Named:
    """The name and stem of a file at a path (relative to the project, with forward
    slashes)."""

    path: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass(frozen=True)
class TextFile(Named):
    """A content file's path (relative to the project, with forward slashes) and text."""

    path: str
    text: str

    @functools.cached_property
    def digest(self) -> str:
        """Return the digest of the file's path and text, worked out once."""
        return digest(self.path, self.text)


@dataclass(frozen=True)
class Document:
    """The data of a file's YAML (with key lines) and, for an entry, its summary."""

    data: Any
    summary: str = ""
    summary_line: int = 1


def parse_yaml_file(file: RecordText) -> tuple[Document | None, list[Problem]]:
    """Read a whole file as YAML data."""
    if not file.text.strip():
        return None, [Problem(file.path, 1, "file", "is empty (write the record's fields)")]
    data, yaml_problems = load_yaml(file.text)
    problems = [Problem(file.path, p.line, "yaml", p.message) for p in yaml_problems]
    return (Document(data) if data is not None else None), problems


def parse_front_matter_file(file: RecordText) -> tuple[Document | None, list[Problem]]:
    """Read a Markdown file that starts with YAML front matter between '---' lines."""
    if not file.text.strip():
        return None, [
            Problem(
                file.path,
                1,
                "file",
                "is empty (start with '---', the fields, '---', then the summary)",
            )
        ]
    lines = file.text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [
            Problem(
                file.path,
                1,
                "front matter",
                "is missing (the file must start with a "
                "line '---', then the fields, then a line '---', then the summary)",
            )
        ]
    closing = next(
        (number for number, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None
    )
    if closing is None:
        return None, [
            Problem(
                file.path,
                1,
                "front matter",
                "is not closed (add a line '---' after the last field)",
            )
        ]
    # Blank lines before the YAML keep PyYAML's line numbers equal to the file's.
    yaml_text = "\n" * 1 + "\n".join(lines[1:closing])
    if not yaml_text.strip():
        return None, [Problem(file.path, 1, "front matter", "is empty (write the entry's fields)")]
    data, yaml_problems = load_yaml(yaml_text)
    problems = [Problem(file.path, p.line, "yaml", p.message) for p in yaml_problems]
    if data is None:
        return None, problems
    summary = "\n".join(lines[closing + 1 :])
    return Document(data, summary, closing + 2), problems
