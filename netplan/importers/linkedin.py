"""LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).

What real exports look like, and what this reads:

- a "Notes:" preamble of varying length (none in older exports) before the header row, which
  is found by its column names, not by its position;
- a UTF-8 byte-order mark, CRLF line ends, quoted fields holding commas and line breaks;
- empty emails (most people hide theirs), blank rows, URLs in any case with or without a
  trailing slash, older exports without the URL column;
- `Connected On` as `12 Mar 2024`: English month names, parsed here, never with the
  locale-dependent `strptime("%b")`;
- a file re-saved by a spreadsheet: semicolon or tab separators, Windows-1252 text, and dates
  such as `12-Mar-24`, `March 12, 2024` or `2024-03-12`.

Columns are mapped by header name: First Name + Last Name → name, URL → handles.linkedin,
Email Address → email, Company → company, Position → role, Connected On → created.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from netplan.importers import (
    ImportFailed,
    Incoming,
    Parsed,
    Problem,
    read_text,
)
from netplan.models import _EMAIL
from netplan.text import single_line

KIND = "LinkedIn"

# Header name (case-folded, spaces collapsed) -> field.
COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
REQUIRED = ("first", "last")
DELIMITERS = (",", ";", "\t")
MAX_RESYNCS = 100  # rows broken by an unclosed quote before giving up on the file's rest

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
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ \-/.]+([A-Za-z]+)\.?[ \-/.,]+(\d{2}|\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?[ \-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-/.]+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_connected_on(text: str) -> date | None:
    """`12 Mar 2024` (and `12-Mar-24`, `March 12, 2024`, `2024-03-12`) → a date; None when
    the text is none of those. Month names are English whatever the locale."""
    value = text.strip()
    try:
        if found := _DAY_MONTH_YEAR.fullmatch(value):
            day, month, year = found.groups()
        elif found := _MONTH_DAY_YEAR.fullmatch(value):
            month, day, year = found.groups()
        elif found := _ISO.fullmatch(value):
            return date(int(found[1]), int(found[2]), int(found[3]))
        else:
            return None
        number = MONTHS.get(month.casefold())
        if number is None:
            return None
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return date(full_year, number, int(day))
    except ValueError:  # 31 Feb
        return None


def _normal(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").casefold().split())


def _header_columns(line: str) -> tuple[str, dict[str, int]] | None:
    """The delimiter and field -> column position when `line` is the header row."""
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            field = COLUMNS.get(_normal(cell))
            if field and field not in columns:
                columns[field] = position
        if all(f in columns for f in REQUIRED):
            return delimiter, columns
    return None


def _find_header(text: str) -> tuple[int, int, str, dict[str, int], int] | None:
    """(offset of the header's line, its line number, delimiter, columns, width) or None.

    Scans physical lines, so a preamble with an unbalanced quote cannot swallow the header.
    """
    offset = 0
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        folded = line.casefold()
        if "first name" in folded and "last name" in folded:
            found = _header_columns(line.rstrip("\r\n"))
            if found:
                delimiter, columns = found
                width = len(next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter)))
                return offset, number, delimiter, columns, width
        offset += len(line)
    return None


def parse_text(text: str, source: str) -> Parsed:
    """Read the text of a Connections.csv; ImportFailed when it has no LinkedIn header row."""
    found = _find_header(text)
    if found is None:
        raise ImportFailed(
            f"{source} is not a LinkedIn connections export: no header row with the columns "
            '"First Name" and "Last Name" (LinkedIn\'s Connections.csv has First Name, '
            "Last Name, URL, Email Address, Company, Position, Connected On)"
        )
    offset, header_line, delimiter, columns, width = found
    parsed = Parsed(source=source, kind=KIND)
    body = text[offset:]
    # Where each physical line starts, counted from the header (line 0), so reading can start
    # again on the line after an unbalanced quote instead of losing the rest of the file.
    starts = [0]
    for line in io.StringIO(body, newline=""):
        starts.append(starts[-1] + len(line))
    index, resyncs = 1, 0
    while index < len(starts) - 1:
        restart = _read_rows(body, starts, index, header_line, delimiter, columns, width, parsed)
        if restart is None:
            break
        index = restart
        resyncs += 1
        if resyncs > MAX_RESYNCS:
            parsed.skipped.append(
                Problem(
                    f"line {header_line + index}",
                    "too many malformed lines; the rest of the file was not read",
                )
            )
            break
    return parsed


def _read_rows(
    body: str,
    starts: list[int],
    index: int,
    header_line: int,
    delimiter: str,
    columns: dict[str, int],
    width: int,
    parsed: Parsed,
) -> int | None:
    """Read rows from the index-th line after the header to the end, into `parsed`.

    Returns None at the end of the file, or the index of the line to read again from when
    a row was broken by a quote that never closes (it swallows the lines after it).
    """
    reader = csv.reader(io.StringIO(body[starts[index] :], newline=""), delimiter=delimiter)
    while True:
        first = index + reader.line_num  # the row's first line, counted from the header
        where = f"line {header_line + first}"
        try:
            row = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            reason = f"not valid CSV ({error})"
            if "field limit" in str(error):
                reason = "a field runs on for over 100,000 characters (a quote that never closes?)"
            parsed.skipped.append(Problem(where, reason))
            return first + 1
        if not any(cell.strip() for cell in row):
            continue  # a blank row
        if len(row) > width and not any(cell.strip() for cell in row[width:]):
            row = row[:width]  # trailing empty cells a spreadsheet added
        if len(row) != width:
            spans_lines = reader.line_num > first - index + 1
            reason = f"has {_fields(len(row))} where the header has {width}"
            if spans_lines:
                parsed.skipped.append(Problem(where, reason + " (a quote that never closes?)"))
                return first + 1
            parsed.skipped.append(Problem(where, reason))
            continue
        record = _record(row, columns, where, parsed)
        if record is not None:
            parsed.records.append(record)


def _fields(n: int) -> str:
    return "1 field" if n == 1 else f"{n} fields"


def _record(row: list[str], columns: dict[str, int], where: str, parsed: Parsed) -> Incoming | None:
    def cell(field: str) -> str:
        position = columns.get(field)
        return single_line(row[position]) if position is not None else ""

    name = " ".join(part for part in (cell("first"), cell("last")) if part)
    if not name:
        parsed.skipped.append(Problem(where, "no first or last name"))
        return None
    record = Incoming(where=where, name=name)
    record.company = cell("company") or None
    record.role = cell("position") or None
    url = cell("url").replace(" ", "")
    if url:
        record.handles["linkedin"] = url
    email = cell("email").replace(" ", "")
    if email:
        if _EMAIL.match(email):
            record.emails.append(email)
        else:
            parsed.notes.append(Problem(where, f'"{email}" is not an email address; left out'))
    connected = cell("connected")
    if connected:
        record.created = parse_connected_on(connected)
        if record.created is None:
            parsed.notes.append(
                Problem(
                    where,
                    f'Connected On "{connected}" is not a date like 12 Mar 2024; '
                    "created is the import day",
                )
            )
    return record


def parse_file(path: Path) -> Parsed:
    """Read a Connections.csv file; ImportFailed when nothing in it can be read."""
    return parse_text(read_text(path), str(path))
