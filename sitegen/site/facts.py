"""What the checks after rendering need to know of each page: its links, ids and articles.

A page is parsed once, by lexbor (through selectolax), as a browser would parse it; the
link check and the completeness check then work from these facts alone, so a page reused
from the build cache need not be parsed again.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

# Elements whose attribute points at another file of the site, or names a fragment.
_SELECTOR = "[href], [src], [id], a[name], article[aria-labelledby]"


@dataclass(frozen=True)
class PageFacts:
    """The links of one HTML page, the ids it defines, and how its articles are labelled."""

    links: tuple[str, ...]
    ids: frozenset[str]
    articles: tuple[str, ...]


def read_facts(html: bytes) -> PageFacts:
    """Return the href and src values, ids and article labels of an HTML page, in page order."""
    tree = LexborHTMLParser(html.decode("utf-8", errors="replace"))
    links: list[str] = []
    ids: set[str] = set()
    articles: list[str] = []
    seen: set[int] = set()
    for node in tree.css(_SELECTOR):
        # An element matching several selectors is returned once for each: read it once.
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        attributes = node.attributes
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None:
                # Most links recur on every page: one shared string each keeps the cache small.
                links.append(sys.intern(value))
        for name in ("id", "name") if node.tag == "a" else ("id",):
            value = attributes.get(name)
            if value is not None:
                ids.add(value)
        label = attributes.get("aria-labelledby") if node.tag == "article" else None
        if label is not None:
            articles.append(label)
    return PageFacts(tuple(links), frozenset(ids), tuple(articles))
