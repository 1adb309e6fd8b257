"""Build one site with every stage of sitegen.pipeline.build timed; print the times as JSON.

    .venv/bin/python bench/stages.py CONTENT SITE [--no-cache]

The build cache sits beside SITE (.site-cache/ for site/), as for `build.py build`.

As the command line does, it checks the last build's stamp first and imports the generator
only if there is something to build. The build itself is the real pipeline.build: each
function it calls is wrapped in a timer in the pipeline module's namespace, so the stages
are measured without copying the build.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import resource
import subprocess
import sys
import threading
import time
import types
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTED = time.perf_counter()

import processes  # noqa: E402

from sitegen import memory  # noqa: E402
from sitegen.builds import Paths  # noqa: E402
from sitegen.cache import stamps  # noqa: E402
from sitegen.settings import Settings  # noqa: E402

TODAY = dt.date(2026, 11, 23)

# Each function pipeline.build calls, by the stage it belongs to.
STAGES = {
    # Timed as the command line asks it first, and again as pipeline.build asks it.
    "stamp (no-op check)": ["read_inputs", "up_to_date"],
    "read": ["read_content", "read_tree", "catalogues.translations"],
    "cache load": ["BuildCache.__init__", "reads.seen"],
    "load/validate": ["load_archive"],
    "markdown": ["stages.render_summaries", "render_markdown"],
    "plan": [
        "plan_corrections",
        "authority_views",
        "plan_pages",
        "make_environment",
        "fingerprints.page_keys",
        "searched_templates",
        "plan_shards",
    ],
    "render pages": ["stages.render_pages"],
    "render data/feeds": [
        "stages.render_downloads",
        "stages.render_feeds",
        "stored_as_written",
        "render_sitemap",
        "render_record_schemas",
        "store_files",
        "merge_files",
    ],
    "check": ["check_complete", "BuildCache.checked_site", "settled_pages", "check_links"],
    # Started before the downloads and the checks, which run while Pagefind works; its
    # time is its start and then the wait for its result, after the checks.
    "search index": ["stages.start_search", "stages.Search.result"],
    "publish": ["publish"],
    "cache save": ["fingerprints.published_output", "BuildCache.save", "reads.keep"],
}


def _timed(
    function: Callable[..., Any], stage: str, totals: dict[str, float], peaks: dict[str, int]
) -> Callable:
    """Return the function, adding the time of each call to its stage's total, and noting
    the stage in which the process's peak memory first reached its current height."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - start
            peaks[stage] += resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before

    return wrapper


def _measuring_popen(peaks: dict[str, int]) -> Callable[..., subprocess.Popen]:
    """Return subprocess.Popen as the search step calls it, noting the largest peak memory
    of the Pagefind processes it starts in peaks["pagefind"].

    Each one's own peak, read while it runs (processes.py): the kernel gives a program the
    peak of the process it was started from (the build, hundreds of MB) as its first, so
    neither os.wait4 nor RUSAGE_CHILDREN can tell Pagefind's apart. The build goes on while
    Pagefind works, so a thread of this script watches it."""

    def popen(args: list[str], **options: Any) -> subprocess.Popen:
        process = subprocess.Popen(args, **options)
        threading.Thread(target=_watch, args=(process.pid, peaks), daemon=True).start()
        return process

    return popen


def _watch(pid: int, peaks: dict[str, int]) -> None:
    """Note a process's peak in peaks["pagefind"] until it has ended (its peak reads 0)."""
    while (peak := processes.high_water_kb(pid)) > 0:
        peaks["pagefind"] = max(peaks["pagefind"], peak)
        time.sleep(processes.SAMPLE_SECONDS)


def build_timed(content: Path, site: Path, cached: bool) -> dict[str, Any]:
    """Build the site from content with the project's templates; return the stage times."""
    totals: dict[str, float] = defaultdict(float)
    peaks: dict[str, int] = defaultdict(int)
    pagefind: dict[str, int] = {"pagefind": 0}
    paths = Paths.under(ROOT, content=content, site=site, cached=cached)
    settings = Settings(today=TODAY)
    checking = time.perf_counter()
    inputs = stamps.read_inputs(paths, settings, history=False)
    report = stamps.up_to_date(paths, inputs)
    checked = time.perf_counter()
    totals["stamp (no-op check)"] += checked - checking
    if report is None:
        from sitegen import pipeline
        from sitegen.search import bundles

        bundles.subprocess = types.SimpleNamespace(  # type: ignore[assignment]
            Popen=_measuring_popen(pagefind),
            DEVNULL=subprocess.DEVNULL,
            STDOUT=subprocess.STDOUT,
            run=subprocess.run,
        )
        for stage, names in STAGES.items():
            for name in names:
                owner, _, attribute = name.rpartition(".")
                holder = functools.reduce(getattr, owner.split(".") if owner else [], pipeline)
                setattr(holder, attribute, _timed(getattr(holder, attribute), stage, totals, peaks))
        imported = time.perf_counter()
        # As the command line does, what the build made is left to the process's end.
        report = pipeline.build(paths, settings, inputs=inputs, kept=memory.left_to_exit())
    else:
        imported = checked
    finished = time.perf_counter()
    stages = {stage: totals.get(stage, 0.0) for stage in STAGES}
    built = (checked - checking) + (finished - imported)
    stages["other"] = built - sum(stages.values())
    return {
        # Starting Python and importing what the build needed (the generator only if the
        # stamp said there was something to build).
        "import": (checking - STARTED) + (imported - checked),
        "build": built,
        "rendered": report.rendered,
        "shards": report.shards,
        "indexed": report.indexed,
        "up_to_date": report.up_to_date,
        "stages": stages,
        "python_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        # How much each stage raised the peak: where the memory goes.
        "peak_growth_kb": {stage: peaks.get(stage, 0) for stage in STAGES},
        # The largest of the search step's Pagefind processes (one a shard, one at a time).
        "pagefind_maxrss_kb": pagefind["pagefind"],
        # The largest of all its children as the kernel counts them: at least this
        # process's own peak when each was started (forked workers and Pagefind alike).
        "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def main() -> None:
    """Build CONTENT into SITE and print the stage times."""
    content, site = (Path(arg) for arg in sys.argv[1:3])
    with memory.ending_at_once():
        print(json.dumps(build_timed(content, site, cached="--no-cache" not in sys.argv[3:])))


if __name__ == "__main__":
    main()
