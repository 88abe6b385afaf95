"""`M` in the Contacts tab: the selected contact's likely duplicates, merged with enter, undone
with u; driven with the Pilot on the demo store plus two duplicates."""

from __future__ import annotations

import io

import pytest
from app_helpers import make_app, notified, on_disk, settle
from rich.console import Console
from textual.widgets import OptionList

from netplan.models import Contact, ContactBook, Interaction, Journal
from netplan.store import Store
from netplan.tui.common.help import HelpScreen
from netplan.tui.contacts.duplicates import DuplicatesScreen
from netplan.tui.contacts.pane import FilterInput
from netplan.tui.contacts.table import ContactTable


@pytest.fixture
def doubled(demo_store: Store) -> Store:
    """The demo, plus "A. Okafor" (Amara Okafor's email) with a journal entry, and a contact
    whose name looks like markup sharing Chen Wei's LinkedIn URL."""
    snapshot = demo_store.load()
    chen = next(c for c in snapshot.contacts.contacts if c.id == "chen-wei")
    extra = [
        Contact(
            id="a-okafor",
            name="A. Okafor",
            email="AMARA.OKAFOR@example.com",
            phone="+44 20 7946 0000",
            tags=["speaker-2027"],
        ),
        Contact(
            id="loud",
            name="[bold red]Loud[/]",
            handles={"linkedin": chen.handles["linkedin"].upper() + "/"},
        ),
    ]
    entry = Interaction(
        id="i-20261120-77", contact="a-okafor", on=snapshot.journal.interactions[0].on
    )
    demo_store.save(
        contacts=ContactBook(contacts=[*snapshot.contacts.contacts, *extra]),
        journal=Journal(interactions=[*snapshot.journal.interactions, entry]),
    )
    return Store(demo_store.folder)


def text_of(renderable) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


async def select(pilot, app, name: str) -> None:
    await pilot.press("slash")
    app.query_one(FilterInput).value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.query_one(ContactTable).current.contact.name == name


async def test_m_merges_a_duplicate_into_the_selected_contact_and_u_undoes_it(
    doubled: Store,
) -> None:
    before = on_disk(doubled)
    amara = next(c for c in before.contacts.contacts if c.id == "amara-okafor")
    assert amara.phone is None
    app = make_app(doubled)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await select(pilot, app, "Amara Okafor")
        await pilot.press("M")
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        options = screen.query_one(OptionList)
        assert options.option_count == 1
        shown = text_of(options.get_option_at_index(0).prompt)
        assert "A. Okafor" in shown and "AMARA.OKAFOR@example.com" in shown
        assert "same email" in shown and "1 journal entry" in shown
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, DuplicatesScreen)
        await notified(pilot, app, "Merged A. Okafor into Amara Okafor", "u undoes it")
        after = on_disk(doubled)
        assert "a-okafor" not in {c.id for c in after.contacts.contacts}
        merged = next(c for c in after.contacts.contacts if c.id == "amara-okafor")
        assert merged.email == amara.email and merged.phone == "+44 20 7946 0000"
        assert merged.tags == [*amara.tags, "speaker-2027"]
        moved = next(i for i in after.journal.interactions if i.id == "i-20261120-77")
        assert moved.contact == "amara-okafor"
        assert "A. Okafor" not in [r.contact.name for r in app.query_one(ContactTable).rows]
        await pilot.press("u")
        await settle(pilot, app)
        restored = on_disk(doubled)
        assert restored.contacts == before.contacts
        assert restored.journal == before.journal


async def test_m_without_duplicates_says_so_and_escape_merges_nothing(doubled: Store) -> None:
    before = on_disk(doubled)
    app = make_app(doubled)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await select(pilot, app, "Lukas Becker")
        await pilot.press("M")
        await notified(pilot, app, "No likely duplicates of Lukas Becker")
        assert not isinstance(app.screen, DuplicatesScreen)
        await select(pilot, app, "Chen Wei")
        await pilot.press("M")
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        # A name that looks like markup is shown as it is written.
        shown = text_of(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "[bold red]Loud[/]" in shown and "same LinkedIn URL" in shown
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, DuplicatesScreen)
        assert on_disk(doubled).contacts == before.contacts


async def test_m_is_listed_in_help_and_the_palette(doubled: Store) -> None:
    app = make_app(doubled)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {desc.split(":")[0]: keys for keys, desc in app.screen.rows}
        assert listed["Merge"] == "M"
        await pilot.press("escape")
        assert "Contacts: Merge" in [c.title for c in app.get_system_commands(app.screen)]
