"""The app, driven headlessly with the Pilot on a temporary store and a fixed today."""

from __future__ import annotations

import errno
import gc
import os
import time
from datetime import date

import pytest
from app_helpers import TODAY, make_app, notified, on_disk, settle, wait_for
from faults_helpers import replace_through_os
from textual.coordinate import Coordinate
from textual.widgets import Input, Label, TabbedContent

from netplan.runtime.gc_pause import pause_for_start
from netplan.store import Store
from netplan.tui import app as app_module
from netplan.tui.common.help import HelpScreen
from netplan.tui.week.grid import RoutineGrid
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.routine_form import RoutineForm
from netplan.workspace import states as states_module

MONDAY = date(2026, 11, 23)


def grid_of(app, pane=WeekPane) -> RoutineGrid:
    return app.query_one(pane).grid


def title_of(app, pane=WeekPane) -> str:
    return str(app.query_one(pane).query_one(".period-title", Label).content)


def cell(grid: RoutineGrid, row: int, column: str) -> str:
    return grid.get_cell(grid.row_keys[row], column).plain


# --- start-up -------------------------------------------------------------------------


async def test_starts_on_the_week_grid_at_today(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert app.query_one(TabbedContent).active == "week"
        grid = grid_of(app)
        assert app.focused is grid
        assert title_of(app) == "2026-W48 · Nov 23–29"
        assert grid.cursor_coordinate == Coordinate(0, 2)  # Mon, Tue, *Wed* 25
        assert grid.row_keys == ["engage-posts", "connect-people", "share-resource"]
        assert cell(grid, 0, "done") == "0/3"


async def test_week_starting_sunday(store: Store) -> None:
    path = store.folder / "plan.toml"
    path.write_text(path.read_text().replace('week_start = "monday"', 'week_start = "sunday"'))
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert title_of(app) == "2026-W48 · Nov 22–28"
        assert grid_of(app).cursor_coordinate.column == 3


# --- checking off ---------------------------------------------------------------------


async def test_space_and_x_add_backspace_and_X_remove(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space", "x", "space")
        assert cell(grid_of(app), 0, "done") == "3/3"
        await pilot.press("backspace")
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 2}}
        await pilot.press("X", "X", "X")  # never below zero
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {}


async def test_cursor_keys_choose_routine_and_day(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "h", "space")  # connect-people, Tuesday
        await pilot.press("down", "left", "left", "left", "space")  # share-resource, Monday
        await pilot.press("k", "h", "space")  # connect-people, Monday (h stops at the edge)
        await pilot.press("right", "up", "x")  # engage-posts, Tuesday
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {
            MONDAY: {"share-resource": 1, "connect-people": 1},
            date(2026, 11, 24): {"connect-people": 1, "engage-posts": 1},
        }


async def test_cursor_stays_on_the_day_columns(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press(*["l"] * 12)
        assert grid_of(app).cursor_coordinate.column == 6


async def test_brackets_change_week_and_t_comes_back(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("left_square_bracket")
        assert title_of(app) == "2026-W47 · Nov 16–22"
        await pilot.press("space")  # Wednesday of the previous week
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert title_of(app) == "2026-W49 · Nov 30–Dec 6"
        await pilot.press("t")
        assert title_of(app) == "2026-W48 · Nov 23–29"
        assert grid_of(app).cursor_coordinate == Coordinate(0, 2)
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {date(2026, 11, 18): {"engage-posts": 1}}


async def test_undo_and_redo_check_offs(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space", "space", "j", "space")
        await pilot.press("u")
        assert app.data.plan.completions == {TODAY: {"engage-posts": 2}}
        await pilot.press("u", "u")
        assert app.data.plan.completions == {}
        await pilot.press("U")
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 1}}


# --- the month grid -------------------------------------------------------------------


async def test_month_grid_records_today_or_the_weeks_first_day(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")
        assert app.query_one(TabbedContent).active == "month"
        grid = grid_of(app, MonthPane)
        assert app.focused is grid
        assert title_of(app, MonthPane) == "November 2026"
        assert grid.row_keys == ["write-article", "attend-event", "review-contacts"]
        # Weeks of November 2026 from Monday: Nov 1 (Sun), 2–8, 9–15, 16–22, 23–29, 30.
        assert grid.cursor_coordinate.column == 4
        await pilot.press("space")  # this week: recorded today
        await pilot.press("h", "h", "h", "j", "space")  # Nov 2–8: recorded on the 2nd
        await pilot.press("h", "j", "space")  # the week that starts in October: Nov 1
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {
            date(2026, 11, 1): {"review-contacts": 1},
            date(2026, 11, 2): {"attend-event": 1},
            TODAY: {"write-article": 1},
        }
        assert cell(grid, 0, "done") == "1/1"
        await pilot.press("right_square_bracket")
        assert title_of(app, MonthPane) == "December 2026"


# --- routines: add, edit, archive -----------------------------------------------------


async def test_add_a_routine_with_validation_next_to_the_field(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, RoutineForm)
        await pilot.press(*"Thank someone")
        target = app.screen.query_one("#target", Input)
        target.value = "0"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RoutineForm)
        error = app.screen.query_one("#field-target .field-error", Label)
        assert "greater than or equal to 1" in str(error.content)
        target.value = "2"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, RoutineForm)
        await settle(pilot, app)
        added = on_disk(store).plan.routines[-1]
        assert (added.id, added.title, added.period, added.target) == (
            "thank-someone",
            "Thank someone",
            "week",
            2,
        )
        assert grid_of(app).row_keys[-1] == "thank-someone"


async def test_empty_title_is_refused(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("a", "enter")
        assert isinstance(app.screen, RoutineForm)
        error = app.screen.query_one("#field-title .field-error", Label)
        assert "title" in str(error.content)
        await pilot.press("escape")
        assert not isinstance(app.screen, RoutineForm)


async def test_edit_and_archive_a_routine_then_undo(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, RoutineForm)
        app.screen.query_one("#target", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].target == 5
        assert cell(grid_of(app), 0, "done") == "0/5"
        await pilot.press("D")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].archived is True
        assert grid_of(app).row_keys == ["connect-people", "share-resource"]
        await pilot.press("u")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].archived is False
        await pilot.press("u")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].target == 3


# --- tabs, help, palette, theme -------------------------------------------------------


async def test_number_keys_switch_tabs(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        for key, tab in (("3", "contacts"), ("4", "goals"), ("2", "month"), ("1", "week")):
            await pilot.press(key)
            assert app.query_one(TabbedContent).active == tab
        assert app.focused is grid_of(app)


async def test_a_tab_chosen_at_once_gets_its_content_and_focus(demo_store: Store) -> None:
    """Month, Contacts and Goals get their content after the first frame; a key pressed
    before that still lands on the tab's main widget."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        await settle(pilot, app)
        assert app.query_one(TabbedContent).active == "contacts"
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "contact-table")
        await pilot.press("2")
        assert app.focused is grid_of(app, MonthPane)
        assert title_of(app, MonthPane) == "November 2026"


async def test_the_collector_paused_for_start_resumes_after_the_first_frame(store: Store) -> None:
    gc.enable()
    pause_for_start()
    try:
        assert not gc.isenabled()
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot, app)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


async def test_question_mark_lists_the_keys(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {desc.split(":")[0]: keys for keys, desc in app.screen.rows}
        for description in (
            "Check",
            "Uncheck",
            "Prev",
            "Next",
            "Now",
            "Add",
            "Edit",
            "Archive",
            "Undo",
            "Redo",
            "Quit",
            "Week",
            "Goals",
        ):
            assert description in listed, description
        assert "space" in listed["Check"] and "x" in listed["Check"]
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_holds_the_actions(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Week: Check",
            "Undo",
            "Redo",
            "Week: Add",
            "Week: Archive",
            "Month",
            "Theme",
        ):
            assert title in titles, title


async def test_theme_change_is_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.theme = "nord"
        await settle(pilot, app)
        assert on_disk(store).plan.settings.theme == "nord"
    again = make_app(Store(store.folder))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot, again)
        assert again.theme == "nord"


# --- the agenda ----------------------------------------------------------------------


async def test_agenda_on_demo_data(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.1)
        rendered = "\n".join(
            part.plain
            for agenda in app.query(".agenda-body")
            for part in agenda.content.renderables
        )
        assert "Follow-ups · " in rendered and "overdue" in rendered
        assert "Milestones · next 14 days" in rendered
        assert "Birthday" in rendered  # the demo has one within 14 days
        assert "Reach out this week" in rendered
        assert "Give and ask · November" in rendered
        assert "Time this week" in rendered and "of 5–10 h" in rendered


async def test_text_from_the_store_is_not_markup(store: Store) -> None:
    path = store.folder / "plan.toml"
    path.write_text(
        path.read_text() + '\n[[routines]]\nid = "odd"\ntitle = "[bold red]Loud[/] \\u001b[31m"\n'
        'period = "week"\ntarget = 1\n'
    )
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        grid = grid_of(app)
        label = next(row.label for key, row in grid.rows.items() if key.value == "odd")
        assert "[bold red]Loud[/]" in label.plain
        assert "\x1b" not in label.plain


# --- saving ---------------------------------------------------------------------------


async def test_keys_are_handled_while_a_slow_save_runs(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Store.save

    def slow_save(self, **models):
        time.sleep(0.8)
        return real_save(self, **models)

    monkeypatch.setattr(Store, "save", slow_save)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")
        started = time.monotonic()
        await pilot.press("j", "space")
        await pilot.pause()
        assert time.monotonic() - started < 0.5
        assert cell(grid_of(app), 1, "done") == "1/2"
        await settle(pilot, app)
    assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 1, "connect-people": 1}}


async def test_a_failed_save_is_shown_kept_and_retried(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.2,))
    real_replace = os.replace
    failing = {"on": True}

    def replace(src, dst):
        if failing["on"]:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)

    replace_through_os(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        before = (store.folder / "plan.toml").read_bytes()
        await pilot.press("space")
        await notified(pilot, app, "read-only")
        assert app.workspace.dirty
        assert (store.folder / "plan.toml").read_bytes() == before
        assert cell(grid_of(app), 0, "done") == "1/3"
        failing["on"] = False
        await settle(pilot, app)
        await notified(pilot, app, "Saved")
    assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 1}}


async def test_q_waits_for_the_pending_save(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real_save = Store.save

    def slow_save(self, **models):
        time.sleep(0.5)
        return real_save(self, **models)

    monkeypatch.setattr(Store, "save", slow_save)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space", "q")
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
        assert app.return_code == 0
    assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 1}}


# --- the disk changes underneath -------------------------------------------------------


async def test_an_external_edit_is_reloaded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        path = store.folder / "plan.toml"
        path.write_text(path.read_text() + '\n[completions."2026-11-24"]\nengage-posts = 2\n')
        for _ in range(200):
            await pilot.pause(0.05)
            if app.data.plan.completions:
                break
        assert app.data.plan.completions == {date(2026, 11, 24): {"engage-posts": 2}}
        assert cell(grid_of(app), 0, "done") == "2/3"
        await notified(pilot, app, "changed on disk")
        # A change made here now saves on top of the reloaded file.
        await pilot.press("space")
        await settle(pilot, app)
    assert on_disk(store).plan.completions == {
        date(2026, 11, 24): {"engage-posts": 2},
        TODAY: {"engage-posts": 1},
    }


async def test_unsaved_changes_are_replayed_on_top_of_an_external_edit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer (the CLI) changes the file between our load and our save."""
    monkeypatch.setattr(app_module, "POLL_SECONDS", 60)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        other = Store(store.folder)
        from netplan.domain.routines import add_completions

        plan = other.read_plan()
        other.save(plan=add_completions(plan, "share-resource", MONDAY, 1))
        await pilot.press("space")
        await settle(pilot, app)
        await notified(pilot, app, "applied on top")
    assert on_disk(store).plan.completions == {
        MONDAY: {"share-resource": 1},
        TODAY: {"engage-posts": 1},
    }


async def test_an_invalid_external_edit_is_refused_and_never_overwritten(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        path = store.folder / "plan.toml"
        broken = path.read_text() + "\nthis is = not toml =\n"
        path.write_text(broken)
        for _ in range(200):
            await pilot.pause(0.05)
            if any("invalid" in (n.title or "") for n in app._notifications):
                break
        assert any("invalid" in (n.title or "") for n in app._notifications)
        await pilot.press("space")
        await pilot.pause(0.5)
        assert path.read_text() == broken
        assert cell(grid_of(app), 0, "done") == "1/3"
