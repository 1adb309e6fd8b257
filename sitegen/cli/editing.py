"""The commands that help editors: the field guide and its schemas, and a new entry's file."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Any

import click

from sitegen import pipeline
from sitegen.cli.options import content_option, project, today_option
from sitegen.content.loading import load_vocabulary_file
from sitegen.content.problems import ContentError, format_report
from sitegen.content.reading import read_content
from sitegen.content.schema import AUTHORITIES, ENTRIES, ENTRY_FIELDS, PLACEHOLDER, VOCABULARY
from sitegen.content.validation import check_file_name
from sitegen.content.values import Context, Invalid, check_value
from sitegen.editors import sources
from sitegen.editors.fieldguide import render_field_guide
from sitegen.editors.recordschemas import SCHEMA_FOLDER, render_record_schemas
from sitegen.editors.scaffold import NewEntry, render_entry_scaffold, slugify
from sitegen.editors.sources import TIMEOUT
from sitegen.model.dates import DateError, PartialDate
from sitegen.model.vocabulary import Vocabulary

FIELD_GUIDE = Path("docs") / "records.md"
_ENTRY_FIELDS = {field.name: field for field in ENTRY_FIELDS}


@click.command("field-guide")
@content_option()
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    show_default="docs/records.md",
    help="Where to write the reference.",
)
@click.option(
    "--schemas",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the records' JSON Schemas (default: schemas/, or a schemas folder "
    "beside --output when that is given).",
)
def field_guide(content: Path, output: Path | None, schemas: Path | None) -> None:
    """Write the editors' reference of every field, status, kind and body, and its schemas."""
    root = project().root
    vocabulary = vocabulary_or_exit(content)
    if schemas is None:
        schemas = root / SCHEMA_FOLDER if output is None else output.parent / SCHEMA_FOLDER
    output = output or root / FIELD_GUIDE
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_field_guide(vocabulary), encoding="utf-8")
    click.echo(f"wrote {project().shown(output)}")
    schemas.mkdir(parents=True, exist_ok=True)
    for name, data in render_record_schemas(vocabulary).items():
        path = schemas / name.removeprefix(f"{SCHEMA_FOLDER}/")
        path.write_bytes(data)
        click.echo(f"wrote {project().shown(path)}")


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
            options = [term.key for term in _vocabulary(ctx, content).section(section)]
        if not options:
            raise click.UsageError(
                f"{project().shown(content / section)} has nothing to choose from"
            )
        choice = click.Choice(options)
        if value is None:
            return click.prompt(prompt, type=choice)
        return choice.convert(value, param, ctx)

    return callback


def _vocabulary(ctx: click.Context, content: Path):
    """Return the vocabulary of --content, read once for all of a command's options."""
    if "vocabulary" not in ctx.meta:
        ctx.meta["vocabulary"] = vocabulary_or_exit(content)
    return ctx.meta["vocabulary"]


def _checked(field: str, value: Any, today: dt.date, ctx: click.Context) -> Any:
    """Return an entry field's value as the validator reads it; raise BadParameter with the
    validator's message (at a prompt, click then asks again)."""
    context = Context(_vocabulary(ctx, ctx.params["content"]), today)
    try:
        return check_value(_ENTRY_FIELDS[field], value, context)
    except Invalid as error:
        raise click.BadParameter(str(error)) from None


def _check_title(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    # A title does not depend on the day (--today comes later among the options).
    return _checked("title", " ".join(value.split()), dt.date.today(), ctx)


@click.command()
@content_option(eager=True)
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
    # The validator's own rules, so that the file it writes can pass them.
    ctx = click.get_current_context()
    try:
        date = _checked("date", str(date), today, ctx)
    except click.BadParameter as error:
        error.param_hint = "--date"
        raise
    words = slugify(title) if words is None else words
    entry = NewEntry(authority, date, kind, body, title, words)
    problems = check_file_name(entry.file_name, ".md", f"{content.name}/{ENTRIES}/")
    if problems:
        raise click.BadParameter(
            problems[0].message, param_hint="--words" if words else "'--title'"
        )
    path = content / ENTRIES / entry.file_name
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(render_entry_scaffold(entry, _vocabulary(ctx, content)))
    except FileExistsError:
        click.echo(
            f"{project().shown(path)} already exists: edit that file, or give other --words "
            "for a different entry",
            err=True,
        )
        sys.exit(1)
    except FileNotFoundError:
        click.echo(f"{project().shown(path.parent)} is missing (is --content right?)", err=True)
        sys.exit(1)
    click.echo(
        f"wrote {project().shown(path)}\n"
        "Next:\n"
        f"  1. Open it and replace each {PLACEHOLDER} with what the sources say; to use an "
        "optional field, delete the '# ' before its name.\n"
        "  2. Check it: python build.py validate"
    )


@click.command("check-sources")
@content_option()
@today_option
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="How to report: `path:line:` lines, or Markdown for an issue's body.",
)
@click.option(
    "--file-url",
    metavar="URL",
    help="With --format markdown: where record files can be read, followed by their path, "
    "such as https://github.com/OWNER/REPO/blob/main/.",
)
@click.option(
    "--timeout",
    type=float,
    default=TIMEOUT,
    show_default=True,
    help="How many seconds to wait for each address.",
)
def check_sources(
    content: Path, today: dt.date, report_format: str, file_url: str | None, timeout: float
) -> None:
    """Request every source's address once and report each that fails, with who cites it.

    Exits 1 when an address fails, and 2 when the records themselves have problems.
    """
    try:
        archive = pipeline.validate(content, today)
    except ContentError as error:
        click.echo(format_report(error.problems), err=True)
        click.echo("Fix the records first (python build.py validate).", err=True)
        sys.exit(2)
    checked = len(sources.citations(archive.entries))
    dead = sources.check_sources(
        archive.entries, check=functools.partial(sources.check_url, timeout=timeout)
    )
    if report_format == "markdown":
        click.echo(sources.markdown_report(dead, checked, file_url), nl=False)
    else:
        for problem in sources.problems_of(dead):
            click.echo(str(problem))
        click.echo(sources.summary(dead, checked), err=bool(dead))
    sys.exit(1 if dead else 0)


def vocabulary_or_exit(content: Path) -> Vocabulary:
    """Return the checked vocabulary, or report its problems and exit 1."""
    files = read_content(content)
    vocabulary, problems = load_vocabulary_file(files)
    if vocabulary is None:
        # A missing or unreadable vocabulary is a reading problem, not a vocabulary one.
        problems += [p for p in files.problems if p.path == f"{content.name}/{VOCABULARY}"]
        click.echo(format_report(problems), err=True)
        sys.exit(1)
    return vocabulary
