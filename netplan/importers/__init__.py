"""Importing contacts: LinkedIn's Connections.csv, vCard files, Google and Outlook CSV exports,
merged into the contact book.

The format modules (`linkedin`, `vcard`, `contacts_csv`) read one input file into `Incoming`
records; `merge` folds those into a ContactBook and says what it did. Only the format modules
read a file, and nothing here writes one: the command line saves the merged book through the
store. `csv_rows` is the CSV reading both CSV formats share.

Imported text is data from elsewhere (a stranger chose their LinkedIn name): every value is
cleaned of control characters and surrounding whitespace before it reaches the store.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netplan.models import Milestone

__all__ = [
    "MONTHS",
    "ImportFailed",
    "Incoming",
    "Parsed",
    "Problem",
    "add_yearly",
    "csv_rows",
    "read_text",
    "unwrap_row",
]

# English month names and their usual abbreviations, as LinkedIn writes them (never the
# locale-dependent strptime("%b")): "Mar", "March", "Sept".
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

MAX_RESYNCS = 100  # rows broken by an unclosed quote before giving up on the file's rest


class ImportFailed(Exception):
    """Nothing could be read from the input file; the message names the file and says why."""


@dataclass(frozen=True)
class Problem:
    """Something about one row or card: `where` is "line 12" or "card 3 (line 20)"."""

    where: str
    reason: str


@dataclass
class Incoming:
    """One contact as read from an input file, cleaned, before it is merged."""

    where: str
    name: str
    company: str | None = None
    role: str | None = None
    emails: list[str] = field(default_factory=list)  # the preferred one first
    phone: str | None = None
    handles: dict[str, str] = field(default_factory=dict)
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    created: date | None = None
    milestones: list[Milestone] = field(default_factory=list)


@dataclass
class Parsed:
    """What a format module read: the records, the rows it skipped, and what it left out."""

    source: str  # the input file, as named to the user
    kind: str  # "LinkedIn" or "vCard"
    records: list[Incoming] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file; ImportFailed, in words, when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise ImportFailed(f"cannot read {path}: {error.strerror or error}") from None


def read_text(path: Path) -> str:
    """The text of an input file: UTF-8 (with or without a byte-order mark), UTF-16 with one,
    else Windows-1252 (what a spreadsheet on Windows saves). ImportFailed when unreadable."""
    data = read_bytes(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(f"{path} starts like UTF-16 text but is not") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ImportFailed(f"{path} is not a text file")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is neither UTF-8 nor Windows-1252 text") from None


# --- milestones ------------------------------------------------------------------------------


def add_yearly(record: Incoming, label: str, day: date) -> None:
    """A yearly milestone ("Birthday", "Anniversary") on `record`, unless it has one of that
    label: a person has one birthday, the first one read wins."""
    if not any(m.label == label for m in record.milestones):
        record.milestones.append(Milestone(label=label, date=day, yearly=True))


# --- CSV rows ------------------------------------------------------------------------------


def csv_rows(
    body: str,
    first_line: int,
    start: int,
    delimiter: str,
    width: int,
    skipped: list[Problem],
    expected: str = "the header has",
) -> Iterator[tuple[str, list[str]]]:
    """The rows of the CSV text `body` from its `start`-th physical line (0-based; the file's
    line `first_line` is body's line 0), each as ("line N", its `width` cells).

    Blank rows are passed over; a row of another width is put in `skipped` with its line. A
    quote that never closes swallows the lines after it: reading starts again on the next line,
    so it costs only its own row (up to MAX_RESYNCS times, then the rest is given up).
    """
    starts = [0]  # where each physical line of body starts
    for line in io.StringIO(body, newline=""):
        starts.append(starts[-1] + len(line))
    index, resyncs = start, 0
    while index < len(starts) - 1:
        restart = yield from _rows_from(
            body, starts, index, first_line, delimiter, width, skipped, expected
        )
        if restart is None:
            return
        index = restart
        resyncs += 1
        if resyncs > MAX_RESYNCS:
            skipped.append(
                Problem(
                    f"line {first_line + index}",
                    "too many malformed lines; the rest of the file was not read",
                )
            )
            return


def _rows_from(
    body: str,
    starts: list[int],
    index: int,
    first_line: int,
    delimiter: str,
    width: int,
    skipped: list[Problem],
    expected: str,
) -> Generator[tuple[str, list[str]], None, int | None]:
    """Rows from the index-th line to the end; returns None there, or the index of the line
    to read again from after a row broken by a quote that never closes."""
    reader = csv.reader(io.StringIO(body[starts[index] :], newline=""), delimiter=delimiter)
    while True:
        first = index + reader.line_num  # the row's first line, counted in body
        where = f"line {first_line + first}"
        try:
            row = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            reason = f"not valid CSV ({error})"
            if "field limit" in str(error):
                reason = "a field runs on for over 100,000 characters (a quote that never closes?)"
            skipped.append(Problem(where, reason))
            return first + 1
        if len(row) == 1 and width > 1 and delimiter in row[0]:
            row = unwrap_row(row[0], delimiter)  # a whole row quoted as one cell
        if not any(cell.strip() for cell in row):
            continue  # a blank row
        if len(row) > width and not any(cell.strip() for cell in row[width:]):
            row = row[:width]  # trailing empty cells a spreadsheet added
        if len(row) != width:
            reason = f"has {_fields(len(row))} where {expected} {width}"
            if reader.line_num > first - index + 1:  # it ran over several lines
                skipped.append(Problem(where, reason + " (a quote that never closes?)"))
                return first + 1
            skipped.append(Problem(where, reason))
            continue
        yield where, row


def unwrap_row(cell: str, delimiter: str) -> list[str]:
    """The cells of a row that a script wrote quoted whole (`"Ann,Bo,,""Acme, Inc."",…"`);
    a space may sit between a delimiter and a quote there."""
    try:
        return next(csv.reader([cell], delimiter=delimiter, skipinitialspace=True), [cell])
    except csv.Error:
        return [cell]


def _fields(n: int) -> str:
    return "1 field" if n == 1 else f"{n} fields"
