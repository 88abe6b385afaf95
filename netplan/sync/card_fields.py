"""A contact as the fields its card carries, and card fields back as a contact patch.

The fields are plain JSON values (strings, numbers, lists, dicts, None) so the sync state
can keep them. STANDARD fields are vCard properties every server keeps; NETPLAN fields
travel in X-NETPLAN-* properties, which a server may drop: a card read without them leaves
those fields unknown (absent from its field dict), never cleared.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from netplan.models import Contact, Kind, Milestone

STANDARD = (
    "name",
    "email",
    "phone",
    "company",
    "role",
    "linkedin",
    "web",
    "notes",
    "tags",
    "birthday",
    "anniversary",
)
NETPLAN = (
    "kind",
    "cadence_days",
    "circle",
    "follow_up",
    "topics",
    "met_at",
    "handles",
    "milestones",
    "created",
    "reviewed",
)
FIELDS = STANDARD + NETPLAN
# The words a report uses for a field.
LABELS = {
    "name": "name",
    "email": "email",
    "phone": "phone",
    "company": "company",
    "role": "role",
    "linkedin": "LinkedIn",
    "web": "web links",
    "notes": "notes",
    "tags": "tags",
    "birthday": "birthday",
    "anniversary": "anniversary",
    "kind": "kind",
    "cadence_days": "cadence",
    "circle": "circle",
    "follow_up": "follow-up",
    "topics": "topics",
    "met_at": "met at",
    "handles": "handles",
    "milestones": "milestones",
    "created": "created",
    "reviewed": "reviewed",
}
YEARLY_LABELS = {"birthday": "Birthday", "anniversary": "Anniversary"}
_WEB = re.compile(r"web(\d*)")


def web_number(key: str) -> int | None:
    found = _WEB.fullmatch(key)
    if found is None:
        return None
    return int(found[1]) if found[1] else 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _yearly(contact: Contact, label: str) -> Milestone | None:
    return next((m for m in contact.milestones if m.yearly and m.label == label), None)


def fields_of(contact: Contact) -> dict[str, Any]:
    """Every field of the contact's card, as plain values."""
    webs = sorted(
        ((n, v) for k, v in contact.handles.items() if (n := web_number(k)) is not None),
        key=lambda item: item[0],
    )
    others = {k: v for k, v in contact.handles.items() if k != "linkedin" and web_number(k) is None}
    yearly = {key: _yearly(contact, label) for key, label in YEARLY_LABELS.items()}
    chosen = [m for m in yearly.values() if m is not None]
    rest = [m for m in contact.milestones if not any(m is c for c in chosen)]
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "company": contact.company,
        "role": contact.role,
        "linkedin": contact.handles.get("linkedin"),
        "web": [v for _, v in webs],
        "notes": contact.notes,
        "tags": list(contact.tags),
        "birthday": _iso(yearly["birthday"].date) if yearly["birthday"] else None,
        "anniversary": _iso(yearly["anniversary"].date) if yearly["anniversary"] else None,
        "kind": contact.kind.value,
        "cadence_days": contact.cadence_days,
        "circle": contact.circle,
        "follow_up": _iso(contact.follow_up),
        "topics": list(contact.topics),
        "met_at": contact.met_at,
        "handles": dict(sorted(others.items())),
        "milestones": [[m.label, m.date.isoformat(), m.yearly] for m in rest],
        "created": _iso(contact.created),
        "reviewed": _iso(contact.reviewed),
    }


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _handles(contact: Contact, fields: dict[str, Any]) -> dict[str, str]:
    handles = dict(contact.handles)
    if "linkedin" in fields:
        handles.pop("linkedin", None)
        if fields["linkedin"]:
            handles["linkedin"] = fields["linkedin"]
    if "web" in fields:
        for key in [k for k in handles if web_number(k) is not None]:
            del handles[key]
        for number, url in enumerate(fields["web"], start=1):
            handles["web" if number == 1 else f"web{number}"] = url
    if "handles" in fields:
        for key in [k for k in handles if k != "linkedin" and web_number(k) is None]:
            del handles[key]
        handles.update(fields["handles"])
    return handles


def _milestones(contact: Contact, fields: dict[str, Any]) -> list[Milestone]:
    yearly = {key: _yearly(contact, label) for key, label in YEARLY_LABELS.items()}
    chosen = [m for m in yearly.values() if m is not None]
    if "milestones" in fields:
        rest = [
            Milestone(label=label, date=date.fromisoformat(day), yearly=bool(every))
            for label, day, every in fields["milestones"]
        ]
    else:
        rest = [m for m in contact.milestones if not any(m is c for c in chosen)]
    out: list[Milestone] = []
    for key, label in YEARLY_LABELS.items():
        value = fields[key] if key in fields else _iso(yearly[key].date) if yearly[key] else None
        if value:
            out.append(Milestone(label=label, date=date.fromisoformat(value), yearly=True))
    return out + rest


def contact_changes(contact: Contact, fields: dict[str, Any]) -> dict[str, Any]:
    """The patch of Contact fields that gives the contact these card fields (only those
    named; the others stay as they are)."""
    changes: dict[str, Any] = {}
    for name in ("name", "email", "phone", "company", "role", "notes", "met_at"):
        if name in fields:
            changes[name] = fields[name] or None
    if "name" in changes and not changes["name"]:
        del changes["name"]  # a card always has a name; never clear it
    for name in ("tags", "topics"):
        if name in fields:
            changes[name] = list(fields[name])
    if {"linkedin", "web", "handles"} & set(fields):
        changes["handles"] = _handles(contact, fields)
    if {"birthday", "anniversary", "milestones"} & set(fields):
        changes["milestones"] = _milestones(contact, fields)
    if "kind" in fields:
        changes["kind"] = Kind(fields["kind"])
    for name in ("cadence_days", "circle"):
        if name in fields:
            changes[name] = fields[name]
    for name in ("follow_up", "created", "reviewed"):
        if name in fields:
            changes[name] = _day(fields[name])
    return {k: v for k, v in changes.items() if getattr(contact, k) != v}


def new_contact(ident: str, fields: dict[str, Any], today: date) -> Contact:
    """A contact made from a card added on the other side."""
    blank = Contact(id=ident, name=fields["name"], created=today)
    changes = contact_changes(blank, fields)
    if changes.get("created") is None:
        changes["created"] = today
    data = blank.model_dump()
    data.update(changes)
    return Contact.model_validate(data)
