"""The benchmark's synthetic corpus stays valid against the record format, and repeatable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from sitegen import pipeline

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus

pytestmark = pytest.mark.unit


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_corpus_is_valid_and_the_same_for_the_same_seed(tmp_path: Path) -> None:
    write_corpus(tmp_path / "one", entries=60, authorities=6, seed=3)
    write_corpus(tmp_path / "two", entries=60, authorities=6, seed=3)
    archive = pipeline.validate(tmp_path / "one", TODAY)
    assert (len(archive.timelines), len(archive.entries)) == (6, 60)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    write_corpus(tmp_path / "other", entries=60, authorities=6, seed=4)
    assert _files(tmp_path / "one") != _files(tmp_path / "other")
