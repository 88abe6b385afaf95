"""`A` in the Contacts tab lists the archived contacts; `r` restores one, `u` undoes it."""

from __future__ import annotations

from app_helpers import make_app, notified, on_disk, settle, wait_for
from textual.widgets import Static, TabbedContent

from netplan.store import Store
from netplan.tui.contacts.dialogs import ConfirmDelete
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import FilterInput
from netplan.tui.contacts.table import ContactTable

ARCHIVED = ["Omar Siddiqui", "Viktor Petrov"]  # the demo's


def names(app) -> list[str]:
    return [row.contact.name for row in app.query_one(ContactTable).rows or []]


def tab_label(app) -> str:
    return str(app.query_one(TabbedContent).get_tab("contacts").label)


def status(app) -> str:
    return str(app.query_one("#contacts-status", Static).content)


def archived_on_disk(store: Store) -> list[str]:
    return sorted(c.name for c in on_disk(store).contacts.contacts if c.archived)


def keys_here(app) -> dict[str, str]:
    return {key: active.binding.action for key, active in app.screen.active_bindings.items()}


async def open_archived(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()
    assert not set(ARCHIVED) & set(names(app))  # the usual list leaves them out
    assert "r" not in keys_here(app)  # nothing to restore there
    await pilot.press("A")
    await pilot.pause()


async def test_A_lists_the_archived_ones_and_again_the_others(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_archived(pilot, app)
        assert names(app) == ARCHIVED
        assert tab_label(app) == "Archived contacts · 2"
        assert status(app).startswith("Archived contacts · 2")
        assert keys_here(app)["r"] == "unarchive"
        await pilot.press("slash", *"viktor", "enter")  # the filter works there too
        await pilot.pause()
        assert names(app) == ["Viktor Petrov"]
        assert status(app).startswith("Archived contacts · 1 of 2")
        await pilot.press("escape", "A")
        await pilot.pause()
        assert len(names(app)) == 38
        assert tab_label(app).startswith("Contacts 38")
        assert "r" not in keys_here(app)


async def test_r_restores_and_u_undoes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_archived(pilot, app)
        assert app.query_one(ContactTable).current.contact.name == "Omar Siddiqui"
        await pilot.press("r")
        await settle(pilot, app)
        await notified(pilot, app, "Restored Omar Siddiqui. Press u to undo")
        assert archived_on_disk(demo_store) == ["Viktor Petrov"]
        assert names(app) == ["Viktor Petrov"]
        assert tab_label(app) == "Archived contacts · 1"
        await pilot.press("u")
        await settle(pilot, app)
        assert archived_on_disk(demo_store) == ARCHIVED
        assert names(app) == ARCHIVED
        await pilot.press("A")
        await pilot.pause()
        assert len(names(app)) == 38


async def test_restored_they_are_listed_with_the_others(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_archived(pilot, app)
        await pilot.press("j", "r")  # Viktor
        await settle(pilot, app)
        await wait_for(pilot, lambda: names(app) == ["Omar Siddiqui"], what="one left")
        await pilot.press("A")
        await pilot.pause()
        assert "Viktor Petrov" in names(app)
        assert tab_label(app).startswith("Contacts 39")


async def test_edit_log_and_delete_work_on_an_archived_contact(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_archived(pilot, app)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), what="the form")
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactForm), what="closed")
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="the log form")
        await pilot.pause()
        assert app.screen.row.contact.name == "Omar Siddiqui"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), what="closed")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDelete), what="asked")
        await pilot.press("y")
        await settle(pilot, app)
        assert archived_on_disk(demo_store) == ["Viktor Petrov"]
        assert "Omar Siddiqui" not in {c.name for c in on_disk(demo_store).contacts.contacts}
        assert names(app) == ["Viktor Petrov"]
        assert app.query_one(FilterInput).value == ""
