"""Importing contacts: LinkedIn's Connections.csv and vCard files, merged into the contact book.

The format modules (`linkedin`, `vcard`) read one input file into `Incoming` records; `merge`
folds those into a ContactBook and says what it did. Only the format modules read a file, and
nothing here writes one: the command line saves the merged book through the store.

Imported text is data from elsewhere (a stranger chose their LinkedIn name): every value is
cleaned of control characters and surrounding whitespace before it reaches the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netplan.models import Milestone

__all__ = [
    "ImportFailed",
    "Incoming",
    "Parsed",
    "Problem",
    "read_text",
]


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


def read_text(path: Path) -> str:
    """The text of an input file: UTF-8 (with or without a byte-order mark), UTF-16 with one,
    else Windows-1252 (what a spreadsheet on Windows saves). ImportFailed when unreadable."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise ImportFailed(f"cannot read {path}: {error.strerror or error}") from None
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
