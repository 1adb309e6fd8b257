"""Pages rendered to HTML with Jinja: strict, autoescaped, every string translatable."""

from __future__ import annotations

import gettext as gettext_module
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import jinja2
from babel.lists import format_list

from sitegen.cache import fingerprints
from sitegen.cache.folder import BuildCache
from sitegen.cache.store import ObjectStore, StoredFile, store_file
from sitegen.model.dates import PartialDate
from sitegen.model.records import Entry
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Archive
from sitegen.parallel import map_on_cores
from sitegen.site.filters import LOCALES, show_date, show_date_range, show_duration
from sitegen.site.pages import Page

File = TypeVar("File")

# Where `make serve` serves a local build; a published build gives its own --base-url.
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


class BaseUrlError(ValueError):
    """A base URL that is not an absolute http(s) address."""


@dataclass(frozen=True)
class SiteConfig:
    """Settings of one build: where the site is served from and in which language.

    The absolute base URL is the origin followed by the base path, so the two cannot
    disagree: a site at https://example.org/record/ has the origin https://example.org and
    the base path /record/.
    """

    base_path: str = "/"
    language: str = "en"
    origin: str = DEFAULT_BASE_URL.rstrip("/")

    @classmethod
    def for_base_url(cls, base_url: str, language: str = "en") -> SiteConfig:
        """Return the settings of a site served at an absolute http(s) base URL."""
        parts = urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BaseUrlError(
                f"'{base_url}' is not an absolute address (write it as https://example.org/path/)"
            )
        if parts.query or parts.fragment:
            raise BaseUrlError(f"'{base_url}' has a query or fragment (give the folder only)")
        return cls(
            base_path=normalise_base_path(parts.path),
            language=language,
            origin=f"{parts.scheme}://{parts.netloc}",
        )

    @property
    def base_url(self) -> str:
        """Return the absolute address of the site's home page."""
        return self.origin + self.base_path

    def href(self, path: str) -> str:
        """Return a site path ('/status/') as a link under the base path."""
        return self.base_path.rstrip("/") + path

    def url(self, path: str) -> str:
        """Return a site path ('/status/') as an absolute address, such as a permalink."""
        return self.origin + self.href(path)


def normalise_base_path(path: str) -> str:
    """Return a base path with one slash at each end ('record' -> '/record/')."""
    inner = path.strip("/")
    return f"/{inner}/" if inner else "/"


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


def make_environment(
    templates: Mapping[str, str],
    archive: Archive,
    config: SiteConfig,
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
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    vocabulary = archive.vocabulary
    language = config.language

    def date(value: PartialDate) -> str:
        return show_date(value, language)

    def duration(period: StatusPeriod) -> str:
        return show_duration(period, archive.today, translations.gettext, translations.ngettext)

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

    env.filters.update(
        date=date,
        date_range=lambda span: show_date_range(span, language),
        duration=duration,
        status_label=lambda key: vocabulary.status(key).label[language],
        kind_label=lambda key: vocabulary.kind(key).label[language],
        body_label=lambda key: vocabulary.body(key).label[language],
        body_name=lambda key: (vocabulary.body(key).name or {}).get(language, key),
        context_label=lambda key: vocabulary.context(key).label[language],
        context_definition=lambda key: vocabulary.context(key).definition,
        acting=acting,
    )
    env.globals.update(
        href=config.href,
        url=config.url,
        language=language,
        vocabulary=vocabulary,
        today=archive.today,
        authority_count=len(archive.timelines),
        today_shown=show_date(PartialDate.of(archive.today), language),
    )
    return env


def render_page(page: Page, env: jinja2.Environment) -> bytes:
    """Return one page's HTML."""
    context: dict[str, Any] = {**page.context, "page_url": page.url}
    return env.get_template(page.template).render(context).encode("utf-8")


@dataclass(frozen=True)
class PageKeys:
    """What the build cache knows pages by: see fingerprints.rendering and fingerprints.unit."""

    rendering: str
    units: Mapping[str, str]


def render_pages(
    pages: Sequence[Page],
    env: jinja2.Environment,
    store: ObjectStore,
    keys: PageKeys,
    cache: BuildCache,
) -> dict[str, StoredFile]:
    """Render and store every page not already made from the same inputs; return them all.

    An authority's pages are reused whole while its records are unchanged. When they change,
    each of its pages is still reused if everything its template is given is the same. A
    page whose file has gone from the store is rendered again.
    """
    scopes: dict[str | None, list[Page]] = defaultdict(list)
    paths: set[str] = set()
    for page in pages:
        if page.path in paths:
            raise DuplicatePageError(f"two pages would be written to {page.path}")
        paths.add(page.path)
        scopes[page.scope].append(page)
    made: dict[str, StoredFile] = {}
    todo: list[tuple[Page, str | None]] = []
    for scope, members in scopes.items():
        if scope is None:
            todo += [(page, None) for page in members]
            continue
        unit = cache.units.get(keys.units[scope])
        if (
            unit is not None
            and unit.keys() == {page.path for page in members}
            and all(store.has(file.digest) for file in unit.values())
        ):
            made.update(unit)
            continue
        for page in members:
            key = fingerprints.page(keys.rendering, page.path, page.context)
            known = cache.pages.get(key)
            if known is None or not store.has(known.digest):
                todo.append((page, key))
            else:
                made[page.path] = known

    def make(item: tuple[Page, str | None]) -> StoredFile:
        page = item[0]
        return store_file(store, page.path, render_page(page, env))

    cache.rendered += len(todo)
    for (page, key), file in zip(todo, map_on_cores(make, todo), strict=True):
        made[page.path] = file
        if key is not None:
            cache.pages.put(key, file)
    for scope, members in scopes.items():
        if scope is not None:
            cache.units.put(keys.units[scope], {page.path: made[page.path] for page in members})
    return {page.path: made[page.path] for page in pages}
