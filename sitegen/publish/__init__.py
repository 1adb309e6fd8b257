"""Writing the site beside the old one, and swapping it in."""
