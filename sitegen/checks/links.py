"""Internal links of a built site: every local href and src, and every #fragment, resolves."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

from sitegen.site.facts import PageFacts, read_facts


class MadeFile(Protocol):
    """A file of a made site as the check sees it: its digest, and its facts if a page."""

    @property
    def digest(self) -> str: ...

    @property
    def facts(self) -> PageFacts | None: ...

    @property
    def is_page(self) -> bool:
        """Whether the file has facts, told without reading them."""
        ...


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
    pages = {path: read_facts(data) for path, data in files.items() if path.endswith(".html")}
    return check_links(files.keys(), pages, base_path, ignore)


def settled_pages(
    checked: Mapping[str, MadeFile] | None,
    files: Mapping[str, MadeFile],
    ignore: Iterable[str] = (),
) -> set[str]:
    """Return the pages whose links need no check again: those unchanged since a site whose
    links all resolved (`checked`, by path), so long as no file of that site has gone and
    no page of it has lost an id. A new or changed page is checked, and so is every page
    when a link's target may have gone. Files under `ignore`, whose links are not checked,
    may come and go."""
    ignored = tuple(ignore)
    if checked is None or any(not path.startswith(ignored) for path in checked.keys() - files):
        return set()
    for path, file in files.items():
        before = checked.get(path)
        if before is None or before.digest == file.digest or file.facts is None:
            continue
        if before.facts is None or not set(before.facts.ids) <= set(file.facts.ids):
            return set()
    return {
        path
        for path, file in files.items()
        if file.is_page and path in checked and checked[path].digest == file.digest
    }


def check_links(
    paths: Collection[str],
    pages: Mapping[str, PageFacts],
    base_path: str = "/",
    ignore: Iterable[str] = (),
    settled: Collection[str] = (),
) -> list[BrokenLink]:
    """Return every broken link of the pages, given every file's path and each page's facts;
    the links of `settled` pages are known to resolve (settled_pages) and are not checked."""
    ignored = tuple(ignore)
    resolved: dict[tuple[str | None, str], tuple[str | None, str] | None] = {}
    broken = []
    for page in pages:
        # Settled pages first: their facts are not even read.
        if page in settled:
            continue
        facts = pages[page]
        folder = posixpath.dirname(page)
        for link in facts.links:
            # Most links are the same on every page (the menu, the style sheet): each one
            # is resolved once for all the pages of a folder, or once at all if absolute.
            key = (None if link.startswith("/") else folder, link)
            if key not in resolved:
                resolved[key] = _resolve(page, link, base_path)
            target = resolved[key]
            if target is None:
                continue
            path, fragment = target
            if path is None:
                broken.append(BrokenLink(page, link, f"outside the site's base path {base_path}"))
                continue
            path = path or page
            if path.startswith(ignored):
                continue
            if path not in paths:
                if f"{path}/index.html" in paths:
                    broken.append(BrokenLink(page, link, "a folder: end the link with '/'"))
                else:
                    broken.append(BrokenLink(page, link, f"no file {path}"))
            elif fragment and path in pages and fragment not in pages[path].ids:
                broken.append(BrokenLink(page, link, f"no id '{fragment}' in {path}"))
    return sorted(broken)


def _resolve(page: str, link: str, base_path: str) -> tuple[str | None, str] | None:
    """Return the site file a link names ('' for its own page, None if outside the base
    path) and its fragment; or None for a link to another site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    return (_target(page, path, base_path) if path else "", fragment)
