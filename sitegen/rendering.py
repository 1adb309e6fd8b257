"""Pages rendered to HTML with Jinja: strict, autoescaped, every string translatable."""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from .dates import PartialDate
from .filters import show_date, show_duration
from .pages import Page
from .statuses import StatusPeriod
from .timelines import Archive


@dataclass(frozen=True)
class SiteConfig:
    """Settings of one build: where the site is served from and in which language."""

    base_path: str = "/"
    language: str = "en"

    def href(self, path: str) -> str:
        """Return a site path ('/status/') as a link under the base path."""
        return self.base_path.rstrip("/") + path


class DuplicatePageError(ValueError):
    """Two pages would be written to the same file."""


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

    env.filters.update(
        date=date,
        duration=duration,
        status_label=lambda key: vocabulary.status(key).label[language],
        kind_label=lambda key: vocabulary.kind(key).label[language],
        body_label=lambda key: vocabulary.body(key).label[language],
        body_name=lambda key: (vocabulary.body(key).name or {}).get(language, key),
    )
    env.globals.update(
        href=config.href,
        language=language,
        vocabulary=vocabulary,
        today=archive.today,
    )
    return env


def render_pages(pages: Sequence[Page], env: jinja2.Environment) -> dict[str, bytes]:
    """Return each page's path with its HTML; refuse two pages at one path."""
    output: dict[str, bytes] = {}
    for page in pages:
        if page.path in output:
            raise DuplicatePageError(f"two pages would be written to {page.path}")
        template = env.get_template(page.template)
        context: dict[str, Any] = {**page.context, "page_url": page.url}
        output[page.path] = template.render(context).encode("utf-8")
    return output
