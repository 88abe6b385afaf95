"""A form opened before a change elsewhere never puts the old values back; an unchanged form
changes nothing. (Each change elsewhere lands between opening the form and saving it; the
save then finds the file changed, reloads it and applies only the fields the form changed.)
"""

from __future__ import annotations

from datetime import date

import pytest
from app_helpers import make_app, on_disk, settle
from textual.widgets import Input, TextArea

from netplan.cli import main
from netplan.models import Contact
from netplan.store import Store
from netplan.tui import app as app_module
from netplan.tui.contacts.form import ContactForm
from netplan.tui.goals.form import GoalForm
from netplan.tui.goals.strategy_form import StrategyForm
from netplan.tui.week.routine_form import RoutineForm

ENV = {"NETPLAN_TODAY": "2026-11-25"}


@pytest.fixture(autouse=True)
def no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    # The change elsewhere is found by the save itself (the file is not the one read).
    monkeypatch.setattr(app_module, "POLL_SECONDS", 600)


async def open_contact(pilot, app, name: str) -> ContactForm:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("slash", *name, "enter")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ContactForm)
    return app.screen


async def test_the_contact_form_keeps_a_follow_up_set_in_another_terminal(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_contact(pilot, app, "Chen Wei")
        args = ["--data", str(demo_store.folder), "log", "chen", "--follow-up", "2027-01-15"]
        assert main(args, ENV) == 0
        form.query_one("#notes", TextArea).text = "Met his co-founder."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        chen = next(c for c in on_disk(demo_store).contacts.contacts if c.id == "chen-wei")
        assert chen.notes == "Met his co-founder."
        assert chen.follow_up == date(2027, 1, 15)  # not the one the form showed
        # Undo takes back the notes only; the other terminal's follow-up stays.
        await pilot.press("u")
        await settle(pilot, app)
    chen = next(c for c in on_disk(demo_store).contacts.contacts if c.id == "chen-wei")
    assert chen.notes != "Met his co-founder." and chen.follow_up == date(2027, 1, 15)


async def test_the_routine_form_keeps_minutes_changed_by_a_sync(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RoutineForm)
        synced = Store(demo_store.folder)
        plan = synced.read_plan()
        first = plan.routines[0].model_copy(update={"minutes": 25})
        synced.save(plan=plan.model_copy(update={"routines": [first, *plan.routines[1:]]}))
        form.query_one("#title", Input).value = "Comment on posts"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    routine = on_disk(demo_store).plan.routines[0]
    assert (routine.title, routine.minutes) == ("Comment on posts", 25)


async def test_the_goal_form_does_not_write_back_the_progress_it_showed(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("4")
        await pilot.pause()
        plan = on_disk(demo_store).plan
        manual = next(g for g in plan.goals if g.source is None)
        while app.query_one("#goal-list").goal_id != manual.id:
            await pilot.press("j")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, GoalForm)
        synced = Store(demo_store.folder)
        plan = synced.read_plan()
        moved = [
            g.model_copy(update={"progress": 9}) if g.id == manual.id else g for g in plan.goals
        ]
        synced.save(plan=plan.model_copy(update={"goals": moved}))
        form.query_one("#why", Input).value = "Be useful first."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    goal = next(g for g in on_disk(demo_store).plan.goals if g.id == manual.id)
    assert (goal.why, goal.progress) == ("Be useful first.", 9)


async def test_the_strategy_form_keeps_hours_changed_elsewhere(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("S")
        form = app.screen
        assert isinstance(form, StrategyForm)
        synced = Store(demo_store.folder)
        plan = synced.read_plan()
        settings = plan.settings.model_copy(update={"weekly_hours": (6.0, 8.0)})
        synced.save(plan=plan.model_copy(update={"settings": settings}))
        form.query_one("#platforms", Input).value = "LinkedIn, Mastodon"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    settings = on_disk(demo_store).plan.settings
    assert settings.platforms == ["LinkedIn", "Mastodon"]
    assert settings.weekly_hours == (6.0, 8.0)


async def test_an_unchanged_contact_form_changes_nothing(store: Store) -> None:
    with store.lock():
        book = store.load().contacts
        odd = Contact(
            id="mei",
            name="Mei \x1b[31mLin",
            topics=["kids: Anna, Ben", "climbing"],
            handles={"微信": "mei_lin", "linkedin": "https://www.linkedin.com/in/mei"},
            notes="Line one\n  indented line",
        )
        store.save(contacts=book.model_copy(update={"contacts": [odd]}))
    before = store.path("contacts").read_bytes()
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_contact(pilot, app, "mei")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.workspace.copy.undo_stack == []  # nothing was changed
        assert store.path("contacts").read_bytes() == before
        # And a handle named in another script does not block an edit of another field.
        form = await open_contact(pilot, app, "mei")
        form.query_one("#role", Input).value = "Founder"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, ContactForm)
    mei = on_disk(store).contacts.contacts[0]
    assert mei.role == "Founder"
    assert mei.topics == ["kids: Anna, Ben", "climbing"] and "微信" in mei.handles
    assert mei.name == "Mei \x1b[31mLin"  # shown cleaned, kept as it is
