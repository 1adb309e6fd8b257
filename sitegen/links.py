"""Internal links of a built site: every local href and src, and every #fragment, resolves."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Attributes that point at another file of the site.
_LINK_ATTRIBUTES = {"href", "src"}


class BrokenLinksError(Exception):
    """The rendered pages link to files or fragments that do not exist."""

    def __init__(self, links: Iterable[BrokenLink]) -> None:
        self.links = tuple(links)
        super().__init__(f"{len(self.links)} broken internal link(s)")


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link on a page whose target file or fragment does not exist."""

    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} ({self.reason})"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _LINK_ATTRIBUTES:
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def _parse(html: bytes) -> _PageParser:
    parser = _PageParser()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    return parser


def _target(page: str, path: str, base_path: str) -> str | None:
    """Return the site file a link's path names, or None if it is outside the site."""
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        resolved = path[len(base_path) :]
    else:
        resolved = posixpath.join(posixpath.dirname(page), path)
    resolved = posixpath.normpath(resolved) + ("/" if path.endswith("/") else "")
    if resolved.startswith("../") or resolved == "..":
        return None
    if resolved in ("", ".", "./", "/"):
        return "index.html"
    if resolved.endswith("/"):
        return resolved.lstrip("/") + "index.html"
    return resolved.lstrip("/")


def find_broken_links(
    files: Mapping[str, bytes], base_path: str = "/", ignore: Iterable[str] = ()
) -> list[BrokenLink]:
    """Return every local link of every HTML file that names a missing file or fragment.

    `files` maps each site file's relative path to its bytes; links to paths under one of
    `ignore` (such as 'pagefind/', written later by the indexer) are not checked.
    """
    ignored = tuple(ignore)
    pages = {path: _parse(data) for path, data in files.items() if path.endswith(".html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            target = _target(page, path, base_path) if path else page
            if target is None:
                broken.append(BrokenLink(page, link, f"outside the site's base path {base_path}"))
                continue
            if target.startswith(ignored):
                continue
            if target not in files:
                if f"{target}/index.html" in files:
                    broken.append(BrokenLink(page, link, "a folder: end the link with '/'"))
                else:
                    broken.append(BrokenLink(page, link, f"no file {target}"))
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(BrokenLink(page, link, f"no id '{fragment}' in {target}"))
    return sorted(broken)
