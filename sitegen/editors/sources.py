"""Sources that last: request every source's address once and report those that fail.

Public addresses move or vanish (the inspectorate's pages moved once already, to
careinspectorate.wales). Each address is requested once however many entries cite it:
HEAD first, and GET where a server refuses HEAD or fails it, with a timeout, a few at a
time, and a user agent that says who is asking and why. A failure is reported for every
entry that cites the address, in the validator's `path:line: field: message` form.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sitegen.content.problems import Problem, plural
from sitegen.model.records import Entry

USER_AGENT = (
    "wales-childrens-services-record source check "
    "(a public record of inspections; each cited address is requested once a week)"
)
TIMEOUT = 20.0
WORKERS = 8


@dataclass(frozen=True)
class Citation:
    """Where an entry cites an address: its file, the line and the field."""

    path: str
    line: int
    field: str


@dataclass(frozen=True)
class DeadSource:
    """An address that did not resolve, why, and every place that cites it."""

    url: str
    reason: str
    citations: tuple[Citation, ...]


def citations(entries: Sequence[Entry]) -> dict[str, list[Citation]]:
    """Return every cited address (a source's url, and its archived copy) with its citations,
    in the order the entries cite them."""
    cited: dict[str, list[Citation]] = defaultdict(list)
    for entry in entries:
        for number, source in enumerate(entry.sources, 1):
            for name in ("url", "archived"):
                url = getattr(source, name)
                if url:
                    line = source.lines.get(name, entry.lines.get("sources", 1))
                    cited[url].append(Citation(entry.path, line, f"sources[{number}].{name}"))
    return dict(cited)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects (urllib's ten at most), asking the new address the same way: urllib
    would turn a HEAD into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def _open(url: str, method: str, timeout: float, user_agent: str) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent})
    opener = urllib.request.build_opener(_Redirects)
    with opener.open(request, timeout=timeout) as response:
        if method == "GET":
            # Enough to know the page is there; the rest is not ours to download.
            response.read(1024)
        return response.status


def check_url(url: str, timeout: float = TIMEOUT, user_agent: str = USER_AGENT) -> str | None:
    """Return None if the address resolves (after redirects), or why it does not."""
    try:
        _open(url, "HEAD", timeout, user_agent)
        return None
    except (http.client.HTTPException, OSError, ValueError):
        # Many servers refuse HEAD (405) or answer it wrongly: GET decides. (URLError and
        # HTTPError are OSErrors.)
        pass
    try:
        _open(url, "GET", timeout, user_agent)
        return None
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}" + (f" {error.reason}" if error.reason else "")
    except TimeoutError:
        return f"no answer within {timeout:g} s"
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return f"no answer within {timeout:g} s"
        return f"cannot be reached ({error.reason})"
    except (http.client.HTTPException, OSError, ValueError) as error:
        return f"cannot be reached ({error})"


def check_sources(
    entries: Sequence[Entry],
    *,
    check: Callable[[str], str | None] = check_url,
    workers: int = WORKERS,
) -> list[DeadSource]:
    """Request every cited address once, a few at a time; return those that fail."""
    cited = citations(entries)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reasons = dict(zip(cited, pool.map(check, cited), strict=True))
    return [
        DeadSource(url, reason, tuple(cited[url]))
        for url, reason in reasons.items()
        if reason is not None
    ]


def problems_of(dead: Sequence[DeadSource]) -> list[Problem]:
    """Return a problem for every citation of every dead address."""
    return sorted(
        Problem(
            citation.path,
            citation.line,
            citation.field,
            f"{source.url} does not resolve: {source.reason} (find where it moved, or add "
            "an archived copy under 'archived:')"
            if citation.field.endswith(".url")
            else f"{source.url} does not resolve: {source.reason} (find another archived copy)",
        )
        for source in dead
        for citation in source.citations
    )


def summary(dead: Sequence[DeadSource], checked: int) -> str:
    """Say in one line how many addresses failed, of how many."""
    if not dead:
        return f"{plural(checked, 'source address')}: every one resolves"
    cited = len({c.path for source in dead for c in source.citations})
    return (
        f"{len(dead)} of {plural(checked, 'source address')} do not "
        f"resolve, cited by {plural(cited, 'entry')}"
    )


def markdown_report(dead: Sequence[DeadSource], checked: int, edit_url: str | None) -> str:
    """Return the report as the body of an issue: each dead address and who cites it."""
    lines = [
        "The weekly check of every source address found these that no longer resolve. "
        "For each, find where the page moved and correct the entry's `url`, or add an "
        "archived copy under `archived:` (for example from https://web.archive.org/).",
        "",
        f"**{summary(dead, checked)}.**",
        "",
    ]
    for source in dead:
        lines.append(f"- <{source.url}>: {source.reason}")
        for citation in source.citations:
            where = f"{citation.path}#L{citation.line}"
            link = f"[{where}]({edit_url.rstrip('/')}/{where})" if edit_url else f"`{where}`"
            lines.append(f"  - {link} (`{citation.field}`)")
    return "\n".join(lines) + "\n"
