from __future__ import annotations

import json

from factories import D, book, contact, interaction, journal, plan, routine

from netplan.domain.due import DueReport, due_json, due_report
from netplan.domain.people_index import PeopleIndex

TODAY = D("2026-11-25")


def people(p, contacts, j) -> PeopleIndex:
    return PeopleIndex.of(contacts, j, p.settings, TODAY)


def _store() -> tuple:
    p = plan(
        routine("engage-posts", "week", 3, title="Engage with posts", platform="LinkedIn"),
        routine("write-article", "month", 1, title="Write an industry article"),
        routine("connect-people", "week", 2, title="Connect with new people"),
        routine("attend-event", "month", 1, title="Attend an industry event"),
        routine("share-resource", "week", 1, title="Share a useful resource"),
        routine("old", "week", 1, archived=True),
        completions={
            "2026-11-24": {"engage-posts": 1, "share-resource": 1, "attend-event": 1},
            "2026-11-20": {"connect-people": 2},  # last week: does not count now
        },
    )
    contacts = book(
        contact(
            "jane-doe",
            name="Jane Doe",
            cadence_days=30,
            created=D("2026-01-01"),
            milestones=[{"label": "Birthday", "date": D("1990-11-28"), "yearly": True}],
        ),
        contact("sam", name="Sam Lee", follow_up=D("2026-11-30")),
        contact("far", name="Far Away", follow_up=D("2026-12-30")),
        contact(
            "gone",
            name="Gone",
            follow_up=D("2026-01-01"),
            archived=True,
            milestones=[{"label": "Birthday", "date": D("1990-11-26"), "yearly": True}],
        ),
    )
    j = journal(interaction("jane-doe", "2026-10-21", minutes=45))
    return p, contacts, j


def test_due_report() -> None:
    p, contacts, j = _store()
    report = due_report(p, people(p, contacts, j), TODAY)
    assert isinstance(report, DueReport) and report.today == TODAY
    assert [(f.contact.id, f.overdue_days) for f in report.followups] == [
        ("jane-doe", 5),
        ("sam", -5),
    ]
    assert [(m.contact.id, m.on) for m in report.milestones] == [("jane-doe", D("2026-11-28"))]
    # Unmet: weekly first, then monthly, each in plan order; met and archived ones left out.
    assert [r.routine.id for r in report.routines] == [
        "engage-posts",
        "connect-people",
        "write-article",
    ]


def test_due_report_days_window() -> None:
    p, contacts, j = _store()
    report = due_report(p, people(p, contacts, j), TODAY, days=0)
    assert [f.contact.id for f in report.followups] == ["jane-doe"]
    assert report.milestones == []
    wide = due_report(p, people(p, contacts, j), TODAY, days=40)
    assert [f.contact.id for f in wide.followups] == ["jane-doe", "sam", "far"]


def test_due_json_exact_shape() -> None:
    p, contacts, j = _store()
    data = due_json(due_report(p, people(p, contacts, j), TODAY))
    assert data == {
        "today": "2026-11-25",
        "followups": [
            {"contact": "jane-doe", "name": "Jane Doe", "due": "2026-11-20", "overdue_days": 5},
            {"contact": "sam", "name": "Sam Lee", "due": "2026-11-30", "overdue_days": -5},
        ],
        "milestones": [
            {"contact": "jane-doe", "name": "Jane Doe", "label": "Birthday", "date": "2026-11-28"},
        ],
        "routines": [
            {
                "routine": "engage-posts",
                "title": "Engage with posts",
                "period": "week",
                "done": 1,
                "target": 3,
            },
            {
                "routine": "connect-people",
                "title": "Connect with new people",
                "period": "week",
                "done": 0,
                "target": 2,
            },
            {
                "routine": "write-article",
                "title": "Write an industry article",
                "period": "month",
                "done": 0,
                "target": 1,
            },
        ],
        "promises": [],
    }
    assert list(data) == ["today", "followups", "milestones", "routines", "promises"]
    # Plain JSON types all the way down (no dates, no enums).
    assert json.loads(json.dumps(data)) == data
    assert type(data["routines"][0]["period"]) is str


def test_due_json_empty() -> None:
    data = due_json(due_report(plan(), people(plan(), book(), journal()), TODAY))
    assert data == {
        "today": "2026-11-25",
        "followups": [],
        "milestones": [],
        "routines": [],
        "promises": [],
    }
