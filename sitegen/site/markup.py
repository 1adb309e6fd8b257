"""Editors' Markdown turned into HTML that can carry nothing but text, emphasis and links."""

from __future__ import annotations

import threading

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

# Summaries sit under the page's own headings, so they keep no headings of their own
# (their text stays, as a paragraph's).
ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "q", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}


# A page of prose (about) keeps its section headings, with ids to link to.
PAGE_TAGS = ALLOWED_TAGS | {"h2", "h3"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "h2": {"id"}, "h3": {"id"}}


# Each thread's converters (a forked worker has its own copy of its parent's): making one
# costs more than converting a summary with it, and reset() makes it as good as new.
_converters = threading.local()


def _converter(headings: bool) -> markdown.Markdown:
    """Return this thread's converter of summaries, or of pages with headings, reset."""
    made: dict[bool, markdown.Markdown] = _converters.__dict__.setdefault("made", {})
    if headings not in made:
        extensions: list = ["sane_lists"]
        if headings:
            # attr_list lets a translation keep the original's heading ids ({#corrections-policy}).
            extensions += ["attr_list", TocExtension(toc_depth="2-3")]
        made[headings] = markdown.Markdown(extensions=extensions, output_format="html")
    return made[headings].reset()


def render_markdown(text: str, *, headings: bool = False) -> Markup:
    """Return Markdown as sanitised HTML, safe to place in a page."""
    html = _converter(headings).convert(text)
    clean = nh3.clean(
        html,
        tags=PAGE_TAGS if headings else ALLOWED_TAGS,
        attributes=PAGE_ATTRIBUTES if headings else ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return Markup(clean)
