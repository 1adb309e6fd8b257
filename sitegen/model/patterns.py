"""The written forms of the record's values, each defined once.

The editors' JSON Schemas (schemas/) and the open data's (data/*.schema.json) anchor them
with anchored(); the validator matches SLUG, GSS_CODE and the web addresses whole
(re.fullmatch), and reads dates with model/dates.py, whose shape uses the same digits and
which then checks the calendar, as no pattern can. Each uses [0-9], not \\d (which in
Python also matches other scripts' digits), and nothing that Python's regular expressions
and JSON Schema's (ECMA-262) read differently, so the three accept and refuse the same
values (tests/test_patterns.py asks them about a table of values).
"""

from __future__ import annotations

# A slug: lower-case letters and digits in words joined by single hyphens.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# A date to the day, the month or the year: 2012-11-19, 2012-11 or 2012. A pattern cannot
# know the calendar: the validator also refuses a day that does not exist (2023-02-30).
DATE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"

# An ONS (GSS) code of a Welsh local authority: W06 and six digits.
GSS_CODE = r"W06[0-9]{6}"

# A web address: the scheme in lower case, a host, and no blank anywhere.
WEB_ADDRESS = r"https?://[^\s/?#]+[^\s]*"
SECURE_WEB_ADDRESS = r"https://[^\s/?#]+[^\s]*"


# The JSON Schema dialect both kinds of schema are written in.
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def anchored(pattern: str) -> str:
    """Return a pattern as a JSON Schema writes one that must match the whole value (none
    of the patterns above has an alternative outside its groups, so ^ and $ bind all)."""
    return f"^{pattern}$"
