"""Editors' Markdown turned into HTML that can carry nothing but text, emphasis and links."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import LinkInlineProcessor
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


class _BracketsMatched(Extension):
    """Python-Markdown's links and images, with the bracket that closes each `[` found by
    a scan of the brackets alone: the same HTML, sooner.

    Each link pattern asks getText() for the text between a `[` and the `]` that closes it.
    Python-Markdown 3.11 answers from a table of every index of the text, made by a loop
    over each of its characters, and makes the table again for each piece of text it looks
    at: about 30% of the time a summary takes. Here the brackets are found by a regular
    expression and matched with a stack, the answer being the same: the `]` at which the
    count of brackets opened since the `[` first falls to nought, or none.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                processor.getText = _text_in_brackets(processor)  # type: ignore[method-assign]


_BRACKET = re.compile(r"[\[\]]")


def _closing_brackets(data: str) -> dict[int, int]:
    """Return, for each `[` of the text that is closed, the index just past it and the
    index just past the `]` that closes it."""
    ends: dict[int, int] = {}
    opened: list[int] = []
    for found in _BRACKET.finditer(data):
        at = found.start()
        if data[at] == "[":
            opened.append(at + 1)
        elif opened:
            ends[opened.pop()] = at + 1
    return ends


def _text_in_brackets(
    processor: LinkInlineProcessor,
) -> Callable[[str, int], tuple[str, int, bool]]:
    """Return the processor's getText, answered from _closing_brackets for an index just
    past a `[` (as every link pattern asks) and by the processor's own for any other."""
    own = processor.getText
    # The text last looked at, and its brackets.
    last: list = [None, {}]

    def get_text(data: str, index: int) -> tuple[str, int, bool]:
        if not 0 < index <= len(data) or data[index - 1] != "[":
            return own(data, index)
        if last[0] is not data:
            last[:] = [data, _closing_brackets(data)]
        end = last[1].get(index)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True

    return get_text


# Each thread's converters (a forked worker has its own copy of its parent's): making one
# costs more than converting a summary with it, and reset() makes it as good as new.
_converters = threading.local()


def _converter(headings: bool) -> markdown.Markdown:
    """Return this thread's converter of summaries, or of pages with headings, reset."""
    made: dict[bool, markdown.Markdown] = _converters.__dict__.setdefault("made", {})
    if headings not in made:
        extensions: list = ["sane_lists", _BracketsMatched()]
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
