"""The statuses, kinds, bodies and contexts that records may use (content/vocabulary.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("en", "cy")
SECTIONS = ("statuses", "kinds", "bodies", "contexts")


@dataclass(frozen=True)
class Term:
    """One word of the vocabulary: its key, and its label and definition by language."""

    key: str
    label: Mapping[str, str]
    definition: Mapping[str, str]
    name: Mapping[str, str] | None = None
    rank: int | None = None
    # For a status: what the sources say when an entry should set it, and what only looks
    # like it, so that an editor can choose a status from these lines alone.
    use_for: tuple[str, ...] = ()
    not_for: tuple[str, ...] = ()
    # For a status: whether it counts as time under escalation (formal escalation and above).
    escalated: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """Every term the records may use; statuses ordered by rank, most serious first."""

    statuses: tuple[Term, ...]
    kinds: tuple[Term, ...]
    bodies: tuple[Term, ...]
    contexts: tuple[Term, ...]

    def section(self, name: str) -> tuple[Term, ...]:
        return {
            "statuses": self.statuses,
            "kinds": self.kinds,
            "bodies": self.bodies,
            "contexts": self.contexts,
        }[name]

    @property
    def escalated(self) -> tuple[str, ...]:
        """Return the keys of the statuses that count as escalation, most serious first."""
        return tuple(term.key for term in self.statuses if term.escalated)

    def status(self, key: str) -> Term:
        return next(term for term in self.statuses if term.key == key)

    def kind(self, key: str) -> Term:
        return next(term for term in self.kinds if term.key == key)

    def body(self, key: str) -> Term:
        return next(term for term in self.bodies if term.key == key)

    def context(self, key: str) -> Term:
        return next(term for term in self.contexts if term.key == key)
