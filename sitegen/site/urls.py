"""The site's URL scheme, in one place: where every page and feed lives.

Paths are from the site root, with a slash at each end ('/authorities/powys/'); a page's
file is its path followed by index.html. These addresses are permalinks: add new ones,
but never rename or remove one without a redirect (as renamed entries get: pages.py).
Templates reach this module as `urls` (href(urls.STATUS), href(urls.entry(entry.id))).
"""

from __future__ import annotations

HOME = "/"
AUTHORITIES = "/authorities/"
STATUS = "/status/"
ABOUT = "/about/"
DATA = "/data/"
SEARCH = "/search/"
NOT_FOUND_FILE = "404.html"
SITE_FEED = "/feed.xml"
SITEMAP = "/sitemap.xml"


def authority(slug: str) -> str:
    """Return the path of an authority's page: its timeline."""
    return f"{AUTHORITIES}{slug}/"


def authority_feed(slug: str) -> str:
    """Return the path of an authority's Atom feed."""
    return f"{authority(slug)}feed.xml"


def entry(entry_id: str) -> str:
    """Return the path of an entry's page (and, with a former id, of its redirect)."""
    return f"/inspections/{entry_id}/"


def status_on(year: int) -> str:
    """Return the path of the page of every authority's status on 1 January of a year."""
    return f"{STATUS}on/{year}/"


def file_of(path: str) -> str:
    """Return the file that serves a page's path, from the site root ('status/index.html')."""
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def path_of(file: str) -> str:
    """Return the path a page's file is served at ('status/index.html' -> '/status/')."""
    return "/" + file.removesuffix("index.html")
