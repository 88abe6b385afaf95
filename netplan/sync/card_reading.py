"""A card of the vdir read back into card fields (see card_fields).

The standard properties are read by netplan's own vCard importer, so a card from a phone is
cleaned exactly as `netplan import vcard` cleans it; UID and the X-NETPLAN-* properties come
from the same tolerant line reader. A file that is not one readable card raises Malformed
with the reason. Without X-NETPLAN-ID (a card made elsewhere, or a server that drops
unknown properties) the netplan-only fields are left out: unknown, not cleared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netplan.importers import ImportFailed
from netplan.importers.vcard import parse_bytes
from netplan.importers.vcard_lines import (
    Prop,
    Unreadable,
    components,
    decode_file,
    every_prop,
    split_cards,
    text_of,
    unescape,
)
from netplan.models import CIRCLES, LARGEST, Kind
from netplan.sync.card_fields import web_number
from netplan.sync.cards import MANAGED, NETPLAN_PREFIX, escape
from netplan.text import multiline, single_line

UID_MAX = 255
_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # the models' Ident


class Malformed(Exception):
    """The file is not one readable card (or task); the message says why."""


@dataclass
class Card:
    uid: str
    fields: dict[str, Any]  # standard ones always; netplan ones when known
    ident: str | None  # X-NETPLAN-ID
    kept: list[bytes] | None = field(default_factory=list)  # lines netplan does not manage
    # (None: not read, the card being as the last sync left it)
    emails: list[str] = field(default_factory=list)  # every email, the preferred first
    notes: list[str] = field(default_factory=list)  # values left out, with why
    sha: str = ""  # of the file's bytes, once read from a file


def clean_uid(value: str) -> str:
    """A UID as netplan accepts it from the other side: one line, printable, not too long."""
    uid = value.strip()
    if not uid:
        raise Malformed("it has no UID")
    if not uid.isprintable() or len(uid) > UID_MAX or "/" in uid:
        raise Malformed("its UID is not a short single line of text")
    return uid


def read_card(data: bytes, source: str) -> Card:
    text, unicode = decode_file(data)
    cards, broken, began = split_cards(text)
    if not began:
        raise Malformed("not a vCard (no BEGIN:VCARD)")
    if broken:
        raise Malformed(broken[0][1])
    if len(cards) != 1:
        raise Malformed(f"it holds {len(cards)} cards; a vdir file holds one")
    try:
        parsed = parse_bytes(data, source)
    except ImportFailed as error:
        raise Malformed(str(error)) from None
    if not parsed.records:
        reason = parsed.skipped[0].reason if parsed.skipped else "no card in it"
        raise Malformed(reason)
    record = parsed.records[0]
    props = every_prop(cards[0][1])
    uids = [p for name, p, _ in props if name == "UID"]
    if not uids:
        raise Malformed("it has no UID")
    uid = clean_uid(_text(uids[0], unicode))
    handles = dict(record.handles)
    webs = sorted((k for k in handles if k.startswith("web")), key=lambda k: int(k[3:] or 1))
    fields: dict[str, Any] = {
        "name": record.name,
        "email": record.emails[0] if record.emails else None,
        "phone": record.phone,
        "company": record.company,
        "role": record.role,
        "linkedin": handles.get("linkedin"),
        "web": [handles[k] for k in webs],
        "notes": record.notes,
        "tags": list(record.tags),
        "birthday": None,
        "anniversary": None,
    }
    for milestone in record.milestones:
        key = milestone.label.lower()
        if key in ("birthday", "anniversary") and fields[key] is None:
            fields[key] = milestone.date.isoformat()
    card = Card(uid, fields, None, emails=list(record.emails))
    card.notes = [n.reason for n in parsed.notes]
    own = [(name, p) for name, p, _ in props if name.startswith(NETPLAN_PREFIX)]
    card.kept = [line for name, _, line in props if _kept(name)]
    # The other emails and phones of a card made there: netplan holds one of each, and
    # writes the rest back after its own (so its own stays the one read first).
    card.kept += [b"EMAIL:" + escape(e).encode() for e in record.emails[1:]]
    phones = [_text_or_blank(p, unicode) for name, p, _ in props if name == "TEL"]
    for phone in dict.fromkeys(single_line(unescape(v)).removeprefix("tel:") for v in phones):
        if phone and phone != record.phone:
            card.kept.append(b"TEL:" + escape(phone).encode())
    ids = [p for name, p in own if name == NETPLAN_PREFIX + "ID"]
    if ids:
        ident = single_line(_text(ids[0], unicode))
        card.ident = ident if _IDENT.fullmatch(ident) and len(ident) <= 120 else None
    if card.ident is not None:
        _netplan_fields(card, own, unicode)
    return card


def _kept(name: str) -> bool:
    return name not in MANAGED and not name.startswith(NETPLAN_PREFIX)


def _text(prop: Prop, unicode: bool) -> str:
    try:
        return text_of(prop, unicode)
    except Unreadable as error:
        raise Malformed(f"a value cannot be read ({error})") from None


def _text_or_blank(prop: Prop, unicode: bool) -> str:
    try:
        return text_of(prop, unicode)
    except Unreadable:
        return ""


def _netplan_fields(card: Card, own: list[tuple[str, Prop]], unicode: bool) -> None:
    values: dict[str, list[str]] = {}
    for name, prop in own:
        try:
            values.setdefault(name[len(NETPLAN_PREFIX) :], []).append(text_of(prop, unicode))
        except Unreadable as error:
            card.notes.append(f"{name} cannot be read ({error}); left as it was")
    first = {k: single_line(unescape(v[0])) for k, v in values.items()}
    fields = card.fields

    def number(key: str, prop: str, allowed: tuple[int, ...] | None = None) -> None:
        raw = first.get(prop)
        if raw is None:
            fields[key] = None
        elif raw.isascii() and raw.isdigit() and 0 < int(raw) <= LARGEST:
            if allowed is None or int(raw) in allowed:
                fields[key] = int(raw)
            else:
                card.notes.append(f"X-NETPLAN-{prop} {raw!r} is not one of {allowed}; unknown")
        else:
            card.notes.append(f"X-NETPLAN-{prop} {raw!r} is not a whole number; unknown")

    def day(key: str, prop: str) -> None:
        raw = first.get(prop)
        if raw is None:
            fields[key] = None
            return
        try:
            fields[key] = date.fromisoformat(raw).isoformat()
        except ValueError:
            card.notes.append(f"X-NETPLAN-{prop} {raw!r} is not a date; unknown")

    kind = first.get("KIND", "networking")
    if kind in Kind.__members__:
        fields["kind"] = kind
    else:
        card.notes.append(f"X-NETPLAN-KIND {kind!r} is not a kind; unknown")
    number("cadence_days", "CADENCE")
    number("circle", "CIRCLE", CIRCLES)
    for key, prop in (("follow_up", "FOLLOW-UP"), ("created", "CREATED"), ("reviewed", "REVIEWED")):
        day(key, prop)
    fields["met_at"] = first.get("MET-AT") or None
    topics = [single_line(unescape(v)) for v in values.get("TOPIC", [])]
    fields["topics"] = list(dict.fromkeys(t for t in topics if t))
    handles: dict[str, str] = {}
    for raw in values.get("HANDLE", []):
        parts = components(raw)
        key, value = single_line(parts[0]), single_line(";".join(parts[1:]))
        if key and value and key != "linkedin" and web_number(key) is None:
            handles.setdefault(key, value)
    fields["handles"] = dict(sorted(handles.items()))
    milestones = []
    for raw in values.get("MILESTONE", []):
        parts = components(raw)
        try:
            on = date.fromisoformat(single_line(parts[0]))
        except ValueError:
            card.notes.append(f"X-NETPLAN-MILESTONE {single_line(raw)!r} has no date; left out")
            continue
        label = single_line(";".join(parts[2:])) if len(parts) > 2 else ""
        if label:
            yearly = len(parts) > 1 and parts[1].strip().lower() == "yearly"
            milestones.append([label, on.isoformat(), yearly])
    fields["milestones"] = milestones
    if fields.get("notes") is not None:
        fields["notes"] = multiline(fields["notes"]) or None
