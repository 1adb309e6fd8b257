"""The build, top to bottom: read, validate, model, plan, render, write, index.

Everything is read and checked before anything is written, and the site is written beside
the old one and swapped in only when complete, so a failed build leaves site/ as it was.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass
from pathlib import Path

from babel.support import Translations

from .completeness import check_complete
from .corrections import plan_corrections
from .downloads import render_downloads
from .feeds import render_feeds
from .links import BrokenLinksError, find_broken_links
from .loading import load_archive
from .markup import render_markdown
from .pages import plan_pages
from .reading import read_content, read_last_changed, read_tree
from .recordschemas import render_record_schemas
from .rendering import SiteConfig, make_environment, merge_files, render_pages
from .search import index_site
from .sitemap import render_sitemap
from .timelines import Archive
from .writing import discard, swap_in, write_staging


@dataclass(frozen=True)
class Paths:
    """Where the build reads from and writes to."""

    content: Path
    templates: Path
    static: Path
    locale: Path
    site: Path

    @classmethod
    def under(cls, root: Path, *, content: Path | None = None, site: Path | None = None) -> Paths:
        """Return the project's usual folders, with the content and site folders as given."""
        return cls(
            content or root / "content",
            root / "templates",
            root / "static",
            root / "locale",
            site or root / "site",
        )


def validate(content: Path, today: dt.date) -> Archive:
    """Read and check every record; raise ContentError listing every problem found."""
    return load_archive(read_content(content), today)


def load_translations(locale: Path, language: str) -> gettext.NullTranslations:
    """Return the message catalogue of a language (English is the source text)."""
    if language == "en":
        return gettext.NullTranslations()
    return Translations.load(str(locale), [language])


def build(
    paths: Paths,
    today: dt.date,
    config: SiteConfig,
    *,
    history: bool = False,
    edit_url: str | None = None,
) -> Archive:
    """Build the whole site into paths.site; raise ContentError if any record is wrong.

    Raise BrokenLinksError, writing nothing, if a page links to a missing page or fragment.
    With history, entry pages show when their record last changed, from git.
    """
    # Read: the only input side.
    files = read_content(paths.content)
    templates = {name: data.decode("utf-8") for name, data in read_tree(paths.templates).items()}
    static = read_tree(paths.static)
    translations = load_translations(paths.locale, config.language)
    last_changed = read_last_changed(paths.content) if history else {}
    # Check and model: pure from here until writing.
    archive = load_archive(files, today)
    summaries = {entry.id: render_markdown(entry.summary) for entry in archive.entries}
    about = render_markdown(files.about.text if files.about else "", headings=True)
    corrections = plan_corrections(archive, last_changed, str(about), config, edit_url)
    pages = plan_pages(archive, summaries, about, corrections)
    environment = make_environment(templates, archive, config, translations)
    output = merge_files(
        render_pages(pages, environment),
        render_downloads(archive, config),
        render_feeds(archive, summaries, config),
        render_sitemap(pages, config),
        render_record_schemas(archive.vocabulary),
        {f"static/{name}": data for name, data in static.items()},
    )
    check_complete(archive, output, files)
    # Pagefind writes its own files after this check, so links into it are not checked here.
    broken = find_broken_links(output, config.base_path, ignore=["pagefind/"])
    if broken:
        raise BrokenLinksError(broken)
    # Write beside the old site, index, then swap in whole.
    staging = write_staging(output, paths.site)
    try:
        index_site(staging)
        swap_in(staging, paths.site)
    except BaseException:
        discard(staging)
        raise
    return archive
