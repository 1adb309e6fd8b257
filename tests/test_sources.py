"""Sources that last: every cited address requested once, and each failure reported with the
entries that cite it. Nothing leaves the machine: the addresses are a local server's."""

from __future__ import annotations

import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from conftest import ENTRY, ENTRY_ID, TODAY, write_content

from build import cli
from sitegen import pipeline
from sitegen.editors import sources

pytestmark = pytest.mark.unit

TIMEOUT = 0.5


class _Handler(http.server.BaseHTTPRequestHandler):
    """Live, moved, missing, hanging and HEAD-refusing addresses, counting each request."""

    requests: ClassVar[Counter[tuple[str, str]]] = Counter()
    agents: ClassVar[set[str]] = set()

    def _answer(self) -> None:
        type(self).requests[(self.command, self.path)] += 1
        type(self).agents.add(self.headers.get("User-Agent", ""))
        if self.path == "/live":
            self._send(200)
        elif self.path == "/moved":
            self._send(301, location="/live")
        elif self.path == "/loop":
            self._send(302, location="/loop")
        elif self.path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif self.path == "/hang":
            time.sleep(TIMEOUT * 4)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        body = b"<p>a page</p>" if status == 200 and self.command == "GET" else b""
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The hanging address's caller has given up, as it should.
            pass

    do_GET = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def _server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(_server: str) -> str:
    """Return the local server's address, its count of requests started afresh."""
    _Handler.requests = Counter()
    _Handler.agents = set()
    return _server


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/live", None),
        ("/moved", None),
        ("/no-head", None),
        ("/gone", "HTTP 404 Not Found"),
        ("/hang", f"no answer within {TIMEOUT:g} s"),
    ],
)
def test_each_kind_of_address_is_judged(server: str, path: str, reason: str | None) -> None:
    assert sources.check_url(server + path, timeout=TIMEOUT) == reason


def test_a_redirect_loop_fails(server: str) -> None:
    reason = sources.check_url(server + "/loop", timeout=TIMEOUT)
    assert reason is not None and reason.startswith("HTTP 302")


def test_a_refused_connection_fails() -> None:
    # Port 9 (discard) on this machine: nothing listens there.
    reason = sources.check_url("http://127.0.0.1:9/", timeout=TIMEOUT)
    assert reason is not None and reason.startswith("cannot be reached")


def _entry(name: str, url: str, archived: str | None = None) -> tuple[str, str]:
    text = ENTRY.replace("url: https://gov.wales/statement", f"url: {url}")
    if archived:
        text = text.replace(f"url: {url}\n", f"url: {url}\n    archived: {archived}\n")
    return f"2012-11-19-neath-port-talbot-{name}.md", text


def _content(tmp_path: Path, server: str) -> Path:
    return write_content(
        tmp_path,
        entries=dict(
            [
                _entry("protocol", f"{server}/gone", archived=f"{server}/live"),
                _entry("second", f"{server}/gone"),
                _entry("third", f"{server}/moved", archived=f"{server}/missing-copy"),
                _entry("fourth", f"{server}/no-head"),
            ]
        ),
    )


def test_every_failure_is_reported_for_every_entry_citing_it(tmp_path: Path, server: str) -> None:
    archive = pipeline.validate(_content(tmp_path, server), TODAY)
    dead = sources.check_sources(
        archive.entries, check=lambda url: sources.check_url(url, timeout=TIMEOUT)
    )
    inspections = "content/inspections/2012-11-19-neath-port-talbot"
    assert [str(problem) for problem in sources.problems_of(dead)] == [
        f"{inspections}-protocol.md:12: sources[1].url: {server}/gone does not resolve: HTTP "
        "404 Not Found (find where it moved, or add an archived copy under 'archived:')",
        f"{inspections}-second.md:12: sources[1].url: {server}/gone does not resolve: HTTP "
        "404 Not Found (find where it moved, or add an archived copy under 'archived:')",
        f"{inspections}-third.md:13: sources[1].archived: {server}/missing-copy does not "
        "resolve: HTTP 404 Not Found (find another archived copy)",
    ]
    assert sources.summary(dead, 5) == "2 of 5 source addresses do not resolve, cited by 3 entries"


def test_each_address_is_requested_once_politely(tmp_path: Path, server: str) -> None:
    archive = pipeline.validate(_content(tmp_path, server), TODAY)
    sources.check_sources(archive.entries, check=lambda u: sources.check_url(u, timeout=TIMEOUT))
    # Cited twice, asked once: HEAD, then GET to be sure, as for any failure.
    assert _Handler.requests[("HEAD", "/gone")] == 1
    assert _Handler.requests[("GET", "/gone")] == 1
    # A live address needs nothing after its HEAD.
    assert _Handler.requests[("GET", "/live")] == 0
    assert _Handler.agents == {sources.USER_AGENT}


def test_the_command_reports_like_validate_and_exits_1(tmp_path: Path, server: str) -> None:
    content = _content(tmp_path, server)
    args = ["check-sources", "--content", str(content), "--today", TODAY.isoformat()]
    result = CliRunner().invoke(cli, [*args, "--timeout", str(TIMEOUT)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"content/inspections/{ENTRY_ID}.md:12: sources[1].url: {server}/gone does not resolve"
    )
    assert result.stderr == "2 of 5 source addresses do not resolve, cited by 3 entries\n"


def test_the_markdown_report_links_each_citation(tmp_path: Path, server: str) -> None:
    content = _content(tmp_path, server)
    result = CliRunner().invoke(
        cli,
        [
            "check-sources", "--content", str(content), "--today", TODAY.isoformat(),
            "--timeout", str(TIMEOUT), "--format", "markdown",
            "--file-url", "https://github.com/owner/repo/blob/main/",
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"- <{server}/gone>: HTTP 404 Not Found\n" in result.stdout
    assert (
        f"  - [content/inspections/{ENTRY_ID}.md#L12](https://github.com/owner/repo/blob/main/"
        f"content/inspections/{ENTRY_ID}.md#L12) (`sources[1].url`)\n"
    ) in result.stdout
    assert "**2 of 5 source addresses do not resolve, cited by 3 entries.**" in result.stdout


def test_all_sources_alive_exits_0(tmp_path: Path, server: str) -> None:
    content = write_content(tmp_path, entries=dict([_entry("protocol", f"{server}/live")]))
    result = CliRunner().invoke(
        cli, ["check-sources", "--content", str(content), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 source address: every one resolves\n"


def test_records_with_problems_are_not_checked(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY.replace("title", "titel")})
    result = CliRunner().invoke(
        cli, ["check-sources", "--content", str(content), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 2
    assert "titel: unknown field" in result.stderr
