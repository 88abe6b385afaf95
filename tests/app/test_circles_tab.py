"""Circles in the Contacts tab: the `c` filter, the capacity note, the form's circle field."""

from __future__ import annotations

from app_helpers import make_app, on_disk, settle
from textual.widgets import Input, Select, Static

from netplan.demo.people import CIRCLES
from netplan.store import Store
from netplan.tui.contacts.circles import CircleNote
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.table import ContactTable


def shown_ids(app) -> list[str]:
    return [row.id for row in app.query_one(ContactTable).rows or []]


def status(app) -> str:
    return str(app.query_one("#contacts-status", Static).content)


async def open_tab(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()


async def test_c_cycles_the_circle_filter_with_the_inner_circles(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        everyone = shown_ids(app)
        inner = {cid for cid, circle in CIRCLES.items() if circle == 5}
        await pilot.press("c")
        assert set(shown_ids(app)) == inner
        assert status(app).startswith(f"{len(inner)} of {len(everyone)} contacts · circle 5 ·")
        await pilot.press("c")
        fifteen = {cid for cid, circle in CIRCLES.items() if circle <= 15}
        assert set(shown_ids(app)) == fifteen
        assert "circle 15 (5 and 15)" in status(app)
        await pilot.press("c", "c")  # 50, 150
        assert set(shown_ids(app)) == set(CIRCLES)
        await pilot.press("c")  # back to everyone
        assert shown_ids(app) == everyone
        assert "circle" not in status(app)
        # The circle filter and the typed filter narrow together.
        await pilot.press("c")
        await pilot.press("slash")
        app.query_one("#contact-filter", Input).value = "fintech"
        await pilot.pause()
        assert sorted(shown_ids(app)) == ["daniel-cohen", "priya-raman"]
        await pilot.press("enter", "escape")  # to the table; escape clears both filters
        await pilot.pause()
        assert shown_ids(app) == everyone


async def test_the_capacity_note_follows_the_circles(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        note = app.query_one(CircleNote)
        assert note.display
        assert str(note.content) == "Circle 5 holds 6 people (Dunbar: 5)"
        # Moving one of them out to circle 15 brings circle 5 back to its size.
        await pilot.press("c")  # circle 5 only: the first row is one of the six
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#circle", Select).value == 5
        form.query_one("#circle", Select).value = 15
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not note.display
        assert len(shown_ids(app)) == 5  # still filtered by circle 5
        moved = [c for c in on_disk(demo_store).contacts.contacts if c.circle == 5]
        assert len(moved) == 5


async def test_the_form_sets_and_clears_a_circle(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#circle", Select).value is Select.NULL  # none by default
        form.query_one("#name", Input).value = "Ann"
        form.query_one("#circle", Select).value = 50
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert on_disk(store).contacts.contacts[0].circle == 50
        assert "circle = 50" in store.path("contacts").read_text()
        await pilot.press("e")
        app.screen.query_one("#circle", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert on_disk(store).contacts.contacts[0].circle is None
        assert "circle" not in store.path("contacts").read_text()


async def test_the_form_says_a_refused_circle_beside_the_field(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("a")
        form = app.screen
        form.query_one("#name", Input).value = "Bo"
        # What the select cannot offer, as a value slipped past it would be refused.
        errors: dict[str, str] = {}
        values = form.values(errors)
        values["circle"] = 7
        from pydantic import ValidationError

        from netplan.models import Contact
        from netplan.tui.common.forms import field_errors, show_errors

        try:
            Contact.model_validate(values)
        except ValidationError as error:
            show_errors(form, field_errors(error))
        await pilot.pause()
        said = form.query_one("#field-circle .field-error")
        assert "5, 15, 50 or 150" in str(said.content)
