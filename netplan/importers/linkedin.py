"""LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).

What real exports look like, and what this reads:

- a "Notes:" preamble of varying length (none in older exports) before the header row, which
  is found by its column names, not by its position; the names also without their spaces
  (`FirstName`, `ConnectedOn`, as a re-typed header has them), in any order, with extra
  columns a script added;
- a UTF-8 byte-order mark, CRLF line ends, quoted fields holding commas and line breaks;
- empty emails (most people hide theirs), blank rows, rows with only a date (members who hide
  their profile: skipped), URLs in any case with or without a trailing slash, older exports
  without the URL column, invisible marks (U+200E …) around a name;
- `Connected On` as `12 Mar 2024`: English month names, parsed here, never with the
  locale-dependent `strptime("%b")`; 2018 exports wrote `1/8/18, 6:14 PM` (M/D/YY, a time);
- a file re-saved by a spreadsheet: semicolon or tab separators, Windows-1252 text, and dates
  such as `12-Mar-24`, `March 12, 2024` or `2024-03-12`;
- a file whose header row was removed: read in LinkedIn's column order when its rows have 6
  fields (no URL) or 7, ending in a date; rows a script wrapped whole in quotes.

Columns are mapped by header name: First Name + Last Name → name, URL → handles.linkedin,
Email Address → email, Company → company, Position → role, Connected On → created.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from datetime import date
from pathlib import Path

from netplan.importers import (
    MAX_RESYNCS as MAX_RESYNCS,  # re-exported: tests read it here
)
from netplan.importers import (
    MONTHS,
    ImportFailed,
    Incoming,
    Parsed,
    Problem,
    csv_rows,
    read_text,
    unwrap_row,
)
from netplan.importers.contacts_csv import flavour
from netplan.models import _EMAIL
from netplan.text import single_line, strip_invisible

KIND = "LinkedIn"

# Header name (case-folded, only letters and digits kept) -> field.
COLUMNS = {
    "firstname": "first",
    "lastname": "last",
    "url": "url",
    "profileurl": "url",
    "emailaddress": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connectedon": "connected",
    # Dutch, as a translated re-save names them
    "voornaam": "first",
    "achternaam": "last",
    "emailadres": "email",
    "bedrijf": "company",
    "functie": "position",
    "verbondenop": "connected",
}
REQUIRED = ("first", "last")
DELIMITERS = (",", ";", "\t")
HEADER_WITHIN = 1000  # lines searched for the header row
# A file without its header row: LinkedIn's column order, told by the number of fields.
HEADERLESS = {
    6: ("first", "last", "email", "company", "position", "connected"),
    7: ("first", "last", "url", "email", "company", "position", "connected"),
}
HEADER_NAMES = {
    "first": "First Name",
    "last": "Last Name",
    "url": "URL",
    "email": "Email Address",
    "company": "Company",
    "position": "Position",
    "connected": "Connected On",
}
SAMPLE_ROWS = 30  # rows looked at to tell a headerless file's columns

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ \-/.]+([A-Za-z]+)\.?[ \-/.,]+(\d{2}|\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?[ \-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-/.]+(\d{4})")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_SLASHES = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
# A time after the date: `, 6:14 PM`, ` 18:14:05`, `T18:14Z`.
_TIME = re.compile(
    r"(?:,\s*|\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_NOT_ALNUM = re.compile(r"[\W_]+")


def parse_connected_on(text: str) -> date | None:
    """`12 Mar 2024` (and `12-Mar-24`, `March 12, 2024`, `2024-03-12`, the 2018 exports'
    `1/8/18, 6:14 PM`) → a date, any time after it left out; None when the text is none of
    those. Month names are English whatever the locale. Slashes with a two-digit year are
    LinkedIn's M/D/YY; with four digits only a day over 12 tells which is the month."""
    value = strip_invisible(text.strip())
    if ":" in value:
        value = _TIME.sub("", value, count=1).strip()
    try:
        if found := _DAY_MONTH_YEAR.fullmatch(value):
            day, month, year = found.groups()
        elif found := _MONTH_DAY_YEAR.fullmatch(value):
            month, day, year = found.groups()
        elif found := _ISO.fullmatch(value):
            return date(int(found[1]), int(found[2]), int(found[3]))
        elif found := _SLASHES.fullmatch(value):
            return _slashed(*found.groups())
        else:
            return None
        number = MONTHS.get(month.casefold())
        if number is None:
            return None
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return date(full_year, number, int(day))
    except ValueError:  # 31 Feb
        return None


def _slashed(first: str, second: str, year: str) -> date | None:
    a, b = int(first), int(second)
    if len(year) == 2:  # LinkedIn wrote M/D/YY; nobody connected before 2000
        return date(2000 + int(year), a, b)
    if a > 12 >= b:
        return date(int(year), b, a)
    if b > 12 >= a:
        return date(int(year), a, b)
    return None  # 12/03/2024: March or December?


def _normal(cell: str) -> str:
    return _NOT_ALNUM.sub("", strip_invisible(cell).casefold())


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _header_columns(line: str) -> tuple[str, dict[str, int], int] | None:
    """The delimiter, field -> column position and width when `line` is the header row."""
    for delimiter in DELIMITERS:
        cells = _cells(line, delimiter)
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            field = COLUMNS.get(_normal(cell))
            if field and field not in columns:
                columns[field] = position
        if all(f in columns for f in REQUIRED):
            return delimiter, columns, len(cells)
    return None


def _find_header(text: str, source: str) -> tuple[int, int, str, dict[str, int], int] | None:
    """(offset of the header's line, its line number, delimiter, columns, width) or None.

    Scans physical lines, so a preamble with an unbalanced quote cannot swallow the header.
    """
    offset = 0
    lines = io.StringIO(text, newline="")
    for number, line in enumerate(itertools.islice(lines, HEADER_WITHIN), start=1):
        folded = _NOT_ALNUM.sub("", line.casefold())
        if ("firstname" in folded and "lastname" in folded) or "voornaam" in folded:
            found = _header_columns(line.rstrip("\r\n"))
            if found:
                delimiter, columns, width = found
                if flavour(_cells(line.rstrip("\r\n"), delimiter)):
                    raise _not_linkedin(line, source)
                return offset, number, delimiter, columns, width
        offset += len(line)
    return None


def _headerless(text: str) -> tuple[str, dict[str, int], int] | None:
    """Delimiter, columns and width of a file without a header row whose rows look like
    LinkedIn's: 6 or 7 fields ending in a Connected On date, an email or URL where LinkedIn
    puts them. None when they do not."""
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[list[str]] = []
        try:
            for row in reader:
                if len(row) == 1 and delimiter in row[0]:
                    row = unwrap_row(row[0], delimiter)
                if any(cell.strip() for cell in row):
                    rows.append(row)
                if len(rows) >= SAMPLE_ROWS:
                    break
        except csv.Error:
            continue
        if not rows:
            continue
        width, count = Counter(len(row) for row in rows).most_common(1)[0]
        if width not in HEADERLESS or count < 0.8 * len(rows):
            continue
        layout = HEADERLESS[width]
        sample = [row for row in rows if len(row) == width]
        dated = sum(parse_connected_on(row[-1]) is not None for row in sample)
        named = sum(bool(row[0].strip() or row[1].strip()) for row in sample)
        email = [row[layout.index("email")].strip() for row in sample]
        urls = [row[2].strip() for row in sample] if "url" in layout else []
        if (
            dated >= 0.8 * len(sample)
            and named
            and all("@" in e or e.startswith("urn:li:") for e in email if e)
            and all("linkedin." in u.casefold() for u in urls if u)
        ):
            return delimiter, {field: n for n, field in enumerate(layout)}, width
    return None


def parse_text(text: str, source: str) -> Parsed:
    """Read the text of a Connections.csv; ImportFailed when it has no LinkedIn header row
    and its rows are not LinkedIn's either."""
    parsed = Parsed(source=source, kind=KIND)
    found = _find_header(text, source)
    if found is not None:
        offset, first_line, delimiter, columns, width = found
        rows = csv_rows(text[offset:], first_line, 1, delimiter, width, parsed.skipped)
    else:
        guessed = _headerless(text)
        if guessed is None:
            raise _not_linkedin(text, source)
        delimiter, columns, width = guessed
        names = ", ".join(HEADER_NAMES[f] for f in sorted(columns, key=columns.__getitem__))
        parsed.notes.append(Problem("line 1", f"no header row; the columns were read as {names}"))
        rows = csv_rows(
            text, 1, 0, delimiter, width, parsed.skipped, expected="the other rows have"
        )
    for where, row in rows:
        record = _record(row, columns, where, parsed)
        if record is not None:
            parsed.records.append(record)
    return parsed


def _not_linkedin(text: str, source: str) -> ImportFailed:
    first = next((line for line in io.StringIO(text[:10_000]) if line.strip()), "")
    other = flavour(_cells(first.rstrip("\r\n"), ","))
    if other:
        return ImportFailed(
            f"{source} is a {other} contacts export, not a LinkedIn one: "
            "import it with `netplan import csv`"
        )
    return ImportFailed(
        f"{source} is not a LinkedIn connections export: no header row with the columns "
        '"First Name" and "Last Name" (LinkedIn\'s Connections.csv has First Name, Last Name, '
        "URL, Email Address, Company, Position, Connected On), and its rows are not LinkedIn's "
        "either"
    )


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
