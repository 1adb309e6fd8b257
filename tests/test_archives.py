"""The ZIP of the downloads: pieces compressed on their own make a ZIP any reader opens, and
an edit changes only the pieces around it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sitegen.site.archives import Member, Pieces, Span, deflate, zip_archive

pytestmark = pytest.mark.unit


class Sink:
    def __init__(self) -> None:
        self.data = b""
        self.copies = 0

    def write(self, data: bytes) -> None:
        self.data += data

    def copy(self, source: Path, offset: int, size: int) -> bytes:
        data = source.read_bytes()[offset : offset + size]
        self.data += data
        self.copies += 1
        return data


def rows(count: int, changed: int | None = None) -> list[bytes]:
    """Return rows of CSV-like text, one of them changed if asked."""
    return [
        f"{n},entry {n},{'edited ' if n == changed else ''}{'text of the row ' * 20}\n".encode()
        for n in range(count)
    ]


def member(name: str, lines: list[bytes]) -> tuple[Member, bytes]:
    sink = Sink()
    pieces = Pieces(sink, name)
    for line in lines:
        pieces.write(line)
    return pieces.finish(), sink.data


def written_whole(runs: list[bytes]) -> tuple[Sink, list[int], Member]:
    """Return a file of a header and runs each written whole, where each run starts, and
    its member of the ZIP."""
    fresh = Sink()
    pieces = Pieces(fresh, "entries.csv")
    pieces.write(b"header\n")
    starts = []
    for run in runs:
        starts.append(pieces.position)
        pieces.whole(run)
    return fresh, starts, pieces.finish()


def test_pieces_make_a_zip_that_opens_with_every_file_as_written() -> None:
    made = [member("entries.csv", rows(500)), member("tiny.json", [b"{}\n"]), member("ŷ.txt", [])]
    archive = zipfile.ZipFile(io.BytesIO(zip_archive([m for m, _ in made])))
    assert archive.testzip() is None
    assert archive.namelist() == ["entries.csv", "tiny.json", "ŷ.txt"]
    for found, (_, data) in zip(archive.infolist(), made, strict=True):
        assert archive.read(found) == data
        assert found.date_time == (1980, 1, 1, 0, 0, 0)
    assert len(made[0][0].compressed) > 5, "a long file is cut into pieces"


def test_an_edit_or_a_new_row_changes_only_the_pieces_around_it() -> None:
    before, _ = member("entries.csv", rows(600))
    edited, _ = member("entries.csv", rows(600, changed=300))
    added, _ = member(
        "entries.csv", [*rows(600)[:300], b"new,row,added here\n" * 20, *rows(600)[300:]]
    )
    for after in (edited, added):
        assert len(set(after.compressed) - set(before.compressed)) <= 2
        assert after.compressed[:2] == before.compressed[:2]
        assert after.compressed[-2:] == before.compressed[-2:]


def test_a_piece_copied_from_an_earlier_file_makes_the_zip_a_fresh_one_makes(
    tmp_path: Path,
) -> None:
    runs = [b"".join(rows(40, changed=n)) for n in range(3)]
    fresh, starts, made = written_whole(runs)
    (tmp_path / "earlier.csv").write_bytes(fresh.data)
    (tmp_path / "piece").write_bytes(deflate(runs[1]))
    # Again, the middle run copied from the file written before, with its compressed piece.
    again = Sink()
    pieces = Pieces(again, "entries.csv")
    pieces.write(b"header\n")
    pieces.whole(runs[0])
    pieces.copy(Span(tmp_path / "earlier.csv", starts[1], len(runs[1]), tmp_path / "piece"))
    pieces.whole(runs[2])
    copied = pieces.finish()
    assert again.data == fresh.data
    assert zip_archive([copied]) == zip_archive([made])
    assert zipfile.ZipFile(io.BytesIO(zip_archive([copied]))).read("entries.csv") == fresh.data


def test_pieces_copied_in_any_order_and_mix_make_what_a_fresh_write_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small blocks, so that a span of several pieces is copied in more than one.
    monkeypatch.setattr("sitegen.site.archives.COPY_BLOCK", 1000)
    runs = [b"".join(rows(5 + n % 4, changed=n)) for n in range(12)]
    fresh, starts, made = written_whole(runs)
    earlier, other = tmp_path / "earlier.csv", tmp_path / "other.csv"
    earlier.write_bytes(fresh.data)
    other.write_bytes(b"x" * 7 + fresh.data)
    spans = []
    for number, run in enumerate(runs):
        (tmp_path / f"piece-{number}").write_bytes(deflate(run))
        source, shift = (other, 7) if number == 9 else (earlier, 0)
        spans.append(Span(source, starts[number] + shift, len(run), tmp_path / f"piece-{number}"))
    # Runs 0-3 follow one another in one file; 4 is made again; 5-6 follow; 8 comes from
    # where 7 would (not after 6); 9 from another file; 10-11 follow again.
    again = Sink()
    pieces = Pieces(again, "entries.csv")
    pieces.write(b"header\n")
    found = []
    for number, run in enumerate(runs):
        found.append(pieces.position)
        if number == 4:
            pieces.whole(run)
        elif number == 7:
            pieces.copy(spans[8])
        elif number == 8:
            pieces.copy(spans[7])
        else:
            pieces.copy(spans[number])
    copied = pieces.finish()
    expected = b"".join([b"header\n", *runs[:7], runs[8], runs[7], *runs[9:]])
    assert again.data == expected
    assert found[:8] == starts[:8]
    reordered = zipfile.ZipFile(io.BytesIO(zip_archive([copied])))
    assert reordered.testzip() is None
    assert reordered.read("entries.csv") == expected
    # Spans that follow one another are copied together, a block at a time.
    together = [[0, 1, 2, 3], [5, 6], [8], [7], [9], [10, 11]]
    blocks = [-(-sum(len(runs[n]) for n in group) // 1000) for group in together]
    assert again.copies == sum(blocks)
    # In their order, the copies (one of them from the other file) and a run made again
    # make the fresh file's ZIP, byte for byte.
    inorder = Sink()
    pieces = Pieces(inorder, "entries.csv")
    pieces.write(b"header\n")
    for number, span in enumerate(spans):
        if number == 4:
            pieces.whole(runs[4])
        else:
            pieces.copy(span)
    member = pieces.finish()
    assert inorder.data == fresh.data
    assert zip_archive([member]) == zip_archive([made])
