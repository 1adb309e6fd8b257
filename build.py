"""Command line for the inspection-history site: validate the records, build the site."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import sys
from pathlib import Path

import click

from sitegen import pipeline
from sitegen.fieldguide import render_field_guide
from sitegen.links import BrokenLinksError
from sitegen.loading import load_vocabulary_file
from sitegen.problems import ContentError, format_report, plural
from sitegen.reading import read_content
from sitegen.rendering import DEFAULT_BASE_URL, BaseUrlError, SiteConfig, normalise_base_path
from sitegen.timelines import Archive

ROOT = Path(__file__).resolve().parent
NOT_BUILT = "The site was not built; the previous one is unchanged."


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (write YYYY-MM-DD)") from None


today_option = click.option(
    "--today",
    callback=_today,
    metavar="YYYY-MM-DD",
    help="The day to check dates against (default: the real today).",
)
content_option = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "content",
    show_default="content",
    help="The folder of records.",
)


@click.group()
def cli() -> None:
    """Build the public record of Welsh children's social services inspections."""


@cli.command()
@content_option
@today_option
def validate(content: Path, today: dt.date) -> None:
    """Check every record and report all problems, with file, line and field."""
    try:
        archive = pipeline.validate(content, today)
    except ContentError as error:
        click.echo(format_report(error.problems), err=True)
        sys.exit(1)
    click.echo(
        f"{plural(len(archive.timelines), 'authority')}, "
        f"{plural(len(archive.entries), 'entry')}: no problems"
    )


@cli.command()
@content_option
@today_option
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "site",
    show_default="site",
    help="Where to write the site.",
)
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
def build(
    content: Path, today: dt.date, site: Path, base_url: str | None, base_path: str | None
) -> None:
    """Validate every record, then build the whole site and its search index."""
    paths = pipeline.Paths.under(ROOT, content=content, site=site)
    config = _config(base_url, base_path)
    archive = _build_or_exit(paths, today, config)
    click.echo(
        f"{plural(len(archive.timelines), 'authority')}, "
        f"{plural(len(archive.entries), 'entry')}: built {_shown(site)}"
    )


@cli.command()
@today_option
@click.option("--port", default=8000, show_default=True, help="The port to serve on.")
def serve(today: dt.date, port: int) -> None:
    """Build the site, then serve it on 127.0.0.1 for a local look."""
    site = ROOT / "site"
    config = SiteConfig.for_base_url(f"http://127.0.0.1:{port}/")
    _build_or_exit(pipeline.Paths.under(ROOT, site=site), today, config)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"Serving the site at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def _build_or_exit(paths: pipeline.Paths, today: dt.date, config: SiteConfig) -> Archive:
    """Build the site, or report why not (the previous site stays) and exit 1."""
    try:
        return pipeline.build(paths, today, config)
    except ContentError as error:
        click.echo(format_report(error.problems), err=True)
        click.echo(NOT_BUILT, err=True)
    except BrokenLinksError as error:
        click.echo("\n".join(f"{link}: broken internal link" for link in error.links), err=True)
        click.echo(f"{plural(len(error.links), 'broken link')}. {NOT_BUILT}", err=True)
    sys.exit(1)


def _config(base_url: str | None, base_path: str | None) -> SiteConfig:
    """Return the build's settings from its base URL and base path, which must agree."""
    try:
        config = SiteConfig.for_base_url(base_url or DEFAULT_BASE_URL)
    except BaseUrlError as error:
        raise click.BadParameter(str(error), param_hint="--base-url") from None
    if base_path is None:
        return config
    path = normalise_base_path(base_path)
    if base_url and path != config.base_path:
        raise click.BadParameter(
            f"'{base_path}' is not the path of the base URL {base_url} "
            "(give only --base-url, or make the two agree)",
            param_hint="--base-path",
        )
    return SiteConfig(base_path=path, origin=config.origin)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@cli.command("field-guide")
@content_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=ROOT / "docs" / "records.md",
    show_default="docs/records.md",
    help="Where to write the reference.",
)
def field_guide(content: Path, output: Path) -> None:
    """Write the editors' reference of every field, status, kind and body."""
    files = read_content(content)
    vocabulary, problems = load_vocabulary_file(files)
    if vocabulary is None:
        click.echo(format_report(problems), err=True)
        sys.exit(1)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_field_guide(vocabulary), encoding="utf-8")
    click.echo(f"wrote {_shown(output)}")


if __name__ == "__main__":
    cli()
