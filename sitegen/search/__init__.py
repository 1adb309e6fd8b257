"""The search index: its shards, and Pagefind's bundle of each."""
