"""The bytes of one archive file as text, and its CSV rows mapped by header name.

Decoding (format reference §2): UTF-8 with or without a byte-order mark, UTF-16LE/BE with
one (the legacy tab-separated files), else Windows-1252 (noted). Rows come from the csv
module, one pass; columns are found by header name (case-folded, spaces, underscores and
quotes left out), never by position.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from netplan.importers import Problem

__all__ = ["Table", "decode", "header_key", "table"]

FIELD_LIMIT = 16 << 20  # characters in one cell (the csv module's default is 128 KiB)
MAX_RESYNCS = 100  # malformed rows before the rest of a file is given up

_NOT_KEY = re.compile(r"[\s_\"'\ufeff]+")


def decode(data: bytes) -> tuple[str, str | None]:
    """(text, a note on how it was read or None)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "UTF-16 with broken characters"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "read as Windows-1252 (not UTF-8)"


def header_key(cell: str) -> str:
    """`" Sender Profile URL"` → `senderprofileurl`."""
    return _NOT_KEY.sub("", cell).casefold()


@dataclass
class Table:
    """A CSV file's header (key → column) and its data rows as (line number, cells)."""

    columns: dict[str, int]
    header: str  # the header line as found, for messages
    rows: Iterator[tuple[int, list[str]]]

    def has(self, *keys: str) -> bool:
        return all(k in self.columns for k in keys)

    def missing(self, what: str) -> str:
        shown = self.header if len(self.header) <= 160 else self.header[:159] + "…"
        return f"no {what} columns; header: {shown}"


def _from_line(text: str, index: int) -> str:
    """`text` from its index-th physical line (0-based) on."""
    offset = 0
    for number, line in enumerate(io.StringIO(text, newline="")):
        if number == index:
            return text[offset:]
        offset += len(line)
    return ""


def _delimiter(line: str) -> str:
    return "\t" if line.count("\t") > line.count(",") else ","


def table(text: str, skipped: list[Problem]) -> Table:
    """The header (the first non-blank line) and a lazy iterator over the rows after it.

    A row the csv module cannot read ends the file, with the reason in `skipped`.
    """
    start = 0
    line_no = 1
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        end = length if end < 0 else end + 1
        if text[start:end].strip():
            break
        start = end
        line_no += 1
    end = text.find("\n", start)
    header_line = text[start : (length if end < 0 else end)].rstrip("\r\n")
    delimiter = _delimiter(header_line)
    reader = csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error:
        header = []
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = header_key(cell)
        if key and key not in columns:
            columns[key] = position
    offset = line_no - 1
    body = text[start:]

    def rows() -> Iterator[tuple[int, list[str]]]:
        current, base, last, resyncs = reader, offset, reader.line_num, 0
        limit = csv.field_size_limit(FIELD_LIMIT)
        try:
            while True:
                try:
                    row = next(current)
                except StopIteration:
                    return
                except csv.Error as error:
                    bad = base + last + 1
                    resyncs += 1
                    if resyncs > MAX_RESYNCS:
                        skipped.append(
                            Problem(f"line {bad}", "too many malformed rows; the rest was not read")
                        )
                        return
                    skipped.append(Problem(f"line {bad}", f"not valid CSV ({error})"))
                    # read again from the line after the one the broken row started on
                    current = csv.reader(
                        io.StringIO(_from_line(body, bad - offset), newline=""),
                        delimiter=delimiter,
                    )
                    base, last = bad, 0
                    continue
                first = base + last + 1
                last = current.line_num
                if row and (len(row) > 1 or row[0].strip()):
                    yield first, row
        finally:
            csv.field_size_limit(limit)

    return Table(columns, header_line.strip(), rows())
