"""Characters a record's text may not hold, though YAML escapes can put them there."""

from __future__ import annotations

import re

# YAML escapes ("\x07", "\ud800") give a value characters that no editor sees in the file:
# XML (the feeds) cannot carry most control characters, and a lone surrogate cannot even
# be written out as UTF-8, so either would break the build or the published files.
# These are Unicode's categories Cc (control) and Cs (surrogate), less tab and newline.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def find_unprintable(text: str) -> str | None:
    """Return the first control character (but tab or newline) or lone surrogate, or None."""
    found = _UNPRINTABLE.search(text)
    return found.group() if found else None


def describe_unprintable(character: str) -> str:
    """Return the message for an invisible character found in a field or summary."""
    return f"contains the invisible control character U+{ord(character):04X} (delete it)"


def find_blank(text: str) -> str | None:
    """Return the first space, line break, tab or unprintable character of a text, or None."""
    return next((c for c in text if c.isspace() or not c.isprintable()), None)
