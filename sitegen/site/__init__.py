"""What is published: pages and their URLs, rendering, feeds, the open data, the sitemap."""
