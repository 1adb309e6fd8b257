"""Accessibility and HTML-validity checkers for a built site.

Each checker returns a list of human-readable failures, each naming the page by its path
relative to the site (``authorities/powys/index.html``); an empty list means the pages pass.
A missing tool raises ``MissingTool``, whose message says how to install it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import html_pages

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
LIGHTHOUSE_RUNNER = ROOT / "tests" / "lighthouse.mjs"

# WCAG 2.2 levels A and AA, as axe-core tags its rules.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
    "resultTypes": ["violations"],
}


class MissingTool(RuntimeError):
    """A checker's tool is not installed; the message says how to install it."""


def require_axe() -> Path:
    """Return axe-core's script, or raise MissingTool."""
    if not AXE_JS.is_file():
        raise MissingTool(f"{AXE_JS.relative_to(ROOT)} is missing (run `npm ci` in {ROOT})")
    return AXE_JS


def require_vnu() -> list[str]:
    """Return the command that runs the Nu HTML Checker, or raise MissingTool."""
    java = shutil.which("java")
    if java is None:
        raise MissingTool("java is missing (apt-get install default-jre-headless; Java 11+)")
    if not VNU_JAR.is_file():
        raise MissingTool(f"{VNU_JAR.relative_to(ROOT)} is missing (run `npm ci` in {ROOT})")
    return [java, "-jar", str(VNU_JAR)]


def require_lighthouse() -> list[str]:
    """Return the command that runs Lighthouse over pages, or raise MissingTool."""
    node = shutil.which("node")
    if node is None:
        raise MissingTool("node is missing (apt-get install nodejs npm)")
    if not LIGHTHOUSE.is_dir():
        raise MissingTool(f"{LIGHTHOUSE.relative_to(ROOT)} is missing (run `npm ci` in {ROOT})")
    return [node, str(LIGHTHOUSE_RUNNER)]


def lighthouse_shortfalls(command: list[str], base: str, paths: Iterable[str]) -> list[str]:
    """Return each page's Lighthouse category below 100, with the audits it failed."""
    run = subprocess.run(
        [*command, base, *paths], capture_output=True, text=True, timeout=900, check=False
    )
    if run.returncode != 0:
        return [f"lighthouse failed: {run.stderr.strip()[-2000:]}"]
    failures = []
    for path, result in json.loads(run.stdout).items():
        if result["error"]:
            failures.append(f"{page_name(path)}: {result['error']}")
        for category, score in result["scores"].items():
            if score != 1:
                failing = "; ".join(result["failing"])
                failures.append(f"{page_name(path)}: {category} {score:.2f} ({failing})")
    return failures


def page_name(path: str) -> str:
    """Name a site path as its file relative to the site: '/about/' -> 'about/index.html'."""
    name = path.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if name == "" or name.endswith("/"):
        name += "index.html"
    return name


def format_violations(name: str, violations: list[dict]) -> list[str]:
    """Turn axe's violations for one page into one line each."""
    lines = []
    for violation in violations:
        nodes = violation.get("nodes") or []
        example = ""
        if nodes:
            target = nodes[0].get("target") or []
            selector = " ".join(
                " >> ".join(part) if isinstance(part, list) else str(part) for part in target
            )
            example = f", e.g. {selector}"
        lines.append(
            f"{name}: {violation['id']} ({violation.get('impact') or 'unknown'}): "
            f"{violation['help']} — {len(nodes)} element(s){example}"
        )
    return lines


def _inject_axe(page) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as an inline <script>, which the pages' CSP rightly blocks.
        page.evaluate(require_axe().read_text(encoding="utf-8"))


def axe_current_page(page, name: str) -> list[str]:
    """Run axe (WCAG 2.2 A and AA) on the page as it now is; name it `name` in failures."""
    _inject_axe(page)
    violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    return format_violations(name, violations)


# A page at a renamed entry's old address moves on at once; axe needs it to stay.
_REFRESH = re.compile(rb'<meta http-equiv="refresh"[^>]*>')


def _hold_still(route) -> None:
    """Serve a page without its refresh, so that axe judges it as a reader first sees it."""
    response = route.fetch()
    route.fulfill(response=response, body=_REFRESH.sub(b"", response.body()))


def axe_violations(page, base_url: str, paths: Iterable[str]) -> list[str]:
    """Open each site path in a Playwright page and return every axe violation, by page."""
    require_axe()
    failures: list[str] = []
    base = base_url.rstrip("/")
    page.route(re.compile(r".*(/|\.html)$"), _hold_still)
    for path in paths:
        name = page_name(path)
        response = page.goto(f"{base}/{path.lstrip('/')}")
        if response is None or not response.ok:
            status = "no response" if response is None else f"HTTP {response.status}"
            failures.append(f"{name}: could not be opened ({status})")
            continue
        failures.extend(axe_current_page(page, name))
    return failures


def vnu_errors(site: Path, files: Iterable[str] | None = None) -> list[str]:
    """Check the site's HTML files (or the given ones, relative to it) with the Nu checker.

    Returns one `<page>:<line>: <message>` line per error; Pagefind's folder is never checked.
    """
    command = require_vnu()
    site = Path(site).resolve()
    names = html_pages(site) if files is None else sorted(files)
    names = [name for name in names if Path(name).parts[0] != "pagefind"]
    if not names:
        return []
    run = subprocess.run(
        [*command, "--errors-only", "--skip-non-html", "--format", "json", *names],
        cwd=site,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    # vnu writes its JSON report to stderr; it exits 1 when it finds errors.
    report_text = run.stderr.strip() or run.stdout.strip()
    try:
        report = json.loads(report_text)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"the Nu HTML Checker failed (exit {run.returncode}):\n{run.stdout}{run.stderr}"
        ) from None
    failures = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = _relative_name(message.get("url", ""), site)
        line = message.get("lastLine") or message.get("firstLine") or 0
        failures.append(f"{name}:{line}: {message.get('message', '').strip()}")
    if run.returncode not in (0, 1) or (run.returncode == 1 and not failures):
        raise RuntimeError(
            f"the Nu HTML Checker failed (exit {run.returncode}):\n{run.stdout}{run.stderr}"
        )
    return failures


def _relative_name(url: str, site: Path) -> str:
    """Turn vnu's `file:/abs/path.html` into the path relative to the site."""
    if not url:
        return "(unknown file)"
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.resolve().relative_to(site).as_posix()
    except ValueError:
        return str(path)
