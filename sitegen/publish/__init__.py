"""Writing the site beside the old one, indexing it for search, and swapping it in."""
