"""The records the archive reader returns: neutral, cleaned, store-free.

`Person.url_key` is the one way a LinkedIn profile URL becomes a key (format reference §3):
the text after `/in/`, without query, fragment or trailing `/`, percent-decoded, NFC,
case-folded. Connections (percent-encoded slugs) and messages (raw Unicode) agree only then.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import unquote

from netplan.importers import Parsed, Problem
from netplan.text import single_line

__all__ = [
    "Archive",
    "FileReport",
    "Given",
    "Item",
    "Message",
    "Person",
    "first_line",
    "person",
    "url_key",
]

TEXT_MAX = 200
_IN = re.compile(r"/in/([^?#]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    """Someone other than the owner (or the owner, as `Archive.owner`)."""

    name: str
    url_key: str | None


@dataclass(frozen=True)
class Item:
    """One piece of activity: comment, reaction, share, article, invitation, event,
    endorsement-received, recommendation-received."""

    kind: str
    on: date
    key: str
    url: str | None
    text: str | None
    person: Person | None
    file: str
    where: str


@dataclass(frozen=True)
class Message:
    """One message row kept (no body: privacy and memory)."""

    conversation: str
    at: datetime
    from_me: bool
    others: tuple[Person, ...]
    title: str | None
    file: str
    where: str


@dataclass(frozen=True)
class Given:
    """An endorsement (grouped per person and UTC day) or a recommendation the owner gave."""

    kind: str
    on: date
    person: Person
    text: str | None
    company: str | None
    key: str
    file: str
    where: str


@dataclass
class FileReport:
    """What became of one file of an input: used or ignored, rows read and skipped."""

    file: str
    archive: str
    used: bool
    read: int = 0
    skipped: list[Problem] = field(default_factory=list)
    layout: str | None = None


@dataclass
class Archive:
    """Everything read from the inputs of one `read_archive` call."""

    sources: list[str]
    owner: Person | None
    connections: Parsed | None
    items: list[Item]
    messages: list[Message]
    given: list[Given]
    files: list[FileReport]
    notes: list[str]


def url_key(url: str | None) -> str | None:
    """The profile key of a LinkedIn URL (`https://www.linkedin.com/in/Bo%C5%BEi%C4%87/` →
    `božić`); None for an empty value or one without `/in/` (`urn:li:member:…`)."""
    return _url_key(url) if url else None


@lru_cache(maxsize=1 << 16)
def _url_key(url: str) -> str | None:
    found = _IN.search(url)
    if not found:
        return None
    slug = found[1].strip().strip("/").split("/", 1)[0]
    slug = unquote(slug) if "%" in slug else slug
    if not slug.isascii():
        slug = unicodedata.normalize("NFC", slug)
    return slug.casefold() or None


def person(name: str, url: str | None = None) -> Person:
    """A Person from a display name and an optional profile URL, cleaned."""
    return Person(single_line(name), url_key(url))


def first_line(text: str | None) -> str | None:
    """The first non-empty line of `text`, single-line clean, at most TEXT_MAX characters."""
    if not text:
        return None
    for line in text.splitlines():
        cleaned = single_line(line)
        if cleaned:
            return cleaned if len(cleaned) <= TEXT_MAX else cleaned[: TEXT_MAX - 1] + "…"
    return None
