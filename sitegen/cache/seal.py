"""Sealing the cache's tables, so that a build uses only tables that a build of this user made.

Each table file starts with a line naming the format and an HMAC-SHA256 of the table's name
and bytes. The key is kept outside the cache folder: in SITEGEN_CACHE_KEY if that is set
(for a CI cache shared between runs, from a secret), or else in a file of the user's own,
made on first use (cache-key in $XDG_CONFIG_HOME/sitegen, by default ~/.config/sitegen).
A table copied from another machine, edited by hand or put in another table's place fails
its seal and is ignored: the build makes those results again.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_VARIABLE = "SITEGEN_CACHE_KEY"
# The first word of every table file, and the version of the tables' shape: raise it when
# what the tables hold changes, and an older cache is then ignored whole.
MAGIC = b"sitegen-cache"
CACHE_FORMAT = 7


class BrokenSeal(ValueError):
    """A table file that this user's builds did not write, or not as it is now."""


def key_file() -> Path:
    """Return where the user's cache key is kept when SITEGEN_CACHE_KEY is not set."""
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(config) / "sitegen" / "cache-key"


def cache_key() -> bytes:
    """Return the key that seals the tables: the variable's, or the user's file's, made
    if missing. Where no file can be kept, a key for this process alone: its tables are
    then trusted by no later build, which is slower but never wrong."""
    given = os.environ.get(KEY_VARIABLE)
    if given:
        return given.encode("utf-8")
    path = key_file()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
        partial.chmod(0o600)
        try:
            # A link is made whole or not at all: two first builds agree on one key.
            os.link(partial, path)
        except FileExistsError:
            pass
        finally:
            partial.unlink()
        return _read_key(path)
    except OSError:
        return secrets.token_bytes(32)


def _read_key(path: Path) -> bytes:
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise OSError(f"{path} is too short to be a cache key")
    return key


def _mac(key: bytes, name: str, payload: bytes | memoryview) -> bytes:
    mac = hmac.new(
        key, b"\0".join((MAGIC, str(CACHE_FORMAT).encode(), name.encode(), b"")), "sha256"
    )
    mac.update(payload)
    return mac.hexdigest().encode("ascii")


def header(key: bytes, name: str, payload: bytes) -> bytes:
    """Return the first line of a table's file, with its seal; the table's bytes follow it."""
    return b" ".join((MAGIC, str(CACHE_FORMAT).encode(), _mac(key, name, payload))) + b"\n"


def unseal(key: bytes, name: str, data: bytes) -> memoryview:
    """Return a table's bytes (without a copy); raise BrokenSeal unless its file is as a
    build sealed it."""
    end = data.find(b"\n", 0, 200)
    parts = data[:end].split(b" ") if end >= 0 else []
    if len(parts) != 3 or parts[0] != MAGIC:
        raise BrokenSeal(f"{name} is not a table of this cache")
    if parts[1] != str(CACHE_FORMAT).encode():
        raise BrokenSeal(f"{name} is of another format")
    payload = memoryview(data)[end + 1 :]
    if not hmac.compare_digest(parts[2], _mac(key, name, payload)):
        raise BrokenSeal(f"{name} does not match its seal")
    return payload


def read_sealed(key: bytes, folder: Path, name: str) -> memoryview | None:
    """Return the bytes of a table's file in a folder, unsealed; None if the file is
    missing, not a plain file (a link, a folder, a pipe among them), unreadable or not as a
    build sealed it: a table is only ever a shortcut."""
    path = folder / name
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return unseal(key, name, path.read_bytes())
    except (OSError, BrokenSeal):
        return None
