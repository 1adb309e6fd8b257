"""Markdown to HTML: one converter per thread, reused, gives what a new one gives, and
what Python-Markdown itself gives."""

from __future__ import annotations

import random

import markdown
import pytest
from conftest import GOLDEN_CONTENT, ROOT

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


# Links and images whose brackets nest, stay open, close too often, are escaped or hold
# code: what the scan of brackets (markup._BracketsMatched) must agree with Python-Markdown on.
BRACKETS = [
    "A [link](https://example.org/a) and [another](/b/ 'a title').",
    "[outer [inner] text](https://example.org/nested) after.",
    "[[double]](https://example.org/d) and [a [b [c]]](/e)",
    "Open [bracket never closed and [one](/f) after it.",
    "Stray ] closers ]] before [a link](/g) and after ].",
    "An ![image](/i.png) and ![alt [nested]](/j.png 'title') and [![both](/k.png)](/l)",
    "A [reference][ref] and a [short reference] and ![image ref][ref].\n\n[ref]: /m\n"
    "[short reference]: /n",
    r"Escaped \[not a link](/o) and [a \] inside](/p) and [`code ]`](/q).",
    "Unclosed [[[ at the end",
    "[empty]() and [](/r) and [spaced] (/s)",
    "Line [broken\nacross](/t) lines, and [a\n\nparagraph](/u) apart.",
    "<https://example.org/v> and [html <b>]</b>](/w)",
]


_STOCK = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def _stock(text: str) -> str:
    """Return Python-Markdown's own HTML of a text, without this project's extension."""
    return _STOCK.reset().convert(text)


def _ours(text: str) -> str:
    return markup._converter(False).convert(text)


@pytest.mark.parametrize("text", BRACKETS)
def test_links_come_out_as_python_markdown_makes_them(text: str) -> None:
    assert _ours(text) == _stock(text)


def test_any_mix_of_brackets_comes_out_as_python_markdown_makes_it() -> None:
    pieces = ["[", "]", "(", ")", "!", "a", " ", "/x", "\\", "`", "\n", "*", "[t](/u)", "'"]
    chooser = random.Random(19)
    texts = ["".join(chooser.choices(pieces, k=chooser.randint(1, 40))) for _ in range(3000)]
    differing = [text for text in texts if _ours(text) != _stock(text)]
    assert differing == []


def test_the_records_summaries_come_out_as_python_markdown_makes_them() -> None:
    bodies = [
        path.read_text(encoding="utf-8")
        for folder in (ROOT / "content", GOLDEN_CONTENT)
        for path in sorted(folder.rglob("*.md"))
    ]
    assert bodies
    assert [_ours(body) for body in bodies] == [_stock(body) for body in bodies]
