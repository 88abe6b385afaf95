"""The date formats of the archive (format reference §2), parsed without the locale.

LinkedIn writes UTC in the activity, message and endorsement files; the other files state no
zone and are read as written. Every function returns a naive datetime, or None when the text
is not one of the formats.
"""

from __future__ import annotations

import re
from datetime import datetime

from netplan.importers import MONTHS

__all__ = ["MONTHS", "parse_event_start", "parse_stamp", "parse_us", "parse_when"]


# `2024-06-18 11:59:53 UTC`, `2021-06-16 03:28:40`, `2019-11-06T02:08:20`,
# `2017/06/08 08:15:44 UTC`, `2021-12-20 18:09 UTC`
_STAMP = re.compile(
    r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"\s*(?:UTC|GMT|Z)?\s*"
)
# `10/16/18, 8:36 AM`, `12/24/23, 05:28 AM`, `11/26/24 01:32 PM UTC`
_US = re.compile(
    r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
    r"\s*(?:UTC|GMT)?\s*"
)
# `Sep 11, 2021 12:00 AM` (the start of an Events.csv range), `Feb 17, 1998`
_MONTH_FIRST = re.compile(
    r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
# `Tue Jun 20 12:25:51 UTC 2023` (Java Date.toString)
_JAVA = re.compile(
    r"\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+\w+\s+(\d{4})\s*"
)


def _hour(hour: str | None, half: str | None) -> int:
    value = int(hour or 0)
    if half:
        pm = half[0] in "pP"
        if value == 12:
            value = 12 if pm else 0
        elif pm:
            value += 12
    return value


def parse_stamp(text: str) -> datetime | None:
    """`YYYY-MM-DD HH:MM:SS` (with `UTC`, a `T`, slashes, or no time) → datetime."""
    if len(text) >= 19 and text[4] == "-" and text[10] in " T":
        try:
            return datetime(
                int(text[0:4]),
                int(text[5:7]),
                int(text[8:10]),
                int(text[11:13]),
                int(text[14:16]),
                int(text[17:19]),
            )
        except ValueError:
            pass
    found = _STAMP.fullmatch(text)
    if not found:
        return None
    y, mo, d, h, mi, s = found.groups()
    try:
        return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None


def parse_us(text: str) -> datetime | None:
    """`M/D/YY, h:mm AM` (padded or not, an optional `UTC`) → datetime."""
    found = _US.fullmatch(text)
    if not found:
        return None
    mo, d, y, h, mi, s, half = found.groups()
    year = int(y) + 2000 if len(y) == 2 else int(y)
    try:
        return datetime(year, int(mo), int(d), _hour(h, half), int(mi or 0), int(s or 0))
    except ValueError:
        return None


def parse_event_start(text: str) -> datetime | None:
    """The start of `Sep 11, 2021 12:00 AM - Sep 13, 2021 12:00 AM` (or any `Mon D, YYYY`)."""
    found = _MONTH_FIRST.match(text)
    if not found:
        return None
    name, d, y, h, mi, s, half = found.groups()
    month = MONTHS.get(name.casefold())
    if month is None:
        return None
    try:
        return datetime(int(y), month, int(d), _hour(h, half), int(mi or 0), int(s or 0))
    except ValueError:
        return None


def parse_when(text: str) -> datetime | None:
    """Any date format of the archive (the ones above and Java's), or None."""
    if not text:
        return None
    value = text.strip()
    for parse in (parse_stamp, parse_us, parse_event_start):
        found = parse(value)
        if found is not None:
            return found
    java = _JAVA.fullmatch(value)
    if java:
        month = MONTHS.get(java[1].casefold())
        if month:
            try:
                return datetime(
                    int(java[6]), month, int(java[2]), int(java[3]), int(java[4]), int(java[5])
                )
            except ValueError:
                return None
    return None
