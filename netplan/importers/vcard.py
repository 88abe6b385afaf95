"""vCard files (3.0 and 4.0; 2.1 as far as `vobject` reads it), one or many cards per file.

Each card is parsed on its own with `vobject`, so a malformed card is skipped and reported
(its number and line) while the others are imported. Mapping:

FN (else N) → name, EMAIL → email (the preferred one; every one is used to match), TEL →
phone, ORG → company, TITLE → role, URL → handles.linkedin for LinkedIn profiles, else
handles.web (web2, web3 … for more), X-SOCIALPROFILE with a LinkedIn URL → handles.linkedin,
NOTE → notes, CATEGORIES → tags, BDAY → a yearly "Birthday" milestone, ANNIVERSARY (and the
older X-ANNIVERSARY) → a yearly "Anniversary". A date without a year (`--0412`, `--04-12`, or
Apple's `X-APPLE-OMIT-YEAR`) is kept in 1904, a leap year, so Feb 29 stays a date.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from netplan.importers import (
    ImportFailed,
    Incoming,
    Parsed,
    Problem,
    read_text,
)
from netplan.importers.merge import UNKNOWN_YEAR, is_linkedin
from netplan.models import _EMAIL, Milestone
from netplan.text import multiline, single_line

KIND = "vCard"

_LINE = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_VOBJECT_LINE = re.compile(r"^At line \d+: ")


def parse_vcard_date(value: str, omit_year: str | None = None) -> date | None:
    """A BDAY/ANNIVERSARY value as a date; a missing year becomes 1904. None when unreadable.

    Accepts `1990-04-12`, `19900412`, either with a time after `T`, `--0412` and `--04-12`.
    `omit_year` is Apple's X-APPLE-OMIT-YEAR: that year stands for "unknown".
    """
    text = value.strip().split("T", 1)[0]
    try:
        if found := _NO_YEAR.fullmatch(text):
            return date(UNKNOWN_YEAR, int(found[1]), int(found[2]))
        if found := _FULL_DATE.fullmatch(text):
            year = int(found[1])
            if omit_year and omit_year.strip() == found[1]:
                year = UNKNOWN_YEAR
            return date(year, int(found[2]), int(found[3]))
    except ValueError:
        return None
    return None


def split_cards(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The cards of a file as (first line number, text), and the broken ones as
    (first line number, reason): a BEGIN:VCARD without its END:VCARD."""
    cards: list[tuple[int, str]] = []
    broken: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(_LINE.split(text), start=1):
        if _BEGIN.match(line):
            if start is not None:
                broken.append((start, "no END:VCARD before the next BEGIN:VCARD"))
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if _END.match(line):
                cards.append((start, "\r\n".join(lines) + "\r\n"))
                start, lines = None, []
    if start is not None:
        broken.append((start, "no END:VCARD at the end of the file"))
    return cards, broken


def parse_text(text: str, source: str) -> Parsed:
    """Read the text of a .vcf file; ImportFailed when it holds no vCard at all."""
    cards, broken = split_cards(text)
    if not cards and not broken:
        raise ImportFailed(f"{source} is not a vCard file: no BEGIN:VCARD line in it")
    parsed = Parsed(source=source, kind=KIND)
    found: list[tuple[int, str | None, str | None]] = [(n, card, None) for n, card in cards]
    found += [(n, None, reason) for n, reason in broken]
    found.sort(key=lambda item: item[0])
    for number, (line, card, reason) in enumerate(found, start=1):
        where = f"card {number} (line {line})"
        if card is None:
            parsed.skipped.append(Problem(where, reason or "malformed"))
            continue
        record = _read_card(card, where, parsed)
        if record is not None:
            parsed.records.append(record)
    return parsed


def parse_file(path: Path) -> Parsed:
    """Read a .vcf file; ImportFailed when nothing in it can be read."""
    return parse_text(read_text(path), str(path))


# --- one card --------------------------------------------------------------------------------


def _read_card(card: str, where: str, parsed: Parsed) -> Incoming | None:
    import vobject  # only when importing: it costs start-up time

    try:
        component = vobject.readOne(card, allowQP=True)
    except Exception as error:  # vobject raises many kinds of errors on bad input
        reason = _VOBJECT_LINE.sub("", str(error)).strip() or type(error).__name__
        parsed.skipped.append(Problem(where, f"not a valid vCard: {single_line(reason)}"))
        return None
    try:
        return _record(component, where, parsed)
    except Exception as error:  # a value of an unexpected shape
        parsed.skipped.append(Problem(where, f"cannot read the card: {single_line(str(error))}"))
        return None


def _props(component: Any, name: str) -> list[Any]:
    return list(component.contents.get(name, []))


def _param(prop: Any, name: str) -> list[str]:
    values = prop.params.get(name.upper(), [])
    out: list[str] = []
    for value in values:
        out += [part.strip().casefold() for part in str(value).split(",")]
    return out


def _preferred_first(props: list[Any]) -> list[Any]:
    """vCard 4.0 PREF=1 (lowest first) or 3.0 TYPE=pref first; otherwise file order."""

    def rank(prop: Any) -> int:
        pref = _param(prop, "PREF")
        if pref and pref[0].isdigit():
            return int(pref[0])
        return 0 if "pref" in _param(prop, "TYPE") else 101

    return sorted(props, key=rank)


def _text(prop: Any) -> str:
    value = prop.value
    if isinstance(value, bytes):
        return ""  # inline binary (a photo, or a field encoded as one): not text
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    return str(value)


def _unescape_uri(value: str) -> str:
    """vCard 3.0 writers (Apple) escape `:` `,` `;` in URLs as in text; undo that."""
    return re.sub(r"\\([:,;\\])", r"\1", value)


def _name(component: Any) -> str:
    for prop in _props(component, "fn"):
        name = single_line(_text(prop))
        if name:
            return name
    for prop in _props(component, "n"):
        value = prop.value
        if isinstance(value, str):
            parts = value.split(";")
            # family;given;additional;prefix;suffix
            ordered = [*parts[1:3], parts[0]] if parts else []
        else:
            ordered = [
                *_as_list(value.given),
                *_as_list(value.additional),
                *_as_list(value.family),
            ]
        name = single_line(" ".join(p for p in ordered if isinstance(p, str)))
        if name:
            return name
    return ""


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _record(component: Any, where: str, parsed: Parsed) -> Incoming | None:
    kinds = [single_line(_text(p)).casefold() for p in _props(component, "kind")]
    if "group" in kinds:
        parsed.skipped.append(Problem(where, "a group (KIND:group), not a person"))
        return None
    name = _name(component)
    if not name:
        parsed.skipped.append(Problem(where, "no name (FN or N)"))
        return None
    record = Incoming(where=where, name=name)

    for prop in _preferred_first(_props(component, "email")):
        email = single_line(_text(prop)).replace(" ", "").removeprefix("mailto:")
        if not email:
            continue
        if _EMAIL.match(email):
            if email.casefold() not in {e.casefold() for e in record.emails}:
                record.emails.append(email)
        else:
            parsed.notes.append(Problem(where, f'"{email}" is not an email address; left out'))

    for prop in _preferred_first(_props(component, "tel")):
        phone = single_line(_text(prop)).removeprefix("tel:")
        if phone:
            record.phone = phone
            break

    for prop in _props(component, "org"):
        value = prop.value
        first = value[0] if isinstance(value, list) and value else value
        company = single_line(first if isinstance(first, str) else "")
        if company:
            record.company = company
            break

    for prop in _props(component, "title"):
        role = single_line(_text(prop))
        if role:
            record.role = role
            break

    web = 0
    for prop in _preferred_first(_props(component, "url")):
        url = _unescape_uri(single_line(_text(prop))).replace(" ", "")
        if not url:
            continue
        if is_linkedin(url):
            record.handles.setdefault("linkedin", url)
            continue
        web += 1
        record.handles["web" if web == 1 else f"web{web}"] = url
    for prop in _props(component, "x-socialprofile"):
        url = _unescape_uri(single_line(_text(prop))).replace(" ", "")
        if url and is_linkedin(url):
            record.handles.setdefault("linkedin", url)

    notes = [multiline(_text(p)) for p in _props(component, "note")]
    record.notes = "\n\n".join(n for n in notes if n) or None

    seen: set[str] = set()
    for prop in _props(component, "categories"):
        values = prop.value if isinstance(prop.value, list) else str(prop.value).split(",")
        for value in values:
            tag = single_line(value) if isinstance(value, str) else ""
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                record.tags.append(tag)

    for prop_name, label in (
        ("bday", "Birthday"),
        ("anniversary", "Anniversary"),
        ("x-anniversary", "Anniversary"),
    ):
        for prop in _props(component, prop_name):
            raw = single_line(_text(prop))
            if not raw:
                continue
            omit = _param(prop, "X-APPLE-OMIT-YEAR")
            day = parse_vcard_date(raw, omit[0] if omit else None)
            if day is None:
                parsed.notes.append(
                    Problem(where, f'{prop_name.upper()} "{raw}" is not a date; no {label}')
                )
                continue
            if not any(m.label == label for m in record.milestones):
                record.milestones.append(Milestone(label=label, date=day, yearly=True))
    return record
