"""The default plan and the demo store: deterministic, valid, and realistic enough to show off."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from netplan.defaults import default_plan, default_routines
from netplan.demo import demo_data

TODAY = date(2026, 11, 25)  # a Wednesday
DAYS = [
    TODAY,
    date(2026, 11, 23),  # a Monday: the current week has only today
    date(2026, 11, 29),  # a Sunday
    date(2027, 1, 1),
    date(2028, 2, 20),  # a birthday soon falls on Feb 29 of a leap year
    date(2027, 2, 20),  # ... and of a common year
    date(2030, 12, 31),
]

SPEC_DEFAULTS = [
    ("engage-posts", "Engage with posts", "week", 3, "LinkedIn"),
    ("connect-people", "Connect with new people", "week", 2, None),
    ("share-resource", "Share a useful resource", "week", 1, None),
    ("write-article", "Write an industry article", "month", 1, None),
    ("attend-event", "Attend an industry event", "month", 1, None),
    ("review-contacts", "Review and update contacts", "month", 1, None),
]


def _next_occurrence(day: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # Feb 29 outside a leap year
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable")


# --- defaults ----------------------------------------------------------------------------


def test_default_routines_match_the_spec_table() -> None:
    rows = [(r.id, r.title, r.period.value, r.target, r.platform) for r in default_routines()]
    assert rows == SPEC_DEFAULTS
    for routine in default_routines():
        assert routine.kind.value == "networking"
        assert routine.minutes > 0
        assert not routine.archived


def test_default_plan() -> None:
    plan = default_plan()
    assert plan.schema_version == 1
    assert plan.settings.week_start.value == "monday"
    assert tuple(plan.settings.weekly_hours) == (5, 10)
    assert plan.settings.platforms == ["LinkedIn", "Twitter", "Slack"]
    assert plan.settings.theme == "textual-dark"
    assert plan.routines == default_routines()
    assert plan.completions == {}
    assert plan.goals == []


def test_defaults_are_fresh_objects() -> None:
    first = default_plan()
    first.routines[0].target = 99
    first.settings.platforms.append("Mastodon")
    assert default_plan().routines[0].target == 3
    assert default_plan().settings.platforms == ["LinkedIn", "Twitter", "Slack"]


# --- demo data ---------------------------------------------------------------------------


def test_demo_is_deterministic() -> None:
    assert demo_data(TODAY) == demo_data(TODAY)
    plan, book, journal = demo_data(TODAY)
    again = demo_data(TODAY)
    assert plan.model_dump_json() == again[0].model_dump_json()
    assert book.model_dump_json() == again[1].model_dump_json()
    assert journal.model_dump_json() == again[2].model_dump_json()


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_demo_shape(today: date) -> None:
    plan, book, journal = demo_data(today)
    ids = [c.id for c in book.contacts]
    assert 35 <= len(ids) <= 45
    assert len(set(ids)) == len(ids)
    for c in book.contacts:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id)
        if c.email is not None:
            assert c.email.endswith(("@example.com", "@example.org"))
        if "linkedin" in c.handles:
            assert c.handles["linkedin"].startswith("https://www.linkedin.com/in/")
    assert 1 <= sum(c.archived for c in book.contacts) <= 2
    assert 120 <= len(journal.interactions) <= 200
    assert {i.kind.value for i in journal.interactions} == {
        "message", "comment", "call", "coffee", "meeting", "event", "intro", "other",
    }  # fmt: skip
    assert all(i.venue for i in journal.interactions if i.kind.value == "event")
    assert any(i.promise for i in journal.interactions)
    assert len(plan.goals) == 3
    assert all(g.start is not None and g.start <= today for g in plan.goals)
    assert {"tag", "routine", None} == {
        next((k for k in ("tag", "routine") if getattr(g.source, k, None)), None)
        for g in plan.goals
    }
    assert plan.settings.cadence_by_tag == {
        "mentor": 30, "family": 14, "client": 21, "former-colleague": 60,
    }  # fmt: skip
    assert [r.id for r in plan.routines][:6] == [row[0] for row in SPEC_DEFAULTS]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_nothing_happens_after_today(today: date) -> None:
    plan, book, journal = demo_data(today)
    window = today - timedelta(days=today.weekday()) - timedelta(weeks=11)
    assert all(window <= i.on <= today for i in journal.interactions)
    assert all(window <= day <= today for day in plan.completions)
    for c in book.contacts:
        assert c.created is not None and c.created <= today
        assert c.reviewed is None or c.created <= c.reviewed <= today
        for m in c.milestones:
            assert not m.yearly or m.date < today


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_references_resolve(today: date) -> None:
    plan, book, journal = demo_data(today)
    contacts = {c.id: c for c in book.contacts}
    routines = {r.id for r in plan.routines}
    for i in journal.interactions:
        assert i.contact in contacts
        assert contacts[i.contact].created <= i.on
    for done in plan.completions.values():
        assert set(done) <= routines
        assert all(n > 0 for n in done.values())
    for g in plan.goals:
        if g.source is not None and g.source.routine is not None:
            assert g.source.routine in routines


def test_interaction_ids_number_each_day() -> None:
    _, _, journal = demo_data(TODAY)
    per_day: Counter[date] = Counter()
    for i in journal.interactions:
        per_day[i.on] += 1
        assert i.id == f"i-{i.on:%Y%m%d}-{per_day[i.on]}"
    assert [i.on for i in journal.interactions] == sorted(i.on for i in journal.interactions)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_follow_ups_obey_the_journal_rule(today: date) -> None:
    """Spec 3: an interaction's follow_up becomes the contact's; one without clears an earlier."""
    _, book, journal = demo_data(today)
    for c in book.contacts:
        mine = [i for i in journal.interactions if i.contact == c.id]
        replayed = None
        for i in mine:
            if i.follow_up is not None:
                replayed = i.follow_up
            elif replayed is not None and replayed <= i.on:
                replayed = None
        if replayed is not None:
            assert c.follow_up == replayed, c.id
        elif c.follow_up is not None and mine:
            assert c.follow_up > mine[-1].on, c.id  # set by hand after the last interaction


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_agenda_has_something_to_show(today: date) -> None:
    _, book, journal = demo_data(today)
    explicit = [c.follow_up for c in book.contacts if c.follow_up and not c.archived]
    assert any(f < today for f in explicit), "an overdue explicit follow-up"
    assert any(today <= f <= today + timedelta(days=7) for f in explicit), "one due this week"

    gave: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for i in journal.interactions:
        gave[i.contact] += i.exchange.value == "gave"
        asked[i.contact] += i.exchange.value == "asked"
    assert any(asked[c] > gave[c] for c in asked), "a give-first contact"

    soon = [
        m
        for c in book.contacts
        for m in c.milestones
        if m.yearly and _next_occurrence(m.date, today) <= today + timedelta(days=14)
    ]
    assert soon, "a milestone within 14 days"
    milestones = [m for c in book.contacts for m in c.milestones]
    assert any((m.date.month, m.date.day) == (2, 29) for m in milestones)
    assert any(not m.yearly and m.date > today for m in milestones)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_current_week_is_begun_not_finished(today: date) -> None:
    plan, _, _ = demo_data(today)
    monday = today - timedelta(days=today.weekday())
    done: Counter[str] = Counter()
    for day, counts in plan.completions.items():
        if day >= monday:
            done.update(counts)
    assert done["engage-posts"] == 1
    # last week the weekly routines were met
    last: Counter[str] = Counter()
    for day, counts in plan.completions.items():
        if monday - timedelta(weeks=1) <= day < monday:
            last.update(counts)
    for r in plan.routines:
        if r.period.value == "week" and r.id != "thank-publicly":
            assert last[r.id] >= r.target


def test_fintech_goal_counts_recent_fintech_contacts() -> None:
    plan, book, _ = demo_data(TODAY)
    goal = next(g for g in plan.goals if g.source and g.source.tag == "fintech")
    assert goal.target == 5 and goal.unit == "people"
    recent = [c for c in book.contacts if "fintech" in c.tags and c.created >= goal.start]
    assert 0 < len(recent) < goal.target


def test_demo_survives_a_toml_round_trip() -> None:
    from netplan.store import decode, encode

    plan, book, journal = demo_data(TODAY)
    for name, model in (("plan", plan), ("contacts", book), ("journal", journal)):
        assert decode(name, encode(model)) == model
