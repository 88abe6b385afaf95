"""Network growth and the give/ask ledger: Invitations.csv, Events.csv, Endorsement_*_Info.csv,
Recommendations_*.csv and the owner's name from Profile.csv (format reference §6–§9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netplan.importers import Problem
from netplan.importers.archive.csvtext import Table, table
from netplan.importers.archive.dates import parse_event_start, parse_when
from netplan.importers.archive.model import FileReport, Given, Item, Person, first_line, person
from netplan.text import single_line

__all__ = [
    "Endorsements",
    "read_events",
    "read_invitations",
    "read_profile_name",
    "read_recommendations",
]

# Endorsement statuses that mean the endorsement is not shown (the legacy file's `Redacted`).
_WITHDRAWN = {"redacted", "hidden", "rejected", "removed", "deleted"}


def _getter(sheet: Table, row: list[str]):
    columns = sheet.columns

    def get(key: str) -> str:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    return get


def _name(first: str, last: str) -> str:
    return " ".join(part for part in (single_line(first), single_line(last)) if part)


def read_invitations(
    text: str, file: str, report: FileReport, owner_votes: list[tuple[str, str]]
) -> list[Item]:
    """OUTGOING invitations as Items (person = the invitee); every row's owner side (inviter
    of OUTGOING, invitee of INCOMING) is added to `owner_votes` as (name, url)."""
    sheet = table(text, report.skipped)
    if not sheet.has("to", "sentat", "direction"):
        report.layout = sheet.missing("To/Sent At/Direction")
        return []
    items: list[Item] = []
    for line_no, row in sheet.rows:
        get = _getter(sheet, row)
        direction = get("direction").strip().upper()
        inviter = get("inviterprofileurl") or ""
        invitee = get("inviteeprofileurl") or ""
        if direction == "INCOMING":
            owner_votes.append((get("to"), invitee))
            continue
        if direction != "OUTGOING":
            report.skipped.append(Problem(f"line {line_no}", f'unknown Direction "{direction}"'))
            continue
        owner_votes.append((get("from"), inviter))
        sent = parse_when(get("sentat"))
        if sent is None:
            report.skipped.append(Problem(f"line {line_no}", "Sent At is not a date"))
            continue
        who = person(get("to"), invitee)
        items.append(
            Item(
                "invitation",
                sent.date(),
                f"{sent.isoformat()}|{who.name.casefold()}",
                invitee.strip() if "/in/" in invitee else None,
                who.name or None,
                who,
                file,
                f"{file} line {line_no}",
            )
        )
    report.read = len(items)
    return items


def read_events(text: str, file: str, report: FileReport) -> list[Item]:
    """Events registered for (Status APPROVED), dated by their start."""
    sheet = table(text, report.skipped)
    if not sheet.has("eventname", "eventtime"):
        report.layout = sheet.missing("Event Name/Event Time")
        return []
    items: list[Item] = []
    for line_no, row in sheet.rows:
        get = _getter(sheet, row)
        status = get("status").strip().upper()
        if status and status != "APPROVED":
            continue  # RELINQUISHED: registration given up
        start = parse_event_start(get("eventtime").strip())
        name = single_line(get("eventname"))
        if start is None:
            report.skipped.append(Problem(f"line {line_no}", "Event Time is not a date range"))
            continue
        url = get("externalurl").strip() or None
        items.append(
            Item(
                "event",
                start.date(),
                f"{start.isoformat()}|{name.casefold()}",
                url,
                first_line(name),
                None,
                file,
                f"{file} line {line_no}",
            )
        )
    report.read = len(items)
    return items


@dataclass
class _Group:
    on: date
    person: Person
    skills: list[str]
    file: str
    where: str


@dataclass
class Endorsements:
    """Endorsement rows (one per skill) grouped per (person, UTC day) across all files, so the
    legacy UTF-16 duplicate of a file adds nothing."""

    received: dict[str, _Group] = field(default_factory=dict)
    given: dict[str, _Group] = field(default_factory=dict)

    def read(self, text: str, file: str, report: FileReport, received: bool) -> None:
        side = "endorser" if received else "endorsee"
        groups = self.received if received else self.given
        sheet = table(text, report.skipped)
        if not sheet.has("endorsementdate", "skillname", f"{side}firstname"):
            report.layout = sheet.missing("Endorsement Date/Skill Name/Endorser")
            return
        for line_no, row in sheet.rows:
            get = _getter(sheet, row)
            status = get("endorsementstatus").strip().casefold()
            if status in _WITHDRAWN:
                continue
            at = parse_when(get("endorsementdate"))
            if at is None:
                report.skipped.append(Problem(f"line {line_no}", "Endorsement Date is not a date"))
                continue
            name = _name(get(f"{side}firstname"), get(f"{side}lastname"))
            if not name:
                report.skipped.append(Problem(f"line {line_no}", "no name"))
                continue
            url = get(f"{side}publicurl").strip()
            who = person(name, url)
            skill = single_line(get("skillname"))
            key = f"{name.casefold()}|{at.date().isoformat()}"
            report.read += 1
            group = groups.get(key)
            if group is None:
                groups[key] = _Group(
                    at.date(), who, [skill] if skill else [], file, f"{file} line {line_no}"
                )
                continue
            if group.person.url_key is None and who.url_key is not None:
                group.person = who
            if skill and skill.casefold() not in {s.casefold() for s in group.skills}:
                group.skills.append(skill)

    def items(self) -> list[Item]:
        return [
            Item(
                "endorsement-received",
                g.on,
                key,
                None,
                first_line(", ".join(g.skills)),
                g.person,
                g.file,
                g.where,
            )
            for key, g in self.received.items()
        ]

    def given_records(self) -> list[Given]:
        return [
            Given(
                "endorsement",
                g.on,
                g.person,
                ", ".join(g.skills) or None,
                None,
                key,
                g.file,
                g.where,
            )
            for key, g in self.given.items()
        ]


def read_recommendations(
    text: str, file: str, report: FileReport, received: bool
) -> list[Item] | list[Given]:
    """Recommendations received (Items) or given (Given), by First/Last Name."""
    sheet = table(text, report.skipped)
    if not sheet.has("firstname", "lastname", "creationdate"):
        report.layout = sheet.missing("First Name/Last Name/Creation Date")
        return []
    out: list = []
    for line_no, row in sheet.rows:
        get = _getter(sheet, row)
        name = _name(get("firstname"), get("lastname"))
        at = parse_when(get("creationdate"))
        if at is None or not name:
            reason = "no name" if not name else "Creation Date is not a date"
            report.skipped.append(Problem(f"line {line_no}", reason))
            continue
        who = person(name)
        key = f"{at.isoformat()}|{name.casefold()}"
        body = first_line(get("text"))
        where = f"{file} line {line_no}"
        if received:
            out.append(
                Item("recommendation-received", at.date(), key, None, body, who, file, where)
            )
        else:
            company = single_line(get("company")) or None
            out.append(Given("recommendation", at.date(), who, body, company, key, file, where))
    report.read = len(out)
    return out


def read_profile_name(text: str, report: FileReport) -> str | None:
    """The owner's name from Profile.csv (First Name + Last Name of its one row)."""
    sheet = table(text, report.skipped)
    if not sheet.has("firstname", "lastname"):
        report.layout = sheet.missing("First Name/Last Name")
        return None
    for _line, row in sheet.rows:
        get = _getter(sheet, row)
        name = _name(get("firstname"), get("lastname"))
        if name:
            report.read = 1
            return name
    return None
