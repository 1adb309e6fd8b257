"""Shared fixtures: a small content folder written on demand, built sites, the browser.

Every test has exactly one level, so that a part of the suite can run alone:
`pytest -m unit` runs in seconds, `-m site` builds and checks sites, `-m browser` drives
Chromium. A test without exactly one level stops the run before any test starts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)
# The real content is checked against the real today, as `make site` does: a volunteer's
# record dated today is valid, and must keep every test green.
REAL_TODAY = dt.date.today()

# The levels of the suite, by marker, each with what it means.
LEVELS = {
    "unit": "no site built, no other program run, no browser: pure functions, small "
    "records validated, command-line verbs that only validate or scaffold",
    "site": "builds a site (pipeline.build or the build command), checks a built one "
    "(axe, the Nu HTML checker, links) or runs another program",
    "browser": "drives Chromium through Playwright",
}
# Fixtures that give away a level: a test that drives the browser, or reads a built site,
# cannot be marked as a lower level than that.
BROWSER_FIXTURES = {"page", "context", "browser"}
SITE_FIXTURES = {"real_site", "fixture_site", "checked_site", "real_site_factory", "project"}


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in LEVELS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")


def level_problems(items: Iterable[pytest.Item]) -> list[str]:
    """Name each test that has no level or several, or a level lower than its fixtures."""
    problems = []
    choices = ", ".join(LEVELS)
    for item in items:
        levels = sorted({mark.name for mark in item.iter_markers() if mark.name in LEVELS})
        fixtures = set(getattr(item, "fixturenames", ()))
        if len(levels) != 1:
            found = ", ".join(levels) or "none"
            problems.append(f"{item.nodeid}: has levels {found}; give it one of {choices}")
        elif fixtures & BROWSER_FIXTURES and levels != ["browser"]:
            problems.append(f"{item.nodeid}: uses the browser but is marked {levels[0]}")
        elif fixtures & SITE_FIXTURES and levels == ["unit"]:
            problems.append(f"{item.nodeid}: reads a built site but is marked unit")
    return problems


# First, so that every test collected is judged, not only those that -m or -k keep.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    problems = level_problems(items)
    if problems:
        raise pytest.UsageError(
            f"{len(problems)} test(s) not marked with one fitting level:\n" + "\n".join(problems)
        )


AUTHORITY = """\
name: Neath Port Talbot
name_cy: Castell-nedd Port Talbot
gss_code: W06000012
"""

ENTRY = """\
---
authority: neath-port-talbot
date: 2012-11-19
kind: escalation
title: Serious Concern Protocol invoked
body: CSSIW
status: serious-concern
sources:
  - title: Written statement on Neath Port Talbot children's social services
    publisher: Welsh Government
    date: 2012-11-19
    url: https://gov.wales/statement
---
The inspectorate invoked the protocol.
"""

ENTRY_ID = "2012-11-19-neath-port-talbot-protocol"

# The good entry's Welsh text, in the file beside it (ENTRY_ID.cy.md).
WELSH = """\
---
title: Galw'r protocol pryderon difrifol
---
Galwodd yr arolygiaeth y protocol.
"""


GOLDEN_CONTENT = ROOT / "tests" / "fixtures" / "golden" / "content"
# The vocabulary of the tests' records: a copy of content/vocabulary.yaml, kept as a fixture
# so that the editors' additions to the real one never change what a test expects.
VOCABULARY = GOLDEN_CONTENT / "vocabulary.yaml"


def write_content(
    root: Path,
    authorities: dict[str, str] | None = None,
    entries: dict[str, str] | None = None,
) -> Path:
    """Write a content folder with the fixture vocabulary and the given files; return it."""
    content = root / "content"
    (content / "authorities").mkdir(parents=True)
    (content / "inspections").mkdir()
    shutil.copy(VOCABULARY, content / "vocabulary.yaml")
    (content / "about.md").write_text("## Scope\n\nA test record.\n", encoding="utf-8")
    for name, text in (authorities or {"neath-port-talbot.yaml": AUTHORITY}).items():
        (content / "authorities" / name).write_text(text, encoding="utf-8")
    for name, text in (entries or {}).items():
        (content / "inspections" / name).write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def content(tmp_path: Path):
    """Return a function that writes a content folder under the test's own folder."""

    def make(
        authorities: dict[str, str] | None = None, entries: dict[str, str] | None = None
    ) -> Path:
        return write_content(tmp_path, authorities, entries)

    return make


def build_site(
    content: Path,
    site: Path,
    today: dt.date = TODAY,
    base_path: str = "/",
    base_url: str | None = None,
):
    """Build a site from a content folder with the project's templates and static files.

    A base URL, when given, sets the base path too (its path).
    """
    from sitegen import pipeline
    from sitegen.settings import Settings

    paths = pipeline.Paths(content, ROOT / "templates", ROOT / "static", ROOT / "locale", site)
    settings = (
        Settings.for_base_url(base_url, today=today)
        if base_url
        else Settings(today=today, base_path=base_path)
    )
    return pipeline.build(paths, settings)


@pytest.fixture(scope="session")
def real_site(real_site_factory) -> Path:
    """Return the folder of the site built from the real content."""
    return real_site_factory()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the site built from the small golden fixture."""
    site = tmp_path_factory.mktemp("fixture") / "site"
    build_site(GOLDEN_CONTENT, site)
    return site


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium's own look-ups of outside hosts would fail on a closed network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive the system's Chromium; a missing browser fails under CI, never skips."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def page_types(site: Path) -> dict[str, str]:
    """Return one page of each type of a built site, by URL path: what the browser checks
    visit.

    The pages are chosen from the site's own open data, never named here, so that any valid
    record keeps the checks meaningful: the authority with the longest status history, its
    newest entry, and (where the record has them) an authority with no entries, one whose
    entries set no status, a programme that covered several authorities and a context entry;
    each in English and in Welsh (named cy-authority and so on).
    """
    data = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    authorities = json.loads((site / "data" / "authorities.json").read_text(encoding="utf-8"))
    periods = {s["authority"]: len(s["status_periods"]) for s in data["statuses"]}
    own = {a["slug"]: a["own_entry_count"] for a in authorities["authorities"]}
    chosen = max(own, key=lambda slug: (periods[slug], own[slug], slug))
    newest = [e for e in data["entries"] if e["authority"] == chosen][-1]
    types = {
        "home": "/",
        "authorities": "/authorities/",
        "authority": f"/authorities/{chosen}/",
        "entry": f"/inspections/{newest['id']}/",
        "status": "/status/",
        # The page of this year's 1 January: there is always one.
        "status-year": f"/status/on/{data['status_as_of'][:4]}/",
        "about": "/about/",
        "data": "/data/",
        "search": "/search/",
        "not-found": "/404.html",
    }
    optional = {
        "authority-empty": [f"/authorities/{s}/" for s, n in own.items() if n == 0],
        "authority-no-status": [
            f"/authorities/{s}/" for s, n in own.items() if n and periods[s] == 0
        ],
        "programme": [f"/inspections/{e['id']}/" for e in data["entries"] if not e["authority"]],
        "context": [f"/inspections/{e['id']}/" for e in data["entries"] if e["context"]],
    }
    types.update({name: paths[0] for name, paths in optional.items() if paths})
    # And each one's Welsh twin.
    return types | {f"cy-{name}": f"/cy{path}" for name, path in types.items()}


@pytest.fixture(scope="session")
def site_pages(checked_site: Path) -> dict[str, str]:
    """Return one page of each type of the checked site (see page_types)."""
    return page_types(checked_site)


@pytest.fixture(scope="session")
def checked_site(real_site_factory) -> Path:
    """Return the site the quality checks judge: $SITE_DIR if set, else a fresh build."""
    given = os.environ.get("SITE_DIR")
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"SITE_DIR={given} holds no built site (run `make site` first)")
        return site
    return real_site_factory()


@pytest.fixture(scope="session")
def real_site_factory(tmp_path_factory: pytest.TempPathFactory):
    """Return a function that builds the real content once and returns its folder."""
    built: list[Path] = []

    def make() -> Path:
        if not built:
            site = tmp_path_factory.mktemp("real") / "site"
            build_site(ROOT / "content", site, today=REAL_TODAY)
            built.append(site)
        return built[0]

    return make


def html_pages(site: Path) -> list[str]:
    """Return every HTML file of a built site, relative to it, Pagefind's own excepted."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.relative_to(site).parts[0] != "pagefind"
    )


@contextlib.contextmanager
def serving(site: Path):
    """Serve a site's folder on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(checked_site: Path):
    """Serve the checked site on 127.0.0.1 at a free port; yield its base URL."""
    with serving(checked_site) as base:
        yield base


def killed_runs(command: list[str], before_each: Callable[[float], None] = lambda _: None):
    """Run a command again and again, sending SIGKILL after a longer wait each time, until a
    run completes; yield each run's wait and whether it completed (False: it was killed).

    Each run starts with before_each(wait). The build's settings come from the command
    alone, not from $SITE_BASE_URL or $SITE_EDIT_URL, so that a test can build the same.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_BASE_URL", "SITE_EDIT_URL")}
    delay = 0.05
    while delay < 30:
        before_each(delay)
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # A run that ends sooner is not waited for: the kill comes at the same moment.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        completed = process.wait() == 0
        yield delay, completed
        if completed:
            return
        delay *= 1.4


@pytest.fixture(autouse=True, scope="session")
def own_cache_key(tmp_path_factory: pytest.TempPathFactory):
    """Keep the key that seals build caches in a folder of the run's own, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        patch.delenv("SITEGEN_CACHE_KEY", raising=False)
        yield


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A project built once with its cache, which records the pages each build renders."""
    from cacheproject import Project

    from sitegen.cache import stages
    from sitegen.content import reading

    # The project's files were copied a moment ago; a build trusts only the stats of files
    # that settled before it (reading.SETTLED_NS). As if they had been written long before,
    # so that a build after an edit takes every other file's stat as the last build did.
    monkeypatch.setattr(reading, "SETTLED_NS", 0)
    project = Project(tmp_path)
    render_page = stages.render_page

    def spy(page, env):
        project.rendered.append(page.path)
        return render_page(page, env)

    monkeypatch.setattr(stages, "render_page", spy)
    project.build()
    return project
