"""The build cache, one layer around the pure stages: keys, the memo loop, the store."""
