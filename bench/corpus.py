"""A synthetic content folder in the record format, the same for the same size and seed.

    .venv/bin/python bench/corpus.py --entries 1000 --authorities 200 --out /tmp/corpus

Every generated record passes `python build.py validate --today 2026-11-23`: statuses, kinds
and bodies are the keys of content/vocabulary.yaml, ONS codes are unique, and each entry's
file name starts with its date and authority.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 23)
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = TODAY - dt.timedelta(days=1)

_STARTS = [
    "Aber", "Bryn", "Caer", "Llan", "Pont", "Tre", "Pen", "Cwm", "Rhos", "Glyn", "Maes",
    "Nant", "Porth", "Dol", "Coed", "Bettws", "Castell", "Y Fenni", "Ystrad", "Merthyr",
]  # fmt: skip
_ENDS = [
    "gwyn", "dulais", "fach", "fawr", "newydd", "y-coed", "afon", "mynydd", "isaf", "uchaf",
    "wen", "ddu", "las", "goch", "y-bont", "y-glyn", "hir", "rhyd", "tawe", "teifi",
]  # fmt: skip
_SUBJECTS = [
    "the council", "the inspectorate", "the director of social services", "senior managers",
    "the improvement board", "frontline social workers", "the safeguarding team",
    "the cabinet member", "the chief executive", "team managers", "the scrutiny committee",
]  # fmt: skip
_VERBS = [
    "reviewed", "found", "reported on", "monitored", "questioned", "described", "improved",
    "strengthened", "examined", "set targets for", "raised concerns about", "welcomed",
]  # fmt: skip
_OBJECTS = [
    "the timeliness of assessments", "the quality of supervision", "caseloads",
    "the stability of the workforce", "care planning for looked-after children",
    "the response to referrals", "child protection conferences", "the use of agency staff",
    "the recording of decisions", "the council's improvement plan", "multi-agency working",
    "the voice of the child", "placement sufficiency", "performance information",
]  # fmt: skip
_TAILS = [
    "over the following months", "in its report", "at the monitoring visit",
    "during fieldwork", "in a written statement", "before the next inspection",
    "across the service", "in most of the cases sampled", "since the previous report",
]  # fmt: skip
_HEADINGS = [
    "What the inspectors found", "Background", "What happened next", "Areas for improvement",
    "The council's response", "Progress", "Context",
]  # fmt: skip
INSPECTION_TYPE = "inspection of children's services"
_PUBLISHERS = ["Welsh Government", "Care Inspectorate Wales", "BBC News", "Community Care"]


@dataclass(frozen=True)
class Corpus:
    """What was generated: where, and how many of each record."""

    folder: Path
    authorities: int
    entries: int
    entry_paths: tuple[Path, ...]


def _sentences(rng: random.Random, count: int) -> list[str]:
    """Return so many different sentences (a list of findings names each once): drawn as
    _sentence draws them, a repeat drawn again, so a corpus without repeats is unchanged."""
    drawn: list[str] = []
    while len(drawn) < count:
        sentence = _sentence(rng)
        if sentence not in drawn:
            drawn.append(sentence)
    return drawn


def _sentence(rng: random.Random) -> str:
    subject, verb, thing, tail = (
        rng.choice(words) for words in (_SUBJECTS, _VERBS, _OBJECTS, _TAILS)
    )
    roll = rng.random()
    if roll < 0.15:
        thing = f"*{thing}*"
    elif roll < 0.25:
        thing = f"**{thing}**"
    text = f"{subject} {verb} {thing} {tail}"
    if rng.random() < 0.1:
        report = f"https://www.careinspectorate.wales/report-{rng.randrange(10**6)}"
        text += f", as [the report]({report}) set out"
    return text[0].upper() + text[1:] + "."


def _words(text: str) -> int:
    return len(text.split())


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _summary(rng: random.Random, authority: str, name: str) -> str:
    """Return a Markdown summary of 200-800 words with headings, lists, links and emphasis."""
    target = rng.randint(200, 800)
    blocks = [_paragraph(rng)]
    count = _words(blocks[0])
    while True:
        roll = rng.random()
        if roll < 0.2:
            block = f"## {rng.choice(_HEADINGS)}"
        elif roll < 0.4:
            items = [_sentence(rng) for _ in range(rng.randint(2, 5))]
            bullet = rng.choice(["-", "1."])
            block = "\n".join(f"{bullet} {item}" for item in items)
        elif roll < 0.45:
            block = f"See the [timeline of {name}](/authorities/{authority}/) for earlier events."
        else:
            block = _paragraph(rng)
        if count + _words(block) > target and count >= 200:
            break
        blocks.append(block)
        count += _words(block)
    return "\n\n".join(blocks) + "\n"


def _slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _authority_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{start}{end}" for start in _STARTS for end in _ENDS]
    rng.shuffle(pairs)
    # Past the 400 pairs, a numbered district keeps names and slugs unique.
    return [
        pairs[i % len(pairs)].replace("-", " ").title()
        + (f" {i // len(pairs) + 1}" if i >= len(pairs) else "")
        for i in range(count)
    ]


def _quoted(text: str) -> str:
    # A JSON string is a YAML string, so titles may hold any punctuation.
    return json.dumps(text, ensure_ascii=False)


def _date(rng: random.Random, used: set[str]) -> tuple[str, dt.date | None]:
    """Return a date not yet used by this authority, and its day when known to the day."""
    span = (LAST_DAY - FIRST_DAY).days
    while True:
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        roll = rng.random()
        text, exact = (
            (str(day.year), None)
            if roll < 0.03
            else (day.strftime("%Y-%m"), None)
            if roll < 0.12
            else (day.isoformat(), day)
        )
        if text not in used:
            used.add(text)
            return text, exact


def _body_for(year: int, bodies: Sequence[str]) -> str:
    inspectorate = "SSIW" if year < 2007 else "CSSIW" if year < 2018 else "CIW"
    return inspectorate if inspectorate in bodies else bodies[0]


def _entry(
    rng: random.Random, slug: str, name: str, used: set[str], vocabulary: dict
) -> tuple[str, str]:
    """Return the file name and text of one entry of an authority."""
    kinds, statuses, bodies = (list(vocabulary[key]) for key in ("kinds", "statuses", "bodies"))
    date, exact = _date(rng, used)
    kind = rng.choice(kinds)
    words = kind if rng.random() < 0.7 else f"{kind}-{rng.choice(['report', 'update', 'notice'])}"
    title = f"{kind.replace('-', ' ').capitalize()} of {name}'s children's services: {words}"
    lines = [
        "---",
        f"authority: {slug}",
        f"date: {_quoted(date)}",
        f"kind: {kind}",
        f"title: {_quoted(title)}",
        f"body: {_quoted(_body_for(int(date[:4]), bodies))}",
    ]
    if rng.random() < 0.4:
        lines.append(f"status: {rng.choice(statuses)}")
    if exact is not None and rng.random() < 0.5:
        lines.append(
            f"inspection_type: {_quoted('inspection of children' + chr(39) + 's services')}"
        )
        fieldwork = max(FIRST_DAY, exact - dt.timedelta(days=rng.randint(20, 120)))
        lines.append(f"fieldwork: {_quoted(fieldwork.isoformat())}")
    if rng.random() < 0.5:
        lines.append("findings:")
        lines += [f"  - {_quoted(text)}" for text in _sentences(rng, rng.randint(1, 4))]
    if rng.random() < 0.3:
        lines.append("recommendations:")
        lines += [f"  - {_quoted(text)}" for text in _sentences(rng, rng.randint(1, 3))]
    lines.append("sources:")
    for number in range(rng.randint(1, 3)):
        lines += [
            f"  - title: {_quoted(f'Report {number + 1} on services in {name}')}",
            f"    publisher: {_quoted(rng.choice(_PUBLISHERS))}",
            f"    date: {_quoted(date)}",
            f"    url: https://example.org/{slug}/{date}/{number}",
        ]
    lines.append("---")
    return f"{date}-{slug}-{words}.md", "\n".join(lines) + "\n" + _summary(rng, slug, name)


def write_corpus(out: Path, entries: int, authorities: int, seed: int = 0) -> Corpus:
    """Write a content folder of `entries` entries over `authorities` authorities; return it."""
    rng = random.Random(f"{entries}/{authorities}/{seed}")
    vocabulary = yaml.safe_load((CONTENT / "vocabulary.yaml").read_text(encoding="utf-8"))
    if out.exists():
        shutil.rmtree(out)
    (out / "authorities").mkdir(parents=True)
    (out / "inspections").mkdir()
    shutil.copy(CONTENT / "vocabulary.yaml", out / "vocabulary.yaml")
    shutil.copy(CONTENT / "about.md", out / "about.md")
    names = _authority_names(rng, authorities)
    codes = rng.sample(range(10**6), authorities)
    slugs = [_slugify(name) for name in names]
    for name, slug, code in zip(names, slugs, codes, strict=True):
        text = (
            f"name: {_quoted(name)}\nname_cy: {_quoted(name)}\ngss_code: W06{code:06d}\n"
            f"website: https://www.{slug}.gov.wales/\n"
        )
        (out / "authorities" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    used: dict[str, set[str]] = {slug: set() for slug in slugs}
    paths = []
    for number in range(entries):
        # Round robin, so every authority has entries and sizes differ by at most one.
        index = number % authorities
        file_name, text = _entry(rng, slugs[index], names[index], used[slugs[index]], vocabulary)
        path = out / "inspections" / file_name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return Corpus(out, authorities, entries, tuple(paths))


def main() -> None:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--authorities", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = write_corpus(args.out, args.entries, args.authorities, args.seed)
    print(f"wrote {corpus.entries} entries over {corpus.authorities} authorities to {args.out}")


if __name__ == "__main__":
    main()
