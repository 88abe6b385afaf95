"""Follow-up tasks: one VTODO per contact (RFC 5545), written and read with `icalendar`.

A task's UID is `followup-<contact id>`, so a moved follow-up updates the same task; it
has DUE (a date), `SUMMARY:Follow up with NAME`, `X-NETPLAN-CONTACT:<id>` and a display
alarm at 09:00 on the due day. Read back: its UID, due day, whether and when it was
completed, and the contact it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from netplan.sync.card_reading import Malformed, clean_uid
from netplan.sync.cards import PRODID
from netplan.text import for_file, single_line

ALARM_AT = timedelta(hours=9)  # after the start of the due day


def task_uid(contact_id: str) -> str:
    return f"followup-{contact_id}"


def summary_for(name: str) -> str:
    return f"Follow up with {single_line(name)}"


def render_task(uid: str, contact_id: str, summary: str, due: date, today: date) -> bytes:
    from icalendar import Alarm, Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", datetime(today.year, today.month, today.day, tzinfo=UTC))
    todo.add("summary", for_file(summary))
    todo.add("due", due)
    todo.add("status", "NEEDS-ACTION")
    todo.add("x-netplan-contact", contact_id)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", for_file(summary))
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": "END"})
    todo.add_component(alarm)
    calendar.add_component(todo)
    return calendar.to_ical()


@dataclass(frozen=True)
class Task:
    uid: str
    due: date | None
    summary: str
    contact: str | None  # X-NETPLAN-CONTACT
    completed: date | None  # the day it was completed there; None while open
    done: bool


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.date()
    if isinstance(value, date):
        return value
    return None


def read_task(data: bytes, today: date) -> Task:
    """The one VTODO of an .ics file; Malformed when there is none, or it has no UID."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise Malformed(f"not iCalendar ({single_line(str(error))[:80]})") from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise Malformed("not iCalendar (no BEGIN:VCALENDAR)")
    todos = [c for c in calendar.walk("VTODO")]
    if len(todos) != 1:
        raise Malformed(f"it holds {len(todos)} tasks (VTODO); a vdir file holds one")
    todo = todos[0]
    if "UID" not in todo:
        raise Malformed("its task (VTODO) has no UID")
    uid = clean_uid(str(todo["UID"]))
    try:
        due = _day(todo.decoded("DUE")) if "DUE" in todo else None
        completed = _day(todo.decoded("COMPLETED")) if "COMPLETED" in todo else None
    except (ValueError, TypeError, KeyError) as error:
        raise Malformed(f"a date cannot be read ({single_line(str(error))[:80]})") from None
    status = str(todo.get("STATUS", "")).upper()
    done = status == "COMPLETED" or completed is not None
    if done and completed is None:
        completed = today
    if completed is not None and completed > today:
        completed = today
    contact = todo.get("X-NETPLAN-CONTACT")
    return Task(
        uid=uid,
        due=due,
        summary=single_line(str(todo.get("SUMMARY", ""))),
        contact=single_line(str(contact)) if contact is not None else None,
        completed=completed if done else None,
        done=done,
    )
