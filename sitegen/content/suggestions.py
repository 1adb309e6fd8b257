"""What an editor most likely meant by a word that is not one of the choices."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

# How alike a word and a choice must be (difflib's ratio) for the choice to be suggested:
# close enough that the editor plainly meant it ("escalaton", "titel"), not a distant guess.
_CLOSE = 0.75
# A word this long that begins a choice's hyphenated words ("neath" of "neath-port-talbot").
_PREFIX = 4


def suggest(
    word: str,
    choices: Sequence[str],
    spellings: Mapping[str, Sequence[str]] | None = None,
    *,
    fuzzy: bool = True,
) -> str | None:
    """Return the choice an editor most likely meant, or None when none is close.

    `spellings` gives other ways of writing a choice, such as a body's full name and label:
    written exactly (case aside), they name it, so that "Care Inspectorate Wales" suggests
    CIW. Only the choices themselves are matched by likeness, and only with `fuzzy`.
    """
    wanted = " ".join(word.split()).casefold()
    written = {choice.casefold(): choice for choice in choices}
    for choice, others in (spellings or {}).items():
        for other in others:
            written.setdefault(" ".join(other.split()).casefold(), choice)
    if wanted in written:
        return written[wanted]
    if not fuzzy:
        return None
    keys = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=_CLOSE)
    if close:
        return keys[close[0]]
    if len(wanted) >= _PREFIX:
        return next((c for f, c in keys.items() if f.startswith(wanted + "-")), None)
    return None


def did_you_mean(
    word: str,
    choices: Sequence[str],
    spellings: Mapping[str, Sequence[str]] | None = None,
    *,
    fuzzy: bool = True,
) -> str:
    """Return "did you mean 'x'? " for the likely choice, or ''."""
    choice = suggest(word, choices, spellings, fuzzy=fuzzy)
    return f"did you mean '{choice}'? " if choice else ""
