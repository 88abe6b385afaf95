"""Midnight while the app runs: today follows the clock (a fake one here, moved by hand)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from app_helpers import TODAY, on_disk, settle
from rich.console import Console
from textual.coordinate import Coordinate
from textual.widgets import Input, Label, TabbedContent

from netplan.domain.budget import minutes_in_week
from netplan.domain.clock import Clock
from netplan.domain.people_index import PeopleIndex
from netplan.store import Store
from netplan.tui.app import NetplanApp
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import FilterInput
from netplan.tui.contacts.table import ContactTable
from netplan.tui.week.agenda import _hours
from netplan.tui.week.panes import WeekPane

TOMORROW = TODAY + timedelta(days=1)  # Thursday 26
NEXT_MONDAY = date(2026, 11, 30)


class Wall:
    """A wall clock that says what the test set."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def app_on(store: Store, wall: Wall) -> NetplanApp:
    app = NetplanApp(store=store, today=wall.day, clock=Clock(now=wall))
    app.animation_level = "none"
    return app


def title_of(app) -> str:
    return str(app.query_one(WeekPane).query_one(".period-title", Label).content)


def today_columns(app) -> list[int]:
    """The columns the grid's header draws as today."""
    grid = app.query_one(WeekPane).grid
    return [n for n, column in enumerate(grid.ordered_columns) if column.label.style]


def agenda_text(app) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    for agenda in app.query(".agenda-body"):
        console.print(agenda.content)
    return console.file.getvalue()


async def open_log_form(pilot, app, name: str) -> LogForm:
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("slash")
    app.query_one(FilterInput).value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.query_one(ContactTable).current.contact.name == name
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(app.screen, LogForm)
    return app.screen


def logged_on(store: Store) -> date:
    disk = on_disk(store)
    return disk.journal.interactions[-1].on


async def test_midnight_moves_the_today_column_and_the_cursor(store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        grid = app.query_one(WeekPane).grid
        await pilot.press("down")
        assert grid.cursor_coordinate == Coordinate(1, 2)  # Wed 25
        assert today_columns(app) == [2]
        wall.day = TOMORROW
        assert app.check_day() == TOMORROW
        await pilot.pause()
        assert app.today == TOMORROW
        assert app.workspace.today == TOMORROW
        assert today_columns(app) == [3]
        assert grid.cursor_coordinate == Coordinate(1, 3)  # the same routine, Thu 26
        assert title_of(app) == "2026-W48 · Nov 23–29"
        await pilot.press("space")  # checks off the new today
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TOMORROW: {"connect-people": 1}}


async def test_a_new_week_follows_when_this_week_was_shown(store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        wall.day = NEXT_MONDAY
        app.check_day()
        await pilot.pause()
        assert title_of(app) == "2026-W49 · Nov 30–Dec 6"
        assert today_columns(app) == [0]
        assert app.query_one(WeekPane).grid.cursor_coordinate == Coordinate(0, 0)


async def test_a_view_of_another_week_and_a_cursor_elsewhere_stay(store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        grid = app.query_one(WeekPane).grid
        await pilot.press("left")
        assert grid.cursor_coordinate == Coordinate(0, 1)  # Tue 24, not today
        wall.day = TOMORROW
        app.check_day()
        await pilot.pause()
        assert today_columns(app) == [3]
        assert grid.cursor_coordinate == Coordinate(0, 1)
        await pilot.press("right_square_bracket")  # next week
        assert title_of(app) == "2026-W49 · Nov 30–Dec 6"
        wall.day = TOMORROW + timedelta(days=1)
        app.check_day()
        await pilot.pause()
        assert title_of(app) == "2026-W49 · Nov 30–Dec 6"  # the user went there: it stays


async def test_a_log_after_midnight_gets_the_new_day(demo_store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(demo_store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        wall.day = TOMORROW
        app.check_day()
        await pilot.pause()
        assert app.workspace.today == TOMORROW
        assert app.people.today == TOMORROW
        form = await open_log_form(pilot, app, "Chen Wei")
        assert form.today == TOMORROW
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, LogForm)
        await settle(pilot, app)
        assert logged_on(demo_store) == TOMORROW
        interaction = on_disk(demo_store).journal.interactions[-1]
        assert interaction.id.startswith("i-20261126-")
        assert app.query_one(ContactTable).current.last == TOMORROW


async def test_a_log_form_open_across_midnight_logs_the_day_it_is_saved(
    demo_store: Store,
) -> None:
    wall = Wall(TODAY)
    app = app_on(demo_store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        form = await open_log_form(pilot, app, "Chen Wei")
        assert form.query_one("#on", Input).value == "today"
        wall.day = TOMORROW  # no tick yet: saving asks the clock
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, LogForm)
        await settle(pilot, app)
        assert logged_on(demo_store) == TOMORROW
        assert app.workspace.today == TOMORROW


async def test_opening_the_log_form_after_midnight_asks_the_clock(demo_store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(demo_store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        wall.day = TOMORROW  # the 30 s tick has not come yet
        form = await open_log_form(pilot, app, "Chen Wei")
        assert form.today == TOMORROW
        assert app.today == TOMORROW


async def test_a_new_week_starts_the_agenda_time_from_nothing(demo_store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(demo_store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        spent = minutes_in_week(app.data.plan, app.data.journal, TODAY)
        assert spent > 0
        assert f" {_hours(spent)} of " in agenda_text(app)
        wall.day = NEXT_MONDAY
        app.check_day()
        await pilot.pause()
        assert minutes_in_week(app.data.plan, app.data.journal, NEXT_MONDAY) == 0
        assert f" {_hours(0)} of " in agenda_text(app)


async def test_the_contacts_overdue_count_follows_the_new_day(demo_store: Store) -> None:
    wall = Wall(TODAY)
    app = app_on(demo_store, wall)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        data = app.data
        later = TODAY + timedelta(days=10)
        before = PeopleIndex.of(data.contacts, data.journal, data.plan.settings, TODAY)
        after = PeopleIndex.of(data.contacts, data.journal, data.plan.settings, later)
        assert after.overdue > before.overdue  # the demo has follow-ups in the next ten days
        label = app.query_one(TabbedContent).get_tab("contacts").label
        assert f"{before.overdue} overdue" in str(label)
        assert f"Follow-ups · {before.overdue} overdue" in agenda_text(app)
        wall.day = later
        app.check_day()
        await pilot.pause()
        label = app.query_one(TabbedContent).get_tab("contacts").label
        assert f"{after.overdue} overdue" in str(label)
        assert f"Follow-ups · {after.overdue} overdue" in agenda_text(app)
        assert app.query_one(ContactTable).today == later


async def test_a_given_today_without_a_clock_stays_put(store: Store) -> None:
    app = NetplanApp(store=store, today=TODAY)
    app.day_clock.now = lambda: TOMORROW  # the wall clock is not asked
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert app.check_day() == TODAY
        assert app.workspace.today == TODAY
