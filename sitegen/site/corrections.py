"""How a reader corrects an entry: when its record last changed, and where to suggest a fix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.model.dates import PartialDate
from sitegen.model.timelines import Archive
from sitegen.settings import Settings
from sitegen.site import urls

# The about page's section on corrections (its heading's id).
CORRECTIONS_SECTION = "corrections-policy"


@dataclass(frozen=True)
class Correction:
    """What an entry's page says about correcting it."""

    last_changed: PartialDate | None
    # The address of the entry's file to edit, or the path of the corrections policy among
    # the pages of each language (which Settings.href makes a link in one).
    href: str
    # True when href opens the entry's own file for editing, not the corrections policy.
    edits_file: bool
    # With an edit URL, the address of the entry's Welsh file, which its Welsh page's link
    # opens; None without one, or while the entry has no Welsh.
    welsh_href: str | None = None


def plan_corrections(
    archive: Archive,
    last_changed: Mapping[str, str],
    about_html: str,
    settings: Settings,
) -> dict[str, Correction]:
    """Return, by entry id, the last change of its record and the link to correct it.

    With an edit URL (such as https://github.com/owner/repo/edit/main/), the link opens the
    entry's file there; without one, it goes to the about page's corrections section.
    """
    edit_url = settings.edit_url
    policy = urls.ABOUT
    if f'id="{CORRECTIONS_SECTION}"' in about_html:
        policy += f"#{CORRECTIONS_SECTION}"

    def editing(path: str) -> str:
        return f"{(edit_url or '').rstrip('/')}/{path}"

    corrections = {}
    for entry in archive.entries:
        day = last_changed.get(entry.id)
        corrections[entry.id] = Correction(
            PartialDate.parse(day) if day else None,
            editing(entry.path) if edit_url else policy,
            bool(edit_url),
            editing(entry.welsh.path) if edit_url and entry.welsh else None,
        )
    return corrections
