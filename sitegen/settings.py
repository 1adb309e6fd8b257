"""The settings of one build: where the site is served from, in which language, as of when.

They are one value, passed whole to every stage that needs any of them, and part of every
cache key that covers a page (see cache/fingerprints.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

# Where `make serve` serves a local build; a published build gives its own --base-url.
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
# The site's languages. Every page is made in each; the first is the default, served from
# the site's root (and named by x-default), and each other is served from a folder named
# after it: /cy/status/ is the Welsh twin of /status/.
LANGUAGES = ("en", "cy")


def language_folder(language: str) -> str:
    """Return the folder of a language's pages, from the site root: '' or 'cy/'."""
    return "" if language == LANGUAGES[0] else f"{language}/"


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
    # The language of the pages these settings make links for: a build makes every page in
    # each language (pipeline.py), with these settings in_language() of each.
    language: str = LANGUAGES[0]
    origin: str = DEFAULT_BASE_URL.rstrip("/")
    edit_url: str | None = None

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise SettingsError(f"'{self.language}' is not one of the site's languages {LANGUAGES}")
        if self.edit_url is not None and not self.edit_url.startswith("https://"):
            raise SettingsError(f"'{self.edit_url}' is not a web address starting with https://")

    @classmethod
    def for_base_url(
        cls,
        base_url: str,
        *,
        today: dt.date,
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
            origin=f"{parts.scheme}://{parts.netloc}",
            edit_url=edit_url,
        )

    def in_language(self, language: str) -> Settings:
        """Return these settings for the pages of another of the site's languages."""
        return replace(self, language=language)

    @property
    def base_url(self) -> str:
        """Return the absolute address of the site's home page."""
        return self.origin + self.base_path

    def href(self, path: str) -> str:
        """Return the path of a page ('/status/') as a link to it in this language:
        '/status/' in English, '/cy/status/' in Welsh, under the base path."""
        return self.base_path + language_folder(self.language) + path.lstrip("/")

    def url(self, path: str) -> str:
        """Return the path of a page ('/status/') in this language as an absolute address,
        such as a permalink."""
        return self.origin + self.href(path)

    def shared_href(self, path: str) -> str:
        """Return the path of a file both languages share (a style sheet, a download, the
        search index) as a link under the base path."""
        return self.base_path.rstrip("/") + path

    def shared_url(self, path: str) -> str:
        """Return the path of a file both languages share as an absolute address."""
        return self.origin + self.shared_href(path)


def normalise_base_path(path: str) -> str:
    """Return a base path with one slash at each end ('record' -> '/record/')."""
    inner = path.strip("/")
    return f"/{inner}/" if inner else "/"
