"""The sitemap of every page, and robots.txt pointing crawlers at it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

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
    urlset = ET.Element("urlset", {"xmlns": SITEMAP})
    editions = {language: settings.in_language(language) for language in LANGUAGES}
    listed = (p for p in pages if p.url not in NOT_LISTED and p.template != REDIRECT_TEMPLATE)
    for url in sorted(editions[page.language].url(page.url) for page in listed):
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    ET.indent(urlset)
    sitemap = ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {settings.shared_url(urls.SITEMAP)}\n"
    return {"sitemap.xml": sitemap, "robots.txt": robots.encode()}
