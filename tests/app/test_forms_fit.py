"""Forms that fit (issue 17): Save in reach at 80x24, messages in full under their field, the
form's own keys in the footer, escape asking before it throws changes away, and entering a
field never selecting its text."""

from __future__ import annotations

import pytest
from app_helpers import make_app, on_disk, settle, wait_for
from textual.color import Color
from textual.widgets import Button, Input, Label, TextArea
from textual.widgets._footer import FooterKey

from netplan.store import Store
from netplan.tui.common.form_discard import DiscardChanges
from netplan.tui.common.forms import FormScreen
from netplan.tui.contacts.form import ContactForm
from netplan.tui.goals.strategy_form import StrategyForm

# Each form: the tab it opens from and the keys that open it on the demo store.
FORMS = {
    "new routine": ("1", "a"),
    "routine": ("1", "e"),
    "event": ("2", "E"),
    "new contact": ("3", "a"),
    "contact": ("3", "e"),
    "log": ("3", "l"),
    "new goal": ("4", "a"),
    "goal": ("4", "e"),
    "strategy": ("4", "S"),
}


async def open_form(pilot, app, name: str) -> FormScreen:
    tab, key = FORMS[name]
    await settle(pilot, app)
    await pilot.press(tab)
    await settle(pilot, app)
    await pilot.press(key)
    await wait_for(pilot, lambda: bool(app.screen.query("#save")), what=f"the {name} form")
    await pilot.pause()
    return app.screen  # type: ignore[return-value]


def shows(app, widget) -> bool:
    """Whether the widget is on screen, unhidden: what is drawn at its middle is it."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    hit, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    return hit is widget or widget in hit.ancestors


def lines_of(app, widget) -> list[str]:
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return [s.crop(region.x, region.right).text for s in strips[region.y : region.bottom]]


@pytest.mark.parametrize("name", list(FORMS))
async def test_save_is_in_reach_at_80x24_by_tabbing(demo_store: Store, name: str) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, name)
        save = form.query_one("#save", Button)
        assert shows(app, save), "Save is on screen before any scrolling"
        for _ in range(40):
            if app.focused is save:
                break
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None and shows(app, focused), f"{focused} scrolled into view"
        assert app.focused is save
        footer = form.query_one("Footer")
        assert save.region.bottom <= footer.region.y <= app.screen.region.bottom


async def test_a_bad_email_says_so_in_full_under_its_field(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, "new contact")
        form.query_one("#name", Input).value = "Zed Example"
        email = form.query_one("#email", Input)
        email.focus()
        await pilot.press(*"not-an-email", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        field = form.query_one("#field-email")
        error = field.query_one(".field-error", Label)
        message = "not an email address (expected name@domain.tld)"
        assert str(error.content) == message
        assert error.region.width == field.region.width  # wraps at the field's width
        shown = " ".join(" ".join(line.split()) for line in lines_of(app, error))
        assert f"Email: {message}" in shown, shown
        assert shows(app, error)
        assert error.styles.color == Color.parse(app.theme_colors()["error"])
        email.value = "zed@example.com"  # fixed: the message goes
        await pilot.pause()
        assert not field.has_class("-invalid")
        assert not error.display or not error.region


async def test_escape_on_a_changed_form_asks_first(demo_store: Store) -> None:
    before = len(on_disk(demo_store).contacts.contacts)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, "new contact")
        await pilot.press(*"Zed")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DiscardChanges), what="the question")
        keys = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert keys.get("y") == "Discard" and keys.get("n") == "Keep editing", keys
        await pilot.press("n")  # keep editing: what was typed is still there
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#name", Input).value == "Zed"
        await pilot.press(*" Example", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DiscardChanges), what="the question")
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (ContactForm, DiscardChanges))
        await settle(pilot, app)
    contacts = on_disk(demo_store).contacts.contacts
    assert len(contacts) == before
    assert "Zed Example" not in {c.name for c in contacts}


async def test_escape_closes_an_unchanged_form_at_once(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, app, "contact")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ContactForm, DiscardChanges))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), what="the form")
        await pilot.pause()
        await pilot.press("x", "backspace")  # typed, but the name is what it opened with
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ContactForm, DiscardChanges))
        await pilot.press("e")  # a change asks
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), what="the form")
        await pilot.pause()
        await pilot.press("x", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DiscardChanges), what="the question")


async def test_entering_platforms_puts_the_cursor_at_the_end(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, "strategy")
        assert isinstance(form, StrategyForm)
        platforms = form.query_one("#platforms", Input)
        before = platforms.value
        await pilot.press("tab", "shift+tab")  # leave the field and come back to it
        assert app.focused is platforms
        assert platforms.selection.is_empty
        await pilot.press(*", Mastodon")
        assert platforms.value == before + ", Mastodon"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert on_disk(demo_store).plan.settings.platforms[-1] == "Mastodon"


async def test_entering_notes_puts_the_cursor_at_the_end(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, app, "contact")
        notes = form.query_one("#notes", TextArea)
        assert notes.text
        form.query_one("#topics", Input).focus()
        await pilot.press("tab")
        assert app.focused is notes
        await pilot.press(*" Likes tea.")
        assert notes.text.endswith(" Likes tea.")


async def test_the_form_footer_shows_the_form_keys(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, "routine")
        keys = {k.key: k.description for k in form.query(FooterKey)}
        assert keys.get("ctrl+s") == "Save" and keys.get("escape") == "Cancel", keys
        assert "space" not in keys and "a" not in keys  # not the grid's behind it
        assert all(shows(app, k) for k in form.query(FooterKey) if k.key in ("ctrl+s", "escape"))
