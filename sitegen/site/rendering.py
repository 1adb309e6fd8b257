"""Pages rendered to HTML with Jinja: strict, autoescaped, every string translatable."""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Mapping
from typing import Any, TypeVar

import jinja2
from babel.lists import format_list
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from sitegen.model.dates import PartialDate
from sitegen.model.records import RECORD_LANGUAGE, Entry
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Archive
from sitegen.settings import LANGUAGES, Settings
from sitegen.site import charts, searchui, urls
from sitegen.site.datafields import PRECISIONS
from sitegen.site.datafiles import DOWNLOADS, TABLES
from sitegen.site.filters import (
    LOCALES,
    month_names,
    show_date,
    show_date_range,
    show_duration,
)
from sitegen.site.pages import Page

File = TypeVar("File")

# Each language's name in itself, as the link to a page's twin in it is labelled.
ENDONYMS = {"en": "English", "cy": "Cymraeg"}


class DuplicatePageError(ValueError):
    """Two pages would be written to the same file."""


def merge_files(*parts: Mapping[str, File]) -> dict[str, File]:
    """Return the files of every part as one site; refuse two files at one path."""
    merged: dict[str, File] = {}
    for part in parts:
        for path, data in part.items():
            if path in merged:
                raise DuplicatePageError(f"two files would be written to {path}")
            merged[path] = data
    return merged


class _CompiledOnce(jinja2.BytecodeCache):
    """Each template's code, kept in memory for the process and shared by every environment
    that make_environment makes: they are configured alike, so the code is the same, and a
    build in two languages compiles each template once. A template whose source changes
    (in a preview) is compiled again. Nothing compiled is kept on disk."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledOnce()


def make_environment(
    templates: Mapping[str, str],
    archive: Archive,
    settings: Settings,
    translations: gettext_module.NullTranslations,
) -> jinja2.Environment:
    """Return a Jinja environment over the templates' sources, with the site's filters."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(dict(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    # What the filters need of the archive, and no more: an environment and its templates
    # refer to each other, so only the cycle collector frees it, with all that they hold.
    vocabulary = archive.vocabulary
    today = archive.today
    language = settings.language

    def date(value: PartialDate) -> str:
        return show_date(value, language)

    def duration(period: StatusPeriod) -> str:
        return show_duration(period, today, translations.gettext, translations.ngettext)

    def acting(entry: Entry, form: str = "label") -> str:
        """Return who acted: 'CIW', or 'CIW with HIW, Estyn and HMICFRS'."""
        terms = [vocabulary.body(key) for key in (entry.body, *entry.joint_with)]
        shown = [
            (term.label if form == "label" else term.name or term.label)[language] for term in terms
        ]
        if len(shown) == 1:
            return shown[0]
        others = format_list(shown[1:], locale=LOCALES[language])
        return translations.gettext("%(body)s with %(others)s") % {
            "body": shown[0],
            "others": others,
        }

    def title(entry: Entry) -> Markup:
        """Return an entry's title in the page's language, or its English marked as such."""
        shown = entry.title_in(language)
        if shown is None:
            return Markup('<span lang="%s">%s</span>') % (RECORD_LANGUAGE, entry.title)
        return escape(shown)

    env.filters.update(
        name=lambda authority: authority.name_in(language),
        title=title,
        plain_title=lambda entry: entry.title_in(language) or entry.title,
        date=date,
        day=lambda value: show_date(PartialDate.of(value), language),
        date_range=lambda span: show_date_range(span, language),
        duration=duration,
        days=lambda count: (
            translations.ngettext("%(num)s day", "%(num)s days", count)
            % {"num": format_decimal(count, locale=LOCALES[language])}
        ),
        status_label=lambda key: vocabulary.status(key).label[language],
        kind_label=lambda key: vocabulary.kind(key).label[language],
        body_label=lambda key: vocabulary.body(key).label[language],
        body_name=lambda key: (vocabulary.body(key).name or {}).get(language, key),
        context_label=lambda key: vocabulary.context(key).label[language],
        context_definition=lambda key: vocabulary.context(key).definition[language],
        acting=acting,
    )
    env.tests.update(in_language=lambda entry: entry.summary_in(language) is not None)
    editions = {other: settings.in_language(other) for other in LANGUAGES}
    env.globals.update(
        urls=urls,
        chart_look=charts.look,
        # What the data page describes: the generator's own, not the record's, so given
        # to every template rather than in a page's context (which is data).
        downloads=DOWNLOADS,
        tables={table.key: table for table in TABLES},
        precisions=PRECISIONS,
        href=settings.href,
        url=settings.url,
        shared_href=settings.shared_href,
        href_in=lambda other, path: editions[other].href(path),
        url_in=lambda other, path: editions[other].url(path),
        languages=LANGUAGES,
        endonyms=ENDONYMS,
        record_language=RECORD_LANGUAGE,
        search_filter=searchui.filter_names(translations.gettext),
        search_text={
            "words": searchui.search_text(translations.gettext),
            "filters": searchui.filter_names(translations.gettext),
            "orders": searchui.ORDERS,
        },
        # The attribute that marks the record's own English text (findings, recommendations,
        # legal basis) on a page in another language, for screen readers and translation
        # tools. Sources' titles are left unmarked: some are Welsh.
        in_record_language=(
            Markup(' lang="%s"') % RECORD_LANGUAGE if language != RECORD_LANGUAGE else Markup()
        ),
        language=language,
        month_names=month_names(language),
        vocabulary=vocabulary,
        today=today,
        authority_count=len(archive.timelines),
        today_shown=show_date(PartialDate.of(today), language),
    )
    return env


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every template of an environment now (forked workers then share them)."""
    for name in env.list_templates():
        env.get_template(name)


def render_page(page: Page, env: jinja2.Environment) -> bytes:
    """Return one page's HTML."""
    context: dict[str, Any] = {**page.context, "page_url": page.url}
    return env.get_template(page.template).render(context).encode("utf-8")
