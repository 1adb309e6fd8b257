"""The interface's messages in each language: gettext catalogues, compiled at build time.

English is the source text. Each other language has locale/<language>/LC_MESSAGES/messages.po,
which `make messages` keeps in step with the messages of the templates and the Python code
(babel.cfg names where they are; KEYWORDS, the functions that mark them). The build
compiles the catalogue in memory, so no compiled file is kept beside it.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

# The calls whose arguments are messages, and which: the first (and for ngettext, the
# second, its plural); N_ marks a message to translate where it is shown; the open data's
# definitions mark their descriptions by position (a Field's third argument).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "Field": (3,),
    "dated": (2,),
    "Download": (3,),
}


def N_(message: str) -> str:
    """Return a message unchanged, marking it for the catalogue (gettext_noop): it is
    translated where it is shown, in the language of the page."""
    return message


def catalogue_path(language: str) -> str:
    """Return where a language's catalogue is, under the locale folder."""
    return f"{language}/LC_MESSAGES/messages.po"


class MissingCatalogueError(LookupError):
    """A language without a catalogue in the locale folder."""


def translations(locale: Mapping[str, bytes], language: str) -> gettext.NullTranslations:
    """Return the messages of a language, from the locale folder's files (by path)."""
    if language == "en":
        return gettext.NullTranslations()
    path = catalogue_path(language)
    if path not in locale:
        raise MissingCatalogueError(f"locale/{path} is missing: there is no {language} catalogue")
    catalogue = read_po(io.BytesIO(locale[path]), locale=language)
    compiled = io.BytesIO()
    # Fuzzy messages are left out: a guess is shown in English until it is checked.
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)
