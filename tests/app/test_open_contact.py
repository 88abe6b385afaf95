"""Opening a contact from elsewhere (the agenda's enter and `l`): ContactsPane.show_contact."""

from __future__ import annotations

import io
import threading

import pytest
from app_helpers import make_app, notified, settle, wait_for
from rich.console import Console
from textual.widgets import Static, TabbedContent

from netplan.store import Store
from netplan.tui.common.messages import OpenContact
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import ContactsPane, FilterInput
from netplan.tui.contacts.table import ContactTable


def current_id(app) -> str | None:
    row = app.query_one(ContactTable).current
    return row.id if row is not None else None


def detail_head(app) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(app.query_one(ContactDetail).query_one(".contact-detail-body").content)
    return console.file.getvalue()


def status(app) -> str:
    return str(app.query_one("#contacts-status", Static).content)


def tab_label(app) -> str:
    return str(app.query_one(TabbedContent).get_tab("contacts").label)


async def opened(pilot, app, contact_id: str) -> None:
    await wait_for(pilot, lambda: current_id(app) == contact_id, what=f"{contact_id} selected")
    await pilot.pause()


async def test_show_contact_selects_it_though_the_filter_hid_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await pilot.press("slash", *"chiara", "enter")
        await pilot.pause()
        assert current_id(app) == "chiara-bianchi"
        await pilot.press("1")  # from the Week tab, as the agenda does
        app.post_message(OpenContact("amara-okafor"))
        await opened(pilot, app, "amara-okafor")
        assert app.query_one(TabbedContent).active == "contacts"
        assert app.query_one(FilterInput).value == ""
        assert "Amara Okafor" in detail_head(app)
        assert app.focused is app.query_one(ContactTable)
        assert "Showing Amara Okafor: filter cleared" in status(app)
        assert len(app.query_one(ContactTable).rows) == 38  # the whole list again
        await pilot.pause(0.1)  # the cleared field's Changed event keeps the cursor there
        assert current_id(app) == "amara-okafor"


async def test_a_filter_that_shows_the_contact_stays(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await pilot.press("slash", *"fintech", "enter")
        await pilot.pause()
        shown = len(app.query_one(ContactTable).rows)
        app.query_one(ContactsPane).show_contact("amara-okafor")
        await opened(pilot, app, "amara-okafor")
        assert app.query_one(FilterInput).value == "fintech"
        assert len(app.query_one(ContactTable).rows) == shown


async def test_the_circle_filter_is_cleared_when_it_hides_the_contact(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3", "c")  # circle 5 only
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        assert pane.circle == 5
        inside = {row.id for row in app.query_one(ContactTable).rows}
        outside = next(r.id for r in app.people.rows if r.id not in inside)
        pane.show_contact(outside)
        await opened(pilot, app, outside)
        assert pane.circle is None
        assert "circle filter cleared" in status(app)


async def test_log_opens_the_log_form_for_that_contact(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.post_message(OpenContact("chen-wei", log=True))
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="the log form")
        await pilot.pause()
        assert app.screen.row.id == "chen-wei"
        assert current_id(app) == "chen-wei"


async def test_an_unknown_contact_is_said(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        before = current_id(app)
        app.post_message(OpenContact("nobody-at-all", log=True))
        await notified(pilot, app, "No such contact")
        assert not isinstance(app.screen, LogForm)
        assert current_id(app) == before


async def test_an_archived_contact_opens_in_the_archived_list(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.post_message(OpenContact("omar-siddiqui"))
        await opened(pilot, app, "omar-siddiqui")
        assert app.query_one(ContactsPane).archived_view
        assert tab_label(app) == "Archived contacts · 2"
        assert "Omar Siddiqui" in detail_head(app)
        app.post_message(OpenContact("amara-okafor"))  # and back to the others
        await opened(pilot, app, "amara-okafor")
        assert not app.query_one(ContactsPane).archived_view
        assert tab_label(app).startswith("Contacts 38")


async def test_asked_while_the_people_load_it_waits_for_them(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = Store.read_contacts

    def slow(self, *args):
        release.wait(5)
        return real(self, *args)

    monkeypatch.setattr(Store, "read_contacts", slow)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: bool(app.query("#contacts-pane")), what="the pane")
        app.post_message(OpenContact("amara-okafor", log=True))
        await pilot.pause(0.1)
        assert app.people is None and current_id(app) is None
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="the log form")
        await pilot.pause()
        assert app.screen.row.id == "amara-okafor"
        assert current_id(app) == "amara-okafor"
