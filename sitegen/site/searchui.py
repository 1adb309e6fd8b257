"""The search page's own words, and the names of its filters, in each language.

The search page (templates/search.html, static/search.js) is the site's own, on Pagefind's
JavaScript API. Its words that change as a person searches (how many results, for what)
come from here, through the page's data, so that each is in the page's language; [COUNT]
and [SEARCH_TERM] are filled in by the script. The filters are named on the pages they file
(data-pagefind-filter) and in the search's address by their stable keys, whatever the
language (?authority=Powys): the index holds them by their names in the page's language.
"""

from __future__ import annotations

from sitegen.site.catalogues import N_
from sitegen.site.filters import Gettext

SEARCH_FILTERS = {
    "authority": N_("authority"),
    "status": N_("status"),
    "kind": N_("kind"),
    "body": N_("body"),
    "year": N_("year"),
}

# The orders a search's results can be shown in, by their keys in the page's address
# (?sort=newest), and the sort each asks of Pagefind (none: by how well each page matches).
ORDERS = {
    "": None,
    "newest": {"date": "desc"},
    "oldest": {"date": "asc"},
}

SEARCH_TEXT = {
    "zero_results": N_("No results for [SEARCH_TERM]"),
    "many_results": N_("[COUNT] results for [SEARCH_TERM]"),
    "one_result": N_("[COUNT] result for [SEARCH_TERM]"),
    "total_zero_results": N_("No results"),
    "total_one_result": N_("[COUNT] result"),
    "total_many_results": N_("[COUNT] results"),
    "searching": N_("Searching for [SEARCH_TERM]..."),
    "error_search": N_("Search failed"),
    "load_more": N_("Load more results"),
    "filter_selected_one": N_("[COUNT] selected"),
    "filter_selected_many": N_("[COUNT] selected"),
    "unknown_values": N_("No page is filed under [VALUES], so the search leaves it out."),
}


def filter_names(gettext: Gettext) -> dict[str, str]:
    """Return each filter's name in a language, by its key."""
    return {key: gettext(name) for key, name in SEARCH_FILTERS.items()}


def search_text(gettext: Gettext) -> dict[str, str]:
    """Return the search's changing words in a language, by their keys."""
    return {key: gettext(text) for key, text in SEARCH_TEXT.items()}
