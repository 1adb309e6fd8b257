"""Command line for the inspection-history site: validate the records, build the site."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import sys
import threading
from pathlib import Path

import click

from sitegen import pipeline
from sitegen.checks.links import BrokenLinksError
from sitegen.content.loading import load_vocabulary_file
from sitegen.content.problems import (
    ContentError,
    format_github_report,
    format_report,
    plural,
    summarise,
)
from sitegen.content.reading import AUTHORITIES, ENTRIES, VOCABULARY, read_content
from sitegen.content.schema import MAX_TEXT_LENGTH, PLACEHOLDER, SLUG_PATTERN
from sitegen.content.vocabulary import Vocabulary
from sitegen.editors.fieldguide import render_field_guide
from sitegen.editors.preview import Preview
from sitegen.editors.recordschemas import SCHEMA_FOLDER, render_record_schemas
from sitegen.editors.scaffold import NewEntry, render_entry_scaffold, slugify
from sitegen.model.dates import DateError, PartialDate
from sitegen.site.rendering import DEFAULT_BASE_URL, BaseUrlError, SiteConfig, normalise_base_path

ROOT = Path(__file__).resolve().parent
FIELD_GUIDE = ROOT / "docs" / "records.md"
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
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="How to report problems: text lines, or GitHub Actions annotations on the files.",
)
def validate(content: Path, today: dt.date, report_format: str) -> None:
    """Check every record and report all problems, with file, line and field."""
    try:
        archive = pipeline.validate(content, today)
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
    paths = pipeline.Paths.under(ROOT, content=content, site=site, cached=not no_cache)
    config = _config(base_url, base_path)
    if edit_url and not edit_url.startswith("https://"):
        raise click.BadParameter(
            f"'{edit_url}' is not a web address starting with https://", param_hint="--edit-url"
        )
    report = _build_or_exit(paths, today, config, edit_url)
    click.echo(_describe(report, _shown(site)))


def _describe(report: pipeline.BuildReport, site: str) -> str:
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
    return f"{records}: built {site} ({plural(report.files, 'file')}; {made})"


@cli.command()
@content_option
@today_option
@click.option("--port", default=8000, show_default=True, help="The port to serve on.")
def serve(content: Path, today: dt.date, port: int) -> None:
    """Serve the site on 127.0.0.1, rebuilding and reloading the page on every change."""
    paths = pipeline.Paths.under(ROOT, content=content)
    config = SiteConfig.for_base_url(f"http://127.0.0.1:{port}/")
    preview = Preview(
        paths.site,
        functools.partial(_rebuild, paths, today, config),
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


def _rebuild(paths: pipeline.Paths, today: dt.date, config: SiteConfig) -> list[str]:
    """Build the site for the preview; return its problems, also shown in the terminal."""
    try:
        report = pipeline.build(paths, today, config, history=True)
    except ContentError as error:
        problems = [*map(str, error.problems), summarise(error.problems)]
    except BrokenLinksError as error:
        problems = [f"{link}: broken internal link" for link in error.links]
    else:
        click.echo(_describe(report, "the preview"))
        return []
    click.echo("\n".join([*problems, NOT_BUILT]), err=True)
    return problems


def _build_or_exit(
    paths: pipeline.Paths, today: dt.date, config: SiteConfig, edit_url: str | None = None
) -> pipeline.BuildReport:
    """Build the site, or report why not (the previous site stays) and exit 1."""
    try:
        return pipeline.build(paths, today, config, history=True, edit_url=edit_url)
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
    default=FIELD_GUIDE,
    show_default="docs/records.md",
    help="Where to write the reference.",
)
@click.option(
    "--schemas",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the records' JSON Schemas (default: schemas/, or a schemas folder "
    "beside --output when that is given).",
)
def field_guide(content: Path, output: Path, schemas: Path | None) -> None:
    """Write the editors' reference of every field, status, kind and body, and its schemas."""
    vocabulary = _vocabulary_or_exit(content)
    if schemas is None:
        schemas = ROOT / SCHEMA_FOLDER if output == FIELD_GUIDE else output.parent / SCHEMA_FOLDER
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_field_guide(vocabulary), encoding="utf-8")
    click.echo(f"wrote {_shown(output)}")
    schemas.mkdir(parents=True, exist_ok=True)
    for name, data in render_record_schemas(vocabulary).items():
        path = schemas / name.removeprefix(f"{SCHEMA_FOLDER}/")
        path.write_bytes(data)
        click.echo(f"wrote {_shown(path)}")


def _vocabulary_or_exit(content: Path) -> Vocabulary:
    """Return the checked vocabulary, or report its problems and exit 1."""
    files = read_content(content)
    vocabulary, problems = load_vocabulary_file(files)
    if vocabulary is None:
        # A missing or unreadable vocabulary is a reading problem, not a vocabulary one.
        problems += [p for p in files.problems if p.path == f"{content.name}/{VOCABULARY}"]
        click.echo(format_report(problems), err=True)
        sys.exit(1)
    return vocabulary


class PartialDateType(click.ParamType):
    """A date as the records write it: YYYY-MM-DD, or YYYY-MM / YYYY."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(str(value))
        except DateError as error:
            self.fail(str(error), param, ctx)


def _choose(section: str, prompt: str):
    """Return a callback that checks an option against its choices, asking when it is missing.

    The choices are authority slugs (section "authorities") or a vocabulary section's keys,
    read from the --content folder.
    """

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        content: Path = ctx.params["content"]
        if section == AUTHORITIES:
            folder = content / AUTHORITIES
            options = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        else:
            if "vocabulary" not in ctx.meta:
                ctx.meta["vocabulary"] = _vocabulary_or_exit(content)
            options = [term.key for term in ctx.meta["vocabulary"].section(section)]
        if not options:
            raise click.UsageError(f"{_shown(content / section)} has nothing to choose from")
        choice = click.Choice(options)
        if value is None:
            return click.prompt(prompt, type=choice)
        return choice.convert(value, param, ctx)

    return callback


def _check_title(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    title = " ".join(value.split())
    if not title:
        raise click.BadParameter("is empty (write a short headline in your own words)")
    if len(title) > MAX_TEXT_LENGTH:
        raise click.BadParameter(
            f"is {len(title)} characters long (at most {MAX_TEXT_LENGTH}; put detail in the "
            "summary)"
        )
    return title


@cli.command()
@click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "content",
    show_default="content",
    is_eager=True,
    help="The folder of records.",
)
@click.option(
    "--authority",
    callback=_choose(AUTHORITIES, "Authority"),
    help="The authority's slug, its file name in content/authorities/ (asked when missing).",
)
@click.option(
    "--date",
    type=PartialDateType(),
    prompt="Date (YYYY-MM-DD, or YYYY-MM / YYYY when the sources give only that)",
    help="When it happened: YYYY-MM-DD, or YYYY-MM / YYYY when the sources give only that.",
)
@click.option(
    "--kind",
    callback=_choose("kinds", "Kind"),
    help="What kind of event, from content/vocabulary.yaml (asked when missing).",
)
@click.option(
    "--body",
    callback=_choose("bodies", "Who acted (body)"),
    help="Who acted, from content/vocabulary.yaml (asked when missing).",
)
@click.option(
    "--title",
    prompt="Title (a short headline in your own words)",
    callback=_check_title,
    help="A short headline, in your own words.",
)
@click.option(
    "--words",
    help="The short words that end the file name (default: the title's first words).",
)
@today_option
def new(
    content: Path,
    authority: str,
    date: PartialDate,
    kind: str,
    body: str,
    title: str,
    words: str | None,
    today: dt.date,
) -> None:
    """Start a new entry: write its file with the fields to fill in, then say what next."""
    if date.first_day > today:
        raise click.BadParameter(
            f"{date} is after today ({today.isoformat()}): record only what has happened",
            param_hint="--date",
        )
    words = slugify(title) if words is None else words
    if not re.fullmatch(SLUG_PATTERN, words):
        raise click.BadParameter(
            f"'{words}' is not a few short words for the file name (use lower-case letters, "
            "digits and single hyphens, as in serious-concern-protocol)",
            param_hint="--words" if words else "--title",
        )
    vocabulary = _vocabulary_or_exit(content)
    entry = NewEntry(authority, date, kind, body, title, words)
    path = content / ENTRIES / entry.file_name
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(render_entry_scaffold(entry, vocabulary))
    except FileExistsError:
        click.echo(
            f"{_shown(path)} already exists: edit that file, or give other --words "
            "for a different entry",
            err=True,
        )
        sys.exit(1)
    except FileNotFoundError:
        click.echo(f"{_shown(path.parent)} is missing (is --content right?)", err=True)
        sys.exit(1)
    click.echo(
        f"wrote {_shown(path)}\n"
        "Next:\n"
        f"  1. Open it and replace each {PLACEHOLDER} with what the sources say; to use an "
        "optional field, delete the '# ' before its name.\n"
        "  2. Check it: python build.py validate"
    )


if __name__ == "__main__":
    cli()
