"""The first run: on an empty store (no routines, no contacts) the Week tab says what to do
next and with which keys; `s` adds the starter routines as one change; the panel goes once
a routine or a contact is there (and comes back when that is undone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_app, make_store, notified, on_disk, settle, wait_for

from netplan.defaults import default_routines
from netplan.models import ContactBook, Plan
from netplan.store import Store
from netplan.tui.contacts.form import ContactForm
from netplan.tui.week.panes import WeekPane
from netplan.tui.week.routine_form import RoutineForm
from netplan.tui.week.welcome import Welcome, first_run
from netplan.workspace import Data


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    store = make_store(tmp_path / "empty")
    store.load()
    store.save(plan=Plan())  # no routines
    return Store(store.folder)


def welcome_of(app) -> Welcome:
    return app.query_one(WeekPane).query_one(Welcome)


def welcome_text(app) -> str:
    """What the panel shows, as the terminal shows it (cut where the terminal cuts it)."""
    welcome = welcome_of(app)
    return "\n".join(welcome.render_line(y).text for y in range(welcome.size.height))


async def test_an_empty_store_shows_the_welcome_and_s_adds_the_starter_routines(
    empty_store: Store,
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert welcome_of(app).display
        text = welcome_text(app)
        for needle in (
            "Import LinkedIn's Connections.csv or export zip",
            "Add 6 starter routines: engage with posts 3/week",
            "Add a routine of your own",
            "Add a first contact",
            "netplan --data /tmp/netplan-demo demo; netplan --data /tmp/netplan-demo",
        ):
            assert needle in text
        await pilot.press("s")
        await settle(pilot, app)
        assert not welcome_of(app).display
        routines = on_disk(empty_store).plan.routines
        assert [r.id for r in routines] == [r.id for r in default_routines()]
        grid = app.query_one(WeekPane).grid
        assert grid.row_keys == [r.id for r in default_routines() if r.period.value == "week"]
        await notified(pilot, app, "Added the starter routines")
        await pilot.press("s")  # routines there: the key is off
        await settle(pilot, app)
        assert len(on_disk(empty_store).plan.routines) == len(default_routines())

        await pilot.press("u")  # one change: one undo takes them all away
        await settle(pilot, app)
        assert on_disk(empty_store).plan.routines == []
        assert welcome_of(app).display


async def test_the_welcome_goes_once_a_routine_is_added(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert welcome_of(app).display
        await pilot.press("a")
        assert isinstance(app.screen, RoutineForm)
        app.screen.query_one("#title").value = "Coffee with a colleague"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not welcome_of(app).display
        assert [r.title for r in on_disk(empty_store).plan.routines] == ["Coffee with a colleague"]


async def test_the_welcome_goes_once_a_contact_is_added(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert welcome_of(app).display
        await pilot.press("3", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), what="the form")
        app.screen.query_one("#name").value = "Jane Doe"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        assert not welcome_of(app).display
        await pilot.press("u")
        await settle(pilot, app)
        assert welcome_of(app).display


async def test_a_new_store_welcomes_until_something_of_the_users_is_there(
    store: Store, demo_store: Store
) -> None:
    # A new store is written with the starter routines: the welcome shows, offering a
    # check-off instead of `s`; the first check-off is the user's, and it goes.
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert welcome_of(app).display
        text = welcome_text(app)
        assert "Check off a routine below" in text and "starter routines" not in text
        await pilot.press("space")
        await settle(pilot, app)
        assert not welcome_of(app).display
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert not welcome_of(app).display


def test_while_the_contacts_load_there_is_no_welcome() -> None:
    assert not first_run(None)
    assert not first_run(Data(Plan()))  # contacts not loaded yet
    assert first_run(Data(Plan(), ContactBook()))


async def test_the_welcome_fits_80x24(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        welcome = welcome_of(app)
        assert welcome.display
        assert welcome.region.height <= 8
        text = welcome_text(app)
        assert "Welcome to netplan" in text  # first line and last one: nothing cut off
        assert "netplan --data /tmp/netplan-demo demo; netplan --data /tmp/netplan-demo" in text
        assert "3, a" in text
        assert app.query_one(WeekPane).grid.region.y < 24
