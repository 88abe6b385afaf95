"""Merging imported records into the contact book (what it did: importers.report).

Pure functions of a ContactBook, the incoming records and today: no file is read or written.

Rules (spec section 5):

- A record is the contact already present with the same LinkedIn URL (compared without case,
  scheme, `www.` and trailing slash), else the same email (without case), else the same name
  and company (without case). A company missing on one side counts as unknown, not as
  different, when only one contact has that name. A weaker match is refused when both sides
  have LinkedIn URLs that differ: those are two people.
- Updating fills in what netplan does not know yet (email, phone, handles, notes, created),
  adds new tags and milestones, and never overwrites what is already there, with one
  exception: company and role. When a re-import brings a different job, the new values are
  kept and a one-off milestone dated the import day says so ("New role: CTO at Globex").
- A record matching a contact that an earlier record of the same file already matched is
  skipped as a duplicate, so one file never both adds and changes the same person.
- A new contact gets an id made from the name (ASCII slug, `-2`, `-3` … on clashes,
  `contact-N` when nothing Latin is left), no tags of its own beyond the file's, kind
  networking, and `created` from the file or else the import day.

Everything is indexed in dicts up front, so 30,000 records merge in linear time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from netplan.domain.ids import IdMaker
from netplan.domain.matching import fold as _fold
from netplan.domain.matching import is_linkedin as is_linkedin  # re-exported: importers use it
from netplan.domain.matching import linkedin_key
from netplan.importers import Incoming, Parsed, Problem
from netplan.importers.report import Added, ImportReport, Updated
from netplan.models import Contact, ContactBook, Kind, Milestone

UNKNOWN_YEAR = 1904  # a leap year, so a birthday on Feb 29 without a year is still a date


# --- keys --------------------------------------------------------------------------------


def name_key(name: str, company: str | None) -> tuple[str, str]:
    return _fold(name), _fold(company)


def job_label(role: str | None, company: str | None) -> str:
    if role and company:
        return f"New role: {role} at {company}"
    if role:
        return f"New role: {role}"
    return f"New role at {company}"


def _same(a: str | None, b: str | None) -> bool:
    return _fold(a) == _fold(b)


def _month_day(day: date) -> tuple[int, int]:
    return day.month, day.day


def _merge_milestones(
    existing: list[Milestone], incoming: list[Milestone]
) -> tuple[list[Milestone], list[str]]:
    """Add the incoming milestones netplan lacks; a yearly one of the same label is the same
    milestone (a person has one birthday): it gains a year it lacked, or moves when its day
    differs. A one-off one is new unless the same label and day are there."""
    result = list(existing)
    changes: list[str] = []
    for new in incoming:
        same_label = [
            i
            for i, m in enumerate(result)
            if _fold(m.label) == _fold(new.label) and m.yearly == new.yearly
        ]
        if not new.yearly:
            if not any(result[i].date == new.date for i in same_label):
                result.append(new)
                changes.append(f"{new.label} {new.date.isoformat()}")
            continue
        if not same_label:
            result.append(new)
            changes.append(f"{new.label} {_yearly_day(new.date)}")
            continue
        index = same_label[0]
        old = result[index]
        if _month_day(old.date) == _month_day(new.date):
            if old.date.year == UNKNOWN_YEAR and new.date.year != UNKNOWN_YEAR:
                result[index] = old.model_copy(update={"date": new.date})
                changes.append(f"{new.label} year {new.date.year}")
            continue
        result[index] = old.model_copy(update={"date": new.date})
        changes.append(f"{new.label} {_yearly_day(old.date)} → {_yearly_day(new.date)}")
    return result, changes


def _yearly_day(day: date) -> str:
    return day.strftime("--%m-%d") if day.year == UNKNOWN_YEAR else day.isoformat()


def _update(contact: Contact, record: Incoming, today: date) -> tuple[dict[str, Any], list[str]]:
    """The fields to change on `contact` for `record`, and how to describe them."""
    update: dict[str, Any] = {}
    changes: list[str] = []
    milestones = list(contact.milestones)

    # Company and role: a new job replaces the old one and is remembered as a milestone. A
    # missing value never clears a known one, except the role when the company changes: the
    # old title does not come along to the new company.
    new_company, new_role = record.company, record.role
    company_changed = bool(new_company) and not _same(new_company, contact.company)
    role_changed = bool(new_role) and not _same(new_role, contact.role)
    if company_changed or role_changed:
        had_job = bool(contact.company or contact.role)
        company = new_company if company_changed else contact.company
        role = new_role if (role_changed or company_changed) else contact.role
        if company_changed:
            update["company"] = company
            changes.append(_change("company", contact.company, company))
        if role != contact.role:
            update["role"] = role
            changes.append(_change("role", contact.role, role))
        if had_job:
            label = job_label(role, company)
            if not any(m.label == label and m.date == today for m in milestones):
                milestones.append(Milestone(label=label, date=today))
                changes.append(f'milestone "{label}"')

    # Details: filled in when missing, never overwritten.
    if record.emails and contact.email is None:
        update["email"] = record.emails[0]
        changes.append("email")
    if record.phone and not contact.phone:
        update["phone"] = record.phone
        changes.append("phone")
    handles = dict(contact.handles)
    for key, value in record.handles.items():
        if key not in handles:
            handles[key] = value
            changes.append(f"handles.{key}")
    if handles != contact.handles:
        update["handles"] = handles
    if record.notes and not contact.notes:
        update["notes"] = record.notes
        changes.append("notes")
    if record.created and contact.created is None:
        update["created"] = record.created
        changes.append("created")
    known = {_fold(t) for t in contact.tags}
    added_tags = []
    for tag in record.tags:
        if _fold(tag) not in known:
            known.add(_fold(tag))
            added_tags.append(tag)
    if added_tags:
        update["tags"] = [*contact.tags, *added_tags]
        changes.append("tags (+" + ", +".join(added_tags) + ")")
    milestones, milestone_changes = _merge_milestones(milestones, record.milestones)
    if milestones != contact.milestones:
        update["milestones"] = milestones
    changes += [f'milestone "{c}"' for c in milestone_changes]
    return update, changes


def _change(name: str, old: str | None, new: str | None) -> str:
    return f"{name} ({old or '–'} → {new or '–'})"


def _validation_reason(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    message = str(problem["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _new_contact(record: Incoming, ident: str, today: date) -> Contact:
    fields: dict[str, Any] = {
        "id": ident,
        "name": record.name,
        "kind": Kind.networking,
        "created": record.created or today,
        "tags": list(record.tags),
        "handles": dict(record.handles),
        "milestones": list(record.milestones),
    }
    for name in ("company", "role", "phone", "notes"):
        value = getattr(record, name)
        if value:
            fields[name] = value
    if record.emails:
        fields["email"] = record.emails[0]
    return Contact(**fields)


class _Index:
    """Existing contacts by LinkedIn key, email and name + company; first one wins."""

    SEVERAL = -1

    def __init__(self, contacts: list[Contact]) -> None:
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_bare_name: dict[str, int] = {}  # SEVERAL when more than one contact has it
        self.urls: dict[int, str] = {}
        self.companies: dict[int, str] = {}
        for position, contact in enumerate(contacts):
            self.add(position, contact)

    def add(self, position: int, contact: Contact) -> None:
        url = linkedin_key(contact.handles.get("linkedin"))
        if url:
            self.by_url.setdefault(url, position)
            self.urls.setdefault(position, url)
        if contact.email:
            self.by_email.setdefault(contact.email.casefold(), position)
        key = name_key(contact.name, contact.company)
        self.by_name.setdefault(key, position)
        if self.by_bare_name.setdefault(key[0], position) != position:
            self.by_bare_name[key[0]] = self.SEVERAL
        self.companies[position] = key[1]

    def find(self, record: Incoming) -> tuple[int | None, str]:
        url = linkedin_key(record.handles.get("linkedin"))
        if url and url in self.by_url:
            return self.by_url[url], "same LinkedIn URL"

        def compatible(position: int) -> bool:
            theirs = self.urls.get(position)
            return url is None or theirs is None or theirs == url

        for email in record.emails:
            position = self.by_email.get(email.casefold())
            if position is not None and compatible(position):
                return position, "same email"
        key = name_key(record.name, record.company)
        position = self.by_name.get(key)
        if position is not None and compatible(position):
            return position, "same name and company"
        # A company missing on one side is unknown, not different: the one contact of that
        # name is the same person (never when two contacts share the name).
        position = self.by_bare_name.get(key[0], self.SEVERAL)
        if (
            position != self.SEVERAL
            and (not key[1] or not self.companies[position])
            and compatible(position)
        ):
            return position, "same name; company unknown on one side"
        return None, ""


def merge(book: ContactBook, parsed: Parsed, today: date) -> tuple[ContactBook, ImportReport]:
    """Fold `parsed` into `book`: the new book (the input is untouched) and the report."""
    contacts = list(book.contacts)
    index = _Index(contacts)
    ids = IdMaker((c.id for c in contacts), "contact")
    report = ImportReport(
        source=parsed.source,
        kind=parsed.kind,
        skipped=list(parsed.skipped),
        notes=list(parsed.notes),
    )
    seen: dict[int, str] = {}  # contact position -> the record that matched it first
    for record in parsed.records:
        position, how = index.find(record)
        if position is not None and position in seen:
            report.skipped.append(
                Problem(record.where, f"the same person as {seen[position]} ({how})")
            )
            continue
        if position is None:
            try:
                contact = _new_contact(record, ids.new(record.name), today)
            except ValidationError as error:
                report.skipped.append(Problem(record.where, _validation_reason(error)))
                continue
            contacts.append(contact)
            position = len(contacts) - 1
            index.add(position, contact)
            seen[position] = record.where
            report.added.append(Added(record.where, contact.id, contact.name))
            continue
        seen[position] = record.where
        current = contacts[position]
        update, changes = _update(current, record, today)
        if not update:
            report.unchanged += 1
            continue
        try:
            changed = Contact(**{**dict(current), **update})
        except ValidationError as error:
            report.skipped.append(Problem(record.where, _validation_reason(error)))
            continue
        contacts[position] = changed
        index.add(position, changed)
        report.updated.append(Updated(record.where, changed.id, changed.name, tuple(changes)))
    if not report.changed:
        return book, report
    # Contact instances are not validated again, only the list and its unique ids.
    return ContactBook(contacts=contacts), report
