"""Editors' Markdown turned into HTML that can carry nothing but text, emphasis and links."""

from __future__ import annotations

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


def render_markdown(text: str, *, headings: bool = False) -> Markup:
    """Return Markdown as sanitised HTML, safe to place in a page."""
    extensions: list = ["sane_lists"]
    if headings:
        # attr_list lets a translation keep the original's heading ids ({#corrections-policy}).
        extensions += ["attr_list", TocExtension(toc_depth="2-3")]
    html = markdown.markdown(text, extensions=extensions, output_format="html")
    clean = nh3.clean(
        html,
        tags=PAGE_TAGS if headings else ALLOWED_TAGS,
        attributes=PAGE_ATTRIBUTES if headings else ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return Markup(clean)
