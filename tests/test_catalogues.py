"""The interface's catalogues: every message of the templates and code, each translated."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import ROOT

from sitegen.site import catalogues

pytestmark = pytest.mark.unit

LOCALE = ROOT / "locale"
LANGUAGES = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def catalogue(language: str) -> Catalog:
    with (LOCALE / catalogues.catalogue_path(language)).open("rb") as file:
        return read_po(file, locale=language)


def source_messages() -> set[str]:
    """Return every message the templates and code mark, as `make messages` extracts them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file, "babel.cfg")
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=catalogues.KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def test_welsh_is_one_of_the_languages() -> None:
    assert "cy" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_templates_and_code(language: str) -> None:
    held = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue(language)
        if message.id
    }
    source = source_messages()
    assert sorted(source - held) == [], "new messages: run `make messages` and translate them"
    assert sorted(held - source) == [], "messages no longer used: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    held = catalogue(language)
    forms = held.num_plurals
    problems = []
    for message in held:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"{english!r}: is marked fuzzy (check it, then remove the flag)")
        if not all(strings) or (message.pluralizable and len(strings) != forms):
            problems.append(f"{english!r}: lacks its translation (every form of it)")
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != sorted(set(PLACEHOLDER.findall(english))):
                problems.append(f"{english!r}: {string!r} has other placeholders")
    assert problems == []


def test_welsh_counts_take_welsh_plural_forms() -> None:
    welsh = catalogues.translations(
        {catalogues.catalogue_path("cy"): (LOCALE / catalogues.catalogue_path("cy")).read_bytes()},
        "cy",
    )
    years = [
        welsh.ngettext("%(num)d year", "%(num)d years", n) % {"num": n} for n in (1, 2, 3, 6, 10)
    ]
    assert len(set(word.split(" ", 1)[1] for word in years[:3])) == 3, years


def test_a_language_without_a_catalogue_is_named() -> None:
    with pytest.raises(
        catalogues.MissingCatalogueError, match=r"locale/ga/LC_MESSAGES/messages\.po is missing"
    ):
        catalogues.translations({}, "ga")
