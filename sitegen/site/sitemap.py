"""The sitemap of every page, and robots.txt pointing crawlers at it."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from sitegen.settings import LANGUAGES, Settings
from sitegen.site import urls
from sitegen.site.pages import REDIRECT_TEMPLATE, Page

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"

# The not-found page is served at any missing address; it is not a page to index, and nor
# is a former address that points to an entry's new one.
NOT_LISTED = {urls.path_of(urls.NOT_FOUND_FILE)}


def render_sitemap(pages: Sequence[Page], settings: Settings) -> dict[str, bytes]:
    """Return sitemap.xml listing every page's absolute URL, in every language, and
    robots.txt naming it."""
    editions = {language: settings.in_language(language) for language in LANGUAGES}
    listed = (p for p in pages if p.url not in NOT_LISTED and p.template != REDIRECT_TEMPLATE)
    # Written as text, one line per element, as ElementTree would indent it: several times
    # faster than building the tree, for tens of thousands of pages.
    entries = [
        f"  <url>\n    <loc>{escape(url)}</loc>\n  </url>\n"
        for url in sorted(editions[page.language].url(page.url) for page in listed)
    ]
    urlset = (
        f'<urlset xmlns="{SITEMAP}">\n{"".join(entries)}</urlset>'
        if entries
        else f'<urlset xmlns="{SITEMAP}" />'
    )
    sitemap = f"<?xml version='1.0' encoding='utf-8'?>\n{urlset}\n".encode()
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {settings.shared_url(urls.SITEMAP)}\n"
    return {"sitemap.xml": sitemap, "robots.txt": robots.encode()}
