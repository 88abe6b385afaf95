"""Spreadsheet CSV files and a JSON document of the whole store.

CSV (`netplan export csv DIR`): contacts.csv, interactions.csv, completions.csv and (when
there is imported activity) activity.csv, UTF-8
with a byte-order mark (so Excel reads accents right), CRLF line ends, one header row, dates
as YYYY-MM-DD and lists separated by "; ". A cell that a spreadsheet would run as a formula
(starting with = + - @ and not a number or phone number) is written with a leading
apostrophe, the usual guard against formula injection from imported names.

JSON (`netplan export json FILE`): {"plan": …, "contacts": …, "journal": …, "activity": …},
each the
model's `model_dump(mode="json")` (dates as ISO strings), which loads back with
`Model.model_validate_json`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date

from netplan.domain.events import event_ends
from netplan.domain.followups import event_follow_ups, last_interaction_days, next_follow_up
from netplan.models import ActivityLog, ContactBook, Journal, Plan

LIST_SEPARATOR = "; "

CONTACT_COLUMNS = (
    "id",
    "name",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "other_handles",
    "tags",
    "kind",
    "met_at",
    "cadence_days",
    "circle",
    "follow_up",
    "next_follow_up",
    "topics",
    "notes",
    "milestones",
    "created",
    "reviewed",
    "archived",
)
INTERACTION_COLUMNS = (
    "id",
    "contact",
    "contact_name",
    "date",
    "kind",
    "exchange",
    "minutes",
    "note",
    "venue",
    "follow_up",
    "promise",
    "kept",
    "with",
    "event",
    "source",
    "last_from",
)
ACTIVITY_COLUMNS = ("id", "date", "platform", "kind", "url", "text", "contact", "contact_name")
COMPLETION_COLUMNS = ("date", "routine", "routine_title", "count")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"[+-]?[\d\s().,/-]*\d[\d\s().,/-]*")


def spreadsheet_safe(value: str) -> str:
    """`value`, with a leading apostrophe when a spreadsheet would take it for a formula."""
    if value.startswith(_FORMULA_START) and not _NUMBER_LIKE.fullmatch(value):
        return "'" + value
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        return str(value.value)
    return spreadsheet_safe(str(value))


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def contacts_csv(plan: Plan, book: ContactBook, journal: Journal) -> bytes:
    last = last_interaction_days(journal)
    derived = event_follow_ups(journal, event_ends(plan.events))
    rows = []
    for c in book.contacts:
        others = [f"{key}={value}" for key, value in c.handles.items() if key != "linkedin"]
        milestones = [
            f"{m.label} {m.date.isoformat()}" + (" (yearly)" if m.yearly else "")
            for m in c.milestones
        ]
        rows.append(
            (
                c.id,
                c.name,
                c.company,
                c.role,
                c.email,
                c.phone,
                c.handles.get("linkedin"),
                LIST_SEPARATOR.join(others),
                LIST_SEPARATOR.join(c.tags),
                c.kind,
                c.met_at,
                c.cadence_days,
                c.circle,
                c.follow_up,
                next_follow_up(c, plan.settings, last.get(c.id), derived.get(c.id)),
                LIST_SEPARATOR.join(c.topics),
                c.notes,
                LIST_SEPARATOR.join(milestones),
                c.created,
                c.reviewed,
                c.archived,
            )
        )
    return _csv(CONTACT_COLUMNS, rows)


def interactions_csv(book: ContactBook, journal: Journal) -> bytes:
    names = {c.id: c.name for c in book.contacts}
    rows = [
        (
            i.id,
            i.contact,
            names.get(i.contact),
            i.on,
            i.kind,
            i.exchange,
            i.minutes,
            i.note,
            i.venue,
            i.follow_up,
            i.promise,
            i.kept,
            LIST_SEPARATOR.join(i.with_),
            i.event,
            i.source,
            i.last_from,
        )
        for i in journal.interactions
    ]
    return _csv(INTERACTION_COLUMNS, rows)


def completions_csv(plan: Plan) -> bytes:
    titles = {r.id: r.title for r in plan.routines}
    order = {r.id: n for n, r in enumerate(plan.routines)}
    rows = []
    for day in sorted(plan.completions):
        counts = plan.completions[day]
        for routine in sorted(counts, key=lambda r: (order.get(r, len(order)), r)):
            if counts[routine]:
                rows.append((day, routine, titles.get(routine), counts[routine]))
    return _csv(COMPLETION_COLUMNS, rows)


def activity_csv(book: ContactBook, activity: ActivityLog) -> bytes:
    names = {c.id: c.name for c in book.contacts}
    rows = [
        (a.id, a.on, a.platform, a.kind, a.url, a.text, a.contact, names.get(a.contact or ""))
        for a in activity.activity
    ]
    return _csv(ACTIVITY_COLUMNS, rows)


def export_csv(
    plan: Plan, book: ContactBook, journal: Journal, activity: ActivityLog | None = None
) -> dict[str, bytes]:
    """File name -> bytes of the CSV files (activity.csv only when there is activity)."""
    files = {
        "contacts.csv": contacts_csv(plan, book, journal),
        "interactions.csv": interactions_csv(book, journal),
        "completions.csv": completions_csv(plan),
    }
    if activity is not None and activity.activity:
        files["activity.csv"] = activity_csv(book, activity)
    return files


def export_json(
    plan: Plan, book: ContactBook, journal: Journal, activity: ActivityLog | None = None
) -> bytes:
    document = {
        "plan": plan.model_dump(mode="json"),
        "contacts": book.model_dump(mode="json"),
        "journal": journal.model_dump(mode="json"),
        "activity": (activity or ActivityLog()).model_dump(mode="json"),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
