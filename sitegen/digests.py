"""One digest of several parts: how the build names what it has made and read."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


def digest(*parts: str | bytes) -> str:
    """Return the SHA-256 of the parts, each length-prefixed so that no two lists collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def of_tree(files: Mapping[str, bytes]) -> str:
    """Return the digest of a folder's files, by path and content."""
    return digest(*(part for path in sorted(files) for part in (path, files[path])))
