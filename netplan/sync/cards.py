"""The vCard 4.0 writer (RFC 6350): one contact, one card, the same bytes for the same input.

Text is escaped (backslash, comma, semicolon, line breaks), lines are folded at 75 octets
(never inside a UTF-8 character) and end in CRLF. Standard properties carry what every
address book shows; the rest of the contact travels in X-NETPLAN-* properties. Lines of a
card on the other side that netplan does not manage (PHOTO, ADR, NICKNAME …) are passed in
as `kept` and written back unchanged, so rewriting a card a phone made loses none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netplan import __version__
from netplan.importers.merge import UNKNOWN_YEAR
from netplan.text import for_file, single_line

PRODID = f"-//netplan//netplan {__version__}//EN"
FOLD = 75
# The properties netplan writes itself: a card's own lines of these are replaced, not kept.
MANAGED = frozenset(
    {
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "UID",
        "FN",
        "N",
        "EMAIL",
        "TEL",
        "ORG",
        "TITLE",
        "URL",
        "NOTE",
        "CATEGORIES",
        "BDAY",
        "ANNIVERSARY",
        "REV",
    }
)
NETPLAN_PREFIX = "X-NETPLAN-"


def escape(text: str) -> str:
    """A TEXT value escaped per RFC 6350 3.4."""
    text = for_file(text)
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: bytes) -> bytes:
    """One content line folded at 75 octets, CRLF after each piece (RFC 6350 3.2)."""
    pieces: list[bytes] = []
    width = FOLD
    while len(line) > width:
        cut = width
        while cut > 1 and (line[cut] & 0xC0) == 0x80:  # inside a UTF-8 character
            cut -= 1
        pieces.append(line[:cut])
        line = line[cut:]
        width = FOLD - 1  # the space that starts a continuation counts
    pieces.append(line)
    return b"\r\n ".join(pieces) + b"\r\n"


def _day(value: str) -> str:
    """A vCard date: YYYYMMDD, or --MMDD when the year is unknown (kept as 1904)."""
    year, month, day = value.split("-")
    return f"--{month}{day}" if int(year) == UNKNOWN_YEAR else f"{year}{month}{day}"


def _n(name: str) -> str:
    words = single_line(name).split(" ")
    family = words[-1] if len(words) > 1 else name
    given = " ".join(words[:-1]) if len(words) > 1 else ""
    return f"{escape(family)};{escape(given)};;;"


def render_card(
    uid: str,
    fields: dict[str, Any],
    kept: Sequence[bytes] = (),
    ident: str | None = None,
) -> bytes:
    """The card of these fields (card_fields.fields_of); `ident`: the contact id for
    X-NETPLAN-ID; `kept`: unfolded lines of the card's own to write back as they are."""
    lines: list[str | bytes] = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}", f"UID:{uid}"]
    lines.append(f"FN:{escape(fields['name'])}")
    lines.append(f"N:{_n(fields['name'])}")
    if fields.get("email"):
        lines.append(f"EMAIL:{escape(fields['email'])}")
    if fields.get("phone"):
        lines.append(f"TEL;VALUE=text:{escape(fields['phone'])}")
    if fields.get("company"):
        lines.append(f"ORG:{escape(fields['company'])}")
    if fields.get("role"):
        lines.append(f"TITLE:{escape(fields['role'])}")
    if fields.get("linkedin"):
        lines.append(f"URL;TYPE=linkedin:{escape(fields['linkedin'])}")
    for url in fields.get("web") or ():
        lines.append(f"URL:{escape(url)}")
    if fields.get("notes"):
        lines.append(f"NOTE:{escape(fields['notes'])}")
    if fields.get("tags"):
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in fields["tags"]))
    if fields.get("birthday"):
        lines.append(f"BDAY:{_day(fields['birthday'])}")
    if fields.get("anniversary"):
        lines.append(f"ANNIVERSARY:{_day(fields['anniversary'])}")
    if ident is not None:
        lines += _netplan_lines(ident, fields)
    lines += list(kept)
    lines.append("END:VCARD")
    return b"".join(fold(x if isinstance(x, bytes) else x.encode("utf-8")) for x in lines)


def _netplan_lines(ident: str, fields: dict[str, Any]) -> list[str]:
    p = NETPLAN_PREFIX
    lines = [f"{p}ID:{ident}", f"{p}KIND:{fields.get('kind') or 'networking'}"]
    for name, prop in (
        ("cadence_days", "CADENCE"),
        ("circle", "CIRCLE"),
        ("follow_up", "FOLLOW-UP"),
        ("created", "CREATED"),
        ("reviewed", "REVIEWED"),
    ):
        if fields.get(name) is not None:
            lines.append(f"{p}{prop}:{fields[name]}")
    if fields.get("met_at"):
        lines.append(f"{p}MET-AT:{escape(fields['met_at'])}")
    for topic in fields.get("topics") or ():
        lines.append(f"{p}TOPIC:{escape(topic)}")
    for key, value in (fields.get("handles") or {}).items():
        lines.append(f"{p}HANDLE:{escape(key)};{escape(value)}")
    for label, day, yearly in fields.get("milestones") or ():
        every = "yearly" if yearly else "once"
        lines.append(f"{p}MILESTONE:{day};{every};{escape(label)}")
    return lines
