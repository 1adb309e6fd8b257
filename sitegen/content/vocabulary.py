"""The vocabulary read from vocabulary.yaml and checked: every term, all problems at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitegen.content.problems import Problem
from sitegen.content.yamldata import LineMap
from sitegen.model.vocabulary import LANGUAGES, SECTIONS, Term, Vocabulary

# Each section's fields: those every term must have, and those it may have.
_FIELDS = {
    "statuses": ({"rank", "label", "definition", "use_for"}, {"not_for", "escalated"}),
    "kinds": ({"label", "definition"}, set()),
    "bodies": ({"label", "name", "definition"}, set()),
    "contexts": ({"label", "definition"}, set()),
}


def _check_lines(
    value: Any, where: str, path: str, line: int, problems: list[Problem]
) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(text, str) and text.strip() for text in value)
    ):
        problems.append(Problem(path, line, where, "must be a list of lines of text"))
        return ()
    return tuple(" ".join(text.split()) for text in value)


def _check_languages(
    value: Any, where: str, path: str, line: int, problems: list[Problem]
) -> dict[str, str]:
    if (
        not isinstance(value, Mapping)
        or set(value) != set(LANGUAGES)
        or not all(isinstance(text, str) and text.strip() for text in value.values())
    ):
        problems.append(
            Problem(path, line, where, "must give text for each language: {en: ..., cy: ...}")
        )
        return {}
    return {language: value[language].strip() for language in LANGUAGES}


def load_vocabulary(data: Any, path: str) -> tuple[Vocabulary | None, list[Problem]]:
    """Check the vocabulary's data and return it, or the problems that stop it being used."""
    problems: list[Problem] = []
    names = ", ".join(SECTIONS)
    if not isinstance(data, LineMap):
        return None, [Problem(path, 1, "vocabulary", f"must be a mapping of {names}")]
    for extra in sorted(set(data) - set(SECTIONS)):
        problems.append(Problem(path, data.line_of(extra), extra, f"unknown section (use {names})"))
    sections: dict[str, tuple[Term, ...]] = {}
    for section in SECTIONS:
        terms_data = data.get(section)
        if not isinstance(terms_data, LineMap) or not terms_data:
            problems.append(
                Problem(path, data.line_of(section), section, "must be a mapping of terms")
            )
            continue
        terms = []
        for key, spec in terms_data.items():
            line = terms_data.line_of(key)
            where = f"{section}.{key}"
            if not isinstance(spec, LineMap):
                problems.append(Problem(path, line, where, "must be a mapping of its fields"))
                continue
            required, optional = _FIELDS[section]
            if not required <= set(spec) <= required | optional:
                wanted = f"must have exactly: {', '.join(sorted(required))}"
                if optional:
                    wanted = (
                        f"must have {', '.join(sorted(required))}, may have "
                        f"{', '.join(sorted(optional))}, and no other field"
                    )
                problems.append(Problem(path, line, where, wanted))
                continue
            rank = spec.get("rank")
            if section == "statuses" and (not isinstance(rank, int) or isinstance(rank, bool)):
                problems.append(Problem(path, line, f"{where}.rank", "must be a whole number"))
                continue
            label = _check_languages(spec["label"], f"{where}.label", path, line, problems)
            name = (
                _check_languages(spec["name"], f"{where}.name", path, line, problems)
                if section == "bodies"
                else None
            )
            use_for = not_for = ()
            escalated = spec.get("escalated", False)
            if not isinstance(escalated, bool):
                problems.append(Problem(path, line, f"{where}.escalated", "must be true or false"))
            if section == "statuses":
                use_for = _check_lines(spec["use_for"], f"{where}.use_for", path, line, problems)
                if "not_for" in spec:
                    not_for = _check_lines(
                        spec["not_for"], f"{where}.not_for", path, line, problems
                    )
            definition = {
                language: " ".join(text.split())
                for language, text in _check_languages(
                    spec["definition"], f"{where}.definition", path, line, problems
                ).items()
            }
            terms.append(
                Term(key, label, definition, name, rank, use_for, not_for, escalated is True)
            )
        sections[section] = tuple(terms)
    ranks = [term.rank for term in sections.get("statuses", ())]
    if len(set(ranks)) != len(ranks):
        problems.append(Problem(path, data.line_of("statuses"), "statuses", "ranks must differ"))
    if problems:
        return None, problems
    statuses = tuple(sorted(sections["statuses"], key=lambda term: term.rank or 0))
    return Vocabulary(statuses, sections["kinds"], sections["bodies"], sections["contexts"]), []
