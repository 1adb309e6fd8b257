"""The settings of one build: where the site is served from, in which language, as of when.

They are one value, passed whole to every stage that needs any of them, and part of every
cache key that covers a page (see cache/fingerprints.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

# Where `make serve` serves a local build; a published build gives its own --base-url.
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


class SettingsError(ValueError):
    """A setting that cannot be used, such as a base URL that is not an absolute address."""


@dataclass(frozen=True)
class Settings:
    """Settings of one build.

    The absolute base URL is the origin followed by the base path, so the two cannot
    disagree: a site at https://example.org/record/ has the origin https://example.org and
    the base path /record/. Today is the day dates are checked and durations counted to;
    the edit URL, when given, is where a record file can be edited, followed by its path.
    """

    today: dt.date
    base_path: str = "/"
    language: str = "en"
    origin: str = DEFAULT_BASE_URL.rstrip("/")
    edit_url: str | None = None

    def __post_init__(self) -> None:
        if self.edit_url is not None and not self.edit_url.startswith("https://"):
            raise SettingsError(f"'{self.edit_url}' is not a web address starting with https://")

    @classmethod
    def for_base_url(
        cls,
        base_url: str,
        *,
        today: dt.date,
        language: str = "en",
        edit_url: str | None = None,
    ) -> Settings:
        """Return the settings of a site served at an absolute http(s) base URL."""
        parts = urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SettingsError(
                f"'{base_url}' is not an absolute address (write it as https://example.org/path/)"
            )
        if parts.query or parts.fragment:
            raise SettingsError(f"'{base_url}' has a query or fragment (give the folder only)")
        return cls(
            today=today,
            base_path=normalise_base_path(parts.path),
            language=language,
            origin=f"{parts.scheme}://{parts.netloc}",
            edit_url=edit_url,
        )

    @property
    def base_url(self) -> str:
        """Return the absolute address of the site's home page."""
        return self.origin + self.base_path

    def href(self, path: str) -> str:
        """Return a site path ('/status/') as a link under the base path."""
        return self.base_path.rstrip("/") + path

    def url(self, path: str) -> str:
        """Return a site path ('/status/') as an absolute address, such as a permalink."""
        return self.origin + self.href(path)


def normalise_base_path(path: str) -> str:
    """Return a base path with one slash at each end ('record' -> '/record/')."""
    inner = path.strip("/")
    return f"/{inner}/" if inner else "/"
