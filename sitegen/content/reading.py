"""Reading the content folder from disk: with history.py (the days from git), the generator's
only input side."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.content.parsing import TextFile
from sitegen.content.problems import Problem
from sitegen.content.schema import (
    ABOUT,
    ABOUT_WELSH,
    AUTHORITIES,
    ENTRIES,
    VOCABULARY,
    WELSH_SUFFIX,
)

# No record needs more; a larger file is a mistake or an attack, and is refused unread.
MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Listing:
    """The paths of the record files read: what the completeness check counts against."""

    authorities: tuple[str, ...]
    entries: tuple[str, ...]


@dataclass(frozen=True)
class ContentFiles:
    """The text of every content file, and the problems met while reading them."""

    vocabulary: TextFile | None
    about: TextFile | None
    authorities: tuple[TextFile, ...]
    entries: tuple[TextFile, ...]
    problems: tuple[Problem, ...]
    # The entries' Welsh texts, each in a file beside its entry's.
    welsh: tuple[TextFile, ...] = ()
    about_welsh: TextFile | None = None

    @property
    def listing(self) -> Listing:
        """Return the paths of the record files, without their text."""
        return Listing(
            tuple(file.path for file in self.authorities),
            tuple(file.path for file in self.entries),
        )


def _read_text(path: Path | os.DirEntry[str], shown: str) -> TextFile | Problem:
    # A folder listing's entries know whether they are links or folders without a look-up.
    if path.is_symlink():
        return Problem(shown, 1, "file", "is a symbolic link (commit the file itself)")
    if path.is_dir():
        return Problem(
            shown,
            1,
            "file",
            "is a folder (records go directly in the folder above; move its files up)",
        )
    with open(path, "rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = os.stat(path).st_size
        return Problem(
            shown,
            1,
            "file",
            f"is {size} bytes (at most {MAX_FILE_BYTES}; a record "
            "is a short summary with its sources)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown, line, "file", "is not UTF-8 text (save it as UTF-8)")
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return Problem(
            shown, line, "file", "contains a NUL character (save it as plain UTF-8 text)"
        )
    return TextFile(shown, text.replace("\r\n", "\n").replace("\r", "\n"))


def _read_folder(root: Path, folder: str, problems: list[Problem]) -> tuple[TextFile, ...]:
    directory = root / folder
    if not directory.is_dir():
        problems.append(Problem(f"{root.name}/{folder}", 1, "folder", "is missing"))
        return ()
    files = []
    with os.scandir(directory) as listing:
        items = sorted(listing, key=lambda item: item.name)
    for item in items:
        read = _read_text(item, f"{root.name}/{folder}/{item.name}")
        if isinstance(read, Problem):
            problems.append(read)
        else:
            files.append(read)
    return tuple(files)


def read_content(root: Path) -> ContentFiles:
    """Read the vocabulary, authority and entry files under a content folder."""
    problems: list[Problem] = []
    vocabulary = _read_required(root, VOCABULARY, problems)
    about = _read_required(root, ABOUT, problems)
    authorities = _read_folder(root, AUTHORITIES, problems)
    files = _read_folder(root, ENTRIES, problems)
    entries = tuple(file for file in files if not file.name.endswith(WELSH_SUFFIX))
    welsh = tuple(file for file in files if file.name.endswith(WELSH_SUFFIX))
    about_welsh = None
    if (root / ABOUT_WELSH).exists() or (root / ABOUT_WELSH).is_symlink():
        about_welsh = _read_required(root, ABOUT_WELSH, problems)
    return ContentFiles(
        vocabulary, about, authorities, entries, tuple(problems), welsh, about_welsh
    )


def _read_required(root: Path, name: str, problems: list[Problem]) -> TextFile | None:
    path, shown = root / name, f"{root.name}/{name}"
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown, 1, "file", "is missing"))
        return None
    read = _read_text(path, shown)
    if isinstance(read, Problem):
        problems.append(read)
        return None
    return read


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file under a folder (templates, static assets) by its relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
