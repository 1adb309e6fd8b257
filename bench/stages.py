"""Build one site with every stage of sitegen.pipeline.build timed; print the times as JSON.

    .venv/bin/python bench/stages.py CONTENT SITE

The build itself is the real pipeline.build: each function it calls is wrapped in a timer
in the pipeline module's namespace, so the stages are measured without copying the build.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTED = time.perf_counter()

from sitegen import pipeline  # noqa: E402
from sitegen.rendering import SiteConfig  # noqa: E402

TODAY = dt.date(2026, 11, 23)

# Each function pipeline.build calls, by the stage it belongs to.
STAGES = {
    "read": ["read_content", "read_tree", "load_translations", "read_last_changed"],
    "load/validate": ["load_archive"],
    "markdown": ["render_markdown"],
    "plan": ["plan_corrections", "plan_pages", "make_environment"],
    "render pages": ["render_pages"],
    "render data/feeds": [
        "render_downloads",
        "render_feeds",
        "render_sitemap",
        "render_record_schemas",
        "merge_files",
    ],
    "check": ["check_complete", "find_broken_links"],
    "write": ["write_staging", "swap_in"],
    "pagefind": ["index_site"],
}


def _timed(function: Callable[..., Any], stage: str, totals: dict[str, float]) -> Callable:
    """Return the function, adding the time of each call to its stage's total."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - start

    return wrapper


def build_timed(content: Path, site: Path) -> dict[str, Any]:
    """Build the site from content with the project's templates; return the stage times."""
    totals: dict[str, float] = defaultdict(float)
    for stage, names in STAGES.items():
        for name in names:
            setattr(pipeline, name, _timed(getattr(pipeline, name), stage, totals))
    paths = pipeline.Paths(content, ROOT / "templates", ROOT / "static", ROOT / "locale", site)
    imported = time.perf_counter()
    pipeline.build(paths, TODAY, SiteConfig())
    finished = time.perf_counter()
    stages = {stage: totals.get(stage, 0.0) for stage in STAGES}
    stages["other"] = (finished - imported) - sum(stages.values())
    return {
        "import": imported - STARTED,
        "build": finished - imported,
        "stages": stages,
        "python_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "pagefind_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def main() -> None:
    """Build CONTENT into SITE and print the stage times."""
    content, site = (Path(arg) for arg in sys.argv[1:3])
    print(json.dumps(build_timed(content, site)))


if __name__ == "__main__":
    main()
