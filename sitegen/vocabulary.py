"""The statuses, kinds and bodies that records may use, read from vocabulary.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .problems import Problem
from .yamldata import LineMap

LANGUAGES = ("en", "cy")
SECTIONS = ("statuses", "kinds", "bodies")


@dataclass(frozen=True)
class Term:
    """One word of the vocabulary: its key, labels by language and definition."""

    key: str
    label: Mapping[str, str]
    definition: str
    name: Mapping[str, str] | None = None
    rank: int | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Every term the records may use; statuses ordered by rank, most serious first."""

    statuses: tuple[Term, ...]
    kinds: tuple[Term, ...]
    bodies: tuple[Term, ...]

    def section(self, name: str) -> tuple[Term, ...]:
        return {"statuses": self.statuses, "kinds": self.kinds, "bodies": self.bodies}[name]

    def status(self, key: str) -> Term:
        return next(term for term in self.statuses if term.key == key)

    def kind(self, key: str) -> Term:
        return next(term for term in self.kinds if term.key == key)

    def body(self, key: str) -> Term:
        return next(term for term in self.bodies if term.key == key)


_FIELDS = {
    "statuses": {"rank", "label", "definition"},
    "kinds": {"label", "definition"},
    "bodies": {"label", "name", "definition"},
}


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
    if not isinstance(data, LineMap):
        return None, [
            Problem(path, 1, "vocabulary", "must be a mapping of statuses, kinds, bodies")
        ]
    for extra in sorted(set(data) - set(SECTIONS)):
        problems.append(
            Problem(
                path, data.line_of(extra), extra, "unknown section (use statuses, kinds, bodies)"
            )
        )
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
            wanted = _FIELDS[section]
            if set(spec) != wanted:
                problems.append(
                    Problem(path, line, where, f"must have exactly: {', '.join(sorted(wanted))}")
                )
                continue
            if not isinstance(spec["definition"], str) or not spec["definition"].strip():
                problems.append(Problem(path, line, f"{where}.definition", "must be text"))
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
            terms.append(Term(key, label, spec["definition"].strip(), name, rank))
        sections[section] = tuple(terms)
    ranks = [term.rank for term in sections.get("statuses", ())]
    if len(set(ranks)) != len(ranks):
        problems.append(Problem(path, data.line_of("statuses"), "statuses", "ranks must differ"))
    if problems:
        return None, problems
    statuses = tuple(sorted(sections["statuses"], key=lambda term: term.rank or 0))
    return Vocabulary(statuses, sections["kinds"], sections["bodies"]), []
