"""The commands that check the records and build the site: validate, build, serve.

The generator itself (sitegen.pipeline, and what it imports) is imported inside the
commands, once they need it: a build with nothing to do (cache/stamps.py) stops before, in
a fraction of the time that importing it takes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import sys
import threading
from pathlib import Path

import click

from sitegen import memory
from sitegen.builds import BuildReport, Paths
from sitegen.cache import stamps
from sitegen.cli.options import NOT_BUILT, content_option, project, site_option, today_option
from sitegen.content.problems import (
    ContentError,
    Problem,
    format_github_report,
    format_report,
    plural,
    summarise,
)
from sitegen.content.schema import WELSH_SUFFIX
from sitegen.settings import DEFAULT_BASE_URL, Settings, SettingsError, normalise_base_path


@click.command()
@content_option()
@today_option
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="How to report problems: text lines, or GitHub Actions annotations on the files.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Count an entry without a Welsh text as a problem, not a warning.",
)
def validate(content: Path, today: dt.date, report_format: str, strict: bool) -> None:
    """Check every record and report all problems, with file, line and field; count the
    entries that have no Welsh text yet."""
    from sitegen import pipeline

    try:
        archive = pipeline.validate(content, today)
        problems = [
            Problem(
                entry.path,
                1,
                "Welsh",
                f"has none yet (write its title and summary in Welsh in "
                f"{entry.id}{WELSH_SUFFIX} beside it)",
            )
            for entry in archive.entries
            if entry.welsh is None
        ]
        if strict and problems:
            raise ContentError(problems)
    except ContentError as error:
        if report_format == "github":
            # GitHub Actions reads its workflow commands from standard output.
            click.echo(format_github_report(error.problems))
        else:
            click.echo(format_report(error.problems), err=True)
        sys.exit(1)
    click.echo(
        f"{plural(len(archive.timelines), 'authority')}, "
        f"{plural(len(archive.entries), 'entry')}: no problems"
    )
    if problems:
        click.echo(
            f"warning: {plural(len(problems), 'entry')} of {len(archive.entries)} "
            f"{'has' if len(problems) == 1 else 'have'} no Welsh text yet "
            "(--strict lists them as problems)",
            err=True,
        )


@click.command()
@content_option()
@today_option
@site_option()
@click.option(
    "--base-url",
    envvar="SITE_BASE_URL",
    metavar="URL",
    help=f"The absolute address the site is published at, for canonical links, feeds and "
    f"the sitemap, such as https://example.org/record/ (default: {DEFAULT_BASE_URL}, "
    "or $SITE_BASE_URL).",
)
@click.option(
    "--base-path",
    help="The path the site is served from, such as /inspections-wales/ for a project site "
    "(default: the path of the base URL).",
)
@click.option(
    "--edit-url",
    envvar="SITE_EDIT_URL",
    metavar="URL",
    help="Where a record file can be edited, followed by its path in the repository, such "
    "as https://github.com/OWNER/REPO/edit/main/ (default: $SITE_EDIT_URL; without it, "
    "entry pages link to the about page's corrections policy).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build everything anew, without reading or updating the build cache (kept beside "
    "the site folder: .site-cache/ for site/).",
)
def build(
    content: Path,
    today: dt.date,
    site: Path,
    base_url: str | None,
    base_path: str | None,
    edit_url: str | None,
    no_cache: bool,
) -> None:
    """Validate every record, then build the whole site and its search index.

    A build reuses what earlier builds made from the same inputs (the build cache), so an
    unchanged site is not built again and an edit renders only the pages it changes.
    """
    paths = Paths.under(project().root, content=content, site=site, cached=not no_cache)
    settings = _settings(base_url, base_path, today)
    if edit_url:
        try:
            settings = dataclasses.replace(settings, edit_url=edit_url)
        except SettingsError as error:
            raise click.BadParameter(str(error), param_hint="--edit-url") from None
    inputs = stamps.read_inputs(paths, settings, history=True)
    report = stamps.up_to_date(paths, inputs) or _build_or_exit(paths, settings, inputs)
    click.echo(describe(report, project().shown(site)))


def describe(report: BuildReport, site: str) -> str:
    """Say what a build did, in one line."""
    records = f"{plural(report.authorities, 'authority')}, {plural(report.entries, 'entry')}"
    if report.up_to_date:
        return f"{records}: {site} is up to date (nothing changed since the last build)"
    if report.rendered == report.pages:
        made = f"every page rendered, {report.pages} in all"
    elif report.rendered == 0:
        made = f"every page reused from the last build, {report.pages} in all"
    else:
        made = f"{report.rendered} of {plural(report.pages, 'page')} rendered, the rest reused"
    search = f"search index in {plural(report.shards, 'shard')}, {report.indexed} made anew"
    return f"{records}: built {site} ({plural(report.files, 'file')}; {made}; {search})"


@click.command()
@content_option()
@today_option
@click.option("--port", default=8000, show_default=True, help="The port to serve on.")
def serve(content: Path, today: dt.date, port: int) -> None:
    """Serve the site on 127.0.0.1, rebuilding and reloading the page on every change."""
    from sitegen.editors.preview import Preview

    paths = Paths.under(project().root, content=content)
    settings = Settings.for_base_url(f"http://127.0.0.1:{port}/", today=today)
    preview = Preview(
        paths.site,
        functools.partial(rebuild, paths, settings),
        [paths.content, paths.templates, paths.static],
        port,
    )
    preview.start()
    click.echo(
        f"Serving the site at {preview.url}: it rebuilds when content/, templates/ or "
        "static/ change (Ctrl+C to stop)"
    )
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    preview.stop()


def rebuild(paths: Paths, settings: Settings) -> list[str]:
    """Build the site for the preview; return its problems, also shown in the terminal."""
    from sitegen import pipeline
    from sitegen.checks.links import BrokenLinksError
    from sitegen.search.bundles import SearchIndexError

    try:
        report = pipeline.build(paths, settings, history=True)
    except ContentError as error:
        problems = [*map(str, error.problems), summarise(error.problems)]
    except BrokenLinksError as error:
        problems = [f"{link}: broken internal link" for link in error.links]
    except SearchIndexError as error:
        problems = [f"The search index could not be made: {error}"]
    else:
        click.echo(describe(report, "the preview"))
        return []
    click.echo("\n".join([*problems, NOT_BUILT]), err=True)
    return problems


def _build_or_exit(paths: Paths, settings: Settings, inputs: stamps.Inputs) -> BuildReport:
    """Build the site from inputs just read, or report why not (the previous site stays)
    and exit 1."""
    from sitegen import pipeline
    from sitegen.checks.links import BrokenLinksError
    from sitegen.search.bundles import SearchIndexError

    try:
        # The command's one build: what it made is left to the process's end.
        kept = memory.left_to_exit()
        return pipeline.build(paths, settings, history=True, inputs=inputs, kept=kept)
    except ContentError as error:
        click.echo(format_report(error.problems), err=True)
        click.echo(NOT_BUILT, err=True)
    except BrokenLinksError as error:
        click.echo("\n".join(f"{link}: broken internal link" for link in error.links), err=True)
        click.echo(f"{plural(len(error.links), 'broken link')}. {NOT_BUILT}", err=True)
    except SearchIndexError as error:
        click.echo(f"The search index could not be made: {error}", err=True)
        click.echo(NOT_BUILT, err=True)
    sys.exit(1)


def _settings(base_url: str | None, base_path: str | None, today: dt.date) -> Settings:
    """Return the build's settings from its base URL and base path, which must agree."""
    try:
        settings = Settings.for_base_url(base_url or DEFAULT_BASE_URL, today=today)
    except SettingsError as error:
        raise click.BadParameter(str(error), param_hint="--base-url") from None
    if base_path is None:
        return settings
    path = normalise_base_path(base_path)
    if base_url and path != settings.base_path:
        raise click.BadParameter(
            f"'{base_path}' is not the path of the base URL {base_url} "
            "(give only --base-url, or make the two agree)",
            param_hint="--base-path",
        )
    return Settings(today=today, base_path=path, origin=settings.origin)
