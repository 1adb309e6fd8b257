"""The rules of an entry that no one field shows: fields wrong together, and its file name."""

from __future__ import annotations

from typing import Any

from sitegen.content.parsing import RecordText
from sitegen.content.problems import Problem
from sitegen.content.schema import EXCLUDES, NEEDS, ONE_OF, SEVERAL_AUTHORITIES
from sitegen.content.values import is_slug
from sitegen.content.yamldata import LineMap
from sitegen.model.records import ALL_AUTHORITIES


def check_entry_rules(file: RecordText, data: LineMap, values: dict[str, Any]) -> list[Problem]:
    """Return the problems of fields that are wrong together, and of the file's name."""
    problems = []
    for one, other in ONE_OF:
        if one in data and other in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(other),
                    other,
                    f"is given with {one} (an entry gives one of them: {one} for one "
                    f"authority, {other} for a programme that covered several)",
                )
            )
        elif one not in data and other not in data:
            problems.append(
                Problem(
                    file.path,
                    data.line,
                    one,
                    f"is required but missing (add a line such as '{one}: neath-port-talbot', "
                    f"or '{other}: [...]' for a programme that covered several)",
                )
            )
    listed = data.get("authorities")
    if isinstance(listed, list) and len(listed) == 1 and listed[0] != ALL_AUTHORITIES:
        problems.append(
            Problem(
                file.path,
                data.line_of("authorities"),
                "authorities",
                f"lists one authority (an entry of one authority writes 'authority: "
                f"{listed[0]}'; authorities is for a programme that covered several)",
            )
        )
    for name, needed in NEEDS.items():
        if name in data and needed not in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(name),
                    name,
                    f"says something of the entry's {needed}, which it does not set (add "
                    f"'{needed}: ...', or remove the line)",
                )
            )
    # Why each ruling-out field excludes the other, as the editor reads it.
    reasons = {
        "context": "a context entry, which never sets the children's services status (remove "
        "status, or context if the event is about children's services)",
        "authorities": "a programme that covered several authorities (set a status on an "
        "entry of one authority instead)",
    }
    for name, excluded in EXCLUDES.items():
        if name in data and excluded in data:
            problems.append(
                Problem(
                    file.path,
                    data.line_of(excluded),
                    excluded,
                    f"is set on {reasons[name]}",
                )
            )
    if values.get("body") and values["body"] in values.get("joint_with", ()):
        problems.append(
            Problem(
                file.path,
                data.line_of("joint_with"),
                "joint_with",
                f"lists '{values['body']}', which is already the entry's body (list the "
                "other bodies only)",
            )
        )
    if values.get("former_ids") and file.stem in values["former_ids"]:
        problems.append(
            Problem(
                file.path,
                data.line_of("former_ids"),
                "former_ids",
                f"lists '{file.stem}', the entry's own id (list only the ids it had before)",
            )
        )
    # An authority written as a slug counts here even if no file has it (that problem is
    # the field's), so that a misfiled entry hears of both at once.
    written = data.get("authority")
    named = written.strip() if isinstance(written, str) and is_slug(written.strip()) else None
    one = values.get("authority") or named
    owner = one or ("authorities" in values and SEVERAL_AUTHORITIES)
    if "date" in values and owner:
        prefix = f"{values['date']}-{owner}-"
        if not file.stem.startswith(prefix) or file.stem == prefix.rstrip("-"):
            whose = "authority" if one else f"'{SEVERAL_AUTHORITIES}'"
            problems.append(
                Problem(
                    file.path,
                    1,
                    "file name",
                    f"must start with the entry's date and {whose}, then a few words: "
                    f"rename it to {prefix}<short-words>.md",
                )
            )
    fieldwork, date = values.get("fieldwork"), values.get("date")
    if fieldwork and date and fieldwork.last.first_day > date.last_day:
        problems.append(
            Problem(
                file.path,
                data.line_of("fieldwork"),
                "fieldwork",
                f"{fieldwork} is after the entry's date {date} (fieldwork comes before the report)",
            )
        )
    return problems
