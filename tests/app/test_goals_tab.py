"""The Goals tab, driven with the Pilot on the demo store (3 goals) and a fixed today."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from app_helpers import TODAY, make_app, on_disk, settle
from textual.widgets import Input, Label, Select, Static, TabbedContent

from netplan.domain.goals import goal_progress
from netplan.models import Contact, ContactBook, GoalSource, GoalStatus, WeekStart
from netplan.store import Store
from netplan.tui.common.help import HelpScreen
from netplan.tui.goals.form import GoalForm
from netplan.tui.goals.pane import GoalList, GoalsPane
from netplan.tui.goals.strategy_form import StrategyForm
from netplan.tui.week.panes import WeekPane
from netplan.workspace.plan_edits import Data, Edit

DEMO_GOALS = ["fintech-five", "publish-six", "talks-intros"]


def goal_list(app) -> GoalList:
    return app.query_one(GoalList)


def prompt_text(app, goal_id: str) -> str:
    prompt = goal_list(app).get_option(goal_id).prompt
    parts = getattr(prompt, "renderables", [prompt])
    return "\n".join(part.plain for part in parts)


def error_of(screen, name: str) -> str:
    return str(screen.query_one(f"#field-{name} .field-error", Label).content)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_goals(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("4")
    assert app.query_one(TabbedContent).active == "goals"


def goal_on_disk(store: Store, goal_id: str):
    return next(g for g in on_disk(store).plan.goals if g.id == goal_id)


# --- showing the goals ---------------------------------------------------------------


async def test_tab_shows_goals_with_progress_pace_and_due(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        listed = goal_list(app)
        assert app.focused is listed
        assert [o.id for o in listed.options if not o.disabled] == DEMO_GOALS
        assert listed.goal_id == "fintech-five"
        fintech = prompt_text(app, "fintech-five")
        assert "Meet five people in fintech" in fintech
        assert "3/5 people" in fintech
        assert "due Mar 31, 2027 · 126 days left" in fintech
        assert "on track" in fintech
        assert "counted: contacts added with tag fintech" in fintech
        assert "Why: Move towards a data product role in payments." in fintech
        talks = prompt_text(app, "talks-intros")
        assert "6/10 talks or intros" in talks
        assert "behind: 8 expected by now" in talks  # 5 of 7 months gone: 8.2 expected
        assert "36 days left" in talks
        assert "manual" in talks
        title = str(app.query_one(".goals-title", Label).content)
        assert title == "Goals · 3 active"


async def test_arrows_and_j_k_move_between_goals(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("j")
        assert goal_list(app).goal_id == "publish-six"
        await pilot.press("down")
        assert goal_list(app).goal_id == "talks-intros"
        await pilot.press("k", "up")
        assert goal_list(app).goal_id == "fintech-five"


async def test_progress_waits_for_contacts_to_load(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store.read_contacts
    release = threading.Event()

    def slow(self, *args):
        release.wait(10)
        return real(self, *args)

    monkeypatch.setattr(Store, "read_contacts", slow)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.data.contacts is None
        assert "counting once contacts are loaded" in prompt_text(app, "fintech-five")
        assert "2/6 articles" in prompt_text(app, "publish-six")  # routines need no contacts
        await pilot.press("e")
        count = app.screen.query_one("#count", Static)
        assert "still loading" in str(count.content)
        release.set()
        await settle(pilot, app)
        await pilot.pause()
        assert "3/5" in str(count.content)  # the open form counts once they arrive
        await pilot.press("escape")
        assert "3/5 people" in prompt_text(app, "fintech-five")


async def test_counts_follow_changes_to_contacts(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        new = Contact(id="new-fintech", name="New Person", tags=["FinTech"], created=TODAY)

        def add(data: Data) -> Data:
            people = ContactBook(contacts=[*data.contacts.contacts, new])
            return replace(data, contacts=people)

        def remove(data: Data) -> Data:
            people = [c for c in data.contacts.contacts if c.id != new.id]
            return replace(data, contacts=ContactBook(contacts=people))

        app.apply(Edit("Add New Person", add, remove))
        await pilot.pause()
        assert "4/5 people" in prompt_text(app, "fintech-five")
        await pilot.press("u")
        assert "3/5 people" in prompt_text(app, "fintech-five")


# --- adding and editing --------------------------------------------------------------


async def test_add_a_goal_with_validation_errors_then_success(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, GoalForm)
        assert form.query_one("#start", Input).value == "2026-11-25"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, GoalForm)
        assert "title" in error_of(form, "title")
        await pilot.press(*"Speak at a meetup")
        form.query_one("#target", Input).value = "0"
        form.query_one("#due", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, GoalForm)
        assert error_of(form, "title") == ""
        assert error_of(form, "target") == "the target must be at least 1"
        assert "must not be before the start" in error_of(form, "due")
        form.query_one("#target", Input).value = "2"
        form.query_one("#unit", Input).value = "talks"
        form.query_one("#due", Input).value = "+12w"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, GoalForm)
        await settle(pilot, app)
        added = on_disk(demo_store).plan.goals[-1]
        assert (added.id, added.title, added.target, added.unit) == (
            "speak-at-a-meetup",
            "Speak at a meetup",
            2,
            "talks",
        )
        assert (added.start, added.due, added.source, added.progress) == (
            TODAY,
            date(2027, 2, 17),
            None,
            0,
        )
        assert goal_list(app).goal_id == "speak-at-a-meetup"
        assert app.focused is goal_list(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert [g.id for g in on_disk(demo_store).plan.goals] == DEMO_GOALS


async def test_form_counts_the_chosen_source_live(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("a", *"Fintech friends")
        form = app.screen
        count = form.query_one("#count", Static)
        form.query_one("#source", Select).value = "tag"
        await pilot.pause()
        assert form.query_one("#field-tag").display
        assert not form.query_one("#field-progress").display
        assert "enter the tag" in str(count.content)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, GoalForm)
        assert "enter the tag" in error_of(form, "tag")
        form.query_one("#tag", Input).value = "fintech"
        form.query_one("#start", Input).value = "2026-10-01"
        await pilot.pause()
        # Contacts tagged fintech created since Oct 1: Clara, Yuki, Olumide.
        assert str(count.content) == "Counted so far since 2026-10-01: 3/5"
        form.query_one("#source", Select).value = "interactions"
        form.query_one("#exchange", Select).value = "gave"
        await pilot.pause()
        expected = goal_progress(
            form._read()[0], app.data.plan, app.data.contacts, app.data.journal
        )
        assert f": {expected}/5" in str(count.content)
        form.query_one("#source", Select).value = "routine"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, GoalForm)
        assert "choose the routine" in error_of(form, "routine")
        form.query_one("#routine", Select).value = "connect-people"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        added = on_disk(demo_store).plan.goals[-1]
        assert added.source == GoalSource(routine="connect-people")
        assert added.start == date(2026, 10, 1)


async def test_edit_a_goal(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("j", "enter")
        form = app.screen
        assert isinstance(form, GoalForm)
        assert form.query_one("#title", Input).value == "Publish 6 articles"
        assert form.query_one("#source", Select).value == "routine"
        assert form.query_one("#routine", Select).value == "write-article"
        form.query_one("#target", Input).value = "8"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        edited = goal_on_disk(demo_store, "publish-six")
        assert (edited.target, edited.source, edited.start) == (
            8,
            GoalSource(routine="write-article"),
            date(2026, 8, 1),
        )
        assert [g.id for g in on_disk(demo_store).plan.goals] == DEMO_GOALS
        assert "2/8 articles" in prompt_text(app, "publish-six")
        assert goal_list(app).goal_id == "publish-six"
        await pilot.press("e", "escape")  # cancel changes nothing
        await pilot.press("u")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "publish-six").target == 6


# --- progress, done, drop, undo ------------------------------------------------------


async def test_plus_and_minus_move_a_manual_goal(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("j", "j")
        assert goal_list(app).goal_id == "talks-intros"
        await pilot.press("plus", "plus")
        assert "8/10 talks or intros" in prompt_text(app, "talks-intros")
        await pilot.press("minus")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "talks-intros").progress == 7
        await pilot.press("u")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "talks-intros").progress == 8
        assert goal_list(app).goal_id == "talks-intros"


async def test_plus_on_a_counted_goal_says_it_is_automatic(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        before = app.data
        await pilot.press("plus")
        await pilot.press("j", "minus")
        assert app.data is before
        messages = notices(app)
        assert any("“Meet five people in fintech” is counted automatically" in m for m in messages)
        assert any("Write an industry article completions" in m for m in messages)


async def test_d_marks_done_x_drops_and_u_undoes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "fintech-five").status == GoalStatus.done
        listed = goal_list(app)
        ids = [o.id for o in listed.options]
        assert ids.index("done-heading") < ids.index("fintech-five")
        assert "✓ Meet five people in fintech · 3/5 people · done" in prompt_text(
            app, "fintech-five"
        )
        assert listed.goal_id == "publish-six"  # the cursor stays among the active goals
        assert str(app.query_one(".goals-title", Label).content) == (
            "Goals · 2 active · 1 done or dropped"
        )
        assert any("Marked done" in m for m in notices(app))
        await pilot.press("x")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "publish-six").status == GoalStatus.dropped
        assert "dropped" in prompt_text(app, "publish-six")
        await pilot.press("u")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "publish-six").status == GoalStatus.active
        await pilot.press("u")
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "fintech-five").status == GoalStatus.active
        assert "done-heading" not in [o.id for o in goal_list(app).options]


async def test_d_on_a_done_goal_reopens_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("j", "j", "d")  # the last active goal: the cursor goes up
        assert goal_list(app).goal_id == "publish-six"
        await pilot.press("end")
        assert goal_list(app).goal_id == "talks-intros"
        await pilot.press("d")
        assert goal_list(app).goal_id == "talks-intros"  # reopened: the cursor follows it
        await settle(pilot, app)
        assert goal_on_disk(demo_store, "talks-intros").status == GoalStatus.active
        assert any("Reopened “Give 10 talks or intros”" in m for m in notices(app))


# --- the strategy --------------------------------------------------------------------


async def test_strategy_refuses_bad_values_and_saves_good_ones(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        line = app.query_one(".strategy-line", Static)
        assert "LinkedIn · Twitter · Slack · 5–10 h a week · weeks start Monday" in str(
            line.content
        )
        await pilot.press("S")
        form = app.screen
        assert isinstance(form, StrategyForm)
        form.query_one("#low", Input).value = "lots"
        form.query_one("#high", Input).value = "200"
        form.query_one("#cadence", Input).value = "mentor=30, family=0"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StrategyForm)
        assert "number of hours" in error_of(form, "low")
        assert "0 to 168" in error_of(form, "high")
        assert '"family=0"' in error_of(form, "cadence")
        form.query_one("#low", Input).value = "8"
        form.query_one("#high", Input).value = "6"
        form.query_one("#cadence", Input).value = "mentor=30, family=14, Mentor=7"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StrategyForm)
        assert error_of(form, "low") == ""
        assert "below the minimum (8)" in error_of(form, "high")
        assert "twice" in error_of(form, "cadence")
        form.query_one("#platforms", Input).value = "LinkedIn, Mastodon, , linkedin"
        form.query_one("#low", Input).value = "4"
        form.query_one("#high", Input).value = "7.5"
        form.query_one("#cadence", Input).value = "mentor=21, family: 14"
        form.query_one("#week_start", Select).value = "sunday"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, StrategyForm)
        await settle(pilot, app)
        assert "LinkedIn · Mastodon · 4–7.5 h a week · weeks start Sunday" in str(line.content)
        settings = on_disk(demo_store).plan.settings
        assert settings.platforms == ["LinkedIn", "Mastodon"]
        assert settings.weekly_hours == (4, 7.5)
        assert settings.cadence_by_tag == {"mentor": 21, "family": 14}
        assert settings.week_start == WeekStart.sunday
        await pilot.press("1")
        week_title = app.query_one(WeekPane).query_one(".period-title", Label)
        assert str(week_title.content) == "2026-W48 · Nov 22–28"
        await pilot.press("u")
        await settle(pilot, app)
        assert on_disk(demo_store).plan.settings.week_start == WeekStart.monday
        assert str(week_title.content) == "2026-W48 · Nov 23–29"


async def test_strategy_theme_applies_at_once_and_undoes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        assert app.theme == "textual-dark"
        await pilot.press("S")
        app.screen.query_one("#theme", Select).value = "nord"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.theme == "nord"
        assert on_disk(demo_store).plan.settings.theme == "nord"
        assert len(app.workspace.copy.undo_stack) == 1  # one change, not a second "Theme" edit
        await pilot.press("u")
        await settle(pilot, app)
        assert app.theme == "textual-dark"
        assert on_disk(demo_store).plan.settings.theme == "textual-dark"


async def test_strategy_without_changes_records_nothing(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        await pilot.press("S", "ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, StrategyForm)
        assert app.workspace.copy.undo_stack == []


# --- trends, keys, text --------------------------------------------------------------


async def test_trends_give_the_numbers(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        pane = app.query_one(GoalsPane)
        weeks = str(pane.query_one("#weeks-caption", Static).content)
        assert weeks.startswith("this week 2/7 (29%)")
        assert "-week average" in weeks
        exchange = str(pane.query_one("#exchange-caption", Static).content)
        assert exchange.startswith("November: gave 16 · asked 9")
        assert pane.query_one("#weeks-spark").data[-1] == 29


async def test_goal_keys_are_in_help_and_the_palette(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Add", "Edit", "More", "Less", "Done", "Drop", "Strategy"):
            assert f"Goals: {title}" in titles, title
        assert "Undo" in titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {desc.partition(":")[0]: keys for keys, desc in app.screen.rows}
        assert listed["Edit"].split() == ["e", "⏎"]
        assert listed["More"] == "+" and listed["Less"] == "-"
        assert (listed["Add"], listed["Done"], listed["Drop"], listed["Strategy"]) == (
            "a",
            "d",
            "x",
            "S",
        )
        assert "j" in listed["Move the cursor"] and "k" in listed["Move the cursor"]


async def test_goal_text_is_not_markup(demo_store: Store) -> None:
    path = demo_store.folder / "plan.toml"
    path.write_text(
        path.read_text()
        + '\n[[goals]]\nid = "odd"\ntitle = "[bold red]Loud[/] \\u001b[31m"\ntarget = 2\n'
        'unit = "[i]x[/i]"\nwhy = "because\\u0007"\n'
    )
    app = make_app(Store(demo_store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_goals(pilot, app)
        text = prompt_text(app, "odd")
        assert "[bold red]Loud[/]" in text and "0/2 [i]x[/i]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "no due date" in text
