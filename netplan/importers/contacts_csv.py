"""Google Contacts and Outlook CSV exports (`netplan import csv`), told apart by their header.

- Google (Contacts → Export → Google CSV) has two generations of header row. The older one:
  `Name, Given Name, Additional Name, Family Name, …, Birthday, …, Notes, …, Group Membership,
  E-mail 1 - Type, E-mail 1 - Value, …, Phone 1 - Value, …, Organization 1 - Name,
  Organization 1 - Title, …, Website 1 - Value`; the newer one: `First Name, Middle Name,
  Last Name, …, Organization Name, Organization Title, …, Birthday, Notes, …, Labels,
  E-mail 1 - Label, E-mail 1 - Value, …`. A cell may hold several values joined by ` ::: `;
  labels starting with `*` are Google's own (`* myContacts`, `* starred`) and left out.
  Birthdays are `1990-04-12` or, without a year, `--04-12`.
- Outlook (Import/Export → Comma Separated Values; Outlook.com → Export contacts):
  `First Name, Middle Name, Last Name, Title, Suffix, …, E-mail Address, E-mail 2 Address, …,
  Mobile Phone, …, Company, Job Title, …, Birthday, …, Notes, …, Categories`. `Title` is
  Mr. or Dr., not the job; birthdays are `4/12/1990` (`0/0/00` for none; a file whose days
  run past 12 in front is read day first); categories are separated by `;`; older Outlooks
  write Windows-1252 text (read_text falls back to it).

Mapping: the name (Google's `Name`, else first, middle and last name and suffix), every email
(the first one is kept; all of them match), the first phone, organization → company, title →
role, notes, birthday and anniversary → yearly milestones as the vCard import makes them,
labels/categories → tags, a web page → handles.linkedin when it is a LinkedIn profile, else
handles.web (web2 …).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from netplan.importers import (
    ImportFailed,
    Incoming,
    Parsed,
    Problem,
    add_yearly,
    csv_rows,
    read_text,
)
from netplan.importers.merge import UNKNOWN_YEAR, is_linkedin
from netplan.importers.vcard import parse_vcard_date
from netplan.models import _EMAIL
from netplan.text import multiline, single_line, strip_invisible

GOOGLE = "Google"
OUTLOOK = "Outlook"
DELIMITERS = (",", ";", "\t")
HEADER_WITHIN = 5  # a header row comes first; a few blank lines before it are allowed
MANY = " ::: "  # how Google joins several values in one cell

_NUMBERED = re.compile(r"(e-mail|phone|website|event) (\d+) - (value|type|label)")
_OUTLOOK_EMAIL = re.compile(r"e-mail(?: (\d+))? address")
_NUMERIC_DAY = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
# Outlook's phone columns, the ones a person is reached on first.
OUTLOOK_PHONES = (
    "primary phone",
    "mobile phone",
    "business phone",
    "home phone",
    "other phone",
    "business phone 2",
    "home phone 2",
    "company main phone",
    "car phone",
)
OUTLOOK_WEB = ("web page", "personal web page", "business web page")

Dates = list[tuple[Incoming, str, str]]  # (record, label, text): read at the end of the file
Reader = Callable[[list[str], str, Parsed, Dates], Incoming | None]


def _normal(cell: str) -> str:
    return " ".join(strip_invisible(cell).casefold().split())


def flavour(cells: Sequence[str]) -> str | None:
    """GOOGLE or OUTLOOK when `cells` are the header row of one of their exports, else None."""
    names = {_normal(c) for c in cells}
    if (
        any(_NUMBERED.fullmatch(n) for n in names)
        or "group membership" in names
        or {"given name", "family name"} <= names
        or ("labels" in names and "organization name" in names)
    ):
        return GOOGLE
    # Outlook always writes these; LinkedIn's archive files (First Name, Last Name, Company,
    # Job Title …) do not.
    if {"first name", "last name"} <= names and (
        "e-mail address" in names or {"middle name", "suffix"} <= names
    ):
        return OUTLOOK
    return None


class _Columns:
    """Header name -> position, and the numbered Google columns in their numbers' order."""

    def __init__(self, cells: Sequence[str]) -> None:
        self.at: dict[str, int] = {}
        numbered: list[tuple[str, int, str, int]] = []
        for position, cell in enumerate(cells):
            name = _normal(cell)
            self.at.setdefault(name, position)
            if found := _NUMBERED.fullmatch(name):
                numbered.append((found[1], int(found[2]), found[3], position))
        numbered.sort()
        self.numbered = numbered

    def values(self, what: str) -> list[int]:
        """Positions of Google's `what N - Value` columns, N in order."""
        return [p for kind, _, part, p in self.numbered if kind == what and part == "value"]

    def events(self) -> list[tuple[int, int]]:
        """(type or label position, value position) of Google's Event N columns."""
        kinds = {n: p for k, n, part, p in self.numbered if k == "event" and part != "value"}
        return [
            (kinds[n], p)
            for k, n, part, p in self.numbered
            if k == "event" and part == "value" and n in kinds
        ]


def _find_header(text: str, source: str) -> tuple[int, int, str, list[str], str]:
    """(offset of the header's line, its line number, delimiter, cells, flavour)."""
    offset = 0
    lines = itertools.islice(io.StringIO(text, newline=""), HEADER_WITHIN)
    for number, line in enumerate(lines, start=1):
        if line.strip():
            for delimiter in DELIMITERS:
                cells = _split(line.rstrip("\r\n"), delimiter)
                kind = flavour(cells)
                if kind:
                    return offset, number, delimiter, cells, kind
            break
        offset += len(line)
    hint = ""
    if "connectedon" in re.sub(r"[\W_]+", "", text[:5000].casefold()):
        hint = "; it looks like LinkedIn's Connections.csv: use `netplan import linkedin`"
    raise ImportFailed(
        f"{source} is neither a Google Contacts nor an Outlook CSV export: its first row is "
        'not their header (Google\'s has "E-mail 1 - Value" or "Group Membership"/"Labels", '
        'Outlook\'s "First Name", "Last Name" and "E-mail Address")' + hint
    )


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def parse_text(text: str, source: str) -> Parsed:
    """Read the text of a Google or Outlook CSV export; ImportFailed when it is neither."""
    offset, header_line, delimiter, cells, kind = _find_header(text, source)
    columns = _Columns(cells)
    reader = _google(columns) if kind == GOOGLE else _outlook(columns)
    parsed = Parsed(source=source, kind=f"{kind} CSV")
    dates: Dates = []  # read once the file's day order is known
    rows = csv_rows(text[offset:], header_line, 1, delimiter, len(cells), parsed.skipped)
    for where, row in rows:
        record = reader(row, where, parsed, dates)
        if record is not None:
            parsed.records.append(record)
    _add_dates(dates, parsed)
    return parsed


def parse_file(path: Path) -> Parsed:
    """Read a Google or Outlook CSV file; ImportFailed when nothing in it can be read."""
    return parse_text(read_text(path), str(path))


# --- the two layouts ---------------------------------------------------------------------------


def _google(columns: _Columns) -> Reader:
    at = columns.at
    full = at.get("name")
    parts = _present(
        at, ("given name", "first name"), ("additional name", "middle name"),
        ("family name", "last name"), ("name suffix",),
    )  # fmt: skip
    fallback = _present(at, ("nickname",), ("file as",))
    emails, phones = columns.values("e-mail"), columns.values("phone")
    sites = columns.values("website")
    company = _first_of(at, "organization 1 - name", "organization name")
    role = _first_of(at, "organization 1 - title", "organization title")
    labels = _first_of(at, "labels", "group membership")
    events = columns.events()

    def read(row: list[str], where: str, parsed: Parsed, dates: Dates) -> Incoming | None:
        name = _clean(row[full]) if full is not None else ""
        name = name or _joined(row, parts) or next(filter(None, _cells(row, fallback)), "")
        if not name:
            parsed.skipped.append(Problem(where, "no name"))
            return None
        record = Incoming(where=where, name=name)
        _emails(record, [v for p in emails for v in row[p].split(MANY)], parsed)
        numbers = (_clean(v) for p in phones for v in row[p].split(MANY))
        record.phone = next(filter(None, numbers), None)
        record.company = _cell(row, company) or None
        record.role = _cell(row, role) or None
        _sites(record, [v for p in sites for v in row[p].split(MANY)])
        record.notes = _notes(row, at.get("notes"))
        if labels is not None:
            tags = [t for t in (_clean(v) for v in row[labels].split(MANY)) if t]
            _tags(record, [t for t in tags if not _system_label(t)])
        _date(dates, record, "Birthday", _cell(row, at.get("birthday")))
        for kind_at, value_at in events:
            if _normal(row[kind_at]).lstrip("* ") == "anniversary":
                _date(dates, record, "Anniversary", _clean(row[value_at]))
        return record

    return read


def _outlook(columns: _Columns) -> Reader:
    at = columns.at
    parts = _present(at, ("first name",), ("middle name",), ("last name",), ("suffix",))
    fallback = _present(at, ("display name", "full name", "name"), ("nickname",))
    emails = sorted(
        (int(found[1] or 1), p) for n, p in at.items() if (found := _OUTLOOK_EMAIL.fullmatch(n))
    )
    phones = [at[n] for n in OUTLOOK_PHONES if n in at]
    phones += [
        p for n, p in at.items() if n.endswith("phone") and "assistant" not in n and p not in phones
    ]
    sites = [at[n] for n in OUTLOOK_WEB if n in at]
    company, role, categories = at.get("company"), at.get("job title"), at.get("categories")

    def read(row: list[str], where: str, parsed: Parsed, dates: Dates) -> Incoming | None:
        name = _joined(row, parts) or next(filter(None, _cells(row, fallback)), "")
        if not name:
            parsed.skipped.append(Problem(where, "no name"))
            return None
        record = Incoming(where=where, name=name)
        _emails(record, [row[p] for _, p in emails], parsed)
        record.phone = next(filter(None, (_clean(row[p]) for p in phones)), None)
        record.company = _cell(row, company) or None
        record.role = _cell(row, role) or None
        _sites(record, [row[p] for p in sites])
        record.notes = _notes(row, at.get("notes"))
        if categories is not None:
            _tags(record, [_clean(v) for v in re.split(r"[;,]", row[categories])])
        _date(dates, record, "Birthday", _cell(row, at.get("birthday")))
        _date(dates, record, "Anniversary", _cell(row, at.get("anniversary")))
        return record

    return read


# --- fields --------------------------------------------------------------------------------------


def _clean(value: str) -> str:
    """single_line, skipped for the empty cells most of an export is made of."""
    return single_line(value) if value else ""


def _present(at: dict[str, int], *choices: tuple[str, ...]) -> list[int]:
    """For each tuple of header names, the position of the first one the file has."""
    found = (_first_of(at, *names) for names in choices)
    return [p for p in found if p is not None]


def _first_of(at: dict[str, int], *names: str) -> int | None:
    return next((at[n] for n in names if n in at), None)


def _cell(row: list[str], position: int | None) -> str:
    return _clean(row[position]) if position is not None else ""


def _cells(row: list[str], positions: list[int]) -> list[str]:
    return [_clean(row[p]) for p in positions]


def _joined(row: list[str], positions: list[int]) -> str:
    return " ".join(part for part in _cells(row, positions) if part)


def _notes(row: list[str], position: int | None) -> str | None:
    if position is None or not row[position]:
        return None
    return strip_invisible(multiline(row[position])) or None


def _emails(record: Incoming, values: list[str], parsed: Parsed) -> None:
    for value in values:
        email = _clean(value).replace(" ", "").removeprefix("mailto:")
        if not email:
            continue
        if not _EMAIL.match(email):
            parsed.notes.append(
                Problem(record.where, f'"{email}" is not an email address; left out')
            )
        elif email.casefold() not in {e.casefold() for e in record.emails}:
            record.emails.append(email)


def _sites(record: Incoming, values: list[str]) -> None:
    web = 0
    for value in values:
        url = _clean(value).replace(" ", "")
        if not url:
            continue
        if is_linkedin(url):
            record.handles.setdefault("linkedin", url)
            continue
        web += 1
        record.handles["web" if web == 1 else f"web{web}"] = url


def _system_label(label: str) -> bool:
    """Google's own groups: `* myContacts`, `* starred`, and older `System Group: …`."""
    return label.startswith("*") or label.casefold().startswith("system group:")


def _tags(record: Incoming, tags: list[str]) -> None:
    seen = {t.casefold() for t in record.tags}
    for tag in tags:
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            record.tags.append(tag)


# --- dates ---------------------------------------------------------------------------------------


def _date(dates: Dates, record: Incoming, label: str, raw: str) -> None:
    if raw and not re.fullmatch(r"0+[/.]0+[/.]0+", raw):  # Outlook's 0/0/00: none
        dates.append((record, label, raw))


def _add_dates(dates: Dates, parsed: Parsed) -> None:
    """The yearly milestones of the file. Slashed days (`4/12/1990`) are month first, as
    Outlook in English writes them, unless one of the file's has a day over 12 in front."""
    slashed = [m for _, _, raw in dates if (m := _NUMERIC_DAY.fullmatch(raw)) and m[2] == "/"]
    day_first = any(int(m[1]) > 12 for m in slashed)
    for record, label, raw in dates:
        day = _read_day(raw, day_first)
        if day is None:
            parsed.notes.append(Problem(record.where, f'{label} "{raw}" is not a date; no {label}'))
        else:
            add_yearly(record, label, day)


def _read_day(raw: str, day_first: bool) -> date | None:
    """A birthday or anniversary: vCard's forms (`1990-04-12`, `--04-12`), `4/12/1990`, or
    `12.04.1990` (always day first). A two-digit year is left unknown (1904)."""
    if day := parse_vcard_date(raw):
        return day
    found = _NUMERIC_DAY.fullmatch(raw)
    if not found:
        return None
    a, separator, b, year = found.groups()
    month, day_of_month = (int(b), int(a)) if day_first or separator == "." else (int(a), int(b))
    try:
        return date(UNKNOWN_YEAR if len(year) == 2 else int(year), month, day_of_month)
    except ValueError:
        return None
