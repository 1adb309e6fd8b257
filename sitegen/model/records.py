"""The validated records: authorities, entries in their histories, and their sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.model.dates import DateRange, PartialDate

# What an entry's authorities may say instead of a list: every authority.
ALL_AUTHORITIES = "all"
# The language the records are written in; other languages' text is a translation of it.
RECORD_LANGUAGE = "en"


@dataclass(frozen=True)
class Authority:
    """A Welsh local authority."""

    slug: str
    path: str
    name: str
    name_cy: str
    gss_code: str
    website: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def name_in(self, language: str) -> str:
        """Return the authority's name in a language: 'Powys', or in Welsh 'Casnewydd'."""
        return self.name_cy if language == "cy" else self.name


@dataclass(frozen=True)
class Source:
    """Where a fact comes from."""

    title: str
    publisher: str
    date: PartialDate | None = None
    url: str | None = None
    # The publisher whose text this source reproduces (a CIW release on a news site).
    reproduces: str | None = None
    # An archived copy (a Wayback Machine address), for when url moves or goes.
    archived: str | None = None
    # The line of each of its fields in the entry's file.
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Translation:
    """An entry's title and summary in another language (Welsh, in <id>.cy.md beside it).

    The editors' translation: the English file stays the record, and an entry without one
    is shown in English on the Welsh site.
    """

    id: str
    path: str
    language: str
    title: str
    summary: str
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Entry:
    """One dated event in the history of one authority, or of several (a programme).

    An entry of one authority names it in `authority`; a programme that covered several
    (a national inspection) names them in `authorities` instead, and once the model is built
    every entry's `authorities` lists the slugs it is shown under.
    """

    id: str
    path: str
    date: PartialDate
    kind: str
    title: str
    body: str
    sources: tuple[Source, ...]
    summary: str
    authority: str | None = None
    authorities: tuple[str, ...] = ()
    date_note: str | None = None
    joint_with: tuple[str, ...] = ()
    context: str | None = None
    status: str | None = None
    status_start: str | None = None
    status_end: str | None = None
    inspection_type: str | None = None
    fieldwork: DateRange | None = None
    legal_basis: str | None = None
    findings: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    # The Welsh title and summary, from the file beside this one, once the model is built.
    welsh: Translation | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.id)

    def title_in(self, language: str) -> str | None:
        """Return the entry's title in a language; None where it has no text in it yet."""
        return _text_in(language, self.title, self.welsh, "title")

    def summary_in(self, language: str) -> str | None:
        """Return the entry's summary in a language; None where it has no text in it yet."""
        return _text_in(language, self.summary, self.welsh, "summary")

    def summary_file(self, language: str) -> str:
        """Return the path of the file whose summary a page in a language shows: the
        translation's where it has a summary in that language, else the entry's own."""
        if language != RECORD_LANGUAGE and self.welsh is not None and self.summary_in(language):
            return self.welsh.path
        return self.path

    @property
    def is_programme(self) -> bool:
        """Say whether the entry covers several authorities rather than one."""
        return self.authority is None

    @property
    def start_confirmed(self) -> bool:
        """Say whether the sources confirm that the status it sets began on its date."""
        return self.status_start is None

    @property
    def end_confirmed(self) -> bool:
        """Say whether the sources confirm when the status it sets ended."""
        return self.status_end is None


def _text_in(language: str, record: str, translation: Translation | None, field: str) -> str | None:
    if language == RECORD_LANGUAGE:
        return record
    if translation is not None and translation.language == language:
        return getattr(translation, field)
    return None
