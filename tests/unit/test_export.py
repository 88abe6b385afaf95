"""`netplan export ics | csv | json`: checked with independent readers (vobject for the
calendar, the csv and json modules for the rest) against the store."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject
from factories import book, contact, interaction, journal, plan, routine
from test_cli import TODAY, files, run

from netplan.domain.followups import last_interaction_days, next_follow_up
from netplan.exporters.ics import export_ics
from netplan.exporters.tabular import export_csv, spreadsheet_safe
from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.store import Store

D = date.fromisoformat
DAY = D(TODAY)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "store"
    result = run("demo", data=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(demo_template, folder)
    return folder


def small_store() -> tuple[Plan, ContactBook, Journal]:
    contacts = book(
        contact(
            "jane-doe",
            name="Jane Doe",
            cadence_days=30,
            created=D("2026-10-01"),
            topics=["career goals", "hiking"],
            milestones=[
                {"label": "Birthday", "date": D("1990-04-12"), "yearly": True},
                {"label": "New role: CTO at Globex", "date": D("2026-11-20")},
            ],
        ),
        contact(
            "sam-lee",
            name="Sam Lee",
            follow_up=D("2026-12-04"),
            milestones=[{"label": "Birthday", "date": D("1904-02-29"), "yearly": True}],
        ),
        contact(
            "old-friend",
            name="Old Friend",
            archived=True,
            follow_up=D("2026-12-01"),
            milestones=[{"label": "Birthday", "date": D("1980-01-01"), "yearly": True}],
        ),
        contact("no-date", name="No Date"),
    )
    log = journal(
        interaction("jane-doe", "2026-11-10"),
        interaction("sam-lee", "2026-11-20", follow_up=D("2026-12-04"), promise="Send the deck"),
    )
    return plan(routine()), contacts, log


# --- iCalendar ----------------------------------------------------------------------------


def events_by_uid(data: bytes) -> dict:
    calendar = vobject.readOne(data.decode("utf-8"))
    assert calendar.name == "VCALENDAR"
    assert calendar.version.value == "2.0"
    assert calendar.prodid.value.startswith("-//netplan//")
    return {event.uid.value: event for event in calendar.vevent_list}


def test_ics_events_parse_with_an_independent_reader() -> None:
    data = export_ics(*small_store(), DAY)
    events = events_by_uid(data)
    assert list(events) == [
        "followup-sam-lee@netplan",
        "followup-jane-doe@netplan",
        "milestone-sam-lee-birthday-1904-02-29@netplan",
        "milestone-jane-doe-birthday-1990-04-12@netplan",
        "milestone-jane-doe-new-role-cto-at-globex-2026-11-20@netplan",
    ]
    sam = events["followup-sam-lee@netplan"]
    assert sam.summary.value == "Follow up with Sam Lee"
    assert sam.dtstart.value == D("2026-12-04")  # an all-day event: a date, not a datetime
    assert not isinstance(sam.dtstart.value, datetime)
    assert sam.dtend.value == D("2026-12-05")
    assert sam.description.value == "Promised: Send the deck"
    assert sam.dtstamp.value == datetime(2026, 11, 25, tzinfo=UTC)
    jane = events["followup-jane-doe@netplan"]
    assert jane.dtstart.value == D("2026-12-10")  # last interaction + 30 days
    assert jane.description.value == "Topics: career goals, hiking"

    birthday = events["milestone-jane-doe-birthday-1990-04-12@netplan"]
    assert birthday.summary.value == "Jane Doe: Birthday"
    assert birthday.dtstart.value == D("1990-04-12")
    assert birthday.rrule.value == "FREQ=YEARLY"
    occurrences = birthday.getrruleset()
    assert occurrences.after(datetime(2026, 11, 25)).date() == D("2027-04-12")
    leap = events["milestone-sam-lee-birthday-1904-02-29@netplan"]
    assert leap.rrule.value.startswith("FREQ=YEARLY")
    # Feb 29 falls on Feb 28 in other years, as in netplan's agenda.
    assert leap.getrruleset().after(datetime(2026, 11, 25)).date() == D("2027-02-28")
    one_off = events["milestone-jane-doe-new-role-cto-at-globex-2026-11-20@netplan"]
    assert not hasattr(one_off, "rrule")
    # Archived contacts are left out; a contact without a due day has no follow-up.
    assert not any("old-friend" in uid or "no-date" in uid for uid in events)


def test_ics_text_is_escaped_and_cleaned() -> None:
    contacts = book(
        contact(
            "x",
            name="Ann, O'Neil; \x1b[31mX",
            follow_up=D("2026-12-01"),
            topics=["a;b", "c,d"],
        )
    )
    data = export_ics(plan(), contacts, journal(), DAY)
    assert b"\x1b" not in data
    event = next(iter(events_by_uid(data).values()))
    assert event.summary.value == "Follow up with Ann, O'Neil; [31mX"
    assert event.description.value == "Topics: a;b, c,d"


def test_ics_uids_are_stable_and_exports_reproducible(demo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("export", "ics", str(first), data=demo).returncode == 0
    # A change elsewhere in the store does not change the other events' UIDs.
    assert run("check", "eng", data=demo).returncode == 0
    result = run("export", "ics", str(second), data=demo)
    assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    events = events_by_uid(first.read_bytes())
    assert f"Wrote {len(events)} events to {second}." in result.stdout
    snap = Store(demo).load()
    live = [c for c in snap.contacts.contacts if not c.archived]
    assert len(events) == sum(len(c.milestones) for c in live) + sum(
        1
        for c in live
        if next_follow_up(c, snap.plan.settings, last_interaction_days(snap.journal).get(c.id))
    )
    yearly = [e for e in events.values() if hasattr(e, "rrule")]
    assert yearly and all(e.rrule.value.startswith("FREQ=YEARLY") for e in yearly)
    assert len(set(events)) == len(events)


def test_ics_uids_never_collide() -> None:
    contacts = book(
        contact(
            "x",
            milestones=[
                {"label": "Talk", "date": D("2026-12-01")},
                {"label": "Talk!", "date": D("2026-12-01")},
            ],
        )
    )
    events = events_by_uid(export_ics(plan(), contacts, journal(), DAY))
    assert list(events) == [
        "milestone-x-talk-2026-12-01@netplan",
        "milestone-x-talk-2026-12-01-2@netplan",
    ]


# --- CSV --------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    # Undo the spreadsheet formula guard.
    return [
        {
            k: v[1:] if v.startswith("'") and v[1:2] in ("=", "+", "-", "@") else v
            for k, v in r.items()
        }
        for r in rows
    ]


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def test_csv_round_trip(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "csv"
    result = run("export", "csv", str(target), data=demo)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == [
        "activity.csv",
        "completions.csv",
        "contacts.csv",
        "interactions.csv",
    ]
    assert (target / "contacts.csv").read_bytes().startswith(b"\xef\xbb\xbfid,name,company,")
    snap = Store(demo).load()
    last = last_interaction_days(snap.journal)

    rows = read_csv(target / "contacts.csv")
    assert len(rows) == len(snap.contacts.contacts)
    for row, c in zip(rows, snap.contacts.contacts, strict=True):
        assert row["id"] == c.id and row["name"] == c.name
        for name in ("company", "role", "email", "phone", "kind", "met_at", "notes", "created"):
            assert row[name] == cell(getattr(c, name)), (c.id, name)
        for name in ("cadence_days", "circle", "follow_up", "reviewed", "archived"):
            assert row[name] == cell(getattr(c, name)), (c.id, name)
        assert row["linkedin"] == c.handles.get("linkedin", "")
        assert (row["topics"].split("; ") if row["topics"] else []) == c.topics
        assert (row["tags"].split("; ") if row["tags"] else []) == c.tags
        assert row["next_follow_up"] == cell(next_follow_up(c, snap.plan.settings, last.get(c.id)))
        assert row["milestones"].count(" (yearly)") == sum(m.yearly for m in c.milestones)

    rows = read_csv(target / "interactions.csv")
    names = {c.id: c.name for c in snap.contacts.contacts}
    assert len(rows) == len(snap.journal.interactions)
    for row, i in zip(rows, snap.journal.interactions, strict=True):
        assert row == {
            "id": i.id,
            "contact": i.contact,
            "contact_name": names[i.contact],
            "date": i.on.isoformat(),
            "kind": i.kind.value,
            "exchange": i.exchange.value,
            "minutes": str(i.minutes),
            "note": cell(i.note),
            "venue": cell(i.venue),
            "follow_up": cell(i.follow_up),
            "promise": cell(i.promise),
            "kept": cell(i.kept),
            "with": "; ".join(i.with_),
            "event": cell(i.event),
            "source": cell(i.source),
            "last_from": cell(i.last_from),
        }

    rows = read_csv(target / "activity.csv")
    assert len(rows) == len(snap.activity.activity) > 0
    for row, a in zip(rows, snap.activity.activity, strict=True):
        assert row == {
            "id": a.id,
            "date": a.on.isoformat(),
            "platform": a.platform,
            "kind": a.kind.value,
            "url": cell(a.url),
            "text": cell(a.text),
            "contact": cell(a.contact),
            "contact_name": cell(names.get(a.contact or "")),
        }

    rows = read_csv(target / "completions.csv")
    titles = {r.id: r.title for r in snap.plan.routines}
    expected = {
        (day.isoformat(), routine_id): count
        for day, counts in snap.plan.completions.items()
        for routine_id, count in counts.items()
        if count
    }
    assert {(r["date"], r["routine"]): int(r["count"]) for r in rows} == expected
    assert all(r["routine_title"] == titles[r["routine"]] for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_csv_guards_against_formulas_but_keeps_numbers() -> None:
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("- met at PyCon") == "'- met at PyCon"
    assert spreadsheet_safe("+1 (555) 010-0100") == "+1 (555) 010-0100"
    assert spreadsheet_safe("-5") == "-5"
    assert spreadsheet_safe("Jane") == "Jane"
    contacts = book(contact("x", name="=cmd|' /C calc'!A0", phone="+44 20 7946 0958"))
    data = export_csv(plan(), contacts, journal())["contacts.csv"].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(data)))
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["phone"] == "+44 20 7946 0958"


# --- JSON ---------------------------------------------------------------------------------


def test_json_export_loads_back_into_the_models(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "netplan.json"
    result = run("export", "json", str(target), data=demo)
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert list(document) == ["plan", "contacts", "journal", "activity"]
    snap = Store(demo).load()
    assert Plan.model_validate_json(json.dumps(document["plan"])) == snap.plan
    assert ContactBook.model_validate_json(json.dumps(document["contacts"])) == snap.contacts
    assert Journal.model_validate_json(json.dumps(document["journal"])) == snap.journal
    assert ActivityLog.model_validate_json(json.dumps(document["activity"])) == snap.activity
    first = document["contacts"]["contacts"][0]
    assert first["created"] == snap.contacts.contacts[0].created.isoformat()
    assert all(isinstance(day, str) for day in document["plan"]["completions"])


# --- the command line ---------------------------------------------------------------------


def test_exports_write_files_atomically_and_change_no_store_file(
    demo: Path, tmp_path: Path
) -> None:
    before = files(demo)
    for args in (
        ["ics", str(tmp_path / "a.ics")],
        ["csv", str(tmp_path / "csv")],
        ["json", str(tmp_path / "a.json")],
    ):
        result = run("export", *args, data=demo)
        assert result.returncode == 0, (args, result.stderr)
    assert files(demo) == before
    assert not [p for p in tmp_path.rglob("*.tmp")]
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ics", "{tmp}/missing/a.ics"], "its folder does not exist"),
        (["json", "{tmp}"], "it is a folder, not a file"),
        (["csv", "{tmp}/file.txt"], "is a file; export csv writes into a folder"),
    ],
)
def test_export_failures_exit_1_with_the_file_named(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "file.txt").write_text("x")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run("export", *args, data=tmp_path / "s")
    assert result.returncode == 1
    assert expected in result.stderr
    assert args[1] in result.stderr
    assert "Traceback" not in result.stderr


def test_export_usage_errors(tmp_path: Path) -> None:
    for args in (["export"], ["export", "ics"], ["export", "xml", "x"]):
        result = run(*args, data=tmp_path / "s")
        assert result.returncode == 2, args
