"""The ZIP of every download, made of pieces each compressed on its own, so that a piece that
is the same as in the last build need not be compressed again.

Each file is cut into pieces by its content alone: after any write of 256 bytes or more (a
row of JSON or CSV) whose CRC-32 ends in five zero bits, so about every 32 rows. An edit to
one entry changes the piece it is in, not the pieces after it, even when rows are added
or removed. Each piece is compressed with raw DEFLATE and a full flush, which ends it on a
byte with no reference to what came before; a file's pieces one after another, and one
final empty block, are one valid DEFLATE stream, as any ZIP reader expects.

A file may also be given its pieces whole (the entries' downloads, a run of entries at a
time: downloads.py), and a piece may be a span of a file an earlier build wrote, copied
with its compressed bytes as they were, so neither is made again.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

LEVEL = 6
# What cuts a file: a write at least this long whose CRC-32 has these bits all zero.
CUT_AFTER = 256
CUT_MASK = 0b11111
# The most bytes Pieces holds at once of what it copies.
COPY_BLOCK = 1 << 22
# The final, empty block that ends a DEFLATE stream.
FINAL_BLOCK = b"\x03\x00"
# 1 January 1980 at midnight, as a ZIP file's time and date: the same bytes every build.
DOS_TIME, DOS_DATE = 0, (1 << 5) | 1
FILE_ATTRIBUTES = 0o644 << 16
# Version 2.0 (DEFLATE), made on Unix (3).
VERSION_NEEDED, VERSION_MADE_BY = 20, (3 << 8) | 20
# Beyond these a ZIP needs ZIP64 records, which the record's downloads are far from.
LIMIT = 0xFFFFFFFF

Compress = Callable[[bytes], bytes]


class Writer(Protocol):
    """Where a download's bytes go as they are written."""

    def write(self, data: bytes) -> None: ...

    def copy(self, source: Path, offset: int, size: int) -> bytes:
        """Write the bytes of another file at offset; return them."""
        ...


@dataclass(frozen=True)
class Span:
    """A piece of a file an earlier build wrote, to be copied rather than made again: the
    file, where the piece starts in it and how long it is, and the file of the piece as
    compressed."""

    source: Path
    offset: int
    size: int
    compressed: Path

    def follows(self, before: Span) -> bool:
        """Whether this span begins in the same file where `before` ends."""
        return self.source == before.source and self.offset == before.offset + before.size


def deflate(piece: bytes) -> bytes:
    """Return a piece as raw DEFLATE, ending on a byte boundary with nothing held back."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)


@dataclass
class Member:
    """One file of the ZIP: its name, its CRC-32 and size, and its compressed pieces."""

    name: str
    crc: int = 0
    size: int = 0
    compressed: list[bytes] = field(default_factory=list)

    @property
    def compressed_size(self) -> int:
        return sum(map(len, self.compressed)) + len(FINAL_BLOCK)


class Pieces:
    """A writer that passes what is written on a piece at a time, and compresses each piece
    (with `compress`, which may reuse an earlier build's result), holding one piece at a
    time. Pieces copied from an earlier build's file wait until what comes next, so that
    those one after another in one file are copied at once: a copy costs a system call or
    two, and a large download has thousands of pieces."""

    def __init__(self, out: Writer, name: str, compress: Compress = deflate) -> None:
        self.out = out
        self.member = Member(name)
        self.compress = compress
        self.piece: list[bytes] = []
        # Copied pieces not yet written, each following the one before in one file.
        self.waiting: list[Span] = []

    def write(self, data: bytes) -> None:
        self._copy_waiting()
        self.piece.append(data)
        if len(data) >= CUT_AFTER and zlib.crc32(data) & CUT_MASK == 0:
            self.cut()

    @property
    def position(self) -> int:
        """Return how many bytes of the file have been written so far."""
        return self.member.size + sum(map(len, self.piece)) + self._waiting_size

    def whole(self, piece: bytes, compressed: bytes | None = None) -> None:
        """Write a piece of its own, cut from what comes before and after it; `compressed`
        is the piece as deflate() compresses it, if that is known already."""
        self.cut()
        self.piece.append(piece)
        self.cut(compressed)

    def copy(self, span: Span) -> None:
        """Write a piece that an earlier build made, as it made it."""
        if self.piece:
            self.cut()
        elif self.waiting and not span.follows(self.waiting[-1]):
            self._copy_waiting()
        self.waiting.append(span)

    def cut(self, compressed: bytes | None = None) -> None:
        """End the piece being written: pass it on, and compress it (unless given it
        compressed)."""
        self._copy_waiting()
        if self.piece:
            # Passed on whole rather than a row at a time: a download has a row for every
            # entry, and each write costs its own call of the writer's.
            piece = b"".join(self.piece)
            self.out.write(piece)
            self.member.crc = zlib.crc32(piece, self.member.crc)
            self.member.size += len(piece)
            self.member.compressed.append(
                self.compress(piece) if compressed is None else compressed
            )
            self.piece = []

    @property
    def _waiting_size(self) -> int:
        if not self.waiting:
            return 0
        return self.waiting[-1].offset + self.waiting[-1].size - self.waiting[0].offset

    def _copy_waiting(self) -> None:
        """Copy the pieces waiting, one span of one file, a block of at most COPY_BLOCK
        bytes at a time."""
        if not self.waiting:
            return
        first = self.waiting[0]
        offset, end = first.offset, first.offset + self._waiting_size
        while offset < end:
            data = self.out.copy(first.source, offset, min(COPY_BLOCK, end - offset))
            if not data:
                raise OSError(f"{first.source} holds fewer than {end} bytes")
            self.member.crc = zlib.crc32(data, self.member.crc)
            self.member.size += len(data)
            offset += len(data)
        self.member.compressed += [span.compressed.read_bytes() for span in self.waiting]
        self.waiting = []

    def finish(self) -> Member:
        self.cut()
        return self.member


def zip_archive(members: Sequence[Member]) -> bytes:
    """Return a ZIP archive of the members, in their order: the same bytes for the same
    files, whatever build compressed their pieces."""
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        # Bit 11 says the name is UTF-8, as Python's zipfile sets it for a name beyond ASCII.
        flags = 0 if name.isascii() else 0x800
        sizes = (member.crc, member.compressed_size, member.size)
        if max(*sizes[1:], offset) >= LIMIT:
            raise ValueError(f"{member.name} is too large for a ZIP without ZIP64 records")
        common = struct.pack(
            "<HHHHHIII", VERSION_NEEDED, flags, zlib.DEFLATED, DOS_TIME, DOS_DATE, *sizes
        )
        header = b"PK\x03\x04" + common + struct.pack("<HH", len(name), 0) + name
        directory.append(
            b"PK\x01\x02"
            + struct.pack("<H", VERSION_MADE_BY)
            + common
            + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, FILE_ATTRIBUTES, offset)
            + name
        )
        parts += [header, *member.compressed, FINAL_BLOCK]
        offset += len(header) + member.compressed_size
    listing = b"".join(directory)
    if offset >= LIMIT or len(members) > 0xFFFF:
        raise ValueError("the downloads are too large for a ZIP without ZIP64 records")
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(members), len(members), len(listing), offset, 0
    )
    return b"".join([*parts, listing, end])
