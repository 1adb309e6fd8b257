"""Markdown to HTML: one converter per thread, reused, gives what a new one gives."""

from __future__ import annotations

import pytest

from sitegen.site import markup
from sitegen.site.markup import render_markdown

pytestmark = pytest.mark.unit

TEXTS = [
    "## Scope\n\nA [link](https://example.org) and *emphasis*.\n\n## Scope\n\nAgain.\n",
    "1. one\n2. two\n\n- a\n- b\n",
    "Text with <script>alert(1)</script> and a [bad](javascript:alert(1)) link.\n",
    "## Corrections {#corrections-policy}\n\nKept id.\n",
]


def fresh(text: str, headings: bool) -> str:
    """Convert with a converter made for this text alone."""
    markup._converters.__dict__.clear()
    return str(render_markdown(text, headings=headings))


@pytest.mark.parametrize("headings", [False, True])
def test_a_reused_converter_gives_what_a_new_one_gives(headings: bool) -> None:
    expected = [fresh(text, headings) for text in TEXTS * 2]
    markup._converters.__dict__.clear()
    assert [str(render_markdown(text, headings=headings)) for text in TEXTS * 2] == expected


def test_heading_ids_start_again_in_each_text() -> None:
    first = str(render_markdown(TEXTS[0], headings=True))
    assert 'id="scope"' in first and 'id="scope_1"' in first
    assert str(render_markdown(TEXTS[0], headings=True)) == first
    assert 'id="corrections-policy"' in str(render_markdown(TEXTS[3], headings=True))
