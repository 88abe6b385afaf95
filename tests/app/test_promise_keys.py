"""Promises and the journal's entries in the app: `K`, the agenda's promises, the Goals
tab's monthly rate, and `e`/`d` on an entry of the detail pane's journal, with undo."""

from __future__ import annotations

from datetime import date

from app_helpers import TODAY, make_app, messages, notified, on_disk, settle
from textual.widgets import Input, Static

from netplan.store import Store
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.dialogs import ConfirmDeleteEntry
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.journal import JournalList
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import FilterInput
from netplan.tui.contacts.table import ContactTable


async def open_contact(pilot, app, name: str) -> None:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("slash")
    app.query_one(FilterInput).value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.query_one(ContactTable).current.contact.name == name


def journal_of(store: Store, contact_id: str):
    return [i for i in on_disk(store).journal.interactions if i.contact == contact_id]


def agenda_text(app) -> str:
    return "\n".join(
        part.plain for agenda in app.query(".agenda-body") for part in agenda.content.renderables
    )


def journal_list(app) -> JournalList:
    return app.query_one(ContactDetail).journal


async def test_K_keeps_the_oldest_open_promise_and_u_undoes_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Amara Okafor")
        (promise,) = [i for i in journal_of(demo_store, "amara-okafor") if i.promise]
        assert promise.kept is None
        await pilot.press("K")
        await settle(pilot, app)
        await notified(pilot, app, "Kept “Send the deck” for Amara Okafor", "3 days late")
        kept = {i.id: i.kept for i in journal_of(demo_store, "amara-okafor")}
        assert kept[promise.id] == TODAY
        shown = "\n".join(t.plain for t in journal_list(app).render().renderables)
        assert "promised: Send the deck · kept 2026-11-25 (3d late)" in shown
        await pilot.press("u")
        await settle(pilot, app)
        kept = {i.id: i.kept for i in journal_of(demo_store, "amara-okafor")}
        assert kept[promise.id] is None


async def test_K_without_an_open_promise_says_so(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Henrik Dahl")
        before = (demo_store.folder / "journal.toml").read_bytes()
        await pilot.press("K")
        await notified(pilot, app, "Henrik Dahl has no open promise")
        await settle(pilot, app)
        assert (demo_store.folder / "journal.toml").read_bytes() == before


async def test_the_agenda_lists_open_promises_oldest_first(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        text = agenda_text(app)
        section = text.split("Promises · ", 1)[1].split("\n\n", 1)[0].splitlines()
        assert section[0].startswith("6 open · 2 overdue")
        # Each promise: the name and when, then (this narrow) what was promised, indented.
        people = [line for line in section[1:] if not line.startswith(("  ", "…"))]
        names = [line.split("  ")[0].strip() for line in people]
        assert names[:3] == ["Jonas Lindqvist", "Amara Okafor", "Rosa Marín"]
        assert "12d overdue" in people[0] and "Send the proposal" in section[2]
        assert "in 1d" in people[2]
        # Kept in the Contacts tab: gone from the agenda.
        await open_contact(pilot, app, "Amara Okafor")
        await pilot.press("K")
        await settle(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        section = agenda_text(app).split("Promises · ", 1)[1].split("\n\n", 1)[0]
        assert section.startswith("5 open · 1 overdue") and "Amara Okafor" not in section


async def test_the_goals_tab_shows_the_monthly_follow_through(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("4")
        await pilot.pause()
        heading = str(app.query_one("#promises-heading").render())
        caption = str(app.query_one("#promises-caption", Static).render())
        assert heading == "Promises kept in time per month · Jun–Nov"
        assert caption.splitlines() == [
            "November: 1 of 4 (25%)",
            "6 months: 2 of 5 kept in time (40%)",
        ]


async def test_the_journal_has_a_cursor_and_escape_goes_back(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Amara Okafor")
        journal = journal_list(app)
        assert len(journal.entries) > 2
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is journal and journal.cursor == 0
        await pilot.press("j", "down")
        await pilot.pause()
        assert journal.cursor == 2
        await pilot.press("k")
        assert journal.cursor == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(ContactTable)
        await pilot.press("e")  # on the table: the contact, as before
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")
        await pilot.press("J")
        await pilot.pause()
        assert app.focused is journal and journal.cursor == 1  # where it was


async def test_e_edits_a_journal_entry_and_u_undoes_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Amara Okafor")
        await pilot.press("tab", "j")
        await pilot.pause()
        entry = journal_list(app).current
        before = next(i for i in journal_of(demo_store, "amara-okafor") if i.id == entry.id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm) and form.entry.id == entry.id
        assert form.query_one("#on", Input).value == entry.on.isoformat()
        assert form.query_one("#note", Input).value == (entry.note or "")
        form.query_one("#note", Input).value = "Rewritten: [b]not markup[/b]"
        form.query_one("#minutes", Input).value = "50"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        after = next(i for i in journal_of(demo_store, "amara-okafor") if i.id == entry.id)
        assert (after.note, after.minutes) == ("Rewritten: [b]not markup[/b]", 50)
        assert after.model_copy(update={"note": before.note, "minutes": before.minutes}) == before
        assert journal_list(app).current.id == entry.id  # the cursor stayed on it
        assert app.focused is journal_list(app)
        await pilot.press("u")
        await settle(pilot, app)
        back = next(i for i in journal_of(demo_store, "amara-okafor") if i.id == entry.id)
        assert back == before


async def test_the_edit_form_keeps_a_promise_and_refuses_kept_without_one(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Jonas Lindqvist")
        await pilot.press("J")
        await pilot.pause()
        journal = journal_list(app)
        promised = next(n for n, i in enumerate(journal.entries) if i.promise)
        journal.cursor = promised
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#kept", Input).value = "2026-11-12"
        form.query_one("#promise", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused, next to the field
        error = form.query_one("#field-kept").query_one(".field-error")
        assert "only a promise can be kept" in str(error.render())
        form.query_one("#promise", Input).value = "Send the proposal"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        entry = journal.entries[promised]
        disk = next(i for i in journal_of(demo_store, "jonas-lindqvist") if i.id == entry.id)
        assert disk.kept == date(2026, 11, 12) and disk.promise == "Send the proposal"


async def test_d_deletes_a_journal_entry_after_asking_and_u_puts_it_back(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "Amara Okafor")
        before = journal_of(demo_store, "amara-okafor")
        everyone = on_disk(demo_store).journal.interactions
        await pilot.press("tab", "j")
        await pilot.pause()
        entry = journal_list(app).current
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDeleteEntry)
        await pilot.press("n")
        await settle(pilot, app)
        assert journal_of(demo_store, "amara-okafor") == before
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot, app)
        await notified(pilot, app, "Deleted the", "with Amara Okafor")
        assert entry.id not in {i.id for i in journal_of(demo_store, "amara-okafor")}
        assert len(journal_list(app).entries) == len(before) - 1
        assert app.focused is journal_list(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert on_disk(demo_store).journal.interactions == everyone  # in its place again
        assert not [m for m in messages(app) if "rror" in m]
