"""The Month tab's events: listed beside the grid, `E` adds one, `enter` opens one."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from app_helpers import TODAY, make_app, make_store, on_disk, settle, wait_for
from rich.console import Console
from textual.widgets import Input, OptionList, Select, Static

from netplan.models import Contact, ContactBook, Event, Interaction, Journal
from netplan.store import Store
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.table import ContactTable
from netplan.tui.week.event_form import UNTIL_BEFORE_ON, EventForm
from netplan.tui.week.event_screen import EventScreen
from netplan.tui.week.events import EventList
from netplan.tui.week.panes import MonthPane

EVENTS = [
    Event(
        id="pycon-de-2026",
        title="PyCon DE",
        on=date(2026, 11, 14),
        until=date(2026, 11, 16),
        venue="Darmstadt",
        kind="conference",
        prep="Speaker list; three people to meet",
        going=["jane-doe"],
    ),
    Event(id="meetup-2026", title="Python Meetup", on=date(2026, 11, 28), kind="meetup"),
    Event(id="october-2026", title="October Fair", on=date(2026, 10, 5), kind="trade-show"),
    Event(id="board-2026", title="Board", on=date(2026, 10, 30), until=date(2026, 11, 1)),
]


@pytest.fixture
def events_store(tmp_path: Path) -> Store:
    store = make_store(tmp_path / "events")
    plan = store.read_plan().model_copy(update={"events": EVENTS})
    contacts = ContactBook(
        contacts=[
            Contact(id="jane-doe", name="Jane Doe"),
            Contact(id="sam-lee", name="Sam Lee"),
            Contact(id="ada-l", name="Ada L"),
        ]
    )
    journal = Journal(
        interactions=[
            Interaction.model_validate(
                {
                    "id": "i-20261115-1",
                    "contact": "jane-doe",
                    "on": date(2026, 11, 15),
                    "kind": "event",
                    "with": ["sam-lee"],
                    "event": "pycon-de-2026",
                }
            ),
            Interaction(id="i-20261117-1", contact="jane-doe", on=date(2026, 11, 17)),
        ]
    )
    store.load()
    store.save(plan=plan, contacts=contacts, journal=journal)
    return Store(store.folder)


def listed(app) -> list[str]:
    return app.query_one(MonthPane).query_one(EventList).shown_ids


async def open_month(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("2")
    await wait_for(pilot, lambda: app.query(MonthPane) and listed(app), what="the event list")


async def test_the_months_events_beside_the_grid(events_store: Store) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_month(pilot, app)
        pane = app.query_one(MonthPane)
        # Those whose days touch November, by first day: Board ends on Nov 1.
        assert listed(app) == ["board-2026", "pycon-de-2026", "meetup-2026"]
        events = pane.query_one(EventList)
        assert events.region.x >= pane.grid.region.right  # beside, not below
        prompts = [str(o.prompt) for o in events.options.options]
        assert prompts[1].startswith("✓ PyCon DE")  # attended: its last day has passed
        assert "Nov 14–16 · conf" in prompts[1]  # the kind, shortened to the room left
        assert not prompts[2].startswith("✓")  # Nov 28 is ahead
        await pilot.press("right_square_bracket")  # December: none
        await wait_for(pilot, lambda: listed(app) == [], what="an empty December")
        assert pane.query_one(".events-empty", Static).display


async def test_E_adds_an_event_and_u_undoes_it(events_store: Store) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_month(pilot, app)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, EventForm), what="the form")
        form = app.screen
        form.query_one("#title", Input).value = "Chamber Breakfast"
        form.query_one("#on", Input).value = "2026-11-26"
        form.query_one("#venue", Input).value = "Town Hall"
        form.query_one("#going", Input).value = "sam-lee, ada-l"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EventForm), what="saved")
        await settle(pilot, app)
        added = on_disk(events_store).plan.events[-1]
        assert (added.id, added.title, added.on) == (
            "chamber-breakfast",
            "Chamber Breakfast",
            date(2026, 11, 26),
        )
        assert (added.venue, added.going, added.until) == ("Town Hall", ["sam-lee", "ada-l"], None)
        assert "chamber-breakfast" in listed(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert [e.id for e in on_disk(events_store).plan.events] == [e.id for e in EVENTS]
        assert "chamber-breakfast" not in listed(app)


async def test_the_form_refuses_until_before_on_next_to_the_field(events_store: Store) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_month(pilot, app)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, EventForm), what="the form")
        form = app.screen
        form.query_one("#title", Input).value = "Backwards"
        form.query_one("#on", Input).value = "2026-11-20"
        form.query_one("#until", Input).value = "2026-11-19"
        form.query_one("#going", Input).value = "nobody-here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        until = form.query_one("#field-until")
        assert until.has_class("-invalid")
        assert str(until.query_one(".field-error").content) == UNTIL_BEFORE_ON
        going = form.query_one("#field-going")
        assert "nobody-here" in str(going.query_one(".field-error").content)
        assert not form.query_one("#field-on").has_class("-invalid")
        await pilot.press("escape")
        await settle(pilot, app)
        assert len(on_disk(events_store).plan.events) == len(EVENTS)


async def test_enter_opens_the_event_with_prep_going_met_and_the_rate(
    events_store: Store,
) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_month(pilot, app)
        await pilot.press("tab")  # from the grid to the list
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")  # PyCon DE
        await wait_for(pilot, lambda: isinstance(app.screen, EventScreen), what="the event")
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#event-body", Static).content)
        body = console.export_text()
        assert "Speaker list; three people to meet" in body
        assert "Going · 1" in body and "Jane Doe" in body
        assert "Met there · 2" in body and "Sam Lee" in body
        assert "Followed up within 48 hours: 1 of 2 (50%)" in body
        await pilot.press("escape")
        assert not isinstance(app.screen, EventScreen)


async def test_80x24_keeps_the_grid_and_puts_the_events_below(events_store: Store) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_month(pilot, app)
        pane = app.query_one(MonthPane)
        grid, events = pane.grid, pane.query_one(EventList)
        assert grid.region.width > 60 and grid.region.height >= 2 + len(grid.row_keys)
        assert events.region.y >= grid.region.bottom  # below, not beside
        assert events.region.height >= 3
        assert TODAY.month == 11  # the events above are in the month shown


async def test_event_text_is_shown_as_text(events_store: Store) -> None:
    path = events_store.folder / "plan.toml"
    path.write_text(path.read_text().replace('"PyCon DE"', '"[bold]PyCon[/] \\u001b[31mDE"'))
    app = make_app(Store(events_store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_month(pilot, app)
        prompt = str(app.query_one(EventList).options.get_option("pycon-de-2026").prompt)
        assert prompt.startswith("✓ [bold]PyCon[/]") and "\x1b" not in prompt
        await pilot.press("tab", "down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EventScreen), what="the event")
        title = app.screen.query_one(".dialog-title")
        assert str(title.content) == "[bold]PyCon[/] [31mDE"


async def test_the_log_form_names_the_event_and_the_others(events_store: Store) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await wait_for(pilot, lambda: app.query(ContactTable), what="the contacts")
        await pilot.pause()
        table = app.query_one(ContactTable)
        while table.current.contact.id != "ada-l":
            await pilot.press("down")
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="the log form")
        form = app.screen
        assert form.query_one("#field-event").display
        form.query_one("#with", Input).value = "sam-lee, nobody"
        form.query_one("#event", Select).value = "meetup-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "nobody" in str(form.query_one("#field-with .field-error").content)
        form.query_one("#with", Input).value = "sam-lee"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), what="logged")
        await settle(pilot, app)
        logged = on_disk(events_store).journal.interactions[-1]
        assert (logged.contact, logged.with_, logged.event) == ("ada-l", ["sam-lee"], "meetup-2026")


async def test_a_month_with_events_after_an_empty_one_gets_the_whole_width(
    events_store: Store,
) -> None:
    app = make_app(events_store)
    async with app.run_test(size=(160, 36)) as pilot:
        await open_month(pilot, app)
        await pilot.press("right_square_bracket")  # December: no events
        await wait_for(pilot, lambda: listed(app) == [], what="an empty December")
        await pilot.press("left_square_bracket", "left_square_bracket")  # October
        await wait_for(pilot, lambda: "october-2026" in listed(app), what="October")
        prompt = str(app.query_one(EventList).options.get_option("october-2026").prompt)
        assert prompt == "✓ October Fair\n  Oct 5 · trade-show"
