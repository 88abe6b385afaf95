"""`netplan due --format waybar|line` and the items `notify` sends: built from the due report."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import TODAY, run
from factories import D, book, contact, interaction, journal, plan, routine

from netplan.domain.due import due_json, due_report
from netplan.domain.due_formats import (
    due_items,
    notification,
    only,
    status_line,
    waybar,
)
from netplan.domain.people_index import PeopleIndex
from netplan.store import Store

DAY = D(TODAY)


def _report(*contacts, routines=(), interactions=(), days=7, today=DAY):
    p = plan(*routines)
    j = journal(*interactions)
    people = PeopleIndex.of(book(*contacts), j, p.settings, today)
    return due_report(p, people, today, days)


def _mixed(**kw):
    return _report(
        contact("jane-doe", name="Jane Doe", follow_up=D("2026-11-20")),  # 5 days overdue
        contact("tom", name="Tom Today", follow_up=DAY),
        contact("sam", name="Sam Lee", follow_up=D("2026-11-30")),  # in 5 days
        contact(
            "mia",
            name="Mia Wong",
            milestones=[{"label": "Birthday", "date": D("1990-11-26"), "yearly": True}],
        ),
        routines=[routine("engage-posts", "week", 3, title="Engage with posts")],
        interactions=[
            interaction(
                "sam", "2026-11-01", id="i-deck", promise="Send the deck", follow_up=D("2026-11-24")
            )
        ],
        **kw,
    )


def test_items_in_due_order_with_urgency_and_plain_lines() -> None:
    items = due_items(_mixed())
    assert [(i.kind, i.urgency) for i in items] == [
        ("followup", "overdue"),
        ("followup", "today"),
        ("followup", "soon"),
        ("promise", "overdue"),
        ("milestone", "soon"),
        ("routine", "open"),
    ]
    lines = [i.line for i in items]
    assert lines[0] == "Follow up with Jane Doe: 5 days overdue (2026-11-20)"
    assert lines[1] == "Follow up with Tom Today: due today"
    assert lines[2] == "Follow up with Sam Lee: due in 5 days (2026-11-30)"
    assert lines[3] == "Promise to Sam Lee: Send the deck, 1 day overdue (2026-11-24)"
    assert lines[4] == "Birthday: Mia Wong, tomorrow (2026-11-26)"
    assert lines[5] == "Engage with posts: 0/3 this week"


def test_keys_are_stable_and_change_when_the_item_does() -> None:
    first = [i.key for i in due_items(_mixed())]
    assert first == [i.key for i in due_items(_mixed())]
    assert len(set(first)) == len(first)
    # The same follow-up on the next day is the same item; moved to another day it is new.
    later = _report(
        contact("jane-doe", name="Jane Doe", follow_up=D("2026-11-20")), today=D("2026-11-26")
    )
    assert due_items(later)[0].key == first[0]
    moved = _report(contact("jane-doe", name="Jane Doe", follow_up=D("2026-11-21")))
    assert due_items(moved)[0].key != first[0]


def test_waybar_text_class_and_tooltip() -> None:
    data = waybar(_mixed())
    assert list(data) == ["text", "tooltip", "class"]
    # Overdue and today count; the follow-up in 5 days, the milestone tomorrow and the routine
    # do not (a bar that never empties says nothing), but the tooltip lists them all.
    assert data["text"] == "3 due"
    assert data["class"] == "overdue"
    assert data["tooltip"].split("\n") == [i.line for i in due_items(_mixed())]


def test_waybar_classes_step_down_to_none() -> None:
    today_only = waybar(_report(contact("tom", name="Tom", follow_up=DAY)))
    assert (today_only["text"], today_only["class"]) == ("1 due", "due")
    soon = waybar(_report(contact("sam", name="Sam", follow_up=D("2026-11-27"))))
    assert (soon["text"], soon["class"]) == ("1 soon", "soon")
    nothing = waybar(_report(routines=[routine("r", "week", 1, title="Post")]))
    assert (nothing["text"], nothing["class"]) == ("", "none")
    assert nothing["tooltip"] == "Post: 0/1 this week"
    empty = waybar(_report())
    assert empty == {"text": "", "tooltip": "Nothing due", "class": "none"}


def test_status_line() -> None:
    assert status_line(_mixed()) == "netplan: 2 overdue · 1 today · 2 soon"
    assert status_line(_mixed(days=0)) == "netplan: 2 overdue · 1 today"
    assert status_line(_report(routines=[routine()])) == "netplan: nothing due"


HOSTILE = 'Eve \x1b]0;pwned\x07 "Q" \\ </b> &amp;\nNext\u2028Line \u202eevil'


def test_hostile_names_stay_one_line_without_escape_sequences() -> None:
    report = _report(
        contact("eve", name=HOSTILE, follow_up=D("2026-11-20")),
        contact(
            "bob",
            name="Bob",
            milestones=[{"label": "New\r\nrole \x1b[31m", "date": DAY, "yearly": False}],
        ),
        routines=[routine("r", "week", 1, title="Title\x9b2J")],
    )
    items = due_items(report)
    assert len(items) == 3
    for item in items:
        assert item.line.isprintable(), item.line  # no ESC, CSI, BEL, line or paragraph break
    assert '"Q" \\ </b> &amp;' in items[0].line  # printable text is kept as it is
    encoded = json.dumps(waybar(report), ensure_ascii=False)
    assert "\n" not in encoded and "\x1b" not in encoded
    decoded = json.loads(encoded)
    assert len(decoded["tooltip"].split("\n")) == 3
    assert decoded["class"] == "overdue"


def test_only_keeps_the_chosen_items_in_the_due_json_shape() -> None:
    report = _mixed()
    items = due_items(report)
    chosen = {items[1].key, items[3].key, items[5].key}
    data = due_json(only(report, chosen))
    assert list(data) == list(due_json(report))
    assert [f["contact"] for f in data["followups"]] == ["tom"]
    assert [p["promise"] for p in data["promises"]] == ["Send the deck"]
    assert data["milestones"] == []
    assert [r["routine"] for r in data["routines"]] == ["engage-posts"]
    assert only(report, {i.key for i in items}) == report


def test_notification_summary_and_capped_body() -> None:
    summary, body = notification(due_items(_mixed()))
    assert summary == "netplan: 2 overdue, 1 today, 2 soon, 1 routine"
    assert body.split("\n")[0] == "Follow up with Jane Doe: 5 days overdue (2026-11-20)"
    many = _report(*(contact(f"p{n}", name=f"P {n}", follow_up=D("2026-11-01")) for n in range(25)))
    summary, body = notification(due_items(many), shown=20)
    assert summary == "netplan: 25 overdue"
    assert len(body.split("\n")) == 21 and body.endswith("… and 5 more")


# --- the command line -----------------------------------------------------------------------


def _store(folder: Path) -> Path:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        plan=plan(routine("engage-posts", "week", 2, title="Engage with posts")),
        contacts=book(
            contact("jane-doe", name="Jane Doe", follow_up=D("2026-11-20")),
            contact("eve", name=HOSTILE, follow_up=D("2026-11-27")),
        ),
    )
    return folder


def test_due_format_waybar_prints_one_line_of_json(tmp_path: Path) -> None:
    result = run("due", "--format", "waybar", data=_store(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "\x1b" not in result.stdout
    data = json.loads(result.stdout)
    assert data["text"] == "1 due" and data["class"] == "overdue"
    assert data["tooltip"].split("\n")[0] == (
        "Follow up with Jane Doe: 5 days overdue (2026-11-20)"
    )
    assert len(data["tooltip"].split("\n")) == 3


def test_due_format_line_and_days(tmp_path: Path) -> None:
    folder = _store(tmp_path / "s")
    assert run("due", "--format", "line", data=folder).stdout == ("netplan: 1 overdue · 1 soon\n")
    assert run("due", "--format=line", "--days", "0", data=folder).stdout == (
        "netplan: 1 overdue\n"
    )


def test_due_format_usage_errors_exit_2(tmp_path: Path) -> None:
    folder = _store(tmp_path / "s")
    both = run("due", "--json", "--format", "waybar", data=folder)
    assert both.returncode == 2
    assert "not allowed with argument --json" in both.stderr
    assert "Traceback" not in both.stderr
    bogus = run("due", "--format", "xml", data=folder)
    assert bogus.returncode == 2 and "invalid choice" in bogus.stderr
