"""The search's own words: Pagefind's interface text and the names of its filters.

Pagefind's interface has no Welsh, so every page of search gives it its text in the page's
language, from the interface's catalogue (static/search.js hands it over). The English is
Pagefind's own; [COUNT] and [SEARCH_TERM] are Pagefind's placeholders. The filters are
named on the pages they file (data-pagefind-filter), and the search shows their names.
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

PAGEFIND_TEXT = {
    "placeholder": N_("Search"),
    "clear_search": N_("Clear"),
    "load_more": N_("Load more results"),
    "search_label": N_("Search this site"),
    "filters_label": N_("Filters"),
    "zero_results": N_("No results for [SEARCH_TERM]"),
    "many_results": N_("[COUNT] results for [SEARCH_TERM]"),
    "one_result": N_("[COUNT] result for [SEARCH_TERM]"),
    "total_zero_results": N_("No results"),
    "total_one_result": N_("[COUNT] result"),
    "total_many_results": N_("[COUNT] results"),
    "alt_search": N_("No results for [SEARCH_TERM]. Showing results for [DIFFERENT_TERM] instead"),
    "search_suggestion": N_("No results for [SEARCH_TERM]. Try one of the following searches:"),
    "searching": N_("Searching for [SEARCH_TERM]..."),
    "results_label": N_("Search results"),
    "keyboard_navigate": N_("navigate"),
    "keyboard_select": N_("select"),
    "keyboard_clear": N_("clear"),
    "keyboard_close": N_("close"),
    "keyboard_search": N_("search"),
    "error_search": N_("Search failed"),
    "filter_selected_one": N_("[COUNT] selected"),
    "filter_selected_many": N_("[COUNT] selected"),
    "input_hint": N_("Results will appear as you type"),
    "loading": N_("Loading"),
}


def filter_names(gettext: Gettext) -> dict[str, str]:
    """Return each filter's name in a language, by its key."""
    return {key: gettext(name) for key, name in SEARCH_FILTERS.items()}


def pagefind_text(gettext: Gettext) -> dict[str, str]:
    """Return Pagefind's interface text in a language, by Pagefind's keys."""
    return {key: gettext(text) for key, text in PAGEFIND_TEXT.items()}
